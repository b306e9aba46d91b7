"""Live class view (NOTIFY and polling) and the local outbox (server away: nothing lost, no duplicates)."""

from __future__ import annotations

import dataclasses
import threading
import time

import pytest

from edu_helpers.annotations import AnnotationStore
from edu_helpers.annotations.model import Annotation, new_id, utc_now
from edu_helpers.annotations.postgres.live import LiveView
from edu_helpers.annotations.postgres.outbox import ClassWriter, Outbox, default_outbox_path
from tests.conftest import annotate_as


def test_the_live_view_refreshes_by_itself(classdb, report):
    view = LiveView(classdb.url("wang"))
    seen: list = []
    changed = threading.Event()

    def on_snapshot(snap) -> None:
        seen.append(snap)
        if snap.questions:
            changed.set()

    stop = view.follow(on_snapshot, interval=30.0)  # a long poll: only a NOTIFY can be this quick
    try:
        time.sleep(0.3)
        with AnnotationStore(classdb.backend("zhang")) as zhang:
            started = time.monotonic()
            zhang.annotate(report, "双减", kind="疑问", note="这是什么意思？")
            annotate_as(
                zhang, report, "立德树人根本任务", kind="重点", visibility="private"
            )  # the teacher never sees it
            assert changed.wait(5), "no refresh after a NOTIFY"
            assert time.monotonic() - started < 2
    finally:
        stop.set()
    snap = view.refresh()
    assert snap.total == 1 and snap.by_kind() == {"疑问": 1}
    assert [(q.author, q.exact, q.note, q.replies) for q in snap.questions] == [("张三", "双减", "这是什么意思？", 0)]
    sections = dict(zip(report.paragraphs["id"], report.paragraphs["section"], strict=True))
    ((section, kind),) = snap.by_section(sections)
    assert (
        kind == "疑问" and section == report.paragraphs.set_index("id").loc[snap.questions[0].paragraph_id, "section"]
    )
    view.close()


def test_the_live_view_polls_when_the_server_restarts(classdb, pg_cluster, report):
    view = LiveView(classdb.url("wang"))
    assert view.refresh().total == 0
    pg_cluster.restart()
    assert view.wait(0.3) is False  # the listening connection was lost: a poll tick instead
    with AnnotationStore(classdb.backend("zhang")) as zhang:
        zhang.annotate(report, "双减")
    assert view.refresh().total == 1  # reconnected by itself
    view.close()


def test_a_burst_of_writes_reaches_the_live_view(classdb, report):
    view = LiveView(classdb.url("wang"))
    seen: list = []
    stop = view.follow(seen.append, interval=30.0)  # a long poll: the view keeps up through notifications
    try:
        with AnnotationStore(classdb.backend("zhang")) as zhang:
            for i in range(30):  # 30 changes, one transaction each, as fast as they go
                annotate_as(zhang, report, "双减", visibility="teacher", kind="疑问", note=str(i))
        deadline = time.monotonic() + 5
        while (not seen or seen[-1].total < 30) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert seen and seen[-1].total == 30
    finally:
        stop.set()
        view.close()


def _note(author: str = "张三", **over) -> Annotation:
    now = utc_now()
    return Annotation(new_id(), "doc", "双减", 0, 2, author=author, created=now, updated=now, **over)


def test_offline_notes_wait_in_the_outbox_and_are_sent_once(classdb, pg_cluster, tmp_path, monkeypatch):
    monkeypatch.delenv("EDU_OUTBOX")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_outbox_path() == tmp_path / "data" / "edu_helpers" / "outbox.sqlite"
    said: list[str] = []
    writer = ClassWriter(
        lambda: classdb.backend("zhang", connect_timeout=1, outbox=False), Outbox(), retry=0.05, say=said.append
    )
    first = _note()
    assert writer.save(first) == "sent"
    pg_cluster.stop()
    try:
        queued = [_note(note=str(i)) for i in range(5)]
        assert [writer.save(a) for a in queued] == ["queued"] * 5
        edited = dataclasses.replace(queued[0], note="改过", updated="9999-01-01T00:00:00.000Z")
        assert writer.save(edited) == "queued"
        assert len(said) == 1 and "无法连接班级服务器" in said[0] and "不会重复" in said[0]
        assert len(writer.outbox) == 6
    finally:
        pg_cluster.start()
    writer.outbox.put(first)  # as if its commit had landed but the answer was lost
    assert writer.flush() == 0
    with AnnotationStore(classdb.backend("zhang")) as zhang:
        stored = {a.id: a for a in zhang.annotations()}
        assert set(stored) == {first.id, *(a.id for a in queued)} and len(zhang) == 6
        assert stored[queued[0].id].note == "改过" and [h.note for h in zhang.history(queued[0].id)] == ["0"]
    writer.outbox.put(queued[1])
    result = writer.outbox.drain(writer.backend)
    assert (result.sent, result.unchanged, result.left) == (0, 1, 0)


def test_an_entry_the_server_refuses_is_kept_aside(classdb, tmp_path, report):
    with AnnotationStore(classdb.backend("li")) as li:
        theirs = annotate_as(li, report, "双减", visibility="class")
    outbox = Outbox(tmp_path / "o.sqlite")
    outbox.put(dataclasses.replace(li.get(theirs.id), note="冒充", updated="9999-01-01T00:00:00.000Z"))
    result = outbox.drain(classdb.backend("zhang"))
    assert (result.rejected, result.left) == (1, 0)
    assert "only the author" in outbox.rejected()[0][1]


@pytest.fixture
def no_outbox_env(monkeypatch, tmp_path):
    monkeypatch.setenv("EDU_OUTBOX", str(tmp_path / "x" / "box.sqlite"))
    return tmp_path / "x" / "box.sqlite"


def test_the_outbox_path_can_be_set(no_outbox_env):
    assert default_outbox_path() == no_outbox_env
    assert Outbox().path.parent.is_dir()
