"""图表（altair）：各部分篇幅、主题 × 部分热力图、词频。Charts, drawn by the reader's browser.

Each function returns an ``altair.Chart`` (so it can be adjusted further and tested with
``chart.to_dict()``). The labels are Chinese and rendered by the browser, so they use the reader's
fonts; y axes carry no title, since vega turns it sideways, which Chinese does not read well.

Offline display: altair 6's default renderer loads vega from a CDN, and JupyterLab 4 and Voilà
render Vega-Lite only up to v5 by themselves. :func:`use_offline_renderer` registers and enables a
renderer that hands the (v5-compatible) spec to that built-in renderer, so nothing is downloaded.
The bundle also carries a 1×1 PNG (see :data:`PNG_MARKER`) so that Voilà shows no "e.setData is not
a function" error, asks for SVG (real ``<text>``: crisp Chinese) and the :func:`edu_theme` gives every
label at least :data:`LABEL_PX` px, readable on a projector.
"""

from __future__ import annotations

import sys

import pandas as pd

from edu_helpers.analysis.search import topic_table
from edu_helpers.analysis.topics import Taxonomy, load_taxonomy
from edu_helpers.text.document import Document

# jsonschema (imported by altair) imports rfc3987_syntax when it is installed (jupyter_server's
# jsonschema[format-nongpl] brings it), which builds a Lark grammar at import: ~2 s of altair's ~2.6 s.
# altair never checks the "iri" format it serves, so the module is hidden while jsonschema is first
# imported (None in sys.modules: ImportError, which jsonschema skips), then put back for later importers.
_hidden = "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules
if _hidden:
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
try:
    import altair as alt
finally:
    if _hidden:
        del sys.modules["rfc3987_syntax"]


#: The mimetype JupyterLab 4.x and Voilà 0.5 render with their bundled vega (no network).
VEGALITE_V5 = "application/vnd.vegalite.v5+json"
V5_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
RENDERER = "edu_offline"
THEME = "edu"
FONT = "sans-serif"
#: Smallest label size (px), readable from the back of a classroom; titles a little larger.
LABEL_PX = 14
TITLE_PX = 16
#: A 1×1 transparent PNG. @jupyterlab/vega5-extension (in Lab and in Voilà's bundle) draws the chart and then,
#: when the bundle has no ``image/png``, renders one and calls ``model.setData`` to store it. Voilà 0.5 hands
#: the renderer the raw output dict, which has no ``setData``: "Javascript Error: e.setData is not a function".
#: With a PNG present the renderer returns right after drawing, in both front ends. Vega-Lite ranks above
#: image/png in both, so this PNG is never what is shown.
PNG_MARKER = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
#: vega-embed options: SVG (real <text>: crisp, selectable Chinese); no link to the online editor.
EMBED_OPTIONS = {"renderer": "svg", "actions": {"export": True, "source": False, "compiled": False, "editor": False}}


def offline_renderer(spec: dict, **metadata) -> tuple[dict, dict]:
    """An altair renderer: the spec as Vega-Lite v5 JSON for the front end's own vega renderer.

    Returns:
        ``(bundle, metadata)``: the Vega-Lite spec, the PNG marker and a text fallback; the embed options.
    """
    spec = {**spec, "$schema": V5_SCHEMA}
    bundle = {
        VEGALITE_V5: spec,
        "image/png": PNG_MARKER,
        "text/plain": "<图表：请在 JupyterLab 或 Voilà 中查看 / chart>",
    }
    return bundle, {VEGALITE_V5: {"embed_options": EMBED_OPTIONS}}


def edu_theme() -> dict:
    """Label and title sizes of every chart (altair merges a chart's own ``configure_*`` over it)."""
    axis = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": LABEL_PX, "titleFontSize": LABEL_PX}
    return {
        "config": {
            "axis": axis,
            "legend": {"labelFontSize": LABEL_PX, "titleFontSize": LABEL_PX, "labelFont": FONT, "titleFont": FONT},
            "title": {"fontSize": TITLE_PX, "font": FONT},
            "text": {"fontSize": LABEL_PX, "font": FONT},
        }
    }


def use_offline_renderer() -> None:
    """Register and enable :func:`offline_renderer` and :func:`edu_theme` for every chart of this kernel."""
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, offline_renderer)
    alt.renderers.enable(RENDERER)
    if THEME not in alt.theme.names():
        alt.theme.register(THEME, enable=False)(edu_theme)
    alt.theme.enable(THEME)


def section_lengths(doc: Document) -> alt.Chart:
    """Characters per section as bars, with paragraphs and numbered items in the tooltip."""
    df = doc.sections[["section", "title", "n_paragraphs", "n_items", "n_chars"]].copy()
    df["label"] = [f"{i + 1}. {t}" for i, t in zip(df["section"], df["title"], strict=True)]
    order = list(df["label"])
    bars = (
        alt.Chart(df)
        .mark_bar(color="#4A90D9")
        .encode(
            y=alt.Y("label:N", sort=order, title=None),
            x=alt.X("n_chars:Q", title="字数"),
            tooltip=[
                alt.Tooltip("label:N", title="部分"),
                alt.Tooltip("n_chars:Q", title="字数"),
                alt.Tooltip("n_paragraphs:Q", title="段落"),
                alt.Tooltip("n_items:Q", title="编号条目"),
            ],
        )
    )
    text = bars.mark_text(align="left", dx=3, color="#333", fontSize=LABEL_PX).encode(text="n_chars:Q")
    return (bars + text).properties(title="各部分篇幅（字数）", width=420).configure_axis(labelFont=FONT)


def topic_heatmap(doc: Document, taxonomy: Taxonomy | None = None) -> alt.Chart:
    """Topic × section heat map: how many paragraphs of each section carry each topic."""
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    df = topic_table(doc, long=True, taxonomy=taxonomy)
    df["label"] = [f"{i + 1}. {t}" for i, t in zip(df["section"], df["section_title"], strict=True)]
    sections = list(dict.fromkeys(df["label"]))
    top = int(df["count"].max()) if len(df) else 0
    ticks = list(range(top + 1)) if top <= 8 else None  # whole numbers only: counts of paragraphs
    base = alt.Chart(df).encode(
        x=alt.X("label:N", sort=sections, title="部分", axis=alt.Axis(labelAngle=-30)),
        y=alt.Y("topic:N", sort=taxonomy.names, title=None),
    )
    cells = base.mark_rect(stroke="#fff").encode(
        color=alt.Color(
            "count:Q", title="段落数", scale=alt.Scale(scheme="blues"), legend=alt.Legend(format="d", values=ticks)
        ),
        tooltip=[
            alt.Tooltip("topic:N", title="主题"),
            alt.Tooltip("label:N", title="部分"),
            alt.Tooltip("count:Q", title="段落数"),
        ],
    )
    numbers = base.mark_text(fontSize=LABEL_PX).encode(
        text=alt.condition("datum.count > 0", alt.Text("count:Q"), alt.value("")),
        color=alt.condition("datum.count > 1", alt.value("white"), alt.value("#333")),
    )
    return (cells + numbers).properties(title="主题 × 部分（段落数）", width=360).configure_axis(labelFont=FONT)


def word_frequencies(doc: Document, n: int = 20, *, section: int | None = None) -> alt.Chart:
    """The ``n`` most frequent words (stopwords and boilerplate left out) as bars."""
    df = doc.frequencies(section=section).head(n)
    df = pd.DataFrame({"word": df["word"].astype(str), "count": df["count"].astype(int)})
    scope = "全文" if section is None else doc.section_records[section].title
    bars = (
        alt.Chart(df)
        .mark_bar(color="#5BB974")
        .encode(
            y=alt.Y("word:N", sort="-x", title=None),
            x=alt.X("count:Q", title="出现次数"),
            tooltip=[alt.Tooltip("word:N", title="词语"), alt.Tooltip("count:Q", title="次数")],
        )
    )
    return bars.properties(title=f"高频词（{scope}，前 {n} 个）", width=360).configure_axis(labelFont=FONT)
