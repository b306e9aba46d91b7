"""Search: doc.filter (topics any/all, section, query on text and tokens, highlight spans), the
topic × section table, the outline's topics and the ``search`` CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from edu_helpers import document_from_text
from edu_helpers.analysis.search import filter_passages
from edu_helpers.analysis.topics import ENV_VAR, load_taxonomy
from edu_helpers.cli import main
from tests.paths import DATA

COLUMNS = [
    "id",
    "level",
    "paragraph_id",
    "section",
    "text",
    "start",
    "end",
    "topics",
    "evidence",
    "query_spans",
    "spans",
]


@pytest.fixture(autouse=True)
def _no_user_taxonomy(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


def ids(frame) -> list[str]:
    return list(frame["id"])


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    return subprocess.run(
        [sys.executable, "-m", "edu_helpers", *args], capture_output=True, text=True, timeout=120, env=env
    )


# --- topics: any / all ------------------------------------------------------------------------------
def test_columns_and_order(report):
    found = report.filter("职业教育")
    assert list(found.columns) == COLUMNS
    assert ids(report.filter()) == [p.id for p in report.paragraph_records]


@pytest.mark.parametrize(("a", "b"), [("基础教育", "教育公平"), ("教育改革", "教师队伍"), ("职业教育", "高等教育")])
def test_any_is_union_and_all_is_intersection(report, a, b):
    one, two = set(ids(report.filter(a))), set(ids(report.filter(b)))
    assert set(ids(report.filter([a, b]))) == one | two
    assert set(ids(report.filter([a, b], match="all"))) == one & two


def test_all_of_two_topics(report):
    assert ids(report.filter(["基础教育", "教育公平"], match="all")) == ["p11"]
    assert ids(report.filter(["职业教育", "高等教育"], match="all")) == []
    assert ids(report.filter(["职业教育", "高等教育"])) == ["p12", "p13"]


def test_rows_carry_their_topics_and_evidence_of_the_asked_topics(report):
    (row,) = report.filter("教师队伍").itertuples()
    assert set(row.topics) == {"教育改革", "教师队伍"}
    assert {t for t, _, _, _ in row.evidence} == {"教师队伍"}
    for _topic, keyword, start, end in row.evidence:
        assert report.text[start:end] == keyword
    assert row.spans == tuple(sorted({(s, e) for _, _, s, e in row.evidence}))


def test_without_topics_evidence_is_all_and_spans_only_the_query(report):
    (row,) = report.filter(query="双减").itertuples()
    assert {t for t, _, _, _ in row.evidence} == set(row.topics) == {"基础教育", "教育公平"}
    assert [report.text[s:e] for s, e in row.spans] == ["双减"]


# --- section -----------------------------------------------------------------------------------------
def test_section_by_index_or_title(report):
    tasks = report.sections.iloc[3]
    by_index = report.filter("党的领导", section=3)
    assert ids(by_index) == ["p09"]
    assert ids(report.filter("党的领导", section=tasks["title"])) == ["p09"]
    assert set(report.filter(section=3)["id"]) == set(tasks["paragraph_ids"])


def test_unknown_section_lists_the_valid_ones(report):
    with pytest.raises(ValueError, match=r"unknown section 9; valid sections: 0 导语"):
        report.filter(section=9)


# --- query: text and tokens --------------------------------------------------------------------------
def test_query_on_text_gives_spans(report):
    found = report.filter(query="人才")
    assert ids(found) == ["p01", "p02", "p12", "p13"]
    for row in found.itertuples():
        assert row.query_spans and all(report.text[s:e] == "人才" for s, e in row.query_spans)
        assert row.start <= row.query_spans[0][0]


def test_query_inside_a_word_matches_text(report):
    # 人才 is inside the token 人才培养 of 四是: a text search still finds it
    (row,) = report.filter("职业教育", query="人才").itertuples()
    assert report.text.index("人才培养", row.start) in {s for s, _ in row.query_spans}


def test_query_by_tokens_in_any_order(report):
    # 高校改革 is not in the text; 高校 and 改革 are whole tokens of 五是
    found = report.filter(query="高校改革")
    assert ids(found) == ["p13"]
    toks = report.tokens
    token_spans = set(zip(toks["start"], toks["end"], strict=True))
    (row,) = found.itertuples()
    assert {report.text[s:e] for s, e in row.query_spans} == {"高校", "改革"}
    assert set(row.query_spans) <= token_spans


def test_query_words_must_all_match(report):
    assert ids(report.filter(query="教师 改革")) == ["p15"]
    assert ids(report.filter(query="评价 改革")) == ["p13", "p15"]
    assert ids(report.filter(query="评价 双减")) == []
    assert ids(report.filter(query="不存在的词")) == []
    assert ids(report.filter(query="   ")) == ids(report.filter())


def test_query_with_topics_and_spans_merged(report):
    (row,) = report.filter(["基础教育"], query="双减 义务教育").itertuples()
    assert row.id == "p11"
    assert set(row.query_spans) <= set(row.spans)
    assert {(s, e) for _, _, s, e in row.evidence} <= set(row.spans)
    assert list(row.spans) == sorted(set(row.spans))


def test_latin_letters_in_any_case():
    doc = document_from_text("标题\n会议指出，要用好AI助教和MOOC平台。\n会议要求，推进教育数字化。\n")
    found = filter_passages(doc, query="ai mooc")
    assert len(found) == 1
    assert [doc.text[s:e] for s, e in found.iloc[0]["query_spans"]] == ["AI", "MOOC"]


# --- level --------------------------------------------------------------------------------------------
def test_sentence_level(report):
    found = report.filter("职业教育", level="sentence")
    assert ids(found) == ["p12-s01", "p12-s02"]
    assert set(found["level"]) == {"sentence"} and set(found["paragraph_id"]) == {"p12"}
    hits = report.filter(query="读书", level="sentence")
    assert ids(hits) == ["p10-s03"]


# --- errors -------------------------------------------------------------------------------------------
def test_unknown_topic_names_it_and_lists_valid(report):
    with pytest.raises(ValueError, match=r"unknown topic '教育X'; valid topics: 党的领导, 立德树人"):
        report.filter(["职业教育", "教育X"])


@pytest.mark.parametrize(("kwargs", "message"), [({"match": "some"}, "match"), ({"level": "word"}, "level")])
def test_bad_match_or_level(report, kwargs, message):
    with pytest.raises(ValueError, match=message):
        report.filter("职业教育", **kwargs)


def test_user_taxonomy_through_the_environment(report, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(DATA / "topics-extend.toml"))
    found = filter_passages(report, "读书活动")
    assert ids(found) == ["p10"]
    with pytest.raises(ValueError, match="读书与课堂"):
        filter_passages(report, "读书与课堂")  # only in the replacing file
    replace = load_taxonomy(DATA / "topics-replace.toml")
    assert "p10" in ids(filter_passages(report, "读书与课堂", taxonomy=replace))


# --- topic × section table ------------------------------------------------------------------------------
def test_topic_table_wide(report):
    table = report.topic_table()
    names = load_taxonomy().names
    assert list(table.index) == names
    assert list(table.columns) == list(report.sections["title"])
    assert table.loc["职业教育", "2023年重点任务"] == 1
    assert table["参会人员"].sum() == 0
    tags = report.topics
    assert table.to_numpy().sum() == (tags["level"] == "paragraph").sum()


def test_topic_table_long(report):
    long = report.topic_table(long=True)
    assert list(long.columns) == ["topic", "section", "section_title", "count"]
    assert len(long) == len(load_taxonomy()) * len(report.section_records)
    wide = report.topic_table()
    for row in long.itertuples():
        assert wide.loc[row.topic].iloc[row.section] == row.count


# --- outline JSON --------------------------------------------------------------------------------------
def test_outline_gains_topics(report, capsys):
    assert main(["outline", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    paragraphs = {p["id"]: p for p in data["paragraphs"]}
    assert all(isinstance(p["topics"], list) for p in data["paragraphs"])
    assert set(paragraphs["p01"]) >= {"id", "text", "section", "item", "sentences", "topics"}
    assert paragraphs["p12"]["topics"] == ["职业教育"]
    assert paragraphs["p11"]["topics"] == ["基础教育", "教育公平"]
    assert paragraphs["p17"]["topics"] == []


# --- CLI -----------------------------------------------------------------------------------------------
def test_cli_readable(capsys):
    assert main(["search", "--topic", "职业教育", "--query", "人才"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("p12 [3 2023年重点任务] 职业教育\n")
    assert "【产教融合】" in out and "各类【人才】" in out
    assert out.rstrip().endswith("1 paragraph (topics: 职业教育 (any); query: 人才)")


def test_cli_json(capsys):
    args = ["search", "-t", "基础教育", "-t", "教育公平", "--match", "all", "--section", "3", "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["count"] == 1 and data["match"] == "all" and data["section"] == 3
    (p,) = data["passages"]
    assert p["id"] == "p11" and p["topics"] == ["基础教育", "教育公平"]
    assert p["section_title"] == "2023年重点任务"
    assert all(p["text"][e["start"] - p["start"] : e["end"] - p["start"]] == e["keyword"] for e in p["evidence"])


def test_cli_sentences_and_topics_file(capsys):
    path = str(DATA / "topics-replace.toml")
    assert main(["search", "--topics-file", path, "-t", "读书与课堂", "--level", "sentence", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in data["passages"]] == ["p10-s02", "p10-s03"]


def test_cli_second_report(capsys):
    assert main(["search", "tests/data/second-report.txt", "-t", "职业教育"]) == 0
    assert "职业教育" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--topic", "教育X"], "unknown topic '教育X'; valid topics: 党的领导"),
        (["--section", "99"], "unknown section 99"),
        (["--topics-file", "tests/data/topics-bad-colour.toml"], "line 7"),
    ],
)
def test_cli_errors_are_one_line_exit_2(args, needle):
    proc = run_cli("search", *args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], proc.stderr
    assert proc.stdout == ""


TRADITIONAL = (
    "2031年全市教育工作會議召開\n\n"
    "會議指出，要落實「雙減」，減輕學生過重的作業負擔，2031年起每所學校配足專職教師。\n\n"
    "會議強調，教師隊伍建設是基礎工程。\n"
)


@pytest.mark.parametrize(
    ("typed", "n"),
    [("雙減", 1), ("双减", 1), ("教師", 2), ("２０３１年", 1), ("专职\u200b教师", 1), ("會議 教師", 2)],
)
def test_a_query_typed_as_the_source_wrote_it_finds_the_converted_text(typed, n):
    doc = document_from_text(TRADITIONAL)  # loaded as simplified: 双减, 教师, 2031
    assert doc.load_report.script.startswith("繁体→简体")
    found = filter_passages(doc, query=typed)
    assert len(found) == n, typed
    for spans, text in zip(found["query_spans"], found["text"], strict=True):
        shown = {doc.text[s:e] for s, e in spans}
        assert shown and shown <= {"双减", "教师", "2031年", "专职教师", "专职", "会议"}, shown
        assert all(doc.text[s:e] in text for s, e in spans)


def test_cli_search_with_a_traditional_query(tmp_path, capsys):
    path = tmp_path / "繁體.txt"
    path.write_text(TRADITIONAL, encoding="utf-8")
    assert main(["search", str(path), "-q", "雙減", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["count"] == 1 and "双减" in json.dumps(out["passages"], ensure_ascii=False)
