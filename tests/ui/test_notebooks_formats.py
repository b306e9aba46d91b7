"""The notebooks on a report brought as PDF, Word or a saved web page (``DOCUMENT_PATH``): they run, and the
line under the title (``study.open_study``) says which format was read and what loading changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.paths import REPO
from tests.text import forms
from tests.ui.test_notebooks import errors_in, execute, with_document

pytestmark = pytest.mark.slow
# one walkthrough and the topic explorer: enough to cross every layer without running all ten thrice
NOTEBOOKS = ("01-headline-and-lead", "06-topic-explorer")


def test_notebooks_run_on_pdf_docx_and_html(tmp_path):
    folder = Path(shutil.copytree(REPO / "notebooks", tmp_path / "notebooks"))
    documents = {}
    for form in (forms.pdf_form(), forms.docx_form(), forms.html_form("wechat")):
        documents[form.suffix] = tmp_path / f"report{form.suffix}"
        documents[form.suffix].write_bytes(form.data)
    env = {**os.environ, "EDU_TEST_MODE": "1", "EDU_ANNOTATIONS": str(tmp_path / "notes.sqlite")}
    parts = [
        (f"{name} {suffix}", with_document(folder / f"{name}.ipynb", path))
        for suffix, path in documents.items()
        for name in NOTEBOOKS
    ]
    execute([c for _, cells in parts for c in cells], folder, env)
    assert {name: errors_in(cells) for name, cells in parts if errors_in(cells)} == {}
    for name, cells in parts:
        shown = [
            str(o.get("data", {}).get("text/html", ""))
            for c in cells
            if c.cell_type == "code"
            for o in c.outputs
            if "edu-load-report" in str(o.get("data", {}).get("text/html", ""))
        ]
        assert len(shown) == 1, name
        fmt = name.split(".")[-1]
        assert f"{fmt}，" in shown[0] and "17 段，6 个部分，11 个条目" in shown[0], shown[0]
        if fmt == "html":
            assert "表情符号" in shown[0] and "网页栏目与导航" in shown[0] and "html-page-chrome" not in shown[0]
