"""Windows files: names with Chinese characters, spaces and parentheses for documents, stores, exports and class
folders (through the CLI and the library); exports that WPS and Excel open (CSV with BOM, Markdown UTF-8); files
written on Windows (CRLF, GBK) read back: documents and CSV imports."""

from __future__ import annotations

import csv
import io
import json

from edu_helpers.annotations import AnnotationStore, export_annotations, import_files, write_export
from edu_helpers.cli import main
from edu_helpers.teaching.classroom import import_folder
from edu_helpers.text.load import load_document
from tests.cli.windows_like import NOT_IN_GBK, REPORT, make_class_folder


def test_cli_with_chinese_spaces_and_parentheses_everywhere(tmp_path, capsys):
    f = make_class_folder(tmp_path)
    out_dir = f["folder"] / "导出 (期末)"
    out_dir.mkdir()
    assert main(["outline", str(f["doc"])]) == 0
    assert capsys.readouterr().out.startswith("2025年某市基础教育工作会议")
    store = f["folder"] / "第二 个库（备份）.sqlite"
    assert main(["annotate", str(f["doc"]), "--store", str(store), "--quote", "课后服务", "--note", "好"]) == 0
    for fmt, name in [("markdown", "学习 笔记（张三）.md"), ("csv", "批注 表 (1).csv"), ("jsonld", "批注 (1).jsonld")]:
        assert main(["export", str(f["doc"]), "--store", str(store), "--format", fmt, "-o", str(out_dir / name)]) == 0
        assert (out_dir / name).is_file()
    merged = f["folder"] / "合并 (全班).sqlite"
    assert (
        main(["import", str(out_dir / "批注 (1).jsonld"), str(out_dir / "批注 表 (1).csv"), "--store", str(merged)])
        == 0
    )
    assert capsys.readouterr().out.count("批注") == 2
    report = out_dir / "全班 汇总（一班）.html"
    assert main(["class-report", str(f["students"]), "--document", str(f["doc"]), "-o", str(report)]) == 0
    assert "张三" in report.read_text(encoding="utf-8")


def test_library_with_chinese_spaces_and_parentheses(tmp_path):
    f = make_class_folder(tmp_path)
    doc = load_document(f["doc"])
    assert doc.path == f["doc"]
    with AnnotationStore(f["folder"] / "课堂 (2).sqlite") as store:
        assert import_folder(store, f["students"])
        assert len(store) == 2


def test_csv_export_opens_in_excel_and_markdown_is_utf8(tmp_path):
    f = make_class_folder(tmp_path)
    doc = load_document(f["doc"])
    with AnnotationStore(f["store"]) as store:
        csv_path = write_export(export_annotations(store, doc, "csv"), tmp_path / "表 (1).csv", "csv")
        md_path = write_export(export_annotations(store, doc, "markdown"), tmp_path / "笔记 (1).md", "markdown")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM by which Excel and WPS know the file is UTF-8
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert len(rows) == 3 and any(NOT_IN_GBK in cell for cell in rows[1] + rows[2])
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") >= 3  # Excel's own record ends
    md = md_path.read_bytes()
    assert not md.startswith(b"\xef\xbb\xbf") and NOT_IN_GBK in md.decode("utf-8")


def test_a_windows_document_crlf_gbk_reads_back(tmp_path):
    gbk_text = REPORT.replace(NOT_IN_GBK, "吉")  # GBK cannot hold the rare character
    path = tmp_path / "从 Windows 来的 报告（GBK）.txt"
    path.write_bytes(gbk_text.replace("\n", "\r\n").encode("gbk"))
    doc = load_document(path)
    assert doc.encoding == "gb18030" and "\r" not in doc.text
    assert doc.title == "2025年某市基础教育工作会议" and len(doc.structure.paragraphs) == 4
    same = tmp_path / "同一份 (UTF-8).txt"
    same.write_text(gbk_text, encoding="utf-8")
    assert load_document(same).text == doc.text


def test_a_csv_saved_by_excel_on_chinese_windows_imports(tmp_path, capsys):
    """Excel's "CSV" on a Chinese Windows is GBK with CRLF; our own export, saved that way, imports the same."""
    f = make_class_folder(tmp_path)
    doc = load_document(f["doc"])
    with AnnotationStore(f["store"]) as store:
        text = export_annotations(store, doc, "csv")
    rare_free = text.replace(NOT_IN_GBK, "吉")
    gbk = tmp_path / "Excel 另存 (GBK).csv"
    gbk.write_bytes(rare_free.replace("\r\n", "\n").replace("\n", "\r\n").encode("gbk"))
    utf8 = tmp_path / "原样 (UTF-8).csv"
    utf8.write_text(rare_free, encoding="utf-8-sig", newline="")
    with AnnotationStore(tmp_path / "a.sqlite") as a, AnnotationStore(tmp_path / "b.sqlite") as b:
        (ra,) = import_files(a, [gbk])
        (rb,) = import_files(b, [utf8])
        assert (ra.summary.added, rb.summary.added) == (2, 2)
        notes_a = sorted((x.quote, x.note, x.author) for x in a.annotations())
        notes_b = sorted((x.quote, x.note, x.author) for x in b.annotations())
    assert notes_a == notes_b and ("吉祥小学", "吉：生僻字", "张三") in notes_a


def test_jsonld_written_on_windows_with_crlf_imports(tmp_path):
    f = make_class_folder(tmp_path)
    src = f["students"] / "张三 (1).jsonld"
    crlf = tmp_path / "张三 (CRLF).jsonld"
    crlf.write_bytes(src.read_bytes().replace(b"\n", b"\r\n"))
    with AnnotationStore(tmp_path / "c.sqlite") as store:
        (result,) = import_files(store, [crlf])
    assert result.summary.added == 2 and json.loads(crlf.read_text(encoding="utf-8"))["total"] == 2
