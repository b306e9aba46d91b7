"""annotator.js in Chromium without Jupyter: DOM selections map to the right [start, end) offsets of doc.text.

The page holds the HTML Python renders (``annotated_html``) and the widget's ESM with a stand-in model, so a
real mouse drag goes through the same code as in JupyterLab. Offsets count code points, as Python does.
"""

from __future__ import annotations

from pathlib import Path

import edu_helpers
from edu_helpers.ui.widgets import annotator
from edu_helpers.ui.widgets.annotator import AnnotatedText
from edu_helpers.ui.widgets.spans import Mark, annotated_html

# A stand-in for anywidget's model: records what the widget sends.
HARNESS = """
const html = document.getElementById('source').innerHTML;
window.sent = [];
const traits = { html, popup: '' };
const listeners = {};
const model = {
  get: (name) => traits[name] ?? null,
  on: (event, f) => { (listeners[event] = listeners[event] || []).push(f); },
  off: () => {},
  set: (name, value) => window.sent.push([name, value]),
  save_changes: () => {},
  send: (content) => window.sent.push(['msg', content]),
};
window.setTrait = (name, value) => {   // what Python does: change a synced trait
  traits[name] = value;
  for (const f of listeners[`change:${name}`] || []) f();
};
const el = document.getElementById('widget');
document.getElementById('source').remove();
widget.render({ model, el });
window.rangeOf = (a, b) => {   // a DOM range over doc offsets [a, b), built from the runs' data-start
  const range = document.createRange();
  const place = (offset, setter) => {
    for (const run of el.querySelectorAll('.annotator-run')) {
      const s = Number(run.dataset.start), e = Number(run.dataset.end);
      if (s <= offset && offset <= e) {
        const text = run.firstChild.textContent;
        const units = Array.from(text).slice(0, offset - s).join('').length;   // code points → UTF-16
        range[setter](run.firstChild, units);
        return;
      }
    }
    throw new Error('offset not shown: ' + offset);
  };
  place(a, 'setStart'); place(b, 'setEnd');
  return range;
};
window.offsetsOf = (a, b) => rangeToOffsets(el.querySelector('.annotator-body'), window.rangeOf(a, b));
window.ready = true;
"""


def load(page, doc, paragraph_ids, marks=()):
    esm = str(AnnotatedText._esm)
    module = esm.replace("export default { render };", "const widget = { render };") + HARNESS
    page.set_content(
        f'<html><body><div id="source" hidden>{annotated_html(doc, paragraph_ids, marks)}</div>'
        '<div id="widget" style="width:900px;font-size:16px"></div></body></html>'
    )
    page.add_script_tag(content=module, type="module")
    page.wait_for_function("window.ready === true")


def test_ranges_map_back_to_offsets(page, report):
    i = report.text.index("教育强国的内在要求")
    load(page, report, ["p04", "p05"], [Mark("a", i, i + 4, "重点", "x"), Mark("b", i + 2, i + 9, "疑问", "y")])
    p04, p05 = report.paragraph("p04"), report.paragraph("p05")
    cases = [
        (i, i + 9),  # across three runs cut by overlapping highlights
        (p04.start, p04.end),  # a whole paragraph
        (p04.end - 5, p05.start + 5),  # across two paragraphs
        (i + 3, i + 4),  # one character
    ]
    for a, b in cases:
        assert page.evaluate("([a, b]) => window.offsetsOf(a, b)", [a, b]) == [a, b]


def test_characters_beyond_the_bmp_count_as_one(page):
    doc = edu_helpers.document_from_text("标题\n𠀀𠀁教育强国𠀂建设，加快推进。第二句。")
    load(page, doc, [p.id for p in doc.paragraph_records])
    a = doc.text.index("教育强国")
    b = doc.text.index("建设")
    assert page.evaluate("([a, b]) => window.offsetsOf(a, b)", [a, b]) == [a, b]
    assert doc.text[a:b] == "教育强国𠀂"  # emoji are removed on load now (issue 12): another astral character


def test_a_mouse_drag_sends_the_selection(page, report):
    load(page, report, ["p04"])
    p04 = report.paragraph("p04")
    quote = "强国建设、教育何为"
    a = report.text.index(quote, p04.start)
    box = page.evaluate(
        """([a, b]) => {
          const r = window.rangeOf(a, b).getClientRects();
          const first = r[0], last = r[r.length - 1];
          return [first.left + 1, first.top + first.height / 2, last.right - 1, last.top + last.height / 2];
        }""",
        [a, a + len(quote)],
    )
    page.mouse.move(box[0], box[1])
    page.mouse.down()
    page.mouse.move(box[2], box[3], steps=8)
    page.mouse.up()
    page.wait_for_function("window.sent.length > 0")
    name, (start, end) = page.evaluate("window.sent.at(-1)")
    assert name == "selection"
    assert report.text[start:end] == quote


def test_clicking_a_highlight_sends_its_ids(page, report):
    i = report.text.index("时代课题")
    load(page, report, ["p04"], [Mark("id-1", i, i + 4, "心得", "x")])
    page.locator(".annotator-mark").click()
    page.wait_for_function("window.sent.length > 0")
    name, value = page.evaluate("window.sent.at(-1)")
    assert name == "clicked" and value.split("|")[0] == "id-1"


def test_a_clicked_highlight_opens_its_notes_next_to_it(page, report):
    load(
        page,
        report,
        ["p04", "p05", "p06"],
        [Mark("far", report.paragraph("p06").start + 3, report.paragraph("p06").start + 8, "疑问", "x")],
    )
    mark = page.locator(".annotator-mark")
    mark.click()
    page.wait_for_function("window.sent.some(([n]) => n === 'clicked')")
    page.evaluate("window.setTrait('popup', '<div class=\"edu-annotation\" data-id=\"far\">我的批注</div>')")
    popup = page.locator(".annotator-popup")
    assert popup.is_visible()
    m, b = mark.bounding_box(), popup.bounding_box()
    assert 0 <= b["y"] - (m["y"] + m["height"]) < 40, (m, b)  # right under the highlight, not below the form
    assert abs(b["x"] - m["x"]) < 400 and b["y"] + 20 < 900
    popup.locator(".edu-annotation").click()  # a card rings its own highlight
    assert page.locator(".annotator-focus").count() == 1
    popup.locator(".annotator-popup-close").click()
    assert not popup.is_visible()


def test_keys_in_the_text_are_sent_to_python(page, report):
    load(page, report, ["p04"])
    page.locator(".annotator-body").focus()
    for key in ["ArrowDown", "2", "Enter", "x"]:
        page.keyboard.press(key)
    sent = page.evaluate("window.sent.filter(([n]) => n === 'msg').map(([, c]) => c.key)")
    assert sent == ["ArrowDown", "2", "Enter"]  # "x" is not a key of keyboard annotation


def test_a_note_kept_locally_is_drawn_with_a_dashed_frame_and_still_opens(page, report):
    i = report.text.index("时代课题")
    load(page, report, ["p04"], [Mark("sent", i - 6, i, "重点", "x"), Mark("local", i, i + 4, "心得", "y", True)])
    page.add_style_tag(path=str(Path(annotator.__file__).with_name("annotator.css")))
    unsent = page.locator(".annotator-unsent")
    assert unsent.count() == 1 and unsent.get_attribute("data-unsent") == "local"
    assert "未发送" in unsent.get_attribute("title")
    style = "(el) => getComputedStyle(el).outlineStyle"
    assert unsent.evaluate(style) == "dashed"
    assert page.locator('.annotator-mark[data-ids="sent"]').evaluate(style) == "none"
    unsent.click()
    page.wait_for_function("window.sent.length > 0")
    assert page.evaluate("window.sent.at(-1)")[1].split("|")[0] == "local"
