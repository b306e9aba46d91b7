"""批注器：用鼠标选中文字，写下类型、标签和批注，立即保存。The annotator widget.

:class:`Annotator` is a panel (an ``ipywidgets.VBox``) around :class:`AnnotatedText`, an
``anywidget.AnyWidget`` whose front end (``annotator.js``/``annotator.css``, shipped in the package,
nothing loaded from the network) shows the passages with every saved annotation highlighted in the
colour of its kind, and sends the reader's mouse selection to Python as character offsets into
``doc.text``. Python snaps the selection to whole words (:func:`~.spans.snap`); the form below saves
it to the :class:`~edu_helpers.annotations.AnnotationStore` at once. A new annotator reading the same
store (after a kernel restart, say) shows the same highlights. Without a mouse: choose a sentence
in 选句, then save; or, in the text view, the arrow keys choose a sentence, 1–4 the kind, Enter saves.
Clicking a highlight opens its notes next to it (every annotation covering that spot, each its own card).
Tag suggestions come from the reader's own tags and the topic names (:mod:`.tagging`).

CSS classes (stable, for browser tests):
    ``annotator`` (the panel), ``annotator-text`` (the anywidget; inside it ``.annotator-body``,
    runs ``.annotator-run[data-start][data-end]``, highlights ``.annotator-mark[data-ids]``, the
    unsaved selection ``.annotator-pending``), ``sentence-select`` (Dropdown), ``annotator-selection``
    (HTML: the snapped selection), ``kind-select`` (Dropdown), ``tags-input`` (Text), ``note-input``
    (Textarea), ``note-save`` (保存 button), ``selection-clear`` (取消选择 button),
    ``annotator-status`` (HTML: saved / error), ``annotator-detail`` (HTML: the clicked highlight),
    ``tag-suggestions`` (buttons ``tag-suggestion``); in the text view the pop-up ``.annotator-popup``
    (cards ``.edu-annotation[data-id]``) and the focus ring ``.annotator-focus`` of a card's highlight.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import anywidget
import ipywidgets as widgets
import traitlets

from edu_helpers.analysis.topics import load_taxonomy
from edu_helpers.annotations import Annotation, AnnotationStore, StoreError, kinds
from edu_helpers.annotations.render import annotations_html
from edu_helpers.text.document import Document
from edu_helpers.ui import html as R
from edu_helpers.ui.widgets import replies, sharing
from edu_helpers.ui.widgets.spans import Mark, annotated_html, snap
from edu_helpers.ui.widgets.tagging import key_action, suggest_tags

_HERE = Path(__file__).resolve().parent
_TAG_SPLIT = re.compile(r"[,，、;；\s]+")
NO_SENTENCE = "（用鼠标选择文字，或在此选一句）"


def parse_tags(text: str) -> list[str]:
    """Tags typed in one box, separated by commas (半角/全角), 顿号, semicolons or spaces.

    >>> parse_tags("双减, 教育强国，职业教育、 双减")
    ['双减', '教育强国', '职业教育', '双减']
    """
    return [t for t in _TAG_SPLIT.split(text or "") if t]


def scope_paragraphs(doc: Document, section: int | Sequence[int] | None = None) -> list[str]:
    """Paragraph ids of one section, several sections, or (``None``) the whole document."""
    return [p.id for p in doc.scope(section, strict=False)]


class AnnotatedText(anywidget.AnyWidget):
    """The passages with highlights; the browser reports the mouse selection.

    Traits (synced):
        html: the passages as escaped HTML runs (see :func:`~.spans.annotated_html`).
        selection: ``(start, end)`` offsets into ``doc.text`` set by the browser on mouse-up.
        clicked: ``"<ids>|<counter>"`` of the highlight the reader clicked.
        popup: the notes shown next to the clicked highlight (HTML, escaped by Python); ``""`` closes it.

    Messages from the browser: ``{"key": "ArrowDown" | "1" | "Enter" | …}`` (keyboard annotation).
    """

    _esm = _HERE / "annotator.js"
    _css = _HERE / "annotator.css"
    html = traitlets.Unicode("").tag(sync=True)
    selection = traitlets.Tuple(traitlets.Int(), traitlets.Int(), default_value=(0, 0)).tag(sync=True)
    clicked = traitlets.Unicode("").tag(sync=True)
    popup = traitlets.Unicode("").tag(sync=True)


class Annotator(sharing.FollowsOutbox, widgets.VBox):
    """Annotate passages of a document with the mouse (or by sentence), saving to a store.

    Args:
        doc: the document.
        store: where annotations are saved (shared with other widgets of the notebook).
        section: a section index, several, or ``None`` for the whole document.
        author: stored with each new annotation.

    Attributes:
        text: the :class:`AnnotatedText` view; ``text.selection = (start, end)`` does what a mouse
            selection does.
        span: the snapped selection ``(start, end)`` waiting to be saved; ``(0, 0)`` when none.
    """

    span = traitlets.Tuple(traitlets.Int(), traitlets.Int(), default_value=(0, 0))

    def __init__(
        self, doc: Document, store: AnnotationStore, *, section: int | Sequence[int] | None = None, author: str = ""
    ):
        self.doc, self.store, self.author = doc, store, author
        self.paragraph_ids = scope_paragraphs(doc, section)
        self._callbacks: list[Callable[[Annotation], None]] = []
        self._sentences = {
            s.id: (s.start, s.end) for s in doc.sentence_records if s.paragraph_id in set(self.paragraph_ids)
        }
        self._headings = self._section_headings(section)
        self.text = AnnotatedText()
        self.text.add_class("annotator-text")
        self.info = widgets.HTML()
        self.info.add_class("annotator-info")
        self.sentence_select = self._with_class(
            widgets.Dropdown(
                options=[(NO_SENTENCE, "")]
                + [(f"{sid}　{R.truncate(doc.text[s:e], 34)}", sid) for sid, (s, e) in self._sentences.items()],
                value="",
                description="选句",
            ),
            "sentence-select",
        )
        self.preview = self._with_class(widgets.HTML(), "annotator-selection")
        self.kind_select = self._with_class(
            widgets.Dropdown(options=[("（不分类）", "")] + [(k, k) for k in kinds()], description="类型"),
            "kind-select",
        )
        self.kind_select.value = next(iter(kinds()), "")
        self.tags_input = self._with_class(
            widgets.Text(description="标签", placeholder="用逗号或空格分隔，如：双减, 职业教育"), "tags-input"
        )
        self.note_input = self._with_class(
            widgets.Textarea(description="批注", placeholder="写下你的理解、疑问或联系实际……"), "note-input"
        )
        self.save_button = self._with_class(
            widgets.Button(description="保存", button_style="primary", icon="check", tooltip="保存批注"), "note-save"
        )
        self.clear_button = self._with_class(widgets.Button(description="取消选择"), "selection-clear")
        wrap = widgets.Layout(flex_flow="row wrap")
        self.suggestions = self._with_class(widgets.HBox(layout=wrap), "tag-suggestions")
        self.status = self._with_class(widgets.HTML(), "annotator-status")
        self.visibility_select = sharing.visibility_select(store)  # only on a class store (ui/widgets/sharing.py)
        self.detail = self._with_class(widgets.HTML(), "annotator-detail")
        for w in (self.sentence_select, self.kind_select, self.tags_input, self.note_input):
            w.style.description_width = "3em"
        self.note_input.layout = widgets.Layout(width="100%", height="6em")
        self.sentence_select.layout = widgets.Layout(width="100%")

        self.text.observe(lambda change: self.select(*change["new"]), names="selection")
        self.text.observe(self._on_click, names="clicked")
        self.text.on_msg(lambda _w, content, _b: self.press(str(content.get("key", ""))))
        self.tags_input.observe(lambda _: self._suggest(), names="value")
        self.sentence_select.observe(self._on_sentence, names="value")
        self.observe(lambda change: self._draw(), names="span")
        self.save_button.on_click(lambda _: self.save())
        self.clear_button.on_click(lambda _: self.clear_selection())

        form = [
            self.sentence_select,
            self.preview,
            widgets.HBox([self.kind_select, self.tags_input, *filter(None, [self.visibility_select])]),
            self.suggestions,
            self.note_input,
            widgets.HBox([self.save_button, self.clear_button]),
            self.status,
        ]
        super().__init__([self.info, self.text, *form, self.detail])
        self.add_class("annotator")
        self.refresh()
        self.follow_outbox(store)  # the 未发送 marks go when the outbox was sent (until closed)
        self._suggest()

    @staticmethod
    def _with_class(widget: widgets.Widget, name: str) -> widgets.Widget:
        widget.add_class(name)
        return widget

    def _section_headings(self, section: int | Sequence[int] | None) -> dict[str, str]:
        if isinstance(section, int):
            return {}
        return {
            sec.paragraph_ids[0]: sec.title
            for sec in self.doc.section_records
            if sec.paragraph_ids and sec.paragraph_ids[0] in self.paragraph_ids
        }

    # --- reading the store and drawing ----------------------------------------------------------
    def marks(self) -> list[Mark]:
        """The live annotations placed in the shown passages, oldest first."""
        shown = {pid: self.doc.paragraph(pid) for pid in self.paragraph_ids}
        lo = min((p.start for p in shown.values()), default=0)
        hi = max((p.end for p in shown.values()), default=0)
        unsent = self.store.unsent()  # kept locally while the class server is away: marked 未发送
        return [
            Mark(a.id, p.start, p.end, a.kind, a.note or a.exact, a.id in unsent)
            for p in self.store.anchored(self.doc)
            if (a := p.annotation) and p.start is not None and p.start < hi and p.end > lo
        ]

    def refresh(self) -> None:
        """Reload the annotations from the store and redraw the highlights."""
        self._marks = self.marks()
        n, unsent = len(self._marks), sum(m.unsent for m in self._marks)
        self.info.value = R.message(
            f"这里已有 {n} 条批注{f'（{unsent} 条未发送，虚线框标出）' if unsent else ''}。用鼠标选中文字（自动对齐到"
            "整词），或在「选句」中选一句；再选类型、写标签和批注，点「保存」。点击高亮可查看批注。"
        )
        self._draw()
        self.status.value = sharing.outbox_status(self.store, self.status.value)

    def _draw(self) -> None:
        start, end = self.span
        self.text.html = annotated_html(
            self.doc, self.paragraph_ids, self._marks, pending=(start, end), headings=self._headings
        )
        quote = self.doc.text[start:end]
        self.preview.value = (
            f'<div class="edu-msg">已选：「<b>{R.esc(R.truncate(quote, 80))}</b>」（{end - start} 字）</div>'
            if end > start
            else R.message("尚未选择文字。")
        )

    # --- selecting ---------------------------------------------------------------------------------
    def select(self, start: int, end: int) -> tuple[int, int]:
        """Take a selection ``[start, end)`` (as the browser sends it), snapped to whole words."""
        if end > start:
            self.sentence_select.value = ""  # the mouse wins over a sentence chosen before
        self.span = snap(self.doc, start, end)
        if self.span[1] > self.span[0]:
            self.status.value = ""
        return self.span

    def select_sentence(self, sentence_id: str) -> tuple[int, int]:
        """Select a whole sentence by id (``p03-s01``…): the keyboard-only way."""
        self.sentence_select.value = sentence_id
        return self.span

    def _on_sentence(self, change: dict) -> None:
        if change["new"]:
            self.text.selection = (0, 0)  # so that the same mouse selection again is a change
            self.span = self._sentences[change["new"]]
            self.status.value = ""

    def clear_selection(self) -> None:
        """Forget the unsaved selection."""
        self.span = (0, 0)
        self.text.selection = (0, 0)
        self.sentence_select.value = ""

    # --- saving ------------------------------------------------------------------------------------
    def on_save(self, callback: Callable[[Annotation], None]) -> None:
        """Call ``callback(annotation)`` after each save (e.g. to refresh an annotation list)."""
        self._callbacks.append(callback)

    def save(self) -> Annotation | None:
        """Save the selection with the form's kind, tags and note; returns it (``None`` on error)."""
        start, end = self.span
        if end <= start:
            self.status.value = R.message("请先选择文字：用鼠标划选，或在「选句」中选一句。", "warn")
            return None
        try:
            ann = self.store.annotate_span(
                self.doc,
                start,
                end,
                note=self.note_input.value,
                tags=parse_tags(self.tags_input.value),
                kind=self.kind_select.value or None,
                author=self.author,
                visibility=self.visibility_select.value if self.visibility_select else None,
            )
        except (ValueError, StoreError) as exc:
            self.status.value = R.message(f"未保存：{exc}", "error")
            return None
        self.note_input.value = self.tags_input.value = ""
        self.clear_selection()
        self._suggest()
        self.refresh()  # highlighted at once; kept in the local outbox (the class server away): marked 未发送
        saved = R.message(f"已保存：「{R.truncate(ann.exact, 30)}」（{ann.kind or '不分类'}）", "ok")
        self.status.value = R.message(self.store.notice, "warn") if self.store.notice else saved
        for callback in self._callbacks:
            callback(ann)
        return ann

    # --- showing a clicked highlight -----------------------------------------------------------
    def show(self, annotation_ids: Sequence[str]) -> None:
        """Show the notes of these annotations next to the highlight (and below the form): a click on it."""
        placed = {p.annotation.id: p for p in self.store.anchored(self.doc)}
        shown = [placed[i] for i in annotation_ids if i in placed]
        self.text.popup = ""  # so that the same notes again are a change: the pop-up reopens
        self.detail.value = self.text.popup = annotations_html(shown) + replies.with_threads(
            self.store, [p.annotation.id for p in shown], ["" for _ in shown]
        )  # the threads under the notes (ui/widgets/replies.py)

    # --- keyboard and tags ---------------------------------------------------------------------
    def press(self, key: str) -> None:
        """A key pressed in the text view: arrows choose a sentence, 1–4 a kind, Enter saves, Esc clears."""
        action, value = key_action(key, list(kinds()))
        if action == "move":
            ids = list(self._sentences)
            current = self.sentence_select.value
            at = ids.index(current) + value if current in ids else (0 if value > 0 else len(ids) - 1)
            if ids:
                self.select_sentence(ids[max(0, min(len(ids) - 1, at))])
        elif action == "kind":
            self.kind_select.value = value
        elif action == "save":
            self.save()
        elif action == "clear":
            self.clear_selection()
            self.text.popup = ""

    def suggested_tags(self) -> list[str]:
        """Tags offered for the box as typed so far: the reader's own tags, then the topic names."""
        try:
            own = [a.tags for a in self.store.annotations()]
        except StoreError:  # a class server away for now: the topic names still help
            own = []
        typed = parse_tags(self.tags_input.value)
        if _TAG_SPLIT.fullmatch(self.tags_input.value[-1:] or "x"):  # the last tag is finished: no filter
            typed.append("")
        return suggest_tags(own, load_taxonomy().names, typed)

    def add_tag(self, tag: str) -> None:
        """Put ``tag`` into the tags box (replacing an unfinished last tag that it completes)."""
        typed = parse_tags(self.tags_input.value)
        if typed and not self.tags_input.value.rstrip().endswith(("，", ",", "、")) and typed[-1] in tag:
            typed = typed[:-1]
        self.tags_input.value = "，".join(dict.fromkeys([*typed, tag])) + "，"

    def _suggest(self) -> None:
        buttons = []
        for tag in self.suggested_tags():
            b = self._with_class(widgets.Button(description=tag, layout=widgets.Layout(width="auto")), "tag-suggestion")
            b.on_click(lambda _, tag=tag: self.add_tag(tag))
            buttons.append(b)
        self.suggestions.children = buttons

    def _on_click(self, change: dict) -> None:
        self.show(change["new"].split("|", 1)[0].split())
