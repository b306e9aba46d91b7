"""Student processes for the load and fault tests (forked from the test process: no re-import cost)."""

from __future__ import annotations

import multiprocessing as mp
import time
from pathlib import Path

from edu_helpers.annotations.model import Annotation, new_id, utc_now

CTX = mp.get_context("fork")
QUOTES = ("双减", "立德树人根本任务", "教育强国", "高质量发展", "课后服务")
KINDS = ("重点", "疑问", "心得", None)


def note(author: str, i: int) -> Annotation:
    """The ``i``-th note of a student (paragraph and kind vary, so the heat map has cells)."""
    now = utc_now()
    return Annotation(new_id(), "doc", QUOTES[i % 5], i, i + 2, paragraph_id=f"p{i % 17 + 1:02d}", author=author,
                      created=now, updated=now, kind=KINDS[i % 4], note=f"{author} 的第 {i} 条笔记")  # fmt: skip


def burst(url: str, author: str, count: int, go, out, pause: float = 0.0) -> None:
    """Open a connection, wait for ``go``, write ``count`` notes (one transaction each), report
    (ids, latencies in s) through ``out``."""
    from edu_helpers.annotations.postgres.backend import PostgresBackend

    backend = PostgresBackend(url, migrate=False)
    go.wait()
    ids, latencies = [], []
    for i in range(count):
        ann = note(author, i)
        started = time.perf_counter()
        with backend.transaction() as tx:
            tx.insert(ann)
        latencies.append(time.perf_counter() - started)
        ids.append(ann.id)
        if pause:
            time.sleep(pause)
    out.put((author, ids, latencies))
    backend.close()


def endless(url: str, author: str, conn) -> None:
    """Write notes until killed, sending each id through the pipe once its commit returned."""
    from edu_helpers.annotations.postgres.backend import PostgresBackend

    backend = PostgresBackend(url, migrate=False)
    for i in range(10**9):
        ann = note(author, i)
        with backend.transaction() as tx:
            tx.insert(ann)
        conn.send(ann.id)


def resilient(url: str, author: str, count: int, outbox: Path, go, out, pause: float) -> None:
    """Write ``count`` notes through a :class:`ClassWriter` (outbox when the server is away), then
    flush; report (ids, how many were queued, entries left)."""
    from edu_helpers.annotations.postgres.backend import PostgresBackend
    from edu_helpers.annotations.postgres.outbox import ClassWriter, Outbox

    said: list[str] = []
    writer = ClassWriter(lambda: PostgresBackend(url, migrate=False, connect_timeout=1, outbox=False), Outbox(outbox),
                         retry=0.1, say=said.append)  # fmt: skip
    go.wait()
    ids, queued = [], 0
    for i in range(count):
        ann = note(author, i)
        queued += writer.save(ann) == "queued"
        ids.append(ann.id)
        time.sleep(pause)
    left = writer.flush(timeout=20)
    out.put((author, ids, queued, left, said))
