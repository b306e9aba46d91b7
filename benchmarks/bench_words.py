"""分词基准。Segmentation benchmarks for issue 3: throughput against raw jieba, and cold start.

* Throughput: a ~5 MB text (the report's paragraphs repeated), fed paragraph by paragraph, through
  ``edu_helpers.segment`` and through raw ``jieba.lcut`` in the same process, rounds interleaved; both
  dictionaries are loaded before timing (init is the cold-start row's business). Target: ≥ 0.9 of jieba.
* Cold start: ``import edu_helpers`` + ``load_document()`` + ``doc.tokens`` in a fresh interpreter, timed from
  outside (interpreter start included), with the dictionary cache already prepared. Target: ≤ 0.8 s.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time

from edu_helpers import load_document
from edu_helpers.analysis import words

from . import harness

TARGET_MB = 5.0
COLD_CODE = "import edu_helpers; doc = edu_helpers.load_document(); doc.tokens"


def corpus(megabytes: float) -> list[str]:
    """The report's body paragraphs repeated until they hold ``megabytes`` of UTF-8."""
    paras = [p.text for p in load_document().paragraph_records]
    size = sum(len(p.encode("utf-8")) for p in paras)
    return paras * max(1, round(megabytes * 1e6 / size))


def _interleaved(paragraphs: list[str], fns: tuple, chunk: int = 500) -> list[float]:
    """Seconds each function spends on all paragraphs, taking turns every ``chunk`` paragraphs (the order
    alternating), so that a machine busy with other work slows both alike."""
    totals = [0.0] * len(fns)
    for k, i in enumerate(range(0, len(paragraphs), chunk)):
        part = paragraphs[i : i + chunk]
        for j in range(len(fns)) if k % 2 == 0 else reversed(range(len(fns))):
            t0 = time.perf_counter()
            for p in part:
                fns[j](p)
            totals[j] += time.perf_counter() - t0
    return totals


def throughput(megabytes: float, rounds: int) -> dict:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    words.preload()
    paragraphs = corpus(megabytes)
    mb = sum(len(p.encode("utf-8")) for p in paragraphs) / 1e6
    _interleaved(paragraphs[:1000], (words.segment, jieba.lcut))  # warm up
    ours, raw = zip(*(_interleaved(paragraphs, (words.segment, jieba.lcut)) for _ in range(rounds)), strict=True)
    ratio = statistics.median(raw) / statistics.median(ours)
    detail = (
        f"{mb:.1f} MB in {len(paragraphs):,} paragraphs, interleaved; ours {mb / statistics.median(ours):.2f} MB/s "
        f"({harness.spread(list(ours))} s), jieba.lcut {mb / statistics.median(raw):.2f} MB/s "
        f"({harness.spread(list(raw))} s)"
    )
    return harness.row("words: segmentation throughput vs jieba.lcut", ratio, "×", "≥ 0.9", ratio >= 0.9, detail)


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold_start(rounds: int) -> dict:
    subprocess.run([sys.executable, "-c", COLD_CODE], check=True)  # prepares the dictionary cache if missing
    wall, cpu = [], []
    for _ in range(rounds):
        c0, t0 = _child_cpu(), time.perf_counter()
        subprocess.run([sys.executable, "-c", COLD_CODE], check=True)
        wall.append(time.perf_counter() - t0)
        cpu.append(_child_cpu() - c0)
    bare = harness.median(harness.timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 3))
    value = harness.median(wall)
    detail = f"import + load_document() + doc.tokens in a fresh interpreter; {harness.spread(wall)} s wall"
    detail += f"; CPU (user+sys) median {harness.median(cpu):.2f} s; bare python {bare:.2f} s"
    return harness.row("words: cold start", value, "s", "≤ 0.8 s", value <= 0.8, detail)


def run() -> list[dict]:
    megabytes = 1.0 if harness.quick() else TARGET_MB
    return [throughput(megabytes, harness.rounds(3, 1)), cold_start(harness.rounds(7, 3))]


if __name__ == "__main__":
    for r in run():
        print(r)
