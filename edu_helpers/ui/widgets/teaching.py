"""课堂小部件：填空自测与全班批注汇总。Widgets for teaching sessions.

:class:`ClozeQuiz` runs a :class:`~edu_helpers.teaching.cloze.Quiz` (answer boxes, 检查, 提示, 显示答案,
换一批); :class:`ClassroomView` shows a class's merged annotations with an anonymise switch.
Both keep their state in traitlets and work without a browser (set values, call ``.click()``).

CSS classes: ``cloze-quiz`` (the widget), ``cloze-question`` (one question row), ``cloze-prompt``,
``cloze-answer`` (text box), ``cloze-hint`` (button), ``cloze-feedback``, ``cloze-check``,
``cloze-reveal``, ``cloze-new`` (buttons), ``cloze-score``; ``classroom-view`` (the widget),
``classroom-anonymise`` (checkbox), ``classroom-reload`` (button), ``classroom-status``,
``classroom-tabs``, ``classroom-heatmap``, ``classroom-sections``, ``classroom-questions``.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import traitlets

from edu_helpers.annotations import AnnotationStore
from edu_helpers.markup import esc
from edu_helpers.teaching.classroom import import_folder, summarise
from edu_helpers.teaching.cloze import BLANK, ClozeDeck
from edu_helpers.teaching.report import CSS, heatmap_html, questions_html, sections_html
from edu_helpers.text.document import Document

_BLANK_HTML = '<span style="border-bottom: 2px solid #333; padding: 0 1.5em">&#8203;</span>'


def _styled(cls: str, widget: widgets.DOMWidget) -> widgets.DOMWidget:
    widget.add_class(cls)
    return widget


class ClozeQuiz(widgets.VBox):
    """填空自测。A cloze self-test on ``doc``: type the missing words, check, get hints, draw again.

    Args:
        doc: any loaded document.
        n: questions per draw.
        section: only this section (index), or ``None`` for the whole document.
        seed: ``None`` → a fresh draw every time; an int → a reproducible sequence of draws.
        terms: the terms to blank (default: the document's key terms and formulations).

    Attributes:
        score: correct answers at the last check; ``total``: questions in the current draw;
        ``draws``: how many draws so far; ``quiz``: the current :class:`~edu_helpers.teaching.cloze.Quiz`.
    """

    score = traitlets.Int(0)
    total = traitlets.Int(0)
    draws = traitlets.Int(0)

    def __init__(self, doc: Document, *, n: int = 5, section: int | None = None, seed: int | None = None, terms=None):
        self.deck = ClozeDeck(doc, terms=terms, section=section, seed=seed)
        self.n = n
        self.intro = widgets.HTML("<b>填空自测</b>：在横线处填入原文中的词语（不区分全角半角、空格）。")
        self.questions = widgets.VBox()
        self.check_button = _styled("cloze-check", widgets.Button(description="检查", button_style="primary"))
        self.reveal_button = _styled("cloze-reveal", widgets.Button(description="显示答案"))
        self.new_button = _styled("cloze-new", widgets.Button(description="换一批", icon="refresh"))
        self.score_label = _styled("cloze-score", widgets.HTML())
        self.check_button.on_click(lambda _: self.check())
        self.reveal_button.on_click(lambda _: self.reveal())
        self.new_button.on_click(lambda _: self.new_draw())
        buttons = widgets.HBox([self.check_button, self.reveal_button, self.new_button, self.score_label])
        super().__init__([self.intro, self.questions, buttons])
        self.add_class("cloze-quiz")
        self.new_draw()

    def new_draw(self) -> None:
        """换一批: draw new questions and clear the answers."""
        self.quiz = self.deck.draw(self.n)
        self.answers, self.feedback, rows = [], [], []
        for k, item in enumerate(self.quiz.items):
            prompt = esc(item.prompt).replace(esc(BLANK), _BLANK_HTML)
            answer = _styled("cloze-answer", widgets.Text(placeholder="填写答案", layout={"width": "14em"}))
            hint = _styled("cloze-hint", widgets.Button(description="提示", layout={"width": "5em"}))
            hint.on_click(lambda _, k=k: self.hint(k))
            feedback = _styled("cloze-feedback", widgets.HTML())
            self.answers.append(answer)
            self.feedback.append(feedback)
            head = _styled("cloze-prompt", widgets.HTML(f"{k + 1}. {prompt}"))
            rows.append(_styled("cloze-question", widgets.VBox([head, widgets.HBox([answer, hint, feedback])])))
        self.questions.children = rows
        self.total, self.score = len(self.quiz), 0
        self.draws += 1
        self.score_label.value = f"共 {self.total} 题"

    def hint(self, index: int) -> str:
        """Show (and return) the next hint for question ``index``."""
        text = self.quiz.hint(index)
        self.feedback[index].value = f'<span style="color:#555">提示：{esc(text)}</span>'
        return text

    def check(self) -> int:
        """检查: check every answered question; returns the score."""
        for k, box in enumerate(self.answers):
            if not box.value.strip():
                self.feedback[k].value = '<span style="color:#888">未作答</span>'
            elif self.quiz.is_revealed(k):
                self.quiz.check(k, box.value)
                answer = esc(self.quiz.items[k].answer)
                self.feedback[k].value = f'<span style="color:#7a5200">已看答案，不计分（答案：<b>{answer}</b>）</span>'
            elif self.quiz.check(k, box.value):
                self.feedback[k].value = '<span style="color:#2e7d32">✓ 正确</span>'
            else:
                self.feedback[k].value = '<span style="color:#c62828">✗ 再想想</span>'
        self.score = self.quiz.score.correct
        self.score_label.value = esc(str(self.quiz.score))
        return self.score

    def reveal(self) -> None:
        """显示答案: show the answer of every question; those not yet answered right count as revealed."""
        self.quiz.reveal()
        self.score = self.quiz.score.correct
        self.score_label.value = esc(str(self.quiz.score))
        for k, item in enumerate(self.quiz.items):
            self.feedback[k].value = f"答案：<b>{esc(item.answer)}</b>"


class ClassroomView(widgets.VBox):
    """全班批注汇总。The class's annotations on ``doc``: heat map, kinds and tags, questions.

    Args:
        store: the store the class's files are merged into.
        doc: the document.
        folder: the folder of student files; :meth:`reload` merges it again (idempotent).
        anonymise: start with pseudonyms instead of names (the default: safe for projecting).

    Attributes:
        anonymise: linked to the 匿名显示 checkbox; ``summary``: the :class:`ClassSummary` shown.
    """

    anonymise = traitlets.Bool(True)

    def __init__(self, store: AnnotationStore, doc: Document, *, folder: str | Path | None = None, anonymise=True):
        self.store, self.doc, self.folder = store, doc, folder
        self.anonymise_box = _styled("classroom-anonymise", widgets.Checkbox(value=anonymise, description="匿名显示"))
        self.reload_button = _styled("classroom-reload", widgets.Button(description="重新读入", icon="refresh"))
        self.reload_button.disabled = folder is None
        self.status = _styled("classroom-status", widgets.HTML())
        self.heatmap = _styled("classroom-heatmap", widgets.HTML())
        self.sections = _styled("classroom-sections", widgets.HTML())
        self.questions = _styled("classroom-questions", widgets.HTML())
        self.tabs = _styled("classroom-tabs", widgets.Tab([self.heatmap, self.sections, self.questions]))
        self.tabs.titles = ("热力图", "类型与标签", "疑问")
        super().__init__([widgets.HBox([self.anonymise_box, self.reload_button, self.status]), self.tabs])
        self.add_class("classroom-view")
        self.anonymise = anonymise
        widgets.link((self.anonymise_box, "value"), (self, "anonymise"))
        self.observe(lambda _: self.refresh(), "anonymise")
        self.reload_button.on_click(lambda _: self.reload())
        self.refresh()

    def reload(self) -> None:
        """Merge the folder again (new files are added, known ones add nothing) and refresh."""
        if self.folder is not None:
            result = import_folder(self.store, self.folder)
            self.refresh()
            self.status.value += f" · {esc(str(result))}"

    def refresh(self) -> None:
        """Recompute the summary and redraw every pane."""
        s = self.summary = summarise(self.store, self.doc, anonymise=self.anonymise)
        style = f"<style>{CSS}</style>"
        self.status.value = esc(f"{len(s.students)} 名学生，{s.n_annotations} 条批注")
        self.heatmap.value = f'{style}<div class="edu-class-report">{heatmap_html(s)}</div>'
        self.sections.value = f'{style}<div class="edu-class-report">{sections_html(s)}</div>'
        self.questions.value = f'{style}<div class="edu-class-report">{questions_html(s)}</div>'
