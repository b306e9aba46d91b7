"""提法：自动发现文件中的固定说法。Formulations (提法) found in any document.

Three rules, their word lists and patterns in ``data/formulations.toml``:

* ``quoted``: a short phrase in quotation marks, Chinese characters (or letters and digits) only:
  “双减”、“普惠发展”、“十四五”. Longer quotations with punctuation inside are quotations, not 提法.
* ``numbered``: a numeral and a classifier followed by one word: 两个确立、四个意识、四件事、五大发展.
  Found on jieba's tokens, so the slogan ends where its last word ends.
* ``paired``: 一X两Y — 一体两翼、一国两制.

Formulations join the tokenizer for *their* document only: ``doc.tokens`` cuts each paragraph with
``tokenize(text, phrases=document_phrases(doc))``, which makes every occurrence one token (树立大教育观 →
树立/大教育/观, where the dictionary alone gives 大/教育观) and segments the text around it on its own.
We chose this over adding the phrases to the tokenizer with a suggested frequency: that changes every later
document, and in context jieba may still cut the phrase apart. The price: inside its own document a
formulation wins even where another cut would read better (with “大教育” found, 扩大教育 → 扩/大教育).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from edu_helpers.analysis.words import Token, paragraph_cuts
from edu_helpers.data_files import bundled_toml
from edu_helpers.text.patterns import occurrences

if TYPE_CHECKING:
    import pandas as pd

    from edu_helpers.text.document import Document

_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
_COUNTS = frozenset({"m", "mq", "q"})  # 两个月: a quantity, not a slogan
_CONTENT = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9]+")  # what jieba can keep in one token


@dataclass(frozen=True)
class Formulation:
    """One formulation of a document.

    Attributes:
        text: the phrase, e.g. ``两个维护``.
        kind: the rule that found it first: ``numbered``, ``paired`` or ``quoted``.
        quoted: whether it stands in quotation marks at least once.
        spans: ``[start, end)`` of every occurrence in the body paragraphs (offsets into ``doc.text``).
        paragraph_ids: the paragraphs holding those occurrences, in order, once each.
    """

    text: str
    kind: str
    quoted: bool
    spans: tuple[tuple[int, int], ...]
    paragraph_ids: tuple[str, ...]


@functools.cache
def _rules() -> dict:
    r = bundled_toml("formulations.toml")
    q, n, p = r["quoted"], r["numbered"], r["paired"]
    quote = "|".join(f"{re.escape(a)}([^{re.escape(a + b)}]{{1,40}}){re.escape(b)}" for a, b in q["pairs"])
    return {
        "quote": re.compile(quote),
        "quote_len": (int(q["min_chars"]), int(q["max_chars"])),
        "head": re.compile(n["head"]),
        "whole": re.compile(f"(?:{n['head']})(?P<word>[\u4e00-\u9fff]{{1,{int(n['max_word_chars'])}}})"),
        "numeral": re.compile(n["numeral"]),
        "classifier": re.compile(n["classifier"]),
        "word_len": int(n["max_word_chars"]),
        "word_pos": frozenset(n["word_pos"]),
        "not_words": frozenset(n["not_words"]),
        "paired": re.compile(p["pattern"]),
        "not_chars": frozenset(p["not_chars"]),
    }


def quoted_phrases(text: str) -> list[str]:
    """Short phrases in quotation marks.

    >>> quoted_phrases("坚定“四个自信”，落实“疫情要防住、经济要稳住”要求，继续把“双减”摆在突出位置")
    ['四个自信', '双减']
    """
    r = _rules()
    lo, hi = r["quote_len"]
    found = (next(g for g in m.groups() if g is not None) for m in r["quote"].finditer(text))
    return [s for s in found if lo <= len(s) <= hi and _CONTENT.fullmatch(s) and not s.isdigit()]


def numbered_phrases(tokens: Sequence[Token]) -> list[str]:
    """Numeral + classifier + one word, read from tokens: 两个确立、四件事.

    >>> from edu_helpers.analysis.words import tokenize
    >>> numbered_phrases(tokenize("重点做好四件事，坚持三个月"))
    ['四件事']
    """
    return _numbered([t.text for t in tokens], [t.pos for t in tokens])


def _numbered(words: Sequence[str], tags: Sequence[str]) -> list[str]:
    """:func:`numbered_phrases` on the tokens' words and tags (parallel lists)."""
    r, out, n = _rules(), [], len(words)
    for i, word in enumerate(words):
        numeral, head_ok, whole = _word_flags(word)
        if not (numeral or head_ok or whole):
            continue  # starts no slogan (most words)
        head, k = word, i + 1
        if numeral and k < n and r["classifier"].fullmatch(words[k]):
            head, k = head + words[k], k + 1  # 四 / 件 → 四件
            head_ok = bool(r["head"].fullmatch(head))
        if head_ok and k < n and _slogan_word(words[k], tags[k], r):
            out.append(head + words[k])
        elif whole and tags[i] not in _COUNTS:
            out.append(word)  # a slogan the dictionary keeps whole: 两个确立
    return out


@functools.lru_cache(maxsize=1 << 16)
def _word_flags(word: str) -> tuple[bool, bool, bool]:
    """Whether ``word`` is a numeral, a head (四个), a whole slogan (两个确立) under the rules: asked once a word."""
    r = _rules()
    m = r["whole"].fullmatch(word)
    return (
        bool(r["numeral"].fullmatch(word)),
        bool(r["head"].fullmatch(word)),
        bool(m and m["word"] not in r["not_words"]),
    )


def _slogan_word(word: str, pos: str, r: dict) -> bool:
    return (
        len(word) <= r["word_len"]
        and bool(_HAN_WORD.fullmatch(word))
        and pos in r["word_pos"]
        and word not in r["not_words"]
    )


def paired_phrases(text: str, tokens: Sequence[Token] = ()) -> list[str]:
    """一X两Y phrases; with ``tokens``, only where both ends are token boundaries.

    >>> paired_phrases("构建一体两翼工作格局，一年两次")
    ['一体两翼']
    """
    return _paired(text, _bounds(tokens) if tokens else None)


def _paired(text: str, bounds: set[int] | None) -> list[str]:
    """:func:`paired_phrases` given the token boundaries (offsets into ``text``), or ``None`` for none."""
    r = _rules()
    out = []
    for m in r["paired"].finditer(text):
        s = m.group()
        if s[1] in r["not_chars"] or s[3] in r["not_chars"]:
            continue
        if bounds is None or (m.start() in bounds and m.end() in bounds):
            out.append(s)
    return out


def _bounds(tokens: Iterable[Token]) -> set[int]:
    return {t.start for t in tokens} | {t.end for t in tokens}


def _column_bounds(words: list[str], starts: list[int], offset: int) -> set[int]:
    """:func:`_bounds` of a paragraph's cut columns, as offsets into the paragraph's own text."""
    out = {s - offset for s in starts}
    out.update(s - offset + len(w) for s, w in zip(starts, words, strict=True))
    return out


def find_formulations(doc: Document) -> list[Formulation]:
    """Every formulation of the body paragraphs, in order of first occurrence (computed once per document)."""
    return doc.memo("formulations", lambda: _find(doc))


def _find(doc: Document) -> list[Formulation]:
    kinds: dict[str, str] = {}
    quoted: set[str] = set()
    paired = _rules()["paired"].search  # the token bounds only where a 一X两Y is in the text
    for p, (words, tags, starts) in zip(doc.paragraph_records, paragraph_cuts(doc), strict=True):
        in_quotes = quoted_phrases(p.text)
        for kind, phrases in (
            ("numbered", _numbered(words, tags)),
            (
                "paired",
                _paired(p.text, _column_bounds(words, starts, p.start) if words else None) if paired(p.text) else [],
            ),
            ("quoted", in_quotes),
        ):
            for s in phrases:
                kinds.setdefault(s, kind)
        quoted.update(in_quotes)
    found = [_occurrences(doc, s, kinds[s], s in quoted) for s in kinds]
    return sorted((f for f in found if f.spans), key=lambda f: f.spans[0])


def _occurrences(doc: Document, phrase: str, kind: str, quoted: bool) -> Formulation:
    spans, pids = [], []
    for p in doc.paragraph_records:
        found = occurrences(p.text, phrase, overlapping=False)
        spans += [(p.start + i, p.start + i + len(phrase)) for i in found]
        if found:
            pids.append(p.id)
    return Formulation(phrase, kind, quoted, tuple(spans), tuple(pids))


def document_phrases(doc: Document) -> tuple[str, ...]:
    """The formulations of ``doc`` as strings, longest first (for ``tokenize(..., phrases=...)``)."""
    return tuple(sorted((f.text for f in find_formulations(doc)), key=len, reverse=True))


def formulation_frame(doc: Document) -> pd.DataFrame:
    """The 提法 index of a document, one row per formulation in order of first occurrence.

    Columns: ``formulation``; ``kind`` (``numbered`` 两个确立 / ``paired`` 一体两翼 / ``quoted`` 双减: the
    rule that found it); ``quoted`` (stands in quotation marks at least once); ``count`` (occurrences in
    the body paragraphs); ``n_paragraphs``; ``paragraph_ids`` (list); ``first_start``, ``first_end``
    (offsets of the first occurrence into ``doc.text``); ``first_sentence_id``.
    """
    import bisect

    import pandas as pd

    sentences = doc.sentence_records
    starts = [s.start for s in sentences]
    rows = []
    for f in find_formulations(doc):
        a, b = f.spans[0]
        k = bisect.bisect_right(starts, a) - 1
        rows.append(
            {
                "formulation": f.text,
                "kind": f.kind,
                "quoted": f.quoted,
                "count": len(f.spans),
                "n_paragraphs": len(f.paragraph_ids),
                "paragraph_ids": list(f.paragraph_ids),
                "first_start": a,
                "first_end": b,
                "first_sentence_id": sentences[k].id if k >= 0 else None,
            }
        )
    columns = ["formulation", "kind", "quoted", "count", "n_paragraphs", "paragraph_ids"]
    return pd.DataFrame(rows, columns=[*columns, "first_start", "first_end", "first_sentence_id"])
