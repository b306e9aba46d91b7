"""Who may read each note survives export and import: a private note comes back private (issue 15, 7).

A class server's exports carry each note's visibility (JSON-LD ``edu:visibility``, CSV ``visibility``);
``class-import`` and ``import`` into a class store give it back; a file that does not say keeps the
class's default; an unknown value is one clear error naming the file, and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import json

import psycopg
import pytest

from edu_helpers.annotations import AnnotationStore, export_annotations
from edu_helpers.annotations.exchange import read_import_file, read_shared_file
from edu_helpers.annotations.model import ImportFileError
from edu_helpers.annotations.tables import CSV_COLUMNS
from edu_helpers.cli import main
from tests.conftest import annotate_as, make_class
from tests.pg_cluster import new_database

#: (student, quote, visibility, note): what the first class wrote
NOTES = [
    ("zhang", "双减", "private", "张三只给自己看的想法"),
    ("zhang", "教育强国", "teacher", "张三问老师的问题"),
    ("zhang", "立德树人根本任务", "class", "张三分享给全班的体会"),
    ("li", "双减", "private", "李四自己的草稿"),
    ("li", "教育强国", "class", "李四分享的摘录"),
]


def _write_class(classdb, report) -> dict[str, tuple[str, str, str]]:
    """The students' notes on ``classdb``; ``{id: (student, visibility, note)}``."""
    written = {}
    for user in ("zhang", "li"):
        with AnnotationStore(classdb.backend(user)) as store:
            for who, quote, vis, note in NOTES:
                if who == user:
                    written[annotate_as(store, report, quote, visibility=vis, note=note).id] = (user, vis, note)
    return written


def _hand_in(classdb, tmp_path, capsys):
    """zhang exports his own notes as JSON-LD (student URL); the owner exports li's as CSV (class-export)."""
    folder = tmp_path / "handed-in"
    folder.mkdir()
    assert main(["export", "--store", classdb.url("zhang"), "-f", "jsonld", "-o", str(folder / "zhang.jsonld")]) == 0
    owner = f"{classdb.admin_url}&class={classdb.class_id}"
    assert main(["class-export", "--store", owner, "--student", "li", "-f", "csv", "-o", str(folder / "li.csv")]) == 0
    capsys.readouterr()
    return folder


def _notes_as(cluster, url: str) -> set[str]:
    """The notes a role reads with the real psql client (row-level security decides)."""
    done = cluster.psql(url, "SELECT note FROM edu.annotation")
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


@pytest.mark.server
def test_class_import_gives_each_note_back_its_own_visibility(classdb, pg_cluster, report, tmp_path, capsys):
    written = _write_class(classdb, report)
    folder = _hand_in(classdb, tmp_path, capsys)
    items = json.loads((folder / "zhang.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    assert sorted((i["creator"]["name"], i["edu:visibility"]) for i in items) == [
        ("张三", "class"), ("张三", "private"), ("张三", "teacher"), ("李四", "class")]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO((folder / "li.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(r["visibility"] for r in rows) == ["class", "private"]

    (tmp_path / "fresh").mkdir()
    fresh = make_class(pg_cluster, pg_cluster.admin_url(new_database(pg_cluster)), tmp_path / "fresh")
    command = ["class-import", str(folder), "--store", fresh.admin_url, "--class", fresh.class_id]
    assert main(command) == 0
    out = capsys.readouterr().out  # li's class-shared note in zhang's export stays li's
    assert "2 added" in out and "3 added, 0 updated, 0 unchanged, 1 classmates' notes left to their" in out
    with psycopg.connect(fresh.admin_url) as admin:
        stored = dict(admin.execute("SELECT id, visibility FROM edu.annotation").fetchall())
    assert stored == {i: vis for i, (_, vis, _) in written.items()}

    tcp = {u: fresh.url(u, with_class=False) for u in ("wang", "zhang", "li", "zhao")}
    assert _notes_as(pg_cluster, tcp["zhao"]) == {"张三分享给全班的体会", "李四分享的摘录"}
    assert _notes_as(pg_cluster, tcp["li"]) == {"张三分享给全班的体会", "李四分享的摘录", "李四自己的草稿"}
    assert _notes_as(pg_cluster, tcp["wang"]) == {"张三问老师的问题", "张三分享给全班的体会", "李四分享的摘录"}
    own = {n for u, _, n in written.values() if u == "zhang"}
    assert _notes_as(pg_cluster, tcp["zhang"]) == own | {"李四分享的摘录"}

    assert main(command) == 0  # again: nothing changes, visibility included
    out = capsys.readouterr().out
    assert "0 added, 0 updated, 3 unchanged, 1 classmates'" in out and "0 added, 0 updated, 2 unchanged" in out
    with psycopg.connect(fresh.admin_url) as admin:
        assert dict(admin.execute("SELECT id, visibility FROM edu.annotation").fetchall()) == stored


@pytest.mark.server
def test_files_that_do_not_say_keep_the_class_default_and_a_bad_value_imports_nothing(
    classdb, pg_cluster, report, tmp_path, capsys
):
    _write_class(classdb, report)
    folder = _hand_in(classdb, tmp_path, capsys)
    with AnnotationStore(tmp_path / "own.sqlite") as own:  # a file store's export: no visibility in it
        own.annotate(report, "双减", note="赵六在家写的")
        plain = export_annotations(own, report, "csv")
    assert next(csv.reader(io.StringIO(plain))) == list(CSV_COLUMNS)
    (folder / "zhao.csv").write_text(plain, encoding="utf-8")
    quote = {"selector": [{"type": "TextQuoteSelector", "exact": "教育强国"}]}
    hypothesis = {
        "rows": [{"id": "hyp-1", "user": "acct:wang@hypothes.is", "text": "老师在别处的笔记", "target": [quote]}]
    }
    (folder / "wang.json").write_text(json.dumps(hypothesis, ensure_ascii=False), encoding="utf-8")

    data = json.loads((folder / "zhang.jsonld").read_text(encoding="utf-8"))
    data["first"]["items"][0]["edu:visibility"] = "everyone"
    (folder / "zhang.jsonld").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "fresh").mkdir()
    fresh = make_class(pg_cluster, pg_cluster.admin_url(new_database(pg_cluster)), tmp_path / "fresh",
                       default_visibility="class")  # fmt: skip
    command = ["class-import", str(folder), "--store", fresh.admin_url, "--class", fresh.class_id]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "zhang.jsonld" in err and "everyone" in err and "private, teacher, class" in err
    with psycopg.connect(fresh.admin_url) as admin:  # li.csv comes first, but nothing was imported
        assert admin.execute("SELECT count(*) FROM edu.annotation").fetchone()[0] == 0

    (folder / "zhang.jsonld").unlink()
    assert main(command) == 0
    with psycopg.connect(fresh.admin_url) as admin:
        got = dict(admin.execute("SELECT note, visibility FROM edu.annotation").fetchall())
    assert got == {
        "赵六在家写的": "class", "老师在别处的笔记": "class", "李四自己的草稿": "private", "李四分享的摘录": "class"
    }  # fmt: skip


@pytest.mark.server
def test_a_student_importing_his_own_export_into_a_class_store_keeps_it_private(classdb, pg_cluster, report, tmp_path):
    written = _write_class(classdb, report)
    path = tmp_path / "zhang.jsonld"
    with AnnotationStore(classdb.backend("zhang")) as zhang:
        path.write_text(export_annotations(zhang, report, "jsonld"), encoding="utf-8")
    (tmp_path / "fresh").mkdir()
    fresh = make_class(pg_cluster, pg_cluster.admin_url(new_database(pg_cluster)), tmp_path / "fresh")
    assert main(["import", str(path), "--store", fresh.url("zhang")]) == 0
    expected = {i: v for i, (u, v, _) in written.items() if u == "zhang"}  # li's shared one is li's: left out
    with AnnotationStore(fresh.backend("zhang")) as zhang:
        assert zhang.backend.visibilities() == expected
    assert _notes_as(pg_cluster, fresh.url("wang", with_class=False)) == {"张三问老师的问题", "张三分享给全班的体会"}


def test_exports_of_a_file_store_say_nothing_of_visibility_and_bad_values_name_the_file(tmp_path, report):
    with AnnotationStore(tmp_path / "notes.sqlite") as store:
        store.annotate(report, "双减", note="我的")
        text = export_annotations(store, report, "jsonld")
        table = export_annotations(store, report, "csv")
    assert "visibility" not in text and "visibility" not in table
    path = tmp_path / "notes.jsonld"
    path.write_text(text, encoding="utf-8")
    assert [v for _, v in read_shared_file(path)[0]] == [None]
    header, row = list(csv.reader(io.StringIO(table)))
    bad = tmp_path / "bad.csv"
    body = io.StringIO()
    csv.writer(body).writerows([[*header, "visibility"], [*row, "公开"]])
    bad.write_text(body.getvalue(), encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"bad\.csv.*record 1.*'公开'"):
        read_import_file(bad)
    ok = tmp_path / "ok.csv"
    ok.write_text(body.getvalue().replace("公开", "class"), encoding="utf-8")
    assert [v for _, v in read_shared_file(ok)[0]] == ["class"]
