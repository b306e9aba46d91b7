"""语料库索引。The search index of a corpus: one text, paragraph and token arrays, one vocabulary.

Built once per corpus (about 0.1 s for 1,000 reports) from the records, never from DataFrames:

* ``text``: the reports' normalised texts joined by ``\\n``; ``doc_start[d]`` is where report ``d`` begins, so
  a global offset minus ``doc_start`` is an offset into that report's ``doc.text``.
* paragraphs (``para_*``) and sentences (``sent_*``) as global ``[start, end)`` arrays with their report;
* tokens: ``tok_id`` (into ``vocab``), ``tok_doc``, ``tok_start``/``tok_end`` (global), ``tok_para`` and
  ``tok_sent`` (global rows, ``-1`` outside a sentence), ``tok_counted`` (a word for keyness: not punctuation,
  number, stopword or boilerplate; see ``keywords.counts_as_word``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

import numpy as np
import pandas as pd

from edu_helpers.analysis.records import Entry

#: a group of reports: an id, a year, a list of ids/years, or a predicate on entries
Group = str | int | Iterable[str | int] | Callable[[Entry], bool]


class CorpusLike(Protocol):
    """What the analysis modules (kwic, keyness, novelty, cooccur) need of a corpus
    (:class:`~edu_helpers.analysis.corpus_views.Corpus`; a protocol, so they never import it)."""

    entries: list[Entry]

    @property
    def index(self) -> CorpusIndex: ...

    def rows(self, group: Group) -> list[int]: ...

    def __getitem__(self, doc_id: str) -> Entry: ...


class CorpusIndex:
    """Arrays over all reports of a corpus (see the module docstring)."""

    def __init__(self, entries: Sequence[Entry]):
        texts = [e.text for e in entries]
        lengths = np.array([len(t) + 1 for t in texts], dtype=np.int64)
        self.doc_start = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        self.text = "\n".join(texts)
        self.doc_ids = [e.id for e in entries]
        # one vocabulary: every report's words factorised at once (first-seen order), not one dict call a word
        vocabs = [e.rec["tok"]["vocab"] for e in entries]
        codes, uniques = pd.factorize(np.array([w for v in vocabs for w in v], dtype=object), use_na_sentinel=False)
        cuts = np.cumsum([0, *(len(v) for v in vocabs)])
        parts: dict[str, list[np.ndarray]] = {k: [] for k in "pd ps pe pi sd ss se sp ti td ts te tp tt tc".split()}
        n_para = n_sent = 0
        self.para_id: list[str] = []
        for d, e in enumerate(entries):
            off, p, s, t = self.doc_start[d], e.rec["para"], e.rec["sent"], e.rec["tok"]
            parts["pd"].append(np.full(len(p["id"]), d, dtype=np.int32))
            parts["ps"].append(p["start"] + off)
            parts["pe"].append(p["end"] + off)
            parts["pi"].append(p["item"])
            self.para_id += p["id"]
            parts["sd"].append(np.full(len(s["start"]), d, dtype=np.int32))
            parts["ss"].append(s["start"] + off)
            parts["se"].append(s["end"] + off)
            parts["sp"].append(np.asarray(s["para"], dtype=np.int64) + n_para)
            local = codes[cuts[d] : cuts[d + 1]].astype(np.int32)
            parts["ti"].append(local[t["ids"]] if len(t["ids"]) else t["ids"])
            parts["td"].append(np.full(len(t["ids"]), d, dtype=np.int32))
            parts["ts"].append(t["start"].astype(np.int64) + off)
            parts["te"].append(t["end"].astype(np.int64) + off)
            parts["tp"].append(t["para"].astype(np.int64) + n_para)
            parts["tt"].append(np.where(t["sent"] >= 0, t["sent"].astype(np.int64) + n_sent, -1))
            parts["tc"].append(t["counted"])
            n_para += len(p["id"])
            n_sent += len(s["start"])
        cat = {k: (np.concatenate(v) if v else np.empty(0, dtype=np.int64)) for k, v in parts.items()}
        self.vocab: list[str] = uniques.tolist()
        self.para_doc, self.para_start, self.para_end, self.para_item = cat["pd"], cat["ps"], cat["pe"], cat["pi"]
        self.sent_doc, self.sent_start, self.sent_end, self.sent_para = cat["sd"], cat["ss"], cat["se"], cat["sp"]
        self.tok_id, self.tok_doc, self.tok_start, self.tok_end = cat["ti"], cat["td"], cat["ts"], cat["te"]
        self.tok_para, self.tok_sent, self.tok_counted = cat["tp"], cat["tt"], cat["tc"].astype(bool)

    @functools.cached_property
    def word_id(self) -> dict[str, int]:
        """Word → its row in :attr:`vocab` (built on first use)."""
        return {w: i for i, w in enumerate(self.vocab)}

    def counts(self, docs: Sequence[int] | np.ndarray) -> np.ndarray:
        """Counts of each vocabulary word (counted tokens only) in the reports ``docs`` (row numbers)."""
        mask = np.isin(self.tok_doc, np.asarray(docs, dtype=np.int32)) & self.tok_counted
        return np.bincount(self.tok_id[mask], minlength=len(self.vocab))

    def find(self, term: str) -> np.ndarray:
        """Global start offsets of every non-overlapping occurrence of ``term`` in :attr:`text`."""
        out, text, n = [], self.text, len(term)
        if not n:
            return np.empty(0, dtype=np.int64)
        i = text.find(term)
        while i >= 0:
            out.append(i)
            i = text.find(term, i + n)
        return np.array(out, dtype=np.int64)

    def paragraph_of(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Global paragraph row holding each span, ``-1`` where it is not inside one body paragraph."""
        rows = np.searchsorted(self.para_start, starts, side="right") - 1
        ok = (rows >= 0) & (ends <= self.para_end[np.maximum(rows, 0)])
        return np.where(ok, rows, -1)
