"""The live class view refreshes by itself (server: NOTIFY; SQLite: polling) and shows replies' threads."""

from __future__ import annotations

import time

import pytest

from edu_helpers.annotations import AnnotationStore
from edu_helpers.ui.widgets.annotation_list import AnnotationList
from edu_helpers.ui.widgets.live import LiveClassView


def _until(predicate, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_the_sqlite_view_polls_and_redraws_by_itself(tmp_path, report):
    store = AnnotationStore(tmp_path / "class.sqlite")
    view = LiveClassView(store, report, interval=0.2)
    try:
        before = view.refreshes
        with AnnotationStore(tmp_path / "class.sqlite") as student:
            student.annotate(report, "双减", kind="疑问", note="什么是双减？", author="李四")
        assert _until(lambda: view.refreshes > before and "1 条批注" in view.status.value)
        assert "什么是双减" in view.questions.value
    finally:
        view.stop()


@pytest.mark.server
def test_the_teacher_s_live_view_follows_students_on_the_server(classdb, report):
    teacher = AnnotationStore(classdb.backend("wang"))
    view = LiveClassView(teacher, report, interval=30)  # a NOTIFY wakes it long before the poll
    try:
        assert view.class_select.options == (classdb.class_id,)
        with AnnotationStore(classdb.backend("zhang")) as zhang:
            q = zhang.annotate(report, "双减", kind="疑问", note="为什么要减负？")
        assert _until(lambda: "为什么要减负" in view.questions.value, 10)
        teacher.reply(q.id, "下节课讨论。")
        with AnnotationStore(classdb.backend("zhang")) as zhang:
            workbench = AnnotationList(report, zhang, export_dir=classdb.cluster.data_dir.parent)
            assert "下节课讨论。" in workbench.results.value and "edu-thread" in workbench.results.value
    finally:
        view.stop()


@pytest.mark.server
def test_the_live_view_opens_with_the_server_down_and_picks_it_up_again(
    classdb, pg_cluster, report, tmp_path, monkeypatch, capsys
):
    from edu_helpers.ui import study
    from edu_helpers.ui.widgets.live import OFFLINE

    (tmp_path / "students").mkdir()
    session = study.open_class(tmp_path / "students", None, tmp_path / "class.sqlite")
    monkeypatch.setenv("EDU_ANNOTATIONS", classdb.url("wang"))
    pg_cluster.stop()
    try:
        view = study.classroom_view(session, anonymise=False, live_class="")  # the class of the address
        assert isinstance(view, LiveClassView) and view.away
        assert view.live_status.value == OFFLINE  # one message in Chinese, nothing for developers
        assert view.class_select.options == (classdb.class_id,) and "0 条批注" in view.status.value
        view.interval = 0.3
        time.sleep(1.0)  # a few tries of the server, still down: the message stays, nothing breaks
        assert view.live_status.value == OFFLINE and view._thread.is_alive()
    finally:
        pg_cluster.start()
    try:
        with AnnotationStore(classdb.backend("zhang")) as zhang:
            zhang.annotate(report, "双减", kind="疑问", note="服务器回来以后的问题")
        assert _until(lambda: "服务器回来以后的问题" in view.questions.value, 20)
        assert not view.away and view.live_status.value.startswith("更新于")
        assert _until(lambda: view._classes == [classdb.class_id], 10)  # asked for once the server answered
        assert view.class_select.options == (classdb.class_id,) and view.class_select.value == classdb.class_id
        assert "Traceback" not in capsys.readouterr().err
    finally:
        view.stop()


@pytest.mark.server
def test_closing_a_widget_or_the_store_stops_the_outbox_listeners(classdb, report, tmp_path, monkeypatch):
    from edu_helpers.ui.widgets.annotator import Annotator

    drawn = []
    for cls in (Annotator, AnnotationList):
        redraw = cls.refresh
        monkeypatch.setattr(cls, "refresh", lambda self, _r=redraw, _n=cls.__name__: (drawn.append(_n), _r(self)))
    store = AnnotationStore(classdb.backend("zhang"))
    queue = store.backend.offline
    annotator, workbench = Annotator(report, store), AnnotationList(report, store, export_dir=tmp_path)
    drawn.clear()
    queue.changed()  # what the outbox does once it has sent
    assert drawn == ["Annotator", "AnnotationList"]
    annotator.close()
    queue.changed()
    assert drawn == ["Annotator", "AnnotationList", "AnnotationList"]  # the closed annotator is not redrawn
    workbench.close()
    workbench.close()  # twice: nothing more to do
    queue.changed()
    assert len(drawn) == 3 and queue._listeners == []  # and nothing keeps the closed widgets alive
    again = Annotator(report, store)
    assert queue._listeners == [again.refresh]
    store.close()  # closing the store forgets whoever still listens
    assert queue._listeners == []
    with AnnotationStore(tmp_path / "own.sqlite") as own:  # a file store has no outbox: nothing to stop
        Annotator(report, own).close()


@pytest.mark.server
def test_closing_the_live_view_closes_its_server_sessions(classdb, report):
    import psycopg

    def sessions() -> int:  # the teacher's sessions on the server, whatever they are doing
        with psycopg.connect(classdb.admin_url) as conn:
            role = classdb.settings["wang"].role_name
            return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE usename = %s", (role,)).fetchone()[0]

    before = sessions()
    teacher = AnnotationStore(classdb.backend("wang"))
    view = LiveClassView(teacher, report, interval=0.3)
    assert _until(lambda: getattr(view, "_waiter", None) is not None and sessions() >= before + 2)
    view.close()
    teacher.close()
    assert _until(lambda: sessions() == before), f"{sessions() - before} session(s) of a closed view still open"
