"""The layout keeps its promises: layers enforced, every package shipped, the wheel works without a checkout."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

from tests.paths import REPO

PACKAGE = REPO / "edu_helpers"
#: modules may run a little over ~300 lines (STYLE.md); past this they must be split
MAX_LINES = 340


def test_import_linter_contracts_hold():
    """Layers text < analysis < annotations < teaching < ui < cli, front end and jieba confined, no cycles."""
    exe = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(exe)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "4 kept, 0 broken" in out.stdout


def test_every_package_folder_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in PACKAGE.rglob("__init__.py")}
    assert listed == found | {"edu_helpers.source", "edu_helpers.data"}


def test_modules_stay_small_and_documented():
    for path in PACKAGE.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= MAX_LINES, f"{path.relative_to(REPO)} has {lines} lines: split it by responsibility"
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), f"{path} has no module docstring"


def test_text_layer_does_not_know_the_analysis_layer():
    """doc.tokens and friends are registered by analysis/, not imported by text/ (lazily or not)."""
    for path in (PACKAGE / "text").rglob("*.py"):
        assert "edu_helpers.analysis" not in path.read_text(encoding="utf-8"), path


@pytest.mark.slow
def test_wheel_installs_and_works_from_another_folder(tmp_path):
    """Build the wheel, install it into a fresh venv (dependencies borrowed from this one, not the package),
    and from an unrelated folder load the bundled report, segment it and save an annotation."""
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    shutil.rmtree(REPO / "build", ignore_errors=True)
    (wheel,) = wheels.glob("edu_helpers-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.check_output(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    # the dependencies: this environment's site-packages on the path (its .pth files, and so our editable
    # install, are not processed there); the package itself only from the wheel
    (site / "borrowed.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr[-3000:]

    work, home = tmp_path / "elsewhere", tmp_path / "home"
    work.mkdir()
    code = (
        "import edu_helpers, pathlib\n"
        "from edu_helpers.annotations import AnnotationStore, default_store_path\n"
        "doc = edu_helpers.load_document()\n"
        "print(pathlib.Path(edu_helpers.__file__).resolve())\n"
        "print(len(doc.structure.paragraphs), len(doc.sections), int(doc.paragraphs['item'].notna().sum()))\n"
        "print(int((doc.tokens['token'] == '立德树人').sum()))\n"
        "print(default_store_path())\n"
        "with AnnotationStore() as store:\n"
        "    store.annotate(doc, '立德树人', note='根本任务')\n"
        "with AnnotationStore() as store:\n"
        "    print(len(store), store.path.is_file())\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"EDU_ANNOTATIONS", "PYTHONPATH"}}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    run = subprocess.run([str(py), "-c", code], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    where, counts, lide, store_path, saved = run.stdout.strip().splitlines()
    assert Path(where).is_relative_to(venv) and not Path(where).is_relative_to(REPO)
    assert counts == "17 6 11"
    assert int(lide) >= 1
    assert Path(store_path) == home / "data" / "edu_helpers" / "notes.sqlite"
    assert saved == "1 True"
