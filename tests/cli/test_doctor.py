"""``python -m edu_helpers doctor``: ✓ on a healthy environment (exit 0); on a broken one (a package missing or
too old, the dictionary cache or the store folder unwritable, the bundled report missing) ✗ with the fix, exit 1."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from edu_helpers.cli.doctor import marks, satisfies, writable
from tests.cli.windows_like import run_cli

#: Run doctor after a change to this interpreter (a shim standing in for a broken environment).
SHIM = """
import sys, importlib.metadata as md
{patch}
from edu_helpers.cli import main
sys.exit(main(["doctor", *sys.argv[1:]]))
"""
MISSING = """
real = md.version
def version(name):
    if name == "pandas":
        raise md.PackageNotFoundError(name)
    return real(name)
md.version = version
"""
TOO_OLD = """
real = md.version
md.version = lambda name: "0.1" if name == "jieba" else real(name)
"""
NO_REPORT = """
import edu_helpers.text.load as load
load.BUNDLED_NAME = "no-such-report.txt"
"""


def _doctor(tmp_path, patch: str = "", env: dict | None = None, *args: str) -> subprocess.CompletedProcess:
    full = {"EDU_HELPERS_CACHE": str(tmp_path / "cache"), **(env or {})}
    code = SHIM.format(patch=patch)
    import os

    environ = {k: v for k, v in os.environ.items() if k not in {"EDU_ANNOTATIONS", "PYTHONIOENCODING"}}
    environ.update(full, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=environ, timeout=300)


def _lines(out: str, mark: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(mark)]


def test_healthy_environment_says_so_and_exits_0(tmp_path):
    proc = run_cli("doctor", env={"EDU_HELPERS_CACHE": str(tmp_path / "cache"), "PYTHONIOENCODING": "utf-8"})
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, out + proc.stderr.decode()
    assert out.splitlines()[-1] == "一切正常 all good."
    for needed in (
        "Python 3.",
        "jupyterlab ",
        "jieba ",
        "jupyterlab-language-pack-zh-CN ",
        "分词词典缓存可写",
        "批注库文件夹可写",
        "内置报告",
    ):
        assert any(needed in line for line in _lines(out, "✓ ")), f"no ✓ line for {needed!r}:\n{out}"


def test_healthy_json_names_every_check(tmp_path):
    proc = _doctor(tmp_path, "", None, "--json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and data["ok"] is True
    assert all(c["ok"] for c in data["checks"] if c["needed"])
    assert {"Chromium", "中文字体"} <= {w for c in data["checks"] for w in ("Chromium", "中文字体") if w in c["what"]}


@pytest.mark.parametrize(
    ("patch", "env", "broken", "fix"),
    [
        (MISSING, {}, "pandas 未安装", 'pip install -e ".[test]"'),
        (TOO_OLD, {}, "jieba 0.1 版本不符 needs >=0.42.1", 'pip install -e ".[test]"'),
        (NO_REPORT, {}, "找不到内置报告", "reinstall"),
        ("", {"EDU_HELPERS_CACHE": "{file}/cache"}, "分词词典缓存不可写", "EDU_HELPERS_CACHE"),
        ("", {"EDU_ANNOTATIONS": "{file}/notes.sqlite"}, "批注库文件夹不可写", "EDU_ANNOTATIONS"),
    ],
    ids=["missing-package", "old-package", "missing-report", "unwritable-cache", "unwritable-store"],
)
def test_broken_environment_is_named_with_its_fix_and_exits_1(tmp_path, patch, env, broken, fix):
    blocker = tmp_path / "a file, not a folder.txt"
    blocker.write_text("x", encoding="utf-8")
    proc = _doctor(tmp_path, patch, {k: v.format(file=blocker) for k, v in env.items()})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    (bad,) = [i for i, line in enumerate(lines) if line.startswith("✗ ") and broken in line]
    assert lines[bad + 1].startswith("    修复 fix:") and fix in lines[bad + 1]
    assert lines[-1].startswith("有 1 项需要处理")  # only the broken thing is reported


def test_optional_checks_count_only_with_tests_flag(tmp_path):
    no_browser = {"EDU_CHROMIUM": str(tmp_path / "no-chromium")}
    patch = "import edu_helpers.cli.doctor as d\nd.CHROMIUM = ()\nimport shutil\nshutil.which = lambda *a, **k: None\n"
    relaxed = _doctor(tmp_path, patch, no_browser)
    assert relaxed.returncode == 0, relaxed.stdout
    assert any("没有 Chromium" in line for line in _lines(relaxed.stdout, "✗ "))
    assert _doctor(tmp_path, patch, no_browser, "--tests").returncode == 1


def test_writable_names_the_problem(tmp_path):
    assert writable(tmp_path) == ""
    assert writable(tmp_path / "not yet" / "made") == ""  # creatable counts as writable
    blocker = tmp_path / "f.txt"
    blocker.write_text("x", encoding="utf-8")
    assert "is a file" in writable(blocker / "sub")


def test_marks_fit_the_console():
    assert marks("utf-8") == ("✓", "✗")
    assert marks("gbk") == ("√", "×")
    assert marks("ascii") == ("OK", "NO")


def test_version_rules():
    assert satisfies("4.5.post3", ">=4.2") and not satisfies("4.1.9", ">=4.2")
    assert satisfies("1.5", ">=1,<2") and not satisfies("2.0", ">=1,<2")
