"""分词：jieba 封装在这里（词典见 :mod:`edu_helpers.analysis.lexicon`）。Words stage: policy-aware segmentation.

:func:`segment` and :func:`tokenize` cut text with our own ``jieba.Tokenizer`` (never the global one);
:func:`document_tokens` gives a document's tokens with offsets; :func:`snap_to_tokens` widens a selection to
whole words. The dictionary, its cache and user dictionaries live in :mod:`edu_helpers.analysis.lexicon`.
"""

from __future__ import annotations

import bisect
import functools
import re
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
    import pandas as pd

    from edu_helpers.text.document import Document

__all__ = [
    "POLICY_TERMS",
    "Token",
    "document_tokens",
    "load_user_dictionary",
    "pos_of",
    "preload",
    "prepare",
    "read_dictionary",
    "segment",
    "snap_to_tokens",
    "tokenize",
    "tokenizer",
]

_NUMBER = re.compile(r"^[0-9０-９.%．]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9+#&._\-]*$")


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
def _cut(text: str) -> tuple[tuple[str, str], ...]:
    lex = _lexicon()
    lex.prepare(text)
    return tuple((w, _pos(w, lex.tags)) for w in lex.tk.cut(text))


def _plain(text: str, offset: int) -> list[Token]:
    out, i = [], offset
    for word, pos in _cut(text):
        if not word.isspace():
            out.append(Token(word, pos, i, i + len(word)))
        i += len(word)
    return out


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


def document_tokens(doc: Document) -> pd.DataFrame:
    """Tokens of the body paragraphs; every occurrence of the document's formulations (提法) is one token.

    Columns: ``paragraph_id``, ``sentence_id`` (``None`` if outside any sentence), ``token``, ``pos``
    (see :func:`pos_of`; formulations are ``nz``), ``start``, ``end`` (offsets into ``doc.text``). A
    token never crosses a paragraph boundary, and ``doc.text[start:end] == token``.
    """
    import bisect

    import pandas as pd

    from edu_helpers.analysis.formulations import document_phrases

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


_BOUNDS: weakref.WeakKeyDictionary[Document, tuple[list[int], list[int]]] = weakref.WeakKeyDictionary()


def word_bounds(doc: Document) -> tuple[list[int], list[int]]:
    """Sorted token starts and ends of ``doc`` (from :attr:`Document.tokens`), computed once per document."""
    if doc not in _BOUNDS:
        tokens = doc.tokens.sort_values("start")
        _BOUNDS[doc] = ([int(s) for s in tokens["start"]], [int(e) for e in tokens["end"]])
    return _BOUNDS[doc]


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
