"""Done when: every form of the bundled report (PDF, Word, saved pages, traditional, Kangxi radicals)
loads through ``load_document`` to exactly what the text file gives: 3 headline lines, 17 paragraphs,
6 sections, 11 items, the same text, tokens and topics; and the load report lists what was changed.
"""

from __future__ import annotations

import pytest

import edu_helpers
import edu_helpers.analysis

FORMS = (
    "txt",
    "txt-traditional",
    "txt-traditional-tw",
    "txt-traditional-hk",
    "txt-kangxi",
    "pdf",
    "pdf-kangxi",
    "pdf-traditional",
    "docx",
    "docx-traditional",
    "html-ministry",
    "html-portal",
    "html-epaper",
    "html-wechat",
    "html-fragment",
    "html-portal-traditional",
)


def _signature(doc) -> tuple:
    s = doc.structure
    return s.title, s.subtitles, len(s.paragraphs), len(s.sections), sum(p.item is not None for p in s.paragraphs)


@pytest.fixture(scope="module")
def reference(report):
    return _signature(report), report.tokens["token"].tolist(), report.topics


@pytest.mark.parametrize("name", FORMS)
def test_form_reads_like_the_text_file(all_forms, reference, report, name):
    signature, tokens, topics = reference
    doc = edu_helpers.load_document(all_forms[name][1])
    _, subs, n_par, n_sec, n_items = _signature(doc)
    assert (1 + len(subs), n_par, n_sec, n_items) == (3, 17, 6, 11)
    assert _signature(doc) == signature
    assert doc.text == report.text
    assert doc.tokens["token"].tolist() == tokens
    assert doc.topics.equals(topics)
    assert doc.load_report.format == name.split("-")[0]


def test_load_report_lists_every_change(all_forms):
    pdf = edu_helpers.load_document(all_forms["pdf-kangxi"][1]).load_report
    counts = {c.rule: c for c in pdf.changes}
    assert counts["kangxi-radicals"].count > 100 and counts["kangxi-radicals"].stage == "codepoints"
    assert "⾼→高" in counts["kangxi-radicals"].examples
    assert counts["pdf-page-number"].count == 3 and counts["pdf-page-number"].examples[0] == "— 1 —"
    assert "radicals-supplement" in counts and counts["pdf-running-header"].stage == "reader"

    trad = edu_helpers.load_document(all_forms["txt-traditional"][1]).load_report
    assert trad.script.startswith("繁体→简体")
    assert any(c.stage == "script" and c.count > 500 for c in trad.changes)

    wechat = edu_helpers.load_document(all_forms["html-wechat"][1]).load_report
    rules = {c.rule for c in wechat.changes}
    assert {"emoji", "invisible-characters", "html-page-chrome"} <= rules
    assert "表情符号 4 处" in wechat.summary() and wechat.frame()["count"].sum() == sum(c.count for c in wechat.changes)


def test_source_file_is_never_touched(all_forms):
    form, path = all_forms["txt-traditional"]
    edu_helpers.load_document(path)
    assert path.read_bytes() == form.data


def test_second_report_in_every_form(second_forms):
    from tests.paths import SECOND_REPORT

    reference = edu_helpers.load_document(SECOND_REPORT)
    for name, path in second_forms.items():
        doc = edu_helpers.load_document(path)
        assert _signature(doc) == _signature(reference), name
        assert doc.text == reference.text, name


@pytest.mark.parametrize("name", ["bundled", "bundled-plain", "second"])
def test_pdf_printed_by_chromium(chromium_pdfs, report, name):
    from tests.paths import SECOND_REPORT

    reference = report if name.startswith("bundled") else edu_helpers.load_document(SECOND_REPORT)
    doc = edu_helpers.load_document(chromium_pdfs[name])
    assert _signature(doc) == _signature(reference)
    assert doc.text == reference.text
    rules = {c.rule: c.count for c in doc.load_report.changes}
    if name == "bundled-plain":
        assert rules == {}
    else:  # Chromium's date/title header and URL + 1/3 footer on every page, all dropped and listed
        pages = 1 if name == "second" else 3
        assert sum(rules.values()) == 2 * pages
        assert set(rules) <= {"pdf-running-header", "pdf-page-number", "pdf-margin-small-print"}
