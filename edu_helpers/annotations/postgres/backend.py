"""PostgreSQL 批注库后端。The PostgreSQL backend (psycopg 3) of the annotation store.

One connection per backend, in autocommit mode, with explicit ``BEGIN … COMMIT`` per change. A
connection lost to a server restart is replaced by itself: reads are retried once on a fresh
connection, and a change whose ``BEGIN`` fails is begun again; a change cut off after it began
raises :class:`ServerUnavailable` (nothing or all of it was committed: callers re-send it by id,
which is idempotent — see :mod:`.outbox`).

In a class (``?class=C`` in the URL, or ``$EDU_CLASS``) the connected role is a person of the roster:
what it may read and change is decided by the database's row-level security (:mod:`.migrations`),
and ``author`` of what it writes is its roster name. Without a class it is a personal store.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors as pgerr

from edu_helpers.annotations.model import Annotation, Reply, StoreError
from edu_helpers.annotations.postgres import migrations as m
from edu_helpers.annotations.postgres.rows import (
    INSERT,
    INSERT_REPLY,
    REPLY_COLUMNS,
    SELECT,
    UPDATE,
    Identity,
    NotAllowed,
    ServerUnavailable,
    check_visibility,
    first_line,
    from_json,
    from_row,
    reply_params,
    safe_location,
    split_url,
    to_params,
    update_params,
)  # fmt: skip

CLASS_ENV = "EDU_CLASS"
_RETRYABLE = (pgerr.AdminShutdown, pgerr.CannotConnectNow)


class PostgresBackend:
    """Annotation rows on a PostgreSQL server.

    Args:
        url: ``postgresql://user:password@host:port/db`` (an optional ``class=C`` query names the class).
        class_id: the class (else the URL's ``class``, else ``$EDU_CLASS``, else ``""``: a personal store).
        connect_timeout: seconds to wait for the server on each (re)connection.
        migrate: create or migrate the schema if needed (needs the right to); else refuse an old one.

    Raises:
        ServerUnavailable: the server cannot be reached.
        StoreError: the database holds another program's ``edu`` schema, a newer schema, or the
            role is not on the class roster.
    """

    path = None

    def __init__(self, url: str, *, class_id: str | None = None, connect_timeout: float = 3.0, migrate: bool = True):
        self.url, url_class = split_url(url)
        self.location = safe_location(url)
        self.class_id = class_id if class_id is not None else url_class or os.environ.get(CLASS_ENV, "")
        self.connect_timeout = connect_timeout
        self._lock = threading.RLock()
        self._conn: psycopg.Connection | None = None
        self.reconnects = 0
        with self._lock:
            conn = self._connection()
            try:
                m.ensure_schema(conn, self.location, migrate=migrate)
                self.identity, self.default_visibility = self._whoami(conn)
            except psycopg.Error as exc:
                raise self._error(exc) from None

    # --- connection ----------------------------------------------------------------------------
    def connect(self, **options: Any) -> psycopg.Connection:
        """A new connection to the same server as the same role (autocommit)."""
        try:
            return psycopg.connect(
                self.url, autocommit=True, connect_timeout=max(1, round(self.connect_timeout)),
                application_name="edu_helpers", keepalives=1, keepalives_idle=10, keepalives_interval=5,
                keepalives_count=3, **options,
            )  # fmt: skip
        except psycopg.OperationalError as exc:
            raise ServerUnavailable(self.location, first_line(exc)) from None

    def _connection(self) -> psycopg.Connection:
        if self._conn is None or self._conn.closed or self._conn.broken:
            if self._conn is not None:
                self._conn.close()
                self.reconnects += 1
            self._conn = self.connect()
        return self._conn

    def _lost(self, exc: psycopg.Error) -> bool:
        conn = self._conn
        lost = isinstance(exc, psycopg.OperationalError) and (conn is None or conn.closed or conn.broken)
        return lost or isinstance(exc, _RETRYABLE)

    def _error(self, exc: psycopg.Error) -> StoreError:
        if self._lost(exc):
            if self._conn is not None:
                self._conn.close()
            return ServerUnavailable(self.location, first_line(exc))
        if isinstance(exc, pgerr.InsufficientPrivilege):
            return NotAllowed(self.location, f"无权进行此操作 permission denied by the database ({first_line(exc)})")
        return StoreError(self.location, f"数据库拒绝了这次修改 the database refused the change ({first_line(exc)})")

    def run(self, work: Callable[[psycopg.Connection], Any]) -> Any:
        """Run a read with the connection; on a lost connection, once more on a fresh one."""
        with self._lock:
            for attempt in (1, 2):
                conn = self._connection()
                try:
                    return work(conn)
                except psycopg.Error as exc:
                    if attempt == 2 or not self._lost(exc):
                        raise self._error(exc) from None
                    conn.close()
        raise AssertionError("unreachable")

    def _whoami(self, conn: psycopg.Connection) -> tuple[Identity, str]:
        role, display, kind, default, superuser = conn.execute(
            "SELECT current_user, edu.display_in(%s, current_user), edu.role_in(%s, current_user), "
            "(SELECT default_visibility FROM edu.class WHERE id = %s), "
            "(SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user)",
            (self.class_id, self.class_id, self.class_id),
        ).fetchone()
        if self.class_id and kind is None and not superuser:
            raise StoreError(
                self.location, f"数据库角色 {role} 不在班级 {self.class_id} 的名单中 not on the class roster"
            )
        return Identity(role, display or "", kind, self.class_id), default or (
            "teacher" if self.class_id else "private"
        )

    # --- the Backend protocol -------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (a later call opens a new one)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[PgTransaction]:
        """One ``BEGIN … COMMIT``: all of a change, or nothing of it."""
        with self._lock:
            conn = self._begin()
            try:
                yield PgTransaction(self, conn)
                conn.execute("COMMIT")
            except psycopg.Error as exc:
                _rollback(conn)
                raise self._error(exc) from None
            except BaseException:
                _rollback(conn)
                raise

    def _begin(self) -> psycopg.Connection:
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.execute("BEGIN")
                return conn
            except psycopg.Error as exc:
                if attempt == 2 or not self._lost(exc):
                    raise self._error(exc) from None
                conn.close()
        raise AssertionError("unreachable")

    def count(self) -> int:
        """Live annotations of the class this role can read."""
        sql = "SELECT count(*) FROM edu.annotation WHERE class_id = %s AND NOT deleted"
        return self.run(lambda c: c.execute(sql, (self.class_id,)).fetchone()[0])

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation with this id (deleted or not), if this role may read it."""
        sql = f"{SELECT} WHERE id = %s AND class_id = %s"
        row = self.run(lambda c: c.execute(sql, (annotation_id, self.class_id)).fetchone())
        return from_row(row) if row else None

    def select(
        self, *, document: str | None = None, title: str | None = None, include_deleted: bool = False
    ) -> list[Annotation]:
        """Readable annotations of the class in insertion order, optionally those of a document."""
        where, params = ["class_id = %s"], [self.class_id]
        if not include_deleted:
            where.append("NOT deleted")
        if document is not None:
            where.append("(document = %s OR document = '' OR (document_title <> '' AND document_title = %s))")
            params += [document, title or ""]
        sql = f"{SELECT} WHERE {' AND '.join(where)} ORDER BY seq"
        return [from_row(r) for r in self.run(lambda c: c.execute(sql, params).fetchall())]

    def history(self, annotation_id: str) -> list[Annotation]:
        """Replaced versions of an annotation, oldest first."""
        sql = "SELECT data FROM edu.revision WHERE annotation_id = %s ORDER BY seq"
        return [from_json(r[0]) for r in self.run(lambda c: c.execute(sql, (annotation_id,)).fetchall())]

    def replies(self, target: str | None = None) -> list[Reply]:
        """Readable live replies of the class (to one annotation), oldest first."""
        sql, params = f"SELECT {REPLY_COLUMNS} FROM edu.reply WHERE class_id = %s AND NOT deleted", [self.class_id]
        if target is not None:
            sql, params = sql + " AND target = %s", [*params, target]
        return [Reply(*r) for r in self.run(lambda c: c.execute(sql + " ORDER BY seq", params).fetchall())]

    def add_replies(self, replies: Iterable[Reply]) -> int:
        """Store replies in one transaction (idempotent by id); in a class, signed with the roster name."""
        added = 0
        with self.transaction() as tx:
            for r in replies:
                if self.class_id:
                    r = dataclasses.replace(r, author=self.identity.display)
                added += tx.cursor.execute(INSERT_REPLY, reply_params(r, self.class_id)).rowcount
        return added

    def changes(self) -> tuple:
        """Counts and latest change times of the class's readable annotations and replies."""
        sql = (
            "SELECT (SELECT (count(*), max(updated), count(*) FILTER (WHERE deleted))::text FROM edu.annotation "
            "WHERE class_id = %s), (SELECT (count(*), max(updated))::text FROM edu.reply WHERE class_id = %s)"
        )
        return tuple(self.run(lambda c: c.execute(sql, (self.class_id, self.class_id)).fetchone()))

    # --- server extras ---------------------------------------------------------------------------
    def visibility(self, annotation_id: str) -> str | None:
        """``private``, ``teacher`` or ``class`` (``None``: no such readable annotation)."""
        sql = "SELECT visibility FROM edu.annotation WHERE id = %s"
        row = self.run(lambda c: c.execute(sql, (annotation_id,)).fetchone())
        return row[0] if row else None

    def set_visibility(self, annotation_id: str, visibility: str) -> None:
        """Share one's own annotation with nobody (``private``), the teacher, or the class.

        Raises:
            NotAllowed: not this role's annotation.
        """
        with self.transaction() as tx:
            tx.cursor.execute("SELECT set_config('edu.reason', 'share', true)")
            sql = "UPDATE edu.annotation SET visibility = %s WHERE id = %s"
            if tx.cursor.execute(sql, (check_visibility(visibility), annotation_id)).rowcount != 1:
                raise NotAllowed(
                    self.location, f"只能修改自己的批注 only the author may share annotation {annotation_id}"
                )

    def classes(self, role: str | None = "teacher") -> list[str]:
        """The classes this role is a member of (as ``role``; ``None``: any role), sorted."""
        sql = "SELECT c FROM edu.classes_of(current_user, %s) AS c ORDER BY 1"
        return [r[0] for r in self.run(lambda c: c.execute(sql, (role,)).fetchall())]


class PgTransaction:
    """The change under way (see :meth:`PostgresBackend.transaction`)."""

    def __init__(self, backend: PostgresBackend, conn: psycopg.Connection):
        self.backend, self.cursor = backend, conn.cursor()

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation, locked until the end of the change when this role may change it."""
        cid = self.backend.class_id
        row = self.cursor.execute(
            f"{SELECT} WHERE id = %s AND class_id = %s FOR UPDATE", (annotation_id, cid)
        ).fetchone()
        if row is None:  # readable but someone else's, or missing
            row = self.cursor.execute(f"{SELECT} WHERE id = %s AND class_id = %s", (annotation_id, cid)).fetchone()
        return from_row(row) if row else None

    def _signed(self, ann: Annotation) -> Annotation:
        b = self.backend
        return dataclasses.replace(ann, author=b.identity.display) if b.class_id and b.identity.kind else ann

    def insert(self, annotation: Annotation, *, visibility: str | None = None) -> None:
        """Add a new annotation, written as the connected role (in a class: signed with its roster name)."""
        vis = check_visibility(visibility or self.backend.default_visibility)
        self.cursor.execute(INSERT, (self.backend.class_id, vis, *to_params(self._signed(annotation))))

    def replace(self, old: Annotation, new: Annotation, reason: str, *, visibility: str | None = None) -> None:
        """Write ``new`` over ``old``; the trigger keeps ``old`` in ``edu.revision`` with ``reason``.

        Raises:
            NotAllowed: the row is not this role's (row-level security matched nothing).
        """
        self.cursor.execute("SELECT set_config('edu.reason', %s, true)", (reason,))
        vis = check_visibility(visibility) if visibility else None
        self.cursor.execute(UPDATE, update_params(self._signed(new), vis))
        if self.cursor.rowcount != 1:
            raise NotAllowed(
                self.backend.location, f"只能修改自己的批注 only the author may change annotation {old.id}"
            )


def _rollback(conn: psycopg.Connection) -> None:
    try:
        if not (conn.closed or conn.broken):
            conn.execute("ROLLBACK")
    except psycopg.Error:
        conn.close()
