"""KWIC: hits counted by hand in the three reports."""

from __future__ import annotations

import pytest

from edu_helpers.analysis.kwic import COLUMNS, parse_query
from tests.analysis.compare_sample import A, B, C


def test_word(corpus):
    k = corpus.kwic("产教融合", window=4)
    assert list(k.columns) == COLUMNS
    # 2031: 会议指出 and 四是; 2032: 会议指出 and 五是; 2033: 会议指出 and twice in 三是
    assert list(zip(k["doc"], k["paragraph_id"], strict=True)) == [
        (A, "p02"), (A, "p13"), (B, "p02"), (B, "p14"), (C, "p02"), (C, "p12"), (C, "p12")
    ]  # fmt: skip
    row = k.iloc[1]  # 四是深化职业教育改革。坚持产教融合、校企合作
    assert (row["left"], row["hit"], row["right"]) == ("革。坚持", "产教融合", "、校企合")
    for r in k.itertuples():
        assert corpus.document(r.doc).text[r.start : r.end] == "产教融合"


def test_context_stops_at_paragraph(corpus):
    k = corpus.kwic("一是", window=30, docs=A)
    assert len(k) == 1 and k.iloc[0]["left"] == ""  # the item opens its paragraph


def test_several_words_and_phrase(corpus):
    k = corpus.kwic("职普融通 科教融汇")
    assert sorted(k["hit"].value_counts().items()) == [("科教融汇", 2), ("职普融通", 3)]
    phrase = corpus.kwic('"产教融合、校企合作"')  # 2031 四是 and 2032 五是; 2033 has 产教融合、科教融汇
    assert phrase["doc"].tolist() == [A, B]


def test_sorts(corpus):
    k = corpus.kwic("职普融通 科教融汇", sort="right")
    assert k["right"].tolist() == sorted(k["right"])
    left = corpus.kwic("职普融通 科教融汇", sort="left")["left"].tolist()
    assert [s[::-1] for s in left] == sorted(s[::-1] for s in left)
    doc = corpus.kwic("职普融通 科教融汇", sort="doc")
    assert doc["doc"].tolist() == [A, B, B, C, C]


def test_whole_words(corpus):
    loose = corpus.kwic("产教")  # 7 inside 产教融合 + 市域产教联合体 (2032: 2, 2033: 2)
    assert len(loose) == 11
    strict = corpus.kwic("产教", whole_words=True)
    # 产教融合 and 市域产教联合体 are whole words of the policy dictionary: 产教 alone is never a word here
    assert strict.empty and strict["right"].dtype != float
    assert len(corpus.kwic("产教融合", whole_words=True)) == 7


def test_docs_filter_and_errors(corpus):
    assert len(corpus.kwic("产教融合", docs=C)) == 3
    assert len(corpus.kwic("产教融合", docs=[2031, 2032])) == 4
    with pytest.raises(ValueError):
        corpus.kwic("  ")
    with pytest.raises(ValueError):
        corpus.kwic("产教融合", sort="middle")


def test_parse_query():
    assert parse_query("“深化 改革” 双减 双减") == ["深化 改革", "双减"]


@pytest.mark.parametrize("typed", ["產教融合", "产教\u200b融合", "产教融合\ufeff"])
def test_a_term_typed_as_the_source_wrote_it_finds_what_the_text_holds(corpus, typed):
    # the reports are simplified; a term copied from a traditional page or with an invisible character
    # must find the same hits as the term itself, offsets into the text as loaded
    want = corpus.kwic("产教融合")
    got = corpus.kwic(typed)
    assert got[["doc", "paragraph_id", "start", "end"]].equals(want[["doc", "paragraph_id", "start", "end"]])
    assert set(got["hit"]) == {"产教融合"}


def test_full_width_digits_and_the_spaces_loading_drops_are_matched_once(corpus):
    year = corpus.kwic("2031年", docs=A)
    assert len(year) >= 1
    for typed in ("２０３１年", '"2031 年"', '"２０３１ 年"'):  # quoted: one term with its space
        assert corpus.kwic(typed, docs=A)[["start", "end"]].equals(year[["start", "end"]]), typed
    both = corpus.kwic("2031年 ２０３１年", docs=A)  # two spellings of one term: each hit once
    assert both[["start", "end"]].equals(year[["start", "end"]])
