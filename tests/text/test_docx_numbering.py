"""Word's automatic numbering (numPr → numbering.xml) is rendered, so numbered items keep 一、 （一） 1."""

from __future__ import annotations

import io

import pytest

import edu_helpers
from edu_helpers.text.readers import numbering as N
from edu_helpers.text.readers import read_source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# 三级编号：一、 →（一）→ 1.；第二个列表从 5 开始（startOverride），第三个是项目符号
NUMBERING = f"""<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="70"><w:abstractNumId w:val="90"/></w:num>
<w:num w:numId="71"><w:abstractNumId w:val="90"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="72"><w:abstractNumId w:val="91"/></w:num>
</w:numbering>"""

BODY = [
    (None, 0, "会议指出，过去一年全市职业教育稳步发展，产教融合不断深化。"),
    (70, 0, "总体要求。坚持立德树人，服务地方产业。"),
    (70, 1, "办学方向。坚持面向市场、服务发展。"),
    (70, 2, "完善专业设置动态调整机制。"),
    (70, 2, "扩大校企合作订单培养。"),
    (70, 1, "保障措施。加大经费投入，改善办学条件。"),
    (70, 0, "重点任务。推进职普融通，建设实训基地。"),
    (72, 0, "加强宣传引导，营造良好氛围。"),
    (71, 0, "组织实施。各地要抓好落实，按时报送进展。"),
]


def _numbered_docx() -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_paragraph("全市职业教育工作会议召开", style="Title")
    part = d.part.numbering_part
    for child in parse_xml(NUMBERING):
        part.element.append(child)
    for num_id, level, text in BODY:
        p = d.add_paragraph(text)
        if num_id is not None:
            ppr = p._p.get_or_add_pPr()
            numpr = ppr.makeelement(qn("w:numPr"), {})
            for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
                el = numpr.makeelement(qn(tag), {qn("w:val"): str(value)})
                numpr.append(el)
            ppr.append(numpr)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_numbered_items_keep_their_numbers(tmp_path):
    path = tmp_path / "numbered.docx"
    path.write_bytes(_numbered_docx())
    lines = read_source(path).text.split("\n")
    assert lines[2:] == [
        "一、总体要求。坚持立德树人，服务地方产业。",
        "（一）办学方向。坚持面向市场、服务发展。",
        "1.完善专业设置动态调整机制。",
        "2.扩大校企合作订单培养。",
        "（二）保障措施。加大经费投入，改善办学条件。",
        "二、重点任务。推进职普融通，建设实训基地。",
        "加强宣传引导，营造良好氛围。",  # a bullet: no number invented
        "五、组织实施。各地要抓好落实，按时报送进展。",  # startOverride 5
    ]
    doc = edu_helpers.load_document(path)
    items = [(p.kind, p.item) for p in doc.structure.paragraphs]
    assert items[1:7] == [("item", 1), ("item", 1), ("item", 1), ("item", 2), ("item", 2), ("item", 2)]
    assert doc.title == "全市职业教育工作会议召开"


@pytest.mark.parametrize(
    ("fmt", "n", "shown"),
    [
        ("chineseCounting", 11, "十一"),
        ("chineseCountingThousand", 23, "二十三"),
        ("ideographDigital", 10, "一〇"),
        ("chineseLegalSimplified", 3, "叁"),
        ("decimalEnclosedCircle", 4, "④"),
        ("decimalFullWidth", 12, "１２"),
        ("lowerRoman", 14, "xiv"),
        ("upperLetter", 27, "AA"),
        ("none", 1, None),
    ],
)
def test_number_formats(fmt, n, shown):
    assert N.render(fmt, n) == shown
