"""一篇文档的词：带偏移的词表、词界、选区对齐到词。A document's tokens, word bounds and snapping.

:func:`document_tokens` is ``doc.tokens``: the body paragraphs cut by :mod:`edu_helpers.analysis.words`,
each formulation (提法) of the document kept as one token. :func:`word_bounds` and :func:`snap_to_tokens`
answer from that table; every result is cached in :meth:`Document.memo`.
"""

from __future__ import annotations

import bisect

import pandas as pd

from edu_helpers.analysis.formulations import document_phrases
from edu_helpers.analysis.words import _phrase_pattern, cut_columns, paragraph_cuts, phrase_columns
from edu_helpers.text.document import Document


def document_tokens(doc: Document) -> pd.DataFrame:
    """Tokens of the body paragraphs; every occurrence of the document's formulations (提法) is one token.

    Columns: ``paragraph_id``, ``sentence_id`` (``None`` if outside any sentence), ``token``, ``pos``
    (see :func:`pos_of`; formulations are ``nz``), ``start``, ``end`` (offsets into ``doc.text``). A
    token never crosses a paragraph boundary, and ``doc.text[start:end] == token``.
    """
    rows, words, tags, starts = token_columns(doc)
    paras = doc.paragraph_records
    cols = {
        "paragraph_id": [paras[k].id for k in rows],
        "sentence_id": _sentence_ids(doc, starts),
        "token": words,
        "pos": tags,
        "start": starts,
        "end": [s + len(w) for s, w in zip(starts, words, strict=True)],
    }
    return pd.DataFrame(cols, columns=_COLUMNS)


def token_columns(doc: Document) -> tuple[list[int], list[str], list[str], list[int]]:
    """``doc.tokens`` as plain lists ``(paragraph row, token, pos, start)``, computed once per document (what
    the DataFrame, the word bounds and the corpus records are built from).

    Each paragraph is cut once (:func:`~edu_helpers.analysis.words.paragraph_cuts`, which the formulations
    read too); a paragraph holding a formulation is re-cut only around it
    (:func:`~edu_helpers.analysis.words.phrase_columns`): the tokens of ``tokenize(text, phrases=...)``.
    """
    return doc.memo("token_columns", lambda: _token_columns(doc))


def _token_columns(doc: Document) -> tuple[list[int], list[str], list[str], list[int]]:
    cuts = paragraph_cuts(doc)
    phrases = document_phrases(doc)
    pattern = _phrase_pattern(phrases) if phrases else None
    rows: list[int] = []
    words: list[str] = []
    tags: list[str] = []
    starts: list[int] = []
    for k, (p, plain) in enumerate(zip(doc.paragraph_records, cuts, strict=True)):
        if pattern is not None and pattern.search(p.text):
            plain = phrase_columns(p.text, p.start, pattern, plain)
        words += plain[0]
        tags += plain[1]
        starts += plain[2]
        rows += [k] * len(plain[0])
    return rows, words, tags, starts


_COLUMNS = ["paragraph_id", "sentence_id", "token", "pos", "start", "end"]


def _sentence_ids(doc: Document, starts: list[int]) -> list[str | None]:
    """The id of the sentence each (sorted) token start falls in, ``None`` outside every sentence."""
    sentences = doc.sentence_records
    out: list[str | None] = []
    k, n = -1, len(sentences)
    for s in starts:
        while k + 1 < n and sentences[k + 1].start <= s:
            k += 1
        out.append(sentences[k].id if k >= 0 and s < sentences[k].end else None)
    return out


def word_bounds(doc: Document, *, inside_phrases: bool = False) -> tuple[list[int], list[int]]:
    """Sorted offsets where a word of ``doc.tokens`` starts and where one ends (cached per document).

    Args:
        inside_phrases: also the boundaries of the words inside a token longer than two characters
            that the segmenter alone would cut (a 提法 kept whole, e.g. 高质量/教育/体系), so that a
            topic keyword can match a word inside it.
    """
    return doc.memo(("word_bounds", inside_phrases), lambda: _word_bounds(doc, inside_phrases))


def _word_bounds(doc: Document, inside_phrases: bool) -> tuple[list[int], list[int]]:
    _, words, _, offsets = token_columns(doc)
    starts, ends = set(offsets), {s + len(w) for s, w in zip(offsets, words, strict=True)}
    if inside_phrases:
        inner: dict[str, list[int]] = {}  # a long word's own cut, once per distinct word
        for word, at in zip(words, offsets, strict=True):
            if len(word) > 2:
                cuts = inner.get(word)
                if cuts is None:
                    cuts = inner[word] = cut_columns(word)[2][1:]
                for cut in cuts:
                    starts.add(at + cut)
                    ends.add(at + cut)
    return sorted(starts), sorted(ends)


def snap_to_tokens(doc: Document, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to whole tokens of ``doc.tokens`` and stripped of white space; ``(0, 0)`` if empty.

    A boundary inside a token moves outwards to the token's edge; a selection made backwards
    (``end < start``) is turned around; offsets are clamped to the text.

    >>> import edu_helpers
    >>> doc = edu_helpers.load_document()
    >>> i = doc.text.index("高质量教育体系", doc.section_records[1].start)  # in the body, not the headline
    >>> s, e = snap_to_tokens(doc, i + 1, i + 5)  # 「质量教育」 → the whole word
    >>> doc.text[s:e]
    '高质量教育体系'
    """
    text = doc.text
    start, end = sorted((max(0, min(int(start), len(text))), max(0, min(int(end), len(text)))))
    starts, ends = word_bounds(doc)
    k = bisect.bisect_right(starts, start) - 1
    if k >= 0 and starts[k] < start < ends[k]:
        start = starts[k]
    k = bisect.bisect_left(ends, end)
    if k < len(ends) and starts[k] < end < ends[k]:
        end = ends[k]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else (0, 0)
