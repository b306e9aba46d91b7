"""Keywords and frequency tables: policy words in, numbers, punctuation and boilerplate out."""

from __future__ import annotations

import re

import pytest

from edu_helpers.analysis import keywords as K
from edu_helpers.data_files import DATA_DIR, read_word_list

# A number by a reader's standard, written independently of the code: digits, or Chinese numerals
# possibly with a classifier or time word (2023、一年、四是).
NUMBER = re.compile(r"[0-9０-９.%]+|[零〇一二两三四五六七八九十百千万]+[年月日个是要件项次]?")
PUNCT = re.compile(r"[\W_]+")
BOILERPLATE_REQUIRED = ["会议", "指出", "强调", "加快", "推进", "坚持", "全面", "要"]


@pytest.fixture(scope="module", params=["tfidf", "textrank"])
def top20(request, report):
    return request.param, report.keywords(20, method=request.param)


def test_columns_and_size(top20):
    _, kw = top20
    assert list(kw.columns) == ["word", "weight"]
    assert len(kw) == 20 and kw["word"].is_unique
    assert kw["weight"].is_monotonic_decreasing and (kw["weight"] > 0).all()


def test_no_number_punctuation_or_boilerplate(top20):
    _, kw = top20
    for word in kw["word"]:
        assert not NUMBER.fullmatch(word), word
        assert not PUNCT.fullmatch(word), word
        assert word not in K.boilerplate() and word not in K.stopwords(), word
        assert len(word) >= 2


@pytest.mark.parametrize("term", ["立德树人", "教育强国", "高质量教育体系"])
def test_tfidf_top20_holds_the_policy_terms(report, term):
    assert term in set(report.keywords(20)["word"])


def test_required_boilerplate_is_listed():
    assert set(BOILERPLATE_REQUIRED) <= K.boilerplate()


def test_lists_are_disjoint_and_have_no_policy_terms():
    from edu_helpers.analysis.words import POLICY_TERMS, read_dictionary

    terms = {w for w, _, _ in read_dictionary(POLICY_TERMS)}
    assert not (terms & (K.stopwords() | K.boilerplate()))
    for name in ("stopwords.txt", "boilerplate.txt"):
        entries = read_word_list(DATA_DIR / name)
        assert len(entries) == len(set(entries)), f"{name} lists a word twice"


@pytest.mark.parametrize("method", K.METHODS)
def test_paragraph_keywords_come_from_that_paragraph(report, method):
    para = report.paragraph("p12")
    kw = report.keywords(5, method=method, paragraph="p12")
    assert 0 < len(kw) <= 5
    assert all(w in para.text for w in kw["word"])
    assert {"产教融合", "职普融通"} <= set(report.keywords(10, paragraph="p12")["word"])


def test_section_keywords_come_from_that_section(report):
    text = report.section_text(3)
    kw = report.keywords(10, section=3)
    assert len(kw) == 10 and all(w in text for w in kw["word"])


def test_document_keywords_leave_out_the_attendance_list(report):
    attendance = [p for p in report.paragraph_records if p.kind == "attendance"]
    assert attendance and all(p not in K.scope_paragraphs(report) for p in attendance)
    assert "秘书局" not in set(report.keywords(50)["word"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "lda"}, "method"),
        ({"section": 1, "paragraph": "p01"}, "not both"),
        ({"paragraph": "p99"}, "p99"),
        ({"section": 99}, "99"),
    ],
)
def test_bad_arguments(report, kwargs, message):
    with pytest.raises(ValueError, match=message):
        report.keywords(**kwargs)


def test_global_extractors_untouched(report):
    import jieba
    import jieba.analyse

    report.keywords(method="textrank")
    assert jieba.analyse.default_tfidf.stop_words == jieba.analyse.TFIDF.STOP_WORDS
    assert jieba.analyse.default_tfidf.tokenizer is jieba.dt
    assert jieba.analyse.default_textrank.tokenizer is jieba.posseg.dt


# --- frequency tables -------------------------------------------------------------------------------
def test_frequencies(report):
    freq = report.frequencies()
    assert list(freq.columns) == ["word", "count", "share", "pos", "n_paragraphs"]
    assert freq["count"].is_monotonic_decreasing and freq["word"].is_unique
    assert abs(freq["share"].sum() - 1) < 1e-9
    body = [p for p in report.paragraph_records if p.kind != "attendance"]
    for word, count in zip(freq["word"].head(30), freq["count"].head(30), strict=True):
        ids = {p.id for p in body}
        assert count == ((report.tokens["token"] == word) & report.tokens["paragraph_id"].isin(ids)).sum()
        assert not NUMBER.fullmatch(word) and word not in K.boilerplate()
    assert freq.set_index("word").loc["党的二十大", "count"] == sum(p.text.count("党的二十大") for p in body)


def test_frequencies_with_stopwords_and_scopes(report):
    assert "的" in set(K.frequencies(report, keep_stopwords=True)["word"])
    assert "的" not in set(report.frequencies()["word"])
    para = report.frequencies(paragraph="p11")
    assert set(para["n_paragraphs"]) == {1} and "双减" in set(para["word"])
    assert report.frequencies(section=5)["word"].str.contains("新疆生产建设兵团").any()


@pytest.mark.parametrize(
    ("word", "pos", "counts"),
    [("教育强国", "nz", True), ("2023", "m", False), ("一年", "m", False), ("，", "x", False), ("推进", "v", False)],
)
def test_counts_as_word(word, pos, counts):
    assert K.counts_as_word(word, pos) is counts
