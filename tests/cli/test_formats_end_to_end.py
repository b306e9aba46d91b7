"""Every input format end to end: ``outline FILE --report``, annotations on a PDF-loaded document that
re-anchor exactly when the same PDF is loaded again, the class report, bad inputs as one line and exit 2,
and a sidecar .toml with wrong types named in one error."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import edu_helpers
from edu_helpers.annotations import AnnotationStore
from edu_helpers.annotations.exchange import export_annotations, write_export
from edu_helpers.cli import main
from edu_helpers.errors import DocumentError
from tests.paths import REPO
from tests.text import forms


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edu_helpers", *args], capture_output=True, text=True, timeout=timeout, cwd=REPO
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("formats")
    out = {}
    for form in (forms.pdf_form(forms.with_radicals, "kangxi"), forms.docx_form(), forms.html_form("portal")):
        path = folder / f"{form.name}{form.suffix}"
        path.write_bytes(form.data)
        out[form.suffix.lstrip(".")] = path
    return out


def test_outline_report_is_the_load_report(files):
    result = _cli("outline", str(files["pdf"]), "--report")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{files['pdf']}：pdf，pdf，简体；17 段，6 个部分，11 个条目")
    assert any(line.startswith("  [codepoints] kangxi-radicals: ") and "⾼→高" in line for line in lines)
    assert any(line.startswith("  [reader] pdf-page-number: 3（— 1 —") for line in lines)
    data = json.loads(_cli("outline", str(files["html"]), "--report", "--json").stdout)
    assert data["format"] == "html" and data["paragraphs"] == 17 and data["sections"] == 6
    assert {c["rule"] for c in data["changes"]} >= {"html-page-chrome"}


def test_outline_of_each_format(files, capsys):
    for path in files.values():
        assert main(["outline", str(path)]) == 0
        out = capsys.readouterr().out
        assert out.startswith("2023年全国教育工作会议\n  加快建设高质量教育体系\n  办好人民满意的教育\n")


def test_annotations_on_a_pdf_reanchor_exactly(files, tmp_path):
    doc = edu_helpers.load_document(files["pdf"])
    quotes = ["高质量教育体系", "立德树人", "职普融通", "教育数字化战略行动"]
    with AnnotationStore(tmp_path / "notes.sqlite") as store:
        made = [store.annotate(doc, q, kind="重点", note=f"注{i}") for i, q in enumerate(quotes)]
    again = edu_helpers.load_document(files["pdf"])
    assert again.id == doc.id
    with AnnotationStore(tmp_path / "notes.sqlite") as store:
        placed = store.anchored(again)
    assert len(placed) == len(made)
    for p, a in zip(sorted(placed, key=lambda p: p.annotation.note), made, strict=True):
        assert p.status == "anchored" and (p.start, p.end) == (a.start, a.end)
        assert again.text[p.start : p.end] == a.quote


def test_class_report_on_a_docx(files, tmp_path, capsys):
    doc = edu_helpers.load_document(files["docx"])
    folder = tmp_path / "class"
    folder.mkdir()
    for k, who in enumerate(("学生甲", "学生乙")):
        with AnnotationStore(tmp_path / f"{k}.sqlite") as store:
            store.annotate(doc, "立德树人", kind="疑问", note="为什么是根本任务？", author=who)
            write_export(export_annotations(store, doc, "jsonld"), folder / f"{k}.jsonld", "jsonld")
    assert main(["class-report", str(folder), "--document", str(files["docx"])]) == 0
    out = capsys.readouterr().out
    assert "2 名学生" in out and "为什么是根本任务" in out


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        ("scan.pdf", "no text layer"),
        ("locked.pdf", "encrypted and needs a password"),
        ("sheet.docx", "Excel workbook"),
        ("home.html", "no article text"),
        ("fifo.txt", "not a regular file"),
    ],
)
def test_bad_inputs_one_line_exit_2(tmp_path, make, problem):
    path = tmp_path / make
    if make == "scan.pdf":
        path.write_bytes(forms.pdf_bytes(image_only=True)[0])
    elif make == "locked.pdf":
        head, paras = forms.report_parts()
        path.write_bytes(forms.pdf_bytes(head, paras[:2], encrypt="secret")[0])
    elif make == "sheet.docx":
        import io
        import zipfile

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("xl/workbook.xml", "<x/>")
        path.write_bytes(buf.getvalue())
    elif make == "home.html":
        path.write_bytes(forms.no_article_page())
    else:
        os.mkfifo(path)
    result = _cli("outline", str(path), timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and problem in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_outline_dev_zero_does_not_read_it():
    result = _cli("outline", "/dev/zero", timeout=30)
    assert result.returncode == 2 and "not a regular file" in result.stderr


@pytest.mark.parametrize(
    ("sidecar", "problem"),
    [
        ("section_titles = 5\n", "section_titles must be a list"),
        ('section_titles = ["导语", 3]\n', "list of strings"),
        ("title = 2023\n", "title must be a str"),
        ("title = [\n", "invalid TOML"),
    ],
)
def test_sidecar_with_wrong_types_is_one_clear_error(tmp_path, sidecar, problem):
    doc = tmp_path / "report.txt"
    doc.write_bytes(forms.bundled_path().read_bytes())
    meta = tmp_path / "report.toml"
    meta.write_text(sidecar, encoding="utf-8")
    with pytest.raises(DocumentError, match=problem) as info:
        edu_helpers.load_document(doc)
    assert str(meta) in str(info.value)
    result = _cli("outline", str(doc))
    assert result.returncode == 2 and str(meta) in result.stderr and result.stderr.count("\n") == 1
