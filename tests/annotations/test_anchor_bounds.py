"""Fuzzy re-anchoring is bounded: huge or common-character quotes stay orphans (kept), results are cached."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from edu_helpers.annotations import Annotation
from edu_helpers.annotations import anchor as anchor_module
from edu_helpers.annotations.anchor import FUZZY_MAX_CHARS, ORPHAN, anchorer_for
from tests.paths import REPO


def _orphan(i: int, quote: str) -> Annotation:
    return Annotation(f"0f000000-0000-4000-8000-{i:012d}", "", quote, 10, 10 + len(quote), prefix="教育", suffix="教育")


def _count_alignments(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = anchor_module.best_alignment
    monkeypatch.setattr(anchor_module, "best_alignment", lambda r, q: (calls.append(len(q)), real(r, q))[1])
    return calls


def test_a_huge_orphan_quote_is_not_searched_and_stays_an_orphan(report, monkeypatch, store):
    calls = _count_alignments(monkeypatch)
    huge = _orphan(1, "教育" * 8_000)  # 16,000 characters, not in the text
    store.add_many([huge])
    (placed,) = store.anchored(report)
    assert placed.status == ORPHAN and placed.annotation == huge
    assert calls == []  # no alignment of a 16,000-character quote
    assert [a.id for a in store.orphans(report)] == [huge.id]  # kept and listed


def test_common_pairs_cast_no_votes_and_results_are_cached(report, monkeypatch):
    calls = _count_alignments(monkeypatch)
    anchorer = anchorer_for(report)
    assert anchorer_for(report) is anchorer  # one per document
    common = _orphan(2, ("教育发展" * 250)[: FUZZY_MAX_CHARS - 1])
    first = anchorer.place(common)
    n = len(calls)
    assert anchorer.place(common) == first and len(calls) == n  # cached: no second search
    assert n <= anchor_module._CANDIDATES


def test_class_report_of_huge_quotes_finishes(tmp_path, report):
    """The attack of the issue: one 300 KB student file of 10 quotes of 5,000 × 教育 (247 s before)."""
    folder = tmp_path / "class"
    folder.mkdir()
    items = [
        {
            "type": "Annotation",
            "id": f"urn:uuid:0e000000-0000-4000-8000-{i:012d}",
            "created": "2024-03-01T08:00:00Z",
            "body": [{"type": "TextualBody", "value": "疑问", "purpose": "classifying"}],
            "target": {
                "source": {"label": report.title},
                "selector": [{"type": "TextQuoteSelector", "exact": "教育" * 5_000}],
            },
        }
        for i in range(10)
    ]
    (folder / "学生.jsonld").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    assert (folder / "学生.jsonld").stat().st_size > 300_000
    proc = subprocess.run(
        [sys.executable, "-m", "edu_helpers", "class-report", str(folder)],
        capture_output=True, text=True, timeout=120, cwd=REPO,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "10 条已找不到原文位置" in proc.stdout


@pytest.mark.parametrize("length", [FUZZY_MAX_CHARS + 1, 16_000])
def test_long_quotes_that_are_in_the_text_are_still_placed_exactly(report, store, length):
    quote = report.text[:length] if len(report.text) >= length else report.text
    ann = store.add_many([_orphan(3, quote)])
    assert ann.added == 1
    (placed,) = store.anchored(report)
    assert placed.status != ORPHAN and report.text[placed.start : placed.end] == quote


def test_store_views_share_the_cache(report, store, monkeypatch):
    calls = _count_alignments(monkeypatch)
    store.add_many([_orphan(4, "这句话在原文里根本找不到的引文")])
    store.to_frame(report)
    n = len(calls)
    store.to_frame(report)
    store.orphans(report)
    assert len(calls) == n
