"""填空自测：题目、答案容错、提示、得分、抽题。Cloze self-tests."""

from __future__ import annotations

import pytest

import edu_helpers
from edu_helpers.teaching.cloze import BLANK, ClozeDeck, Quiz, build_items, check_answer, key_terms, make_quiz
from tests.paths import SECOND_REPORT as SECOND


@pytest.fixture(scope="module")
def second() -> edu_helpers.Document:
    """A second document, built from text (not the bundled report)."""
    return edu_helpers.document_from_text(SECOND.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("given", "expected", "ok"),
    [
        ("立德树人", "立德树人", True),
        (" 立德 树人 ", "立德树人", True),  # half-width spaces anywhere
        ("立德\u3000树人", "立德树人", True),  # ideographic space
        ("立德\t树人\n", "立德树人", True),
        ("“双减”", "双减", True),  # quotes around the answer are optional
        ("双减", "“双减”", True),
        ("５Ｇ实训", "5G实训", True),  # full-width letters and digits
        ("5g实训", "5G实训", True),  # Latin case
        ("ＡＩ 助教", "AI助教", True),
        ("ai助教", "ＡＩ助教", True),
        ("２０２３", "2023", True),
        ("十四五", "十四五", True),
        ("立德树", "立德树人", False),  # incomplete
        ("树人立德", "立德树人", False),  # wrong order
        ("两个维护", "两个确立", False),
        ("", "立德树人", False),  # nothing typed
        ("   ", "立德树人", False),
        ("5G实训基地", "5G实训", False),
    ],
)
def test_check_answer_tolerance(given: str, expected: str, ok: bool) -> None:
    assert check_answer(given, expected) is ok


def test_items_blank_the_terms_where_they_occur(report: edu_helpers.Document) -> None:
    items = build_items(report, key_terms(report))
    assert len(items) >= 20
    sentences = {s.id: s for s in report.sentence_records}
    for item in items:
        sentence = sentences[item.sentence_id]
        # the answer is the blanked text, at the recorded offset, inside its sentence
        assert report.text[item.start : item.start + len(item.answer)] == item.answer
        assert sentence.start <= item.start < sentence.end
        assert BLANK in item.prompt and item.answer not in item.prompt
        # filling the blank gives back (a stretch of) the sentence
        assert item.prompt.replace(BLANK, item.answer).strip("…") in sentence.text


def test_key_terms_include_formulations_and_glossary(report: edu_helpers.Document) -> None:
    terms = key_terms(report)
    for term in ("两个确立", "一体两翼", "双减", "立德树人", "高质量教育体系"):
        assert term in terms
    assert all(term in report.text for term in terms)
    assert "教育" not in terms  # too general: single short keywords are left out


def test_same_seed_same_draw_different_seeds_differ(report: edu_helpers.Document) -> None:
    def answers(seed: int) -> list[tuple[str, str]]:
        return [(i.sentence_id, i.answer) for i in make_quiz(report, 5, seed=seed).items]

    assert answers(1) == answers(1)
    assert len({tuple(answers(seed)) for seed in range(6)}) > 1


def test_a_draw_has_distinct_sentences_and_answers(report: edu_helpers.Document) -> None:
    quiz = make_quiz(report, 6, seed=7)
    assert len(quiz) == 6
    assert len({i.sentence_id for i in quiz.items}) == 6
    assert len({i.answer for i in quiz.items}) == 6
    assert [i.start for i in quiz.items] == sorted(i.start for i in quiz.items)


def test_next_draw_avoids_the_previous_questions(report: edu_helpers.Document) -> None:
    deck = ClozeDeck(report, seed=3)
    first, second = deck.draw(5), deck.draw(5)
    assert not set(first.items) & set(second.items)


def test_works_on_a_document_built_from_text(second: edu_helpers.Document) -> None:
    terms = key_terms(second)
    assert "双师型" in terms and "产教融合" in terms
    quiz = make_quiz(second, 3, seed=0)
    assert len(quiz) == 3
    for item in quiz.items:
        assert item.answer in terms
        assert second.text[item.start : item.start + len(item.answer)] == item.answer


def test_given_terms_and_section_filter(second: edu_helpers.Document) -> None:
    deck = ClozeDeck(second, terms=["AI助教", "数字素养", "能工巧匠"], seed=0)
    quiz = deck.draw(5)
    # AI助教 and 数字素养 share a sentence: one question per sentence
    assert len(quiz) == 2 and "能工巧匠" in {i.answer for i in quiz.items}
    assert len(ClozeDeck(second, terms=["AI助教", "能工巧匠"], section=2).draw(5)) == 2
    with pytest.raises(ValueError, match="没有可出题的句子"):
        ClozeDeck(second, terms=["AI助教", "能工巧匠"], section=1)
    quiz = ClozeDeck(second, terms=["AI助教"]).draw(1)
    assert quiz.check(0, "ａｉ 助教")
    with pytest.raises(ValueError, match="没有可出题的句子"):
        ClozeDeck(second, terms=["不存在的词"])


def test_score_and_hints() -> None:
    doc = edu_helpers.document_from_text("标题\n\n要坚持立德树人。\n\n继续把“双减”摆在突出位置。\n")
    quiz = ClozeDeck(doc, terms=["立德树人", "双减"], seed=0).draw(2)
    assert isinstance(quiz, Quiz) and [i.answer for i in quiz.items] == ["立德树人", "双减"]
    assert quiz.score.correct == 0 and quiz.score.total == 2 and quiz.score.answered == 0
    assert quiz.hint(0) == "共 4 个字"
    assert "立" in quiz.hint(0)
    assert "人" in quiz.hint(0)
    assert quiz.hint(0) == quiz.items[0].hints()[-1]  # the last hint repeats
    assert not quiz.check(0, "立德")
    assert quiz.check(0, "立德树人") and not quiz.check(1, "减负")
    score = quiz.score
    assert (score.correct, score.answered, score.total, score.hints) == (1, 2, 2, 3)  # hints seen, not clicks
    assert "1/2" in str(score)


def test_the_list_of_attendees_is_left_out(report: edu_helpers.Document) -> None:
    attendance = [s.index for s in report.section_records if s.kind == "attendance"]
    assert attendance and any(i.section in attendance for i in build_items(report, key_terms(report)))
    assert not any(i.section in attendance for i in ClozeDeck(report, seed=0).items)
    assert ClozeDeck(report, section=attendance[0], seed=0).items  # unless asked for


def test_a_revealed_question_never_scores():
    doc = edu_helpers.document_from_text("标题\n\n要坚持立德树人。要推进产教融合。\n")
    quiz = ClozeDeck(doc, terms=["立德树人", "产教融合"], seed=3).draw(2)
    quiz.reveal(1)
    assert quiz.check(1, quiz.items[1].answer) is True  # the answer matches …
    assert quiz.is_revealed(1) and quiz.score.correct == 0  # … but it was seen first
    assert quiz.check(0, quiz.items[0].answer) and quiz.score.correct == 1
    quiz.reveal()  # a question already answered right keeps its point
    assert quiz.score.correct == 1 and quiz.score.revealed == 1 and "看过答案 1 题" in str(quiz.score)
