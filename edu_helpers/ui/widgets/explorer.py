"""段落浏览器：按主题、部分和关键词筛选，命中处高亮。The passage explorer widget.

:class:`PassageExplorer` filters the passages of a document with
:func:`edu_helpers.analysis.search.filter_passages` and shows them with the query's hits marked
(``<mark class="match">``, yellow) and the words that earned the chosen topic underlined
(``<mark class="term">``). With no filter it shows every passage.

CSS classes (stable, for browser tests):
    ``explorer`` (the panel), ``topic-select`` (Dropdown; label ``全部主题`` or a topic name),
    ``section-select`` (Dropdown; ``全部部分`` or ``1. 导语``…), ``query-input`` (Text, updates while
    typing), ``level-select`` (ToggleButtons 段落/句子), ``explorer-results`` and ``topic-results`` (the
    HTML of the results: a count ``.explorer-count``, then one ``.edu-passage[data-id]`` per passage).
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from edu_helpers.analysis.search import filter_passages
from edu_helpers.analysis.topics import Taxonomy, load_taxonomy
from edu_helpers.text.document import Document
from edu_helpers.ui import html as R

ALL_TOPICS = ""
ALL_SECTIONS = -1
#: Most passages drawn at once (the count still says how many matched).
MAX_SHOWN = 200


class PassageExplorer(widgets.VBox):
    """Filter passages by topic, section and keywords; matches highlighted.

    Args:
        doc: the document.
        taxonomy: the topics (default: the bundled taxonomy or ``$EDU_TOPICS``).
        level: ``"paragraph"`` or ``"sentence"`` to start with.
        max_shown: most passages drawn at once.

    Attributes:
        frame: the passages last found (see :func:`~edu_helpers.analysis.search.filter_passages` for columns).
    """

    def __init__(
        self, doc: Document, *, taxonomy: Taxonomy | None = None, level: str = "paragraph", max_shown: int = MAX_SHOWN
    ):
        self.doc, self.max_shown = doc, max_shown
        self.taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
        self._titles = {s.index: s.title for s in doc.section_records}
        style = {"description_width": "3em"}
        self.topic_select = widgets.Dropdown(
            options=[("全部主题", ALL_TOPICS)] + [(n, n) for n in self.taxonomy.names], description="主题", style=style
        )
        self.section_select = widgets.Dropdown(
            options=[("全部部分", ALL_SECTIONS)] + [(f"{i + 1}. {t}", i) for i, t in self._titles.items()],
            description="部分",
            style=style,
        )
        self.query_input = widgets.Text(
            description="关键词", placeholder="如：职业教育 产教融合（空格分隔，须全部出现）", style=style
        )
        self.query_input.layout = widgets.Layout(width="28em")
        self.level_select = widgets.ToggleButtons(options=[("段落", "paragraph"), ("句子", "sentence")], value=level)
        self.level_select.style.button_width = "4em"
        self.results = widgets.HTML()
        for w, cls in (
            (self.topic_select, "topic-select"),
            (self.section_select, "section-select"),
            (self.query_input, "query-input"),
            (self.level_select, "level-select"),
            (self.results, "explorer-results"),
            (self.results, "topic-results"),
        ):
            w.add_class(cls)
        for w in (self.topic_select, self.section_select, self.query_input, self.level_select):
            w.observe(lambda _: self.update(), names="value")
        controls = widgets.HBox([self.topic_select, self.section_select, self.level_select])
        super().__init__([controls, self.query_input, self.results])
        self.add_class("explorer")
        self.frame = pd.DataFrame()
        self.update()

    def filter(self) -> pd.DataFrame:
        """The passages matching the current choices (columns of :func:`filter_passages`)."""
        topic = self.topic_select.value or None
        section = None if self.section_select.value == ALL_SECTIONS else self.section_select.value
        return filter_passages(
            self.doc,
            topics=topic,
            section=section,
            query=self.query_input.value,
            level=self.level_select.value,
            taxonomy=self.taxonomy,
        )

    def update(self) -> None:
        """Filter again and redraw the results."""
        self.frame = self.filter()
        self.results.value = (
            R.STYLE
            + self._summary()
            + "".join(self.passage_html(row) for row in self.frame.head(self.max_shown).itertuples())
        )

    def _summary(self) -> str:
        unit = "段" if self.level_select.value == "paragraph" else "句"
        n = len(self.frame)
        more = f"（只显示前 {self.max_shown} {unit}）" if n > self.max_shown else ""
        text = (
            f"找到 {n} {unit}{more}。"
            if n
            else f"没有符合条件的{'段落' if unit == '段' else '句子'}。换一个主题或关键词试试。"
        )
        return f'<div class="explorer-count edu-msg">{R.esc(text)}</div>'

    def passage_html(self, row) -> str:
        """One passage: its id, section and topic chips, then its text with the hits marked."""
        chosen = self.topic_select.value
        chips = "".join(
            R.chip(t, self.taxonomy[t].colour if t in self.taxonomy.names else None, cls="edu-chip edu-topic")
            for t in row.topics
        )
        terms = [(s, e) for topic, _, s, e in row.evidence if topic == chosen]  # underline only the chosen topic
        body = R.highlight_layers(row.text, {"term": terms, "match": row.query_spans}, base=row.start)
        meta = f'<span class="edu-id">{R.esc(row.id)}</span> · {R.esc(self._titles.get(row.section, ""))} {chips}'
        return (
            f'<div class="edu-passage" data-id="{R.esc(row.id)}">'
            f'<div class="edu-passage-meta">{meta}</div><div class="edu-passage-text">{body}</div></div>'
        )
