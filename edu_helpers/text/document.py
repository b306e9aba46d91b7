"""文档：正文与结构。The Document record, its DataFrame views, scoping and the cache of derived results.

A :class:`Document` holds the normalised text (one string) and typed records whose offsets point
into it. Notebooks use its DataFrame views; the analysis layer registers its results on it
(:func:`register_property`, :func:`register_method`) and caches them in :meth:`Document.memo`.
Documents are made by :mod:`edu_helpers.text.load`.
"""

from __future__ import annotations

import bisect
import hashlib
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from edu_helpers.text import structure as S
from edu_helpers.text.report import LoadReport

T = TypeVar("T")
#: A section given by index or title, several of them, or ``None`` for all.
Scope = int | str | Sequence[int | str] | None


class SectionError(ValueError, IndexError):
    """A section the document does not have (a bad value, and an index out of range)."""


@dataclass(frozen=True, eq=False)
class Document:
    """A loaded report.

    Attributes:
        text: the normalised text; every offset in the package is ``[start, end)`` into it.
        structure: headline, paragraphs (with sentences) and sections as frozen records.
        path: where it was read from (``None`` for text given directly).
        encoding: the encoding detected when reading.
        meta: the sidecar metadata (``<stem>.toml`` beside the file), possibly empty.
        load_report: what loading did (format, encoding, changes, warnings); see :mod:`.report`.
    """

    text: str
    structure: S.Structure
    path: Path | None = None
    encoding: str = "utf-8"
    meta: dict[str, Any] = field(default_factory=dict)
    load_report: LoadReport | None = None
    _memo: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    _memo_lock: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False, compare=False)

    # --- identity and headline -------------------------------------------------------------
    @cached_property
    def id(self) -> str:
        """Stable id: a hash of the normalised text, so any layout of the same report shares it."""
        return "doc-" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    @property
    def title(self) -> str:
        return self.structure.title or str(self.meta.get("title", "")) or (self.path.stem if self.path else "")

    @property
    def subtitles(self) -> tuple[str, ...]:
        return self.structure.subtitles

    @property
    def date(self) -> str:
        return str(self.meta.get("date", ""))

    # --- records -------------------------------------------------------------------------------
    @property
    def paragraph_records(self) -> tuple[S.Paragraph, ...]:
        return self.structure.paragraphs

    @property
    def section_records(self) -> tuple[S.Section, ...]:
        return self.structure.sections

    @cached_property
    def sentence_records(self) -> tuple[S.Sentence, ...]:
        return tuple(s for p in self.structure.paragraphs for s in p.sentences)

    @cached_property
    def _by_id(self) -> dict[str, S.Paragraph]:
        return {p.id: p for p in self.structure.paragraphs}

    def paragraph(self, pid: str) -> S.Paragraph:
        """The paragraph record with id ``pid`` (``KeyError`` if none)."""
        return self._by_id[pid]

    @cached_property
    def _starts(self) -> list[int]:
        return [p.start for p in self.structure.paragraphs]

    def paragraph_at(self, offset: int) -> S.Paragraph | None:
        """The paragraph holding character ``offset`` of :attr:`text`, else ``None`` (headline)."""
        paras = self.structure.paragraphs
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0 and paras[k].start <= offset < max(paras[k].end, paras[k].start + 1):
            return paras[k]
        return None

    def section_text(self, section: int) -> str:
        """The text of one section, paragraphs separated by newlines."""
        sec = self.structure.sections[section]
        return self.text[sec.start : sec.end]

    # --- scoping: the one way to say "these sections" or "this paragraph" ---------------------------
    def section_indexes(self, section: Scope = None, *, strict: bool = True) -> list[int]:
        """0-based indexes of the sections given by index or title, or several of them (``None``: all).

        Args:
            section: an index, a title, or a list of them; ``None`` for every section.
            strict: an unknown section raises; otherwise it is skipped (a notebook written for one
                report still runs on another).

        Raises:
            SectionError: (``strict``) a section the document does not have; the message lists the valid ones.
        """
        records = self.structure.sections
        if section is None:
            return list(range(len(records)))
        titles = {s.title: s.index for s in records}
        out = []
        for one in [section] if isinstance(section, int | str) else section:
            index = titles.get(one) if isinstance(one, str) else int(one)
            if index is not None and 0 <= index < len(records):
                out.append(index)
            elif strict:
                valid = "; ".join(f"{s.index} {s.title}" for s in records)
                raise SectionError(f"unknown section {one!r}; valid sections: {valid}")
        return out

    def scope(self, section: Scope = None, paragraph: str | None = None, *, strict: bool = True) -> list[S.Paragraph]:
        """The paragraphs of the section(s) (see :meth:`section_indexes`), of one paragraph (id), or all.

        Raises:
            ValueError: both ``section`` and ``paragraph`` given, or (``strict``) an unknown one.
        """
        if section is not None and paragraph is not None:
            raise ValueError("give section or paragraph, not both")
        if paragraph is not None:
            if paragraph not in self._by_id:
                raise ValueError(f"no paragraph {paragraph!r}; ids are {self.structure.paragraphs[0].id}…")
            return [self._by_id[paragraph]]
        if section is None:
            return list(self.structure.paragraphs)
        wanted = set(self.section_indexes(section, strict=strict))
        return [p for p in self.structure.paragraphs if p.section in wanted]

    # --- DataFrame views -----------------------------------------------------------------------
    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """Body paragraphs, in order.

        Columns: ``id`` (``p01``…), ``section`` (0-based index into :attr:`sections`), ``item``
        (ordinal of a numbered item, else ``<NA>``), ``kind`` (lead/cue/item/body/attendance),
        ``cue`` (the meeting cue that opens it, or ``None``), ``text``, ``start``, ``end``
        (offsets into :attr:`text`), ``n_sentences``, ``n_chars``.
        """
        rows = [
            {
                "id": p.id,
                "section": p.section,
                "item": p.item,
                "kind": p.kind,
                "cue": p.cue,
                "text": p.text,
                "start": p.start,
                "end": p.end,
                "n_sentences": len(p.sentences),
                "n_chars": len(p.text),
            }
            for p in self.structure.paragraphs
        ]
        df = pd.DataFrame(rows)
        df["item"] = df["item"].astype("Int64")
        return df

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """Sentences, in order.

        Columns: ``id`` (``p01-s01``…), ``paragraph_id``, ``section``, ``index`` (0-based within its
        paragraph), ``text``, ``start``, ``end`` (offsets into :attr:`text`).
        """
        section = {p.id: p.section for p in self.structure.paragraphs}
        return pd.DataFrame(
            [
                {
                    "id": s.id,
                    "paragraph_id": s.paragraph_id,
                    "section": section[s.paragraph_id],
                    "index": s.index,
                    "text": s.text,
                    "start": s.start,
                    "end": s.end,
                }
                for s in self.sentence_records
            ]
        )

    @cached_property
    def subitems(self) -> pd.DataFrame:
        """Inline items inside paragraphs (一是…二是…, the ；-separated clauses of a review), in order.

        Columns: ``paragraph_id``, ``section``, ``index`` (1-based within its paragraph), ``kind``
        (``ordinal``/``semicolon``), ``text``, ``start``, ``end`` (offsets into :attr:`text`).
        """
        columns = ["paragraph_id", "section", "index", "kind", "text", "start", "end"]
        rows = [(s.paragraph_id, s.section, s.index, s.kind, s.text, s.start, s.end) for s in self.structure.subitems]
        return pd.DataFrame(rows, columns=columns)

    @cached_property
    def sections(self) -> pd.DataFrame:
        """Sections, in order.

        Columns: ``section`` (0-based index), ``title`` (for people), ``kind`` (lead/cue/body/attendance),
        ``cue``, ``paragraph_ids`` (list), ``n_paragraphs``, ``n_items`` (numbered items),
        ``n_chars``, ``start``, ``end``.
        """
        items = {p.id for p in self.structure.paragraphs if p.item is not None}
        return pd.DataFrame(
            [
                {
                    "section": s.index,
                    "title": s.title,
                    "kind": s.kind,
                    "cue": s.cue,
                    "paragraph_ids": list(s.paragraph_ids),
                    "n_paragraphs": len(s.paragraph_ids),
                    "n_items": sum(1 for i in s.paragraph_ids if i in items),
                    "n_chars": sum(len(self._by_id[i].text) for i in s.paragraph_ids),
                    "start": s.start,
                    "end": s.end,
                }
                for s in self.structure.sections
            ]
        )

    # --- analysis results: computed by the analysis layer, cached here -----------------------------
    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value cached under ``key`` for this document, computed by ``compute()`` the first time.

        The one cache of derived results (tokens, topics, search index …): it lives and dies with the
        document, and two threads asking at once compute it once.
        """
        try:
            return self._memo[key]
        except KeyError:
            pass
        with self._memo_lock:
            if key not in self._memo:
                self._memo[key] = compute()
            return self._memo[key]

    def __repr__(self) -> str:
        return (
            f"<Document {self.title!r}: {len(self.structure.sections)} sections, "
            f"{len(self.structure.paragraphs)} paragraphs, {len(self.text)} chars>"
        )


def register_property(name: str) -> Callable[[Callable[[Document], T]], Callable[[Document], T]]:
    """Make ``fn(doc)`` available as the cached attribute ``doc.<name>`` (as pandas' accessors do).

    The analysis layer registers its results this way (``doc.tokens``, ``doc.topics`` …), so this module
    never imports a layer above it; the value is computed on first access and kept in :meth:`Document.memo`.
    """

    def register(fn: Callable[[Document], T]) -> Callable[[Document], T]:
        def get(doc: Document) -> T:
            return doc.memo(("property", name), lambda: fn(doc))

        get.__doc__ = fn.__doc__
        setattr(Document, name, property(get))
        return fn

    return register


def register_method(name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Make ``fn(doc, *args, **kwargs)`` available as the method ``doc.<name>(*args, **kwargs)``."""

    def register(fn: Callable[..., T]) -> Callable[..., T]:
        def method(doc: Document, *args: Any, **kwargs: Any) -> T:
            return fn(doc, *args, **kwargs)

        method.__doc__, method.__name__ = fn.__doc__, name
        setattr(Document, name, method)
        return fn

    return register
