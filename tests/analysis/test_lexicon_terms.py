"""The policy-term dictionary (data/policy_terms.toml): contents, jieba segmentation, checks on malformed files."""

from __future__ import annotations

import collections
import unicodedata
from pathlib import Path

import pytest

from edu_helpers.analysis import lexicon as L
from edu_helpers.analysis.lexicon_terms import POLICY_TERMS_TOML, load_policy_terms
from edu_helpers.errors import DataFileError
from tests.paths import BUNDLED, DATA
from tests.paths import SECOND_REPORT as SECOND

NAMED = ["五育并举", "中国式现代化", "新型举国体制", "科学家精神", "教育强省", "内涵式发展", "协同育人", "育人为本"]

MAIN_REPORTS = [BUNDLED, SECOND]
#: the word list before the lexicon became policy_terms.toml (kept to check no old term is lost or swallowed)
OLD_TERMS = DATA / "old-policy-terms.txt"


@pytest.fixture(scope="module")
def lexicon():
    return load_policy_terms()


@pytest.fixture(scope="module")
def tokenizers(lexicon, tmp_path_factory):
    """(new, old): fresh jieba tokenizers built the package's way (lexicon.build_dictionary: tag + frequency)."""
    path = tmp_path_factory.mktemp("terms") / "policy_terms.txt"
    path.write_text(lexicon.to_jieba_text(), encoding="utf-8")
    freq, _tags, total = L.build_dictionary(path)
    old_freq, _old_tags, old_total = L.build_dictionary(OLD_TERMS)
    return L._new_tokenizer(freq, total), L._new_tokenizer(old_freq, old_total)


def test_size_and_categories(lexicon):
    assert len(lexicon) >= 320
    groups = lexicon.by_category()
    for category in ("理论", "方针", "工程", "机构", "人名", "规划"):
        assert len(groups[category]) >= 10, category
    assert all(groups.values()), "every declared category is used"
    assert all(t.tag == "nz" for t in lexicon)


def test_keeps_every_term_of_the_old_word_list(lexicon):
    old = L.read_dictionary(OLD_TERMS)
    for word, freq, _tag in old:
        if freq == 0:
            assert word in lexicon.deletions
        else:
            assert word in lexicon, word
            assert lexicon.terms[[t.word for t in lexicon].index(word)].freq == freq


def test_named_terms_are_present(lexicon):
    for word in [*NAMED, "听党话", "从严从实从细", "部省合建"]:
        assert word in lexicon, word


def test_no_needless_duplicates(lexicon):
    words = [t.word for t in lexicon]
    assert len(words) == len(set(words))
    folded = collections.Counter(unicodedata.normalize("NFKC", w).lower() for w in words)
    assert [w for w, n in folded.items() if n > 1] == []
    assert not set(words) & set(lexicon.deletions)


def test_every_term_is_one_token_alone(lexicon, tokenizers):
    new, _ = tokenizers
    assert [t.word for t in lexicon if list(new.cut(t.word)) != [t.word]] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "坚持五育并举，以中国式现代化全面推进中华民族伟大复兴。",
        "健全新型举国体制，大力弘扬科学家精神。",
        "加快建设教育强省，推动高校内涵式发展。",
        "完善家校社协同育人机制，坚持育人为本。",
        "各地要坚持协同育人，促进学校内涵式发展。",
    ],
)
def test_named_terms_are_one_token_in_context(tokenizers, sentence):
    new, _old = tokenizers
    tokens = list(new.cut(sentence))
    for word in NAMED:
        if word in sentence and "家校社" + word not in sentence:
            assert word in tokens, (word, tokens)


@pytest.mark.parametrize("path", MAIN_REPORTS)
def test_old_terms_still_cut_the_same_in_the_bundled_reports(tokenizers, path):
    """The editing rule: no new term swallows a term of the old list where the reports use it."""
    import edu_helpers

    text = edu_helpers.load_document(path).text
    new, old = tokenizers
    before, after = collections.Counter(old.cut(text)), collections.Counter(new.cut(text))
    words = [w for w, n, _ in L.read_dictionary(OLD_TERMS) if n != 0]
    assert {w: (before[w], after[w]) for w in words if before[w] != after[w]} == {}


def test_keyword_fragments_of_the_issue_are_whole_words_now(tokenizers, report):
    new, old = tokenizers
    tokens = set(new.cut(report.text))
    for fragment in ("听党", "从细", "部省"):
        assert fragment in set(old.cut(report.text)) and fragment not in tokens


def test_jieba_entries_are_shortest_first_then_deletions(lexicon):
    entries = lexicon.jieba_entries()
    lengths = [len(w) for w, n, _ in entries if n != 0]
    assert lengths == sorted(lengths)
    assert entries[-2:] == [("教育部党组", 0, None), ("部党组", 0, None)]
    assert "秘书组 100 nz" in lexicon.to_jieba_text().split("\n")


GOOD = """schema = 1
[categories]
"理论" = { description = "思想" }
"人名" = { description = "姓名", tag = "nr" }
[terms]
"理论" = ["两个结合", "新发展理念"]
"人名" = ["怀进鹏"]
[frequency]
"怀进鹏" = 50
[delete]
words = ["部党组"]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "terms.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_good_file(tmp_path):
    lx = load_policy_terms(_write(tmp_path, GOOD))
    assert [(t.word, t.category, t.tag, t.freq, t.line) for t in lx] == [
        ("两个结合", "理论", "nz", None, 6),
        ("新发展理念", "理论", "nz", None, 6),
        ("怀进鹏", "人名", "nr", 50, 7),
    ]
    assert lx.category("怀进鹏") == "人名" and lx.category("教育") is None
    assert lx.deletions == ("部党组",)


@pytest.mark.parametrize(
    ("old", "new", "message", "line"),
    [
        ('"人名" = ["怀进鹏"]', '"人名" = ["怀进鹏", "两个结合"]', "listed twice: already in '理论' (line 6)", 7),
        ('"人名" = ["怀进鹏"]', '"规划" = ["十四五"]', "not declared in [categories]", 7),
        ('"人名" = ["怀进鹏"]', '"人名" = ["“双减”"]', "jieba cannot keep", 7),
        ('"人名" = ["怀进鹏"]', '"人名" = ["两个 确立"]', "jieba cannot keep", 7),
        ('"人名" = ["怀进鹏"]', '"人名" = [""]', "jieba cannot keep", 7),
        ('"人名" = ["怀进鹏"]', '"人名" = "怀进鹏"', "must be a list", 7),
        ('"人名" = ["怀进鹏"]', '"人名" = ["怀进鹏", 3]', "is not a string", 7),
        ('"怀进鹏" = 50', '"怀进鹏" = "many"', "whole number", 9),
        ('"怀进鹏" = 50', '"陈宝生" = 50', "not a term", 9),
        ('words = ["部党组"]', 'words = ["怀进鹏"]', "both a term and a [delete] word", 11),
        ("schema = 1", "schema = 2", "'schema = 1' expected", 1),
        ('"人名" = { description = "姓名", tag = "nr" }', '"人名" = { description = "姓名", tag = "NR" }', "tag", 4),
        ('"人名" = ["怀进鹏"]', '"人名" = ["怀进鹏"', "invalid TOML", None),
    ],
)
def test_malformed_files_name_file_line_and_problem(tmp_path, old, new, message, line):
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(DataFileError) as err:
        load_policy_terms(path)
    assert message in str(err.value) and str(path) in str(err.value)
    if line is not None:
        assert err.value.line == line


def test_bundled_file_path():
    assert POLICY_TERMS_TOML.name == "policy_terms.toml" and POLICY_TERMS_TOML.is_file()
