"""笔记本调用的小函数：笔记本只写叙述和几行调用。Small functions the notebooks call.

Each returns something a notebook cell displays: an ``IPython.display.HTML``, a table with Chinese
column names (a pandas ``Styler`` for easy reading: ``.data`` is the DataFrame), an altair chart or
a widget. A ``section`` argument is a 0-based section
index or a list of them; indexes the document does not have are skipped (so a notebook written
for the bundled report still runs on another document). A notebook cell::

    from edu_helpers.ui import study

    doc, store = study.open_study(DOCUMENT_PATH, STORE_PATH)
    study.section_items(doc, 3)
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from IPython.display import HTML, display
from pandas.io.formats.style import Styler

from edu_helpers.annotations import AnnotationStore
from edu_helpers.errors import DocumentError
from edu_helpers.text.document import Document
from edu_helpers.text.load import load_document
from edu_helpers.ui import html as R
from edu_helpers.ui.study_sections import (  # noqa: F401  the walkthroughs' calls for one section
    Sections,
    class_view,
    prompts_view,
    section_header,
    section_items,
    section_keywords,
    section_subitems,
    section_terms,
    section_text,
    section_topics,
    sections_of,
)

#: The classroom notebook's calls (09) and the compare notebook's (10), ``study.*`` like the rest: imported on
#: first use, so that the other notebooks do not pay for the class and corpus stages.
_LAZY = {
    **dict.fromkeys(("class_files", "classroom_view", "cloze_quiz", "merge_again", "open_class"), "study_classroom"),
    **dict.fromkeys(
        (
            "cooccurrence_heatmap",
            "cooccurrence_table",
            "corpus_table",
            "first_appearances",
            "keyness_chart",
            "keyness_table",
            "kwic_browser",
            "open_corpus",
            "pick",
            "structure_diff",
            "term_changes",
            "trend_chart",
        ),
        "study_compare",
    ),
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"edu_helpers.ui.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'edu_helpers.ui.study' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


#: ``EDU_TEST_MODE=1``: the tests run the notebooks headless; charts and lists are kept short.
TEST_MODE = os.environ.get("EDU_TEST_MODE", "").strip().lower() in {"1", "true", "yes"}


def projector(on: bool | None = None):
    """The 投影模式 switch (:class:`~edu_helpers.ui.widgets.projector.ProjectorSwitch`): large text, full width;
    ``on=None`` starts it on in the class view, off in JupyterLab."""
    from edu_helpers.ui.widgets.projector import ProjectorSwitch

    return ProjectorSwitch(on=class_view() if on is None else bool(on))


class Study(NamedTuple):
    """What a notebook works on: the document and the learner's annotation store."""

    doc: Document
    store: AnnotationStore


def open_study(document_path: str | Path | None = None, store_path: str | Path | None = None) -> Study:
    """Load the document and open the annotation store.

    Args:
        document_path: a report file; ``None`` for the bundled 2023 report.
        store_path: the annotation store; ``None`` for ``$EDU_ANNOTATIONS`` or ``annotations/notes.sqlite``.
    """
    try:
        doc = load_document(document_path)
    except DocumentError as exc:  # said in Chinese above the (one-line) error that stops the notebook
        display(HTML(R.STYLE + R.document_error(exc)))
        raise
    display(load_line(doc))
    return Study(doc, AnnotationStore(store_path))


def load_line(doc: Document) -> HTML:
    """One line under a notebook's title: what loading did (format, encoding, script, changes, warnings).

    The line names the file, not its folders; in JupyterLab the full path is the line's tooltip (the class view
    shows no paths).
    """
    report = doc.load_report
    text = report.summary() if report is not None else ""
    tip = f' title="{R.esc(report.path)}"' if report is not None and report.path and not class_view() else ""
    return HTML(f'<div class="edu-load-report"{tip} style="font-size:90%;color:#555">载入：{R.esc(text)}</div>')


# --- the document at a glance --------------------------------------------------------------------
def about(doc: Document, store: AnnotationStore) -> HTML:
    """Title, subtitles, date and place, size, and where the annotations are kept."""
    meta = [doc.date, str(doc.meta.get("place", "")), str(doc.meta.get("kind", ""))]
    lines = [
        f"<h3>{R.esc(doc.title)}</h3>",
        "".join(f"<div><b>{R.esc(s)}</b></div>" for s in doc.subtitles),
        f"<p>{R.esc(' · '.join(m for m in meta if m))}</p>",
        f"<p>共 {len(doc.section_records)} 个部分、{len(doc.paragraph_records)} 段、"
        f"{len(doc.sentence_records)} 句、{sum(len(p.text) for p in doc.paragraph_records)} 字。</p>",
        f"<p>现有 {len(store)} 条批注。</p>"
        if class_view()
        else f"<p>批注保存在 <code>{R.esc(store.path)}</code>（现有 {len(store)} 条）。</p>",
    ]
    return HTML(R.STYLE + "".join(lines))


def structure_table(doc: Document) -> Styler:
    """Sections with their cue, paragraphs, numbered items and length, Chinese column names."""
    df = doc.sections
    table = pd.DataFrame(
        {
            "部分": df["section"] + 1,
            "标题": df["title"],
            "提示语": df["cue"].fillna("—"),
            "段落": df["n_paragraphs"],
            "编号条目": df["n_items"],
            "字数": df["n_chars"],
        }
    ).set_index("部分")
    return R.styled(table, index=True)


def _charts():
    """The charts module (altair takes seconds to import: only notebooks with charts pay for it)."""
    from edu_helpers.ui.widgets import charts

    charts.use_offline_renderer()
    return charts


def structure_chart(doc: Document):
    """Characters per section (altair)."""
    return _charts().section_lengths(doc)


# --- widgets and charts ------------------------------------------------------------------------------
def annotator(doc: Document, store: AnnotationStore, section: Sections | None = None, *, author: str = ""):
    """An :class:`~edu_helpers.ui.widgets.Annotator` for the section(s) (``None``: the whole document)."""
    from edu_helpers.ui.widgets import Annotator

    return Annotator(doc, store, section=sections_of(doc, section) if section is not None else None, author=author)


def reading_view(doc: Document, section: Sections | None = None, *, mode: str = "精读"):
    """A :class:`~edu_helpers.ui.widgets.reading.ReadingView` (通读/细读/精读) opened at the (first) section."""
    from edu_helpers.ui.widgets.reading import ReadingView

    return ReadingView(doc, mode=mode, section=(sections_of(doc, section) or [0])[0])


def explorer(doc: Document):
    """A :class:`~edu_helpers.ui.widgets.PassageExplorer` over the whole document."""
    from edu_helpers.ui.widgets import PassageExplorer

    return PassageExplorer(doc)


def workbench(doc: Document, store: AnnotationStore, *, export_dir: str | Path | None = None):
    """An :class:`~edu_helpers.ui.widgets.AnnotationList` of all the document's annotations."""
    from edu_helpers.ui.widgets import AnnotationList

    return AnnotationList(doc, store, export_dir=export_dir)


def term_browser(doc: Document):
    """A :class:`~edu_helpers.ui.widgets.TermBrowser` of the 提法 and glossary terms."""
    from edu_helpers.ui.widgets import TermBrowser

    return TermBrowser(doc)


def topic_heatmap(doc: Document):
    """Topic × section heat map (altair)."""
    return _charts().topic_heatmap(doc)


def word_chart(doc: Document, n: int = 20, section: int | None = None):
    """The most frequent words as bars (altair); 10 in test mode."""
    return _charts().word_frequencies(doc, 10 if TEST_MODE else n, section=section)


# --- terms -------------------------------------------------------------------------------------------
def formulation_index(doc: Document) -> Styler:
    """The 提法 index: 提法, 规则, 加引号, 次数, 出现段落, 所在部分 (in order of first occurrence)."""
    from edu_helpers.ui.widgets.terms import formulation_index

    return R.styled(formulation_index(doc))


def new_formulations(doc: Document, *, dictionary_path: str | Path | None = None):
    """可能的新提法: candidates with high cohesion and free boundaries, and a button that saves the chosen
    ones into the reader's personal dictionary (the user's data folder, or ``dictionary_path``)."""
    from edu_helpers.ui.widgets.candidates import CandidatePanel

    return CandidatePanel(doc, dictionary_path=dictionary_path, top=8 if TEST_MODE else 20)


def glossary_table(doc: Document) -> Styler:
    """The glossary terms found in the document: 词语, 类型, 解释, 次数, 首次出现 (sentence id)."""
    from edu_helpers.ui.widgets.terms import glossary_table

    return R.styled(glossary_table(doc))


def annotation_table(doc: Document, store: AnnotationStore) -> Styler:
    """The document's annotations as a table: 部分, 类型, 标签, 引文, 批注, 位置, 创建 (UTC)."""
    df = store.to_frame(doc)
    status = {"anchored": "原位", "moved": "已移动", "fuzzy": "近似", "orphan": "孤立"}
    table = pd.DataFrame(
        {
            "部分": df["section_title"].fillna("—"),
            "类型": df["kind"].fillna("—"),
            "标签": df["tags"].map("、".join),
            "引文": df["quote"],
            "批注": df["note"],
            "位置": df["status"].map(status).fillna(df["status"]),
            "创建": df["created"].str.slice(0, 16).str.replace("T", " "),
        }
    )
    return R.styled(table)


def store_help(store: AnnotationStore) -> HTML:
    """Where annotations are kept and how to export them (widgets and command line; in the class view only the
    widgets: no paths, no commands)."""
    if class_view():
        return HTML(
            f"<p>现有 {len(store)} 条批注，每次保存立即写入，重新打开页面后仍在。导出：在 <b>批注工作台</b> 中点"
            "「导出学习笔记」「导出 CSV」「导出 JSON-LD」，再点下载链接。</p>"
        )
    path = R.esc(store.path)
    return HTML(
        f"<p>批注保存在 <code>{path}</code>（现有 {len(store)} 条）。它是一个 SQLite 文件，每次保存立即写入；"
        "重启内核或关闭 JupyterLab 后批注仍在。设置环境变量 <code>EDU_ANNOTATIONS</code> 可以换一个位置。</p>"
        "<p>导出：在 <b>07-annotation-workbench</b> 中点「导出学习笔记」「导出 CSV」「导出 JSON-LD」，"
        f"文件写到 <code>{R.esc(Path(store.path).parent / 'exports')}</code>，并给出下载链接。"
        "也可以用命令行：<code>python -m edu_helpers export --format markdown -o 学习笔记.md</code>。</p>"
    )
