"""Output paths never replace a store, an SQLite file or an input; an existing file only with --force."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from edu_helpers.annotations import AnnotationStore, OutputError, export_annotations, write_export, write_output
from edu_helpers.cli import main


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(tmp_path, report) -> Path:
    path = tmp_path / "notes.sqlite"
    with AnnotationStore(path) as s:
        for quote in ("双减", "立德树人根本任务"):
            s.annotate(report, quote, note="课堂笔记")
    return path


def _one_line_error(capsys, *words: str) -> None:
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for word in words:
        assert word in err, err


@pytest.mark.parametrize("fmt", ["markdown", "csv", "jsonld"])
def test_export_onto_the_store_in_use_is_refused(filled, capsys, fmt):
    before = _sha(filled)
    assert main(["export", "--store", str(filled), "--format", fmt, "-o", str(filled), "--force"]) == 2
    _one_line_error(capsys, str(filled), "store")
    assert _sha(filled) == before
    with AnnotationStore(filled) as s:
        assert len(s) == 2


def test_export_onto_the_stores_wal_or_a_link_to_it_is_refused(filled, tmp_path, capsys):
    link = tmp_path / "alias.md"
    os.link(filled, link)
    for target in (link, Path(f"{filled}-wal")):
        assert main(["export", "--store", str(filled), "--format", "csv", "-o", str(target), "--force"]) == 2
        _one_line_error(capsys, str(target))
    assert not Path(f"{filled}-wal").exists() or Path(f"{filled}-wal").stat().st_size == 0


def test_export_onto_another_annotation_store_or_sqlite_file_is_refused(filled, tmp_path, capsys, report):
    other = tmp_path / "class.sqlite"
    with AnnotationStore(other) as s:
        s.annotate(report, "双减")
    photos = tmp_path / "photos.db"
    conn = sqlite3.connect(photos)
    conn.execute("CREATE TABLE p (x)")
    conn.commit()
    conn.close()
    for target, what in ((other, "annotation store"), (photos, "SQLite database")):
        before = _sha(target)
        assert main(["export", "--store", str(filled), "--format", "markdown", "-o", str(target), "--force"]) == 2
        _one_line_error(capsys, str(target), what)
        assert _sha(target) == before


def test_export_onto_the_document_is_refused(filled, tmp_path, capsys, report):
    doc = tmp_path / "report.txt"
    doc.write_text(report.text, encoding="utf-8")
    before = _sha(doc)
    assert main(["export", str(doc), "--store", str(filled), "--format", "markdown", "-o", str(doc), "--force"]) == 2
    _one_line_error(capsys, "input")
    assert _sha(doc) == before


def test_an_existing_output_is_replaced_only_with_force(filled, tmp_path, capsys):
    out = tmp_path / "mine.md"
    out.write_text("我自己写的东西", encoding="utf-8")
    assert main(["export", "--store", str(filled), "--format", "markdown", "-o", str(out)]) == 2
    _one_line_error(capsys, str(out), "--force")
    assert out.read_text(encoding="utf-8") == "我自己写的东西"
    assert main(["export", "--store", str(filled), "--format", "markdown", "-o", str(out), "--force"]) == 0
    assert "课堂笔记" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left


@pytest.fixture
def class_folder(tmp_path, report) -> Path:
    folder = tmp_path / "students"
    folder.mkdir()
    with AnnotationStore(tmp_path / "student.sqlite") as s:
        s.annotate(report, "双减", note="学生甲", author="甲")
        write_export(export_annotations(s, report, "jsonld"), folder / "甲.jsonld", "jsonld")
    return folder


def test_class_report_never_replaces_a_students_file_or_the_class_store(class_folder, tmp_path, capsys, report):
    student = class_folder / "甲.jsonld"
    store = tmp_path / "class.sqlite"
    assert main(["class-report", str(class_folder), "--store", str(store)]) == 0
    capsys.readouterr()
    for target in (student, store):
        before = _sha(target)
        args = ["class-report", str(class_folder), "--store", str(store), "-o", str(target), "--force"]
        assert main(args) == 2
        _one_line_error(capsys, str(target))
        assert _sha(target) == before


def test_write_output_refuses_a_folder_and_a_device(tmp_path):
    with pytest.raises(OutputError, match="folder"):
        write_output("x", tmp_path, force=True)
    with pytest.raises(OutputError, match="regular file"):
        write_output("x", "/dev/null", force=True)


def test_notebook_exports_refuse_the_store(tmp_path, report):
    from edu_helpers.teaching.classroom import open_class
    from edu_helpers.teaching.report import write_class_files

    session = open_class(demo_students=2)
    session.exports = session.store.path.parent  # a teacher pointing the exports at the store's folder
    (session.exports / "课堂汇总.md").unlink(missing_ok=True)
    os.link(session.store.path, session.exports / "课堂汇总.md")
    before = _sha(session.store.path)
    with pytest.raises(OutputError):
        write_class_files(session)
    assert _sha(session.store.path) == before
    session.store.close()
