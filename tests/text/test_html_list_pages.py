"""A saved list page (a column of headlines, search results) is refused with a message saying so; articles
with links (a related-links block, a table of contents, links inside paragraphs, anchor headings) are read."""

from __future__ import annotations

import subprocess
import sys

import pytest

from edu_helpers.errors import DocumentError
from edu_helpers.text.readers import read_source
from tests.paths import REPO

HEADLINES = [
    "市教育局召开新学期工作部署会",
    "全区中小学开展安全教育主题周活动",
    "县教体局推进义务教育优质均衡发展",
    "全市职业院校技能大赛圆满落幕",
    "我市召开教师队伍建设工作推进会",
    "高校毕业生就业创业工作会议召开",
    "市委教育工作领导小组召开全体会议",
    "学前教育普及普惠工作现场会举行",
]
SUMMARIES = [
    "会议总结了上学期工作，部署了新学期重点任务，要求各校抓好开学各项准备工作。",
    "活动期间各校组织疏散演练和专题班会，进一步增强了师生的安全意识和自救能力。",
    "通过集团化办学和教师交流轮岗，缩小校际差距，努力办好家门口的每一所学校。",
]
PARAGRAPHS = [
    "近日，某市召开全市教育工作会议，总结过去一年的教育工作，部署今年的重点任务。",
    "会议指出，过去一年全市教育系统坚持立德树人，各级各类教育发展水平稳步提高。",
    "会议强调，要深化教育评价改革，健全学校家庭社会协同育人机制，办好人民满意的教育。",
    "会议要求，要加强教师队伍建设，提高乡村教师待遇，让优秀人才愿意到农村学校任教。",
    "会议部署了今年的八项重点工作，包括推进学前教育普惠发展和职业教育产教融合等。",
    "各区县教育局负责同志、部分学校校长参加会议，并围绕落实会议精神作了交流发言。",
]


def _page(title: str, main: str) -> str:
    nav = '<div class="nav"><a href="/">首页</a><a href="/news/">新闻中心</a><a href="/gk/">信息公开</a></div>'
    foot = '<div class="footer">主办：某市教育局　地址：某市人民路1号</div>'
    head = f'<head><meta charset="utf-8"><title>{title}_某市教育局</title></head>'
    return f"<html>{head}<body>{nav}{main}{foot}</body></html>"


def _write(tmp_path, name: str, html: str):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def _article(extra_before="", extra_after="", paragraph=lambda i, p: f"<p>{p}</p>", paragraphs=PARAGRAPHS) -> str:
    body = "".join(paragraph(i, p) for i, p in enumerate(paragraphs))
    return f'<div class="article"><h1>全市教育工作会议召开</h1>{extra_before}{body}{extra_after}</div>'


def _headlines(n: int, summary: bool) -> str:
    items = []
    for i in range(n):
        more = f"<p>{SUMMARIES[i % 3]}<a href='/news/{i}.html'>[详细]</a></p>" if summary else ""
        link = f"<a href='/news/{i}.html'>{HEADLINES[i % len(HEADLINES)]}（{i + 1}）</a>"
        items.append(f"<li>{link}{more}<span>2023-01-{10 + i}</span></li>")
    return f'<div class="main"><h2>工作动态</h2><ul class="list">{"".join(items)}</ul><div>共5页 下一页</div></div>'


@pytest.mark.parametrize(("n", "summary"), [(20, False), (12, True), (6, True)])
def test_a_column_of_headlines_is_refused_as_a_list_page(tmp_path, n, summary):
    path = _write(tmp_path, "column.html", _page("工作动态", _headlines(n, summary)))
    with pytest.raises(DocumentError, match=rf"list of {n} article links .*open the article") as err:
        read_source(path)
    assert "column.html" in str(err.value)


def test_a_bare_list_of_dated_headlines_is_refused(tmp_path):
    items = "".join(f"<li><a href='/n/{i}.html'>{HEADLINES[i]}</a><span>2023-01-0{i + 1}</span></li>" for i in range(8))
    path = _write(tmp_path, "bare.html", f"<html><body><ul>{items}</ul></body></html>")
    with pytest.raises(DocumentError, match="list of 8 article links"):
        read_source(path)


def test_search_results_are_refused_as_a_list_page(tmp_path):
    rows = "".join(
        f"<div class='result'><h3><a href='/s/{i}'>{HEADLINES[i][:4]}<em>教育</em>{HEADLINES[i][4:]}</a></h3>"
        f"<p>{SUMMARIES[i % 3]}</p><p class='url'>www.example.gov.cn/s/{i} 2023-02-0{i + 1}</p></div>"
        for i in range(8)
    )
    path = _write(tmp_path, "search.html", _page("搜索结果", f"<div>找到约 80 条结果</div>{rows}"))
    with pytest.raises(DocumentError, match="list of 8 article links"):
        read_source(path)


@pytest.mark.parametrize("paragraphs", [6, 2])
def test_an_article_with_a_block_of_related_links_is_read(tmp_path, paragraphs):
    related = "<div><p>相关文章：</p>" + "".join(
        f"<p><a href='/news/{i}.html'>{h}</a></p>" for i, h in enumerate(HEADLINES[:6])
    )
    article = _article(extra_after=related + "</div>", paragraphs=PARAGRAPHS[:paragraphs])
    raw = read_source(_write(tmp_path, "related.html", _page("会议", article)))
    for p in PARAGRAPHS[:paragraphs]:
        assert p in raw.text


@pytest.mark.parametrize("place", ["name", "id"])
def test_an_article_with_a_table_of_contents_and_anchor_headings_is_read(tmp_path, place):
    toc = (
        "<ul>"
        + "".join(f"<li><a href='#s{i}'>第{i + 1}部分　{h}</a></li>" for i, h in enumerate(HEADLINES[:6]))
        + "</ul>"
    )

    def with_heading(i, p):
        return f"<h3><a {place}='s{i}'>{'一二三四五六'[i]}、{HEADLINES[i]}</a></h3><p>{p}</p>"

    path = _write(tmp_path, "toc.html", _page("会议", _article(extra_before=toc, paragraph=with_heading)))
    raw = read_source(path)
    for i, p in enumerate(PARAGRAPHS):
        assert p in raw.text and f"{'一二三四五六'[i]}、{HEADLINES[i]}" in raw.text


def test_an_article_with_a_link_in_every_paragraph_is_read(tmp_path):
    def linked(i, p):
        return f"<p>{p}详见<a href='/doc/{i}.html'>《工作要点》</a>。</p>"

    path = _write(tmp_path, "linked.html", _page("会议", _article(paragraph=linked)))
    raw = read_source(path)
    for p in PARAGRAPHS:
        assert p in raw.text


def test_the_cli_says_so_in_one_line(tmp_path):
    path = _write(tmp_path, "column.html", _page("工作动态", _headlines(10, True)))
    proc = subprocess.run(
        [sys.executable, "-m", "edu_helpers", "outline", str(path)], capture_output=True, text=True, cwd=REPO
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "column.html" in proc.stderr and "list of 10 article links" in proc.stderr
