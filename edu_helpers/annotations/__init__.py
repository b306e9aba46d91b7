"""批注：学习笔记永不丢失。Annotations that are never lost.

One module a responsibility: ``model`` (the record, kinds, errors) → ``schema`` (the SQLite
file: checks, WAL, migrations) → ``rows`` (record ⇄ table row) → ``store``
(:class:`AnnotationStore`) → ``anchor`` (re-anchoring in changed text) → ``frame`` (DataFrame
view) → ``exchange`` (export and import, with ``markdown``, ``tables`` for CSV, ``jsonld`` and
``records`` for checking imported records) → ``render`` (escaped HTML for widgets).

The store lives at :func:`default_store_path` (``annotations/notes.sqlite`` in the project
folder, gitignored) unless ``$EDU_ANNOTATIONS`` or a path says otherwise.
"""

from __future__ import annotations

from edu_helpers.annotations.anchor import FUZZY_THRESHOLD, Anchorer, Placed
from edu_helpers.annotations.exchange import (
    FORMATS,
    ImportResult,
    export_annotations,
    import_files,
    read_import_file,
    write_export,
)
from edu_helpers.annotations.model import Annotation, ImportFileError, Kind, StoreError, kinds
from edu_helpers.annotations.sqlite.schema import default_store_path
from edu_helpers.annotations.store import AnnotationStore, ImportSummary

__all__ = [
    "FORMATS",
    "FUZZY_THRESHOLD",
    "Anchorer",
    "Annotation",
    "AnnotationStore",
    "ImportFileError",
    "ImportResult",
    "ImportSummary",
    "Kind",
    "Placed",
    "StoreError",
    "default_store_path",
    "export_annotations",
    "import_files",
    "kinds",
    "read_import_file",
    "write_export",
]
