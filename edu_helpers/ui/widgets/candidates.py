"""可能的新提法：自动找出的候选词，读者可以收进自己的词典。The new-formulation candidates panel.

:class:`CandidatePanel` shows :func:`edu_helpers.analysis.candidates.document_candidates` as a table and a
multiple selection; 「加入我的词典」 saves the chosen words into the reader's personal dictionary
(:class:`~edu_helpers.analysis.candidates.PersonalDictionary`: the user's data folder, or a path given), which
the lexicon reads the next time the package starts, so the words are then cut whole.

CSS classes (stable, for browser tests): ``candidate-panel``, ``candidate-table`` (HTML), ``candidate-select``
(SelectMultiple), ``candidate-accept`` (Button), ``candidate-status`` (HTML).
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from edu_helpers.analysis.candidates import PersonalDictionary, document_candidates
from edu_helpers.analysis.lexicon import personal_dictionary_path
from edu_helpers.text.document import Document
from edu_helpers.ui import html as R

COLUMNS = {"term": "候选词", "count": "次数", "pmi": "内部凝固度", "left_entropy": "左邻熵", "right_entropy": "右邻熵"}


def candidate_table(doc: Document, *, dictionary_path: str | Path | None = None, top: int = 20) -> pd.DataFrame:
    """The candidates with Chinese column names: 候选词, 次数, 内部凝固度, 左邻熵, 右邻熵 (rounded)."""
    df = document_candidates(doc, dictionary_path=dictionary_path, top=top)
    return df[list(COLUMNS)].rename(columns=COLUMNS).round(2)


class CandidatePanel(widgets.VBox):
    """Table of 可能的新提法 + a selection + 「加入我的词典」 (see the module docstring)."""

    def __init__(self, doc: Document, *, dictionary_path: str | Path | None = None, top: int = 20):
        self.doc = doc
        self.dictionary = PersonalDictionary(dictionary_path or personal_dictionary_path())
        self.table = candidate_table(doc, dictionary_path=self.dictionary.path, top=top)
        terms = list(self.table["候选词"])
        self.view = widgets.HTML(R.styled(self.table).to_html() if terms else R.message("没有找到新的候选提法。"))
        self.view.add_class("candidate-table")
        self.select = widgets.SelectMultiple(options=terms, rows=min(8, max(2, len(terms))), description="选择")
        self.select.add_class("candidate-select")
        self.button = widgets.Button(description="加入我的词典", disabled=not terms)
        self.button.add_class("candidate-accept")
        self.status = widgets.HTML(R.message(f"词典文件：{self.dictionary.path}"))
        self.status.add_class("candidate-status")
        self.button.on_click(lambda _b: self.accept())
        super().__init__([self.view, widgets.HBox([self.select, self.button]), self.status])
        self.add_class("candidate-panel")

    def accept(self, words: tuple[str, ...] | None = None) -> int:
        """Save the selected (or given) words into the personal dictionary; returns how many were new."""
        chosen = tuple(words if words is not None else self.select.value)
        if not chosen:
            self.status.value = R.message("先在左边选择要收入词典的词。")
            return 0
        new = self.dictionary.accept(*chosen)
        shown = "、".join(chosen)
        self.status.value = R.message(
            f"已收入 {new} 个新词（{shown}）：{self.dictionary.path}。下次启动时分词会把它们当作一个词。", "ok"
        )
        return new
