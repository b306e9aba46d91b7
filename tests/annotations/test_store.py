"""AnnotationStore: create, read, update, soft delete, history, DataFrame view, location, schema."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime

import pandas as pd
import pytest

import edu_helpers
from edu_helpers.annotations import AnnotationStore, StoreError, default_store_path
from edu_helpers.annotations.frame import COLUMNS
from edu_helpers.annotations.sqlite import schema
from tests.paths import REPO


def test_top_level_names():
    assert edu_helpers.AnnotationStore is AnnotationStore
    assert edu_helpers.Annotation.__name__ == "Annotation"


def test_annotate_records_target_and_metadata(store, report):
    a = store.annotate(
        report, "立德树人根本任务", note="教育的根本问题", tags=["根本", " 根本 "], kind="重点", author="张三"
    )
    assert uuid.UUID(a.id).version == 4
    assert (a.exact, a.start, a.end, a.paragraph_id) == ("立德树人根本任务", 218, 226, "p01")
    assert report.text[a.start - len(a.prefix) : a.end + len(a.suffix)] == a.prefix + a.exact + a.suffix
    assert len(a.prefix) == len(a.suffix) == 16
    assert a.document == report.id and a.document_title == report.title
    assert a.tags == ("根本",) and a.kind == "重点" and a.author == "张三" and not a.deleted
    assert a.created == a.updated and a.created.endswith("Z")
    assert datetime.fromisoformat(a.created).utcoffset().total_seconds() == 0
    assert store.get(a.id) == a
    with pytest.raises(AttributeError):
        a.note = "changed"  # frozen


@pytest.mark.parametrize(("occurrence", "start"), [(1, 218), (2, 630), (3, 1455)])
def test_annotate_nth_occurrence(store, report, occurrence, start):
    assert store.annotate(report, "立德树人根本任务", occurrence=occurrence).start == start


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"quote": "不在文中的一句话"}, "quote not found"),
        ({"quote": "立德树人根本任务", "occurrence": 4}, "occurs 3 time"),
        ({"quote": "立德树人根本任务", "occurrence": 0}, "occurs 3 time"),
        ({"quote": ""}, "empty"),
        ({"quote": "教育", "kind": "不存在的类型"}, "unknown kind"),
        ({"quote": "教育", "tags": ["a;b"]}, "invalid tag"),
    ],
)
def test_annotate_errors_are_clear(store, report, kwargs, message):
    kwargs = dict(kwargs)  # the parameter dict is shared by the runs on each backend
    quote = kwargs.pop("quote")
    with pytest.raises(ValueError, match=message):
        store.annotate(report, quote, **kwargs)
    assert len(store) == 0


@pytest.mark.parametrize(("start", "end"), [(5, 5), (-1, 3), (10, 10**6)])
def test_annotate_span_rejects_bad_spans(store, report, start, end):
    with pytest.raises(ValueError, match="invalid span"):
        store.annotate_span(report, start, end)


def test_update_delete_undelete_keep_history(store, report):
    a = store.annotate(report, "双减", note="第一版")
    b = store.update(a.id, note="第二版", tags=["减负"], kind="心得")
    assert (b.note, b.tags, b.kind, b.created) == ("第二版", ("减负",), "心得", a.created)
    assert b.updated >= a.updated
    assert store.update(a.id, note="第二版") == b  # no change, no new version
    store.delete(a.id)
    assert len(store) == 0 and store.to_frame(report).empty and store.get(a.id).deleted
    store.undelete(a.id)
    assert [x.id for x in store.annotations(report)] == [a.id]
    assert [h.note for h in store.history(a.id)] == ["第一版", "第二版", "第二版"]
    assert store.get(a.id).note == "第二版"


def test_unknown_id_is_a_clear_error(store):
    with pytest.raises(StoreError, match="no annotation with id 'nope'"):
        store.delete("nope")


def test_note_is_stored_verbatim(store, report):
    note = '<script>alert("x")</script>\n<img src=x onerror=alert(1)>\n**要点** & 更多'
    a = store.annotate(report, "双减", note=note)
    assert store.get(a.id).note == note
    assert store.to_frame(report).loc[0, "note"] == note


def test_to_frame_columns_and_order(store, report):
    store.annotate(report, "双减", kind="疑问")
    store.annotate(report, "立德树人根本任务", tags=["x", "y"])
    df = store.to_frame(report)
    assert tuple(df.columns) == COLUMNS
    assert list(df["quote"]) == ["立德树人根本任务", "双减"]  # text order, not creation order
    first = df.iloc[0]
    assert (first["paragraph_id"], first["section"], first["section_title"], first["status"]) == (
        "p01",
        0,
        report.section_records[0].title,
        "anchored",
    )
    assert first["tags"] == ("x", "y")
    assert df["start"].dtype == pd.Int64Dtype()
    everything = store.to_frame()
    assert set(everything["status"]) == {"stored"} and len(everything) == 2


def test_annotations_follow_the_document_by_title(store, report):
    store.annotate(report, "双减")
    other = edu_helpers.load_document("tests/data/second-report.txt")
    assert store.to_frame(other).empty
    revised = edu_helpers.document_from_text(report.text.replace("双减", "双减工作", 1))
    assert revised.id != report.id
    assert list(store.to_frame(revised)["status"]) == ["anchored"]


def test_default_path_and_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("EDU_ANNOTATIONS", raising=False)
    assert default_store_path() == REPO / "annotations" / "notes.sqlite"  # in a checkout
    target = tmp_path / "sub" / "mine.sqlite"
    monkeypatch.setenv("EDU_ANNOTATIONS", str(target))
    with AnnotationStore() as s:
        assert s.path == target and target.is_file()


def test_wal_schema_version_and_busy_timeout(tmp_path):  # SQLite only
    store = AnnotationStore(tmp_path / "notes.sqlite")
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == schema.SCHEMA_VERSION
    conn.close()
    assert store.backend._conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000
    store.close()


def test_migration_path_applies_new_steps_once(tmp_path, report):
    path = tmp_path / "old.sqlite"
    with AnnotationStore(path) as s:
        s.annotate(report, "双减")
    conn = sqlite3.connect(path, isolation_level=None)
    step = "ALTER TABLE annotation ADD COLUMN colour TEXT; CREATE INDEX annotation_kind ON annotation (kind)"
    assert schema.migrate(conn, path, (*schema.MIGRATIONS, step)) == schema.SCHEMA_VERSION + 1
    assert schema.migrate(conn, path, (*schema.MIGRATIONS, step)) == schema.SCHEMA_VERSION + 1  # idempotent
    assert "colour" in [r[1] for r in conn.execute("PRAGMA table_info(annotation)")]
    assert conn.execute("SELECT COUNT(*) FROM annotation").fetchone()[0] == 1
    conn.close()


def test_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    AnnotationStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (schema.SCHEMA_VERSION + 5,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer edu_helpers"):
        AnnotationStore(path)


def test_a_single_string_is_one_tag(store, report):
    a = store.annotate(report, "双减", tags="减负")
    assert a.tags == ("减负",)
    assert store.update(a.id, tags="课后服务").tags == ("课后服务",)


def test_unknown_positions_are_missing_in_the_stored_view(store):
    store.add_many([edu_helpers.Annotation("3f1c6a3e-0000-4000-8000-000000000001", "", "双减", -1, -1)])
    assert store.to_frame()["start"].isna().all()


@pytest.mark.parametrize("address", ["mysql://teacher:secret@db/class", "https://example.org/notes"])
def test_a_store_url_of_an_unknown_scheme_is_refused_without_making_folders(monkeypatch, tmp_path, address):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="unsupported store address") as err:
        AnnotationStore(address)
    assert "secret" not in str(err.value)
    monkeypatch.setenv("EDU_ANNOTATIONS", address)
    with pytest.raises(StoreError, match="unsupported store address"):
        AnnotationStore()
    assert list(tmp_path.iterdir()) == []
