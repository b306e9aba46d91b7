"""Voilà on 09-classroom with a live class: counts and heat map update by themselves while students write."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from edu_helpers.annotations import AnnotationStore
from tests.browser.edu_browser import REPO, VoilaServer, code_on_page
from tests.conftest import annotate_as

pytestmark = pytest.mark.server


def _set_live_class(notebook, value: str) -> None:
    """Set the notebook's LIVE_CLASS parameter, as a teacher edits the parameter cell."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if "LIVE_CLASS = None" in "".join(c["source"])]
    assert len(cells) == 1, "09-classroom has one parameter cell with LIVE_CLASS"
    source = "".join(cells[0]["source"]).replace("LIVE_CLASS = None", f"LIVE_CLASS = {value!r}")
    cells[0]["source"] = source.splitlines(keepends=True)
    notebook.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def test_the_live_class_view_follows_students_without_rerunning(classdb, report, tmp_path_factory, page, screenshot):
    voila = VoilaServer(tmp_path_factory.mktemp("voila-live"), REPO / "notebooks" / "09-classroom.ipynb")
    _set_live_class(voila.notebook, classdb.class_id)
    voila.env["EDU_ANNOTATIONS"] = classdb.url("wang", with_class=False)  # the teacher's connection (spawner)
    voila.start()
    try:
        voila.open(page, wait_for=".live-class-view .classroom-status")
        status, heat = page.locator(".live-class-view .classroom-status"), page.locator(".classroom-heatmap")
        expect(status).to_contain_text("0 条批注")
        expect(page.locator(".live-class-select select")).to_have_value(classdb.class_id)
        before = heat.inner_html()
        with AnnotationStore(classdb.backend("zhang")) as zhang:  # a student writes, from elsewhere
            annotate_as(zhang, report, "双减", visibility="teacher", kind="疑问", note="为什么？")
            annotate_as(zhang, report, "立德树人根本任务", visibility="private", note="不给老师看")
        expect(status).to_contain_text("1 名学生，1 条批注", timeout=8000)  # by itself, within seconds
        assert heat.inner_html() != before
        with AnnotationStore(classdb.backend("li")) as li:
            annotate_as(li, report, "双减", visibility="class", kind="疑问", note="我也想知道")
        expect(status).to_contain_text("2 名学生，2 条批注", timeout=8000)
        page.locator(".classroom-tabs .lm-TabBar-tab, .classroom-tabs .p-TabBar-tab").nth(2).click()
        expect(page.locator(".classroom-questions")).to_contain_text("我也想知道")
        assert "不给老师看" not in page.content()  # the database kept the private note from the teacher
        assert code_on_page(page) == 0
        screenshot(page, "live")
    finally:
        page.goto("about:blank")  # leave the page first: a server stopped under it is not an error of ours
        voila.stop()
