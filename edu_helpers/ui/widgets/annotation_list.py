"""批注工作台：筛选、编辑、删除与撤销、孤立批注、导出。The annotation list (workbench).

:class:`AnnotationList` shows the live annotations of a document from an
:class:`~edu_helpers.annotations.AnnotationStore`, filtered by kind, tag, section and a search in
quotes and notes; edits the chosen one (kind, tags, note), deletes it and undoes the last change;
lists orphans (notes whose passage changed beyond recognition: kept, never dropped); and exports
学习笔记 (Markdown), CSV or JSON-LD with one click, showing the saved file's path and a download link.

CSS classes (stable, for browser tests):
    ``annotation-list`` (the panel), ``kind-filter``, ``tag-filter``, ``section-filter`` (Dropdowns),
    ``annotation-search`` (Text), ``annotation-refresh`` (刷新 button), ``annotation-results`` (HTML:
    the list; one ``.edu-annotation[data-id]`` card each), ``annotation-select`` (Dropdown: the one to
    edit), ``edit-kind`` (Dropdown), ``edit-tags`` (Text), ``edit-note`` (Textarea), ``edit-save``
    (保存修改), ``annotation-delete`` (删除), ``annotation-undo`` (撤销), ``workbench-status`` (HTML),
    ``edit-reload`` (重新载入) and ``edit-keep-both`` (两者都保留: shown when a save was refused because the
    annotation changed elsewhere since the form was filled — another kernel, another tab),
    ``annotation-orphans`` (HTML), ``export-markdown``, ``export-csv``, ``export-jsonld`` (buttons),
    ``export-result`` (HTML: path and download link).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from edu_helpers.annotations import (
    Annotation,
    AnnotationStore,
    StaleEditError,
    StoreError,
    default_store_path,
    export_annotations,
    kinds,
    write_export,
)
from edu_helpers.annotations.exchange import SUFFIXES
from edu_helpers.annotations.render import annotation_html
from edu_helpers.text.document import Document
from edu_helpers.ui import html as R
from edu_helpers.ui.widgets import replies, sharing
from edu_helpers.ui.widgets.annotator import parse_tags
from edu_helpers.ui.widgets.edit_history import NAMES, EditHistory, stale_message

ALL = "\x00all"  # the "no filter" value of a filter dropdown (never a kind, tag or section)
NO_KIND = "\x00none"
EXPORT_NAMES = {"markdown": "学习笔记", "csv": "批注", "jsonld": "批注"}
EXPORT_LABELS = {"markdown": "导出学习笔记", "csv": "导出 CSV", "jsonld": "导出 JSON-LD"}
MIMES = {"markdown": "text/markdown", "csv": "text/csv", "jsonld": "application/ld+json"}


def _dropdown(cls: str, description: str, **kwargs) -> widgets.Dropdown:
    w = widgets.Dropdown(description=description, style={"description_width": "3em"}, **kwargs)
    w.add_class(cls)
    return w


def _button(cls: str, description: str, **kwargs) -> widgets.Button:
    w = widgets.Button(description=description, **kwargs)
    w.add_class(cls)
    return w


class AnnotationList(sharing.FollowsOutbox, widgets.VBox):
    """All my annotations of a document: filter, edit, delete and undo, orphans, export.

    Args:
        doc: the document.
        store: the annotation store (shared with annotators in the same notebook).
        export_dir: where exports are written; default ``exports/`` beside the store file.
    """

    def __init__(self, doc: Document, store: AnnotationStore, *, export_dir: str | Path | None = None):
        self.doc, self.store = doc, store
        # a server store has no file: its exports go beside the default local store
        home = store.path.parent if store.path else default_store_path().parent
        self.export_dir = Path(export_dir) if export_dir else home / "exports"
        self._undo = EditHistory(store)
        self._based_on: Annotation | None = None  # the stored version the form was filled from
        self._callbacks: list[Callable[[], None]] = []
        self.frame = pd.DataFrame()
        self.kind_filter = _dropdown("kind-filter", "类型")
        self.tag_filter = _dropdown("tag-filter", "标签")
        self.section_filter = _dropdown("section-filter", "部分")
        self.search_input = widgets.Text(description="搜索", placeholder="引文或批注中的词", continuous_update=False)
        self.search_input.style.description_width = "3em"
        self.search_input.add_class("annotation-search")
        self.refresh_button = _button("annotation-refresh", "刷新", icon="refresh")
        self.results = widgets.HTML()
        self.results.add_class("annotation-results")
        self.selector = _dropdown("annotation-select", "选择", layout=widgets.Layout(width="100%"))
        self._kind_options = [("（不分类）", ""), *((k, k) for k in kinds())]
        self.edit_kind = _dropdown("edit-kind", "类型", options=self._kind_options)
        self.edit_tags = widgets.Text(description="标签", style={"description_width": "3em"})
        self.edit_tags.add_class("edit-tags")
        self.edit_note = widgets.Textarea(description="批注", layout=widgets.Layout(width="100%", height="6em"))
        self.edit_note.style.description_width = "3em"
        self.edit_note.add_class("edit-note")
        self.save_button = _button("edit-save", "保存修改", button_style="primary", icon="check")
        self.delete_button = _button("annotation-delete", "删除", button_style="danger", icon="trash")
        self.undo_button = _button("annotation-undo", "撤销", icon="undo", disabled=True)
        self.reload_button = _button("edit-reload", "重新载入", icon="refresh")
        self.keep_both_button = _button("edit-keep-both", "两者都保留", icon="copy")
        self._show_conflict(False)
        self.status = widgets.HTML()
        self.status.add_class("workbench-status")
        self.orphans = widgets.HTML()
        self.orphans.add_class("annotation-orphans")
        self.export_buttons = {fmt: _button(f"export-{fmt}", EXPORT_LABELS[fmt], icon="download") for fmt in SUFFIXES}
        self.export_result = widgets.HTML()
        self.export_result.add_class("export-result")

        for w in (self.kind_filter, self.tag_filter, self.section_filter, self.search_input):
            w.observe(lambda _: self.show(), names="value")
        self.selector.observe(lambda change: self._fill_form(change["new"]), names="value")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.save_button.on_click(lambda _: self.save_edit())
        self.delete_button.on_click(lambda _: self.delete())
        self.undo_button.on_click(lambda _: self.undo())
        self.reload_button.on_click(lambda _: self.reload())
        self.keep_both_button.on_click(lambda _: self.keep_both())
        for fmt, button in self.export_buttons.items():
            button.on_click(lambda _, fmt=fmt: self.export(fmt))

        filters = widgets.HBox([self.kind_filter, self.tag_filter, self.section_filter])
        edit = widgets.VBox(
            [
                widgets.HTML("<b>编辑所选批注</b>"),
                self.selector,
                widgets.HBox([self.edit_kind, self.edit_tags]),
                self.edit_note,
                widgets.HBox([self.save_button, self.delete_button, self.undo_button]),
                self.status,
                widgets.HBox([self.reload_button, self.keep_both_button]),
            ]
        )
        export = widgets.VBox(
            [widgets.HTML("<b>导出</b>"), widgets.HBox(list(self.export_buttons.values())), self.export_result]
        )
        box = [filters, widgets.HBox([self.search_input, self.refresh_button]), self.results, edit, self.orphans]
        super().__init__([*box, export])
        self.add_class("annotation-list")
        self.refresh()
        self.follow_outbox(store)  # the 未发送 badges go when the outbox was sent (until closed)

    # --- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload from the store (e.g. after an annotator saved), keeping the filters where possible; while
        the class server is away, say so in the status line and keep what is shown."""
        try:
            self.frame = self.store.to_frame(self.doc)
        except StoreError as exc:
            self.status.value = R.message(self.store.notice or f"未能读取批注库：{exc}", "warn")
            return
        kinds_seen = [k for k in dict.fromkeys([*kinds(), *self.frame["kind"].dropna()]) if k]
        tags = sorted({t for ts in self.frame["tags"] for t in ts})
        titles = [(f"{s.index + 1}. {s.title}", str(s.index)) for s in self.doc.section_records]
        self._set_options(self.kind_filter, [("全部类型", ALL), ("（不分类）", NO_KIND)] + [(k, k) for k in kinds_seen])
        self._set_options(self.tag_filter, [("全部标签", ALL)] + [(t, t) for t in tags])
        self._set_options(self.section_filter, [("全部部分", ALL), *titles])
        self.show()
        self.status.value = sharing.outbox_status(self.store, self.status.value)  # the class server away, back

    @staticmethod
    def _set_options(dropdown: widgets.Dropdown, options: list[tuple[str, str]]) -> None:
        keep = dropdown.value
        dropdown.options = options
        dropdown.value = keep if keep in {v for _, v in options} else options[0][1]

    def filtered(self) -> pd.DataFrame:
        """The annotations that pass the filters (columns of :meth:`AnnotationStore.to_frame`)."""
        df = self.frame
        if df.empty:
            return df
        keep = pd.Series(True, index=df.index)
        kind, tag, section = self.kind_filter.value, self.tag_filter.value, self.section_filter.value
        if kind == NO_KIND:
            keep &= df["kind"].isna()
        elif kind not in (ALL, None):
            keep &= df["kind"] == kind
        if tag not in (ALL, None):
            keep &= df["tags"].map(lambda ts: tag in ts)
        if section not in (ALL, None):
            keep &= df["section"].astype("Int64").eq(int(section)).fillna(False).astype(bool)
        query = self.search_input.value.strip()
        if query:
            keep &= df["quote"].str.contains(query, regex=False) | df["note"].str.contains(query, regex=False)
        return df[keep]

    def show(self) -> None:
        """Redraw the list, the chooser and the orphans from :attr:`frame` and the filters."""
        rows = self.filtered()
        by_id = {a.id: a for a in self.store.annotations(self.doc)}
        placed = {p.annotation.id: p for p in self.store.anchored(self.doc)}
        ids = [i for i in rows["id"] if i in by_id]
        badges = sharing.badges(self.store, ids)
        shown = [b + annotation_html(by_id[i], placed.get(i)) for i, b in zip(ids, badges, strict=True)]
        cards = replies.with_threads(self.store, ids, shown)  # who sees each note (a class store), its thread
        head = f"共 {len(self.frame)} 条批注，显示 {len(rows)} 条。" if len(self.frame) else "还没有批注。"
        self.results.value = R.STYLE + R.message(head) + cards
        options = [
            (f"{n}. 「{R.truncate(r.quote, 24)}」 {r.kind or ''}", r.id) for n, r in enumerate(rows.itertuples(), 1)
        ]
        keep = self.selector.value
        self.selector.options = options or [("（没有可编辑的批注）", "")]
        self.selector.value = keep if keep in set(rows["id"] if len(rows) else []) else self.selector.options[0][1]
        self._fill_form(self.selector.value)
        orphans = self.frame[self.frame["status"] == "orphan"] if len(self.frame) else self.frame
        self.orphans.value = (
            R.message(f"孤立批注 {len(orphans)} 条：原文已改动，找不到它们的位置；它们被保留，可以编辑或删除。", "warn")
            + "".join(annotation_html(by_id[i], placed.get(i)) for i in orphans["id"] if i in by_id)
            if len(orphans)
            else ""
        )

    def _fill_form(self, annotation_id: str | None) -> None:
        ann = self.store.get(annotation_id) if annotation_id else None
        self._based_on = ann
        self._show_conflict(False)
        options = list(self._kind_options)
        if ann and ann.kind and ann.kind not in kinds():  # kept as it is, shown as such
            options.append((f"{ann.kind}（未知类型）", ann.kind))
        self.edit_kind.options = options
        self.edit_kind.value = (ann.kind or "") if ann else ""
        self.edit_tags.value = ", ".join(ann.tags) if ann else ""
        self.edit_note.value = ann.note if ann else ""
        for w in (self.save_button, self.delete_button):
            w.disabled = ann is None

    def _show_conflict(self, shown: bool) -> None:
        for w in (self.reload_button, self.keep_both_button):
            w.layout.display = None if shown else "none"

    # --- changing ------------------------------------------------------------------------------
    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after each edit, delete or undo (e.g. to refresh an annotator)."""
        self._callbacks.append(callback)

    def _changed(self, text: str) -> None:
        self.undo_button.disabled = not self._undo
        self.refresh()
        self.status.value = R.message(self.store.notice, "warn") if self.store.notice else R.message(text, "ok")
        for callback in self._callbacks:
            callback()

    def _stale(self, exc: StaleEditError, what: str) -> None:
        self._show_conflict(True)
        self.status.value = stale_message(exc, what)

    def save_edit(self) -> None:
        """Save the form's kind, tags and note to the chosen annotation, unless it changed meanwhile."""
        aid = self.selector.value
        if not aid:
            return
        old = self._based_on if self._based_on and self._based_on.id == aid else self.store.get(aid)
        try:
            new = self.store.update(
                aid, kind=self.edit_kind.value or None, tags=parse_tags(self.edit_tags.value),
                note=self.edit_note.value, expected=old.updated,
            )  # fmt: skip
        except StaleEditError as exc:
            self._stale(exc, "保存")
            return
        except (ValueError, StoreError) as exc:
            self.status.value = R.message(f"未保存：{exc}", "error")
            return
        if new is not old and new.updated != old.updated:
            self._undo.push("update", aid, old, new)
        self._changed(f"已修改：「{R.truncate(old.exact, 24)}」")

    def reload(self) -> None:
        """Show the stored version of the chosen annotation (after a refused save)."""
        self.refresh()
        self._fill_form(self.selector.value)
        self.status.value = R.message("已重新载入最新版本。", "ok")

    def keep_both(self) -> None:
        """Keep the other version and save the form as a new annotation on the same passage."""
        aid = self.selector.value
        if not aid:
            return
        try:
            copy = self.store.add_copy(
                aid, kind=self.edit_kind.value or None, tags=parse_tags(self.edit_tags.value), note=self.edit_note.value
            )
        except (ValueError, StoreError) as exc:
            self.status.value = R.message(f"未保存：{exc}", "error")
            return
        self._undo.push("copy", copy.id, None, copy)
        self._changed(f"两者都已保留：你的修改另存为新批注「{R.truncate(copy.exact, 24)}」")

    def delete(self) -> None:
        """Delete the chosen annotation (soft: 撤销 brings it back), unless it changed meanwhile."""
        aid = self.selector.value
        if not aid:
            return
        old = self._based_on if self._based_on and self._based_on.id == aid else self.store.get(aid)
        try:
            new = self.store.delete(aid, expected=old.updated)
        except StaleEditError as exc:
            self._stale(exc, "删除")
            return
        self._undo.push("delete", aid, old, new)
        self._changed(f"已删除：「{R.truncate(old.exact, 24)}」。点「撤销」可恢复。")

    def undo(self) -> None:
        """Undo the last edit, delete or copy made here (refused, and kept, if the note changed since)."""
        if not self._undo:
            return
        try:
            action, aid, ann = self._undo.undo()
        except StaleEditError as exc:
            self._stale(exc, "撤销")
            return
        self._changed(f"已撤销{NAMES[action]}：「{R.truncate(ann.exact, 24)}」")
        if aid in set(self.filtered()["id"]):
            self.selector.value = aid

    # --- exporting -----------------------------------------------------------------------------
    def export(self, fmt: str) -> Path:
        """Write the document's annotations as ``markdown``, ``csv`` or ``jsonld``; show path and link."""
        self.export_dir.mkdir(parents=True, exist_ok=True)
        path = self.export_dir / f"{EXPORT_NAMES[fmt]}{SUFFIXES[fmt]}"
        # replaces this button's own earlier export, never the store (or any SQLite file) or the document
        write_export(
            export_annotations(self.store, self.doc, fmt), path, fmt, force=True,
            stores=[self.store.path], inputs=[self.doc.path],
        )  # fmt: skip
        link = R.download_link(path, label=f"下载 {path.name}", mime=MIMES[fmt])
        where = f"<code>{R.esc(R.shown_path(path))}</code> {link}"
        self.export_result.value = f'<div class="edu-msg edu-msg-ok">已导出 {len(self.frame)} 条批注到 {where}</div>'
        return path
