"""导出与导入。Export a document's annotations (Markdown, CSV, JSON-LD); import files of them.

Import is all or nothing: every file is read and checked before anything is written, and each
file is then added in one transaction. Re-importing is idempotent (same id → one annotation);
the conflict policy is :meth:`AnnotationStore.add_many`'s: a newer ``updated`` wins and the
replaced version is kept in the store's history. The same quote from two authors is two
annotations (their ids differ).

A class server store's export says who may read each note (JSON-LD ``edu:visibility``, CSV column
``visibility``); importing such a file into a class store gives each new note that visibility again (a
file that does not say, e.g. a file store's export or Hypothesis', leaves the class's default).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from edu_helpers.annotations.anchor import Placed
from edu_helpers.annotations.jsonld import collection_jsonld, items_of, record_of
from edu_helpers.annotations.markdown import study_notes
from edu_helpers.annotations.model import Annotation, ImportFileError, Reply, format_time, utc_now
from edu_helpers.annotations.outputs import write_output
from edu_helpers.annotations.records import RecordError, record_visibility, to_annotation
from edu_helpers.annotations.store import AnnotationStore, ImportSummary
from edu_helpers.annotations.tables import csv_records, csv_replies, to_csv
from edu_helpers.annotations.threads import by_target, replies_of, reply_jsonld
from edu_helpers.text.document import Document

FORMATS = ("markdown", "csv", "jsonld")
#: Largest import file read (a class of 40 students with long notes is a few MB).
MAX_BYTES = 64 * 1024 * 1024
SUFFIXES = {"markdown": ".md", "csv": ".csv", "jsonld": ".jsonld"}


@dataclass(frozen=True)
class ImportResult:
    """What importing one file did."""

    path: Path
    summary: ImportSummary
    skipped: int
    replies: int = 0  # replies added (threads under the imported annotations)
    others: int = 0  # notes and replies by classmates (into a class store): left to their authors

    def __str__(self) -> str:
        s = self.summary
        text = f"{self.path}: {s.added} added, {s.updated} updated, {s.unchanged} unchanged"
        text += f", {self.replies} replies added" if self.replies else ""
        text += f", {self.others} by classmates left to their own files" if self.others else ""
        return text + (f", {self.skipped} skipped (no quote: page notes or replies)" if self.skipped else "")


def _in_text_order(placed: list[Placed]) -> list[Placed]:
    return sorted(placed, key=lambda p: (p.start is None, p.start or 0, p.annotation.created, p.annotation.id))


def export_annotations(store: AnnotationStore, doc: Document, fmt: str, *, generated: str | None = None) -> str:
    """The live annotations of ``doc`` as ``markdown`` (学习笔记), ``csv`` or ``jsonld`` text.

    Selectors are exported as stored (where each note was made); Markdown and CSV also show where
    each stands in ``doc`` now.

    Raises:
        ValueError: unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    generated = generated or utc_now()
    placed = _in_text_order(store.anchored(doc))
    threads = by_target(store.replies())
    if fmt == "markdown":
        return study_notes(placed, doc, generated=generated, replies=threads)
    shared = visibilities_of(store)
    if fmt == "csv":
        return to_csv(placed, [s.title for s in doc.section_records], threads, shared)
    data = collection_jsonld([p.annotation for p in placed], doc, generated, shared)
    items = [reply_jsonld(r) for p in placed for r in threads.get(p.annotation.id, [])]
    data["first"]["items"] += items
    data["total"] += len(items)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def visibilities_of(store: AnnotationStore) -> dict[str, str] | None:
    """``{id: visibility}`` of a class server store's readable notes (one query), ``None`` for any other
    store (a file store, a personal server store: visibility means nothing there)."""
    backend = getattr(store, "backend", None)
    if not getattr(backend, "class_id", "") or not hasattr(backend, "visibilities"):
        return None
    return backend.visibilities()


def write_export(
    text: str,
    path: str | Path,
    fmt: str,
    *,
    force: bool = False,
    stores: Iterable[Path | None] = (),
    inputs: Iterable[Path | None] = (),
) -> Path:
    """Write an export atomically (see :func:`~.outputs.write_output`); CSV gets a BOM for Excel.

    Never replaces a store (``stores`` and any SQLite file) or an input; an existing file only with ``force``.

    Raises:
        OutputError: the path is protected, or exists and ``force`` is not given.
    """
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    return write_output(text, path, encoding=encoding, force=force, stores=stores, inputs=inputs)


def _decode(path: Path) -> str:
    """The file's text: only a regular file is read (never a pipe or device), and at most :data:`MAX_BYTES`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the open
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ImportFileError(path, "不是普通文件 is not a regular file (a device, pipe or folder)")
            if info.st_size > MAX_BYTES:
                raise ImportFileError(path, f"file is {info.st_size:,} bytes; the limit is {MAX_BYTES:,} bytes")
            raw = fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise ImportFileError(path, "is a folder, not a file of annotations") from None
    except OSError as exc:
        raise ImportFileError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise ImportFileError(path, f"file is over the limit of {MAX_BYTES:,} bytes")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:  # a CSV saved by Excel or WPS on a Chinese Windows ("ANSI" = GBK, a subset of GB18030)
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise ImportFileError(path, "not UTF-8 or GB18030/GBK text") from None


def _is_csv(path: Path, text: str) -> bool:
    if path.suffix.lower() == ".csv":
        return True
    if path.suffix.lower() in (".json", ".jsonld"):
        return False
    return not text.lstrip().startswith(("{", "["))


def _records(path: Path, text: str) -> list[dict | None]:
    """The file's records (``None`` for an annotation without a quote), in file order."""
    if _is_csv(path, text):
        return list(csv_records(text))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(path, f"invalid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise ImportFileError(
            path, "JSON nested too deeply (lists or objects inside each other thousands deep)"
        ) from None
    records: list[dict | None] = []
    for number, item in enumerate(items_of(data), 1):
        try:
            records.append(record_of(item))
        except ValueError as exc:
            raise RecordError(str(exc), number) from None
    return records


def read_import_file(path: str | Path) -> tuple[list[Annotation], int]:
    """Read and check a JSON-LD, Hypothesis JSON or CSV file of annotations.

    Returns:
        the annotations, and how many records were skipped (annotations without a quote).

    Raises:
        ImportFileError: the file is unreadable or malformed, or a record is invalid; the message
            names the file and the record number (1-based, in file order).
    """
    shared, skipped = read_shared_file(path)
    return [a for a, _ in shared], skipped


def read_shared_file(path: str | Path) -> tuple[list[tuple[Annotation, str | None]], int]:
    """:func:`read_import_file`, with who may read each note as the file says (``None``: it does not say).

    Raises:
        ImportFileError: as :func:`read_import_file`; also a visibility that is not ``private``,
            ``teacher`` or ``class``.
    """
    path = Path(path)
    text = _decode(path)
    default_time = format_time(datetime.fromtimestamp(path.stat().st_mtime, UTC))
    try:
        records = _records(path, text)
        annotations: list[tuple[Annotation, str | None]] = []
        for number, record in enumerate(records, 1):
            if record is None:
                continue
            try:
                annotations.append((to_annotation(record, default_time=default_time), record_visibility(record)))
            except RecordError as exc:
                raise RecordError(str(exc), number) from None
    except RecordError as exc:
        raise ImportFileError(path, str(exc), exc.record) from None
    except ImportFileError:
        raise
    except ValueError as exc:
        raise ImportFileError(path, str(exc)) from None
    return annotations, len(records) - len(annotations)


def import_files(store: AnnotationStore, paths: list[str | Path]) -> list[ImportResult]:
    """Import files into ``store``: all are checked first (one bad file → nothing imported), then
    each file is added in one transaction (into a class store with the visibility each file gives).

    Into a class store, notes and replies signed by another member of the class (a student's export holds
    the class-shared notes of classmates) are left out and counted (``others``): the server would sign them
    with the importer's name.
    """
    parsed = [(Path(p), *read_shared_file(p), read_replies(p)) for p in paths]
    classmates = store.backend.classmates() if hasattr(store.backend, "classmates") else set()
    results = []
    for path, shared, skipped, replies in parsed:
        mine = [(a, v) for a, v in shared if a.author not in classmates]
        summary = store.add_many([a for a, _ in mine], visibilities={a.id: v for a, v in mine if v})
        theirs = [r for r in replies if r.author in classmates]
        known = [r for r in replies if r.author not in classmates and store.backend.get(r.target) is not None]
        added = store.backend.add_replies(known) if known else 0
        results.append(ImportResult(path, summary, skipped, added, len(shared) - len(mine) + len(theirs)))
    return results


def read_replies(path: str | Path) -> list[Reply]:
    """The replies of a JSON-LD file (W3C ``replying`` annotations) or of a CSV export (``reply`` rows);
    none for unreadable JSON."""
    path = Path(path)
    text = _decode(path)
    if _is_csv(path, text):
        return csv_replies(text)
    try:
        return replies_of(json.loads(text))
    except json.JSONDecodeError:
        return []
