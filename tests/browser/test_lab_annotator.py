"""JupyterLab: in a section walkthrough, annotate a phrase selected with the mouse; it survives a kernel restart.

03-four-understandings ends with an annotator over its section. The test drags the mouse across a known phrase
in ``.annotator-text`` (the phrase's screen position comes from a DOM Range over the runs Python rendered, whose
``data-start``/``data-end`` are offsets into ``doc.text``), chooses a kind, types a note and clicks 保存. The
annotation must be in the store the kernel was given; after Kernel → Restart and Run All its highlight is back.
"""

from __future__ import annotations

from playwright.sync_api import expect

import edu_helpers
from edu_helpers.annotations import kinds
from tests.browser.edu_browser import REPO

NOTEBOOK = "03-four-understandings.ipynb"
PHRASE = "强国建设、教育何为"
KIND = "疑问"
NOTE = "教育何为：从哪几方面回答？"
TEXT = ".annotator-text"

# Scroll the phrase [a, b) (offsets into doc.text) to the middle of the view and return the mouse points just
# inside its first and last characters, once they stay put for a few frames (charts above may still be laying
# out). Offsets count code points; DOM offsets count UTF-16 units.
PHRASE_POINTS_JS = """async ([selector, a, b]) => {
  const box = document.querySelector(selector);
  const place = (offset, range, setter) => {
    for (const run of box.querySelectorAll('.annotator-run[data-start]')) {
      const s = Number(run.dataset.start), e = Number(run.dataset.end);
      if (s <= offset && offset <= e && run.firstChild) {
        const units = Array.from(run.firstChild.textContent).slice(0, offset - s).join('').length;
        range[setter](run.firstChild, units);
        return run;
      }
    }
    throw new Error('offset not shown: ' + offset);
  };
  const points = () => {
    const range = document.createRange();
    place(a, range, 'setStart').scrollIntoView({block: 'center'});
    place(b, range, 'setEnd');
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const first = rects[0], last = rects[rects.length - 1];
    return [first.left + 1, first.top + first.height / 2, last.right - 1, last.top + last.height / 2];
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  let last = null, same = 0;
  for (let i = 0; i < 600 && same < 5; i++) {
    const now = points();
    same = last && now.every((v, k) => Math.abs(v - last[k]) < 0.5) ? same + 1 : 0;
    last = now;
    await frame();
  }
  return last;
}"""


def drag_over_phrase(page, start: int, end: int) -> None:
    """Select doc.text[start:end] in the annotator with a real mouse drag."""
    text = page.locator(TEXT)
    expect(text.locator(".annotator-run").first).to_be_visible()
    x0, y0, x1, y1 = page.evaluate(PHRASE_POINTS_JS, [TEXT, start, end])
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x1, y1, steps=10)
    page.mouse.up()


def test_mouse_annotation_is_saved_and_highlighted_after_restart(lab_server, page, screenshot):
    doc = edu_helpers.load_document()
    start = doc.text.index(PHRASE)
    end = start + len(PHRASE)
    lab = lab_server(REPO / "notebooks")
    nb = lab.open(page, NOTEBOOK)
    nb.run_all()
    expect(page.locator(TEXT)).to_have_count(1)
    expect(page.locator(f"{TEXT} .annotator-mark")).to_have_count(0)  # a fresh store

    drag_over_phrase(page, start, end)
    # Python snapped the selection and shows it: the phrase at least (whole words, so maybe a little more).
    expect(page.locator(".annotator-selection")).to_contain_text(PHRASE)
    expect(page.locator(f"{TEXT} .annotator-pending")).not_to_have_count(0)
    page.locator(".kind-select select").select_option(label=KIND)
    page.locator(".note-input textarea").fill(NOTE)
    screenshot(page, "before-save")
    page.locator("button.note-save").click()
    expect(page.locator(".annotator-status")).to_contain_text("已保存")

    with edu_helpers.AnnotationStore(lab.annotations) as store:
        saved = store.annotations()
    assert len(saved) == 1, saved
    ann = saved[0]
    assert PHRASE in ann.exact and len(ann.exact) <= len(PHRASE) + 8, ann.exact
    assert doc.text[ann.start : ann.end] == ann.exact and ann.start <= start and ann.end >= end
    assert (ann.kind, ann.note) == (KIND, NOTE)
    mark = page.locator(f"{TEXT} .annotator-mark[data-ids~='{ann.id}']")
    expect(mark.first).to_be_visible()

    page.locator(TEXT).evaluate("(el) => { el.dataset.eduBeforeRestart = '1'; }")
    nb.restart_and_run_all()
    # Run All cleared the old output: the highlight below is drawn by the new kernel's annotator.
    expect(page.locator(f"{TEXT}[data-edu-before-restart]")).to_have_count(0)
    expect(page.locator(TEXT)).to_have_count(1)
    mark = page.locator(f"{TEXT} .annotator-mark[data-ids~='{ann.id}']")
    expect(mark.first).to_be_attached()
    assert "".join(mark.all_text_contents()) == ann.exact
    mark.first.scroll_into_view_if_needed()
    expect(mark.first).to_be_visible()
    expect(page.locator(".annotator-info")).to_contain_text("这里已有 1 条批注")


def test_keyboard_annotation_and_notes_next_to_the_highlight(lab_server, page):
    """Arrow keys choose a sentence, 2 a kind, Enter saves; a click on the new highlight opens its notes beside it."""
    lab = lab_server(REPO / "notebooks")
    nb = lab.open(page, NOTEBOOK)
    nb.run_all()
    body = page.locator(f"{TEXT} .annotator-body")
    body.scroll_into_view_if_needed()
    body.focus()
    doc = edu_helpers.load_document()
    section = doc.section_records[2]  # 03's SECTION
    first, second = [s for s in doc.sentence_records if s.paragraph_id in section.paragraph_ids][:2]
    pending = page.locator(f"{TEXT} .annotator-pending").first
    # a reader's pace: each key's effect shown before the next (CI once lost a key pressed 5 ms after another)
    for key, shown in [("ArrowDown", first), ("ArrowDown", second)]:
        page.keyboard.press(key)
        expect(pending).to_have_attribute("data-start", str(shown.start))
    page.keyboard.press("2")
    expect(page.locator(".kind-select select")).to_have_value(list(kinds())[1])
    page.keyboard.press("Enter")
    expect(page.locator(".annotator-status")).to_contain_text("已保存")
    with edu_helpers.AnnotationStore(lab.annotations) as store:
        (ann,) = store.annotations()
    assert (ann.start, ann.end, ann.kind) == (second.start, second.end, list(kinds())[1])
    mark = page.locator(f"{TEXT} .annotator-mark[data-ids~='{ann.id}']").first
    mark.scroll_into_view_if_needed()
    x, y = mark.evaluate(
        "(m) => { const r = m.getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]; }"
    )
    page.mouse.click(x, y)  # on the highlight's first line (a long one wraps)
    popup = page.locator(f"{TEXT} .annotator-popup")
    expect(popup).to_be_visible()
    expect(popup.locator(f".edu-annotation[data-id='{ann.id}']")).to_be_visible()
    m, b = mark.bounding_box(), popup.bounding_box()
    assert 0 <= b["y"] - (m["y"] + m["height"]) < 40 and b["y"] < page.viewport_size["height"], (m, b)
