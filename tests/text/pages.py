"""复制页面的测试夹具。The copied-page fixtures of ``tests/text/pages/`` and the rules they encode.

Each ``NAME.txt`` is a genre report pasted from a browser, written for these tests; ``NAME.expected.json``
beside it is written by hand:

* ``chrome``: the lines (stripped) that must be removed, in file order;
* ``headline``: the headline lines; ``body``: every other kept line in order, as ``{"kind": "paragraph" |
  "heading", "start": first 10 characters}`` (a heading is an in-body sub-heading or an editor's aside);
* ``n_paragraphs``: how many ``paragraph`` entries; ``speakers``: people whose cues open sections;
* ``sections``: ``{"kind": lead | cue | heading | attendance, "cue", "speaker", "title"}`` in order. A heading
  opens a section titled by the heading; a cue paragraph right after a heading joins that section
  (the section's cue is then that cue). ``title`` follows :func:`reference_title`;
* ``items``: numbered item paragraphs per section; ``inline_items``: ``{"paragraph": k (1-based among
  paragraphs), "kind": "ordinal" (一是…二是…) | "semicolon" (；-separated review), "count"}``;
* ``convert``: ``"t2s"`` when the page is in traditional characters (titles and ``cue_simplified`` are
  given after conversion, everything else as in the file).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent / "pages"

#: 只表示时间的首个分句：标题里跳过它，用下一个分句（“林远航：全省职业教育改革步伐加快”）
TIME_CLAUSE = re.compile(
    r"^(?:过去一年|一年来|过去的一年|当前|目前|今年|明年|近年来|近年|新时代以来|"
    r"刚刚过去的\d{4}年|\d{4}年(?:以来)?|“[^”]{1,8}”时期|\S{1,6}时期)$"
)
_CLAUSE_SPLIT = re.compile(r"[，。；！？：,;]")


@dataclass(frozen=True)
class Page:
    name: str
    text: str
    expected: dict

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def page_names() -> list[str]:
    return sorted(p.name[: -len(".txt")] for p in PAGES_DIR.glob("*.txt"))


@cache
def load_page(name: str) -> Page:
    text = (PAGES_DIR / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((PAGES_DIR / f"{name}.expected.json").read_text(encoding="utf-8"))
    return Page(name, text, expected)


def t2s(text: str) -> str:
    """Traditional → simplified with OpenCC (``pytest.importorskip("opencc")`` before calling)."""
    import opencc

    return opencc.OpenCC("t2s").convert(text)


def page_text(page: Page) -> str:
    """The page as the pipeline sees it: converted to simplified characters when ``convert == "t2s"``."""
    return t2s(page.text) if page.expected.get("convert") == "t2s" else page.text


def reference_title(kind: str, cue: str | None, speaker: str | None, text: str) -> str:
    """The section title a person would write (the rule the fixtures follow).

    导语 / 参会人员 for lead and attendance; otherwise the speaker's name (or the cue) and the first clause
    after the cue, leading 了/的 and punctuation dropped, a clause that is only a time phrase (过去一年、
    2023年) skipped when another clause follows, cut to 15 characters + … when longer than 16; just the
    cue when nothing follows it (会议要求：). A clause longer than 16 characters is cut at its last 、 within
    the first 16 characters (if that keeps at least 6), else after 15 characters, and gets “…”; a cut
    inside “…” takes the closing quote if it is near, else cuts before the opening one.
    (Cutting at word boundaries would read better still; the text layer has no segmenter — see REPORT.md.)

    >>> reference_title("cue", "会议部署", None, "会议部署了2024年职业教育五项重点工作。")
    '会议部署：2024年职业教育五项重点工作'
    >>> reference_title("cue", "林远航指出", "林远航", "林远航指出，过去一年，全省职业教育改革步伐加快，成效明显。")
    '林远航：全省职业教育改革步伐加快'
    """
    if kind == "lead":
        return "导语"
    if kind == "attendance":
        return "参会人员"
    rest = text[len(cue) :] if cue and text.startswith(cue) else text
    rest = rest.lstrip("，,：: 了的")
    clauses = [c for c in _CLAUSE_SPLIT.split(rest) if c]
    clause = clauses[0] if clauses else ""
    if TIME_CLAUSE.match(clause) and len(clauses) > 1:
        clause = clauses[1]
    if len(clause) > 16:
        cut = clause.rfind("、", 6, 16)
        cut = cut if cut > 0 else 15
        if clause[:cut].count("“") > clause[:cut].count("”"):  # never leave a quote open
            close = clause.find("”", cut)
            cut = close + 1 if 0 <= close <= 16 else clause.rfind("“", 0, cut)
        clause = clause[:cut] + "…"
    label = speaker or cue or ""
    return f"{label}：{clause}" if clause else label
