"""导入记录的校验。Turning one imported record (a plain dict) into a checked :class:`Annotation`.

The readers of each format (:mod:`.jsonld`, :mod:`.tables`) only reshape their input into a dict
with the keys of :class:`Annotation` (``exact`` required, everything else optional); this module
decides what is valid, so every format follows the same rules and error wording.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from edu_helpers.annotations.model import VISIBILITIES, Annotation, clean_tags, kinds, parse_time, stable_id

#: Offsets beyond this are not offsets into any text we read (the largest document is 8 MB).
MAX_OFFSET = 1_000_000_000
#: An unknown kind (a classmate's) is kept if it is a plain name: this long at most, nothing that could
#: be a formula, markup or a line break.
MAX_KIND_CHARS = 20
_PLAIN_KIND = re.compile(r"[^\x00-\x1f\x7f=+\-@'<>\[\]()!`*_#|~\\]{1,20}")
_UUID_URN = re.compile(r"^(?:urn:uuid:)?([0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})$")


class RecordError(ValueError):
    """One record is invalid; the reader adds the file name (and the record number, if not given)."""

    def __init__(self, problem: str, record: int | None = None):
        self.record = record
        super().__init__(problem)


def annotation_id(foreign: str | None, content_key: str) -> str:
    """Our id for an imported record: its own uuid if it has one, else a uuid5 of its foreign id,
    else a uuid5 of its content (document, author, quote, start, note — not its times), so
    importing the same hand-made file twice gives the same ids.

    >>> annotation_id("urn:uuid:6F1E1C3A-0000-4000-8000-000000000001", "")
    '6f1e1c3a-0000-4000-8000-000000000001'
    >>> annotation_id("https://hypothes.is/a/AbC", "") == annotation_id("https://hypothes.is/a/AbC", "x")
    True
    """
    if foreign:
        m = _UUID_URN.match(foreign.strip())
        return str(uuid.UUID(m.group(1))) if m else stable_id("foreign:" + foreign.strip())
    return stable_id("content:" + content_key)


def _text(fields: dict[str, Any], key: str, default: str = "") -> str:
    value = fields.get(key)
    if value is None:
        return default
    if not isinstance(value, str | int | float):
        raise RecordError(f"{key} must be text, not {type(value).__name__}")
    return str(value)


def _offset(fields: dict[str, Any], key: str) -> int:
    value = fields.get(key)
    if value is None or value == "":
        return -1
    try:
        number = int(str(value).strip())
    except ValueError:
        raise RecordError(f"{key} must be a whole number, not {value!r}") from None
    if number < 0:
        raise RecordError(f"{key} must not be negative ({number})")
    if number > MAX_OFFSET:
        raise RecordError(f"{key} is far too large ({str(number)[:24]}): at most {MAX_OFFSET:,}")
    return number


def _time(fields: dict[str, Any], key: str, default: str) -> str:
    value = fields.get(key)
    if value is None or value == "":
        return default
    try:
        return parse_time(str(value))
    except ValueError as exc:
        raise RecordError(f"{key} is not an ISO 8601 time between years 1 and 9999 in UTC: {value!r} ({exc})") from None


def _kind(fields: dict[str, Any]) -> str | None:
    kind = _text(fields, "kind").strip() or None
    if kind is None or kind in kinds() or _PLAIN_KIND.fullmatch(kind):
        return kind
    raise RecordError(
        f"kind {kind[:40]!r} is neither a known kind ({', '.join(kinds())}) nor a plain name of at most "
        f"{MAX_KIND_CHARS} characters"
    )


def record_visibility(fields: dict[str, Any]) -> str | None:
    """Who may read the record's note on a class server (``edu:visibility`` / column ``visibility``), or
    ``None`` when the record does not say (a file store's export, Hypothesis): the class's default then.

    Raises:
        RecordError: a value that is not one of :data:`~.model.VISIBILITIES`.
    """
    value = _text(fields, "visibility").strip()
    if not value:
        return None
    if value not in VISIBILITIES:
        raise RecordError(f"未知的可见范围 unknown visibility {value[:40]!r}; choose one of {', '.join(VISIBILITIES)}")
    return value


def to_annotation(fields: dict[str, Any], *, default_time: str) -> Annotation:
    """Check one record and build the annotation.

    Args:
        fields: keys of :class:`Annotation` (``exact`` required; ``id`` may be any foreign id).
        default_time: ``created``/``updated`` when the record has none (the import file's
            modification time, so re-importing an unchanged file changes nothing).

    Raises:
        RecordError: the quote is missing, an offset or time is malformed, a tag is invalid.
    """
    exact = _text(fields, "exact")
    if not exact:
        raise RecordError("no quote (TextQuoteSelector.exact / column quote) is given")
    start, end = _offset(fields, "start"), _offset(fields, "end")
    if (start < 0) != (end < 0):
        raise RecordError("start and end must be given together")
    if start >= 0 and end <= start:
        raise RecordError(f"end ({end}) must be greater than start ({start})")
    created = _time(fields, "created", default_time)
    updated = _time(fields, "updated", created)
    raw_tags = fields.get("tags") or ()
    if not isinstance(raw_tags, list | tuple):
        raise RecordError(f"tags must be a list, not {type(raw_tags).__name__}")
    try:
        tags = clean_tags([str(t) for t in raw_tags])
    except ValueError as exc:
        raise RecordError(str(exc)) from None
    document, author, note = _text(fields, "document"), _text(fields, "author").strip(), _text(fields, "note")
    kind = _kind(fields)
    key = "\x1f".join([document, _text(fields, "document_title"), author, exact, str(start), note])
    return Annotation(
        id=annotation_id(_text(fields, "id") or None, key),
        document=document,
        exact=exact,
        start=start,
        end=end,
        prefix=_text(fields, "prefix"),
        suffix=_text(fields, "suffix"),
        paragraph_id=_text(fields, "paragraph_id") or None,
        document_title=_text(fields, "document_title"),
        author=author,
        created=created,
        updated=max(updated, created),
        kind=kind,
        tags=tags,
        note=note,
    )
