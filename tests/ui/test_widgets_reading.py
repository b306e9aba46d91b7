"""ReadingView 小部件：三种阅读模式之间切换（不需要浏览器）。"""

from __future__ import annotations

import edu_helpers
from edu_helpers.teaching.reading import MODES
from edu_helpers.ui.widgets.reading import ReadingView


def test_reading_view_modes_and_navigation(report: edu_helpers.Document) -> None:
    view = ReadingView(report)
    assert view.mode == MODES[0] and "edu-read-through" in view.text.value
    assert view.nav.layout.display == "none"
    view.mode_buttons.value = "细读"
    assert view.mode == "细读" and "edu-read-section" in view.text.value and view.nav.layout.display is None
    assert view.prev_button.layout.display == "none"
    view.section_select.value = 3
    assert 'data-section="3"' in view.text.value
    view.mode_buttons.value = "精读"
    ids = report.sentences.query("section == 3")["id"].tolist()
    assert view.sentence == ids[0] and view.prev_button.disabled
    assert f'data-id="{ids[0]}"' in view.text.value and f"1/{len(ids)}" in view.position.value
    view.next_button.click()
    assert view.sentence == ids[1] and f'data-id="{ids[1]}"' in view.text.value
    view.step(100)
    assert view.sentence == ids[-1] and view.next_button.disabled
    view.section_select.value = 4  # a new section starts at its first sentence
    assert view.sentence == report.sentences.query("section == 4")["id"].iloc[0]
    assert {"reading-view"} <= set(view._dom_classes)
    assert "reading-mode" in view.mode_buttons._dom_classes and "reading-text" in view.text._dom_classes
