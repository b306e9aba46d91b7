"""PostgreSQL 批注库后端。The PostgreSQL backend (psycopg 3) of the annotation store.

The connection (:mod:`.connection`) replaces itself after a server restart: reads are retried once
on a fresh connection, and a change whose ``BEGIN`` fails is begun again. A change that only adds
(a new annotation, a reply) is sent in one round trip (psycopg pipeline mode: ``BEGIN``, the
``INSERT``s and ``COMMIT`` together). When the server cannot be reached, such a change is kept in the
local outbox (:mod:`.offline`) and sent by itself when the server is back (idempotent by id: no
duplicate); any other change cut off raises :class:`ServerUnavailable`.

In a class (``?class=C`` in the URL, or ``$EDU_CLASS``) the connected role is a person of the roster:
what it may read and change is decided by the database's row-level security (:mod:`.migrations`),
and ``author`` of what it writes is its roster name. Without a class it is a personal store.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import psycopg

from edu_helpers.annotations.model import Annotation, Reply, StoreError
from edu_helpers.annotations.postgres import migrations as m
from edu_helpers.annotations.postgres.connection import PgConnection, rollback
from edu_helpers.annotations.postgres.offline import OfflineQueue
from edu_helpers.annotations.postgres.rows import (
    REPLY_COLUMNS,
    SELECT,
    Identity,
    NotAllowed,
    ServerUnavailable,
    check_visibility,
    from_json,
    from_row,
)  # fmt: skip
from edu_helpers.annotations.postgres.transaction import PgTransaction

CLASS_ENV = "EDU_CLASS"


class PostgresBackend(PgConnection):
    """Annotation rows on a PostgreSQL server.

    Args:
        url: ``postgresql://user:password@host:port/db`` (an optional ``class=C`` query names the class).
        class_id: the class (else the URL's ``class``, else ``$EDU_CLASS``, else ``""``: a personal store).
        connect_timeout: seconds to wait for the server on each (re)connection.
        migrate: create or migrate the schema if needed (needs the right to); else refuse an old one.
        outbox: keep new annotations and replies locally while the server is away (see :mod:`.offline`).

    Raises:
        ServerUnavailable: the server cannot be reached.
        StoreError: the database holds another program's ``edu`` schema, a newer schema, or the
            role is not on the class roster.
    """

    path = None

    def __init__(
        self, url: str, *, class_id: str | None = None, connect_timeout: float = 3.0, migrate: bool = True,
        outbox: bool = True,
    ):  # fmt: skip
        super().__init__(url, connect_timeout=connect_timeout)
        self.class_id = class_id if class_id is not None else self.url_class or os.environ.get(CLASS_ENV, "")
        with self._lock:
            conn = self._connection()
            try:
                m.ensure_schema(conn, self.location, migrate=migrate)
                self.identity, self.default_visibility = self._whoami(conn)
            except psycopg.Error as exc:
                raise self._error(exc) from None
        self.offline = OfflineQueue(self, f"{self.location}#{self.class_id}") if outbox else None
        self._succeeded()  # notes kept by an earlier session go out now

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

    def _succeeded(self) -> None:
        """Send what waits in the outbox (the server answered)."""
        if getattr(self, "offline", None) is not None and self.offline.pending and not self.offline.draining:
            self.offline.drain()

    @property
    def notice(self) -> str:
        """The one Chinese message while notes wait in the outbox (``""`` when none do)."""
        return self.offline.notice if self.offline is not None else ""

    # --- the Backend protocol -------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (a later call opens a new one) and stop the outbox's timer."""
        if getattr(self, "offline", None) is not None:
            self.offline.stop()
        super().close()

    @contextmanager
    def transaction(self) -> Iterator[PgTransaction]:
        """One ``BEGIN … COMMIT``: all of a change, or nothing of it (an addition: kept if the server is away)."""
        with self._lock:
            tx = PgTransaction(self, keep=self.offline is not None and not self.offline.draining)
            try:
                yield tx
                tx.commit()
            except psycopg.Error as exc:
                rollback(tx.conn)
                error = self._error(exc)
                if not (isinstance(error, ServerUnavailable) and tx.keepable):
                    raise error from None
                tx.conn = None
                tx.offline = True
            except ServerUnavailable:
                rollback(tx.conn)
                if not tx.keepable:
                    raise
                tx.offline = True
            except BaseException:
                rollback(tx.conn)
                raise
            if tx.offline:
                self.offline.keep(tx.kept)
            else:
                self._succeeded()

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
        with self.transaction() as tx:
            return sum(tx.add_reply(r) for r in replies)

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

    def visibilities(self) -> dict[str, str]:
        """``{annotation id: visibility}`` of the class's readable annotations (one query)."""
        sql = "SELECT id, visibility FROM edu.annotation WHERE class_id = %s"
        return dict(self.run(lambda c: c.execute(sql, (self.class_id,)).fetchall()))

    def set_visibility(self, annotation_id: str, visibility: str) -> None:
        """Share one's own annotation with nobody (``private``), the teacher, or the class.

        Raises:
            NotAllowed: not this role's annotation.
        """
        with self.transaction() as tx:
            cur = tx._begun()
            cur.execute("SELECT set_config('edu.reason', 'share', true)")
            sql = "UPDATE edu.annotation SET visibility = %s WHERE id = %s"
            if cur.execute(sql, (check_visibility(visibility), annotation_id)).rowcount != 1:
                raise NotAllowed(
                    self.location, f"只能修改自己的批注 only the author may share annotation {annotation_id}"
                )

    def classes(self, role: str | None = "teacher") -> list[str]:
        """The classes this role is a member of (as ``role``; ``None``: any role), sorted."""
        sql = "SELECT c FROM edu.classes_of(current_user, %s) AS c ORDER BY 1"
        return [r[0] for r in self.run(lambda c: c.execute(sql, (role,)).fetchall())]
