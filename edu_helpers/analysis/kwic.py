"""KWIC 语境索引。Keyword-in-context concordance over a corpus.

A query is a word, a phrase, or several: ``"产教融合"``, ``"职普融通 科教融汇"`` (either word), ``'"深化 改革"'``
(a phrase with its space, in double quotes), or a list of strings. Each is matched literally in the body
paragraphs (Latin letters exactly as typed), as typed or as loading writes it (雙減 finds 双减, ２０２３ finds 2023:
:func:`edu_helpers.text.query.term_forms`); with ``whole_words=True`` a hit must also start and end on token
boundaries of ``doc.tokens`` (开放 then never matches inside 改革开放; note that a 提法 kept whole as one token
hides the boundaries inside it). Contexts never cross a paragraph boundary.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from edu_helpers.text.query import term_forms

if TYPE_CHECKING:
    from edu_helpers.analysis.index import CorpusLike as Corpus
    from edu_helpers.analysis.index import Group

SORTS = ("doc", "left", "right")
COLUMNS = ["doc", "paragraph_id", "left", "hit", "right", "start", "end"]
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|(\S+)')


def parse_query(query: str | list[str] | tuple[str, ...]) -> list[str]:
    """The terms of a query, in order, without duplicates.

    >>> parse_query('职普融通 科教融汇 "深化 改革"'), parse_query(["产教融合"])
    (['职普融通', '科教融汇', '深化 改革'], ['产教融合'])
    """
    if isinstance(query, str):
        terms = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(query)]
    else:
        terms = [str(q) for q in query]
    return list(dict.fromkeys(t.strip() for t in terms if t.strip()))


def kwic(
    corpus: Corpus,
    query: str | list[str],
    *,
    window: int = 20,
    sort: str = "doc",
    whole_words: bool = False,
    docs: Group | None = None,
) -> pd.DataFrame:
    """Every hit of ``query`` with its left and right context.

    Args:
        corpus: the corpus.
        query: see the module docstring.
        window: characters of context on each side (cut at the paragraph's edges).
        sort: ``"doc"`` (report order, then position), ``"left"`` (by the left context read backwards from the
            hit, as concordancers do) or ``"right"`` (by the right context); ties keep report order.
        whole_words: hits must begin and end on token boundaries.
        docs: only these reports (an id, year, list or predicate; see :meth:`Corpus.rows`).

    Returns:
        One row per hit. Columns: ``doc`` (report id), ``paragraph_id``, ``left``, ``hit``, ``right``,
        ``start``, ``end`` (``[start, end)`` offsets of the hit into that report's ``doc.text``); ``hit`` is the query
        term that matched, as it stands in the text.

    Raises:
        ValueError: an empty query, a window below 0, or an unknown ``sort``.
    """
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}, not {sort!r}")
    if window < 0:
        raise ValueError(f"window must be 0 or more, not {window}")
    terms = parse_query(query)
    if not terms:
        raise ValueError("empty query")
    idx = corpus.index
    # each term in every form the loaded text may hold it (雙減 → 双减, ２０２３ → 2023), a hit counted once
    found = [(idx.find(form), len(form)) for t in terms for form in term_forms(t)]
    starts = np.concatenate([f for f, _ in found])
    ends = starts + np.concatenate([np.full(len(f), n) for f, n in found])
    if len(starts):
        starts, ends = np.unique(np.stack([starts, ends]), axis=1)
    rows = idx.paragraph_of(starts, ends)
    keep = rows >= 0
    if docs is not None:
        keep &= np.isin(idx.para_doc[np.maximum(rows, 0)], corpus.rows(docs))
    if whole_words:
        keep &= _on_boundary(idx.tok_start, starts) & _on_boundary(idx.tok_end, ends)
    starts, ends, rows = starts[keep], ends[keep], rows[keep]
    order = np.lexsort((ends, starts))
    starts, ends, rows = starts[order], ends[order], rows[order]
    text, ps, pe = idx.text, idx.para_start[rows].tolist(), idx.para_end[rows].tolist()
    s_list, e_list = starts.tolist(), ends.tolist()
    left = [text[max(p, s - window) : s] for p, s in zip(ps, s_list, strict=True)]
    right = [text[e : min(q, e + window)] for q, e in zip(pe, e_list, strict=True)]
    doc_rows = idx.para_doc[rows]
    off = idx.doc_start[doc_rows]
    df = pd.DataFrame(
        {
            "doc": [idx.doc_ids[d] for d in doc_rows.tolist()],
            "paragraph_id": [idx.para_id[r] for r in rows.tolist()],
            "left": left,
            "hit": [text[s:e] for s, e in zip(s_list, e_list, strict=True)],
            "right": right,
            "start": (starts - off).astype(np.int64),
            "end": (ends - off).astype(np.int64),
        },
        columns=COLUMNS,
    )
    if df.empty:  # text columns stay text (an empty list would make them float)
        df = df.astype({c: str for c in ("doc", "paragraph_id", "left", "hit", "right")})
    if sort == "left":
        df = df.iloc[sorted(range(len(df)), key=lambda i: left[i][::-1])]
    elif sort == "right":
        df = df.iloc[sorted(range(len(df)), key=lambda i: right[i])]
    return df.reset_index(drop=True)


def _on_boundary(bounds: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Whether each offset is one of the sorted ``bounds``."""
    if not len(bounds):
        return np.zeros(len(offsets), dtype=bool)
    k = np.minimum(np.searchsorted(bounds, offsets), len(bounds) - 1)
    return bounds[k] == offsets
