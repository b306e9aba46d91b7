"""``present [--port N] [--no-browser] [--dry-run] [-- VOILA_ARGS…]``: the code-free class view (Voilà).

Runs ``python -m voila notebooks --Voila.ip=127.0.0.1 --port=N`` of this interpreter, as ``make present`` does;
the projector shows the widgets and no code.
"""

from __future__ import annotations

import argparse
import sys

from edu_helpers.cli.launch import add_server_arguments, extra_arguments, notebooks_dir, start

DEFAULT_PORT = 8866


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_server_arguments(p, default_port=DEFAULT_PORT)


def present_argv(args: argparse.Namespace) -> list[str]:
    """The command that starts Voilà."""
    folder = notebooks_dir(args.notebooks)
    argv = [sys.executable, "-m", "voila", str(folder), "--Voila.ip=127.0.0.1", f"--port={args.port}"]
    if args.no_browser:
        argv.append("--no-browser")
    return argv + extra_arguments(args)


def run(args: argparse.Namespace) -> int:
    argv = present_argv(args)
    print(f"课堂视图 class view: http://127.0.0.1:{args.port}/", file=sys.stderr)
    return start(argv, args)
