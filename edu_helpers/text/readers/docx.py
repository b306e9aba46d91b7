"""Word 读取：.docx → 段落。Word reader (python-docx, MIT).

Body paragraphs and table cells in document order, one per line (a row of one-line cells is one line, its cells
joined by ｜); empty paragraphs are skipped;
a manual line break inside a paragraph starts a new line. Leading paragraphs in a Title,
Subtitle or Heading style (or a style based on one, or its Chinese name 标题/副标题) are the
headline. Page headers and footers live outside the body and are not read. A zip that is not a
Word file, or a Word file too large once unpacked, is refused with a message saying what it is. Paragraphs Word
numbers itself (``numPr``: 一、 （一） 1.) get their number back (:mod:`.numbering`).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from edu_helpers.errors import DocumentError
from edu_helpers.text.readers import RawText
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


#: Between the cells of a table row given as one line (a row of a data table: 任务｜责任单位).
CELL_SEPARATOR = "｜"


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


def _blocks(document):
    """Paragraphs of the body, table cells included, in document order: a row whose cells each hold one
    line is one line, its cells joined by :data:`CELL_SEPARATOR` (a table of data, not of layout); any
    other row gives its cells' paragraphs one by one (a table that lays out the text)."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen, cells = set(), []
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    cells.append([p for p in cell.paragraphs if paragraph_text(p).strip()])
                filled = [c for c in cells if c]
                if len(filled) > 1 and all(len(c) == 1 for c in filled):
                    yield CELL_SEPARATOR.join(paragraph_text(c[0]).strip() for c in filled), False
                else:
                    yield from ((p, False) for c in cells for p in c)
        else:
            yield block, True


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
            lines.append(para.replace("\t", " ").replace("\n", " "))
            in_head = False
            continue
        parts = [t.strip() for t in paragraph_text(para).replace("\t", " ").split("\n")]
        parts = [t for t in parts if t]
        if not parts:
            continue  # empty paragraphs are layout, not content
        label = numbering.label(*paragraph_numpr(para))
        if label:
            parts[0] = label + parts[0]
        if in_head and top_level and len(parts) == 1 and _is_headline_style(para.style):
            headline.append(parts[0])
        else:
            in_head = False
        lines.extend(parts)
    if not lines:
        raise DocumentError(path, "the Word document holds no text")
    return RawText("\n".join(lines), "docx", "docx", tuple(headline))
