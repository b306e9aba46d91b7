"""结构：标题、导语、部分、编号条目、段落、句子。Structure stage.

Input is normalised text (one paragraph or headline line per line). Output is a
:class:`Structure` of typed records whose ``[start, end)`` offsets point into that text.
Cue words and numbering patterns come from ``data/structure.toml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from edu_helpers.data_files import bundled_toml

_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == doc.text[start:end]``."""

    id: str
    paragraph_id: str
    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph. ``kind`` is ``lead``, ``cue`` (opens a section), ``item`` (numbered),
    ``body`` or ``attendance``; ``item`` is the ordinal of a numbered item, else ``None``."""

    id: str
    index: int
    section: int
    item: int | None
    kind: str
    cue: str | None
    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Section:
    """A run of paragraphs: the lead, a part opened by a meeting cue, or the attendance note."""

    index: int
    title: str
    kind: str
    cue: str | None
    paragraph_ids: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Structure:
    """Headline and body of a document."""

    title: str
    subtitles: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]


@functools.cache
def _rules() -> dict:
    rules = bundled_toml("structure.toml")
    return {
        "cues": sorted(rules["cues"]["section"], key=len, reverse=True),
        "attendance": tuple(rules["cues"]["attendance"]),
        "numbering": tuple(re.compile(p) for p in rules["numbering"]["patterns"]),
        "max_head": int(rules["headline"]["max_chars"]),
        "forbidden": set(rules["headline"]["forbidden"]),
        "final": rules["sentences"]["final"],
        "closing": rules["sentences"]["closing"],
        "titles": rules["titles"],
    }


def chinese_number(numeral: str) -> int:
    """Value of a small Chinese or Arabic numeral (1–99).

    >>> [chinese_number(n) for n in ("一", "十", "十二", "二十三", "7")]
    [1, 10, 12, 23, 7]
    """
    if numeral.isdigit():
        return int(numeral)
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)
    return _NUMERALS[numeral]


def item_number(text: str) -> int | None:
    """Ordinal of a numbered item (一是, 二要, 第三，, （四）, 5.), else ``None``.

    >>> item_number("三是持续办好"), item_number("第二，加强"), item_number("会议指出")
    (3, 2, None)
    """
    for pattern in _rules()["numbering"]:
        m = pattern.match(text)
        if m:
            return chinese_number(m.group("n"))
    return None


def section_cue(text: str) -> str | None:
    """The meeting cue (会议指出…) a paragraph opens with, else ``None``."""
    for cue in _rules()["cues"]:
        if text.startswith(cue):
            return cue
    return None


def is_headline(line: str) -> bool:
    """Headline lines are short and hold no sentence punctuation."""
    r = _rules()
    return len(line) <= r["max_head"] and not (set(line) & r["forbidden"])


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences of a paragraph.

    Splits after 。！？ (and ``!?…``); closing quotes and brackets stay with their sentence.
    The semicolon does not split: in this genre it separates parallel clauses of one sentence.

    >>> p = "要“双减”。二是加强！“好。”"
    >>> [p[a:b] for a, b in split_sentences(p)]
    ['要“双减”。', '二是加强！', '“好。”']
    """
    r = _rules()
    spans, start, i, n = [], 0, 0, len(text)
    while i < n:
        if text[i] in r["final"]:
            j = i + 1
            while j < n and (text[j] in r["final"] or text[j] in r["closing"]):
                j += 1
            spans.append((start, j))
            start = i = j
            continue
        i += 1
    if start < n and text[start:].strip():
        spans.append((start, n))
    return spans


def generic_title(kind: str, cue: str | None, text: str) -> str:
    """A title for people when no data file names the section: the cue plus its first clause.

    >>> generic_title("cue", "会议部署", "会议部署，扎实推进职业教育改革，加快发展。")
    '会议部署：扎实推进职业教育改革'
    """
    titles = _rules()["titles"]
    if kind in ("lead", "attendance"):
        return titles[kind]
    rest = text[len(cue) :] if cue else text
    clause = re.split(r"[，。；！？：,;]", rest.lstrip("，,：: "), maxsplit=1)[0]
    clause = clause if len(clause) <= 16 else clause[:15] + "…"
    return f"{cue}：{clause}" if cue else clause or titles["body"]


def build(text: str, *, section_titles: list[str] | None = None, headline: int | None = None) -> Structure:
    """Find headline, paragraphs, sections, items and sentences in normalised text.

    ``headline``: how many first lines are the headline when the input format said so (an
    ``<h1>``, Word's Title style); ``None`` guesses them (short lines without sentence punctuation).
    """
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((line, pos))
        pos += len(line) + 1
    head: list[str] = []
    if headline is not None:
        head = [lines.pop(0)[0] for _ in range(min(headline, len(lines) - 1))]
    while headline is None and lines and len(head) < 4 and is_headline(lines[0][0]):
        head.append(lines.pop(0)[0])
    kinds: list[tuple[str, str | None, int | None]] = []
    for n, (line, _) in enumerate(lines):
        cue, item = section_cue(line), item_number(line)
        if n == 0:
            kinds.append(("lead", cue, item))
        elif cue:
            kinds.append(("cue", cue, None))
        elif item is not None:
            kinds.append(("item", None, item))
        else:
            kinds.append(("body", None, None))
    if len(lines) > 1 and _is_attendance(lines[-1][0]):
        kinds[-1] = ("attendance", None, None)

    paragraphs, groups = [], []
    for n, ((line, start), (kind, cue, item)) in enumerate(zip(lines, kinds, strict=True)):
        if n == 0 or kind in ("cue", "attendance"):
            groups.append([])
        pid = f"p{n + 1:02d}"
        sentences = tuple(
            Sentence(f"{pid}-s{k + 1:02d}", pid, k, line[a:b], start + a, start + b)
            for k, (a, b) in enumerate(split_sentences(line))
        )
        para = Paragraph(pid, n, len(groups) - 1, item, kind, cue, line, start, start + len(line), sentences)
        paragraphs.append(para)
        groups[-1].append(para)

    sections = []
    names = section_titles if section_titles and len(section_titles) == len(groups) else None
    for k, group in enumerate(groups):
        first = group[0]
        kind = first.kind if first.kind in ("lead", "cue", "attendance") else "body"
        title = names[k] if names else generic_title(kind, first.cue, first.text)
        ids = tuple(p.id for p in group)
        sections.append(Section(k, title, kind, first.cue, ids, first.start, group[-1].end))
    return Structure(head[0] if head else "", tuple(head[1:]), tuple(paragraphs), tuple(sections))


def _is_attendance(paragraph: str) -> bool:
    spans = split_sentences(paragraph)
    last = paragraph[spans[-1][0] :] if spans else paragraph
    return any(cue in last for cue in _rules()["attendance"])
