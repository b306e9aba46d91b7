"""The disk cache of analysis results (keywords, 新提法 candidates): a second kernel reads what the first
computed, anything that changes a result changes the key, writes are atomic, the folder stays bounded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import edu_helpers
from edu_helpers.analysis import candidates, disk_cache, keywords, lexicon

REPORT = """# 某省教育工作会议召开

本报讯 会议总结了过去一年的工作。

会议指出，要扎实推进县域普通高中振兴，深化产教融合，办好人民满意的教育。

会议要求，各地要推进县域普通高中振兴，把产教融合落到实处，抓好教师队伍建设。
"""


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("EDU_HELPERS_CACHE", str(folder))
    return folder / "analysis"


def fresh(text: str = REPORT) -> edu_helpers.Document:
    """A new Document object (empty memo), as a new kernel would have."""
    return edu_helpers.document_from_text(text)


def files(folder) -> list:
    return sorted(folder.glob("*/*.pickle"))


def test_a_second_document_object_reads_the_keywords_from_disk(cache, monkeypatch):
    first = keywords.keywords(fresh(), 5)
    assert len(files(cache)) == 1 and not list(cache.glob("*/.*.tmp"))

    def boom(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr(keywords, "_keywords", boom)
    again = keywords.keywords(fresh(), 5)
    pd.testing.assert_frame_equal(again, first)
    again.loc[0, "word"] = "改过"  # a caller changing its copy changes nothing cached
    pd.testing.assert_frame_equal(keywords.keywords(fresh(), 5), first)
    with pytest.raises(AssertionError, match="computed again"):
        keywords.keywords(fresh(), 6)  # other arguments: another entry


def test_cached_keywords_equal_computed_ones(cache, report, monkeypatch):
    cached = keywords.keywords(report, 8, section=3)
    monkeypatch.setenv("EDU_HELPERS_CACHE", disk_cache.OFF)
    computed = keywords.keywords(fresh(report.text), 8, section=3)
    pd.testing.assert_frame_equal(cached, computed)


def test_the_key_follows_the_text_the_added_words_and_the_code(cache, monkeypatch):
    keywords.keywords(fresh(), 5)
    keywords.keywords(fresh(REPORT.replace("教师队伍建设", "学生体质健康")), 5)
    assert len(files(cache)) == 2
    monkeypatch.setattr(lexicon, "added_words", lambda: [("县域普高", 100, "nz")])
    keywords.keywords(fresh(), 5)
    assert len(files(cache)) == 3
    monkeypatch.setattr(disk_cache, "code_digest", lambda: b"another version")
    keywords.keywords(fresh(), 5)
    assert len(files(cache)) == 4


def test_candidates_are_keyed_by_the_personal_dictionary(cache, tmp_path, report):
    mine = tmp_path / "mine.txt"
    before = candidates.document_candidates(fresh(report.text), dictionary_path=mine, top=10)
    assert len(before)
    term = before["term"].iloc[0]
    candidates.PersonalDictionary(mine).accept(term)
    after = candidates.document_candidates(fresh(report.text), dictionary_path=mine, top=10)
    assert term not in set(after["term"])
    assert len(files(cache)) == 2


def test_a_broken_file_is_recomputed_and_off_writes_nothing(cache, monkeypatch):
    first = keywords.keywords(fresh(), 5)
    [path] = files(cache)
    path.write_bytes(b"\x80 not a pickle")
    pd.testing.assert_frame_equal(keywords.keywords(fresh(), 5), first)
    assert path.read_bytes() != b"\x80 not a pickle"
    monkeypatch.setenv("EDU_HELPERS_CACHE", disk_cache.OFF)
    assert disk_cache.cache_dir() is None
    keywords.keywords(fresh(), 7)
    assert len(files(cache)) == 1


def test_an_unwritable_cache_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EDU_HELPERS_CACHE", str(blocker))
    assert len(keywords.keywords(fresh(), 5)) == 5


def test_the_folder_stays_bounded(cache, monkeypatch):
    monkeypatch.setattr(disk_cache, "MAX_FILES", 3)
    for n in range(1, 7):
        keywords.keywords(fresh(), n)
    disk_cache._prune(cache, 3)
    assert len(files(cache)) == 3


def test_the_default_folder_is_the_users_cache_folder(monkeypatch):
    import platformdirs

    monkeypatch.delenv("EDU_HELPERS_CACHE", raising=False)
    assert disk_cache.cache_dir() == Path(platformdirs.user_cache_dir("edu_helpers", appauthor=False)) / "analysis"


WARM_KERNEL = r"""
import sys
import edu_helpers
from edu_helpers.teaching.cloze import key_terms
from edu_helpers.analysis.candidates import document_candidates
doc = edu_helpers.load_document()
key_terms(doc), doc.keywords(), document_candidates(doc, dictionary_path=sys.argv[1])
print(" ".join(m for m in ("jieba.posseg", "jieba.analyse") if m in sys.modules) or "none")
"""


def test_a_second_process_loads_no_jieba_tables(cache, tmp_path):
    """What a second kernel does for the reading view and 新提法: no part-of-speech or IDF tables."""
    env_run = [sys.executable, "-c", WARM_KERNEL, str(tmp_path / "mine.txt")]
    first = subprocess.run(env_run, capture_output=True, text=True, check=True)
    assert "jieba.posseg" in first.stdout  # computed: the tables were needed
    second = subprocess.run(env_run, capture_output=True, text=True, check=True)
    assert second.stdout.strip() == "none", second.stdout
