"""Tables of data in a page or a Word file (a 任务分工表) are read a row to a line, also when a cell holds two
lines (two units, a wrapped date); a table that lays out paragraphs gives its paragraphs."""

from __future__ import annotations

import pytest

import edu_helpers
from edu_helpers.text.readers import read_source

LEAD = "近日，某市教育局印发2024年工作要点，明确了全年的重点任务和责任分工，要求各单位抓好落实。"
CLOSE = "各单位要对照任务分工表，细化工作措施，确保各项任务按时保质完成。"
ROWS = [
    ("推进学前教育普惠发展", ["基础教育处", "发展规划处"], ["2024年12月底前"]),
    ("深化义务教育集团化办学", ["基础教育处"], ["2024年9月底前"]),
    ("加强乡村教师队伍建设", ["教师工作处", "人事处", "财务处"], ["长期坚持"]),
]
EXPECTED = [
    "任务｜责任单位｜完成时限",
    "推进学前教育普惠发展｜基础教育处／发展规划处｜2024年12月底前",
    "深化义务教育集团化办学｜基础教育处｜2024年9月底前",
    "加强乡村教师队伍建设｜教师工作处／人事处／财务处｜长期坚持",
]


def _html(cell) -> str:
    rows = "".join(f"<tr><td>{task}</td><td>{cell(units)}</td><td>{cell(due)}</td></tr>" for task, units, due in ROWS)
    table = f"<table><tr><th>任务</th><th>责任单位</th><th>完成时限</th></tr>{rows}</table>"
    return (
        '<html><head><meta charset="utf-8"><title>某市教育局印发2024年工作要点</title></head><body>'
        f'<div class="article"><h1>某市教育局印发2024年工作要点</h1><p>{LEAD}</p><p>附：重点任务分工表</p>'
        f"{table}<p>{CLOSE}</p></div></body></html>"
    )


@pytest.mark.parametrize(
    "cell",
    [lambda lines: "<br>".join(lines), lambda lines: "".join(f"<p>{t}</p>" for t in lines)],
    ids=["br", "paragraphs"],
)
def test_a_page_s_table_of_data_is_a_row_to_a_line(tmp_path, cell):
    path = tmp_path / "要点.html"
    path.write_text(_html(cell), encoding="utf-8")
    doc = edu_helpers.load_document(path)
    texts = [p.text for p in doc.paragraph_records]
    assert texts[texts.index("附：重点任务分工表") + 1 :][:4] == EXPECTED
    assert [s.title for s in doc.section_records].count("基础教育处") == 0  # no cell became a heading


def test_a_word_table_of_data_is_a_row_to_a_line(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("某市教育局印发2024年工作要点", 0)
    d.add_paragraph(LEAD)
    d.add_paragraph("附：重点任务分工表")
    table = d.add_table(rows=1 + len(ROWS), cols=3)
    for j, head in enumerate(("任务", "责任单位", "完成时限")):
        table.cell(0, j).text = head
    for i, (task, units, due) in enumerate(ROWS, start=1):
        table.cell(i, 0).text = task
        for j, lines in ((1, units), (2, due)):
            cell = table.cell(i, j)
            cell.text = lines[0]
            for more in lines[1:]:
                cell.add_paragraph(more)
    d.add_paragraph(CLOSE)
    path = tmp_path / "要点.docx"
    d.save(path)
    lines = read_source(path).text.split("\n")
    assert lines[lines.index("附：重点任务分工表") + 1 :][:4] == EXPECTED


def test_a_table_that_lays_out_paragraphs_gives_the_paragraphs(tmp_path):
    paras = [LEAD, "会议指出，过去一年全市教育事业取得新进展。", CLOSE]
    cell = "".join(f"<p>{p}</p>" for p in paras)
    page = (
        '<html><head><meta charset="utf-8"><title>会议</title></head><body><table><tr>'
        f"<td><a href='/'>首页</a><br><a href='/n'>新闻</a></td><td><h1>全市教育工作会议召开</h1>{cell}</td>"
        "</tr></table></body></html>"
    )
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    texts = [p.text for p in edu_helpers.load_document(path).paragraph_records]
    assert all(p in texts for p in paras) and not any("｜" in t for t in texts)
