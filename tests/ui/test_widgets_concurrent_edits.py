"""Two workbenches (two kernels) on one store: a stale save is refused, reload or keep both; unknown kinds."""

from __future__ import annotations

import pytest

from edu_helpers.annotations import Annotation, AnnotationStore, StaleEditError, StoreError
from edu_helpers.ui.widgets import AnnotationList


@pytest.fixture
def two_kernels(tmp_path, report):
    """Two stores opened on one file, as two notebook kernels would, and a workbench on each."""
    path = tmp_path / "shared.sqlite"
    first, second = AnnotationStore(path), AnnotationStore(path)
    note = first.annotate(report, "双减", note="最初的笔记", tags=["减负"], kind="重点")
    benches = AnnotationList(report, first, export_dir=tmp_path / "o1"), AnnotationList(report, second)
    yield note, benches, (first, second)
    first.close()
    second.close()


def test_a_stale_save_from_another_kernel_is_refused_and_loses_nothing(two_kernels):
    note, (bench1, bench2), (first, _) = two_kernels
    assert bench1.selector.value == bench2.selector.value == note.id
    bench2.edit_note.value = "第二个内核写的新笔记"
    bench2.save_edit()
    # kernel 1's form still shows the old note; only the tags are changed there
    assert bench1.edit_note.value == "最初的笔记"
    bench1.edit_tags.value = "减负, 课后服务"
    bench1.save_edit()
    assert first.get(note.id).note == "第二个内核写的新笔记"  # not overwritten
    assert "已在别处被修改" in bench1.status.value and "第二个内核写的新笔记" in bench1.status.value
    assert bench1.reload_button.layout.display is None and bench1.keep_both_button.layout.display is None
    assert bench1.edit_tags.value == "减负, 课后服务"  # the form keeps what was typed


def test_keep_both_saves_the_form_as_a_new_annotation(two_kernels, report):
    note, (bench1, bench2), (first, _) = two_kernels
    bench2.edit_note.value = "乙的版本"
    bench2.save_edit()
    bench1.edit_note.value = "甲的版本"
    bench1.save_edit()
    bench1.keep_both()
    notes = sorted(a.note for a in first.annotations(report))
    assert notes == ["乙的版本", "甲的版本"]
    copy = next(a for a in first.annotations(report) if a.note == "甲的版本")
    assert (copy.exact, copy.start, copy.end) == (note.exact, note.start, note.end) and copy.id != note.id
    bench1.undo()  # the copy can be taken back
    assert [a.note for a in first.annotations(report)] == ["乙的版本"]


def test_reload_shows_the_other_kernels_version(two_kernels):
    note, (bench1, bench2), _ = two_kernels
    bench2.edit_note.value = "乙的版本"
    bench2.save_edit()
    bench1.edit_note.value = "甲的版本"
    bench1.save_edit()
    bench1.reload()
    assert bench1.edit_note.value == "乙的版本" and bench1.reload_button.layout.display == "none"
    bench1.edit_note.value = "甲在读过乙的版本之后写的"
    bench1.save_edit()
    assert bench1.store.get(note.id).note == "甲在读过乙的版本之后写的"


def test_a_stale_delete_is_refused(two_kernels):
    note, (bench1, bench2), (first, _) = two_kernels
    bench2.edit_note.value = "刚改过"
    bench2.save_edit()
    bench1.delete()
    assert not first.get(note.id).deleted and "已在别处被修改" in bench1.status.value


def test_the_api_refuses_a_stale_update(two_kernels):
    note, _, (first, second) = two_kernels
    changed = second.update(note.id, note="新", expected=note.updated)
    with pytest.raises(StaleEditError) as info:
        first.update(note.id, tags=["别的"], expected=note.updated)
    assert isinstance(info.value, StoreError) and info.value.current == changed
    assert first.get(note.id).note == "新" and first.get(note.id).tags == ("减负",)
    assert first.update(note.id, tags=["别的"], expected=changed.updated).tags == ("别的",)


def test_two_quick_changes_get_distinct_versions(store, report):
    note = store.annotate(report, "双减")
    versions = [note.updated]
    for i in range(20):
        versions.append(store.update(note.id, note=str(i), expected=versions[-1]).updated)
    assert len(set(versions)) == 21 and versions == sorted(versions)


def _imported_with_unknown_kind(store: AnnotationStore, report) -> Annotation:
    placed = store.annotate(report, "双减")
    foreign = Annotation(
        "6b0d2c2e-1111-4000-8000-000000000017", placed.document, placed.exact, placed.start, placed.end,
        document_title=report.title, created=placed.created, updated=placed.updated, kind="同学的类型", note="原来的",
    )  # fmt: skip
    store.add_many([foreign])
    return foreign


def test_editing_an_unknown_kind_keeps_it_and_undo_works(store, report, tmp_path):
    foreign = _imported_with_unknown_kind(store, report)
    bench = AnnotationList(report, store, export_dir=tmp_path / "out")
    bench.selector.value = foreign.id
    assert bench.edit_kind.value == "同学的类型"
    assert ("同学的类型（未知类型）", "同学的类型") in bench.edit_kind.options
    bench.edit_note.value = "改了批注"
    bench.save_edit()
    assert store.get(foreign.id).kind == "同学的类型" and store.get(foreign.id).note == "改了批注"
    bench.selector.value = foreign.id
    bench.edit_kind.value = "重点"
    bench.save_edit()
    assert store.get(foreign.id).kind == "重点"
    bench.undo()
    assert store.get(foreign.id).kind == "同学的类型"
    bench.undo()
    assert store.get(foreign.id).note == "原来的" and store.get(foreign.id).kind == "同学的类型"
    assert "未保存" not in bench.status.value


def test_the_api_keeps_an_unknown_kind_but_refuses_a_new_one(store, report):
    foreign = _imported_with_unknown_kind(store, report)
    assert store.update(foreign.id, kind="同学的类型", note="x").kind == "同学的类型"
    with pytest.raises(ValueError, match="unknown kind"):
        store.update(foreign.id, kind="另一个没有的类型")
