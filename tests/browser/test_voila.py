"""Voilà (what ``make present`` serves): the topic explorer renders without any code and filters by topic."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.edu_browser import REPO, code_on_page
from tests.browser.test_lab_topic_explorer import PASSAGES, TOPIC, assert_topic_filter


def test_topic_explorer_without_code_filters(voila_server, page, screenshot):
    voila = voila_server(REPO / "notebooks" / "06-topic-explorer.ipynb")
    voila.open(page, wait_for=".topic-select select")
    expect(page.locator(PASSAGES).first).to_be_visible()
    expect(page.get_by_role("heading", name="主题浏览器")).to_be_visible()
    assert code_on_page(page) == 0
    assert "study.explorer(doc)" not in page.content()
    screenshot(page, "all-topics")
    assert_topic_filter(page, TOPIC)
    expect(page.locator(".vega-embed")).to_have_count(2)  # the heat map and the word chart: every cell ran
    assert "Traceback" not in page.locator("body").inner_text()
