"""Segmentation: policy terms whole, offsets exact, the global jieba untouched, user dictionaries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import edu_helpers
from edu_helpers.analysis import lexicon, tokens, words
from edu_helpers.errors import DataFileError

# The terms the issue lists: each must be one token wherever it occurs in the report.
POLICY_TERMS = (
    "习近平新时代中国特色社会主义思想 立德树人 两个确立 四个意识 四个自信 两个维护 双减 产教融合 职普融通 科教融汇 "
    "一体两翼 教育强国 科教兴国战略 高质量教育体系 教育数字化 学习型社会 学习型大国 全面从严治党 人类命运共同体 "
    "中华民族伟大复兴 党的二十大 怀进鹏 教育部 港澳台 新疆生产建设兵团 十四五"
).split()


# --- golden cases --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("加快建设高质量教育体系", ["加快", "建设", "高质量教育体系"]),
        ("学习贯彻党的二十大精神", ["学习", "贯彻", "党的二十大", "精神"]),
        ("落实立德树人根本任务", ["落实", "立德树人", "根本任务"]),
        ("实施科教兴国战略", ["实施", "科教兴国战略"]),
        ("推动职普融通", ["推动", "职普融通"]),
        ("教育部党组书记", ["教育部", "党组书记"]),
        ("教育部党组成员", ["教育部", "党组", "成员"]),
        ("中央教育工作领导小组秘书组组长", ["中央教育工作领导小组", "秘书组", "组长"]),
        ("部长怀进鹏出席会议", ["部长", "怀进鹏", "出席会议"]),
    ],
)
def test_golden_segmentation(text, expected):
    assert words.segment(text) == expected


@pytest.mark.parametrize("term", POLICY_TERMS)
def test_policy_term_alone_is_one_token(term):
    assert words.segment(term) == [term]


@pytest.mark.parametrize("term", POLICY_TERMS)
def test_policy_term_is_one_token_wherever_it_occurs_in_the_report(report, term):
    occurrences = sum(p.text.count(term) for p in report.paragraph_records)
    assert occurrences > 0, f"{term} should occur in the report"
    assert (report.tokens["token"] == term).sum() == occurrences


@pytest.mark.parametrize(
    "text",
    ["", "教育", "2023年1月12日，会议在北京召开。", "支持 5G 网络和 Open AI 模型\n第二行", "二〇三五年 ✓ 😀", "  \t "],
)
def test_segment_is_lossless(text):
    assert "".join(words.segment(text)) == text


def test_top_level_segment_is_the_words_function():
    assert edu_helpers.segment is words.segment


# --- doc.tokens ----------------------------------------------------------------------------------
def test_token_columns(report):
    assert list(report.tokens.columns) == ["paragraph_id", "sentence_id", "token", "pos", "start", "end"]


def test_token_offsets_point_into_the_text(report):
    toks = report.tokens
    assert all(report.text[a:b] == t for t, a, b in zip(toks["token"], toks["start"], toks["end"], strict=True))
    assert (toks["start"].diff().dropna() > 0).all(), "tokens are in text order"


def test_tokens_never_cross_paragraph_boundaries(report):
    for p in report.paragraph_records:
        toks = report.tokens[report.tokens["paragraph_id"] == p.id]
        assert (toks["start"] >= p.start).all() and (toks["end"] <= p.end).all()
        assert "".join(toks["token"]) == p.text.replace(" ", "")


def test_tokens_cover_body_paragraphs_only(report):
    assert set(report.tokens["paragraph_id"]) == {p.id for p in report.paragraph_records}
    assert report.tokens["start"].min() >= report.paragraph_records[0].start  # not the headline


def test_sentence_ids_hold_their_tokens(report):
    sentences = {s.id: s for s in report.sentence_records}
    for sid, a, b in zip(report.tokens["sentence_id"], report.tokens["start"], report.tokens["end"], strict=True):
        assert sid is not None
        assert sentences[sid].start <= a and b <= sentences[sid].end


@pytest.mark.parametrize(
    ("token", "pos"),
    [("2023", "m"), ("，", "x"), ("立德树人", "nz"), ("教育部", "nz"), ("两个维护", "nz"), ("教育", "vn")],
)
def test_parts_of_speech(report, token, pos):
    assert set(report.tokens.loc[report.tokens["token"] == token, "pos"]) == {pos}


def test_snap_to_tokens(report):
    start = report.text.index("立德树人") + 1  # inside the word: 德树
    assert tokens.snap_to_tokens(report, start, start + 2) == (start - 1, start + 3)


# --- the dictionary behind the tokenizer -------------------------------------------------------------
def _store():
    key = lexicon.cache_key()
    opened = lexicon.open_store(lexicon.cache_dir() / f"lexicon-{key}.sqlite3", key)
    if opened is None:
        pytest.skip("no cache file (the cache directory is not writable)")
    return opened


def test_piecewise_dictionary_cuts_like_the_full_one(report):
    """Loading only the entries a text can use gives exactly the tokens of the full dictionary."""
    sparse, full = lexicon._Lexicon(*_store()), lexicon._Lexicon(*_store())
    full.load_full()
    chars = sorted(set(report.text))
    generated = "".join(chars[(i * 7919) % len(chars)] for i in range(5_000))  # a shuffled mix of its characters
    for text in [p.text for p in report.paragraph_records] + [generated, "扩大教育开放，教育部党组书记"]:
        sparse.prepare(text)
        assert list(sparse.tk.cut(text)) == list(full.tk.cut(text))
    assert len(sparse.tk.FREQ) < len(full.tk.FREQ) / 10


def test_open_store_rejects_a_corrupt_or_foreign_file(tmp_path):
    bad = tmp_path / "lexicon.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    assert lexicon.open_store(bad, "key") is None
    lexicon.write_store(tmp_path / "ok.sqlite3", {"教育": 5, "教": 0}, {"教育": "vn"}, 5, "key")
    assert lexicon.open_store(tmp_path / "ok.sqlite3", "other key") is None
    con, total = lexicon.open_store(tmp_path / "ok.sqlite3", "key")
    assert total == 5 and dict(con.execute("SELECT word, freq FROM lex")) == {"教育": 5, "教": 0}


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("EDU_HELPERS_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert lexicon.cache_dir() == tmp_path / "edu_helpers"
    monkeypatch.setenv("EDU_HELPERS_CACHE", str(tmp_path / "mine"))
    assert lexicon.cache_dir() == tmp_path / "mine"


def test_unwritable_cache_falls_back_to_memory(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setattr(lexicon, "cache_dir", lambda: blocker / "cache")
    monkeypatch.setattr(lexicon, "build_dictionary", lambda: ({"教育": 10, "教": 0, "部": 3}, {"教育": "vn"}, 13))
    lex = lexicon._open_lexicon()
    assert lex.store is None and lex.tk.FREQ["教育"] == 10
    assert list(lex.tk.cut("教育部")) == ["教育", "部"]


def test_lazy_initialisation_happens_once_across_threads(monkeypatch):
    calls = []
    real = lexicon._open_lexicon

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(lexicon, "_LEXICON", None)
    monkeypatch.setattr(lexicon, "_open_lexicon", counting)
    results, barrier = [], threading.Barrier(6)

    def work():
        barrier.wait()
        results.append(words.segment("继续把“双减”摆在突出位置来抓"))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(results) == 6 and all(r == results[0] for r in results) and "双减" in results[0]


# --- user dictionaries ----------------------------------------------------------------------------
def test_user_dictionary_adds_words(tmp_path):
    path = tmp_path / "mine.txt"
    # 五育并举 is a policy term now (data/policy_terms.toml); 强基扩优 is not
    path.write_text("# 我的词典\n强基扩优 nz\n三全育人 1000\n\n", encoding="utf-8")
    assert "强基扩优" not in words.segment("坚持强基扩优")
    assert words.load_user_dictionary(path) == 2
    assert words.segment("坚持强基扩优，推进三全育人") == ["坚持", "强基扩优", "，", "推进", "三全育人"]
    assert [t.pos for t in words.tokenize("强基扩优")] == ["nz"]


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("五育并举 nz\n远景目标 abc12\n", 2, "neither a frequency"),
        ("远景 目标\n", 1, "whitespace"),
        ("甲\n乙\n远景 目标 nz\n", 3, "whitespace"),
        ("远景目标 12 nz extra\n", 1, "whitespace"),
        ("远景目标 １２\n", 1, "frequency"),
        ("二〇三五年 nz\n", 1, "〇"),
        ("教育、强国\n", 1, "、"),
    ],
)
def test_malformed_user_dictionary_names_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        words.load_user_dictionary(path)
    assert err.value.line == line
    assert str(path) in str(err.value) and f"line {line}" in str(err.value) and message in str(err.value)


def test_user_dictionary_not_utf8_or_missing(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("五育并举 nz\n".encode("gbk"))
    with pytest.raises(DataFileError, match="UTF-8"):
        words.read_dictionary(path)
    with pytest.raises(DataFileError, match="cannot read"):
        words.read_dictionary(tmp_path / "missing.txt")


def test_policy_terms_file_is_well_formed():
    entries = words.read_dictionary(words.POLICY_TERMS)
    kept = {w for w, freq, _ in entries if freq != 0}
    assert set(POLICY_TERMS) <= kept
    assert all(tag == "nz" for w, freq, tag in entries if freq != 0)
    assert {w for w, freq, _ in entries if freq == 0} == {"教育部党组", "部党组"}


# --- the global jieba stays as it was ---------------------------------------------------------------
_GLOBAL_CHECK = r"""
import json, sys
import jieba, jieba.finalseg
import edu_helpers
from edu_helpers.analysis import lexicon
from edu_helpers.analysis import words
doc = edu_helpers.load_document()
doc.tokens, doc.formulations, doc.keywords(), doc.keywords(method="textrank"), doc.frequencies()
words.load_user_dictionary(sys.argv[1])
words.segment("坚持五育并举，落实立德树人根本任务")
import jieba.analyse
state = {
    "initialized": jieba.dt.initialized,
    "freq": len(jieba.dt.FREQ),
    "user_tags": len(jieba.dt.user_word_tag_tab),
    "force_split": sorted(jieba.finalseg.Force_Split_Words),
    "ours_is_global": words.tokenizer() is jieba.dt,
    "tfidf_tokenizer_is_global": jieba.analyse.default_tfidf.tokenizer is jieba.dt,
    "tfidf_stop_words_default": jieba.analyse.default_tfidf.stop_words == jieba.analyse.TFIDF.STOP_WORDS,
    "pkg_resources_blocked": sys.modules.get("pkg_resources", 0) is None,
}
jieba.setLogLevel(60)
state["global_cut"] = jieba.lcut("落实立德树人根本任务，坚持五育并举")
print(json.dumps(state, ensure_ascii=False))
"""


@pytest.mark.slow
def test_global_jieba_is_untouched(tmp_path):
    userdict = tmp_path / "mine.txt"
    userdict.write_text("五育并举 nz\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", _GLOBAL_CHECK, str(userdict)], capture_output=True, text=True, check=True, timeout=120
    )
    state = json.loads(out.stdout.strip().splitlines()[-1])
    assert state["initialized"] is False and state["freq"] == 0 and state["user_tags"] == 0
    assert state["force_split"] == []
    assert not state["ours_is_global"] and state["tfidf_tokenizer_is_global"]
    assert state["tfidf_stop_words_default"]
    assert not state["pkg_resources_blocked"]
    assert "立德树人" not in state["global_cut"] and "五育并举" not in state["global_cut"]


@pytest.mark.slow
def test_user_dictionary_from_the_environment(tmp_path):
    userdict = tmp_path / "env.txt"
    userdict.write_text("五育并举 nz\n", encoding="utf-8")
    code = "from edu_helpers.analysis import words; print('|'.join(words.segment('坚持五育并举')))"
    env = {**os.environ, "EDU_USER_DICT": str(userdict)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.stdout.strip() == "坚持|五育并举"
    userdict.write_text("五育 并举\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode != 0 and "DataFileError" in out.stderr and "line 1" in out.stderr


def test_importing_does_not_hide_pkg_resources():
    assert sys.modules.get("pkg_resources", 0) is not None
    assert Path(lexicon.jieba.__file__).name == "__init__.py"
