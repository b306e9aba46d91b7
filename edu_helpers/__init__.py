"""edu_helpers：会议类政策文本的精读工具。Close reading of Chinese education-policy reports.

Layers, each importing only from those below it (see the README, Architecture):
``text`` (readers → normalize → structure → document) < ``analysis`` (words, formulations, topics,
search …) < ``annotations`` < ``teaching`` < ``ui`` < ``cli``. Heavier stages are imported on first use,
so ``import edu_helpers`` stays quick.
"""

from __future__ import annotations

import importlib
from typing import Any

from edu_helpers.errors import DataFileError, DocumentError
from edu_helpers.text.document import Document
from edu_helpers.text.load import document_from_text, load_document

# registers doc.tokens, doc.topics, doc.filter … on Document (the analysis modules load on first use)
from edu_helpers import analysis  # noqa: F401  isort: skip

# name → module that defines it; loaded on first attribute access
_LAZY = {
    "segment": ".analysis.words",
    "load_user_dictionary": ".analysis.words",
    "AnnotationStore": ".annotations",
    "Annotation": ".annotations",
    "load_corpus": ".analysis.corpus",
    "Corpus": ".analysis.corpus",
}

__all__ = ["DataFileError", "Document", "DocumentError", "document_from_text", "load_document", *_LAZY]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'edu_helpers' has no attribute {name!r}")
