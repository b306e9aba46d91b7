"""PostgreSQL 批注库后端。The PostgreSQL backend (psycopg 3) of the annotation store.

The connection (:mod:`.connection`) replaces itself after a server restart: reads are retried once
on a fresh connection, and a change whose ``BEGIN`` fails is begun again. A change that only adds
(a new annotation) is sent in one round trip (one ``INSERT`` alone, in autocommit mode its own
transaction; several: ``BEGIN``, the ``INSERT``s and ``COMMIT`` together in psycopg pipeline mode).
When the server cannot be reached, such a change is kept in the local outbox (:mod:`.offline`) and
sent by itself when the server is back (idempotent by id: no duplicate); any other change cut off
raises :class:`ServerUnavailable`. A server that cannot be reached when the store is opened gives a
store that works offline: reads answer from the outbox (and what was last read, :mod:`.local`),
additions and edits of waiting notes are kept, and the opening (schema check, who am I) is
completed when the server answers. ``outbox=False`` (the CLI, the teacher's live view) needs the
server: opening then raises :class:`ServerUnavailable`.

In a class (``?class=C`` in the URL, or ``$EDU_CLASS``) the connected role is a person of the roster:
what it may read and change is decided by the database's row-level security (:mod:`.migrations`),
and ``author`` of what it writes is its roster name. Without a class it is a personal store.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import psycopg

from edu_helpers.annotations.model import Annotation, Reply, StoreError
from edu_helpers.annotations.postgres import local
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
        self.migrate, self.opened = migrate, False
        self.identity = Identity(class_id=self.class_id)  # until the server says who we are
        self.default_visibility = "teacher" if self.class_id else "private"
        self.offline = OfflineQueue(self, f"{self.location}#{self.class_id}") if outbox else None
        try:
            self.ping()  # notes kept by an earlier session go out now
        except ServerUnavailable:
            if self.offline is None:
                raise
            self.offline.went_away()  # a store that works offline; the timer completes the opening

    def _connection(self) -> psycopg.Connection:
        """The connection; the first one checks the schema and who we are. While the server is away, the
        reader's operations try it again only after :attr:`~.offline.OfflineQueue.backoff`."""
        q = getattr(self, "offline", None)
        if q is not None and q.away and not q.draining and time.monotonic() < q.retry_at:
            raise ServerUnavailable(self.location, "offline")
        conn = super()._connection()
        if not self.opened:
            try:
                m.ensure_schema(conn, self.location, migrate=self.migrate)
                self.identity, self.default_visibility = self._whoami(conn)
            except psycopg.Error as exc:
                raise self._error(exc) from None
            self.opened = True
        return conn

    def ping(self) -> None:
        """Reach the server (one round trip), sending what waits.

        Raises:
            ServerUnavailable: it cannot be reached.
        """
        self.run(lambda c: c.execute("SELECT 1"))

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
        """The server answered: send what waits in the outbox."""
        q = getattr(self, "offline", None)
        if q is not None and not q.draining and (q.pending or q.away):
            q.drain()

    def _read(self, work: Callable[[psycopg.Connection], object], away: Callable[[], object]) -> object:
        """``self.run(work)``; while the server is away, ``away()`` (answered locally) if there is an outbox."""
        try:
            return self.run(work)
        except ServerUnavailable:
            if self.offline is None:
                raise
            self.offline.went_away()
            return away()

    @property
    def notice(self) -> str:
        """The one Chinese message while the server is away or notes wait (``""`` otherwise)."""
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
                if tx.kept:
                    self.offline.keep(tx.kept)
            else:
                self._succeeded()

    def count(self) -> int:
        """Live annotations of the class this role can read (while the server is away: those known here)."""
        sql = "SELECT count(*) FROM edu.annotation WHERE class_id = %s AND NOT deleted"
        work = lambda c: c.execute(sql, (self.class_id,)).fetchone()[0]  # noqa: E731
        return self._read(work, lambda: len(local.select(self.offline)))

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation with this id (deleted or not), if this role may read it."""
        sql = f"{SELECT} WHERE id = %s AND class_id = %s"
        row = self._read(lambda c: c.execute(sql, (annotation_id, self.class_id)).fetchone(), lambda: False)
        if row is False:
            return local.annotations(self.offline).get(annotation_id)
        found = from_row(row) if row else None
        if found is not None and self.offline is not None:
            self.offline.remember([found])
        return found

    def select(
        self, *, document: str | None = None, title: str | None = None, include_deleted: bool = False
    ) -> list[Annotation]:
        """Readable annotations of the class in insertion order, optionally those of a document (while the
        server is away: those last read, with the waiting ones)."""
        where, params = ["class_id = %s"], [self.class_id]
        if not include_deleted:
            where.append("NOT deleted")
        if document is not None:
            where.append("(document = %s OR document = '' OR (document_title <> '' AND document_title = %s))")
            params += [document, title or ""]
        sql = f"{SELECT} WHERE {' AND '.join(where)} ORDER BY seq"
        rows = self._read(lambda c: c.execute(sql, params).fetchall(), lambda: None)
        if rows is None:
            return local.select(self.offline, document=document, title=title, include_deleted=include_deleted)
        found = [from_row(r) for r in rows]
        if self.offline is not None:
            self.offline.remember(found)
        return found

    def history(self, annotation_id: str) -> list[Annotation]:
        """Replaced versions of an annotation, oldest first."""
        sql = "SELECT data FROM edu.revision WHERE annotation_id = %s ORDER BY seq"
        rows = self._read(lambda c: c.execute(sql, (annotation_id,)).fetchall(), lambda: None)
        return local.history(self.offline, annotation_id) if rows is None else [from_json(r[0]) for r in rows]

    def replies(self, target: str | None = None) -> list[Reply]:
        """Readable live replies of the class (to one annotation), oldest first."""
        sql, params = f"SELECT {REPLY_COLUMNS} FROM edu.reply WHERE class_id = %s AND NOT deleted", [self.class_id]
        if target is not None:
            sql, params = sql + " AND target = %s", [*params, target]
        rows = self._read(lambda c: c.execute(sql + " ORDER BY seq", params).fetchall(), lambda: None)
        if rows is None:
            return local.replies(self.offline, target)
        found = [Reply(*r) for r in rows]
        if self.offline is not None:
            self.offline.remember(replies=found)
        return found

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
        work = lambda c: c.execute(sql, (self.class_id, self.class_id)).fetchone()  # noqa: E731
        return tuple(self._read(work, lambda: local.changes(self.offline)))

    def pending_ids(self) -> set[str]:
        """Ids of the annotations and replies kept in the local outbox, not yet on the server (未发送)."""
        return {item.id for item, _ in self.offline.local()} if self.offline is not None else set()

    def on_sent(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` (from another thread) when waiting notes were sent or the server came back."""
        if self.offline is not None:
            self.offline.on_change(callback)

    def off_sent(self, callback: Callable[[], None]) -> None:
        """Stop calling ``callback`` (closing the backend forgets every listener)."""
        if self.offline is not None:
            self.offline.off_change(callback)

    # --- server extras ---------------------------------------------------------------------------
    def visibility(self, annotation_id: str) -> str | None:
        """``private``, ``teacher`` or ``class`` (``None``: no such readable annotation)."""
        sql = "SELECT visibility FROM edu.annotation WHERE id = %s"
        row = self._read(lambda c: c.execute(sql, (annotation_id,)).fetchone(), lambda: False)
        if row is False:
            return local.visibilities(self.offline).get(annotation_id)
        return row[0] if row else None

    def visibilities(self) -> dict[str, str]:
        """``{annotation id: visibility}`` of the class's readable annotations (one query)."""
        sql = "SELECT id, visibility FROM edu.annotation WHERE class_id = %s"
        rows = self._read(lambda c: c.execute(sql, (self.class_id,)).fetchall(), lambda: None)
        if rows is None:
            return local.visibilities(self.offline)
        found = dict(rows)
        if self.offline is not None:
            self.offline.remember(visibility=found)
        return found

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

    def classmates(self) -> set[str]:
        """The names (display and user names) of the class's other members; none outside a class. What they
        wrote is theirs: an import leaves it out rather than sign it with this role's name."""
        if not self.class_id:
            return set()
        sql = "SELECT display, user_name FROM edu.member WHERE class_id = %s AND role_name <> current_user"
        rows = self.run(lambda c: c.execute(sql, (self.class_id,)).fetchall())
        return {name for row in rows for name in row if name} - {self.identity.display}

    def classes(self, role: str | None = "teacher") -> list[str]:
        """The classes this role is a member of (as ``role``; ``None``: any role), sorted."""
        sql = "SELECT c FROM edu.classes_of(current_user, %s) AS c ORDER BY 1"
        return [r[0] for r in self.run(lambda c: c.execute(sql, (role,)).fetchall())]
