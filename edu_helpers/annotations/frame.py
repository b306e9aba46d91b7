"""批注表。Annotations as a pandas DataFrame, for notebooks."""

from __future__ import annotations

import pandas as pd

from edu_helpers.annotations.anchor import Placed
from edu_helpers.text.document import Document

#: Column order of :func:`annotation_frame`.
COLUMNS = (
    "id",
    "document",
    "author",
    "created",
    "updated",
    "kind",
    "tags",
    "note",
    "quote",
    "start",
    "end",
    "paragraph_id",
    "section",
    "section_title",
    "status",
)


def annotation_frame(placed: list[Placed], doc: Document | None = None) -> pd.DataFrame:
    """One row per placed annotation, ordered by current position (orphans last, then by creation).

    Columns:
        ``id`` (uuid), ``document`` (id of the document it was made on), ``author``,
        ``created``, ``updated`` (UTC ISO 8601 strings), ``kind`` (重点/疑问/心得/联系实际 or
        ``None``), ``tags`` (tuple of str), ``note``, ``quote`` (the stored quote),
        ``start``, ``end`` (current ``[start, end)`` in ``doc.text``; ``<NA>`` for an orphan),
        ``paragraph_id`` (current paragraph, ``p03``…), ``section`` (current section index,
        ``<NA>`` without a document), ``section_title``, ``status`` (``anchored``: at its old
        place; ``moved``: same quote elsewhere; ``fuzzy``: approximately; ``orphan``: not found;
        ``stored``: no document was given).
    """
    titles = [s.title for s in doc.section_records] if doc is not None else []
    rows = [
        (
            a.id,
            a.document,
            a.author,
            a.created,
            a.updated,
            a.kind,
            a.tags,
            a.note,
            a.exact,
            p.start,
            p.end,
            p.paragraph_id,
            p.section,
            titles[p.section] if p.section is not None else None,
            p.status,
        )
        for p in placed
        for a in (p.annotation,)
    ]
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in ("start", "end", "section"):
        df[column] = df[column].astype("Int64")
    missing = df["start"].isna()
    order = pd.DataFrame({"missing": missing, "start": df["start"].fillna(0), "created": df["created"]})
    return df.loc[order.sort_values(["missing", "start", "created"], kind="stable").index].reset_index(drop=True)
