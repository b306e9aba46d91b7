"""共现：同一句或同一段中出现的词对。Co-occurrence of terms within a sentence or a paragraph.

Units are the sentences (or paragraphs) of the reports. For terms x and y, ``n_x`` and ``n_y`` count the
units holding each, ``n_xy`` those holding both, ``N`` all units:

* ``pmi = log2(n_xy · N / (n_x · n_y))`` (how much more often than chance the two meet);
* ``dice = 2 · n_xy / (n_x + n_y)`` (between 0 and 1, 1 when they always come together).

Without ``terms``, the ``top`` content words (counted tokens: no punctuation, numbers, stopwords or
boilerplate) found in the most units are used, matched as tokens. Given ``terms`` are matched as text, so a
phrase the segmenter cuts apart (市域产教联合体) still counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from edu_helpers.analysis.index import CorpusLike as Corpus
    from edu_helpers.analysis.index import Group

UNITS = ("sentence", "paragraph")
MEASURES = ("pmi", "dice")
COLUMNS = ["term_a", "term_b", "n_a", "n_b", "n_ab", "pmi", "dice"]


def _presence(corpus: Corpus, unit: str, terms: list[str] | None, top: int, docs) -> tuple[list[str], np.ndarray, int]:
    """``(terms, units × terms boolean matrix, number of units)``."""
    idx = corpus.index
    u_doc = idx.sent_doc if unit == "sentence" else idx.para_doc
    u_start = idx.sent_start if unit == "sentence" else idx.para_start
    u_end = idx.sent_end if unit == "sentence" else idx.para_end
    allowed = np.isin(u_doc, corpus.rows(docs)) if docs is not None else np.ones(len(u_doc), dtype=bool)
    if terms is None:
        owner = idx.tok_sent if unit == "sentence" else idx.tok_para
        ok = idx.tok_counted & (owner >= 0)
        ok[ok] = allowed[owner[ok]]
        pairs = np.unique(np.stack([owner[ok], idx.tok_id[ok]]), axis=1) if ok.any() else np.empty((2, 0), int)
        df = np.bincount(pairs[1], minlength=len(idx.vocab))
        chosen = [int(w) for w in np.argsort(-df, kind="stable")[:top] if df[w] > 0]
        col = {w: c for c, w in enumerate(chosen)}
        m = np.zeros((len(u_doc), len(chosen)), dtype=bool)
        sel = np.isin(pairs[1], chosen)
        m[pairs[0][sel], [col[w] for w in pairs[1][sel].tolist()]] = True
        names = [idx.vocab[w] for w in chosen]
    else:
        names = list(dict.fromkeys(terms))
        m = np.zeros((len(u_doc), len(names)), dtype=bool)
        for c, t in enumerate(names):
            starts = idx.find(t)
            rows = np.searchsorted(u_start, starts, side="right") - 1
            ok = (rows >= 0) & (starts + len(t) <= u_end[np.maximum(rows, 0)])
            m[rows[ok], c] = True
    m &= allowed[:, None]
    return names, m, int(allowed.sum())


def cooccurrence(
    corpus: Corpus,
    *,
    unit: str = "sentence",
    terms: list[str] | None = None,
    top: int = 30,
    min_pair: int = 2,
    sort: str = "pmi",
    docs: Group | None = None,
) -> pd.DataFrame:
    """Term pairs that occur in the same sentence (or paragraph), scored by PMI and Dice.

    Args:
        corpus: the corpus.
        unit: ``"sentence"`` or ``"paragraph"``.
        terms: the terms to pair (matched as text); ``None``: the ``top`` most widespread content words.
        top: how many words when ``terms`` is ``None``.
        min_pair: a pair must share at least this many units.
        sort: ``"pmi"`` or ``"dice"``, descending (ties: ``n_ab`` descending, then the terms).
        docs: only these reports (see :meth:`Corpus.rows`).

    Returns:
        One row per pair (``term_a`` before ``term_b`` in term order): ``term_a``, ``term_b``, ``n_a``, ``n_b``,
        ``n_ab`` (units), ``pmi``, ``dice``.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    if sort not in MEASURES:
        raise ValueError(f"sort must be one of {MEASURES}, not {sort!r}")
    names, m, n_units = _presence(corpus, unit, terms, top, docs)
    mi = m.astype(np.int32)
    co = mi.T @ mi
    n = np.diag(co)
    a, b = np.triu_indices(len(names), k=1)
    keep = co[a, b] >= max(1, min_pair)
    a, b = a[keep], b[keep]
    nab, na, nb = co[a, b].astype(float), n[a].astype(float), n[b].astype(float)
    df = pd.DataFrame(
        {
            "term_a": [names[i] for i in a.tolist()],
            "term_b": [names[i] for i in b.tolist()],
            "n_a": n[a],
            "n_b": n[b],
            "n_ab": co[a, b],
            "pmi": np.log2(nab * n_units / (na * nb)) if len(a) else np.empty(0),
            "dice": 2 * nab / (na + nb) if len(a) else np.empty(0),
        },
        columns=COLUMNS,
    )
    df = df.sort_values([sort, "n_ab", "term_a", "term_b"], ascending=[False, False, True, True], kind="stable")
    return df.reset_index(drop=True)


def matrix(pairs: pd.DataFrame, measure: str = "pmi") -> pd.DataFrame:
    """The pairs as a symmetric term × term table of ``measure`` (``NaN`` where no pair), for a heat map."""
    terms = list(dict.fromkeys([*pairs["term_a"], *pairs["term_b"]]))
    out = pd.DataFrame(np.nan, index=terms, columns=terms)
    for x, y, v in zip(pairs["term_a"], pairs["term_b"], pairs[measure], strict=True):
        out.loc[x, y] = out.loc[y, x] = v
    return out
