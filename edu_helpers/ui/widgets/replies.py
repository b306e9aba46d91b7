"""批注下的回复（讨论串）。The thread of replies shown under an annotation in the annotator and workbench.

:func:`thread_html` renders the replies to one annotation (escaped, oldest first); :func:`with_threads`
appends each card's thread to the HTML of the cards. Empty for a store without replies.

CSS classes: ``edu-thread`` (the thread under a card), ``edu-reply`` (one reply), ``edu-reply-meta``.
"""

from __future__ import annotations

from collections.abc import Iterable

from edu_helpers.annotations import AnnotationStore
from edu_helpers.annotations.model import Reply
from edu_helpers.annotations.threads import by_target
from edu_helpers.markup import esc

STYLE = (
    "<style>.edu-thread{margin:-.3em 0 .8em 1.6em;border-left:3px solid #9bb7d4;padding-left:.6em}"
    ".edu-reply{margin:.25em 0}.edu-reply-meta{color:#555;font-size:.85em}</style>"
)


def thread_html(replies: Iterable[Reply]) -> str:
    """The replies to one annotation as HTML (``""`` when there are none)."""
    items = [
        f'<div class="edu-reply"><div class="edu-reply-meta">回复 · {esc(r.author or "匿名")} · '
        f"{esc(r.created[:16].replace('T', ' '))}</div><div>{esc(r.body)}</div></div>"
        for r in replies
        if not r.deleted
    ]
    return f'<div class="edu-thread">{"".join(items)}</div>' if items else ""


def threads_by_id(store: AnnotationStore) -> dict[str, list[Reply]]:
    """Every live reply of the store, grouped by annotation id."""
    return by_target(store.replies())


def with_threads(store: AnnotationStore, ids: Iterable[str], cards: Iterable[str]) -> str:
    """The cards (HTML, one per id, in order), each followed by its thread."""
    threads = threads_by_id(store)
    html = "".join(card + thread_html(threads.get(i, [])) for i, card in zip(ids, cards, strict=True))
    return (STYLE + html) if threads else html
