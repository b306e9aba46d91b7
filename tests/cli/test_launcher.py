"""``lab`` and ``present``: the commands they run, the Chinese interface chosen in the overrides without clobbering
anything, and a real JupyterLab and Voilà started by the launcher (then stopped)."""

from __future__ import annotations

import json
import os
import secrets
import shlex
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from edu_helpers.cli import main
from edu_helpers.cli.lab import LOCALE, TRANSLATION_PLUGIN, choose_chinese
from tests.browser.edu_browser import free_port, server_env
from tests.paths import REPO


def _dry(capsys, command: str, *args: str) -> list[str]:
    assert main([command, "--dry-run", *args]) == 0  # before any "--": what follows goes to the server
    return shlex.split(capsys.readouterr().out)


def test_lab_opens_the_first_notebook_on_loopback(capsys):
    argv = _dry(capsys, "lab", "--port", "9001", "--no-browser")
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    assert argv[3] == str(REPO / "notebooks" / "00-start-here.ipynb")
    assert {"--ServerApp.ip=127.0.0.1", "--ServerApp.port=9001", "--no-browser"} <= set(argv)


@pytest.mark.parametrize(("osname", "uid", "flag"), [("posix", 0, True), ("posix", 1000, False), ("nt", None, False)])
def test_allow_root_only_for_root_on_posix(capsys, monkeypatch, osname, uid, flag):
    monkeypatch.setattr(os, "name", osname)
    if uid is None:
        monkeypatch.delattr(os, "geteuid", raising=False)
    else:
        monkeypatch.setattr(os, "geteuid", lambda: uid)
    assert ("--allow-root" in _dry(capsys, "lab")) == flag


def test_present_serves_the_notebooks_on_loopback(capsys):
    argv = _dry(capsys, "present", "--port", "9002", "--", "--debug")
    assert argv[:4] == [sys.executable, "-m", "voila", str(REPO / "notebooks")]
    assert {"--Voila.ip=127.0.0.1", "--port=9002"} <= set(argv)
    assert any(a.startswith("--Voila.config_file_paths=") and a.endswith("voila") for a in argv)  # the class view
    assert "--no-browser" not in argv  # a teacher's browser opens on the page
    assert argv[-1] == "--debug"


def test_a_missing_notebooks_folder_is_one_line(tmp_path, capsys):
    assert main(["lab", "--notebooks", str(tmp_path / "没有 (这个)"), "--dry-run"]) == 2
    assert "not a folder of notebooks" in capsys.readouterr().err


def test_overrides_written_when_absent(tmp_path):
    path = tmp_path / "settings" / "overrides.json"
    assert choose_chinese(path) == "written"
    assert json.loads(path.read_text(encoding="utf-8")) == {TRANSLATION_PLUGIN: {"locale": "zh_CN"}}


def test_overrides_merged_keeping_every_other_key(tmp_path):
    path = tmp_path / "overrides.json"
    theirs = {
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
        TRANSLATION_PLUGIN: {"displayPseudoLanguage": False},
    }
    path.write_text(json.dumps(theirs), encoding="utf-8")
    assert choose_chinese(path) == "merged"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert data[TRANSLATION_PLUGIN] == {"displayPseudoLanguage": False, "locale": "zh_CN"}
    assert choose_chinese(path) == "kept"  # a second start changes nothing


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ('{"x": 1, "@jupyterlab/translation-extension:plugin": {"locale": "en"}}', "kept"),
        ("// a comment\n{}", "unreadable"),
        ("[1, 2]", "unreadable"),
    ],
)
def test_overrides_never_clobbered(tmp_path, text, outcome):
    path = tmp_path / "overrides.json"
    path.write_text(text, encoding="utf-8")
    assert choose_chinese(path) == outcome
    assert path.read_text(encoding="utf-8") == text


def test_overrides_in_an_unwritable_place_leave_lab_in_english(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    assert choose_chinese(blocker / "settings" / "overrides.json") == "unwritable"


def _get(url: str, token: str):
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, resp.read()


def _wait(url: str, token: str, proc: subprocess.Popen, log: Path, any_answer: bool = False) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
        try:
            _get(url, token)
            return
        except urllib.error.HTTPError:
            if any_answer:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)  # polling a real condition
    raise AssertionError(f"no answer from {url}; log:\n{log.read_text(errors='replace')[-3000:]}")


def _launch(tmp_path: Path, argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, Path]:
    log = tmp_path / "server.log"
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            argv,
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return proc, log


def _stop(proc: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
            proc.wait(15)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def lab_app_dir(tmp_path: Path) -> Path:
    """A JupyterLab application folder of our own (JUPYTERLAB_DIR): the real assets linked, settings/ empty,
    so the launcher's overrides land here and not in the shared environment."""
    from jupyterlab.commands import get_app_dir

    real, app = Path(get_app_dir()), tmp_path / "lab-app"
    app.mkdir()
    for name in ("static", "schemas", "themes"):
        if (real / name).exists():
            (app / name).symlink_to(real / name, target_is_directory=True)
    return app


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="process groups and symlinks as on the Linux CI")
def test_a_lab_started_by_the_launcher_serves_chinese(tmp_path):
    env = server_env(tmp_path)
    env["JUPYTERLAB_DIR"] = str(app := lab_app_dir(tmp_path))
    token, port = secrets.token_hex(16), free_port()
    (tmp_path / "user-settings").mkdir()
    argv = [
        sys.executable,
        "-m",
        "edu_helpers",
        "lab",
        "--no-browser",
        "--port",
        str(port),
        "--",
        f"--IdentityProvider.token={token}",
        "--ServerApp.port_retries=0",
        f"--LabApp.user_settings_dir={tmp_path / 'user-settings'}",
        f"--LabApp.workspaces_dir={tmp_path}",
    ]
    proc, log = _launch(tmp_path, argv, env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/api/status", token, proc, log)
        overrides = json.loads((app / "settings" / "overrides.json").read_text(encoding="utf-8"))
        assert overrides == {TRANSLATION_PLUGIN: {"locale": LOCALE}}
        _, body = _get(f"{base}/lab/api/settings/{TRANSLATION_PLUGIN}", token)
        setting = json.loads(body)
        assert setting["schema"]["properties"]["locale"]["default"] == "zh_CN"  # what Lab starts in
        _, body = _get(f"{base}/lab/api/translations", token)
        assert {"en", "zh_CN"} <= set(json.loads(body)["data"])  # English one menu away
        _, body = _get(f"{base}/lab/api/translations/zh_CN", token)
        strings = json.loads(body)["data"]["jupyterlab"]
        assert strings[""]["language"] == "zh-CN" and ["文件"] in strings.values()
        _, body = _get(f"{base}/lab/tree/notebooks/00-start-here.ipynb", token)
        assert b"jupyter-config-data" in body
    finally:
        _stop(proc)


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="process groups as on the Linux CI")
def test_present_started_by_the_launcher_answers_on_loopback(tmp_path):
    env = server_env(tmp_path)
    token, port = secrets.token_hex(16), free_port()
    argv = [
        sys.executable,
        "-m",
        "edu_helpers",
        "present",
        "--no-browser",
        "--port",
        str(port),
        "--",
        f"--token={token}",
        "--Voila.port_retries=0",
    ]
    proc, log = _launch(tmp_path, argv, env)
    try:
        _wait(f"http://127.0.0.1:{port}/voila/static/", token, proc, log, any_answer=True)
        _, body = _get(f"http://127.0.0.1:{port}/", token)
        page = body.decode("utf-8")  # the class view's Chinese landing page, notebooks by their titles
        assert 'lang="zh-CN"' in page and page.count('class="edu-nb-title"') == len(
            list((REPO / "notebooks").glob("*.ipynb"))
        )
        started = log.read_text(encoding="utf-8")
        assert f"voila {REPO / 'notebooks'} --no-browser --Voila.ip=127.0.0.1 --port={port}" in started
    finally:
        _stop(proc)
