"""分析结果的磁盘缓存。A disk cache of a document's slow analysis results, shared by every kernel.

Keywords need jieba's part-of-speech tables and IDF file (about 2 s to load in a fresh kernel) and the 新提法
candidates its whole dictionary (about 1 s); a notebook shows the same results every time it runs. So
:func:`cached` keeps them on disk, like the corpus cache of :func:`edu_helpers.analysis.corpus.load_corpus`:

* **where**: ``$EDU_HELPERS_CACHE/analysis`` if set, else the user's cache folder (platformdirs)
  ``edu_helpers/analysis``; one pickle per result, ``<key[:2]>/<key>.pickle``;
* **key**: the sha256 of the document's content (its text and its paragraphs: id, kind, text), the result's
  name and arguments, and :func:`versions`: the package version and a digest of its code and data files, the
  Python, pandas and jieba versions, and the words added to the dictionary (``EDU_USER_DICT``, the personal
  dictionary, :func:`~edu_helpers.analysis.words.load_user_dictionary`). Anything that can change a result
  changes the key, so a stale entry is never read, only left behind;
* **safe under concurrent kernels**: written to a temporary file in the same folder, then renamed
  (``os.replace``), so a reader sees a whole file or none; a file that cannot be read is recomputed, and a
  cache that cannot be written only costs speed. ``EDU_HELPERS_CACHE=off`` turns it off;
* **bounded**: when a write finds more than :data:`MAX_FILES` files, the least recently written go.

Within a process the value is also kept in :meth:`Document.memo`; callers get a copy of a DataFrame, as if
it had been computed afresh.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from edu_helpers.data_files import DATA_DIR

if TYPE_CHECKING:
    from edu_helpers.text.document import Document

T = TypeVar("T")
PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: Bumped when the way results are stored changes.
SCHEMA = "1"
#: Files kept at most (a few per document and scope: the bundled report needs about twenty).
MAX_FILES = 2000
OFF = "off"


def cache_dir() -> Path | None:
    """``$EDU_HELPERS_CACHE/analysis``, else ``<user cache dir>/edu_helpers/analysis``; ``None`` when turned off."""
    env = os.environ.get("EDU_HELPERS_CACHE", "").strip()
    if env.lower() == OFF:
        return None
    if env:
        return Path(env) / "analysis"
    import platformdirs

    return Path(platformdirs.user_cache_dir("edu_helpers", appauthor=False)) / "analysis"


@functools.cache
def _code_digest() -> bytes:
    """The package version, Python's and pandas' (the results are pickled DataFrames), and a digest of the
    package's code and data files (read once)."""
    pandas = importlib.metadata.version("pandas")
    h = hashlib.sha256(f"{_package_version()}|{SCHEMA}|{sys.version_info[:2]}|{pandas}".encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")) + sorted(DATA_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return h.digest()


def _package_version() -> str:
    try:
        return importlib.metadata.version("edu_helpers")
    except importlib.metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


@functools.cache
def _dictionary_key() -> str:
    from edu_helpers.analysis.lexicon import cache_key

    return cache_key()


def versions() -> str:
    """What besides the document decides a result: package code and data, jieba and its dictionary
    (:func:`edu_helpers.analysis.lexicon.cache_key`), and the words the user added to it
    (:func:`~edu_helpers.analysis.lexicon.added_words`: the key changes when a word is added)."""
    from edu_helpers.analysis.lexicon import added_words

    added = repr(added_words()).encode()
    return hashlib.sha256(_code_digest() + _dictionary_key().encode() + b"\0" + added).hexdigest()


def document_key(doc: Document) -> str:
    """sha256 of the document's text and paragraphs (id, kind, text): what its analysis reads."""

    def compute() -> str:
        h = hashlib.sha256(doc.text.encode("utf-8"))
        for p in doc.paragraph_records:
            h.update(f"\0{p.id}\t{p.kind}\t{p.text}".encode())
        return h.hexdigest()

    return doc.memo(("disk_cache", "document_key"), compute)


def cached(doc: Document, name: str, args: tuple, compute: Callable[[], T]) -> T:
    """The result ``name(doc, *args)``: from this process, else from the disk cache, else ``compute()``
    (then stored). ``args`` must have a stable ``repr`` (numbers, strings, ``None``, tuples of them)."""
    key = hashlib.sha256(f"{document_key(doc)}|{name}|{args!r}|{versions()}".encode()).hexdigest()
    value = doc.memo(("disk_cache", key), lambda: _load_or_compute(key, compute))
    return value.copy() if hasattr(value, "copy") else value


def _load_or_compute(key: str, compute: Callable[[], Any]) -> Any:
    folder = cache_dir()
    path = folder / key[:2] / f"{key}.pickle" if folder is not None else None
    if path is not None:
        try:
            with open(path, "rb") as f:
                stored = pickle.load(f)
            if isinstance(stored, dict) and stored.get("key") == key:
                return stored["value"]
        except Exception:  # missing, truncated, written by another version: compute it again
            pass
    value = compute()
    if path is not None:
        _write(path, {"key": key, "value": value})
    return value


def _write(path: Path, stored: dict) -> None:
    """Atomically: a temporary file in the same folder, then a rename; errors only cost speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(stored, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        _prune(path.parent.parent)
    except (OSError, pickle.PicklingError):
        pass


def _prune(folder: Path, limit: int = MAX_FILES) -> None:
    """Remove the oldest result files beyond ``limit`` (another kernel may remove them at the same time)."""
    files = list(folder.glob("*/*.pickle"))
    if len(files) <= limit:
        return

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    for old in sorted(files, key=mtime)[: len(files) - limit]:
        old.unlink(missing_ok=True)
