"""New-formulation candidates (PMI + branching entropy) and the personal dictionary."""

from __future__ import annotations

import time

import pytest

from edu_helpers.analysis.candidates import COLUMNS, PersonalDictionary, candidates
from edu_helpers.errors import DataFileError

# A text written for this test: 新质生产力 and 耐心资本 occur in varied contexts; 听党话 always as one unit.
TEXT = (
    "各地要因地制宜发展新质生产力。发展新质生产力是推动高质量发展的内在要求。"
    "培育新质生产力，必须深化改革。以科技创新引领新质生产力，打造新引擎。"
    "壮大耐心资本，引导耐心资本投向早期项目。设立基金吸引耐心资本，完善耐心资本退出机制。"
    "学生要听党话、跟党走。青年听党话，干部也听党话。"
)


def test_columns_and_order():
    df = candidates(TEXT, dictionary=None, known=())
    assert list(df.columns) == COLUMNS
    assert list(df.score) == sorted(df.score, reverse=True)
    assert (df["count"] >= 2).all() and df.term.str.len().between(2, 8).all()


def test_cohesive_free_ngrams_rank_high_and_fragments_do_not_appear():
    df = candidates(TEXT, dictionary=None, known=())
    terms = list(df.term)
    assert "新质生产力" in terms[:5] and "耐心资本" in terms[:5]
    for fragment in ("质生产", "新质生", "生产力", "心资", "听党"):  # always inside a longer unit
        assert fragment not in terms


def test_known_terms_and_stopwords_are_left_out():
    df = candidates(TEXT, dictionary=None)  # default known: policy terms + stopwords + boilerplate
    assert "新质生产力" not in set(df.term)  # it is in policy_terms.toml
    assert "耐心资本" in set(df.term)
    df = candidates(TEXT, dictionary=None, known={"耐心资本"})
    assert "耐心资本" not in set(df.term)
    df = candidates(TEXT, dictionary=None, known=lambda w: w.startswith("耐心"))
    assert "耐心资本" not in set(df.term)


def test_no_candidate_starts_or_ends_with_a_function_character():
    df = candidates(TEXT + "的要求的要求的要求", dictionary=None, known=())
    assert not any(t[0] in "的了和是在" or t[-1] in "的了和是在" for t in df.term)


def test_empty_and_non_chinese_text():
    assert candidates("", dictionary=None).empty
    assert candidates("2024 AI 5G", dictionary=None).empty


def test_on_the_bundled_report_with_the_jieba_dictionary(report):
    df = candidates(report.text, top=None)
    assert not df.empty
    assert "教育" not in set(df.term)  # an ordinary jieba word


def test_linear_time():
    def run(k):
        t = time.perf_counter()
        candidates(TEXT * k, dictionary=None, known=(), top=None)
        return time.perf_counter() - t

    run(2)
    small, large = min(run(20) for _ in range(2)), min(run(160) for _ in range(2))
    assert large < 8 * small * 2.5


def test_bad_lengths():
    with pytest.raises(ValueError):
        candidates(TEXT, min_len=5, max_len=3, dictionary=None)


def test_personal_dictionary_round_trip_and_jieba_format(tmp_path):
    path = tmp_path / "sub" / "mine.txt"
    d = PersonalDictionary(path)
    assert d.words == () and not path.exists()
    assert d.accept("耐心资本", "耐心资本", category="提法") == 1
    assert d.accept("新型工业化", category="战略") == 1
    again = PersonalDictionary(path)
    assert again.words == ("耐心资本", "新型工业化") and again.entries["新型工业化"] == "战略"
    assert "耐心资本" in again
    from edu_helpers.analysis.lexicon import read_dictionary

    assert [w for w, _, _ in read_dictionary(path)] == ["耐心资本", "新型工业化"]  # the package can load it
    assert again.remove("耐心资本") and not again.remove("耐心资本")
    assert PersonalDictionary(path).words == ("新型工业化",)
    df = candidates(TEXT, dictionary=None, known=(*PersonalDictionary(path).words, "耐心资本"))
    assert "耐心资本" not in set(df.term)


def test_personal_dictionary_rejects_bad_words_and_bad_files(tmp_path):
    d = PersonalDictionary(tmp_path / "mine.txt")
    with pytest.raises(ValueError):
        d.accept("两个 确立")
    with pytest.raises(ValueError):
        d.accept("“双减”")
    bad = tmp_path / "bad.txt"
    bad.write_text("# ok\n耐心资本 nz\n新 质 生 产力 nz\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        PersonalDictionary(bad)
    assert err.value.line == 3
