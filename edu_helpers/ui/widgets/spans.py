"""选区与高亮：把鼠标选区对齐到词，把批注画成带偏移的 HTML。Selections and highlighted runs.

Two pure helpers behind the annotator:

* :func:`snap` widens a ``[start, end)`` selection to whole words (jieba tokens of ``doc.tokens``),
  trimming white space, so a sloppy mouse drag still quotes whole words;
* :func:`annotated_html` renders passages as runs of escaped text, each a
  ``<span class="annotator-run" data-start="…" data-end="…">`` whose offsets point into
  ``doc.text``. The browser maps a DOM selection back to offsets through these attributes.
  Runs covered by annotations also carry ``annotator-mark``, ``data-ids`` and their kind's colour;
  runs of a note kept in the local outbox (a class server away) also ``annotator-unsent`` and
  ``data-unsent`` (its ids), and the tooltip says 未发送.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from edu_helpers.analysis.tokens import snap_to_tokens
from edu_helpers.annotations.model import kind_color
from edu_helpers.markup import color, esc, segments, truncate
from edu_helpers.text.document import Document


def snap(doc: Document, start: int, end: int) -> tuple[int, int]:
    """A mouse selection snapped to whole words: :func:`edu_helpers.analysis.tokens.snap_to_tokens`."""
    return snap_to_tokens(doc, start, end)


@dataclass(frozen=True)
class Mark:
    """An annotation as drawn: its id, current ``[start, end)``, kind, a tooltip text, and whether it
    is still ``unsent`` (kept locally until the class server is back)."""

    id: str
    start: int
    end: int
    kind: str | None = None
    label: str = ""
    unsent: bool = False


UNSENT = "未发送"


def _tooltip(marks: Sequence[Mark]) -> str:
    return "\n".join(
        (f"（{UNSENT}）" if m.unsent else "")
        + (f"{m.kind or '批注'}：{truncate(m.label, 60)}" if m.label else (m.kind or "批注"))
        for m in marks
    )


def run_html(doc: Document, start: int, end: int, over: Sequence[Mark], pending: tuple[int, int]) -> str:
    """One run of text: a span with its offsets, marked by the annotations covering it (``over``)."""
    classes = ["annotator-run"]
    attrs = f' data-start="{start}" data-end="{end}"'
    if over:
        top = over[-1]
        c = color(kind_color(top.kind))
        classes.append("annotator-mark")
        if len(over) > 1:
            classes.append("annotator-overlap")
        attrs += f' data-ids="{esc(" ".join(m.id for m in over))}" title="{esc(_tooltip(over))}"'
        under = color(kind_color(over[-2].kind)) if len(over) > 1 else c  # nested: both kinds stay visible
        attrs += f' style="background-color:{c}59;border-bottom-color:{under}"'
        if unsent := [m.id for m in over if m.unsent]:
            classes.append("annotator-unsent")
            attrs += f' data-unsent="{esc(" ".join(unsent))}"'
    if pending[0] <= start and end <= pending[1] and pending[1] > pending[0]:
        classes.append("annotator-pending")
    return f'<span class="{" ".join(classes)}"{attrs}>{esc(doc.text[start:end])}</span>'


def annotated_html(
    doc: Document,
    paragraph_ids: Iterable[str],
    marks: Iterable[Mark] = (),
    *,
    pending: tuple[int, int] = (0, 0),
    headings: dict[str, str] | None = None,
) -> str:
    """The passages as ``<p class="annotator-passage">`` of runs (see the module docstring).

    Args:
        doc: the document.
        paragraph_ids: the passages to show, in order.
        marks: annotations to highlight (their current offsets); later ones are drawn on top.
        pending: the current (snapped) selection, outlined until it is saved.
        headings: a heading to show before a paragraph, by paragraph id (e.g. section titles).
    """
    marks = sorted(marks, key=lambda m: (m.start, -m.end))
    out: list[str] = []
    for pid in paragraph_ids:
        para = doc.paragraph(pid)
        if headings and pid in headings:
            out.append(f'<div class="annotator-heading">{esc(headings[pid])}</div>')
        pieces = segments(para.start, para.end, [(m.start, m.end, m) for m in marks], cuts=pending)
        runs = "".join(run_html(doc, s, e, over, pending) for s, e, over in pieces)
        out.append(f'<p class="annotator-passage" data-pid="{esc(pid)}">{runs}</p>')
    return "".join(out)
