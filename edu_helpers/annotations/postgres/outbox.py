"""本机待发箱。The local outbox: notes written while the server is away are kept and sent later.

The outbox is an SQLite file in the user's data folder (``$EDU_OUTBOX``, else platformdirs'
user data folder, e.g. ``~/.local/share/edu_helpers/outbox.sqlite``).
Draining applies the import rule by id — new id: insert; same content or not newer: leave;
newer: replace (the old version kept in history) — so sending an entry twice (a commit whose
answer was lost, a drain cut short) never duplicates anything. An entry the server refuses (e.g.
not allowed) moves to the ``rejected`` table: kept, never silently lost.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from edu_helpers.annotations.model import Annotation, Reply, StoreError, same_content
from edu_helpers.annotations.postgres.rows import ServerUnavailable

OFFLINE_MESSAGE = "无法连接班级服务器：批注已暂存在本机待发箱（{path}），服务器恢复后会自动上传，不会重复。"


def default_outbox_path() -> Path:
    """Where the outbox lives: ``$EDU_OUTBOX``, else ``outbox.sqlite`` in the user's data folder."""
    if env := os.environ.get("EDU_OUTBOX", "").strip():
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("edu_helpers", appauthor=False)) / "outbox.sqlite"


@dataclass(frozen=True)
class DrainResult:
    """What a drain did: entries sent, found already there, refused, and still waiting."""

    sent: int = 0
    unchanged: int = 0
    rejected: int = 0
    left: int = 0


class Outbox:
    """Queued annotation versions and replies, oldest first (one SQLite file, WAL, FULL sync)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_outbox_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        for table in ("pending", "rejected"):
            self._conn.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (seq INTEGER PRIMARY KEY, what TEXT NOT NULL, "
                "data TEXT NOT NULL, visibility TEXT, reason TEXT NOT NULL, queued REAL NOT NULL, error TEXT, "
                "store TEXT NOT NULL DEFAULT '')"
            )
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the file."""
        self._conn.close()

    def __len__(self) -> int:
        return self._conn.execute("SELECT count(*) FROM pending").fetchone()[0]

    def count(self, store: str) -> int:
        """Entries waiting for one store (its address without password, and class)."""
        return self._conn.execute("SELECT count(*) FROM pending WHERE store = ?", (store,)).fetchone()[0]

    def rejected(self) -> list[tuple[str, str]]:
        """(data, error) of the entries the server refused."""
        return self._conn.execute("SELECT data, error FROM rejected ORDER BY seq").fetchall()

    def put(
        self, item: Annotation | Reply, *, visibility: str | None = None, reason: str = "outbox", store: str = ""
    ) -> None:
        """Queue one annotation version (or a reply) for ``store``, durably."""
        self.put_many([(item, visibility, reason)], store=store)

    def put_many(self, items: list[tuple[Annotation | Reply, str | None, str]], *, store: str = "") -> None:
        """Queue what one change wrote (``(item, visibility, reason)`` each) for ``store``: all of it, or nothing."""
        rows = [
            ("reply" if isinstance(item, Reply) else "annotation", json.dumps(dataclasses.asdict(item),
             ensure_ascii=False), visibility, reason, time.time(), store)
            for item, visibility, reason in items
        ]  # fmt: skip
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                sql = "INSERT INTO pending (what, data, visibility, reason, queued, store) VALUES (?, ?, ?, ?, ?, ?)"
                self._conn.executemany(sql, rows)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def entries(self, store: str) -> list[tuple[Annotation | Reply, str | None]]:
        """``(item, visibility)`` of every entry waiting for ``store``, oldest first (what is read while away)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT what, data, visibility FROM pending WHERE store = ? ORDER BY seq", (store,)
            ).fetchall()
        return [(_item(what, json.loads(data)), visibility) for what, data, visibility in rows]

    def drain(self, backend, *, store: str | None = None) -> DrainResult:
        """Send every pending entry (of ``store``), oldest first; stop, keeping the rest, if the server goes away."""
        sent = unchanged = rejected = 0
        with self._lock:
            rows = self._conn.execute(
                "SELECT seq, what, data, visibility, reason FROM pending WHERE ? IS NULL OR store = ? ORDER BY seq",
                (store, store),
            ).fetchall()
            for seq, what, data, visibility, reason in rows:
                try:
                    if _send(backend, what, json.loads(data), visibility, reason):
                        sent += 1
                    else:
                        unchanged += 1
                except ServerUnavailable:
                    break
                except StoreError as exc:
                    self._conn.execute(
                        "INSERT INTO rejected (what, data, visibility, reason, queued, error, store) "
                        "SELECT what, data, visibility, reason, queued, ?, store FROM pending WHERE seq = ?",
                        (str(exc), seq),
                    )
                    rejected += 1
                self._conn.execute("DELETE FROM pending WHERE seq = ?", (seq,))
        return DrainResult(sent, unchanged, rejected, len(self) if store is None else self.count(store))


def _item(what: str, data: dict) -> Annotation | Reply:
    """The annotation version or reply an entry holds."""
    return Reply(**data) if what == "reply" else Annotation(**{**data, "tags": tuple(data["tags"])})


def _send(backend, what: str, data: dict, visibility: str | None, reason: str) -> bool:
    """Apply one entry idempotently; ``True`` if it changed the server."""
    if what == "reply":
        return backend.add_replies([Reply(**data)]) > 0  # idempotent by id
    ann = _item(what, data)
    with backend.transaction() as tx:
        old = tx.get(ann.id)
        if old is None:
            tx.insert(ann, visibility=visibility)
            return True
        if same_content(old, ann) or ann.updated <= old.updated:
            return False
        tx.replace(old, ann, reason, visibility=visibility)
        return True


class ClassWriter:
    """Writes to the class server, or to the outbox while it is away; drains when it is back.

    Args:
        connect: makes a backend without its own outbox (``outbox=False``; called again after the server
            was unreachable at start).
        outbox: the local outbox.
        retry: seconds between attempts to reach the server while offline.
        say: where the one Chinese message goes when notes start being kept locally.
    """

    def __init__(self, connect: Callable[[], object], outbox: Outbox, *, retry: float = 0.5,
                 say: Callable[[str], None] | None = None):  # fmt: skip
        self.connect, self.outbox, self.retry = connect, outbox, retry
        self.say = say or (lambda text: print(text, file=sys.stderr))
        self.backend = None
        self._offline_since: float | None = None
        self._next_try = 0.0

    def _online(self) -> bool:
        if time.monotonic() < self._next_try:
            return False
        try:
            if self.backend is None:
                self.backend = self.connect()
            if len(self.outbox) and self.outbox.drain(self.backend).left:
                raise ServerUnavailable(self.outbox.path)
        except ServerUnavailable:
            self._went_offline()
            return False
        self._offline_since = None
        return True

    def _went_offline(self) -> None:
        self._next_try = time.monotonic() + self.retry
        if self._offline_since is None:
            self._offline_since = time.monotonic()
            self.say(OFFLINE_MESSAGE.format(path=self.outbox.path))

    def save(self, ann: Annotation, *, visibility: str | None = None) -> str:
        """Send one annotation version; ``"sent"`` or ``"queued"`` (kept in the outbox)."""
        if self._online():
            try:
                _send(self.backend, "annotation", dataclasses.asdict(ann), visibility, "update")
                return "sent"
            except ServerUnavailable:
                self._went_offline()
        self.outbox.put(ann, visibility=visibility)
        return "queued"

    def flush(self, timeout: float = 10.0) -> int:
        """Try to drain the outbox for up to ``timeout`` s; returns the entries still waiting."""
        deadline = time.monotonic() + timeout
        while len(self.outbox) and time.monotonic() < deadline:
            self._next_try = 0.0
            if not self._online():
                time.sleep(self.retry)
        return len(self.outbox)
