"""填空自测：从关键词和提法所在的句子中出题。Cloze self-tests built from any document.

A blank is a key term or formulation (提法) cut out of a sentence where it occurs. The learner
types it; :func:`check_answer` forgives full-/half-width forms, spaces, quotes and Latin case.
:class:`ClozeDeck` draws fresh questions each time (reproducibly when given a seed), and a
:class:`Quiz` keeps the answers, hints and score of one draw.

    >>> import edu_helpers
    >>> doc = edu_helpers.document_from_text("关于读书。\\n要坚持立德树人，推进“双减”。\\n")
    >>> quiz = ClozeDeck(doc, terms=["立德树人"], seed=1).draw(1)
    >>> quiz.items[0].prompt
    '要坚持【\u3000\u3000】，推进“双减”。'
    >>> quiz.check(0, "立 德 树 人"), quiz.score.correct
    (True, 1)
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from edu_helpers.text.document import Document

#: What a blank looks like in a prompt (its width does not give away the answer's length).
BLANK = "【\u3000\u3000】"
#: Characters of context kept on each side of a blank in a long sentence.
CONTEXT_CHARS = 60
#: Terms shorter than this are too easy to guess (and too often part of other words).
MIN_TERM_CHARS = 2
#: How many top keywords (TF-IDF) join the candidates, and how long they must be: single
#: two-character keywords (教育, 改革) are too general to test anything.
KEYWORDS, MIN_KEYWORD_CHARS = 20, 3
# 引号、书名号：答案外围有无均可 (quotes around an answer are optional)
_QUOTES = "“”\"'‘’「」『』《》〈〉"
_HAN = re.compile("[\u4e00-\u9fff]")  # CJK基本 (a keyword without Chinese is a name: Open, Source)
# 零宽字符 (zero-width characters, often pasted along with text)
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")


def normalise_answer(text: str) -> str:
    """The comparable form of an answer.

    Full-width letters and digits become half-width (NFKC), every space (also the ideographic
    space ``U+3000``) and zero-width character is removed, surrounding quotes are dropped, and
    Latin letters are case-folded.

    >>> normalise_answer(" “５Ｇ 实训” ")
    '5g实训'
    """
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(text)))
    text = "".join(ch for ch in text if not ch.isspace())
    return text.strip(_QUOTES).casefold()


def check_answer(given: str, expected: str) -> bool:
    """Whether ``given`` is ``expected`` up to width, spaces, surrounding quotes and Latin case."""
    return bool(normalise_answer(given)) and normalise_answer(given) == normalise_answer(expected)


@dataclass(frozen=True)
class ClozeItem:
    """One question: a sentence with one term blanked.

    Attributes:
        sentence_id: the sentence (``p03-s01``…); ``section`` its section index.
        answer: the blanked term, exactly as in the text.
        start: offset of the blanked occurrence in ``doc.text`` (``[start, start + len(answer))``).
        prompt: the sentence (trimmed to :data:`CONTEXT_CHARS` around the blank) with every
            occurrence of the answer replaced by :data:`BLANK`.
        source: where the term came from (``formulation``, ``glossary``, ``policy``, ``keyword``
            or ``given``).
    """

    sentence_id: str
    section: int
    answer: str
    start: int
    prompt: str
    source: str = "given"

    def hints(self) -> tuple[str, ...]:
        """Hints from least to most revealing: length, first character, first and last."""
        n = len(self.answer)
        out = [f"共 {n} 个字", f"第一个字是「{self.answer[0]}」"]
        if n > 2:
            out.append(f"以「{self.answer[0]}」开头，以「{self.answer[-1]}」结尾")
        return tuple(out)


def key_terms(doc: Document) -> dict[str, str]:
    """The document's key terms and formulations, each with its source, longest first.

    Sources, in order of preference: ``formulation`` (``doc.formulations``), ``glossary``,
    ``policy`` (the policy dictionary) and ``keyword`` (TF-IDF top 30). Only terms that occur in
    the text and have at least :data:`MIN_TERM_CHARS` characters are kept. Computed once per document.
    """
    return dict(doc.memo("key_terms", lambda: _key_terms(doc)))


def _key_terms(doc: Document) -> dict[str, str]:
    found: dict[str, str] = {}
    for source, terms in _term_sources(doc):
        for term in terms:
            term = str(term).strip()
            if len(term) >= MIN_TERM_CHARS and term not in found and term in doc.text:
                found[term] = source
    return dict(sorted(found.items(), key=lambda kv: -len(kv[0])))


def _term_sources(doc: Document) -> list[tuple[str, list[str]]]:
    """Candidate terms from the words stage: formulations, glossary, policy terms, keywords."""
    from edu_helpers.analysis.glossary import glossary
    from edu_helpers.analysis.keywords import keywords
    from edu_helpers.analysis.words import POLICY_TERMS, read_dictionary

    # entries with a frequency only steer segmentation (秘书组 100) or delete a word (0)
    policy = [word for word, freq, _tag in read_dictionary(POLICY_TERMS) if freq is None]
    top = [w for w in keywords(doc, KEYWORDS)["word"] if len(w) >= MIN_KEYWORD_CHARS and _HAN.search(w)]
    return [
        ("formulation", list(doc.formulations["formulation"])),
        ("glossary", list(glossary(doc)["term"])),
        ("policy", policy),
        ("keyword", top),
    ]


def _prompt(sentence: str, term: str, at: int) -> str:
    """``sentence`` with ``term`` blanked, trimmed around the occurrence at ``at``."""
    lo, hi = max(0, at - CONTEXT_CHARS), min(len(sentence), at + len(term) + CONTEXT_CHARS)
    # do not cut through another occurrence of the answer: it would give it away
    while lo > 0 and term in sentence[max(0, lo - len(term) + 1) : lo + len(term) - 1]:
        lo -= 1
    while hi < len(sentence) and term in sentence[hi - len(term) + 1 : hi + len(term) - 1]:
        hi += 1
    text = sentence[lo:hi].replace(term, BLANK)
    return ("……" if lo > 0 else "") + text + ("……" if hi < len(sentence) else "")


def build_items(doc: Document, terms: dict[str, str] | Iterable[str]) -> list[ClozeItem]:
    """Every possible question: one per (sentence, term occurring in it), in text order.

    Args:
        doc: any loaded document.
        terms: terms to blank, or a mapping term → source (see :func:`key_terms`).
    """
    sources = terms if isinstance(terms, dict) else dict.fromkeys(terms, "given")
    section = {p.id: p.section for p in doc.paragraph_records}
    items = []
    for s in doc.sentence_records:
        for term, source in sources.items():
            at = s.text.find(term)
            if term and at >= 0:
                prompt = _prompt(s.text, term, at)
                items.append(ClozeItem(s.id, section[s.paragraph_id], term, s.start + at, prompt, source))
    return items


@dataclass(frozen=True)
class Score:
    """Correct, answered (checked at least once) and total questions, hints shown, answers revealed.

    A question whose answer was shown (显示答案) before it was answered right is ``revealed``: an answer
    typed after that is never counted as correct.
    """

    correct: int
    answered: int
    total: int
    hints: int
    revealed: int = 0

    def __str__(self) -> str:
        seen = f"，看过答案 {self.revealed} 题" if self.revealed else ""
        return f"得分 {self.correct}/{self.total}（已作答 {self.answered}，用提示 {self.hints} 次{seen}）"


@dataclass
class Quiz:
    """One draw of questions, with the learner's answers and hints so far."""

    items: tuple[ClozeItem, ...]
    answers: dict[int, str] = field(default_factory=dict)
    results: dict[int, bool] = field(default_factory=dict)
    hints_shown: dict[int, int] = field(default_factory=dict)
    revealed: set[int] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.items)

    def check(self, index: int, answer: str) -> bool:
        """Record and check the answer to question ``index`` (0-based).

        Returns whether the answer matches; after :meth:`reveal` a match is recorded as revealed, not correct
        (see :meth:`is_revealed`), and the result stays what it was before the answer was shown.
        """
        ok = check_answer(answer, self.items[index].answer)
        self.answers[index] = answer
        if index not in self.revealed:
            self.results[index] = ok
        else:
            self.results.setdefault(index, False)
        return ok

    def reveal(self, index: int | None = None) -> None:
        """显示答案 for question ``index`` (``None``: every question). A question already answered right keeps its
        point; any other counts as revealed from now on."""
        for k in range(len(self.items)) if index is None else [index]:
            if not self.results.get(k):
                self.revealed.add(k)

    def is_revealed(self, index: int) -> bool:
        """Whether the answer of ``index`` was shown before it was answered right."""
        return index in self.revealed

    def hint(self, index: int) -> str:
        """The next hint for question ``index`` (the last one again once all were shown)."""
        hints = self.items[index].hints()
        level = min(self.hints_shown.get(index, 0), len(hints) - 1)
        self.hints_shown[index] = level + 1
        return hints[level]

    @property
    def score(self) -> Score:
        """The score so far."""
        correct = sum(ok for k, ok in self.results.items() if k not in self.revealed)
        return Score(correct, len(self.results), len(self.items), sum(self.hints_shown.values()), len(self.revealed))


class ClozeDeck:
    """All questions of a document, drawn from a few at a time.

    Args:
        doc: any loaded document.
        terms: the terms to blank; ``None`` → :func:`key_terms` of ``doc``.
        section: only sentences of this section (index), or ``None`` for every section but the
            list of attendees (kind ``attendance``: names of offices are not worth learning by heart).
        seed: ``None`` → a fresh random draw each time; an int → the same sequence of draws.

    Raises:
        ValueError: no term occurs in the (selected part of the) document.
    """

    def __init__(
        self,
        doc: Document,
        *,
        terms: dict[str, str] | Iterable[str] | None = None,
        section: int | None = None,
        seed: int | None = None,
    ):
        self.doc = doc
        items = build_items(doc, key_terms(doc) if terms is None else terms)
        kinds = [sec.kind for sec in doc.section_records]
        self.items = [
            i for i in items if i.section == section or (section is None and kinds[i.section] != "attendance")
        ]
        if not self.items:
            raise ValueError(f"没有可出题的句子 no sentence holds a key term ({doc.title or 'document'})")
        self.seed = seed
        self._rng = random.Random(seed)
        self._last: set[ClozeItem] = set()

    def draw(self, n: int = 5) -> Quiz:
        """A new quiz of up to ``n`` questions: distinct sentences, distinct answers where possible,
        avoiding the previous draw's questions while others remain; shown in text order."""
        pool = self.items[:]
        self._rng.shuffle(pool)
        pool.sort(key=lambda i: i in self._last)  # stable: keeps the shuffle within each group
        chosen: list[ClozeItem] = []
        for relax in (False, True):
            for item in pool:
                if len(chosen) >= n or item in chosen:
                    continue
                if any(c.sentence_id == item.sentence_id for c in chosen):
                    continue
                if not relax and any(c.answer == item.answer for c in chosen):
                    continue
                chosen.append(item)
        self._last = set(chosen)
        return Quiz(tuple(sorted(chosen, key=lambda i: i.start)))


def make_quiz(doc: Document, n: int = 5, *, seed: int | None = None, section: int | None = None) -> Quiz:
    """One draw of ``n`` questions from ``doc`` (see :class:`ClozeDeck`)."""
    return ClozeDeck(doc, section=section, seed=seed).draw(n)
