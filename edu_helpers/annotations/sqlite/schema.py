"""批注库的 SQLite 文件：打开、检查、迁移。Opening, checking and migrating the SQLite store.

Rules that keep notes safe:

* a store is ours only by its marker: ``PRAGMA application_id`` = :data:`APPLICATION_ID` and
  ``PRAGMA user_version`` = its schema version, set when it is created. A file of the current layout
  written before the marker existed gets it once, and only when it is unmistakably ours (exactly our
  tables and columns, versions 1…n). Anything else — not a regular file, not SQLite, damaged, another
  program's database (even one with a ``schema_version`` table), newer than this version — is refused
  with :class:`StoreError` naming it, and is checked through a read-only connection first, so its bytes
  and journal mode stay exactly as they were;
* read-only opening (``read_only=True``: export, class report) never writes at all, so a store that is
  read-only (the file, or its folder) can still be read;
* WAL journal, ``synchronous=FULL`` and a busy timeout, so a killed writer loses nothing that was
  committed and two processes writing at once both succeed;
* :data:`MIGRATIONS` lists the steps, each applied once, in its own transaction (``schema_version``
  table and ``user_version`` together).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from edu_helpers.annotations.model import StoreError

#: Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT = 30.0
_HEADER = b"SQLite format 3\x00"
#: ``PRAGMA application_id`` of every edu_helpers store ("EDUH" in ASCII).
APPLICATION_ID = 0x45445548
#: The header offset of the application id in an SQLite file (a 4-byte big-endian integer).
_APPLICATION_ID_OFFSET = 68

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
    """Refuse a path that cannot be a store, reading at most its first 16 bytes (never blocking).

    Returns:
        whether the file exists and holds data (an empty or missing file becomes a new store).

    Raises:
        StoreError: the path is a folder, not a regular file (a device, a pipe), unreadable, or not SQLite.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(path, f"cannot read the annotation store ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise StoreError(path, "is a folder, not an annotation store file")
    if not stat.S_ISREG(mode):
        raise StoreError(path, "不是普通文件 is not a regular file (a device, pipe or socket); give a store file")
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


def _application_id(path: Path) -> int | None:
    """The application id in the header of an SQLite file (``None``: not a regular SQLite file)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            head = fh.read(_APPLICATION_ID_OFFSET + 4)
    except OSError:
        return None
    if not head.startswith(_HEADER) or len(head) < _APPLICATION_ID_OFFSET + 4:
        return None
    return int.from_bytes(head[_APPLICATION_ID_OFFSET:], "big", signed=True)


def is_sqlite_file(path: Path) -> tuple[bool, bool]:
    """Whether ``path`` is a regular file holding an SQLite database, and whether it bears our marker.

    Reads 72 bytes at most; a missing or unreadable file is ``(False, False)``.
    """
    app_id = _application_id(path)
    return app_id is not None, app_id == APPLICATION_ID


def _open(path: Path, mode: str) -> sqlite3.Connection:
    """A connection: ``rw``/``rwc``, or ``ro`` — which creates nothing beside the file: while no ``-wal``
    file exists no other process has the store open, and the file is read as immutable."""
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    if mode == "ro" and not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    if mode == "ro":
        conn.execute("PRAGMA query_only = ON")
    return conn


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open (or create) the store at ``path``, checked, marked and migrated to :data:`SCHEMA_VERSION`.

    With ``read_only`` nothing is ever written: the store must exist and be of the current version.

    Raises:
        StoreError: the file is not a usable store; it is left exactly as it was.
    """
    existing = check_file(path)
    if not existing and read_only:
        raise StoreError(path, "没有批注库 no annotation store at this path (nothing to read)")
    marked = existing and _application_id(path) == APPLICATION_ID
    if existing and not marked:
        _check_unmarked(path)  # refuses anything but one of our stores from before the marker
    if not existing:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(path, f"cannot create the folder for the store ({exc.strerror or exc})") from None
    try:
        conn = _open(path, "ro" if read_only else "rw" if existing else "rwc")
    except sqlite3.Error as exc:
        raise StoreError(path, f"cannot open the annotation store ({exc})") from None
    try:
        if existing:
            _check_contents(conn, path)
        if read_only:
            if _version(conn) < SCHEMA_VERSION:
                raise StoreError(path, "written by an older edu_helpers; open it once with write access to update it")
            return conn
        if not marked:  # a new store, or one of our current layout from before the marker
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
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


def _check_unmarked(path: Path) -> None:
    """Refuse an SQLite file without our marker unless it is unmistakably one of our stores.

    Read through an immutable connection: nothing is written and nothing is created beside the file.
    """
    app_id = _application_id(path)
    if app_id != 0:
        raise StoreError(path, _FOREIGN)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(path, f"cannot open the annotation store ({exc})") from None
    try:
        conn.execute("PRAGMA query_only = ON")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        ours = _unmistakably_ours(conn, tables)
    except sqlite3.DatabaseError as exc:
        raise database_error(path, exc) from None
    finally:
        conn.close()
    if not ours:
        raise StoreError(path, _FOREIGN)


def _version(conn: sqlite3.Connection) -> int:
    return max(stored_version(conn), conn.execute("PRAGMA user_version").fetchone()[0])


def database_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """A clear :class:`StoreError` for an error SQLite reported about the store at ``path``."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreError(path, f"批注库正被占用 the store is locked by another program for over {BUSY_TIMEOUT:g} s")
    if isinstance(exc, sqlite3.OperationalError):
        return StoreError(path, f"cannot use the annotation store ({text})")
    return StoreError(path, f"损坏的批注库 damaged annotation store, left untouched ({text})")


#: The tables and columns of the current layout: a store without the marker is ours only if it has exactly these.
_LAYOUT = {
    "schema_version": {"version", "applied"},
    "annotation": {
        "id", "document", "document_title", "author", "created", "updated", "paragraph_id", "exact", "prefix",
        "suffix", "start_pos", "end_pos", "kind", "tags", "note", "deleted",
    },
    "revision": {"annotation_id", "replaced", "reason", "data"},
}  # fmt: skip
#: Added by schema 2 (replies): a store of version 2 or later has it too.
_LAYOUT_2 = {"reply": {"id", "target", "body", "author", "created", "updated", "deleted"}}
_FOREIGN = "is an SQLite database of another program, not an annotation store (left untouched)"


def _check_contents(conn: sqlite3.Connection, path: Path) -> None:
    """Checks of an existing store (ours by its marker, or just found unmistakably ours), before any write."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise StoreError(path, f"损坏的批注库 damaged annotation store, left untouched ({problems[0]})")
    version = _version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            path, f"written by a newer edu_helpers (schema {version}, this one knows {SCHEMA_VERSION}); update it"
        )


def _unmistakably_ours(conn: sqlite3.Connection, tables: set[str]) -> bool:
    """An unmarked file is ours only with exactly our tables and columns and versions 1…n (n known)."""
    if set(tables) not in (set(_LAYOUT), set(_LAYOUT) | set(_LAYOUT_2)):
        return False
    for table, columns in {**_LAYOUT, **_LAYOUT_2}.items():
        if table in tables and {row[1] for row in conn.execute(f"PRAGMA table_info({table})")} != columns:
            return False
    versions = [row[0] for row in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    return bool(versions) and versions == list(range(1, len(versions) + 1)) and len(versions) <= SCHEMA_VERSION


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
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    if version > len(migrations):
        raise StoreError(path, f"written by a newer edu_helpers (schema {version})")
    if conn.execute("PRAGMA user_version").fetchone()[0] != version:  # a store from before the marker
        conn.execute(f"PRAGMA user_version = {version}")
    return version


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (``executescript`` would commit on its own)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
