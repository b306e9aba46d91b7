"""服务器暂时连不上时：先存本机，恢复后自动发送。What a class-server backend does while the server is away.

The server may be away when the store is opened, or go away later. Either way a change that
does not need the server's answer (a new annotation, a reply, an edit of a note still waiting) is
kept in the local :class:`~.outbox.Outbox` (SQLite in the user's data folder), under the store's
address and class, in one SQLite transaction per change; reads answer from what the backend last
read from the server (:attr:`OfflineQueue.seen`) overlaid with what waits (:meth:`OfflineQueue.local`);
:attr:`OfflineQueue.notice` is the one Chinese message the notebook shows. A daemon timer tries the
server every ``retry`` seconds while it is away or entries wait, and sends them (oldest first,
idempotent by id: an entry sent twice is never a duplicate); listeners (:meth:`OfflineQueue.on_change`)
hear when something was sent or the server came back, so a widget can redraw.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from edu_helpers.annotations.model import Annotation, Reply, StoreError
from edu_helpers.annotations.postgres.outbox import DrainResult, Outbox, default_outbox_path

NOTICE = "班级服务器暂时连不上：批注先保存在本机（待发送 {n} 条），服务器恢复后自动发送。"
AWAY = "班级服务器暂时连不上：批注先保存在本机，服务器恢复后自动发送。"


class OfflineQueue:
    """The outbox entries of one backend (one store address and class), and what it saw of the server.

    Args:
        backend: the :class:`~.backend.PostgresBackend` the entries go to.
        store: the key of the entries (address without password, and class).
        path: the outbox file (default :func:`~.outbox.default_outbox_path`).
        retry: seconds between the timer's attempts while the server is away or entries wait.

    Attributes:
        away: the last attempt to reach the server failed.
        backoff: seconds after a failure in which the reader's own operations do not try the server
            again (the timer does), so a server that does not answer costs one timeout, not one per read.
        seen: the last version read from the server of each annotation, its visibility, each reply.
    """

    def __init__(self, backend, store: str, *, path: str | Path | None = None, retry: float = 5.0):
        self.backend, self.store, self.retry = backend, store, retry
        self.path = Path(path) if path else default_outbox_path()
        self.draining = self.away = False
        self.backoff, self.retry_at = min(1.0, retry), 0.0
        self.last = DrainResult()
        self.seen: dict[str, Annotation] = {}
        self.seen_visibility: dict[str, str] = {}
        self.seen_replies: dict[str, Reply] = {}
        self._outbox: Outbox | None = None
        self._entries: list | None = None
        self._listeners: list[Callable[[], None]] = []
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
        """The message while entries wait or the server is away (``""`` otherwise)."""
        return NOTICE.format(n=self.pending) if self.pending else (AWAY if self.away else "")

    # --- what waits --------------------------------------------------------------------------------
    def keep(self, items: list[tuple[Annotation | Reply, str | None, str]]) -> None:
        """Keep what one change wrote (``(item, visibility, reason)`` each), durably and together."""
        box = self._box()
        box.put_many(items, store=self.store)
        self._entries = None
        self.pending = box.count(self.store)
        self.went_away()

    def local(self) -> list[tuple[Annotation | Reply, str | None]]:
        """``(item, visibility)`` of every waiting entry, oldest first (read once per change of the outbox)."""
        if not self.pending:
            return []
        if self._entries is None:
            self._entries = self._box().entries(self.store)
        return self._entries

    def waiting(self) -> dict[str, Annotation]:
        """The latest waiting version of each annotation, by id (in the order first kept)."""
        return {item.id: item for item, _ in self.local() if isinstance(item, Annotation)}

    def remember(self, annotations=(), replies=(), visibility: dict[str, str] | None = None) -> None:
        """Note what was just read from the server (what the reader sees while it is away)."""
        self.seen.update((a.id, a) for a in annotations)
        self.seen_replies.update((r.id, r) for r in replies)
        self.seen_visibility.update(visibility or {})

    # --- the server away and back ----------------------------------------------------------------
    def went_away(self) -> None:
        """The server did not answer: say so, and let the timer try again."""
        self.away = True
        self.retry_at = time.monotonic() + self.backoff
        self._start()

    def answered(self) -> bool:
        """The server answered; whether it had been away (then the listeners are told)."""
        was, self.away = self.away, False
        return was

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` (from the thread that sent) when entries were sent or the server came back."""
        self._listeners.append(callback)

    def off_change(self, callback: Callable[[], None]) -> None:
        """Stop calling ``callback`` (a widget closed); nothing if it is not listening."""
        try:
            self._listeners.remove(callback)
        except ValueError:
            pass

    def changed(self) -> None:
        """Tell the listeners."""
        for callback in list(self._listeners):
            try:
                callback()
            except Exception:  # a widget gone or broken must not stop the sending
                continue

    def drain(self) -> DrainResult:
        """Reach the server (completing the opening if it was away then) and send what waits, oldest first;
        stops, keeping the rest, at the first sign the server is still away."""
        with self.backend._lock:
            if self.draining:
                return self.last
            self.draining = True
            try:
                self.backend.ping()
                news = self.answered()
                if self.pending:
                    self.last = self._box().drain(self.backend, store=self.store)
                    self._entries = None
                    self.pending = self.last.left
                    news = news or bool(self.last.sent or self.last.unchanged or self.last.rejected)
                    if self.last.left:
                        self.went_away()
            except StoreError as exc:
                if not getattr(exc, "server_away", False):
                    raise
                self.went_away()
                return self.last
            finally:
                self.draining = False
        if news and self._listeners:  # from the timer's thread; else from a new one, after the reader's own call
            if threading.current_thread() is self._timer:
                self.changed()
            else:
                threading.Thread(target=self.changed, name="edu-outbox-news", daemon=True).start()
        return self.last

    def _start(self) -> None:
        if self._stop.is_set():
            return
        if self._timer is None or not self._timer.is_alive():
            self._timer = threading.Thread(target=self._run, name="edu-outbox", daemon=True)
            self._timer.start()

    def _run(self) -> None:
        while (self.pending or self.away) and not self._stop.wait(self.retry):
            try:
                self.drain()
            except StoreError:
                continue

    def stop(self) -> None:
        """Stop the timer, forget the listeners and close the outbox file (entries stay in it for the next session)."""
        self._stop.set()
        self._listeners.clear()
        with self.backend._lock:
            if self._outbox is not None:
                self._outbox.close()
                self._outbox = None
