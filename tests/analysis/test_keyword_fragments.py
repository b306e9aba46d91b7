"""Keywords are whole words (issue 13): never a fragment of a longer word of the text, nor a byline title.

Checked over several reports: the bundled one, the second report and the copied pages of tests/text/pages/
(written for these tests). The check is independent of the filter: a keyword must not sit, in most of its
occurrences, inside a policy term of data/policy_terms.toml that occurs there, nor inside a short quoted slogan.
"""

from __future__ import annotations

import re

import pytest

import edu_helpers
from edu_helpers.analysis.keywords import is_fragment
from edu_helpers.analysis.lexicon_terms import load_policy_terms
from tests.paths import SECOND_REPORT
from tests.text.pages import load_page, page_names, page_text

BYLINE_TITLES = {"记者", "编辑", "责任编辑", "通讯员", "作者", "来源", "校对", "本报", "本站"}
ISSUE_FRAGMENTS = {"听党", "从细", "部省", "防住", "秘书组"}


def _documents():
    yield "bundled", edu_helpers.load_document()
    yield "second", edu_helpers.load_document(SECOND_REPORT)
    for name in page_names():
        page = load_page(name)
        if page.expected.get("convert") == "t2s":
            pytest.importorskip("opencc")
        yield name, edu_helpers.document_from_text(page_text(page))


def _inside_a_term(text: str, starts: list[int], word: str, terms: list[str]) -> bool:
    """More than half of the token occurrences (``starts``) of ``word`` lie strictly inside a longer policy
    term written there, or inside a short quoted slogan."""
    spans = [(m.start(), m.end()) for t in terms if word in t and t != word for m in re.finditer(re.escape(t), text)]
    for quote in re.finditer(r"“([^“”\n]{1,60})”", text):  # the clauses of a quotation (“疫情要防住、经济要稳住”)
        pos = quote.start(1)
        for clause in re.split("[、，]", quote.group(1)):
            if len(clause) <= 8:
                spans.append((pos, pos + len(clause)))
            pos += len(clause) + 1
    inside = sum(1 for s in starts if any(a <= s and s + len(word) <= b and b - a > len(word) for a, b in spans))
    return inside * 2 > len(starts)


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_keywords_are_whole_words_over_several_reports(method):
    terms = sorted(load_policy_terms().words)
    seen = 0
    for name, doc in _documents():
        words = list(doc.keywords(30, method=method)["word"])
        assert not ISSUE_FRAGMENTS & set(words), name
        assert not BYLINE_TITLES & set(words), name
        tokens = doc.tokens
        for w in words:
            starts = list(tokens.loc[tokens["token"] == w, "start"])
            assert not _inside_a_term(doc.text, starts, w, terms), (name, w)
        seen += 1
    assert seen >= 10


def test_the_fragment_rule():
    assert is_fragment("从细", "从实", "的", None, {"从严从实从细": 3, "从实从细": 0}) is False
    assert is_fragment("防住", "要", "、", "疫情要防住", {})
    assert is_fragment("部省", "、", "合建", None, {"部省合建": 2})
    assert not is_fragment("改革", "综合", "。", None, {})
