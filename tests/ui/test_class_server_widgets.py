"""The notebook widgets on a class server: the server away (the local outbox), and visibility."""

from __future__ import annotations

import sqlite3
import time

import pytest

from edu_helpers.annotations import AnnotationStore
from edu_helpers.annotations.postgres.offline import NOTICE
from edu_helpers.ui.widgets.annotation_list import AnnotationList
from edu_helpers.ui.widgets.annotator import Annotator

pytestmark = pytest.mark.server


def _outbox_rows(path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT what, data FROM pending ORDER BY seq").fetchall()
    finally:
        conn.close()


def test_a_note_saved_while_the_server_is_away_waits_locally_and_arrives_once(
    classdb, pg_cluster, report, monkeypatch, tmp_path
):
    outbox = tmp_path / "data" / "outbox.sqlite"
    monkeypatch.setenv("EDU_OUTBOX", str(outbox))
    store = AnnotationStore(classdb.backend("zhang", connect_timeout=1))
    store.backend.offline.retry = 0.2
    panel, bench = Annotator(report, store), AnnotationList(report, store)
    panel.on_save(lambda ann: bench.refresh())
    sentence = report.sentence_records[2]
    pg_cluster.stop()
    try:
        panel.select_sentence(sentence.id)
        panel.note_input.value = "断网时写的批注"
        saved = panel.save()
        assert saved is not None and saved.exact == report.text[sentence.start : sentence.end]
        assert "服务器暂时连不上" in panel.status.value and "自动发送" in panel.status.value
        assert "Traceback" not in panel.status.value and "edu-msg" in panel.status.value
        assert "服务器暂时连不上" in bench.status.value  # the workbench says the same, once
        rows = _outbox_rows(outbox)
        assert len(rows) == 1 and saved.id in rows[0][1] and rows[0][0] == "annotation"
        assert store.notice == NOTICE.format(n=1)
        reply = store.reply(saved.id, "也想问老师")  # a reply waits too
        assert [w for w, _ in _outbox_rows(outbox)] == ["annotation", "reply"] and reply.body == "也想问老师"
    finally:
        pg_cluster.start()
    deadline = time.monotonic() + 10
    while store.notice and time.monotonic() < deadline:  # the timer sends it by itself
        time.sleep(0.1)
    assert store.notice == "" and _outbox_rows(outbox) == []
    with AnnotationStore(classdb.backend("wang")) as teacher:  # the teacher sees it, once, with its reply
        notes = [a for a in teacher.annotations() if a.note == "断网时写的批注"]
        assert [a.id for a in notes] == [saved.id] and notes[0].author == "张三"
        assert [r.body for r in teacher.replies(saved.id)] == ["也想问老师"]
    store.backend.offline.drain()  # sending again changes nothing
    with AnnotationStore(classdb.backend("wang")) as teacher:
        assert len(teacher) == 1 and len(teacher.replies()) == 1
    panel.refresh()
    assert "这里已有 1 条批注" in panel.info.value
    store.close()


def test_notes_left_in_the_outbox_go_out_when_the_store_is_opened_again(classdb, pg_cluster, report, tmp_path):
    store = AnnotationStore(classdb.backend("li", connect_timeout=1))
    store.backend.offline.retry = 3600  # no timer: the next session sends it
    pg_cluster.stop()
    try:
        kept = store.annotate(report, "双减", note="离线")
        assert store.notice
    finally:
        store.close()
        pg_cluster.start()
    with AnnotationStore(classdb.backend("li")) as again:
        assert again.notice == "" and [a.id for a in again.annotations()] == [kept.id]


def test_a_student_chooses_who_sees_each_note_and_the_workbench_shows_it(classdb, report, tmp_path):
    with AnnotationStore(classdb.backend("zhang")) as zhang:
        panel, bench = Annotator(report, zhang), AnnotationList(report, zhang)
        assert panel.visibility_select is not None and panel.visibility_select.value == "teacher"
        assert [v for _, v in panel.visibility_select.options] == ["private", "teacher", "class"]
        saved = {}
        for i, vis in enumerate(["private", "teacher", "class"]):
            panel.select_sentence(report.sentence_records[i].id)
            panel.visibility_select.value = vis
            panel.note_input.value = f"笔记{i}"
            saved[vis] = panel.save()
        assert panel.visibility_select.value == "class"  # the choice stays for the next note
        assert {v: zhang.backend.visibility(a.id) for v, a in saved.items()} == {v: v for v in saved}
        bench.refresh()
        assert [bench.results.value.count(f'data-visibility="{v}"') for v in saved] == [1, 1, 1]
        assert "仅自己" in bench.results.value and "全班可见" in bench.results.value
    with AnnotationStore(classdb.backend("li")) as li:  # the database enforces the choice
        assert [a.note for a in li.annotations()] == ["笔记2"]
    with AnnotationStore(classdb.backend("wang")) as wang:
        assert sorted(a.note for a in wang.annotations()) == ["笔记1", "笔记2"]


def test_a_personal_store_has_no_visibility_to_choose(tmp_path, report):
    with AnnotationStore(tmp_path / "notes.sqlite") as store:
        panel = Annotator(report, store)
        assert panel.visibility_select is None
        panel.select_sentence(report.sentence_records[0].id)
        assert panel.save() is not None and "已保存" in panel.status.value
        bench = AnnotationList(report, store)
        assert "edu-visibility" not in bench.results.value and "共 1 条批注" in bench.results.value


def test_notes_written_offline_are_highlighted_as_unsent_until_the_server_takes_them(classdb, pg_cluster, report):
    sentence = report.sentence_records[1]
    pg_cluster.stop()
    try:
        store = AnnotationStore(classdb.backend("zhao", connect_timeout=1))  # opened while the server is down
        store.backend.offline.retry = 0.2
        panel, bench = Annotator(report, store), AnnotationList(report, store)
        panel.on_save(lambda ann: bench.refresh())
        assert "班级服务器暂时连不上" in panel.status.value  # said at once, before anything is written
        panel.select_sentence(sentence.id)
        panel.note_input.value = "没网也要记下来"
        saved = panel.save()
        assert saved is not None and "待发送 1 条" in panel.status.value
        html = panel.text.html
        assert f'data-unsent="{saved.id}"' in html and html.count("annotator-unsent") >= 1
        assert "（未发送）" in html and f'data-ids="{saved.id}"' in html  # highlighted like any note, and marked
        assert "1 条未发送" in panel.info.value
        assert bench.results.value.count('class="edu-unsent"') == 1 and "没网也要记下来" in bench.results.value
        assert "待发送 1 条" in bench.status.value
    finally:
        pg_cluster.start()
    assert _wait(lambda: "已发送" in panel.status.value and "已发送" in bench.status.value)  # redrawn by themselves
    assert "annotator-unsent" not in panel.text.html and "edu-unsent" not in bench.results.value  # the marks went
    assert f'data-ids="{saved.id}"' in panel.text.html  # still highlighted, now as a note on the server
    assert "未发送" not in panel.info.value
    with AnnotationStore(classdb.backend("wang")) as teacher:
        assert [(a.id, a.author) for a in teacher.annotations()] == [(saved.id, "赵六")]
    store.close()


def _wait(condition, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()
