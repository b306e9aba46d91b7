"""批注库的规则。The annotation store: the rules, over a storage backend (one transaction per change).

Validation, the import conflict policy, anchoring, history, soft delete and undo live here; rows live in
a :class:`~edu_helpers.annotations.backend.Backend` (today SQLite, see :mod:`.locations`).

>>> import tempfile, edu_helpers
>>> doc = edu_helpers.load_document()
>>> with tempfile.TemporaryDirectory() as tmp, AnnotationStore(f"{tmp}/notes.sqlite") as store:
...     note = store.annotate(doc, "立德树人根本任务", note="教育的根本问题", kind="重点")
...     print(note.quote, note.kind, note.paragraph_id, store.to_frame(doc).loc[0, "status"])
立德树人根本任务 重点 p01 anchored
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edu_helpers.annotations.anchor import quote_context
from edu_helpers.annotations.backend import Backend
from edu_helpers.annotations.locations import open_backend
from edu_helpers.annotations.model import (
    Annotation,
    Reply,
    StaleEditError,
    StoreError,
    check_kind,
    clean_tags,
    later_than,
    new_id,
    same_content,
    utc_now,
)
from edu_helpers.annotations.queries import StoreReading
from edu_helpers.text.document import Document
from edu_helpers.text.patterns import occurrences

_UNSET: Any = object()


@dataclass(frozen=True)
class ImportSummary:
    """What :meth:`AnnotationStore.add_many` did: counts of added, updated and unchanged records."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


class AnnotationStore(StoreReading):
    """A learner's annotations, kept by a storage backend.

    Args:
        location: a file path (SQLite), a store URL, or a backend; ``None`` → the default store
            (``$EDU_ANNOTATIONS``, ``annotations/notes.sqlite`` in a checkout, else the user's data
            folder). See :func:`~edu_helpers.annotations.locations.open_backend`. Created if missing.
        read_only: only read (export, class report): nothing is ever written, the store must exist,
            and every change raises :class:`StoreError`.

    Raises:
        StoreError: the file is not an annotation store, is damaged (it is left untouched), or the
            address names a kind of store this version cannot open.
    """

    def __init__(self, location: str | Path | Backend | None = None, *, read_only: bool = False):
        self.backend = open_backend(location, read_only=read_only)

    @property
    def path(self) -> Path | None:
        """The store file (``None`` for a store that is not one file)."""
        return self.backend.path

    @property
    def notice(self) -> str:
        """A message for the reader while notes wait locally (a class server away), else ``""``."""
        return getattr(self.backend, "notice", "")

    def unsent(self) -> set[str]:
        """Ids of the notes and replies kept locally, not yet on the class server (empty for a file store)."""
        return getattr(self.backend, "pending_ids", set)()

    def on_sent(self, callback) -> None:
        """Call ``callback()`` (from another thread) when notes kept locally were sent or the server came back."""
        getattr(self.backend, "on_sent", lambda _: None)(callback)

    def off_sent(self, callback) -> None:
        """Stop calling ``callback`` (a widget that closes); closing the store forgets every listener."""
        getattr(self.backend, "off_sent", lambda _: None)(callback)

    # --- life cycle ------------------------------------------------------------------------------
    def close(self) -> None:
        """Close the store (it cannot be used afterwards)."""
        self.backend.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<AnnotationStore {self.location!r}: {len(self)} annotations>"

    def __len__(self) -> int:
        """Number of live (not deleted) annotations."""
        return self.backend.count()

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

        Occurrences are counted as :func:`edu_helpers.text.patterns.occurrences` does (overlapping ones too), so
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
        visibility: str | None = None,
    ) -> Annotation:
        """Annotate ``doc.text[start:end]`` (character offsets, end exclusive); ``visibility`` (a class
        server: ``private``/``teacher``/``class``, default the class's) is for backends that share.

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
        with self.backend.transaction() as tx:
            tx.insert(ann, visibility=visibility) if visibility else tx.insert(ann)
        return ann

    # --- changing ---------------------------------------------------------------------------------
    # Optimistic concurrency: an edit may say which version it was based on (``expected``: the
    # ``updated`` value it read). The stored version is read inside the write transaction; if it is no
    # longer that one (another kernel or process saved meanwhile), :class:`StaleEditError` is raised and
    # nothing is written. ``updated`` grows strictly with every change, so each version has its own value.
    def update(
        self,
        annotation_id: str,
        *,
        note: str = _UNSET,
        tags: Iterable[str] = _UNSET,
        kind: str | None = _UNSET,
        author: str = _UNSET,
        expected: str | None = None,
    ) -> Annotation:
        """Change the note, tags, kind or author; the previous version is kept in :meth:`history`.

        A kind must be a known one, unless it is the annotation's own kind already (an unknown kind,
        e.g. imported from a classmate, is kept as it is).

        Raises:
            StaleEditError: ``expected`` is given and the stored version is another one.
            ValueError: a new kind is unknown, or a tag is invalid.
        """
        changes: dict[str, Any] = {}
        if note is not _UNSET:
            changes["note"] = str(note or "")
        if tags is not _UNSET:
            changes["tags"] = clean_tags(tags)
        if kind is not _UNSET:
            changes["kind"] = (str(kind).strip() or None) if kind is not None else None
        if author is not _UNSET:
            changes["author"] = (author or "").strip()
        return self._change(annotation_id, "update", changes, expected)

    def restore(self, annotation_id: str, version: Annotation, *, expected: str | None = None) -> Annotation:
        """Put back the note, tags, kind and author of an earlier ``version`` (undo), whatever its kind."""
        changes = {"note": version.note, "tags": version.tags, "kind": version.kind, "author": version.author}
        return self._change(annotation_id, "undo", changes, expected, check=False)

    def add_copy(
        self, annotation_id: str, *, note: str = "", tags: Iterable[str] = (), kind: str | None = None
    ) -> Annotation:
        """A new annotation on the same passage as ``annotation_id``, with this note, tags and kind: how
        an edit refused as stale is kept beside the other version ("keep both")."""
        source = self.get(annotation_id)
        kind = (str(kind).strip() or None) if kind is not None else None
        now = utc_now()
        copy = dataclasses.replace(
            source, id=new_id(), created=now, updated=now, note=str(note or ""), tags=clean_tags(tags),
            kind=kind if kind == source.kind else check_kind(kind), deleted=False,
        )  # fmt: skip
        with self.backend.transaction() as tx:
            tx.insert(copy)
        return copy

    def delete(self, annotation_id: str, *, expected: str | None = None) -> Annotation:
        """Soft-delete: hidden from every view, and :meth:`undelete` brings it back."""
        return self._change(annotation_id, "delete", {"deleted": True}, expected)

    def undelete(self, annotation_id: str) -> Annotation:
        """Undo :meth:`delete`."""
        return self._change(annotation_id, "undelete", {"deleted": False})

    def _change(
        self, annotation_id: str, reason: str, changes: dict[str, Any], expected: str | None = None, check: bool = True
    ) -> Annotation:
        with self.backend.transaction() as tx:
            old = tx.get(annotation_id)
            if old is None:
                raise StoreError(self.location, f"没有这条批注 no annotation with id {annotation_id!r}")
            if expected is not None and old.updated != expected:
                raise StaleEditError(
                    self.location,
                    f"这条批注已在别处修改 annotation {annotation_id} was changed elsewhere since you opened it "
                    f"(now {old.updated}, yours was {expected}); reload it, or keep both",
                    old,
                )
            if check and "kind" in changes and changes["kind"] != old.kind:
                changes = {**changes, "kind": check_kind(changes["kind"])}
            new = dataclasses.replace(old, **changes)
            if same_content(old, new):
                return old
            new = dataclasses.replace(new, updated=later_than(old.updated))
            tx.replace(old, new, reason)
        return new

    def add_many(
        self, annotations: Iterable[Annotation], *, reason: str = "import", visibilities: dict[str, str] | None = None
    ) -> ImportSummary:
        """Add annotations in one transaction (all or nothing); the import conflict policy.

        ``visibilities`` (``{id: visibility}``, from a class server's export) is who may read each new
        or replacing version on a class server; file stores, and notes not in it, ignore it / keep the default.

        * a new id is added;
        * a known id with the same content (``created``/``updated`` aside) is left alone;
        * a known id whose incoming ``updated`` is later replaces the stored one (the stored
          version stays in :meth:`history`, so no local note is ever lost);
        * a known id whose incoming ``updated`` is the same or earlier is left alone.
        """
        added = updated = unchanged = 0
        sharing = bool(getattr(self.backend, "class_id", ""))  # only a class server knows who may read what
        with self.backend.transaction() as tx:
            for ann in annotations:
                old = tx.get(ann.id)
                shared = {"visibility": vis} if (vis := (visibilities or {}).get(ann.id)) and sharing else {}
                if old is None:
                    tx.insert(ann, **shared)
                    added += 1
                    continue
                if same_content(old, ann) or ann.updated <= old.updated:
                    unchanged += 1
                    continue
                tx.replace(old, ann, reason, **shared)
                updated += 1
        return ImportSummary(added, updated, unchanged)

    # --- replies (threads under annotations; an import adds them through backend.add_replies) -----
    def reply(self, annotation_id: str, body: str, *, author: str | None = None) -> Reply:
        """Answer an annotation; the reply shows under it (on a class server: as the connected person).

        Raises:
            ValueError: the reply is empty.
            StoreError: there is no such annotation, or the server does not allow this reply.
        """
        text = str(body or "").strip()
        if not text:
            raise ValueError("回复为空 the reply is empty")
        try:
            self.get(annotation_id)
        except StoreError as exc:
            if not getattr(exc, "server_away", False):  # a server away: the reply waits in its outbox
                raise
        now = utc_now()
        reply = Reply(new_id(), annotation_id, text, (author or "").strip(), now, now)
        self.backend.add_replies([reply])  # a class server signs it (or keeps it locally while it is away)
        if self.notice:
            return reply
        return next((r for r in self.backend.replies(annotation_id) if r.id == reply.id), reply)

    def replies(self, annotation_id: str | None = None) -> list[Reply]:
        """Replies to one annotation (or all), oldest first."""
        return self.backend.replies(annotation_id)


def open_store(location: str | Path | Backend | None = None) -> AnnotationStore:
    """The store at ``location``: a path, a store URL, a backend, or ``None`` for the default one."""
    return AnnotationStore(location)
