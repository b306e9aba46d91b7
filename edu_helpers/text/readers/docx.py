"""Word 读取：.docx → 段落。Word reader (python-docx, MIT).

Body paragraphs and table cells in document order, one per line (a row of one-line cells is one line, its cells
joined by ｜), those inside content controls (``w:sdt``, as government templates use them) included; empty
paragraphs are skipped; a soft line break (Shift+Enter) or page break inside a sentence is layout and does not
end the paragraph (after 。！？ it does). Leading paragraphs in a Title, Subtitle or Heading style (or a style
based on one, or its Chinese name 标题/副标题) are the headline. Text boxes are left out and each is recorded
in ``RawText.removed`` (rule ``docx-text-box``), so the load report says so. Page headers and footers live
outside the body and are not read. A zip that is not a Word file, or a Word file too large once unpacked, is
refused with a message saying what it is. Paragraphs Word numbers itself (``numPr``: 一、 （一） 1.) get their
number back (:mod:`.numbering`).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from edu_helpers.errors import DocumentError
from edu_helpers.text.linecues import ends_sentence
from edu_helpers.text.readers import RawText, table_row
from edu_helpers.text.readers.numbering import Numbering, paragraph_numpr

#: Largest .docx read: Word files embed images and fonts; a report's is rarely over a few MB.
MAX_BYTES = 32 * 1024 * 1024
#: Largest unpacked ``word/document.xml`` read (a zip bomb guard): 64 MB of XML is ~10 MB of text.
MAX_XML_BYTES = 64 * 1024 * 1024
# 标题样式：Title、Subtitle、Heading 1–9 及其中文名“标题”“副标题”“标题 1”
_HEADLINE_STYLE = re.compile(r"^(?:title|subtitle|heading \d|标题(?: ?\d)?|副标题)$", re.IGNORECASE)
# 其他 Office/开放文档：说清楚是什么
_OTHER_ZIPS = (
    ("xl/workbook.xml", "an Excel workbook (.xlsx), not a Word document"),
    ("ppt/presentation.xml", "a PowerPoint file (.pptx), not a Word document"),
    ("content.xml", "an OpenDocument file (.odt/.ods): save it as .docx"),
    ("word/document.xml.rels", "a damaged Word file"),
)


def _check_zip(path: Path, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                for member, what in _OTHER_ZIPS:
                    if member in names:
                        raise DocumentError(path, f"this zip archive is {what}")
                raise DocumentError(path, "this zip archive is not a Word document (no word/document.xml)")
            # python-docx parses every XML part: all of them together are bounded, not document.xml alone
            size = sum(i.file_size for i in z.infolist() if i.filename.endswith((".xml", ".rels")))
    except DocumentError:
        raise
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        raise DocumentError(path, "the file starts like a zip/Word file but is damaged (not a readable zip)") from None
    if size > MAX_XML_BYTES:
        raise DocumentError(
            path, f"the Word document unpacks to {size:,} bytes of XML; the limit is {MAX_XML_BYTES:,} bytes"
        )


def _is_headline_style(style) -> bool:
    # 沿 based_on 链上溯：自定义的“公文标题”样式若基于 Title，也算标题
    seen = 0
    while style is not None and seen < 8:
        if style.name and _HEADLINE_STYLE.match(style.name.strip()):
            return True
        style, seen = style.base_style, seen + 1
    return False


#: The runs of a paragraph that are its text: its own, those of hyperlinks, fields, content controls and smart
#: tags, and tracked insertions and moves here; not tracked deletions (w:del, w:moveFrom), nor text boxes.
_RUNS = " | ".join(
    f"./{p}w:r"
    for p in ("", "w:hyperlink/", "w:ins/", "w:ins/w:hyperlink/", "w:moveTo/", "w:smartTag/", "w:fldSimple/",
              "w:sdt/w:sdtContent/", "w:customXml/")
)  # fmt: skip


def paragraph_text(para) -> str:
    """The paragraph's text as Word shows it with tracked changes accepted: python-docx's ``text`` leaves out
    runs inside a tracked insertion (w:ins), so a draft with changes not yet accepted lost its new words."""
    from docx.text.run import Run

    return "".join(Run(r, para).text for r in para._p.xpath(_RUNS))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML = (
    _W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml")
)


def _inner(parent, tags: tuple[str, ...]):
    """The children of ``parent`` with these tags, in document order, looking through content controls
    (``w:sdt``, nested too: government templates wrap whole passages in them) and custom XML. python-docx's
    ``paragraphs`` and ``iter_inner_content`` see only direct children and silently skipped such text."""
    for child in parent.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _inner(content, tags)
        elif child.tag == _CUSTOM_XML:
            yield from _inner(child, tags)


def _rows(tbl):
    """Each row's cells (``w:tc``) once each; a cell merged down (``vMerge``) is the cell it continues,
    as python-docx's ``row.cells`` gives it, so each row of a merged column keeps its text."""
    above: dict[int, object] = {}
    for tr in _inner(tbl, (_TR,)):
        col, here, row = tr.grid_before, {}, []
        for tc in _inner(tr, (_TC,)):
            cell = above.get(col, tc) if tc.vMerge == "continue" else tc
            for k in range(tc.grid_span):
                here[col + k] = cell
            col += tc.grid_span
            if all(cell is not c for c in row):  # merged cells repeat
                row.append(cell)
        above = here
        yield row


def _cell_paragraphs(container):
    """The ``w:p`` of a cell (or text box) in order, those of a table nested in it included."""
    for el in _inner(container, (_P, _TBL)):
        if el.tag == _P:
            yield el
        else:
            yield from (p for row in _rows(el) for tc in row for p in _cell_paragraphs(tc))


def line_parts(para) -> list[str]:
    """A paragraph's lines: a soft line break (Shift+Enter ``w:br``, ``w:cr``) is layout inside a sentence and
    the parts are joined as wrapped lines are elsewhere (nothing between Chinese, one space between two Latin
    words or numbers; a page break gives no text at all); a break after a sentence's end (。！？, text pasted
    into Word with its paragraphs as line breaks) starts a new line. Tabs become spaces."""
    out: list[str] = []
    for piece in (t.strip() for t in paragraph_text(para).replace("\t", " ").split("\n")):
        if not piece:
            continue
        if not out or ends_sentence(out[-1]):
            out.append(piece)
            continue
        latin = out[-1][-1].isascii() and out[-1][-1].isalnum() and piece[0].isascii() and piece[0].isalnum()
        out[-1] += (" " if latin else "") + piece
    return out


def line_text(para) -> str:
    """A paragraph as one line (a table cell): its :func:`line_parts` joined by a space."""
    return " ".join(line_parts(para))


def _blocks(document):
    """Paragraphs of the body, table cells and content controls included, in document order: a row of data
    (:func:`~edu_helpers.text.readers.table_row`: short cells, 任务｜责任单位／协办单位) is one line; any other row
    gives its cells' paragraphs one by one (a table that lays out the text)."""
    from docx.text.paragraph import Paragraph

    body = document._body
    for el in _inner(body._element, (_P, _TBL)):
        if el.tag == _P:
            yield Paragraph(el, body), True
            continue
        for row in _rows(el):
            per_cell = ((Paragraph(e, body) for e in _cell_paragraphs(tc)) for tc in row)
            cells = [[(p, t) for p in paras if (t := line_text(p))] for paras in per_cell]  # each text once
            if (row_line := table_row([[t for _, t in c] for c in cells])) is not None:
                yield row_line, False
            else:
                yield from ((p, False) for c in cells for p, _ in c)


#: Text boxes of the body (DrawingML ``wps:txbx`` or legacy VML ``v:textbox``), once each: Word stores a
#: box twice, in ``mc:Choice`` for itself and in ``mc:Fallback`` for older readers. Not tracked deletions.
_TEXT_BOXES = (
    ".//w:txbxContent[not(ancestor::mc:Fallback)][not(ancestor::w:del)][not(ancestor::w:moveFrom)]",
    {"w": _W[1:-1], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"},
)


def text_boxes(document) -> list[str]:
    """The text of each text box in the body, its paragraphs joined by a space. Text boxes are left out of
    the text (side notes, 扫码 prompts, stamps and decoration floating beside it, with no place in the
    sentence order) and the reader records each under ``docx-text-box``, so the load report says so."""
    from docx.text.paragraph import Paragraph
    from lxml import etree

    body = document._body
    boxes = etree.XPath(_TEXT_BOXES[0], namespaces=_TEXT_BOXES[1])(body._element)
    texts = (" ".join(t for t in (line_text(Paragraph(p, body)) for p in _cell_paragraphs(b)) if t) for b in boxes)
    return [t for t in texts if t]


def read(path: Path, data: bytes) -> RawText:
    """Read a .docx Word file."""
    _check_zip(path, data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, AttributeError, TypeError) as exc:
        raise DocumentError(path, f"the Word file cannot be opened ({exc})") from None
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise DocumentError(path, f"the Word file is damaged ({exc})") from None
    except Exception as exc:  # lxml.etree.XMLSyntaxError and kin: a damaged document.xml
        if type(exc).__module__.startswith("lxml"):
            raise DocumentError(path, f"the Word file's XML is damaged ({exc})") from None
        raise
    try:
        return _read(path, document)
    except DocumentError:
        raise  # a DocumentError is a ValueError: not to be called damaged below
    except (KeyError, ValueError, AttributeError, TypeError) as exc:
        raise DocumentError(path, f"the Word file's structure is damaged ({exc})") from None


def _numbering(document) -> Numbering:
    try:
        part = document.part.numbering_part
    except (KeyError, NotImplementedError):
        return Numbering(None)
    return Numbering(part.element)


def _read(path: Path, document) -> RawText:
    numbering = _numbering(document)
    lines: list[str] = []
    headline: list[str] = []
    in_head = True
    for para, top_level in _blocks(document):
        if isinstance(para, str):  # a table row as one line
            lines.append(para)
            in_head = False
            continue
        parts = line_parts(para)
        if not parts:
            continue  # empty paragraphs are layout, not content
        parts[0] = numbering.label(*paragraph_numpr(para)) + parts[0]
        if in_head and top_level and len(parts) == 1 and _is_headline_style(para.style):
            headline.append(parts[0])
        else:
            in_head = False
        lines.extend(parts)
    boxes = text_boxes(document)
    if not lines:
        only = ": its only text is in text boxes, which are not read" if boxes else ""
        raise DocumentError(path, f"the Word document holds no text{only}")
    removed = tuple(("docx-text-box", t) for t in boxes)
    return RawText("\n".join(lines), "docx", "docx", tuple(headline), removed)
