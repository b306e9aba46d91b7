// 批注器的前端：显示 Python 渲染好的（已转义的）段落，把鼠标选区换算成字符偏移发回 Python。
// The annotator's front end (anywidget ESM, no build step, nothing loaded from the network).
//
// Python renders the passages as runs <span class="annotator-run" data-start data-end> whose
// offsets point into doc.text (code points). A DOM selection is mapped back to [start, end) through
// these attributes and sent in the synced trait `selection`. Clicking a highlight sends its ids in
// `clicked`. The HTML comes from Python, where every string is escaped.

function codePoints(text) {
  return Array.from(text).length;
}

// Characters of `run` before the boundary point (container, offset), in code points.
function charsBefore(run, container, offset) {
  const range = document.createRange();
  range.selectNodeContents(run);
  try {
    range.setEnd(container, offset);
  } catch (err) {
    return 0;
  }
  return codePoints(range.toString());
}

// [start, end) of a DOM range over the runs inside `box`, or null.
export function rangeToOffsets(box, range) {
  let start = Infinity;
  let end = -Infinity;
  for (const run of box.querySelectorAll(".annotator-run[data-start]")) {
    if (!range.intersectsNode(run)) continue;
    const s = Number(run.dataset.start);
    const e = Number(run.dataset.end);
    let a = s;
    let b = e;
    if (run.contains(range.startContainer)) a = s + charsBefore(run, range.startContainer, range.startOffset);
    if (run.contains(range.endContainer)) b = s + charsBefore(run, range.endContainer, range.endOffset);
    start = Math.min(start, a);
    end = Math.max(end, b);
  }
  return end > start ? [start, end] : null;
}

function render({ model, el }) {
  const box = document.createElement("div");
  box.className = "annotator-body";
  box.setAttribute("lang", "zh-CN");
  el.appendChild(box);

  const draw = () => {
    box.innerHTML = model.get("html");
  };
  draw();
  model.on("change:html", draw);

  const sendSelection = () => {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return false;
    const range = sel.getRangeAt(0);
    if (!box.contains(range.commonAncestorContainer) && !range.intersectsNode(box)) return false;
    const offsets = rangeToOffsets(box, range);
    if (!offsets) return false;
    model.set("selection", offsets);
    model.save_changes();
    return true;
  };
  const onMouseUp = () => setTimeout(sendSelection, 0);
  const onKeyUp = (event) => {
    if (event.shiftKey) sendSelection();
  };
  const onClick = (event) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const mark = event.target.closest(".annotator-mark");
    if (!mark || !box.contains(mark)) return;
    // a counter makes a second click on the same highlight a change too
    model.set("clicked", `${mark.dataset.ids}|${Date.now()}`);
    model.save_changes();
  };
  box.addEventListener("mouseup", onMouseUp);
  box.addEventListener("keyup", onKeyUp);
  box.addEventListener("click", onClick);
  return () => {
    model.off("change:html", draw);
    box.removeEventListener("mouseup", onMouseUp);
    box.removeEventListener("keyup", onKeyUp);
    box.removeEventListener("click", onClick);
  };
}

export default { render };
