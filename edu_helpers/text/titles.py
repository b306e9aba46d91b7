"""部分标题：像人写的标题。Section titles for people, when no data file names them (and a headline's wrapped tail).

Who speaks (the speaker, or the meeting cue) and the first clause after the cue; a long clause is cut at a
word boundary. The text layer has no segmenter of its own: the analysis layer registers jieba's with
:func:`set_segmenter` (as it registers ``doc.tokens``), and without one a clause is cut at a 、 or a character.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from edu_helpers.data_files import bundled_toml

#: Splits a short string into words (set by the analysis layer: :func:`set_segmenter`); titles are cut
#: at a word boundary with it, at a character otherwise.
_SEGMENTER: list[Callable[[str], list[str]]] = []


def set_segmenter(segment: Callable[[str], list[str]] | None) -> None:
    """Give the structure stage a word segmenter (the analysis layer registers jieba's; text never imports it)."""
    _SEGMENTER[:] = [segment] if segment else []


def generic_title(kind: str, cue: str | None, text: str, speaker: str | None = None) -> str:
    """A title for people when no data file names the section: who speaks (the speaker, or the cue) and
    the first clause after the cue, a leading 了/的 dropped, a clause that is only a time phrase
    (过去一年) skipped; a clause over 16 characters is cut at a word boundary (with the registered
    segmenter, else at a 、) and never inside quotes. A heading section is titled by its heading.

    >>> generic_title("cue", "会议部署", "会议部署了2024年职业教育五项重点工作。")
    '会议部署：2024年职业教育五项重点工作'
    >>> generic_title("cue", "林远航指出", "林远航指出，过去一年，全省职业教育改革步伐加快。", "林远航")
    '林远航：全省职业教育改革步伐加快'
    >>> generic_title("cue", "会议还", "会议还对今年工作提出要求。")
    '会议还对今年工作提出要求'
    >>> generic_title("cue", "会上", "会上，三所学校作了发言。")
    '会上：三所学校作了发言'
    """
    rules = bundled_toml("structure.toml")
    titles = rules["titles"]
    if kind in ("lead", "attendance"):
        return titles[kind]
    if kind == "heading" and not cue:
        return text
    rest = text[len(cue) :] if cue and text.startswith(cue) else text
    clauses = [c for c in re.split(r"[，。；！？：,;]", rest.lstrip("，,：: 了的")) if c]
    clause = clauses[0] if clauses else ""
    if len(clauses) > 1 and re.match(rules["headings"]["time_clause"], clause):
        clause = clauses[1]
    clause = _cut(clause) if len(clause) > 16 else clause
    label = speaker or cue or ""
    if not speaker and cue in titles.get("run_on_cues", ()) and clause and rest[:1] not in "，,：: 了的":
        return cue + clause  # 会议还对…提出了要求: the sentence as written
    return (f"{label}：{clause}" if label else clause) if clause else label or titles["body"]


def _cut(clause: str, limit: int = 16) -> str:
    """The clause cut before ``limit`` characters at a word boundary, outside quotes, plus “…”."""
    if _SEGMENTER:
        bounds, pos = [], 0
        for word in _SEGMENTER[0](clause):
            pos += len(word)
            bounds.append(pos)
    else:
        bounds = [i for i, ch in enumerate(clause) if ch == "、"] or list(range(1, len(clause)))
    ok = [b for b in bounds if 6 <= b < limit and clause[:b].count("“") == clause[:b].count("”")]
    cut = max(ok) if ok else limit - 1
    return clause[:cut].rstrip("、，") + "…"


#: The one or two Han characters a hard wrap can leave of a headline on a line of their own (…隆重召 / 开).
_TAIL = re.compile(r"[\u4e00-\u9fff]{1,2}")
#: How long the line before such a tail must be for it to have been cut (a column name 要闻 comes first).
TAIL_AFTER = 8


def join_title_tails(head: list[str], is_title: Callable[[str], bool]) -> list[str]:
    """The headline's lines with a wrapped title's last one or two characters joined back to it: a line of
    one or two Han characters after a title line of :data:`TAIL_AFTER` characters or more that ends without
    punctuation. ``is_title`` says which lines can be titles (not a masthead, date or column name).

    >>> join_title_tails(["2031年全市教育工作会议隆重召", "开"], lambda h: len(h) > 2)
    ['2031年全市教育工作会议隆重召开']
    >>> join_title_tails(["要闻", "全市教育工作会议召开"], lambda h: len(h) > 2)
    ['要闻', '全市教育工作会议召开']
    """
    out: list[str] = []
    for line in head:
        before = out[-1] if out else ""
        if _TAIL.fullmatch(line) and len(before) >= TAIL_AFTER and is_title(before) and _TAIL.match(before[-1]):
            out[-1] = before + line
        else:
            out.append(line)
    return out
