"""语境索引小部件：检索词居中，按左或右语境排序，点一行看原段落。The KWIC concordance widget.

:class:`KwicBrowser` shows :meth:`Corpus.kwic <edu_helpers.analysis.corpus_views.Corpus.kwic>` as a list of
concordance lines (left context right-aligned, the hit in 【】, the right context), sorted by the left context
(read backwards from the hit, as concordancers do), the right context or report order. Choosing a line opens
its paragraph below the list, the hit marked, with the report's title and date.

CSS classes (stable, for browser tests):
    ``kwic-browser`` (the panel), ``kwic-query`` (Text), ``kwic-sort`` (ToggleButtons 左语境/右语境/文档顺序),
    ``kwic-lines`` (the Select of lines; one ``option`` per hit), ``kwic-count`` (HTML: how many hits),
    ``kwic-passage`` (HTML: ``.edu-passage[data-doc][data-id]`` with ``<mark class="hit">``).
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from edu_helpers.analysis.corpus_views import Corpus
from edu_helpers.ui import html as R

#: Most lines listed at once (the count still says how many there are).
MAX_LINES = 500
SORT_LABELS = (("左语境", "left"), ("右语境", "right"), ("文档顺序", "doc"))
#: The lines in a fixed-width font, so that the padded hits stand in one column.
LINES_STYLE = "<style>.kwic-lines select{font-family:monospace,monospace}</style>"


def line_label(row, width: int) -> str:
    """One concordance line: ``doc p03 │ left【hit】right``, the left context padded to ``width`` with
    full-width spaces so the hits stand in one column."""
    return f"{row.doc} {row.paragraph_id} │ {row.left.rjust(width, '　')}【{row.hit}】{row.right}"


class KwicBrowser(widgets.VBox):
    """Search a corpus; see every hit in its context; click a line to read the passage.

    Args:
        corpus: the reports.
        query: the first query (words separated by spaces; ``"…"`` for a phrase).
        window: characters of context on each side.
        sort: ``"left"``, ``"right"`` or ``"doc"`` to start with.
        max_lines: most lines listed at once.

    Attributes:
        frame: the hits last found (columns of :func:`edu_helpers.analysis.kwic.kwic`).
    """

    def __init__(
        self, corpus: Corpus, query: str = "", *, window: int = 15, sort: str = "left", max_lines: int = MAX_LINES
    ):
        self.corpus, self.window, self.max_lines = corpus, window, max_lines
        self.query_input = widgets.Text(
            value=query, description="检索词", placeholder="如：产教融合 或 职普融通 科教融汇", continuous_update=False
        )
        self.query_input.layout = widgets.Layout(width="28em")
        self.sort_select = widgets.ToggleButtons(options=SORT_LABELS, value=sort)
        self.sort_select.style.button_width = "5.5em"
        self.count = widgets.HTML()
        self.lines = widgets.Select(options=[], rows=12)
        self.lines.layout = widgets.Layout(width="100%")
        self.passage = widgets.HTML()
        for w, cls in (
            (self.query_input, "kwic-query"),
            (self.sort_select, "kwic-sort"),
            (self.count, "kwic-count"),
            (self.lines, "kwic-lines"),
            (self.passage, "kwic-passage"),
        ):
            w.add_class(cls)
        self.query_input.observe(lambda _: self.update(), names="value")
        self.sort_select.observe(lambda _: self.update(), names="value")
        self.lines.observe(lambda _: self.show(), names="value")
        super().__init__([widgets.HBox([self.query_input, self.sort_select]), self.count, self.lines, self.passage])
        self.add_class("kwic-browser")
        self.frame = pd.DataFrame()
        self.update()

    def update(self) -> None:
        """Search again with the current query and sort, and list the lines."""
        query = self.query_input.value.strip()
        self.frame = (
            self.corpus.kwic(query, window=self.window, sort=self.sort_select.value) if query else pd.DataFrame()
        )
        shown = self.frame.head(self.max_lines)
        width = max((len(s) for s in shown["left"]), default=0) if len(shown) else 0
        self.lines.value = None
        self.lines.options = [(line_label(r, width), i) for i, r in enumerate(shown.itertuples())]
        n, docs = len(self.frame), (self.frame["doc"].nunique() if len(self.frame) else 0)
        if not query:
            text = "输入检索词，看它在各篇报告中的上下文。"
        elif n:
            more = f"（只列出前 {self.max_lines} 条）" if n > self.max_lines else ""
            text = f"“{query}”共 {n} 处，出自 {docs} 篇报告{more}。点一行看原段落。"
        else:
            text = f"没有找到“{query}”。换一个词试试。"
        self.count.value = LINES_STYLE + R.message(text)
        self.passage.value = ""

    def show(self) -> None:
        """Open the paragraph of the chosen line, the hit marked."""
        if self.lines.value is None:
            self.passage.value = ""
            return
        self.passage.value = self.passage_html(self.frame.iloc[self.lines.value])

    def passage_html(self, row) -> str:
        """The paragraph of one hit with the hit marked, under its report's title, date and paragraph id."""
        entry = self.corpus[row["doc"]]
        k = entry.rec["para"]["id"].index(row["paragraph_id"])
        start = int(entry.rec["para"]["start"][k])
        text = R.highlight(entry.paragraph_text(k), [(int(row["start"]), int(row["end"]))], base=start, cls="hit")
        demo = "（示例）" if entry.demo and "示例" not in entry.title else ""
        meta = f"{R.esc(entry.title)}{demo} · {R.esc(entry.date or '日期不详')} · {R.esc(row['paragraph_id'])}"
        return (
            f'{R.STYLE}<div class="edu-passage" data-doc="{R.esc(row["doc"])}" data-id="{R.esc(row["paragraph_id"])}">'
            f'<div class="edu-passage-meta">{meta}</div><div class="edu-passage-text">{text}</div></div>'
        )
