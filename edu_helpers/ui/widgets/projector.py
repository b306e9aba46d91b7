"""投影模式开关。The projector switch: large text, full width, for a classroom screen.

:class:`ProjectorSwitch` is a small anywidget (a checkbox 投影模式). While it is on, the page's ``<body>`` carries
the class ``edu-projector`` and ``projector.css`` (shipped with the widget, loaded into the page) makes body
text at least :data:`BODY_PX` px, metadata (ids, chips, labels, table heads) at least :data:`META_PX` px and
passages full width; the charts' labels are already 14 px (:mod:`.charts`). Every notebook shows one under its
setup cell (``study.projector()``); in the class view (Voilà) it starts on.

CSS classes: ``edu-projector-switch`` (the label), ``edu-projector`` (on ``<body>`` while on).
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

_HERE = Path(__file__).resolve().parent
#: Smallest sizes in projector mode (px): body text, and metadata.
BODY_PX, META_PX = 20, 16


class ProjectorSwitch(anywidget.AnyWidget):
    """投影模式: a checkbox; ``on`` (synced) puts ``edu-projector`` on the page's body."""

    _esm = _HERE / "projector.js"
    _css = _HERE / "projector.css"
    on = traitlets.Bool(False).tag(sync=True)
