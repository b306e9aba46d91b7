"""批注库的 SQLite 文件：打开、检查、迁移。Opening, checking and migrating the SQLite store.

Rules that keep notes safe:

* a file that is not an SQLite database, is damaged, belongs to another program or was written
  by a newer version is refused with :class:`StoreError` naming it — and is never written to;
* WAL journal, ``synchronous=FULL`` and a busy timeout, so a killed writer loses nothing that was
  committed and two processes writing at once both succeed;
* the schema version lives in the ``schema_version`` table; :data:`MIGRATIONS` lists the steps,
  each applied once, in its own transaction.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from edu_helpers.annotations.model import StoreError

#: Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT = 30.0
_HEADER = b"SQLite format 3\x00"

#: Migration n (1-based) brings a store from version n-1 to n. Append; never edit a released step.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE annotation (
        id TEXT PRIMARY KEY,
        document TEXT NOT NULL,
        document_title TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        paragraph_id TEXT,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start_pos INTEGER NOT NULL,
        end_pos INTEGER NOT NULL,
        kind TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX annotation_document ON annotation (document);
    CREATE INDEX annotation_title ON annotation (document_title);
    -- every version an annotation had before a change: nothing a learner wrote is ever lost
    CREATE TABLE revision (
        annotation_id TEXT NOT NULL,
        replaced TEXT NOT NULL,
        reason TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX revision_annotation ON revision (annotation_id);
    """,
    # 2: replies, a thread under an annotation (issue 15)
    """
    CREATE TABLE reply (
        id TEXT PRIMARY KEY,
        target TEXT NOT NULL,
        body TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX reply_target ON reply (target);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def check_file(path: Path) -> bool:
    """Refuse a path that cannot be a store, reading at most its first 16 bytes.

    Returns:
        whether the file exists and holds data (an empty or missing file becomes a new store).

    Raises:
        StoreError: the path is a directory, unreadable, or not an SQLite database.
    """
    if path.is_dir():
        raise StoreError(path, "is a folder, not an annotation store file")
    if not path.exists():
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_HEADER))
    except OSError as exc:
        raise StoreError(path, f"cannot read the annotation store ({exc.strerror or exc})") from None
    if not head:
        return False
    if head != _HEADER:
        raise StoreError(
            path, "不是批注库 not an SQLite annotation store (left untouched; choose another --store path)"
        )
    return True


def connect(path: Path) -> sqlite3.Connection:
    """Open (or create) the store at ``path``, checked and migrated to :data:`SCHEMA_VERSION`.

    Raises:
        StoreError: the file is not a usable store; it is left exactly as it was.
    """
    existing = check_file(path)
    if not existing:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(path, f"cannot create the folder for the store ({exc.strerror or exc})") from None
    mode = "rw" if existing else "rwc"
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode={mode}",
            uri=True,
            timeout=BUSY_TIMEOUT,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise StoreError(path, f"cannot open the annotation store ({exc})") from None
    try:
        if existing:
            _check_contents(conn, path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise database_error(path, exc) from None
    except BaseException:
        conn.close()
        raise
    return conn


def database_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """A clear :class:`StoreError` for an error SQLite reported about the store at ``path``."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreError(path, f"批注库正被占用 the store is locked by another program for over {BUSY_TIMEOUT:g} s")
    if isinstance(exc, sqlite3.OperationalError):
        return StoreError(path, f"cannot use the annotation store ({text})")
    return StoreError(path, f"损坏的批注库 damaged annotation store, left untouched ({text})")


def _check_contents(conn: sqlite3.Connection, path: Path) -> None:
    """Read-only checks of an existing file, before anything may be written to it."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise StoreError(path, f"损坏的批注库 damaged annotation store, left untouched ({problems[0]})")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "schema_version" not in tables:
        raise StoreError(path, "is an SQLite database of another program, not an annotation store (left untouched)")
    version = stored_version(conn) if tables else 0
    if version > SCHEMA_VERSION:
        raise StoreError(
            path, f"written by a newer edu_helpers (schema {version}, this one knows {SCHEMA_VERSION}); update it"
        )


def stored_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the store (0 for a new, empty store)."""
    try:
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, path: Path, migrations: tuple[str, ...] = MIGRATIONS) -> int:
    """Apply the missing migrations, each in one ``BEGIN IMMEDIATE`` transaction; returns the version.

    Two processes opening a new store at once are safe: the version is re-read inside the
    write lock, so each step runs exactly once.
    """
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
    while (version := stored_version(conn)) < len(migrations):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if stored_version(conn) == version:
                for statement in _statements(migrations[version]):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", (version + 1,)
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    if version > len(migrations):
        raise StoreError(path, f"written by a newer edu_helpers (schema {version})")
    return version


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (``executescript`` would commit on its own)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
