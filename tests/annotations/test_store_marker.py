"""A store is ours only by its marker: other SQLite files are refused byte for byte; read-only stores export."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from edu_helpers.annotations import AnnotationStore, StoreError
from edu_helpers.annotations.sqlite import schema
from edu_helpers.cli import main
from tests.paths import REPO


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign(path: Path, version: int | None) -> Path:
    """Another program's database that happens to have a ``schema_version`` table."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
    conn.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipe (name) VALUES ('红烧肉')")
    if version is not None:
        conn.execute("INSERT INTO schema_version VALUES (?, 'x')", (version,))
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("version", [None, 1], ids=["empty schema_version", "version 1 already"])
@pytest.mark.parametrize("how", ["AnnotationStore", "export", "import", "annotate"])
def test_another_programs_database_with_schema_version_is_refused_untouched(tmp_path, version, how, capsys):
    path = _foreign(tmp_path / "other.sqlite", version)
    before, listing = _sha(path), sorted(os.listdir(tmp_path))
    if how == "AnnotationStore":
        with pytest.raises(StoreError, match="not an annotation store"):
            AnnotationStore(path)
    else:
        args = {
            "export": ["export", "--format", "csv"],
            "import": ["import", str(Path(__file__).parents[1] / "data" / "annotations_hypothesis.jsonld")],
            "annotate": ["annotate", "--quote", "双减"],
        }[how]
        assert main([*args, "--store", str(path)]) == 2
        err = capsys.readouterr().err
        assert "not an annotation store" in err and err.count("\n") == 1
    assert _sha(path) == before
    assert sorted(os.listdir(tmp_path)) == listing
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # never switched to WAL
    conn.close()


def test_a_new_store_carries_the_marker(tmp_path):
    with AnnotationStore(tmp_path / "new.sqlite") as store:
        path = store.path
    conn = sqlite3.connect(path)  # an SQLite marker (the server's is the schema comment: test_pg_backend)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    conn.close()


def test_a_store_of_the_current_layout_without_marker_gets_it(tmp_path, report):
    path = tmp_path / "older.sqlite"
    with AnnotationStore(path) as s:
        note = s.annotate(report, "双减", note="旧库")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    with AnnotationStore(path) as s:
        assert s.get(note.id).note == "旧库"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    conn.close()


def test_a_marked_database_of_another_program_is_refused(tmp_path):
    path = tmp_path / "marked.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _sha(path)
    with pytest.raises(StoreError, match="another program"):
        AnnotationStore(path)
    assert _sha(path) == before


def _export_as_another_user(store: Path) -> subprocess.CompletedProcess:
    """``export`` of ``store`` by a process that obeys file permissions (root: without the capabilities
    that override them, via util-linux ``setpriv``)."""
    command = [sys.executable, "-m", "edu_helpers", "export", "--store", str(store), "--format", "markdown"]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO)


@pytest.mark.parametrize("folder_too", [False, True], ids=["file 444", "file and folder read-only"])
def test_a_read_only_store_can_be_exported_and_is_not_written(tmp_path, report, folder_too):
    top = tmp_path / "ro"
    top.mkdir()
    try:
        path = top / "notes.sqlite"
        with AnnotationStore(path) as s:
            s.annotate(report, "双减", note="只读也能导出")
        path.chmod(0o444)
        if folder_too:
            top.chmod(0o555)
        before, listing = _sha(path), sorted(os.listdir(top))
        proc = _export_as_another_user(path)
        assert proc.returncode == 0, proc.stderr
        assert "只读也能导出" in proc.stdout
        assert _sha(path) == before and sorted(os.listdir(top)) == listing
    finally:
        top.chmod(0o755)


def test_read_only_opening_never_writes(tmp_path, report):
    path = tmp_path / "notes.sqlite"
    with AnnotationStore(path) as s:
        s.annotate(report, "双减")
    old = os.stat(path).st_mtime_ns - 10_000_000_000
    os.utime(path, ns=(old, old))
    before = _sha(path)
    with AnnotationStore(path, read_only=True) as s:
        assert len(s.annotations()) == 1
        with pytest.raises(StoreError, match="read-only"):
            s.annotate(report, "双减")
    assert _sha(path) == before and os.stat(path).st_mtime_ns == old


def test_read_only_opening_of_a_missing_store_creates_nothing(tmp_path):
    with pytest.raises(StoreError, match="no annotation store"):
        AnnotationStore(tmp_path / "none.sqlite", read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_not_a_regular_file_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EDU_ANNOTATIONS", "/dev/null")
    assert main(["export", "--format", "csv"]) == 2
    err = capsys.readouterr().err
    assert "/dev/null" in err and "not a regular file" in err and "disk I/O" not in err


def test_a_fifo_as_the_store_is_refused_at_once(tmp_path):
    fifo = tmp_path / "notes.sqlite"
    os.mkfifo(fifo)
    result: list[BaseException] = []
    worker = threading.Thread(target=lambda: _catch(result, lambda: AnnotationStore(fifo)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # unblock the open() so the test process can end
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("opening a FIFO as the store hung")
    assert result and isinstance(result[0], StoreError) and "not a regular file" in str(result[0])
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def _catch(out: list, fn) -> None:
    try:
        fn()
    except BaseException as exc:
        out.append(exc)
