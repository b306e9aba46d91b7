"""``export [PATH] --store S --format markdown|csv|jsonld [-o FILE]``: write out a report's notes."""

from __future__ import annotations

import argparse
import sys

from edu_helpers.annotations import FORMATS, AnnotationStore, export_annotations, write_export
from edu_helpers.cli.common import add_document_argument, add_store_argument
from edu_helpers.text.load import load_document


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


def run(args: argparse.Namespace) -> int:

    doc = load_document(args.path)
    with AnnotationStore(args.store) as store:
        text = export_annotations(store, doc, args.format)
    if args.output:
        write_export(text, args.output, args.format)
    else:
        sys.stdout.write(text)
    return 0
