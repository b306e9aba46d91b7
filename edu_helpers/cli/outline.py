"""``outline [PATH] [--json] [--report]``: the structure of a report (``--report``: what loading did)."""

from __future__ import annotations

import argparse
import json

from edu_helpers.cli.common import add_document_argument
from edu_helpers.text.load import load_document


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_document_argument(p)
    p.add_argument("--json", action="store_true", help="输出一个 JSON 对象 / print one JSON object")
    p.add_argument(
        "--report",
        action="store_true",
        help="只输出载入报告：格式、编码、繁简、每条改动及其次数、警告 / print the load report instead",
    )


def run(args: argparse.Namespace) -> int:
    doc = load_document(args.path)
    if args.report:
        report = doc.load_report
        if args.json:
            print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            print("\n".join(report.lines()))
        return 0
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
