"""The project's own promises: two commands, one dependency list in two files, CI that requires the browser."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import tomllib

import pytest

from tests.paths import REPO as ROOT

#: conda-only entries with no PyPI counterpart in pyproject.toml
CONDA_ONLY = {"python", "pip"}


def normalise(requirement: str) -> str:
    """``"Jupyter_Server>=2"`` → ``"jupyter-server"`` (PEP 503 names, version and extras dropped)."""
    name = re.split(r"[<>=!~;\[\s]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def conda_dependencies(text: str) -> set[str]:
    """Names in the top-level ``dependencies:`` list of an environment.yml (nested ``pip:`` lists included)."""
    names, inside = set(), False
    for line in text.splitlines():
        if re.match(r"^dependencies:\s*$", line):
            inside = True
        elif inside and re.match(r"^\S", line):  # the next top-level key ends the list
            inside = False
        elif inside and (m := re.match(r"^\s*-\s*([^#]+?)\s*(#.*)?$", line)) and not m.group(1).endswith(":"):
            names.add(normalise(m.group(1)))
    return names - CONDA_ONLY


def pyproject_dependencies(data: dict) -> set[str]:
    project = data["project"]
    reqs = [*project["dependencies"], *project.get("optional-dependencies", {}).get("test", [])]
    return {normalise(r) for r in reqs}


@pytest.mark.parametrize(
    ("requirement", "name"),
    [("jupyterlab>=4.2", "jupyterlab"), ("Jupyter_Server [x] >=2", "jupyter-server"), ("ruff", "ruff")],
)
def test_normalise(requirement, name):
    assert normalise(requirement) == name


def test_conda_parser_reads_nested_pip_list_and_stops_at_next_key():
    text = "name: x\ndependencies:\n  - python>=3.11\n  - pandas>=2  # data\n  - pip:\n    - Foo_Bar==1\nchannels: []\n"
    assert conda_dependencies(text) == {"pandas", "foo-bar"}


def test_environment_yml_and_pyproject_name_the_same_dependencies():
    conda = conda_dependencies((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = pyproject_dependencies(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8")))
    assert conda == pip, (
        f"only in environment.yml: {sorted(conda - pip)}; only in pyproject.toml: {sorted(pip - conda)}"
    )


@pytest.mark.parametrize("target", ["lab", "test", "bench", "present"])
def test_makefile_has_target(target):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{target}\s*:", makefile, re.M), f"Makefile has no `{target}:` target"


def test_make_lab_opens_start_here_and_bench_runs_the_harness():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    launch = [line for line in dry.stdout.splitlines() if "-m edu_helpers" in line][-1]
    # the same launcher as `python -m edu_helpers lab` (tests/cli/test_launcher.py: notebook, --allow-root)
    assert re.search(r"python -m edu_helpers lab$", launch), dry.stdout
    present = subprocess.run(
        ["make", "--no-print-directory", "-n", "present"], cwd=ROOT, capture_output=True, text=True
    )
    assert re.search(r"python -m edu_helpers present --port 8866$", present.stdout.strip()), present.stdout
    assert re.search(r"^bench\s*:.*\n(\t.*\n)*\t.*-m benchmarks\b", makefile, re.M)


def test_ci_requires_the_browser_and_runs_make_test():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in script.splitlines() if line.strip() and not line.strip().startswith("#")]
    require = next((i for i, line in enumerate(lines) if re.search(r"\bEDU_REQUIRE_BROWSER=1\b", line)), None)
    make_test = next((i for i, line in enumerate(lines) if re.search(r"\bmake test\b", line)), None)
    assert require is not None, ".ci/run does not set EDU_REQUIRE_BROWSER=1"
    assert make_test is not None, ".ci/run does not call `make test`"
    assert require < make_test, "EDU_REQUIRE_BROWSER=1 must be set before `make test`"
    assert re.search(r"\bexport\s+EDU_REQUIRE_BROWSER=1|EDU_REQUIRE_BROWSER=1\s+make test", script)
    assert "chromium" in script and "fonts-wqy-zenhei" in script


def test_readme_gives_the_two_commands():
    readme = ROOT / "README.md"
    assert readme.exists(), "README.md is missing"
    text = readme.read_text(encoding="utf-8")
    for command in ("make lab", "make test"):
        assert command in text, f"README.md does not mention `{command}`"


def test_bench_harness_finds_the_modules_without_running_them():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--only", "no-such-module"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 2, done.stderr
    assert "bench_notebooks" in done.stderr


def test_every_bench_module_imports_with_a_run_function():
    # `make bench` turns an exception into an "ERROR in bench_x" row, so a module that no longer imports (the
    # layers move once left `from harness import` in bench_notebooks) would only show up in its table
    from benchmarks.__main__ import discover

    names = discover()
    assert len(names) >= 9, names
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        assert callable(getattr(module, "run", None)), f"benchmarks/{name}.py has no run()"
