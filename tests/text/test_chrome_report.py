"""Page chrome in the load report, and chrome="keep" (issue 13)."""

from __future__ import annotations

import pytest

import edu_helpers
from edu_helpers.errors import DocumentError
from tests.text.pages import PAGES_DIR, load_page


def test_dropped_lines_are_in_the_load_report(tmp_path):
    page = load_page("provincial-2024-vocational")
    path = tmp_path / "page.txt"
    path.write_text(page.text, encoding="utf-8")
    doc = edu_helpers.load_document(path)
    chrome = [c for c in doc.load_report.changes if c.stage == "chrome"]
    assert sum(c.count for c in chrome) == len(page.expected["chrome"])
    assert {c.rule for c in chrome} >= {"breadcrumb", "editor"}
    shown = [e for c in chrome for e in c.examples]
    assert "责任编辑：刘某" in shown and all(len(c.examples) <= 3 for c in chrome)
    assert "chrome" in set(doc.load_report.frame()["stage"])
    assert any("[chrome]" in line for line in doc.load_report.lines())
    assert doc.title == "全省职业教育工作会议召开"


def test_keep_switches_it_off(tmp_path):
    path = PAGES_DIR / "provincial-2024-vocational.txt"
    kept = edu_helpers.load_document(path, chrome="keep")
    assert not [c for c in kept.load_report.changes if c.stage == "chrome"]
    assert "责任编辑" in kept.text and kept.title != "全省职业教育工作会议召开"
    text = path.read_text(encoding="utf-8")
    assert "责任编辑" in edu_helpers.document_from_text(text, chrome="keep").text
    assert "责任编辑" not in edu_helpers.document_from_text(text).text


def test_the_bundled_report_loses_nothing(report):
    assert not [c for c in report.load_report.changes if c.stage == "chrome"]
    assert (len(report.paragraph_records), len(report.section_records), report.load_report.items) == (17, 6, 11)
    assert report.subtitles == ("加快建设高质量教育体系", "办好人民满意的教育")


def test_a_bad_chrome_value_is_one_clear_error():
    with pytest.raises(DocumentError, match="chrome"):
        edu_helpers.document_from_text("会议指出，要加强。", chrome="drop")
