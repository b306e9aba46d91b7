"""Code point rules: each repairs its artefact, counts it, and leaves everything else alone."""

from __future__ import annotations

import doctest
import tomllib
import unicodedata

import pytest

from edu_helpers.data_files import DATA_DIR
from edu_helpers.text import codepoints as C


def test_doctests():
    assert doctest.testmod(C).failed == 0


def test_every_kangxi_radical_becomes_a_unified_ideograph():
    radicals = "".join(chr(cp) for cp in range(0x2F00, 0x2FD6))
    fixed = C.kangxi_radicals(radicals)
    assert all(unicodedata.name(c).startswith("CJK UNIFIED IDEOGRAPH") for c in fixed)
    assert C.kangxi_radicals("⾼质量教育体系") == "高质量教育体系"


def test_supplement_table_is_checked_data():
    table = tomllib.loads((DATA_DIR / C.RADICALS_TABLE).read_text(encoding="utf-8"))["radicals"]
    assert len(table) >= 90
    for src, dst in table.items():
        assert 0x2E80 <= ord(src) <= 0x2EF3
        assert unicodedata.name(dst).startswith("CJK UNIFIED IDEOGRAPH")
        assert unicodedata.normalize("NFKC", src) in (src, dst)  # where NFKC maps, it agrees
    # NFKC alone misses these: the reason the table exists
    for src, dst in {"⻅": "见", "⻓": "长", "⻔": "门", "⻢": "马", "⻋": "车", "⻚": "页"}.items():
        assert unicodedata.normalize("NFKC", src) == src and table[src] == dst


def test_compatibility_ideographs_but_not_the_twelve_unified_ones():
    assert C.compatibility_ideographs("\uf9b4") == "\u9818"
    assert C.compatibility_ideographs("\ufa0e\ufa0f") == "\ufa0e\ufa0f"  # 﨎﨏 are unified ideographs


def test_fullwidth_letters_and_digits_only():
    assert C.halfwidth_alnum("２０２３年，ＡＩ、５Ｇ：（一）％") == "2023年，AI、5G：（一）％"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("會(huì)議指出", "會議指出"),
        ("会（hui4）议", "会议"),
        ("會議(huì yì)指出", "會議指出"),
        ("人工智能（AI）和(GDP)", "人工智能（AI）和(GDP)"),
        ("第(2)条", "第(2)条"),
        ("见附件(a)", "见附件(a)"),
    ],
)
def test_pinyin_glosses(raw, clean):
    assert C.remove_pinyin(raw) == clean


def test_emoji_removed_but_marks_used_in_text_stay():
    assert C.remove_emoji("强国🇨🇳💪🏻，加油👨‍👩‍👧！1️⃣") == "强国，加油！"
    assert C.remove_emoji("★重点 ✓完成 ❶第一") == "★重点 ✓完成 ❶第一"


def test_invisible_and_spaces():
    assert C.remove_invisible("立德\u200b树\u00ad人\ufeff") == "立德树人"
    assert C.plain_spaces("2023\u00a0年\u3000") == "2023 年\u3000"


def test_repair_counts_each_rule_and_shows_examples():
    text, counts = C.repair("⾼质量⾼水平\u200b发展🎉，⻓期")
    assert text == "高质量高水平发展，长期"
    by = {c.name: c for c in counts}
    assert by["kangxi-radicals"].count == 2 and by["kangxi-radicals"].examples == ("⾼→高",)
    assert by["invisible-characters"].examples == ("U+200B→",)
    assert by["emoji"].count == 1 and by["radicals-supplement"].count == 1


def test_repair_reports_unmapped_radicals_and_changes_nothing_in_plain_text():
    assert C.repair("会议指出，“两个确立”。")[1] == ()
    assert C.repair("⺀")[1][-1].name == "unmapped-radicals"


def test_rule_classes_match_exactly_their_tables():
    """The compiled classes (written as ranges for speed) match every code point of their table and no other."""
    from edu_helpers.text.codepoints import _class_of, _compatibility, _kangxi, _radicals_supplement

    for table in (_kangxi(), _radicals_supplement(), _compatibility(), {0x41: "", 0x42: "", 0x44: "", 0x2F800: ""}):
        pattern = _class_of(table)
        assert {cp for cp in range(0x110000) if pattern.fullmatch(chr(cp))} == set(table)
