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

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from IPython.display import HTML, display
from pandas.io.formats.style import Styler

from edu_helpers.analysis.prompts import prompts_for
from edu_helpers.analysis.topics import load_taxonomy, tag_passages
from edu_helpers.annotations import AnnotationStore
from edu_helpers.text.document import Document
from edu_helpers.text.load import load_document
from edu_helpers.ui import html as R
from edu_helpers.ui.study_classroom import (  # noqa: F401  the classroom notebook's calls, study.* like the rest
    class_files,
    classroom_view,
    cloze_quiz,
    merge_again,
    open_class,
)
from edu_helpers.ui.study_compare import (  # noqa: F401  the compare notebook's calls (10)
    cooccurrence_heatmap,
    cooccurrence_table,
    corpus_table,
    first_appearances,
    keyness_chart,
    keyness_table,
    kwic_browser,
    open_corpus,
    pick,
    structure_diff,
    term_changes,
    trend_chart,
)

#: ``EDU_TEST_MODE=1``: the tests run the notebooks headless; charts and lists are kept short.
TEST_MODE = os.environ.get("EDU_TEST_MODE", "").strip().lower() in {"1", "true", "yes"}


def class_view() -> bool:
    """Whether this kernel serves the class view: ``EDU_CLASS_VIEW=1`` (set by ``ui.present.voila_command``)
    or any kernel Voilà started (it sets ``VOILA_*`` variables). The class view shows no developer text
    (file paths, parameters, commands) and starts in projector mode."""
    flag = os.environ.get("EDU_CLASS_VIEW", "").strip().lower()
    if flag in {"0", "false", "no"}:
        return False
    return flag in {"1", "true", "yes"} or any(k in os.environ for k in ("VOILA_KERNEL_ID", "VOILA_PREHEAT"))


def projector(on: bool | None = None):
    """The 投影模式 switch (:class:`~edu_helpers.ui.widgets.projector.ProjectorSwitch`): large text, full width;
    ``on=None`` starts it on in the class view, off in JupyterLab."""
    from edu_helpers.ui.widgets.projector import ProjectorSwitch

    return ProjectorSwitch(on=class_view() if on is None else bool(on))


Sections = int | Sequence[int]


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
    doc = load_document(document_path)
    display(load_line(doc))
    return Study(doc, AnnotationStore(store_path))


def load_line(doc: Document) -> HTML:
    """One line under a notebook's title: what loading did (format, encoding, script, changes, warnings)."""
    report = doc.load_report
    text = report.summary() if report is not None else ""
    return HTML(f'<div class="edu-load-report" style="font-size:90%;color:#555">载入：{R.esc(text)}</div>')


def sections_of(doc: Document, section: Sections | None) -> list[int]:
    """The valid section indexes among ``section`` (``None``: all of them)."""
    return doc.section_indexes(section, strict=False)


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


# --- one section -----------------------------------------------------------------------------------
def section_header(doc: Document, section: Sections) -> HTML:
    """The section's number, title and size; a notice if the document has no such section."""
    found = sections_of(doc, section)
    if not found:
        hint = "" if class_view() else "：请在参数单元格中改 SECTION"
        return HTML(R.message(f"这份文档只有 {len(doc.section_records)} 个部分{hint}。", "warn"))
    df = doc.sections.set_index("section")
    head = "".join(f"<div><b>{R.esc(t)}</b></div>" for t in (doc.title, *doc.subtitles)) if 0 in found else ""
    parts = [head] + [
        f"<h3>第 {i + 1} 部分 · {R.esc(df.at[i, 'title'])}</h3><p>{df.at[i, 'n_paragraphs']} 段，"
        f"{df.at[i, 'n_items']} 个编号条目，{df.at[i, 'n_chars']} 字。</p>"
        for i in found
    ]
    return HTML("".join(parts))


def section_text(doc: Document, section: Sections) -> HTML:
    """The section as clean readable text; numbered items marked at the left."""
    out = []
    for i in sections_of(doc, section):
        paras = [doc.paragraph(pid) for pid in doc.section_records[i].paragraph_ids]
        body = "".join(
            f'<p class="{"edu-item" if p.item is not None else ""}" data-id="{R.esc(p.id)}">{R.esc(p.text)}</p>'
            for p in paras
        )
        out.append(f'<div class="edu-section-text" lang="zh-CN">{body}</div>')
    return HTML(R.STYLE + "".join(out))


def section_items(doc: Document, section: Sections) -> Styler | HTML:
    """The numbered items (一是…七是, 一要…四要), indexed by number: paragraph, first sentence, length.

    A section without numbered items gets a one-line note instead of an empty table.
    """
    wanted = sections_of(doc, section)
    rows = [
        {
            "条目": p.item,
            "段落": p.id,
            "要点（首句）": p.sentences[0].text if p.sentences else p.text,
            "字数": len(p.text),
        }
        for p in doc.paragraph_records
        if p.section in wanted and p.item is not None
    ]
    if not rows:
        return HTML(R.message("这一部分没有编号条目：它是一段连贯的话，可以按句号和分号分层来读。"))
    return R.styled(pd.DataFrame(rows).set_index("条目"), index=True)


def section_subitems(doc: Document, section: Sections) -> Styler | HTML:
    """Inline items inside the section's paragraphs (the ；-separated achievements of a review, 一是…二是… in
    one paragraph): 序号, 段落, 内容, 字数; a one-line note when there are none."""
    df = doc.subitems[doc.subitems["section"].isin(sections_of(doc, section))]
    if df.empty:
        return HTML(R.message("这一部分的段落里没有用分号或“一是、二是”并列的条目。"))
    table = pd.DataFrame({"序号": range(1, len(df) + 1), "段落": df["paragraph_id"], "内容": df["text"]})
    return R.styled(table.assign(字数=df["text"].str.len().to_numpy()))


def section_keywords(doc: Document, section: Sections, n: int = 12) -> Styler:
    """Top ``n`` keywords (TF-IDF) of each section asked for: 部分, 关键词, 权重."""
    frames = [doc.keywords(n, section=i).assign(部分=doc.section_records[i].title) for i in sections_of(doc, section)]
    if not frames:
        return R.styled(pd.DataFrame(columns=["部分", "关键词", "权重"]))
    df = pd.concat(frames, ignore_index=True).rename(columns={"word": "关键词", "weight": "权重"})
    return R.styled(df[["部分", "关键词", "权重"]])


def section_terms(doc: Document, section: Sections) -> Styler:
    """提法 and glossary terms occurring in the section(s): 词语, 类型, 次数, 解释."""
    from edu_helpers.ui.widgets.terms import terms_in

    return R.styled(terms_in(doc, sections_of(doc, section)))


def section_topics(doc: Document, section: Sections) -> Styler:
    """Topics of the section's paragraphs: 主题, 段落数, 依据 (the words that earned it)."""
    wanted = sections_of(doc, section)
    tags = tag_passages(doc)
    tags = tags[(tags["level"] == "paragraph") & tags["section"].isin(wanted)]
    rows = []
    for topic in load_taxonomy().names:
        mine = tags[tags["topic"] == topic]
        if len(mine):
            words = dict.fromkeys(kw for ev in mine["evidence"] for kw, _, _ in ev)
            rows.append({"主题": topic, "段落数": mine["id"].nunique(), "依据": "、".join(words)})
    df = pd.DataFrame(rows, columns=["主题", "段落数", "依据"])
    return R.styled(df.sort_values("段落数", ascending=False, kind="stable").reset_index(drop=True))


def prompts_view(doc: Document, section: Sections) -> HTML:
    """思考题 of the section(s), numbered."""
    out = []
    for i in sections_of(doc, section):
        items = "".join(f"<li>{R.esc(p)}</li>" for p in prompts_for(doc, i))
        out.append(f"<h4>{R.esc(doc.section_records[i].title)}</h4><ol class='edu-prompts'>{items}</ol>")
    return HTML(R.STYLE + '<div class="edu-prompts-box">' + "".join(out) + "</div>")


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
