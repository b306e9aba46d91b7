"""学习材料：每个部分一页，可打印。Study handouts: a section's text, its prompts and room for notes.

:func:`handout_markdown` and :func:`handout_html` give one section, or every section (``section=None``);
the HTML is a self-contained page (no external files) with print CSS: A4, one section per page,
ruled lines for notes. Every text is escaped, in the HTML and in the Markdown alike.

CSS classes of the HTML: ``edu-handout`` (the page body), ``edu-handout-section`` (one section,
``data-section``), ``edu-handout-head`` (report title and date), ``edu-handout-text`` (the section
text), ``edu-handout-item`` (a numbered item), ``edu-handout-prompts`` / ``edu-handout-prompt``,
``edu-answer-lines`` (room under a prompt), ``edu-note-lines`` (the notes box), ``edu-rule`` (one
ruled line).

    >>> import edu_helpers
    >>> doc = edu_helpers.load_document()
    >>> print(handout_markdown(doc, 4).splitlines()[0])
    # 学习材料 · 工作要求
"""

from __future__ import annotations

from pathlib import Path

from edu_helpers.analysis.prompts import prompts_for
from edu_helpers.markup import esc, md_text
from edu_helpers.text.document import Document

#: Ruled lines under each prompt, and in the notes box at the end of a section.
ANSWER_LINES, NOTE_LINES = 3, 8

CSS = """
@page { size: A4; margin: 18mm 16mm; }
body.edu-handout { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif;
  font-size: 11.5pt; line-height: 1.8; color: #111; max-width: 46em; margin: 2em auto; }
.edu-handout h1 { font-size: 16pt; margin: 0 0 .2em; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
.edu-handout h2 { font-size: 12.5pt; margin: 1.2em 0 .4em; font-family: "Noto Sans CJK SC", sans-serif; }
.edu-handout-head { color: #555; font-size: 10pt; }
.edu-handout-text p { text-indent: 2em; margin: .3em 0; }
.edu-handout-prompt { margin-bottom: .3em; }
.edu-rule { border-bottom: 1px solid #999; height: 2.1em; }
.edu-note-lines { border: 1px solid #bbb; padding: .2em .8em .8em; }
.edu-handout-section + .edu-handout-section { margin-top: 3em; }
@media print {
  body.edu-handout { margin: 0; max-width: none; }
  .edu-handout-section { break-after: page; page-break-after: always; }
  .edu-handout-section:last-child { break-after: auto; page-break-after: auto; }
  .edu-handout-prompt, .edu-rule { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _head(doc: Document) -> str:
    return " · ".join(part for part in (doc.title, doc.date) if part)


def handout_markdown(doc: Document, section: int | None = None, *, note_lines: int = NOTE_LINES) -> str:
    """The 学习材料 of one section (0-based) or of every section, as Markdown.

    Each section: its title, the report's title and date, the section text (one paragraph each),
    the 思考题 each followed by ``答：`` and ruled lines, then a 笔记 heading with ``note_lines`` ruled
    lines (``___``, a horizontal rule in Markdown).

    Raises:
        SectionError: ``doc`` has no such section (also an ``IndexError``).
    """
    out: list[str] = []
    for i in doc.section_indexes(section):
        sec = doc.section_records[i]
        out += [f"# 学习材料 · {md_text(sec.title)}", "", f"*{md_text(_head(doc))}*", "", "## 原文", ""]
        for pid in sec.paragraph_ids:
            out += [md_text(doc.paragraph(pid).text), ""]
        out += ["## 思考题", ""]
        for k, prompt in enumerate(prompts_for(doc, i), 1):
            out += [f"{k}. {md_text(prompt)}", "", "   答：", ""] + ["___", ""] * ANSWER_LINES
        out += ["## 笔记", ""] + ["___", ""] * note_lines
    return "\n".join(out).rstrip() + "\n"


def _rules(n: int, css: str) -> str:
    return f'<div class="{css}">' + '<div class="edu-rule"></div>' * n + "</div>"


def handout_html(doc: Document, section: int | None = None, *, note_lines: int = NOTE_LINES) -> str:
    """The 学习材料 of one section (0-based) or of every section, as a self-contained printable page.

    Raises:
        SectionError: ``doc`` has no such section (also an ``IndexError``).
    """
    parts = []
    for i in doc.section_indexes(section):
        sec = doc.section_records[i]
        paragraphs = "".join(
            f'<p class="edu-handout-item">{esc(p.text)}</p>' if p.item is not None else f"<p>{esc(p.text)}</p>"
            for p in (doc.paragraph(pid) for pid in sec.paragraph_ids)
        )
        prompts = "".join(
            f'<li class="edu-handout-prompt">{esc(p)}{_rules(ANSWER_LINES, "edu-answer-lines")}</li>'
            for p in prompts_for(doc, i)
        )
        parts.append(
            f'<section class="edu-handout-section" data-section="{i}">'
            f"<h1>学习材料 · {esc(sec.title)}</h1>"
            f'<div class="edu-handout-head">{esc(_head(doc))}</div>'
            f'<h2>原文</h2><div class="edu-handout-text">{paragraphs}</div>'
            f'<h2>思考题</h2><ol class="edu-handout-prompts">{prompts}</ol>'
            f"<h2>笔记</h2>{_rules(note_lines, 'edu-note-lines')}</section>"
        )
    title = esc(f"学习材料 · {doc.title}")
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
        f'<style>{CSS}</style></head>\n<body class="edu-handout">\n' + "\n".join(parts) + "\n</body></html>\n"
    )


def write_handout(doc: Document, path: str | Path, section: int | None = None, *, force: bool = True) -> Path:
    """Write the handout to ``path``: HTML if it ends in ``.html``/``.htm``, else Markdown.

    Written atomically; never over an SQLite file (a store) or the document itself, and over another
    existing file only with ``force`` (see :func:`~edu_helpers.annotations.outputs.write_output`).
    """
    from edu_helpers.annotations.outputs import write_output

    path = Path(path)
    is_html = path.suffix.lower() in (".html", ".htm")
    text = handout_html(doc, section) if is_html else handout_markdown(doc, section)
    return write_output(text, path, force=force, inputs=[doc.path] if doc.path else [])
