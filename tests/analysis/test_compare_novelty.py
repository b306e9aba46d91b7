"""New and dropped terms, first appearance, trends: expectations read off the three reports."""

from __future__ import annotations

from tests.analysis.compare_sample import A, B, C

KINDS = ("formulation", "lexicon")


def _terms(df, status):
    return set(df.loc[df["status"] == status, "term"])


def test_new_and_dropped_2031_2032(corpus):
    df = corpus.compare_terms(A, B, kinds=KINDS)
    # 2032 adds “教育家精神” (会议强调), 学习型社会、学习型大国 (三是), 科教融汇, 市域产教联合体, 大国工匠 (五是);
    # drops 稳中求进 (2031 导语) and the 2031 要求 item's 专门教育, 内涵式发展, 家校社协同育人 (协同育人 inside it)
    assert _terms(df, "new") == {"教育家精神", "学习型社会", "学习型大国", "科教融汇", "市域产教联合体", "大国工匠"}
    assert _terms(df, "dropped") == {"稳中求进", "专门教育", "内涵式发展", "家校社协同育人", "协同育人"}
    row = df.set_index("term").loc["教育家精神"]
    assert (row["kind"], row["count_a"], row["count_b"], row["paragraph_ids"]) == ("formulation", 0, 1, ["p05"])


def test_new_and_dropped_2032_2033(corpus):
    df = corpus.compare_terms(B, C, kinds=KINDS)
    assert _terms(df, "new") == {"数智校园"}  # 2033 四是
    # the 双减 item is gone (with its 校外培训); 一体两翼 left the 职教 item
    assert _terms(df, "dropped") == {"双减", "一体两翼", "校外培训"}
    assert df.set_index("term").loc["双减", "paragraph_ids"] == ["p02", "p11"]


def test_candidate_ngrams(corpus, tmp_path):
    df = corpus.compare_terms(A, B)
    # 市域产教联合体 (twice in 2032's 五是) is a term of the policy dictionary now: new as a lexicon term
    assert df.set_index("term").loc["市域产教联合体", "kind"] == "lexicon"
    assert df.iloc[0]["status"] == "new" and df.iloc[-1]["status"] == "dropped"
    # a phrase no dictionary knows, three times in the later report: found as a run of words (学校/食堂/改造)
    head = "{y}年全省教育工作会议召开\n\n本报讯 近日，全省教育工作会议在省城召开，部署了新一年的任务。\n\n"
    (tmp_path / "2040.txt").write_text(
        head.format(y=2040) + "会议指出，全省各地推进义务教育优质均衡发展。\n\n会议要求，一是改善乡村学校办学条件。\n",
        encoding="utf-8",
    )
    (tmp_path / "2041.txt").write_text(
        head.format(y=2041)
        + "会议指出，全省启动学校食堂改造工程，学校食堂改造惠及十万学生。\n\n会议要求，一是继续推进学校食堂改造。\n",
        encoding="utf-8",
    )
    from edu_helpers.analysis.corpus import load_corpus

    pair = load_corpus(tmp_path, cache_dir=tmp_path / "cache")
    grams = pair.compare_terms("2040", "2041")
    row = grams.set_index("term").loc["学校食堂改造"]
    assert (row["kind"], row["status"], row["count_b"]) == ("ngram", "new", 3)


def test_first_appearance(corpus):
    terms = ["教育家精神", "数智校园", "双减", "市域产教联合体", "一体两翼", "学习型大国", "没有的词"]
    df = corpus.first_appearance(terms).set_index("term")
    assert df.loc["教育家精神", ["first_year", "last_year", "count"]].tolist() == [2032, 2033, 3]
    assert df.loc["数智校园", "first_year"] == 2033
    assert df.loc["双减", ["first_year", "last_year", "count"]].tolist() == [2031, 2032, 4]
    assert df.loc["市域产教联合体", "years"] == [2032, 2033]  # 2032: twice in 五是; 2033: 会议指出 and 三是
    assert df.loc["市域产教联合体", "count"] == 4
    assert df.loc["一体两翼", "years"] == [2031, 2032]
    assert df.loc["学习型大国", "first_doc"] == B
    assert "没有的词" not in df.index
    assert df["first_year"].is_monotonic_increasing


def test_first_appearance_all_terms(corpus):
    df = corpus.first_appearance().set_index("term")
    assert df.loc["数智校园", "kind"] == "formulation"
    assert df.loc["稳中求进", "years"] == [2031]


def test_trend(corpus):
    df = corpus.trend(["双减", "教育家精神"])
    assert df[["term", "year", "count"]].values.tolist() == [
        ["双减", 2031, 2], ["双减", 2032, 2], ["双减", 2033, 0],
        ["教育家精神", 2031, 0], ["教育家精神", 2032, 1], ["教育家精神", 2033, 2],
    ]  # fmt: skip
    chars = corpus.paragraphs.groupby("doc")["n_chars"].sum()
    first = df.iloc[0]
    assert first["n_chars"] == chars[A]  # body characters, the headline left out
    assert first["per_10k"] == 2 / chars[A] * 1e4
