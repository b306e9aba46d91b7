"""批注的 HTML 片段。Escaped HTML snippets of annotations, for notebooks and widgets.

Every user-supplied string (note, tags, kind, author, quote, ids) passes through
:func:`html.escape`; colours come only from the validated kinds file. A note is shown as text
(``white-space: pre-wrap``), never interpreted as HTML.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from html import escape

from edu_helpers.annotations.anchor import Placed
from edu_helpers.annotations.model import Annotation, kind_color

_STATUS_LABEL = {"anchored": "", "moved": "位置已变动", "fuzzy": "近似定位", "orphan": "未能定位"}


def kind_badge_html(kind: str | None) -> str:
    """A small coloured label for a kind (empty string for no kind).

    >>> kind_badge_html("<b>")
    '<span class="edu-kind" style="background:#B0B0B0">&lt;b&gt;</span>'
    """
    if not kind:
        return ""
    return f'<span class="edu-kind" style="background:{kind_color(kind)}">{escape(kind)}</span>'


def annotation_html(annotation: Annotation, placed: Placed | None = None) -> str:
    """One annotation as a card: kind, tags, author, quote and note, all escaped."""
    a = annotation
    status = _STATUS_LABEL.get(placed.status, "") if placed is not None else ""
    head = [kind_badge_html(a.kind)]
    head += [f'<span class="edu-tag">#{escape(t)}</span>' for t in a.tags]
    if a.author:
        head.append(f'<span class="edu-author">{escape(a.author)}</span>')
    if status:
        head.append(f'<span class="edu-status">{escape(status)}</span>')
    note = f'<div class="edu-note" style="white-space:pre-wrap">{escape(a.note)}</div>' if a.note else ""
    return (
        f'<div class="edu-annotation" data-id="{escape(a.id)}" style="border-left:4px solid {kind_color(a.kind)};'
        f'padding:2px 8px;margin:4px 0">'
        f'<div class="edu-meta">{" ".join(h for h in head if h)}</div>'
        f'<blockquote class="edu-quote" style="margin:2px 0">{escape(a.exact)}</blockquote>{note}</div>'
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
    spans = [(max(0, s - offset), min(len(text), e - offset), k, i) for s, e, k, i in spans]
    spans = [sp for sp in spans if sp[0] < sp[1]]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = escape(text[a:b])
        active = [sp for sp in spans if sp[0] <= a and b <= sp[1]]
        if not active:
            out.append(piece)
            continue
        ids = " ".join(escape(sp[3]) for sp in active)
        color = kind_color(active[-1][2])
        out.append(f'<mark class="edu-mark" style="background:{color}66" data-ids="{ids}">{piece}</mark>')
    return "".join(out)
