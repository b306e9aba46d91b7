"""课堂汇总报告：Markdown 与 HTML。The class summary rendered for the projector or a file.

Every string a student wrote (names, notes, tags, quotes) is escaped, in the HTML and in the
Markdown alike (Markdown viewers pass raw HTML through).

CSS classes of the HTML: ``edu-class-report`` (the whole report), ``edu-class-stats`` (the
summary line), ``edu-heatmap`` (the text), ``edu-heat-section`` (a section heading),
``edu-heat-paragraph`` (a paragraph), ``edu-heat`` (a sentence; ``data-students`` holds the
count, the background its strength), ``edu-heat-legend``, ``edu-class-kinds`` and
``edu-class-tags`` (tables), ``edu-questions`` (the list) and ``edu-question`` (one 疑问).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd

from edu_helpers.markup import download_link, esc, md_text
from edu_helpers.teaching.classroom import ClassSession, ClassSummary, summarise

#: Heat colour (red-orange of the 疑问 kind is avoided: the map shows attention, not doubt).
HEAT_RGB = (230, 140, 30)

CSS = """
.edu-class-report { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  line-height: 1.8; max-width: 48em; margin: 0 auto; color: #222; }
.edu-class-stats { color: #555; }
.edu-heat { border-radius: 3px; }
.edu-heat-section { font-weight: bold; margin-top: 1em; }
.edu-heat-legend span { display: inline-block; padding: 0 .6em; margin-right: .3em; border-radius: 3px; }
.edu-class-kinds, .edu-class-tags { border-collapse: collapse; }
.edu-class-kinds td, .edu-class-kinds th, .edu-class-tags td, .edu-class-tags th {
  border: 1px solid #ccc; padding: .2em .6em; text-align: left; }
.edu-question { margin-bottom: .6em; }
.edu-question blockquote { margin: 0 0 0 1em; color: #444; }
@media print { .edu-heat { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


def _alpha(n: int, top: int) -> float:
    return 0.0 if n <= 0 or top <= 0 else round(0.15 + 0.65 * n / top, 2)


def _stats(s: ClassSummary) -> str:
    who = "（匿名显示）" if s.anonymised else ""
    orphans = f"，{s.n_orphans} 条已找不到原文位置" if s.n_orphans else ""
    return f"{len(s.students)} 名学生{who}，共 {s.n_annotations} 条批注{orphans}。学生：{'、'.join(s.students)}"


def heatmap_html(s: ClassSummary) -> str:
    """The text, each sentence shaded by how many students marked it (an HTML fragment)."""
    top = int(s.sentences["n_students"].max() or 0) if len(s.sentences) else 0
    r, g, b = HEAT_RGB
    legend = "".join(
        f'<span style="background: rgba({r},{g},{b},{_alpha(n, top)})">{n} 人</span>' for n in range(1, top + 1)
    )
    parts = [f'<div class="edu-heat-legend">标注人数：{legend or "尚无批注"}</div>', '<div class="edu-heatmap">']
    section = None
    for pid, rows in itertools.groupby(s.sentences.itertuples(), key=lambda row: row.id.split("-")[0]):
        rows = list(rows)
        if rows[0].section != section:
            section = rows[0].section
            parts.append(f'<div class="edu-heat-section">{esc(s.section_titles[section])}</div>')
        spans = []
        for row in rows:
            n = int(row.n_students)
            style = f' style="background: rgba({r},{g},{b},{_alpha(n, top)})"' if n else ""
            spans.append(
                f'<span class="edu-heat" data-id="{esc(row.id)}" data-students="{n}" title="{n} 名学生标注"{style}>'
                f"{esc(row.text)}</span>"
            )
        parts.append(f'<p class="edu-heat-paragraph" data-id="{esc(pid)}">{"".join(spans)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def _table_html(df: pd.DataFrame, css: str, index: bool) -> str:
    head = ([df.index.name or ""] if index else []) + [str(c) for c in df.columns]
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in ([i] if index else []) + list(r)) + "</tr>"
        for i, r in zip(df.index, df.itertuples(index=False), strict=True)
    )
    return f'<table class="{css}"><tr>{"".join(f"<th>{esc(h)}</th>" for h in head)}</tr>{rows}</table>'


def _tags_frame(s: ClassSummary) -> pd.DataFrame:
    cols = {"section_title": "部分", "tag": "标签", "n_annotations": "批注数", "n_students": "人数"}
    return s.tags[list(cols)].rename(columns=cols)


def questions_html(s: ClassSummary) -> str:
    """The 疑问 list (an HTML fragment)."""
    if s.questions.empty:
        return '<p class="edu-questions">暂无疑问。</p>'
    items = []
    for q in s.questions.itertuples():
        tags = "".join(f" #{esc(t)}" for t in q.tags or ())
        note = f"<div>{esc(q.note)}</div>" if q.note else ""
        items.append(
            f'<li class="edu-question"><blockquote>{esc(q.quote)}</blockquote>{note}'
            f"<small>{esc(q.section_title or '')} · {esc(q.author)}{tags}</small></li>"
        )
    return f'<ol class="edu-questions">{"".join(items)}</ol>'


def sections_html(s: ClassSummary) -> str:
    """Kinds and tags per section: two tables (an HTML fragment)."""
    tags = _table_html(_tags_frame(s), "edu-class-tags", index=False) if len(s.tags) else "<p>暂无标签。</p>"
    kinds = _table_html(s.kinds.rename_axis("部分"), "edu-class-kinds", index=True)
    return f"<h3>各部分的批注类型</h3>{kinds}<h3>各部分的标签</h3>{tags}"


def summary_html(s: ClassSummary, *, full_page: bool = True) -> str:
    """The whole report as HTML: a self-contained page, or a fragment for a notebook."""
    body = "\n".join(
        [
            f'<div class="edu-class-report"><h1>{esc(s.title)} · 课堂批注汇总</h1>',
            f'<p class="edu-class-stats">{esc(s.date)} {esc(_stats(s))}</p>',
            "<h2>全班标注热力图</h2>",
            heatmap_html(s),
            "<h2>各部分的批注类型与标签</h2>",
            sections_html(s),
            "<h2>待讨论的疑问</h2>",
            questions_html(s),
            "</div>",
        ]
    )
    if not full_page:
        return f"<style>{CSS}</style>\n{body}"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{esc(s.title)} · 课堂批注汇总</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def summary_markdown(s: ClassSummary) -> str:
    """The whole report as Markdown (user text escaped)."""
    out = [
        f"# {md_text(s.title)} · 课堂批注汇总",
        "",
        f"{md_text(s.date)} {md_text(_stats(s))}".strip(),
        "",
        "## 各段标注人数",
        "",
    ]
    out += ["| 段落 | 部分 | 人数 | 批注数 | 开头 |", "|---|---|---|---|---|"]
    for p in s.paragraphs.itertuples():
        head = p.text if len(p.text) <= 24 else p.text[:23] + "…"
        count = f"{p.n_students} {'■' * int(p.n_students)}".rstrip()
        out.append(
            f"| {p.id} | {md_text(s.section_titles[p.section])} | {count} | {p.n_annotations} | {md_text(head)} |"
        )
    out += ["", "## 各部分的批注类型", "", "| 部分 | " + " | ".join(md_text(k) for k in s.kinds.columns) + " |"]
    out.append("|---" * (len(s.kinds.columns) + 1) + "|")
    for title, row in s.kinds.iterrows():
        out.append(f"| {md_text(title)} | " + " | ".join(str(int(v)) for v in row) + " |")
    out += ["", "## 各部分的标签", ""]
    if len(s.tags):
        out += ["| 部分 | 标签 | 批注数 | 人数 |", "|---|---|---|---|"]
        for t in s.tags.itertuples():
            out.append(f"| {md_text(t.section_title)} | {md_text(t.tag)} | {t.n_annotations} | {t.n_students} |")
    else:
        out.append("暂无标签。")
    out += ["", "## 待讨论的疑问", ""]
    for i, q in enumerate(s.questions.itertuples(), 1):
        tags = "".join(f" #{md_text(t)}" for t in q.tags or ())
        out.append(f"{i}. > {md_text(q.quote)}")
        if q.note:
            out.append(f"   {md_text(q.note)}")
        out.append(f"   （{md_text(q.section_title or '')} · {md_text(q.author)}{tags}）")
    if s.questions.empty:
        out.append("暂无疑问。")
    return "\n".join(out) + "\n"


def write_class_files(session: ClassSession, *, anonymise: bool = True) -> list[Path]:
    """Write the class summary (HTML and Markdown) and the handout of every section into
    ``session.exports``; returns the paths.

    Each file replaces the one this wrote before, atomically, but never the class store, a student's
    file, the document or any SQLite file (:func:`~edu_helpers.annotations.outputs.write_output`).

    Raises:
        OutputError: one of the paths is protected.
    """
    from edu_helpers.annotations.outputs import write_output
    from edu_helpers.teaching.classroom import student_files
    from edu_helpers.teaching.handout import handout_html

    session.exports.mkdir(parents=True, exist_ok=True)
    summary = summarise(session.store, session.doc, anonymise=anonymise)
    doc_path = session.doc.path
    protect = {
        "stores": [session.store.path],
        "inputs": [*student_files(session.folder), *([doc_path, doc_path.with_suffix(".toml")] if doc_path else [])],
    }
    texts = {"课堂汇总.html": summary_html(summary), "课堂汇总.md": summary_markdown(summary)}
    texts["学习材料.html"] = handout_html(session.doc)
    return [write_output(text, session.exports / name, force=True, **protect) for name, text in texts.items()]


def files_html(paths: list[Path], *, names_only: bool = False) -> str:
    """Each file's path (``names_only``: its name, for the class view) and a download link that works offline,
    in JupyterLab and in Voilà."""
    mime = {".html": "text/html", ".md": "text/markdown"}
    rows = [
        f"<li><code>{esc(p.name if names_only else p)}</code> "
        f"{download_link(p, label='下载', mime=mime.get(p.suffix, 'text/plain'))}</li>"
        for p in paths
    ]
    return f'<ul class="edu-class-files">{"".join(rows)}</ul>'
