"""规范化：修复 PDF 文本提取的痕迹。Normalize stage: repair the artefacts of text extraction.

Each rule is a small pure ``str -> str`` function whose docstring names the artefact it repairs.
:func:`normalize` runs :data:`RULES` in order; the result has one paragraph (or headline line) per
line, no blank lines, and the same content characters in the same order as the input (only
whitespace, page footers and running headers are removed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from edu_helpers.text import patterns as R
from edu_helpers.text.linecues import ends_sentence, spaced_heading
from edu_helpers.text.linecues import rules as line_rules
from edu_helpers.text.unwrap import unwrap_lines


def drop_page_footers(text: str) -> str:
    """Remove page-number lines left by PDF extraction (``— 2 —``, ``- 3 -``, ``第 4 页``), with the
    blank lines around them, so that a footer inside a paragraph leaves no paragraph break; and a running
    header or footer: a short line that stands next to two page numbers or more (某市教育局 above each one).

    >>> drop_page_footers("教育强国\\n\\n— 2 —\\n\\n建设")
    '教育强国\\n建设'
    >>> drop_page_footers("甲。\\n某局\\n- 2 -\\n乙。\\n某局\\n- 3 -\\n丙。")
    '甲。\\n乙。\\n丙。'
    """
    lines = text.split("\n")
    footer = [bool(R.PAGE_FOOTER.match(line)) for line in lines]
    if not any(footer):
        return text
    drop = set()
    beside: dict[str, list[int]] = {}  # a short line next to a page number → where
    for i, is_footer in enumerate(footer):
        if is_footer:
            drop.add(i)
            for step in (-1, 1):
                j = i + step
                while 0 <= j < len(lines) and not lines[j].strip():
                    drop.add(j)
                    j += step
                if 0 <= j < len(lines) and not footer[j] and _running_line(lines[j]):
                    beside.setdefault(lines[j].strip(), []).append(j)
    for where in beside.values():
        if len(set(where)) >= 2:
            drop.update(where)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _running_line(line: str) -> bool:
    """Short enough to be a running header or footer: not a sentence, not a numbered heading (一、…)."""
    core = line.strip()
    return 0 < len(core) <= 30 and not ends_sentence(core) and not line_rules()["numbered"].match(core)


def strip_line_ends(text: str) -> str:
    """Remove trailing whitespace that extractors leave at line ends.

    >>> strip_line_ends("会议指出， \\n")
    '会议指出，\\n'
    """
    return "\n".join(line.rstrip() for line in text.split("\n"))


def join_cjk_spaces(text: str) -> str:
    """Remove whitespace between two Chinese characters or punctuation marks (page-break leading
    spaces, justified-line spacing). A short line without sentence punctuation (a headline or a
    sub-heading: 锚定目标 聚焦重点) whose spaces all separate phrases of four or more characters keeps
    one space there.

    >>> join_cjk_spaces("建设教育 强国，加快。\\n锚定目标\u3000 聚焦重点")
    '建设教育强国，加快。\\n锚定目标 聚焦重点'
    """
    return "\n".join(
        R.SPACE_BETWEEN_CJK.sub(" " if spaced_heading(line) else "", line) if " " in line or "　" in line else line
        for line in text.split("\n")
    )


def tighten_cjk_ascii(text: str) -> str:
    """Remove the spaces PDF layout puts between digits or Latin words and Chinese (``2023 年``);
    spaces between two Latin words stay.

    >>> tighten_cjk_ascii("1 月 12 日，支持 5G 网络和 Open AI 模型")
    '1月12日，支持5G网络和Open AI模型'

    The space after a sub-heading's number at the start of a line stays (``01 办好…``, ``PART 2 抓好…``).

    >>> tighten_cjk_ascii("01 办好人民满意的教育\\n2023 年")
    '01 办好人民满意的教育\\n2023年'
    """
    out = []
    for line in text.split("\n"):
        n = _number_prefix(line)
        out.append(line[: n + 1] + R.SPACE_CJK_ASCII.sub("", line[n + 1 :]) if n else R.SPACE_CJK_ASCII.sub("", line))
    return "\n".join(out)


def _number_prefix(line: str) -> int:
    """The length of a sub-heading's number that opens ``line`` before a space (01 办好…, PART 2 抓好…), or 0."""
    words = line.split(" ", 2)
    for k in (2, 1):
        head = " ".join(words[:k])
        if len(words) > k and line_rules()["section_number"].fullmatch(head):
            return len(head)
    return 0


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
