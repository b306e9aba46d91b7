"""``python -m edu_helpers outline``: readable outline, JSON contract, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from edu_helpers.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edu_helpers", *args], capture_output=True, text=True, timeout=120)


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_outline_json_contract(report, capsys):
    assert main(["outline", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "2023年全国教育工作会议"
    assert data["subtitles"] == ["加快建设高质量教育体系", "办好人民满意的教育"]
    assert len(data["paragraphs"]) == 17
    first = data["paragraphs"][0]
    assert set(first) >= {"id", "text", "section", "item", "sentences"}
    assert [p["section"] for p in data["paragraphs"]] == [0, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4, 5]
    assert [p["item"] for p in data["paragraphs"]][3:7] == [1, 2, 3, 4]
    assert all(isinstance(s, str) for p in data["paragraphs"] for s in p["sentences"])
    assert "".join(data["paragraphs"][5]["sentences"]) == data["paragraphs"][5]["text"]


def test_outline_readable(capsys):
    assert main(["outline", "tests/data/second-report.txt"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2024年全省职业教育工作会议")
    assert "[3] 参会人员" in out and "(2) 第二，推进数字化转型" in out


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "pic.png", b"\x89PNG\r\n\x1a\n\x00\x00"), "binary"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, make, problem):
    path = make(tmp_path)
    proc = run_cli("outline", str(path))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert problem in lines[0] and str(path) in lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_unknown_option_is_one_line_exit_2():
    proc = run_cli("outline", "--nope")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
