"""CSV：导出与读取。Annotations as CSV (one row each), and reading such a file back.

Columns are :data:`CSV_COLUMNS`. ``start``/``end``/``paragraph_id`` are where the annotation
was made; ``section``, ``section_title`` and ``status`` say where it stands in the exported
document now (for reading; import ignores them). Tags are joined with ``; ``.
A hand-made file needs only a ``quote`` column.

Threads: each annotation's replies follow its row as rows of ``type`` ``reply``, with ``target`` the
annotation's id, ``note`` the reply's text, ``author``/``created``/``updated`` its own, and no quote.
The importer skips them as annotations and :func:`csv_replies` reads them back (by id: idempotent).
A class server's export has one more column, ``visibility`` (``private``, ``teacher`` or ``class``: who
may read the note; empty on reply rows), which a class import gives back to each note.

Spreadsheets run a cell that starts with ``= + - @`` (or a tab or carriage return) as a formula, so
on export such a cell gets a leading ``'`` (OWASP's advice against CSV injection; Excel and WPS show
it as text); :func:`csv_records` takes exactly that one ``'`` off again, so our own export re-imports
unchanged. A field may be as long as the whole import file (a 140,000-character note re-imports).
"""

from __future__ import annotations

import csv
import io
import re
import sys
from typing import Any

from edu_helpers.annotations.anchor import Placed
from edu_helpers.annotations.model import Reply
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
    "type",
    "target",
)
#: The column a class server's export adds after :data:`CSV_COLUMNS`.
VISIBILITY_COLUMN = "visibility"
TAG_SEPARATOR = "; "
#: A cell a spreadsheet would run as a formula, possibly behind apostrophes we added.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def defuse(cell: object) -> str:
    """A cell as text, with a ``'`` in front if a spreadsheet would read it as a formula.

    >>> defuse("=1+1"), defuse("'=1"), defuse("教育")
    ("'=1+1", "''=1", '教育')
    """
    text = str(cell)
    return "'" + text if _FORMULA.match(text) else text


def restore(cell: str) -> str:
    """Inverse of :func:`defuse` (a hand-made ``'=…`` cell loses its apostrophe, as in a spreadsheet).

    >>> restore(defuse("-1")), restore(defuse("'@x")), restore("'教育")
    ('-1', "'@x", "'教育")
    """
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def to_csv(
    placed: list[Placed], section_titles: list[str], replies: dict[str, list[Reply]] | None = None,
    visibilities: dict[str, str] | None = None,
) -> str:  # fmt: skip
    """The annotations as CSV text (header row first, ``\\r\\n`` line ends as RFC 4180 asks), each
    followed by its replies (``replies``: annotation id → replies, oldest first); with ``visibilities``
    (``{id: visibility}`` of a class server's notes) a :data:`VISIBILITY_COLUMN` too."""
    columns = CSV_COLUMNS if visibilities is None else (*CSV_COLUMNS, VISIBILITY_COLUMN)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for p in placed:
        a = p.annotation
        row = (
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
            "annotation",
            "",
            *(() if visibilities is None else (visibilities.get(a.id, ""),)),
        )
        writer.writerow([defuse(cell) for cell in row])
        for r in (replies or {}).get(a.id, []):
            cells = {"id": r.id, "author": r.author, "created": r.created, "updated": r.updated, "note": r.body,
                     "type": "reply", "target": r.target}  # fmt: skip
            writer.writerow([defuse(cells.get(c, "")) for c in columns])
    return out.getvalue()


def csv_records(text: str) -> list[dict[str, Any] | None]:
    """The rows of a CSV file as records for :func:`~.records.to_annotation` (``None``: a reply row).

    Raises:
        ValueError: the file has no header row or no ``quote`` column.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, min(len(text) + 1, sys.maxsize)))  # a field may be as long as the file
    try:
        return _records(text)
    finally:
        csv.field_size_limit(limit)


def _rows(reader: csv.DictReader):
    """The rows, numbered from 1; a malformed row is a :class:`RecordError` with its number and line."""
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RecordError(f"malformed CSV at line {reader.line_num} ({exc})", number) from None
        yield number, row


def csv_replies(text: str) -> list[Reply]:
    """The reply rows of a CSV export (``type`` ``reply``, with an id, a target and a text)."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, min(len(text) + 1, sys.maxsize)))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        out = []
        for _, row in _rows(reader):
            get = {(k or "").strip(): restore(v) if isinstance(v, str) else "" for k, v in row.items()}
            if get.get("type", "").strip() == "reply" and get.get("id") and get.get("target") and get["note"].strip():
                created = get.get("created", "")
                out.append(Reply(get["id"].strip(), get["target"].strip(), get["note"].strip(),
                                 get.get("author", "").strip(), created, get.get("updated") or created))  # fmt: skip
        return out
    except (csv.Error, RecordError):
        return []  # read_import_file reports a malformed file
    finally:
        csv.field_size_limit(limit)


def _records(text: str) -> list[dict[str, Any] | None]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in reader.fieldnames or []]
    except csv.Error as exc:
        raise ValueError(f"malformed CSV header ({exc})") from None
    if "quote" not in header and "exact" not in header:
        raise ValueError("a CSV of annotations needs a header row with a 'quote' column")
    reader.fieldnames = header
    records = []
    for number, row in _rows(reader):
        if None in row:
            raise RecordError(f"more cells than columns in the header (line {reader.line_num})", number)
        get = {k: restore(v) if v is not None else "" for k, v in row.items()}
        if get.get("type", "").strip() == "reply":
            records.append(None)  # a reply of a thread (csv_replies), not an annotation
            continue
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
                "visibility": get.get(VISIBILITY_COLUMN, ""),
            }
        )
    return records
