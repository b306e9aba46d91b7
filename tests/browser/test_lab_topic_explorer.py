"""JupyterLab: 06-topic-explorer, Run All, choose 职业教育, and only the matching passages are shown.

The expectation comes from the package (``load_document().filter(topics=[…])``), not from a list typed here.
``assert_topic_filter`` is shared with the Voilà test.
"""

from __future__ import annotations

from playwright.sync_api import expect

import edu_helpers
from tests.browser.edu_browser import REPO

TOPIC = "职业教育"
RESULTS = ".explorer-results"
PASSAGES = f"{RESULTS} .edu-passage[data-id]"


def expected_ids(topic: str) -> list[str]:
    """Paragraph ids the package says carry ``topic``, in document order."""
    return edu_helpers.load_document().filter(topics=[topic])["id"].tolist()


def assert_topic_filter(page, topic: str = TOPIC) -> list[str]:
    """Choose ``topic`` in the explorer; check that exactly the package's passages for it are shown."""
    doc = edu_helpers.load_document()
    expected = expected_ids(topic)
    assert expected, f"the bundled report has no passage on {topic}?"
    if topic == TOPIC:  # a sanity check of the expectation itself against the report's text
        four = next(p.id for p in doc.paragraph_records if doc.text[p.start : p.end].startswith("四是"))
        attendance = doc.paragraph_records[-1].id  # 参会人员
        assert four in expected and attendance not in expected, (four, attendance, expected)

    select = page.locator(".topic-select select")
    expect(select.locator("option", has_text=topic)).to_have_count(1)  # the label is the bare topic name
    assert page.locator(PASSAGES).count() > len(expected), "with 全部主题 every passage should be shown first"
    select.select_option(label=topic)

    # The HTML widget replaces its content at once: when the count says so, the passages are the new ones.
    expect(page.locator(f"{RESULTS} .explorer-count")).to_have_text(f"找到 {len(expected)} 段。")
    expect(page.locator(PASSAGES)).to_have_count(len(expected))
    shown = page.locator(PASSAGES).evaluate_all("els => els.map((e) => e.dataset.id)")
    assert shown == expected
    chips = page.locator(PASSAGES).evaluate_all(
        "els => els.map((e) => [...e.querySelectorAll('.edu-topic')].map((c) => c.textContent.trim()))"
    )
    assert all(topic in c for c in chips), (
        f"a shown passage without the chip {topic}: {dict(zip(shown, chips, strict=True))}"
    )
    page.locator(".explorer").first.scroll_into_view_if_needed()
    return shown


def test_choose_a_topic_shows_only_its_passages(lab_server, page, screenshot):
    lab = lab_server(REPO / "notebooks")
    nb = lab.open(page, "06-topic-explorer.ipynb")
    nb.run_all()
    assert_topic_filter(page)
    screenshot(page, "vocational")
