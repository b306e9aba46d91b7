"""Page chrome in copied plain text: the hand-written pages, the bundled reports, rule classes, errors."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from edu_helpers.errors import DataFileError
from edu_helpers.text.chrome import Removed, bundled_rules, read_rules, strip_chrome, summary
from tests.paths import BUNDLED
from tests.paths import SECOND_REPORT as SECOND
from tests.text.pages import load_page, page_names, page_text, t2s

RAW_REPORTS = [BUNDLED, SECOND]


@pytest.mark.parametrize("name", page_names())
def test_page_chrome_removed_and_body_kept(name):
    page = load_page(name)
    if page.expected.get("convert") == "t2s":
        pytest.importorskip("opencc")
    lines = page_text(page).split("\n")
    kept, removed = strip_chrome(lines)
    chrome = page.expected["chrome"]
    if page.expected.get("convert") == "t2s":
        chrome = [t2s(c) for c in chrome]
    got = Counter(r.text.strip() for r in removed)
    assert not Counter(chrome) - got, "every expected chrome line is removed"
    assert not got - Counter(chrome), "no headline or body line is removed"
    body = [line for line in kept if line.strip()]
    n_head = len(page.expected["headline"])
    assert len(body) == n_head + len(page.expected["body"])
    assert all(line in lines for line in kept), "kept lines are returned untouched"
    for r in removed:
        assert lines[r.line - 1] == r.text


@pytest.mark.parametrize("path", RAW_REPORTS)
def test_reports_without_chrome_lose_nothing(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    assert strip_chrome(lines) == (lines, [])


def test_layouts_of_the_bundled_report_lose_nothing(report):
    from tests.text.layouts import pdf_layout, web_layout
    from tests.text.rewrap import rewrap_document

    texts = [pdf_layout(report, w, page_lines=23, footer="— {} —") for w in (16, 30, 41, 60, 89)]
    texts += [web_layout(report), web_layout(report, indent="", blank_lines=False)]
    texts += [rewrap_document(report, w, overhang=False, page_lines=17, footer="第 {} 页") for w in (12, 25, 44)]
    for text in texts:
        lines = text.split("\n")
        assert strip_chrome(lines)[1] == []


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("您当前的位置：首页 > 新闻 > 教育要闻", "breadcrumb"),
        ("首页 > 新闻中心 > 教育动态", "breadcrumb"),
        ("首页 新闻 政务 服务 互动", "menu"),
        ("首页 | 新闻 | 政策", "menu"),
        ("某某省人民政府门户网站", "site-name"),
        ("ISSN 1000-0000", "masthead"),
        ("第3版：要闻", "epaper-page"),
        ("A3版", "epaper-page"),
        ("2024年1月12日 星期五", "date-line"),
        ("点击上方蓝字 关注我们", "follow"),
        ("原标题：推动职业教育高质量发展", "original-title"),
        ("小字号", "print-close"),
        ("点击上方“城区教育发布”设为星标", "follow"),
    ],
)
def test_head_rules(line, rule):
    _kept, removed = strip_chrome([line, "某某会议召开", "会议指出，要加强。"])
    assert [(r.rule, r.line) for r in removed] == [(rule, 1)]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("发布时间: 2021-01-09 09:12:33  本站作者  【字体：】  浏览: 219", "byline"),
        ("【字体：大 中 小】【打印】【关闭】", "byline"),
        ("字号 大 中 小  分享到：", "byline"),
        ("字体：大中小", "byline"),
        ("分享到：微信 微博 QQ空间", "share"),
        ("关注中国教育在线网", "follow"),
        ("（责任编辑：王五）", "editor"),
        ("编辑：张三  校对：李四", "editor"),
        ("编辑 | 小李", "editor"),
        ("审核丨老王", "editor"),
        ("打印本页 | 关闭窗口", "print-close"),
        ("扫一扫在手机打开当前页", "qr-code"),
        ("· 教育部办公厅关于做好寒假工作的通知", "headline-list"),
    ],
)
def test_rules_that_apply_inside_the_body(line, rule):
    lines = ["某某会议召开", "会议指出，要加强。", line, "会议要求，要落实。"]
    kept, removed = strip_chrome(lines)
    assert [(r.rule, r.line) for r in removed] == [(rule, 3)]
    assert kept == [lines[0], lines[1], lines[3]]


@pytest.mark.parametrize(
    "line",
    [
        "1、凡本网注明“来源：某某网”的作品，版权均属于本网，未经授权不得转载。",
        "版权所有 © 2024 某某网",
        "京ICP备00000000号",
        "相关新闻",
        "免责声明",
        "▼往期推荐▼",
    ],
)
def test_end_of_page_markers_end_the_body(line):
    lines = ["某某会议召开", "会议指出，要加强。", "各单位参加会议。", line, "另一篇文章的导语，也有句号。"]
    kept, removed = strip_chrome(lines)
    assert kept == lines[:3]
    assert [r.line for r in removed] == [4, 5] and removed[-1].rule == "after-body"


@pytest.mark.parametrize(
    ("line", "rule"),
    [("地址：北京市某某路1号 邮编：100000", "address"), ("（完）", "end-mark"), ("主办：某某网", "address")],
)
def test_tail_only_rules(line, rule):
    lines = ["某某会议召开", "会议指出，要加强。", "各单位参加会议。", line, "联系电话：010-00000000"]
    kept, removed = strip_chrome(lines)
    assert kept == lines[:3]
    assert [(r.line, r.rule) for r in removed] == [(4, rule), (5, "address")]


def test_numbered_legal_notice_is_not_the_last_paragraph():
    lines = ["标题行在这里", "会议指出，要加强。", "各单位参加会议。", "1、凡本网注明“来源：某某”的作品，版权属本网。"]
    kept, removed = strip_chrome(lines)
    assert kept == lines[:3] and removed[0].rule == "legal-notice"


def test_body_lines_like_headings_and_questions_stay():
    lines = ["某某会议召开", "会议指出，要加强。", "锚定目标 聚焦重点", "会议还强调了哪些内容？", "会议要求，要落实。"]
    assert strip_chrome(lines) == (lines, [])
    lines = ["某某会议召开", "字号大小要让后排看得清。", "字体：大中小学校统一采用宋体。"]  # 字号/字体 in body text
    assert strip_chrome(lines) == (lines, [])


def test_long_headline_after_chrome_is_kept():
    title = "全省教育大会暨2025年全省教育工作会议召开 锚定教育强省建设目标 以教育之进全力服务中国式现代化省域实践"
    lines = ["首页 > 新闻", title, "来源：某某  发布时间：2025-02-21", "2月20日，会议召开。"]
    kept, _removed = strip_chrome(lines)
    assert kept == [title, lines[3]]


def test_column_name_and_page_number_are_not_the_title():
    lines = ["要闻", "3", "快讯", "全国教育工作会议在京召开", "会议指出，要加强。"]
    kept, removed = strip_chrome(lines)
    assert kept == lines[3:]
    assert [r.rule for r in removed] == ["epaper-column", "epaper-page", "headline-prefix"]


def test_no_body_means_nothing_removed():
    lines = ["首页 > 新闻", "只有标题"]
    assert strip_chrome(lines) == (lines, [])


def test_blank_lines_do_not_pile_up_where_a_line_is_removed():
    lines = ["标题在这里", "", "会议指出，要加强。", "", "分享到：微信 微博", "", "会议要求，要落实。"]
    kept, _ = strip_chrome(lines)
    assert kept == ["标题在这里", "", "会议指出，要加强。", "", "会议要求，要落实。"]


def test_linear_time():
    page = load_page("edu-national-2024-ministry").text.split("\n")

    def run(k):
        lines = page[:6] + page[6:19] * k + page[19:]
        t = time.perf_counter()
        strip_chrome(lines)
        return time.perf_counter() - t

    run(10)
    small, large = min(run(100) for _ in range(3)), min(run(800) for _ in range(3))
    assert large < 8 * small * 2.5  # 8× the lines: well under quadratic


def test_summary_lists_the_first_few():
    removed = [Removed("share", n, f"分享 {n}") for n in range(1, 9)]
    text = summary(removed, first=3)
    assert "8 行" in text and "第 3 行" in text and "第 4 行" not in text and "另有 5 行" in text


def test_rules_are_data_with_names_and_comments():
    rules = bundled_rules().rules
    assert len(rules) >= 25
    assert all(r.name and r.comment for r in rules)
    assert {"breadcrumb", "byline", "share", "editor", "copyright", "icp", "qr-code", "legal-notice"} <= {
        r.name for r in rules
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[rule]]\nname = "x"\nwhere = "head"\npattern = "("\n', "bad regular expression"),
        ('[[rule]]\nname = "x"\nwhere = "middle"\npattern = "a"\n', "where must be one of"),
        ('[[rule]]\nname = "x"\npattern = "a"\nmax_chars = 0\n', "max_chars"),
        ('[[rule]]\nname = "x"\npattern = "a"\nends_body = "yes"\n', "ends_body"),
        ('[[rule]]\nname = "x"\npattern = "a"\nwhen = "always"\n', "unknown keys"),
        ('[[rule]]\nname = "ok"\npattern = "a"\n\n[[rule]]\nname = "y"\n', "has no pattern"),
    ],
)
def test_malformed_rules_name_file_and_line(tmp_path, body, message):
    path = tmp_path / "chrome.toml"
    path.write_text("# comment\n" + body, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        read_rules(path)
    assert message in str(err.value) and str(path) in str(err.value)
    assert err.value.line is not None and "[[rule]]" in path.read_text().split("\n")[err.value.line - 1]


def test_a_headline_that_opens_with_an_exclamation_is_a_headline():
    # the account name above is too short for a headline line: dropped once the headline is two lines long
    lines = ["教育发布", "定了！今年全区新增学位两千个", "3月2日，全区教育工作会议召开。会议部署了今年的任务。"]
    kept, removed = strip_chrome(lines)
    assert kept == lines[1:] and [r.rule for r in removed] == ["headline-prefix"]
    # an exclamation that ends the line is a sentence, not a headline
    assert not strip_chrome(["会议指出，要加强！", "各单位参加会议。"])[1]


def test_picture_captions_in_a_pasted_article_are_chrome_wherever_they_are():
    lines = [
        "全市中小学科技节开幕",
        "4月2日，全市中小学科技节开幕，来自各校的三百多件作品参展。",
        "▲开幕式现场（资料图）",
        "会议指出，要加强科学教育，培养学生的创新精神和实践能力。",
        "图为学生在展台前介绍自己的作品。",
        "科技节为期一周，期间还将举办专家讲座和科普研学活动。",
        "获奖学生合影（王明 摄）",
        "各校师生代表参加开幕式。",
    ]
    kept, removed = strip_chrome(lines)
    assert [(r.rule, r.text) for r in removed] == [
        ("picture-caption", "▲开幕式现场（资料图）"),
        ("picture-caption", "图为学生在展台前介绍自己的作品。"),
        ("picture-caption", "获奖学生合影（王明 摄）"),
    ]
    assert "会议指出，要加强科学教育，培养学生的创新精神和实践能力。" in kept
