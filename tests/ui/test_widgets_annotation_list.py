"""The annotation workbench without a browser: filter, edit, delete and undo, orphans, export."""

from __future__ import annotations

import base64
import json
import re

import pytest

import edu_helpers
from edu_helpers.ui.widgets import AnnotationList, Annotator
from edu_helpers.ui.widgets.annotation_list import ALL, NO_KIND

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture
def filled(report, store):
    """Four annotations in three sections, two kinds and no kind, some tags."""
    store.annotate(report, "立德树人", kind="重点", tags=["立德树人"], note="根本任务")  # 导语
    store.annotate(report, "疫情防控", kind="疑问", tags=["疫情"], note="哪些考试受了影响？")  # 回顾
    store.annotate(report, "双减", kind="疑问", tags=["基础教育", "双减"], note=XSS)  # 重点任务
    store.annotate(report, "产教融合", note="和企业一起")  # 重点任务, no kind
    return store


@pytest.fixture
def bench(report, filled, tmp_path):
    return AnnotationList(report, filled, export_dir=tmp_path / "out")


def shown_ids(bench: AnnotationList) -> list[str]:
    return re.findall(r'class="edu-annotation" data-id="([^"]+)"', bench.results.value)


def quotes(bench: AnnotationList) -> list[str]:
    return list(bench.filtered()["quote"])


def test_lists_everything_in_text_order(bench):
    assert quotes(bench) == ["立德树人", "疫情防控", "双减", "产教融合"]
    assert len(shown_ids(bench)) == 4 and "共 4 条批注，显示 4 条" in bench.results.value
    assert len(bench.selector.options) == 4


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("kind_filter", "疑问", ["疫情防控", "双减"]),
        ("kind_filter", NO_KIND, ["产教融合"]),
        ("tag_filter", "双减", ["双减"]),
        ("section_filter", "3", ["双减", "产教融合"]),
        ("section_filter", "0", ["立德树人"]),
        ("search_input", "企业", ["产教融合"]),  # in the note
        ("search_input", "疫情", ["疫情防控"]),  # in the quote
    ],
)
def test_filters(bench, field, value, expected):
    getattr(bench, field).value = value
    assert quotes(bench) == expected
    assert len(shown_ids(bench)) == len(expected)
    assert [label.split("「")[1].split("」")[0] for label, _ in bench.selector.options] == expected


def test_filters_combine_and_reset(bench):
    bench.kind_filter.value = "疑问"
    bench.section_filter.value = "3"
    assert quotes(bench) == ["双减"]
    bench.kind_filter.value = ALL
    bench.section_filter.value = ALL
    assert len(quotes(bench)) == 4
    bench.search_input.value = "没有这个词"
    assert quotes(bench) == [] and "没有可编辑的批注" in bench.selector.options[0][0]
    assert bench.delete_button.disabled


def test_edit_then_undo(bench, filled):
    bench.search_input.value = "产教融合"
    aid = bench.selector.value
    assert bench.edit_note.value == "和企业一起" and bench.edit_kind.value == ""
    bench.edit_kind.value = "心得"
    bench.edit_tags.value = "职业教育，产教融合"
    bench.edit_note.value = "学校和企业共同培养"
    bench.save_button.click()
    stored = filled.get(aid)
    assert (stored.kind, stored.tags, stored.note) == ("心得", ("职业教育", "产教融合"), "学校和企业共同培养")
    assert "已修改" in bench.status.value and "心得" in bench.results.value
    bench.undo_button.click()
    stored = filled.get(aid)
    assert (stored.kind, stored.tags, stored.note) == (None, (), "和企业一起")
    assert bench.undo_button.disabled


def test_delete_then_undo(bench, filled):
    bench.kind_filter.value = "重点"
    aid = bench.selector.value
    bench.delete_button.click()
    assert len(filled) == 3 and aid not in shown_ids(bench)
    assert "已删除" in bench.status.value and not bench.undo_button.disabled
    bench.undo_button.click()
    assert len(filled) == 4 and aid in shown_ids(bench)
    assert bench.selector.value == aid and "已撤销删除" in bench.status.value


def test_undo_goes_back_one_change_at_a_time(bench, filled):
    first = bench.selector.value
    bench.delete_button.click()
    second = bench.selector.value
    bench.delete_button.click()
    assert len(filled) == 2
    bench.undo_button.click()
    assert len(filled) == 3 and second in shown_ids(bench) and first not in shown_ids(bench)
    bench.undo_button.click()
    assert len(filled) == 4


def test_user_strings_are_escaped(bench):
    bench.tag_filter.value = "双减"
    for value in (bench.results.value, bench.orphans.value):
        assert "<script" not in value and "<img" not in value
    assert "&lt;script&gt;" in bench.results.value
    assert bench.edit_note.value == XSS  # the editor shows the text as typed


def test_orphans_are_listed_and_kept(report, filled):
    changed = edu_helpers.document_from_text(report.text.replace("产教融合", "校企合作"))
    bench = AnnotationList(changed, filled)
    assert "孤立批注 1 条" in bench.orphans.value and "产教融合" in bench.orphans.value
    assert len(bench.filtered()) == 4  # still listed, still editable
    assert "孤立" not in AnnotationList(report, filled).orphans.value


@pytest.mark.parametrize(("fmt", "suffix"), [("markdown", ".md"), ("csv", ".csv"), ("jsonld", ".jsonld")])
def test_export_writes_a_file_and_shows_its_path_and_a_link(bench, tmp_path, fmt, suffix):
    bench.export_buttons[fmt].click()
    (path,) = (tmp_path / "out").glob(f"*{suffix}")
    text = path.read_text(encoding="utf-8-sig")
    assert "疫情防控" in text and "产教融合" in text
    assert str(path) in bench.export_result.value
    link = re.search(r'href="data:[^;]+;charset=utf-8;base64,([^"]+)"', bench.export_result.value)
    assert base64.b64decode(link.group(1)) == path.read_bytes()
    if fmt == "jsonld":
        assert json.loads(text)["total"] == 4
    if fmt == "markdown":
        assert "<script>" not in text


def test_the_class_view_names_the_export_without_the_servers_folders(bench, tmp_path, monkeypatch):
    monkeypatch.setenv("EDU_CLASS_VIEW", "1")
    path = bench.export("markdown")
    assert f"<code>{path.name}</code>" in bench.export_result.value and str(tmp_path) not in bench.export_result.value
    assert 'href="data:' in bench.export_result.value  # the link still carries the file


def test_export_defaults_beside_the_store(report, filled):
    path = AnnotationList(report, filled).export("csv")
    assert path.parent == filled.path.parent / "exports"


def test_refresh_picks_up_what_an_annotator_saved(report, bench, filled):
    panel = Annotator(report, filled, section=4)
    panel.on_save(lambda _: bench.refresh())
    panel.select_sentence("p16-s01")
    panel.note_input.value = "执行力"
    panel.save()
    assert "执行力" in bench.results.value and len(bench.filtered()) == 5


def test_changes_notify_listeners(bench):
    calls = []
    bench.on_change(lambda: calls.append(1))
    bench.delete()
    bench.undo()
    assert calls == [1, 1]


def test_an_empty_store(report, store):
    bench = AnnotationList(report, store)
    assert "还没有批注" in bench.results.value and bench.selector.value == ""
    bench.save_edit()
    bench.delete()
    bench.undo()
    assert len(store) == 0


def test_css_classes_for_browser_tests(bench):
    for cls, widget in {
        "annotation-list": bench,
        "kind-filter": bench.kind_filter,
        "tag-filter": bench.tag_filter,
        "section-filter": bench.section_filter,
        "annotation-results": bench.results,
        "annotation-select": bench.selector,
        "edit-note": bench.edit_note,
        "edit-save": bench.save_button,
        "annotation-delete": bench.delete_button,
        "annotation-undo": bench.undo_button,
        "export-markdown": bench.export_buttons["markdown"],
        "export-result": bench.export_result,
    }.items():
        assert cls in widget._dom_classes
