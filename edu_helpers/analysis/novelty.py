"""新提法与删去的提法；首次出现与趋势。New and dropped formulations and terms; first appearance; trends.

A report's *terms* are of three kinds:

* ``formulation``: its 提法 (``doc.formulations``: quoted phrases, 两个确立-type, 一体两翼-type);
* ``lexicon``: entries of the policy dictionary (``data/policy_terms.txt``) that occur in its body text;
* ``ngram``: candidate phrases, runs of 2–3 adjacent counted words inside one sentence (市域/产教/联合体)
  occurring at least ``min_ngram`` times; a candidate inside a longer one with the same count is left out.

A term is *new* in B when it is a term of B and its text occurs nowhere in A's body paragraphs (the text is
searched, not A's tokens, so a different segmentation never makes an old term look new); *dropped* the other
way round. Frequencies are occurrences of the term's text per 10,000 characters of body text.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd

from edu_helpers.analysis.lexicon import POLICY_TERMS, read_dictionary

if TYPE_CHECKING:
    from edu_helpers.analysis.index import CorpusLike as Corpus
    from edu_helpers.analysis.records import Entry

KINDS = ("formulation", "lexicon", "ngram")
COMPARE_COLUMNS = ["term", "kind", "status", "count_a", "count_b", "paragraph_ids"]


@functools.cache
def lexicon_terms() -> tuple[str, ...]:
    """The words of the bundled policy dictionary (deletions, frequency 0, left out), longest first."""
    words = {w for w, n, _ in read_dictionary(POLICY_TERMS) if n != 0}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def body(entry: Entry) -> list[str]:
    """The body paragraphs of a report."""
    return [entry.paragraph_text(k) for k in range(len(entry.rec["para"]["id"]))]


def count_in(paragraphs: list[str], term: str) -> int:
    return sum(p.count(term) for p in paragraphs)


def ngrams(entry: Entry, n_max: int = 3, min_count: int = 2) -> Counter:
    """Candidate phrases of a report (see the module docstring), with their counts."""
    t = entry.rec["tok"]
    words, starts, ends = entry.words, t["start"].tolist(), t["end"].tolist()
    sent, counted = t["sent"].tolist(), t["counted"].tolist()
    found: Counter = Counter()
    inner: dict[str, set[str]] = {}  # candidate → the shorter candidates inside it (its runs of 2+ words)
    for i in range(len(words)):
        if not counted[i] or sent[i] < 0:
            continue
        for j in range(i + 1, min(i + n_max, len(words))):
            if not counted[j] or sent[j] != sent[i] or starts[j] != ends[j - 1]:
                break
            g = "".join(words[i : j + 1])
            found[g] += 1
            if j - i >= 2:
                inner.setdefault(g, set()).update(_runs(words[i : j + 1]))
    kept = Counter({g: n for g, n in found.items() if n >= min_count})
    # left out: a candidate inside a longer one with the same count; only each candidate's own runs are
    # looked at (at most n_max² of them), so this stays linear in the number of candidates
    covered = {s for h, n in kept.items() for s in inner.get(h, ()) if kept.get(s) == n}
    return Counter({g: n for g, n in kept.items() if g not in covered})


def _runs(words: list[str]) -> list[str]:
    """The shorter runs of two or more adjacent words inside ``words``, joined."""
    n = len(words)
    return ["".join(words[i:j]) for i in range(n) for j in range(i + 2, n + 1) if j - i < n]


def terms_of(entry: Entry, kinds: tuple[str, ...] = KINDS, min_ngram: int = 2) -> dict[str, tuple[str, int]]:
    """Term → ``(kind, count)`` of one report; a term found by several kinds keeps the first of :data:`KINDS`."""
    out: dict[str, tuple[str, int]] = {}
    paras = body(entry)
    if "formulation" in kinds:
        for text, _, n in entry.rec["formulations"]:
            out.setdefault(text, ("formulation", int(n)))
    if "lexicon" in kinds:
        joined = "\n".join(paras)
        for w in lexicon_terms():
            if w in joined:
                out.setdefault(w, ("lexicon", joined.count(w)))
    if "ngram" in kinds:
        for g, n in ngrams(entry, min_count=min_ngram).items():
            out.setdefault(g, ("ngram", n))
    return out


def _where(entry: Entry, term: str) -> list[str]:
    return [pid for pid, p in zip(entry.rec["para"]["id"], body(entry), strict=True) if term in p]


def compare_terms(
    corpus: Corpus, a: str, b: str, *, kinds: tuple[str, ...] = KINDS, min_ngram: int = 2
) -> pd.DataFrame:
    """Terms new in report ``b`` (absent from ``a``) and dropped from ``a`` (absent from ``b``).

    Args:
        corpus: the corpus; ``a`` is usually the earlier report, ``b`` the later.
        a, b: report ids.
        kinds: which kinds of terms (see the module docstring).
        min_ngram: how often a candidate phrase must occur in its report.

    Returns:
        Columns ``term``, ``kind``, ``status`` (``"new"``: in b only; ``"dropped"``: in a only), ``count_a``,
        ``count_b``, ``paragraph_ids`` (where it occurs, in the report that has it). New terms first, then
        dropped ones; within each, formulations, lexicon terms, then n-grams, each by count descending.
    """
    ea, eb = corpus[a], corpus[b]
    pa, pb = body(ea), body(eb)
    rows = []
    for status, terms, other, here in (("new", terms_of(eb, kinds, min_ngram), pa, eb),
                                       ("dropped", terms_of(ea, kinds, min_ngram), pb, ea)):  # fmt: skip
        for term, (kind, n) in terms.items():
            if count_in(other, term) == 0:
                ca, cb = (0, n) if status == "new" else (n, 0)
                rows.append([term, kind, status, ca, cb, _where(here, term)])
    df = pd.DataFrame(rows, columns=COMPARE_COLUMNS)
    df["_k"] = df["kind"].map({k: i for i, k in enumerate(KINDS)})
    df["_s"] = (df["status"] == "dropped").astype(int)
    df["_n"] = df["count_a"] + df["count_b"]
    df = df.sort_values(["_s", "_k", "_n", "term"], ascending=[True, True, False, True], kind="stable")
    return df.drop(columns=["_k", "_s", "_n"]).reset_index(drop=True)


def _year_table(corpus: Corpus, terms: list[str]) -> pd.DataFrame:
    """Long table: ``term``, ``year``, ``doc``, ``count``, ``n_chars`` (body characters) per report with a year."""
    rows = []
    for e in corpus:
        if e.year is None:
            continue
        paras = body(e)
        joined, n_chars = "\n".join(paras), sum(len(p) for p in paras)
        rows += [(t, e.year, e.id, joined.count(t), n_chars) for t in terms]
    return pd.DataFrame(rows, columns=["term", "year", "doc", "count", "n_chars"])


def first_appearance(
    corpus: Corpus, terms: list[str] | None = None, *, kinds: tuple[str, ...] = ("formulation", "lexicon")
) -> pd.DataFrame:
    """The year each term first appears in the corpus (首次出现). Reports without a year are left out.

    Args:
        corpus: the corpus.
        terms: the terms to follow; ``None``: every term of ``kinds`` of every report.
        kinds: used when ``terms`` is ``None``.

    Returns:
        Columns ``term``, ``kind`` (of its first report; ``"given"`` for a term that is no term of any report),
        ``first_year``, ``first_doc`` (the earliest report holding it, by date), ``last_year``, ``years`` (list
        of the years holding it), ``n_docs``, ``count`` (total occurrences); by first year, then count
        descending. Terms that occur nowhere are left out.
    """
    found: dict[str, str] = {}
    for e in corpus:
        for t, (kind, _) in terms_of(e, kinds).items():
            found.setdefault(t, kind)
    terms = list(found) if terms is None else list(dict.fromkeys(terms))
    table = _year_table(corpus, terms)
    table = table[table["count"] > 0]
    if table.empty:
        return pd.DataFrame(
            columns=["term", "kind", "first_year", "first_doc", "last_year", "years", "n_docs", "count"]
        )
    order = {e.id: (e.date or str(e.year), k) for k, e in enumerate(corpus)}
    table = table.assign(_o=table["doc"].map(order)).sort_values("_o", kind="stable")
    g = table.groupby("term", sort=False)
    df = pd.DataFrame(
        {
            "first_year": g["year"].min(),
            "first_doc": g["doc"].first(),
            "last_year": g["year"].max(),
            "years": g["year"].agg(lambda s: sorted(set(s))),
            "n_docs": g["doc"].nunique(),
            "count": g["count"].sum(),
        }
    ).reset_index()
    df.insert(1, "kind", df["term"].map(lambda t: found.get(t, "given")))
    return df.sort_values(["first_year", "count", "term"], ascending=[True, False, True], kind="stable").reset_index(
        drop=True
    )


def trend(corpus: Corpus, terms: list[str]) -> pd.DataFrame:
    """Frequency of each term per year, for a trend chart.

    Returns:
        One row per term and year (every year of the corpus, zeros included): ``term``, ``year``, ``count``,
        ``n_docs`` (reports of that year), ``n_chars`` (their body characters), ``per_10k`` (count per 10,000
        characters).
    """
    table = _year_table(corpus, list(dict.fromkeys(terms)))
    if table.empty:
        return pd.DataFrame(columns=["term", "year", "count", "n_docs", "n_chars", "per_10k"])
    df = table.groupby(["term", "year"], sort=False).agg(
        count=("count", "sum"), n_docs=("doc", "nunique"), n_chars=("n_chars", "sum")
    )
    df = df.reset_index()
    df["per_10k"] = df["count"] / df["n_chars"] * 1e4
    df["_t"] = df["term"].map({t: i for i, t in enumerate(dict.fromkeys(terms))})
    return df.sort_values(["_t", "year"], kind="stable").drop(columns="_t").reset_index(drop=True)
