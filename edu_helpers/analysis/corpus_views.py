"""The :class:`Corpus` record: entries, errors, DataFrame views, and the comparison methods.

Every analysis lives in its own module (kwic, keyness, novelty, align, cooccur); the methods here only
resolve document ids and delegate, so the modules stay pure functions of a corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Any

import pandas as pd

from edu_helpers.analysis.index import CorpusIndex, Group
from edu_helpers.analysis.records import Entry


class Corpus:
    """Reports loaded by :func:`edu_helpers.analysis.corpus.load_corpus`.

    Attributes:
        entries: the reports (:class:`~.records.Entry`), in load order.
        errors: files that could not be loaded, DataFrame with columns ``path``, ``error``.
        report: the load report: ``n_files``, ``n_documents``, ``n_errors``, ``n_from_cache``, ``workers``,
            ``cache_dir``, ``seconds``.
    """

    def __init__(self, entries: list[Entry], errors: list[dict] | None = None, report: dict | None = None):
        self.entries = entries
        self.errors = pd.DataFrame(errors or [], columns=["path", "error"])
        self.report = report or {}
        self._row = {e.id: k for k, e in enumerate(entries)}

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __getitem__(self, doc_id: str) -> Entry:
        try:
            return self.entries[self._row[doc_id]]
        except KeyError:
            raise KeyError(f"no document {doc_id!r}; ids are {', '.join(self.ids[:8])}…") from None

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.entries]

    def document(self, doc_id: str):
        """The full :class:`edu_helpers.Document` of one report (``doc.tokens``, ``doc.filter`` … all work)."""
        return self[doc_id].document()

    def rows(self, group: Group) -> list[int]:
        """Row numbers of the reports in ``group`` (see :data:`Group`); ``KeyError``/``ValueError`` if empty."""
        if callable(group):
            rows = [k for k, e in enumerate(self.entries) if group(e)]
        else:
            items = [group] if isinstance(group, str | int) else list(group)
            rows = []
            for item in items:
                if isinstance(item, str):
                    rows.append(self._row[self[item].id])
                else:
                    rows += [k for k, e in enumerate(self.entries) if e.year == item]
        if not rows:
            raise ValueError(f"no document in {group!r}")
        return sorted(set(rows))

    @cached_property
    def index(self) -> CorpusIndex:
        """The search index (:class:`~.index.CorpusIndex`), built on first use."""
        return CorpusIndex(self.entries)

    # --- DataFrame views ------------------------------------------------------------------------
    @cached_property
    def documents(self) -> pd.DataFrame:
        """One row per report: ``id``, ``title``, ``date``, ``year`` (``<NA>`` if unknown), ``path``, ``demo``
        (written for demonstration, 示例), ``n_chars``, ``n_paragraphs``, ``n_items``, ``n_tokens``,
        ``encoding``, ``from_cache``, ``warnings`` (in Chinese: the load report's and a missing year),
        ``load_report`` (its one-line summary; the full report is ``corpus[id].load_report``)."""
        rows = []
        for e in self.entries:
            r = e.report
            rows.append(
                {
                    "id": e.id, "title": e.title, "date": e.date, "year": e.year, "path": r["path"], "demo": e.demo,
                    "n_chars": r["n_chars"], "n_paragraphs": r["n_paragraphs"], "n_items": r["n_items"],
                    "n_tokens": r["n_tokens"], "encoding": r["encoding"], "from_cache": e.from_cache,
                    "warnings": list(r["warnings"]), "load_report": r.get("summary", ""),
                }
            )  # fmt: skip
        cols = ["id", "title", "date", "year", "path", "demo", "n_chars", "n_paragraphs", "n_items", "n_tokens"]
        df = pd.DataFrame(rows, columns=[*cols, "encoding", "from_cache", "warnings", "load_report"])
        df["year"] = df["year"].astype("Int64")
        return df

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """All body paragraphs: ``doc`` (report id) and the columns of ``doc.paragraphs`` (``id``, ``section``,
        ``item`` (``<NA>`` if not a numbered item), ``kind``, ``cue``, ``text``, ``start``, ``end``, ``n_chars``)."""
        frames = []
        for e in self.entries:
            p = e.rec["para"]
            starts, ends = p["start"].tolist(), p["end"].tolist()
            frames.append(
                pd.DataFrame(
                    {
                        "doc": e.id, "id": p["id"], "section": p["section"], "item": p["item"], "kind": p["kind"],
                        "cue": p["cue"], "text": [e.text[a:b] for a, b in zip(starts, ends, strict=True)],
                        "start": starts, "end": ends,
                    }
                )
            )  # fmt: skip
        cols = ["doc", "id", "section", "item", "kind", "cue", "text", "start", "end"]
        df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
        df["item"] = df["item"].astype("Int64").where(df["item"] >= 0)
        df["n_chars"] = df["text"].str.len()
        return df

    # --- analyses (see each module for the columns) -------------------------------------------------
    def kwic(self, query: str | list[str], window: int = 20, sort: str = "doc", **kw: Any) -> pd.DataFrame:
        """KWIC concordance (see :func:`.kwic.kwic`)."""
        from edu_helpers.analysis.kwic import kwic

        return kwic(self, query, window=window, sort=sort, **kw)

    def keyness(self, a: Group, b: Group, **kw: Any) -> pd.DataFrame:
        """Keywords of ``a`` against ``b`` (see :func:`.keyness.corpus_keyness`)."""
        from edu_helpers.analysis.keyness import corpus_keyness

        return corpus_keyness(self, a, b, **kw)

    def compare_terms(self, a: str, b: str, **kw: Any) -> pd.DataFrame:
        """New and dropped formulations and terms from report ``a`` to report ``b`` (see :mod:`.novelty`)."""
        from edu_helpers.analysis.novelty import compare_terms

        return compare_terms(self, a, b, **kw)

    def first_appearance(self, terms: list[str] | None = None, **kw: Any) -> pd.DataFrame:
        from edu_helpers.analysis.novelty import first_appearance

        return first_appearance(self, terms, **kw)

    def trend(self, terms: list[str], **kw: Any) -> pd.DataFrame:
        from edu_helpers.analysis.novelty import trend

        return trend(self, terms, **kw)

    def align(self, a: str, b: str, **kw: Any) -> pd.DataFrame:
        """Sections and items of ``a`` aligned with those of ``b`` (see :func:`.align.align`)."""
        from edu_helpers.analysis.align import align

        return align(self[a], self[b], **kw)

    def diff_html(self, a: str, b: str, **kw: Any) -> str:
        """Side-by-side diff of two reports as a printable HTML page (see :func:`.align.diff_html`)."""
        from edu_helpers.analysis.align import align, diff_html

        return diff_html(self[a], self[b], align(self[a], self[b], **kw))

    def cooccurrence(self, **kw: Any) -> pd.DataFrame:
        from edu_helpers.analysis.cooccur import cooccurrence

        return cooccurrence(self, **kw)

    def __repr__(self) -> str:
        years = sorted({e.year for e in self.entries if e.year})
        span = f"{years[0]}–{years[-1]}" if years else "no years"
        return f"<Corpus: {len(self)} documents ({span}), {len(self.errors)} errors>"
