"""文档：读取 → 规范化 → 结构，一次完成。The Document record and :func:`load_document`.

A :class:`Document` holds the normalised text (one string) and typed records whose offsets point
into it. Notebooks use its DataFrame views; later stages (words, topics, annotations) hang off it.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from edu_helpers.data_files import bundled_toml, read_toml
from edu_helpers.errors import DocumentError
from edu_helpers.text import structure as S
from edu_helpers.text.normalize import normalize
from edu_helpers.text.readers.txt import read_text

#: The bundled report, kept verbatim in the repository's ``source/`` folder.
SOURCE_DIR = Path(__file__).resolve().parents[2] / "source"
BUNDLED = SOURCE_DIR / "2023-national-education-work-conference.txt"


@dataclass(frozen=True, eq=False)
class Document:
    """A loaded report.

    Attributes:
        text: the normalised text; every offset in the package is ``[start, end)`` into it.
        structure: headline, paragraphs (with sentences) and sections as frozen records.
        path: where it was read from (``None`` for text given directly).
        encoding: the encoding detected when reading.
        meta: the sidecar metadata (``<stem>.toml`` beside the file), possibly empty.
    """

    text: str
    structure: S.Structure
    path: Path | None = None
    encoding: str = "utf-8"
    meta: dict[str, Any] = field(default_factory=dict)

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

    # --- later stages: each lives in its own module, imported on first use ------------------
    @cached_property
    def tokens(self) -> pd.DataFrame:
        """Word tokens (see :func:`edu_helpers.analysis.words.document_tokens` for the columns)."""
        from edu_helpers.analysis.words import document_tokens

        return document_tokens(self)

    @cached_property
    def formulations(self) -> pd.DataFrame:
        """The 提法 index (see :func:`edu_helpers.analysis.formulations.find_formulations`)."""
        from edu_helpers.analysis.formulations import formulation_frame

        return formulation_frame(self)

    def keywords(
        self, n: int = 20, *, method: str = "tfidf", section: int | None = None, paragraph: str | None = None
    ) -> pd.DataFrame:
        """Top ``n`` keywords, columns ``word, weight`` (see :mod:`edu_helpers.analysis.keywords`)."""
        from edu_helpers.analysis.keywords import keywords

        return keywords(self, n, method=method, section=section, paragraph=paragraph)

    def frequencies(self, *, section: int | None = None, paragraph: str | None = None) -> pd.DataFrame:
        """Word frequency table (see :func:`edu_helpers.analysis.keywords.frequencies`)."""
        from edu_helpers.analysis.keywords import frequencies

        return frequencies(self, section=section, paragraph=paragraph)

    @cached_property
    def topics(self) -> pd.DataFrame:
        """Topic tags of paragraphs and sentences (see :func:`edu_helpers.analysis.topics.tag_passages`)."""
        from edu_helpers.analysis.topics import tag_passages

        return tag_passages(self)

    def filter(
        self,
        topics: str | list[str] | None = None,
        section: int | str | None = None,
        query: str | None = None,
        match: str = "any",
        *,
        level: str = "paragraph",
    ) -> pd.DataFrame:
        """Passages by topic, section and query, with what to highlight.

        See :func:`edu_helpers.analysis.search.filter_passages` for the arguments and the columns.
        """
        from edu_helpers.analysis.search import filter_passages

        return filter_passages(self, topics, section, query, match, level=level)

    def topic_table(self, *, long: bool = False) -> pd.DataFrame:
        """Paragraph counts, topic × section (see :func:`edu_helpers.analysis.search.topic_table`)."""
        from edu_helpers.analysis.search import topic_table

        return topic_table(self, long=long)

    def outline(self) -> dict[str, Any]:
        """The outline as plain data (the CLI's ``--json``): title, subtitles, sections and
        paragraphs with their section index, item ordinal, sentences and topics."""
        from edu_helpers.analysis.topics import paragraph_topics

        topics = paragraph_topics(self)
        return {
            "id": self.id,
            "title": self.title,
            "subtitles": list(self.subtitles),
            "date": self.date,
            "sections": [
                {"index": s.index, "title": s.title, "kind": s.kind, "cue": s.cue, "paragraphs": list(s.paragraph_ids)}
                for s in self.structure.sections
            ],
            "paragraphs": [
                {
                    "id": p.id,
                    "text": p.text,
                    "section": p.section,
                    "item": p.item,
                    "sentences": [s.text for s in p.sentences],
                    "topics": topics.get(p.id, []),
                }
                for p in self.structure.paragraphs
            ],
        }

    def __repr__(self) -> str:
        return (
            f"<Document {self.title!r}: {len(self.structure.sections)} sections, "
            f"{len(self.structure.paragraphs)} paragraphs, {len(self.text)} chars>"
        )


def _sidecar(path: Path) -> dict[str, Any]:
    meta_path = path.with_suffix(".toml")
    return read_toml(meta_path) if meta_path.is_file() and meta_path != path else {}


_SENTENCE_PUNCT = set("。！？；，：!?;,")


def _known_titles(normal: str) -> list[str] | None:
    """Section titles that ``data/section_titles.toml`` gives for this report's title line."""
    first = normal.split("\n", 1)[0]
    return bundled_toml("section_titles.toml").get(first)


def document_from_text(
    text: str, *, path: str | Path | None = None, encoding: str = "utf-8", meta: dict[str, Any] | None = None
) -> Document:
    """Build a :class:`Document` from already-decoded raw text (any layout)."""
    meta = dict(meta or {})
    normal = normalize(text)
    structure = S.build(normal, section_titles=meta.get("section_titles") or _known_titles(normal))
    if not any(set(p.text) & _SENTENCE_PUNCT for p in structure.paragraphs):
        raise DocumentError(path, "no paragraph of body text was found (only a headline or whitespace)")
    return Document(normal, structure, Path(path) if path is not None else None, encoding, meta)


def load_document(path: str | Path | None = None) -> Document:
    """Load a report: read (detect encoding), normalize (repair the extraction), structure.

    Args:
        path: a text file in any supported layout and encoding; ``None`` loads the bundled
            2023 report from ``source/``. A ``<stem>.toml`` beside the file supplies metadata
            (title, date, place, kind, origin, section_titles).

    Raises:
        DocumentError: the file is missing, a directory, empty, binary, undecodable, too large,
            or holds no paragraph; the message names the file and the problem.
    """
    p = Path(path) if path is not None else BUNDLED
    text, encoding = read_text(p)
    return document_from_text(text, path=p, encoding=encoding, meta=_sidecar(p) if p.is_file() else {})
