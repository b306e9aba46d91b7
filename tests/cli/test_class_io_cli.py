"""``class-export`` and ``class-import``: a class out of and into the server, by the command line."""

from __future__ import annotations

import json

import pytest

from edu_helpers.annotations import AnnotationStore, export_annotations
from edu_helpers.cli import main
from tests.conftest import annotate_as

pytestmark = pytest.mark.server


def test_class_export_writes_a_class_or_one_student_with_threads(classdb, report, tmp_path, capsys):
    with AnnotationStore(classdb.backend("zhang")) as zhang:
        asked = annotate_as(zhang, report, "双减", visibility="teacher", kind="疑问", note="张三的问题")
        annotate_as(zhang, report, "立德树人根本任务", visibility="private", note="私下的")
    with AnnotationStore(classdb.backend("li")) as li:
        annotate_as(li, report, "教育强国", visibility="class", note="李四的")
    with AnnotationStore(classdb.backend("wang")) as wang:
        wang.reply(asked.id, "请看第三部分")
    out = tmp_path / "class.jsonld"
    assert main(["class-export", "--store", classdb.url("wang"), "--format", "jsonld", "-o", str(out)]) == 0
    items = json.loads(out.read_text(encoding="utf-8"))["first"]["items"]
    notes = sorted(i["body"][0]["value"] for i in items if i.get("motivation") != "replying" and i.get("body"))
    assert "私下的" not in str(items) and "张三的问题" in str(notes) and "李四的" in str(notes)
    assert [i["target"] for i in items if i.get("motivation") == "replying"] == [f"urn:uuid:{asked.id}"]
    one = tmp_path / "zhang.csv"
    teacher = ["class-export", "--store", classdb.url("wang")]
    assert main([*teacher, "--student", "zhang", "-f", "csv", "-o", str(one)]) == 0
    text = one.read_text(encoding="utf-8-sig")
    assert "张三的问题" in text and "李四的" not in text and "请看第三部分" in text and ",reply," in text
    before = one.read_bytes()
    assert main(["class-export", "--store", classdb.url("wang"), "-f", "csv", "-o", str(one)]) == 2
    assert "--force" in capsys.readouterr().err and one.read_bytes() == before  # never replaced without --force
    assert main(["class-export", "--store", classdb.url("wang"), "-f", "csv", "-o", str(one), "--force"]) == 0
    assert "李四的" in one.read_text(encoding="utf-8-sig")
    assert main(["class-export", "--store", classdb.url("wang"), "--student", "nobody", "-f", "markdown"]) == 2
    err = capsys.readouterr().err
    assert "nobody" in err and err.count("\n") == 1 and "Traceback" not in err
    assert main(["class-export", "--store", classdb.url("wang"), "--student", "李四", "-f", "markdown"]) == 0
    assert "李四的" in capsys.readouterr().out


def test_class_import_reads_a_folder_of_students_files_once(classdb, report, tmp_path, capsys):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    with AnnotationStore(tmp_path / "own.sqlite") as own:
        own.annotate(report, "双减", note="我在家写的")
        (folder / "zhang.csv").write_text(export_annotations(own, report, "csv"), encoding="utf-8")
    admin = f"{classdb.admin_url}&class={classdb.class_id}" if "?" in classdb.admin_url else classdb.admin_url
    assert main(["class-import", str(folder), "--store", admin, "--class", classdb.class_id]) == 0
    assert "1 added" in capsys.readouterr().out
    assert main(["class-import", str(folder), "--store", admin, "--class", classdb.class_id]) == 0
    assert "0 added, 0 updated, 1 unchanged" in capsys.readouterr().out
    with AnnotationStore(classdb.backend("zhang")) as zhang:
        assert [(a.note, a.author) for a in zhang.annotations()] == [("我在家写的", "张三")]
    (folder / "stranger.jsonld").write_text("[]", encoding="utf-8")
    assert main(["class-import", str(folder), "--store", admin, "--class", classdb.class_id]) == 2
    err = capsys.readouterr().err
    assert "stranger" in err and err.count("\n") == 1
    assert main(["class-import", str(tmp_path / "missing"), "--store", admin]) == 2


def test_commands_that_need_the_server_say_so_in_one_line_when_it_is_down(classdb, pg_cluster, tmp_path, capsys):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    (folder / "zhang.jsonld").write_text("[]", encoding="utf-8")
    admin = f"{classdb.admin_url}&class={classdb.class_id}"
    teacher, student = classdb.url("wang"), classdb.url("zhang")
    commands = [
        ["class-export", "--store", teacher, "-f", "jsonld"],
        ["class-export", "--store", teacher, "--student", "zhang", "-f", "csv", "-o", str(tmp_path / "out.csv")],
        ["class-import", str(folder), "--store", admin],
        ["export", "--store", student, "-f", "markdown"],
        ["annotate", "--store", student, "--quote", "双减", "--note", "命令行"],
        ["import", str(folder / "zhang.jsonld"), "--store", student],
    ]
    pg_cluster.stop()
    try:
        for argv in commands:
            assert main(argv) == 2, argv
            captured = capsys.readouterr()
            assert captured.err.count("\n") == 1 and "Traceback" not in captured.err, (argv, captured.err)
            assert captured.err.startswith("error: ") and captured.out == ""
            assert "无法连接班级批注服务器" in captured.err and "已保存" not in captured.err, captured.err
            assert classdb.settings["wang"].password not in captured.err
        (folder / "li.csv").write_text("这不是导出文件\n", encoding="utf-8")  # and a bad file: it is named first
        assert main(["class-import", str(folder), "--store", admin]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "li.csv" in err and "无法连接" not in err, err
        (folder / "li.csv").unlink()
    finally:
        pg_cluster.start()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handed-in", "roster.csv"]  # no output, no outbox


def test_class_export_then_class_import_into_a_fresh_class_keeps_the_threads(
    classdb, pg_cluster, report, tmp_path, capsys
):
    from tests.conftest import make_class
    from tests.pg_cluster import new_database

    with AnnotationStore(classdb.backend("zhang")) as zhang:
        asked = annotate_as(zhang, report, "双减", visibility="teacher", kind="疑问", note="张三的问题")
    with AnnotationStore(classdb.backend("li")) as li:
        shared = annotate_as(li, report, "教育强国", visibility="class", note="李四的想法")
    with AnnotationStore(classdb.backend("wang")) as wang:
        wang.reply(asked.id, "请看第三部分")
        wang.reply(shared.id, "想得好")
    with AnnotationStore(classdb.backend("zhang")) as zhang:
        zhang.reply(asked.id, "明白了，谢谢老师")
    with AnnotationStore(classdb.backend("wang")) as wang:
        before = {a: [(r.id, r.author, r.body) for r in wang.replies(a)] for a in (asked.id, shared.id)}
    folder = tmp_path / "handed-in"
    folder.mkdir()
    teacher = ["class-export", "--store", classdb.url("wang")]
    assert main([*teacher, "--student", "zhang", "-f", "jsonld", "-o", str(folder / "zhang.jsonld")]) == 0
    assert main([*teacher, "--student", "li", "-f", "csv", "-o", str(folder / "li.csv")]) == 0
    capsys.readouterr()

    (tmp_path / "fresh").mkdir()
    fresh = make_class(pg_cluster, pg_cluster.admin_url(new_database(pg_cluster)), tmp_path / "fresh")
    admin = ["class-import", str(folder), "--store", fresh.admin_url, "--class", fresh.class_id]
    assert main(admin) == 0
    out = capsys.readouterr().out
    assert "1 added, 0 updated, 0 unchanged, 1 replies" in out and "2 replies" in out and "skipped" not in out
    with AnnotationStore(fresh.backend("wang")) as wang:
        after = {a: [(r.id, r.author, r.body) for r in wang.replies(a)] for a in (asked.id, shared.id)}
    assert after == before and len(after[asked.id]) == 2  # the threads, in order, by the same people
    with fresh.raw("zhang") as raw:  # each reply belongs to its writer's role: zhang may change only his own
        raw.execute("UPDATE edu.reply SET body = 'x'")  # (and li's note came back class-shared: its thread too)
        assert [r[0] for r in raw.execute("SELECT body FROM edu.reply ORDER BY seq")] == ["想得好", "请看第三部分", "x"]
    with fresh.raw("li") as raw:  # and each reads only the threads of the notes they may read
        assert [r[0] for r in raw.execute("SELECT body FROM edu.reply ORDER BY seq")] == ["想得好"]

    assert main(admin) == 0  # again: nothing changes (ids are idempotent)
    assert "replies" not in capsys.readouterr().out
    data = json.loads((folder / "zhang.jsonld").read_text(encoding="utf-8"))
    stray = next(i for i in data["first"]["items"] if i.get("motivation") == "replying")
    data["first"]["items"].append({**stray, "id": "urn:uuid:stray-1", "creator": {"name": "不在名单上的人"}})
    (folder / "zhang.jsonld").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(admin) == 0
    assert "1 replies skipped" in capsys.readouterr().out
    with AnnotationStore(fresh.backend("wang")) as wang:
        assert len(wang.replies()) == 3


def test_a_student_importing_their_export_into_a_fresh_class_signs_only_their_own_notes(
    classdb, pg_cluster, report, tmp_path, capsys
):
    from tests.conftest import make_class
    from tests.pg_cluster import new_database

    with AnnotationStore(classdb.backend("zhang")) as zhang:
        annotate_as(zhang, report, "双减", visibility="class", note="张三给全班看的")
    with AnnotationStore(classdb.backend("li")) as li:
        mine = annotate_as(li, report, "教育强国", visibility="class", note="李四自己的")
        li.reply(mine.id, "李四的补充")
    with AnnotationStore(classdb.backend("wang")) as wang:
        wang.reply(mine.id, "老师的回应")
    export = tmp_path / "li.jsonld"  # what li exports from the store: the class-shared notes of zhang too
    assert main(["export", "--store", classdb.url("li"), "-f", "jsonld", "-o", str(export)]) == 0
    assert "张三给全班看的" in export.read_text(encoding="utf-8")
    capsys.readouterr()

    (tmp_path / "fresh").mkdir()
    fresh = make_class(pg_cluster, pg_cluster.admin_url(new_database(pg_cluster)), tmp_path / "fresh")
    assert main(["import", str(export), "--store", fresh.url("li")]) == 0
    out = capsys.readouterr().out
    assert "1 added" in out and "1 replies added" in out and "2 by classmates left to their own files" in out, out
    with AnnotationStore(fresh.backend("wang")) as wang:
        assert {a.note: a.author for a in wang.annotations()} == {"李四自己的": "李四"}  # not zhang's as 李四's
        assert [(r.author, r.body) for r in wang.replies()] == [("李四", "李四的补充")]  # nor the teacher's
    assert main(["import", str(export), "--store", fresh.url("li")]) == 0  # again: nothing changes
    assert "0 added" in capsys.readouterr().out
