"""比较报告的图表（altair）。Charts for the comparison DataFrames; only ui/ imports altair.

Each function takes the DataFrame of an analysis module and returns an ``altair.Chart`` (rendered by the
browser, so Chinese uses the reader's fonts). Not yet covered by tests: the notebook integration will.
"""

from __future__ import annotations

import altair as alt
import pandas as pd


def keyness_chart(df: pd.DataFrame, n: int = 15) -> alt.Chart:
    """Bar chart of log ratio for the top ``n`` positive and negative keywords (:mod:`.analysis.keyness`)."""
    top = pd.concat([df[df["direction"] == d].head(n) for d in ("positive", "negative")])
    return (
        alt.Chart(top)
        .mark_bar()
        .encode(
            x=alt.X("log_ratio:Q", title="对数比 log ratio"),
            y=alt.Y("word:N", sort="-x", title=None),
            color=alt.Color("direction:N", title="方向", scale=alt.Scale(domain=["positive", "negative"])),
            tooltip=["word", "count_a", "count_b", alt.Tooltip("g2:Q", format=".2f"), alt.Tooltip("p:Q", format=".3f")],
        )
        .properties(title="关键词（G² 筛选，按对数比）")
    )


def trend_chart(df: pd.DataFrame) -> alt.Chart:
    """Line chart of frequency per 10,000 characters by year (:func:`.analysis.novelty.trend`)."""
    return (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="年份"),
            y=alt.Y("per_10k:Q", title="每万字出现次数"),
            color=alt.Color("term:N", title="提法"),
            tooltip=["term", "year", "count", "n_chars", alt.Tooltip("per_10k:Q", format=".2f")],
        )
        .properties(title="提法趋势")
    )


def cooccurrence_heatmap(df: pd.DataFrame, measure: str = "pmi") -> alt.Chart:
    """Heat map of a co-occurrence table (:func:`.analysis.cooccur.cooccurrence`), both triangles drawn."""
    both = pd.concat([df, df.rename(columns={"term_a": "term_b", "term_b": "term_a"})])
    return (
        alt.Chart(both)
        .mark_rect()
        .encode(
            x=alt.X("term_a:N", title=None),
            y=alt.Y("term_b:N", title=None),
            color=alt.Color(f"{measure}:Q", title=measure.upper()),
            tooltip=[
                "term_a",
                "term_b",
                "n_ab",
                alt.Tooltip("pmi:Q", format=".2f"),
                alt.Tooltip("dice:Q", format=".2f"),
            ],
        )
        .properties(title="共现")
    )
