"""分析结果的磁盘缓存。A disk cache of a document's slow analysis results, shared by every kernel.

Keywords need jieba's part-of-speech tables and IDF file (about 2 s to load in a fresh kernel) and the 新提法
candidates its whole dictionary (about 1 s); a notebook shows the same results every time it runs. So
:func:`cached` keeps them on disk, like the corpus cache of :func:`edu_helpers.analysis.corpus.load_corpus`:

* **where**: ``analysis`` under :func:`~edu_helpers.data_files.cache_root` (``$EDU_HELPERS_CACHE``, else the
  user's cache folder); one pickle per result, ``<key[:2]>/<key>.pickle``;
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

from edu_helpers.data_files import DATA_DIR, cache_root

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
    """``analysis`` under :func:`~edu_helpers.data_files.cache_root`; ``None`` when turned off."""
    if os.environ.get("EDU_HELPERS_CACHE", "").strip().lower() == OFF:
        return None
    return cache_root() / "analysis"


@functools.cache
def code_digest() -> bytes:
    """sha256 of the package version and a digest of its code and data files (read once), and of the Python
    and pandas versions (results are pickled DataFrames): part of every disk-cache key, here and in the corpus."""
    pandas = importlib.metadata.version("pandas")
    h = hashlib.sha256(f"{package_version()}|{SCHEMA}|{sys.version_info[:2]}|{pandas}".encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")) + sorted(DATA_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return h.digest()


def package_version() -> str:
    """The installed version of the package (``0+unknown`` in a source tree that was never installed)."""
    try:
        return importlib.metadata.version("edu_helpers")
    except importlib.metadata.PackageNotFoundError:
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
    return hashlib.sha256(code_digest() + _dictionary_key().encode() + b"\0" + added).hexdigest()


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
    stored = read_pickle(path) if path is not None else None
    if isinstance(stored, dict) and stored.get("key") == key:
        return stored["value"]
    value = compute()
    if path is not None and write_pickle(path, {"key": key, "value": value}):
        _prune(path.parent.parent)
    return value


def read_pickle(path: Path) -> Any:
    """What a cache file holds, or ``None`` when it is missing, truncated or unreadable (recompute it)."""
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # missing, truncated, written by another version
        return None


def write_pickle(path: Path, value: Any) -> bool:
    """Write a cache file atomically (a temporary file in the same folder, then a rename), so a reader in
    another process sees a whole file or none; ``False`` if it could not be written (that only costs speed)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return True
    except (OSError, pickle.PicklingError):
        return False


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
