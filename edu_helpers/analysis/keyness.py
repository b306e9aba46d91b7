"""关键性：两篇报告或两组报告之间的关键词。Keyness between two reports or two groups.

For a word with ``a`` occurrences among the ``c`` counted tokens of A and ``b`` among the ``d`` of B
(Rayson & Garside's log-likelihood, one degree of freedom):

* expected counts ``E1 = c·(a+b)/(c+d)`` and ``E2 = d·(a+b)/(c+d)``;
* ``G² = 2·(a·ln(a/E1) + b·ln(b/E2))``, a term with a zero count contributing 0;
* effect size (Hardie's log ratio) ``log2((a/c) / (b/d))``, a zero count replaced by 0.5 so that a word
  absent from one side still gets a finite size; ``p`` is the chi-square(1) tail of ``G²``.

Counted tokens are those of ``doc.tokens`` that are words: punctuation, numbers, function words
(``stopwords.txt``) and boilerplate (``boilerplate.txt``) are left out (``keywords.counts_as_word``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from edu_helpers.analysis.index import CorpusLike as Corpus
    from edu_helpers.analysis.index import Group

COLUMNS = ["word", "count_a", "count_b", "per_10k_a", "per_10k_b", "g2", "p", "log_ratio", "direction"]
#: G² above this is significant at p < 0.05 (one degree of freedom)
G2_05 = 3.841


def g2(a: np.ndarray, b: np.ndarray, c: float, d: float) -> np.ndarray:
    """Log-likelihood G² of counts ``a`` (out of ``c``) against ``b`` (out of ``d``), element-wise.

    >>> round(float(g2(np.array([10]), np.array([2]), 1000, 1000)[0]), 4)
    5.8221
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2 * (t1 + t2)


def log_ratio(a: np.ndarray, b: np.ndarray, c: float, d: float) -> np.ndarray:
    """Hardie's log ratio ``log2((a/c)/(b/d))``, zero counts taken as 0.5."""
    a, b = np.where(np.asarray(a) > 0, a, 0.5), np.where(np.asarray(b) > 0, b, 0.5)
    return np.log2((a / c) / (b / d))


def keyness_table(
    words: Sequence[str],
    count_a: np.ndarray,
    count_b: np.ndarray,
    *,
    min_count: int = 3,
    min_g2: float = G2_05,
    total_a: float | None = None,
    total_b: float | None = None,
) -> pd.DataFrame:
    """Positive and negative keywords of A against B from aligned count arrays.

    Args:
        words: the vocabulary.
        count_a, count_b: counts of each word in A and in B.
        min_count: a keyword needs at least this many occurrences on the side it is key for.
        min_g2: and at least this G² (default 3.841, p < 0.05; ``0`` keeps every word).
        total_a, total_b: token totals (default: the sums of the counts).

    Returns:
        Columns ``word``, ``count_a``, ``count_b``, ``per_10k_a``, ``per_10k_b`` (per 10,000 counted tokens),
        ``g2``, ``p``, ``log_ratio`` and ``direction`` (``"positive"``: relatively more frequent in A;
        ``"negative"``: in B); positive keywords first, each part by G² descending, ties by word.
    """
    ca, cb = np.asarray(count_a, dtype=np.int64), np.asarray(count_b, dtype=np.int64)
    c = float(total_a if total_a is not None else ca.sum())
    d = float(total_b if total_b is not None else cb.sum())
    if c <= 0 or d <= 0:
        return pd.DataFrame(columns=COLUMNS)
    positive = ca / c > cb / d
    near = np.where(positive, ca, cb) >= min_count
    sel = np.flatnonzero(near & ((ca > 0) | (cb > 0)))
    a, b = ca[sel], cb[sel]
    g = g2(a, b, c, d)
    keep = g >= min_g2
    sel, a, b, g = sel[keep], a[keep], b[keep], g[keep]
    df = pd.DataFrame(
        {
            "word": [words[i] for i in sel.tolist()],
            "count_a": a,
            "count_b": b,
            "per_10k_a": a / c * 1e4,
            "per_10k_b": b / d * 1e4,
            "g2": g,
            "p": [math.erfc(math.sqrt(x / 2)) for x in g.tolist()],
            "log_ratio": log_ratio(a, b, c, d),
            "direction": np.where(positive[sel], "positive", "negative"),
        },
        columns=COLUMNS,
    )
    df["rank"] = (df["direction"] == "negative").astype(int)
    df = df.sort_values(["rank", "g2", "word"], ascending=[True, False, True], kind="stable")
    return df.drop(columns="rank").reset_index(drop=True)


def keyness_counts(a: Mapping[str, int], b: Mapping[str, int], **kw) -> pd.DataFrame:
    """:func:`keyness_table` from two word → count mappings (e.g. ``collections.Counter``)."""
    words = list(dict.fromkeys([*a, *b]))
    ca = np.array([a.get(w, 0) for w in words], dtype=np.int64)
    cb = np.array([b.get(w, 0) for w in words], dtype=np.int64)
    return keyness_table(words, ca, cb, **kw)


def corpus_keyness(corpus: Corpus, a: Group, b: Group, **kw) -> pd.DataFrame:
    """Keywords of the reports ``a`` against the reports ``b`` of ``corpus`` (ids, years, lists or predicates;
    see :meth:`Corpus.rows`). Keyword arguments go to :func:`keyness_table`; the columns are its columns."""
    idx = corpus.index
    return keyness_table(idx.vocab, idx.counts(corpus.rows(a)), idx.counts(corpus.rows(b)), **kw)
