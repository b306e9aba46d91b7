"""回复 ⇄ 表行。Rows of the SQLite ``reply`` table, and the change marker of the live view."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from edu_helpers.annotations.model import Reply

COLUMNS = "id, target, body, author, created, updated, deleted"


def select(conn: sqlite3.Connection, target: str | None) -> list[Reply]:
    """Live replies, oldest first (to ``target`` only, if given)."""
    sql = f"SELECT {COLUMNS} FROM reply WHERE deleted = 0"
    rows = (
        conn.execute(sql + " AND target = ? ORDER BY rowid", (target,))
        if target
        else conn.execute(sql + " ORDER BY rowid")
    )
    return [Reply(*r[:6], deleted=bool(r[6])) for r in rows]


def insert(conn: sqlite3.Connection, replies: Iterable[Reply]) -> int:
    """Add replies whose id is new (inside the caller's transaction); returns how many were added."""
    added = 0
    for r in replies:
        cur = conn.execute(
            f"INSERT OR IGNORE INTO reply ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (r.id, r.target, r.body, r.author, r.created, r.updated, int(r.deleted)),
        )
        added += cur.rowcount
    return added


def changes(conn: sqlite3.Connection) -> tuple:
    """Counts and latest change times of annotations and replies (differs after any change)."""
    a = conn.execute("SELECT count(*), max(updated), sum(deleted) FROM annotation").fetchone()
    r = conn.execute("SELECT count(*), max(updated) FROM reply").fetchone()
    return (*a, *r)
