"""``python -m benchmarks [--only NAME]... [--quick] [--output PATH]``: run, print one table, write JSON.

Every ``benchmarks/bench_*.py`` module is imported and its ``run()`` called (contract in ``__init__.py``).
Options may also come from the environment: ``EDU_BENCH_ONLY=words,topics``, ``EDU_BENCH_QUICK=1``.
Exit status: 0 when every module ran (a missed target is reported, not an error), 1 when a module raised or
returned malformed rows, 2 for a bad ``--only``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import math
import os
import pkgutil
import sys
import time
import traceback
from pathlib import Path

from . import harness

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE / "results" / "latest.json"
KEYS = ("name", "value", "unit", "target", "ok", "detail")


def discover() -> list[str]:
    """Module names ``bench_*`` in this folder, sorted."""
    return sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))


def select(available: list[str], only: list[str]) -> list[str]:
    """The modules ``--only`` names (``words`` or ``bench_words``); all when empty. Raises KeyError."""
    if not only:
        return available
    wanted = [name if name.startswith("bench_") else f"bench_{name}" for name in only]
    if unknown := [name for name in wanted if name not in available]:
        raise KeyError(", ".join(unknown))
    return [name for name in available if name in wanted]


def check_rows(rows: object) -> list[dict]:
    """The rows if they follow the contract, else ValueError saying what is wrong."""
    if not isinstance(rows, list):
        raise ValueError(f"run() returned {type(rows).__name__}, not a list of dicts")
    for i, r in enumerate(rows):
        if not isinstance(r, dict) or (missing := [k for k in KEYS if k not in r]):
            raise ValueError(f"row {i} is missing {missing if isinstance(r, dict) else list(KEYS)}: {r!r}")
    return rows


def run_module(name: str) -> tuple[list[dict], str | None, float]:
    """(rows, error or None, seconds). An exception becomes the error text; it never escapes."""
    t0 = time.perf_counter()
    try:
        module = importlib.import_module(f"{__package__}.{name}")
        rows = check_rows(module.run())
        return [{"module": name, **r, "value": _finite(r["value"])} for r in rows], None, time.perf_counter() - t0
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        return [], f"{type(exc).__name__}: {exc}", time.perf_counter() - t0


def _finite(value: object) -> object:
    """NaN and infinities become None: JSON has no spelling for them."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def fmt_value(value: object, unit: str) -> str:
    if value is None:
        return "error"
    if isinstance(value, int | float):
        text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"
    else:
        text = str(value)
    return f"{text} {unit}".strip()


def table(rows: list[dict]) -> str:
    """One aligned table: name | median | target | ok."""
    header = ("name", "median", "target", "ok")
    body = [(r["name"], fmt_value(r["value"], r["unit"]), str(r["target"]), "ok" if r["ok"] else "MISS") for r in rows]
    widths = [max(len(str(cell)) for cell in col) for col in zip(header, *body, strict=False)]
    right = (False, True, False, False)

    def line(cells) -> str:
        return " | ".join(
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ).rstrip()

    return "\n".join([line(header), "-+-".join("-" * w for w in widths), *(line(b) for b in body)])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], metavar="NAME", help="run only this module")
    parser.add_argument("--quick", action="store_true", help="fewer rounds (sets EDU_BENCH_QUICK=1)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON file (default: %(default)s)")
    args = parser.parse_args(argv)
    args.only += [n.strip() for n in os.environ.get("EDU_BENCH_ONLY", "").split(",") if n.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.quick:
        os.environ[harness.QUICK_ENV] = "1"
    try:
        names = select(discover(), args.only)
    except KeyError as exc:
        print(f"no benchmark module {exc.args[0]}; available: {', '.join(discover())}", file=sys.stderr)
        return 2

    started = dt.datetime.now(dt.UTC)
    machine = harness.machine()  # before the load we add ourselves
    rows, errors = [], []
    for name in names:
        print(f"{name} …", file=sys.stderr, flush=True)
        module_rows, error, seconds = run_module(name)
        rows += module_rows
        status = f"ERROR {error}" if error else f"{len(module_rows)} rows"
        print(f"{name}: {status} ({seconds:.1f} s)", file=sys.stderr, flush=True)
        if error:
            errors.append({"module": name, "error": error})

    print(table(rows) if rows else "(no results)")
    for e in errors:
        print(f"ERROR in {e['module']}: {e['error']}")
    result = {
        "date": started.isoformat(timespec="seconds"),
        "machine": machine,
        "quick": harness.quick(),
        "modules": names,
        "rows": rows,
        "errors": errors,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.output}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
