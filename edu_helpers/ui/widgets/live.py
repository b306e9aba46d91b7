"""实时班级视图。The teacher's live class view: heat map, question list and counts refresh by themselves.

:class:`LiveClassView` is the :class:`~edu_helpers.ui.widgets.teaching.ClassroomView` of a class on the
class server, with a chooser of the classes the teacher teaches. A daemon thread waits for a change —
a ``NOTIFY`` from the server (:class:`~edu_helpers.annotations.postgres.live.LiveView.wait`), else every
``interval`` seconds — compares the store's change marker (:meth:`Backend.changes`) and redraws the
panes by setting widget values, so nothing has to be re-run while students annotate. The server going
away — also when it cannot be reached as the view opens — shows one Chinese message (:data:`OFFLINE`) and
the view shows what is known locally; it carries on by itself when the server is back (the store's
reconnect and outbox, :mod:`edu_helpers.annotations.postgres.offline`), asking then for the classes to
choose from if it could not at first.

CSS classes: ``live-class-view`` (the widget), ``live-class-select`` (Dropdown), ``live-auto``
(Checkbox), ``live-status``.
"""

from __future__ import annotations

import threading
import time

import ipywidgets as widgets
import traitlets

from edu_helpers.annotations import AnnotationStore, StoreError
from edu_helpers.markup import esc
from edu_helpers.text.document import Document
from edu_helpers.ui.widgets.teaching import ClassroomView, _styled

OFFLINE = "无法连接班级服务器，正在自动重试……"


class LiveClassView(ClassroomView):
    """全班实时视图。Follows ``store`` (a class server store, or any store) and redraws on changes.

    Args:
        store: the teacher's store (``postgresql://…?class=C``); an SQLite store is polled the same way.
        doc: the document.
        classes: the classes to choose from (default: those the connected teacher teaches).
        interval: seconds between polls when no notification arrives.
        anonymise: start with pseudonyms.

    Attributes:
        refreshes: how many times the panes were redrawn; ``live``: following changes (the checkbox).
    """

    refreshes = traitlets.Int(0)
    live = traitlets.Bool(True)

    def __init__(self, store: AnnotationStore, doc: Document, *, classes=None, interval: float = 3.0, anonymise=True):
        self.interval = interval
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._marker: tuple | None = None
        backend = store.backend
        self._classes = classes if classes is not None else _classes_of(backend)  # None: not known yet
        self.class_select = _styled(
            "live-class-select", widgets.Dropdown(options=self._options(backend), description="班级")
        )
        self.auto_box = _styled("live-auto", widgets.Checkbox(value=True, description="自动刷新"))
        self.live_status = _styled("live-status", widgets.HTML())
        super().__init__(store, doc, anonymise=anonymise)
        self.add_class("live-class-view")
        self.children = (widgets.HBox([self.class_select, self.auto_box, self.live_status]), *self.children)
        widgets.link((self.auto_box, "value"), (self, "live"))
        self.class_select.observe(lambda ch: self.choose(ch["new"]), "value")
        self._thread = threading.Thread(target=self._follow, name="edu-live-class", daemon=True)
        self._thread.start()

    def choose(self, class_id: str) -> None:
        """Follow another class of the same server (the teacher's choice)."""
        backend = self.store.backend
        if getattr(backend, "class_id", class_id) == class_id:
            return
        from edu_helpers.annotations.postgres import PostgresBackend

        with self._lock:
            self.store = AnnotationStore(PostgresBackend(backend.url, class_id=class_id, migrate=False))
            backend.close()
            self._marker = None
        self.refresh()

    def _options(self, backend) -> list[str]:
        current = getattr(backend, "class_id", "")
        return list(dict.fromkeys([c for c in [current, *(self._classes or [])] if c])) or ["（本机批注库）"]

    @property
    def away(self) -> bool:
        """Whether the class server could not be reached at the last try (the view shows what is known here)."""
        offline = getattr(self.store.backend, "offline", None)
        return bool(offline is not None and offline.away)

    def refresh(self) -> None:
        """Redraw every pane from the store (also called by the thread when something changed)."""
        with getattr(self, "_lock", threading.Lock()):
            super().refresh()
            self.refreshes += 1
            self.live_status.value = esc(OFFLINE if self.away else f"更新于 {time.strftime('%H:%M:%S')}")

    def check(self) -> bool:
        """Redraw if the store changed since the last look; whether it did."""
        marker = self.store.backend.changes()
        if marker == self._marker:
            return False
        first = self._marker is None
        self._marker = marker
        if not first:
            self.refresh()
        return not first

    def stop(self) -> None:
        """Stop following (the thread ends within one interval and closes its connections)."""
        self._stop.set()

    def close(self) -> None:
        self.stop()
        super().close()

    def _wait(self) -> None:
        waiter = getattr(self, "_waiter", None)
        if waiter is None and hasattr(self.store.backend, "url"):
            from edu_helpers.annotations.postgres.live import LiveView

            try:
                self._waiter = LiveView(self.store.backend.url, class_id=self.store.backend.class_id)
                self._waiter.wait(0)  # LISTEN now, then look: no change slips between the two
                return
            except StoreError:
                waiter = None
        if waiter is not None and waiter.backend.class_id == self.store.backend.class_id:
            waiter.wait(self.interval)
        else:
            self._drop_waiter()  # another class now (or none): its LISTEN connection goes
            self._stop.wait(self.interval)

    def _drop_waiter(self) -> None:
        waiter, self._waiter = getattr(self, "_waiter", None), None
        if waiter is not None:
            waiter.close()

    def _follow(self) -> None:
        try:
            self._follow_changes()
        finally:
            self._drop_waiter()  # stopped: the server keeps no session of this view open

    def _follow_changes(self) -> None:
        while not self._stop.is_set():
            try:
                if self.live:
                    self.check()
                if self._classes is None and not self.away:  # the server is back: now the teacher's classes
                    self._classes = _classes_of(self.store.backend)
                    if self._classes is not None:
                        self.class_select.options = self._options(self.store.backend)
                self._wait()
            except StoreError:
                self.live_status.value = esc(OFFLINE)
                self._stop.wait(self.interval)


def _classes_of(backend) -> list[str] | None:
    """The classes the connected teacher teaches (``[]`` for a store without classes), or ``None`` while
    the server cannot be reached."""
    if not hasattr(backend, "classes"):
        return []
    try:
        return backend.classes()
    except StoreError as exc:
        if getattr(exc, "server_away", False):
            return None
        raise
