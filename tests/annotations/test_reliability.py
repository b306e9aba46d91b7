"""Notes are never lost: concurrent writers, a writer killed mid-write, foreign or damaged files."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from edu_helpers.annotations import AnnotationStore, StoreError
from tests.paths import REPO as ROOT

# A child process: open the store, say "ready", wait for the go file, then annotate `count` times,
# printing each id once its transaction has committed.
WRITER = """
import sys, time
from pathlib import Path
from edu_helpers import load_document
from edu_helpers.annotations import AnnotationStore
store_path, go, count, who = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
doc = load_document()
quotes = [p.text[:10] for p in doc.paragraph_records]
with AnnotationStore(store_path) as store:
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    for i in range(count):
        a = store.annotate(doc, quotes[i % len(quotes)], note=who + " " + str(i) + " " + "笔" * 2000, author=who)
        print(a.id, flush=True)
"""


def _writer(store: Path, go: Path, count: int, who: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store), str(go), str(count), who],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def _wait_ready(proc: subprocess.Popen) -> None:
    line = proc.stdout.readline()
    assert line.strip() == "ready", proc.stderr.read()


@pytest.mark.slow
def test_two_processes_writing_at_once_both_succeed(tmp_path):
    store, go = tmp_path / "shared.sqlite", tmp_path / "go"
    procs = [_writer(store, go, 500, who) for who in ("甲", "乙")]
    for p in procs:
        _wait_ready(p)
    go.touch()
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    ids = [line for out, _ in outputs for line in out.split()]  # "ready" was read already
    assert len(ids) == len(set(ids)) == 1000
    with AnnotationStore(store) as s:
        rows = s.annotations()
        assert len(rows) == 1000 and {a.id for a in rows} == set(ids)
        assert sorted({a.author for a in rows}) == ["乙", "甲"]


@pytest.mark.slow
def test_a_writer_killed_mid_write_loses_nothing_committed(tmp_path):
    store, go = tmp_path / "killed.sqlite", tmp_path / "go"
    go.touch()
    proc = _writer(store, go, 100_000, "被杀")
    _wait_ready(proc)
    committed = []
    while len(committed) < 150:
        committed.append(proc.stdout.readline().strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    committed += proc.stdout.read().split()  # ids printed before the kill landed
    assert proc.returncode == -signal.SIGKILL
    with AnnotationStore(store) as s:
        stored = {a.id for a in s.annotations()}
        assert set(committed) <= stored
        assert len(stored) - len(committed) <= 1  # at most the one committed but not yet printed
        assert s.backend._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _real_store(path: Path) -> Path:
    with AnnotationStore(path) as s:
        s.backend._conn.execute("BEGIN IMMEDIATE")
        for i in range(300):
            s.backend._conn.execute(
                "INSERT INTO annotation (id, document, created, updated, exact, start_pos, end_pos, note) "
                "VALUES (?, 'd', 't', 't', '引文', 0, 2, ?)",
                (f"id{i}", "笔记" * 200),
            )
        s.backend._conn.execute("COMMIT")
    return path


def _damaged(path: Path) -> Path:
    raw = bytearray(_real_store(path).read_bytes())
    raw[4096 * 2 : 4096 * 6] = os.urandom(4096 * 4)
    path.write_bytes(bytes(raw))
    return path


def _truncated(path: Path) -> Path:
    raw = _real_store(path).read_bytes()
    path.write_bytes(raw[: len(raw) // 3])
    return path


def _other_program(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('cat.jpg')")
    conn.commit()
    conn.close()
    return path


MAKERS = {
    "text file": lambda p: (p.write_text("我的笔记，不是数据库\n", encoding="utf-8"), p)[1],
    "random bytes": lambda p: (p.write_bytes(os.urandom(8192)), p)[1],
    "damaged pages": _damaged,
    "truncated": _truncated,
    "another program's database": _other_program,
}


@pytest.mark.parametrize("make", MAKERS.values(), ids=MAKERS.keys())
def test_foreign_or_damaged_file_is_refused_and_untouched(tmp_path, make):
    path = make(tmp_path / "notes.sqlite")
    old = os.stat(path).st_mtime_ns - 10_000_000_000  # ten seconds back: a write would show
    os.utime(path, ns=(old, old))
    before, listing = path.read_bytes(), sorted(os.listdir(tmp_path))
    time.sleep(0.01)
    with pytest.raises(StoreError) as info:
        AnnotationStore(path)
    assert isinstance(info.value, ValueError) and str(path) in str(info.value)
    assert path.read_bytes() == before and os.stat(path).st_mtime_ns == old
    assert sorted(os.listdir(tmp_path)) == listing  # no -wal, -shm or journal left beside it


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        AnnotationStore(tmp_path)


def test_an_empty_file_becomes_a_new_store(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    with AnnotationStore(path) as s:
        assert len(s) == 0


def test_a_store_locked_too_long_is_a_clear_error(tmp_path, monkeypatch, report):
    from edu_helpers.annotations.sqlite import schema

    monkeypatch.setattr(schema, "BUSY_TIMEOUT", 0.2)
    path = tmp_path / "locked.sqlite"
    with AnnotationStore(path) as store:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError, match="locked by another program"):
            store.annotate(report, "双减")
        other.execute("ROLLBACK")
        other.close()
        assert store.annotate(report, "双减").quote == "双减"
