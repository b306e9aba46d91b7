"""阅读模式：通读、细读、精读（数据与 HTML）。"""

from __future__ import annotations

import pytest

import edu_helpers
from edu_helpers.analysis.glossary import glossary
from edu_helpers.analysis.prompts import prompts_for
from edu_helpers.teaching.reading import (
    full_text,
    full_text_html,
    section_html,
    section_reading,
    sentence_frame,
    sentence_html,
    sentence_notes,
)


def test_full_text_is_every_paragraph_in_order(report: edu_helpers.Document) -> None:
    text = full_text(report)
    assert text.startswith(report.title + "\n\n")
    positions = [text.index(p.text) for p in report.paragraph_records]
    assert positions == sorted(positions)
    page = full_text_html(report)
    assert page.count('class="edu-read-paragraph') == len(report.paragraph_records)
    assert page.count("edu-read-item") == sum(p.item is not None for p in report.paragraph_records)


def test_section_reading_has_its_paragraphs_and_prompts(report: edu_helpers.Document) -> None:
    r = section_reading(report, 2)
    assert [p.id for p in r.paragraphs] == list(report.section_records[2].paragraph_ids)
    assert list(r.prompts) == prompts_for(report, 2)
    page = section_html(report, 2)
    assert page.count('class="edu-prompt"') == len(r.prompts)
    assert report.paragraph_records[0].text not in page


def test_sentence_terms_and_glossary(report: edu_helpers.Document) -> None:
    frame = sentence_frame(report, section=3).set_index("id")
    assert set(frame["section"]) == {3}
    row = frame.loc["p11-s02"]
    assert row["terms"] == ["普惠发展", "优质均衡", "多样化", "双减"]  # in text order
    explanations = dict(zip(glossary(report)["term"], glossary(report)["explanation"], strict=True))
    assert row["glossary"]["双减"] == explanations["双减"]
    # overlapping terms: the longest wins (高质量教育体系, not 高质量)
    notes = sentence_notes(report, "加快建设高质量教育体系。")
    assert [n.term for n in notes] == ["高质量教育体系"] and (notes[0].start, notes[0].end) == (4, 11)


def test_sentence_html_marks_terms_and_escapes() -> None:
    doc = edu_helpers.document_from_text("标题\n\n会议要求，继续把“双减”摆在<b onmouseover=x>突出</b>位置。\n")
    sid = doc.sentence_records[0].id
    page = sentence_html(doc, sid)
    assert '<mark class="edu-term" data-term="双减"' in page
    assert "<b onmouseover" not in page and "&lt;b onmouseover=x&gt;" in page
    assert 'class="edu-glossary-term">双减<' in page
    with pytest.raises(KeyError):
        sentence_html(doc, "p99-s01")
