"""转义与高亮：全包唯一的一套。The one escaping and span-highlighting kit of the package.

Every user-written or document string that ends up in HTML or Markdown goes through this module,
whatever layer writes it (teaching handouts, annotation cards and notes, widgets, the CLI):

* :func:`esc` — text safe inside HTML elements and quoted attributes;
* :func:`md_text` / :func:`md_block` — text safe in Markdown (one line of literal text / a note that
  keeps its line breaks);
* :func:`segments` — the one sweep that cuts a stretch of text at span boundaries and says which
  spans cover each piece; :func:`highlight_layers`, :func:`bracket` and the annotators' runs are
  renderings of it.

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> highlight("教育强国建设", [(0, 2)], cls="hit")
    '<mark class="hit">教育</mark>强国建设'
"""

from __future__ import annotations

import base64
import heapq
import html
import itertools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_SHORT_COLOR = re.compile(r"#[0-9A-Fa-f]{3}")
_CSS_CLASS = re.compile(r"[A-Za-z][\w-]*")
# Markdown 的特殊字符：反斜杠、代码、强调、链接与图片的括号、标题、表格、删除线
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
# what can start a link or an image in a note: its brackets, and a backslash that would cancel our escape
_MD_LINK = re.compile(r"([\\\[\]])")
# what renderers turn into a link by themselves: a URL scheme (``javascript:``, ``https://``) and ``www.``
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(:)|(?<![A-Za-z0-9])((?i:www))(\.)")
#: Colour for anything whose colour is unknown or not of the form ``#RRGGBB``.
NEUTRAL = "#B0B0B0"


def _text(value: object) -> str:
    """``value`` as text; ``None`` and pandas' ``NA`` are empty."""
    return "" if value is None or type(value).__name__ == "NAType" else str(value)


def esc(value: object) -> str:
    """``value`` as text safe inside HTML elements and quoted attributes (``None`` → ``""``)."""
    return html.escape(_text(value), quote=True)


def _entities(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _no_autolink(text: str) -> str:
    """``\\:`` after a scheme and ``www\\.``: shown the same, but no renderer makes a link of them."""
    return _AUTOLINK.sub(lambda m: "\\:" if m.group(1) else f"{m.group(2)}\\.", text)


def md_block(value: object) -> str:
    """A note for Markdown that can never become a link, an image or HTML; its other Markdown stays.

    ``& < >`` become entities (no HTML, no ``<…>`` autolink), ``[ ] \\`` are escaped (no link, image or
    reference definition), and a URL scheme's colon and ``www.`` are escaped (no bare-URL autolink).
    Emphasis, lists and line breaks are kept.

    >>> md_block("<img src=x onerror=alert(1)> & 好")
    '&lt;img src=x onerror=alert(1)&gt; &amp; 好'
    >>> print(md_block("**要点** [x](javascript:alert(1))"))
    **要点** \\[x\\](javascript\\:alert(1))
    """
    return _no_autolink(_MD_LINK.sub(r"\\\1", _entities(_text(value))))


def md_text(value: object) -> str:
    """Literal text on one line of Markdown: HTML and Markdown specials escaped, lines joined; like
    :func:`md_block` it can never form a link, an image or HTML.

    >>> md_text("*重点* <b>")
    '\\\\*重点\\\\* &lt;b&gt;'
    """
    return _no_autolink(_MD_SPECIAL.sub(r"\\\1", _entities(" ".join(_text(value).split()))))


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


def truncate(text: object, n: int = 40) -> str:
    """``text`` cut to ``n`` characters with an ellipsis (not escaped: escape where it is used).

    >>> truncate("加快建设高质量教育体系", 6)
    '加快建设高…'
    """
    text = _text(text).replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


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


def segments(
    start: int, end: int, spans: Iterable[tuple[int, int, T]], *, cuts: Iterable[int] = ()
) -> list[tuple[int, int, tuple[T, ...]]]:
    """Cut ``[start, end)`` at every span boundary: ``(a, b, payloads of the spans covering it)``.

    One sweep over the sorted boundaries (n log n); payloads come in the order the spans were given,
    so a later span is drawn on top. Spans are clipped to ``[start, end)``; ``cuts`` adds boundaries
    of its own (e.g. a pending selection).

    >>> segments(0, 6, [(1, 4, "a"), (3, 5, "b")])
    [(0, 1, ()), (1, 3, ('a',)), (3, 4, ('a', 'b')), (4, 5, ('b',)), (5, 6, ())]
    """
    clipped = [(max(s, start), min(e, end), k, p) for k, (s, e, p) in enumerate(spans)]
    clipped = [c for c in clipped if c[0] < c[1]]
    points = sorted({start, end, *(c[0] for c in clipped), *(c[1] for c in clipped)})
    points = sorted({*points, *(c for c in cuts if start < c < end)})
    by_start = sorted(clipped)
    active: dict[int, T] = {}
    ends: list[tuple[int, int]] = []
    out: list[tuple[int, int, tuple[T, ...]]] = []
    i = 0
    for a, b in itertools.pairwise(points):
        while i < len(by_start) and by_start[i][0] <= a:
            _, e, k, p = by_start[i]
            active[k] = p
            heapq.heappush(ends, (e, k))
            i += 1
        while ends and ends[0][0] <= a:
            active.pop(heapq.heappop(ends)[1], None)
        out.append((a, b, tuple(active[k] for k in sorted(active))))
    return out


def highlight_layers(text: str, layers: dict[str, Iterable[tuple[int, int]]], *, base: int = 0) -> str:
    """``text`` escaped, with ``<mark>`` around every stretch covered by one or more layers of spans.

    A stretch gets the CSS classes of all the layers covering it, in the order of ``layers``, e.g. a
    query hit inside a topic keyword is ``<mark class="match term">``.

    >>> highlight_layers("a<b>c", {"match": [(1, 4)], "term": [(3, 5)]})
    'a<mark class="match">&lt;b</mark><mark class="match term">&gt;</mark><mark class="term">c</mark>'
    """
    spans = [
        (s - base, e - base, name)
        for name, group in ((css_class(n), g) for n, g in layers.items())
        if name
        for s, e in merge_spans(group)
    ]
    out = []
    for a, b, names in segments(0, len(text), spans):
        piece = esc(text[a:b])
        out.append(f'<mark class="{" ".join(dict.fromkeys(names))}">{piece}</mark>' if names else piece)
    return "".join(out)


def highlight(text: str, spans: Iterable[tuple[int, int]], *, base: int = 0, cls: str = "match") -> str:
    """``text`` escaped, each span (document offsets, ``base`` = offset of ``text[0]``) in ``<mark>``."""
    return highlight_layers(text, {cls: spans}, base=base)


def bracket(text: str, offset: int, spans: Iterable[tuple[int, int]], left: str = "【", right: str = "】") -> str:
    """Plain text (for a terminal) with each span wrapped; overlapping spans are merged first.

    >>> bracket("加快建设教育强国", 10, [(14, 16), (15, 18)])
    '加快建设【教育强国】'
    """
    out = []
    for a, b, covered in segments(0, len(text), [(s - offset, e - offset, 1) for s, e in merge_spans(spans)]):
        out.append(f"{left}{text[a:b]}{right}" if covered else text[a:b])
    return "".join(out)


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


def table(rows: Sequence[Sequence[Any]], header: Sequence[Any], *, cls: str = "edu-table") -> str:
    """A plain HTML table; every cell escaped."""
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{esc(cls)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
