"""The KWIC widget, the load progress bar and the compare notebook's study calls, without a browser."""

from __future__ import annotations

import pytest

from edu_helpers.ui import study
from edu_helpers.ui.widgets.kwic import KwicBrowser
from edu_helpers.ui.widgets.progress import SHOW_FROM, LoadProgress
from tests.analysis.compare_sample import A, B, C


def test_lines_sort_by_left_and_right_context(corpus):
    w = KwicBrowser(corpus, "职普融通 科教融汇", window=6, sort="left")
    lefts = list(w.frame["left"])
    assert [s[::-1] for s in lefts] == sorted(s[::-1] for s in lefts)
    assert len(w.lines.options) == 5  # 职普融通: 2031, 2032, 2033; 科教融汇: 2032, 2033 (counted by hand)
    w.sort_select.value = "right"
    rights = [label.split("】", 1)[1] for label, _ in w.lines.options]
    assert rights == sorted(rights)
    hits = {label.split("【", 1)[1].split("】", 1)[0] for label, _ in w.lines.options}
    assert hits == {"职普融通", "科教融汇"}
    assert "共 5 处，出自 3 篇报告" in w.count.value


def test_choosing_a_line_opens_its_passage(corpus):
    w = KwicBrowser(corpus, "产教融合", sort="doc")
    assert w.passage.value == ""
    w.lines.value = 1  # 2031 四是 (p13), the second hit in report order
    html = w.passage.value
    assert f'data-doc="{A}"' in html and 'data-id="p13"' in html
    assert '<mark class="hit">产教融合</mark>' in html
    assert "四是深化职业教育改革" in html and "示例" in html
    w.lines.value = None
    assert w.passage.value == ""


def test_new_query_and_no_hits(corpus):
    w = KwicBrowser(corpus)
    assert w.lines.options == () and "输入检索词" in w.count.value
    w.query_input.value = "不存在的词"
    assert w.lines.options == () and "没有找到" in w.count.value
    w.query_input.value = "<b>x</b>"
    assert "<b>" not in w.count.value  # the query is escaped


def test_progress_bar_shows_only_for_many_files():
    shown: list = []
    bar = LoadProgress(display=shown.append)
    bar(1, SHOW_FROM - 1, "a.txt")
    assert shown == []
    bar = LoadProgress(display=shown.append)
    bar(2, 9, "cache")
    bar(9, 9, "r8.txt")
    assert shown == [bar.box] and (bar.bar.value, bar.bar.max) == (9, 9)
    assert bar.bar.bar_style == "success" and bar.label.value == "9/9 篇：r8.txt"


def test_study_compare_calls(corpus, tmp_path, monkeypatch):
    a, b = study.pick(corpus, None, None)
    assert (a, b) == (A, C)
    assert list(study.corpus_table(corpus).data["示例"]) == ["是", "是", "是"]
    changes = study.term_changes(corpus, A, B).data
    assert "教育家精神" in set(changes.loc[changes["变化"] == "新增", "词语"])
    assert "稳中求进" in set(changes.loc[changes["变化"] == "删去", "词语"])
    diff = study.structure_diff(corpus, A, B, folder=tmp_path).data
    assert 'class="edu-compare"' in diff and "示例" in diff
    (page,) = tmp_path.glob("*.html")
    study.structure_diff(corpus, A, B, folder=tmp_path)
    assert len(list(tmp_path.glob("*.html"))) == 2 and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(tmp_path) in diff
    monkeypatch.setenv("EDU_CLASS_VIEW", "1")
    shown = study.structure_diff(corpus, A, B, folder=tmp_path).data
    assert str(tmp_path) not in shown and "对照网页已另存为 对照-" in shown
    first = study.first_appearances(corpus).data
    assert first.loc[first["词语"] == "教育家精神", "首次出现"].tolist() == [2032]


@pytest.mark.parametrize("name", ["keyness_chart", "trend_chart", "cooccurrence_heatmap"])
def test_compare_charts_build(corpus, name):
    args = {"keyness_chart": (A, C), "trend_chart": (["产教融合", "职普融通"],), "cooccurrence_heatmap": ()}[name]
    spec = getattr(study, name)(corpus, *args).to_dict()
    assert spec["data"] or spec.get("datasets")
