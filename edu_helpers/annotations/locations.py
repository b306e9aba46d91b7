"""批注库放在哪里、用哪个后端。Where the store is, and the one function that opens a backend for it.

Every place that builds a store — :class:`~edu_helpers.annotations.store.AnnotationStore`, the CLI's
``--store``, the notebooks' ``STORE_PATH``, the class merge — goes through :func:`open_backend`:

* a backend object is used as it is;
* ``None`` → :func:`default_store_path`: ``$EDU_ANNOTATIONS`` if set; in a checkout of the project
  ``annotations/notes.sqlite`` beside the notebooks (gitignored); elsewhere (an installed wheel) the
  user's data folder, e.g. ``~/.local/share/edu_helpers/notes.sqlite``;
* a path, or a ``file://``/``sqlite:///`` URL → the SQLite backend;
* ``postgresql://`` or ``postgres://`` → the class server (:mod:`.postgres`; ``?class=C`` names the class);
* any other URL → a clear :class:`StoreError` (never a folder named after the scheme).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from edu_helpers.annotations.backend import Backend
from edu_helpers.annotations.model import StoreError

ENV_VAR = "EDU_ANNOTATIONS"
#: ``scheme://`` at the start of a store address (two letters at least, so ``C:\\…`` stays a path)
_URL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+)://")
_PACKAGE = Path(__file__).resolve().parents[1]


def checkout_dir() -> Path | None:
    """The project folder when the package runs from a checkout (``pyproject.toml`` and ``notebooks/``
    beside it), else ``None``."""
    root = _PACKAGE.parent
    return root if (root / "pyproject.toml").is_file() and (root / "notebooks").is_dir() else None


def default_location() -> str | Path:
    """The store used when none is named: ``$EDU_ANNOTATIONS`` as written (a path or a URL), else
    :func:`default_store_path`."""
    return os.environ.get(ENV_VAR, "").strip() or default_store_path()


def default_store_path() -> Path:
    """Where notes are kept when no store is named (see the module docstring)."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env and not _URL.match(env):
        return Path(env).expanduser()
    root = checkout_dir()
    if root is not None:
        return root / "annotations" / "notes.sqlite"
    import platformdirs

    return Path(platformdirs.user_data_dir("edu_helpers", appauthor=False)) / "notes.sqlite"


def redact(location: str) -> str:
    """A store address fit for a message: the password of a URL replaced by ``***``.

    >>> redact("postgresql://teacher:secret@db.school:5432/class")
    'postgresql://teacher:***@db.school:5432/class'
    """
    return re.sub(r"(://[^/:@]*):[^/@]*@", r"\1:***@", location)


def open_backend(
    location: str | Path | Backend | None = None, *, read_only: bool = False, offline: bool = True
) -> Backend:
    """The backend for a store address (see the module docstring); ``read_only`` never writes.

    A class server that cannot be reached gives a store that works offline (notes kept in the local
    outbox), unless ``offline`` is off or ``read_only`` is on (an export needs the server): then
    :class:`~edu_helpers.annotations.postgres.ServerUnavailable` is raised.

    Raises:
        StoreError: the address names a kind of store this version cannot open, or the file is not
            a usable store (it is left untouched).
    """
    if location is not None and not isinstance(location, str | Path):
        return location
    text = str(default_location() if location is None else location)
    m = _URL.match(text)
    if m is None:
        from edu_helpers.annotations.sqlite import SQLiteBackend

        return SQLiteBackend(Path(text).expanduser(), read_only=read_only)
    scheme = m.group(1).lower()
    if scheme in {"file", "sqlite"}:
        from edu_helpers.annotations.sqlite import SQLiteBackend

        return SQLiteBackend(Path(unquote(urlsplit(text).path)), read_only=read_only)
    if scheme in {"postgresql", "postgres"}:
        from edu_helpers.annotations.postgres import PostgresBackend

        # what a role may write is the server's policies' business
        return PostgresBackend(text, outbox=offline and not read_only)
    raise StoreError(
        redact(text),
        f"不支持的批注库地址 unsupported store address ({scheme}://); "
        "give the path of an SQLite file or a postgresql:// URL",
    )
