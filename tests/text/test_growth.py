"""Loading grows linearly (issue 17 point 8): every stage on 1×, 4× and 16× input, judged by ratios."""

from __future__ import annotations

import time

import edu_helpers
from edu_helpers.text.chrome import strip_chrome
from edu_helpers.text.normalize import normalize, unwrap_lines


def _text(scale: int) -> str:
    """``scale`` × (120 lines of ever more distinct widths + 5 000 one-character lines).

    The shape of issue 17's 7 MB document (2 000 varied-width lines, 2.5 M one-character lines), smaller:
    the number of distinct widths grows with the input, as it does there (a per-width count is quadratic).
    """
    varied = [("教育强国" * 400)[: 5 + k % (30 * scale)] + "a" * (k % 3) + "。" for k in range(120 * scale)]
    return "\n".join(varied + ["学"] * (5_000 * scale))


def _best_of(fn, arg, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - t0)
    return best


def _ratios(fn) -> tuple[float, float]:
    texts = {s: _text(s) for s in (1, 4, 16)}
    times = {s: max(_best_of(fn, t), 1e-4) for s, t in texts.items()}
    return times[4] / times[1], times[16] / times[4]


def test_stages_grow_linearly():
    stages = {
        "chrome": lambda t: strip_chrome(t.split("\n")),
        "unwrap": unwrap_lines,
        "normalize": normalize,
        "load": lambda t: edu_helpers.document_from_text(t),
    }
    for name, fn in stages.items():
        r1, r2 = _ratios(fn)
        # linear: ×4 input takes ≈ ×4 time; quadratic would take ×16. Allow noise on a shared machine.
        assert r1 < 9 and r2 < 9, f"{name} grows super-linearly: ×4 input took ×{r1:.1f}, then ×{r2:.1f}"
