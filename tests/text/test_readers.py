"""Readers: picked by content, bounded, nothing of the content lost, one clear error per bad input."""

from __future__ import annotations

import io
import os
import zipfile
from collections import Counter
from pathlib import Path

import pytest

import edu_helpers
from edu_helpers.errors import DocumentError
from edu_helpers.text import readers
from edu_helpers.text.codepoints import repair
from edu_helpers.text.readers import read_source, sniff

from . import forms
from .forms_pdf import pdf_bytes


def _chars(*texts: str) -> str:
    return "".join(c for t in texts for c in t if not c.isspace())


def _expected() -> str:
    head, paras = forms.report_parts()
    return _chars(*head, *paras)


# ------------------------------------------------------------------ nothing lost
def test_txt_keeps_every_character(all_forms):
    form, path = all_forms["txt"]
    raw = read_source(path)
    assert raw.format == "txt" and raw.removed == ()
    assert _chars(raw.text) == _chars(form.data.decode("utf-8"))


@pytest.mark.parametrize("shape", forms.HTML_SHAPES)
def test_html_body_is_the_article_and_every_dropped_line_is_chrome(all_forms, shape):
    form, path = all_forms[f"html-{shape}"]
    raw = read_source(path)
    assert raw.format == "html"
    # body = headline + paragraphs, in order (emoji and zero-width marks go with the code point rules)
    assert _chars(repair(raw.text)[0]) == _expected()
    assert Counter(_chars(*(t for _, t in raw.removed))) == Counter(_chars(*form.chrome))
    assert raw.headline[0] == "2023年全国教育工作会议"


def test_html_charsets(all_forms):
    assert read_source(all_forms["html-ministry"][1]).encoding == "gb18030 (declared gb2312)"
    assert read_source(all_forms["html-epaper"][1]).encoding == "gb18030 (declared gbk)"
    assert read_source(all_forms["html-portal"][1]).encoding == "utf-8"


def test_html_charset_that_lies_and_bom(tmp_path):
    page = (
        '<html><head><meta charset="utf-8"></head><body>'
        "<p>会议指出，要加快建设教育强国，办好人民满意的教育，落实立德树人根本任务。</p></body></html>"
    )
    lying = tmp_path / "lying.html"
    lying.write_bytes(page.encode("gb18030"))
    raw = read_source(lying)
    assert "会议指出" in raw.text and "does not decode" in raw.encoding
    bom = tmp_path / "bom.htm"
    bom.write_bytes(page.encode("utf-16"))
    assert "会议指出" in read_source(bom).text and "BOM" in read_source(bom).encoding


def test_pdf_drops_running_heads_and_page_numbers_only(all_forms):
    form, path = all_forms["pdf"]
    raw = read_source(path)
    assert raw.format == "pdf" and len(raw.headline) == 3
    assert _chars(raw.text) == _expected()
    assert Counter(t for _, t in raw.removed) == Counter(form.chrome)
    assert {rule for rule, _ in raw.removed} == {"pdf-running-header", "pdf-page-number"}
    assert len(raw.text.split("\n")) == 20  # 3 headline lines + 17 paragraphs, from the geometry alone


def test_docx_paragraphs_in_order_headline_from_styles(all_forms):
    raw = read_source(all_forms["docx"][1])
    head, paras = forms.report_parts()
    assert raw.headline == head
    assert raw.text.split("\n") == [*head, *paras]  # empty paragraphs skipped, header/footer not body


# ------------------------------------------------------------------ picking the reader
def test_content_decides_before_extension(all_forms, tmp_path):
    for name, fmt in (("pdf", "pdf"), ("docx", "docx"), ("html-portal", "html")):
        disguised = tmp_path / f"{name}.txt"
        disguised.write_bytes(all_forms[name][0].data)
        assert read_source(disguised).format == fmt
    plain = tmp_path / "plain.html"
    plain.write_text("会议指出，要加快建设教育强国。", encoding="utf-8")
    assert read_source(plain).format == "txt"  # no markup at all: the bytes say text
    assert sniff("<b>会议</b>".encode(), ".html") == "html" and sniff("<b>会议</b>".encode(), ".txt") == "txt"


def test_registry_doctests():
    import doctest

    assert doctest.testmod(readers).failed == 0


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Word .doc"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "OCR"),
        (b"{\\rtf1\\ansi", "RTF"),
    ],
)
def test_known_binaries_are_named(tmp_path, data, words):
    p = tmp_path / "x.docx"
    p.write_bytes(data)
    with pytest.raises(DocumentError, match=words):
        read_source(p)


def test_pdf_notice_masthead_headings_after_full_lines_and_the_signature(tmp_path):
    # a 通知 printed to PDF: the largest line is the masthead; a one-line paragraph that fills its line and ends
    # with 。 is followed by 二、… (indented like every one-line paragraph, so the indent tells nothing)
    head = ("某区教育局文件", "某教字〔2026〕12号", "关于做好暑期学生安全工作的通知")
    paras = (
        "各中小学校：",
        "暑期将至，为切实做好学生假期安全教育和管理工作，现将有关事项通知如下。",
        "一、加强安全教育",
        "各校要在放假前开展防溺水、交通安全专题教育，做到学生全覆盖。",  # fills its line
        "二、落实家校责任",
        "各校要通过家长会、告家长书等方式，提醒家长切实履行监护责任。",  # fills its line
        "附件：暑期安全告家长书",
        "某区教育局",
        "2026年7月1日",
    )
    p = tmp_path / "notice.pdf"
    p.write_bytes(pdf_bytes(head, paras)[0])
    doc = edu_helpers.load_document(p)
    assert doc.title == "关于做好暑期学生安全工作的通知"
    assert doc.structure.subtitles[:2] == ("某区教育局文件", "某教字〔2026〕12号")
    assert [x.text for x in doc.structure.paragraphs] == list(paras)
    assert [x.title for x in doc.structure.sections] == ["导语", "一、加强安全教育", "二、落实家校责任"]


def test_docx_with_tracked_changes_reads_as_accepted_and_keeps_links_and_content_controls(tmp_path):
    # a draft sent round for comments: an insertion not yet accepted, a deletion, a hyperlink, a content control
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run(text: str, tag: str = "w:t"):
        r, t = OxmlElement("w:r"), OxmlElement(tag)
        t.text = text
        r.append(t)
        return r

    def wrapped(tag: str, *children, **attrs):
        el = OxmlElement(tag)
        for k, v in {"w:id": "1", "w:author": "审稿人", "w:date": "2026-01-01T00:00:00Z", **attrs}.items():
            el.set(qn(k), v)
        for child in children:
            el.append(child)
        return el

    d = docx.Document()
    d.add_paragraph("全县教育工作会议召开")
    p = d.add_paragraph("会议指出，要办好人民满意的教育，")
    p._p.append(wrapped("w:ins", run("加快建设教育强县。")))
    p._p.append(wrapped("w:del", run("这一句已经删去。", "w:delText")))
    q = d.add_paragraph("详见")
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), d.part.relate_to("https://example.org/", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, True))
    link.append(run("县教育局网站"))
    q._p.append(link)
    q._p.append(run("。"))
    r = d.add_paragraph("会议要求，")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    content.append(run("各校要抓好落实。"))
    sdt.append(content)
    r._p.append(sdt)
    path = tmp_path / "draft.docx"
    d.save(path)
    assert read_source(path).text.split("\n") == [
        "全县教育工作会议召开",
        "会议指出，要办好人民满意的教育，加快建设教育强县。",
        "详见县教育局网站。",
        "会议要求，各校要抓好落实。",
    ]


# ------------------------------------------------------------------ bad input
def _pdf(tmp_path, name, **kw):
    p = tmp_path / f"{name}.pdf"
    p.write_bytes(pdf_bytes(**kw)[0])
    return p


def test_scanned_pdf(tmp_path):
    with pytest.raises(DocumentError, match=r"no text layer.*OCR is not supported"):
        read_source(_pdf(tmp_path, "scan", image_only=True))


def test_encrypted_pdf(tmp_path):
    head, paras = forms.report_parts()
    with pytest.raises(DocumentError, match="encrypted and needs a password"):
        read_source(_pdf(tmp_path, "locked", headline=head, paragraphs=paras[:2], encrypt="secret"))


def test_pdf_with_thousands_of_pages(tmp_path):
    with pytest.raises(DocumentError, match="1,001 pages; the limit is 1,000"):
        read_source(_pdf(tmp_path, "huge", pages=1001))


def test_damaged_pdf(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(DocumentError, match="PDF"):
        read_source(p)


def _zip(tmp_path, name, members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for m in members:
            z.writestr(m, "<x/>")
    p = tmp_path / name
    p.write_bytes(buf.getvalue())
    return p


def test_docx_that_is_another_zip(tmp_path):
    with pytest.raises(DocumentError, match="Excel workbook"):
        read_source(_zip(tmp_path, "sheet.docx", ["[Content_Types].xml", "xl/workbook.xml"]))
    with pytest.raises(DocumentError, match="not a Word document"):
        read_source(_zip(tmp_path, "photos.docx", ["a.jpg"]))
    truncated = tmp_path / "cut.docx"
    truncated.write_bytes(forms.docx_form().data[:3000])
    with pytest.raises(DocumentError, match="damaged"):
        read_source(truncated)


def test_html_with_no_article(tmp_path):
    p = tmp_path / "home.html"
    p.write_bytes(forms.no_article_page())
    with pytest.raises(DocumentError, match="no article text"):
        read_source(p)


@pytest.mark.parametrize("fmt", ["txt", "html", "pdf", "docx"])
def test_size_limit_is_per_format_and_named(all_forms, monkeypatch, fmt):
    name = {"txt": "txt", "html": "html-portal", "pdf": "pdf", "docx": "docx"}[fmt]
    form, path = all_forms[name]
    limit = len(form.data) - 1
    monkeypatch.setattr(readers.reader(fmt), "MAX_BYTES", limit)
    with pytest.raises(DocumentError, match=f"the limit is {limit:,} bytes for {fmt} documents") as info:
        read_source(path)
    assert str(path) in str(info.value)


def test_size_limits_differ_by_format_and_are_generous():
    limits = {fmt: readers.reader(fmt).MAX_BYTES for fmt in readers.EXTENSIONS}
    assert limits["txt"] >= 1_000_000 and limits["pdf"] > limits["docx"] > limits["html"] > limits["txt"]


def test_only_regular_files(tmp_path):
    with pytest.raises(DocumentError, match="directory"):
        read_source(tmp_path)
    with pytest.raises(DocumentError, match="no such file"):
        read_source(tmp_path / "missing.txt")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: reading it would hang
    with pytest.raises(DocumentError, match="not a regular file"):
        read_source(fifo)
    with pytest.raises(DocumentError, match="not a regular file"):
        read_source("/dev/zero")  # endless: reading it would grow memory without bound
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(DocumentError, match="empty"):
        read_source(empty)


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    """Permissions-only encryption (no password to open) is common on ministry PDFs: read it."""
    head, paras = forms.report_parts()
    data, _ = pdf_bytes(head, paras[:2], encrypt="")
    p = tmp_path / "owner.pdf"
    p.write_bytes(data)
    assert read_source(p).text.split("\n")[3] == paras[0]


def test_html_ruby_glosses_and_scripts_are_not_text(tmp_path):
    p = tmp_path / "ruby.html"
    p.write_text(
        "<html><body><script>document.write('广告');</script><p><ruby>會<rt>huì</rt></ruby>議指出，"
        "要加快建設教育強國，辦好人民滿意的教育，落實立德樹人根本任務。</p></body></html>",
        encoding="utf-8",
    )
    assert read_source(p).text == "會議指出，要加快建設教育強國，辦好人民滿意的教育，落實立德樹人根本任務。"


def test_html_article_set_in_a_table_cell(tmp_path):
    # an older portal layout: navigation, the article and the footer all in table cells, paragraphs broken by
    # <br>, GB2312; trafilatura gives the cells as Markdown table rows
    nav = "<tr><td><a href='/'>网站首页</a> | <a href='#'>机构概况</a> | <a href='#'>政务公开</a></td></tr>"
    body = "<br><br>".join(
        [
            "　　3月8日，全市职业教育工作推进会召开。会议通报了去年各校专业调整情况。",
            "　　会议要求：<br>　　1.做好专业设置论证；<br>　　2.落实校企合作协议",
            "　　各职业院校主要负责同志参加会议。",
        ]
    )
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head><body>"
        f"<table>{nav}</table><table><tr><td><ul><li>通知公告</li><li>工作动态</li></ul></td><td>"
        "<table><tr><td align='center'><b>全市职业教育工作推进会召开</b></td></tr>"
        "<tr><td>发布日期：2025-03-09　来源：市教育局　【打印】【关闭】</td></tr>"
        f"<tr><td class='content'>{body}</td></tr></table></td></tr></table>"
        "<table><tr><td>版权所有：某市教育局　地址：某路8号</td></tr></table></body></html>"
    )
    p = tmp_path / "table.html"
    p.write_bytes(page.encode("gb2312"))
    raw = read_source(p)
    assert raw.text.split("\n") == [
        "全市职业教育工作推进会召开",  # bold, just before the byline: no <h1>, no <title>, no class
        "3月8日，全市职业教育工作推进会召开。会议通报了去年各校专业调整情况。",
        "会议要求：",
        "1.做好专业设置论证；",
        "2.落实校企合作协议",
        "各职业院校主要负责同志参加会议。",
    ]
    assert ("html-page-chrome", "通知公告") in raw.removed


def test_html_data_table_inside_the_article_keeps_its_rows_and_tables_around_it_stay_out(tmp_path):
    # a ministry-style page: a table of figures between two paragraphs of the article, a table of related links
    # after it; before, the figures were removed as page chrome
    rows = [("学段", "学校数", "在校生"), ("小学", "1203", "45.6万"), ("初中", "512", "21.3万")]
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    links = "<td><a href='/a'>相关新闻一</a></td><td><a href='/b'>相关新闻二</a></td>"
    related = f"<table class='related'><tr>{links}</tr></table>"
    page = (
        "<html><head><meta charset='utf-8'><title>全区教育事业统计公报发布</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> | <a href='/x'>通知公告</a></div>"
        "<div class='article'><h1>全区教育事业统计公报发布</h1>"
        "<p>近日，区教育局发布了年度教育事业统计公报。公报显示，全区各级各类教育事业持续健康发展，办学条件不断改善。</p>"
        f"<table>{table}</table>"
        "<p>区教育局表示，将继续优化学校布局，扩大优质教育资源供给，努力办好人民满意的教育。</p></div>"
        f"{related}<div class='footer'>版权所有：某区教育局</div></body></html>"
    )
    p = tmp_path / "figures.html"
    p.write_text(page, encoding="utf-8")
    raw = read_source(p)
    lines = raw.text.split("\n")
    assert lines[2:5] == ["学段｜学校数｜在校生", "小学｜1203｜45.6万", "初中｜512｜21.3万"], lines
    assert lines[1].startswith("近日") and lines[5].startswith("区教育局表示") and len(lines) == 6
    assert not any("相关新闻" in line or "版权所有" in line for line in lines)
    doc = edu_helpers.load_document(p)
    assert [x.title for x in doc.structure.sections if "｜" in x.title] == []  # a row is never a sub-heading


def test_html_picture_captions_are_removed_and_reported_but_headings_after_pictures_stay(tmp_path):
    picture = "<p style='text-align:center'><img src='a.jpg'></p>"
    page = (
        "<html><head><meta charset='utf-8'><title>全县教师大会召开</title></head><body><div class='article'>"
        "<h1>全县教师大会召开</h1><p>9月9日，全县教师大会召开，表彰了一批优秀教师。</p>"
        f"{picture}<p style='text-align:center'>大会现场</p>"
        "<p>会议指出，要大力弘扬教育家精神，建设高素质专业化教师队伍。</p>"
        "<figure><img src='b.jpg'><figcaption>优秀教师代表发言</figcaption></figure>"
        f"{picture}<p><strong>加强师德师风建设</strong></p><p>各校要把师德师风作为评价教师的第一标准。</p>"
        f"{picture}<p>二、提高教师待遇</p><p>确保教师平均工资收入不低于当地公务员平均工资收入水平。</p>"
        "<p><img src='c.jpg'>会后合影</p></div></body></html>"
    )
    p = tmp_path / "pictures.html"
    p.write_text(page, encoding="utf-8")
    raw = read_source(p)
    lines = raw.text.split("\n")
    assert "加强师德师风建设" in lines and "二、提高教师待遇" in lines  # headings, not captions
    for caption in ("大会现场", "会后合影"):
        assert caption not in lines and ("html-image-caption", caption) in raw.removed
    assert "优秀教师代表发言" not in lines and any(c == "优秀教师代表发言" for _, c in raw.removed)  # (extractor)
    doc = edu_helpers.load_document(p)
    assert doc.structure.paragraphs[1].cue == "会议指出"  # the cue opens its own part, no caption above it


def test_html_numbered_lists_get_the_numbers_a_browser_shows(tmp_path):
    page = (
        "<html><head><meta charset='utf-8'></head><body><article><h1>全市高校毕业生就业工作推进会召开</h1>"
        "<p>3月9日，全市高校毕业生就业工作推进会召开。会议要求，各高校要做好以下工作：</p>"
        "<ol><li>开展访企拓岗专项行动；</li><li>举办线上线下招聘会；<br>每月至少一场；</li>"
        "<li value='5'>鼓励毕业生到基层就业。</li></ol>"
        "<p>会议还提出了三项保障措施：</p><ol start='3'><li>加强组织领导；</li><li>3.强化经费保障。</li></ol>"
        "<p>会议强调，各地要压实责任，确保就业形势稳定。</p><ol type='a'><li>甲项安排；</li><li>乙项安排。</li></ol>"
        "<p>参加会议的有：</p><ul><li>各高校分管校领导；</li><li>就业部门负责同志。</li></ul>"
        "</article></body></html>"
    )
    p = tmp_path / "lists.html"
    p.write_text(page, encoding="utf-8")
    lines = read_source(p).text.split("\n")
    assert lines[2:6] == [
        "1.开展访企拓岗专项行动；",
        "2.举办线上线下招聘会；",
        "每月至少一场；",
        "5.鼓励毕业生到基层就业。",
    ]
    assert lines[7:9] == ["3.加强组织领导；", "3.强化经费保障。"]  # (the page's own number is kept as written)
    assert lines[10:12] == ["甲项安排；", "乙项安排。"]  # type='a': letters are not numbers here
    assert lines[-2:] == ["各高校分管校领导；", "就业部门负责同志。"]  # a bulleted list: kept (it was lost), no number


def test_html_end_mark_after_the_article_is_chrome(tmp_path):
    page = (
        "<html><head><meta charset='utf-8'></head><body><div class='content'><h1>全省中小学开学工作会议召开</h1>"
        "<p>2月20日，全省中小学开学工作会议召开，部署新学期各项工作。</p>"
        "<p>会议要求，各地要抓好开学安全检查，确保平稳有序开学。</p><p style='text-align:right'>（完）</p>"
        "</div></body></html>"
    )
    p = tmp_path / "end.html"
    p.write_text(page, encoding="utf-8")
    raw = read_source(p)
    assert raw.text.split("\n")[-1] == "会议要求，各地要抓好开学安全检查，确保平稳有序开学。"
    assert ("html-byline", "（完）") in raw.removed


def test_html_in_big5_without_a_declared_charset(tmp_path):
    p = tmp_path / "big5.html"
    page = "<html><body><h1>全港教育會議召開</h1><p>會議指出，要推動學校持續發展，辦好每一所學校。</p></body></html>"
    p.write_bytes(page.encode("big5"))
    raw = read_source(p)
    assert raw.encoding == "big5hkscs"
    assert raw.text.split("\n") == ["全港教育會議召開", "會議指出，要推動學校持續發展，辦好每一所學校。"]


def test_docx_table_rows_of_data_are_lines_and_a_layout_table_gives_its_paragraphs(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("会议部署了今年的三项任务，分工如下。")
    data = d.add_table(rows=2, cols=2)
    for r, row in enumerate([("任务", "责任单位"), ("推进集团化办学", "基础教育处")]):
        for c, text in enumerate(row):
            data.cell(r, c).text = text
    layout = d.add_table(rows=1, cols=1)  # the text laid out in a one-cell table
    layout.cell(0, 0).text = "会议要求，各地要抓好落实。"
    layout.cell(0, 0).add_paragraph("各区教育局负责同志参加会议。")
    p = tmp_path / "tables.docx"
    d.save(p)
    assert read_source(p).text.split("\n") == [
        "会议部署了今年的三项任务，分工如下。",
        "任务｜责任单位",
        "推进集团化办学｜基础教育处",
        "会议要求，各地要抓好落实。",
        "各区教育局负责同志参加会议。",
    ]
    doc = edu_helpers.load_document(p)
    assert [x.section for x in doc.structure.paragraphs[:3]] == [0, 0, 0]  # the rows are not sub-headings
    assert [x.title for x in doc.structure.sections] == ["导语", "会议要求：各地要抓好落实", "参会人员"]


def _cid_pdf(path):
    """A PDF whose text pdfminer reads as (cid:…): reportlab's built-in CID font in a permissions-only
    encrypted file (as some exported ministry PDFs come)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", ownerPassword="o", strength=40))
    c.setFont("STSong-Light", 14)
    for k, line in enumerate(
        ["2031年全市教育工作会议召开", "会议指出，要办好人民满意的教育。", "会议强调，要深化改革。"]
    ):
        c.drawString(72, 800 - 24 * k, line)
    c.save()
    return path


def test_a_pdf_whose_glyphs_map_to_no_characters_is_refused_with_the_reason(tmp_path):
    with pytest.raises(DocumentError, match=r"text cannot be decoded: \d+ of its \d+ characters are glyphs"):
        read_source(_cid_pdf(tmp_path / "cid.pdf"))


def test_a_few_undecodable_glyphs_are_dropped_and_listed():
    from edu_helpers.text.readers.pdf import _without_undecodable

    paras = ["会议指出，要办好人民满意的教育(cid:2205)。", "会议强调，要深化教育综合改革，推进教育数字化。"]
    kept, removed = _without_undecodable(Path("x.pdf"), paras)
    assert kept == ["会议指出，要办好人民满意的教育。", paras[1]]
    assert removed == (("pdf-undecodable-glyph", "(cid:2205)"),)
    with pytest.raises(DocumentError, match="cannot be decoded"):
        _without_undecodable(Path("x.pdf"), ["(cid:1)(cid:2)(cid:3)会议"])


def _two_column_pdf(path, headline, paragraphs, *, chars=15, size=12.0):
    """A page set in two columns: the headline across the page, then the paragraphs (first lines indented two
    characters) flowing down the left column and on at the top of the right one."""
    from reportlab.pdfgen import canvas

    from .forms_pdf import _font, _width

    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(_font(), 20)
    c.drawCentredString(297.5, 730, headline)
    c.setFont(_font(), size)
    lines, width = [], chars * size
    for para in paragraphs:  # wrapped by width, as a typesetter does (digits are narrower)
        cur, indent = "", 2 * size
        for ch in para:
            if cur and indent + _width(cur + ch, size) > width and ch not in "，。、；：":
                lines.append((cur, indent))
                cur, indent = "", 0.0
            cur += ch
        lines.append((cur, indent))
    per_column = (len(lines) + 1) // 2
    for k, (line, indent) in enumerate(lines):
        col, row = divmod(k, per_column)
        c.drawString(60 + col * (chars * size + 40) + indent, 690 - row * 1.6 * size, line)
    c.save()
    return path


def test_a_page_in_two_columns_is_read_column_by_column(tmp_path):
    paras = [
        "3月2日，2031年全市教育工作会议召开，总结去年工作，部署今年任务。",
        "会议指出，过去一年全市新建改扩建中小学校十二所，新增学位一万余个，课后服务实现全覆盖。",
        "会议强调，要坚持立德树人，深化教育综合改革，推进职普融通、产教融合。",
        "会议部署了今年五项重点工作，包括扩充优质学位、办好职业教育和建强教师队伍等。",
        "会议要求，各区教育局要压实责任，确保各项任务落到实处。",
    ]
    path = _two_column_pdf(tmp_path / "two.pdf", "2031年全市教育工作会议召开", paras)
    assert read_source(path).text.split("\n") == ["2031年全市教育工作会议召开", *paras]
    one = tmp_path / "one.pdf"  # the same text in one column is read as before
    one.write_bytes(pdf_bytes(("2031年全市教育工作会议召开",), tuple(paras))[0])
    assert read_source(one).text.split("\n")[-len(paras) :] == paras


def test_the_gutter_is_the_middle_of_the_blank_strip():
    from edu_helpers.text.readers.pdf import Line, _gutter

    def line(x0, x1, row):
        return Line(0, x0, x1, 600 - 18 * row, 612 - 18 * row, "会议强调，要深化改革。", 842)

    left = [line(60, 270 + (9 if row % 5 == 0 else 0), row) for row in range(10)]  # two marks hang
    right = [line(315, 525, row) for row in range(10)]
    g = _gutter([*left, *right])
    assert g is not None and 279 < g < 315
    assert _gutter([line(60, 525, row) for row in range(20)]) is None  # one column
