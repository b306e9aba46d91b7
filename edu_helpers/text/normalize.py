"""规范化：修复 PDF 文本提取的痕迹。Normalize stage: repair the artefacts of text extraction.

Each rule is a small pure ``str -> str`` function whose docstring names the artefact it repairs.
:func:`normalize` runs :data:`RULES` in order; the result has one paragraph (or headline line) per
line, no blank lines, and the same content characters in the same order as the input (only
whitespace and page footers are removed).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable

from edu_helpers.data_files import bundled_toml
from edu_helpers.text import patterns as R

_FINAL = "。！？!?…"
_CLOSING = "”’」』）》】〕)\"'"


def drop_page_footers(text: str) -> str:
    """Remove page-number lines left by PDF extraction (``— 2 —``, ``- 3 -``, ``第 4 页``), with the
    blank lines around them, so that a footer inside a paragraph leaves no paragraph break.

    >>> drop_page_footers("教育强国\\n\\n— 2 —\\n\\n建设")
    '教育强国\\n建设'
    """
    lines = text.split("\n")
    footer = [bool(R.PAGE_FOOTER.match(line)) for line in lines]
    if not any(footer):
        return text
    drop = set()
    for i, is_footer in enumerate(footer):
        if is_footer:
            drop.add(i)
            for step in (-1, 1):
                j = i + step
                while 0 <= j < len(lines) and not lines[j].strip():
                    drop.add(j)
                    j += step
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def strip_line_ends(text: str) -> str:
    """Remove trailing whitespace that extractors leave at line ends.

    >>> strip_line_ends("会议指出， \\n")
    '会议指出，\\n'
    """
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _ends_sentence(line: str) -> bool:
    core = line.rstrip().rstrip(_CLOSING)
    return bool(core) and core[-1] in _FINAL


def _cue_pattern() -> re.Pattern[str]:
    rules = bundled_toml("structure.toml")
    cues = sorted(rules["cues"]["section"], key=len, reverse=True)
    numbered = "|".join(f"(?:{p.replace('(?P<n>', '(?:')})" for p in rules["numbering"]["patterns"])
    return re.compile("|".join([*(re.escape(c) for c in cues), numbered]))


def _wrap_width(lines: list[str], widths: list[float], opener: re.Pattern[str]) -> float | None:
    """The width of a full line if the text is hard-wrapped, else ``None``.

    Hard-wrapped text has many lines of nearly the same width; web copy (one paragraph per
    line) has lines of every length. The largest cluster of similar widths may hold first lines
    (2 cells narrower: the indent was lost) as well as full lines, so the full width is measured
    on lines that do not look like first lines; a short report made only of first lines and
    short last lines gets the cluster's width plus the lost indent. Widths are counted once per
    distinct width (a sorted window), so this is n log n in the number of lines.
    """
    if len(widths) < 4:
        return None
    counts = Counter(widths)
    distinct = sorted(counts)
    best, center, lo, hi, inside = 0, 0.0, 0, 0, 0
    for w in distinct:  # lines within ±1 cell of each distinct width, by a sliding window
        while hi < len(distinct) and distinct[hi] <= w + 1.0:
            inside += counts[distinct[hi]]
            hi += 1
        while distinct[lo] < w - 1.0:
            inside -= counts[distinct[lo]]
            lo += 1
        if (inside, w) > (best, center):
            best, center = inside, w
    near = sorted(x for x in widths if abs(x - center) <= 1.0)
    center = near[len(near) // 2] if len(near) % 2 else (near[len(near) // 2 - 1] + near[len(near) // 2]) / 2
    mid_sentence = sum(1 for line in lines if not _ends_sentence(line)) / len(lines)
    enough = best >= max(3, 0.25 * len(widths)) or (best >= 3 and mid_sentence >= 0.3)
    top = statistics.quantiles(widths, n=10)[-1]
    if not enough or center < 0.8 * top or not 10 <= center <= 120:
        return None
    middle = [
        w
        for i, w in enumerate(widths)
        if i > 0 and widths[i - 1] >= center - 2.5 and not opener.match(lines[i].strip()) and center - 1.5 <= w
    ]
    return statistics.median(middle) if len(middle) >= 2 else center + 2


def unwrap_lines(text: str, *, opener: re.Pattern[str] | None = None) -> str:
    """Join hard-wrapped lines into paragraphs, one paragraph per output line.

    Repairs: hard wraps at a fixed width (12–120 cells; words broken across lines, 中央教 / 育工作领导小组);
    a blank line after every line; lost paragraph indents; kinsoku (a line a cell wider because closing
    punctuation hangs, or a cell narrower because a character was pushed down); page-break lines that
    follow with or without a blank line. A paragraph of this genre ends with sentence-final punctuation
    (or a colon before a list): a line that does not end so never ends a paragraph, unless the next line is
    indented or the line is a heading of its own (short, without punctuation). A line that does end a
    sentence ends a paragraph when it is shorter than a full line (a first line counts 2 cells narrower:
    its indent was lost), or the next line opens a paragraph (a meeting cue or a numbered item) or has a
    first line's width. Where blank lines are rare they are paragraph breaks (not inside a sentence);
    where lines are not hard-wrapped (web copy) every line is a paragraph, except that a line broken
    inside a sentence (…党 / 中央关于…) is joined to the next.

    >>> unwrap_lines("\u3000\u3000会议指出，教育强国。\\n\\n\u3000\u3000一是加强。")
    '会议指出，教育强国。\\n一是加强。'
    """
    opener = opener or _cue_pattern()
    raw = text.split("\n")
    lines: list[tuple[str, bool]] = []  # (line, blank line before it)
    blank = False
    for line in raw:
        if line.strip():
            lines.append((line, blank))
            blank = False
        else:
            blank = True
    if not lines:
        return ""
    gaps = [b for _, b in lines[1:]]
    blank_breaks = bool(gaps) and 0 < sum(gaps) < 0.6 * len(gaps)
    # Width as typeset: the spaces extraction puts around digits (2023 年) take no room on the page.
    widths = [R.display_width(R.SPACE_CJK_ASCII.sub("", line.strip())) for line, _ in lines]
    full = _wrap_width([line for line, _ in lines], widths, opener)
    indent = _lost_indent([line for line, _ in lines], widths, full)

    paragraphs: list[list[str]] = [[lines[0][0]]]
    plain = (len(lines[0][0].strip()), not set(lines[0][0]) & _INNER_PUNCT)  # paragraph so far: length, no punctuation
    for i in range(len(lines) - 1):
        (cur, _), (nxt, blank_before) = lines[i], lines[i + 1]
        first_line = len(paragraphs[-1]) == 1
        blank_break = blank_before and blank_breaks
        heading = plain[1] and plain[0] <= 64
        if _breaks(cur, nxt, widths[i], widths[i + 1], full, first_line, blank_break, opener, indent, heading):
            paragraphs.append([nxt])
            plain = (0, True)
        else:
            paragraphs[-1].append(nxt)
        plain = (plain[0] + len(nxt.strip()), plain[1] and not set(nxt) & _INNER_PUNCT)
    return "\n".join(_join(p) for p in paragraphs)


_INNER_PUNCT = set("，、；：,;")


def _lost_indent(lines: list[str], widths: list[float], full: float | None) -> float:
    """How much narrower a first line is: 2 cells when the indent was lost, 0 when first lines are flush.

    Measured on the lines that follow a clear paragraph end (a short line ending a sentence).
    """
    if full is None:
        return 2.0
    after = sorted(
        widths[i + 1]
        for i in range(len(lines) - 1)
        if _ends_sentence(lines[i]) and widths[i] < full - 3 and not _ends_sentence(lines[i + 1])
    )
    if len(after) < 2:
        return 2.0
    return 0.0 if after[len(after) // 2] >= full - 0.75 else 2.0


def _lone_heading(line: str) -> bool:
    """A short line with no punctuation at all: a headline or sub-heading line, never wrapped text."""
    core = line.strip()
    return len(core) <= 64 and not (set(core) & _INNER_PUNCT) and not _ends_sentence(core)


def _breaks(
    cur: str,
    nxt: str,
    width: float,
    next_width: float,
    full: float | None,
    first_line: bool,
    blank_break: bool,
    opener: re.Pattern[str],
    indent: float = 2.0,
    heading: bool = False,
) -> bool:
    ends = _ends_sentence(cur) or cur.rstrip().endswith(("：", ":"))
    if R.INDENT.match(nxt):
        return True
    if full is None:  # web copy: a line is a paragraph unless it stops inside a sentence
        # (a headline never holds ，；, a numbered heading holds at most 、： — they stay lines of their own)
        return ends or not (set(cur) & set("，；,;")) or _lone_heading(nxt)
    if not ends:
        # a headline or heading on its own line(s): short, and no punctuation in its paragraph so far
        return width < full - 3.5 and heading and _lone_heading(cur)
    if blank_break:
        return True
    expected = full - indent if first_line else full
    if width < expected - 1.25:
        return True
    # A cue or number opens a paragraph, unless the next line is full width where first lines lost
    # their indent: a first line is narrower, so a full line starting with 会议强调 is a continuation.
    if opener.match(nxt.strip()) and (next_width < full - 0.5 or not indent):
        return True
    # The next line has a first line's width (its indent was lost) and does not itself end a
    # sentence, so it starts a paragraph rather than finishing this one.
    return bool(indent) and full - 2.75 <= next_width <= full - 1.25 and not _ends_sentence(nxt)


def _join(lines: list[str]) -> str:
    out = ""
    for line in lines:
        piece = R.INDENT.sub("", line).strip() if not out else line.strip()
        if out and out[-1].isascii() and out[-1].isalnum() and piece[:1].isascii() and piece[:1].isalpha():
            out += " "  # a Latin word broken across lines keeps its space
        out += piece
    return out


def join_cjk_spaces(text: str) -> str:
    """Remove whitespace between two Chinese characters or punctuation marks (page-break leading
    spaces, justified-line spacing). A short line without sentence punctuation (a headline or a
    sub-heading: 锚定目标 聚焦重点) whose spaces all separate phrases of four or more characters keeps
    one space there.

    >>> join_cjk_spaces("建设教育 强国，加快。\\n锚定目标\u3000 聚焦重点")
    '建设教育强国，加快。\\n锚定目标 聚焦重点'
    """
    return "\n".join(
        R.SPACE_BETWEEN_CJK.sub(" " if _heading_like(line) else "", line) if " " in line or "　" in line else line
        for line in text.split("\n")
    )


def _heading_like(line: str) -> bool:
    core = line.strip()
    if len(core) > 64 or set(core) & set("。！？；，、!?;,") or not R.SPACE_BETWEEN_CJK.search(core):
        return False
    return all(len(part) >= 4 for part in core.split())


def tighten_cjk_ascii(text: str) -> str:
    """Remove the spaces PDF layout puts between digits or Latin words and Chinese (``2023 年``);
    spaces between two Latin words stay.

    >>> tighten_cjk_ascii("1 月 12 日，支持 5G 网络和 Open AI 模型")
    '1月12日，支持5G网络和Open AI模型'
    """
    return R.SPACE_CJK_ASCII.sub("", text)


def collapse_spaces(text: str) -> str:
    """Runs of spaces become one space; lines lose leading and trailing spaces.

    >>> collapse_spaces("  Open   AI ")
    'Open AI'
    """
    return "\n".join(R.MULTI_SPACE.sub(" ", line).strip() for line in text.split("\n"))


Rule = Callable[[str], str]

#: The rules in the order they run.
RULES: tuple[Rule, ...] = (
    drop_page_footers,
    strip_line_ends,
    unwrap_lines,
    join_cjk_spaces,
    tighten_cjk_ascii,
    collapse_spaces,
)


def make_pipeline(rules: Iterable[Rule]) -> Rule:
    """Compose rules left to right into one ``str -> str`` function."""
    rules = tuple(rules)

    def run(text: str) -> str:
        for rule in rules:
            text = rule(text)
        return text

    return run


normalize: Rule = make_pipeline(RULES)
