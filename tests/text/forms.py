"""测试数据：把随包报告做成用户会带来的各种形式。Test forms of the bundled report.

Every form is generated here from the bundled report's headline and 17 paragraphs (as the current
package reads them): a ministry-style PDF (reportlab + wqy-zenhei, hard-wrapped and justified,
page header, page numbers, several pages), a Word file (python-docx), four saved web pages with
their chrome (ministry, news portal, e-paper, WeChat copy) plus a copied source fragment, a
traditional copy (OpenCC) and a Kangxi-radical copy. All chrome text is written for these tests.
"""

from __future__ import annotations

import functools
import html
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


@dataclass(frozen=True)
class Form:
    """One generated file: its bytes, and the text a reader must drop (chrome, headers, footers)."""

    name: str
    suffix: str
    data: bytes
    chrome: tuple[str, ...] = ()
    extra: str = ""  # characters a reader keeps but the code point rules then remove (emoji)


def bundled_path() -> Path:
    """The bundled report in the package's ``source/`` folder."""
    from edu_helpers.text.load import bundled_path as path

    return path()


@functools.cache
def report_parts(path: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(headline lines, paragraphs)`` of a report as a text file (default: the bundled one)."""
    import edu_helpers

    doc = edu_helpers.load_document(path)
    s = doc.structure
    return (s.title, *s.subtitles), tuple(p.text for p in s.paragraphs)


# ---------------------------------------------------------------- code point variants
@functools.cache
def _kangxi_reverse() -> dict[int, str]:
    from edu_helpers.text.codepoints import _radicals_supplement  # the table the package ships

    rev = {ord(unicodedata.normalize("NFKC", chr(cp))): chr(cp) for cp in range(0x2F00, 0x2FD6)}
    for src, dst in _radicals_supplement().items():  # ⻅ for 见, ⻓ for 长 …
        rev.setdefault(ord(dst), chr(src))
    return rev


def with_radicals(text: str) -> str:
    """The text as a careless PDF extractor gives it: radicals for characters that share a glyph."""
    return text.translate(_kangxi_reverse())


@functools.cache
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def traditional(text: str, config: str = "s2t") -> str:
    """The text in traditional characters (OpenCC ``s2t``, ``s2tw`` or ``s2hk``)."""
    return _opencc(config).convert(text)


def txt_form(transform=lambda s: s, name: str = "txt") -> Form:
    """The bundled source file itself, optionally transformed (traditional, radicals)."""
    return Form(name, ".txt", transform(bundled_path().read_text(encoding="utf-8")).encode("utf-8"))


# ---------------------------------------------------------------- DOCX
def docx_form(transform=lambda s: s, parts=None) -> Form:
    """A Word file: Title and Subtitle styles, indented body paragraphs, empty paragraphs, a page
    break, and a page header/footer (stored outside the body, so never read)."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    head, paras = parts or report_parts()
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "教育工作简报（内部资料）"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    d.add_paragraph(transform(head[0]), style="Title")
    for sub in head[1:]:
        d.add_paragraph(transform(sub), style="Subtitle")
    d.add_paragraph("")
    for k, text in enumerate(paras):
        p = d.add_paragraph(transform(text))
        p.paragraph_format.first_line_indent = Pt(24)
        if k == 8:
            p.runs[0].add_break(WD_BREAK.PAGE)
        if k % 5 == 0:
            d.add_paragraph("   ")
    buf = io.BytesIO()
    d.save(buf)
    return Form("docx", ".docx", buf.getvalue())


# ---------------------------------------------------------------- HTML
def _p(text: str, indent: bool = True) -> str:
    return f"<p>{'&nbsp;&nbsp;' if indent else ''}{html.escape(text)}</p>"


def _page(shape: str, head: tuple[str, ...], paras: tuple[str, ...]) -> tuple[str, tuple[str, ...], str]:
    """``(html, chrome lines, declared charset)`` for one page shape."""
    title, subs = head[0], head[1:]
    body = "\n".join(_p(t) for t in paras)
    if shape == "ministry":
        chrome = (
            "中华人民共和国教育部",
            "首页",
            "机构",
            "新闻",
            "公开",
            "服务",
            "您现在的位置：首页 > 新闻 > 工作动态",
            "来源：教育部新闻办　发布时间：2023-01-13",
            "字体：【大 中 小】",
            "（责任编辑：王小明）",
            "【打印本页】",
            "【关闭窗口】",
            "相关新闻",
            "某地召开职业教育推进会",
            "高校毕业生就业工作视频会议举行",
            "主办单位：中华人民共和国教育部　版权所有",
            "京ICP备00000000号",
        )
        page = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}召开 - 中华人民共和国教育部政府门户网站</title><script>var s = "<p>脚本里的字</p>";</script>
<style>p {{ text-indent: 2em }}</style></head><body>
<div class="header"><div class="logo">中华人民共和国教育部</div><ul class="nav"><li><a href="/">首页</a></li>
<li><a>机构</a></li><li><a>新闻</a></li><li><a>公开</a></li><li><a>服务</a></li></ul></div>
<div class="location">您现在的位置：<a>首页</a> &gt; <a>新闻</a> &gt; 工作动态</div>
<div class="content"><h1>{title}</h1>{"".join(f'<h2 class="subtitle">{s}</h2>' for s in subs)}
<div class="article-info">来源：教育部新闻办　发布时间：2023-01-13<br>字体：【<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="TRS_Editor">{body}</div><div class="editor">（责任编辑：王小明）</div>
<div class="print"><a>【打印本页】</a><br><a>【关闭窗口】</a></div></div>
<div class="related"><h3>相关新闻</h3><ul><li><a>某地召开职业教育推进会</a></li>
<li><a>高校毕业生就业工作视频会议举行</a></li></ul></div>
<div class="footer"><p>主办单位：中华人民共和国教育部　版权所有</p><p>京ICP备00000000号</p></div></body></html>"""
        return page, chrome, "gb2312"
    if shape == "portal":
        chrome = (
            "新闻网",
            "时政",
            "教育",
            "科技",
            "财经",
            "首页 > 教育频道 > 正文",
            "2023-01-13 08:30:15　来源：新闻网　作者：李华",
            "分享到：",
            "微信",
            "微博",
            "【纠错】",
            "责任编辑：陈晨",
            "相关阅读",
            "多地部署寒假安全工作",
            "网友评论",
            "Copyright © 2023 新闻网 版权所有",
            "广告",
        )
        inline = body.replace("立德树人根本任务", "<strong>立德树人</strong>根本任务", 1)
        page = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}_教育频道_新闻网</title><meta property="og:title" content="{title}"></head><body>
<nav><a>新闻网</a><a>时政</a><a>教育</a><a>科技</a><a>财经</a></nav>
<div class="breadcrumb">首页 &gt; 教育频道 &gt; 正文</div><div class="ad">广告</div>
<article><header><h1 class="article-title">{title}</h1>{"".join(f'<p class="subtitle">{s}</p>' for s in subs)}
<div class="meta">2023-01-13 08:30:15　来源：新闻网　作者：李华</div></header>
<div class="share">分享到：<a>微信</a><a>微博</a></div>
<div id="detail">{inline}</div><div class="jc">【纠错】</div><p class="editor">责任编辑：陈晨</p></article>
<aside><h2>相关阅读</h2><ul><li><a>多地部署寒假安全工作</a></li></ul></aside>
<section id="comments"><h2>网友评论</h2></section>
<footer><p>Copyright © 2023 新闻网 版权所有</p></footer></body></html>"""
        return page, chrome, "utf-8"
    if shape == "epaper":
        chrome = (
            "《教育日报》2023年01月13日　第01版：要闻",
            "上一版",
            "下一版",
            "返回目录",
            "版面导航",
            "01版：要闻",
            "02版：要闻",
            "本版责编：孙立　邮箱：jy@example.cn",
            "《 教育日报 》（ 2023年01月13日 01 版）",
            "关于我们",
            "版权所有　教育日报社",
        )
        page = f"""<html><head><meta http-equiv="content-type" content="text/html;charset=GBK">
<title>教育日报-{title}</title></head><body><table><tr><td class="top">《教育日报》2023年01月13日　第01版：要闻</td>
<td><a>上一版</a> <a>下一版</a> <a>返回目录</a></td></tr></table>
<div class="left"><div class="title">版面导航</div><ul><li><a>01版：要闻</a></li><li><a>02版：要闻</a></li></ul></div>
<div class="article"><h3></h3><h1>{title}</h1>{"".join(f"<h2>{s}</h2>" for s in subs)}
<div id="ozoom"><founder-content>{body}</founder-content></div>
<p class="editor">本版责编：孙立　邮箱：jy@example.cn</p>
<div class="source">《 教育日报 》（ 2023年01月13日 01 版）</div></div>
<div class="foot"><a>关于我们</a><br>版权所有　教育日报社</div></body></html>"""
        return page, chrome, "gbk"
    if shape == "wechat":
        chrome = (
            "教育之声",
            "2023-01-13 09:00",
            "预览时标签不可点",
            "阅读原文",
            "微信扫一扫关注该公众号",
            "继续滑动看下一个",
            "分享",
            "收藏",
            "在看",
        )
        emoji = ("🎓", "👍🏻", "🇨🇳")
        paras = tuple(p.replace("。", f"{emoji[k % 3]}。", 1) if k % 4 == 1 else p for k, p in enumerate(paras))
        paras = tuple(p.replace("立德树人", "立德\u200b树人") for p in paras)
        secs = "\n".join(f'<p style="text-indent:2em"><span>{html.escape(t)}</span></p>' for t in paras)
        page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}"></head><body id="activity-detail">
<div class="rich_media_area_primary"><h1 class="rich_media_title" id="activity-name">{title}</h1>
<div id="meta_content"><span class="rich_media_meta_nickname"><a>教育之声</a></span>
<em id="publish_time">2023-01-13 09:00</em></div>
<div class="rich_media_content" id="js_content">
<section>{"".join(f"<section><strong>{s}</strong></section>" for s in subs)}</section>
{secs}</div><div class="rich_media_tool"><a>阅读原文</a> <span>预览时标签不可点</span></div>
<div class="qr_code_pc"><p>微信扫一扫关注该公众号</p></div><div>继续滑动看下一个</div>
<div class="bottom_bar"><a>分享</a><a>收藏</a><a>在看</a></div></div></body></html>"""
        return page, chrome, "utf-8"
    if shape == "fragment":
        page = f'<div class="article"><h1>{title}</h1>{"".join(f"<h2>{s}</h2>" for s in subs)}{body}</div>'
        return page, (), "utf-8"
    raise ValueError(shape)


HTML_SHAPES = ("ministry", "portal", "epaper", "wechat", "fragment")


def html_form(shape: str, transform=lambda s: s, parts=None) -> Form:
    head, paras = parts or report_parts()
    page, chrome, charset = _page(shape, tuple(map(transform, head)), tuple(map(transform, paras)))
    codec = "gb18030" if charset.lower() in ("gb2312", "gbk") else charset
    extra = "🎓👍🏻🇨🇳\u200b" if shape == "wechat" else ""
    return Form(f"html-{shape}", ".html", page.encode(codec), chrome, extra)


def no_article_page() -> bytes:
    """A saved page with navigation and footer but no article."""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>首页</title></head><body>'
        '<ul class="nav"><li><a>首页</a></li><li><a>新闻</a></li></ul>'
        '<div class="footer">版权所有　京ICP备00000000号</div></body></html>'
    ).encode()


from .forms_pdf import pdf_bytes, pdf_form  # noqa: E402  (PDF forms live in their own module)

__all__ = [
    "HTML_SHAPES",
    "Form",
    "docx_form",
    "html_form",
    "no_article_page",
    "pdf_bytes",
    "pdf_form",
    "report_parts",
    "traditional",
    "txt_form",
    "with_radicals",
]
