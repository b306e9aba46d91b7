"""markup: the one escaping and highlighting kit (every layer's HTML and Markdown goes through it)."""

from __future__ import annotations

import random

import pytest

from edu_helpers import markup


def brute_force(start, end, spans):
    """Per character: which payloads cover it, in the order the spans were given."""
    return [tuple(p for s, e, p in spans if s <= i < e) for i in range(start, end)]


@pytest.mark.parametrize("seed", range(30))
def test_segments_agree_with_a_character_by_character_count(seed):
    rng = random.Random(seed)
    n = rng.randint(0, 40)
    spans = [(a, a + rng.randint(-2, 12), f"s{k}") for k, a in enumerate(rng.randint(-5, n + 5) for _ in range(8))]
    pieces = markup.segments(0, n, spans)
    assert [(a, b) for a, b, _ in pieces] == sorted({(a, b) for a, b, _ in pieces})  # ordered, no repeats
    assert (pieces[0][0], pieces[-1][1]) == ((0, n) if n else (0, 0))
    flat = [payloads for a, b, payloads in pieces for _ in range(a, b)]
    assert flat == brute_force(0, n, spans)


def test_segments_with_extra_cuts_and_an_offset_range():
    assert markup.segments(10, 14, [(11, 13, "x")], cuts=(12, 99)) == [
        (10, 11, ()),
        (11, 12, ("x",)),
        (12, 13, ("x",)),
        (13, 14, ()),
    ]


@pytest.mark.parametrize(
    ("value", "html"),
    [
        ('<script>alert("x")</script>', "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        ("a & b 'c'", "a &amp; b &#x27;c&#x27;"),
        (None, ""),
    ],
)
def test_esc(value, html):
    assert markup.esc(value) == html


def test_markdown_text_cannot_form_markup():
    out = markup.md_text("**重点** [链接](x) <b>\n第二行 | 表格")
    assert "<" not in out and "\n" not in out
    assert "\\*\\*重点\\*\\*" in out and "\\[链接\\]" in out and "\\|" in out


def test_highlight_layers_keep_every_layer_where_they_overlap():
    out = markup.highlight_layers("职业教育产教融合", {"match": [(4, 8)], "term": [(0, 4), (4, 6)]})
    expected = '<mark class="term">职业教育</mark><mark class="match term">产教</mark><mark class="match">融合</mark>'
    assert out == expected


def test_bracket_merges_overlaps_for_the_terminal():
    assert markup.bracket("教育强国建设", 0, [(0, 2), (1, 4), (5, 6)]) == "【教育强国】建【设】"
