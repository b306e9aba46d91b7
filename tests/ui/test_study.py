"""The functions the notebooks call (edu_helpers.ui.study) and the discussion prompts (edu_helpers.analysis.prompts)."""

from __future__ import annotations

import re

import pytest

import edu_helpers
from edu_helpers.analysis.prompts import MAX_PROMPTS, MIN_PROMPTS, bundled_prompts, parse_prompts, prompts_for
from edu_helpers.errors import DataFileError
from edu_helpers.ui import study
from edu_helpers.ui.widgets import AnnotationList, Annotator, PassageExplorer, TermBrowser

SECOND = "tests/data/second-report.txt"


@pytest.fixture
def opened(tmp_path, monkeypatch):
    monkeypatch.setenv("EDU_ANNOTATIONS", str(tmp_path / "env.sqlite"))
    doc, store = study.open_study()
    yield doc, store
    store.close()


def test_open_study_uses_the_environment_or_the_arguments(opened, tmp_path, report):
    doc, store = opened
    assert store.path == tmp_path / "env.sqlite" and doc.title == report.title
    other, mine = study.open_study(SECOND, tmp_path / "mine.sqlite")
    assert mine.path == tmp_path / "mine.sqlite" and other.title != report.title
    mine.close()


def test_structure_table(report):
    table = study.structure_table(report).data
    assert list(table.columns) == ["标题", "提示语", "段落", "编号条目", "字数"]
    assert list(table["编号条目"]) == [0, 0, 4, 7, 0, 0] and table.index[0] == 1


@pytest.mark.parametrize(
    ("section", "items"),
    [(2, [1, 2, 3, 4]), (3, [1, 2, 3, 4, 5, 6, 7]), ([2, 3], [1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7])],
)
def test_section_items(report, section, items):
    table = study.section_items(report, section).data
    assert list(table.index) == items and list(table.columns) == ["段落", "要点（首句）", "字数"]


@pytest.mark.parametrize("section", [0, [4, 5], 9])
def test_a_section_without_items_says_so(report, section):
    assert "没有编号条目" in study.section_items(report, section).data


def test_section_views(report):
    text = study.section_text(report, 3).data
    assert text.count('class="edu-item"') == 7 and "一是坚定不移加强党对教育工作的全面领导" in text
    head = study.section_header(report, 0).data
    assert report.subtitles[0] in head and "导语" in head
    assert study.section_header(report, [4, 5]).data.count("<h3>") == 2
    assert "只有 6 个部分" in study.section_header(report, 9).data
    assert study.section_text(report, 9).data.count("<p") == 0


def test_section_words_terms_and_topics(report):
    keywords = study.section_keywords(report, 3, n=8).data
    assert list(keywords.columns) == ["部分", "关键词", "权重"] and len(keywords) == 8
    terms = study.section_terms(report, 3).data
    assert {"双减", "一体两翼", "产教融合"} <= set(terms["词语"]) and "两个确立" not in set(terms["词语"])
    topics = study.section_topics(report, 3).data
    assert "职业教育" in set(topics["主题"]) and topics["依据"].str.len().gt(0).all()
    assert study.section_keywords(report, 9).data.empty


def test_prompts_view_escapes_and_numbers(report):
    view = study.prompts_view(report, [4, 5]).data
    assert view.count("<li>") == len(prompts_for(report, 4)) + len(prompts_for(report, 5))


def test_widget_factories(opened):
    doc, store = opened
    panel = study.annotator(doc, store, [4, 5])
    assert isinstance(panel, Annotator) and panel.paragraph_ids == ["p16", "p17"]
    assert len(study.annotator(doc, store).paragraph_ids) == len(doc.paragraph_records)
    assert isinstance(study.explorer(doc), PassageExplorer)
    assert isinstance(study.workbench(doc, store), AnnotationList)
    assert isinstance(study.term_browser(doc), TermBrowser)
    assert study.reading_view(doc, [4, 5]).section == 4 and study.reading_view(doc, 9).section == 0


def test_annotation_table_and_store_help(opened):
    doc, store = opened
    store.annotate(doc, "双减", kind="疑问", tags=["<i>基础教育</i>"], note="<script>alert(1)</script>")
    table = study.annotation_table(doc, store)
    row = table.data.loc[0, ["部分", "类型", "标签", "位置"]].tolist()
    assert row == ["2023年重点任务", "疑问", "<i>基础教育</i>", "原位"]
    shown = table.to_html()
    assert "<script" not in shown and "<i>" not in shown and "&lt;script&gt;" in shown
    help_ = study.store_help(store).data
    assert str(store.path) in help_ and "（现有 1 条）" in help_
    assert "<script" not in study.about(doc, store).data


def test_term_tables(report):
    index = study.formulation_index(report).data
    assert index.loc[index["提法"] == "两个维护", "所在部分"].item() == "导语、2023年重点任务"
    assert set(index["规则"]) <= {"数字概括", "一…两…", "引号"}
    assert "立德树人" in set(study.glossary_table(report).data["词语"])


def test_another_document_runs_through_every_view(tmp_path):
    doc, store = study.open_study(SECOND, tmp_path / "s.sqlite")
    for i in range(len(doc.section_records)):
        study.section_header(doc, i), study.section_text(doc, i), study.section_items(doc, i)
        study.section_terms(doc, i), study.section_topics(doc, i), study.prompts_view(doc, i)
        study.annotator(doc, store, i)
    study.topic_heatmap(doc), study.word_chart(doc), study.structure_chart(doc)
    store.close()


# --- prompts ------------------------------------------------------------------------------------------
def test_every_section_of_the_report_has_its_own_prompts(report):
    own = bundled_prompts().reports[report.title]
    assert set(own) == {s.title for s in report.section_records}
    for i in range(len(report.section_records)):
        assert MIN_PROMPTS <= len(prompts_for(report, i)) <= MAX_PROMPTS


def test_other_documents_get_generic_prompts_by_kind():
    doc = edu_helpers.load_document(SECOND)
    first = [prompts_for(doc, i)[0] for i in range(len(doc.section_records))]
    assert all("{" not in p for p in first)
    assert "会议认为" in first[1]  # {cue} filled in
    assert first[0] == bundled_prompts().kinds["lead"][0]  # its 导语 is not the bundled report's 导语


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"kind": {"body": ["只有一条"]}}, "1 prompts"),
        ({"kind": {"lead": ["a", "b"]}}, "no body"),
        ({"kind": {"body": ["a", ""]}}, "non-empty strings"),
        ({"kind": {"body": ["a", "b"]}, "report": {"某报告": {"导语": "不是列表"}}}, '"导语"'),
        ({"kind": "body"}, "[kind] must be a table"),
    ],
)
def test_malformed_prompts_name_the_file_and_the_table(data, problem, tmp_path):
    with pytest.raises(DataFileError, match=r"prompts\.toml") as info:
        parse_prompts(data, tmp_path / "prompts.toml")
    assert problem in str(info.value)


@pytest.mark.parametrize("make", [study.structure_table, lambda doc: study.section_items(doc, 3)])
def test_tables_have_one_header_row_and_ids_that_never_wrap(report, make):
    html = make(report).to_html()
    head = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    assert head.count("<tr") == 1, head  # no extra row for the index name (部分, 条目)
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    ids = re.findall(r'class="data row\d+ (col\d+)" >p\d+<', body)
    if ids:  # the 段落 column holds p01…: its cells are nowrap
        col = ids[0]
        assert re.search(rf"#T_\w+_row0_{col}[^{{]*\{{[^}}]*white-space: nowrap", html), html[:1500]


def test_the_load_line_names_the_file_in_chinese_and_keeps_the_path_out_of_the_class_view(tmp_path, monkeypatch):
    folder = tmp_path / 'a "quoted" <folder>'
    folder.mkdir()
    path = folder / "全市 会议.txt"
    text = "全市教育工作会议召开\n\n会议指出，要加快建设\n高质量教育体系。\n\n会议要求，抓好落实。\n"
    path.write_text(text, encoding="utf-8")
    doc = edu_helpers.load_document(path)
    monkeypatch.setenv("EDU_CLASS_VIEW", "0")
    lab = study.load_line(doc).data
    assert "载入：全市 会议.txt：txt" in lab and "合并硬换行" in lab and "unwrap_lines" not in lab
    assert 'title="' in lab and "&quot;quoted&quot; &lt;folder&gt;" in lab and "<folder>" not in lab
    monkeypatch.setenv("EDU_CLASS_VIEW", "1")
    shown = study.load_line(doc).data
    assert "载入：全市 会议.txt：txt" in shown and str(tmp_path) not in shown and "title=" not in shown


def test_a_document_error_is_said_escaped_with_what_to_do(monkeypatch, tmp_path):
    from edu_helpers.errors import DocumentError
    from edu_helpers.ui import html

    exc = DocumentError(tmp_path / "<b>报告</b>.html", "the page is a list of 6 article links <i>")
    monkeypatch.setenv("EDU_CLASS_VIEW", "0")
    lab = html.document_error(exc)
    assert "&lt;b&gt;报告&lt;/b&gt;.html" in lab and "<b>" not in lab and "<i>" not in lab
    assert str(tmp_path) in lab and "DOCUMENT_PATH" in lab and 'class="edu-msg edu-msg-error"' in lab
    monkeypatch.setenv("EDU_CLASS_VIEW", "1")
    shown = html.document_error(exc)
    assert str(tmp_path) not in shown and "DOCUMENT_PATH" not in shown and "JupyterLab" in shown
    assert exc._render_traceback_() == [f"DocumentError: {exc}"]


def test_open_corpus_names_a_skipped_file_and_says_why_in_chinese(monkeypatch, tmp_path, capsys):
    import shutil

    from edu_helpers.ui import study
    from tests.paths import REPO

    shutil.copy(REPO / "tests" / "data" / "second-report.txt", tmp_path / "2024.txt")
    items = "".join(
        f"<li><a href='/n/{i}'>某区教育局召开第{i}次工作会议</a><p>会议部署了下一阶段的重点任务。</p></li>"
        for i in range(7)
    )
    (tmp_path / "栏目.html").write_text(f"<html><body><ul>{items}</ul></body></html>", encoding="utf-8")
    monkeypatch.setenv("EDU_CLASS_VIEW", "1")
    monkeypatch.setenv("EDU_HELPERS_CACHE", str(tmp_path / "cache"))
    corpus = study.open_corpus(tmp_path)
    out = capsys.readouterr().out
    assert len(corpus) == 1 and "跳过 栏目.html：这个网页是文章列表（7 条文章链接）" in out
    assert str(tmp_path) not in out  # (the class view shows no server folders)
