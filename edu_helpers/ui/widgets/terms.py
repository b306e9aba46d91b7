"""提法与术语浏览器：选一个词，看它的解释和每一处出现。The term browser widget.

:class:`TermBrowser` lists the document's 提法 (:attr:`Document.formulations`) and glossary terms
(:func:`edu_helpers.analysis.glossary.glossary`) in one dropdown; choosing one shows its explanation (if the
glossary has one) and every sentence where it occurs, with the term marked and the section named.

CSS classes (stable, for browser tests):
    ``term-browser`` (the panel), ``term-select`` (Dropdown; labels like ``两个确立（提法，1 次）``),
    ``term-occurrences`` (HTML: ``.term-explanation``, then one ``.edu-passage[data-id]`` per sentence).
"""

from __future__ import annotations

import os

import ipywidgets as widgets
import pandas as pd

from edu_helpers.analysis.glossary import glossary
from edu_helpers.text import patterns
from edu_helpers.text.document import Document
from edu_helpers.ui import html as R

KIND_LABELS = {"numbered": "提法", "paired": "提法", "quoted": "提法", "formulation": "提法", "term": "术语"}


def term_table(doc: Document) -> pd.DataFrame:
    """提法 and glossary terms of ``doc``, one row per distinct term in order of first occurrence.

    Columns: ``term``, ``kind`` (提法/术语), ``count`` (occurrences in the body paragraphs),
    ``explanation`` (from the glossary, ``""`` if none), ``first_start``.
    """
    gloss = glossary(doc)
    explained = dict(zip(gloss["term"], gloss["explanation"], strict=True))
    rows = {
        f.formulation: (f.formulation, "提法", int(f.count), explained.get(f.formulation, ""), int(f.first_start))
        for f in doc.formulations.itertuples()
    }
    for g in gloss.itertuples():
        if g.term not in rows and g.count:
            rows[g.term] = (g.term, KIND_LABELS.get(g.kind, "术语"), int(g.count), g.explanation, int(g.first_start))
    df = pd.DataFrame(list(rows.values()), columns=["term", "kind", "count", "explanation", "first_start"])
    return df.sort_values("first_start", kind="stable").reset_index(drop=True)


def occurrences(doc: Document, term: str) -> list[tuple[str, int, int, int]]:
    """Every occurrence of ``term`` in the body sentences: ``(sentence_id, section, start, end)``."""
    section = {p.id: p.section for p in doc.paragraph_records}
    found = []
    for s in doc.sentence_records:
        where = patterns.occurrences(s.text, term)
        found += [(s.id, section[s.paragraph_id], s.start + i, s.start + i + len(term)) for i in where]
    return found


def terms_in(doc: Document, sections: list[int]) -> pd.DataFrame:
    """提法 and glossary terms occurring in these sections. Columns: 词语, 类型, 次数, 解释."""
    wanted = set(sections)
    rows = []
    for r in term_table(doc).itertuples():
        count = sum(1 for _, sec, _, _ in occurrences(doc, r.term) if sec in wanted)
        if count:
            rows.append({"词语": r.term, "类型": r.kind, "次数": count, "解释": r.explanation})
    return pd.DataFrame(rows, columns=["词语", "类型", "次数", "解释"])


def formulation_index(doc: Document) -> pd.DataFrame:
    """The 提法 index in Chinese. Columns: 提法, 规则, 加引号, 次数, 出现段落, 所在部分."""
    f = doc.formulations
    titles = {p.id: doc.section_records[p.section].title for p in doc.paragraph_records}
    rules = {"numbered": "数字概括", "paired": "一…两…", "quoted": "引号"}
    return pd.DataFrame(
        {
            "提法": f["formulation"],
            "规则": f["kind"].map(rules).fillna(f["kind"]),
            "加引号": f["quoted"].map({True: "是", False: "否"}),
            "次数": f["count"],
            "出现段落": f["paragraph_ids"].map("、".join),
            "所在部分": f["paragraph_ids"].map(lambda ids: "、".join(dict.fromkeys(titles[i] for i in ids))),
        }
    )


def glossary_table(doc: Document) -> pd.DataFrame:
    """The glossary terms found in ``doc``, in Chinese. Columns: 词语, 类型, 解释, 次数, 首次出现 (sentence id)."""
    g = glossary(doc)
    return pd.DataFrame(
        {
            "词语": g["term"],
            "类型": g["kind"].map({"term": "术语", "formulation": "提法"}).fillna(g["kind"]),
            "解释": g["explanation"],
            "次数": g["count"],
            "首次出现": g["sentence_id"],
        }
    )


class TermBrowser(widgets.VBox):
    """Choose a 提法 or term; see its explanation and where it occurs.

    Args:
        doc: the document.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.table = term_table(doc)
        self._titles = {s.index: s.title for s in doc.section_records}
        self._sentences = {s.id: s for s in doc.sentence_records}
        options = [(f"{r.term}（{r.kind}，{r.count} 次）", r.term) for r in self.table.itertuples()]
        self.term_select = widgets.Dropdown(
            options=options or [("（没有找到提法或术语）", "")], description="词语", style={"description_width": "3em"}
        )
        self.term_select.layout = widgets.Layout(width="28em")
        self.term_select.add_class("term-select")
        self.shown = widgets.HTML()
        self.shown.add_class("term-occurrences")
        self.term_select.observe(lambda _: self.update(), names="value")
        super().__init__([self.term_select, self.shown])
        self.add_class("term-browser")
        self.update()

    def update(self) -> None:
        """Show the chosen term."""
        term = self.term_select.value
        if not term:
            self.shown.value = R.message("这份文档里没有找到提法或术语表中的词语。")
            return
        row = self.table[self.table["term"] == term].iloc[0]
        explanation = row["explanation"] or "（术语表中暂无解释。）" + (
            "" if os.environ.get("EDU_CLASS_VIEW") == "1" else "可以在 edu_helpers/data/glossary.toml 中补充。"
        )
        head = f'<div class="term-explanation edu-note"><b>{R.esc(term)}</b>：{R.esc(explanation)}</div>'
        cards = []
        for sid, sec, start, end in occurrences(self.doc, term):
            s = self._sentences[sid]
            text = R.highlight(s.text, [(start, end)], base=s.start)
            meta = f'<span class="edu-id">{R.esc(sid)}</span> · {R.esc(self._titles.get(sec, ""))}'
            cards.append(
                f'<div class="edu-passage" data-id="{R.esc(sid)}"><div class="edu-passage-meta">{meta}</div>'
                f"<div>{text}</div></div>"
            )
        count = R.message(f"出现 {len(cards)} 次：")
        self.shown.value = R.STYLE + head + count + "".join(cards)
