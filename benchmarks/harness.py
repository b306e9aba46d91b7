"""Small helpers for ``bench_*.py`` modules: rounds, medians, rows, the machine's description."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable

QUICK_ENV = "EDU_BENCH_QUICK"


def quick() -> bool:
    """True under ``python -m benchmarks --quick`` (or ``EDU_BENCH_QUICK=1``)."""
    return os.environ.get(QUICK_ENV, "").strip().lower() in {"1", "true", "yes"}


def rounds(full: int, quick_rounds: int = 1) -> int:
    """How many rounds to run: ``full`` normally, ``quick_rounds`` in quick mode."""
    return quick_rounds if quick() else full


def timed(fn: Callable[[], object], n: int) -> list[float]:
    """Wall-clock seconds of ``n`` calls of ``fn``."""
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return samples


def row(name: str, value: float | None, unit: str, target: str, ok: bool, detail: str = "") -> dict:
    """One result row, in the shape ``python -m benchmarks`` expects."""
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": bool(ok), "detail": detail}


def spread(samples: list[float], unit_scale: float = 1.0, fmt: str = ".2f") -> str:
    """``"median of 3, 1.20–1.50"``: the rounds and their range, for a row's detail."""
    lo, hi = min(samples) * unit_scale, max(samples) * unit_scale
    return f"median of {len(samples)}, {lo:{fmt}}–{hi:{fmt}}"


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def machine() -> dict:
    """What the figures were measured on, to quote beside them."""
    info = {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
    }
    if hasattr(os, "getloadavg"):
        info["load_average_1min"] = round(os.getloadavg()[0], 2)  # a busy machine explains slow figures
    return info


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()
