"""Bad input to ``compare``, ``kwic`` and the output options: one line on stderr naming the path, exit 2.

A folder given to ``compare``, one bad file (one error line, not a warning and then the error), reports
only in subfolders of a ``kwic`` folder, and an output file in a folder that does not exist.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from edu_helpers.annotations import AnnotationStore, export_annotations, write_export
from edu_helpers.cli import main

BASE = "2024年全市教育工作会议召开\n\n会议强调，要办好人民满意的教育。\n"
LATER = "2025年全市教育工作会议召开\n\n会议指出，要加快建设教育强市，办好人民满意的教育。\n"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory, monkeypatch):
    """The corpus cache of these tests is theirs, never the user's."""
    monkeypatch.setenv("EDU_HELPERS_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def files(tmp_path) -> Path:
    """``base.txt``, ``later.txt``, ``empty.txt``; ``one/`` (one report), ``two/`` (two), ``nothing/`` (empty),
    ``nested/`` (reports only in ``nested/a`` and ``nested/b``) and ``mixed/`` (one on top, one in ``mixed/sub``)."""
    (tmp_path / "base.txt").write_text(BASE, encoding="utf-8")
    (tmp_path / "later.txt").write_text(LATER, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    for folder, texts in {
        "one": {"a.txt": BASE},
        "two": {"a.txt": BASE, "b.txt": LATER},
        "nothing": {},
        "nested": {"a/r1.txt": BASE, "b/r2.txt": LATER, "b/notes.md": "# 笔记\n"},
        "mixed": {"top.txt": BASE, "sub/deeper.txt": LATER},
    }.items():
        (tmp_path / folder).mkdir()
        for name, text in texts.items():
            (tmp_path / folder / name).parent.mkdir(exist_ok=True)
            (tmp_path / folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def one_line_error(capsys, *words: str) -> str:
    """The single ``error: …`` line on stderr, which contains every one of ``words``."""
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Errno" not in err and ".tmp" not in err and "Traceback" not in err, err
    for word in words:
        assert word in err, err
    return err


# 1. compare with a folder


@pytest.mark.parametrize("folder", ["one", "two", "nothing"])
@pytest.mark.parametrize("side", ["a", "b"])
def test_compare_names_the_folder_given_for_a_report(files, capsys, folder, side):
    report, other = str(files / "base.txt"), str(files / folder)
    args = [report, other] if side == "b" else [other, report]
    assert main(["compare", *args]) == 2
    one_line_error(capsys, f"{other}: is a directory, not a document")


# 2. one bad file: one error line


@pytest.mark.parametrize(("name", "problem"), [("missing.txt", "no such file"), ("empty.txt", "the file is empty")])
def test_compare_with_a_bad_file_prints_only_the_error(files, capsys, name, problem):
    assert main(["compare", str(files / "base.txt"), str(files / name)]) == 2
    err = one_line_error(capsys, f"{files / name}: {problem}")
    assert "warning" not in err


def test_compare_with_two_bad_files_names_both_on_one_line(files, capsys):
    assert main(["compare", str(files / "missing.txt"), str(files / "empty.txt")]) == 2
    one_line_error(capsys, "missing.txt: no such file", "empty.txt: the file is empty")


def test_kwic_on_one_bad_file_prints_only_the_error(files, capsys):
    assert main(["kwic", str(files / "missing.txt"), "-q", "教育"]) == 2
    err = one_line_error(capsys, f"{files / 'missing.txt'}: no such file")
    assert "warning" not in err


def test_kwic_keeps_the_warning_when_it_goes_on(files, capsys):
    assert main(["kwic", str(files / "base.txt"), str(files / "empty.txt"), "-q", "教育"]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"warning: skipped {files / 'empty.txt'}: the file is empty\n"
    assert "in 1 of 1 reports" in captured.out


# 3. kwic and subfolders


def test_kwic_folder_with_reports_only_in_subfolders_says_so(files, capsys):
    assert main(["kwic", str(files / "nested"), "-q", "教育"]) == 2
    one_line_error(
        capsys,
        f"{files / 'nested'}: no report file at the top",
        "subfolders are not searched",
        "2 report files in a, b",
    )


def test_kwic_empty_folder_says_what_was_looked_for(files, capsys):
    assert main(["kwic", str(files / "nothing"), "-q", "教育"]) == 2
    one_line_error(capsys, f"{files / 'nothing'}: no report file in this folder", ".txt")


def test_kwic_warns_once_about_skipped_subfolders(files, capsys):
    assert main(["kwic", str(files / "mixed"), "-q", "教育"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and captured.err.startswith("warning: "), captured.err
    assert str(files / "mixed") in captured.err and "subfolders are not searched" in captured.err
    assert "1 report file in sub" in captured.err
    assert "in 1 of 1 reports" in captured.out


def test_kwic_folder_and_its_subfolders_given_together_do_not_warn(files, capsys):
    paths = [str(files / "mixed"), str(files / "mixed" / "sub")]
    assert main(["kwic", *paths, "-q", "教育"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "in 2 of 2 reports" in captured.out


# 4. outputs in a folder that does not exist


@pytest.fixture
def notes(files) -> Path:
    from edu_helpers.text.load import load_document

    doc = load_document(files / "base.txt")
    with AnnotationStore(files / "notes.sqlite") as s:
        s.annotate(doc, "人民满意", note="课堂笔记")
        (files / "students").mkdir()
        write_export(export_annotations(s, doc, "jsonld"), files / "students" / "甲.jsonld", "jsonld")
    return files / "notes.sqlite"


def _outputs(files: Path, notes: Path, out: str) -> dict[str, list[str]]:
    doc, store = str(files / "base.txt"), str(notes)
    return {
        "compare": ["compare", doc, str(files / "later.txt"), "--html", out],
        "export": ["export", doc, "--store", store, "-f", "csv", "-o", out],
        "class-export": ["class-export", doc, "--store", store, "-f", "markdown", "-o", out],
        "class-report": ["class-report", str(files / "students"), "--document", doc, "-o", out],
    }


@pytest.mark.parametrize("command", ["compare", "export", "class-export", "class-report"])
def test_an_output_in_a_missing_folder_is_one_clear_line(files, notes, capsys, command):
    out = str(files / "no" / "such" / "out.html")
    assert main(_outputs(files, notes, out)[command]) == 2
    one_line_error(capsys, out, f"the folder {files / 'no' / 'such'} does not exist")
    assert capsys.readouterr().out == ""
    assert not (files / "no").exists()


@pytest.mark.parametrize("command", ["compare", "export", "class-export", "class-report"])
def test_an_output_that_cannot_be_written_is_one_clear_line(files, notes, capsys, monkeypatch, command):
    import edu_helpers.annotations.outputs as outputs

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", kwargs.get("dir"))

    monkeypatch.setattr(outputs.tempfile, "mkstemp", refuse)
    out = str(files / "out.html")
    assert main(_outputs(files, notes, out)[command]) == 2
    one_line_error(capsys, f"{out}: cannot write the file (Permission denied)")


def test_the_real_command_prints_one_line_and_no_traceback(files):
    """The same, through ``python -m edu_helpers`` as a user runs it."""
    cmd = [sys.executable, "-m", "edu_helpers", "compare", str(files / "base.txt"), str(files / "two")]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    expected = f"error: {files / 'two'}: is a directory, not a document (compare takes two report files)\n"
    assert r.returncode == 2 and r.stderr == expected, r.stderr


def test_any_other_os_error_names_its_file_without_errno(monkeypatch, capsys):
    """The last resort in ``main``: an :class:`OSError` nobody turned into a message still reads "file: problem"."""
    import edu_helpers.cli.outline as outline

    def fail(args):
        raise FileNotFoundError(2, "No such file or directory", "/no/such/place")

    monkeypatch.setattr(outline, "run", fail)
    assert main(["outline"]) == 2
    assert capsys.readouterr().err == "error: /no/such/place: No such file or directory\n"


def test_class_setup_out_that_is_a_file_fails_before_the_class_is_set_up(files, capsys):
    roster = files / "roster.csv"
    roster.write_text("user,name,role\nwang,王老师,teacher\n", encoding="utf-8")
    args = ["class-setup", "--db", "postgresql://nobody@127.0.0.1:1/none", "--class", "c1", "--roster", str(roster)]
    assert main([*args, "--out", str(files / "base.txt")]) == 2  # no server is tried: the port is closed
    one_line_error(capsys, f"{files / 'base.txt'}: is a file, not a folder")


def test_class_setup_without_a_server_is_one_line_without_the_password(files, capsys):
    roster = files / "roster.csv"
    roster.write_text("user,name,role\nwang,王老师,teacher\n", encoding="utf-8")
    db = "postgresql://owner:s3cret@127.0.0.1:1/none"  # port 1: nothing listens there
    assert main(["class-setup", "--db", db, "--class", "c1", "--roster", str(roster)]) == 2
    err = one_line_error(capsys, "postgresql://owner:***@127.0.0.1:1/none: cannot set up the class", "refused")
    assert "s3cret" not in err
