"""The load report says what loading found and warns where the result may mislead."""

from __future__ import annotations

import edu_helpers
from edu_helpers.text.report import Change, LoadReport


def test_bundled_report_is_described(report):
    r = report.load_report
    assert (r.format, r.encoding, r.script) == ("txt", "utf-8", "简体")
    assert (r.paragraphs, r.sections, r.items) == (17, 6, 11)
    assert r.warnings == ()
    assert r.path.endswith("2023-national-education-work-conference.txt")


def test_a_text_without_cues_is_one_part_and_says_so():
    doc = edu_helpers.document_from_text("一篇短文\n\n今天召开了座谈会。大家交流了体会。\n")
    assert doc.load_report.sections == 1
    assert any("提示语" in w for w in doc.load_report.warnings)
    assert "⚠" in doc.load_report.summary()


def test_a_text_parted_by_sub_headings_without_cues_says_so_not_one_part():
    doc = edu_helpers.document_from_text(
        "年度工作要点\n\n总体要求是加快建设教育强市。\n\n一、加强党的建设\n\n健全学习制度。\n\n二、推进扩优提质\n\n新建学校十所。\n"
    )
    assert doc.load_report.sections == 3
    assert [w for w in doc.load_report.warnings if "提示语" in w] == [
        "没有找到“会议指出/强调/要求”等提示语，按 2 个小标题分部分。"
    ]
    assert "全文作为一部分" not in doc.load_report.summary()


def test_changes_are_listed_with_examples():
    r = LoadReport("x.html", "html", "gb18030", changes=(Change("reader", "breadcrumb", 4, ("首页 > 新闻",)),))
    assert list(r.frame().columns) == ["stage", "rule", "count", "examples"]
    assert r.frame().loc[0, "count"] == 4
    assert r.lines()[1] == "  [reader] breadcrumb: 4（首页 > 新闻…）"


def test_normalisation_rules_that_changed_something_are_counted():
    raw = "标题\n\n会议指出，要加快建设\n高质量教育体系。\n\n— 2 —\n\n会议要求，落实 2024 年任务。\n"
    doc = edu_helpers.document_from_text(raw)
    counted = {c.rule: c.count for c in doc.load_report.changes if c.stage == "normalize"}
    assert counted["drop_page_footers (lines)"] >= 1  # the — 2 — footer line
    assert counted["unwrap_lines (lines)"] >= 1  # 建设 / 高质量 joined
    assert "collapse_spaces (chars)" not in counted  # nothing for it to do here: not listed


def test_items_inside_one_paragraph_are_counted_apart():
    raw = "全市教育工作会议召开\n\n会议要求，一是抓好课后服务；二是办好家长学校；三是建好心理辅导站。\n"
    report = edu_helpers.document_from_text(raw).load_report
    assert (report.items, report.subitems) == (0, 3)
    assert "0 个条目（段内另有 3 个条目）" in report.summary()
    assert report.as_dict()["subitems"] == 3
