"""一篇文档的词：带偏移的词表、词界、选区对齐到词。A document's tokens, word bounds and snapping.

:func:`document_tokens` is ``doc.tokens``: the body paragraphs cut by :mod:`edu_helpers.analysis.words`,
each formulation (提法) of the document kept as one token. :func:`word_bounds` and :func:`snap_to_tokens`
answer from that table; every result is cached in :meth:`Document.memo`.
"""

from __future__ import annotations

import bisect

import pandas as pd

from edu_helpers.analysis.formulations import document_phrases
from edu_helpers.analysis.words import _cut, _phrase_pattern, prepare, tokenize
from edu_helpers.text.document import Document


def document_tokens(doc: Document) -> pd.DataFrame:
    """Tokens of the body paragraphs; every occurrence of the document's formulations (提法) is one token.

    Columns: ``paragraph_id``, ``sentence_id`` (``None`` if outside any sentence), ``token``, ``pos``
    (see :func:`pos_of`; formulations are ``nz``), ``start``, ``end`` (offsets into ``doc.text``). A
    token never crosses a paragraph boundary, and ``doc.text[start:end] == token``.
    """
    prepare("\n".join(p.text for p in doc.paragraph_records))
    phrases = document_phrases(doc)
    pattern = _phrase_pattern(phrases) if phrases else None
    cols: tuple[list, ...] = ([], [], [], [], [], [])
    pids, words, tags, starts = cols[0], cols[2], cols[3], cols[4]
    for p in doc.paragraph_records:
        n = len(words)
        if pattern is not None and pattern.search(p.text):
            for tok in tokenize(p.text, offset=p.start, phrases=phrases):
                words.append(tok.text)
                tags.append(tok.pos)
                starts.append(tok.start)
        else:  # no phrase here: the plain cut (what tokenize would give), without a Token per word
            i = p.start
            for word, pos in _cut(p.text):
                if not word.isspace():
                    words.append(word)
                    tags.append(pos)
                    starts.append(i)
                i += len(word)
        pids.extend([p.id] * (len(words) - n))
    cols[5].extend(s + len(w) for s, w in zip(starts, words, strict=True))
    cols[1].extend(_sentence_ids(doc, starts))
    return pd.DataFrame(dict(zip(_COLUMNS, cols, strict=True)), columns=_COLUMNS)


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
