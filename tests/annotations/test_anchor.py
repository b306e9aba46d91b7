"""Re-anchoring after the text changed: position → quote + context → fuzzy → orphan."""

from __future__ import annotations

import dataclasses

import pytest

import edu_helpers
from edu_helpers.annotations.anchor import FUZZY_THRESHOLD, Anchorer, best_alignment, context_score

QUOTE = "纵深推进教育数字化战略行动"  # once, in p14
TWICE = "全面提高人才自主培养质量"  # p01 and p13


def revised(report, old: str, new: str, count: int = 1) -> edu_helpers.Document:
    assert old in report.text
    return edu_helpers.document_from_text(report.text.replace(old, new, count))


# (what changed in the text, old, new, expected status, expected text at the new place)
EDITS = [
    ("nothing", "", "", "anchored", QUOTE),
    ("a sentence inserted before", "六是统筹推进", "六是（新增一句话。）统筹推进", "moved", QUOTE),
    ("a paragraph inserted before", "1月12日，", "新增的导语段落。\n1月12日，", "moved", QUOTE),
    ("text changed after", "，重点做好大数据", "，着力做好大数据", "anchored", QUOTE),
    ("one character changed inside", "纵深推进教育数字化", "纵深推动教育数字化", "fuzzy", "纵深推动教育数字化战略行动"),
    (
        "a word inserted inside",
        "纵深推进教育数字化战略行动",
        "纵深推进教育数字化战略专项行动",
        "fuzzy",
        "纵深推进教育数字化战略专项行动",
    ),
    ("the whole quote rewritten", QUOTE, "另起炉灶写了别的内容", "orphan", None),
    ("the paragraph deleted", "纵深推进教育数字化战略行动，", "", "orphan", None),
]


@pytest.mark.parametrize(("change", "old", "new", "status", "found"), EDITS, ids=[e[0] for e in EDITS])
def test_reanchoring_after_the_text_changed(store, report, change, old, new, status, found):
    a = store.annotate(report, QUOTE, note="主线")
    doc = revised(report, old, new) if old else report
    frame = store.to_frame(doc)
    row = frame.iloc[0]
    assert row["status"] == status, change
    if found is None:
        assert frame["start"].isna().all()
        assert [o.id for o in store.orphans(doc)] == [a.id]
    else:
        assert doc.text[row["start"] : row["end"]] == found
        assert row["paragraph_id"] == doc.paragraph_at(row["start"]).id
        assert store.orphans(doc) == []
    assert store.get(a.id) == a  # placing never rewrites the stored annotation


def test_context_picks_the_right_one_of_two_occurrences(store, report):
    second = store.annotate(report, TWICE, occurrence=2)
    assert second.paragraph_id == "p13"
    # the first occurrence moves further than the second: position fails, context decides
    doc = revised(report, "1月12日，", "新增导语。\n1月12日，")
    placed = Anchorer(doc).place(second)
    assert placed.status == "moved" and placed.paragraph_id == "p14"
    assert doc.text[placed.start : placed.end] == TWICE
    assert placed.start == doc.text.rindex(TWICE)


def test_a_quote_whose_passage_was_deleted_moves_to_its_other_occurrence(store, report):
    # documented behaviour (as in Hypothesis): the same words elsewhere are taken as the place
    a = store.annotate(report, TWICE, occurrence=2)
    doc = revised(report, "在全面提高人才自主培养质量", "在")
    placed = Anchorer(doc).place(a)
    assert placed.status == "moved" and placed.paragraph_id == "p01"


def test_short_quotes_are_never_placed_fuzzily(store, report):
    a = store.annotate(report, "双减")
    doc = revised(report, "双减", "双增")
    assert [o.id for o in store.orphans(doc)] == [a.id]


def test_orphans_are_kept_listed_and_return(store, report):
    a = store.annotate(report, QUOTE, note="别丢了")
    gone = revised(report, QUOTE, "")
    assert [o.note for o in store.orphans(gone)] == ["别丢了"]
    assert store.to_frame(gone)["status"].tolist() == ["orphan"]
    assert store.get(a.id).note == "别丢了"
    assert store.to_frame(report)["status"].tolist() == ["anchored"]


def test_unknown_position_is_placed_by_quote(report):
    ann = edu_helpers.Annotation("x", "", "双减", -1, -1)
    assert Anchorer(report).place(ann).status == "moved"


def test_anchoring_many_indexes_each_quote_once(report):
    base = edu_helpers.Annotation("x", report.id, TWICE, 0, len(TWICE))
    anns = [dataclasses.replace(base, id=str(i)) for i in range(200)]
    anchorer = Anchorer(report)
    placed = anchorer.place_all(anns)
    assert {p.status for p in placed} == {"moved"} and len(anchorer._occurrences) == 1


def test_best_alignment_and_context_score():
    start, end, score = best_alignment("前文前文加快建设高质量的教育体系后文", "加快建设高质量教育体系")
    assert (start, end) == (4, 16) and score > FUZZY_THRESHOLD
    assert best_alignment("完全无关的文字", "加快建设高质量教育体系")[2] < FUZZY_THRESHOLD
    text = "甲乙丙丁戊己庚"
    assert context_score(text, 3, 4, prefix="乙丙", suffix="戊己") == 4
    assert context_score(text, 3, 4, prefix="X丙", suffix="戊Y") == 2
