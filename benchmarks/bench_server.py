"""班级服务器基准。The class server: 40 student processes × 50 notes at once, write latency p95 and the
live-view refresh with 2,000 notes, on a throwaway PostgreSQL cluster (skipped when there is none)."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path


def run() -> list[dict]:
    """Rows for ``make bench`` (see ``benchmarks/__init__.py``)."""
    import edu_helpers
    from edu_helpers.annotations import AnnotationStore
    from edu_helpers.teaching.classroom import summarise
    from tests.annotations.load_workers import CTX, burst
    from tests.conftest import make_class
    from tests.pg_cluster import find_bin, new_database, start_cluster

    bin_dir, reason = find_bin()
    if bin_dir is None:
        return [{"name": "server: write p95", "value": None, "unit": "ms", "target": "≤ 20 ms", "ok": False,
                 "detail": f"skipped: {reason}"}]  # fmt: skip
    tmp = Path(tempfile.mkdtemp(prefix="edu-bench-pg-"))
    cluster = start_cluster(bin_dir, tmp)
    try:
        db = make_class(cluster, cluster.admin_url(new_database(cluster)), tmp, roster=_roster(40))
        bursts = {n: _burst(db, n, CTX, burst) for n in _writers()}
        latencies, wall = bursts[40] if 40 in bursts else next(iter(bursts.values()))
        doc = edu_helpers.load_document()
        with AnnotationStore(db.backend("teacher")) as teacher:
            times = []
            for _ in range(7):
                t = time.perf_counter()
                summarise(teacher, doc, anonymise=True)
                times.append((time.perf_counter() - t) * 1000)
            n = len(teacher)
    finally:
        cluster.stop("immediate")
        shutil.rmtree(tmp, ignore_errors=True)
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    return [
        {"name": "server: write latency p95, 40 processes × 50", "value": p95, "unit": "ms", "target": "≤ 20 ms",
         "ok": p95 <= 20, "detail": f"{len(latencies)} writes in {wall:.1f} s; p50 "
         f"{statistics.median(latencies) * 1000:.1f} ms; depends on cores free for 40 clients + 40 sessions"},
        {"name": "server: live view refresh", "value": statistics.median(times), "unit": "ms", "target": "≤ 300 ms",
         "ok": statistics.median(times) <= 300, "detail": f"median of 7 over {n} notes (summary + anchoring)"},
    ]  # fmt: skip


def _writers() -> list[int]:
    """Writer counts to measure: ``$EDU_BENCH_WRITERS`` (e.g. ``40,10,1``), default 40 (each up to 40)."""
    import os

    counts = [int(x) for x in os.environ.get("EDU_BENCH_WRITERS", "40").split(",") if x.strip()]
    return [min(max(1, n), 40) for n in counts] or [40]


def _burst(db, n: int, ctx, burst) -> tuple[list[float], float]:
    """``n`` student processes × 50 notes at once: (latencies in s, wall time in s)."""
    queue, go = ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=burst, args=(db.url(f"s{k:02d}"), f"学生{k:02d}", 50, go, queue)) for k in range(n)]
    for p in procs:
        p.start()
    time.sleep(2.0)  # every student connected
    started = time.perf_counter()
    go.set()
    latencies = [x for _ in procs for x in queue.get(timeout=300)[2]]
    for p in procs:
        p.join()
    wall = time.perf_counter() - started
    if n != 40:
        q = statistics.quantiles(latencies, n=20)
        print(f"[server] {n} writers × 50: p50 {statistics.median(latencies) * 1000:.1f} ms, "
              f"p95 {q[-1] * 1000:.1f} ms, {len(latencies) / wall:.0f} writes/s")  # fmt: skip
    return latencies, wall


def _roster(n: int) -> str:
    return "user,name,role\nteacher,老师,teacher\n" + "".join(f"s{k:02d},学生{k:02d},student\n" for k in range(n))
