"""批注模型。The annotation record, its kinds, ids, timestamps and errors.

An :class:`Annotation` is a frozen record. Its target follows the W3C Web Annotation model, kept
flat for speed: a quote selector (``exact``, ``prefix``, ``suffix``) and a position selector
(``start``, ``end``: ``[start, end)`` into the normalised text of the document it was made on).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from edu_helpers.data_files import DATA_DIR, read_toml
from edu_helpers.errors import DataFileError, DocumentError

#: Characters of context kept on each side of a quote (the quote selector's prefix and suffix).
CONTEXT_CHARS = 16
KINDS_FILE = DATA_DIR / "annotation_kinds.toml"
#: Colour of a kind that is not (or no longer) in the kinds file, e.g. one imported from a classmate.
FALLBACK_COLOR = "#B0B0B0"
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_TAG_FORBIDDEN = re.compile(r"[;\n\r\t]")
MAX_TAG_CHARS = 40
#: Who may read a note on a class server: its author only, the author and the class's teachers, the whole class.
#: Exports of a class store carry it (JSON-LD ``edu:visibility``, CSV column ``visibility``).
VISIBILITIES = ("private", "teacher", "class")


class StoreError(DocumentError):
    """The annotation store (or a file for it) cannot be used; the message names the file."""


class StaleEditError(StoreError):
    """An edit based on a version of an annotation that has changed since (saved elsewhere meanwhile).

    Attributes:
        current: the annotation as it is stored now (reload it, or keep both).
    """

    def __init__(self, path: str | Path | None, problem: str, current: Annotation):
        self.current = current
        super().__init__(path, problem)


class ImportFileError(StoreError):
    """A record of an import file is invalid; the message names the file and the record number."""

    def __init__(self, path: str | Path | None, problem: str, record: int | None = None):
        self.record = record
        super().__init__(path, problem if record is None else f"record {record}: {problem}")


@dataclass(frozen=True)
class Annotation:
    """One learner's note on a span of a document.

    Attributes:
        id: a uuid4 string (imported foreign ids are mapped to a stable uuid5).
        document: id of the document it was made on (:attr:`Document.id`, a hash of its text);
            ``""`` when unknown (e.g. imported from Hypothesis).
        exact: the quoted text (quote selector).
        start: start offset when made (position selector); ``-1`` when unknown.
        end: end offset when made, exclusive; ``-1`` when unknown.
        prefix: up to 16 characters before the quote.
        suffix: up to 16 characters after the quote.
        paragraph_id: the passage it was made on (``p03``…), if known.
        document_title: the document's title; notes follow a report across text revisions by it.
        author: who wrote it (``""`` if anonymous).
        created: UTC ISO 8601 time of creation (``2024-05-01T08:00:00.000Z``).
        updated: UTC ISO 8601 time of the last change (note, tags, kind, delete, undelete).
        kind: one of the kinds in ``data/annotation_kinds.toml`` (重点, 疑问…), or ``None``.
        tags: free tags.
        note: the learner's text, plain or Markdown; stored verbatim, never interpreted as HTML.
        deleted: soft-delete flag; :meth:`AnnotationStore.undelete` clears it.
    """

    id: str
    document: str
    exact: str
    start: int
    end: int
    prefix: str = ""
    suffix: str = ""
    paragraph_id: str | None = None
    document_title: str = ""
    author: str = ""
    created: str = ""
    updated: str = ""
    kind: str | None = None
    tags: tuple[str, ...] = ()
    note: str = ""
    deleted: bool = False

    @property
    def quote(self) -> str:
        """The quoted text (same as :attr:`exact`)."""
        return self.exact


@dataclass(frozen=True)
class Kind:
    """An annotation kind: its name, highlight colour (``#RRGGBB``) and a description."""

    name: str
    color: str
    description: str = ""


@dataclass(frozen=True)
class Reply:
    """An answer to an annotation: a thread under it (W3C motivation ``replying``, target = its id).

    Attributes:
        id: a uuid4 string (idempotent: a reply sent twice is stored once).
        target: the id of the annotation it answers.
        body: the reply's text, plain or Markdown; stored verbatim, never interpreted as HTML.
        author: who wrote it (in a class: the roster name of the role that wrote it).
        created: UTC ISO 8601 time of creation; ``updated``: of the last change.
        deleted: soft-delete flag.
    """

    id: str
    target: str
    body: str
    author: str = ""
    created: str = ""
    updated: str = ""
    deleted: bool = False


def same_content(a: Annotation, b: Annotation) -> bool:
    """Whether two annotations say the same thing (their ``created``/``updated`` times aside)."""
    return dataclasses.replace(a, created="", updated="") == dataclasses.replace(b, created="", updated="")


def new_id() -> str:
    """A fresh annotation id (uuid4)."""
    return str(uuid.uuid4())


def stable_id(key: str) -> str:
    """A uuid5 derived from ``key``: the same foreign id or content always maps to the same id."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:x-edu-helpers:annotation:" + key))


def utc_now() -> str:
    """Now, as UTC ISO 8601 with milliseconds and ``Z``; such strings sort in time order."""
    return format_time(datetime.now(UTC))


def later_than(previous: str) -> str:
    """Now, or — if the clock has not moved past ``previous`` (same millisecond, clock set back) —
    one millisecond after it: each version of an annotation gets its own ``updated`` value.
    """
    now = utc_now()
    if now > previous:
        return now
    try:
        return format_time(datetime.fromisoformat(previous) + timedelta(milliseconds=1))
    except (ValueError, OverflowError):
        return now


def format_time(moment: datetime) -> str:
    """``moment`` as UTC ISO 8601 with milliseconds and ``Z``."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(value: str) -> str:
    """Normalise an ISO 8601 time to our UTC form; a time without zone is taken as UTC.

    >>> parse_time("2023-01-12T16:30:00+08:00")
    '2023-01-12T08:30:00.000Z'

    Raises:
        ValueError: ``value`` is not an ISO 8601 time.
    """
    moment = datetime.fromisoformat(str(value).strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return format_time(moment)
    except OverflowError:  # e.g. 9999-12-31T23:59:59-14:00 is after the year 9999 in UTC
        raise ValueError("outside the years 1 to 9999 once converted to UTC") from None


@functools.cache
def kinds() -> dict[str, Kind]:
    """The annotation kinds of ``data/annotation_kinds.toml``, in file order, loaded once.

    Raises:
        DataFileError: the file is malformed; the message names the file and the line.
    """
    return parse_kinds(read_toml(KINDS_FILE), KINDS_FILE)


def parse_kinds(data: dict, path: str | Path) -> dict[str, Kind]:
    """Check and convert a parsed kinds file (see :func:`kinds`)."""
    entries = data.get("kind")
    if not isinstance(entries, list) or not entries:
        raise DataFileError(path, "expected one or more [[kind]] tables")
    found: dict[str, Kind] = {}
    for number, entry in enumerate(entries, 1):
        name = str(entry.get("name", "")).strip() if isinstance(entry, dict) else ""
        where = f"[[kind]] number {number}"
        if not name:
            raise DataFileError(path, f"{where} has no name")
        if name in found:
            raise DataFileError(path, f"{where}: kind {name!r} is listed twice")
        color = str(entry.get("color", ""))
        if not _COLOR.fullmatch(color):
            raise DataFileError(path, f"{where} ({name}): color {color!r} is not of the form #RRGGBB")
        found[name] = Kind(name, color.upper(), str(entry.get("description", "")))
    return found


def kind_color(kind: str | None) -> str:
    """Highlight colour of ``kind``; unknown kinds and ``None`` get :data:`FALLBACK_COLOR`."""
    known = kinds().get(kind or "")
    return known.color if known else FALLBACK_COLOR


def check_kind(kind: str | None) -> str | None:
    """``kind`` if it is a known kind (or ``None``/empty → ``None``), else a clear ``ValueError``."""
    if kind is None or not str(kind).strip():
        return None
    kind = str(kind).strip()
    if kind not in kinds():
        raise ValueError(f"未知的批注类型 unknown kind {kind!r}; choose one of {', '.join(kinds())} ({KINDS_FILE})")
    return kind


def clean_tags(tags: str | Iterable[str] | None) -> tuple[str, ...]:
    """Tags stripped, de-duplicated in order; a tag holding ``;``, a tab or a newline is an error.

    A single string is one tag (not a sequence of one-character tags).

    >>> clean_tags([" 双减 ", "教育强国", "双减", ""])
    ('双减', '教育强国')
    """
    if tags is None:
        return ()
    if isinstance(tags, str):
        tags = (tags,)
    out: list[str] = []
    for raw in tags:
        tag = str(raw).strip()
        if not tag or tag in out:
            continue
        if _TAG_FORBIDDEN.search(tag) or len(tag) > MAX_TAG_CHARS:
            raise ValueError(f"标签无效 invalid tag {tag!r}: at most {MAX_TAG_CHARS} characters, no ';' or line break")
        out.append(tag)
    return tuple(out)
