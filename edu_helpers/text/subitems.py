"""段内条目：一段之内的并列条目。Inline items: the parallel items inside one paragraph.

Two forms of the genre:

* **ordinal** — 一是…，二是…，三是… inside one paragraph (the numerals run from 一 without a gap, at least two);
* **semicolon** — a sentence of at least three clauses separated by ；, as in a review paragraph
  (一年来，教育系统…；切实加强…；…。): every clause is one achievement. The first clause starts after a
  leading time phrase (一年来，) or after the colon of an introducing phrase (…取得新进展：).

Patterns come from ``data/structure.toml`` (``[numbering]`` ``inline_ordinal`` and ``lead_in``). Offsets are
``[start, end)`` into the document's text, like every other record.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from edu_helpers.data_files import bundled_toml

_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class SubItem:
    """One inline item: ``text == doc.text[start:end]``; ``index`` counts from 1 within its paragraph;
    ``kind`` is ``ordinal`` or ``semicolon``."""

    paragraph_id: str
    section: int
    index: int
    kind: str
    text: str
    start: int
    end: int


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    numbering = bundled_toml("structure.toml")["numbering"]
    return re.compile(numbering["inline_ordinal"]), re.compile(numbering["lead_in"])


def _value(numeral: str) -> int:
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _NUMERALS.index(numeral[1]) + 1
    return _NUMERALS.index(numeral[0]) + 1 if len(numeral) == 1 else -1


def ordinal_spans(text: str) -> list[tuple[int, int]]:
    """Spans of 一是…二是… items in a paragraph (empty unless there are at least two, numbered from 一).

    >>> p = "会议要求，一是加强领导；二是狠抓落实。"
    >>> [p[a:b] for a, b in ordinal_spans(p)]
    ['一是加强领导；', '二是狠抓落实。']
    """
    ordinal, _ = _patterns()
    starts, expected = [], 1
    for m in ordinal.finditer(text):
        if _value(m.group("n")) == expected:
            starts.append(m.start())
            expected += 1
    if len(starts) < 2:
        return []
    return list(zip(starts, [*starts[1:], len(text)], strict=True))


def semicolon_spans(text: str, sentences: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the ；-separated clauses of each sentence with at least two semicolons.

    >>> p = "一年来，教育系统做好甲；加强乙；落实丙。"
    >>> [p[a:b] for a, b in semicolon_spans(p, [(0, len(p))])]
    ['教育系统做好甲', '加强乙', '落实丙']
    """
    _, lead_in = _patterns()
    out = []
    for a, b in sentences:
        sentence = text[a:b]
        if sentence.count("；") < 2:
            continue
        first = sentence.index("；")
        colon = sentence.rfind("：", 0, first)
        m = lead_in.match(sentence)
        begin = colon + 1 if colon >= 0 else (m.end() if m else 0)
        pos = a + begin
        for piece in re.split("；", sentence[begin:]):
            core = piece.rstrip("。！？!?…”’）)")
            if core.strip():
                out.append((pos, pos + len(core)))
            pos += len(piece) + 1
    return out


def find_subitems(paragraphs: Iterable[Any]) -> tuple[SubItem, ...]:
    """The inline items of every :class:`~edu_helpers.text.structure.Paragraph` (ordinal ones first; a
    paragraph without them may have
    semicolon ones). Headings, numbered items and the attendance note have none."""
    out: list[SubItem] = []
    for p in paragraphs:
        if p.kind in ("heading", "attendance"):
            continue
        spans, kind = ordinal_spans(p.text), "ordinal"
        if not spans:
            spans, kind = (
                semicolon_spans(p.text, ((s.start - p.start, s.end - p.start) for s in p.sentences)),
                "semicolon",
            )
        for k, (a, b) in enumerate(spans, 1):
            out.append(SubItem(p.id, p.section, k, kind, p.text[a:b], p.start + a, p.start + b))
    return tuple(out)
