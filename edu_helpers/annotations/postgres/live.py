"""班级实时视图。The teacher's live class view: counts per passage and kind, the question list.

:meth:`LiveView.refresh` reads both in two indexed queries (a few ms for thousands of notes);
:meth:`LiveView.follow` refreshes by itself: on a ``NOTIFY edu_live`` from the table triggers,
or every ``interval`` seconds when notifications are unavailable (polling fallback), and it
survives a server restart (both connections reconnect).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg

from edu_helpers.annotations.model import StoreError
from edu_helpers.annotations.postgres.backend import PostgresBackend
from edu_helpers.annotations.postgres.migrations import NOTIFY_CHANNEL

QUESTION_KIND = "疑问"
_COUNTS = "SELECT paragraph_id, kind, count(*) FROM edu.annotation WHERE class_id = %s AND NOT deleted GROUP BY 1, 2"
_QUESTIONS = (
    "SELECT a.id, a.author, a.paragraph_id, a.exact, a.note, a.created, "
    "(SELECT count(*) FROM edu.reply r WHERE r.target = a.id AND NOT r.deleted) "
    "FROM edu.annotation a WHERE a.class_id = %s AND NOT a.deleted AND a.kind = %s ORDER BY a.seq DESC LIMIT %s"
)


@dataclass(frozen=True)
class Question:
    """A 疑问 note in the question list (newest first), with its number of replies."""

    id: str
    author: str
    paragraph_id: str | None
    exact: str
    note: str
    created: str
    replies: int


@dataclass(frozen=True)
class Snapshot:
    """What the teacher's view shows at one moment.

    Attributes:
        counts: live annotations per ``(paragraph_id, kind)`` (what the heat map colours).
        questions: the newest questions first.
        seconds: how long the refresh took.
    """

    counts: dict[tuple[str | None, str | None], int]
    questions: list[Question]
    seconds: float
    taken: float = field(default_factory=time.time)

    @property
    def total(self) -> int:
        """Live annotations the role can read."""
        return sum(self.counts.values())

    def by_kind(self) -> Counter:
        """Live annotations per kind."""
        out: Counter = Counter()
        for (_, kind), n in self.counts.items():
            out[kind] += n
        return out

    def by_section(self, paragraph_sections: dict[str, int | None]) -> Counter:
        """Counts per ``(section, kind)``, given ``{paragraph id: section}`` (from ``doc.paragraphs``)."""
        out: Counter = Counter()
        for (para, kind), n in self.counts.items():
            out[(paragraph_sections.get(para or ""), kind)] += n
        return out


class LiveView:
    """The live view of a class, read as the connected role (the teacher sees what RLS lets her see).

    Args:
        url: the teacher's ``postgresql://`` URL (with ``?class=`` or ``class_id``).
        questions: length of the question list.
    """

    def __init__(self, url: str, *, class_id: str | None = None, questions: int = 200):
        self.backend = PostgresBackend(url, class_id=class_id, migrate=False, outbox=False)
        self.limit = questions
        self._listen: psycopg.Connection | None = None

    def close(self) -> None:
        """Close both connections."""
        self.backend.close()
        if self._listen is not None:
            self._listen.close()

    def refresh(self) -> Snapshot:
        """Counts and questions now."""
        started = time.perf_counter()
        cid = self.backend.class_id

        def read(conn: psycopg.Connection) -> tuple[list, list]:
            return (conn.execute(_COUNTS, (cid,)).fetchall(),
                    conn.execute(_QUESTIONS, (cid, QUESTION_KIND, self.limit)).fetchall())  # fmt: skip

        counts, questions = self.backend.run(read)
        return Snapshot({(p, k): n for p, k, n in counts}, [Question(*q) for q in questions],
                        time.perf_counter() - started)  # fmt: skip

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` s for a change in this class; ``True`` if one was notified."""
        deadline = time.monotonic() + timeout
        try:
            if self._listen is None or self._listen.closed or self._listen.broken:
                self._listen = psycopg.connect(self.backend.url, autocommit=True, connect_timeout=3)
                self._listen.execute(f"LISTEN {NOTIFY_CHANNEL}")
            while (left := deadline - time.monotonic()) > 0:
                for note in self._listen.notifies(timeout=left, stop_after=1):
                    if note.payload == self.backend.class_id:
                        return True
        except psycopg.OperationalError:  # server away: poll again after the interval
            if self._listen is not None:
                self._listen.close()
            time.sleep(max(0.0, deadline - time.monotonic()))
        return False

    def follow(
        self, callback: Callable[[Snapshot], None], *, interval: float = 2.0, settle: float = 0.2,
        stop: threading.Event | None = None,
    ) -> threading.Event:  # fmt: skip
        """Call ``callback`` with a fresh snapshot now and after every change (at most every
        ``settle`` s, at least every ``interval`` s), in a daemon thread; set the returned event to stop."""
        stop = stop or threading.Event()

        def loop() -> None:
            while not stop.is_set():
                try:
                    callback(self.refresh())
                except StoreError:  # the server is restarting: try again at the next tick
                    pass
                if self.wait(interval):
                    stop.wait(settle)  # let a burst of writes land: one refresh for many notes

        threading.Thread(target=loop, name="edu-live-view", daemon=True).start()
        return stop
