"""PDF 测试数据：像部委文件那样排版的随包报告。The bundled report as a ministry-style PDF.

A4, 14 pt body in wqy-zenhei, 32 characters a line, hard-wrapped with the Chinese line-breaking
rules (no closing punctuation at a line start: it hangs in the margin; no opening one at a line
end; digit runs kept whole), justified full lines, a two-character first-line indent and no gap
between paragraphs (so only the indent and the short last line tell paragraphs apart), a centred
three-line headline, a running header and ``— N —`` page numbers on every page.
"""

from __future__ import annotations

import functools
import io
import re

from .forms import FONT_PATH, Form, report_parts

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT = 72.0, 595.0 - 72.0
SIZE, PITCH = 14.0, 24.0
TOP, BOTTOM = PAGE_H - 96.0, 84.0
HEADER = "教育工作会议文件汇编"
# 不能出现在行首的标点（悬挂在行末）与不能出现在行末的开引号、开括号
_NO_START = set("，。、；：？！”’）》」』…—%")
_NO_END = set("“‘（《「『")
# 断行单位：连续的数字/拉丁字母串不拆开，其余逐字
_TOKEN = re.compile(r"[0-9A-Za-z.%]+|.", re.DOTALL)


@functools.cache
def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("WQY", str(FONT_PATH), subfontIndex=0))
    return "WQY"


def _width(text: str, size: float = SIZE) -> float:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(text, _font(), size)


def wrap(text: str, indent: float) -> list[tuple[str, float, bool]]:
    """Lines of one paragraph: ``(text, x, justify)``; the first line starts after ``indent``."""
    lines, cur, x0 = [], "", LEFT + indent
    for tok in _TOKEN.findall(text):
        if cur and x0 + _width(cur + tok) > RIGHT + 0.01:
            if tok[0] in _NO_START:  # hang the mark in the margin
                lines.append((cur + tok, x0, False))
                cur, x0 = "", LEFT
                continue
            carry = ""
            while cur and cur[-1] in _NO_END:
                carry, cur = cur[-1] + carry, cur[:-1]
            lines.append((cur, x0, True))
            cur, x0 = carry, LEFT
        cur += tok
    if cur:
        lines.append((cur, x0, False))
    return lines


def pdf_bytes(
    headline: tuple[str, ...] | None = None,
    paragraphs: tuple[str, ...] | None = None,
    *,
    transform=lambda s: s,
    encrypt: str | None = None,
    image_only: bool = False,
    pages: int = 0,
) -> tuple[bytes, tuple[str, ...]]:
    """Render the report (or given text); return ``(pdf bytes, header/footer lines drawn)``.

    ``encrypt`` sets a user password; ``image_only`` draws a picture of text and no text layer
    (a scan); ``pages`` > 0 makes that many empty pages instead.
    """
    from reportlab.pdfgen import canvas

    if headline is None or paragraphs is None:
        headline, paragraphs = report_parts()
    buf = io.BytesIO()
    kw = {}
    if encrypt is not None:  # "" = permissions only (an owner password, none to open)
        from reportlab.lib.pdfencrypt import StandardEncryption

        kw["encrypt"] = StandardEncryption(encrypt, ownerPassword="owner", canPrint=1, canCopy=0)
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), pageCompression=1, **kw)
    font = _font()
    if pages:
        for _ in range(pages):
            c.showPage()
        c.save()
        return buf.getvalue(), ()
    if image_only:
        from PIL import Image, ImageDraw
        from reportlab.lib.utils import ImageReader

        im = Image.new("L", (400, 200), 255)
        ImageDraw.Draw(im).rectangle((20, 20, 380, 40), fill=0)
        c.drawImage(ImageReader(im), LEFT, 500, 400, 200)
        c.showPage()
        c.save()
        return buf.getvalue(), ()

    chrome: list[str] = []
    page = 0

    def new_page() -> float:
        nonlocal page
        if page:
            c.showPage()
        page += 1
        c.setFont(font, 10.5)
        c.drawCentredString(PAGE_W / 2, PAGE_H - 56, transform(HEADER))
        c.line(LEFT, PAGE_H - 62, RIGHT, PAGE_H - 62)
        number = f"— {page} —"
        c.drawCentredString(PAGE_W / 2, 48, number)
        chrome.extend((transform(HEADER), number))
        return TOP

    y = new_page()
    for k, line in enumerate(headline):
        size = 22.0 if k == 0 else 16.0
        c.setFont(font, size)
        c.drawCentredString(PAGE_W / 2, y, transform(line))
        y -= size * 1.9
    y -= PITCH
    c.setFont(font, SIZE)
    for para in paragraphs:
        for text, x, justify in wrap(transform(para), 2 * SIZE):
            if y < BOTTOM:
                y = new_page()
                c.setFont(font, SIZE)
            space = (RIGHT - x - _width(text)) / (len(text) - 1) if justify and len(text) > 1 else 0.0
            c.drawString(x, y, text, charSpace=space)
            y -= PITCH
    c.save()
    return buf.getvalue(), tuple(chrome)


def pdf_form(transform=lambda s: s, name: str = "pdf", parts=None) -> Form:
    data, chrome = pdf_bytes(*(parts or (None, None)), transform=transform)
    return Form(name, ".pdf", data, chrome)
