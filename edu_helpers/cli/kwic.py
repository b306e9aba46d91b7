"""``kwic PATH... --query Q [--window N] [--sort doc|left|right] [--json]``: keyword in context over reports."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from edu_helpers.analysis.corpus import Corpus, load_corpus
from edu_helpers.analysis.kwic import COLUMNS, SORTS


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹 / report files or folders")
    p.add_argument("--query", "-q", required=True, metavar="Q", help='检索词；空格分开几个词，"…" 为短语 / words')
    p.add_argument("--window", "-w", type=int, default=20, metavar="N", help="左右语境字数 / context characters")
    p.add_argument("--sort", choices=SORTS, default="doc", help="按文档、左语境或右语境排序 / sort order")
    p.add_argument("--json", action="store_true", help="输出一个 JSON 对象 / print one JSON object")


def open_corpus(paths: list[str]) -> Corpus:
    """The reports of ``paths``; each file that failed is one line on stderr; none loaded is an error."""
    corpus = load_corpus(paths)
    for row in corpus.errors.itertuples():
        print(f"warning: skipped {row.error}", file=sys.stderr)
    if not len(corpus):
        raise ValueError(f"no report could be loaded from {', '.join(paths)}")
    return corpus


def run(args: argparse.Namespace) -> int:
    corpus = open_corpus(args.paths)
    found = corpus.kwic(args.query, window=args.window, sort=args.sort)
    if args.json:
        print(json.dumps(as_json(corpus, found, args), ensure_ascii=False, indent=2))
        return 0
    width = max((len(s) for s in found["left"]), default=0)
    for r in found.itertuples():
        print(f"{r.doc} {r.paragraph_id}\t{r.left.rjust(width, '　')}【{r.hit}】{r.right}")
    print(f"\n{len(found)} hits in {found['doc'].nunique()} of {len(corpus)} reports (query: {args.query})")
    return 0


def as_json(corpus: Corpus, found: Any, args: argparse.Namespace) -> dict[str, Any]:
    """The ``--json`` object: the request, the reports, the files skipped and one object per hit."""
    return {
        "query": args.query,
        "window": args.window,
        "sort": args.sort,
        "documents": corpus.ids,
        "errors": corpus.errors.to_dict("records"),
        "count": len(found),
        "hits": [
            {c: (int(v) if c in ("start", "end") else v) for c, v in zip(COLUMNS, row, strict=True)}
            for row in found[COLUMNS].itertuples(index=False)
        ],
    }
