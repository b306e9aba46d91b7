"""Topics: the taxonomy file (default, user, malformed) and passage tags with evidence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from edu_helpers import DataFileError
from edu_helpers.analysis.topics import (
    DEFAULT_FILE,
    ENV_VAR,
    STRONG_WEIGHT,
    Taxonomy,
    Topic,
    find_keyword,
    load_taxonomy,
    tag_passages,
)
from tests.paths import DATA

ISSUE_TOPICS = [
    "党的领导", "立德树人", "教育强国", "基础教育", "职业教育", "高等教育", "教育数字化与终身学习",
    "教育改革", "教师队伍", "教育公平", "对外开放", "科技与人才", "安全稳定", "作风落实",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _no_user_taxonomy(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


def paragraph_opening(doc, opening: str):
    """The one paragraph that opens with ``opening`` (as the issue names them: 一是, 四要, 会议要求…)."""
    (para,) = [p for p in doc.paragraph_records if p.text.startswith(opening)]
    return para


def tags_of(doc, pid: str, level: str = "paragraph") -> list[str]:
    t = doc.topics
    return t[(t["level"] == level) & (t["id"] == pid)]["topic"].tolist()


# --- the tags the issue lists for the bundled report ----------------------------------------------
@pytest.mark.parametrize(
    ("opening", "expected", "absent"),
    [
        ("一是", {"党的领导"}, set()),
        ("二是", {"立德树人"}, set()),
        ("三是", {"基础教育", "教育公平"}, set()),
        ("四是", {"职业教育"}, {"高等教育"}),
        ("五是", {"高等教育"}, {"职业教育"}),
        ("六是", {"教育数字化与终身学习"}, set()),
        ("七是", {"教育改革", "教师队伍"}, set()),
        ("四要", {"对外开放"}, set()),
        ("会议要求", {"作风落实"}, set()),
    ],
)
def test_issue_tags(report, opening, expected, absent):
    tags = tags_of(report, paragraph_opening(report, opening).id)
    assert set(tags) == expected
    assert not set(tags) & absent


def test_attendance_paragraph_has_no_topic(report):
    (attendance,) = [p for p in report.paragraph_records if p.kind == "attendance"]
    assert tags_of(report, attendance.id) == []
    assert all(tags_of(report, s.id, "sentence") == [] for s in attendance.sentences)


def test_sentences_are_tagged_too(report):
    para = paragraph_opening(report, "四是")
    tagged = {s.id: tags_of(report, s.id, "sentence") for s in para.sentences}
    assert ["职业教育"] in tagged.values()
    t = report.topics
    sentences = t[t["level"] == "sentence"]
    assert (sentences["id"].str.split("-").str[0] == sentences["paragraph_id"]).all()


# --- evidence and score -----------------------------------------------------------------------------
def test_evidence_points_at_the_matched_words(report):
    t = report.topics
    assert list(t.columns) == [
        "level", "id", "paragraph_id", "section", "topic", "score", "n_keywords", "evidence", "start", "end",
    ]  # fmt: skip
    assert len(t) > 0
    for row in t.itertuples():
        assert row.evidence
        for keyword, start, end in row.evidence:
            assert report.text[start:end] == keyword
            assert row.start <= start < end <= row.end


def test_score_is_distinct_keywords_plus_strong_weight(report):
    taxonomy = load_taxonomy()
    t = report.topics
    for row in t.itertuples():
        topic = taxonomy[row.topic]
        distinct = {kw for kw, _, _ in row.evidence}
        assert row.n_keywords == len(distinct)
        assert row.score == sum(STRONG_WEIGHT if kw in topic.strong else 1 for kw in distinct)
        assert row.score >= topic.min_score


def _one_topic(keywords, min_score=1, strong=()):
    return Taxonomy((Topic("测试", "测试用", "#123456", tuple(keywords), tuple(strong), min_score),))


def test_repeated_keyword_counts_once(report):
    para = paragraph_opening(report, "二是")  # 读书 three times
    strict = tag_passages(report, _one_topic(["读书"], min_score=2))
    assert para.id not in set(strict["id"])
    loose = tag_passages(report, _one_topic(["读书"], min_score=1))
    (row,) = loose[(loose["level"] == "paragraph") & (loose["id"] == para.id)].itertuples()
    assert row.score == 1 and row.n_keywords == 1 and len(row.evidence) == 3


@pytest.mark.parametrize(
    ("keyword", "inside", "also"),
    [
        ("开放", "改革开放", "高质量开放"),  # 七是: 改革开放 is one word
        ("领导", "中央教育工作领导小组", "全面领导"),
    ],
)
def test_keyword_never_matches_inside_a_longer_word(report, keyword, inside, also):
    tags = tag_passages(report, _one_topic([keyword]))
    spans = [(s, e) for ev in tags["evidence"] for _, s, e in ev]
    hidden = [m.start() + inside.index(keyword) for m in re.finditer(inside, report.text)]
    assert hidden, "the longer word is in the report"
    assert not {s for s, _ in spans} & set(hidden)
    visible = report.text.index(also) + also.index(keyword)
    assert (visible, visible + len(keyword)) in spans


def test_phrase_of_several_words_matches(report):
    tags = tag_passages(report, _one_topic(["人民满意的教育"]))
    ((_, start, end),) = {ev for evs in tags[tags["level"] == "paragraph"]["evidence"] for ev in evs}
    toks = report.tokens
    inside = toks[(toks["start"] >= start) & (toks["end"] <= end)]
    assert len(inside) >= 2 and inside["start"].min() == start and inside["end"].max() == end


def test_longer_match_of_the_same_topic_absorbs_the_shorter(report):
    tags = tag_passages(report, _one_topic(["教育数字化", "数字化"]))
    keywords = {kw for ev in tags["evidence"] for kw, _, _ in ev}
    assert keywords == {"教育数字化"}


def test_find_keyword_needs_both_boundaries():
    text = "高校长期"  # 高/校长/期: 高校 is not a word here
    assert find_keyword(text, "高校", {0, 1, 3}, {1, 3, 4}) == []
    assert find_keyword("各部属高校", "高校", {0, 2, 3}, {2, 3, 5}) == [(3, 5)]


# --- the taxonomy file -----------------------------------------------------------------------------
def test_default_taxonomy_has_the_issue_topics():
    taxonomy = load_taxonomy()
    assert set(ISSUE_TOPICS) <= set(taxonomy.names)
    for topic in taxonomy:
        assert topic.description and "\n" not in topic.description
        assert re.fullmatch(r"#[0-9a-f]{6}", topic.colour)
        assert topic.keywords
    assert len({t.colour for t in taxonomy}) == len(taxonomy)
    frame = taxonomy.frame()
    assert list(frame["name"]) == taxonomy.names and "colour" in frame


def _write(tmp_path, text: str, name="mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


USER = """
[[topic]]
name = "劳动教育"
description = "劳动教育与实践育人"
colour = "#abc"
keywords = ["劳动教育", "实践育人", "读书"]
"""


def test_user_file_replaces_the_default(tmp_path):
    taxonomy = load_taxonomy(_write(tmp_path, USER))
    assert taxonomy.names == ["劳动教育"]
    assert taxonomy["劳动教育"].colour == "#aabbcc"


@pytest.mark.parametrize("how", ["mode", "argument", "env"])
def test_user_file_extends_the_default(tmp_path, monkeypatch, how):
    text = ('mode = "extend"\n' if how == "mode" else "") + USER
    text += '\n[[topic]]\nname = "对外开放"\ndescription = "改写"\ncolour = "#000000"\nkeywords = ["留学"]\n'
    path = _write(tmp_path, text)
    if how == "env":
        monkeypatch.setenv(ENV_VAR, str(path))
        taxonomy = load_taxonomy(extend=True)
    else:
        taxonomy = load_taxonomy(path, extend=True if how == "argument" else None)
    assert taxonomy.names[: len(ISSUE_TOPICS)] == ISSUE_TOPICS and taxonomy.names[-1] == "劳动教育"
    assert taxonomy["对外开放"].keywords == ("留学",)  # same name: the user's topic wins
    assert taxonomy.mode == "extend"


def test_environment_variable_replaces(tmp_path, monkeypatch, report):
    monkeypatch.setenv(ENV_VAR, str(_write(tmp_path, USER)))
    assert load_taxonomy().names == ["劳动教育"]
    tags = tag_passages(report, load_taxonomy())
    assert set(tags["topic"]) <= {"劳动教育"}


def test_extend_false_overrides_the_file_mode(tmp_path):
    path = _write(tmp_path, 'mode = "extend"\n' + USER)
    assert load_taxonomy(path, extend=False).names == ["劳动教育"]


GOOD = """min_score = 2

[[topic]]
name = "甲"
description = "第一个"
colour = "#112233"
keywords = ["甲乙"]

[[topic]]
name = "乙"
description = "第二个"
colour = "#445566"
keywords = ["乙丙"]
"""


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        ('name = "乙"', "name = 乙", 10, "invalid TOML"),  # syntax errors: the line TOML reports
        ('description = "第一个"', 'description = "第一个', 5, "invalid TOML"),
        ('keywords = ["乙丙"]', "keywords = []", 10, "has no keywords"),
        ('keywords = ["乙丙"]\n', "", 10, "has no keywords"),
        ('colour = "#445566"', 'colour = "blue"', 10, "not a hex colour"),
        ('colour = "#112233"', 'colour = "#12345"', 4, "not a hex colour"),
        ('description = "第一个"\n', "", 4, "description"),
        ('name = "乙"', 'name = "甲"', 10, "defined twice"),
        ('keywords = ["甲乙"]', 'keyword = ["甲乙"]', 4, "unknown key 'keyword'"),
        ('keywords = ["甲乙"]', 'keywords = ["甲 乙"]', 4, "whitespace"),
        ("min_score = 2", "min_score = 0", 1, "min_score"),
        ("min_score = 2", 'mode = "merge"', 1, "mode"),
    ],
)
def test_malformed_file_names_file_and_line(tmp_path, old, new, line, problem):
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(DataFileError) as info:
        load_taxonomy(path)
    message = str(info.value)
    assert str(path) in message and f"line {line}:" in message and problem in message
    assert info.value.line == line


def test_file_without_topics_or_missing(tmp_path):
    with pytest.raises(DataFileError, match="no \\[\\[topic\\]\\]"):
        load_taxonomy(_write(tmp_path, "min_score = 1\n"))
    missing = tmp_path / "nope.toml"
    with pytest.raises(DataFileError, match="cannot read") as info:
        load_taxonomy(missing)
    assert str(missing) in str(info.value)


def test_good_file_and_bundled_file_load(tmp_path):
    assert load_taxonomy(_write(tmp_path, GOOD)).names == ["甲", "乙"]
    assert load_taxonomy(DEFAULT_FILE).names == load_taxonomy().names


def test_edited_file_is_read_again(tmp_path):
    path = _write(tmp_path, GOOD)
    assert load_taxonomy(path).names == ["甲", "乙"]
    path.write_text(GOOD.replace('name = "乙"', 'name = "丙"') + "\n", encoding="utf-8")
    assert load_taxonomy(path).names == ["甲", "丙"]


def test_fixture_taxonomies(report):
    replace = load_taxonomy(DATA / "topics-replace.toml")
    assert replace.mode == "replace" and len(replace) == 2
    tags = tag_passages(report, replace)
    assert set(tags["topic"]) == set(replace.names)
    extend = load_taxonomy(DATA / "topics-extend.toml")
    assert extend.mode == "extend" and set(ISSUE_TOPICS) < set(extend.names)
    with pytest.raises(DataFileError, match=r"line 7:.*colour"):
        load_taxonomy(DATA / "topics-bad-colour.toml")


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('name = "x"\nkeywords = 5', "keywords must be a list of non-empty strings"),
        ('name = "x"\nkeywords = ["教育"]\nstrong = "教育"', "keywords must be a list"),
        ('name = "x"\nkeywords = ["教育"]\ndescription = 5\ncolour = "#123456"', "description must be one line"),
    ],
)
def test_a_wrong_type_is_named_for_what_it_is(tmp_path, capsys, table, says):
    """The issue's case: `keywords = 5` was reported as "description must be one line of text"."""
    from edu_helpers.cli import main

    path = tmp_path / "topics.toml"
    path.write_text(f"[[topic]]\n{table}\n", encoding="utf-8")
    assert main(["search", "--topics-file", str(path)]) == 2
    err = capsys.readouterr().err
    assert says in err and str(path) in err and err.count("\n") == 1
    if "keywords = 5" in table:
        assert "description" not in err and "(5)" in err
