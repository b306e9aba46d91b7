"""命令行的共同参数。Arguments several commands share: the document path and ``--store``."""

from __future__ import annotations

import argparse
from pathlib import Path


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


def add_force_argument(p: argparse.ArgumentParser) -> None:
    """``--force``: replace an existing output file (never a store or an input)."""
    p.add_argument(
        "--force",
        action="store_true",
        help="覆盖已存在的输出文件（批注库与输入永不覆盖）/ replace an existing output file (never a store or input)",
    )


def document_inputs(path: Path | None) -> list[Path]:
    """The files a document was read from (the text and its sidecar ``.toml``): never an output."""
    return [] if path is None else [path, path.with_suffix(".toml")]
