"""小部件：段落浏览器、批注器、批注工作台、提法浏览器、图表。Widgets for the notebooks.

Every widget is a class with typed state; its logic runs (and is tested) without a browser. Each part a
browser test needs carries a stable CSS class, listed in the docstring of its module:

* :mod:`.explorer` — :class:`PassageExplorer` (``topic-select``, ``section-select``, ``query-input``,
  ``explorer-results``);
* :mod:`.annotator` — :class:`Annotator` (``annotator``, ``annotator-text``, ``sentence-select``,
  ``kind-select``, ``tags-input``, ``note-input``, ``note-save``); its text view :class:`AnnotatedText`
  is an anywidget whose ESM and CSS ship in this package;
* :mod:`.annotation_list` — :class:`AnnotationList` (``annotation-list``, filters, edit, delete/undo,
  ``export-markdown``/``export-csv``/``export-jsonld``);
* :mod:`.terms` — :class:`TermBrowser` (``term-select``, ``term-occurrences``).

Charts (altair, rendered offline) are in :mod:`.charts`; escaped-HTML helpers in :mod:`.render`.
"""

from __future__ import annotations

import importlib
from typing import Any

# class → module that defines it; imported on first use, so one widget does not load all the others
_LAZY = {
    "AnnotatedText": ".annotator",
    "Annotator": ".annotator",
    "AnnotationList": ".annotation_list",
    "PassageExplorer": ".explorer",
    "TermBrowser": ".terms",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'edu_helpers.ui.widgets' has no attribute {name!r}")
