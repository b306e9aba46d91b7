"""Every notebook runs headless, top to bottom, against a temporary annotation store; the widgets work in a kernel.

To keep this quick, the notebooks share one kernel (imports and jieba's dictionary load once): they run one
after another in a temporary copy of ``notebooks/``, each after ``%reset -f`` (so none can lean on another's
names), with ``EDU_TEST_MODE=1`` and ``EDU_ANNOTATIONS`` pointing into a temporary folder. Errors are
recorded per notebook, so one failing notebook does not hide the others. Some notebooks get a few extra cells
that drive their widgets the way a reader would and print what happened as JSON. A second, fresh kernel then
runs ``03-four-understandings`` again: the annotation saved in the first kernel must be highlighted.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from edu_helpers.annotations import AnnotationStore
from tests.paths import REPO

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
EXPECTED = [
    "00-start-here",
    "01-headline-and-lead",
    "02-review-2022",
    "03-four-understandings",
    "04-seven-tasks-2023",
    "05-requirements-and-attendance",
    "06-topic-explorer",
    "07-annotation-workbench",
    "08-terms-and-formulations",
    "09-classroom",
    "10-compare-reports",
]
MINE = [REPO / "notebooks" / f"{name}.ipynb" for name in EXPECTED]
CELL_TIMEOUT_S = 300
XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"

# Extra cells: the reader's actions, then one JSON line of what the widgets show.
EXTRA = {
    "03-four-understandings": f"""\
import importlib.util
import json
i = doc.text.index("强国建设、教育何为")
panel.text.selection = (i + 1, i + 7)  # as annotator.js sends a mouse selection
panel.kind_select.value = "疑问"
panel.tags_input.value = "时代课题"
panel.note_input.value = {XSS!r}
panel.save_button.click()
print(json.dumps({{"status": panel.status.value, "marked": "annotator-mark" in panel.text.html}}))""",
    "06-topic-explorer": """\
import importlib.util
import json
explorer.topic_select.value = "职业教育"
print(json.dumps({"ids": list(explorer.frame["id"]), "topics": [list(t) for t in explorer.frame["topics"]],
                  "html": explorer.results.value}))""",
    "07-annotation-workbench": """\
import importlib.util
import json
paths = [str(bench.export(fmt)) for fmt in ("markdown", "csv", "jsonld")]
print(json.dumps({"paths": paths, "shown": bench.results.value}))""",
}
EXTRA["10-compare-reports"] = """\
import importlib.util
import json
kwic.sort_select.value = "right"
kwic.lines.value = 0  # a click on the first line
print(json.dumps({"ids": list(corpus.ids), "lines": [o[0] for o in kwic.lines.options], "passage": kwic.passage.value,
                  "demo": bool(corpus.documents["demo"].all())}))"""
AGAIN = """\
import importlib.util
import json
print(json.dumps({"html": panel.text.html, "info": panel.info.value}))"""


def execute(cells: list, folder: Path, env: dict[str, str]) -> nbformat.NotebookNode:
    """Run ``cells`` in one fresh kernel, recording errors as outputs instead of stopping."""
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    nb.cells = cells
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT_S,
        allow_errors=True,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute(env=env)
    return nb


def cells_of(path: Path, extra: str | None = None) -> list:
    cells = [nbformat.v4.new_code_cell("%reset -f"), *nbformat.read(path, as_version=4).cells]
    return cells + ([nbformat.v4.new_code_cell(extra)] if extra else [])


def last_json(cells: list) -> dict:
    text = "".join(o.get("text", "") for o in cells[-1].outputs if o.output_type == "stream")
    return json.loads(text.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def executed(tmp_path_factory) -> dict[str, tuple[list, Path]]:
    """name → (its executed cells, the store path): every notebook once in a shared kernel, 03 again in a new one."""
    tmp = tmp_path_factory.mktemp("notebooks")
    folder = Path(shutil.copytree(REPO / "notebooks", tmp / "notebooks"))
    store = tmp / "annotations" / "notes.sqlite"
    env = {
        **os.environ,
        "EDU_TEST_MODE": "1",
        "EDU_ANNOTATIONS": str(store),
        "IPYTHONDIR": str(tmp / "ipython"),
        "JUPYTER_PREFER_ENV_PATH": "1",
        "EDU_HELPERS_CACHE": str(tmp / "cache"),  # the corpus cache of notebook 10, never the user's
    }
    parts = [(p.stem, cells_of(p, EXTRA.get(p.stem))) for p in sorted(folder.glob("*.ipynb"))]
    execute([c for _, cells in parts for c in cells], folder, env)  # cells are executed in place
    out = {name: (cells, store) for name, cells in parts}
    again = cells_of(folder / "03-four-understandings.ipynb", AGAIN)
    execute(again, folder, env)
    out["03-four-understandings (again)"] = (again, store)
    return out


def errors_in(cells: list) -> list[str]:
    return [
        f"cell {n}: {o.ename}: {o.evalue}"
        for n, c in enumerate(cells)
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]


def test_the_collection_is_complete():
    assert [p.stem for p in NOTEBOOKS][: len(EXPECTED)] == EXPECTED


@pytest.mark.parametrize("name", [p.stem for p in NOTEBOOKS])
def test_notebook_runs_without_error(executed, name):
    cells, _ = executed[name]
    assert all(c.execution_count for c in cells if c.cell_type == "code"), f"{name}: not every cell ran"
    assert not errors_in(cells), f"{name}: " + "; ".join(errors_in(cells))


def test_annotating_in_a_kernel_then_again_after_a_restart(executed):
    cells, store_path = executed["03-four-understandings"]
    assert not errors_in(cells)
    shown = last_json(cells)
    assert "已保存" in shown["status"] and shown["marked"]
    with AnnotationStore(store_path) as store:
        (ann,) = [a for a in store.annotations() if a.kind == "疑问"]
    assert ann.exact == "强国建设、教育何为"[:7]  # 「国建设、教育」 snapped out to whole words
    assert ann.note == XSS
    cells, _ = executed["03-four-understandings (again)"]
    assert not errors_in(cells)
    again = last_json(cells)
    assert f'data-ids="{ann.id}"' in again["html"] and "<script" not in again["html"]


def test_topic_explorer_filters(executed):
    cells, _ = executed["06-topic-explorer"]
    assert not errors_in(cells)
    shown = last_json(cells)
    assert shown["ids"] and all("职业教育" in topics for topics in shown["topics"])
    assert f"找到 {len(shown['ids'])} 段" in shown["html"]
    charts = [o for c in cells for o in c.get("outputs", []) if "application/vnd.vegalite.v5+json" in o.get("data", {})]
    assert len(charts) == 2  # heat map and word frequencies, rendered by the front end, offline


def test_workbench_exports(executed):
    cells, _ = executed["07-annotation-workbench"]
    assert not errors_in(cells)
    for path in last_json(cells)["paths"]:
        assert Path(path).is_file() and Path(path).stat().st_size > 0


def test_compare_notebook_uses_the_marked_sample_and_opens_a_passage(executed):
    cells, _ = executed["10-compare-reports"]
    assert not errors_in(cells)
    shown = last_json(cells)
    assert shown["ids"] == ["2031-conference", "2032-conference", "2033-conference"] and shown["demo"]
    rights = [line.split("】", 1)[1] for line in shown["lines"]]
    assert len(rights) == 7 and rights == sorted(rights)  # 产教融合: 2 + 2 + 3 hits, sorted by the right context
    assert '<mark class="hit">产教融合</mark>' in shown["passage"]
    text = "".join(o.get("text", "") + str(o.get("data", {})) for c in cells for o in c.get("outputs", []))
    assert "示例" in text and "不是真实报告" in text  # the sample is never passed off as a real report
    charts = [o for c in cells for o in c.get("outputs", []) if "application/vnd.vegalite.v5+json" in o.get("data", {})]
    assert len(charts) == 3  # keyness, trend, co-occurrence heat map


def test_notebooks_are_committed_with_outputs_cleared():
    for path in NOTEBOOKS:
        code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), f"{path.name}: outputs committed"


def test_walkthroughs_and_tools_are_thin():
    for path in MINE:
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, f"{path.name}: expected one cell tagged parameters"
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
        assert all(len(c.source.splitlines()) <= 8 for c in code), f"{path.name}: a code cell is not thin"
        assert not any("def " in c.source for c in code), f"{path.name}: define functions in edu_helpers"


def test_notebooks_match_their_generator():
    spec = importlib.util.spec_from_file_location("make_notebooks", REPO / "tools" / "make_notebooks.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    assert generator.main(["--check"]) == 0, "run: python tools/make_notebooks.py"


def with_document(path: Path, document: Path) -> list:
    """The notebook's cells, its parameters cell pointing ``DOCUMENT_PATH`` at another report."""
    cells = cells_of(path)
    tagged = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name} should have one parameters cell"
    tagged[0].source += f"\nDOCUMENT_PATH = {str(document)!r}\n"
    return cells


def test_every_notebook_runs_on_another_report(tmp_path):
    """Nothing in the notebooks is tied to the bundled report: all run on a second report of the genre
    (other cues, 第一/第二 items, four sections instead of six)."""
    folder = Path(shutil.copytree(REPO / "notebooks", tmp_path / "notebooks"))
    env = {**os.environ, "EDU_TEST_MODE": "1", "EDU_ANNOTATIONS": str(tmp_path / "notes.sqlite")}
    env["EDU_HELPERS_CACHE"] = str(tmp_path / "cache")
    second = REPO / "tests" / "data" / "second-report.txt"
    parts = [(p.name, with_document(p, second)) for p in sorted(folder.glob("*.ipynb"))]
    execute([c for _, cells in parts for c in cells], folder, env)
    failures = {name: errors_in(cells) for name, cells in parts if errors_in(cells)}
    assert failures == {}
    shown = "".join(
        o.get("text", "") + str(o.get("data", {}))
        for _, cells in parts
        for c in cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert "2024年全省职业教育工作会议" in shown and "2023年全国教育工作会议" not in shown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_offers_the_projector_switch(path):
    """投影模式 is switchable in each notebook (the browser tests measure it); its setup cell shows the switch."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert any("study.projector()" in "".join(c["source"]) for c in cells if c["cell_type"] == "code")


def test_a_report_that_cannot_be_opened_is_said_in_chinese_and_stops_the_notebook(tmp_path):
    """02 pointed at a saved list page, in Lab and then in the class view (one kernel): one Chinese message
    naming the file and the problem (and, in Lab, the parameter to change; in the class view no folders and no
    parameter), then one error line, no traceback through the package; later cells have no report to run on."""
    page = tmp_path / "saved" / "栏目页.html"
    page.parent.mkdir()
    summary = "<p>会议总结了上一阶段的工作，部署了下一阶段的重点任务，要求抓好落实。</p>"
    items = [
        f"<li><a href='/n/{i}.html'>某市教育局召开第{i}次工作会议</a>{summary}<span>2023-01-0{i}</span></li>"
        for i in range(8)
    ]
    page.write_text(f"<html><body><h2>工作动态</h2><ul>{''.join(items)}</ul></body></html>", encoding="utf-8")
    folder = Path(shutil.copytree(REPO / "notebooks", tmp_path / "notebooks"))
    env = {**os.environ, "EDU_TEST_MODE": "1", "EDU_ANNOTATIONS": str(tmp_path / "notes.sqlite")}
    env["EDU_CLASS_VIEW"] = "0"
    lab = with_document(folder / "02-review-2022.ipynb", page)
    switch = nbformat.v4.new_code_cell("import os\nos.environ['EDU_CLASS_VIEW'] = '1'")
    classroom = with_document(folder / "02-review-2022.ipynb", page)
    nb = execute([*lab, switch, *classroom], folder, env)
    for in_lab, cells in ((True, nb.cells[: len(lab)]), (False, nb.cells[len(lab) + 1 :])):
        errors = [
            (i, o) for i, c in enumerate(cells) if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
        ]
        first, error = errors[0]
        assert error.traceback == [f"DocumentError: {page}: {error.evalue.split(': ', 1)[1]}"]
        assert "list of 8 article links" in error.evalue
        shown = [o.data["text/html"] for o in cells[first].outputs if o.output_type == "display_data"]
        assert len(shown) == 1 and "无法打开报告" in shown[0] and "list of 8 article links" in shown[0]
        assert ".edu-msg-error{" in shown[0]  # styled even though nothing before it brought the package's styles
        assert "这个网页是文章列表（8 条文章链接）" in shown[0]  # in Chinese first (data/problem_labels.toml)
        assert ("DOCUMENT_PATH" in shown[0]) == in_lab
        assert (str(page.parent) in shown[0]) == in_lab and "栏目页.html" in shown[0]
        later = [i for i, _ in errors if i > first]
        assert all("NameError" in cells[i].outputs[-1].get("ename", "") for i in later)  # (nbclient goes on)
