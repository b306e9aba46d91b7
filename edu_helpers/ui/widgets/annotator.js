// 批注器的前端：显示 Python 渲染好的（已转义的）段落，把鼠标选区换算成字符偏移发回 Python。
// The annotator's front end (anywidget ESM, no build step, nothing loaded from the network).
//
// Python renders the passages as runs <span class="annotator-run" data-start data-end> whose
// offsets point into doc.text (code points). A DOM selection is mapped back to [start, end) through
// these attributes and sent in the synced trait `selection`. Clicking a highlight sends its ids in
// `clicked`; Python answers with the notes in `popup`, shown next to that highlight (.annotator-popup).
// Keys pressed in the text (arrows, 1–4, Enter, Escape) are sent as messages {key}. The HTML comes from
// Python, where every string is escaped.

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
  box.tabIndex = 0; // keyboard annotation: focus the text, then arrows / 1–4 / Enter
  box.setAttribute("aria-label", "原文：方向键选句，数字键 1–4 选类型，回车保存");
  el.appendChild(box);
  const popup = document.createElement("div");
  popup.className = "annotator-popup";
  popup.hidden = true;
  let anchor = null; // the highlight clicked last: where the pop-up opens

  const place = () => {
    if (!anchor || popup.hidden) return;
    const mark = box.querySelector(`.annotator-mark[data-start="${anchor}"]`);
    if (!mark) return;
    popup.style.top = `${mark.offsetTop + mark.offsetHeight + 4}px`;
    const left = Math.min(mark.offsetLeft, Math.max(0, box.clientWidth - popup.offsetWidth - 8));
    popup.style.left = `${left}px`;
  };
  const showPopup = () => {
    const html = model.get("popup") || "";
    popup.hidden = !html || !anchor;
    popup.innerHTML = html ? `<button class="annotator-popup-close" title="关闭" aria-label="关闭">×</button>${html}` : "";
    place();
  };
  const draw = () => {
    box.innerHTML = model.get("html");
    box.appendChild(popup);
    place();
    const pending = box.querySelector(".annotator-pending");
    if (pending && document.activeElement === box) pending.scrollIntoView({ block: "nearest" });
  };
  draw();
  model.on("change:html", draw);
  model.on("change:popup", showPopup);

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
  const focus = (id) => {
    for (const run of box.querySelectorAll(".annotator-focus")) run.classList.remove("annotator-focus");
    if (!id) return;
    for (const run of box.querySelectorAll(".annotator-mark[data-ids]")) {
      if (run.dataset.ids.split(" ").includes(id)) run.classList.add("annotator-focus");
    }
  };
  const onClick = (event) => {
    if (popup.contains(event.target)) {
      if (event.target.closest(".annotator-popup-close")) {
        popup.hidden = true;
        focus(null);
        return;
      }
      const card = event.target.closest(".edu-annotation[data-id]");
      focus(card ? card.dataset.id : null); // one of several overlapping notes: ring its own highlight
      return;
    }
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const mark = event.target.closest(".annotator-mark");
    if (!mark || !box.contains(mark)) return;
    anchor = mark.dataset.start;
    focus(null);
    // a counter makes a second click on the same highlight a change too
    model.set("clicked", `${mark.dataset.ids}|${Date.now()}`);
    model.save_changes();
  };
  const KEYS = new Set(["ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight", "Enter", "Escape", "1", "2", "3", "4"]);
  const onKeyDown = (event) => {
    if (event.target !== box || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!KEYS.has(event.key)) return;
    event.preventDefault(); // no scrolling, and Lab's notebook shortcuts (1–4: cell types) stay out of it
    event.stopPropagation();
    if (event.key === "Escape") popup.hidden = true;
    model.send({ key: event.key });
  };
  box.addEventListener("mouseup", onMouseUp);
  box.addEventListener("keyup", onKeyUp);
  box.addEventListener("keydown", onKeyDown);
  box.addEventListener("click", onClick);
  return () => {
    model.off("change:html", draw);
    model.off("change:popup", showPopup);
    box.removeEventListener("mouseup", onMouseUp);
    box.removeEventListener("keyup", onKeyUp);
    box.removeEventListener("keydown", onKeyDown);
    box.removeEventListener("click", onClick);
  };
}

export default { render };
