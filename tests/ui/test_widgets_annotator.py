"""The annotator, driven without a browser: set the selection as the JS would, click, read what is shown and stored."""

from __future__ import annotations

import html
import re

import pytest

from edu_helpers.annotations import AnnotationStore, kinds
from edu_helpers.ui.widgets import AnnotatedText, Annotator
from edu_helpers.ui.widgets.annotator import parse_tags, scope_paragraphs
from edu_helpers.ui.widgets.spans import Mark, annotated_html, snap

RUN = re.compile(r'<span class="([^"]*annotator-run[^"]*)" data-start="(\d+)" data-end="(\d+)"[^>]*>([^<]*)</span>')
XSS_NOTE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def panel(report, store):
    return Annotator(report, store, section=2)


def runs(widget: Annotator) -> list[tuple[str, int, int, str]]:
    return [(c, int(s), int(e), html.unescape(t)) for c, s, e, t in RUN.findall(widget.text.html)]


def offset(doc, quote: str) -> int:
    """Where ``quote`` first occurs in section 2 (the headline repeats some phrases, and has no tokens)."""
    return doc.text.index(quote, doc.section_records[2].start)


def test_runs_carry_the_offsets_of_their_text(report, panel):
    shown = runs(panel)
    assert shown, "no runs rendered"
    for _, start, end, text in shown:
        assert report.text[start:end] == text
    covered = "".join(t for *_, t in shown)
    section = report.section_records[2]
    assert covered == "".join(report.paragraph(pid).text for pid in section.paragraph_ids)


def test_scope_is_one_section_or_several_or_all(report):
    assert scope_paragraphs(report, 2) == list(report.section_records[2].paragraph_ids)
    assert scope_paragraphs(report, [4, 5]) == ["p16", "p17"]
    assert len(scope_paragraphs(report)) == len(report.paragraph_records)


@pytest.mark.parametrize(
    ("quote", "inner", "expected"),
    [
        ("高质量教育体系", (1, 5), "高质量教育体系"),  # drag inside a word → the whole word
        ("教育强国的内在要求", (1, 3), "教育强国"),
        ("一要深刻认识", (0, 6), "一要深刻认识"),  # already on boundaries: unchanged
    ],
)
def test_a_selection_snaps_to_whole_words(report, panel, quote, inner, expected):
    base = offset(report, quote)
    panel.text.selection = (base + inner[0], base + inner[1])  # what annotator.js sends on mouse-up
    start, end = panel.span
    assert report.text[start:end] == expected
    assert "annotator-pending" in panel.text.html
    assert html.escape(expected) in panel.preview.value


def test_backwards_selection_and_surrounding_whitespace(report):
    i = report.text.index("\n一要")  # the newline between two paragraphs
    assert snap(report, i + 3, i - 2)[0] < i < snap(report, i + 3, i - 2)[1]
    assert snap(report, i, i + 1) == (0, 0)  # only white space: nothing
    assert report.text[slice(*snap(report, i, i + 3))] == "一要"


def test_save_writes_to_the_store_and_highlights(report, store, panel):
    base = offset(report, "强国建设、教育何为")
    panel.text.selection = (base, base + 9)
    panel.kind_select.value = "疑问"
    panel.tags_input.value = "教育强国，时代课题"
    panel.note_input.value = "怎样回答这一时代课题？"
    panel.save_button.click()

    (ann,) = store.annotations(report)
    assert (ann.exact, ann.kind, ann.tags, ann.note) == (
        "强国建设、教育何为",
        "疑问",
        ("教育强国", "时代课题"),
        "怎样回答这一时代课题？",
    )
    assert "已保存" in panel.status.value
    assert panel.span == (0, 0) and panel.note_input.value == "" and panel.tags_input.value == ""
    marked = [r for r in runs(panel) if "annotator-mark" in r[0]]
    assert [(s, e) for _, s, e, _ in marked] == [(base, base + 9)]
    assert f'data-ids="{ann.id}"' in panel.text.html
    assert kinds()["疑问"].color in panel.text.html


def test_highlights_are_back_after_a_restart(report, store, tmp_path):
    first = Annotator(report, store, section=3)
    first.select_sentence("p12-s01")
    saved = first.save()
    with AnnotationStore(tmp_path / "notes.sqlite") as reopened:  # a new kernel: a new store object, same file
        again = Annotator(report, reopened, section=3)
        assert f'data-ids="{saved.id}"' in again.text.html
        assert "这里已有 1 条批注" in again.info.value
    elsewhere = Annotator(report, store, section=1)
    assert "annotator-mark" not in elsewhere.text.html


def test_keyboard_only_choose_a_sentence_then_save(report, store, panel):
    options = dict((v, k) for k, v in panel.sentence_select.options)
    assert "p05-s01" in options
    panel.sentence_select.value = "p05-s01"
    sentence = next(s for s in report.sentence_records if s.id == "p05-s01")
    assert panel.span == (sentence.start, sentence.end)
    panel.note_input.value = "科技革命与产业变革"
    assert panel.save().exact == sentence.text
    assert panel.sentence_select.value == ""


def test_mouse_and_sentence_take_turns(report, panel):
    base = offset(report, "时代课题")
    panel.text.selection = (base, base + 4)
    panel.select_sentence("p05-s01")
    assert panel.span != (base, base + 4) and panel.text.selection == (0, 0)
    panel.text.selection = (base, base + 4)  # the same drag as before counts again
    assert panel.span == (base, base + 4) and panel.sentence_select.value == ""


def test_saving_without_a_selection_warns_and_stores_nothing(store, panel):
    panel.note_input.value = "无处可挂"
    panel.save_button.click()
    assert len(store) == 0
    assert "请先选择文字" in panel.status.value
    assert panel.note_input.value == "无处可挂"  # the note is not lost


def test_an_invalid_tag_is_reported_and_nothing_is_saved(report, store, panel):
    panel.select_sentence("p04-s01")
    panel.tags_input.value = "长" * 41
    panel.save_button.click()
    assert len(store) == 0
    assert "未保存" in panel.status.value and "edu-msg-error" in panel.status.value


def test_clear_selection(report, panel):
    panel.select_sentence("p04-s01")
    panel.clear_button.click()
    assert panel.span == (0, 0) and "annotator-pending" not in panel.text.html


def test_user_strings_are_escaped_everywhere(report, store, panel):
    panel.select_sentence("p06-s01")
    panel.kind_select.value = ""
    panel.tags_input.value = "<b>粗</b>"
    panel.note_input.value = XSS_NOTE
    ann = panel.save()
    panel.text.clicked = f"{ann.id}|1"  # what a click on the highlight sends
    for value in (panel.text.html, panel.detail.value, panel.status.value, panel.info.value):
        assert "<script" not in value and "<img" not in value and "<b>粗" not in value
    assert "&lt;script&gt;" in panel.detail.value and "&lt;img" in panel.text.html  # shown as text (tooltip)
    assert ann.note == XSS_NOTE  # stored verbatim


def test_overlapping_annotations_are_drawn_on_top_of_each_other(report):
    i = offset(report, "加快建设高质量教育体系")
    marks = [Mark("a", i, i + 11, "重点", "x"), Mark("b", i + 4, i + 11, "心得", "y")]
    body = annotated_html(report, ["p06"], marks)
    assert 'data-ids="a b"' in body and "annotator-overlap" in body


def test_front_end_is_shipped_in_the_package_and_loads_nothing():
    esm, css = str(AnnotatedText._esm), str(AnnotatedText._css)
    assert "export default" in esm and "rangeToOffsets" in esm and "data-start" not in css
    assert not re.search(r"(import\s[^;]*from\s*['\"]https?:|https?://)", esm + css)
    traits = AnnotatedText().trait_names(sync=True)
    assert {"html", "selection", "clicked"} <= set(traits)


def test_css_classes_for_browser_tests(panel):
    classes = {
        "annotator": panel,
        "annotator-text": panel.text,
        "sentence-select": panel.sentence_select,
        "kind-select": panel.kind_select,
        "tags-input": panel.tags_input,
        "note-input": panel.note_input,
        "note-save": panel.save_button,
        "annotator-status": panel.status,
    }
    for cls, widget in classes.items():
        assert cls in widget._dom_classes


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("双减, 教育强国", ["双减", "教育强国"]),
        ("职业教育、产教融合；科教融汇", ["职业教育", "产教融合", "科教融汇"]),
        ("  ", []),
    ],
)
def test_parse_tags(typed, tags):
    assert parse_tags(typed) == tags


# --- keyboard, pop-up, nested highlights, tag suggestions -------------------------------------------------
def test_keyboard_annotation_arrows_choose_a_sentence_digits_a_kind_enter_saves(report, store):
    panel = Annotator(report, store, section=2)
    sentences = list(panel._sentences)
    panel.press("ArrowDown")
    assert panel.sentence_select.value == sentences[0] and panel.span == panel._sentences[sentences[0]]
    panel.press("ArrowDown")
    panel.press("ArrowDown")
    panel.press("ArrowUp")
    assert panel.sentence_select.value == sentences[1]
    panel.press("2")
    assert panel.kind_select.value == list(kinds())[1]
    panel.press("9")  # no ninth kind: nothing happens
    assert panel.kind_select.value == list(kinds())[1]
    panel.press("Enter")
    (saved,) = store.annotations()
    start, end = panel._sentences[sentences[1]]
    assert (saved.start, saved.end, saved.kind) == (start, end, list(kinds())[1])
    assert panel.span == (0, 0) and "已保存" in panel.status.value
    for _ in range(len(sentences) + 3):  # the last sentence is as far as it goes
        panel.press("ArrowRight")
    assert panel.sentence_select.value == sentences[-1]
    panel.press("Escape")
    assert panel.span == (0, 0)


def test_the_text_view_sends_keys_as_messages(report, store):
    panel = Annotator(report, store, section=2)
    panel.text._handle_custom_msg({"key": "ArrowDown"}, [])
    assert panel.sentence_select.value == next(iter(panel._sentences))


def test_nested_highlights_each_show_and_a_click_lists_every_note_covering_it(report, store):
    base = offset(report, "教育强国的内在要求")
    outer = store.annotate_span(report, base, base + 9, note="外层", kind=next(iter(kinds())))
    inner = store.annotate_span(report, base + 2, base + 4, note="内层", kind=list(kinds())[1])
    panel = Annotator(report, store, section=2)
    shown = RUN.findall(panel.text.html)
    ids = re.findall(r'data-ids="([^"]*)"', panel.text.html)
    assert outer.id in ids and f"{outer.id} {inner.id}" in ids  # the outer one alone, then both
    nested = re.search(rf'data-ids="{outer.id} {inner.id}"[^>]*style="([^"]*)"', panel.text.html).group(1)
    colours = re.findall(r"#[0-9A-Fa-f]{6}", nested)
    assert len(set(c.upper() for c in colours)) == 2, nested  # two kinds: two colours
    assert shown
    panel.text.clicked = f"{outer.id} {inner.id}|1"
    assert "外层" in panel.text.popup and "内层" in panel.text.popup
    assert f'data-id="{outer.id}"' in panel.text.popup and f'data-id="{inner.id}"' in panel.text.popup
    panel.text.clicked = f"{outer.id}|2"
    assert "外层" in panel.text.popup and "内层" not in panel.text.popup


def test_tag_suggestions_are_my_tags_then_topic_names(report, store):
    from edu_helpers.analysis.topics import load_taxonomy

    base = offset(report, "教育强国")
    store.annotate_span(report, base, base + 4, tags=["我的标签", "课堂"])
    store.annotate_span(report, base, base + 2, tags=["我的标签"])
    panel = Annotator(report, store, section=2)
    offered = [b.description for b in panel.suggestions.children]
    topics = load_taxonomy().names
    assert offered[:2] == ["我的标签", "课堂"] and offered[2] == topics[0]
    assert all("tag-suggestion" in b._dom_classes for b in panel.suggestions.children)
    partial = topics[0][0]
    panel.tags_input.value = f"课堂，{partial}"
    offered = [b.description for b in panel.suggestions.children]
    assert offered and all(partial in t for t in offered) and "课堂" not in offered
    target = next(b for b in panel.suggestions.children if b.description == topics[0])
    target.click()
    assert parse_tags(panel.tags_input.value) == ["课堂", topics[0]]
    assert topics[0] not in [b.description for b in panel.suggestions.children]
