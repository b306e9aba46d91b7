"""Fuzzing the readers and ``outline``: mutated bytes of real-shaped inputs never raise anything but
``DocumentError``, never hang, and keep memory bounded.

Seeds are the generated forms (PDF, DOCX, saved pages, text); each round mutates one seed (truncation,
bit flips, a byte run spliced in from another encoding or format, a huge line, NULs, a repeated chunk)
and feeds it to every reader directly and to ``load_document`` + ``outline`` through its file. A case
that runs longer than ``--case-seconds`` is a hang. ``python -m tests.text.fuzz --rounds N`` prints one
JSON summary and exits 1 on any failure; ``make fuzz`` runs a long one, ``make test`` a short one.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import signal
import sys
import tempfile
import time
from pathlib import Path

from edu_helpers.errors import DocumentError
from edu_helpers.text.readers import EXTENSIONS, reader

from . import forms


def seeds() -> dict[str, bytes]:
    """Real-shaped inputs, one per reader and page shape."""
    head, paras = forms.report_parts()
    short = (head, paras[:4])
    return {
        "pdf": forms.pdf_bytes(*short)[0],
        "docx": forms.docx_form(parts=short).data,
        "ministry.html": forms.html_form("ministry", parts=short).data,
        "wechat.html": forms.html_form("wechat", parts=short).data,
        "txt": forms.txt_form().data,
        "gbk.txt": forms.txt_form().data.decode("utf-8").encode("gb18030"),
    }


def mutate(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """One random mutation of ``data``."""
    kind = rng.randrange(7)
    n = len(data)
    if kind == 0:  # truncated
        return data[: rng.randrange(max(1, n))]
    if kind == 1:  # bit flips
        out = bytearray(data)
        for _ in range(rng.randint(1, 64)):
            i = rng.randrange(n)
            out[i] ^= 1 << rng.randrange(8)
        return bytes(out)
    if kind == 2:  # a run spliced in from another input (another encoding or format)
        other = rng.choice(others)
        a, b = sorted(rng.randrange(len(other)) for _ in range(2))
        at = rng.randrange(n)
        return data[:at] + other[a : b + 1] + data[at:]
    if kind == 3:  # a huge line
        at = rng.randrange(n)
        return (
            data[:at]
            + rng.choice(("会议指出，", "x", "<b>", "\u3000")).encode() * rng.randint(10_000, 200_000)
            + data[at:]
        )
    if kind == 4:  # NULs and control bytes
        out = bytearray(data)
        for _ in range(rng.randint(1, 16)):
            out.insert(rng.randrange(n), rng.choice((0, 1, 0x1B, 0x7F)))
        return bytes(out)
    if kind == 5:  # a chunk repeated
        a = rng.randrange(n)
        b = min(n, a + rng.randint(1, 4096))
        return data[:b] + data[a:b] * rng.randint(2, 50) + data[b:]
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 2048))) + data[rng.randrange(n) :]


class Hang(Exception):
    """A case ran longer than allowed."""


def _alarm(signum, frame):
    raise Hang


def run(rounds: int, seed: int = 0, case_seconds: float = 20.0) -> dict:
    """Fuzz ``rounds`` mutations of every seed; return a summary with the failures."""
    from edu_helpers.cli import main as cli_main

    rng = random.Random(seed)
    inputs = seeds()
    failures: list[str] = []
    cases = 0
    slowest = 0.0
    signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            for name, data in inputs.items():
                mutated = mutate(data, rng, [d for k, d in inputs.items() if k != name])
                path = Path(tmp) / f"case{r}.{name.rsplit('.', 1)[-1]}"
                path.write_bytes(mutated)
                calls = [
                    (f"{fmt} reader", lambda fmt=fmt, p=path, m=mutated: reader(fmt).read(p, m)) for fmt in EXTENSIONS
                ]
                calls.append(("outline", lambda p=path: cli_main(["outline", str(p)])))
                for what, call in calls:
                    cases += 1
                    t = time.perf_counter()
                    signal.setitimer(signal.ITIMER_REAL, case_seconds)
                    try:
                        result = call()
                        if what == "outline" and result not in (0, 2):
                            failures.append(f"round {r} {name} {what}: exit {result}")
                    except (DocumentError, Hang) as exc:
                        if isinstance(exc, Hang):
                            failures.append(f"round {r} {name} {what}: no answer within {case_seconds} s")
                    except Exception as exc:  # the bug this looks for
                        failures.append(f"round {r} {name} {what}: {type(exc).__name__}: {str(exc)[:200]}")
                    finally:
                        signal.setitimer(signal.ITIMER_REAL, 0)
                    slowest = max(slowest, time.perf_counter() - t)
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rounds": rounds,
        "seed": seed,
        "cases": cases,
        "slowest_s": round(slowest, 2),
        "maxrss_mb": round(maxrss_mb),
        "failures": failures,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rounds", type=int, default=200)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--case-seconds", type=float, default=20.0)
    p.add_argument("--max-rss-mb", type=int, default=1500, help="fail above this peak memory")
    args = p.parse_args(argv)
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        summary = run(args.rounds, args.seed, args.case_seconds)
    if summary["maxrss_mb"] > args.max_rss_mb:
        summary["failures"].append(f"peak memory {summary['maxrss_mb']} MB > {args.max_rss_mb} MB")
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
