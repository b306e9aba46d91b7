"""``kwic PATH... --query Q [--window N] [--sort doc|left|right] [--json]``: keyword in context over reports.

A folder contributes the report files at its top level, as :func:`~edu_helpers.analysis.corpus.load_corpus`
picks them; its subfolders are not searched (they often hold drafts, exports or another year's copies), so
report files found in them are counted and named: a warning when the command goes on, part of the one error
line when nothing could be loaded. A bad file is a warning when others load, the error itself when none do.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from edu_helpers.analysis.corpus import SUFFIXES, Corpus, load_corpus
from edu_helpers.analysis.kwic import COLUMNS, SORTS

#: Files looked at under a folder's subfolders before the count is given as "at least N" (the scan must stay cheap).
SCAN_LIMIT = 5000


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹 / report files or folders")
    p.add_argument("--query", "-q", required=True, metavar="Q", help='检索词；空格分开几个词，"…" 为短语 / words')
    p.add_argument("--window", "-w", type=int, default=20, metavar="N", help="左右语境字数 / context characters")
    p.add_argument("--sort", choices=SORTS, default="doc", help="按文档、左语境或右语境排序 / sort order")
    p.add_argument("--json", action="store_true", help="输出一个 JSON 对象 / print one JSON object")


def _is_report(name: str) -> bool:
    return Path(name).suffix.lower() in SUFFIXES


def _nested(folder: Path, given: set[Path]) -> tuple[dict[str, int], bool]:
    """Report files under each subfolder of ``folder`` (hidden ones and those given as paths left out), and
    whether the scan stopped at :data:`SCAN_LIMIT` files."""
    counts: dict[str, int] = {}
    budget = SCAN_LIMIT
    try:
        subs = sorted(d for d in folder.iterdir() if d.is_dir() and not d.name.startswith("."))
    except OSError:
        return counts, False
    for sub in subs:
        if sub.resolve() in given:
            continue
        for _root, dirs, names in os.walk(sub):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            counts[sub.name] = counts.get(sub.name, 0) + sum(map(_is_report, names))
            budget -= len(names)
            if budget <= 0:
                return {k: v for k, v in counts.items() if v}, True
    return {k: v for k, v in counts.items() if v}, False


def _folder_note(folder: Path, given: set[Path]) -> str | None:
    """What to tell about the reports ``folder`` leaves out (in subfolders), or that it has none at all."""
    try:
        top = any(f.is_file() and _is_report(f.name) for f in folder.iterdir())
    except OSError:
        return None  # load_corpus reads nothing from it and says nothing; an unreadable folder is rare
    counts, capped = _nested(folder, given)
    if not counts:
        if top:
            return None
        return (
            f"{folder}: no report file in this folder (looked for {', '.join(SUFFIXES)}; subfolders are not searched)"
        )
    n = sum(counts.values())
    names = list(counts)
    where = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    found = f"{'at least ' if capped else ''}{n} report file{'s' if n != 1 else ''} in {where}"
    hint = "give those folders as paths to include them"
    if top:
        return f"{folder}: subfolders are not searched; skipped {found} ({hint})"
    return f"{folder}: no report file at the top of this folder; subfolders are not searched ({found}: {hint})"


def open_corpus(paths: list[str]) -> Corpus:
    """The reports of ``paths``. When some load, each file that failed and each folder that leaves reports out
    (in subfolders, not searched) is one warning line on stderr; when none load, all of it is one error."""
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    given = {f.resolve() for f in folders}
    notes = [note for note in (_folder_note(f, given) for f in folders) if note]
    corpus = load_corpus(paths)
    if not len(corpus):
        problems = [*corpus.errors["error"], *notes]
        raise ValueError("; ".join(problems) or f"no report could be loaded from {', '.join(paths)}")
    for row in corpus.errors.itertuples():
        print(f"warning: skipped {row.error}", file=sys.stderr)
    for note in notes:
        print(f"warning: {note}", file=sys.stderr)
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
