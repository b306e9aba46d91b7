"""Properties (Hypothesis) of loading: normalisation keeps every content character in order; offsets slice back."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from edu_helpers.errors import DocumentError
from edu_helpers.text import patterns as R
from edu_helpers.text.load import document_from_text
from edu_helpers.text.normalize import normalize

# Report-like raw text: CJK, full-width and ASCII punctuation, digits, Latin letters, spaces, tabs,
# non-breaking and ideographic spaces, and line breaks — as PDF extraction leaves them.
_CHARS = st.sampled_from(
    list("教育强国建设高质量体系学校教师学生改革发展推进") + list("，。、；：！？“”（）《》—…")
    + list("0123456789abcXYZ-.,;:()") + [" ", "  ", "\t", "\u00a0", "\u3000"]
)  # fmt: skip
_LINE = st.lists(_CHARS, max_size=40).map("".join)
RAW = st.lists(_LINE, min_size=1, max_size=30).map("\n".join)


def _content(text: str) -> str:
    """The content characters: everything but whitespace, outside page-footer lines."""
    return "".join(c for line in text.split("\n") if not R.PAGE_FOOTER.match(line) for c in line if not c.isspace())


@given(RAW)
def test_normalisation_never_loses_adds_or_reorders_a_content_character(raw):
    assert _content(normalize(raw)) == _content(raw)


@given(RAW)
def test_normalisation_is_idempotent_on_its_own_output(raw):
    once = normalize(raw)
    assert _content(normalize(once)) == _content(once)


_BODY = st.lists(
    st.sampled_from(["教育强国建设", "推进改革发展", "提高质量", "学校和教师", "双减"]), min_size=2, max_size=8
)


@given(st.lists(_BODY.map(lambda ws: "，".join(ws) + "。"), min_size=1, max_size=12), RAW)
def test_every_offset_lies_inside_the_text_and_slices_back(paragraphs, noise):
    try:
        doc = document_from_text("\n\n".join(["全国教育工作会议召开", *paragraphs, noise]))
    except DocumentError:
        assume(False)
        return
    text = doc.text
    for p in doc.paragraph_records:
        assert 0 <= p.start <= p.end <= len(text) and text[p.start : p.end] == p.text
    for s in doc.sentence_records:
        assert 0 <= s.start <= s.end <= len(text) and text[s.start : s.end] == s.text
    for sec in doc.section_records:
        assert all(doc.paragraph(pid).section == sec.index for pid in sec.paragraph_ids)
