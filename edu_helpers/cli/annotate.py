"""``annotate [PATH] --store S --quote Q …``: add one annotation and print its id."""

from __future__ import annotations

import argparse

from edu_helpers.annotations import AnnotationStore, open_backend
from edu_helpers.cli.common import add_document_argument, add_store_argument
from edu_helpers.text.load import load_document


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_document_argument(p)
    add_store_argument(p)
    p.add_argument("--quote", "-q", required=True, metavar="Q", help="要批注的原文 / the exact text to annotate")
    p.add_argument(
        "--occurrence", type=int, default=1, metavar="N", help="第 N 次出现（默认 1）/ the N-th occurrence (default 1)"
    )
    p.add_argument("--note", default="", metavar="T", help="笔记（纯文本或 Markdown）/ the note")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="标签，可重复 / a tag (repeatable)")
    p.add_argument("--kind", metavar="K", help="类型：重点、疑问、心得、联系实际 / the kind")
    p.add_argument("--author", metavar="A", help="作者 / the author")


def run(args: argparse.Namespace) -> int:

    doc = load_document(args.path)
    with AnnotationStore(open_backend(args.store, offline=False)) as store:
        ann = store.annotate(
            doc,
            args.quote,
            occurrence=args.occurrence,
            note=args.note,
            tags=args.tag,
            kind=args.kind,
            author=args.author,
        )
    print(ann.id)
    return 0
