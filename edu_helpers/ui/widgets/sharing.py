"""谁能看到这条批注。Who sees an annotation on a class server: the chooser in the annotator, the badge in the workbench.

On a class store (:class:`~edu_helpers.annotations.postgres.PostgresBackend` with a class) a student
chooses for each annotation 仅自己 (``private``), 老师可见 (``teacher``, the default) or 全班可见
(``class``); the database's policies enforce it. On a personal store there is nothing to choose
(:func:`visibility_select` gives ``None``) and no badge. While the server is away, a note kept in the
local outbox has the badge 未发送 until it is sent, and :func:`outbox_status` is the status line;
widgets that show the badge redraw when it was sent (:class:`FollowsOutbox`, until they are closed).

CSS classes: ``visibility-select`` (Dropdown), ``edu-visibility`` (the badge), ``edu-unsent`` (未发送).
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as widgets

from edu_helpers.annotations import AnnotationStore
from edu_helpers.markup import esc
from edu_helpers.ui import html as R

LABELS = {"private": "仅自己", "teacher": "老师可见", "class": "全班可见"}
SENT = "班级服务器已恢复：本机暂存的批注已发送。"
UNSENT_BADGE = '<span class="edu-unsent" title="保存在本机，服务器恢复后自动发送">未发送</span>'


class FollowsOutbox:
    """Mixin of a widget that redraws (its ``refresh``) when notes kept locally were sent to the class
    server; closing the widget stops that, so the store neither redraws nor keeps alive a closed widget."""

    def follow_outbox(self, store: AnnotationStore) -> None:
        """Redraw when ``store``'s outbox was sent or its server came back."""
        self._followed = (store, self.refresh)
        store.on_sent(self._followed[1])

    def close(self) -> None:
        """Stop following the outbox, then close the widget."""
        followed, self._followed = getattr(self, "_followed", None), None
        if followed is not None:
            followed[0].off_sent(followed[1])
        super().close()


def is_class_store(store: AnnotationStore) -> bool:
    """Whether the store is a class on a class server (so visibility means something)."""
    return bool(getattr(store.backend, "class_id", "")) and hasattr(store.backend, "visibilities")


def visibility_select(store: AnnotationStore) -> widgets.Dropdown | None:
    """The 可见范围 chooser (default: the class's default, normally 老师可见), or ``None`` off a class store."""
    if not is_class_store(store):
        return None
    default = getattr(store.backend, "default_visibility", "teacher")
    select = widgets.Dropdown(
        options=[(label, key) for key, label in LABELS.items()],
        value=default if default in LABELS else "teacher",
        description="可见",
        tooltip="谁能看到这条批注：仅自己、老师，或全班同学",
    )
    select.add_class("visibility-select")
    select.style.description_width = "3em"
    select.layout = widgets.Layout(width="12em")
    return select


def badges(store: AnnotationStore, ids: Iterable[str]) -> list[str]:
    """One badge (HTML) per id saying who sees it; ``""`` each off a class store."""
    ids = list(ids)
    if not is_class_store(store):
        return ["" for _ in ids]
    found, unsent = store.backend.visibilities(), store.unsent()
    return [(_badge(found[i]) if i in found else "") + (UNSENT_BADGE if i in unsent else "") for i in ids]


def _badge(visibility: str) -> str:
    label = LABELS.get(visibility, visibility)
    return f'<span class="edu-visibility" data-visibility="{esc(visibility)}">{esc(label)}</span>'


def outbox_status(store: AnnotationStore, shown: str) -> str:
    """The status line to show: the store's notice while the class server is away or notes wait; once all
    was sent, :data:`SENT` in place of an earlier notice; else ``shown`` as it is."""
    if store.notice:
        return R.message(store.notice, "warn")
    return R.message(SENT, "ok") if "服务器暂时连不上" in shown else shown
