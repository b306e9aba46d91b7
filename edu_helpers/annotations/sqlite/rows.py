"""批注 ⇄ 表行。Converting annotations to and from rows of the ``annotation`` table."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

from edu_helpers.annotations.model import Annotation, utc_now

COLUMNS = (
    "id, document, exact, start_pos, end_pos, prefix, suffix, paragraph_id, document_title, "
    "author, created, updated, kind, tags, note, deleted"
)
_FIELDS = tuple(f.name for f in dataclasses.fields(Annotation))
_new = object.__new__
INSERT = f"INSERT INTO annotation ({COLUMNS}) VALUES ({', '.join('?' * 16)})"
SELECT = f"SELECT {COLUMNS} FROM annotation"


def to_row(a: Annotation) -> tuple:
    """The table row of an annotation, in :data:`COLUMNS` order (tags as a JSON array)."""
    tags = json.dumps(list(a.tags), ensure_ascii=False)
    return (
        a.id, a.document, a.exact, a.start, a.end, a.prefix, a.suffix, a.paragraph_id, a.document_title,
        a.author, a.created, a.updated, a.kind, tags, a.note, int(a.deleted),
    )  # fmt: skip


def from_row(r: tuple) -> Annotation:
    """An :class:`Annotation` from a trusted row of our table.

    Loading is the hot path (10,000 in well under 200 ms), so ``__init__`` and its 16 frozen
    ``__setattr__`` calls are bypassed: the fields go straight into the instance ``__dict__``.
    """
    ann = _new(Annotation)
    fields = ann.__dict__
    fields.update(zip(_FIELDS, r, strict=True))
    fields["tags"] = tuple(json.loads(r[13])) if r[13] != "[]" else ()
    fields["deleted"] = r[15] == 1
    return ann


def to_json(a: Annotation) -> str:
    """An annotation as one JSON object (for the revision table)."""
    return json.dumps(dataclasses.asdict(a), ensure_ascii=False)


def from_json(text: str) -> Annotation:
    """Inverse of :func:`to_json`."""
    data = json.loads(text)
    data["tags"] = tuple(data["tags"])
    return Annotation(**data)


def replace_row(conn: sqlite3.Connection, old: Annotation, new: Annotation, reason: str) -> None:
    """Write ``new`` over ``old``, keeping ``old`` in the revision table (same transaction)."""
    conn.execute("INSERT INTO revision VALUES (?, ?, ?, ?)", (old.id, utc_now(), reason, to_json(old)))
    sets = ", ".join(f"{c.strip()} = ?" for c in COLUMNS.split(",")[1:])
    conn.execute(f"UPDATE annotation SET {sets} WHERE id = ?", (*to_row(new)[1:], new.id))
