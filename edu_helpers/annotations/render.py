"""批注的 HTML 片段。Escaped HTML snippets of annotations, for notebooks and widgets.

Every user-supplied string (note, tags, kind, author, quote, ids) passes through
:func:`edu_helpers.markup.esc`; colours come only from the validated kinds file. A note is shown as text
(``white-space: pre-wrap``), never interpreted as HTML.
"""

from __future__ import annotations

from collections.abc import Iterable

from edu_helpers.annotations.anchor import Placed
from edu_helpers.annotations.model import Annotation, kind_color
from edu_helpers.markup import esc, segments

_STATUS_LABEL = {"anchored": "", "moved": "位置已变动", "fuzzy": "近似定位", "orphan": "未能定位"}


def kind_badge_html(kind: str | None) -> str:
    """A small coloured label for a kind (empty string for no kind).

    >>> kind_badge_html("<b>")
    '<span class="edu-kind" style="background:#B0B0B0">&lt;b&gt;</span>'
    """
    if not kind:
        return ""
    return f'<span class="edu-kind" style="background:{kind_color(kind)}">{esc(kind)}</span>'


def annotation_html(annotation: Annotation, placed: Placed | None = None) -> str:
    """One annotation as a card: kind, tags, author, quote and note, all escaped."""
    a = annotation
    status = _STATUS_LABEL.get(placed.status, "") if placed is not None else ""
    head = [kind_badge_html(a.kind)]
    head += [f'<span class="edu-tag">#{esc(t)}</span>' for t in a.tags]
    if a.author:
        head.append(f'<span class="edu-author">{esc(a.author)}</span>')
    if status:
        head.append(f'<span class="edu-status">{esc(status)}</span>')
    note = f'<div class="edu-note" style="white-space:pre-wrap">{esc(a.note)}</div>' if a.note else ""
    return (
        f'<div class="edu-annotation" data-id="{esc(a.id)}" style="border-left:4px solid {kind_color(a.kind)};'
        f'padding:2px 8px;margin:4px 0">'
        f'<div class="edu-meta">{" ".join(h for h in head if h)}</div>'
        f'<blockquote class="edu-quote" style="margin:2px 0">{esc(a.exact)}</blockquote>{note}</div>'
    )


def annotations_html(items: Iterable[Annotation | Placed]) -> str:
    """Several annotations (or placed annotations) as a list of cards."""
    cards = [annotation_html(i.annotation, i) if isinstance(i, Placed) else annotation_html(i) for i in items]
    return f'<div class="edu-annotations">{"".join(cards)}</div>'


def highlight_html(text: str, spans: Iterable[tuple[int, int, str | None, str]], *, offset: int = 0) -> str:
    """``text`` escaped, with ``<mark>`` around annotated spans (overlaps allowed).

    Args:
        text: a stretch of the document, e.g. one paragraph.
        spans: ``(start, end, kind, annotation_id)`` in document offsets.
        offset: the document offset of ``text[0]``.

    >>> highlight_html("a<b>c", [(1, 4, None, "x")])
    'a<mark class="edu-mark" style="background:#B0B0B066" data-ids="x">&lt;b&gt;</mark>c'
    """
    out = []
    for a, b, active in segments(0, len(text), [(s - offset, e - offset, (k, i)) for s, e, k, i in spans]):
        piece = esc(text[a:b])
        if not active:
            out.append(piece)
            continue
        ids = " ".join(esc(i) for _, i in active)
        color = kind_color(active[-1][0])
        out.append(f'<mark class="edu-mark" style="background:{color}66" data-ids="{ids}">{piece}</mark>')
    return "".join(out)


# Jupyter shows an Annotation as its card; set here so that the record module needs no HTML.
Annotation._repr_html_ = annotation_html  # type: ignore[attr-defined]
