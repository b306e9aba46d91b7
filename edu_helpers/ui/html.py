"""转义的 HTML 小工具。Small HTML helpers for the widgets: every user-written string is escaped.

Nothing here trusts its input: passage text, notes, tags, quotes, kinds, titles and file paths all
go through :func:`esc` (``html.escape`` with quotes) before they reach an HTML string.

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> highlight("教育强国建设", [(0, 2)], cls="hit")
    '<mark class="hit">教育</mark>强国建设'
"""

from __future__ import annotations

import base64
import html
import itertools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_SHORT_COLOR = re.compile(r"#[0-9A-Fa-f]{3}")
_CSS_CLASS = re.compile(r"[A-Za-z][\w-]*")
#: Colour for anything whose colour is unknown or not of the form ``#RRGGBB``.
NEUTRAL = "#B0B0B0"


def esc(value: object) -> str:
    """``value`` as text safe inside HTML elements and quoted attributes (``None`` → ``""``)."""
    return "" if value is None else html.escape(str(value), quote=True)


def color(value: object) -> str:
    """A safe CSS colour as ``#RRGGBB`` (``#RGB`` is expanded); anything else gives :data:`NEUTRAL`.

    >>> color("#abc"), color("red;background:url(x)")
    ('#aabbcc', '#B0B0B0')
    """
    if isinstance(value, str) and _SHORT_COLOR.fullmatch(value):
        return "#" + "".join(c * 2 for c in value[1:])
    return value if isinstance(value, str) and _COLOR.fullmatch(value) else NEUTRAL


def css_class(value: str) -> str:
    """A safe CSS class name (letters, digits, ``_``, ``-``), else ``""``."""
    return value if _CSS_CLASS.fullmatch(value or "") else ""


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same characters; empty spans dropped.

    >>> merge_spans([(5, 8), (0, 2), (1, 3), (8, 9), (4, 4)])
    [(0, 3), (5, 9)]
    """
    out: list[tuple[int, int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans if int(e) > int(s)):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def highlight(text: str, spans: Iterable[tuple[int, int]], *, base: int = 0, cls: str = "match") -> str:
    """``text`` escaped, with each span wrapped in ``<mark class=cls>``.

    Args:
        text: the passage.
        spans: ``[start, end)`` offsets, relative to ``base`` (so document offsets work with
            ``base`` = the passage's start); spans outside the passage are clipped.
        base: the document offset of ``text[0]``.
        cls: CSS class of the marks.
    """
    return highlight_layers(text, {cls: spans}, base=base)


def highlight_layers(text: str, layers: dict[str, Iterable[tuple[int, int]]], *, base: int = 0) -> str:
    """``text`` escaped, with ``<mark>`` around every stretch covered by one or more layers of spans.

    A stretch gets the CSS classes of all the layers covering it, e.g. a query hit inside a topic
    keyword is ``<mark class="match term">``.

    >>> highlight_layers("a<b>c", {"match": [(1, 4)], "term": [(3, 5)]})
    'a<mark class="match">&lt;b</mark><mark class="match term">&gt;</mark><mark class="term">c</mark>'
    """
    clipped = {
        css_class(name): [(max(s - base, 0), min(e - base, len(text))) for s, e in merge_spans(spans)]
        for name, spans in layers.items()
    }
    cuts = sorted({0, len(text), *(p for spans in clipped.values() for sp in spans for p in sp if 0 < p < len(text))})
    out = []
    for a, b in itertools.pairwise(cuts):
        names = [n for n, spans in clipped.items() if n and any(s <= a and b <= e for s, e in spans)]
        piece = esc(text[a:b])
        out.append(f'<mark class="{" ".join(names)}">{piece}</mark>' if names else piece)
    return "".join(out)


def chip(label: object, colour: object = None, *, cls: str = "edu-chip") -> str:
    """A small rounded label (a topic, kind or tag) with an optional background colour."""
    style = f' style="background:{color(colour)}33;border-color:{color(colour)}"' if colour else ""
    return f'<span class="{esc(cls)}"{style}>{esc(label)}</span>'


def truncate(text: object, n: int = 40) -> str:
    """``text`` cut to ``n`` characters with an ellipsis (not escaped: escape where it is used).

    >>> truncate("加快建设高质量教育体系", 6)
    '加快建设高…'
    """
    text = "" if text is None else str(text).replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def message(text: object, level: str = "info") -> str:
    """A one-line status message (``info``, ``ok``, ``warn`` or ``error``), escaped."""
    level = level if level in {"info", "ok", "warn", "error"} else "info"
    return f'<div class="edu-msg edu-msg-{level}">{esc(text)}</div>'


def table(rows: Sequence[Sequence[object]], header: Sequence[object], *, cls: str = "edu-table") -> str:
    """A plain HTML table; every cell escaped."""
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{esc(cls)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def styled(df: pd.DataFrame, *, index: bool = False, precision: int = 3) -> Styler:
    """A DataFrame for reading: text left-aligned, short columns never squeezed to one character a line.

    Jupyter right-aligns table cells, which suits numbers but not Chinese sentences. The DataFrame
    itself is ``result.data``. Unlike ``DataFrame.to_html``, a Styler does not escape by default: every
    value and label is escaped here explicitly, since tables hold notes and tags people typed.

    Args:
        df: the table.
        index: show the index (e.g. when it is meaningful, like an item number).
        precision: decimals shown for floats.
    """
    cells = [("text-align", "left"), ("vertical-align", "top"), ("min-width", "3.5em")]
    styler = df.style.format(precision=precision, escape="html").format_index(escape="html", axis=0)
    styler = styler.format_index(escape="html", axis=1).set_table_styles(
        [{"selector": "td, th", "props": cells}, {"selector": "th", "props": [("white-space", "nowrap")]}]
    )
    return styler if index else styler.hide(axis="index")


def download_link(
    path: str | Path, *, label: str = "下载", mime: str = "text/plain", max_bytes: int = 5_000_000
) -> str:
    """A link that downloads the file from a ``data:`` URI (works offline, in Lab and in Voilà).

    Files larger than ``max_bytes`` get no link (their path is still shown by the caller).
    """
    path = Path(path)
    data = path.read_bytes()
    if len(data) > max_bytes:
        return ""
    uri = f"data:{esc(mime)};charset=utf-8;base64,{base64.b64encode(data).decode('ascii')}"
    return f'<a class="edu-download" download="{esc(path.name)}" href="{uri}">{esc(label)}</a>'


#: Shared styles for the HTML the widgets render (one ``<style>`` per output, scoped by class).
STYLE = """<style>
.edu-chip{display:inline-block;padding:0 .45em;margin:0 .25em .15em 0;border:1px solid #ccc;border-radius:.8em;
  font-size:.85em;line-height:1.5;white-space:nowrap}
.edu-msg{padding:.25em .5em;border-radius:4px;margin:.2em 0}
.edu-msg-ok{background:#e7f5ea;color:#1e6b34}.edu-msg-warn{background:#fff4dc;color:#7a5200}
.edu-msg-error{background:#fde8e6;color:#9b1c10}.edu-msg-info{color:#555}
.edu-passage{margin:.4em 0 .8em;padding:.5em .7em;border-left:3px solid #ddd;line-height:1.9;max-width:48em}
.edu-passage-meta{font-size:.85em;color:#666;margin-bottom:.2em}
.edu-passage mark.match{background:#ffe066;padding:0 1px}
.edu-passage mark.term{background:none;border-bottom:2px solid #4A90D9}
.edu-table{border-collapse:collapse;margin:.3em 0}.edu-table td,.edu-table th{border:1px solid #ddd;padding:.2em .5em;
  text-align:left;vertical-align:top}
.edu-note{margin:.5em 0;padding:.5em .7em;border-left:4px solid #ccc;background:#fafafa;line-height:1.7}
.edu-note-quote{font-weight:600}.edu-note-text{white-space:pre-wrap;margin-top:.2em}
.edu-note-meta{font-size:.85em;color:#666}.edu-orphan{background:#fff4dc}
.edu-section-text p{line-height:2;margin:.3em 0 .7em;text-indent:2em}
.edu-section-text p.edu-item{border-left:3px solid #4A90D9;padding-left:.6em}
.edu-prompts li{margin:.3em 0;line-height:1.8}
</style>"""
