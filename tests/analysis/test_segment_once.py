"""Each paragraph is cut once: the fast path (``paragraph_cuts`` → formulations, ``phrase_columns`` → ``doc.tokens``,
columns → word bounds and corpus records) gives exactly what the one-Token-per-word path gave.

The reference here is the slow path written out with the public functions: ``tokenize(text, phrases=...)`` per
paragraph, ``numbered_phrases``/``paired_phrases`` on Token lists, ``tokenize(word)`` for the words inside long
tokens, and a record built from the DataFrames. Inputs: the bundled report, the second report, the three 示例
reports and reports generated from their paragraphs, with spaces, Latin letters, digits and formulations put where
they cut into jieba's blocks.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import edu_helpers
from edu_helpers.analysis.formulations import (
    _occurrences,
    document_phrases,
    find_formulations,
    numbered_phrases,
    paired_phrases,
    quoted_phrases,
)
from edu_helpers.analysis.records import build_record
from edu_helpers.analysis.tokens import word_bounds
from edu_helpers.analysis.words import _phrase_pattern, cut_columns, phrase_columns, tokenize
from edu_helpers.text.load import document_from_text
from tests.analysis.compare_sample import DATA as DEMO
from tests.paths import SECOND_REPORT

# put into generated paragraphs: formulations the rules find, and text that splits or joins jieba's blocks
INSERTS = [
    "“双减”",
    "“AI双减”",
    "两个确立",
    "一体两翼",
    "四件事",
    " ",
    "AI",
    "2024年",
    "“大教育”",
    "扩大教育",
    "a-b",
    "、",
]


def _reference_formulations(doc) -> list:
    kinds, quoted = {}, set()
    for p in doc.paragraph_records:
        tokens = tokenize(p.text)
        in_quotes = quoted_phrases(p.text)
        for kind, found in (
            ("numbered", numbered_phrases(tokens)),
            ("paired", paired_phrases(p.text, tokens)),
            ("quoted", in_quotes),
        ):
            for s in found:
                kinds.setdefault(s, kind)
        quoted.update(in_quotes)
    found = [_occurrences(doc, s, kinds[s], s in quoted) for s in kinds]
    return sorted((f for f in found if f.spans), key=lambda f: f.spans[0])


def _reference_tokens(doc) -> list[tuple[str, str, str, int, int]]:
    phrases = document_phrases(doc)
    return [
        (p.id, t.text, t.pos, t.start, t.end)
        for p in doc.paragraph_records
        for t in tokenize(p.text, offset=p.start, phrases=phrases)
    ]


def _reference_bounds(doc) -> tuple[list[int], list[int]]:
    toks = doc.tokens
    starts, ends = set(toks["start"]), set(toks["end"])
    for word, at in zip(toks["token"], toks["start"], strict=True):
        if len(word) > 2:
            for t in tokenize(word)[1:]:
                starts.add(at + t.start)
                ends.add(at + t.start)
    return sorted(starts), sorted(ends)


def _check(doc) -> None:
    assert find_formulations(doc) == _reference_formulations(doc)
    toks = doc.tokens
    got = list(zip(toks["paragraph_id"], toks["token"], toks["pos"], toks["start"], toks["end"], strict=True))
    assert got == _reference_tokens(doc)
    assert all(doc.text[s:e] == w for _, w, _, s, e in got)
    assert word_bounds(doc, inside_phrases=True) == _reference_bounds(doc)
    rec = build_record(doc)
    assert rec["tok"]["vocab"] == list(dict.fromkeys(toks["token"]))
    vocab = rec["tok"]["vocab"]
    assert [vocab[i] for i in rec["tok"]["ids"]] == toks["token"].tolist()
    assert rec["tok"]["end"].tolist() == toks["end"].tolist()
    forms = doc.formulations
    assert rec["formulations"] == list(zip(forms["formulation"], forms["kind"], forms["count"], strict=True))
    para = doc.topics[doc.topics["level"] == "paragraph"]
    row = {p.id: k for k, p in enumerate(doc.paragraph_records)}
    assert rec["topics"] == [
        (row[i], t, float(s)) for i, t, s in zip(para["id"], para["topic"], para["score"], strict=True)
    ]


def _generated(seed: int) -> str:
    rnd = random.Random(seed)
    paragraphs = [
        line
        for f in [SECOND_REPORT, *sorted(DEMO.glob("*.txt"))]
        for line in f.read_text(encoding="utf-8").splitlines()[3:]
        if line.strip()
    ]
    body = []
    for p in rnd.sample(paragraphs, 12):
        for _ in range(rnd.randint(1, 4)):
            i = rnd.randrange(len(p) + 1)
            p = p[:i] + rnd.choice(INSERTS) + p[i:]
        body.append(p)
    return "2035年全国教育工作会议（示例）\n“双减”与一体两翼\n" + "\n".join(body) + "\n"


@pytest.mark.parametrize("source", ["bundled", "second", *sorted(p.name for p in DEMO.glob("*.txt"))])
def test_reports_give_the_same_results_as_the_token_path(source):
    doc = {"bundled": edu_helpers.load_document, "second": lambda: edu_helpers.load_document(SECOND_REPORT)}.get(
        source, lambda: edu_helpers.load_document(DEMO / source)
    )()
    assert len(doc.formulations) > 0
    _check(doc)


@pytest.mark.parametrize("seed", range(40))
def test_generated_reports_give_the_same_results(seed):
    doc = document_from_text(_generated(seed))
    _check(doc)


def test_a_formulation_inside_a_block_is_cut_around_as_before():
    # 大教育 splits the block 扩大教育观 (the dictionary alone gives 扩大/教育观): both pieces are cut again
    text = "我们要扩大教育观念的影响，树立大教育观。"
    cols = phrase_columns(text, 5, _phrase_pattern(("大教育",)), cut_columns(text, 5))
    ref = tokenize(text, offset=5, phrases=("大教育",))
    assert list(zip(*cols, strict=True)) == [(t.text, t.pos, t.start) for t in ref]
    assert cols[0] == ["我们", "要", "扩", "大教育", "观念", "的", "影响", "，", "树立", "大教育", "观", "。"]
    assert cols[2][:4] == [5, 7, 8, 9] and cols[1][3] == "nz"


_CHARS = st.sampled_from(list("教育强国建设双减一体两翼个四件事高质量发展 AI2０、，“”-.\n"))


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(_CHARS, max_size=60),
    phrases=st.lists(st.text(_CHARS.filter(lambda c: c.strip() != ""), min_size=1, max_size=4), max_size=3),
)
def test_phrase_columns_equals_tokenize(text, phrases):
    phrases = tuple(sorted(set(phrases), key=len, reverse=True))
    if not phrases:
        return
    cols = phrase_columns(text, 3, _phrase_pattern(phrases), cut_columns(text, 3))
    ref = tokenize(text, offset=3, phrases=phrases)
    assert list(zip(*cols, strict=True)) == [(t.text, t.pos, t.start) for t in ref]


def _lines() -> list[str]:
    files = [SECOND_REPORT, *sorted(DEMO.glob("*.txt"))]
    lines = [ln for f in files for ln in f.read_text(encoding="utf-8").splitlines()]
    lines += edu_helpers.load_document().text.splitlines()
    return lines + [ln for seed in range(20) for ln in _generated(seed).splitlines()]
