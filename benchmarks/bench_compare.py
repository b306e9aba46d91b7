"""比较报告基准（issue 14）。The comparison core on a generated corpus of 1,000 reports (~10 MB).

The corpus is built by recombining the paragraphs of the three 示例 reports (``edu_helpers/data/demo_compare``):
each generated report has the genre's structure (headline, lead, 会议指出/会议强调/会议要求 sections, numbered
items, attendance note), each paragraph a new mix of sentences and clauses of paragraphs of the same role with
its own year. Everything runs in one fresh child process (so its peak memory is its own and the dictionary is
loaded cold, as a user's first load would), in one run:

* full load (read → normalize → structure → segment → formulations → topics → record → search index), two
  worker processes, fresh cache, against single-threaded ``jieba.lcut`` over the same lines (measured before
  and after the load, median): ratio ≤ 1.0;
* reopening from the cache (index included) ≤ 1 s; peak memory (parent + 2 × largest worker) ≤ 1.5 GB;
* KWIC ≤ 50 ms median over five queries; keyness of two halves ≤ 500 ms; the diff of two reports
  (align + HTML) ≤ 200 ms.

``--quick``: 200 reports. Alone: ``python -m benchmarks --only compare``.
"""

from __future__ import annotations

import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from edu_helpers.analysis.corpus import demo_folder

from . import harness

REPORTS = 1000
QUICK_REPORTS = 200

ORDINALS = "一二三四五六七八九"
_SENT = re.compile(r"[^。！？]*[。！？]")


def _roles() -> dict[str, list[str]]:
    """Paragraphs of the test reports by role (lead, 指出, 指出-body, …, item, closing, 还, attendance)."""
    roles: dict[str, list[str]] = {}
    for f in sorted(demo_folder().glob("*.txt")):
        section = ""
        for line in f.read_text(encoding="utf-8").splitlines()[3:]:
            if line.startswith("会议"):
                section = "会议还" if line.startswith("会议还") else line[:4]
                role = section
            elif re.match(f"^[{ORDINALS}]是", line):
                role, line = "item", line[2:]
            elif "参加会议" in line:
                role = "attendance"
            elif line.startswith(("1月", "12月")):
                role = "lead"
            else:
                role = f"{section}-body"
            roles.setdefault(role, []).append(line)
    return roles


def _mix(pool: list[str], rnd: random.Random, year: int) -> str:
    """A new paragraph: the opening sentence of one paragraph of the pool, then sentences of others, each
    with its clauses (split at ；) shuffled; years replaced."""
    first = _SENT.findall(rnd.choice(pool)) or [rnd.choice(pool)]
    sentences = [first[0]] + [s for p in rnd.sample(pool, min(2, len(pool))) for s in _SENT.findall(p)[1:]]
    out = []
    for s in sentences[: rnd.randint(2, 4)]:
        parts = s.rstrip("。！？").split("；")
        rnd.shuffle(parts)
        out.append("；".join(parts) + "。")
    return re.sub(r"20[0-9]{2}", lambda m: str(year - rnd.randint(0, 1)), "".join(out))


def generate(folder: Path, n: int, seed: int = 14) -> int:
    """Write ``n`` reports (with sidecars) into ``folder``; return the total UTF-8 bytes of the reports."""
    rnd, roles, total = random.Random(seed), _roles(), 0
    for k in range(n):
        year = 2001 + k % 40
        lines = [f"{year}年全国教育工作会议", "加快建设高质量教育体系"]
        lines.append(_mix(roles["lead"], rnd, year))
        for cue in ("会议指出", "会议强调"):
            lines.append(_mix(roles[cue], rnd, year))
            lines += [_mix(roles[f"{cue}-body"], rnd, year) for _ in range(rnd.randint(5, 7))]
        lines.append(f"会议要求，{year}年要重点抓好以下几方面工作。")
        lines += [ORDINALS[i] + "是" + _mix(roles["item"], rnd, year) for i in range(rnd.randint(8, 9))]
        lines += [_mix(roles["会议要求-body"], rnd, year), roles["会议还"][0], roles["attendance"][0]]
        text = "\n".join(lines) + "\n"
        total += len(text.encode("utf-8"))
        (folder / f"r{k:04d}.txt").write_text(text, encoding="utf-8")
        (folder / f"r{k:04d}.toml").write_text(
            f'# 示例：基准用的生成文本，非真实报告\ntitle = "{year}年全国教育工作会议（示例）"\n'
            f'date = "{year}-01-{1 + k % 28:02d}"\ndemo = true\n',
            encoding="utf-8",
        )
    return total


def jieba_seconds(folder: Path) -> tuple[float, float]:
    """Single-threaded ``jieba.lcut`` over every line of the generated reports (dictionary already loaded):
    ``(wall seconds, CPU seconds)``."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    lines = [ln for f in sorted(folder.glob("*.txt")) for ln in f.read_text(encoding="utf-8").splitlines()]
    t0, c0 = time.perf_counter(), time.process_time()
    for ln in lines:
        jieba.lcut(ln)
    return time.perf_counter() - t0, time.process_time() - c0


def _ms(fn, n: int) -> list[float]:
    return [s * 1000 for s in harness.timed(fn, n)]


def measure(n_reports: int) -> dict:
    """Every figure, in this process (run it in a fresh one: see :func:`run`)."""
    from edu_helpers.analysis.corpus import load_corpus

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
        folder.mkdir()
        size = generate(folder, n_reports)
        paras = [ln for f in folder.glob("*.txt") for ln in f.read_text(encoding="utf-8").splitlines()]
        out["corpus"] = {"reports": n_reports, "mb": round(size / 1e6, 2), "paragraphs": len(paras),
                         "distinct": len(set(paras))}  # fmt: skip
        j1 = jieba_seconds(folder)
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0, p0 = time.perf_counter(), time.process_time()
        corpus = load_corpus(folder, cache_dir=cache, workers=2)
        corpus.index  # noqa: B018  (the search index is part of the load)
        load, parent_cpu = time.perf_counter() - t0, time.process_time() - p0
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        j2 = jieba_seconds(folder)
        cpu = (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime)
        out["load"] = {"s": load, "jieba_s": [j1[0], j2[0]], "jieba_cpu_s": [j1[1], j2[1]], "worker_cpu_s": cpu,
                       "parent_cpu_s": parent_cpu, "docs": len(corpus),
                       "errors": len(corpus.errors), "workers": corpus.report["workers"]}  # fmt: skip

        def reopen():
            c = load_corpus(folder, cache_dir=cache, workers=2)
            c.index  # noqa: B018
            return c

        out["reopen_ms"] = _ms(reopen, 3)
        corpus = reopen()
        out["from_cache"] = corpus.report["n_from_cache"]
        queries = ["产教融合", "教育家精神", "职普融通 科教融汇", "高质量教育体系", "数字素养"]
        out["kwic_ms"] = {q: statistics.median(_ms(lambda q=q: corpus.kwic(q, sort="left"), 9)) for q in queries}
        out["kwic_hits"] = {q: len(corpus.kwic(q)) for q in queries}
        ids, half = corpus.ids, len(corpus) // 2
        out["keyness_ms"] = _ms(lambda: corpus.keyness(ids[:half], ids[half:]), 5)
        out["diff_ms"] = _ms(lambda: corpus.diff_html(ids[0], ids[1]), 9)
        out["memory_mb"] = {
            "parent": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }
    return out


def run() -> list[dict]:
    n = QUICK_REPORTS if harness.quick() else REPORTS
    child = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_compare", str(n)], capture_output=True, text=True, check=True
    )
    o = json.loads(child.stdout.strip().splitlines()[-1])
    c, ld, mem = o["corpus"], o["load"], o["memory_mb"]
    jieba_s = statistics.median(ld["jieba_s"])
    ratio = ld["s"] / jieba_s
    size = f"{c['reports']} reports, {c['mb']} MB, {c['paragraphs']:,} paragraphs ({c['distinct']:,} distinct)"
    load_detail = (
        f"{size}; load {ld['s']:.1f} s with {ld['workers']} workers (worker CPU {ld['worker_cpu_s']:.1f} s, "
        f"{ld['worker_cpu_s'] / ld['s']:.2f} cores busy; parent CPU {ld['parent_cpu_s']:.1f} s), "
        f"jieba.lcut {ld['jieba_s'][0]:.1f} / {ld['jieba_s'][1]:.1f} s wall, "
        f"{statistics.median(ld['jieba_cpu_s']):.1f} s CPU; CPU per core against jieba's CPU "
        f"{ld['worker_cpu_s'] / 2 / statistics.median(ld['jieba_cpu_s']):.2f} × (what two free cores would give)"
    )
    reopen = harness.median(o["reopen_ms"])
    bound = mem["parent"] + 2 * mem["worker"]
    kwic = statistics.median(o["kwic_ms"].values())
    kwic_detail = ", ".join(f"{q} {v:.1f} ms ({o['kwic_hits'][q]} hits)" for q, v in o["kwic_ms"].items())
    keyness, diff = harness.median(o["keyness_ms"]), harness.median(o["diff_ms"])
    return [
        harness.row("compare: full load / jieba.lcut", ratio, "×", "≤ 1.0", ratio <= 1.0, load_detail),
        harness.row("compare: reopen from cache", reopen, "ms", "≤ 1000 ms", reopen <= 1000,
                    f"{o['from_cache']} from cache; {harness.spread(o['reopen_ms'], fmt='.0f')} ms"),
        harness.row("compare: peak memory", bound, "MB", "≤ 1536 MB", bound <= 1536,
                    f"parent {mem['parent']:.0f} MB + 2 × largest worker {mem['worker']:.0f} MB"),
        harness.row("compare: KWIC (median of 5 queries)", kwic, "ms", "≤ 50 ms", kwic <= 50, kwic_detail),
        harness.row("compare: keyness of two halves", keyness, "ms", "≤ 500 ms", keyness <= 500,
                    harness.spread(o["keyness_ms"], fmt=".0f") + " ms"),
        harness.row("compare: diff of two reports", diff, "ms", "≤ 200 ms", diff <= 200,
                    "align + HTML; " + harness.spread(o["diff_ms"], fmt=".1f") + " ms"),
    ]  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) > 1:  # the child: one JSON line
        print(json.dumps(measure(int(sys.argv[1]))))
    else:
        for r in run():
            print(r)
