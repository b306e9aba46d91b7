"""The class server away when the store is first opened: a store that works offline, then sends everything once."""

from __future__ import annotations

import time

import psycopg
import pytest

from edu_helpers.annotations import AnnotationStore, StoreError
from edu_helpers.annotations.postgres import ServerUnavailable
from edu_helpers.annotations.postgres.offline import AWAY, NOTICE

pytestmark = pytest.mark.server


def _wait(condition, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def _rows(classdb, table: str) -> list[tuple]:
    with psycopg.connect(classdb.admin_url) as conn:
        return conn.execute(f"SELECT id, author FROM edu.{table} ORDER BY seq").fetchall()


def test_opened_while_the_server_is_down_notes_wait_and_arrive_exactly_once(classdb, pg_cluster, report):
    pg_cluster.stop()
    try:
        store = AnnotationStore(classdb.backend("zhang", connect_timeout=1))
        store.backend.offline.retry = 0.2
        assert store.notice == AWAY and len(store) == 0 and store.annotations(report) == []  # no error, one message
        assert store.backend.identity.kind is None  # who we are is not known yet: the server says it later
        quotes = ["双减", "立德树人根本任务"]
        notes = [store.annotate(report, q, note=f"离线{i}", kind="疑问") for i, q in enumerate(quotes)]
        gone = store.annotate(report, "教育强国", note="写错了")
        assert store.notice == NOTICE.format(n=3)
        edited = store.update(notes[0].id, note="离线时改过")  # a waiting note can be edited, deleted, answered
        store.delete(gone.id)
        reply = store.reply(notes[1].id, "我自己补充一句")
        # reads show what the outbox holds: the latest version of each, without the deleted one
        shown = [(a.id, a.note) for a in store.annotations(report)]
        assert shown == [(notes[0].id, "离线时改过"), (notes[1].id, "离线1")] and len(store) == 2
        assert store.get(notes[0].id) == edited and [r.body for r in store.replies()] == [reply.body]
        assert store.unsent() == {notes[0].id, notes[1].id, gone.id, reply.id}
        assert [h.note for h in store.history(notes[0].id)] == ["离线0"]
        with pytest.raises(StoreError, match="没有这条批注"):
            store.update("no-such-id", note="x")
    finally:
        pg_cluster.start()
    assert _wait(lambda: store.notice == ""), store.notice  # the timer reconnects and sends, by itself
    assert store.unsent() == set() and store.backend.identity.display == "张三"
    assert [i for i, _ in _rows(classdb, "annotation")] == [notes[0].id, notes[1].id, gone.id]  # once each
    assert {a for _, a in _rows(classdb, "annotation")} == {"张三"}  # signed with the roster name on the way
    assert _rows(classdb, "reply") == [(reply.id, "张三")]
    with AnnotationStore(classdb.backend("wang")) as teacher:  # the teacher sees the latest versions, with history
        assert teacher.get(notes[0].id).note == "离线时改过" and teacher.get(gone.id).deleted
        assert [h.note for h in teacher.history(notes[0].id)] == ["离线0"]
        assert [r.body for r in teacher.replies(notes[1].id)] == ["我自己补充一句"]
    store.backend.offline.drain()  # sending again changes nothing
    store.close()
    with AnnotationStore(classdb.backend("zhang")) as again:  # and a new session finds nothing left to send
        assert again.notice == "" and len(again) == 2
    assert len(_rows(classdb, "annotation")) == 3 and len(_rows(classdb, "reply")) == 1


def test_a_server_away_mid_session_shows_what_was_read(classdb, pg_cluster, report):
    store = AnnotationStore(classdb.backend("li", connect_timeout=1))
    online = store.annotate(report, "双减", note="在线时写的")
    assert [a.id for a in store.annotations(report)] == [online.id]
    pg_cluster.stop()
    try:
        kept = store.annotate(report, "立德树人根本任务", note="断网后写的")
        assert [a.id for a in store.annotations(report)] == [online.id, kept.id]  # nothing vanishes from view
        with pytest.raises(ServerUnavailable, match="恢复连接后才能修改"):
            store.update(online.id, note="改")  # a note on the server waits for the server: a clear error
    finally:
        pg_cluster.start()
    store.backend.offline.drain()
    assert store.notice == "" and [a.id for a in store.annotations(report)] == [online.id, kept.id]
    store.close()


def test_a_role_off_the_roster_is_told_when_the_server_answers(classdb, pg_cluster):
    with psycopg.connect(classdb.admin_url, autocommit=True) as conn:
        conn.execute("DELETE FROM edu.member WHERE role_name = %s", (classdb.settings["zhao"].role_name,))
    pg_cluster.stop()
    try:
        store = AnnotationStore(classdb.backend("zhao", connect_timeout=1))
        assert store.notice == AWAY
    finally:
        pg_cluster.start()
    with pytest.raises(StoreError, match="not on the class roster"):
        store.backend.offline.drain()  # the opening is completed now: the same refusal as online
    store.close()
