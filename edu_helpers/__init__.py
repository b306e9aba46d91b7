"""edu_helpers：会议类政策文本的精读工具。Close reading of Chinese education-policy reports.

Pipeline, one module a stage: read → normalize → structure → words → topics → annotations → widgets.
Heavier stages are imported on first use, so ``import edu_helpers`` stays quick.
"""

from __future__ import annotations

import importlib
from typing import Any

from edu_helpers.errors import DataFileError, DocumentError
from edu_helpers.text.document import Document, document_from_text, load_document

# name → module that defines it; loaded on first attribute access
_LAZY = {
    "segment": ".analysis.words",
    "AnnotationStore": ".annotations",
    "Annotation": ".annotations",
}

__all__ = ["DataFileError", "Document", "DocumentError", "document_from_text", "load_document", *_LAZY]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'edu_helpers' has no attribute {name!r}")
