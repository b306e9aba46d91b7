"""SQLite 后端：一个文件的批注库。The SQLite backend: one file, WAL, one ``BEGIN IMMEDIATE`` per change."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from edu_helpers.annotations.model import Annotation, Reply, StoreError
from edu_helpers.annotations.sqlite import replies as reply_rows
from edu_helpers.annotations.sqlite import schema
from edu_helpers.annotations.sqlite.rows import INSERT, SELECT, from_json, from_row, replace_row, to_row


class _Transaction:
    """The :class:`~edu_helpers.annotations.backend.Transaction` of an open ``BEGIN IMMEDIATE``."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def get(self, annotation_id: str) -> Annotation | None:
        row = self._conn.execute(f"{SELECT} WHERE id = ?", (annotation_id,)).fetchone()
        return None if row is None else from_row(row)

    def insert(self, annotation: Annotation) -> None:
        self._conn.execute(INSERT, to_row(annotation))

    def replace(self, old: Annotation, new: Annotation, reason: str) -> None:
        replace_row(self._conn, old, new, reason)


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


class SQLiteBackend:
    """Annotations in an SQLite file (created if missing; see :mod:`.schema` for the checks).

    Args:
        path: the store file.
        read_only: never write (the file must exist); every change raises :class:`StoreError`.

    Raises:
        StoreError: the file is not an annotation store or is damaged (it is left untouched).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path: Path | None = Path(path).expanduser()
        self.location = str(self.path)
        self.read_only = read_only
        self._conn = schema.connect(self.path, read_only=read_only)
        self._lock = threading.RLock()

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[_Transaction]:
        if self.read_only:
            raise StoreError(self.path, "opened read-only: nothing can be changed here")
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise schema.database_error(self.path, exc) from None
            try:
                yield _Transaction(conn)
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                _rollback(conn)
                raise schema.database_error(self.path, exc) from None
            except BaseException:
                _rollback(conn)
                raise

    def count(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM annotation WHERE deleted = 0").fetchone()[0]

    def get(self, annotation_id: str) -> Annotation | None:
        with self._lock:
            row = self._conn.execute(f"{SELECT} WHERE id = ?", (annotation_id,)).fetchone()
        return None if row is None else from_row(row)

    def select(
        self, *, document: str | None = None, title: str | None = None, include_deleted: bool = False
    ) -> list[Annotation]:
        where, params = ([] if include_deleted else ["deleted = 0"]), []
        if document is not None:
            where.append("(document = ? OR document = '' OR (document_title <> '' AND document_title = ?))")
            params += [document, title or ""]
        sql = SELECT + (f" WHERE {' AND '.join(where)}" if where else "")
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()  # rowid order: no sort of 10,000 rows
        return [from_row(r) for r in rows]

    def history(self, annotation_id: str) -> list[Annotation]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT data FROM revision WHERE annotation_id = ? ORDER BY rowid", (annotation_id,)
            ).fetchall()
        return [from_json(r[0]) for r in rows]

    def replies(self, target: str | None = None) -> list[Reply]:
        with self._lock:
            return reply_rows.select(self._conn, target)

    def add_replies(self, replies: Iterable[Reply]) -> int:
        with self.transaction():
            return reply_rows.insert(self._conn, replies)

    def changes(self) -> tuple:
        with self._lock:
            return reply_rows.changes(self._conn)
