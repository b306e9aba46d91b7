"""连接与重连。One psycopg connection to the class server that replaces itself after a restart.

:class:`PgConnection` is the part of :class:`~.backend.PostgresBackend` that talks to the server:
autocommit mode with explicit ``BEGIN … COMMIT``, keepalives, a read retried once on a fresh
connection, a ``BEGIN`` begun again, and psycopg's errors mapped to the store's
(:class:`ServerUnavailable`, :class:`NotAllowed`, :class:`StoreError`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import errors as pgerr

from edu_helpers.annotations.model import StoreError
from edu_helpers.annotations.postgres.rows import NotAllowed, ServerUnavailable, first_line, safe_location, split_url

_RETRYABLE = (pgerr.AdminShutdown, pgerr.CannotConnectNow)


class PgConnection:
    """The connection of one backend (guarded by a re-entrant lock: one change at a time).

    Args:
        url: ``postgresql://…`` (an optional ``class=C`` query is removed before it goes to libpq).
        connect_timeout: seconds to wait for the server on each (re)connection.
    """

    def __init__(self, url: str, *, connect_timeout: float = 3.0):
        self.url, self.url_class = split_url(url)
        self.location = safe_location(url)
        self.connect_timeout = connect_timeout
        self._lock = threading.RLock()
        self._conn: psycopg.Connection | None = None
        self.reconnects = 0

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
                self._connection()
                self._succeeded()  # the server answers: what waits locally goes first, so the read sees it
                conn = self._connection()
                try:
                    return work(conn)
                except psycopg.Error as exc:
                    if attempt == 2 or not self._lost(exc):
                        raise self._error(exc) from None
                    conn.close()
        raise AssertionError("unreachable")

    def _succeeded(self) -> None:
        """Called after each successful operation (the backend sends its outbox then)."""

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

    def send_additions(self, writes: list[tuple[str, tuple]]) -> psycopg.Connection:
        """The ``INSERT``s of one change in one round trip, as one transaction: a single ``INSERT`` is sent
        alone (in autocommit mode one statement is one transaction: nothing else to send, and the cheapest
        for client and server); several go as ``BEGIN``, the ``INSERT``s and ``COMMIT`` in pipeline mode.

        A connection found lost is replaced once; the second attempt adds only the ids that are not
        there yet (the first may have been committed before its answer was lost).
        """
        for attempt in (1, 2):
            conn = self._connection()
            try:
                if len(writes) == 1:
                    sql, params = writes[0]
                    conn.cursor().execute(sql if attempt == 1 else f"{sql} ON CONFLICT (id) DO NOTHING", params)
                    return conn
                with conn.pipeline():
                    conn.execute("BEGIN")
                    cur = conn.cursor()
                    for sql, params in writes:
                        cur.execute(sql if attempt == 1 else f"{sql} ON CONFLICT (id) DO NOTHING", params)
                    conn.execute("COMMIT")
                return conn
            except psycopg.Error as exc:
                rollback(conn)
                if attempt == 2 or not self._lost(exc):
                    raise
                conn.close()
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close the connection (a later call opens a new one)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()


def rollback(conn: psycopg.Connection | None) -> None:
    """Roll back the open transaction, or close a connection that cannot."""
    try:
        if conn is not None and not (conn.closed or conn.broken):
            conn.execute("ROLLBACK")
    except psycopg.Error:
        conn.close()
