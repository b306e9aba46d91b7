"""学习材料：每部分的原文、思考题和笔记空白；Markdown 与可打印的 HTML，全部转义。"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

import edu_helpers
from edu_helpers.analysis.prompts import prompts_for
from edu_helpers.teaching.handout import ANSWER_LINES, handout_html, handout_markdown, write_handout

XSS_TEXT = (
    "标题\n\n会议指出，要防范<script>alert(1)</script>注入。\n\n会议要求，<img src=x onerror=alert(2)>也要转义。\n"
)


class _Collect(HTMLParser):
    """Tags and visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.classes += (dict(attrs).get("class") or "").split()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Collect:
    parser = _Collect()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("section", range(6))
def test_markdown_has_text_prompts_and_room(report: edu_helpers.Document, section: int) -> None:
    md = handout_markdown(report, section)
    sec = report.section_records[section]
    assert md.startswith(f"# 学习材料 · {sec.title}\n")
    for pid in sec.paragraph_ids:
        assert report.paragraph(pid).text in md
    prompts = prompts_for(report, section)
    for prompt in prompts:
        assert prompt in md
    assert md.count("   答：") == len(prompts)
    assert md.count("\n___\n") >= len(prompts) * ANSWER_LINES + 8
    other = report.section_records[(section + 1) % 6]
    assert report.paragraph(other.paragraph_ids[0]).text not in md


def test_html_page_is_self_contained_and_printable(report: edu_helpers.Document) -> None:
    page = handout_html(report)
    parsed = _parse(page)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "@media print" in page and "break-after: page" in page and "@page" in page
    # nothing to fetch: no scripts, stylesheets, images or links
    assert not {"script", "link", "img", "iframe"} & set(parsed.tags)
    assert "http" not in page
    assert parsed.classes.count("edu-handout-section") == len(report.section_records)
    text = "".join(parsed.text)
    for p in report.paragraph_records:
        assert p.text in text
    assert parsed.classes.count("edu-handout-prompt") == sum(len(prompts_for(report, i)) for i in range(6))


def test_one_section_and_bad_section(report: edu_helpers.Document) -> None:
    parsed = _parse(handout_html(report, 3))
    assert parsed.classes.count("edu-handout-section") == 1
    assert parsed.classes.count("edu-handout-item") == 7  # 一是 … 七是
    with pytest.raises(IndexError):
        handout_markdown(report, 99)


def test_everything_is_escaped() -> None:
    doc = edu_helpers.document_from_text(XSS_TEXT)
    page, md = handout_html(doc), handout_markdown(doc)
    parsed = _parse(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert "<script>" not in md and "<img" not in md
    for text in (page, md):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;img src=x onerror=alert(2)&gt;" in text
    assert "<script>alert(1)</script>" in "".join(parsed.text)  # shown to the reader as text


def test_write_handout_by_suffix(tmp_path: Path, report: edu_helpers.Document) -> None:
    html_file = write_handout(report, tmp_path / "h.html", 1)
    md_file = write_handout(report, tmp_path / "h.md", 1)
    assert html_file.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert md_file.read_text(encoding="utf-8").startswith("# 学习材料 · ")
