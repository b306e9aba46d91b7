"""网页读取：保存的网页或复制的源码 → 正文段落。HTML reader: trafilatura finds the article, lxml parses.

1. Charset: a BOM, else ``<meta charset>`` / ``http-equiv`` / the XML declaration (GB2312 and GBK are
   read as GB18030, their superset), else strict UTF-8, else GB18030; a page that lies about its
   charset is read by the one that decodes, and the encoding says so.
2. Scripts, styles, forms, comments and ruby glosses (``<rt>``) are dropped, and an anchor that is only a
   place to jump to (``<a name>``, ``<a id>`` without ``href``) is plain text (the extractor would drop a
   heading inside one as a link); the rest becomes lines the way a browser breaks them (block elements and
   ``<br>``), each with its block element and how much of it is link text.
3. trafilatura (the best-kept main-text extractor) picks the article's paragraphs; the page lines it
   kept are the body, every other line is page chrome (``html-page-chrome``). A page that is a list of
   article links (a column, search results: ``html_repairs.list_page_links``) is refused, saying so.
4. :mod:`.html_repairs` (rules in ``data/html_repairs.toml``) then puts back the headline trafilatura
   leaves out (``<h1>``/title element, subtitles, an e-paper's 引题, a WeChat copy's bold subtitle lines)
   and drops the chrome it keeps (editor lines, QR captions: ``html-chrome-block``, ``html-byline``).
Every dropped line is in ``RawText.removed`` with its rule, so the load report shows it.
"""

from __future__ import annotations

import codecs
import logging
import re
from bisect import bisect_right
from pathlib import Path

from edu_helpers.errors import DocumentError
from edu_helpers.text.linecues import rules as line_rules
from edu_helpers.text.readers import RawText, table_row
from edu_helpers.text.readers.html_repairs import HAN, Line, list_page_links, repair
from edu_helpers.text.readers.txt import bom_encoding, legacy_chinese, unify_newlines

#: Largest page read: a saved page carries scripts and styles (a WeChat page is ~2 MB).
MAX_BYTES = 16 * 1024 * 1024

_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)|<\?xml[^>]*encoding=["']([\w\-]+)""", re.I
)
# GB2312/GBK 页面常含超出其字表的字：一律按超集 GB18030 解码
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "ms936", "euc-cn", "gb18030", "x-euc-cn", "hz-gb-2312"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_JUNK = tuple(
    "script style noscript template iframe svg canvas object embed select option textarea input button rt rp map "
    "audio video".split()
)
_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr td th thead tbody tfoot caption section "
    "article aside header footer nav main blockquote pre figure figcaption center form hr address "
    "details summary founder-content".split()
)
_SPACES = re.compile(r"[ \t\r\n\f]+")  # HTML 可折叠空白（不含 &nbsp; 与全角空格）
# 比对时不计的字符：空白与不可见字符（零宽空格、软连字符），提取器对它们各有取舍
_NOT_TEXT = re.compile(r"[\s\u200b-\u200f\u2060\ufeff\u00ad]+")
# trafilatura writes a table as Markdown rows: cells between unescaped bars, and a rule row |---|
_CELL_BAR = re.compile(r"(?<!\\)\|")
_RULE_ROW = re.compile(r"[-:| ]+")


def decode(data: bytes, path: Path | None = None) -> tuple[str, str]:
    """Decode a page: BOM, declared charset, UTF-8, then GB18030 or Big5; ``(text, encoding description)``."""
    found = bom_encoding(data)
    if found:
        enc, n = found
        return unify_newlines(data[n:].decode(enc, errors="replace")), f"{enc} (BOM)"
    m = _META_CHARSET.search(data[:16384])
    declared = (m.group(1) or m.group(2)).decode("ascii").lower() if m else ""
    tries: list[str] = []
    if declared:
        try:
            tries.append(codecs.lookup("gb18030" if declared in _GB else declared).name)
        except LookupError:
            pass
    tries += [c for c in ("utf-8",) if c not in tries]
    for codec in tries:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        note = f" (declared {declared})" if declared and declared != codec else ""
        if declared and codec != tries[0]:
            note = f" (declared {declared}, which does not decode)"
        return unify_newlines(text), codec + note
    found = legacy_chinese(data)  # GB18030 or Big5, whichever reads as Chinese
    if found is not None:
        note = f" (declared {declared}, which does not decode)" if declared else ""
        return unify_newlines(found[0]), found[1] + note
    raise DocumentError(
        path, f"cannot decode the page (declared charset: {declared or 'none'}; not UTF-8, GB18030 or Big5)"
    )


def page_lines(body) -> list[Line]:
    """Lines as a browser breaks them, each with its innermost block element."""
    from lxml import etree

    out: list[Line] = []
    parts: list[str] = []
    links = [0]
    stack = [body]
    anchors: list[bool] = []  # each open <a>: does it link to another page?
    depth_a = 0

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(parts)).strip()
        if text:
            out.append(Line(text, stack[-1], min(links[0], len(text))))
        parts.clear()
        links[0] = 0

    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCK or tag == "br":
                flush()
            if tag in _BLOCK:
                stack.append(el)
            if tag == "a":
                anchors.append(_links_out(el.get("href")) or el.get("onclick") is not None)
                depth_a += anchors[-1]
            if el.text:
                parts.append(el.text)
                links[0] += len(el.text) if depth_a else 0
        else:
            if tag in _BLOCK:
                flush()
                stack.pop()
            if tag == "a" and anchors:
                depth_a -= anchors.pop()
            if el.tail and el is not body:
                parts.append(el.tail)
                links[0] += len(el.tail) if depth_a else 0
    flush()
    return out


def _links_out(href: str | None) -> bool:
    """Whether an ``<a href>`` goes to another page (not an anchor on this one, not a script)."""
    href = (href or "").strip()
    return bool(href) and not href.startswith("#") and not href.lower().startswith("javascript:")


def trafilatura_text(page: str) -> str:
    """The main text as trafilatura finds it (``""`` when it finds none); tables come as Markdown rows."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    text = trafilatura.extract(
        page,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        deduplicate=False,
        favor_recall=True,
    )
    return text or ""


def trafilatura_paragraphs(text: str, *, tables: bool = False) -> list[str]:
    """The paragraphs of :func:`trafilatura_text`'s ``text``; with ``tables`` also the cells of its tables, in
    their place. An article set in a table cell (older portal layouts) is only found that way, but so are
    the page's navigation tables. A list item comes without the "- " trafilatura writes before it (the page
    has no such mark: with it the item matched no line of the page and was lost)."""
    out = []
    for line in text.split("\n"):
        if line.startswith("- "):
            out.append(line[2:])
        elif not line.lstrip().startswith("|"):
            out.append(line)
        elif tables:
            out += [c.replace("\\|", "|").strip() for c in _CELL_BAR.split(line.strip().strip("|"))]
    return [t for t in out if t.strip() and not _RULE_ROW.fullmatch(t.strip())]


def table_cells(text: str) -> set[str]:
    """The cells of :func:`trafilatura_text`'s tables (Markdown rows), whitespace and invisible characters out."""
    cells = set()
    for line in text.split("\n"):
        row = line.strip()
        if row.startswith("|") and not _RULE_ROW.fullmatch(row):
            cells.update(_NOT_TEXT.sub("", c.replace("\\|", "|")) for c in _CELL_BAR.split(row.strip("|")))
    return cells - {""}


def _cell(owner):
    """The table cell (``td``/``th``) a line's block element is, or is inside (a ``<p>`` in a cell), or ``None``."""
    for _ in range(3):
        if owner is None or getattr(owner, "tag", "") in ("td", "th"):
            return owner
        owner = owner.getparent()
    return None


def with_tables(lines: list[Line], kept: set[int], cells: set[str]) -> tuple[list[Line], set[int]]:
    """Keep the data tables of the article: a table row inside it (between its first and last kept line) that is
    a row of data (:func:`~edu_helpers.text.readers.table_row`: short cells, a cell's lines joined by "／"), its
    cells mostly kept or cells of the extractor's own tables, becomes one line, its cells joined by "｜" (as a
    Word table's, :mod:`.docx`); ``(lines, kept)`` renumbered. A row whose cells hold paragraphs is text laid
    out in a table, and stays as it was."""
    if not kept:
        return lines, kept
    rows: dict[object, dict[object, list[int]]] = {}  # row → cell → line indexes (elements as keys: proxies stay)
    for i in range(min(kept) + 1, max(kept)):
        cell = _cell(lines[i].owner)
        if cell is not None and cell.getparent() is not None and cell.getparent().tag == "tr":
            rows.setdefault(cell.getparent(), {}).setdefault(cell, []).append(i)
    joined: dict[int, Line | None] = {}  # first line's index → the row as one line; its other lines → None
    for row, by_cell in rows.items():
        idx = [i for cell_lines in by_cell.values() for i in cell_lines]
        text = table_row([[lines[i].text for i in cell_lines] for cell_lines in by_cell.values()])
        extracted = sum(  # cells the extractor kept (its own table cells join a cell's lines)
            any(i in kept for i in cell_lines) or "".join(_NOT_TEXT.sub("", lines[i].text) for i in cell_lines) in cells
            for cell_lines in by_cell.values()
        )
        if text is not None and 2 * extracted >= len(by_cell):
            joined[idx[0]] = Line(text, row, sum(lines[i].link_chars for i in idx))
            joined.update({i: None for i in idx[1:]})
    out: list[Line] = []
    out_kept: set[int] = set()
    for i, line in enumerate(lines):
        if joined.get(i, line) is None:
            continue
        if i in kept or i in joined:
            out_kept.add(len(out))
        out.append(joined.get(i) or line)
    return out, out_kept


def numbered_list_items(lines: list[Line], kept: set[int]) -> list[Line]:
    """The items of a numbered list (``<ol>``, numbers as a browser shows them: ``start``, ``value``) kept as
    text get their number, ``1.``, as a Word list's items do; letters and roman numerals (``type``) are left as
    they are, and so is an item that writes its own number. An item of several lines is numbered on its first."""
    out = list(lines)
    for i in sorted(kept):
        item = lines[i].owner
        ol = item.getparent() if getattr(item, "tag", "") == "li" else None
        if ol is None or ol.tag != "ol" or ol.get("type", "1") != "1" or (i and lines[i - 1].owner is item):
            continue
        if line_rules()["numbered"].match(lines[i].text):  # the page wrote the number itself
            continue
        number = _int(ol.get("start"), 1) - 1
        for li in ol.iterchildren("li"):
            number = _int(li.get("value"), number + 1)
            if li is item:
                break
        out[i] = Line(f"{number}.{lines[i].text}", item, lines[i].link_chars)
    return out


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def kept_lines(lines: list[Line], paragraphs: list[str]) -> set[int]:
    """Indexes of the page lines that hold the extractor's paragraphs, matched in order (whitespace aside)."""
    stream, starts, at = [], [], 0
    for ln in lines:
        starts.append(at)
        piece = _NOT_TEXT.sub("", ln.text)
        stream.append(piece)
        at += len(piece)
    page = "".join(stream)
    kept: set[int] = set()
    cursor = 0
    for para in paragraphs:
        needle = _NOT_TEXT.sub("", para)
        if not needle:
            continue
        pos = page.find(needle, cursor)
        if pos < 0:
            pos = page.find(needle)  # out of order (rare): still the same page text
            if pos < 0:
                continue
        first, last = bisect_right(starts, pos) - 1, bisect_right(starts, pos + len(needle) - 1) - 1
        kept.update(range(first, last + 1))
        cursor = max(cursor, pos + len(needle))
    return kept


def parse(path: Path | None, data: bytes):
    """``(root, lines, decoded page, encoding)`` of a page's bytes, junk elements removed."""
    import lxml.html
    from lxml import etree

    text, encoding = decode(data, path)
    page = _XML_DECL.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(path, f"the page cannot be parsed as HTML ({exc})") from None
    etree.strip_elements(root, *_JUNK, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    places = [a for a in root.iter("a") if a.get("href") is None and (a.get("name") or a.get("id"))]
    if places:  # <a name="s1">一、…</a>: a place to jump to, not a link; the extractor drops it as one
        for a in places:
            a.tag = "span"
        page = lxml.html.tostring(root, encoding="unicode")
    body = root.find("body") if root.find("body") is not None else root
    return root, page_lines(body), page, encoding


def read(path: Path, data: bytes) -> RawText:
    """Read a saved web page or copied HTML source."""
    root, lines, page, encoding = parse(path, data)
    main = trafilatura_text(page) if lines else ""
    kept = kept_lines(lines, trafilatura_paragraphs(main)) if lines else set()
    if lines and sum(len(HAN.findall(lines[i].text)) for i in kept) < 20:  # the article may be in a table
        kept = kept_lines(lines, trafilatura_paragraphs(main, tables=True))
    else:  # the tables inside the article, a row to a line
        lines, kept = with_tables(lines, kept, table_cells(main))
    if not kept:
        raise DocumentError(path, "no article text found in the page (only navigation, links or a footer?)")
    if links := list_page_links(lines, kept):
        raise DocumentError(
            path,
            f"the page is a list of {links} article links (a column or search page), not one article: "
            "open the article itself and save that page",
        )
    lines = numbered_list_items(lines, kept)
    headline, body, removed = repair(root, lines, kept)
    if sum(len(HAN.findall(s)) for s in body) < 20:
        raise DocumentError(path, "no article text found in the page (fewer than 20 Chinese characters of body)")
    return RawText("\n".join([*headline, *body]), encoding, "html", tuple(headline), tuple(removed))
