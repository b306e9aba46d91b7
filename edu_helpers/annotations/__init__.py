"""批注：学习笔记永不丢失。Annotations that are never lost.

One module a responsibility: ``model`` (the record, kinds, errors) → ``anchor`` (re-anchoring in
changed text) → ``store`` (:class:`AnnotationStore`: the rules) over ``backend`` (the protocol a storage
backend implements; ``sqlite/`` is the one we have), opened by ``locations.open_backend`` → ``frame``
(DataFrame view) → ``exchange`` (export and import, with ``markdown``, ``tables`` for CSV, ``jsonld`` and
``records`` for checking imported records) → ``render`` (escaped HTML cards).

The store lives at :func:`default_store_path` (``annotations/notes.sqlite`` in a checkout, gitignored;
the user's data folder for an installed package) unless ``$EDU_ANNOTATIONS`` or a path says otherwise.
"""

from __future__ import annotations

from edu_helpers.annotations import render as _render  # noqa: F401  (Annotation._repr_html_)
from edu_helpers.annotations.anchor import FUZZY_THRESHOLD, Anchorer, Placed
from edu_helpers.annotations.exchange import (
    FORMATS,
    ImportResult,
    export_annotations,
    import_files,
    read_import_file,
    write_export,
)
from edu_helpers.annotations.locations import default_store_path, open_backend
from edu_helpers.annotations.model import Annotation, ImportFileError, Kind, StaleEditError, StoreError, kinds
from edu_helpers.annotations.outputs import OutputError, write_output
from edu_helpers.annotations.store import AnnotationStore, ImportSummary, open_store

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
    "OutputError",
    "Placed",
    "StaleEditError",
    "StoreError",
    "default_store_path",
    "export_annotations",
    "import_files",
    "kinds",
    "open_backend",
    "open_store",
    "read_import_file",
    "write_export",
    "write_output",
]
