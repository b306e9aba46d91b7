"""结构：标题、导语、部分、编号条目、段落、句子。Structure stage.

Input is normalised text (one paragraph or headline line per line). Output is a
:class:`Structure` of typed records whose ``[start, end)`` offsets point into that text.
Cue words, speaker verbs and offices, numbering patterns come from ``data/structure.toml``; speakers are
the people the lead names with an office (部长怀进鹏出席…) and the 人名 of ``data/policy_terms.toml``.

Evidence used: a numbered paragraph is an item only in a sequence after an introducing paragraph (or in a run
numbered 1, 2 in one style); a short body line without sentence punctuation (or a short question, an editor's
aside) is a ``heading``, which opens a section titled by itself and is never a cue; inline items (一是…二是…
in one paragraph, the ；-separated clauses of a review) are :class:`~edu_helpers.text.subitems.SubItem` records.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from edu_helpers.data_files import bundled_toml
from edu_helpers.text.sentences import marks, split_sentences
from edu_helpers.text.subitems import SubItem, find_subitems
from edu_helpers.text.titles import generic_title, join_title_tails, set_segmenter  # noqa: F401  (this module's API)

_NUMERALS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"两": 2} | {chr(9311 + i): i for i in range(1, 21)}


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
    ``heading`` (an in-body sub-heading or editor's aside: not body text), ``body`` or ``attendance``;
    ``item`` is the ordinal of a numbered item, else ``None``."""

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
    """A run of paragraphs: the lead, a part opened by a meeting or speaker cue (``speaker`` names the
    person) or by a heading, or the attendance note."""

    index: int
    title: str
    kind: str
    cue: str | None
    paragraph_ids: tuple[str, ...]
    start: int
    end: int
    speaker: str | None = None


@dataclass(frozen=True)
class Structure:
    """Headline and body of a document."""

    title: str
    subtitles: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    subitems: tuple[SubItem, ...] = ()


@functools.cache
def _rules() -> dict:
    rules = bundled_toml("structure.toml")
    cues = rules["cues"]
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    offices, verbs = alt(cues["offices"]), alt(cues["speaker_verbs"])
    names = bundled_toml("policy_terms.toml").get("terms", {}).get("人名", [])
    return {
        "cues": sorted(cues["section"], key=len, reverse=True),
        "variant": re.compile(
            rf"^会议(?:{alt(cues['variant_adverbs'])})(?:{alt(cues['variant_verbs'])})(?=[，：,:了])"
        ),
        "lead_name": re.compile(
            rf"(?:{offices})([\u4e00-\u9fff]{{2,3}}?)(?=出席|主持|作|在|同志|，|、|讲话|并|参加|。)"
        ),
        "known_names": tuple(names),
        "speaker": (offices, verbs),
        "intro": re.compile(rules["numbering"]["intro"]),
        "head_max": int(rules["headings"]["max_chars"]),
        "head_no": set(rules["headings"]["no_final"]),
        "signature_date": re.compile(rules["headings"]["signature_date"]),
        "attachments": re.compile(rules["headings"]["attachments"]),
        "not_title": re.compile(rules["headline"]["not_title"]),
        "masthead": re.compile(rules["headline"]["masthead"]),
        "attendance": tuple(rules["cues"]["attendance"]),
        "numbering": tuple(re.compile(p) for p in rules["numbering"]["patterns"]),
        "max_head": int(rules["headline"]["max_chars"]),
        "forbidden": set(rules["headline"]["forbidden"]),
        "exclaim": re.compile(rules["headline"]["exclaim_prefix"]),
        "date_line": re.compile(rules["headline"]["date_line"]),
        "titles": rules["titles"],
    }


def chinese_number(numeral: str) -> int:
    """Value of a small Chinese or Arabic numeral (1–99).

    >>> [chinese_number(n) for n in ("一", "十", "十二", "二十三", "7", "③", "⑫")]
    [1, 10, 12, 23, 7, 3, 12]
    """
    if numeral.isdecimal():
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
    return item_style(text)[1]


def item_style(text: str) -> tuple[int | None, int | None]:
    """``(which numbering pattern, ordinal)`` of a numbered item, else ``(None, None)``: 一、 and （一） and
    1. are different styles, so a list nested in another keeps its own count."""
    for k, pattern in enumerate(_rules()["numbering"]):
        m = pattern.match(text)
        if m:
            return k, chinese_number(m.group("n"))
    return None, None


def section_cue(text: str, speakers: tuple[str, ...] = ()) -> str | None:
    """The meeting cue (会议指出, 会议还强调…) or speaker cue (怀进鹏指出, 宋文博部长强调) a paragraph opens
    with, else ``None``. A question (an editor's aside: 会议还强调了哪些内容？) is never a cue.

    >>> section_cue("会议同时指出，要加强。"), section_cue("怀进鹏指出，要加强。", ("怀进鹏",))
    ('会议同时指出', '怀进鹏指出')
    >>> section_cue("会议还强调了哪些内容？") is None
    True
    """
    return _cue_and_speaker(text, speakers)[0]


def _cue_and_speaker(text: str, speakers: tuple[str, ...]) -> tuple[str | None, str | None]:
    r = _rules()
    if text.rstrip().rstrip(marks()[1]).endswith(("？", "?")):
        return None, None
    m = r["variant"].match(text)
    if m:
        return m.group(0), None
    m = _speaker_pattern(speakers).match(text) if speakers else None
    if m:
        return m.group(0), m.group("name")
    for cue in r["cues"]:
        if text.startswith(cue):
            return cue, None
    return None, None


@functools.lru_cache(maxsize=64)
def _speaker_pattern(speakers: tuple[str, ...]) -> re.Pattern[str]:
    offices, verbs = _rules()["speaker"]
    names = "|".join(map(re.escape, sorted(speakers, key=len, reverse=True)))
    return re.compile(
        rf"^(?:{offices})?(?P<name>{names})(?:同志)?(?:{offices})?(?:在(?:讲话|总结讲话|会上)中?)?(?:{verbs})(?=[，：,:])"
    )


def speakers_of(lead: str) -> tuple[str, ...]:
    """People a report may quote: those the lead names after an office, and the known names.

    >>> speakers_of("教育部党组书记、部长怀进鹏出席会议并讲话，副部长王某主持。")[:2]
    ('怀进鹏', '王某')
    """
    r = _rules()
    found = dict.fromkeys(r["lead_name"].findall(lead))
    return tuple(found) + tuple(n for n in r["known_names"] if n not in found)


def is_heading(line: str) -> bool:
    """An in-body sub-heading: short, without 。； (a short question, an editor's aside, counts)."""
    r = _rules()
    return (
        0 < len(line) <= r["head_max"]
        and not (set(line) & r["head_no"])
        and not line.endswith(("！", "：", ":", "，", "、"))
    )


def is_headline(line: str) -> bool:
    """Headline lines are short (up to ~60 characters), hold no sentence punctuation (but for an exclamation
    first: 划重点！…) and are not numbered (一、2024年工作回顾 is a heading of the body)."""
    r = _rules()
    core = past_exclamation(line)
    return len(line) <= r["max_head"] and bool(core) and not (set(core) & r["forbidden"]) and item_number(line) is None


def past_exclamation(line: str) -> str:
    """The line without a headline's exclamation first (划重点！…, ``exclaim_prefix``): its mark ends no sentence."""
    return _rules()["exclaim"].sub("", line, count=1)


def _closing_lines(lines: list[str], kinds: list[list]) -> None:
    """A document's closing lines are body text, not sub-headings: its signature (落款: the issuer, and the
    date alone on a line) and its attachment note (附件：1.…) with the numbered attachment names after it."""
    r, attached = _rules(), False
    for n, line in enumerate(lines):
        head = kinds[n][0] == "heading"
        attached = head and (bool(r["attachments"].match(line)) or (attached and item_number(line) is not None))
        dated = head and bool(r["signature_date"].match(line))
        if attached or dated:
            kinds[n] = ["body", None, None, None]
        if dated and n and kinds[n - 1][0] == "heading" and item_number(lines[n - 1]) is None:
            kinds[n - 1] = ["body", None, None, None]


def _numbered(lines: list[str], kinds: list[list]) -> None:
    """Mark numbered paragraphs as items only in a sequence after an introducing paragraph (or a run of 1, 2).

    Each numbering style counts on its own, so a list nested in an item (一、 → （一） → 1.) starts at 1 under
    it and the outer list goes on after it; a cue or a heading ends every open list, an item's own body text not.
    """
    r = _rules()
    open_lists: dict[int, int] = {}  # numbering style → last ordinal of the lists still open
    for n, line in enumerate(lines):
        style, number = item_style(line)
        if kinds[n][0] != "body":  # a cue or heading ends the lists; after a numbered heading (二、…) they go on
            if kinds[n][0] != "heading" or number is None:
                open_lists.clear()
            continue
        if number is None:  # unnumbered body text: the item's own, the lists stay open
            continue
        before = lines[n - 1] if n else ""
        last = before[split_sentences(before)[-1][0] :] if split_sentences(before) else before
        intro = kinds[n - 1][0] in ("cue", "heading", "lead", "item") or r["intro"].search(last)
        run = n + 1 < len(lines) and item_style(lines[n + 1]) == (style, 2)  # 1. then 2.: a list by itself
        if open_lists.get(style) == number - 1 or (number == 1 and n and (intro or run)):
            kinds[n] = ["item", None, number, None]
            if style in open_lists:  # back in an outer list: the lists opened inside it are closed
                for inner in list(open_lists)[list(open_lists).index(style) + 1 :]:
                    del open_lists[inner]
            open_lists[style] = number
        else:
            open_lists.clear()


def build(text: str, *, section_titles: list[str] | None = None, headline: int | None = None) -> Structure:
    """Find headline, paragraphs, sections, items, sub-items and sentences in normalised text.

    ``headline``: how many first lines are the headline when the input format said so (an ``<h1>``, Word's
    Title style); ``None`` guesses them (short lines without sentence punctuation)."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((line, pos))
        pos += len(line) + 1
    head: list[str] = []
    mast = _rules()["masthead"].match  # 某市教育局文件, 〔2025〕3号, 教育工作简报, 第3期: not the title, not counted
    if headline is not None:
        head = [lines.pop(0)[0] for _ in range(min(headline, len(lines) - 1))]
        while head and all(map(mast, head)) and len(lines) > 1 and len(head) < 4:
            head.append(lines.pop(0)[0])  # the format's headline was the masthead: the title follows
    while headline is None and lines and sum(not mast(h) for h in head) < 4 and is_headline(lines[0][0]):
        head.append(lines.pop(0)[0])
    if head and len(lines) > 1 and _rules()["date_line"].match(lines[0][0]):
        head.append(lines.pop(0)[0])  # （2025年2月10日） under the headline: a subtitle
    # not the title: a column name, page number or date line; a masthead (某市教育局文件, 〔2025〕3号): a subtitle
    head = join_title_tails(head, lambda h: not _rules()["not_title"].match(h) and not mast(h))  # …召 / 开
    masthead = [h for h in head if mast(h)]
    titled = [h for h in head if not _rules()["not_title"].match(h) and h not in masthead] or head[:1]
    lead = next((n for n, (line, _) in enumerate(lines) if not is_heading(line)), 0)
    speakers = speakers_of(lines[lead][0]) if lines else ()
    kinds: list[list] = []
    for n, (line, _) in enumerate(lines):
        cue, speaker = _cue_and_speaker(line, speakers)
        if n == lead and (n == 0 or not cue):
            kinds.append(["lead" if n == 0 else "body", cue, None, None])
        elif is_heading(line):
            kinds.append(["heading", None, None, None])
        elif cue:
            kinds.append(["cue", cue, None, speaker])
        else:
            kinds.append(["body", None, None, None])
    _closing_lines([line for line, _ in lines], kinds)
    _numbered([line for line, _ in lines], kinds)
    if len(lines) > 1 and _is_attendance(lines[-1][0]) and kinds[-1][0] == "body":
        kinds[-1] = ["attendance", None, None, None]

    paragraphs, groups = [], []
    for n, ((line, start), (kind, cue, item, *_)) in enumerate(zip(lines, kinds, strict=True)):
        joins_heading = kind == "cue" and n and kinds[n - 1][0] == "heading"
        if n == 0 or (kind in ("cue", "attendance", "heading") and not joins_heading):
            groups.append([])
        pid = f"p{n + 1:02d}"
        sentences = tuple(
            Sentence(f"{pid}-s{k + 1:02d}", pid, k, line[a:b], start + a, start + b)
            for k, (a, b) in enumerate(split_sentences(line))
        )
        para = Paragraph(pid, n, len(groups) - 1, item, kind, cue, line, start, start + len(line), sentences)
        paragraphs.append(para)
        groups[-1].append((para, kinds[n][3]))

    sections = []
    names = section_titles if section_titles and len(section_titles) == len(groups) else None
    for k, group in enumerate(groups):
        first = group[0][0]
        heading_cue = next(((p, s) for p, s in group[:2] if p.kind == "cue"), (first, None))  # 一、… then 会议…
        opener = heading_cue if first.kind == "heading" else group[0]
        kind = first.kind if first.kind in ("lead", "cue", "attendance", "heading") else "body"
        cue, speaker = opener[0].cue, opener[1]
        title = names[k] if names else generic_title(kind, None if kind == "heading" else cue, first.text, speaker)
        ids = tuple(p.id for p, _ in group)
        sections.append(Section(k, title, kind, cue, ids, first.start, group[-1][0].end, speaker))
    title = titled[0] if titled else ""
    subtitles = (*(h for h in masthead if h != title), *titled[1:])
    return Structure(title, subtitles, tuple(paragraphs), tuple(sections), find_subitems(paragraphs))


def _is_attendance(paragraph: str) -> bool:
    spans = split_sentences(paragraph)
    last = paragraph[spans[-1][0] :] if spans else paragraph
    return any(cue in last for cue in _rules()["attendance"])
