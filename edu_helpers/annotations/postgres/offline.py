"""服务器暂时连不上时：先存本机，恢复后自动发送。What a class-server backend does while the server is away.

A change that only adds (a new annotation, a reply) and cannot reach the server is kept in the
local :class:`~.outbox.Outbox` (SQLite in the user's data folder), under the store's address and
class, and :attr:`OfflineQueue.notice` gives the one Chinese message the notebook shows. The queue
is sent on the backend's next successful operation, and by a daemon timer every ``retry`` seconds
until it is empty. Sending applies the import rule by id, so an entry sent twice (a commit whose
answer was lost) is never a duplicate. The outbox file is only created when something must be kept.
"""

from __future__ import annotations

import threading
from pathlib import Path

from edu_helpers.annotations.model import Annotation, Reply, StoreError
from edu_helpers.annotations.postgres.outbox import DrainResult, Outbox, default_outbox_path

NOTICE = "服务器暂时连不上，批注已保存在本机（待发送 {n} 条），恢复连接后会自动发送。"


class OfflineQueue:
    """The outbox entries of one backend (one store address and class).

    Args:
        backend: the :class:`~.backend.PostgresBackend` the entries go to.
        store: the key of the entries (address without password, and class).
        path: the outbox file (default :func:`~.outbox.default_outbox_path`).
        retry: seconds between the timer's attempts while entries wait.
    """

    def __init__(self, backend, store: str, *, path: str | Path | None = None, retry: float = 5.0):
        self.backend, self.store, self.retry = backend, store, retry
        self.path = Path(path) if path else default_outbox_path()
        self.draining = False
        self.last = DrainResult()
        self._outbox: Outbox | None = None
        self._stop = threading.Event()
        self._timer: threading.Thread | None = None
        self.pending = self._box().count(store) if self.path.is_file() else 0  # left by an earlier session
        if self.pending:
            self._start()

    def _box(self) -> Outbox:
        if self._outbox is None:
            self._outbox = Outbox(self.path)
        return self._outbox

    @property
    def notice(self) -> str:
        """The message while entries wait (``""`` when none do)."""
        return NOTICE.format(n=self.pending) if self.pending else ""

    def keep(self, items: list[tuple[Annotation | Reply, str | None]]) -> None:
        """Keep additions the server did not take (``(item, visibility)`` pairs), durably."""
        box = self._box()
        for item, visibility in items:
            box.put(item, visibility=visibility, store=self.store)
        self.pending = box.count(self.store)
        self._start()

    def drain(self) -> DrainResult:
        """Send what waits, oldest first (stops at the first sign the server is still away)."""
        with self.backend._lock:
            if self.draining or not self.pending:
                return self.last
            self.draining = True
            try:
                self.last = self._box().drain(self.backend, store=self.store)
            finally:
                self.draining = False
            self.pending = self.last.left
        return self.last

    def _start(self) -> None:
        if self._timer is None or not self._timer.is_alive():
            self._timer = threading.Thread(target=self._run, name="edu-outbox", daemon=True)
            self._timer.start()

    def _run(self) -> None:
        while self.pending and not self._stop.wait(self.retry):
            try:
                self.drain()
            except StoreError:
                continue

    def stop(self) -> None:
        """Stop the timer (entries stay in the file for the next session)."""
        self._stop.set()
