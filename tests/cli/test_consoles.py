"""Consoles: on a GBK (cp936) or ASCII console no command crashes; what the console cannot show is replaced;
``--json`` output (and a JSON-LD export) is UTF-8 whatever the console."""

from __future__ import annotations

import json

import pytest

from tests.cli.windows_like import NOT_IN_GBK, make_class_folder, run_cli

ENCODINGS = ["gbk", "ascii"]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return make_class_folder(tmp_path_factory.mktemp("consoles"))


def _readable(proc, encoding: str) -> str:
    """stdout as the console shows it: it must be valid in the console's encoding; no traceback anywhere."""
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stderr
    return proc.stdout.decode(encoding)  # strict: a byte the console cannot decode fails here


def _commands(files, tmp):
    doc, store = files["doc"], files["store"]
    return {
        "outline": ["outline", doc],
        "search": ["search", doc, "--query", "小学"],
        "annotate": ["annotate", doc, "--store", tmp / "新 库 (2).sqlite", "--quote", "双减", "--note", NOT_IN_GBK],
        "export-markdown": ["export", doc, "--store", store, "--format", "markdown"],
        "export-csv": ["export", doc, "--store", store, "--format", "csv"],
        "import": ["import", files["students"] / "张三 (1).jsonld", "--store", tmp / "导入 (3).sqlite"],
        "class-report": ["class-report", files["students"], "--document", doc],
        "doctor": ["doctor"],
    }


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(
    "command", ["outline", "search", "annotate", "export-markdown", "export-csv", "import", "class-report", "doctor"]
)
def test_every_printing_command_survives_the_console(files, tmp_path, encoding, command):
    proc = run_cli(*_commands(files, tmp_path)[command], encoding=encoding)
    if command == "doctor":  # healthy or not, doctor must print its report
        assert proc.returncode in (0, 1) and b"Traceback" not in proc.stderr, proc.stderr
        out = proc.stdout.decode(encoding)
        marks = ("√", "×") if encoding == "gbk" else ("OK", "NO")
        assert all(line.startswith(marks) for line in out.splitlines()[1:-1] if not line.startswith(" ")), out
        return
    out = _readable(proc, encoding)
    assert NOT_IN_GBK not in out
    if command in {"outline", "search", "export-markdown", "export-csv", "class-report"}:
        assert "?" in out  # the character the console cannot show was replaced, not dropped silently
        if encoding == "gbk":
            assert "会议" in out  # the rest of the Chinese is shown
    if command == "import":
        assert "1 added" in out or "2 added" in out


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("command", ["outline", "search", "export-jsonld", "doctor"])
def test_json_is_utf8_whatever_the_console(files, encoding, command):
    doc, store = files["doc"], files["store"]
    argv = {
        "outline": ["outline", doc, "--json"],
        "search": ["search", doc, "--query", "小学", "--json"],
        "export-jsonld": ["export", doc, "--store", store, "--format", "jsonld"],
        "doctor": ["doctor", "--json"],
    }[command]
    proc = run_cli(*argv, encoding=encoding)
    assert b"Traceback" not in proc.stderr, proc.stderr
    data = json.loads(proc.stdout.decode("utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    if command == "doctor":
        assert isinstance(data["ok"], bool) and all("✓" not in c["what"] for c in data["checks"])
        assert "分词词典缓存" in text
    else:
        assert NOT_IN_GBK in text  # the character a GBK console cannot show survives in JSON


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_an_error_about_a_chinese_path_is_one_line_on_any_console(tmp_path, encoding):
    missing = tmp_path / "没有 这个 文件（草稿）.txt"
    proc = run_cli("outline", missing, encoding=encoding)
    assert proc.returncode == 2
    lines = proc.stderr.decode(encoding).strip().splitlines()
    assert len(lines) == 1 and "no such file" in lines[0], proc.stderr
    assert b"Traceback" not in proc.stderr


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_help_with_chinese_text_prints_on_any_console(encoding):
    proc = run_cli("--help", encoding=encoding)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    assert "doctor" in proc.stdout.decode(encoding)
