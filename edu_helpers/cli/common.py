"""命令行的共同参数。Arguments several commands share (the document path, ``--store``, ``--force``), the
export run that ``export`` and ``class-export`` share, and the checks every output file goes through (its folder
exists; a write that fails is one line naming the file, never a raw ``[Errno …]`` about a temporary file)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from edu_helpers.errors import DocumentError


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


def check_output_file(path: str | Path, **protect: Any) -> Path:
    """``check_output`` (never a store or an input; an existing file only with ``force``), and its folder must
    exist: checked before any work, so a typo in ``-o`` fails at once with one line naming the file."""
    from edu_helpers.annotations.outputs import check_output

    out = check_output(path, **protect)
    if not out.parent.is_dir():
        problem = f"文件夹不存在 the folder {out.parent} does not exist; create it first or write elsewhere"
        raise DocumentError(out, problem)
    return out


@contextmanager
def writing(path: str | Path, what: str = "the file") -> Iterator[None]:
    """Writing ``path``: an :class:`OSError` (no permission, disk full…) becomes one error naming ``path``
    (not the temporary file beside it) and saying what could not be written."""
    try:
        yield
    except OSError as exc:
        raise DocumentError(path, f"cannot write {what} ({exc.strerror or exc})") from None


def run_export(args: argparse.Namespace, make_text: Callable[..., str]) -> str | None:
    """Load ``args.path``, open ``args.store`` read-only, and write ``make_text(store, doc)`` to ``args.output``
    (checked before the work and again when writing: never a store or an input; ``--force`` to replace) or to
    stdout. Returns what the writer said about the file written, ``None`` for stdout."""
    from edu_helpers.annotations import AnnotationStore, write_export
    from edu_helpers.text.load import load_document

    doc = load_document(args.path)
    with AnnotationStore(args.store, read_only=True) as store:
        protect = {"force": args.force, "stores": [store.path], "inputs": document_inputs(doc.path)}
        if args.output:
            check_output_file(args.output, **protect)
        text = make_text(store, doc)
    if args.output:
        with writing(args.output):
            return write_export(text, args.output, args.format, **protect)
    sys.stdout.write(text)
    return None
