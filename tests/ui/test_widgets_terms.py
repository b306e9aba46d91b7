"""The term browser: 提法 and glossary terms in one list; choosing one shows its explanation and occurrences."""

from __future__ import annotations

import re

import pytest

import edu_helpers
from edu_helpers.ui.widgets import TermBrowser
from edu_helpers.ui.widgets.terms import occurrences, term_table


@pytest.fixture(scope="module")
def browser(report):
    return TermBrowser(report)


def test_the_table_joins_formulations_and_glossary_terms(report):
    table = term_table(report)
    assert set(report.formulations["formulation"]) <= set(table["term"])
    assert {"立德树人", "产教融合", "一体两翼"} <= set(table["term"])
    assert list(table["first_start"]) == sorted(table["first_start"])
    assert table.loc[table["term"] == "一体两翼", "kind"].item() == "提法"
    assert table["explanation"].str.len().gt(0).all()


@pytest.mark.parametrize(("term", "sentences"), [("两个维护", ["p01-s02", "p09-s02"]), ("双减", ["p11-s02"])])
def test_choosing_a_term_shows_every_occurrence(browser, report, term, sentences):
    browser.term_select.value = term
    shown = browser.shown.value
    assert re.findall(r'class="edu-passage" data-id="([^"]+)"', shown) == sentences
    assert shown.count(f'<mark class="match">{term}</mark>') == len(sentences)
    assert "term-explanation" in shown and f"出现 {len(sentences)} 次" in shown
    assert [sid for sid, *_ in occurrences(report, term)] == sentences


def test_occurrences_point_into_the_text(report):
    for _, section, start, end in occurrences(report, "教育强国"):
        assert report.text[start:end] == "教育强国"
        assert report.paragraph_at(start).section == section


def test_a_document_without_terms():
    doc = edu_helpers.document_from_text("标题\n这是一段普通的文字，没有任何提法。")
    browser = TermBrowser(doc)
    assert browser.term_select.value == "" and "没有找到" in browser.shown.value


def test_css_classes(browser):
    assert "term-browser" in browser._dom_classes
    assert "term-select" in browser.term_select._dom_classes
    assert "term-occurrences" in browser.shown._dom_classes
