"""``annotate``, ``export`` and ``import`` commands: ids on stdout, files out, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

import pytest

from edu_helpers.annotations import AnnotationStore
from edu_helpers.cli import main
from tests.paths import REPO as ROOT


def test_annotate_export_import(tmp_path, capsys):
    store = str(tmp_path / "s.sqlite")
    args = ["annotate", "--store", store, "--quote", "立德树人根本任务", "--occurrence", "2"]
    assert main([*args, "--note", "笔记", "--tag", "a", "--tag", "b", "--kind", "重点", "--author", "张三"]) == 0
    new_id = capsys.readouterr().out.strip()
    assert uuid.UUID(new_id).version == 4
    with AnnotationStore(store) as s:
        a = s.get(new_id)
    assert (a.start, a.tags, a.kind, a.author, a.note) == (630, ("a", "b"), "重点", "张三", "笔记")

    out = tmp_path / "notes.jsonld"
    assert main(["export", "--store", store, "--format", "jsonld", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["total"] == 1
    assert main(["export", "--store", store, "--format", "markdown"]) == 0
    assert "> 立德树人根本任务" in capsys.readouterr().out

    other = str(tmp_path / "other.sqlite")
    assert main(["import", str(out), str(out), "--store", other]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{out}: 1 added, 0 updated, 0 unchanged", f"{out}: 0 added, 0 updated, 1 unchanged"]


def test_store_from_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EDU_ANNOTATIONS", str(tmp_path / "env.sqlite"))
    assert main(["annotate", "--quote", "双减"]) == 0
    assert (tmp_path / "env.sqlite").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["annotate", "--quote", "原文里没有这句"], "quote not found"),
        (["annotate", "--quote", "双减", "--kind", "乱写"], "unknown kind"),
        (["annotate", "--quote", "双减", "--occurrence", "9"], "occurs 1 time"),
        (["annotate", "missing.txt", "--quote", "双减"], "missing.txt"),
        (["import", "tests/data/second-report.txt"], "second-report.txt: a CSV of annotations needs a header row"),
    ],
)
def test_errors_are_one_line(tmp_path, capsys, args, message):
    assert main([*args, "--store", str(tmp_path / "s.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_a_foreign_store_file_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "edu_helpers", "export", "--store", str(bad), "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Traceback" not in proc.stderr and str(bad) in proc.stderr and proc.stderr.count("\n") == 1
    assert bad.read_text(encoding="utf-8") == "not a database"
