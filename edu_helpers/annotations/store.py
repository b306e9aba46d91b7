"""批注库。The annotation store: one SQLite file, one transaction per change.

>>> import tempfile, edu_helpers
>>> doc = edu_helpers.load_document()
>>> with tempfile.TemporaryDirectory() as tmp, AnnotationStore(f"{tmp}/notes.sqlite") as store:
...     note = store.annotate(doc, "立德树人根本任务", note="教育的根本问题", kind="重点")
...     print(note.quote, note.kind, note.paragraph_id, store.to_frame(doc).loc[0, "status"])
立德树人根本任务 重点 p01 anchored
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from edu_helpers.annotations.anchor import ORPHAN, Anchorer, Placed, occurrences, quote_context
from edu_helpers.annotations.frame import annotation_frame
from edu_helpers.annotations.model import Annotation, StoreError, check_kind, clean_tags, new_id, utc_now
from edu_helpers.annotations.sqlite import schema
from edu_helpers.annotations.sqlite.rows import INSERT, SELECT, from_json, from_row, replace_row, same_content, to_row
from edu_helpers.text.document import Document

_UNSET: Any = object()


@dataclass(frozen=True)
class ImportSummary:
    """What :meth:`AnnotationStore.add_many` did: counts of added, updated and unchanged records."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


class AnnotationStore:
    """A learner's annotations, kept in an SQLite file.

    Args:
        path: the store file; ``None`` → :func:`default_store_path` (``$EDU_ANNOTATIONS`` or
            ``annotations/notes.sqlite`` in the project folder). Created if missing.

    Raises:
        StoreError: the file is not an annotation store or is damaged (it is left untouched).
    """

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path).expanduser() if path is not None else schema.default_store_path()
        self._conn = schema.connect(self.path)
        self._lock = threading.RLock()

    # --- life cycle ------------------------------------------------------------------------------
    def close(self) -> None:
        """Close the file (the store cannot be used afterwards)."""
        self._conn.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<AnnotationStore {str(self.path)!r}: {len(self)} annotations>"

    def __len__(self) -> int:
        """Number of live (not deleted) annotations."""
        return self._conn.execute("SELECT COUNT(*) FROM annotation WHERE deleted = 0").fetchone()[0]

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE … COMMIT``: all of a change, or nothing of it."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise schema.database_error(self.path, exc) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                _rollback(conn)
                raise schema.database_error(self.path, exc) from None
            except BaseException:
                _rollback(conn)
                raise

    # --- creating ---------------------------------------------------------------------------------
    def annotate(
        self,
        doc: Document,
        quote: str,
        *,
        occurrence: int = 1,
        note: str = "",
        tags: Iterable[str] = (),
        kind: str | None = None,
        author: str | None = None,
    ) -> Annotation:
        """Annotate the ``occurrence``-th (1-based) occurrence of ``quote`` in ``doc.text``.

        Occurrences are counted as :func:`~.anchor.occurrences` does (overlapping ones too), so
        every place of the quote can be chosen. The quote must match the normalised text exactly.

        Raises:
            ValueError: the quote is empty or not found, or occurs fewer than ``occurrence`` times;
                the kind is unknown; a tag is invalid.
        """
        if not quote:
            raise ValueError("引文为空 the quote is empty")
        found = occurrences(doc.text, quote)
        if not found:
            raise ValueError(f"未找到引文 quote not found in {doc.title or 'the document'}: {quote!r}")
        if not 1 <= occurrence <= len(found):
            raise ValueError(
                f"引文只出现 {len(found)} 次 quote {quote!r} occurs {len(found)} time(s), not {occurrence}"
            )
        start = found[occurrence - 1]
        return self.annotate_span(doc, start, start + len(quote), note=note, tags=tags, kind=kind, author=author)

    def annotate_span(
        self,
        doc: Document,
        start: int,
        end: int,
        *,
        note: str = "",
        tags: Iterable[str] = (),
        kind: str | None = None,
        author: str | None = None,
    ) -> Annotation:
        """Annotate ``doc.text[start:end]`` (character offsets, end exclusive).

        Raises:
            ValueError: the span is empty or outside the text; the kind or a tag is invalid.
        """
        if not 0 <= start < end <= len(doc.text):
            raise ValueError(f"无效的范围 invalid span [{start}, {end}) for a text of {len(doc.text)} characters")
        prefix, suffix = quote_context(doc.text, start, end)
        para = doc.paragraph_at(start)
        now = utc_now()
        ann = Annotation(
            id=new_id(), document=doc.id, exact=doc.text[start:end], start=start, end=end, prefix=prefix,
            suffix=suffix, paragraph_id=para.id if para else None, document_title=doc.title,
            author=(author or "").strip(), created=now, updated=now, kind=check_kind(kind),
            tags=clean_tags(tags), note=str(note or ""),
        )  # fmt: skip
        with self._transaction() as conn:
            conn.execute(INSERT, to_row(ann))
        return ann

    # --- reading ----------------------------------------------------------------------------------
    def get(self, annotation_id: str) -> Annotation:
        """The annotation with this id, deleted or not.

        Raises:
            StoreError: there is no such annotation.
        """
        row = self._conn.execute(f"{SELECT} WHERE id = ?", (annotation_id,)).fetchone()
        if row is None:
            raise StoreError(self.path, f"没有这条批注 no annotation with id {annotation_id!r}")
        return from_row(row)

    def annotations(self, doc: Document | None = None, *, include_deleted: bool = False) -> list[Annotation]:
        """Annotations in the order they were added to the store: all, or those belonging to ``doc``.

        An annotation belongs to a document made from the same text (same id), to one with the same
        non-empty title (a later revision of the report), or to any document if its own is unknown.
        """
        where, params = ([] if include_deleted else ["deleted = 0"]), []
        if doc is not None:
            where.append("(document = ? OR document = '' OR (document_title <> '' AND document_title = ?))")
            params += [doc.id, doc.title]
        sql = SELECT
        sql += f" WHERE {' AND '.join(where)}" if where else ""
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()  # rowid order: no sort of 10,000 rows
        return [from_row(r) for r in rows]

    def anchored(self, doc: Document) -> list[Placed]:
        """The live annotations of ``doc``, each re-anchored in its current text (orphans included)."""
        return Anchorer(doc).place_all(self.annotations(doc))

    def orphans(self, doc: Document) -> list[Annotation]:
        """Live annotations of ``doc`` that can no longer be placed in its text: kept, never dropped."""
        return [p.annotation for p in self.anchored(doc) if p.status == ORPHAN]

    def to_frame(self, doc: Document | None = None) -> pd.DataFrame:
        """One row per live annotation, ordered by place (see :func:`~.frame.annotation_frame`).

        With ``doc``: its annotations, re-anchored, with the current paragraph and section and a
        ``status`` of anchored/moved/fuzzy/orphan. Without: every live annotation, as stored
        (``status`` ``stored``, no section).
        """
        if doc is None:
            stored = [
                Placed(a, "stored", *((a.start, a.end) if a.start >= 0 else (None, None)), a.paragraph_id, None)
                for a in self.annotations()
            ]
            return annotation_frame(stored)
        return annotation_frame(self.anchored(doc), doc)

    def history(self, annotation_id: str) -> list[Annotation]:
        """Earlier versions of an annotation, oldest first (each replaced by an update, delete or import)."""
        rows = self._conn.execute(
            "SELECT data FROM revision WHERE annotation_id = ? ORDER BY rowid", (annotation_id,)
        ).fetchall()
        return [from_json(r[0]) for r in rows]

    # --- changing ---------------------------------------------------------------------------------
    def update(
        self,
        annotation_id: str,
        *,
        note: str = _UNSET,
        tags: Iterable[str] = _UNSET,
        kind: str | None = _UNSET,
        author: str = _UNSET,
    ) -> Annotation:
        """Change the note, tags, kind or author; the previous version is kept in :meth:`history`."""
        changes: dict[str, Any] = {}
        if note is not _UNSET:
            changes["note"] = str(note or "")
        if tags is not _UNSET:
            changes["tags"] = clean_tags(tags)
        if kind is not _UNSET:
            changes["kind"] = check_kind(kind)
        if author is not _UNSET:
            changes["author"] = (author or "").strip()
        return self._change(annotation_id, "update", changes)

    def delete(self, annotation_id: str) -> Annotation:
        """Soft-delete: hidden from every view, and :meth:`undelete` brings it back."""
        return self._change(annotation_id, "delete", {"deleted": True})

    def undelete(self, annotation_id: str) -> Annotation:
        """Undo :meth:`delete`."""
        return self._change(annotation_id, "undelete", {"deleted": False})

    def _change(self, annotation_id: str, reason: str, changes: dict[str, Any]) -> Annotation:
        with self._transaction() as conn:
            old = self.get(annotation_id)
            new = dataclasses.replace(old, **changes)
            if same_content(old, new):
                return old
            new = dataclasses.replace(new, updated=max(utc_now(), old.updated))
            replace_row(conn, old, new, reason)
        return new

    def add_many(self, annotations: Iterable[Annotation], *, reason: str = "import") -> ImportSummary:
        """Add annotations in one transaction (all or nothing); the import conflict policy.

        * a new id is added;
        * a known id with the same content (``created``/``updated`` aside) is left alone;
        * a known id whose incoming ``updated`` is later replaces the stored one (the stored
          version stays in :meth:`history`, so no local note is ever lost);
        * a known id whose incoming ``updated`` is the same or earlier is left alone.
        """
        added = updated = unchanged = 0
        with self._transaction() as conn:
            for ann in annotations:
                row = conn.execute(f"{SELECT} WHERE id = ?", (ann.id,)).fetchone()
                if row is None:
                    conn.execute(INSERT, to_row(ann))
                    added += 1
                    continue
                old = from_row(row)
                if same_content(old, ann) or ann.updated <= old.updated:
                    unchanged += 1
                    continue
                replace_row(conn, old, ann, reason)
                updated += 1
        return ImportSummary(added, updated, unchanged)
