"""Every notebook in JupyterLab in Chinese (the zh-CN language pack, as `make lab` sets it): Run All by command,
no error anywhere in the page, then 投影模式 at a projector's 1280×720 with its sizes measured and a screenshot
per notebook. The Run All times (kernel idle and the page settled → last output rendered; and from opening the
notebook) go to ``timings`` for ``make bench``;
``EDU_TIMING_ROUNDS=N`` adds N−1 rounds of Restart and Run All per notebook (a fresh kernel each) for medians.
No time is asserted here: the machine may be shared; ``make bench`` compares the medians with the targets.

One server and one page for all notebooks (each notebook's kernel is shut down before the next opens), to keep
the suite lean.
"""

from __future__ import annotations

import importlib.util
import os

import pytest
from playwright.sync_api import expect

from tests.browser.edu_browser import REPO, assert_projector_sizes, font_sizes

NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
SHUTDOWN_JS = "() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()"
#: Lab's menu bar in Chinese (read only to check the language; no test clicks a label).
MENU_ZH = "运行"
ROUNDS = max(1, int(os.environ.get("EDU_TIMING_ROUNDS", "1")))


@pytest.mark.skipif(
    importlib.util.find_spec("jupyterlab_language_pack_zh_CN") is None, reason="no zh-CN language pack installed"
)
def test_every_notebook_runs_in_chinese_lab_and_reads_on_a_projector(lab_server, new_page, screenshot, timings):
    lab = lab_server(REPO / "notebooks", locale="zh_CN")
    page = new_page(1280, 720)
    for k, name in enumerate(NOTEBOOKS):
        nb = lab.open(page, name)
        if k == 0:
            expect(page.locator("#jp-MainMenu")).to_contain_text(MENU_ZH)
        nb.run_all()
        timings.add(f"lab run all {name[:2]}", nb.last_run_s)
        timings.add(f"lab open + run all {name[:2]}", nb.open_run_s)
        for _ in range(ROUNDS - 1):
            nb.restart_and_run_all()
            timings.add(f"lab run all {name[:2]}", nb.last_run_s)
        switch = page.locator(".edu-projector-switch input").first
        switch.scroll_into_view_if_needed()
        switch.check()
        expect(page.locator("body.edu-projector")).to_have_count(1)
        page.locator(".jp-NotebookPanel .jp-Cell").last.scroll_into_view_if_needed()
        page.locator(".jp-NotebookPanel .jp-Cell").nth(3).scroll_into_view_if_needed()
        assert_projector_sizes(font_sizes(page), where=f"Lab {name}")
        screenshot(page, f"projector-{name[:2]}")
        switch.scroll_into_view_if_needed()
        switch.uncheck()
        expect(page.locator("body.edu-projector")).to_have_count(0)
        page.evaluate(SHUTDOWN_JS)
