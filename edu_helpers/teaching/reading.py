"""阅读模式：通读、细读、精读。Three ways through a report, as data and as HTML (the widget is
:class:`edu_helpers.ui.widgets.reading.ReadingView`).

* 通读 (:func:`full_text`, :func:`full_text_html`): the whole report as clean text.
* 细读 (:func:`section_reading`, :func:`section_html`): one section, its numbered items and prompts.
* 精读 (:func:`sentence_notes`, :func:`sentence_html`, :func:`sentence_frame`): one sentence at a time,
  its key terms highlighted, with their glossary entries.

Every text in the HTML is escaped. CSS classes of the HTML: ``edu-reading`` (every view) with
``edu-read-through`` / ``edu-read-section`` / ``edu-read-sentence`` (the mode), ``edu-read-title``,
``edu-read-subtitle``, ``edu-read-heading`` (a section title), ``edu-read-paragraph`` (``data-id``;
``edu-read-item`` too for a numbered item), ``edu-prompts`` / ``edu-prompt``, ``edu-sentence``,
``edu-sentence-where``, ``edu-term`` (a highlighted term, ``data-term``), ``edu-glossary``,
``edu-glossary-term``, ``edu-glossary-explanation``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from edu_helpers.analysis.prompts import prompts_for
from edu_helpers.markup import esc
from edu_helpers.teaching.cloze import key_terms
from edu_helpers.text.document import Document
from edu_helpers.text.structure import Paragraph

MODES = ("通读", "细读", "精读")

CSS = """<style>
.edu-reading { font-size: 1.1em; line-height: 1.9; max-width: 46em; }
.edu-read-title { font-size: 1.4em; font-weight: bold; }
.edu-read-subtitle, .edu-sentence-where { color: #555; }
.edu-read-heading { font-weight: bold; margin-top: .8em; }
.edu-read-paragraph { text-indent: 2em; margin: .4em 0; }
.edu-sentence { font-size: 1.25em; line-height: 2; }
.edu-term { background: #FFF1C1; border-bottom: 2px solid #F6C343; padding: 0 1px; }
.edu-glossary dt { font-weight: bold; margin-top: .4em; }
.edu-glossary dd { margin-left: 1.5em; color: #333; }
</style>"""


def full_text(doc: Document) -> str:
    """通读: title, subtitles and date, then every paragraph, separated by blank lines."""
    head = [doc.title, *doc.subtitles, doc.date]
    return "\n\n".join([line for line in head if line] + [p.text for p in doc.paragraph_records]) + "\n"


def full_text_html(doc: Document) -> str:
    """通读 as HTML: the whole report, section titles as quiet headings."""
    parts = [f'{CSS}<div class="edu-reading edu-read-through"><div class="edu-read-title">{esc(doc.title)}</div>']
    parts += [f'<div class="edu-read-subtitle">{esc(s)}</div>' for s in (*doc.subtitles, doc.date) if s]
    for sec in doc.section_records:
        parts.append(f'<div class="edu-read-heading">{esc(sec.title)}</div>')
        parts += [_paragraph_html(doc.paragraph(pid)) for pid in sec.paragraph_ids]
    return "\n".join([*parts, "</div>"])


def _paragraph_html(p: Paragraph) -> str:
    css = "edu-read-paragraph edu-read-item" if p.item is not None else "edu-read-paragraph"
    return f'<p class="{css}" data-id="{esc(p.id)}">{esc(p.text)}</p>'


@dataclass(frozen=True)
class SectionReading:
    """细读 of one section: its index, title, paragraphs (records) and discussion prompts."""

    section: int
    title: str
    paragraphs: tuple[Paragraph, ...]
    prompts: tuple[str, ...]


def section_reading(doc: Document, section: int) -> SectionReading:
    """细读: the paragraphs and prompts of section ``section`` (0-based; ``IndexError`` if none)."""
    sec = doc.section_records[section]
    paragraphs = tuple(doc.paragraph(pid) for pid in sec.paragraph_ids)
    return SectionReading(section, sec.title, paragraphs, tuple(prompts_for(doc, section)))


def section_html(doc: Document, section: int) -> str:
    """细读 as HTML: the section's title, paragraphs and 思考题."""
    r = section_reading(doc, section)
    prompts = "".join(f'<li class="edu-prompt">{esc(p)}</li>' for p in r.prompts)
    return "\n".join(
        [
            f'{CSS}<div class="edu-reading edu-read-section" data-section="{r.section}">',
            f'<div class="edu-read-heading">{esc(r.title)}</div>',
            *(_paragraph_html(p) for p in r.paragraphs),
            f'<div class="edu-read-heading">思考题</div><ol class="edu-prompts">{prompts}</ol></div>',
        ]
    )


@dataclass(frozen=True)
class TermNote:
    """A key term in a sentence: where (``start``, ``end`` offsets into the sentence), its source
    (see :func:`edu_helpers.teaching.cloze.key_terms`) and its glossary explanation (``""`` if none)."""

    term: str
    start: int
    end: int
    source: str
    explanation: str = ""


def _glossary(doc: Document) -> dict[str, str]:
    """term → explanation for the glossary terms present in ``doc`` (computed once per document)."""
    from edu_helpers.analysis.glossary import glossary

    def explanations() -> dict[str, str]:
        frame = glossary(doc)
        return dict(zip(frame["term"], frame["explanation"], strict=True))

    return doc.memo("glossary_explanations", explanations)


def sentence_notes(doc: Document, text: str) -> list[TermNote]:
    """The key terms of ``doc`` in ``text`` (a sentence), longest first where they overlap, in order."""
    explanations = _glossary(doc)
    taken: list[TermNote] = []
    for term, source in key_terms(doc).items():  # longest first
        at = text.find(term)
        while at >= 0:
            if not any(t.start < at + len(term) and at < t.end for t in taken):
                taken.append(TermNote(term, at, at + len(term), source, explanations.get(term, "")))
            at = text.find(term, at + len(term))
    return sorted(taken, key=lambda t: t.start)


def sentence_frame(doc: Document, section: int | None = None) -> pd.DataFrame:
    """精读 as a table: one row per sentence (of one section, or all).

    Columns: ``id``, ``paragraph_id``, ``section``, ``text``, ``terms`` (list of the key terms in it),
    ``glossary`` (dict term → explanation, for the terms the glossary explains).
    """
    rows = []
    for s in doc.sentences.itertuples():
        if section is None or s.section == section:
            notes = sentence_notes(doc, s.text)
            glossary = {n.term: n.explanation for n in notes if n.explanation}
            rows.append((s.id, s.paragraph_id, s.section, s.text, [n.term for n in notes], glossary))
    return pd.DataFrame(rows, columns=["id", "paragraph_id", "section", "text", "terms", "glossary"])


def sentence_html(doc: Document, sentence_id: str) -> str:
    """精读 as HTML: where the sentence stands, the sentence with its terms marked, and their glossary."""
    sentences = doc.sentences
    row = sentences[sentences["id"] == sentence_id]
    if row.empty:
        raise KeyError(f"没有这个句子 no sentence {sentence_id!r}")
    s = row.iloc[0]
    notes = sentence_notes(doc, s["text"])
    marked, at = [], 0
    for n in notes:
        tip = f' title="{esc(n.explanation)}"' if n.explanation else ""
        marked += [
            esc(s["text"][at : n.start]),
            f'<mark class="edu-term" data-term="{esc(n.term)}"{tip}>{esc(n.term)}</mark>',
        ]
        at = n.end
    marked.append(esc(s["text"][at:]))
    in_section = sentences[sentences["section"] == s["section"]]["id"].tolist()
    where = f"{doc.section_records[s['section']].title} · 第 {in_section.index(sentence_id) + 1}/{len(in_section)} 句"
    entries = {n.term: n.explanation for n in notes if n.explanation}
    items = "".join(
        f'<dt class="edu-glossary-term">{esc(t)}</dt><dd class="edu-glossary-explanation">{esc(x)}</dd>'
        for t, x in entries.items()
    )
    glossary = (
        f'<dl class="edu-glossary">{items}</dl>' if items else '<p class="edu-glossary">本句没有术语表中的词。</p>'
    )
    return (
        f'{CSS}<div class="edu-reading edu-read-sentence" data-id="{esc(sentence_id)}">'
        f'<div class="edu-sentence-where">{esc(where)}</div>'
        f'<p class="edu-sentence">{"".join(marked)}</p>{glossary}</div>'
    )
