"""The load report says what loading found and warns where the result may mislead."""

from __future__ import annotations

from pathlib import Path

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
    assert list(r.frame().columns) == ["stage", "rule", "label", "count", "examples"]
    assert (r.frame().loc[0, "count"], r.frame().loc[0, "label"]) == (4, "当前位置导航")
    assert r.lines()[1] == "  [reader] breadcrumb: 4（首页 > 新闻…） · 当前位置导航"
    assert r.as_dict()["changes"][0]["rule"] == "breadcrumb" and r.as_dict()["changes"][0]["label"] == "当前位置导航"


def test_a_rule_without_a_label_is_shown_by_its_id():
    r = LoadReport("x.txt", "txt", "utf-8", changes=(Change("chrome", "a-rule-added-later", 2),))
    assert r.summary().endswith("改动：a-rule-added-later 2 处。")
    assert r.lines()[1] == "  [chrome] a-rule-added-later: 2"


def test_the_summary_names_the_file_and_the_changes_in_chinese_and_the_details_keep_the_path():
    raw = "标题\n\n会议指出，要加快建设\n高质量教育体系。\n\n会议要求，落实 2024 年任务。\n"
    doc = edu_helpers.document_from_text(raw)
    r = LoadReport(
        "/srv/班级/报告 (终稿).txt", "txt", "utf-8", changes=doc.load_report.changes, paragraphs=3, sections=2
    )
    line = r.summary()
    assert line.startswith("报告 (终稿).txt：") and "/srv" not in line
    assert "合并硬换行" in line and "unwrap_lines" not in line and "(lines)" not in line
    assert r.lines()[0].startswith("/srv/班级/报告 (终稿).txt：")
    assert LoadReport("C:\\Users\\t\\会议.docx", "docx", "docx").summary().startswith("会议.docx：")


def test_every_rule_the_pipeline_can_report_has_a_chinese_label():
    import re

    from edu_helpers.data_files import bundled_toml
    from edu_helpers.text import codepoints, normalize
    from edu_helpers.text.report import LABELS_FILE, rule_label

    src = Path(edu_helpers.__file__).parent
    rules = {r.__name__ for r in normalize.RULES} | {r.name for r in codepoints.RULES}
    rules |= {"traditional-to-simplified"}
    rules |= {r["name"] for r in bundled_toml("chrome.toml").get("rule", [])}
    for reader in (src / "text" / "readers").glob("*.py"):  # ("html-byline", line) recorded by the readers
        rules |= set(re.findall(r'\("((?:html|pdf|docx)-[a-z-]+)"', reader.read_text(encoding="utf-8")))
    assert len(rules) > 40, sorted(rules)
    missing = sorted(r for r in rules if rule_label(r) == r)
    assert not missing, f"no label in {LABELS_FILE} for {missing}"
    assert all(not rule_label(r).isascii() for r in rules)


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


def test_sidecar_section_titles_that_do_not_fit_are_not_used_and_the_report_says_so(tmp_path):
    text = "全市教育工作会议召开\n\n3月2日，全市教育工作会议召开。\n\n会议指出，成绩不易。\n\n会议强调，要改革。\n"
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (tmp_path / "r.toml").write_text('section_titles = ["导语", "成绩"]\n', encoding="utf-8")
    doc = edu_helpers.load_document(tmp_path / "r.txt")
    assert len(doc.sections) == 3 and doc.sections.iloc[1]["title"] != "成绩"
    assert any("给了 2 个部分标题，但找到 3 个部分" in w for w in doc.load_report.warnings)
    (tmp_path / "r.toml").write_text('section_titles = ["导语", "成绩", "改革"]\n', encoding="utf-8")
    doc = edu_helpers.load_document(tmp_path / "r.txt")
    assert list(doc.sections["title"]) == ["导语", "成绩", "改革"] and doc.load_report.warnings == ()
