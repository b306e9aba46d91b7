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


def test_changes_are_listed_with_examples():
    r = LoadReport("x.html", "html", "gb18030", changes=(Change("reader", "breadcrumb", 4, ("首页 > 新闻",)),))
    assert list(r.frame().columns) == ["stage", "rule", "count", "examples"]
    assert r.frame().loc[0, "count"] == 4
    assert r.lines()[1] == "  [reader] breadcrumb: 4（首页 > 新闻…）"
