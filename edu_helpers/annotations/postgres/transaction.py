"""一次修改。The change under way on the class server (one ``BEGIN … COMMIT``, see
:meth:`~.backend.PostgresBackend.transaction`)."""

from __future__ import annotations

import dataclasses

import psycopg

from edu_helpers.annotations.model import Annotation, Reply
from edu_helpers.annotations.postgres.connection import PgConnection
from edu_helpers.annotations.postgres.rows import (
    INSERT,
    INSERT_REPLY,
    SELECT,
    UPDATE,
    NotAllowed,
    ServerUnavailable,
    check_visibility,
    from_row,
    reply_params,
    to_params,
    update_params,
)  # fmt: skip


class PgTransaction:
    """The change under way (see :meth:`PostgresBackend.transaction`).

    ``BEGIN`` is sent with the first statement that needs an answer; additions wait and go with
    ``COMMIT``, so a change that only adds is one round trip. What it writes is also noted (``kept``:
    ``(item, visibility, reason)``), so that it can go to the outbox if the server cannot be reached.
    A change whose first read finds the server away is made locally (``offline``): it reads the notes
    waiting in the outbox, and may change those (a note already on the server waits for the server).
    """

    def __init__(self, backend: PgConnection, *, keep: bool):  # a PostgresBackend
        self.backend, self.keep = backend, keep
        self.conn: psycopg.Connection | None = None
        self.cursor: psycopg.Cursor | None = None
        self.read = self.offline = False
        self.writes: list[tuple[str, tuple]] = []
        self.kept: list[tuple[Annotation | Reply, str | None, str]] = []

    @property
    def keepable(self) -> bool:
        """Whether this change only adds, so the outbox may take it over."""
        return self.keep and not self.read and bool(self.kept)

    def _begun(self, *, reading: bool = True) -> psycopg.Cursor:
        if self.offline:
            raise ServerUnavailable(self.backend.location, "offline")
        if self.cursor is None:
            self.conn = self.backend._begin()
            self.cursor = self.conn.cursor()
        self.read = self.read or reading
        for sql, params in self.writes:
            self.cursor.execute(sql, params)
        self.writes.clear()
        return self.cursor

    def commit(self) -> None:
        """Send what waits and ``COMMIT`` (a change that only adds: in one round trip)."""
        if self.offline:
            return
        if self.cursor is not None:
            self._begun(reading=False)
            self.conn.execute("COMMIT")
        elif self.writes:
            self.conn = self.backend.send_additions(self.writes)

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation, locked until the end of the change when this role may change it."""
        if not self.offline:
            try:
                cur = self._begun()
            except ServerUnavailable:
                if not (self.keep and self.cursor is None):
                    raise
                self.offline = True  # nothing read from the server yet: the change is made locally
        if self.offline:
            return self._waiting(annotation_id)
        cid = self.backend.class_id
        row = cur.execute(f"{SELECT} WHERE id = %s AND class_id = %s FOR UPDATE", (annotation_id, cid)).fetchone()
        if row is None:  # readable but someone else's, or missing
            row = cur.execute(f"{SELECT} WHERE id = %s AND class_id = %s", (annotation_id, cid)).fetchone()
        return from_row(row) if row else None

    def _waiting(self, annotation_id: str) -> Annotation | None:
        """The latest version of a note waiting in the outbox (``None``: an id not known here)."""
        q = self.backend.offline
        found = q.waiting().get(annotation_id)
        if found is None and annotation_id in q.seen:
            raise ServerUnavailable(
                self.backend.location, f"这条批注已在服务器上，恢复连接后才能修改 {annotation_id} waits for the server"
            )
        return found

    def _signed(self, item):
        b = self.backend
        return dataclasses.replace(item, author=b.identity.display) if b.class_id and b.identity.kind else item

    def insert(self, annotation: Annotation, *, visibility: str | None = None) -> None:
        """Add a new annotation, written as the connected role (in a class: signed with its roster name)."""
        vis = check_visibility(visibility or self.backend.default_visibility)
        ann = self._signed(annotation)
        self.kept.append((ann, vis, "outbox"))
        self.writes.append((INSERT, (self.backend.class_id, vis, *to_params(ann))))

    def add_reply(self, reply: Reply) -> int:
        """Add a reply unless its id is there (1: added); kept for the outbox if the server is away."""
        reply = self._signed(reply) if self.backend.class_id else reply
        self.kept.append((reply, None, "outbox"))
        try:
            return self._begun(reading=False).execute(INSERT_REPLY, reply_params(reply, self.backend.class_id)).rowcount
        except (psycopg.OperationalError, ServerUnavailable) as exc:
            if not self.keepable or (isinstance(exc, psycopg.Error) and not self.backend._lost(exc)):
                raise
            self.offline = True
            return 0

    def replace(self, old: Annotation, new: Annotation, reason: str, *, visibility: str | None = None) -> None:
        """Write ``new`` over ``old``; the trigger keeps ``old`` in ``edu.revision`` with ``reason``.

        Raises:
            NotAllowed: the row is not this role's (row-level security matched nothing).
        """
        vis = check_visibility(visibility) if visibility else None
        if self.offline:  # a waiting note: its new version waits too, with its visibility
            was = next((v for a, v in reversed(self.backend.offline.local()) if a.id == old.id and v), None)
            self.kept.append((self._signed(new), vis or was, reason))
            return
        cur = self._begun()
        cur.execute("SELECT set_config('edu.reason', %s, true)", (reason,))
        cur.execute(UPDATE, update_params(self._signed(new), vis))
        if cur.rowcount != 1:
            raise NotAllowed(
                self.backend.location, f"只能修改自己的批注 only the author may change annotation {old.id}"
            )
