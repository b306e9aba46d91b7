"""班级服务器基准。The class server: 40 student processes × 50 notes at once, write latency p95 and the
live-view refresh with 2,000 notes, on a throwaway PostgreSQL cluster (skipped when there is none).

The same 40 processes also write the same rows with a bare ``INSERT`` into a table without row-level
security, triggers or indexes (the floor of this machine: 40 clients and 40 server sessions sharing its
cores); the p95 row gives its ratio to that floor, which says what the store itself costs."""

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
        n = max(bursts)
        rounds = [(bursts[n], _burst(db, n, CTX, bare_burst, bare=True))]
        doc = edu_helpers.load_document()
        with AnnotationStore(db.backend("teacher")) as teacher:  # with the 2,000 notes of the first round
            times = []
            for _ in range(7):
                t = time.perf_counter()
                summarise(teacher, doc, anonymise=True)
                times.append((time.perf_counter() - t) * 1000)
            notes = len(teacher)
        for k in range(1, _rounds()):  # interleaved, alternating which goes first: the load drifts
            if k % 2:
                bare = _burst(db, n, CTX, bare_burst, bare=True)
                rounds.append((_burst(db, n, CTX, burst), bare))
            else:
                ours = _burst(db, n, CTX, burst)
                rounds.append((ours, _burst(db, n, CTX, bare_burst, bare=True)))
    finally:
        cluster.stop("immediate")
        shutil.rmtree(tmp, ignore_errors=True)
    p95s = [_p95(ours[0]) for ours, _ in rounds]
    floors = [_p95(bare[0]) for _, bare in rounds]
    p95, floor95 = statistics.median(p95s), statistics.median(floors)
    ratio = statistics.median(a / b for a, b in zip(p95s, floors, strict=True))
    latencies, wall = rounds[0][0]
    floor = rounds[0][1][0]
    return [
        {"name": f"server: write latency p95, {n} processes × 50", "value": p95, "unit": "ms", "target": "≤ 20 ms",
         "ok": p95 <= 20, "detail": f"median of {len(rounds)} rounds ({', '.join(f'{x:.0f}' for x in p95s)} ms); "
         "first: "
         f"{len(latencies)} writes in {wall:.1f} s, p50 {statistics.median(latencies) * 1000:.1f} ms; depends on "
         f"the cores free for {n} clients + {n} sessions"},
        {"name": "server: the same as a ratio to the bare-INSERT floor", "value": ratio, "unit": "×", "target": "—",
         "ok": True, "detail": f"floor p95 median {floor95:.1f} ms ({', '.join(f'{x:.0f}' for x in floors)}), "
         f"p50 {statistics.median(floor) * 1000:.1f} ms in the first round: the same rows from the same roles and "
         "processes into a table without row-level security, triggers or indexes, psycopg alone"},
        {"name": "server: live view refresh", "value": statistics.median(times), "unit": "ms", "target": "≤ 300 ms",
         "ok": statistics.median(times) <= 300, "detail": f"median of 7 over {notes} notes (summary + anchoring)"},
    ]  # fmt: skip


def _p95(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=20)[-1] * 1000


def _rounds() -> int:
    """Rounds of (store, floor) bursts: ``$EDU_BENCH_ROUNDS``, default 3."""
    import os

    return max(1, int(os.environ.get("EDU_BENCH_ROUNDS", "3")))


def _writers() -> list[int]:
    """Writer counts to measure: ``$EDU_BENCH_WRITERS`` (e.g. ``40,10,1``), default 40 (each up to 40)."""
    import os

    counts = [int(x) for x in os.environ.get("EDU_BENCH_WRITERS", "40").split(",") if x.strip()]
    return [min(max(1, n), 40) for n in counts] or [40]


def _burst(db, n: int, ctx, burst, *, bare: bool = False) -> tuple[list[float], float]:
    """``n`` student processes × 50 notes at once: (latencies in s, wall time in s)."""
    if bare:
        _bare_table(db.admin_url)
    queue, go = ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=burst, args=(db.url(f"s{k:02d}", with_class=not bare), f"学生{k:02d}", 50, go, queue))
             for k in range(n)]  # fmt: skip
    for p in procs:
        p.start()
    time.sleep(2.0)  # every student connected
    started = time.perf_counter()
    go.set()
    reports = [queue.get(timeout=300) for _ in procs]
    if failed := [r[1] for r in reports if isinstance(r[1], str)]:
        raise RuntimeError(f"{len(failed)} writers failed: {failed[0]}")
    latencies = [x for r in reports for x in r[2]]
    for p in procs:
        p.join()
    wall = time.perf_counter() - started
    if n != 40 or bare:
        q = statistics.quantiles(latencies, n=20)
        what = " (bare INSERT)" if bare else ""
        print(f"[server] {n} writers × 50{what}: p50 {statistics.median(latencies) * 1000:.1f} ms, "
              f"p95 {q[-1] * 1000:.1f} ms, {len(latencies) / wall:.0f} writes/s")  # fmt: skip
    return latencies, wall


def _roster(n: int) -> str:
    return "user,name,role\nteacher,老师,teacher\n" + "".join(f"s{k:02d},学生{k:02d},student\n" for k in range(n))


BARE = "public.bare_note"


def _bare_table(admin_url: str) -> None:
    """A copy of the annotation table's columns and defaults, nothing else; every role may insert."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {BARE}")
        conn.execute(f"CREATE TABLE {BARE} (LIKE edu.annotation INCLUDING DEFAULTS)")
        conn.execute(f"ALTER TABLE {BARE} DROP COLUMN seq")  # an identity column without its identity
        conn.execute(f"GRANT INSERT ON {BARE} TO PUBLIC")


def bare_burst(url: str, author: str, count: int, go, out) -> None:
    """Like ``load_workers.burst``, with psycopg alone: the same rows, one autocommit ``INSERT`` each."""
    import psycopg

    from edu_helpers.annotations.postgres.rows import INSERT, to_params
    from tests.annotations.load_workers import note

    sql = INSERT.replace("edu.annotation", BARE)
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            go.wait()
            latencies = []
            for i in range(count):
                ann = note(author, i)
                started = time.perf_counter()
                conn.execute(sql, ("c", "teacher", *to_params(ann)))
                latencies.append(time.perf_counter() - started)
    except Exception as exc:  # said to the parent at once (it would wait for the queue)
        out.put((author, f"{type(exc).__name__}: {exc}", []))
        raise
    out.put((author, [], latencies))
