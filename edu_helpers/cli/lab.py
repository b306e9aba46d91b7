"""``lab [--port N] [--no-browser] [--dry-run] [-- JUPYTER_ARGS…]``: JupyterLab on the first notebook, in Chinese.

Runs ``python -m jupyterlab`` of this interpreter on ``notebooks/00-start-here.ipynb`` (root folder: the project),
on 127.0.0.1, with ``--allow-root`` only when running as root on POSIX.

The interface language: the zh-CN language pack (``jupyterlab-language-pack-zh-CN``, a dependency) is chosen in
the environment's settings overrides, ``<sys.prefix>/share/jupyter/lab/settings/overrides.json`` (JupyterLab's
application folder: ``$JUPYTERLAB_DIR`` when set), under
``"@jupyterlab/translation-extension:plugin": {"locale": "zh_CN"}``. The launcher writes that key only if no
locale is set there yet, keeps every other key, and leaves a file it cannot read as JSON untouched. A reader's
own choice (Settings → Language → English) is a user setting, which wins over the overrides, so English stays
one menu away.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from edu_helpers.cli.launch import (
    FIRST_NOTEBOOK,
    add_server_arguments,
    extra_arguments,
    needs_allow_root,
    notebooks_dir,
    start,
)

TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
LOCALE = "zh_CN"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_server_arguments(p, default_port=None)


def overrides_path() -> Path:
    """The settings overrides JupyterLab of this environment reads: ``settings/overrides.json`` of its application
    folder, found as JupyterLab finds it (``<sys.prefix>/share/jupyter/lab`` in a venv, or ``$JUPYTERLAB_DIR``)."""
    try:
        from jupyterlab.commands import get_app_dir

        app_dir = Path(get_app_dir())
    except ImportError:  # doctor reports the missing package; this path is where it would look
        app_dir = Path(os.environ.get("JUPYTERLAB_DIR") or Path(sys.prefix) / "share" / "jupyter" / "lab")
    return app_dir / "settings" / "overrides.json"


def choose_chinese(path: str | Path | None = None) -> str:
    """Make zh_CN the default interface language in the overrides file, never clobbering anything.

    Returns:
        what happened: ``"written"`` (new file), ``"merged"`` (key added to an existing file), ``"kept"``
        (a locale is already chosen there), ``"unreadable"`` (not a JSON object: left as it is) or
        ``"unwritable"`` (the folder cannot be written: JupyterLab starts in English).
    """
    path = Path(path) if path is not None else overrides_path()
    existed = path.is_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if existed else {}
    except (OSError, UnicodeDecodeError, ValueError):
        return "unreadable"
    plugin = data.get(TRANSLATION_PLUGIN, {}) if isinstance(data, dict) else None
    if not isinstance(plugin, dict):
        return "unreadable"
    if "locale" in plugin:
        return "kept"
    data[TRANSLATION_PLUGIN] = {**plugin, "locale": LOCALE}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".overrides.", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        os.replace(tmp, path)
    except OSError:
        return "unwritable"
    return "merged" if existed else "written"


_SAID = {
    "written": "界面语言设为中文 interface language set to Chinese",
    "merged": "界面语言设为中文（保留了其他设置）interface language set to Chinese, other settings kept",
    "kept": "界面语言沿用已有设置 interface language as already chosen",
    "unreadable": "设置文件不是 JSON，未改动，界面为英文 overrides not JSON, left alone",
    "unwritable": "无法写入设置文件，界面为英文 cannot write the overrides: English interface",
}


def lab_argv(args: argparse.Namespace) -> list[str]:
    """The command that starts JupyterLab."""
    folder = notebooks_dir(args.notebooks)
    root = folder.parent
    argv = [sys.executable, "-m", "jupyterlab", str(folder / FIRST_NOTEBOOK), f"--ServerApp.root_dir={root}"]
    argv.append("--ServerApp.ip=127.0.0.1")
    if needs_allow_root():
        argv.append("--allow-root")
    if args.port:
        argv.append(f"--ServerApp.port={args.port}")
    if args.no_browser:
        argv.append("--no-browser")
    return argv + extra_arguments(args)


def run(args: argparse.Namespace) -> int:
    argv = lab_argv(args)
    if not args.dry_run:
        outcome = choose_chinese()
        print(f"{_SAID[outcome]}: {overrides_path()}", file=sys.stderr)
        print("改回英文 back to English: Settings → Language → English", file=sys.stderr)
    return start(argv, args)
