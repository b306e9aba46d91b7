"""批注库的读取：查找、重新定位、表格视图、历史。What the store reads: lookups, re-anchoring, the table view, history.

:class:`StoreReading` is the reading half of :class:`~edu_helpers.annotations.store.AnnotationStore`; the
rules for changing (validation, conflicts, undo) are in :mod:`.store`. Both speak to ``self.backend``.
"""

from __future__ import annotations

import pandas as pd

from edu_helpers.annotations.anchor import ORPHAN, Placed, anchorer_for
from edu_helpers.annotations.backend import Backend
from edu_helpers.annotations.frame import annotation_frame
from edu_helpers.annotations.model import Annotation, StoreError
from edu_helpers.text.document import Document


class StoreReading:
    """Reading an annotation store (see the module docstring)."""

    backend: Backend

    @property
    def location(self) -> str:
        """Where the store is, for people: a path or a URL without its password."""
        return self.backend.location

    def get(self, annotation_id: str) -> Annotation:
        """The annotation with this id, deleted or not.

        Raises:
            StoreError: there is no such annotation.
        """
        found = self.backend.get(annotation_id)
        if found is None:
            raise StoreError(self.location, f"没有这条批注 no annotation with id {annotation_id!r}")
        return found

    def annotations(self, doc: Document | None = None, *, include_deleted: bool = False) -> list[Annotation]:
        """Annotations in the order they were added to the store: all, or those belonging to ``doc``.

        An annotation belongs to a document made from the same text (same id), to one with the same
        non-empty title (a later revision of the report), or to any document if its own is unknown.
        """
        if doc is None:
            return self.backend.select(include_deleted=include_deleted)
        return self.backend.select(document=doc.id, title=doc.title, include_deleted=include_deleted)

    def anchored(self, doc: Document) -> list[Placed]:
        """The live annotations of ``doc``, each re-anchored in its current text (orphans included)."""
        return anchorer_for(doc).place_all(self.annotations(doc))

    def orphans(self, doc: Document) -> list[Annotation]:
        """Live annotations of ``doc`` that can no longer be placed in its text: kept, never dropped."""
        return [p.annotation for p in self.anchored(doc) if p.status == ORPHAN]

    def to_frame(self, doc: Document | None = None) -> pd.DataFrame:
        """One row per live annotation, ordered by place (see :func:`~.frame.annotation_frame`).

        With ``doc``: its annotations, re-anchored, with the current paragraph and section and a
        ``status`` of anchored/moved/fuzzy/orphan. Without: every live annotation, as stored
        (``status`` ``stored``, no section).
        """
        if doc is None:
            stored = [
                Placed(a, "stored", *((a.start, a.end) if a.start >= 0 else (None, None)), a.paragraph_id, None)
                for a in self.annotations()
            ]
            return annotation_frame(stored)
        return annotation_frame(self.anchored(doc), doc)

    def history(self, annotation_id: str) -> list[Annotation]:
        """Earlier versions of an annotation, oldest first (each replaced by an update, delete or import)."""
        return self.backend.history(annotation_id)
