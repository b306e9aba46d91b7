"""拆行：把硬换行的文本接回段落。Unwrap stage: join hard-wrapped lines into paragraphs.

A PDF extraction or an e-paper copy breaks every paragraph into lines of one width (12–120 cells), with or
without blank lines, lost indents, kinsoku and page breaks. :func:`unwrap_lines` (a rule of
``normalize.RULES``) decides for each line break whether it is a wrap or a paragraph end from three kinds of
evidence: punctuation (a paragraph of this genre ends a sentence), geometry (the full width, estimated by
:func:`_wrap_width`; a first line is narrower by a lost indent) and what the next line says (a meeting or
speaker cue, a numbered item, an attendance sentence, a heading of its own). Rules are data
(``data/structure.toml``).
"""

from __future__ import annotations

import statistics
from collections import Counter
from itertools import pairwise

from edu_helpers.text import patterns as R
from edu_helpers.text.linecues import (
    FINAL,
    ends_sentence,
    hanging,
    header_lines,
    lone_heading,
    openers,
    rules,
    spaced_heading,
    unpunctuated,
)

_BODY_PUNCT = set("，、；。,;")


def _wrap_width(lines: list[str], widths: list[float]) -> float | None:
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
    mid_sentence = sum(1 for line in lines if not ends_sentence(line)) / len(lines)
    enough = best >= max(3, 0.25 * len(widths)) or (best >= 3 and mid_sentence >= 0.3)
    body = [w for line, w in zip(lines, widths, strict=True) if set(line) & rules()["headline_forbidden"]]
    top = statistics.quantiles(body if len(body) >= 4 else widths, n=10)[-1]  # a headline set wide is no guide
    # Two or more of the widest lines holding punctuation but stopping inside a sentence, at one width (or a
    # first line's): wrapped, however few lines.
    broken = sorted(
        w
        for line, w in zip(lines, widths, strict=True)
        if w >= 0.8 * top
        and not ends_sentence(line)
        and not line.rstrip().endswith(("：", ":"))
        and (not unpunctuated(line) or set(line) & set(FINAL))
    )
    paired = [b for a, b in pairwise(broken) if b - a <= 2.0]  # full lines, or a first line and a full one
    if paired and (not enough or center < 0.8 * top):
        enough, center = True, paired[-1]
    if not enough or center < 0.8 * top or not 10 <= center <= 120:
        return None
    return _best_width(lines, widths, center)


def _best_width(lines: list[str], widths: list[float], center: float) -> float:
    """The full-line width that explains the lines broken inside a sentence best.

    A line that stops inside a sentence is a wrapped line: a full line (the width; a cell wider when
    closing punctuation hangs, a cell narrower when a character was pushed down) or a first line
    (2 cells narrower: the indent was lost). Each candidate width is scored by how many such lines it
    explains, and loses heavily for every line wider than it could be (a line without punctuation, such as
    a headline set wider, does not count against it; a paragraph's last line is at most a hanging cell
    wider). Candidates are the distinct widths near the cluster's center (at most 16), each scored in one
    pass: linear in the number of lines.
    """
    mid, ends = [], []  # (width, cells that may hang past the wrap, has punctuation)
    for line, w in zip(lines, widths, strict=True):
        hang = hanging(line)
        if ends_sentence(line) or line.rstrip().endswith(("：", ":")):
            ends.append((w, hang))
        else:
            mid.append((w, hang, bool(set(line) & _BODY_PUNCT)))  # a headline holds at most ：
    near = {w for w, _, _ in mid} | {w - 1 for w, _ in ends} | {w + 0.5 for w, _, _ in mid}
    candidates = sorted({w for w in near if center - 3 <= w <= center + 4} | {center}, reverse=True)[:24]

    def score(full: float) -> float:
        total = -5.0 * sum(1 for w, hang in ends if w > full + max(1, hang))
        for w, hang, punct in mid:
            d = w - full
            if -0.5 <= d <= 0:  # a full line (half a cell short where a Latin letter did not fit)
                total += 1.0 if d == 0 else 0.9
            elif d > 0:  # wider than a full line: only by hanging punctuation
                total += 1.0 if d <= hang else (-5.0 if punct else 0.0)
            elif -1.5 <= d < -0.5:  # a character pushed down (kinsoku)
                total += 0.5
            elif -2.75 <= d < -1.5:  # a first line whose indent was lost
                total += 0.6
            elif -3.5 <= d < -2.75:
                total += 0.3
        return total

    return max(candidates, key=lambda full: (score(full), full))


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines into paragraphs, one paragraph per output line.

    Repairs: hard wraps at a fixed width (12–120 cells; words broken across lines, 中央教 / 育工作领导小组);
    a blank line after every line; lost paragraph indents; kinsoku (a line a cell wider because closing
    punctuation hangs, or a cell narrower because a character was pushed down); page-break lines that
    follow with or without a blank line. A paragraph of this genre ends with sentence-final punctuation
    (or a colon before a list): a line that does not end so never ends a paragraph, unless the next line is
    indented or the line is a heading of its own (the headline lines at the top; a short line without
    punctuation; a line of phrases set apart by spaces). A line that does end a sentence ends a paragraph
    when it is shorter than a full line (a first line counts 2 cells narrower: its indent was lost), when
    the next line is a heading, or opens a paragraph (a meeting or speaker cue, a numbered item, an
    attendance sentence) or has a first line's width. Where blank lines are rare they are paragraph breaks
    (not inside a sentence); where lines are not hard-wrapped (web copy) every line is a paragraph, except
    that a line broken inside a sentence (…党 / 中央关于…) is joined to the next. A numbered item that
    ends its clause with ；, before a line that starts with a number, is a paragraph ((一)…；/(二)…；;
    in wrapped text when its last line is short), unless a list runs on in it (一是…；二是…).

    >>> unwrap_lines("\u3000\u3000会议指出，教育强国。\\n\\n\u3000\u3000一是加强。")
    '会议指出，教育强国。\\n一是加强。'
    """
    lines: list[tuple[str, bool]] = []  # (line, blank line before it)
    blank = False
    for line in text.split("\n"):
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
    clean = [R.SPACE_CJK_ASCII.sub("", line.strip()) for line, _ in lines]
    widths = [R.display_width(c) for c in clean]
    full = _wrap_width([line for line, _ in lines], widths)
    indent = _lost_indent([line for line, _ in lines], widths, full)
    opens = openers(clean)
    header = header_lines(clean, widths, full, indent, opens)

    numbered, inline = rules()["numbered"], rules()["inline"]
    run_on = [bool(inline.search(c, 1)) for c in clean]  # 一是…；二是… inside the line
    paragraphs: list[list[str]] = [[lines[0][0]]]
    plain = (len(clean[0]), unpunctuated(clean[0]))  # paragraph so far: length, no punctuation
    item = (bool(numbered.match(clean[0])), run_on[0])  # paragraph so far: starts with a number, runs on
    for i in range(len(lines) - 1):
        (cur, _), (nxt, blank_before) = lines[i], lines[i + 1]
        line = _Line(cur, widths[i], len(paragraphs[-1]) == 1, plain[1] and plain[0] <= 64)
        line.item = item[0] and not item[1]
        after = _Line(nxt, widths[i + 1], opens=opens[i + 1])
        after.item = bool(numbered.match(clean[i + 1]))
        if i < header or _breaks(line, after, full, blank_before and blank_breaks, indent):
            paragraphs.append([nxt])
            plain, item = (0, True), (after.item, False)
        else:
            paragraphs[-1].append(nxt)
        plain = (plain[0] + len(clean[i + 1]), plain[1] and unpunctuated(clean[i + 1]))
        item = (item[0], item[1] or run_on[i + 1])
    return "\n".join(_join(p) for p in paragraphs)


def _lost_indent(lines: list[str], widths: list[float], full: float | None) -> float:
    """How much narrower a first line is: 2 cells when the indent was lost, 0 when first lines are flush.

    A vote of the lines that follow a sentence end (or a heading) and stop inside a sentence: most of them open a
    paragraph (a first line's width tells), a few continue one (full width). Without two votes, 2.
    """
    if full is None:
        return 2.0
    lost = flush = 0
    for i in range(len(lines) - 1):
        heading = lone_heading(lines[i]) and (widths[i] < full - 3.5 or spaced_heading(lines[i]))
        opened = ends_sentence(lines[i]) or heading
        if opened and not ends_sentence(lines[i + 1]) and not lone_heading(lines[i + 1]):
            lost += full - 2.75 <= widths[i + 1] <= full - 1.25
            flush += widths[i + 1] >= full - 0.75
    return 0.0 if lost + flush >= 2 and flush > lost else 2.0


class _Line:
    """One side of a line break: the line, its width, whether it is its paragraph's first line, whether its
    paragraph so far could be a heading (short, no punctuation), whether its words open a paragraph, and
    ``item``: before the break, its paragraph is one numbered item so far (a number first, no 一是…；二是…
    run on); after it, the line starts with a number."""

    __slots__ = ("first", "heading", "item", "opens", "text", "width")

    def __init__(self, text: str, width: float, first: bool = False, heading: bool = False, opens: bool = False):
        self.text, self.width, self.first, self.heading, self.opens = text, width, first, heading, opens
        self.item = False


def _breaks(cur: _Line, nxt: _Line, full: float | None, blank_break: bool, indent: float = 2.0) -> bool:
    ends = ends_sentence(cur.text) or cur.text.rstrip().endswith(("：", ":"))
    if R.INDENT.match(nxt.text):
        return True
    if _numbers(cur.text) and lone_heading(nxt.text) and not rules()["numbered"].match(nxt.text.strip()):
        return False  # 01 / 办好人民满意的教育: a sub-heading's number on a line of its own (→ 01 办好…)
    if _item_end(cur, nxt, full, indent):
        return True
    if full is None:  # web copy: a line is a paragraph unless it stops inside a sentence
        # (a headline never holds ，；, a numbered heading holds at most 、： — they stay lines of their own)
        return ends or not (set(cur.text) & set("，；,;")) or lone_heading(nxt.text)
    if not ends:
        # a headline or heading on its own line(s): short, and no punctuation in its paragraph so far; or
        # phrases set apart by spaces; or a line far wider than the wrap (a headline set wider than the body)
        apart = cur.width < full - 3.5 or cur.width > full + 1.5 or spaced_heading(cur.text)
        return apart and cur.heading and lone_heading(cur.text)
    if blank_break:
        return True
    if lone_heading(nxt.text) and (nxt.width < full - 3.5 or spaced_heading(nxt.text)):
        return True  # a sub-heading after a sentence end: a paragraph never ends without punctuation
    expected = full - indent if cur.first else full
    if cur.width < expected - 1.25:
        return True
    # A cue, number, speaker or attendance sentence opens a paragraph, unless the next line is full width
    # where first lines lost their indent: a first line is narrower, so a full line starting with 会议强调
    # is a continuation.
    if nxt.opens and (nxt.width - hanging(nxt.text) < full - 0.5 or not indent):
        return True
    # The next line has a first line's width (its indent was lost) and does not itself end a
    # sentence, so it starts a paragraph rather than finishing this one.
    return bool(indent) and full - 2.75 <= nxt.width <= full - 1.25 and not ends_sentence(nxt.text)


def _item_end(cur: _Line, nxt: _Line, full: float | None, indent: float) -> bool:
    """A list of numbered items, one paragraph each ((一)…；/(二)…；): the paragraph so far is one item, it
    ends a clause (；) and the next line starts with a number. A list run on within its paragraph
    (…工作：一是…；二是…) does not end there; in wrapped text the line must also be short, not a wrap."""
    if not (cur.item and nxt.item and cur.text.rstrip().endswith(("；", ";"))):
        return False
    return full is None or cur.width < (full - indent if cur.first else full) - 1.25


def _numbers(line: str) -> bool:
    """A line that is only a sub-heading's number (01, PART 2; not 2, which may be a page number)."""
    return bool(rules()["section_number"].fullmatch(line.strip()))


def _join(lines: list[str]) -> str:
    out = ""
    for line in lines:
        piece = R.INDENT.sub("", line).strip() if not out else line.strip()
        if out and out[-1].isascii() and out[-1].isalnum() and piece[:1].isascii() and piece[:1].isalpha():
            out += " "  # a Latin word broken across lines keeps its space
        elif out and _numbers(out):
            out += " "  # a sub-heading's number and its words: 01 办好…
        out += piece
    return out
