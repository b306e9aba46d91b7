"""重排版：把一篇文本按给定宽度重新硬换行，模拟各种 PDF/电子报的提取结果。Rewrap text the ways copies arrive.

Widths are in cells as ``tests/layouts.py`` measures them (``edu_helpers`` ``char_width``: CJK and full-width
1 cell, ASCII ½). Options cover what the issue lists:

* ``indent``: ``"lost"`` (first line 2 cells narrower, no indent characters: extraction dropped them),
  ``"kept"`` (first line starts with two ideographic spaces), ``"none"`` (flush: first line full width);
* ``overhang``: ``True`` — kinsoku by hanging: closing punctuation that may not start a line stays on the
  previous one, which is then a cell wider; ``False`` — kinsoku by pushing: the last character moves down
  with the punctuation, so that line is a cell narrower;
* ``digit_spaces``: spaces between digits/Latin and Chinese (``2023 年``), as PDF extraction leaves them;
* ``blank_after``: a blank line after every line; ``page_lines``/``footer``/``page_blank``: a page break
  every so many body lines, with a footer (``"— {} —"``, ``"第 {} 页"``) or none, and with blank lines
  around it or with the next line starting with one space.
"""

from __future__ import annotations

import re

from edu_helpers.text.patterns import CJK, char_width

#: 不能出现在行首的标点（避头尾）
NO_LINE_START = "，。、；：？！”’）》」』】〕,.;:?!)…"
#: 不能出现在行尾的标点
NO_LINE_END = "“‘（《「『【〔("


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def wrap(paragraph: str, width: float, *, indent: str = "lost", overhang: bool = True) -> list[str]:
    """Greedy hard wrap of one paragraph at ``width`` cells.

    >>> wrap("一二三四五六，七八。", 3, indent="none")  # the comma hangs: that line is 4 cells
    ['一二三', '四五六，', '七八。']
    >>> wrap("一二三四五六，七八。", 3, indent="none", overhang=False)
    ['一二三', '四五', '六，七', '八。']
    """
    if indent not in ("lost", "kept", "none"):
        raise ValueError(indent)
    first = "\u3000\u3000" if indent == "kept" else ""
    limit = width - 2 if indent == "lost" else width
    lines: list[str] = []
    line, used = first, sum(char_width(c) for c in first)
    for ch in paragraph:
        w = char_width(ch)
        if line.strip() and used + w > limit:
            if ch in NO_LINE_START and overhang:
                line += ch
                used += w
                continue
            carry = ""
            if ch in NO_LINE_START:  # push in: the previous character goes down with the punctuation
                carry, line = line[-1], line[:-1]
                while line and line[-1] in NO_LINE_START + NO_LINE_END and len(line) > 1:
                    carry, line = line[-1] + carry, line[:-1]
            elif _is_word_char(ch):  # a Latin word or a number moves to the next line whole
                while line and _is_word_char(line[-1]):
                    carry, line = line[-1] + carry, line[:-1]
            while line and line[-1] in NO_LINE_END:  # an opening bracket never ends a line
                carry, line = line[-1] + carry, line[:-1]
            if not line.strip():  # nothing could be moved: break where we are
                line, carry = line + carry, ""
            lines.append(line)
            line, used, limit = carry, sum(char_width(c) for c in carry), width
        line += ch
        used += w
    if line.strip():
        lines.append(line)
    return lines


def pdf_spacing(text: str) -> str:
    """Spaces between digits/Latin letters and Chinese, as PDF extraction leaves them (``2023 年``)."""
    text = re.sub(rf"(?<=[{CJK}])(?=[0-9A-Za-z])", " ", text)
    return re.sub(rf"(?<=[0-9A-Za-z%])(?=[{CJK}])", " ", text)


def rewrap_text(
    headline: list[str],
    paragraphs: list[str],
    width: float,
    *,
    indent: str = "lost",
    overhang: bool = True,
    digit_spaces: bool = True,
    blank_after: bool = True,
    page_lines: int = 0,
    footer: str = "",
    page_blank: bool = False,
    wrap_headings: bool = False,
) -> str:
    """Headline lines (never wrapped) and paragraphs hard-wrapped as a PDF extraction gives them.

    A paragraph without sentence-final punctuation (an in-body sub-heading) is wrapped too only with
    ``wrap_headings``; otherwise it stays on one line, as on the page.
    """
    sep = "\n\n" if blank_after else "\n"
    body: list[str] = []
    for p in paragraphs:
        heading = not re.search(r"[。！？：]", p)
        body.extend([p] if heading and not wrap_headings else wrap(p, width, indent=indent, overhang=overhang))
    if digit_spaces:
        body = [pdf_spacing(line) for line in body]
    text = sep.join(headline) + "\n"
    for n, line in enumerate(body, 1):
        text += line
        if page_lines and n % page_lines == 0 and n < len(body):
            mark = footer.format(n // page_lines) if footer else ""
            if page_blank:
                text += "\n\n" + (mark + "\n\n" if mark else "")
            else:
                text += "\n" + (mark + "\n" if mark else "") + " "
        else:
            text += sep
    return text


def rewrap_document(doc, width: float, **options) -> str:
    """A loaded document (title, subtitles, paragraphs) rewrapped; see :func:`rewrap_text`."""
    return rewrap_text([doc.title, *doc.subtitles], [p.text for p in doc.paragraph_records], width, **options)
