"""The passage explorer and the charts, without a browser: choose, type, read what is shown."""

from __future__ import annotations

import base64
import re

import pytest

from edu_helpers.analysis.search import filter_passages
from edu_helpers.ui.widgets import PassageExplorer
from edu_helpers.ui.widgets import charts as C
from edu_helpers.ui.widgets.explorer import ALL_SECTIONS, ALL_TOPICS


@pytest.fixture
def explorer(report):
    return PassageExplorer(report)


def shown(explorer: PassageExplorer) -> list[str]:
    return re.findall(r'class="edu-passage" data-id="([^"]+)"', explorer.results.value)


def test_everything_at_first(report, explorer):
    assert shown(explorer) == [p.id for p in report.paragraph_records]
    assert f"找到 {len(report.paragraph_records)} 段" in explorer.results.value


def test_a_topic_shows_only_its_passages(report, explorer):
    explorer.topic_select.value = "职业教育"
    expected = list(filter_passages(report, topics="职业教育")["id"])
    assert shown(explorer) == expected and expected
    assert all("职业教育" in topics for topics in explorer.frame["topics"])
    assert '<mark class="term">' in explorer.results.value  # the words that earned the topic


def test_section_and_query_combine(report, explorer):
    explorer.section_select.value = 3
    assert set(shown(explorer)) == set(report.section_records[3].paragraph_ids)
    explorer.query_input.value = "高校"
    assert shown(explorer) == ["p13"]
    assert '<mark class="match">高校</mark>' in explorer.results.value
    explorer.section_select.value = ALL_SECTIONS
    explorer.query_input.value = "职业教育 产教融合"  # every word must occur
    assert shown(explorer) == ["p12"]


def test_query_marks_inside_topic_terms(explorer):
    explorer.topic_select.value = "职业教育"
    explorer.query_input.value = "融合"
    assert re.search(r'<mark class="(term match|match term)">融合</mark>', explorer.results.value)


def test_nothing_found(explorer):
    explorer.query_input.value = "人工智能"
    assert shown(explorer) == [] and "没有符合条件的段落" in explorer.results.value
    explorer.query_input.value = ""
    explorer.topic_select.value = ALL_TOPICS
    assert shown(explorer)


def test_sentences(report, explorer):
    explorer.level_select.value = "sentence"
    explorer.query_input.value = "双减"
    assert shown(explorer) == ["p11-s02"] and "找到 1 句" in explorer.results.value


def test_a_query_is_escaped(explorer):
    explorer.query_input.value = "<script>alert(1)</script>"
    assert "<script>alert" not in explorer.results.value


def test_at_most_max_shown(report):
    few = PassageExplorer(report, max_shown=3)
    assert len(shown(few)) == 3 and "只显示前 3 段" in few.results.value


def test_css_classes(explorer):
    for cls, widget in {
        "explorer": explorer,
        "topic-select": explorer.topic_select,
        "section-select": explorer.section_select,
        "query-input": explorer.query_input,
        "explorer-results": explorer.results,
        "topic-results": explorer.results,
    }.items():
        assert cls in widget._dom_classes
    labels = [label for label, _ in explorer.topic_select.options]
    assert labels[0] == "全部主题" and "职业教育" in labels


# --- charts -------------------------------------------------------------------------------------------
def test_section_lengths_chart(report):
    spec = C.section_lengths(report).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert [v["n_chars"] for v in values] == list(report.sections["n_chars"])
    assert values[2]["label"] == "3. 四个“深刻认识”"


def test_topic_heatmap_has_every_topic_and_section(report):
    spec = C.topic_heatmap(report).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert len(values) == len({v["topic"] for v in values}) * len(report.section_records)
    assert any(v["topic"] == "职业教育" and v["count"] > 0 for v in values)


def test_word_frequencies_chart(report):
    spec = C.word_frequencies(report, 5).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert len(values) == 5 and values[0]["count"] >= values[-1]["count"]
    assert "全文" in spec["title"]


def test_charts_render_offline_with_the_front_ends_vega(report):
    C.use_offline_renderer()
    bundle = C.section_lengths(report)._repr_mimebundle_()
    data, meta = bundle
    # image/png: without it the front end's vega renderer calls model.setData, which Voilà's model lacks
    assert set(data) == {C.VEGALITE_V5, "image/png", "text/plain"}
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert data[C.VEGALITE_V5]["$schema"].endswith("/v5.json")
    assert meta[C.VEGALITE_V5]["embed_options"]["renderer"] == "svg"
    assert "cdn" not in str(data).lower() and "<script" not in str(data)


def test_every_chart_label_is_projector_sized(report):
    """The theme's sizes reach every chart, and no chart asks for smaller text itself (≥ 14 px)."""
    C.use_offline_renderer()
    for chart in (C.section_lengths(report), C.topic_heatmap(report), C.word_frequencies(report, 5)):
        spec = chart.to_dict()
        config = spec["config"]
        assert config["axis"]["labelFontSize"] >= 14 and config["legend"]["labelFontSize"] >= 14
        assert config["title"]["fontSize"] >= 14 and config["axis"]["labelFont"] == C.FONT
        sizes = [m["mark"].get("fontSize") for m in spec.get("layer", []) if isinstance(m.get("mark"), dict)]
        assert all(size is None or size >= 14 for size in sizes), sizes
