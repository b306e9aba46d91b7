"""``export [PATH] --store S --format markdown|csv|jsonld [-o FILE [--force]]``: write out a report's notes.

The store is opened read-only; ``-o`` never replaces the store, an SQLite file or the document, and
replaces another existing file only with ``--force``.
"""

from __future__ import annotations

import argparse

from edu_helpers.annotations import FORMATS, export_annotations
from edu_helpers.cli.common import (
    add_document_argument,
    add_force_argument,
    add_store_argument,
    run_export,
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_document_argument(p)
    add_store_argument(p)
    p.add_argument(
        "--format",
        "-f",
        required=True,
        choices=FORMATS,
        help="markdown：学习笔记；csv：表格；jsonld：W3C Web Annotation",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="输出文件（默认打印）/ write to FILE (default: stdout)")
    add_force_argument(p)


def run(args: argparse.Namespace) -> int:
    run_export(args, lambda store, doc: export_annotations(store, doc, args.format))
    return 0
