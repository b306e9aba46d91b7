"""``class-report FOLDER [-o FILE [--force]]``: merge students' exported annotations and summarise them.

``-o`` never replaces a student's file, the document, the class store or any SQLite file, and
replaces another existing file only with ``--force``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from edu_helpers.annotations import AnnotationStore, open_backend
from edu_helpers.annotations.outputs import write_output
from edu_helpers.cli.common import add_force_argument, check_output_file, document_inputs, writing
from edu_helpers.teaching.classroom import import_folder, student_files, summarise
from edu_helpers.teaching.report import summary_html, summary_markdown
from edu_helpers.text.document import Document
from edu_helpers.text.load import load_document


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", help="学生导出文件所在的文件夹（JSON-LD 或 CSV）/ folder of exported files")
    p.add_argument(
        "-o", "--output", help="写入文件；以 .html 结尾则为 HTML，否则为 Markdown / write to FILE (.html → HTML)"
    )
    p.add_argument("--document", help="报告文本文件；省略则为内置的 2023 年报告 / the report (default: bundled)")
    p.add_argument("--anonymise", action="store_true", help="用“学生01”等代号代替姓名 / replace names by pseudonyms")
    p.add_argument("--store", help="合并进这个批注库（默认用临时库）/ merge into this store (default: a temporary one)")
    add_force_argument(p)


def _render(store: AnnotationStore, args: argparse.Namespace, doc: Document) -> str:
    import_folder(store, args.folder)
    summary = summarise(store, doc, anonymise=args.anonymise)
    html = bool(args.output) and args.output.lower().endswith((".html", ".htm"))
    return summary_html(summary) if html else summary_markdown(summary)


def run(args: argparse.Namespace) -> int:
    if not Path(args.folder).is_dir():
        raise ValueError(f"{args.folder}: 不是文件夹 not a folder of student files")
    doc = load_document(args.document)
    # the students' files, the document and the class store are never an output
    protect = {
        "stores": [Path(args.store).expanduser()] if args.store else [],
        "inputs": [*student_files(args.folder), *document_inputs(doc.path)],
    }
    if args.output:
        check_output_file(args.output, force=args.force, **protect)  # before any work
    if args.store:
        with AnnotationStore(open_backend(args.store, offline=False)) as store:
            text = _render(store, args, doc)
    else:
        with tempfile.TemporaryDirectory(prefix="edu-class-") as tmp, AnnotationStore(Path(tmp) / "class.sqlite") as s:
            text = _render(s, args, doc)
    if args.output:
        with writing(args.output):
            write_output(text, args.output, force=args.force, **protect)
        print(f"已写入 wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
