"""Properties (Hypothesis) of annotations: exact re-anchoring in an unchanged text; export → import is the identity.

Markdown (学习笔记) is for reading and is not imported; the formats that are imported — CSV and JSON-LD —
must give back every field of every annotation exactly, whatever the learner typed.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from edu_helpers.annotations import AnnotationStore, export_annotations, kinds, read_import_file, write_export
from edu_helpers.annotations.anchor import ANCHORED
from edu_helpers.text.load import load_document

DOC = load_document()

# what a learner may type: any text (formula starts, quotes, line breaks, markup, emoji, control characters)
_TYPED = st.text(st.characters(exclude_categories=("Cs",)), max_size=120)
_TAG = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters=";"), min_size=1, max_size=12
)


@st.composite
def spans(draw) -> tuple[int, int]:
    start = draw(st.integers(0, len(DOC.text) - 2))
    return start, draw(st.integers(start + 1, min(len(DOC.text), start + 80)))


_NOTES = st.lists(
    st.tuples(
        spans(), _TYPED, st.lists(_TAG, max_size=3), st.sampled_from([None, *kinds()]),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
    ),
    min_size=1,
    max_size=6,
)  # fmt: skip


def _fill(store: AnnotationStore, notes) -> list:
    made = []
    for (start, end), note, tags, kind, author in notes:
        if any(not t.strip() for t in tags):
            tags = [t for t in tags if t.strip()]
        made.append(store.annotate_span(DOC, start, end, note=note, tags=tags, kind=kind, author=author))
    return made


@given(_NOTES)
def test_reanchoring_in_an_unchanged_document_places_every_annotation_exactly(notes):
    with tempfile.TemporaryDirectory() as tmp, AnnotationStore(Path(tmp) / "a.sqlite") as store:
        made = {a.id: a for a in _fill(store, notes)}
        placed = store.anchored(DOC)
    assert len(placed) == len(made)
    for p in placed:
        a = made[p.annotation.id]
        assert (p.status, p.start, p.end) == (ANCHORED, a.start, a.end)
        assert DOC.text[p.start : p.end] == a.exact and p.paragraph_id == a.paragraph_id


@given(_NOTES, st.sampled_from(["csv", "jsonld"]))
def test_export_then_import_is_the_identity(notes, fmt):
    with tempfile.TemporaryDirectory() as tmp, AnnotationStore(Path(tmp) / "a.sqlite") as store:
        made = {a.id: a for a in _fill(store, notes)}
        path = write_export(export_annotations(store, DOC, fmt), Path(tmp) / f"a.{fmt}", fmt)
        back, skipped = read_import_file(path)
    assert skipped == 0
    assert {a.id: dataclasses.asdict(a) for a in back} == {i: dataclasses.asdict(a) for i, a in made.items()}
