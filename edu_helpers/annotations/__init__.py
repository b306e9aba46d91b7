"""批注：学习笔记永不丢失。Annotations that are never lost.

One module a responsibility: ``model`` (the record, kinds, errors) → ``schema`` (the SQLite file)
→ ``store`` (:class:`AnnotationStore`) → ``anchor`` (re-anchoring in changed text) → ``frame``
(DataFrame view) → ``exchange`` (Markdown, CSV and JSON-LD export; import) → ``render`` (escaped
HTML for widgets).
"""

from __future__ import annotations

from .anchor import FUZZY_THRESHOLD, Anchorer, Placed
from .exchange import FORMATS, ImportResult, export_annotations, import_files, read_import_file, write_export
from .model import Annotation, ImportFileError, Kind, StoreError, kinds
from .schema import default_store_path
from .store import AnnotationStore, ImportSummary

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
