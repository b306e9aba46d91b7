"""语料库：读入一批报告，供比较。A corpus of reports: parallel loading, a disk cache, DataFrame views.

:func:`load_corpus` takes a folder, a file, or a list of either. Each file is read, normalised, structured,
segmented and tagged with topics (``doc.tokens``, ``doc.formulations``, ``doc.topics``) and kept as a compact
record (:mod:`.records`). Many files are shared out among worker processes (two by default: the machine has
two cores). Records are cached on disk under the sha256 of the file bytes (and of its ``.toml`` sidecar), the
package version and a digest of the data files and code, so reopening a folder only reads the cache. A file
that fails is listed in :attr:`Corpus.errors` and skipped; a crashed worker makes the rest load in-process.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from edu_helpers.analysis.corpus_views import Corpus
from edu_helpers.analysis.disk_cache import code_digest, read_pickle, write_pickle
from edu_helpers.analysis.records import SCHEMA, Entry, build_record
from edu_helpers.analysis.words import preload
from edu_helpers.data_files import DATA_DIR, cache_root
from edu_helpers.text.load import load_document
from edu_helpers.text.readers import EXTENSIONS

PACKAGE_DIR = Path(__file__).resolve().parents[1]


__all__ = ["SUFFIXES", "Corpus", "cache_key", "default_cache_dir", "demo_folder", "load_corpus"]

#: Files a folder contributes: every extension the readers' registry knows (text/readers), except Markdown
#: (a folder of reports often holds exported 学习笔记 .md) and files without an extension.
SUFFIXES = tuple(ext for exts in EXTENSIONS.values() for ext in exts if ext not in ("", ".md"))
#: Fewer files than this are loaded in-process: starting workers costs more than it saves.
PARALLEL_MIN = 8
#: progress(done, total, label)
Progress = Callable[[int, int, str], None]


def demo_folder() -> Path:
    """The folder of three reports written for the demonstration (示例, 2031–2033; not real reports), shipped
    with the package: every sidecar says ``demo = true``, so :attr:`Corpus.documents` marks them ``demo``."""
    return DATA_DIR / "demo_compare"


def default_cache_dir() -> Path:
    """``corpus`` under :func:`~edu_helpers.data_files.cache_root` (``$EDU_HELPERS_CACHE``, else the user's cache
    folder)."""
    return cache_root() / "corpus"


@functools.cache
def _versions() -> bytes:
    """The package code and data (:func:`~edu_helpers.analysis.disk_cache.code_digest`), the record schema,
    and the user dictionary / taxonomy named in the environment: anything that changes a record changes this."""
    h = hashlib.sha256(code_digest() + f"|{SCHEMA}".encode())
    for name in ("EDU_TOPICS", "EDU_USER_DICT"):
        for p in (Path(p) for p in os.environ.get(name, "").split(os.pathsep) if p):
            if p.is_file():
                h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.digest()


def cache_key(data: bytes, sidecar: bytes = b"") -> str:
    """The cache key of a file's bytes and its sidecar's bytes under this package and data version."""
    h = hashlib.sha256(data)
    h.update(b"\0sidecar\0" + sidecar + b"\0" + _versions())
    return h.hexdigest()


def _collect(source: str | Path | Iterable[str | Path], suffixes: tuple[str, ...]) -> list[Path]:
    items = [source] if isinstance(source, str | Path) else list(source)
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in suffixes)
        else:
            out.append(p)  # a missing file becomes an error entry, not an exception
    return list(dict.fromkeys(out))


def _read_cache(path: Path) -> dict | None:
    rec = read_pickle(path)
    return rec if isinstance(rec, dict) and rec.get("schema") == SCHEMA else None


def _analyse(path: str, cache_file: str | None) -> tuple[str, dict | str]:
    """Load and analyse one file: ``("ok", record)`` or ``("error", message)``."""
    t0 = time.perf_counter()
    try:
        doc = load_document(path)
        rec = build_record(doc, time.perf_counter() - t0)
    except Exception as exc:  # one bad file never ends the load
        return "error", str(exc) if isinstance(exc, ValueError) else f"{path}: {type(exc).__name__}: {exc}"
    if cache_file:
        write_pickle(Path(cache_file), rec)
    return "ok", rec


def _analyse_many(jobs: list[tuple[str, str | None]]) -> list[tuple[str, dict | str]]:
    return [_analyse(p, c) for p, c in jobs]


def _context():
    """``fork`` where the platform has it: workers start at once and share the parent's loaded dictionary
    (copy-on-write); elsewhere the platform's default."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _init_worker() -> None:
    preload()  # the whole dictionary once per worker (a no-op when forked from a parent that has it)


def load_corpus(
    source: str | Path | Iterable[str | Path],
    *,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    workers: int = 2,
    progress: Progress | None = None,
    suffixes: tuple[str, ...] = SUFFIXES,
) -> Corpus:
    """Load reports into a :class:`Corpus`.

    Args:
        source: a folder (its files ending in ``suffixes``, by name), a file, or a list of folders and files.
        cache_dir: where records are cached; default :func:`default_cache_dir`.
        use_cache: ``False`` neither reads nor writes the cache.
        workers: processes for the files not in the cache (``1``: all in this process).
        progress: called as ``progress(done, total, label)`` after each batch (for a bar in the UI).
        suffixes: file endings taken from folders.

    Returns:
        The corpus, documents in the order given (folders sorted by file name). Ids are file stems (or a
        sidecar ``id``), made unique with ``-2``, ``-3``…; :attr:`Corpus.errors` lists the files that failed.
    """
    t0 = time.perf_counter()
    paths = _collect(source, tuple(s.lower() for s in suffixes))
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    results: dict[Path, tuple[str, dict | str, bool]] = {}
    jobs: list[tuple[str, str | None]] = []
    total, done = len(paths), 0
    for p in paths:
        try:
            data = p.read_bytes()
            side = p.with_suffix(".toml")
            sidecar = side.read_bytes() if side.is_file() and side != p else b""
        except OSError:
            jobs.append((str(p), None))  # load_document reports it properly
            continue
        key = cache_key(data, sidecar)
        file = cache / key[:2] / f"{key}.pickle"
        rec = _read_cache(file) if use_cache else None
        if rec is not None:
            results[p] = ("ok", rec, True)
            done += 1
        else:
            jobs.append((str(p), str(file) if use_cache else None))
    if progress and done:
        progress(done, total, "cache")

    def take(batch, answers):
        nonlocal done
        for (path, _), (status, value) in zip(batch, answers, strict=True):
            results[Path(path)] = (status, value, False)
        done += len(batch)
        if progress:
            progress(done, total, Path(batch[-1][0]).name)

    todo = list(jobs)
    if workers > 1 and len(jobs) >= PARALLEL_MIN:
        size = max(1, min(16, len(jobs) // (workers * 8)))  # small batches: the last ones finish together
        batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        context = _context()
        if context.get_start_method() == "fork":
            preload()  # once here (~1 s), not once per worker: forked workers share it
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker) as pool:
                futures = {pool.submit(_analyse_many, b): b for b in batches}
                for fut in as_completed(futures):
                    take(futures[fut], fut.result())
            todo = []
        except BrokenProcessPool:  # a worker died (out of memory, a crash): finish here
            todo = [j for j in jobs if Path(j[0]) not in results]
    for job in todo:
        take([job], [_analyse(*job)])

    entries, errors, seen = [], [], {}
    for p in paths:
        status, value, cached = results[p]
        if status != "ok":
            errors.append({"path": str(p), "error": value})
            continue
        base = str(value["meta"].get("id") or p.stem)
        seen[base] = seen.get(base, 0) + 1
        entries.append(Entry(base if seen[base] == 1 else f"{base}-{seen[base]}", p, value, cached))
    n_cached = sum(e.from_cache for e in entries)
    report = {
        "n_files": total,
        "n_documents": len(entries),
        "n_errors": len(errors),
        "n_from_cache": n_cached,
        "workers": workers if len(jobs) >= PARALLEL_MIN else 1,
        "cache_dir": str(cache) if use_cache else None,
        "seconds": round(time.perf_counter() - t0, 3),
    }
    return Corpus(entries, errors, report)
