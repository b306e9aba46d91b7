"""启动服务器的共同部分。What ``lab`` and ``present`` share: the notebooks folder, the options, starting the server.

Both commands need only Python (no ``make``, no shell): they run ``python -m jupyterlab`` / ``python -m voila``
of the same interpreter. On POSIX the launcher becomes the server (``os.execv``), so Ctrl+C and signals reach it
directly; on Windows the server runs as a child and its exit code is returned.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

from edu_helpers.annotations.locations import checkout_dir

#: The notebook ``lab`` opens first.
FIRST_NOTEBOOK = "00-start-here.ipynb"


def add_server_arguments(p: argparse.ArgumentParser, *, default_port: int | None) -> None:
    """``--notebooks DIR``, ``--port N``, ``--no-browser``, ``--dry-run`` and ``-- EXTRA…`` for the server."""
    p.add_argument("--notebooks", metavar="DIR", help="笔记本文件夹（默认：项目的 notebooks/）/ the notebooks folder")
    port_help = f"端口（默认 {default_port}）/ port" if default_port else "端口（默认由 Jupyter 选择）/ port"
    p.add_argument("--port", type=int, default=default_port, metavar="N", help=port_help)
    p.add_argument("--no-browser", action="store_true", help="不自动打开浏览器 / do not open a browser")
    p.add_argument("--dry-run", action="store_true", help="只打印将要运行的命令 / print the command, start nothing")
    p.add_argument("extra", nargs=argparse.REMAINDER, help="“--” 之后的参数原样交给服务器 / passed to the server")


def notebooks_dir(given: str | None) -> Path:
    """The notebooks folder: ``--notebooks``, else ``notebooks/`` of the checkout.

    Raises:
        ValueError: the folder does not exist (one line for the CLI).
    """
    if given:
        folder = Path(given).expanduser()
    else:
        root = checkout_dir()
        if root is None:
            raise ValueError(
                "找不到 notebooks/ 文件夹 no notebooks folder: run from the project folder or give --notebooks DIR"
            )
        folder = root / "notebooks"
    if not folder.is_dir():
        raise ValueError(f"{folder}: 不是文件夹 not a folder of notebooks")
    return folder.resolve()


def needs_allow_root() -> bool:
    """Jupyter refuses to run as root without ``--allow-root``: only POSIX has a root user."""
    return os.name == "posix" and hasattr(os, "geteuid") and os.geteuid() == 0


def extra_arguments(args: argparse.Namespace) -> list[str]:
    """The arguments after ``--``, for the server."""
    extra = list(args.extra or [])
    return extra[1:] if extra[:1] == ["--"] else extra


def start(argv: list[str], args: argparse.Namespace, *, env: dict[str, str] | None = None) -> int:
    """Print the command; unless ``--dry-run``, run it with ``env`` added (replacing this process on POSIX)."""
    if args.dry_run:
        print(shlex.join(argv))
        return 0
    os.environ.update(env or {})
    print(f"启动 starting: {shlex.join(argv)}", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execv(argv[0], argv)
    return subprocess.call(argv)
