"""检索：按主题、部分和关键词筛选段落或句子。Filter and search passages; topic × section counts.

Everything slow happens once per document, level and taxonomy (:func:`passage_index`): the tags of
:func:`edu_helpers.analysis.topics.tag_passages` become a boolean passage × topic matrix and one flat table of
evidence, so a filter is a few NumPy operations, a query one vectorised scan of the text (plus a token
lookup), and only the answer's rows are turned into Python objects.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from edu_helpers.analysis.topics import Taxonomy, load_taxonomy, tag_passages
from edu_helpers.text.query import term_forms

if TYPE_CHECKING:
    from edu_helpers.text.document import Document

LEVELS = ("paragraph", "sentence")
MATCHES = ("any", "all")
#: Latin letters fold to lower case in queries; the text keeps its length, so offsets stay valid.
_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
#: hits as three aligned arrays: passage row, start, end
_Hits = tuple[np.ndarray, np.ndarray, np.ndarray]


@dataclass(eq=False)
class PassageIndex:
    """Passages of one level with their tags, ready for fast filtering (see :func:`passage_index`).

    The evidence of all tags is one flat table sorted by passage (arrays ``ev_row``, ``ev_topic`` (column of
    ``has``), ``ev_start``, ``ev_end`` and the list ``ev_items`` of ``(topic, keyword, start, end)``), so a
    filter selects and groups it with NumPy instead of looping over passages.
    """

    doc: Document
    taxonomy: Taxonomy
    frame: pd.DataFrame  # id, level, paragraph_id, section, text, start, end
    has: np.ndarray  # bool, passages × topics
    topics: list[tuple[str, ...]]  # per passage, best first
    ev_row: np.ndarray
    ev_topic: np.ndarray
    ev_start: np.ndarray
    ev_end: np.ndarray
    ev_items: np.ndarray  # object array of (topic, keyword, start, end)

    @functools.cached_property
    def columns(self) -> dict[str, np.ndarray]:
        return {name: self.frame[name].to_numpy() for name in self.frame.columns}

    @functools.cached_property
    def item_list(self) -> list[tuple]:
        return self.ev_items.tolist()

    @functools.cached_property
    def codes(self) -> np.ndarray:
        """The text's code points, Latin letters folded: substring search becomes array comparison."""
        return _codes(self.doc.text.translate(_FOLD))

    @functools.cached_property
    def words(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Token text → (starts, ends) of its occurrences, in text order."""
        toks = self.doc.tokens
        starts, ends = toks["start"].to_numpy(), toks["end"].to_numpy()
        return {w: (starts[ix], ends[ix]) for w, ix in toks.groupby("token", sort=False).indices.items()}

    def rows_of(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Passage row of each span, ``-1`` where the span is not inside one passage."""
        rows = np.searchsorted(self.columns["start"], starts, side="right") - 1
        ok = (rows >= 0) & (ends <= self.columns["end"][np.maximum(rows, 0)])
        return np.where(ok, rows, -1)


def passage_index(doc: Document, level: str = "paragraph", taxonomy: Taxonomy | None = None) -> PassageIndex:
    """The :class:`PassageIndex` of ``doc`` at ``level``, built on first use and cached on the document."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; valid levels: {', '.join(LEVELS)}")
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    return doc.memo(("passage_index", level, taxonomy), lambda: _build(doc, level, taxonomy))


def _build(doc: Document, level: str, taxonomy: Taxonomy) -> PassageIndex:
    base = doc.paragraphs if level == "paragraph" else doc.sentences
    frame = pd.DataFrame(
        {
            "id": base["id"],
            "level": level,
            "paragraph_id": base["id"] if level == "paragraph" else base["paragraph_id"],
            "section": base["section"],
            "text": base["text"],
            "start": base["start"],
            "end": base["end"],
        }
    )
    row_of = {pid: k for k, pid in enumerate(frame["id"])}
    col_of = {n: k for k, n in enumerate(taxonomy.names)}
    has = np.zeros((len(frame), len(col_of)), dtype=bool)
    topics: list[list[str]] = [[] for _ in range(len(frame))]
    flat: list[tuple] = []  # (row, topic column, start, end, item)
    tags = tag_passages(doc, taxonomy)
    tags = tags[tags["level"] == level]
    for pid, topic, ev in zip(tags["id"], tags["topic"], tags["evidence"], strict=True):
        k, c = row_of[pid], col_of[topic]
        has[k, c] = True
        topics[k].append(topic)
        flat += [(k, c, s, e, (topic, kw, s, e)) for kw, s, e in ev]
    items = np.empty(len(flat), dtype=object)
    items[:] = [f[4] for f in flat]
    ev_row, ev_topic, ev_start, ev_end = (np.array([f[i] for f in flat], dtype=np.int64) for i in range(4))
    return PassageIndex(
        doc, taxonomy, frame, has, [tuple(t) for t in topics], ev_row, ev_topic, ev_start, ev_end, items
    )


def filter_passages(
    doc: Document,
    topics: str | list[str] | None = None,
    section: int | str | None = None,
    query: str | None = None,
    match: str = "any",
    *,
    level: str = "paragraph",
    taxonomy: Taxonomy | None = None,
) -> pd.DataFrame:
    """Passages with the given topics, in a section, matching a query; with what to highlight.

    Args:
        doc: the document.
        topics: a topic name or names; ``None`` or empty: any passage, tagged or not.
        section: a section index (``doc.sections["section"]``) or title.
        query: words separated by spaces; a passage must match every word (see :func:`query_hits`).
        match: ``"any"`` (a passage with at least one of ``topics``) or ``"all"`` (with every one).
        level: ``"paragraph"`` or ``"sentence"``.
        taxonomy: default: :func:`edu_helpers.analysis.topics.load_taxonomy` (the bundled one or ``$EDU_TOPICS``).

    Returns:
        One row per passage, in text order. Columns: ``id``, ``level``, ``paragraph_id``, ``section``,
        ``text``, ``start``, ``end``; ``topics`` (all the passage's topics, best first); ``evidence``
        (``(topic, keyword, start, end)`` for the topics asked for, or for all its topics if none were);
        ``query_spans`` (``(start, end)`` of the query's hits); ``spans`` (what matched, to highlight: the
        evidence of the topics asked for and the query's hits, sorted, without duplicates). ``topics``,
        ``evidence``, ``query_spans`` and ``spans`` hold tuples. All offsets are into ``doc.text``.

    Raises:
        ValueError: an unknown topic, section, level or ``match``; the message lists the valid ones.
    """
    idx = passage_index(doc, level, taxonomy)
    names = idx.taxonomy.check(topics)
    if match not in MATCHES:
        raise ValueError(f"match must be 'any' or 'all', not {match!r}")
    cols = [idx.taxonomy.names.index(n) for n in names]
    mask = np.ones(len(idx.frame), dtype=bool)
    if names:
        mask &= idx.has[:, cols].any(axis=1) if match == "any" else idx.has[:, cols].all(axis=1)
    if section is not None:
        mask &= idx.columns["section"] == doc.section_indexes(section)[0]
    hits = _no_hits()
    if query is not None and query.strip():
        hits = query_hits(idx, query, mask)
        mask = np.zeros(len(mask), dtype=bool)
        mask[hits[0]] = True
    rows = np.flatnonzero(mask)
    wanted = np.zeros(len(idx.taxonomy), dtype=bool)
    wanted[cols] = True
    sel = mask[idx.ev_row] & wanted[idx.ev_topic]  # the evidence of the topics asked for
    topic_hits = (idx.ev_row[sel], idx.ev_start[sel], idx.ev_end[sel])
    columns = {name: idx.columns[name][rows] for name in idx.frame.columns}
    columns["topics"] = [idx.topics[k] for k in rows.tolist()]
    if names:
        columns["evidence"] = _per_row(rows, idx.ev_row[sel], idx.ev_items[sel].tolist())
    else:
        columns["evidence"] = _per_row(rows, idx.ev_row, idx.item_list)
    columns["query_spans"] = _per_row(rows, hits[0], _pairs(hits))
    if names:
        spans = _sorted_unique(*(np.concatenate(a) for a in zip(topic_hits, hits, strict=True)))
        columns["spans"] = _per_row(rows, spans[0], _pairs(spans))
    else:
        columns["spans"] = columns["query_spans"]
    return pd.DataFrame(columns)


def _no_hits() -> _Hits:
    return (np.empty(0, dtype=np.int64),) * 3


def _pairs(hits: _Hits) -> list[tuple[int, int]]:
    return list(zip(hits[1].tolist(), hits[2].tolist(), strict=True))


def _per_row(rows: np.ndarray, owner: np.ndarray, values: list) -> list[tuple]:
    """For each of ``rows``, the ``values`` it owns (``owner`` is sorted, aligned with ``values``), as a tuple."""
    first, last = np.searchsorted(owner, rows, "left").tolist(), np.searchsorted(owner, rows, "right").tolist()
    return [tuple(values[a:b]) for a, b in zip(first, last, strict=True)]


def _sorted_unique(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> _Hits:
    """Hits ordered by passage, start, end, without duplicates."""
    if len(starts) > 1 and not (np.diff(starts) > 0).all():  # already in order when starts increase
        order = np.lexsort((ends, starts, rows))
        rows, starts, ends = rows[order], starts[order], ends[order]
        new = np.ones(len(rows), dtype=bool)
        new[1:] = (np.diff(rows) != 0) | (np.diff(starts) != 0) | (np.diff(ends) != 0)
        rows, starts, ends = rows[new], starts[new], ends[new]
    return rows, starts, ends


def query_hits(idx: PassageIndex, query: str, allowed: np.ndarray | None = None) -> _Hits:
    """Hits of ``query`` in the passages (rows of ``idx``, among ``allowed`` ones) matching all its words.

    A query word matches a passage where it occurs in the text (Latin letters in any case), as typed or as
    loading writes it (:func:`edu_helpers.text.query.term_forms`: 雙減 finds 双减, ２０２３ finds 2023); a word the
    segmenter cuts into several (高校改革 → 高校/改革) also matches a passage holding each of those as a
    whole token, in any order, and then those tokens are the hits.

    Returns:
        Arrays ``(rows, starts, ends)``, ordered by passage and offset, without duplicates.
    """
    allowed = np.ones(len(idx.frame), dtype=bool) if allowed is None else allowed.copy()
    parts = []
    for term in query.split():  # each word in every form the loaded text may hold it (雙減 → 双减, ２０２３ → 2023)
        found = [_term_hits(idx, form, allowed) for form in term_forms(term)]
        rows, starts, ends = (np.concatenate(a) for a in zip(*found, strict=True))
        allowed &= np.bincount(rows, minlength=len(allowed)).astype(bool)
        parts.append((rows, starts, ends))
    rows, starts, ends = (np.concatenate(a) for a in zip(*parts, strict=True))
    keep = allowed[rows]
    return _sorted_unique(rows[keep], starts[keep], ends[keep])


def _term_hits(idx: PassageIndex, term: str, allowed: np.ndarray) -> _Hits:
    from edu_helpers.analysis.words import segment

    found = _hits(idx, *_literal(idx.codes, term.translate(_FOLD)), allowed)
    words = [w for w in segment(term) if any(c.isalnum() for c in w)]
    if len(words) < 2:
        return found
    empty = (np.empty(0, dtype=np.int64),) * 2
    per_word = [_hits(idx, *idx.words.get(w, empty), allowed) for w in words]
    common = functools.reduce(np.intersect1d, [h[0] for h in per_word])
    common = np.setdiff1d(common, found[0])
    extra = [tuple(a[np.isin(h[0], common)] for a in h) for h in per_word]
    return tuple(np.concatenate(a) for a in zip(found, *extra, strict=True))  # type: ignore[return-value]


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _literal(codes: np.ndarray, term: str) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of every occurrence of ``term`` (overlapping ones too) in the text ``codes`` hold.

    >>> _literal(_codes("教育强国，教育"), "教育")
    (array([0, 5]), array([2, 7]))
    """
    want = _codes(term)
    if not len(want) or len(want) > len(codes):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    pos = np.flatnonzero(codes[: len(codes) - len(want) + 1] == want[0])
    for k in range(1, len(want)):
        pos = pos[codes[pos + k] == want[k]]
    return pos, pos + len(want)


def _hits(idx: PassageIndex, starts: np.ndarray, ends: np.ndarray, allowed: np.ndarray) -> _Hits:
    """The spans that lie inside one allowed passage, with its row."""
    rows = idx.rows_of(starts, ends)
    ok = rows >= 0
    ok[ok] = allowed[rows[ok]]
    return rows[ok], starts[ok], ends[ok]


def topic_table(doc: Document, *, long: bool = False, taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """How many paragraphs of each section carry each topic.

    Returns:
        ``long=False``: rows are the topics (taxonomy order, index ``topic``), columns the section titles
        (document order), values paragraph counts. ``long=True``: one row per topic and section, zeros
        included, columns ``topic``, ``section``, ``section_title``, ``count`` (for a heat map).
    """
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    tags = tag_passages(doc, taxonomy)
    tags = tags[tags["level"] == "paragraph"]
    counts = tags.groupby(["topic", "section"]).size()
    rows = [
        {"topic": t, "section": s.index, "section_title": s.title, "count": int(counts.get((t, s.index), 0))}
        for t in taxonomy.names
        for s in doc.section_records
    ]
    table = pd.DataFrame(rows, columns=["topic", "section", "section_title", "count"])
    if long:
        return table
    titles = _unique_titles([s.title for s in doc.section_records])
    wide = table.pivot(index="topic", columns="section", values="count").loc[taxonomy.names]
    wide.columns = pd.Index(titles, name="section")
    return wide


def _unique_titles(titles: list[str]) -> list[str]:
    """Section titles, a repeated one numbered (``导语``, ``导语 (2)``) so they can be column names."""
    seen: dict[str, int] = {}
    out = []
    for t in titles:
        seen[t] = seen.get(t, 0) + 1
        out.append(t if seen[t] == 1 else f"{t} ({seen[t]})")
    return out
