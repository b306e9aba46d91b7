"""课堂视图（Voilà）的配置。The class view: how Voilà serves the notebooks to a class, in one place.

:func:`voila_command` is the one way to start it (``make present``, ``python -m edu_helpers present`` and the
browser tests all call it). It points Voilà at ``ui/voila/``: ``voila.py`` (loaded as Voilà's config file;
it calls :func:`configure`) and the ``edu`` template in ``ui/voila/share/voila/templates/edu/``:

* a Chinese landing page listing the notebooks by their Chinese titles (:func:`page_config_hook` reads each
  notebook's first ``# `` heading), and each notebook's page in Chinese from its first paint: titled by that
  heading (not the file name), ``<html lang="zh">``, and a loading screen that says which notebook opens
  (Voilà's own says "Running …", "Executing 3 of 9"); a missing page is a Chinese page with the way back to the
  landing page (``error.html``, ``404.html``), a cell's error a Chinese line (:func:`chinese_cell_errors`);
* preheated kernels (each notebook runs in advance, so a page arrives rendered) and culling: a page that
  closes shuts its kernel down at once (the template's ``pagehide`` handler); a kernel idle for
  :data:`CULL_IDLE_S` is culled even if its page is still open (longer than a lesson);
* a log line per preheated notebook once its kernel has run every cell (:data:`PREHEATED_LOG`): Voilà's own
  "Kernel pool … is filled" only means the kernel started, while the notebook may still be running; the class
  view is ready (and the browser tests measure a page) once this line is there;
* a service worker that keeps Voilà's front-end scripts compiled in each browser
  (:mod:`edu_helpers.ui.class_cache`): the landing page installs it, and a notebook then renders in 1.4–1.6 s
  instead of 2.6–2.7 s (06, measured on a loaded two-core machine);
* Voilà's front-end scripts sent with V8's compile hint (:mod:`edu_helpers.ui.compile_hint`), so a browser's
  first page compiles them while they download;
* no developer text: ``EDU_CLASS_VIEW=1`` in the kernels' environment (:func:`edu_helpers.ui.study.class_view`)
  and ``.edu-dev`` notes hidden by the template; projector mode on by default.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from edu_helpers.ui.class_cache import registration, serve_service_worker
from edu_helpers.ui.voila_patch import wrap_once

VOILA_DIR = Path(__file__).resolve().parent / "voila"
#: On ``JUPYTER_PATH``: holds ``voila/templates/edu``.
SHARE_DIR = VOILA_DIR / "share"
TEMPLATE = "edu"
#: The class view's pages are in Chinese (the notebooks' text and the interface). nbconvert takes an ISO 639-1
#: code only ("zh-CN" is replaced by "en"); a browser reads "zh" as Simplified Chinese.
LANGUAGE = "zh"
#: Seconds a kernel may stay idle before it is culled, and how often the culler looks.
CULL_IDLE_S, CULL_INTERVAL_S = 3600, 60
#: Seconds before a preheated kernel taken by a page is replaced: refilling (a kernel starting and running the
#: notebook) takes the CPU the page needs to draw itself, about 2 s, 3–4 s on a loaded two-core machine
#: (measured: the first render took 1–1.5 s longer with 2 s). A visit inside that window waits for the refill.
FILL_DELAY_S = 4
#: Preheated kernels per notebook as JSON (``{"06-topic-explorer.ipynb": 1}``), set by :func:`voila_command`.
POOLS_VAR = "EDU_VOILA_POOLS"
#: Logged (``%s`` the notebook, then the seconds) when a preheated kernel has run the whole notebook.
PREHEATED_LOG = "课堂视图：%s 已预热 (preheated: every cell ran before any visit, %.1f s)"
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


def voila_command(
    notebooks_dir: str | Path, port: int, *, pools: Mapping[str, int] | None = None
) -> tuple[list[str], dict[str, str]]:
    """The command line and the extra environment that serve ``notebooks_dir`` as the class view.

    Args:
        notebooks_dir: the folder of notebooks (the landing page lists its notebooks).
        port: the port on 127.0.0.1.
        pools: preheated kernels per notebook (path relative to ``notebooks_dir`` → pool size); ``None``:
            one for every notebook.

    Returns:
        ``(argv, env)``: run ``argv`` with ``os.environ | env``.
    """
    argv = [
        sys.executable,
        "-m",
        "voila",
        str(notebooks_dir),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={int(port)}",
        f"--Voila.config_file_paths={VOILA_DIR}",
    ]
    path = os.pathsep.join(p for p in (str(SHARE_DIR), os.environ.get("JUPYTER_PATH", "")) if p)
    env = {"JUPYTER_PATH": path, "EDU_CLASS_VIEW": "1"}
    if pools is not None:  # read by configure() (a dict on Voilà's command line is deprecated in traitlets 5)
        env[POOLS_VAR] = json.dumps({str(name): int(n) for name, n in pools.items()})
    return argv, env


def configure(c) -> None:
    """Fill Voilà's traitlets config ``c`` (what ``ui/voila/voila.py`` does)."""
    c.VoilaConfiguration.template = TEMPLATE
    c.VoilaExporter.language_code = LANGUAGE  # <html lang>: the fonts and line breaking of Chinese text
    c.VoilaConfiguration.page_config_hook = page_config_hook
    c.VoilaConfiguration.preheat_kernel = True
    c.VoilaConfiguration.default_pool_size = 1
    c.VoilaKernelManager.fill_delay = FILL_DELAY_S
    if pools := os.environ.get(POOLS_VAR):
        sizes = json.loads(pools)
        c.VoilaConfiguration.default_pool_size = 0
        c.VoilaKernelManager.kernel_pools_config = {
            "default": {"pool_size": 0},
            **{name: {"pool_size": n} for name, n in sizes.items()},
        }
    log_preheated_renders()
    chinese_cell_errors()
    serve_service_worker()
    c.MappingKernelManager.cull_idle_timeout = CULL_IDLE_S
    c.MappingKernelManager.cull_interval = CULL_INTERVAL_S
    c.MappingKernelManager.cull_connected = True


#: What the class view shows in place of a cell's error (``%s`` the cell's number): the reason is for the
#: teacher, in JupyterLab (a notebook that cannot open its report says so above it, in Chinese).
CELL_ERROR = (
    "有一步没有运行完（第 %s 个代码单元格）。出错的原因只在 JupyterLab 里显示："
    "请老师在 JupyterLab 里打开这个笔记本查看。"
)


def chinese_cell_errors() -> None:
    """Voilà replaces a cell's error by "There was an error when executing cell [3]. Please run Voilà with
    --show_tracebacks=True…" (``VoilaExecutor.strip_code_cell_errors``): developer text, in English, in the
    class view. This wraps that method (:func:`~edu_helpers.ui.voila_patch.wrap_once`) to say :data:`CELL_ERROR`."""

    def wrap(original):
        def strip_code_cell_errors(self, cell):
            cell = original(self, cell)
            for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
                if output.get("output_type") == "error":
                    output["traceback"] = [CELL_ERROR % (cell.get("execution_count") or "?")]
            return cell

        return strip_code_cell_errors

    wrap_once("voila.execute", "VoilaExecutor", "strip_code_cell_errors", "edu_chinese", wrap)


def log_preheated_renders() -> None:
    """Log :data:`PREHEATED_LOG` when a preheated kernel has rendered its notebook to the end before any visit.

    Voilà 0.5 renders a pooled notebook in ``NotebookRenderer.generate_content_hybrid`` and stops (leaving the
    rest to the page's request) once a visit takes the kernel; it logs nothing when the render is complete.
    This wraps that method (:func:`~edu_helpers.ui.voila_patch.wrap_once`) to say so.
    """

    def wrap(original):
        async def generate_content_hybrid(self, *args, **kwargs):
            started = time.perf_counter()
            result = await original(self, *args, **kwargs)
            if not self.stop_generator:  # no visit came first: every cell is in the cache
                self.log.info(PREHEATED_LOG, self.notebook_path, time.perf_counter() - started)
            return result

        return generate_content_hybrid

    wrap_once("voila.notebook_renderer", "NotebookRenderer", "generate_content_hybrid", "edu_logged", wrap)


_titles: dict[tuple[Path, int], str] = {}


def notebook_title(path: str | Path) -> str:
    """The notebook's first level-1 Markdown heading (cached by modification time), or ``""``."""
    path = Path(path)
    try:
        key = (path, path.stat().st_mtime_ns)
    except OSError:
        return ""
    if key not in _titles:
        title = ""
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            cells = []
        for cell in cells:
            source = cell.get("source", "") if isinstance(cell, dict) else ""
            source = "".join(source) if isinstance(source, list) else str(source)
            if cell.get("cell_type") == "markdown" and (m := _HEADING.search(source)):
                title = m.group(1)
                break
        _titles[key] = title
    return _titles[key]


def notebook_list(root: str | Path, folder: str = "") -> dict[str, dict[str, str]]:
    """``{path: {"title", "number"}}`` of the notebooks in ``root/folder`` (paths relative to ``root``)."""
    root = Path(root)
    out = {}
    for nb in sorted((root / folder).glob("*.ipynb")):
        number = re.match(r"\d+", nb.name)
        out[nb.relative_to(root).as_posix()] = {"title": notebook_title(nb), "number": number[0] if number else ""}
    return out


def page_config_hook(page_config, base_url, settings, log, voila_configuration, notebook_path):
    """Voilà's page_config_hook: ``page_config["eduNotebooks"]`` for the landing page of a folder,
    ``page_config["eduTitle"]`` for a notebook's page (its first heading, else its file name without the
    suffix: the page's title and loading screen), and ``page_config["eduWorker"]``
    (:func:`~edu_helpers.ui.class_cache.registration`) for every page."""
    page_config["eduWorker"] = registration(base_url)
    root = Path(settings["contents_manager"].root_dir)
    target = root / (notebook_path or "")
    if target.is_dir():
        page_config["eduNotebooks"] = notebook_list(root, notebook_path or "")
    elif target.suffix == ".ipynb":
        page_config["eduTitle"] = notebook_title(target) or target.stem
    return page_config  # tree pages use the dict they passed (mutated), the renderer the one returned


def main(argv: list[str] | None = None) -> None:
    """``python -m edu_helpers.ui.present [NOTEBOOKS] [--port=8866]``: the class view (``make present``)."""
    import argparse

    parser = argparse.ArgumentParser(description="课堂视图 the class view (Voilà)")
    parser.add_argument("notebooks", nargs="?", default="notebooks")
    parser.add_argument("--port", type=int, default=8866)
    args = parser.parse_args(argv)
    command, env = voila_command(args.notebooks, args.port)
    os.execvpe(command[0], command, os.environ | env)


if __name__ == "__main__":
    main()
