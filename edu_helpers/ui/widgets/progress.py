"""载入进度条。A progress bar for :func:`edu_helpers.analysis.corpus.load_corpus` in a notebook.

:class:`LoadProgress` is the library's ``progress(done, total, label)`` callback drawn as an ipywidgets bar:
it appears only when more than :data:`SHOW_FROM` files are loaded (a few files are quicker than a bar) and
says what it did when the load ends. CSS class (stable): ``load-progress``.
"""

from __future__ import annotations

import ipywidgets as widgets

#: Fewer files than this load without a bar.
SHOW_FROM = 5


class LoadProgress:
    """A bar that follows a corpus load; pass it as ``load_corpus(..., progress=bar)``.

    Args:
        display: how to show the bar (default ``IPython.display.display``); tests pass a list's ``append``.
    """

    def __init__(self, display=None):
        if display is None:
            from IPython.display import display
        self._display = display
        self.bar = widgets.IntProgress(value=0, min=0, max=1, description="载入", bar_style="info")
        self.label = widgets.Label()
        self.box = widgets.HBox([self.bar, self.label])
        self.box.add_class("load-progress")
        self.shown = False

    def __call__(self, done: int, total: int, label: str) -> None:
        if total >= SHOW_FROM and not self.shown:
            self._display(self.box)
            self.shown = True
        self.bar.max = max(total, 1)
        self.bar.value = done
        self.label.value = f"{done}/{total} 篇" + ("（读自缓存）" if label == "cache" else f"：{label}")
        if done >= total:
            self.bar.bar_style = "success"
            self.bar.description = "完成"
