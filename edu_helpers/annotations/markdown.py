"""学习笔记（Markdown）。A study-notes Markdown file: headline and date, then per section the
quotes with kind, tags and note.

Everything a user typed may end up in an HTML rendering of this file (Jupyter, a Markdown
viewer), so ``& < >`` are written as entities everywhere: a note keeps its Markdown formatting
but a ``<script>`` in it stays text. Quotes, tags, kinds and authors also have Markdown's
special characters escaped, so they show exactly as written.
"""

from __future__ import annotations

from edu_helpers.annotations.anchor import FUZZY, MOVED, ORPHAN, Placed
from edu_helpers.annotations.model import Reply
from edu_helpers.annotations.threads import thread_markdown
from edu_helpers.markup import md_block, md_text
from edu_helpers.text.document import Document

_STATUS_NOTE = {MOVED: "原文位置已变动 (moved)", FUZZY: "原文已改动，近似定位 (fuzzy match)"}


def _entry(p: Placed) -> list[str]:
    a = p.annotation
    meta = [f"**{md_text(a.kind)}**" if a.kind else "批注"]
    if a.tags:
        meta.append("标签：" + "、".join(md_text(t) for t in a.tags))
    if a.author:
        meta.append(f"作者：{md_text(a.author)}")
    where = p.paragraph_id or a.paragraph_id
    if where:
        meta.append(f"段落 {where}")
    if p.status in _STATUS_NOTE:
        meta.append(_STATUS_NOTE[p.status])
    lines = [f"> {md_text(a.exact)}", "", " · ".join(meta), ""]
    if a.note.strip():
        lines += [md_block(a.note.strip()), ""]
    return lines


def study_notes(
    placed: list[Placed], doc: Document, *, generated: str, replies: dict[str, list[Reply]] | None = None
) -> str:
    """The 学习笔记 Markdown for ``doc``: one ``##`` heading per section holding annotations, in
    text order; annotations that could not be placed come last, under their own heading. Each
    note is followed by its thread (``replies``: annotation id → replies, oldest first)."""
    replies = replies or {}
    placed = sorted(placed, key=lambda p: (p.start is None, p.start or 0, p.annotation.created))
    lines = [f"# 学习笔记：{md_text(doc.title)}", ""]
    if doc.date:
        lines.append(f"- 报告日期：{md_text(doc.date)}")
    lines += [f"- 导出时间：{generated}", f"- 批注：{len(placed)} 条"]
    if n_replies := sum(len(replies.get(p.annotation.id, [])) for p in placed):
        lines.append(f"- 回复：{n_replies} 条")
    lines.append("")
    if not placed:
        lines += ["（暂无批注 no annotations yet）", ""]
    current: object = ()  # no group yet (None is the headline's group)
    for p in placed:
        group = "orphan" if p.status == ORPHAN else p.section
        if group != current:
            current = group
            if group == "orphan":
                heading = "未能定位的批注（原文已改动）/ Orphans"
            elif group is None:
                heading = "标题 / Headline"
            else:
                heading = md_text(doc.section_records[group].title)
            lines += [f"## {heading}", ""]
        lines += _entry(p) + thread_markdown(replies.get(p.annotation.id, []))
    return "\n".join(lines).rstrip("\n") + "\n"
