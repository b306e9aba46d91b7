"""读取器：每种输入格式一个模块，先看内容、再看扩展名。Readers, one module per format, and their registry.

:func:`read_source` opens only regular files (a directory, FIFO, device or socket is refused before
anything is read), picks the format by the bytes first (``%PDF-``, a zip, HTML markup) and by the
extension only when the bytes do not decide, reads at most that format's size limit plus one byte
(so a file that grows while it is read is still caught), and returns the reader's :class:`RawText`.
Each reader module (``txt``, ``html``, ``docx``, ``pdf``) defines ``MAX_BYTES`` and
``read(path, data) -> RawText`` and imports its library on first use, so reading a .txt never
loads pdfminer or lxml.
"""

from __future__ import annotations

import importlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from edu_helpers.errors import DocumentError


@dataclass(frozen=True)
class RawText:
    """What a reader hands to the normalizer.

    Attributes:
        text: the document as plain text; for ``html``/``docx``/``pdf`` one paragraph per line,
            the headline lines (when known) first.
        encoding: e.g. ``"utf-8"``, ``"gb18030 (declared gb2312)"``, or ``"docx"``/``"pdf"``.
        format: ``"txt"``, ``"html"``, ``"docx"`` or ``"pdf"``.
        headline: headline lines when the format knows them (``<h1>``, the Title style).
        removed: ``(rule name, removed text)`` for everything dropped (page chrome, running heads).
    """

    text: str
    encoding: str
    format: str
    headline: tuple[str, ...] = ()
    removed: tuple[tuple[str, str], ...] = ()

    @property
    def structured(self) -> bool:
        """One paragraph per line already (the format said where paragraphs end): no unwrapping."""
        return self.format != "txt"


#: Between the cells of a table row given as one line (a row of a data table: 任务｜责任单位), and between the
#: lines of one cell (基础教育处／发展规划处).
CELL_SEPARATOR, CELL_LINE_SEPARATOR = "｜", "／"
#: A cell line longer than this, or ending a sentence, is text laid out in a table, not data.
CELL_LINE_MAX = 30
_SENTENCE_END = re.compile(r"[。！？!?]")


def table_row(cells: list[list[str]]) -> str | None:
    """A table row as one line when it is a row of data, else ``None`` (its cells' lines stay lines).

    Data: two cells or more with text, each line short and not a sentence (任务｜责任单位｜完成时限, a cell of
    two units on two lines). A row whose cells hold paragraphs is a page laid out in a table.

    >>> table_row([["推进学前教育普惠发展"], ["基础教育处", "发展规划处"], ["2024年底前"]])
    '推进学前教育普惠发展｜基础教育处／发展规划处｜2024年底前'
    >>> table_row([["一、总体要求"], ["会议指出，要坚持立德树人。", "要深化教育改革。"]]) is None
    True
    """
    filled = [[t for t in c if t] for c in cells]
    filled = [c for c in filled if c]
    if len(filled) < 2:
        return None
    if any(len(c) > 1 for c in filled) and any(
        len(t) > CELL_LINE_MAX or _SENTENCE_END.search(t) for c in filled for t in c
    ):
        return None
    return CELL_SEPARATOR.join(CELL_LINE_SEPARATOR.join(c) for c in filled)


#: format → reader module, and the extensions that name it (used only when the bytes do not decide).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "txt": (".txt", ".text", ".md", ""),
    "html": (".html", ".htm", ".xhtml", ".shtml"),
    "docx": (".docx",),
    "pdf": (".pdf",),
}
_BY_EXTENSION = {ext: fmt for fmt, exts in EXTENSIONS.items() for ext in exts}
_SNIFF_BYTES = 4096
_MB = 1024 * 1024

# 认得出但读不了的二进制格式：说清楚是什么
_KNOWN_BINARY = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Word .doc / OLE file (or a password-protected .docx): save it as .docx",
    ),
    (b"{\\rtf", "an RTF file: save it as .docx or .txt"),
    (b"\x89PNG", "a PNG image: text in images needs OCR, which is not supported"),
    (b"\xff\xd8\xff", "a JPEG image: text in images needs OCR, which is not supported"),
    (b"GIF8", "a GIF image, not a document"),
    (b"Rar!", "a RAR archive, not a document"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive: unpack it first"),
)
# 开头（去掉 BOM、空白、注释后）就是 HTML 标记
_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|table|h[1-6])\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(rb"<[A-Za-z!/]")


def _ascii_head(head: bytes) -> bytes:
    """The head with a BOM removed and UTF-16 folded to bytes, for markup sniffing."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        return head[2:].decode(enc, errors="ignore").encode("ascii", errors="ignore")
    return head.removeprefix(b"\xef\xbb\xbf")


def sniff(head: bytes, suffix: str, path: Path | None = None) -> str:
    """The format of a file from its first bytes, else from its extension.

    >>> sniff(b"%PDF-1.7 ...", ".txt"), sniff(b"<!DOCTYPE html><html>", ""), sniff("<b>会议</b>".encode(), ".htm")
    ('pdf', 'html', 'html')
    >>> sniff("会议指出".encode(), ".html")  # no markup at all: text, whatever the name says
    'txt'
    """
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"  # the docx reader says what other zip it is
    for magic, what in _KNOWN_BINARY:
        if head.startswith(magic):
            raise DocumentError(path, f"this binary file is {what}")
    prefix = _ascii_head(head)
    if _HTML_START.match(prefix) or _HTML_ANYWHERE.search(prefix):
        return "html"
    by_extension = _BY_EXTENSION.get(suffix.lower(), "txt")
    if by_extension in ("html", "docx", "pdf") and not (by_extension == "html" and _ANY_TAG.search(prefix)):
        return "txt"  # the name promises a format the bytes do not have: the text reader says what they are
    return by_extension


def reader(fmt: str):
    """The reader module of a format (imported on first use)."""
    return importlib.import_module(f".{fmt}", __name__)


def limit_message(fmt: str, size: int | str) -> str:
    """The size-limit error, naming the format's limit."""
    limit = reader(fmt).MAX_BYTES
    mb = f" ({limit // _MB} MB)" if limit >= _MB else ""
    return f"the file is {size} bytes; the limit is {limit:,} bytes{mb} for {fmt} documents"


def read_bounded(path: Path) -> tuple[bytes, str]:
    """The bytes of a regular file and its sniffed format; at most the format's limit is read.

    Raises:
        DocumentError: missing, not a regular file, unreadable, empty, or over the limit.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DocumentError(path, "no such file") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError(path, "is a directory, not a document")
    if not stat.S_ISREG(st.st_mode):
        raise DocumentError(path, "is not a regular file (a device, pipe or socket): save the document to a file")
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO after the check, open does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise DocumentError(path, "is not a regular file (a device, pipe or socket)")
            head = f.read(_SNIFF_BYTES)
            fmt = sniff(head, path.suffix, path)
            limit = reader(fmt).MAX_BYTES
            if st.st_size > limit:
                raise DocumentError(path, limit_message(fmt, f"{st.st_size:,}"))
            data = head + f.read(max(0, limit + 1 - len(head)))
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise DocumentError(path, limit_message(fmt, f"more than {limit:,}"))
    if not data:
        raise DocumentError(path, "the file is empty")
    return data, fmt


def read_source(path: str | Path) -> RawText:
    """Read a document file in any supported format.

    Raises:
        DocumentError: missing, not a regular file, too large for its format, or refused by its
            reader (scanned or encrypted PDF, a zip that is not a Word file, a page with no article).
    """
    p = Path(path)
    data, fmt = read_bounded(p)
    return reader(fmt).read(p, data)
