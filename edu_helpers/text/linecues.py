"""拆行线索：一行本身说明了什么。Line cues for the unwrapper: what a line says about itself.

Punctuation (does the line end a sentence, which marks hang past the wrap), headings (a headline line, a
sub-heading set with spaces, a numbered heading), and the words that open a paragraph (a meeting or speaker
cue, a numbered item, a dateline, an attendance sentence). :mod:`edu_helpers.text.unwrap` weighs them with
the geometry of the lines. Word lists and patterns come from ``data/structure.toml``.
"""

from __future__ import annotations

import functools
import re

from edu_helpers.data_files import bundled_toml
from edu_helpers.text import patterns as R
from edu_helpers.text.sentences import marks
from edu_helpers.text.structure import is_headline, section_cue, speakers_of

FINAL, CLOSING = marks()  # data/structure.toml [sentences]
INNER_PUNCT = set("，、；：,;")
#: Closing punctuation that may hang a cell past the wrap width (kinsoku).
HANG_CHARS = "，。、；：？！”’）》」』】〕,.;:?!)…"


def ends_sentence(line: str) -> bool:
    """The line ends with sentence-final punctuation (closing quotes and brackets after it allowed)."""
    core = line.rstrip().rstrip(CLOSING)
    return bool(core) and core[-1] in FINAL


@functools.cache
def rules() -> dict:
    """The unwrapper's rules from ``data/structure.toml``, compiled once."""
    data = bundled_toml("structure.toml")
    cues = sorted(data["cues"]["section"], key=len, reverse=True)
    numbered = "|".join(f"(?:{p.replace('(?P<n>', '(?:')})" for p in data["numbering"]["patterns"])
    unwrap = data["unwrap"]
    return {
        "opener": re.compile("|".join([*(re.escape(c) for c in cues), numbered])),
        "numbered": re.compile(numbered),
        "inline": re.compile(data["numbering"]["inline_ordinal"]),
        "headline_forbidden": set(data["headline"]["forbidden"]),
        "attendance": tuple(unwrap["attendance_endings"]),
        "dateline": re.compile(unwrap["dateline"]),
        "header_lines": int(unwrap["header_lines"]),
        "lookahead": int(unwrap["lookahead_lines"]),
        "section_number": re.compile(unwrap["section_number"]),
    }


def spaced_heading(line: str) -> bool:
    """A short line without punctuation whose spaces all separate phrases of four or more characters
    (锚定目标 聚焦重点): a headline or sub-heading as typeset, never wrapped body text."""
    core = line.strip()
    if len(core) > 64 or set(core) & set("。！？；，、!?;,") or not R.SPACE_BETWEEN_CJK.search(core):
        return False
    return all(len(part) >= 4 for part in core.split())


def hanging(line: str) -> int:
    """Cells of closing punctuation at the end of a line, which may hang past the wrap width."""
    core = line.rstrip()
    return len(core) - len(core.rstrip(HANG_CHARS))


def lone_heading(line: str) -> bool:
    """A short line with no punctuation but its numbering (一、2024年工作回顾): a headline or sub-heading line,
    never wrapped text."""
    core = line.strip()
    return len(core) <= 64 and unpunctuated(core) and not ends_sentence(core)


def unpunctuated(line: str) -> bool:
    """No ，、；： in a line, but for the numbering it opens with (一、 （二） 3.)."""
    core = line.strip()
    core = core[m.end() :] if (m := rules()["numbered"].match(core)) else core
    return not set(core) & INNER_PUNCT


def header_lines(clean: list[str], widths: list[float], full: float | None, indent: float, opens: list[bool]) -> int:
    """How many lines at the top are headline lines, each a line of its own whatever its width: short, no
    sentence punctuation, not ending in a colon, not a dateline. The first such line is the headline; a
    later one whose width is a body line's (a lead's first line is as short as a headline at narrow widths)
    is one only if the line after it is another headline line or opens a paragraph (a dateline, a cue, a
    first line's width)."""
    r = rules()

    def headline(line: str) -> bool:
        return is_headline(line) and not line.endswith(("：", ":", "、")) and not r["dateline"].search(line)

    n = 0
    while n < min(r["header_lines"], len(clean) - 1) and headline(clean[n]):
        nxt, w = n + 1, widths[n]
        if n and full is not None and full - 3.5 <= w <= full + 1.5:
            first_line = bool(indent) and full - 2.75 <= widths[nxt] <= full - 1.25
            if not (headline(clean[nxt]) or opens[nxt] or first_line):
                break
        n += 1
    return n


def openers(clean: list[str]) -> list[bool]:
    """For each line, whether what it says opens a paragraph: a meeting cue or numbered item (not the first of
    an inline list, 一是…；二是…), a dateline, a speaker the text names after an office (怀进鹏指出，), or an
    attendance sentence (…负责同志参加会议。). Linear: each line looks ahead at most ``lookahead_lines``
    lines for the end of its sentence."""
    r = rules()
    speakers = speakers_of("".join(clean))
    out = []
    for i, line in enumerate(clean):
        window = "".join(clean[i : i + r["lookahead"]])
        end = next((k for k, ch in enumerate(window) if ch in FINAL), len(window))
        sentence = window[:end]
        if r["inline"].match(sentence) and len(r["inline"].findall(sentence)) >= 2:
            out.append(False)  # 一是…；二是…： a list inside the paragraph the colon opened
        elif r["opener"].match(line) or r["dateline"].match(line) or section_cue(line, speakers):
            out.append(True)
        else:
            out.append(end < len(window) and sentence.endswith(r["attendance"]))
    return out
