"""规范化：修复 PDF 文本提取的痕迹。Normalize stage: repair the artefacts of text extraction.

Each rule is a small pure ``str -> str`` function whose docstring names the artefact it repairs.
:func:`normalize` runs :data:`RULES` in order; the result has one paragraph (or headline line) per
line, no blank lines, and the same content characters in the same order as the input (only
whitespace and page footers are removed).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable

from . import resources as R
from .data_files import bundled_toml

_FINAL = "。！？!?…"
_CLOSING = "”’」』）》】〕)\"'"


def drop_page_footers(text: str) -> str:
    """Remove page-number lines left by PDF extraction (``— 2 —``, ``- 3 -``, ``第 4 页``).

    >>> drop_page_footers("教育强国\\n— 2 —\\n建设")
    '教育强国\\n\\n建设'
    """
    return R.PAGE_FOOTER.sub("", text)


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


def _wrap_width(widths: list[float]) -> float | None:
    """The width of a full line if the text is hard-wrapped, else ``None``.

    Hard-wrapped text has many lines of nearly the same width; web copy (one paragraph per
    line) has lines of every length.
    """
    if len(widths) < 4:
        return None
    full = statistics.quantiles(widths, n=4)[2]  # 75th percentile: most lines are full lines
    near = sum(1 for w in widths if abs(w - full) <= 1.0)
    return full if near >= max(3, 0.4 * len(widths)) and full <= 120 else None


def unwrap_lines(text: str, *, opener: re.Pattern[str] | None = None) -> str:
    """Join hard-wrapped lines into paragraphs, one paragraph per output line.

    Repairs: hard wraps at a fixed width (words broken across lines, 中央教 / 育工作领导小组); a blank
    line after every line; lost paragraph indents; page-break lines that follow without a blank
    line. A line ends a paragraph when the next line is indented, or it is clearly short (a last
    line or a heading), or it ends a sentence and either is shorter than a full line (a first line
    counts 2 cells narrower: its indent was lost) or the next line opens a paragraph (a meeting cue
    or a numbered item). Where blank lines are rare they are paragraph breaks; where lines are not
    hard-wrapped (web copy) every line is a paragraph.

    >>> unwrap_lines("会议指出，教育\\n\\n强国。")
    '会议指出，教育强国。'
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
    widths = [R.display_width(line.strip()) for line, _ in lines]
    full = _wrap_width(widths)

    paragraphs: list[list[str]] = [[lines[0][0]]]
    for i in range(len(lines) - 1):
        (cur, _), (nxt, blank_before) = lines[i], lines[i + 1]
        first_line = len(paragraphs[-1]) == 1
        if _breaks(cur, nxt, widths[i], full, first_line, blank_before and blank_breaks, opener):
            paragraphs.append([nxt])
        else:
            paragraphs[-1].append(nxt)
    return "\n".join(_join(p) for p in paragraphs)


def _breaks(
    cur: str, nxt: str, width: float, full: float | None, first_line: bool, blank_break: bool, opener: re.Pattern[str]
) -> bool:
    if blank_break or R.INDENT.match(nxt) or full is None:
        return True
    if width < full - 2.5:
        return True
    if not _ends_sentence(cur):
        return False
    expected = full - 2 if first_line else full
    return width < expected - 0.75 or bool(opener.match(nxt.strip()))


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
    spaces, justified-line spacing).

    >>> join_cjk_spaces("建设教育 强国")
    '建设教育强国'
    """
    return R.SPACE_BETWEEN_CJK.sub("", text)


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
