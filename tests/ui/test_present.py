"""The class view's configuration without a browser: the command, the config, the landing page's titles."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import nbformat
from traitlets.config import Config

from edu_helpers.ui import present, study
from tests.paths import REPO


def test_voila_command_serves_the_folder_on_loopback_with_the_edu_config(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", "/elsewhere")
    argv, env = present.voila_command(tmp_path, 8899)
    assert argv[1:4] == ["-m", "voila", str(tmp_path)]
    assert "--Voila.ip=127.0.0.1" in argv and "--port=8899" in argv
    assert f"--Voila.config_file_paths={present.VOILA_DIR}" in argv
    assert (present.VOILA_DIR / "voila.py").is_file()
    assert env["JUPYTER_PATH"].split(":") == [str(present.SHARE_DIR), "/elsewhere"]
    assert (present.SHARE_DIR / "voila" / "templates" / present.TEMPLATE / "tree-lab.html").is_file()
    assert env["EDU_CLASS_VIEW"] == "1" and present.POOLS_VAR not in env
    _, env = present.voila_command(tmp_path, 8899, pools={"06-topic-explorer.ipynb": 2})
    assert json.loads(env[present.POOLS_VAR]) == {"06-topic-explorer.ipynb": 2}


def test_the_config_file_preheats_culls_and_uses_the_template(monkeypatch):
    monkeypatch.delenv(present.POOLS_VAR, raising=False)
    c = Config()
    runpy.run_path(str(present.VOILA_DIR / "voila.py"), init_globals={"get_config": lambda: c})
    assert c.VoilaConfiguration.template == "edu" and c.VoilaConfiguration.preheat_kernel is True
    assert c.VoilaConfiguration.page_config_hook is present.page_config_hook
    assert c.MappingKernelManager.cull_idle_timeout > 0 and c.MappingKernelManager.cull_interval > 0
    monkeypatch.setenv(present.POOLS_VAR, json.dumps({"a.ipynb": 1}))
    c = Config()
    present.configure(c)
    assert c.VoilaKernelManager.kernel_pools_config == {"default": {"pool_size": 0}, "a.ipynb": {"pool_size": 1}}


def test_landing_page_titles_come_from_each_notebooks_first_heading(tmp_path):
    for name, source in [
        ("01-a.ipynb", "# 第一课：读标题\n\n正文"),
        ("x.ipynb", "没有标题"),
        ("02-b.ipynb", "## 二级\n# 一级"),
    ]:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("1"), nbformat.v4.new_markdown_cell(source)]
        nbformat.write(nb, tmp_path / name)
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    listed = present.notebook_list(tmp_path)
    assert listed["01-a.ipynb"] == {"title": "第一课：读标题", "number": "01"}
    assert listed["02-b.ipynb"]["title"] == "一级" and listed["x.ipynb"] == {"title": "", "number": ""}
    assert listed["broken.ipynb"]["title"] == ""
    real = present.notebook_list(REPO / "notebooks")
    assert all(v["title"] and not v["title"].isascii() for v in real.values()), real


def test_the_class_view_shows_no_developer_text(monkeypatch, report, tmp_path):
    from edu_helpers.annotations import AnnotationStore

    with AnnotationStore(tmp_path / "notes.sqlite") as store:
        monkeypatch.setenv("EDU_CLASS_VIEW", "1")
        assert study.class_view() and study.projector().on
        shown = study.about(report, store).data + study.store_help(store).data + study.section_header(report, 9).data
        assert ".sqlite" not in shown and "python -m" not in shown and "SECTION" not in shown
        monkeypatch.setenv("EDU_CLASS_VIEW", "0")
        assert not study.class_view() and not study.projector().on
        assert ".sqlite" in study.store_help(store).data and "SECTION" in study.section_header(report, 9).data


def test_developer_notes_in_markdown_are_marked_for_the_class_view():
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "markdown":
                continue
            outside = cell.source.split('<p class="edu-dev">')
            outside = [outside[0]] + [part.split("</p>", 1)[-1] for part in outside[1:]]
            for part in outside:
                for dev_word in ("DOCUMENT_PATH", "python -m", "edu_helpers/", ".sqlite", "EDU_"):
                    assert dev_word not in part, (path.name, dev_word)


def test_a_preheated_render_that_ran_to_the_end_is_logged_once(monkeypatch, caplog):
    """Voilà logs "pool is filled" when the kernel has started; the class view also says when the notebook ran."""
    import asyncio
    import logging
    import sys
    from concurrent.futures import ThreadPoolExecutor

    # pytest's doctest collection imports ui/voila/voila.py as a top-level "voila" (its folder on sys.path)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p and Path(p).resolve() != present.VOILA_DIR])
    if not hasattr(sys.modules.get("voila"), "__path__"):
        monkeypatch.delitem(sys.modules, "voila", raising=False)
    from voila.notebook_renderer import NotebookRenderer

    async def fake_render(self, kernel_id=None, kernel_future=None):
        return ["<div>cell</div>"], iter(())

    monkeypatch.setattr(NotebookRenderer, "generate_content_hybrid", fake_render)
    present.log_preheated_renders()
    present.log_preheated_renders()  # idempotent: wrapped once
    wrapped = NotebookRenderer.generate_content_hybrid
    assert wrapped.edu_logged and wrapped is not fake_render

    class Renderer:  # the attributes the wrapper reads
        notebook_path, stop_generator = "06-topic-explorer.ipynb", False
        log = logging.getLogger("test-voila")

    def run(coroutine):  # in a thread of its own: an earlier test may have left a loop running in this one
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, coroutine).result()

    renderer = Renderer()
    with caplog.at_level(logging.INFO, logger="test-voila"):
        assert run(wrapped(renderer))[0] == ["<div>cell</div>"]
        renderer.stop_generator = True  # a visit came while it ran: not preheated to the end
        run(wrapped(renderer))
    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == 1 and logged[0].startswith(present.PREHEATED_LOG.split("%s")[0] + "06-topic-explorer")


def test_a_notebook_page_is_titled_by_its_first_heading_and_its_language_is_one_nbconvert_keeps(tmp_path):
    class Contents:
        root_dir = str(tmp_path)

    (tmp_path / "课").mkdir()
    for name, source in [("课/03-读.ipynb", "# 第三课：读结构\n正文"), ("untitled.ipynb", "没有一级标题")]:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(source)]
        nbformat.write(nb, tmp_path / name)

    def hook(path):
        return present.page_config_hook({}, "/", {"contents_manager": Contents()}, None, None, path)

    assert hook("课/03-读.ipynb")["eduTitle"] == "第三课：读结构"
    assert hook("untitled.ipynb")["eduTitle"] == "untitled"  # no heading: the file's own name, not "Running …"
    assert "eduTitle" not in hook("") and "eduTitle" not in hook("课")  # folders are the landing page

    from nbconvert.exporters.html import HTMLExporter
    from voila.exporter import VoilaExporter

    c = Config()
    present.configure(c)
    assert c.VoilaExporter.language_code == present.LANGUAGE
    assert VoilaExporter(config=c).language_code == "zh"  # nbconvert replaces a code it does not know by "en"
    assert HTMLExporter(language_code="zh-CN").language_code == "en"  # (which is why it is "zh")


def test_the_class_view_says_a_cells_error_in_chinese_without_voilas_instructions():
    from types import SimpleNamespace

    from voila.execute import VoilaExecutor

    present.configure(Config())
    wrapped = VoilaExecutor.strip_code_cell_errors
    present.configure(Config())
    assert VoilaExecutor.strip_code_cell_errors is wrapped  # once
    cell = nbformat.v4.new_code_cell("study.open_study('x.html')", execution_count=3)
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": "<div>无法打开报告 x.html</div>"}),
        nbformat.v4.new_output("error", ename="DocumentError", evalue="x.html: bad", traceback=["DocumentError: x"]),
    ]
    executor = SimpleNamespace(cell_error_instruction=VoilaExecutor.cell_error_instruction.default_value)
    out = VoilaExecutor.strip_code_cell_errors(executor, cell)
    assert out.outputs[1].traceback == [present.CELL_ERROR % 3]
    assert "第 3 个代码单元格" in out.outputs[1].traceback[0] and "Voil" not in out.outputs[1].traceback[0]
    assert out.outputs[0].data["text/html"].startswith("<div>无法打开报告")  # the notebook's own message stays
    markdown = nbformat.v4.new_markdown_cell("# 标题")
    assert VoilaExecutor.strip_code_cell_errors(executor, markdown) == markdown


def test_wrap_once_leaves_a_missing_or_wrapped_method_alone():
    from edu_helpers.ui.voila_patch import wrap_once

    assert not wrap_once("no_such_module_here", "X", "f", "edu_x", lambda f: f)
    assert not wrap_once("voila.app", "Voila", "no_such_method", "edu_x", lambda f: f)
    present.configure(Config())  # the class view's three wraps are in place: a second time changes nothing
    assert not wrap_once("voila.app", "Voila", "init_handlers", "edu_sw", lambda f: f)
