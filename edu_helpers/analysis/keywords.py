"""关键词与词频。Keywords (TF-IDF, TextRank) and word frequency tables.

Keywords come from *fresh* ``jieba.analyse`` TFIDF / TextRank instances (jieba's ``set_stop_words`` only ever
adds, and its module-level extractors use the global tokenizer), bound to :class:`DocumentSegmenter`: our
segmentation with the document's formulations kept whole, tokens tagged as in ``doc.tokens``. A token counts
as a word unless it is punctuation, a number (tag ``m``, or numeral characters only: 2023、一年、十四五), a
function word (``data/stopwords.txt``) or policy boilerplate (``data/boilerplate.txt``: 会议、加快、推进…, and the
titles of bylines: 记者、编辑…).

A keyword is never a fragment of a longer word of the text (:func:`is_fragment`): a token that, in most of its
occurrences, forms a dictionary word or policy term with its neighbour (听党 + 话), lies in a short quoted
slogan (“疫情要防住”) or names a sub-unit of the institution before it (领导小组 + 秘书组) is left out.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from edu_helpers.analysis.disk_cache import cached
from edu_helpers.analysis.formulations import document_phrases
from edu_helpers.analysis.words import keyword_extractors, pos_pair, tokenize
from edu_helpers.data_files import bundled_word_list

if TYPE_CHECKING:
    import pandas as pd

    from edu_helpers.text.document import Document
    from edu_helpers.text.structure import Paragraph

#: Parts of speech that never make a keyword: punctuation, numbers, classifiers, particles, prepositions,
#: conjunctions, pronouns, adverbs, interjections, locatives.
EXCLUDED_POS = frozenset("x m mq q u uj ul uz ug uv ud p c r rr rz d e y o f zg".split())
METHODS = ("tfidf", "textrank")
# 2023、一年、十四五; and item markers 一是、二要
_NUMERAL = re.compile(r"[0-9０-９.%．零〇一二两三四五六七八九十百千万亿第]+|[一二三四五六七八九十]+[是要]")
_LOCK = threading.Lock()


def stopwords() -> frozenset[str]:
    """Function words (``data/stopwords.txt``)."""
    return bundled_word_list("stopwords.txt")


def boilerplate() -> frozenset[str]:
    """Policy boilerplate of the meeting-news genre (``data/boilerplate.txt``)."""
    return bundled_word_list("boilerplate.txt")


def is_number(word: str, pos: str = "") -> bool:
    """Numbers never count as keywords: tokens tagged ``m`` (一年) and tokens of numeral characters only.

    >>> [is_number(w) for w in ("2023", "十四五", "四是", "一体两翼", "要是")], is_number("一年", "m")
    ([True, True, True, False, False], True)
    """
    return pos in ("m", "mq") or bool(_NUMERAL.fullmatch(word))


def counts_as_word(word: str, pos: str, *, keep_stopwords: bool = False) -> bool:
    """Whether a token counts in keyword and frequency tables (see the module docstring)."""
    if pos == "x" or not word.strip() or is_number(word, pos):
        return False
    return keep_stopwords or (word not in stopwords() and word not in boilerplate())


class DocumentSegmenter:
    """jieba's ``POSTokenizer`` interface over our segmentation, a document's formulations kept whole.

    ``cut`` yields ``jieba.posseg.pair(word, flag)`` per token, line by line; numbers are flagged ``m``.
    """

    def __init__(self, phrases: tuple[str, ...] = ()):
        self.phrases = phrases

    def cut(self, sentence: str, HMM: bool = True) -> Iterator:  # jieba's signature
        for line in sentence.split("\n"):
            for t in tokenize(line, phrases=self.phrases):
                yield pos_pair(t.text, "m" if is_number(t.text, t.pos) else t.pos)

    def lcut(self, sentence: str, HMM: bool = True) -> list:
        return list(self.cut(sentence))


@functools.cache
def _extractors():
    return keyword_extractors(stopwords() | boilerplate())


def scope_paragraphs(doc: Document, section: int | None = None, paragraph: str | None = None) -> list[Paragraph]:
    """The paragraphs of one section, of one paragraph (id), or of the document (:meth:`Document.scope`);
    the whole document leaves out the attendance list (参会人员), which names institutions, not content.

    Raises:
        ValueError: both ``section`` and ``paragraph`` given, or an unknown section or paragraph.
    """
    paragraphs = doc.scope(section, paragraph)
    whole = section is None and paragraph is None
    return [p for p in paragraphs if p.kind != "attendance"] if whole else paragraphs


def keywords(
    doc: Document, n: int = 20, *, method: str = "tfidf", section: int | None = None, paragraph: str | None = None
) -> pd.DataFrame:
    """Top ``n`` keywords of the document, a section or a paragraph.

    Args:
        doc: the document.
        n: how many keywords (fewer if the scope has fewer words).
        method: ``"tfidf"`` (term frequency × jieba's IDF table; words outside it get the median IDF)
            or ``"textrank"`` (co-occurrence within 5 tokens).
        section: a section index (see ``doc.sections``), or
        paragraph: a paragraph id (``p03``); neither means the whole document (see :func:`scope_paragraphs`).

    Returns:
        DataFrame with columns ``word`` and ``weight`` (float, descending; TextRank's top weight is 1.0).
        Kept in the disk cache (:mod:`edu_helpers.analysis.disk_cache`): a second kernel loads no jieba table.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    paragraphs = scope_paragraphs(doc, section, paragraph)  # raises for an unknown scope, cached or not
    args = (int(n), method, section, paragraph)
    return cached(doc, "keywords", args, lambda: _keywords(doc, paragraphs, n, method))


def _keywords(doc: Document, paragraphs: list[Paragraph], n: int, method: str) -> pd.DataFrame:
    import pandas as pd

    segmenter = DocumentSegmenter(document_phrases(doc))
    text = "\n".join(p.text for p in paragraphs)
    allow = sorted({pair.flag for pair in segmenter.cut(text)} - EXCLUDED_POS)
    ex = _extractors()[method]
    with _LOCK:  # the extractors are shared; TextRank also keeps allowPOS on the instance
        ex.tokenizer = ex.postokenizer = segmenter
        pairs = ex.extract_tags(text, topK=2 * n + 10, withWeight=True, allowPOS=allow) if allow else []
    tokens, offset = [], 0
    for line in text.split("\n") if pairs else ():
        tokens += [(t.text, t.start) for t in tokenize(line, offset=offset)]
        offset += len(line) + 1
    fragments = _fragments(text, tokens, {w for w, _ in pairs})
    pairs = [(w, x) for w, x in pairs if w not in fragments][:n]
    return pd.DataFrame(pairs, columns=["word", "weight"]).astype({"word": str, "weight": float})


#: a sub-unit (秘书组, 秘书局) named after the institution before it (领导小组, 委员会, 教育部)
_INSTITUTION = re.compile(r"(?:小组|委员会|委|部|厅|局|办|中心|院|组)$")
_SUBUNIT = re.compile(r"(?:组|局|处|司|室|科)$")
_SEPARATORS = "、，,；：。！？“”"


def is_fragment(word: str, before: str, after: str, quoted: str | None, known: dict[str, int]) -> bool:
    """Whether one occurrence of ``word`` (between tokens ``before`` and ``after``) is part of a longer word:
    a known word or term made with a neighbour, a short quoted slogan ``quoted``, or an institution's sub-unit.

    >>> is_fragment("听党", "师生", "话", None, {"听党话": 5})
    True
    >>> is_fragment("秘书组", "领导小组", "组长", None, {}), is_fragment("教育", "发展", "改革", None, {})
    (True, False)
    """
    joined = (before + word, word + after)
    if any(len(j) <= 8 and known.get(j, 0) > 0 for j in joined if j != word):
        return True
    if quoted is not None and len(word) < len(quoted) <= 8:
        return True
    return bool(_INSTITUTION.search(before) and _SUBUNIT.search(word))


def _fragments(text: str, tokens: list[tuple[str, int]], words: set[str]) -> set[str]:
    """The candidate keywords that are fragments (:func:`is_fragment`) in more than half of their occurrences."""
    from edu_helpers.analysis.lexicon import known_words

    known = known_words(text)
    hits: dict[str, list[bool]] = {}
    for k, (word, start) in enumerate(tokens):
        if word not in words:
            continue
        before = tokens[k - 1][0] if k else ""
        after = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        hits.setdefault(word, []).append(is_fragment(word, before, after, _quoted(text, start, len(word)), known))
    return {w for w, flags in hits.items() if sum(flags) * 2 > len(flags)}


def _quoted(text: str, start: int, length: int) -> str | None:
    """The clause of a quotation (between “ and ” or a 、，) holding ``text[start:start+length]``, if quoted."""
    a = start
    while a > 0 and start - a < 12 and text[a - 1] not in _SEPARATORS and text[a - 1] != "\n":
        a -= 1
    b = start + length
    while b < len(text) and b - start < 12 and text[b] not in _SEPARATORS and text[b] != "\n":
        b += 1
    opened = text.rfind("“", 0, start)
    inside = opened >= 0 and text.find("”", opened) >= start + length and text.rfind("”", 0, start) < opened
    return text[a:b] if inside else None


def frequencies(
    doc: Document, *, section: int | None = None, paragraph: str | None = None, keep_stopwords: bool = False
) -> pd.DataFrame:
    """Word frequency table of the document, a section or a paragraph (tokens of ``doc.tokens``).

    Punctuation and numbers never count; function words and boilerplate count only with
    ``keep_stopwords=True``.

    Returns:
        DataFrame with columns ``word``, ``count``, ``share`` (of all counted tokens in the scope),
        ``pos`` (the word's most frequent tag), ``n_paragraphs``; most frequent first, ties in order
        of first occurrence.
    """
    import pandas as pd

    ids = {p.id for p in scope_paragraphs(doc, section, paragraph)}
    toks = doc.tokens[doc.tokens["paragraph_id"].isin(ids)]
    pairs = zip(toks["token"], toks["pos"], strict=True)
    keep = [counts_as_word(w, p, keep_stopwords=keep_stopwords) for w, p in pairs]
    toks = toks[keep] if len(toks) else toks
    columns = ["word", "count", "share", "pos", "n_paragraphs"]
    if toks.empty:
        return pd.DataFrame(columns=columns)
    table = (
        toks.groupby("token", sort=False)
        .agg(
            count=("token", "size"),
            pos=("pos", lambda s: s.mode().iloc[0]),
            n_paragraphs=("paragraph_id", "nunique"),
        )
        .reset_index()
        .rename(columns={"token": "word"})
    )
    table["share"] = table["count"] / table["count"].sum()
    return table.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)[columns]
