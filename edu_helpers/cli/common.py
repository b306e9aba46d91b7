"""命令行的共同参数。Arguments several commands share: the document path and ``--store``."""

from __future__ import annotations

import argparse


def add_document_argument(p: argparse.ArgumentParser) -> None:
    """The optional ``PATH`` of the document (default: the bundled report)."""
    p.add_argument(
        "path", nargs="?", help="文本文件；省略则为内置的 2023 年报告 / a text file (default: the bundled report)"
    )


def add_store_argument(p: argparse.ArgumentParser) -> None:
    """The ``--store`` option shared by the annotation commands."""
    p.add_argument(
        "--store",
        metavar="S",
        help="批注库文件 / the annotation store (default: $EDU_ANNOTATIONS or annotations/notes.sqlite)",
    )
