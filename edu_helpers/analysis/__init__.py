"""分析层：词、提法、关键词、主题、检索。The analysis layer, and what it adds to :class:`Document`.

Each analysis is a function in its own module. Here they are registered on
:class:`~edu_helpers.text.document.Document` (as pandas registers accessors), so ``doc.tokens``,
``doc.topics``, ``doc.filter(...)`` … work while :mod:`edu_helpers.text` never imports this layer.
Modules are imported on first use, so ``import edu_helpers`` stays quick. Cached results live in
:meth:`Document.memo`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from edu_helpers.text.document import Document, register_method, register_property
from edu_helpers.text.structure import set_segmenter


@register_property("tokens")
def _tokens(doc: Document) -> pd.DataFrame:
    """Word tokens (see :func:`edu_helpers.analysis.tokens.document_tokens` for the columns)."""
    from edu_helpers.analysis.tokens import document_tokens

    return document_tokens(doc)


@register_property("formulations")
def _formulations(doc: Document) -> pd.DataFrame:
    """The 提法 index (see :func:`edu_helpers.analysis.formulations.formulation_frame`)."""
    from edu_helpers.analysis.formulations import formulation_frame

    return formulation_frame(doc)


@register_property("topics")
def _topics(doc: Document) -> pd.DataFrame:
    """Topic tags of paragraphs and sentences (see :func:`edu_helpers.analysis.topics.tag_passages`)."""
    from edu_helpers.analysis.topics import tag_passages

    return tag_passages(doc)


@register_method("keywords")
def _keywords(
    doc: Document, n: int = 20, *, method: str = "tfidf", section: int | None = None, paragraph: str | None = None
) -> pd.DataFrame:
    """Top ``n`` keywords, columns ``word, weight`` (see :func:`edu_helpers.analysis.keywords.keywords`)."""
    from edu_helpers.analysis.keywords import keywords

    return keywords(doc, n, method=method, section=section, paragraph=paragraph)


@register_method("frequencies")
def _frequencies(doc: Document, *, section: int | None = None, paragraph: str | None = None) -> pd.DataFrame:
    """Word frequency table (see :func:`edu_helpers.analysis.keywords.frequencies`)."""
    from edu_helpers.analysis.keywords import frequencies

    return frequencies(doc, section=section, paragraph=paragraph)


@register_method("filter")
def _filter(
    doc: Document,
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

    return filter_passages(doc, topics, section, query, match, level=level)


@register_method("topic_table")
def _topic_table(doc: Document, *, long: bool = False) -> pd.DataFrame:
    """Paragraph counts, topic × section (see :func:`edu_helpers.analysis.search.topic_table`)."""
    from edu_helpers.analysis.search import topic_table

    return topic_table(doc, long=long)


@register_method("outline")
def _outline(doc: Document) -> dict[str, Any]:
    """The outline as plain data (the CLI's ``--json``): title, subtitles, sections and paragraphs with
    their section index, item ordinal, sentences and topics."""
    from edu_helpers.analysis.topics import paragraph_topics

    topics = paragraph_topics(doc)
    return {
        "id": doc.id,
        "title": doc.title,
        "subtitles": list(doc.subtitles),
        "date": doc.date,
        "sections": [
            {"index": s.index, "title": s.title, "kind": s.kind, "cue": s.cue, "paragraphs": list(s.paragraph_ids)}
            for s in doc.structure.sections
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
            for p in doc.structure.paragraphs
        ],
    }


def _segment_title(text: str) -> list[str]:
    """Words of a section-title clause, so that the structure stage cuts long titles between words."""
    from edu_helpers.analysis.words import segment

    return segment(text)


# titles of sections are cut at word boundaries (the text layer never imports jieba itself)
set_segmenter(_segment_title)
