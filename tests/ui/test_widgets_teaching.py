"""课堂小部件：ClozeQuiz 与 ClassroomView，不需要浏览器（设值、点击、读显示的内容）。"""

from __future__ import annotations

from pathlib import Path

import pytest

import edu_helpers
from edu_helpers.annotations import AnnotationStore
from edu_helpers.teaching import classroom
from edu_helpers.ui.widgets.teaching import ClassroomView, ClozeQuiz


def test_cloze_quiz_check_hint_reveal_and_new_draw(report: edu_helpers.Document) -> None:
    quiz = ClozeQuiz(report, n=4, seed=2)
    assert quiz.total == 4 and len(quiz.answers) == 4 and quiz.draws == 1
    items = quiz.quiz.items
    for k, item in enumerate(items):
        assert item.answer not in quiz.questions.children[k].children[0].value
    quiz.answers[0].value = f" {items[0].answer} "
    quiz.answers[1].value = "不对"
    quiz.check_button.click()
    assert quiz.score == 1
    assert "正确" in quiz.feedback[0].value and "再想想" in quiz.feedback[1].value
    assert "未作答" in quiz.feedback[2].value and "1/4" in quiz.score_label.value
    quiz.questions.children[2].children[1].children[1].click()  # 提示 of question 3
    assert f"共 {len(items[2].answer)} 个字" in quiz.feedback[2].value
    quiz.reveal_button.click()
    assert all(item.answer in quiz.feedback[k].value for k, item in enumerate(items))
    quiz.new_button.click()
    assert quiz.draws == 2 and quiz.score == 0 and not set(quiz.quiz.items) & set(items)
    assert all(box.value == "" for box in quiz.answers)
    assert "cloze-quiz" in quiz._dom_classes and "cloze-answer" in quiz.answers[0]._dom_classes


def test_cloze_quiz_escapes_the_prompt() -> None:
    doc = edu_helpers.document_from_text("标题\n\n要坚持立德树人，<img src=x onerror=alert(1)>。\n")
    quiz = ClozeQuiz(doc, terms=["立德树人"])
    shown = quiz.questions.children[0].children[0].value
    assert "<img" not in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown


@pytest.fixture()
def classroom_store(tmp_path: Path, report: edu_helpers.Document):
    folder = tmp_path / "class"
    classroom.demo_student_files(folder, report, n=3, seed=4)
    with AnnotationStore(tmp_path / "class.sqlite") as store:
        classroom.import_folder(store, folder)
        yield store, folder


def test_classroom_view_anonymise_switch(classroom_store, report: edu_helpers.Document) -> None:
    store, folder = classroom_store
    names = {a.author for a in store.annotations()}
    view = ClassroomView(store, report, folder=folder)
    shown = view.heatmap.value + view.sections.value + view.questions.value
    assert view.anonymise and "edu-heatmap" in view.heatmap.value
    assert set(view.summary.students) == {"学生01", "学生02", "学生03"}
    assert not any(name in shown for name in names)
    view.anonymise_box.value = False
    assert set(view.summary.students) == names
    view.anonymise_box.value = True
    assert set(view.summary.students) == {"学生01", "学生02", "学生03"}
    n = len(store)
    view.reload_button.click()
    assert len(store) == n and "新增 0" in view.status.value
    assert tuple(view.tabs.titles) == ("热力图", "类型与标签", "疑问")


def test_classroom_view_escapes_notes(tmp_path: Path, report: edu_helpers.Document) -> None:
    with AnnotationStore(tmp_path / "s.sqlite") as store:
        store.annotate(report, "双减", kind="疑问", note="<script>alert(1)</script>", tags=["<img onerror=x>"])
        view = ClassroomView(store, report, anonymise=False)
        assert view.reload_button.disabled
        assert "<script>alert" not in view.questions.value and "&lt;script&gt;" in view.questions.value
        assert "<img onerror" not in view.sections.value + view.questions.value


def test_answers_typed_after_showing_them_count_as_revealed(report: edu_helpers.Document) -> None:
    """显示答案, then type the answers and 检查: nothing new is correct; what was right before stays right."""
    quiz = ClozeQuiz(report, n=3, seed=5)
    items = quiz.quiz.items
    quiz.answers[0].value = items[0].answer
    quiz.check_button.click()
    assert quiz.score == 1
    quiz.reveal_button.click()
    for k, item in enumerate(items):
        quiz.answers[k].value = item.answer
    quiz.check_button.click()
    assert quiz.score == 1 and quiz.quiz.score.revealed == 2
    assert "正确" in quiz.feedback[0].value
    assert all("不计分" in quiz.feedback[k].value and "正确" not in quiz.feedback[k].value for k in (1, 2))
    assert "1/3" in quiz.score_label.value and "看过答案 2 题" in quiz.score_label.value
