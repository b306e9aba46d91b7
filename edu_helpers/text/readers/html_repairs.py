"""网页正文的修补：标题、副标题与残留的页面零件。Repairs to the main text an extractor found in a page.

trafilatura finds an article's paragraphs well, but it leaves out the headline (``<h1>``, the
subtitles, an e-paper's 引题, the bold subtitle lines a WeChat copy opens with) and keeps some page
chrome inside the article (editor lines, QR captions, 阅读原文). :func:`repair` takes the page lines and
the ones the extractor kept and returns ``(headline, body lines, removed)``, every removal named by
rule: ``html-page-chrome`` (outside what the extractor kept), ``html-chrome-block`` (inside it, in a
block classed as chrome) and ``html-byline`` (a line shaped like a byline or footer). The words and
patterns live in ``data/html_repairs.toml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from edu_helpers.data_files import DATA_DIR, bundled_toml
from edu_helpers.errors import DataFileError
from edu_helpers.text.linecues import rules as line_rules

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_FILE = "html_repairs.toml"
_LIST_PAGE_KEYS = ("link_line_min_han", "link_line_share", "min_links", "min_share", "min_runs")


@dataclass(frozen=True)
class Line:
    """One line of a page as a browser shows it; ``owner`` is its innermost block element, ``link_chars`` how
    many of its characters are in links to another page (``<a href>``, not ``#…`` or ``javascript:``)."""

    text: str
    owner: object
    link_chars: int


@dataclass(frozen=True)
class Rules:
    """The compiled rules of ``data/html_repairs.toml``."""

    title_class: re.Pattern[str]
    subtitle_class: re.Pattern[str]
    chrome_class: re.Pattern[str]
    chrome_line: re.Pattern[str]
    chrome_max: int
    block_max: int
    separators: re.Pattern[str]
    lead_max: int
    subtitle_max: int
    subtitle_min_han: int
    sentence_marks: frozenset[str]
    plain_title_within: int
    caption_max: int
    list_page: dict[str, float]


def _words(names: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?:^|[\s_-])(?:" + "|".join(re.escape(n) for n in names) + r")(?:$|[\s_-])", re.I)


@functools.cache
def rules() -> Rules:
    """The repair rules, compiled once; a malformed file is a ``DataFileError`` naming it."""
    data = bundled_toml(_FILE)
    try:
        head, chrome, listing = data["headline"], data["chrome"], data["list_page"]
        return Rules(
            _words(head["title_classes"]),
            _words(head["subtitle_classes"]),
            _words(chrome["classes"]),
            re.compile("|".join(f"(?:{p})" for p in chrome["lines"]), re.I),
            int(chrome["max_chars"]),
            int(chrome["block_max_chars"]),
            re.compile(head["title_separators"]),
            int(head["lead_subtitles_max"]),
            int(head["subtitle_max_chars"]),
            int(head["subtitle_min_han"]),
            frozenset(head["sentence_marks"]),
            int(head["plain_title_within"]),
            int(chrome["caption_max_chars"]),
            {key: float(listing[key]) for key in _LIST_PAGE_KEYS},
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise DataFileError(DATA_DIR / _FILE, f"malformed rule ({type(exc).__name__}: {exc})") from None


def _classes(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _tag(el) -> str:
    return el.tag if isinstance(el.tag, str) else ""


def _ancestors(el) -> list:
    out = []
    while el is not None:
        out.append(el)
        el = el.getparent()
    return out


def _common_ancestor(elements) -> object:
    """The deepest element holding all ``elements``."""
    if any(el is None for el in elements):
        return None
    chains = [list(reversed(_ancestors(el))) for el in elements]
    common = None
    for level in zip(*chains, strict=False):
        if all(el is level[0] for el in level):
            common = level[0]
        else:
            break
    return common


def _chrome_block(el, article, r: Rules, sizes: dict[int, int]) -> bool:
    """Inside ``article``, a short block classed as chrome (share bar, editor line, QR caption) holds ``el``.

    A long block is never chrome, whatever its class (a body in ``<div class="news-info">``).
    """
    while el is not None and el is not article:
        if r.chrome_class.search(_classes(el)) and not r.title_class.search(_classes(el)):
            if id(el) not in sizes:
                sizes[id(el)] = len(el.text_content())
            if sizes[id(el)] <= r.block_max:
                return True
        el = el.getparent()
    return False


def _is_chrome_line(text: str, r: Rules) -> bool:
    return len(text) <= r.chrome_max and bool(r.chrome_line.search(text))


def _is_subtitle(text: str, r: Rules) -> bool:
    return (
        len(text) <= r.subtitle_max
        and len(HAN.findall(text)) >= r.subtitle_min_han
        and not (set(text) & r.sentence_marks)
        and not _is_chrome_line(text, r)
    )


def _all_bold(ln: Line) -> bool:
    """The whole line is bold (``<strong>``/``<b>``): how a WeChat copy writes its subtitles."""
    return any(b.text_content().strip() == ln.text for b in ln.owner.iter("strong", "b"))


def _title_index(root, lines: list[Line], r: Rules, first_body: int) -> int | None:
    """The title line: an ``<h1>`` (one named in ``<title>`` first), else a title-classed line, else (older
    layouts set in tables) the last line before the body, at most ``plain_title_within`` lines before it,
    that is named in ``<title>`` or bold throughout and holds no sentence punctuation."""
    named_in = " ".join(root.xpath("//title//text()")) + " ".join(root.xpath("//meta[@property='og:title']/@content"))
    h1 = [i for i, ln in enumerate(lines) if _tag(ln.owner) == "h1" and HAN.search(ln.text)]
    named = [i for i in h1 if lines[i].text in named_in]
    if named or h1:
        return (named or h1)[0]
    classed = [i for i, ln in enumerate(lines) if r.title_class.search(_classes(ln.owner)) and HAN.search(ln.text)]
    if classed:
        return classed[0]
    near = range(max(0, first_body - r.plain_title_within), first_body)
    plain = [
        i
        for i in near
        if len(HAN.findall(lines[i].text)) >= r.subtitle_min_han
        and not set(lines[i].text) & r.sentence_marks
        and (lines[i].text in named_in or _all_bold(lines[i]))
    ]
    return plain[-1] if plain else None


def page_title(root, r: Rules) -> str:
    """``og:title``, else ``<title>`` without the site name."""
    og = root.xpath("//meta[@property='og:title']/@content")
    if og and og[0].strip():
        return og[0].strip()
    parts = [p for p in r.separators.split(" ".join(root.xpath("//title//text()")).strip()) if p]
    return parts[0] if parts else ""


def _is_caption(ln: Line, r: Rules) -> bool:
    """A picture's caption (会议现场): a ``<figcaption>``, or a block that is this one short line without sentence
    marks and holds an image or comes right after one holding only images. Not a heading (``<h2>``…, bold
    throughout, or numbered: 一、…)."""
    owner = ln.owner
    if len(ln.text) > r.caption_max or set(ln.text) & r.sentence_marks or line_rules()["numbered"].match(ln.text):
        return False
    if _tag(owner) == "figcaption":
        return True
    if _tag(owner) in _HEADINGS or _all_bold(ln) or "".join(owner.itertext()).strip() != ln.text:
        return False
    before = owner.getprevious()
    picture_only = before is not None and (
        _tag(before) == "img" or (before.find(".//img") is not None and not "".join(before.itertext()).strip())
    )
    return owner.find(".//img") is not None or picture_only


def repair(root, lines: list[Line], kept: set[int]) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """``(headline lines, body lines, removed (rule, line))`` from the page lines and those kept."""
    r = rules()
    sizes: dict[int, int] = {}

    def chrome(i: int, article=None) -> bool:
        ln = lines[i]
        return _is_chrome_line(ln.text, r) or _chrome_block(ln.owner, article, r, sizes)

    def headline_like(ln: Line) -> bool:
        return (
            _tag(ln.owner) in _HEADINGS
            or bool(r.subtitle_class.search(_classes(ln.owner)))
            or (_all_bold(ln) and _is_subtitle(ln.text, r))
        )

    def is_sentence(i: int) -> bool:
        return i in kept and _tag(lines[i].owner) not in _HEADINGS and bool(set(lines[i].text) & r.sentence_marks)

    first_body = next((i for i in sorted(kept) if is_sentence(i)), min(kept))
    head_idx: list[int] = []
    pre_chrome: set[int] = set()
    t = _title_index(root, lines, r, first_body)
    if t is not None and t <= first_body:
        prev = lines[t - 1] if t > 0 else None
        if prev is not None and _tag(prev.owner) in _HEADINGS - {"h1"} and prev.owner.getnext() is lines[t].owner:
            head_idx.append(t - 1)  # 引题：紧挨在标题之前的小标题
        head_idx.append(t)
        for i in range(t + 1, first_body):
            if chrome(i):
                pre_chrome.add(i)
            elif headline_like(lines[i]) and len(head_idx) <= r.lead_max:
                head_idx.append(i)
            elif i in kept:  # kept text that is neither headline nor chrome: the body starts here
                first_body = i
                break
        headline = [lines[i].text for i in head_idx]
    else:
        title = page_title(root, r)
        headline = [title] if title else []
    heads = set(head_idx)
    # the article: the deepest element holding every body line kept (chrome classes count only inside it)
    article = _common_ancestor([lines[i].owner for i in kept if i >= first_body and i not in heads] or [None])
    body: list[str] = []
    removed: list[tuple[str, str]] = []
    for i, ln in enumerate(lines):
        if i in heads:
            continue
        if i not in kept or i < first_body:
            removed.append(("html-page-chrome", ln.text))
        elif _chrome_block(ln.owner, article, r, sizes):
            removed.append(("html-chrome-block", ln.text))
        elif _is_chrome_line(ln.text, r):
            removed.append(("html-byline", ln.text))
        elif _is_caption(ln, r):
            removed.append(("html-image-caption", ln.text))
        else:
            body.append(ln.text)
    return headline, body, removed


_DATE_LIKE = re.compile(r"[\d\s\-/:.]+")


def _wordy(text: str) -> int:
    """How many characters of ``text`` are not digits, spaces or date marks (a list item's 2023-01-08 beside
    its headline link does not make the line less of a link)."""
    return max(1, len(_DATE_LIKE.sub("", text)))


def list_page_links(lines: list[Line], kept: set[int]) -> int:
    """How many article links make a page a list (a column, a search result), or 0 if it is an article
    (thresholds in ``[list_page]``). Looked at: the lines from the first kept line to the last (an extractor
    may keep a list's summaries and drop its headline links). A link line is a headline: enough Han
    characters, mostly link text. A list: link lines that hold most of the Han characters there, or that
    alternate with kept text again and again (headline, summary, date…). An article's block of related links
    is one run and a share of its text, and a link inside a paragraph is a small share of its line."""
    r = rules().list_page
    runs = links = link_han = all_han = 0
    previous = False
    for i in range(min(kept), max(kept) + 1) if kept else ():
        ln = lines[i]
        han = len(HAN.findall(ln.text))
        is_link = han >= r["link_line_min_han"] and ln.link_chars >= r["link_line_share"] * _wordy(ln.text)
        if not is_link and i not in kept:
            continue
        all_han += han
        if is_link:
            links += 1
            link_han += han
            runs += not previous
            previous = True
        elif han >= r["link_line_min_han"]:
            previous = False
    if links >= r["min_links"] and (link_han >= r["min_share"] * all_han or runs >= r["min_runs"]):
        return links
    return 0
