"""The unwrapper's content rules, each on a small report written for this test (issue 13, point 3).

Geometry alone cannot tell a paragraph end from a wrap when a paragraph ends at the full width; these tests
fix a layout where it cannot, so that only the rule named in each test can give the text back. A last test
rewraps the whole report in every layout and width, like ``test_unwrap_widths`` does for the others.
"""

from __future__ import annotations

import pytest

from edu_helpers.text.linecues import spaced_heading
from edu_helpers.text.normalize import normalize
from edu_helpers.text.unwrap import unwrap_lines
from tests.text.rewrap import rewrap_text
from tests.text.unwrap_cases import VARIANTS

HEADLINE = ["全省科技创新大会召开", "加快建设创新型省份"]
PARAGRAPHS = [
    "4月2日，全省科技创新大会在省会召开。省委书记陈立山出席会议并讲话，副省长周敏主持会议。",
    "陈立山强调，要把科技自立自强作为发展的战略支撑，完善新型举国体制，推动创新链产业链资金链人才链深度融合。",
    "聚焦重点 攻坚克难",
    "会议部署，2025年要重点抓好以下工作：一是建设一批省实验室；二是培育科技领军企业；三是改革科研经费管理。",
    "周敏要求，各地各部门要细化任务清单，确保各项部署落地见效。",
    "各市科技局主要负责同志，省直有关部门负责同志参加会议。",
]


def _back(width: int, variant: str, headline=HEADLINE, paragraphs=PARAGRAPHS) -> list[str]:
    raw = rewrap_text(list(headline), list(paragraphs), width, **VARIANTS[variant])
    return normalize(raw).split("\n")


def _want(headline=HEADLINE, paragraphs=PARAGRAPHS) -> list[str]:
    return normalize("\n".join([*headline, *paragraphs])).split("\n")


def test_headline_lines_as_wide_as_the_body_stay_lines_of_their_own():
    # at 10 cells the headline lines are full lines of the body's width
    got = unwrap_lines(
        "全省科技创新大会召\n加快建设创新型省份\n4月2日，全省科技\n创新大会在省会召开。\n会议要求，各地要细\n化任务清单，确保落地。"
    )
    assert got.split("\n")[:2] == ["全省科技创新大会召", "加快建设创新型省份"]


@pytest.mark.parametrize("width", [12, 13, 14, 15, 16])
def test_a_leads_first_line_is_not_taken_for_a_headline_line(width):
    # the lead's first line (全省科技创新大会近日在省) has no punctuation, like a headline line
    headline = ["全省科技创新大会：加快建设创新型省份的年度安排"]
    paragraphs = [
        "全省科技创新大会近日在省会召开。会议总结了过去一年的科技工作，部署今年任务。",
        "会议认为，全省创新能力稳步提升；重大平台建设提速；科技企业数量稳步增长。",
    ]
    assert _back(width, "lost-hang-blank-footer", headline, paragraphs) == _want(headline, paragraphs)


@pytest.mark.parametrize("width", [16, 20, 24])
def test_a_sub_heading_set_with_spaces_after_a_sentence_end(width):
    assert "聚焦重点 攻坚克难" in _back(width, "flush-hang-pageblank")


def test_a_speaker_named_in_the_lead_opens_a_paragraph_even_at_full_width():
    # flush layout at 22: the lead's last line is a full line ending 。, the next begins with 陈立山强调
    lead = "4月2日，全省科技创新大会在省会召开，省委书记陈立山出席会议并讲话。"
    body = "陈立山强调，要完善新型举国体制，推动创新链产业链深度融合。"
    assert _back(34, "flush-hang-pageblank", HEADLINE, [lead, body]) == _want(HEADLINE, [lead, body])


def test_an_attendance_sentence_opens_a_paragraph():
    first = "会议要求，各地要细化任务清单，确保各项部署落地见效。"
    last = "各市科技局主要负责同志参加会议。"
    for width in (26, 27):  # the first paragraph ends at the full width
        assert _back(width, "flush-hang-pageblank", HEADLINE, [PARAGRAPHS[0], first, last])[-1] == last


def test_an_inline_list_after_a_colon_stays_in_its_paragraph():
    # hard-wrapped at 15 cells, flush: the colon ends a full line and the next line begins with 一是
    lines = [
        "4月2日，全省科技创新大会在",
        "省会召开。会议总结了过去一年",
        "的科技工作。",
        "会议部署，今年要抓好以下工作：",
        "一是建设一批省实验室；二是培",
        "育科技领军企业；三是改革科研",
        "经费管理。",
        "会议要求，各地各部门要细化任",
        "务清单，确保各项部署落地见效。",
    ]
    got = unwrap_lines("\n".join(lines)).split("\n")
    assert got[1] == "会议部署，今年要抓好以下工作：一是建设一批省实验室；二是培育科技领军企业；三是改革科研经费管理。"


def test_an_item_paragraph_after_a_colon_is_its_own_paragraph():
    got = unwrap_lines(
        "会议部署，今年要抓好以下三项工作：\n一是建设一批省实验室。\n二是培育科技领军企业。\n三是改革科研经费管理。"
    )
    assert got.split("\n")[1:] == ["一是建设一批省实验室。", "二是培育科技领军企业。", "三是改革科研经费管理。"]


ITEMS = [
    "会议明确了今年的重点任务：",
    "（一）实施科研平台提能行动，新建省实验室两家；",
    "（二）推进科技企业梯度培育，高新技术企业净增五百家；",
    "（三）深化科研经费管理改革，扩大项目经费使用自主权。",
    "会议要求，各地要把任务落到项目上。",
]


def test_numbered_items_ending_in_semicolons_each_on_a_line_of_their_own():
    # a copy pasted from a portal: one item per line, each closing its clause with ；
    got = unwrap_lines("\n".join(ITEMS)).split("\n")
    assert got == ITEMS


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_numbered_item_paragraphs_ending_in_semicolons_in_wrapped_text(variant):
    # at 22–27 cells the items' last lines are as wide as a full line (or a first line that lost its
    # indent): a wrap and an item's end look the same there, and below 16 the numbers wrap too
    widths = [w for w in range(16, 61) if not 22 <= w <= 27]
    wrong = [w for w in widths if _back(w, variant, HEADLINE, ITEMS) != _want(HEADLINE, ITEMS)]
    assert _want(HEADLINE, ITEMS)[3:6] == ITEMS[1:4]  # one paragraph per item
    assert not wrong, f"{variant}: wrong at widths {wrong}"


def test_a_list_run_on_in_its_paragraph_is_not_split_at_a_line_starting_with_a_number():
    # web copy broken after a clause: the paragraph does not start with a number, so 三是 continues it
    text = "会议部署，今年要抓好以下工作：一是建设一批省实验室；二是培育科技领军企业；\n三是改革科研经费管理。"
    assert unwrap_lines(text) == text.replace("\n", "")
    # an item whose own line runs on into the next item (二是 inside the line) is not one item either
    text = "一是建设一批省实验室；二是培育科技领军企业；\n三是改革科研经费管理。"
    assert unwrap_lines(text) == text.replace("\n", "")


def test_two_hanging_marks_do_not_widen_the_wrap():
    # “创新”， hangs two cells past 20; the width is still 20, so the short item lines end paragraphs
    paragraphs = [
        "会议认为，全省上下坚持把创新摆在首位，形成了“大抓创新”，“抓大创新”的良好氛围。",
        "（一）建设一批省实验室。",
        "（二）培育科技领军企业。",
        "会议要求，各地各部门要以“钉钉子”精神，抓好各项任务落实，确保取得实效。",
    ]
    assert _back(20, "lost-hang-blank-footer", HEADLINE, paragraphs) == _want(HEADLINE, paragraphs)


def test_a_numbered_heading_is_a_line_of_its_own():
    paragraphs = ["一、过去一年工作回顾", "过去一年，全省科技创新取得新进展，重大平台建设提速，科技企业数量稳步增长。"]
    for width in (24, 30, 40):
        assert _back(width, "flush-hang-pageblank", HEADLINE, paragraphs) == _want(HEADLINE, paragraphs)


def test_a_short_report_at_a_wide_width_is_still_seen_as_wrapped():
    # few lines, two of them broken inside a sentence at one width: hard-wrapped, not one paragraph per line
    assert _back(60, "lost-hang-blank-footer") == _want()


def test_spaced_heading():
    assert spaced_heading("聚焦重点 攻坚克难")
    assert not spaced_heading("聚焦重点，攻坚克难")
    assert not spaced_heading("重点 攻坚")  # phrases of fewer than four characters: spaces inside a line


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_the_report_comes_back_in_every_layout_and_width(variant):
    wrong = [w for w in range(12, 91) if _back(w, variant) != _want()]
    assert not wrong, f"{variant}: wrong at widths {wrong}"


def test_a_sub_headings_number_on_a_line_of_its_own_joins_the_heading():
    lead, first, second = (
        "3月2日，全区教育工作会议召开。",
        "会议指出，要让每个孩子享有公平而有质量的教育。",
        "今年重点抓这几件事",
    )
    text = "\n".join([lead, "01", "办好人民满意的教育", first, "02", second])
    assert unwrap_lines(text).split("\n") == [
        "3月2日，全区教育工作会议召开。",
        "01 办好人民满意的教育",
        "会议指出，要让每个孩子享有公平而有质量的教育。",
        "02 今年重点抓这几件事",
    ]
    assert unwrap_lines("会议指出，要加强。\nPART 3\n抓好队伍建设").split("\n")[1] == "PART 3 抓好队伍建设"
    assert unwrap_lines("会议指出，要加强。\n12\n3月5日，全县召开会议。").count("\n") == 2  # not before a sentence
    # a page number left in a pasted PDF text, before a numbered heading or any heading, stays apart
    assert unwrap_lines("会议指出，要加强。\n2\n三、今年重点任务\n会议强调，要落实。").split("\n")[1] == "2"
    assert unwrap_lines("会议指出，要加强。\n02\n三、今年重点任务\n会议强调，要落实。").split("\n")[1] == "02"
