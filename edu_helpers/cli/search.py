"""``search [PATH] [--topic T]... [--section N] [--query Q] [--match any|all] [--json]``: find passages."""

from __future__ import annotations

import argparse
import json
from typing import Any

import pandas as pd

from edu_helpers.analysis.search import LEVELS, MATCHES, filter_passages
from edu_helpers.analysis.topics import load_taxonomy
from edu_helpers.cli.common import add_document_argument
from edu_helpers.markup import bracket
from edu_helpers.text.document import Document
from edu_helpers.text.load import load_document


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_document_argument(p)
    p.add_argument("--topic", "-t", action="append", default=[], metavar="T", help="主题，可重复 / a topic, repeatable")
    p.add_argument("--section", "-s", type=int, metavar="N", help="部分编号，见 outline / section number (see outline)")
    p.add_argument("--query", "-q", metavar="Q", help="检索词，空格分隔的词须全部出现 / words, all must occur")
    p.add_argument("--match", choices=MATCHES, default="any", help="任一主题或全部主题 / any or all of the topics")
    p.add_argument("--level", choices=LEVELS, default="paragraph", help="段落或句子 / paragraphs or sentences")
    p.add_argument("--topics-file", metavar="FILE", help="自己的主题表 TOML / your taxonomy (default: $EDU_TOPICS)")
    p.add_argument("--json", action="store_true", help="输出一个 JSON 对象 / print one JSON object")


def run(args: argparse.Namespace) -> int:
    doc = load_document(args.path)
    taxonomy = load_taxonomy(args.topics_file)
    found = filter_passages(doc, args.topic, args.section, args.query, args.match, level=args.level, taxonomy=taxonomy)
    if args.json:
        print(json.dumps(as_json(doc, found, args), ensure_ascii=False, indent=2))
        return 0
    for row in found.itertuples():
        title = doc.section_records[row.section].title
        print(f"{row.id} [{row.section} {title}] {' · '.join(row.topics) or '—'}")
        print(f"  {bracket(row.text, row.start, row.spans)}")
    asked = [f"topics: {' + '.join(args.topic)} ({args.match})"] if args.topic else []
    asked += [f"section: {args.section}"] if args.section is not None else []
    asked += [f"query: {args.query}"] if args.query else []
    noun = args.level if len(found) == 1 else f"{args.level}s"
    print(f"\n{len(found)} {noun}" + (f" ({'; '.join(asked)})" if asked else ""))
    return 0


def as_json(doc: Document, found: pd.DataFrame, args: argparse.Namespace) -> dict[str, Any]:
    """The ``--json`` object: the request, then one object per passage (offsets into the normalised text)."""
    return {
        "document": doc.title,
        "level": args.level,
        "topics": list(args.topic),
        "match": args.match,
        "section": args.section,
        "query": args.query,
        "count": len(found),
        "passages": [
            {
                "id": r.id,
                "paragraph_id": r.paragraph_id,
                "section": int(r.section),
                "section_title": doc.section_records[r.section].title,
                "text": r.text,
                "start": int(r.start),
                "end": int(r.end),
                "topics": list(r.topics),
                "evidence": [{"topic": t, "keyword": k, "start": s, "end": e} for t, k, s, e in r.evidence],
                "query_spans": [list(span) for span in r.query_spans],
                "spans": [list(span) for span in r.spans],
            }
            for r in found.itertuples()
        ],
    }
