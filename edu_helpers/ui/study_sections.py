"""笔记本里的“一个部分”：原文、条目、关键词、术语、主题、思考题。What the walkthrough notebooks (01–05) call for
one section; :mod:`edu_helpers.ui.study` re-exports every function, so notebooks say ``study.section_text(…)``.

A ``section`` argument is a 0-based section index or a list of them; indexes the document does not have are
skipped (so a notebook written for the bundled report still runs on another document).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from IPython.display import HTML
from pandas.io.formats.style import Styler

from edu_helpers.analysis.prompts import prompts_for
from edu_helpers.analysis.topics import load_taxonomy, tag_passages
from edu_helpers.text.document import Document
from edu_helpers.ui import html as R
from edu_helpers.ui.html import class_view

Sections = int | Sequence[int]


def sections_of(doc: Document, section: Sections | None) -> list[int]:
    """The valid section indexes among ``section`` (``None``: all of them)."""
    return doc.section_indexes(section, strict=False)


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
