"""Traditional characters: detected by ratio, converted with OpenCC, recorded."""

from __future__ import annotations

import doctest

import pytest

from edu_helpers.text import script as S

from . import forms


def test_doctests():
    assert doctest.testmod(S).failed == 0


def _source() -> str:
    return forms.bundled_path().read_text(encoding="utf-8")


def test_simplified_report_is_left_alone():
    text = _source()
    out, rep = S.to_simplified(text)
    assert out == text and rep.script == "simplified" and rep.ratio == 0 and not rep.converted


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
def test_traditional_copies_convert_back_exactly(config):
    text = _source()
    trad = forms.traditional(text, config)
    found = S.detect(trad)
    assert found.script == "traditional" and found.ratio > 3 * S.THRESHOLD
    out, rep = S.to_simplified(trad)
    assert out == text
    assert rep.converted and rep.config == "tw2s" and rep.changed > 700 and rep.examples


def test_a_few_traditional_names_in_simplified_text_are_not_converted():
    text = "会议指出，要学习《論語》选段和台灣地区来稿，推进教育强国建设，办好人民满意的教育。" * 3
    assert S.detect(text).script == "simplified"


def test_short_headline_is_decided_too():
    assert S.detect("全國教育工作會議").script == "traditional"
    assert S.detect("全国教育工作会议").script == "simplified"
