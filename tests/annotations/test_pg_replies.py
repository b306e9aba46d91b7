"""Replies: who may answer, who reads the thread; exports carry threads; class import/export."""

from __future__ import annotations

import json

import psycopg
import pytest
from psycopg import errors

from edu_helpers.annotations import AnnotationStore
from edu_helpers.annotations.class_io import export_class, import_class_files
from edu_helpers.annotations.exchange import export_annotations, import_files, read_import_file, write_export
from edu_helpers.annotations.model import Reply, StoreError, utc_now
from edu_helpers.annotations.postgres.rows import NotAllowed
from edu_helpers.annotations.sqlite.backend import SQLiteBackend
from edu_helpers.annotations.threads import reply_jsonld
from tests.conftest import annotate_as


@pytest.fixture
def thread(classdb, report):
    """张三's class-visible question, teacher-only note, and the teacher's answer to the question."""
    zhang = AnnotationStore(classdb.backend("zhang"))
    q = annotate_as(zhang, report, "双减", kind="疑问", note="为什么？", visibility="class")
    t = zhang.annotate(report, "立德树人根本任务", note="给老师看")
    teacher = AnnotationStore(classdb.backend("wang"))
    answer = teacher.reply(q.id, "因为要减轻学生负担。")
    return {"zhang": zhang, "teacher": teacher, "question": q, "teacher_note": t, "answer": answer}


def test_teacher_answers_and_readers_of_the_note_see_it(classdb, thread):
    q = thread["question"]
    assert [r.body for r in thread["zhang"].replies(q.id)] == ["因为要减轻学生负担。"]
    assert thread["zhang"].replies(q.id)[0].author == "王老师"
    with AnnotationStore(classdb.backend("li")) as li:
        assert [r.id for r in li.replies()] == [thread["answer"].id]  # class note: the class reads its thread
    thread["zhang"].reply(thread["teacher_note"].id, "补充一句")  # the author may answer in her own thread
    with AnnotationStore(classdb.backend("li")) as li:
        assert len(li.replies()) == 1  # not the reply on a teacher-only note


def test_classmates_answer_only_where_the_teacher_allows(classdb, thread):
    q, t = thread["question"], thread["teacher_note"]
    with AnnotationStore(classdb.backend("li")) as li:
        with pytest.raises(NotAllowed):
            li.reply(q.id, "我也想知道")
        with classdb.raw("wang") as teacher:
            assert teacher.execute("UPDATE edu.class SET allow_class_replies = true").rowcount == 1
        assert li.reply(q.id, "我也想知道").author == "李四"
        with pytest.raises(StoreError):  # a note she cannot read: not even there for her
            li.reply(t.id, "偷看")
    with classdb.raw("li") as raw:
        assert raw.execute("UPDATE edu.class SET allow_class_replies = false").rowcount == 0  # only a teacher may
        assert raw.execute("SELECT allow_class_replies FROM edu.class").fetchone()[0] is True
        with pytest.raises(errors.InsufficientPrivilege):
            raw.execute("UPDATE edu.class SET id = 'mine'")
        assert raw.execute("UPDATE edu.reply SET body = '改掉老师的话' WHERE owner <> current_user").rowcount == 0
        assert raw.execute("SELECT count(*) FROM edu.reply WHERE owner <> current_user").fetchone()[0] == 1


def test_replying_twice_with_the_same_id_stores_it_once(classdb, thread):
    teacher = thread["teacher"]
    assert teacher.backend.add_replies([thread["answer"]]) == 0
    assert len(teacher.replies()) == 1


def test_exports_carry_threads(classdb, thread, report, tmp_path):
    data = json.loads(export_class(thread["teacher"], report))
    items = data["first"]["items"]
    reply = next(i for i in items if i["motivation"] == "replying")
    assert reply["target"] == f"urn:uuid:{thread['question'].id}"
    assert reply["body"]["value"] == "因为要减轻学生负担。" and reply["creator"]["name"] == "王老师"
    assert data["total"] == len(items) == 3
    md = export_class(thread["teacher"], report, "markdown")
    assert "为什么？" in md and "> **回复** · 王老师" in md and "因为要减轻学生负担。" in md
    assert "- 回复：1 条" in md
    one = json.loads(export_class(thread["teacher"], report, author="张三"))
    assert one["total"] == 3
    # the package's importer reads the export back, leaving the replies aside (no quote)
    path = write_export(json.dumps(data, ensure_ascii=False), tmp_path / "class.jsonld", "jsonld")
    annotations, skipped = read_import_file(path)
    assert len(annotations) == 2 and skipped == 1


def test_import_a_class_s_files_then_export_one_student(classdb, report, tmp_path):
    files = []
    for user, quote in (("zhang", "双减"), ("li", "立德树人根本任务")):
        with AnnotationStore(SQLiteBackend(tmp_path / f"{user}.sqlite")) as own:
            own.annotate(report, quote, note=f"{user} 在家写的", author="随便写的名字")
            path = tmp_path / f"{user}.jsonld"
            path.write_text(export_annotations(own, report, "jsonld"), encoding="utf-8")
            files.append(path)
    done = import_class_files(classdb.admin_url, classdb.class_id, files)
    assert [(f.user, f.summary.added) for f in done] == [("zhang", 1), ("li", 1)]
    again = import_class_files(classdb.admin_url, classdb.class_id, files)
    assert [f.summary.unchanged for f in again] == [1, 1]  # idempotent by id
    with AnnotationStore(classdb.backend("wang")) as teacher:
        notes = teacher.annotations()
        assert sorted(a.author for a in notes) == ["张三", "李四"]  # roster names, not what the file said
    with classdb.raw("li") as li:  # imported rows belong to the students' roles: RLS applies
        assert li.execute("SELECT author FROM edu.annotation").fetchall() == [("李四",)]
    one = json.loads(export_class(AnnotationStore(classdb.backend("wang")), report, author="李四"))
    assert [i["creator"]["name"] for i in one["first"]["items"]] == ["李四"]
    with pytest.raises(Exception, match="not on the roster"):
        stranger = tmp_path / "stranger.jsonld"
        stranger.write_text(files[0].read_text(encoding="utf-8"), encoding="utf-8")
        import_class_files(classdb.admin_url, classdb.class_id, [stranger])


def test_replies_on_sqlite_are_kept_exported_and_read_back(tmp_path, report):
    with AnnotationStore(SQLiteBackend(tmp_path / "n.sqlite")) as own:
        a = own.annotate(report, "双减", kind="疑问", note="什么意思？")
        r = own.reply(a.id, "见**第三段**<b>", author="王老师")
        with pytest.raises(ValueError, match="empty"):
            own.reply(a.id, "  ")
        assert own.replies(a.id) == [r] and own.replies("other") == []
        path = write_export(export_annotations(own, report, "jsonld"), tmp_path / "n.jsonld", "jsonld")
        md = export_annotations(own, report, "markdown")
    assert "- 回复：1 条" in md and "王老师" in md and "&lt;b&gt;" in md and "<b>" not in md
    with AnnotationStore(tmp_path / "fresh.sqlite") as fresh:
        (result,) = import_files(fresh, [path, path])[:1]
        assert result.replies == 1 and fresh.replies() == [r]
        assert import_files(fresh, [path])[0].replies == 0  # idempotent by id


def test_psycopg_is_the_client():
    assert psycopg.__version__.startswith("3.")


def test_class_import_takes_a_reply_to_a_note_of_a_later_file(classdb, report, tmp_path):
    files = {}
    for user, quote in (("li", "教育强国"), ("zhang", "双减")):
        with AnnotationStore(SQLiteBackend(tmp_path / f"{user}.sqlite")) as own:
            files[user] = (own.annotate(report, quote, note=f"{user} 的笔记"), tmp_path / f"{user}.jsonld")
            if user == "zhang":  # li's file, imported first, holds an answer to zhang's note (in a later file)
                now = utc_now()
                later = Reply("r-later", files["zhang"][0].id, "我也这么想", "李四", now, now)
            files[user][1].write_text(export_annotations(own, report, "jsonld"), encoding="utf-8")
    li_data = json.loads(files["li"][1].read_text(encoding="utf-8"))
    li_data["first"]["items"].append(reply_jsonld(later))
    files["li"][1].write_text(json.dumps(li_data, ensure_ascii=False), encoding="utf-8")
    done = import_class_files(classdb.admin_url, classdb.class_id, [files["li"][1], files["zhang"][1]])
    assert [(f.user, f.replies, f.replies_skipped) for f in done] == [("li", 1, 0), ("zhang", 0, 0)]
    with psycopg.connect(classdb.admin_url) as conn:
        rows = conn.execute("SELECT id, target, author, owner FROM edu.reply").fetchall()
    assert rows == [("r-later", files["zhang"][0].id, "李四", classdb.settings["li"].role_name)]
    again = import_class_files(classdb.admin_url, classdb.class_id, [files["li"][1], files["zhang"][1]])
    assert [(f.replies, f.replies_skipped) for f in again] == [(0, 0), (0, 0)]
