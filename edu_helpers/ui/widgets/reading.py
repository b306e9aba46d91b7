"""阅读视图部件：通读、细读、精读之间切换。The reading-mode widget over :mod:`edu_helpers.teaching.reading`.

Widget classes of :class:`ReadingView`: ``reading-view``, ``reading-mode`` (the 通读/细读/精读 toggle),
``reading-section`` (dropdown), ``reading-prev``, ``reading-next`` (buttons), ``reading-position`` and
``reading-text`` (HTML).
"""

from __future__ import annotations

import ipywidgets as widgets
import traitlets

from edu_helpers.teaching.reading import MODES, full_text_html, section_html, sentence_html
from edu_helpers.text.document import Document


class ReadingView(widgets.VBox):
    """三种阅读模式的切换视图。A reading view with a 通读/细读/精读 toggle.

    Args:
        doc: the document to read.
        mode: the starting mode, one of :data:`MODES`.
        section: the starting section (for 细读 and 精读); one the document does not have → 0.

    Attributes:
        mode, section, sentence: the state (``sentence`` is a sentence id, used in 精读).
    """

    mode = traitlets.Unicode(MODES[0])
    section = traitlets.Int(0)
    sentence = traitlets.Unicode("")

    def __init__(self, doc: Document, *, mode: str = MODES[0], section: int = 0):
        self.doc = doc
        section = section if 0 <= section < len(doc.section_records) else 0
        self.mode_buttons = widgets.ToggleButtons(options=list(MODES), value=mode, description="阅读模式")
        titles = [(f"{s.index + 1}. {s.title}", s.index) for s in doc.section_records]
        self.section_select = widgets.Dropdown(options=titles, value=section, description="部分")
        self.prev_button = widgets.Button(description="上一句", icon="arrow-left")
        self.next_button = widgets.Button(description="下一句", icon="arrow-right")
        self.position = widgets.HTML()
        self.text = widgets.HTML()
        classes = {
            "reading-mode": self.mode_buttons,
            "reading-section": self.section_select,
            "reading-prev": self.prev_button,
            "reading-next": self.next_button,
            "reading-position": self.position,
            "reading-text": self.text,
        }
        for css, w in classes.items():
            w.add_class(css)
        self.nav = widgets.HBox([self.section_select, self.prev_button, self.next_button, self.position])
        super().__init__([self.mode_buttons, self.nav, self.text])
        self.add_class("reading-view")
        widgets.link((self.mode_buttons, "value"), (self, "mode"))
        widgets.link((self.section_select, "value"), (self, "section"))
        self.prev_button.on_click(lambda _: self.step(-1))
        self.next_button.on_click(lambda _: self.step(1))
        self.observe(self._on_section, "section")
        self.observe(lambda _: self._render(), ["mode", "sentence"])
        self.mode, self.section = mode, section
        self.sentence = self._ids()[0] if self._ids() else ""
        self._render()

    def _ids(self) -> list[str]:
        s = self.doc.sentences
        return s.loc[s["section"] == self.section, "id"].tolist()

    def _on_section(self, _change: object) -> None:
        ids = self._ids()
        self.sentence = ids[0] if ids else ""
        self._render()

    def step(self, by: int) -> None:
        """Move ``by`` sentences within the section (精读); stops at either end."""
        ids = self._ids()
        if ids:
            k = ids.index(self.sentence) if self.sentence in ids else 0
            self.sentence = ids[max(0, min(len(ids) - 1, k + by))]

    def _render(self) -> None:
        sentence_mode = self.mode == "精读"
        self.nav.layout.display = "none" if self.mode == "通读" else None
        for w in (self.prev_button, self.next_button, self.position):
            w.layout.display = None if sentence_mode else "none"
        if self.mode == "通读":
            self.text.value = full_text_html(self.doc)
        elif self.mode == "细读":
            self.text.value = section_html(self.doc, self.section)
        else:
            ids = self._ids()
            k = ids.index(self.sentence) if self.sentence in ids else 0
            self.prev_button.disabled, self.next_button.disabled = k == 0, k >= len(ids) - 1
            self.position.value = f"第 {k + 1}/{len(ids)} 句" if ids else ""
            self.text.value = sentence_html(self.doc, self.sentence) if ids else "<p>本部分没有句子。</p>"
