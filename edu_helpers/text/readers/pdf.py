"""PDF 读取：有文字层的 PDF → 段落。PDF reader (pdfminer.six, MIT).

Lines come from pdfminer's layout analysis with their geometry; a page set in two columns is read column by
column (:func:`columns`). Running headers and footers
(a line at the same height on most pages, digits aside) and page numbers in the top or bottom
band are dropped and recorded. Paragraphs are then made from the geometry: a new paragraph starts
where the next line is indented or set in another size, where the line gap widens, or where the
line ends before the right margin (well before it, or a little before it after 。！？), or where a
full line ends a sentence and the next opens a paragraph (a cue, 二、…) or is a short line of its own. The
result has one paragraph per line; the normalizer's rules then repair spacing inside lines.
A PDF with no text layer (a scan) or one that needs a password is refused with a clear message.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from edu_helpers.errors import DocumentError
from edu_helpers.text.linecues import rules as line_rules
from edu_helpers.text.readers import RawText

#: Largest PDF read: PDFs embed fonts and images; a report's is a few MB at most.
MAX_BYTES = 64 * 1024 * 1024
#: More pages than this is not a report (a book, a merged archive): refused before any layout.
MAX_PAGES = 1000
#: Share of the page height at the top and at the bottom where running heads and numbers live.
BAND = 0.15
#: Lines needed wholly on each side of a blank strip for a page to be read as two columns.
COLUMN_LINES = 6
# 页码行：— 2 —、- 3 -、第 4 页、第4页 共9页、5/9、Page 3 of 9、单独的数字
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－‒―·•]*(?:第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}(?:\s*[/／]\s*\d{1,4})?"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)[\s\-—–－‒―·•]*$"
)
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
#: A glyph pdfminer cannot map to a character (a font without a Unicode map): shown as (cid:2205).
_CID = re.compile(r"\(cid:\d+\)")
#: From this share of undecodable glyphs among the text's characters, the PDF is refused (nothing to read).
CID_REFUSED = 0.3
_FINAL = "。！？!?…；;：:"
_CLOSING = "”’」』）》】〕)\"'"


@dataclass(frozen=True)
class Line:
    """One text line with its geometry in PDF points (origin bottom left)."""

    page: int
    x0: float
    x1: float
    y0: float
    y1: float
    text: str
    page_height: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def _open(path: Path, data: bytes):
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError

    try:
        return PDFDocument(PDFParser(io.BytesIO(data)))
    except PDFPasswordIncorrect:
        raise DocumentError(path, "the PDF is encrypted and needs a password: save an unprotected copy") from None
    except PDFEncryptionError as exc:
        raise DocumentError(path, f"the PDF is encrypted in a way that cannot be opened ({exc})") from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError) as exc:
        raise DocumentError(path, f"the PDF is damaged and cannot be parsed ({exc})"[:300]) from None
    except Exception as exc:  # pdfminer's own PDFException/PSException family
        if type(exc).__module__.startswith("pdfminer"):
            raise DocumentError(path, f"the PDF is damaged and cannot be parsed ({exc})"[:300]) from None
        raise


def _page_count(path: Path, doc) -> int:
    from pdfminer.pdftypes import resolve1

    try:
        count = int(resolve1(resolve1(doc.catalog["Pages"])["Count"]))
    except Exception:  # no readable page tree: the layout pass counts pages as it goes
        return 0
    if count > MAX_PAGES:
        raise DocumentError(path, f"the PDF has {count:,} pages; the limit is {MAX_PAGES:,} pages (is this a report?)")
    return count


def _lines(path: Path, doc) -> tuple[list[list[Line]], int]:
    """Text lines per page in reading order, and the number of images seen."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextBox, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    # boxes_flow=None：不做文本框的层次合并（那一步是平方级），只要行
    device = PDFPageAggregator(PDFResourceManager(), laparams=LAParams(boxes_flow=None, detect_vertical=False))
    interpreter = PDFPageInterpreter(device.rsrcmgr, device)
    pages, images = [], 0
    for number, page in enumerate(PDFPage.create_pages(doc)):
        if number >= MAX_PAGES:
            raise DocumentError(path, f"the PDF has more than {MAX_PAGES:,} pages")
        interpreter.process_page(page)
        layout = device.get_result()
        found: list[Line] = []
        stack = list(layout)
        while stack:
            obj = stack.pop()
            if isinstance(obj, LTTextLine):
                text = obj.get_text().strip()
                if text:
                    found.append(Line(number, obj.x0, obj.x1, obj.y0, obj.y1, text, layout.height))
            elif isinstance(obj, LTTextBox | LTFigure):
                stack.extend(obj)
            elif isinstance(obj, LTImage):
                images += 1
        pages.append(columns(found))
    return pages, images


def _merge_segments(lines: list[Line]) -> list[Line]:
    """Sort top to bottom, left to right; join pieces of one baseline (a wide gap split them)."""
    lines.sort(key=lambda ln: (-round(ln.y0), ln.x0))
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev and abs(prev.y0 - ln.y0) < 0.3 * max(prev.height, 1.0) and ln.x0 >= prev.x1 - 1:
            out[-1] = Line(
                prev.page,
                prev.x0,
                ln.x1,
                min(prev.y0, ln.y0),
                max(prev.y1, ln.y1),
                f"{prev.text} {ln.text}",
                prev.page_height,
            )
        else:
            out.append(ln)
    return out


def _gutter(lines: list[Line]) -> float | None:
    """The x of the blank strip between two columns of text, or ``None`` (one column). A strip one line height
    wide in the middle of the text, crossed by at most a sixth of the lines (a headline, a full-width block),
    with at least :data:`COLUMN_LINES` lines wholly on each side; scanned in bins, linear in the lines."""
    body = [ln for ln in lines if not _in_band(ln)]
    if len(body) < 2 * COLUMN_LINES:
        return None
    x0, x1 = min(ln.x0 for ln in body), max(ln.x1 for ln in body)
    h = statistics.median(ln.height for ln in body)
    step = (x1 - x0) / 100 if x1 > x0 else 0
    if step <= 0:
        return None
    cover = [0] * 101
    for ln in body:
        for k in range(int((ln.x0 - x0) / step), min(100, int((ln.x1 - x0) / step)) + 1):
            cover[k] += 1
    need = max(1, int(h / step))
    blank = [k for k in range(35, 66 - need) if max(cover[k : k + need]) <= len(body) / 6]  # the middle
    if not blank:
        return None
    run = [k for k in blank if k - blank[0] == blank.index(k)]  # the first blank strip, as wide as it is
    g = x0 + (run[0] + run[-1] + need) / 2 * step  # its middle: a line's hanging mark stays on its side
    if min(sum(ln.x1 <= g for ln in body), sum(ln.x0 >= g for ln in body)) >= COLUMN_LINES:
        return g
    return None


def columns(lines: list[Line]) -> list[Line]:
    """A page's lines in reading order, pieces of one baseline joined (:func:`_merge_segments`). A page set in
    two columns: between lines that span the gutter (a headline), the left column, then the right one, moved
    onto the left's x so that the paragraph geometry (indents, line ends) reads it as it reads one column."""
    g = _gutter(lines)
    if g is None:
        return _merge_segments(lines)
    margin = lambda side: Counter(round(ln.x0) for ln in side).most_common(1)[0][0]  # noqa: E731
    shift = margin([ln for ln in lines if ln.x0 >= g]) - margin([ln for ln in lines if ln.x1 <= g])
    out: list[Line] = []
    band_l: list[Line] = []
    band_r: list[Line] = []
    for ln in sorted(lines, key=lambda ln: (-round(ln.y0), ln.x0)):
        if ln.x1 <= g:
            band_l.append(ln)
        elif ln.x0 >= g:
            band_r.append(Line(ln.page, ln.x0 - shift, ln.x1 - shift, ln.y0, ln.y1, ln.text, ln.page_height))
        else:
            out += [*_merge_segments(band_l), *_merge_segments(band_r), ln]
            band_l, band_r = [], []
    return [*out, *_merge_segments(band_l), *_merge_segments(band_r)]


def _in_band(ln: Line) -> bool:
    return ln.y0 > ln.page_height * (1 - BAND) or ln.y1 < ln.page_height * BAND


def _running_key(ln: Line) -> tuple[str, int]:
    return _DIGITS.sub("#", _SPACE.sub("", ln.text)), round(ln.y0 / 4)


def drop_running(pages: list[list[Line]]) -> tuple[list[Line], list[tuple[str, str]]]:
    """Body lines, and the headers, footers and page numbers removed (``(rule, text)``).

    Three rules, in the top or bottom band only: a page number; a line repeated at the same height
    on at least half of the pages (digits aside); and small print outside the body's lines (a header
    or footer on a one-page PDF, where nothing repeats: Chromium's date, title, URL and ``1/1``).
    """
    seen = Counter(key for lines in pages for key in {_running_key(ln) for ln in lines if _in_band(ln)})
    need = max(2, (len(pages) + 1) // 2)
    heights = [ln.height for lines in pages for ln in lines]
    small = 0.8 * statistics.median(heights) if heights else 0.0
    body, removed = [], []
    for lines in pages:
        normal = [ln for ln in lines if ln.height > small]
        top = max((ln.y1 for ln in normal), default=float("inf"))
        bottom = min((ln.y0 for ln in normal), default=float("-inf"))
        for ln in lines:
            if _in_band(ln) and _PAGE_NUMBER.match(ln.text):
                removed.append(("pdf-page-number", ln.text))
            elif _in_band(ln) and len(pages) > 1 and seen[_running_key(ln)] >= need:
                removed.append(("pdf-running-header", ln.text))
            elif _in_band(ln) and ln.height <= small and (ln.y0 >= top or ln.y1 <= bottom):
                removed.append(("pdf-margin-small-print", ln.text))
            else:
                body.append(ln)
    return body, removed


def _ends_sentence(text: str) -> bool:
    core = text.rstrip().rstrip(_CLOSING)
    return bool(core) and core[-1] in _FINAL


def paragraphs(lines: list[Line]) -> tuple[list[str], int]:
    """Join lines into paragraphs by geometry; return them and how many lead headline lines are."""
    if not lines:
        return [], 0
    h = statistics.median(ln.height for ln in lines)
    # the left margin: the leftmost start shared by several lines (in a short text the indented first
    # lines may outnumber the others, so the most common start is not the margin)
    starts = Counter(round(ln.x0) for ln in lines)
    shared = [x for x, n in starts.items() if n >= max(2, 0.1 * len(lines))]
    left = min(shared) if shared else starts.most_common(1)[0][0]
    right = statistics.quantiles([ln.x1 for ln in lines], n=4)[-1] if len(lines) > 2 else max(ln.x1 for ln in lines)
    gaps = [a.y0 - b.y0 for a, b in itertools.pairwise(lines) if a.page == b.page and a.y0 > b.y0]
    pitch = statistics.median(gaps) if gaps else 2 * h

    opener = line_rules()["opener"]  # a cue or a numbered item opens a paragraph

    def centred(ln: Line) -> bool:
        return ln.x0 > left + h and abs((ln.x0 - left) - (right - ln.x1)) < 1.5 * h

    def breaks(a: Line, b: Line) -> bool:
        if b.x0 > left + 1.2 * h or abs(a.height - b.height) > 0.15 * h:  # indent, other size
            return True
        if a.page == b.page and a.y0 - b.y0 > 1.6 * pitch:  # a wider gap
            return True
        if a.x1 < right - 1.5 * h:  # ends well before the right margin
            return True
        if _ends_sentence(a.text) and (opener.match(b.text) or (b.x1 < right - 1.5 * h and not _ends_sentence(b.text))):
            return True  # a full line ends a sentence, the next opens a paragraph (二、…) or is a short line of its own
        return a.x1 < right - 0.6 * h and _ends_sentence(a.text)

    groups: list[list[Line]] = [[lines[0]]]
    for a, b in itertools.pairwise(lines):
        if breaks(a, b):
            groups.append([b])
        else:
            groups[-1].append(b)
    head = 0
    while head < min(4, len(groups) - 1):
        g = groups[head]
        if len(g) == 1 and (centred(g[0]) or g[0].height > 1.15 * h):
            head += 1
        else:
            break
    return [_join(g) for g in groups], head


def _join(group: list[Line]) -> str:
    out = ""
    for ln in group:
        if out and out[-1].isascii() and out[-1].isalnum() and ln.text[:1].isascii() and ln.text[:1].isalpha():
            out += " "  # a Latin word broken across lines keeps its space
        out += ln.text
    return out


def read(path: Path, data: bytes) -> RawText:
    """Read a PDF with a text layer."""
    from pdfminer.pdftypes import PDFException
    from pdfminer.psexceptions import PSException

    doc = _open(path, data)
    _page_count(path, doc)
    try:
        pages, images = _lines(path, doc)
    except (PDFException, PSException, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        # pdfminer meets a damaged object while laying a page out (a truncated or corrupted file)
        raise DocumentError(
            path, f"the PDF is damaged and cannot be read ({type(exc).__name__}: {exc})"[:300]
        ) from None
    except (RecursionError, AssertionError, ZeroDivisionError, OverflowError, MemoryError) as exc:
        raise DocumentError(path, f"the PDF is damaged and cannot be read ({type(exc).__name__})") from None
    if not any(pages):
        if images:
            raise DocumentError(path, "the PDF has no text layer, only images (a scan?): OCR is not supported")
        raise DocumentError(path, "the PDF holds no text")
    body, removed = drop_running(pages)
    paras, head = paragraphs(body)
    paras, glyphs = _without_undecodable(path, paras)
    return RawText("\n".join(paras), "pdf", "pdf", tuple(paras[:head]), tuple(removed) + glyphs)


def _without_undecodable(path: Path, paras: list[str]) -> tuple[list[str], tuple[tuple[str, str], ...]]:
    """The paragraphs without glyphs that map to no character, each recorded (``pdf-undecodable-glyph``);
    a PDF made mostly of them is refused: what it says cannot be read."""
    text = "".join(paras)
    cids = _CID.findall(text)
    if not cids:
        return paras, ()
    chars = len(_SPACE.sub("", _CID.sub("", text))) + len(cids)
    if len(cids) >= CID_REFUSED * chars:
        raise DocumentError(
            path,
            f"the PDF's text cannot be decoded: {len(cids):,} of its {chars:,} characters are glyphs without a "
            "character map (its fonts were embedded without one); save it again as PDF from the program that "
            "made it, or copy its text",
        )
    return [_CID.sub("", p) for p in paras], tuple(("pdf-undecodable-glyph", c) for c in cids)
