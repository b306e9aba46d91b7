"""分词：jieba 封装在这里（词典见 :mod:`edu_helpers.analysis.lexicon`）。Words stage: policy-aware segmentation.

:func:`segment` and :func:`tokenize` cut text with our own ``jieba.Tokenizer`` (never the global one);
:mod:`edu_helpers.analysis.tokens` builds ``doc.tokens`` from :func:`paragraph_cuts`.
The dictionary, its cache and user dictionaries live in :mod:`edu_helpers.analysis.lexicon`.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edu_helpers.analysis import lexicon
from edu_helpers.analysis.lexicon import (
    _JIEBA_CHARS,
    POLICY_TERMS,
    _lexicon,
    preload,
    prepare,
    read_dictionary,
    tokenizer,
)

if TYPE_CHECKING:
    pass

__all__ = [
    "POLICY_TERMS",
    "Token",
    "keyword_extractors",
    "load_user_dictionary",
    "pos_of",
    "pos_pair",
    "preload",
    "prepare",
    "read_dictionary",
    "segment",
    "tokenize",
    "tokenizer",
]

_NUMBER = re.compile(r"^[0-9０-９.%．]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9+#&._\-]*$")
#: jieba's first split: ``cut`` cuts each maximal run of these characters on its own (and the runs between
#: them character by character), so the cut of a text is the cuts of its runs put end to end.
_BLOCK = lexicon.jieba.re_han_default
_SKIP = lexicon.jieba.re_skip_default


@dataclass(frozen=True)
class Token:
    """One word: ``text == doc.text[start:end]``; ``pos`` is a jieba (ICTCLAS) tag, see :func:`pos_of`."""

    text: str
    pos: str
    start: int
    end: int


def load_user_dictionary(path: str | Path) -> int:
    """Add the words of a jieba-format user dictionary (see :func:`read_dictionary`) for this process.

    Returns:
        The number of entries added. The file is checked completely before any word is added.
    """
    entries = read_dictionary(path)
    lex = _lexicon()
    for word, n, tag in entries:
        lex.add(word, n, tag)
    _cut.cache_clear()
    return len(entries)


def segment(text: str) -> list[str]:
    """Words of ``text`` as jieba's ``lcut`` (HMM on) gives them with our dictionary; ``"".join`` gives back ``text``.

    >>> segment("落实立德树人根本任务")
    ['落实', '立德树人', '根本任务']
    """
    lex = _lexicon()
    lex.prepare(text)
    return list(lex.tk.cut(text))


def pos_of(word: str) -> str:
    """Part of speech of a word: the dictionary tag, else ``m`` (number), ``eng`` (Latin), ``x`` (punctuation,
    space) or ``un`` (a word outside the dictionary, as jieba's HMM finds them).

    >>> [pos_of(w) for w in ("立德树人", "2023", "，", "AI")]
    ['nz', 'm', 'x', 'eng']
    """
    lex = _lexicon()
    lex.prepare(word)
    return _pos(word, lex.tags)


def _pos(word: str, tags: dict[str, str]) -> str:
    tag = tags.get(word)
    if tag:
        return tag
    if _NUMBER.match(word):
        return "m"
    if _LATIN.match(word):
        return "eng"
    return "un" if _JIEBA_CHARS.fullmatch(word) else "x"


@functools.lru_cache(maxsize=8192)
def _cut(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]:
    """``(words, tags, starts)`` of ``text`` (white space left out, starts into ``text``), cached per text."""
    lex = _lexicon()
    lex.prepare(text)
    words, tags, starts, i = [], [], [], 0
    for word in lex.tk.cut(text):
        if not word.isspace():
            words.append(word)
            tags.append(_pos(word, lex.tags))
            starts.append(i)
        i += len(word)
    return tuple(words), tuple(tags), tuple(starts)


def _plain(text: str, offset: int) -> list[Token]:
    words, tags, starts = _cut(text)
    return [Token(w, p, offset + s, offset + s + len(w)) for w, p, s in zip(words, tags, starts, strict=True)]


@functools.lru_cache(maxsize=64)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))


def tokenize(text: str, *, offset: int = 0, phrases: tuple[str, ...] = ()) -> list[Token]:
    """Tokens of ``text`` with parts of speech and offsets (``+ offset``); whitespace is left out.

    Each occurrence of one of ``phrases`` (a document's formulations) becomes one ``nz`` token, longer phrases
    first; the text around it is segmented on its own. The shared tokenizer is not changed.

    >>> [t.text for t in tokenize("树立大教育观", phrases=("大教育",))], [t.text for t in tokenize("树立大教育观")]
    (['树立', '大教育', '观'], ['树立', '大', '教育观'])
    """
    if not phrases:
        return _plain(text, offset)
    out, done = [], 0
    for m in _phrase_pattern(tuple(phrases)).finditer(text):
        out += _plain(text[done : m.start()], offset + done)
        out.append(Token(m.group(), "nz", offset + m.start(), offset + m.end()))
        done = m.end()
    return out + _plain(text[done:], offset + done)


#: ``(words, tags, starts)``: parallel lists, whitespace left out, starts are offsets (the columns of tokens).
Columns = tuple[list[str], list[str], list[int]]


def cut_columns(text: str, offset: int = 0) -> Columns:
    """:func:`tokenize` ``(text, offset=offset)`` as three lists, without a :class:`Token` per word."""
    words, tags, starts = _cut(text)
    return list(words), list(tags), [offset + s for s in starts] if offset else list(starts)


def paragraph_cuts(doc: Any) -> list[Columns]:
    """:func:`cut_columns` of each body paragraph of ``doc`` (offsets into ``doc.text``), computed once per
    document: the formulations and ``doc.tokens`` both start from it, so each paragraph is cut once."""

    def compute() -> list[Columns]:
        paras = doc.paragraph_records
        prepare("\n".join(p.text for p in paras))  # one dictionary lookup for all paragraphs
        return [cut_columns(p.text, p.start) for p in paras]

    return doc.memo("paragraph_cuts", compute)


def phrase_columns(text: str, offset: int, pattern: re.Pattern[str], plain: Columns) -> Columns:
    """:func:`tokenize` ``(text, offset=offset, phrases=...)`` as three lists, ``pattern`` being
    ``_phrase_pattern(phrases)`` and ``plain`` the :func:`cut_columns` of ``text``.

    The same tokens, cut less: between two phrases, jieba would cut each of its blocks (:data:`_BLOCK`)
    on its own; a block lying wholly between them is one of ``text``'s blocks, whose words ``plain``
    already holds, so only the pieces of the blocks a phrase cuts into are segmented again.
    """
    bounds = sorted({0, len(text), *(i for m in _BLOCK.finditer(text) for i in m.span())})
    pw, pt, ps = plain
    words: list[str] = []
    tags: list[str] = []
    starts: list[int] = []

    def add(cols: Columns) -> None:
        words.extend(cols[0])
        tags.extend(cols[1])
        starts.extend(cols[2])

    def piece(a: int, b: int) -> None:
        if a >= b:
            return
        lo = bounds[bisect.bisect_left(bounds, a)]  # the first block edge at or after a
        hi = bounds[bisect.bisect_right(bounds, b) - 1]  # the last one at or before b
        if lo >= hi:  # no whole block inside: cut the piece as it is
            return add(cut_columns(text[a:b], offset + a))
        if a < lo:
            add(cut_columns(text[a:lo], offset + a))  # the end of a block a phrase cut into
        i, j = bisect.bisect_left(ps, offset + lo), bisect.bisect_left(ps, offset + hi)
        add((pw[i:j], pt[i:j], ps[i:j]))
        if hi < b:
            add(cut_columns(text[hi:b], offset + hi))

    done = 0
    for m in pattern.finditer(text):
        piece(done, m.start())
        add(([m.group()], ["nz"], [offset + m.start()]))
        done = m.end()
    piece(done, len(text))
    return words, tags, starts


def pos_pair(word: str, flag: str) -> Any:
    """A ``jieba.posseg.pair``: what jieba's keyword extractors expect from a POS tokenizer."""
    from jieba.posseg import pair

    return pair(word, flag)


def keyword_extractors(stop_words: set[str] | frozenset[str]) -> dict[str, Any]:
    """Fresh ``jieba.analyse`` TF-IDF and TextRank extractors, ours alone, with jieba's and our stop words.

    jieba's ``set_stop_words`` changes its shared instances and only ever adds, so each call builds new ones.
    """
    import jieba.analyse

    tfidf, textrank = jieba.analyse.TFIDF(), jieba.analyse.TextRank()
    stop = set(jieba.analyse.TFIDF.STOP_WORDS) | set(stop_words)
    tfidf.stop_words, textrank.stop_words = set(stop), set(stop)
    return {"tfidf": tfidf, "textrank": textrank}
