"""``present [--port N] [--no-browser] [--dry-run] [-- VOILA_ARGS…]``: the code-free class view (Voilà).

Runs Voilà of this interpreter on 127.0.0.1 with the class-view configuration of
:func:`edu_helpers.ui.present.voila_command` (Chinese landing page, preheated and culled kernels, projector
mode, no developer text), as ``make present`` does; the projector shows the widgets and no code.
"""

from __future__ import annotations

import argparse
import sys

from edu_helpers.cli.launch import add_server_arguments, extra_arguments, notebooks_dir, start
from edu_helpers.ui.present import voila_command

DEFAULT_PORT = 8866


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_server_arguments(p, default_port=DEFAULT_PORT)


def present_command(args: argparse.Namespace) -> tuple[list[str], dict[str, str]]:
    """The command that starts Voilà, and the environment it needs."""
    argv, env = voila_command(notebooks_dir(args.notebooks), args.port)
    if not args.no_browser:  # a teacher running it wants the page opened
        argv = [a for a in argv if a != "--no-browser"]
    return argv + extra_arguments(args), env


def present_argv(args: argparse.Namespace) -> list[str]:
    """The command line alone (see :func:`present_command`)."""
    return present_command(args)[0]


def run(args: argparse.Namespace) -> int:
    argv, env = present_command(args)
    print(f"课堂视图 class view: http://127.0.0.1:{args.port}/", file=sys.stderr)
    return start(argv, args, env=env)
