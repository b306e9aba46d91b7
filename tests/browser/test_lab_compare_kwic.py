"""JupyterLab: 10-compare-reports, Run All, sort the concordance by the right context, click a line: its
paragraph opens with the hit marked.

The expected line comes from the package (``load_corpus(demo_folder()).kwic(..., sort="right")``).
"""

from __future__ import annotations

from playwright.sync_api import expect

from edu_helpers.analysis.corpus import demo_folder, load_corpus
from tests.browser.edu_browser import REPO

QUERY = "产教融合"  # the notebook's default QUERY


def test_click_a_concordance_line_opens_its_passage(lab_server, page, screenshot, tmp_path, monkeypatch):
    monkeypatch.setenv("EDU_HELPERS_CACHE", str(tmp_path / "cache"))  # the kernel's corpus cache
    expected = load_corpus(demo_folder(), cache_dir=tmp_path / "own").kwic(QUERY, window=15, sort="right")
    lab = lab_server(REPO / "notebooks")
    nb = lab.open(page, "10-compare-reports.ipynb")
    nb.run_all()

    lines = page.locator(".kwic-lines select option")
    expect(lines).to_have_count(len(expected))
    page.locator(".kwic-sort button", has_text="右语境").click()
    first = expected.iloc[0]
    expect(lines.first).to_contain_text(f"{first['doc']} {first['paragraph_id']}")
    expect(lines.first).to_contain_text(f"【{QUERY}】{first['right']}")
    lines.nth(1).click()
    second = expected.iloc[1]
    passage = page.locator(f'.kwic-passage .edu-passage[data-doc="{second["doc"]}"]')
    expect(passage).to_have_attribute("data-id", second["paragraph_id"])
    expect(passage.locator("mark.hit")).to_have_text(QUERY)
    expect(passage).to_contain_text("示例")  # the sample says what it is
    page.locator(".kwic-browser").first.scroll_into_view_if_needed()
    screenshot(page, "kwic-passage")
