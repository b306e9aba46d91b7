"""HTML renderings never interpret user text: notes, tags, kinds, authors are escaped everywhere."""

from __future__ import annotations

import pytest

from edu_helpers.annotations import AnnotationStore, export_annotations
from edu_helpers.annotations.model import FALLBACK_COLOR, kinds, parse_kinds
from edu_helpers.annotations.render import annotation_html, annotations_html, highlight_html, kind_badge_html
from edu_helpers.errors import DataFileError

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "<a href='javascript:alert(1)'>点我</a>",
]


@pytest.fixture
def hostile(tmp_path, report):
    with AnnotationStore(tmp_path / "notes.sqlite") as store:
        for i, attack in enumerate(ATTACKS):
            store.annotate(report, "双减", note=attack, tags=[f"t{i}{attack[:20]}"], author=attack, kind="疑问")
        yield store


def _assert_inert(html: str) -> None:
    lowered = html.lower()
    for raw in ("<script", "<img", "<svg", "<a href"):  # attributes are harmless outside a tag
        assert raw not in lowered, raw
    assert "&lt;script&gt;" in html


def test_notes_are_stored_verbatim(hostile):
    assert sorted(a.note for a in hostile.annotations()) == sorted(ATTACKS)


def test_every_html_rendering_escapes(hostile, report):
    anns = hostile.annotations()
    placed = hostile.anchored(report)
    _assert_inert("".join(annotation_html(a) for a in anns))
    _assert_inert(annotations_html(anns))
    _assert_inert(annotations_html(placed))
    _assert_inert("".join(a._repr_html_() for a in anns))
    _assert_inert(hostile.to_frame(report).to_html())
    _assert_inert(export_annotations(hostile, report, "markdown"))
    spans = [(p.start, p.end, p.annotation.kind, p.annotation.id) for p in placed]
    _assert_inert(highlight_html("<script>x</script>" + report.text, spans, offset=-18))


def test_card_contents(report, tmp_path):
    with AnnotationStore(tmp_path / "n.sqlite") as store:
        a = store.annotate(report, "双减", note="第一行\n第二行", tags=["减负"], kind="重点", author="张三")
    html = annotation_html(a)
    assert f'data-id="{a.id}"' in html and "#减负" in html and "张三" in html
    assert "white-space:pre-wrap" in html and "第一行\n第二行" in html
    assert kinds()["重点"].color in html


def test_highlight_overlaps_and_offsets():
    html = highlight_html("一二三四五", [(11, 14, "重点", "a"), (12, 13, None, "b")], offset=10)
    assert html.startswith("一<mark")
    assert 'data-ids="a b"' in html and html.count("<mark") == 3 and html.endswith("五")


def test_badges_and_unknown_kinds():
    assert kind_badge_html(None) == ""
    assert FALLBACK_COLOR in kind_badge_html("别人的类型")


def test_kinds_file():
    assert list(kinds()) == ["重点", "疑问", "心得", "联系实际"]
    assert all(k.color.startswith("#") and len(k.color) == 7 for k in kinds().values())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "one or more \\[\\[kind\\]\\]"),
        ({"kind": [{"color": "#FFFFFF"}]}, "has no name"),
        ({"kind": [{"name": "重点", "color": "red; background:url(x)"}]}, "not of the form #RRGGBB"),
        ({"kind": [{"name": "重点", "color": "#FFFFFF"}, {"name": "重点", "color": "#000000"}]}, "listed twice"),
    ],
)
def test_malformed_kinds_file_is_a_clear_error(data, message):
    with pytest.raises(DataFileError, match=message):
        parse_kinds(data, "annotation_kinds.toml")
