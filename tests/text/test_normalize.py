"""Normalisation rules: golden cases, including text that must come out unchanged."""

from __future__ import annotations

import re

import pytest

from edu_helpers.text import normalize as N
from edu_helpers.text.readers.txt import read_text


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        (N.drop_page_footers, "教育\n— 2 —\n强国", "教育\n强国"),
        (N.drop_page_footers, "教育\n\n- 3 -\n\n强国", "教育\n强国"),
        (N.drop_page_footers, "教育\n第 4 页 共 9 页\n强国", "教育\n强国"),
        (N.drop_page_footers, "教育\n－12－\n强国", "教育\n强国"),
        (N.drop_page_footers, "2023年是开局之年\n3 个方面", "2023年是开局之年\n3 个方面"),  # unchanged
        (N.drop_page_footers, "一要——二要", "一要——二要"),  # unchanged
        (N.strip_line_ends, "会议指出， \n强国\t", "会议指出，\n强国"),
        (N.join_cjk_spaces, "建设教育 强国", "建设教育强国"),
        (N.join_cjk_spaces, "“双减” 摆在", "“双减”摆在"),
        (N.join_cjk_spaces, "Open AI", "Open AI"),  # unchanged: Latin words keep their spaces
        (N.tighten_cjk_ascii, "刚刚过去的 2022 年，", "刚刚过去的2022年，"),
        (N.tighten_cjk_ascii, "1 月 12 日", "1月12日"),
        (N.tighten_cjk_ascii, "建成 5G 基站", "建成5G基站"),
        (N.tighten_cjk_ascii, "开设 Open Source 课程", "开设Open Source课程"),
        (N.tighten_cjk_ascii, "提高 30 % 以上", "提高30 %以上"),
        (N.tighten_cjk_ascii, "2023年", "2023年"),  # unchanged
        (N.collapse_spaces, "  Open   AI ", "Open AI"),
        (N.collapse_spaces, "会议，“双减”。", "会议，“双减”。"),  # unchanged: punctuation untouched
    ],
)
def test_rule(rule, text, expected):
    assert rule(text) == expected


def test_unwrap_joins_broken_words_and_keeps_paragraphs(report):
    assert "中央教育工作领导小组" in report.text  # broken across lines as 中央教 / 育工作领导小组
    assert "建设教育强国的责任感" in report.text  # joined across a page break with a leading space
    assert "\n\n" not in report.text
    assert len(report.text.split("\n")) == 3 + 17


def test_no_space_between_cjk_and_digits(report):
    assert "2023年" in report.text and "1月12日" in report.text
    assert not re.search(r"[\u4e00-\u9fff] +[0-9]|[0-9] +[\u4e00-\u9fff]", report.text)


@pytest.mark.parametrize("path", ["source/2023-national-education-work-conference.txt", "tests/data/second-report.txt"])
def test_no_content_character_lost_added_or_reordered(path):
    raw, _ = read_text(path)
    without_footers = "\n".join(line for line in raw.split("\n") if not N.R.PAGE_FOOTER.match(line))
    squeeze = re.compile(r"\s+")
    assert squeeze.sub("", N.normalize(raw)) == squeeze.sub("", without_footers)


def test_web_copy_is_one_paragraph_per_line():
    text = "标题\n\u3000\u3000第一段，很长的内容。\n\u3000\u3000第二段。\n"
    assert N.normalize(text) == "标题\n第一段，很长的内容。\n第二段。"


def test_rules_are_listed_in_order():
    assert N.RULES[0] is N.drop_page_footers and N.unwrap_lines in N.RULES
    assert N.normalize("教育\n\n— 2 —\n\n 强国") == N.make_pipeline(N.RULES)("教育\n\n— 2 —\n\n 强国")


def test_a_running_header_or_footer_next_to_page_numbers_goes_with_them():
    from edu_helpers.text.normalize import drop_page_footers

    pages = [
        "去年以来，全市学校安全形势总体平稳。",
        "某市教育局",
        "- 2 -",
        "二、压紧压实安全责任",
        "各地要落实一岗双责。",
        "某市教育局",
        "- 3 -",
        "某市教育局安全工作会议材料",  # a running header at the top of page 4
        "同志们，安全工作责任重于泰山。",
        "- 4 -",
        "某市教育局安全工作会议材料",
        "三、抓好隐患排查",
    ]
    assert drop_page_footers("\n".join(pages)).split("\n") == [
        "去年以来，全市学校安全形势总体平稳。",
        "二、压紧压实安全责任",
        "各地要落实一岗双责。",
        "同志们，安全工作责任重于泰山。",
        "三、抓好隐患排查",
    ]
    once = ["会议要求抓好落实。", "加强组织领导", "- 2 -", "加强督促检查", "各校要抓好落实。"]
    assert drop_page_footers("\n".join(once)).split("\n") == [once[0], once[1], once[3], once[4]]  # once: kept
