"""锚定：把批注放回（可能已改动的）文本。Re-anchoring annotations in a document's text.

Each annotation is tried, in order, by
1. **position** — the quote still stands at ``[start, end)`` → status ``anchored``;
2. **quote + context** — the quote occurs elsewhere; the occurrence whose surroundings best
   agree with the stored prefix and suffix wins (ties: nearest the old position) → ``moved``;
3. **fuzzy** — the text around the best-voted place resembles the quote closely enough
   (similarity ≥ :data:`FUZZY_THRESHOLD`, quotes of at least :data:`FUZZY_MIN_CHARS`) *and* either
   its surroundings still agree with the stored context (≥ :data:`FUZZY_MIN_CONTEXT` characters)
   or it is nearly the quote (≥ :data:`FUZZY_SURE`) → ``fuzzy``. The context rule keeps a note
   from jumping to a similar phrase in another passage when its own passage was deleted;
4. otherwise → ``orphan``: kept and listed, never dropped.

The unchanged-text case costs one string comparison per annotation; occurrences of a quote are
indexed once per document, and the character-pair index for fuzzy search is built only if needed.

The fuzzy search is bounded, whatever an imported file holds: quotes longer than
:data:`FUZZY_MAX_CHARS` are not searched fuzzily (they stay orphans, kept), a character pair found
more than :data:`FUZZY_MAX_PAIR_HITS` times in the text casts no votes, and the votes counted per
annotation stop at :data:`FUZZY_MAX_VOTES`. Each result is cached in the document's
:class:`Anchorer` (one per document, :func:`anchorer_for`), so a view redrawn does not search again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from edu_helpers.annotations.model import CONTEXT_CHARS, Annotation
from edu_helpers.text.document import Document
from edu_helpers.text.patterns import occurrences

#: Minimum similarity (2·matched / (len(found) + len(quote))) for a fuzzy placement.
FUZZY_THRESHOLD = 0.75
#: Shorter quotes are never placed fuzzily: two changed characters in four are another phrase.
FUZZY_MIN_CHARS = 5
#: Characters of stored prefix/suffix that must still stand beside a fuzzy match…
FUZZY_MIN_CONTEXT = 4
#: …unless the match is at least this similar to the quote.
FUZZY_SURE = 0.9
_CANDIDATES = 5
#: Longest quote searched fuzzily (a long paragraph); longer ones are placed exactly or stay orphans.
FUZZY_MAX_CHARS = 1_000
#: A character pair occurring more often than this in the text is too common to say where a quote was.
FUZZY_MAX_PAIR_HITS = 200
#: At most this many votes are counted for one annotation.
FUZZY_MAX_VOTES = 50_000

ANCHORED, MOVED, FUZZY, ORPHAN = "anchored", "moved", "fuzzy", "orphan"


@dataclass(frozen=True, slots=True)
class Placed:
    """An annotation placed in a document: where it is now, and how it was found.

    ``start``/``end``/``paragraph_id``/``section`` are ``None`` for an orphan.
    """

    annotation: Annotation
    status: str
    start: int | None
    end: int | None
    paragraph_id: str | None
    section: int | None


def quote_context(text: str, start: int, end: int, size: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The ``size`` characters before and after ``text[start:end]`` (prefix, suffix).

    >>> quote_context("一二三四五六七", 3, 4, size=2)
    ('二三', '五六')
    """
    return text[max(0, start - size) : start], text[end : end + size]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored prefix and suffix agree with the text around a span."""
    before = text[max(0, start - len(prefix)) : start]
    return _common_prefix(before[::-1], prefix[::-1]) + _common_prefix(text[end : end + len(suffix)], suffix)


def best_alignment(region: str, quote: str) -> tuple[int, int, float]:
    """The span of ``region`` most similar to ``quote``: ``(start, end, similarity)``.

    Matching blocks of the two strings are aligned once; among the runs of consecutive blocks the
    one maximising ``2·matched / (span + len(quote))`` wins, so stray single matches at the edges
    of the region are left out.

    >>> best_alignment("外外外加快建设高质量的教育体系外外", "加快建设高质量教育体系")
    (3, 15, 0.9565217391304348)
    """
    blocks = [b for b in SequenceMatcher(None, region, quote, autojunk=False).get_matching_blocks() if b.size]
    best = (0, 0, 0.0)
    for i, first in enumerate(blocks):
        matched = 0
        for last in blocks[i:]:
            matched += last.size
            span = last.a + last.size - first.a
            score = 2 * matched / (span + len(quote))
            if score > best[2]:
                best = (first.a, last.a + last.size, score)
    return best


class Anchorer:
    """Places annotations in one document; build one per document and reuse it.

    Args:
        doc: the document to place annotations in.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self._occurrences: dict[str, list[int]] = {}
        self._pairs: dict[str, list[int]] | None = None
        self._fuzzy: dict[tuple[str, str, str, int], tuple[int, int] | None] = {}
        # (paragraph id, section) of every character offset: one list lookup per placement
        nowhere = (None, None)
        self._where: list[tuple[str | None, int | None]] = [nowhere] * (len(self.text) + 1)
        for p in doc.paragraph_records:
            stop = max(p.end, p.start + 1)
            self._where[p.start : stop] = [(p.id, p.section)] * (stop - p.start)

    def place(self, ann: Annotation) -> Placed:
        """Place one annotation (see the module docstring for the order of attempts)."""
        text, start, end = self.text, ann.start, ann.end
        if 0 <= start < end and text[start:end] == ann.exact:
            return self._placed(ann, ANCHORED, start, end)
        found = self._by_quote(ann)
        if found is not None:
            return self._placed(ann, MOVED, found, found + len(ann.exact))
        key = (ann.exact, ann.prefix, ann.suffix, ann.start)
        if key not in self._fuzzy:
            self._fuzzy[key] = self._by_fuzzy(ann)
        span = self._fuzzy[key]
        if span is not None:
            return self._placed(ann, FUZZY, *span)
        return Placed(ann, ORPHAN, None, None, None, None)

    def place_all(self, annotations: list[Annotation]) -> list[Placed]:
        """Place many annotations, in the given order."""
        return [self.place(a) for a in annotations]

    # --- the three strategies ---------------------------------------------------------------
    def _by_quote(self, ann: Annotation) -> int | None:
        quote = ann.exact
        if quote not in self._occurrences:
            self._occurrences[quote] = occurrences(self.text, quote)
        candidates = self._occurrences[quote]
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        n = len(quote)

        def key(i: int) -> tuple[int, int]:
            distance = abs(i - ann.start) if ann.start >= 0 else 0
            return (-context_score(self.text, i, i + n, ann.prefix, ann.suffix), distance)

        return min(candidates, key=key)

    def _by_fuzzy(self, ann: Annotation) -> tuple[int, int] | None:
        quote = ann.exact
        if not FUZZY_MIN_CHARS <= len(quote) <= FUZZY_MAX_CHARS:
            return None
        slack = max(4, len(quote) // 3)
        best: tuple[tuple[float, int, int], int, int] | None = None
        for diagonal in self._vote(ann):
            lo = max(0, diagonal - slack)
            a, b, score = best_alignment(self.text[lo : diagonal + len(quote) + slack], quote)
            start, end = lo + a, lo + b
            context = context_score(self.text, start, end, ann.prefix, ann.suffix)
            if end <= start or score < FUZZY_THRESHOLD or (context < FUZZY_MIN_CONTEXT and score < FUZZY_SURE):
                continue
            key = (score, context, -abs(start - ann.start) if ann.start >= 0 else 0)
            if best is None or key > best[0]:
                best = (key, start, end)
        return None if best is None else (best[1], best[2])

    def _vote(self, ann: Annotation) -> list[int]:
        """Likely start offsets of the quote: each shared character pair of prefix+quote+suffix votes."""
        if self._pairs is None:
            pairs: dict[str, list[int]] = defaultdict(list)
            for i in range(len(self.text) - 1):
                pairs[self.text[i : i + 2]].append(i)
            self._pairs = pairs
        probe, base = ann.prefix + ann.exact + ann.suffix, len(ann.prefix)
        votes: Counter[int] = Counter()
        budget = FUZZY_MAX_VOTES
        for k in range(len(probe) - 1):
            hits = self._pairs.get(probe[k : k + 2], ())
            if len(hits) > FUZZY_MAX_PAIR_HITS:
                continue
            budget -= len(hits)
            if budget < 0:
                break
            shift = k - base
            votes.update(i - shift for i in hits)
        return [d for d, _ in votes.most_common(_CANDIDATES)]

    # --- where it landed ----------------------------------------------------------------------
    def _placed(self, ann: Annotation, status: str, start: int, end: int) -> Placed:
        pid, section = self._where[start]
        return Placed(ann, status, start, end, pid, section)


def anchorer_for(doc: Document) -> Anchorer:
    """The one :class:`Anchorer` of ``doc`` (kept in ``doc.memo``), so placements are cached per document."""
    return doc.memo("annotations.anchorer", lambda: Anchorer(doc))
