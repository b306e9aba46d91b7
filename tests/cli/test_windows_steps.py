"""The README's Windows steps, run as written minus the platform: ``py`` is this Python, ``.venv\\Scripts\\python``
the new venv's python (``bin/python`` here), in a folder whose name has Chinese characters, spaces and parentheses.

Kept fast as tests/test_architecture.py does: the venv borrows this environment's site-packages for the
dependencies (``--no-deps --no-build-isolation`` added to the install), so nothing is downloaded; the project itself
is installed into the venv by the README's command.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.browser.edu_browser import free_port, server_env
from tests.cli.test_launcher import _get, _launch, _stop, _wait, lab_app_dir
from tests.paths import REPO

STEPS = [
    "py -m venv .venv",
    '.venv\\Scripts\\python -m pip install -e ".[test]"',
    ".venv\\Scripts\\python -m edu_helpers doctor",
    ".venv\\Scripts\\python -m edu_helpers lab",
]


def readme_windows_steps() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("### Windows", 1)[1]
    block = re.search(r"```powershell\n(.*?)```", section, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]


def test_readme_gives_exactly_these_windows_steps():
    assert readme_windows_steps() == STEPS


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="process groups and symlinks as on the Linux CI")
def test_windows_steps_minus_the_platform(tmp_path):
    home = tmp_path / "我的 项目 (副本)"
    home.mkdir()
    venv = home / ".venv"
    env = {k: v for k, v in os.environ.items() if k not in {"EDU_ANNOTATIONS", "PYTHONPATH", "VIRTUAL_ENV"}}
    env["EDU_HELPERS_CACHE"] = str(tmp_path / "cache")

    # py -m venv .venv
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.check_output(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    (site / "borrowed.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    # Python 3.11's ensurepip also puts an old setuptools into the venv (3.12 puts none); pip's build isolation
    # would fetch a current one, which --no-build-isolation cannot: remove it, so the borrowed one builds
    for old_setuptools in [*site.glob("setuptools*"), *site.glob("pkg_resources"), *site.glob("_distutils_hack")]:
        shutil.rmtree(old_setuptools) if old_setuptools.is_dir() else old_setuptools.unlink()
    (site / "distutils-precedence.pth").unlink(missing_ok=True)

    # .venv\Scripts\python -m pip install -e ".[test]"  (in the project folder)
    install = subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "-e", ".[test]"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    where = subprocess.check_output([str(py), "-c", "import edu_helpers, sys; print(sys.prefix)"], env=env, text=True)
    assert Path(where.strip()) == venv

    # .venv\Scripts\python -m edu_helpers doctor
    doctor = subprocess.run(
        [str(py), "-m", "edu_helpers", "doctor", "--json"], cwd=home, env=env, capture_output=True, timeout=300
    )
    data = json.loads(doctor.stdout.decode("utf-8"))
    assert doctor.returncode == 0 and data["ok"], doctor.stdout.decode("utf-8")

    # .venv\Scripts\python -m edu_helpers lab  (plus: no browser, a known port and token; then stopped)
    lab_env = {**server_env(tmp_path / "server"), "EDU_HELPERS_CACHE": env["EDU_HELPERS_CACHE"]}
    lab_env.pop("PYTHONPATH", None)
    lab_env["JUPYTERLAB_DIR"] = str(app := lab_app_dir(tmp_path))
    token, port = secrets.token_hex(16), free_port()
    argv = [
        str(py),
        "-m",
        "edu_helpers",
        "lab",
        "--no-browser",
        "--port",
        str(port),
        "--",
        f"--IdentityProvider.token={token}",
        "--ServerApp.port_retries=0",
    ]
    proc, log = _launch(home, argv, lab_env)
    try:
        _wait(f"http://127.0.0.1:{port}/api/status", token, proc, log)
        status, _ = _get(f"http://127.0.0.1:{port}/lab/tree/notebooks/00-start-here.ipynb", token)
        assert status == 200
        assert json.loads((app / "settings" / "overrides.json").read_text(encoding="utf-8"))
    finally:
        _stop(proc)
