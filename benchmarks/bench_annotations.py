"""批注库基准。Annotation store benchmarks: add one; load and anchor 10,000.

``run()`` returns one row per measurement (median of several rounds) against the targets of
issue 5. Each round uses a fresh temporary store, so no user data is touched.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from edu_helpers import load_document
from edu_helpers.annotations import Annotation, AnnotationStore
from edu_helpers.annotations.anchor import quote_context
from edu_helpers.annotations.model import new_id, utc_now

N_BULK = 10_000
ADD_ROUNDS = 200
LOAD_ROUNDS = 9


def _median_ms(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median wall-clock and median CPU milliseconds of ``fn`` (CPU shows a busy machine's share)."""
    wall, cpu = [], []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _synthetic(doc, n: int, seed: int = 5) -> list[Annotation]:
    """``n`` annotations on random spans (2–40 characters) of the report's paragraphs."""
    rng = random.Random(seed)
    paras, now, out = doc.paragraph_records, utc_now(), []
    for i in range(n):
        p = rng.choice(paras)
        start = rng.randrange(p.start, p.end - 2)
        end = min(p.end, start + rng.randint(2, 40))
        prefix, suffix = quote_context(doc.text, start, end)
        out.append(
            Annotation(
                new_id(),
                doc.id,
                doc.text[start:end],
                start,
                end,
                prefix,
                suffix,
                p.id,
                doc.title,
                f"学生{i % 40:02d}",
                now,
                now,
                ("重点", "疑问", "心得", "联系实际", None)[i % 5],
                ("示例",) if i % 3 == 0 else (),
                f"第 {i} 条笔记",
            )
        )
    return out


def run() -> list[dict]:
    """Measure; rows have ``name``, ``value`` (median), ``unit``, ``target``, ``ok``, ``detail``."""
    doc = load_document()
    with tempfile.TemporaryDirectory() as tmp:
        with AnnotationStore(Path(tmp) / "add.sqlite") as store:
            quotes = [p.text[:12] for p in doc.paragraph_records]
            counter = iter(range(10**9))
            add = _median_ms(lambda: store.annotate(doc, quotes[next(counter) % len(quotes)], note="笔记"), ADD_ROUNDS)
        path = Path(tmp) / "bulk.sqlite"
        with AnnotationStore(path) as store:
            store.add_many(_synthetic(doc, N_BULK))
        with AnnotationStore(path) as store:
            load = _median_ms(lambda: store.anchored(doc), LOAD_ROUNDS)
            frame = _median_ms(lambda: store.to_frame(doc), LOAD_ROUNDS)
    return [
        _row("annotations: add one", add, 5, f"median of {ADD_ROUNDS} annotate() calls, one transaction each"),
        _row(
            "annotations: load and anchor 10,000",
            load,
            200,
            f"store.anchored(doc) on {N_BULK:,} annotations, median of {LOAD_ROUNDS}",
        ),
        _row(
            "annotations: to_frame 10,000",
            frame,
            400,
            f"store.to_frame(doc) (load, anchor, DataFrame) on {N_BULK:,}, median of {LOAD_ROUNDS}",
        ),
    ]


def _row(name: str, measured: tuple[float, float], target: float, detail: str) -> dict:
    wall, cpu = measured
    return {
        "name": name,
        "value": round(wall, 2),
        "unit": "ms",
        "target": f"≤ {target} ms",
        "ok": wall <= target,
        "detail": f"{detail}; CPU median {cpu:.1f} ms",
    }


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<40} {row['value']:>8} {row['unit']}  {row['target']:<10} {row['ok']}  {row['detail']}")
