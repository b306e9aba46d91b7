"""Formulations (提法): found automatically, one token each in their own document, no effect on others."""

from __future__ import annotations

import pytest

import edu_helpers
from edu_helpers.analysis import formulations as F
from edu_helpers.analysis import words


def _found(doc) -> dict[str, F.Formulation]:
    return {f.text: f for f in F.find_formulations(doc)}


# --- what the report holds --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "kind", "quoted"),
    [
        ("两个确立", "numbered", True),
        ("四个意识", "numbered", True),
        ("四个自信", "numbered", True),
        ("两个维护", "numbered", True),
        ("一体两翼", "paired", True),
        ("双减", "quoted", True),
        ("四件事", "numbered", False),
        ("普惠发展", "quoted", True),
        ("大教育", "quoted", True),
    ],
)
def test_report_formulations(report, phrase, kind, quoted):
    f = _found(report)[phrase]
    assert (f.kind, f.quoted) == (kind, quoted)


@pytest.mark.parametrize(
    "not_a_formulation", ["疫情要防住、经济要稳住、发展要安全", "强国建设、教育何为", "一件大事", "二十大精神"]
)
def test_quotations_and_quantities_are_not_formulations(report, not_a_formulation):
    assert not_a_formulation not in _found(report)


def test_every_occurrence_is_counted_and_is_one_token(report):
    for f in F.find_formulations(report):
        occurrences = sum(p.text.count(f.text) for p in report.paragraph_records)
        assert len(f.spans) == occurrences > 0
        assert all(report.text[a:b] == f.text for a, b in f.spans)
        assert (report.tokens["token"] == f.text).sum() == occurrences, f.text
        holding = [p.id for p in report.paragraph_records if f.text in p.text]
        assert list(f.paragraph_ids) == holding


def test_formulation_frame(report):
    frame = report.formulations
    assert list(frame.columns) == [
        "formulation",
        "kind",
        "quoted",
        "count",
        "n_paragraphs",
        "paragraph_ids",
        "first_start",
        "first_end",
        "first_sentence_id",
    ]
    assert frame["first_start"].is_monotonic_increasing
    row = frame.set_index("formulation").loc["两个维护"]
    assert row["count"] == 2 and row["n_paragraphs"] == 2
    assert report.text.index("两个维护") == row["first_start"]
    assert row["first_sentence_id"] == report.paragraph(row["paragraph_ids"][0]).sentences[1].id


# --- the rules, one by one -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深刻领悟“两个确立”的决定性意义", ["两个确立"]),
        ("突出“普惠发展”，突出「优质均衡」", ["普惠发展", "优质均衡"]),
        ("落实“疫情要防住、经济要稳住”要求", []),  # a quotation with punctuation
        ("“一”", []),  # too short
        ("他说“这是一段很长很长很长的引用内容”", []),  # too long
        ("“2023”", []),  # a number
        ("支持“5G”网络", ["5G"]),
        ("没有引号的双减", []),
    ],
)
def test_quoted_phrases(text, expected):
    assert F.quoted_phrases(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("增强四个意识，坚定四个自信", ["四个意识", "四个自信"]),
        ("坚持两个毫不动摇", ["两个毫不动摇"]),
        ("重点做好四件事。", ["四件事"]),
        ("贯彻五大发展理念", ["五大发展"]),
        ("落实五项管理，办好三件实事", ["五项管理", "三件实事"]),
        ("协调推进四个全面战略布局", ["四个全面"]),
        ("三个月以来", []),
        ("学习党的二十大精神", []),
        ("作为一件大事来抓", []),
        ("从两个方面入手", []),
    ],
)
def test_numbered_phrases(text, expected):
    assert F.numbered_phrases(words.tokenize(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("构建一体两翼工作格局", ["一体两翼"]), ("坚持一国两制", ["一国两制"]), ("一年两次", []), ("统一两岸", [])],
)
def test_paired_phrases(text, expected):
    assert F.paired_phrases(text, words.tokenize(text)) == expected


# --- formulations join the tokenizer for their own document only -------------------------------------
def test_a_formulation_is_one_token_even_where_the_dictionary_splits_it():
    doc = edu_helpers.document_from_text("会议强调，要树立“大教育”观。要树立大教育观，推动职普融通。")
    assert "大教育" in _found(doc)
    assert (doc.tokens["token"] == "大教育").sum() == 2
    assert "大教育" not in words.segment("要树立大教育观")  # the shared tokenizer did not learn it


def test_other_documents_are_unchanged(report):
    _ = report.tokens  # the report's formulations are known now
    other = edu_helpers.document_from_text("会议强调，要扩大教育开放，树立大教育观。")
    assert F.find_formulations(other) == []
    plain = [t.text for p in other.paragraph_records for t in words.tokenize(p.text)]
    assert list(other.tokens["token"]) == plain
    assert "大教育" not in plain


def test_tokenize_with_phrases_keeps_offsets():
    text = "树立大教育观，办好大教育"
    toks = words.tokenize(text, offset=10, phrases=("大教育",))
    assert [t.text for t in toks] == ["树立", "大教育", "观", "，", "办好", "大教育"]
    assert all(text[t.start - 10 : t.end - 10] == t.text for t in toks)
    assert {t.pos for t in toks if t.text == "大教育"} == {"nz"}
