"""Loading grows linearly (issue 17 point 8): every stage on 1×, 4× and 16× input, judged by ratios."""

from __future__ import annotations

import time

import edu_helpers
from edu_helpers.text.chrome import strip_chrome
from edu_helpers.text.normalize import normalize, unwrap_lines


def _text(size: int) -> str:
    """A document ``size`` times as large as the smallest: lines of ever more distinct widths, and many
    one-character lines (the shape of issue 17's 7 MB document: 2 000 varied-width lines, 2.5 M one-character
    lines). The number of distinct widths grows with the square root of the size, as it can in real input, so
    a count per distinct width (the old ``_wrap_width``) grows like size^1.5 and fails the bound below.
    """
    root = int(size**0.5)
    varied = [("教育强国" * 200)[: 5 + k] + "a" * (k % 3) + "。" for k in range(60 * root)]
    return "\n".join(varied + ["学"] * (3_000 * size))


def _best_of(fn, arg, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - t0)
    return best


def test_stages_grow_linearly():
    stages = {
        "chrome": lambda t: strip_chrome(t.split("\n")),
        "unwrap": unwrap_lines,
        "normalize": normalize,
        "load": lambda t: edu_helpers.document_from_text(t),
    }
    texts = {s: _text(s) for s in (1, 4, 16)}
    assert 12 < len(texts[16]) / len(texts[1]) < 20
    for name, fn in stages.items():
        times = {s: max(_best_of(fn, text, 3), 1e-3) for s, text in texts.items()}
        r4, r16 = times[4] / times[1], times[16] / times[1]
        # linear: ×16 input takes ≈ ×16 time (n log n a little more); size^1.5 takes ×64, quadratic ×256.
        # The bound leaves room for a shared machine; the ×4 step is reported too.
        assert r16 < 40, f"{name} grows super-linearly: ×4 input took ×{r4:.1f}, ×16 took ×{r16:.1f}"
