"""Structure alignment and word diff: pairs read off the reports."""

from __future__ import annotations

from tests.analysis.compare_sample import A, B, C


def _pairs(df):
    return {(r.a_paragraph, r.b_paragraph): r for r in df.itertuples()}


def test_items_paired_by_content_not_number(corpus):
    df = corpus.align(A, B)
    pairs = _pairs(df)
    # 2031 三是 高等教育 → 2032 四是; 四是 职业教育 → 五是; 五是 数字化 → 三是
    assert ("p12", "p13") in pairs and ("p13", "p14") in pairs and ("p14", "p12") in pairs
    voc = pairs["p13", "p14"]
    assert (voc.a_label, voc.b_label, voc.status) == ("会议要求 · 四是", "会议要求 · 五是", "reworded")
    assert "职业教育" in voc.shared_topics
    assert "科教融汇" in voc.added and "大国工匠" in voc.added  # both whole words of the policy dictionary
    assert "关键" in voc.dropped  # 提升职业院校关键办学能力 left the item


def test_one_word_reworded(corpus):
    first = _pairs(corpus.align(A, B))["p10", "p10"]  # 一是坚持立德树人，加强→深化思想政治教育
    assert (first.added, first.dropped, first.status) == (["深化"], ["加强"], "reworded")


def test_numbers_only_is_same(corpus):
    df = corpus.align(A, B)
    assert _pairs(df)["p09", "p09"].status == "same"  # 会议要求，2031年 / 2032年要重点抓好以下五方面工作。
    assert _pairs(df)["p17", "p17"].status == "same"


def test_dropped_and_added_items(corpus):
    df = corpus.align(B, C)
    dropped = df[df["status"] == "dropped"]
    added = df[df["status"] == "added"]
    assert dropped["a_paragraph"].tolist() == ["p11"]  # 2032 二是 “双减”
    assert added["b_paragraph"].tolist() == ["p11"]  # 2033 二是 教师队伍 / 教育家精神
    assert ("p14", "p12") in _pairs(df)  # 职业教育: 2032 五是 → 2033 三是
    assert sorted(df["a_paragraph"].dropna()) == [f"p{k:02d}" for k in range(1, 18)]
    assert sorted(df["b_paragraph"].dropna()) == [f"p{k:02d}" for k in range(1, 18)]


def test_diff_html(corpus):
    page = corpus.diff_html(A, B)
    assert page.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in page
    assert "<del>加强</del>" in page and "<ins>深化</ins>" in page
    assert "示例" in page and "报告对照" in page
    assert "@media print" in page
    assert page.count("<tr class=") == len(corpus.align(A, B))
