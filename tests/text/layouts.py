"""Re-layout a document's normalised text the ways other copies of a report arrive.

Used by the tests to prove that load_document() gives the same result whatever the layout:
PDF extraction at any wrap width (lost indents, blank line after each line, page breaks with a
leading space, page-number footers, spaces around digits) and web copy (one paragraph per line).
"""

from __future__ import annotations

import re

from edu_helpers.text.patterns import CJK, char_width

# Chinese line-breaking: these never start a line, so they hang at the end of the previous one.
_NO_LINE_START = "，。、；：？！”’）》」』】,.;:?!)"


def wrap(paragraph: str, width: int, *, indent_lost: bool = True) -> list[str]:
    """Greedy hard wrap at ``width`` cells; a first line is 2 cells narrower (its indent was lost)."""
    lines, line, used = [], "", 0.0
    limit = width - 2 if indent_lost else width
    for ch in paragraph:
        w = char_width(ch)
        if line and used + w > limit and ch not in _NO_LINE_START:
            carry = ""
            if ch.isascii() and ch.isalnum():  # a Latin word moves to the next line whole
                while line and line[-1].isascii() and line[-1].isalnum():
                    carry, line = line[-1] + carry, line[:-1]
            lines.append(line)
            line, used, limit = carry, sum(char_width(c) for c in carry), width
        line += ch
        used += w
    if line:
        lines.append(line)
    return lines


def pdf_spacing(text: str) -> str:
    """Put the spaces PDF extraction leaves between digits and Chinese (``2023 年``)."""
    text = re.sub(rf"(?<=[{CJK}])(?=[0-9])", " ", text)
    return re.sub(rf"(?<=[0-9])(?=[{CJK}])", " ", text)


def pdf_layout(
    doc, width: int = 41, *, page_lines: int = 0, footer: str = "", blank_after: bool = True, digit_spaces: bool = True
) -> str:
    """The document as a PDF text extraction.

    Args:
        width: wrap width in full-width cells.
        page_lines: every this many body lines a page break: no blank line before the next line,
            which starts with one space (0: no page breaks).
        footer: a page-number footer format such as ``"— {} —"`` inserted at each page break.
        blank_after: a blank line after every line (as in the bundled extraction).
        digit_spaces: spaces between digits and Chinese.
    """
    out: list[str] = [doc.title, *doc.subtitles]
    body: list[str] = []
    for p in doc.paragraph_records:
        body.extend(wrap(p.text, width))
    page = 1
    sep = "\n\n" if blank_after else "\n"
    text = sep.join(out) + "\n"
    for n, line in enumerate(body, 1):
        if digit_spaces:
            line = pdf_spacing(line)
        text += line
        if page_lines and n % page_lines == 0 and n < len(body):
            page += 1
            text += "\n" + (footer.format(page - 1) + "\n" if footer else "") + " "
        else:
            text += sep
    return text


def web_layout(doc, *, indent: str = "\u3000\u3000", blank_lines: bool = True, newline: str = "\n") -> str:
    """The document as web copy: one paragraph per line, indented, blank lines between or not."""
    sep = newline * 2 if blank_lines else newline
    lines = [doc.title, *doc.subtitles] + [indent + p.text for p in doc.paragraph_records]
    return sep.join(lines) + newline
