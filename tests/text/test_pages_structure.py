"""Copied pages (tests/text/pages/, written for these tests) come out right: chrome gone, headline,
paragraphs and headings, sections with cues and speakers, items, inline items, readable titles."""

from __future__ import annotations

from collections import Counter

import pytest

import edu_helpers
from edu_helpers.analysis.words import segment
from tests.text.pages import load_page, page_names, page_text


def _nospace(s: str) -> str:
    return s.replace(" ", "").replace("\u3000", "")


@pytest.fixture(scope="module", params=page_names())
def page(request):
    p = load_page(request.param)
    if p.expected.get("convert") == "t2s":
        pytest.importorskip("opencc")
    return p, edu_helpers.document_from_text(page_text(p))


def test_headline_and_body(page):
    p, doc = page
    e = p.expected
    t2s = page_text if e.get("convert") else (lambda x: x)
    conv = (lambda s: t2s(type(p)(p.name, s, e))) if e.get("convert") else (lambda s: s)
    assert _nospace(doc.title) == _nospace(conv(e["headline"][0]))
    assert [_nospace(s) for s in doc.subtitles] == [_nospace(conv(h)) for h in e["headline"][1:]]
    got = [("heading" if r.kind == "heading" else "paragraph", _nospace(r.text)) for r in doc.paragraph_records]
    want = [(b["kind"], _nospace(conv(b["start"]))) for b in e["body"]]
    assert [k for k, _ in got] == [k for k, _ in want]
    assert all(text.startswith(start) for (_, text), (_, start) in zip(got, want, strict=True))
    assert sum(1 for k, _ in got if k == "paragraph") == e["n_paragraphs"]


def test_no_chrome_in_the_document(page):
    p, doc = page
    kept = {_nospace(line) for line in doc.text.split("\n")}
    for line in p.expected["chrome"]:
        chrome = _nospace(page_text(type(p)(p.name, line, p.expected)))
        assert chrome not in kept, line
        if len(chrome) > 8:  # nor glued into a paragraph
            assert chrome not in _nospace(doc.text), line


def test_sections_cues_speakers_items(page):
    p, doc = page
    e = p.expected
    conv = (lambda s: page_text(type(p)(p.name, s, e)) if s else s) if e.get("convert") else (lambda s: s)
    got = [(s.kind, s.cue, s.speaker) for s in doc.section_records]
    want = [(s["kind"], s.get("cue_simplified") or conv(s["cue"]), conv(s["speaker"])) for s in e["sections"]]
    assert got == want
    items = [sum(1 for i in s.paragraph_ids if doc.paragraph(i).item is not None) for s in doc.section_records]
    assert items == e["items"]
    assert doc.load_report.items == sum(e["items"])


def test_inline_items(page):
    p, doc = page
    paragraphs = [r for r in doc.paragraph_records if r.kind != "heading"]
    number = {r.id: k for k, r in enumerate(paragraphs, 1)}
    got = Counter((number[s.paragraph_id], s.kind) for s in doc.structure.subitems)
    want = {(x["paragraph"], x["kind"]): x["count"] for x in p.expected["inline_items"]}
    assert dict(got) == want
    for s in doc.structure.subitems:
        assert doc.text[s.start : s.end] == s.text and s.text


def test_titles_read_like_a_person_wrote_them(page):
    p, doc = page
    e = p.expected
    for section, want in zip(doc.section_records, e["sections"], strict=True):
        title = section.title
        if section.kind in ("lead", "attendance"):
            assert title == want["title"] if not e.get("convert") else title in ("导语", "参会人员")
            continue
        if section.speaker and section.kind != "heading":
            assert title.startswith(section.speaker + "：")
        if title.endswith("…"):  # cut: at a word boundary of the clause, never inside a word
            _label, _, clause = title[:-1].partition("：")
            start = section.cue and doc.paragraph(section.paragraph_ids[0]).text
            words = segment(clause + doc.text[doc.text.index(clause) + len(clause) :][:8])
            assert "".join(words).startswith(clause)
            bounds, pos = set(), 0
            for w in words:
                pos += len(w)
                bounds.add(pos)
            assert len(clause) in bounds, (title, start)
            assert clause.count("“") == clause.count("”")
        assert "：了" not in title and "：的" not in title


def test_the_issues_examples():
    doc = edu_helpers.document_from_text(
        "全省职业教育工作会议召开\n3月7日，会议召开。厅长林远航出席会议并讲话。\n"
        "林远航指出，过去一年，全省职业教育改革步伐加快，成效明显。\n会议部署了2024 年职业教育五项重点工作。\n"
        "第一，推进职普融通。\n第二，深化产教融合。\n会议还强调了哪些内容？\n会议还强调，要加强领导。\n"
        "1、凡本网注明来源的稿件，版权均属本网。\n"
    )
    titles = [s.title for s in doc.section_records]
    assert "林远航：全省职业教育改革步伐加快" in titles
    assert "会议部署：2024年职业教育五项重点工作" in titles
    kinds = {r.text[:6]: r.kind for r in doc.paragraph_records}
    assert kinds["会议还强调了"] == "heading"
    assert "凡本网注明" not in doc.text  # a numbered legal notice is page chrome
    assert [r.item for r in doc.paragraph_records if r.item] == [1, 2]
