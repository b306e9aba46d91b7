"""谁能看到这条批注。Who sees an annotation on a class server: the chooser in the annotator, the badge in the workbench.

On a class store (:class:`~edu_helpers.annotations.postgres.PostgresBackend` with a class) a student
chooses for each annotation 仅自己 (``private``), 老师可见 (``teacher``, the default) or 全班可见
(``class``); the database's policies enforce it. On a personal store there is nothing to choose
(:func:`visibility_select` gives ``None``) and no badge.

CSS classes: ``visibility-select`` (Dropdown), ``edu-visibility`` (the badge).
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as widgets

from edu_helpers.annotations import AnnotationStore
from edu_helpers.markup import esc

LABELS = {"private": "仅自己", "teacher": "老师可见", "class": "全班可见"}


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
    found = store.backend.visibilities()
    return [
        f'<span class="edu-visibility" data-visibility="{esc(found[i])}">{esc(LABELS.get(found[i], found[i]))}</span>'
        if i in found
        else ""
        for i in ids
    ]
