"""The hand-written expectations of the copied pages agree with the pages themselves.

These checks keep the golden fixtures honest (a typo in a JSON file fails here, not in a later
integration test): every line of a page is chrome, headline or body; paragraph starts, cues, speakers,
item counts and section titles agree with the text.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.text.pages import load_page, page_names, page_text, reference_title

NAMES = page_names()
NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[是要]|第[一二三四五六七八九十]{1,3}[，,、：:]"
    r"|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d))"
)
ORDINAL = re.compile(r"[一二三四五六七八九十]是")


def test_there_are_enough_pages_of_each_kind():
    assert len(NAMES) >= 10
    genres = " ".join(load_page(n).expected["genre"] for n in NAMES)
    for kind in ("全国教育工作会议", "省级", "卫生健康", "科技", "政府工作报告", "繁体"):
        assert kind in genres


@pytest.mark.parametrize("name", NAMES)
def test_every_line_is_chrome_headline_or_body(name):
    page = load_page(name)
    exp = page.expected
    lines = [line.strip() for line in page.lines if line.strip()]
    chrome = Counter(exp["chrome"])
    assert not chrome - Counter(lines), "chrome lines not in the page"
    kept = [line for line in lines if not (chrome[line] and not chrome.subtract([line]))]
    assert kept[: len(exp["headline"])] == exp["headline"]
    body = kept[len(exp["headline"]) :]
    assert len(body) == len(exp["body"])
    for line, entry in zip(body, exp["body"], strict=True):
        assert line[:10] == entry["start"], line
        finals = set("。！？")
        if entry["kind"] == "paragraph":
            assert line.rstrip("”’）)")[-1] in "。！？：", f"a paragraph ends a sentence or opens a list: {line}"
        else:
            assert len(line) <= 30 and not (set(line[:-1]) & finals), f"a heading is short: {line}"
    assert exp["n_paragraphs"] == sum(e["kind"] == "paragraph" for e in exp["body"])
    for h in exp["headline"]:
        assert 5 <= len(h) <= 64 and not set(h) & set("。！？")


def _walk(page):
    """Assign body lines to the expected sections, checking cues on the way."""
    exp = page.expected
    text_lines = [line.strip() for line in page_text(page).split("\n") if line.strip()]
    chrome = Counter(exp["chrome"] if exp.get("convert") != "t2s" else [])
    if exp.get("convert") == "t2s":
        from tests.text.pages import t2s

        chrome = Counter(t2s(c) for c in exp["chrome"])
    body = [line for line in text_lines if not (chrome[line] and not chrome.subtract([line]))][len(exp["headline"]) :]
    sections = exp["sections"]
    k, groups, last_heading = -1, [], False
    for n, (line, entry) in enumerate(zip(body, exp["body"], strict=True)):
        nxt = sections[k + 1] if k + 1 < len(sections) else None
        cue = nxt and (nxt.get("cue_simplified") or nxt.get("cue"))
        if entry["kind"] == "heading":
            assert nxt and nxt["kind"] == "heading" and nxt["title"] == line, line
            k, last_heading = k + 1, True
            groups.append([])
            continue
        if last_heading:
            here = sections[k]
            here_cue = here.get("cue_simplified") or here.get("cue")
            assert (here_cue is None) or line.startswith(here_cue), line
        elif k < 0:
            assert nxt["kind"] == "lead"
            k += 1
            groups.append([])
        elif nxt and nxt["kind"] == "cue" and line.startswith(cue):
            k += 1
            groups.append([])
        elif nxt and nxt["kind"] == "attendance" and n == len(body) - 1:
            k += 1
            groups.append([])
        last_heading = False
        groups[-1].append(line)
    assert k == len(sections) - 1, "every expected section is found"
    return body, groups


@pytest.mark.parametrize("name", NAMES)
def test_sections_cues_items_and_titles_agree_with_the_text(name):
    page = load_page(name)
    if page.expected.get("convert") == "t2s":
        pytest.importorskip("opencc")
    exp = page.expected
    body, groups = _walk(page)
    assert len(exp["items"]) == len(exp["sections"]) == len(groups)
    assert [sum(bool(NUMBERED.match(p)) for p in g) for g in groups] == exp["items"]
    lead = next((g[0] for g, s in zip(groups, exp["sections"], strict=True) if s["kind"] == "lead"), "")
    for s, g in zip(exp["sections"], groups, strict=True):
        if s["speaker"]:
            assert s["cue"].startswith(s["speaker"]), "a speaker cue is the name + a verb"
        if s["kind"] in ("cue", "lead", "attendance"):
            cue = s.get("cue_simplified") or s["cue"]
            speaker = s["speaker"]
            if speaker and s.get("cue_simplified"):
                speaker = cue[: len(speaker)]
            assert s["title"] == reference_title(s["kind"], cue, speaker, g[0]), g[0]
    for name_ in exp["speakers"]:
        if exp.get("convert") == "t2s":
            from tests.text.pages import t2s

            name_ = t2s(name_)
        assert name_ in lead, f"speaker {name_} is named in the lead"
    paragraphs = [p for p, e in zip(body, exp["body"], strict=True) if e["kind"] == "paragraph"]
    for inline in exp["inline_items"]:
        p = paragraphs[inline["paragraph"] - 1]
        if inline["kind"] == "ordinal":
            assert len(ORDINAL.findall(p)) == inline["count"], p
        else:
            assert p.count("；") + 1 == inline["count"], p
