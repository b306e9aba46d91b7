"""The Word reader on what government templates hold: content controls, text boxes, soft breaks, no text."""

from __future__ import annotations

import io

import pytest

import edu_helpers
from edu_helpers.cli import main
from edu_helpers.errors import DocumentError
from edu_helpers.text.readers import read_source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _p(text: str = "", style: str | None = None, inner: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:p>{ppr}{run}{inner}</w:p>"


def _sdt(*blocks: str) -> str:
    return f'<w:sdt><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent>{"".join(blocks)}</w:sdtContent></w:sdt>'


def _docx(tmp_path, *blocks: str, name: str = "report.docx"):
    """A Word file whose body is these XML blocks (w:p, w:tbl, w:sdt…), before the section properties."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    body = d.element.body
    sect = body[-1]  # w:sectPr
    for block in blocks:
        sect.addprevious(parse_xml(block.replace(">", f" {NS}>", 1)))  # the namespaces on the outer element
    path = tmp_path / name
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def _lines(path) -> list[str]:
    return read_source(path).text.split("\n")


# ------------------------------------------------------------------ content controls (w:sdt)
def test_paragraphs_in_block_content_controls_are_read_in_order(tmp_path):
    path = _docx(
        tmp_path,
        _sdt(_p("全区教育工作会议召开", style="Title")),  # a template's title box
        _p("会议指出，过去一年全区教育事业稳步发展。"),
        _sdt(_p("会议强调，要抓好三件事。"), _p("一是推进集团化办学。")),
        _sdt(_sdt(_p("二是加强教师队伍建设。"))),  # a control inside a control
        _p("三是办好家门口的好学校。"),
    )
    raw = read_source(path)
    assert raw.text.split("\n") == [
        "全区教育工作会议召开",
        "会议指出，过去一年全区教育事业稳步发展。",
        "会议强调，要抓好三件事。",
        "一是推进集团化办学。",
        "二是加强教师队伍建设。",
        "三是办好家门口的好学校。",
    ]
    assert raw.headline == ("全区教育工作会议召开",)  # a Title in a content control is still the headline


def _cell(*blocks: str) -> str:
    return f"<w:tc><w:tcPr/>{''.join(blocks)}</w:tc>"


def test_content_controls_in_table_cells_and_rows(tmp_path):
    table = (
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{_cell(_p('任务'))}{_cell(_p('责任单位'))}</w:tr>"
        f"<w:tr>{_cell(_sdt(_p('推进集团化办学')))}<w:sdt><w:sdtContent>{_cell(_p('基础教育处'))}</w:sdtContent></w:sdt></w:tr>"
        f"<w:sdt><w:sdtContent><w:tr>{_cell(_p('加强师资培训'))}{_cell(_p('教师工作处'))}</w:tr></w:sdtContent></w:sdt>"
        "</w:tbl>"
    )
    nested = f"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>{_cell(_p('按时报送进展。'))}</w:tr></w:tbl>"
    layout = (
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>"
        f"<w:tr>{_cell(_p('会议要求，'), _sdt(_p('各地要抓好落实。')), nested, _p())}</w:tr></w:tbl>"
    )
    path = _docx(tmp_path, _p("会议部署了今年的重点任务，分工如下。"), table, _sdt(layout))
    assert _lines(path) == [
        "会议部署了今年的重点任务，分工如下。",
        "任务｜责任单位",
        "推进集团化办学｜基础教育处",
        "加强师资培训｜教师工作处",
        "会议要求，",
        "各地要抓好落实。",
        "按时报送进展。",  # a table nested in a cell
    ]


def test_vertically_merged_cells_still_repeat_their_text(tmp_path):
    """What the reader did before it walked the XML itself: a cell merged down gives each row its text."""
    merged = '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>职成教处</w:t></w:r></w:p></w:tc>'
    cont = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
    table = (
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{_cell(_p('推进产教融合'))}{merged}</w:tr>"
        f"<w:tr>{_cell(_p('建设实训基地'))}{cont}</w:tr>"
        "</w:tbl>"
    )
    path = _docx(tmp_path, _p("分工如下。"), table)
    assert _lines(path) == ["分工如下。", "推进产教融合｜职成教处", "建设实训基地｜职成教处"]


# ------------------------------------------------------------------ text boxes
_CHOICE_BOX = (
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="文本框 1"/>'
    "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
    "<w:p><w:r><w:t>扫码查看</w:t></w:r></w:p><w:p><w:r><w:t>会议全文</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>扫码查看</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>会议全文</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r>"
)
_VML_BOX = (
    "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>（本版责任编辑：李明）</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
)


def test_text_boxes_are_left_out_and_reported(tmp_path):
    path = _docx(
        tmp_path,
        _p("会议强调，要坚持教育优先发展。", inner=_CHOICE_BOX),  # a side note anchored in a body paragraph
        _p(inner=_VML_BOX),  # an empty paragraph anchoring a legacy (VML) text box
        _sdt(_p("会议要求，各地要抓好落实。")),
    )
    raw = read_source(path)
    assert raw.text.split("\n") == ["会议强调，要坚持教育优先发展。", "会议要求，各地要抓好落实。"]
    # once each (Word stores a text box twice, for new and for old readers), in document order
    assert raw.removed == (("docx-text-box", "扫码查看 会议全文"), ("docx-text-box", "（本版责任编辑：李明）"))
    changes = [c for c in edu_helpers.load_document(path).load_report.changes if c.rule == "docx-text-box"]
    assert [(c.stage, c.count, c.label) for c in changes] == [("reader", 2, "Word 文本框")]


# ------------------------------------------------------------------ soft line breaks
@pytest.mark.parametrize(
    ("runs", "line"),
    [
        ("<w:r><w:t>会议强调，</w:t><w:br/><w:t>一是要提高站位。</w:t></w:r>", "会议强调，一是要提高站位。"),
        ("<w:r><w:t>会议强调</w:t><w:cr/><w:t>要压实责任。</w:t></w:r>", "会议强调要压实责任。"),
        ('<w:r><w:t>二是要</w:t><w:br w:type="page"/><w:t>抓好落实。</w:t></w:r>', "二是要抓好落实。"),
        ("<w:r><w:t>推广 Python</w:t><w:br/><w:t>3 编程课程</w:t></w:r>", "推广 Python 3 编程课程"),
        ("<w:r><w:t>三是要  </w:t><w:br/><w:br/><w:t>  加强督导。</w:t></w:r>", "三是要加强督导。"),
    ],
)
def test_a_soft_break_does_not_end_the_paragraph(tmp_path, runs, line):
    path = _docx(tmp_path, _p("全市教育大会召开"), f"<w:p>{runs}</w:p>")
    assert _lines(path) == ["全市教育大会召开", line]


def test_a_soft_break_makes_no_fake_heading(tmp_path):
    # the first half alone reads like a sub-heading (short, no full stop): it must stay in its paragraph
    broken = (
        "<w:p><w:r><w:t>坚持立德树人根本任务</w:t><w:br/>"
        "<w:t>各地教育部门要把思想统一到会议精神上来，结合实际抓好贯彻落实。</w:t></w:r></w:p>"
    )
    path = _docx(tmp_path, _p("全市教育大会召开", style="Title"), _p("会议指出，教育是强国建设的基础。"), broken)
    doc = edu_helpers.load_document(path)
    assert [x.text for x in doc.structure.paragraphs][-1] == (
        "坚持立德树人根本任务各地教育部门要把思想统一到会议精神上来，结合实际抓好贯彻落实。"
    )
    assert [(x.title, x.kind) for x in doc.structure.sections] == [("导语", "lead")]


# ------------------------------------------------------------------ no text
def test_a_word_file_without_text_is_not_called_damaged(tmp_path, capsys):
    path = _docx(tmp_path, _p(), _sdt(_p()), name="empty.docx")
    with pytest.raises(DocumentError) as err:
        read_source(path)
    assert err.value.problem == "the Word document holds no text"
    assert str(err.value) == f"{path}: the Word document holds no text"
    assert main(["outline", str(path)]) == 2
    assert capsys.readouterr().err == f"error: {path}: the Word document holds no text\n"


def test_a_word_file_whose_only_text_is_in_text_boxes_says_so(tmp_path):
    with pytest.raises(DocumentError, match=r"^.*: the Word document holds no text: its only text is in text boxes"):
        read_source(_docx(tmp_path, _p(inner=_VML_BOX), name="boxes.docx"))


def test_line_breaks_after_a_sentence_end_still_part_paragraphs(tmp_path):
    # text pasted into Word from a page often keeps its paragraphs as line breaks inside one Word paragraph
    pasted = (
        "<w:p><w:r><w:t>会议指出，过去一年成绩来之不易。</w:t><w:br/><w:t>会议强调，要坚持</w:t><w:br/>"
        "<w:t>教育优先发展。</w:t><w:br/><w:t>会议要求，抓好落实。</w:t></w:r></w:p>"
    )
    path = _docx(tmp_path, _p("全市教育大会召开"), pasted)
    assert _lines(path) == [
        "全市教育大会召开", "会议指出，过去一年成绩来之不易。", "会议强调，要坚持教育优先发展。", "会议要求，抓好落实。"
    ]  # fmt: skip
