"""User text in every Markdown export, rendered by real renderers, forms no link, image or HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from edu_helpers.annotations import AnnotationStore, export_annotations, write_export
from edu_helpers.markup import md_block, md_text

HOSTILE = [
    "[点我](javascript:alert(1))",
    "![图](http://example.invalid/a.png)",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "[a]: javascript:alert(1)\n\n[a]",
    "\\[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "https://example.invalid/steal",
    "www.example.invalid",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    "[x]\n(javascript:alert(1))",
    "<details open ontoggle=alert(1)>",
]
#: Tags Markdown structure may produce; anything else came from user text.
ALLOWED = {"p", "h1", "h2", "h3", "blockquote", "strong", "em", "ul", "ol", "li", "table", "thead", "tbody", "tr"}
ALLOWED |= {"th", "td", "hr", "br", "code", "pre", "del", "s"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


RENDERERS = {
    "nbconvert (mistune)": markdown2html_mistune,
    "markdown-it-py": MarkdownIt("commonmark").enable("table").render,
}


#: Attributes Markdown structure may produce (nbconvert gives headings an id and a "#…" anchor link).
ATTRIBUTES = {"id", "start", "style", "align"}


def _structural(tag: str, attrs: list) -> bool:
    found = dict(attrs)
    if tag == "a":  # only nbconvert's own heading anchors
        return found.get("class") == "anchor-link" and found.get("href", "").startswith("#") and len(found) == 2
    return tag in ALLOWED and set(found) <= ATTRIBUTES


def _assert_inert(markdown: str) -> None:
    for name, render in RENDERERS.items():
        parser = _Tags()
        parser.feed(render(markdown))
        bad = [(t, a) for t, a in parser.tags if not _structural(t, a)]
        assert not bad, f"{name} made {bad} of {markdown!r}"


@pytest.mark.parametrize("payload", HOSTILE)
def test_md_block_and_md_text_are_inert(payload):
    _assert_inert(md_block(payload))
    _assert_inert(md_text(payload))
    _assert_inert(f"- {md_text(payload)}\n\n> {md_text(payload)}\n\n| a |\n|---|\n| {md_text(payload)} |\n")


def test_md_block_keeps_emphasis_and_lists():
    html = markdown2html_mistune(md_block("**要点**\n\n- 第一\n- 第二"))
    assert "<strong>要点</strong>" in html and html.count("<li>") == 2


@pytest.fixture
def hostile_store(tmp_path, report):
    with AnnotationStore(tmp_path / "h.sqlite") as s:
        for i, payload in enumerate(HOSTILE):
            s.annotate(report, "双减" if i % 2 else "立德树人", note=payload, author=payload[:30], kind="疑问")
        yield s


def test_study_notes_are_inert(hostile_store, report):
    _assert_inert(export_annotations(hostile_store, report, "markdown"))


def test_class_report_markdown_is_inert(hostile_store, report, tmp_path):
    from edu_helpers.teaching.classroom import import_folder, summarise
    from edu_helpers.teaching.report import summary_markdown

    folder = tmp_path / "class"
    folder.mkdir()
    write_export(export_annotations(hostile_store, report, "jsonld"), folder / "x.jsonld", "jsonld")
    with AnnotationStore(tmp_path / "class.sqlite") as merged:
        import_folder(merged, folder)
        text = summary_markdown(summarise(merged, report))
    assert "javascript" in text  # the payloads are there, as text
    _assert_inert(text)


def test_handout_of_a_hostile_document_is_inert():
    from edu_helpers.teaching.handout import handout_markdown
    from edu_helpers.text.load import document_from_text

    lines = ["关于开展[测试](javascript:alert(1))工作的报告", "", "一、总体情况", ""]
    lines += [f"第{i}段，{p}，这是正文的一部分，需要足够长才能成为正文段落。" for i, p in enumerate(HOSTILE[:6])]
    doc = document_from_text("\n\n".join(lines))
    _assert_inert(handout_markdown(doc))
