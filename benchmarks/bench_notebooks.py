"""笔记本基准。Each notebook's headless run time: ``notebooks/*.ipynb`` executed top to bottom with nbclient.

A round is what a reader's "Restart and Run All" costs: a fresh kernel (its start-up counted), every cell,
then shutdown, in test mode (``EDU_TEST_MODE=1``) against a fresh temporary annotation store
(``EDU_ANNOTATIONS``), in a temporary copy of ``notebooks/``. Target: ≤ 30 s per notebook on a two-core
machine, so that ``make test`` (which runs every notebook too) stays well inside CI's 15 minutes.
A notebook that raises gets a row with no value and the error, and does not stop the others.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .harness import median, rounds, row, spread

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
TARGET_S = 30.0
ROUNDS = 3
CELL_TIMEOUT_S = 600


@contextmanager
def patched_environ(**values: str):
    """Set environment variables for the kernels started inside, then restore them."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def execute_once(notebook: Path) -> float:
    """Seconds to run ``notebook`` in a fresh kernel, in a temporary copy of its folder and store."""
    with tempfile.TemporaryDirectory(prefix="edu-bench-") as tmp:
        folder = Path(shutil.copytree(notebook.parent, Path(tmp) / "notebooks"))
        nb = nbformat.read(folder / notebook.name, as_version=4)
        client = NotebookClient(
            nb, kernel_name="python3", timeout=CELL_TIMEOUT_S, resources={"metadata": {"path": str(folder)}}
        )
        with patched_environ(
            EDU_TEST_MODE="1",
            EDU_ANNOTATIONS=str(Path(tmp) / "annotations.sqlite"),
            IPYTHONDIR=str(Path(tmp) / "ipython"),
            JUPYTER_PREFER_ENV_PATH="1",
        ):
            t0 = time.perf_counter()
            client.execute()
            return time.perf_counter() - t0


def run() -> list[dict]:
    """One row per notebook: median seconds of a headless run (none when there are no notebooks yet)."""
    n = rounds(ROUNDS, 1)
    out = []
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        name = f"notebook {notebook.stem}"
        try:
            samples = [execute_once(notebook) for _ in range(n)]
        except Exception as exc:  # CellExecutionError, a dead kernel…: report it, go on with the next
            error = f"{getattr(exc, 'ename', type(exc).__name__)}: {getattr(exc, 'evalue', exc)}"
            out.append(row(name, None, "s", f"≤ {TARGET_S:.0f} s", False, f"error: {error[:300]}"))
            continue
        value = median(samples)
        detail = f"nbclient, fresh kernel, test mode; {spread(samples, fmt='.1f')} s"
        out.append(row(name, round(value, 2), "s", f"≤ {TARGET_S:.0f} s", value <= TARGET_S, detail))
    return out
