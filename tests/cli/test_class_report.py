"""``python -m edu_helpers class-report FOLDER [-o FILE]``: Markdown or HTML, one-line errors."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import edu_helpers
from edu_helpers.annotations import AnnotationStore
from edu_helpers.annotations.exchange import export_annotations, write_export
from edu_helpers.cli import main
from edu_helpers.teaching import classroom


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, report: edu_helpers.Document) -> Path:
    """Four demo students plus one whose note tries to inject HTML."""
    path = tmp_path_factory.mktemp("class")
    classroom.demo_student_files(path, report, n=4, seed=5)
    with AnnotationStore(tmp_path_factory.mktemp("s") / "x.sqlite") as store:
        store.annotate(report, "一体两翼", kind="疑问", note="<script>alert(1)</script>", author="<img onerror=x>")
        write_export(export_annotations(store, report, "jsonld"), path / "zz.jsonld", "jsonld")
    return path


def _merged(folder: Path) -> list:
    """The folder's annotations, merged into a fresh store."""
    with tempfile.TemporaryDirectory() as tmp, AnnotationStore(Path(tmp) / "check.sqlite") as store:
        classroom.import_folder(store, folder)
        return store.annotations()


def _authors(folder: Path) -> set[str]:
    return {a.author for a in _merged(folder)}


def test_markdown_to_stdout(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["class-report", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 2023年全国教育工作会议 · 课堂批注汇总\n")
    assert "5 名学生" in out and "## 待讨论的疑问" in out and "| p12 |" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "<script>" not in out and "<img" not in out
    for name in _authors(folder) - {"<img onerror=x>"}:
        assert name in out


def test_html_file_anonymised(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "report.html"
    assert main(["class-report", str(folder), "-o", str(out_file), "--anonymise"]) == 0
    assert capsys.readouterr().out == ""
    page = out_file.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "edu-heatmap" in page and "学生01" in page
    assert "<script>alert" not in page and "<img onerror" not in page
    for name in _authors(folder):
        assert name not in page


def test_markdown_file_and_store_merge_is_idempotent(folder: Path, tmp_path: Path) -> None:
    store = tmp_path / "class.sqlite"
    for force in ([], ["--force"]):  # the second run replaces its own report only when asked to
        assert main(["class-report", str(folder), "-o", str(tmp_path / "r.md"), "--store", str(store), *force]) == 0
    with AnnotationStore(store) as s:
        assert len(s) == len(_merged(folder))
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("bad", ["missing-folder", "a-file.txt"])
def test_bad_folder_one_line_exit_2(tmp_path: Path, bad: str) -> None:
    (tmp_path / "a-file.txt").write_text("x", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "edu_helpers", "class-report", str(tmp_path / bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ") and bad in result.stderr


def test_bad_file_in_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.csv").write_text("this,is\nnot,an export\n", encoding="utf-8")
    assert main(["class-report", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "broken.csv" in err
