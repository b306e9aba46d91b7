"""``compare A B [--min-count N] [--html FILE] [--json]``: what changed from report A to report B.

Prints the terms new in B and dropped from A (提法, lexicon terms, candidate phrases), the keywords of each
side (G² with log ratio) and the structure aligned item by item with the words added and dropped; ``--html``
also writes the side-by-side diff as a printable page (never over an existing file or an input). A folder, a
missing or unreadable report, or an ``--html`` file that cannot be written is one error line, checked first.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pandas as pd

from edu_helpers.analysis.corpus import Corpus, load_corpus
from edu_helpers.analysis.records import Entry
from edu_helpers.cli.common import check_output_file, writing
from edu_helpers.errors import DocumentError

STATUS_ZH = {"same": "未变", "reworded": "改写", "dropped": "删去", "added": "新增"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("a", metavar="A", help="较早的报告 / the earlier report (a file)")
    p.add_argument("b", metavar="B", help="较晚的报告 / the later report (a file)")
    p.add_argument("--min-count", type=int, default=3, metavar="N", help="关键词最少次数 / keyword minimum count")
    p.add_argument("--html", metavar="FILE", help="另存对照网页（不覆盖已有文件）/ write the diff page (new file)")
    p.add_argument("--json", action="store_true", help="输出一个 JSON 对象 / print one JSON object")


def open_pair(a: str, b: str) -> tuple[Corpus, str, str]:
    """The corpus of the two reports and their ids. A folder, a report that failed (each named, on one line:
    no warning before it) or the same file twice is an error."""
    for path in (a, b):
        if Path(path).is_dir():  # load_corpus would read the files in it: not what A or B means
            raise DocumentError(path, "is a directory, not a document (compare takes two report files)")
    if Path(a).resolve() == Path(b).resolve():
        raise ValueError(f"{a}: A and B are the same file")
    corpus = load_corpus([a, b])
    if len(corpus) != 2:
        raise ValueError("; ".join(corpus.errors["error"]) or f"{a}, {b}: the reports could not be loaded")
    return corpus, corpus.ids[0], corpus.ids[1]


def _check_html(path: str, inputs: list[Path]) -> None:
    """Before any work: not an existing file (there is no ``--force``), not an input, in a folder that exists."""
    if Path(path).expanduser().exists():
        raise ValueError(f"{path}: already exists; choose a new file name")
    check_output_file(path, inputs=inputs)


def run(args: argparse.Namespace) -> int:
    inputs = [Path(args.a), Path(args.b)]
    if args.html:
        _check_html(args.html, inputs)
    corpus, a, b = open_pair(args.a, args.b)
    if args.html:
        from edu_helpers.annotations.outputs import write_output

        with writing(args.html):
            write_output(corpus.diff_html(a, b), args.html, inputs=inputs)
    result = as_json(corpus, a, b, min_count=args.min_count)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"A {a}: {corpus[a].title}（{corpus[a].date or '日期不详'}）")
    print(f"B {b}: {corpus[b].title}（{corpus[b].date or '日期不详'}）")
    for status, label in (("new", "B 新增 / new in B"), ("dropped", "A 有 B 无 / dropped")):
        terms = [t["term"] for t in result["terms"] if t["status"] == status]
        print(f"\n{label} ({len(terms)}): {'、'.join(terms) or '—'}")
    for direction, label in (("positive", "A 的关键词 / key in A"), ("negative", "B 的关键词 / key in B")):
        words = [
            f"{k['word']}({k['count_a']}:{k['count_b']})" for k in result["keyness"] if k["direction"] == direction
        ]
        print(f"\n{label}: {' '.join(words[:15]) or '—'}")
    print("\n结构对照 / structure")
    for r in result["alignment"]:
        line = f"  [{STATUS_ZH[r['status']]}] {r['a_label'] or '—'} ↔ {r['b_label'] or '—'}"
        if r["status"] == "reworded":
            line += f"  +{'、'.join(r['added']) or '—'}  −{'、'.join(r['dropped']) or '—'}"
        print(line)
    if args.html:
        print(f"\nwritten to {args.html}")
    return 0


def _doc(e: Entry) -> dict[str, Any]:
    return {"id": e.id, "title": e.title, "date": e.date, "year": e.year, "path": str(e.path), "demo": e.demo}


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return json.loads(df.to_json(orient="records", force_ascii=False))


def as_json(corpus: Corpus, a: str, b: str, *, min_count: int = 3) -> dict[str, Any]:
    """The ``--json`` object: both reports, ``terms`` (new and dropped), ``keyness`` (A against B) and
    ``alignment`` (one object per aligned unit; ``ops`` left out, ``added``/``dropped`` kept)."""
    alignment = corpus.align(a, b).drop(columns=["ops"])
    return {
        "a": _doc(corpus[a]),
        "b": _doc(corpus[b]),
        "terms": _records(corpus.compare_terms(a, b)),
        "keyness": _records(corpus.keyness(a, b, min_count=min_count)),
        "alignment": _records(alignment),
    }
