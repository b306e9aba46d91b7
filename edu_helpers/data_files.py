"""数据文件的统一加载。Loading the package's data files (TOML and word lists), once each.

Every loader raises :class:`~edu_helpers.errors.DataFileError` naming the file and the line
when a file is malformed, so a user who edits a word list sees exactly where it broke. :func:`cache_root` is the
one folder the package's caches (dictionary, corpus records, analysis results) live under.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from pathlib import Path

from edu_helpers.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"

_TOML_LINE = re.compile(r"line (\d+)")


def cache_root() -> Path:
    """``$EDU_HELPERS_CACHE`` if set, else the user's cache folder (platformdirs) ``edu_helpers``
    (``$XDG_CACHE_HOME/edu_helpers`` or ``~/.cache/edu_helpers`` on Linux)."""
    if env := os.environ.get("EDU_HELPERS_CACHE", "").strip():
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("edu_helpers", appauthor=False))


def read_toml(path: str | Path) -> dict:
    """Parse a TOML file; a syntax error becomes a ``DataFileError`` with its line number."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(path, f"cannot read the file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(path, "not UTF-8 text", line) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        msg = _TOML_LINE.sub("", str(exc)).replace("(at , column", "(column").strip()
        raise DataFileError(path, f"invalid TOML: {msg}", int(m.group(1)) if m else None) from None


@functools.cache
def bundled_toml(name: str) -> dict:
    """A TOML file from ``edu_helpers/data/``, parsed once per process."""
    return read_toml(DATA_DIR / name)


def data_lines(path: str | Path) -> list[tuple[int, str]]:
    """``(line number, content)`` of a UTF-8 data file, ``#`` comments and blank lines left out."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(path, "not UTF-8 text") from None
    except OSError as exc:
        raise DataFileError(path, f"cannot read the file ({exc.strerror or exc})") from None
    lines = ((number, line.split("#", 1)[0].strip()) for number, line in enumerate(text.splitlines(), 1))
    return [(number, entry) for number, entry in lines if entry]


def read_word_list(path: str | Path) -> list[str]:
    """One entry per line; blank lines and ``#`` comments are skipped.

    A line holding whitespace inside an entry is an error (jieba cannot match such words).
    """
    words: list[str] = []
    for number, entry in data_lines(path):
        if any(ch.isspace() for ch in entry):
            raise DataFileError(path, f"entry {entry!r} contains whitespace", number)
        words.append(entry)
    return words


@functools.cache
def bundled_word_list(name: str) -> frozenset[str]:
    """A word list from ``edu_helpers/data/``, loaded once per process."""
    return frozenset(read_word_list(DATA_DIR / name))
