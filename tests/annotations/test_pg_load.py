"""Load and faults with real processes: 40 students × 50 notes at once while the teacher's view
polls; ``kill -9`` of a student mid-burst; a PostgreSQL restart during the run."""

from __future__ import annotations

import os
import signal
import statistics
import threading
import time

import psycopg
import pytest

from edu_helpers.annotations.postgres.live import LiveView
from tests.annotations.load_workers import CTX, burst, endless, resilient

pytestmark = pytest.mark.slow
STUDENTS, EACH = 40, 50


def _roster(n: int) -> str:
    return "user,name,role\nwang,王老师,teacher\n" + "".join(f"s{i:02d},学生{i:02d},student\n" for i in range(n))


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


@pytest.fixture
def big_class(pg_cluster, pg_db, tmp_path):
    from tests.conftest import make_class

    return make_class(pg_cluster, pg_db, tmp_path, roster=_roster(STUDENTS))


def _count(admin_url: str) -> tuple[int, int]:
    with psycopg.connect(admin_url) as conn:
        return conn.execute("SELECT count(*), count(DISTINCT id) FROM edu.annotation").fetchone()


@pytest.mark.parametrize("pause", [0.0, 0.05], ids=["back-to-back", "paced-50ms"])
def test_forty_students_at_once_while_the_teacher_watches(big_class, capsys, pause):
    """Back-to-back, 80 processes (clients + server sessions) share the machine's cores: the run
    proves 2,000 rows with no error and reports latency. The p95 ≤ 20 ms budget is checked with
    ``EDU_BENCH=1`` (an otherwise idle machine), with each student pausing 50 ms between notes
    (still 800 notes/s for the class); the refresh budget (≤ 300 ms at 2,000 rows) always."""
    go, out = CTX.Event(), CTX.Queue()
    procs = [CTX.Process(target=burst, args=(big_class.url(f"s{i:02d}"), f"学生{i:02d}", EACH, go, out, pause))
             for i in range(STUDENTS)]  # fmt: skip
    for p in procs:
        p.start()
    view, refreshes, stop = LiveView(big_class.url("wang")), [], threading.Event()

    def watch() -> None:  # the teacher's view polling every 0.5 s during the burst
        while not stop.is_set():
            refreshes.append(view.refresh().seconds)
            stop.wait(0.5)

    time.sleep(1.0)  # let every student connect
    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.monotonic()
    go.set()
    results = [out.get(timeout=60) for _ in procs]
    wall = time.monotonic() - started
    for p in procs:
        p.join(timeout=10)
        assert p.exitcode == 0
    stop.set()
    watcher.join()
    latencies = [x for _, _, lat in results for x in lat]
    ids = {i for _, got, _ in results for i in got}
    assert len(latencies) == len(ids) == STUDENTS * EACH and _count(big_class.admin_url) == (2000, 2000)
    final = [view.refresh() for _ in range(10)]
    assert final[-1].total == 2000 and len(final[-1].questions) == 200
    refresh = statistics.median(s.seconds for s in final)
    p95 = _p95(latencies)
    with capsys.disabled():
        print(f"\n[load pause={pause * 1000:.0f}ms, {os.cpu_count()} CPUs] {STUDENTS}×{EACH} writes in {wall:.2f} s; write latency p50 "  # noqa: E501
              f"{statistics.median(latencies) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms; "  # noqa: E501
              f"live refresh during burst p95 {_p95(refreshes) * 1000:.1f} ms over {len(refreshes)}; "
              f"with 2,000 rows median {refresh * 1000:.1f} ms")  # fmt: skip
    assert refresh <= 0.300
    if pause and os.environ.get("EDU_BENCH") == "1":  # a budget, checked on a machine of its own
        assert p95 <= float(os.environ.get("EDU_P95_LIMIT", "0.020")), f"p95 write latency {p95 * 1000:.1f} ms"
    view.close()


def _sessions(conn, role: str) -> int:
    return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE usename = %s", (role,)).fetchone()[0]


def test_kill_9_mid_burst_loses_nothing_committed(classdb):
    parent, child = CTX.Pipe()
    proc = CTX.Process(target=endless, args=(classdb.url("zhang"), "张三", child))
    proc.start()
    committed = [parent.recv() for _ in range(150)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(timeout=10)
    while parent.poll(0.2):
        committed.append(parent.recv())
    assert proc.exitcode == -signal.SIGKILL
    with psycopg.connect(classdb.admin_url) as conn:
        stored = {r[0] for r in conn.execute("SELECT id FROM edu.annotation")}
        assert set(committed) <= stored and len(stored) - len(committed) <= 1
        deadline = time.monotonic() + 5  # the server notices the dead client and ends its session
        while (left := _sessions(conn, "edu_u_zhang")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert left == 0


def test_a_server_restart_during_the_run(classdb, pg_cluster, tmp_path):
    go, out = CTX.Event(), CTX.Queue()
    users = [("zhang", "张三"), ("li", "李四"), ("zhao", "赵六")]
    procs = [CTX.Process(target=resilient, args=(classdb.url(u), name, 80, tmp_path / f"{u}.outbox", go, out, 0.01))
             for u, name in users]  # fmt: skip
    for p in procs:
        p.start()
    time.sleep(0.5)
    go.set()
    time.sleep(0.3)
    pg_cluster.stop()  # mid-run: every writer loses its connection
    time.sleep(0.5)
    pg_cluster.start()
    results = [out.get(timeout=40) for _ in procs]
    for p in procs:
        p.join(timeout=10)
        assert p.exitcode == 0
    assert sum(queued for _, _, queued, _, _ in results) > 0, "the restart did not hit the run"
    assert all(left == 0 for _, _, _, left, _ in results)  # outboxes drained
    assert all(len(said) == 1 for *_, said in results)  # one message, not one per note
    ids = {i for _, got, _, _, _ in results for i in got}
    with psycopg.connect(classdb.admin_url) as conn:
        rows = conn.execute("SELECT id, author FROM edu.annotation").fetchall()
    assert len(rows) == len(ids) == 240 and {r[0] for r in rows} == ids  # nothing lost, no duplicates
