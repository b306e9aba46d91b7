"""浏览器中的时间。Times measured in Chromium by the browser tests, as ``make bench`` reports them.

The browser tests (``pytest -m browser``; also part of ``make test``) time what a reader waits for and write it
to ``benchmarks/results/browser.json``: in JupyterLab (Chinese UI), Run All per notebook from kernel idle to the
last output rendered (target ≤ 2.5 s; timed once the opened notebook has settled) and, for reference, from
opening the notebook (``lab open + run all``, no target); in Voilà (the class view, preheated), a page from
navigation to the explorer and both charts shown (target ≤ 2 s). This module prints their medians, with when
they were measured and the load average at the time (the machine is shared): it does not start a browser itself,
so ``make bench`` stays short. No file yet → one row saying so.
"""

from __future__ import annotations

import json
from pathlib import Path
from statistics import median

from .harness import row

RESULTS = Path(__file__).resolve().parent / "results" / "browser.json"
#: name prefix → target seconds
TARGETS = {"lab run all": 2.5, "voila render": 2.0}


def run() -> list[dict]:
    """One row per timing the browser tests left (median seconds)."""
    try:
        data = json.loads(RESULTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [
            row(
                "browser timings",
                None,
                "s",
                "≤ 2.5 s / ≤ 2 s",
                False,
                f"none yet: run `pytest -m browser` ({RESULTS.name})",
            )
        ]
    out = []
    for name, entry in sorted(data.items()):
        target = next((t for prefix, t in TARGETS.items() if name.startswith(prefix)), None)
        seconds = [float(s) for s in entry.get("seconds", [])]
        value = median(seconds) if seconds else None
        ok = value is not None and (target is None or value <= target)  # no target: shown for reference
        load = entry.get("load")
        detail = f"{len(seconds)} run(s) {min(seconds, default=0):.2f}–{max(seconds, default=0):.2f} s, " + (
            f"measured {entry.get('measured')} at load {load:.1f}"
            if load is not None
            else f"measured {entry.get('measured')}"
        )
        out.append(row(f"browser: {name}", value, "s", f"≤ {target} s" if target else "—", ok, detail))
    return out
