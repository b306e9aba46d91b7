"""``outline [PATH] [--json]``: the structure of a report."""

from __future__ import annotations

import argparse
import json

from edu_helpers.cli.common import add_document_argument
from edu_helpers.text.load import load_document


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_document_argument(p)
    p.add_argument("--json", action="store_true", help="输出一个 JSON 对象 / print one JSON object")


def run(args: argparse.Namespace) -> int:
    doc = load_document(args.path)
    if args.json:
        print(json.dumps(doc.outline(), ensure_ascii=False, indent=2))
        return 0
    print(doc.title)
    for sub in doc.subtitles:
        print(f"  {sub}")
    for sec in doc.section_records:
        print(f"\n[{sec.index}] {sec.title}")
        for pid in sec.paragraph_ids:
            p = doc.paragraph(pid)
            mark = f"({p.item})" if p.item is not None else "·"
            head = p.text if len(p.text) <= 28 else p.text[:27] + "…"
            print(f"  {p.id} {mark} {head}")
    return 0
