"""一篇文档的词：带偏移的词表、词界、选区对齐到词。A document's tokens, word bounds and snapping.

:func:`document_tokens` is ``doc.tokens``: the body paragraphs cut by :mod:`edu_helpers.analysis.words`,
each formulation (提法) of the document kept as one token. :func:`word_bounds` and :func:`snap_to_tokens`
answer from that table; every result is cached in :meth:`Document.memo`.
"""

from __future__ import annotations

import bisect

import pandas as pd

from edu_helpers.analysis.formulations import document_phrases
from edu_helpers.analysis.words import prepare, tokenize
from edu_helpers.text.document import Document


def document_tokens(doc: Document) -> pd.DataFrame:
    """Tokens of the body paragraphs; every occurrence of the document's formulations (提法) is one token.

    Columns: ``paragraph_id``, ``sentence_id`` (``None`` if outside any sentence), ``token``, ``pos``
    (see :func:`pos_of`; formulations are ``nz``), ``start``, ``end`` (offsets into ``doc.text``). A
    token never crosses a paragraph boundary, and ``doc.text[start:end] == token``.
    """
    prepare("\n".join(p.text for p in doc.paragraph_records))
    phrases = document_phrases(doc)
    sentences = doc.sentence_records
    starts = [s.start for s in sentences]
    rows = []
    for p in doc.paragraph_records:
        for t in tokenize(p.text, offset=p.start, phrases=phrases):
            k = bisect.bisect_right(starts, t.start) - 1
            sid = sentences[k].id if k >= 0 and t.start < sentences[k].end else None
            rows.append((p.id, sid, t.text, t.pos, t.start, t.end))
    return pd.DataFrame(rows, columns=["paragraph_id", "sentence_id", "token", "pos", "start", "end"])


def word_bounds(doc: Document, *, inside_phrases: bool = False) -> tuple[list[int], list[int]]:
    """Sorted offsets where a word of ``doc.tokens`` starts and where one ends (cached per document).

    Args:
        inside_phrases: also the boundaries of the words inside a token longer than two characters
            that the segmenter alone would cut (a 提法 kept whole, e.g. 高质量/教育/体系), so that a
            topic keyword can match a word inside it.
    """
    return doc.memo(("word_bounds", inside_phrases), lambda: _word_bounds(doc, inside_phrases))


def _word_bounds(doc: Document, inside_phrases: bool) -> tuple[list[int], list[int]]:
    toks = doc.tokens
    starts, ends = set(toks["start"].tolist()), set(toks["end"].tolist())
    if inside_phrases:
        long = toks[toks["token"].str.len() > 2]
        offsets = long["start"].to_numpy()
        for word, ix in long.groupby("token", sort=False).indices.items():
            for cut in (t.start for t in tokenize(word)[1:]):
                where = (offsets[ix] + cut).tolist()
                starts.update(where)
                ends.update(where)
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
