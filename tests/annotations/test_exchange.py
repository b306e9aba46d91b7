"""Export (学习笔记 Markdown, CSV, JSON-LD) and import (ours, Hypothesis, CSV): round trips, idempotence,
conflicts, all-or-nothing."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

import edu_helpers
from edu_helpers.annotations import (
    AnnotationStore,
    ImportFileError,
    export_annotations,
    import_files,
    read_import_file,
    write_export,
)
from edu_helpers.annotations.tables import CSV_COLUMNS
from tests.paths import DATA

XSS = '<script>alert("x")</script> <img src=x onerror=alert(1)>'


@pytest.fixture
def filled(store, report):
    store.annotate(
        report, "立德树人根本任务", note="**根本**任务\n第二行", tags=["根本", "任务"], kind="重点", author="张三"
    )
    store.annotate(report, "双减", note=XSS, kind="疑问", author="李四")
    store.annotate(report, "高质量教育体系")  # in the headline: no paragraph, no note
    gone = store.annotate(report, "职普融通", note="已删除")
    store.delete(gone.id)
    return store


def same(a, b) -> bool:
    return sorted(a, key=lambda x: x.id) == sorted(b, key=lambda x: x.id)


@pytest.mark.parametrize("fmt", ["jsonld", "csv"])
def test_round_trip_into_an_empty_store(filled, report, tmp_path, fmt):
    path = write_export(export_annotations(filled, report, fmt), tmp_path / f"notes.{fmt}", fmt)
    with AnnotationStore(tmp_path / "empty.sqlite") as fresh:
        (result,) = import_files(fresh, [path])
        assert (result.summary.added, result.skipped) == (3, 0)
        assert same(fresh.annotations(), filled.annotations())
        assert fresh.to_frame(report).drop(columns="id").equals(filled.to_frame(report).drop(columns="id"))


def test_jsonld_is_a_w3c_annotation_collection(filled, report):
    data = json.loads(export_annotations(filled, report, "jsonld"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 3
    assert "http://www.w3.org/ns/anno.jsonld" in data["@context"]
    items = data["first"]["items"]
    first = next(i for i in items if i["target"]["selector"][0]["exact"] == "立德树人根本任务")
    assert first["type"] == "Annotation" and first["id"].startswith("urn:uuid:")
    assert first["creator"] == {"type": "Person", "name": "张三"}
    assert first["motivation"] == "commenting" and {"created", "modified"} <= set(first)
    selectors = {s["type"]: s for s in first["target"]["selector"]}
    assert selectors["TextPositionSelector"] == {"type": "TextPositionSelector", "start": 218, "end": 226}
    quote = selectors["TextQuoteSelector"]
    assert quote["prefix"] + quote["exact"] + quote["suffix"] in report.text
    purposes = [(b.get("purpose"), b["value"]) for b in first["body"]]
    assert purposes == [
        ("commenting", "**根本**任务\n第二行"),
        ("tagging", "根本"),
        ("tagging", "任务"),
        ("classifying", "重点"),
    ]


def test_reimport_is_idempotent_and_two_authors_are_two(filled, report, tmp_path):
    path = write_export(export_annotations(filled, report, "jsonld"), tmp_path / "a.jsonld", "jsonld")
    with AnnotationStore(tmp_path / "class.sqlite") as teacher:
        import_files(teacher, [path])
        again = import_files(teacher, [path, path])
        assert [(r.summary.added, r.summary.unchanged) for r in again] == [(0, 3), (0, 3)]
        assert len(teacher) == 3
        other = teacher.annotate(report, "双减", author="王五")  # same quote, another author
        assert (
            len(teacher.to_frame(report).query("quote == '双减'")) == 2 and other.id in teacher.to_frame()["id"].values
        )


def test_newer_import_wins_and_the_local_note_stays_in_history(store, report, tmp_path):
    a = store.annotate(report, "双减", note="我的笔记")
    data = json.loads(export_annotations(store, report, "jsonld"))
    item = data["first"]["items"][0]
    item["body"][0]["value"] = "别人改过的笔记"
    item["modified"] = "2999-01-01T00:00:00.000Z"
    newer = tmp_path / "newer.jsonld"
    newer.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    item["modified"], item["body"][0]["value"] = "2000-01-01T00:00:00.000Z", "更旧的笔记"
    older = tmp_path / "older.jsonld"
    older.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    assert import_files(store, [newer])[0].summary.updated == 1
    assert store.get(a.id).note == "别人改过的笔记"
    assert [h.note for h in store.history(a.id)] == ["我的笔记"]
    assert import_files(store, [older])[0].summary.unchanged == 1
    assert store.get(a.id).note == "别人改过的笔记"


def test_hypothesis_api_rows(store, report):
    (result,) = import_files(store, [DATA / "annotations_hypothesis_api.json"])
    assert (result.summary.added, result.skipped) == (2, 1)  # the page note has no quote
    df = store.to_frame(report).set_index("quote")
    assert df.loc["双减", "author"] == "li_lei" and df.loc["双减", "tags"] == ("双减", "基础教育")
    assert df.loc["双减", "note"] == "“双减”写进了基础教育的部署。" and df.loc["双减", "status"] == "anchored"
    assert df.loc["立德树人根本任务", "created"] == "2023-02-02T02:00:00.000Z"  # +08:00 → UTC
    assert df.loc["立德树人根本任务", "status"] == "moved"  # no position: placed by quote and context
    assert df.loc["立德树人根本任务", "start"] == 218
    assert import_files(store, [DATA / "annotations_hypothesis_api.json"])[0].summary.unchanged == 2


def test_hypothesis_jsonld(store, report):
    (ann,), skipped = read_import_file(DATA / "annotations_hypothesis.jsonld")
    assert (ann.author, ann.note, ann.tags, ann.kind, skipped) == (
        "wang_fang",
        "职普融通是关键。",
        ("职业教育",),
        None,
        0,
    )
    assert ann.id == read_import_file(DATA / "annotations_hypothesis.jsonld")[0][0].id  # stable uuid5
    store.add_many([ann])
    placed = store.anchored(report)[0]
    assert placed.status == "moved" and report.text[placed.start : placed.end] == "职普融通"


def _bad(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _collection(*items: dict) -> str:
    return json.dumps({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": list(items)}})


def _item(exact: str = "双减", **extra) -> dict:
    selector = [
        {"type": "TextQuoteSelector", "exact": exact},
        {"type": "TextPositionSelector", "start": 1601, "end": 1603},
    ]
    return {"type": "Annotation", "target": {"source": "x", "selector": selector}, **extra}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.jsonld", _collection(_item(), _item(""), _item()), "record 2: no quote"),
        ("b.jsonld", _collection(_item(), _item(created="yesterday")), "record 2: created is not an ISO 8601 time"),
        ("c.jsonld", _collection(_item(), _item(), {"type": "Annotation"}), "record 3: not an annotation"),
        ("d.jsonld", _collection(_item(), "just text"), "record 2: expected an annotation object"),
        ("e.json", '{"type": "AnnotationCollection", "first": ', "invalid JSON \\(line 1"),
        ("f.csv", "quote,start,end\n双减,1601,1603\n教育,five,7\n", "record 2: start must be a whole number"),
        ("g.csv", "quote,tags\n双减,ok\n教育,a\n,b;c\n", "record 3: no quote"),
        ("h.csv", "quote,start,end\n双减,9,3\n", "record 1: end \\(3\\) must be greater than start \\(9\\)"),
        ("i.csv", "note,author\n笔记,张三\n", "needs a header row with a 'quote' column"),
    ],
)
def test_invalid_file_names_the_record_and_imports_nothing(store, tmp_path, name, text, message):
    good = _bad(tmp_path, "good.jsonld", _collection(_item()))
    bad = _bad(tmp_path, name, text)
    with pytest.raises(ImportFileError, match=message) as info:
        import_files(store, [good, bad])
    assert str(bad) in str(info.value)
    assert len(store) == 0 and store.annotations(include_deleted=True) == []


def test_neither_utf8_nor_gbk_is_refused(store, tmp_path):
    """GBK is read (Excel's CSV on a Chinese Windows: tests/cli/test_windows_files.py); other bytes are refused."""
    path = tmp_path / "latin.csv"
    path.write_bytes(b"quote\n\x80\xff\n")
    with pytest.raises(ImportFileError, match="not UTF-8 or GB18030/GBK"):
        import_files(store, [path])


def test_hand_made_csv_gets_stable_ids(store, report, tmp_path):
    path = _bad(tmp_path, "hand.csv", "quote,note,tags,author\n双减,要读原文,减负; 课后服务,赵六\n")
    import_files(store, [path])
    import_files(store, [path])
    (a,) = store.annotations()
    assert (a.note, a.tags, a.author, a.start) == ("要读原文", ("减负", "课后服务"), "赵六", -1)
    assert store.to_frame(report).loc[0, "status"] == "moved"
    for moment in (1, 4_000_000_000):  # the file's time is the records' time: it is not their identity
        os.utime(path, (moment, moment))
        assert import_files(store, [path])[0].summary.unchanged == 1
    assert len(store.history(a.id)) == 0


def test_csv_columns_and_bom(filled, report, tmp_path):
    path = write_export(export_annotations(filled, report, "csv"), tmp_path / "n.csv", "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 3
    assert {r["note"] for r in rows} >= {XSS, "**根本**任务\n第二行"}


def test_study_notes_markdown(filled, report):
    md = export_annotations(filled, report, "markdown", generated="2024-05-01T00:00:00.000Z")
    assert md.startswith("# 学习笔记：2023年全国教育工作会议\n")
    assert "- 报告日期：2023-01-12" in md and "- 批注：3 条" in md
    order = [md.index(h) for h in ("## 标题", f"## {report.section_records[0].title}", "> 双减")]
    assert order == sorted(order)
    assert "**重点** · 标签：根本、任务 · 作者：张三 · 段落 p01" in md
    assert "**根本**任务\n第二行" in md  # the note keeps its Markdown
    assert "<script" not in md and "<img" not in md and "&lt;script&gt;" in md
    assert "已删除" not in md  # deleted notes are not exported


def test_study_notes_list_orphans_last(store, report):
    store.annotate(report, "纵深推进教育数字化战略行动", note="孤儿")
    store.annotate(report, "双减")
    doc = edu_helpers.document_from_text(report.text.replace("纵深推进教育数字化战略行动", "另写一句完全不同的话"))
    md = export_annotations(store, doc, "markdown")
    assert md.index("> 双减") < md.index("## 未能定位的批注") < md.index("孤儿")


def test_unknown_format(store, report):
    with pytest.raises(ValueError, match="unknown export format"):
        export_annotations(store, report, "docx")


def test_csv_exports_carry_threads_and_read_them_back_once(tmp_path, report):
    with AnnotationStore(tmp_path / "a.sqlite") as store:
        first = store.annotate(report, "双减", note="为什么要减？")
        second = store.annotate(report, "立德树人根本任务", note="根本")
        store.reply(first.id, "看第二部分，\n有解释", author="王老师")
        store.reply(first.id, "=HYPERLINK(1)", author="李四")  # a formula-like reply stays text
        text = export_annotations(store, report, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["type"], r["target"]) for r in rows if r["id"] in (first.id, second.id)] == [("annotation", "")] * 2
    thread = [r for r in rows if r["type"] == "reply"]
    assert [(r["target"], r["note"], r["author"], r["quote"]) for r in thread] == [
        (first.id, "看第二部分，\n有解释", "王老师", ""), (first.id, "'=HYPERLINK(1)", "李四", "")
    ]  # fmt: skip
    first_row = next(i for i, r in enumerate(rows) if r["id"] == first.id)
    assert [r["type"] for r in rows[first_row + 1 : first_row + 3]] == ["reply", "reply"]  # under its annotation
    path = tmp_path / "notes.csv"
    path.write_text(text, encoding="utf-8")
    with AnnotationStore(tmp_path / "b.sqlite") as other:
        (result,) = import_files(other, [path])
        assert (result.summary.added, result.skipped, result.replies) == (2, 2, 2)
        assert [(r.body, r.author) for r in other.replies(first.id)] == [("看第二部分，\n有解释", "王老师"),
                                                                           ("=HYPERLINK(1)", "李四")]  # fmt: skip
        (again,) = import_files(other, [path])
        assert (again.summary.added, again.summary.unchanged, again.replies) == (0, 2, 0)
        assert len(other.replies()) == 2 and len(other) == 2


def test_a_hand_made_csv_without_thread_columns_still_imports(tmp_path, report):
    path = tmp_path / "hand.csv"
    path.write_text("quote,note\n双减,手写\n", encoding="utf-8")
    with AnnotationStore(tmp_path / "c.sqlite") as store:
        (result,) = import_files(store, [path])
        assert (result.summary.added, result.replies) == (1, 0) and store.replies() == []
