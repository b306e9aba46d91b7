"""界面的 HTML 小件。HTML pieces of the notebook interface: chips, messages, styled tables, shared CSS.

Escaping and highlighting are :mod:`edu_helpers.markup`'s (re-exported here so that widget code reads
``R.esc``, ``R.highlight_layers``): nothing here trusts its input.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from edu_helpers.data_files import bundled_toml
from edu_helpers.markup import (
    NEUTRAL,
    color,
    css_class,
    download_link,
    esc,
    highlight,
    highlight_layers,
    merge_spans,
    table,
    truncate,
)

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

    from edu_helpers.errors import DocumentError

#: Chinese for the readers' problems (shown with a report that cannot be opened).
PROBLEM_LABELS = "problem_labels.toml"

__all__ = [
    "NEUTRAL",
    "STYLE",
    "chip",
    "class_view",
    "color",
    "css_class",
    "document_error",
    "download_link",
    "esc",
    "highlight",
    "highlight_layers",
    "merge_spans",
    "message",
    "problem_label",
    "shown_path",
    "styled",
    "table",
    "truncate",
]


def class_view() -> bool:
    """Whether this kernel serves the class view: ``EDU_CLASS_VIEW=1`` (set by ``ui.present.voila_command``)
    or any kernel Voilà started (it sets ``VOILA_*`` variables). The class view shows no developer text
    (file paths, parameters, commands) and starts in projector mode."""
    flag = os.environ.get("EDU_CLASS_VIEW", "").strip().lower()
    if flag in {"0", "false", "no"}:
        return False
    return flag in {"1", "true", "yes"} or any(k in os.environ for k in ("VOILA_KERNEL_ID", "VOILA_PREHEAT"))


def shown_path(path: str | Path) -> str:
    """A written file as a page names it: its full path in JupyterLab, only its name in the class view (the
    server's folders are developer text there; the download link beside it is what the class uses)."""
    return Path(path).name if class_view() else str(path)


def chip(label: object, colour: object = None, *, cls: str = "edu-chip") -> str:
    """A small rounded label (a topic, kind or tag) with an optional background colour."""
    style = f' style="background:{color(colour)}33;border-color:{color(colour)}"' if colour else ""
    return f'<span class="{esc(cls)}"{style}>{esc(label)}</span>'


def message(text: object, level: str = "info") -> str:
    """A one-line status message (``info``, ``ok``, ``warn`` or ``error``), escaped."""
    level = level if level in {"info", "ok", "warn", "error"} else "info"
    return f'<div class="edu-msg edu-msg-{level}">{esc(text)}</div>'


def problem_label(problem: str) -> str | None:
    """The Chinese for a reader's problem (``DocumentError.problem``) from ``data/problem_labels.toml``: the
    first pattern matching its start, ``{n}`` filled from the pattern's group ``n``; ``None`` if none matches.

    >>> problem_label("no such file"), problem_label("something new")
    ('找不到这个文件：路径写错了，或者文件已经移走', None)
    """
    for entry in bundled_toml(PROBLEM_LABELS).get("problem", []):
        if m := re.match(entry["pattern"], problem):
            return entry["zh"].replace("{n}", (m.groupdict().get("n") or ""))
    return None


def document_error(exc: DocumentError) -> str:
    """A report that cannot be opened, said in the notebook: which file (its name only in the class view), the
    problem in Chinese (:func:`problem_label`) with the reader's own words after it, and what to do (in
    JupyterLab: the parameter to change; in the class view: ask in Lab)."""
    where = shown_path(exc.path) if exc.path else "这段文本"
    zh = problem_label(exc.problem)
    problem = f"{zh}。（{exc.problem}）" if zh else f"{exc.problem}。"
    todo = (
        "请老师在 JupyterLab 里换一个报告文件。"
        if class_view()
        else "请在参数单元格里把 DOCUMENT_PATH 改成要读的报告文件（None 为随附的报告），再运行。"
    )
    return message(f"无法打开报告 {where}：{problem}{todo}", "error")


def styled(df: pd.DataFrame, *, index: bool = False, precision: int = 3) -> Styler:
    """A DataFrame for reading: text left-aligned, short columns never squeezed to one character a line.

    Jupyter right-aligns table cells, which suits numbers but not Chinese sentences. The DataFrame
    itself is ``result.data``. Unlike ``DataFrame.to_html``, a Styler does not escape by default: every
    value and label is escaped here explicitly, since tables hold notes and tags people typed.

    Args:
        df: the table.
        index: show the index (e.g. when it is meaningful, like an item number); its name heads it on the
            one header row of the table.
        precision: decimals shown for floats.
    """
    cells = [("text-align", "left"), ("vertical-align", "top"), ("min-width", "3.5em")]
    if index and df.index.name is not None:  # a named index gets a header row of its own (部分, 条目): the
        df = df.rename_axis(index=None, columns=df.index.name)  # columns' name sits in that corner instead
    styler = df.style.format(precision=precision, escape="html").format_index(escape="html", axis=0)
    styler = styler.format_index(escape="html", axis=1).set_table_styles(
        [{"selector": "td, th", "props": cells}, {"selector": "th", "props": [("white-space", "nowrap")]}]
    )
    ids = [c for c in df.columns if _is_id_column(df[c])]
    if ids:  # p01-s02 never wraps as p01- / s02
        styler = styler.set_properties(subset=ids, **{"white-space": "nowrap"})
    return styler if index else styler.hide(axis="index")


def _is_id_column(column: pd.Series) -> bool:
    values = column.dropna()
    return len(values) > 0 and all(isinstance(v, str) and ID_PATTERN.fullmatch(v) for v in values)


#: Ids of paragraphs and sentences (p01, p03-s02) and similar short codes that must stay on one line.
ID_PATTERN = re.compile(r"[A-Za-z]{1,3}\d+(?:-[A-Za-z]{1,3}\d+)*")


#: Shared styles for the HTML the widgets render (one ``<style>`` per output, scoped by class).
STYLE = """<style>
.edu-chip{display:inline-block;padding:0 .45em;margin:0 .25em .15em 0;border:1px solid #ccc;border-radius:.8em;
  font-size:.85em;line-height:1.5;white-space:nowrap}
.edu-msg{padding:.25em .5em;border-radius:4px;margin:.2em 0}
.edu-msg-ok{background:#e7f5ea;color:#1e6b34}.edu-msg-warn{background:#fff4dc;color:#7a5200}
.edu-msg-error{background:#fde8e6;color:#9b1c10}.edu-msg-info{color:#555}
.edu-passage{margin:.4em 0 .8em;padding:.5em .7em;border-left:3px solid #ddd;line-height:1.9;max-width:48em}
.edu-passage-meta{font-size:.85em;color:#666;margin-bottom:.2em}
.edu-passage mark{background:none;color:inherit;padding:0 1px}
.edu-passage mark.match{background:#ffe066}
.edu-passage mark.term{border-bottom:2px solid #4A90D9}
.edu-passage mark.annotation{outline:1px dashed #9b59b6;outline-offset:1px}
.edu-id{white-space:nowrap;font-variant-numeric:tabular-nums}
.edu-table{border-collapse:collapse;margin:.3em 0}.edu-table td,.edu-table th{border:1px solid #ddd;padding:.2em .5em;
  text-align:left;vertical-align:top}
.edu-note{margin:.5em 0;padding:.5em .7em;border-left:4px solid #ccc;background:#fafafa;line-height:1.7}
.edu-note-quote{font-weight:600}.edu-note-text{white-space:pre-wrap;margin-top:.2em}
.edu-note-meta{font-size:.85em;color:#666}.edu-orphan{background:#fff4dc}
.edu-section-text p{line-height:2;margin:.3em 0 .7em;text-indent:2em}
.edu-section-text p.edu-item{border-left:3px solid #4A90D9;padding-left:.6em}
.edu-prompts li{margin:.3em 0;line-height:1.8}
</style>"""
