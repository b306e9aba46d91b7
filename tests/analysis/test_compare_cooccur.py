"""Co-occurrence: sentence counts of the vocational terms, read off the reports."""

from __future__ import annotations

import math

import pytest

from edu_helpers.analysis.cooccur import COLUMNS, matrix

TERMS = ["产教融合", "职普融通", "科教融汇", "一体两翼"]


def test_sentence_counts(corpus):
    df = corpus.cooccurrence(terms=TERMS, min_pair=1, sort="dice")
    assert list(df.columns) == COLUMNS
    got = {(r.term_a, r.term_b): (r.n_a, r.n_b, r.n_ab) for r in df.itertuples()}
    # sentences: 产教融合 6 (会议指出 ×3, the three 职教 items), 职普融通 3 (the 职教 items),
    # 科教融汇 2 (2032, 2033 items), 一体两翼 2 (2031, 2032 items)
    assert got["产教融合", "职普融通"] == (6, 3, 3)
    assert got["职普融通", "科教融汇"] == (3, 2, 2)
    assert got["科教融汇", "一体两翼"] == (2, 2, 1)
    row = df.set_index(["term_a", "term_b"]).loc[("产教融合", "职普融通")]
    assert row["dice"] == pytest.approx(2 * 3 / 9)
    n = len(corpus.index.sent_start)
    assert row["pmi"] == pytest.approx(math.log2(3 * n / (6 * 3)))
    assert df["dice"].is_monotonic_decreasing


def test_min_pair(corpus):
    df = corpus.cooccurrence(terms=TERMS, min_pair=2)
    assert ("科教融汇", "一体两翼") not in set(zip(df["term_a"], df["term_b"], strict=True))


def test_paragraph_units_and_matrix(corpus):
    df = corpus.cooccurrence(terms=TERMS, unit="paragraph", min_pair=1)
    m = matrix(df, "dice")
    assert m.loc["职普融通", "科教融汇"] == m.loc["科教融汇", "职普融通"] == pytest.approx(0.8)


def test_default_terms(corpus):
    df = corpus.cooccurrence(top=20, min_pair=2)
    assert len(df) > 0 and df["n_ab"].min() >= 2
    assert ((df["dice"] > 0) & (df["dice"] <= 1)).all()
    assert not {"会议", "的", "推进"} & (set(df["term_a"]) | set(df["term_b"]))
