"""命令行的共同参数。Arguments several commands share (the document path, ``--store``, ``--force``), and the
export run that ``export`` and ``class-export`` share."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
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


def run_export(args: argparse.Namespace, make_text: Callable[..., str]) -> str | None:
    """Load ``args.path``, open ``args.store`` read-only, and write ``make_text(store, doc)`` to ``args.output``
    (checked before the work and again when writing: never a store or an input; ``--force`` to replace) or to
    stdout. Returns what the writer said about the file written, ``None`` for stdout."""
    from edu_helpers.annotations import AnnotationStore, write_export
    from edu_helpers.annotations.outputs import check_output
    from edu_helpers.text.load import load_document

    doc = load_document(args.path)
    with AnnotationStore(args.store, read_only=True) as store:
        protect = {"force": args.force, "stores": [store.path], "inputs": document_inputs(doc.path)}
        if args.output:
            check_output(args.output, **protect)
        text = make_text(store, doc)
    if args.output:
        return write_export(text, args.output, args.format, **protect)
    sys.stdout.write(text)
    return None
