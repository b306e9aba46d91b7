"""一篇报告的紧凑记录。The compact, cacheable record of one analysed report, and :class:`Entry` over it.

A record is what a worker process sends back and what the disk cache stores: plain lists, tuples and NumPy
arrays (quick to pickle), never DataFrames. It holds the normalised text, the structure (paragraphs,
sentences, sections as columns), the tokens of ``doc.tokens`` (a per-report vocabulary and offsets), the
formulations and the paragraph topics, and the load report. :class:`Entry` gives it a corpus id and
rebuilds the full :class:`edu_helpers.Document` only when asked.
"""

from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from edu_helpers.analysis.formulations import find_formulations
from edu_helpers.analysis.keywords import counts_as_word
from edu_helpers.analysis.tokens import token_columns
from edu_helpers.analysis.topics import level_rows, load_taxonomy
from edu_helpers.text.load import document_from_text

SCHEMA = 2
NO_YEAR = "没有找到年份：旁注文件没有日期，正文也没有写年份。"
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO = re.compile(r"((?:19|20)\d{2})(?:-(\d{1,2})-(\d{1,2}))?")


def year_and_date(meta: dict, title: str, lead: str) -> tuple[int | None, str, str]:
    """``(year, date, source)`` of a report: the sidecar's ``date`` or ``year``, else the first ``2031年`` of the
    headline, else of the lead (with its ``1月10日``); ``source`` is ``"sidecar"``, ``"text"`` or ``""``.

    >>> year_and_date({}, "2031年全国教育工作会议", "1月10日，2031年全国……")
    (2031, '2031-01-10', 'text')
    """
    raw = str(meta.get("date") or meta.get("year") or "").strip()
    if m := _ISO.match(raw):
        y, mo, d = m.groups()
        return int(y), (f"{y}-{int(mo):02d}-{int(d):02d}" if mo else raw), "sidecar"
    for text in (title, lead):
        if m := _YEAR.search(text):
            y = m.group(1)
            md = _MONTH_DAY.match(lead)
            return int(y), (f"{y}-{int(md[1]):02d}-{int(md[2]):02d}" if md else y), "text"
    return None, "", ""


def build_record(doc: Any, seconds: float = 0.0) -> dict:
    """The record of a loaded document; computes (and so times) its tokens, formulations and topics.

    Built from the lists behind ``doc.tokens``, ``doc.formulations`` and ``doc.topics`` (paragraph rows),
    not from the DataFrames, which a worker would build only to take apart again: the same values.
    """
    t0 = time.perf_counter()
    paras = doc.paragraph_records
    _, words, pos, token_starts = token_columns(doc)
    starts = np.array(token_starts, dtype=np.int64)
    ends = starts + np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    para_starts = np.array([p.start for p in paras], dtype=np.int64)
    sents = doc.sentence_records
    sent_starts = np.array([s.start for s in sents], dtype=np.int64)
    sent_ends = np.array([s.end for s in sents], dtype=np.int64)
    ids, vocab = _factorize(words)
    pos_ids, tags = _factorize(pos)
    ids, pos_ids = ids.astype(np.int32), pos_ids.astype(np.uint8)
    k = np.searchsorted(sent_starts, starts, side="right") - 1
    inside = (k >= 0) & (starts < sent_ends[np.maximum(k, 0)])
    forms = find_formulations(doc)
    topics = level_rows(doc, "paragraph", load_taxonomy())
    row_of = {p.id: i for i, p in enumerate(paras)}
    year, date, date_source = year_and_date(doc.meta, doc.title, paras[0].text if paras else "")
    rec = {
        "schema": SCHEMA,
        "text": doc.text,
        "hash_id": doc.id,
        "title": doc.title,
        "subtitles": tuple(doc.subtitles),
        "meta": dict(doc.meta),
        "encoding": doc.encoding,
        "year": year,
        "date": date,
        "para": {
            "id": [p.id for p in paras],
            "section": np.array([p.section for p in paras], dtype=np.int32),
            "item": np.array([-1 if p.item is None else p.item for p in paras], dtype=np.int32),
            "kind": [p.kind for p in paras],
            "cue": [p.cue for p in paras],
            "start": para_starts,
            "end": np.array([p.end for p in paras], dtype=np.int64),
        },
        "sent": {"start": sent_starts, "end": sent_ends, "para": np.array([row_of[s.paragraph_id] for s in sents])},
        "sections": [(s.index, s.title, s.kind, s.cue) for s in doc.section_records],
        "tok": {
            "vocab": vocab,
            "ids": ids,
            "pos": tags,
            "pos_ids": pos_ids,
            "start": starts.astype(np.int32),
            "end": ends.astype(np.int32),
            "para": (np.searchsorted(para_starts, starts, side="right") - 1).astype(np.int32),
            "sent": np.where(inside, k, -1).astype(np.int32),
            "counted": _counted(ids, vocab, pos_ids, tags),
        },
        "formulations": [(f.text, f.kind, len(f.spans)) for f in forms],
        "topics": [(row_of[row[1]], row[4], float(row[5])) for row in topics],
    }
    lr = doc.load_report
    rec["load_report"] = lr
    rec["report"] = {
        "encoding": doc.encoding,
        "n_chars": len(doc.text),
        "n_paragraphs": len(paras),
        "n_sections": len(doc.section_records),
        "n_items": int((rec["para"]["item"] >= 0).sum()),
        "n_tokens": len(words),
        "n_formulations": len(rec["formulations"]),
        "date_source": date_source,
        "format": lr.format if lr else "txt",
        "summary": lr.summary() if lr else "",
        "warnings": [*(lr.warnings if lr else ()), *([] if year is not None else [NO_YEAR])],
        "seconds": round(seconds + time.perf_counter() - t0, 4),
    }
    return rec


def _factorize(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """``(codes, uniques)``: each value's row in ``uniques``, the distinct values in first-seen order."""
    if not values:
        return np.empty(0, dtype=np.int64), []
    codes, uniques = pd.factorize(np.array(values, dtype=object), use_na_sentinel=False)
    return codes, uniques.tolist()


def _counted(ids: np.ndarray, vocab: list[str], pos_ids: np.ndarray, tags: list[str]) -> np.ndarray:
    """``counts_as_word`` of each token, asked once per distinct (word, tag)."""
    n = max(1, len(tags))
    pairs, inverse = np.unique(ids.astype(np.int64) * n + pos_ids, return_inverse=True)
    values = [counts_as_word(vocab[key // n], tags[key % n]) for key in pairs.tolist()]
    return np.array(values, dtype=bool)[inverse.reshape(-1)] if len(ids) else np.empty(0, dtype=bool)


@dataclass(eq=False)
class Entry:
    """One report of a corpus: its id (unique in the corpus), where it came from, and its record."""

    id: str
    path: Path | None
    rec: dict
    from_cache: bool = False
    _doc: Any = field(default=None, repr=False)

    title = property(lambda self: self.rec["title"])
    date = property(lambda self: self.rec["date"])
    year = property(lambda self: self.rec["year"])
    text = property(lambda self: self.rec["text"])
    meta = property(lambda self: self.rec["meta"])

    @property
    def report(self) -> dict:
        """The load report: encoding, counts, warnings, seconds, and whether it came from the cache."""
        return {**self.rec["report"], "from_cache": self.from_cache, "path": str(self.path) if self.path else None}

    @property
    def load_report(self):
        """The :class:`~edu_helpers.text.report.LoadReport` of this file's load (``doc.load_report``)."""
        return self.rec.get("load_report")

    @property
    def demo(self) -> bool:
        """Whether the sidecar marks the report as written for demonstration (``demo = true``, 示例)."""
        return bool(self.meta.get("demo")) or "示例" in str(self.meta.get("kind", ""))

    def document(self):
        """The full :class:`edu_helpers.Document` (built from the normalised text once, then kept)."""
        if self._doc is None:
            doc = document_from_text(self.text, path=self.path, encoding=self.rec["encoding"], meta=self.meta)
            # the text is already normalised: the report of the original load is the one that says what it did
            self._doc = dataclasses.replace(doc, load_report=self.load_report) if self.load_report else doc
        return self._doc

    def paragraph_text(self, k: int) -> str:
        p = self.rec["para"]
        return self.text[p["start"][k] : p["end"][k]]

    @cached_property
    def words(self) -> list[str]:
        """Token text, one per token, in text order."""
        t = self.rec["tok"]
        vocab = t["vocab"]
        return [vocab[i] for i in t["ids"].tolist()]

    def paragraph_tokens(self, k: int) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        """``(words, starts, ends, counted)`` of paragraph ``k`` (starts/ends are offsets into :attr:`text`)."""
        t = self.rec["tok"]
        a, b = np.searchsorted(t["para"], [k, k + 1])
        return self.words[a:b], t["start"][a:b], t["end"][a:b], t["counted"][a:b]

    @cached_property
    def paragraph_topic_sets(self) -> list[frozenset[str]]:
        out: list[set[str]] = [set() for _ in self.rec["para"]["id"]]
        for k, topic, _ in self.rec["topics"]:
            out[k].add(topic)
        return [frozenset(s) for s in out]

    def __repr__(self) -> str:
        return f"<Entry {self.id!r} {self.title!r} {self.year}>"
