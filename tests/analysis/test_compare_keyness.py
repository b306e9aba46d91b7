"""Keyness: G² and log ratio against values computed by hand."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from edu_helpers.analysis.keyness import COLUMNS, keyness_counts
from tests.analysis.compare_sample import A, C


def test_g2_by_hand():
    # 10 of 1,000 tokens in A, 2 of 1,000 in B: E1 = E2 = 1000·12/2000 = 6
    # G² = 2·(10·ln(10/6) + 2·ln(2/6)) = 2·(5.1082562 − 2.1972246) = 2·2.9110316 = 5.822063
    # log ratio = log2(5) = 2.321928
    a, b = Counter(X=10, filler=990), Counter(X=2, filler=998)
    df = keyness_counts(a, b, min_count=1, min_g2=0)
    x = df.set_index("word").loc["X"]
    assert x["g2"] == pytest.approx(5.822063, abs=1e-6)
    assert x["log_ratio"] == pytest.approx(2.321928, abs=1e-6)
    assert x["direction"] == "positive"
    assert x["per_10k_a"] == pytest.approx(100.0) and x["per_10k_b"] == pytest.approx(20.0)
    assert x["p"] == pytest.approx(math.erfc(math.sqrt(5.822063 / 2)), abs=1e-6)  # ≈ 0.0158


def test_zero_count_and_negative():
    # 5 of 100 against 0 of 100: E = 2.5 each; G² = 2·5·ln 2 = 6.931472; log ratio log2((5/100)/(0.5/100)) = log2 10
    df = keyness_counts(Counter(Y=5, z=95), Counter(z=100), min_count=1, min_g2=0).set_index("word")
    assert df.loc["Y", "g2"] == pytest.approx(6.931472, abs=1e-6)
    assert df.loc["Y", "log_ratio"] == pytest.approx(3.321928, abs=1e-6)
    swapped = keyness_counts(Counter(z=100), Counter(Y=5, z=95), min_count=1, min_g2=0).set_index("word")
    assert swapped.loc["Y", "direction"] == "negative"
    assert swapped.loc["Y", "log_ratio"] == pytest.approx(-3.321928, abs=1e-6)


def test_thresholds_and_order():
    a, b = Counter(X=10, W=2, filler=988), Counter(X=2, W=0, filler=998)
    assert "W" not in keyness_counts(a, b, min_count=3, min_g2=0)["word"].tolist()  # only 2 on its key side
    assert "W" in keyness_counts(a, b, min_count=2, min_g2=0)["word"].tolist()
    assert keyness_counts(a, b, min_count=1)["word"].tolist() == ["X"]  # G² of W (2.77) < 3.841, filler tiny
    df = keyness_counts(a, b, min_count=1, min_g2=0)
    assert list(df.columns) == COLUMNS
    pos = df[df["direction"] == "positive"]
    assert pos.index.max() < df[df["direction"] == "negative"].index.min()
    assert pos["g2"].is_monotonic_decreasing


def test_reports(corpus):
    df = corpus.keyness(A, C, min_count=2, min_g2=0).set_index("word")
    # “双减” twice in 2031 (会议指出, 二是), never in 2033; “教育家精神” twice in 2033 (会议强调, 二是)
    assert (df.loc["双减", "count_a"], df.loc["双减", "count_b"], df.loc["双减", "direction"]) == (2, 0, "positive")
    assert (df.loc["教育家精神", "count_a"], df.loc["教育家精神", "count_b"]) == (0, 2)
    assert df.loc["教育家精神", "direction"] == "negative"
    for boiler in ("会议", "推进", "的", "2031"):  # boilerplate, stopwords and numbers never count
        assert boiler not in df.index


def test_groups(corpus):
    df = corpus.keyness([2031, 2032], 2033, min_count=2, min_g2=0).set_index("word")
    assert df.loc["双减", "count_a"] == 4  # twice a year in 2031 and 2032
