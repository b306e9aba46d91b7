"""主题：可编辑的分类表与带证据的段落标注。Topics stage: the taxonomy and passage tags with evidence.

The taxonomy is ``data/topics.toml`` (its header documents the format). A user's own file, given as a path or
in ``$EDU_TOPICS``, replaces the bundled topics or, with ``mode = "extend"``, adds to them.

Matching uses the segmentation: a keyword matches where it starts at a word boundary and ends at a word
boundary (one word or a run of consecutive words), so 开放 never matches inside 改革开放. The words are
those of :func:`edu_helpers.analysis.words.tokenize`: where ``doc.tokens`` keeps a 提法 whole (现代职业教育体系),
the words inside it still count as boundaries.

Score of a topic in a passage: each distinct keyword found scores 1, each distinct strong term
:data:`STRONG_WEIGHT`; a keyword found only inside a longer match of the same topic does not count again.
A passage gets the topic when the score reaches the topic's ``min_score`` (2 unless the file says otherwise).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from edu_helpers.analysis.tokens import word_bounds
from edu_helpers.data_files import DATA_DIR, read_toml
from edu_helpers.errors import DataFileError
from edu_helpers.text.patterns import occurrences

if TYPE_CHECKING:
    import pandas as pd

    from edu_helpers.text.document import Document

ENV_VAR = "EDU_TOPICS"
DEFAULT_FILE = DATA_DIR / "topics.toml"
STRONG_WEIGHT = 2
DEFAULT_MIN_SCORE = 2
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_FILE_KEYS = ("mode", "min_score", "topic")
_TOPIC_KEYS = ("name", "description", "colour", "keywords", "strong", "min_score")
_HEADER = re.compile(r"^\s*\[\[\s*topic\s*\]\]", re.MULTILINE)

#: one piece of evidence: (keyword, start, end), offsets into ``doc.text``
Evidence = tuple[str, int, int]


@dataclass(frozen=True)
class Topic:
    """One topic of the taxonomy (see ``data/topics.toml`` for the meaning of each field)."""

    name: str
    description: str
    colour: str
    keywords: tuple[str, ...]
    strong: tuple[str, ...] = ()
    min_score: float = DEFAULT_MIN_SCORE

    @functools.cached_property
    def weights(self) -> dict[str, int]:
        """Keyword → weight (a strong term weighs :data:`STRONG_WEIGHT`)."""
        return {**dict.fromkeys(self.keywords, 1), **dict.fromkeys(self.strong, STRONG_WEIGHT)}


@dataclass(frozen=True)
class Taxonomy:
    """The topics in display order, the files they came from, and the file's ``mode``."""

    topics: tuple[Topic, ...]
    sources: tuple[str, ...] = ()
    mode: str = "replace"

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.topics]

    def __getitem__(self, name: str) -> Topic:
        for t in self.topics:
            if t.name == name:
                return t
        raise KeyError(name)

    def __iter__(self):
        return iter(self.topics)

    def __len__(self) -> int:
        return len(self.topics)

    def check(self, names: str | list[str] | tuple[str, ...] | None) -> list[str]:
        """The topic names asked for, as a list; ``ValueError`` naming any unknown one and the valid ones."""
        names = [names] if isinstance(names, str) else list(names or [])
        unknown = [n for n in names if n not in self.names]
        if unknown:
            raise ValueError(f"unknown topic {', '.join(map(repr, unknown))}; valid topics: {', '.join(self.names)}")
        return names

    def frame(self) -> pd.DataFrame:
        """Columns ``name, description, colour, keywords, strong, min_score`` (for a notebook table)."""
        import pandas as pd

        return pd.DataFrame([vars(t) | {"keywords": list(t.keywords), "strong": list(t.strong)} for t in self])[
            list(_TOPIC_KEYS)
        ]


# --- loading ---------------------------------------------------------------------------------------
def load_taxonomy(path: str | Path | None = None, *, extend: bool | None = None) -> Taxonomy:
    """The taxonomy: the bundled one, or a user's file replacing or extending it.

    Args:
        path: a TOML file in the format of ``data/topics.toml``; ``None`` uses ``$EDU_TOPICS`` if set,
            else the bundled taxonomy alone.
        extend: ``True`` adds the file's topics to the bundled ones (same name: the user's topic wins),
            ``False`` uses the file's topics alone; ``None`` follows the file's ``mode`` (default ``"replace"``).

    Raises:
        DataFileError: the file is missing or malformed; the message names the file and the line.
    """
    path = path if path is not None else os.environ.get(ENV_VAR) or None
    bundled = _read_cached(DEFAULT_FILE)
    if path is None:
        return bundled
    user = _read_cached(Path(path))
    if not (extend if extend is not None else user.mode == "extend"):
        return Taxonomy(user.topics, user.sources)
    merged = {t.name: t for t in bundled} | {t.name: t for t in user}
    return Taxonomy(tuple(merged.values()), bundled.sources + user.sources, "extend")


def _read_cached(path: Path) -> Taxonomy:
    """:func:`_read`, parsing again only when the file changed (or is missing: then it raises)."""
    try:
        stat = os.stat(path)
    except OSError:
        return _read(path, None)  # raises, naming the file
    return _read(Path(os.path.abspath(path)), (stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=32)
def _read(path: Path, _key: tuple | None) -> Taxonomy:
    """Parse and check one file (cached while the file is unchanged)."""
    data = read_toml(path)
    text = path.read_text(encoding="utf-8-sig")
    for key in data:
        if key not in _FILE_KEYS:
            raise DataFileError(path, f"unknown key {key!r} (expected {', '.join(_FILE_KEYS)})", _key_line(text, key))
    mode = data.get("mode", "replace")
    if mode not in ("replace", "extend"):
        raise DataFileError(path, f'mode must be "replace" or "extend", not {mode!r}', _key_line(text, "mode"))
    min_score = _min_score(data.get("min_score", DEFAULT_MIN_SCORE), path, _key_line(text, "min_score"))
    tables = data.get("topic")
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        raise DataFileError(path, "no [[topic]] tables (each topic is a [[topic]] table with name, keywords…)")
    lines = _topic_lines(text, tables)
    topics, seen = [], set()
    for table, line in zip(tables, lines, strict=True):
        topic = _topic(table, min_score, path, line)
        if topic.name in seen:
            raise DataFileError(path, f"topic {topic.name!r} is defined twice", line)
        seen.add(topic.name)
        topics.append(topic)
    return Taxonomy(tuple(topics), (str(path),), mode)


def _topic(table: dict, min_score: float, path: Path, line: int | None) -> Topic:
    """One ``[[topic]]`` table, checked: ``DataFileError`` at ``line`` (its ``name =`` line) if malformed."""

    def fail(problem: str):
        raise DataFileError(path, problem, line)

    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        fail("a [[topic]] has no name")
    label = f"topic {name!r}"
    for key in table:
        if key not in _TOPIC_KEYS:
            fail(f"{label}: unknown key {key!r} (expected {', '.join(_TOPIC_KEYS)})")
    # the keyword lists first: a wrong type there is the problem to name, whatever else is missing
    keywords, strong = _words(table.get("keywords"), label, fail), _words(table.get("strong", []), label, fail)
    if not keywords:
        fail(f"{label} has no keywords")
    description = table.get("description")
    if not isinstance(description, str) or not description.strip() or "\n" in description.strip():
        fail(f"{label}: description must be one line of text, not {_shown(description)}")
    colour = table.get("colour")
    if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
        fail(f'{label}: colour {colour!r} is not a hex colour like "#1f77b4"')
    score = _min_score(table.get("min_score", min_score), path, line)
    return Topic(name.strip(), description.strip(), _hex6(colour), keywords, strong, score)


def _words(value, label: str, fail) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        fail(f'{label}: keywords must be a list of non-empty strings like ["双减", "课后服务"], not {_shown(value)}')
    bad = [w for w in value if any(c.isspace() for c in w.strip())]
    if bad:
        fail(f"{label}: keyword {bad[0]!r} contains whitespace")
    return tuple(dict.fromkeys(w.strip() for w in value))


def _shown(value) -> str:
    """A TOML value as the message shows it: ``missing``, or its kind and text (``a number (5)``)."""
    if value is None:
        return "missing"
    kind = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a table"}
    return f"{kind.get(type(value), type(value).__name__)} ({str(value)[:40]})"


def _min_score(value, path: Path, line: int | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise DataFileError(path, f"min_score must be a positive number, not {value!r}", line)
    return value


def _hex6(colour: str) -> str:
    digits = colour[1:].lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def _key_line(text: str, key: str, a: int = 0, b: int | None = None, value: str = "") -> int | None:
    """The line of the first ``key = value…`` in ``text[a:b]``, else ``None``."""
    m = re.compile(rf"^\s*{re.escape(key)}\s*=\s*.?{re.escape(value)}", re.MULTILINE).search(text, a, b or len(text))
    return text.count("\n", 0, m.start()) + 1 if m else None


def _topic_lines(text: str, tables: list[dict]) -> list[int | None]:
    """For each topic table, the line of its ``name =`` (else of its ``[[topic]]`` header)."""
    heads = [m.start() for m in _HEADER.finditer(text)]
    if len(heads) != len(tables):  # inline tables or other layouts: look the name up instead
        return [_key_line(text, "name", value=str(t.get("name", ""))) for t in tables]
    bounds = [*heads, len(text)]
    return [_key_line(text, "name", a, b) or text.count("\n", 0, a) + 1 for a, b in itertools.pairwise(bounds)]


# --- matching --------------------------------------------------------------------------------------
def find_keyword(text: str, keyword: str, starts: set[int], ends: set[int]) -> list[tuple[int, int]]:
    """``[start, end)`` of each occurrence of ``keyword`` in ``text`` that begins and ends on word boundaries.

    >>> find_keyword("改革开放，高质量开放", "开放", {0, 4, 5, 8}, {4, 5, 8, 10})  # 改革开放 is one word
    [(8, 10)]
    """
    n = len(keyword)
    return [(i, i + n) for i in occurrences(text, keyword) if i in starts and i + n in ends]


def topic_hits(text: str, topic: Topic, starts: set[int], ends: set[int]) -> list[Evidence]:
    """All matches of one topic in ``text``, in order; a match inside a longer match of the topic is dropped."""
    hits = sorted(
        ((s, -e, kw) for kw in topic.weights for s, e in find_keyword(text, kw, starts, ends)),
    )
    kept: list[Evidence] = []
    for s, neg_e, kw in hits:
        if not kept or -neg_e > kept[-1][2]:
            kept.append((kw, s, -neg_e))
    return kept


def score(topic: Topic, evidence: list[Evidence]) -> float:
    """Sum of the weights of the distinct keywords in ``evidence``."""
    return sum(topic.weights[kw] for kw in {kw for kw, _, _ in evidence})


def tag_passages(doc: Document, taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """Topics of every paragraph and sentence, with evidence and score (cached per document and taxonomy).

    Returns:
        One row per (passage, topic) whose score reaches the topic's ``min_score``, paragraphs first, in
        text order, a passage's topics best first. Columns: ``level`` (``paragraph``/``sentence``), ``id``
        (passage id), ``paragraph_id``, ``section``, ``topic``, ``score``, ``n_keywords`` (distinct),
        ``evidence`` (list of ``(keyword, start, end)``, offsets into ``doc.text``), ``start``, ``end``
        (the passage).
    """
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    return doc.memo(("topics", taxonomy), lambda: _tag(doc, taxonomy))


def _tag(doc: Document, taxonomy: Taxonomy) -> pd.DataFrame:
    import pandas as pd

    rows = level_rows(doc, "paragraph", taxonomy) + level_rows(doc, "sentence", taxonomy)
    cols = ["level", "id", "paragraph_id", "section", "topic", "score", "n_keywords", "evidence", "start", "end"]
    return pd.DataFrame(rows, columns=cols)


def level_rows(doc: Document, level: str, taxonomy: Taxonomy) -> list[list]:
    """The rows of :func:`tag_passages` of one level (``paragraph``/``sentence``) as lists, no DataFrame."""
    hits = doc.memo(("topic_hits", taxonomy), lambda: _hits(doc, taxonomy))
    passages = doc.paragraph_records if level == "paragraph" else doc.sentence_records
    return _passage_rows(doc, level, passages, taxonomy, hits)


def _hits(doc: Document, taxonomy: Taxonomy) -> dict[str, list[Evidence]]:
    starts, ends = map(set, word_bounds(doc, inside_phrases=True))
    return {t.name: topic_hits(doc.text, t, starts, ends) for t in taxonomy}


def _passage_rows(doc, level, passages, taxonomy: Taxonomy, hits: dict[str, list[Evidence]]) -> list[list]:
    """Rows of :func:`tag_passages` for one level: each topic's hits shared out among the passages."""
    bounds = [p.start for p in passages]
    found: list[dict[str, list[Evidence]]] = [{} for _ in passages]
    for name, evidence in hits.items():
        for ev in evidence:
            k = bisect.bisect_right(bounds, ev[1]) - 1
            if k >= 0 and ev[2] <= passages[k].end:
                found[k].setdefault(name, []).append(ev)
    topics = {t.name: t for t in taxonomy}
    order = {name: k for k, name in enumerate(topics)}
    rows = []
    for p, by_topic in zip(passages, found, strict=True):
        pid = getattr(p, "paragraph_id", p.id)
        tags = [(score(topics[n], ev), n, ev) for n, ev in by_topic.items()]
        for value, name, ev in sorted(tags, key=lambda t: (-t[0], order[t[1]])):
            if value >= topics[name].min_score:
                n_kw, section = len({kw for kw, _, _ in ev}), doc.paragraph(pid).section
                rows.append([level, p.id, pid, section, name, value, n_kw, ev, p.start, p.end])
    return rows


def paragraph_topics(doc: Document) -> dict[str, list[str]]:
    """Paragraph id → its topics, best first (from ``doc.topics``; untagged paragraphs are left out)."""
    tags = doc.topics
    tags = tags[tags["level"] == "paragraph"]
    out: dict[str, list[str]] = {}
    for pid, topic in zip(tags["id"], tags["topic"], strict=True):
        out.setdefault(pid, []).append(topic)
    return out
