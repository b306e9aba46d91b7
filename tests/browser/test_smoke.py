"""The harness proves itself on a tiny notebook: a Dropdown (Chinese labels) drives an HTML output.

Same path as the real notebook tests: Lab (open, Run All, choose, see the change, restart, run again) and Voilà
(rendered without code, the dropdown works). The notebook also shows the environment its kernel got.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from playwright.sync_api import expect

from tests.browser.edu_browser import code_on_page

pytestmark = pytest.mark.browser

SMOKE_CODE = """\
import os

import ipywidgets as widgets
from IPython.display import display

choices = ["职业教育", "高等教育", "基础教育"]
select = widgets.Dropdown(options=choices, value=choices[0], description="主题")
select.add_class("smoke-select")
shown = widgets.HTML()
shown.add_class("smoke-output")


def show(change=None):
    shown.value = f"已选择：{select.value}"


select.observe(show, names="value")
show()
kernel = widgets.HTML(
    f"EDU_TEST_MODE={os.environ.get('EDU_TEST_MODE')} "
    f"EDU_ANNOTATIONS={os.environ.get('EDU_ANNOTATIONS')} pid={os.getpid()}"
)
kernel.add_class("smoke-kernel")
display(widgets.VBox([select, shown, kernel]))
"""


@pytest.fixture
def smoke_notebooks(tmp_path):
    """A folder holding ``smoke.ipynb``: a title, the widget cell, one printing cell."""
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 冒烟测试\n\n选择一个主题。"),
        nbformat.v4.new_code_cell(SMOKE_CODE),
        nbformat.v4.new_code_cell('print("第二个单元格" + "已运行")'),
    ]
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(nb, folder / "smoke.ipynb")
    return folder


def kernel_pid(page) -> str:
    text = page.locator(".smoke-kernel .widget-html-content").inner_text()
    return re.search(r"pid=(\d+)", text).group(1)


def test_lab_run_all_select_restart(lab_server, page, smoke_notebooks):
    lab = lab_server(smoke_notebooks)
    nb = lab.open(page, "smoke.ipynb")
    nb.run_all()
    output = page.locator(".smoke-output .widget-html-content")
    expect(output).to_have_text("已选择：职业教育")
    expect(page.locator(".smoke-kernel")).to_contain_text(f"EDU_TEST_MODE=1 EDU_ANNOTATIONS={lab.annotations}")
    expect(page.get_by_text("第二个单元格已运行")).to_be_visible()

    page.locator(".smoke-select select").select_option(label="高等教育")
    expect(output).to_have_text("已选择：高等教育")

    first_pid = kernel_pid(page)
    nb.restart_and_run_all()
    expect(output).to_have_text("已选择：职业教育")  # a new kernel: the state is the notebook's again
    assert kernel_pid(page) != first_pid
    page.locator(".smoke-select select").select_option(label="基础教育")
    expect(output).to_have_text("已选择：基础教育")
    assert (smoke_notebooks / "smoke.ipynb").read_text() == (lab.root / "smoke.ipynb").read_text(), "autosave on?"


def test_voila_renders_without_code(voila_server, page, smoke_notebooks):
    voila = voila_server(smoke_notebooks / "smoke.ipynb")
    voila.open(page, wait_for=".smoke-select select")
    output = page.locator(".smoke-output .widget-html-content")
    expect(output).to_have_text("已选择：职业教育")
    expect(page.get_by_text("第二个单元格已运行")).to_be_visible()
    expect(page.locator(".smoke-kernel")).to_contain_text(f"EDU_TEST_MODE=1 EDU_ANNOTATIONS={voila.annotations}")
    assert code_on_page(page) == 0
    assert "add_class" not in page.content()

    page.locator(".smoke-select select").select_option(label="基础教育")
    expect(output).to_have_text("已选择：基础教育")
