"""Glossary: our explanations, first occurrences computed from the document, strict file errors."""

from __future__ import annotations

import re

import pytest

import edu_helpers
from edu_helpers.analysis import glossary as G
from edu_helpers.errors import DataFileError

HAN = re.compile(r"[\u4e00-\u9fff]")
FORMULATIONS = ["两个确立", "四个意识", "四个自信", "两个维护", "一体两翼", "双减", "四件事"]
# The key terms the issue lists (the same list as in test_words.py).
POLICY_TERMS = (
    "习近平新时代中国特色社会主义思想 立德树人 两个确立 四个意识 四个自信 两个维护 双减 产教融合 职普融通 科教融汇 "
    "一体两翼 教育强国 科教兴国战略 高质量教育体系 教育数字化 学习型社会 学习型大国 全面从严治党 人类命运共同体 "
    "中华民族伟大复兴 党的二十大 怀进鹏 教育部 港澳台 新疆生产建设兵团 十四五"
).split()
ENTRY = '[[term]]\nterm = "双减"\nkind = "term"\nexplanation = "说明。"\n'
DUPLICATE = ENTRY + "\n" + ENTRY  # the second [[term]] is on line 6


@pytest.fixture(scope="module")
def table(report):
    return G.glossary(report)


def test_columns(table):
    assert list(table.columns) == [
        "term",
        "kind",
        "explanation",
        "count",
        "first_start",
        "first_end",
        "paragraph_id",
        "sentence_id",
        "sentence",
    ]


@pytest.mark.parametrize("term", POLICY_TERMS + FORMULATIONS)
def test_key_terms_are_explained(table, term):
    row = table.set_index("term").loc[term]
    assert len(row["explanation"]) >= 8 and HAN.search(row["explanation"])


@pytest.mark.parametrize("term", FORMULATIONS)
def test_formulations_are_marked(table, term):
    assert table.set_index("term").loc[term, "kind"] == "formulation"


def test_double_reduction_says_what_it_reduces(table):
    text = table.set_index("term").loc["双减", "explanation"]
    assert "作业" in text and "校外培训" in text


def test_first_occurrence_is_computed_from_the_document(report, table):
    body_start = report.paragraph_records[0].start
    for row in table.itertuples():
        first = report.text.find(row.term, body_start)
        assert row.first_start == first and row.first_end == first + len(row.term)
        assert row.count == sum(p.text.count(row.term) for p in report.paragraph_records)
        para = report.paragraph(row.paragraph_id)
        assert para.start <= first < para.end
        assert row.term in row.sentence and row.sentence_id.startswith(row.paragraph_id)
    assert table["first_start"].is_monotonic_increasing


def test_another_document_gets_its_own_positions():
    doc = edu_helpers.document_from_text("会议指出，要落实“双减”。会议强调，落实立德树人根本任务，继续推进“双减”。")
    table = G.glossary(doc).set_index("term")
    assert set(table.index) == {"双减", "立德树人"}
    assert table.loc["双减", "count"] == 2 and table.loc["双减", "first_start"] == doc.text.index("双减")
    everything = G.glossary(doc, present_only=False)
    assert len(everything) == len(G.bundled_glossary())
    assert everything["first_start"].isna().sum() == len(everything) - 2


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (DUPLICATE, 6, "twice"),
        ('[[term]]\nterm = "双减"\nexplanation = ""\n', 1, "explanation"),
        ('[[term]]\nterm = "双减"\n', 1, "explanation"),
        ('[[term]]\nterm = "双减"\nkind = "slogan"\nexplanation = "说明。"\n', 1, "kind"),
        ('[[term]]\nterm = "双减"\nexplanation = "说明。"\nsource = "x"\n', 1, "unknown key"),
        ('[[term]]\nterm = "双减\nexplanation = "说明。"\n', 2, "invalid TOML"),
    ],
)
def test_malformed_glossary_names_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "glossary.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        G.read_glossary(path)
    assert err.value.line == line and str(path) in str(err.value) and message in str(err.value)


def test_bundled_glossary_reads_cleanly():
    entries = G.bundled_glossary()
    assert len(entries) >= 30 and len({e.term for e in entries}) == len(entries)
