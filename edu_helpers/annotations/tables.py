"""CSV：导出与读取。Annotations as CSV (one row each), and reading such a file back.

Columns are :data:`CSV_COLUMNS`. ``start``/``end``/``paragraph_id`` are where the annotation
was made; ``section``, ``section_title`` and ``status`` say where it stands in the exported
document now (for reading; import ignores them). Tags are joined with ``; ``.
A hand-made file needs only a ``quote`` column.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from edu_helpers.annotations.anchor import Placed
from edu_helpers.annotations.records import RecordError

CSV_COLUMNS = (
    "id",
    "document",
    "document_title",
    "author",
    "created",
    "updated",
    "kind",
    "tags",
    "note",
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "paragraph_id",
    "section",
    "section_title",
    "status",
)
TAG_SEPARATOR = "; "


def to_csv(placed: list[Placed], section_titles: list[str]) -> str:
    """The annotations as CSV text (header row first, ``\\r\\n`` line ends as RFC 4180 asks)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for p in placed:
        a = p.annotation
        writer.writerow(
            [
                a.id,
                a.document,
                a.document_title,
                a.author,
                a.created,
                a.updated,
                a.kind or "",
                TAG_SEPARATOR.join(a.tags),
                a.note,
                a.exact,
                a.prefix,
                a.suffix,
                a.start if a.start >= 0 else "",
                a.end if a.end >= 0 else "",
                a.paragraph_id or "",
                "" if p.section is None else p.section,
                "" if p.section is None else section_titles[p.section],
                p.status,
            ]
        )
    return out.getvalue()


def csv_records(text: str) -> list[dict[str, Any]]:
    """The rows of a CSV file as records for :func:`~.records.to_annotation`.

    Raises:
        ValueError: the file has no header row or no ``quote`` column.
    """
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    if "quote" not in header and "exact" not in header:
        raise ValueError("a CSV of annotations needs a header row with a 'quote' column")
    reader.fieldnames = header
    records = []
    for number, row in enumerate(reader, 1):
        if None in row:
            raise RecordError(f"more cells than columns in the header (line {reader.line_num})", number)
        get = {k: (v if v is not None else "") for k, v in row.items()}
        tags = [t for t in get.get("tags", "").split(";") if t.strip()]
        records.append(
            {
                "id": get.get("id", ""),
                "document": get.get("document", ""),
                "document_title": get.get("document_title", ""),
                "author": get.get("author", ""),
                "created": get.get("created", ""),
                "updated": get.get("updated", ""),
                "kind": get.get("kind", ""),
                "tags": tags,
                "note": get.get("note", ""),
                "exact": get.get("quote") or get.get("exact", ""),
                "prefix": get.get("prefix", ""),
                "suffix": get.get("suffix", ""),
                "start": get.get("start", ""),
                "end": get.get("end", ""),
                "paragraph_id": get.get("paragraph_id", ""),
            }
        )
    return records
