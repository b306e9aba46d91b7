"""术语表：关键术语与提法的中性说明，以及它们在文档中首次出现的位置。Glossary of key terms.

The explanations are ours, in ``data/glossary.toml`` (one ``[[term]]`` table per entry: ``term``, ``kind``,
``explanation``). Where a term first occurs is never written there: :func:`glossary` computes it from the
document it is given.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from edu_helpers.data_files import DATA_DIR, read_toml
from edu_helpers.errors import DataFileError

if TYPE_CHECKING:
    import pandas as pd

    from edu_helpers.text.document import Document

BUNDLED_GLOSSARY = DATA_DIR / "glossary.toml"
KINDS = ("term", "formulation")
_KEYS = {"term", "kind", "explanation"}


@dataclass(frozen=True)
class Entry:
    """One glossary entry: ``kind`` is ``term`` (术语) or ``formulation`` (提法)."""

    term: str
    kind: str
    explanation: str


def read_glossary(path: str | Path = BUNDLED_GLOSSARY) -> tuple[Entry, ...]:
    """Entries of a glossary file, in file order.

    Raises:
        DataFileError: naming the file and the line of the offending ``[[term]]`` table: invalid TOML, a
            missing or empty ``term`` or ``explanation``, an unknown key or kind, or a term given twice.
    """
    path = Path(path)
    tables = read_toml(path).get("term", [])
    lines = _table_lines(path)
    entries: list[Entry] = []
    seen: set[str] = set()
    for k, table in enumerate(tables):
        line = lines[k] if k < len(lines) else None
        entry = _entry(table, path, line)
        if entry.term in seen:
            raise DataFileError(path, f"term {entry.term!r} is listed twice", line)
        seen.add(entry.term)
        entries.append(entry)
    return tuple(entries)


def _table_lines(path: Path) -> list[int]:
    text = path.read_text(encoding="utf-8-sig")
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("[[term]]")]


def _entry(table: dict, path: Path, line: int | None) -> Entry:
    unknown = set(table) - _KEYS
    if unknown:
        raise DataFileError(path, f"unknown key(s) {sorted(unknown)}; expected {sorted(_KEYS)}", line)
    for key in ("term", "explanation"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise DataFileError(path, f"{key!r} is missing or empty", line)
    kind = table.get("kind", "term")
    if kind not in KINDS:
        raise DataFileError(path, f"kind {kind!r} of {table['term']!r} is not one of {KINDS}", line)
    return Entry(table["term"].strip(), kind, table["explanation"].strip())


@functools.cache
def bundled_glossary() -> tuple[Entry, ...]:
    """The bundled glossary, read once per process."""
    return read_glossary(BUNDLED_GLOSSARY)


def glossary(doc: Document, *, path: str | Path | None = None, present_only: bool = True) -> pd.DataFrame:
    """The glossary for one document, with where each term first occurs in its body paragraphs.

    Args:
        doc: the document.
        path: a glossary file of your own (same format); ``None`` uses the bundled one.
        present_only: leave out terms that do not occur in the document.

    Returns:
        DataFrame in order of first occurrence (absent terms last, in file order), columns: ``term``,
        ``kind`` (term/formulation), ``explanation``, ``count`` (occurrences in the body paragraphs),
        ``first_start``, ``first_end`` (offsets into ``doc.text``, ``<NA>`` if absent), ``paragraph_id``,
        ``sentence_id`` and ``sentence`` (the text of the sentence where it first occurs, or ``None``).
    """
    import pandas as pd

    entries = bundled_glossary() if path is None else read_glossary(path)
    rows = [_locate(doc, e) for e in entries]
    rows = [r for r in rows if r["count"] or not present_only]
    columns = ["term", "kind", "explanation", "count", "first_start", "first_end"]
    frame = pd.DataFrame(rows, columns=[*columns, "paragraph_id", "sentence_id", "sentence"])
    frame = frame.astype({"count": int, "first_start": "Int64", "first_end": "Int64"})
    return frame.sort_values("first_start", kind="stable", na_position="last").reset_index(drop=True)


def _locate(doc: Document, entry: Entry) -> dict:
    row: dict = {"term": entry.term, "kind": entry.kind, "explanation": entry.explanation, "count": 0}
    row |= dict.fromkeys(("first_start", "first_end", "paragraph_id", "sentence_id", "sentence"))
    for p in doc.paragraph_records:
        i = p.text.find(entry.term)
        if i < 0:
            continue
        row["count"] += p.text.count(entry.term)
        if row["first_start"] is None:
            start = p.start + i
            sentence = next((s for s in p.sentences if s.start <= start < s.end), None)
            row |= {"first_start": start, "first_end": start + len(entry.term), "paragraph_id": p.id}
            row |= {"sentence_id": sentence and sentence.id, "sentence": sentence and sentence.text}
    return row
