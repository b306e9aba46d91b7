"""页面杂项：从浏览器复制的纯文本里，去掉正文前后的网页外壳。Page chrome in copied plain text.

用户在网页或电子报上“全选、复制、粘贴”得到的 .txt，正文前后夹着网页外壳：面包屑（您当前的位置：
首页 > 新闻）、导航菜单、网站名、刊头、电子报栏目与版次、署名行（发布时间：… 来源：… 【字体：大 中 小】
浏览：219）、分享与关注行、其他文章的标题列表（今日导读、热门文章、· 某某通知）、责任编辑与校对、
打印/关闭、版权与备案号、地址页脚、二维码提示、编号的免责条款（1、凡本网注明……）。

两类证据一起用：

* **规则**（``data/chrome.toml``，每条有名字和说明）：一行整行像某种外壳。规则注明生效位置：
  ``head``（正文之前）、``tail``（最后一段正文之后）、``any``（任何位置，只用于不可能是正文的行）。
* **结构**：正文是含句末标点（。！？）的行；第一段正文之前、标题之上的行，以及最后一段正文之后的
  行都是外壳。“标题之上”由 ``before_headline`` 类规则（面包屑、菜单、网站名、刊头、版次）的最后一次
  出现确定，所以标题即使很长、即使前面有 20 行刊头，也能找到；标题块开头不足 5 字的行（栏目名）也去掉。

正文之中只用 ``any`` 规则，正文行原样保留（不改空白、不改字符），所以这一步可以放在规范化之前：
硬换行的 PDF 文本里正文行同样不受影响。一次遍历，时间与行数、规则数成正比。

Two kinds of evidence: rules as data (``data/chrome.toml``) and position. Lines before the first body
line (a line with sentence-final punctuation) that sit above the headline, and every line after the last
body line, are chrome; inside the body only ``where = "any"`` rules apply, and body lines are returned
untouched. :func:`strip_chrome` returns the kept lines and a :class:`Removed` record per dropped line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from edu_helpers.data_files import DATA_DIR, read_toml
from edu_helpers.errors import DataFileError
from edu_helpers.text.structure import past_exclamation

#: 默认规则文件。
CHROME_TOML = DATA_DIR / "chrome.toml"
WHERE = ("head", "tail", "any")
_NON_HEADLINE_PUNCT = "，、；：,;"


@dataclass(frozen=True)
class Removed:
    """去掉的一行：规则名（或结构证据 ``before-headline`` / ``after-body`` / ``headline-prefix``）、
    行号（从 1 起，即 ``lines[line - 1]``）、原文。"""

    rule: str
    line: int
    text: str


@dataclass(frozen=True)
class Rule:
    """一条外壳规则（见 ``data/chrome.toml`` 开头的说明）。"""

    name: str
    where: str
    pattern: re.Pattern[str]
    max_chars: int = 200
    ends_body: bool = False
    before_headline: bool = False
    allow_final: bool = False
    comment: str = ""


@dataclass(frozen=True)
class ChromeRules:
    """规则表与结构参数。"""

    rules: tuple[Rule, ...]
    max_headline_lines: int = 4
    headline_min_chars: int = 5
    headline_max_chars: int = 64
    body_min_chars: int = 30
    final: str = "。！？!?…"
    closing: str = "”’」』）》】〕)\"'"


def read_rules(path: str | Path) -> ChromeRules:
    """读取规则文件；格式错误抛出 :class:`DataFileError`（文件、行号、问题）。"""
    path = Path(path)
    data = read_toml(path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line.strip() == "[[rule]]"]
    raw = data.get("rule")
    if not isinstance(raw, list) or not raw:
        raise DataFileError(path, "no [[rule]] tables")
    rules = []
    for k, spec in enumerate(raw):
        line = starts[k] if k < len(starts) else None
        name = spec.get("name")
        if not isinstance(name, str) or not name:
            raise DataFileError(path, "a rule needs a name", line)
        where = spec.get("where", "any")
        if where not in WHERE:
            raise DataFileError(path, f"rule {name!r}: where must be one of {WHERE}, not {where!r}", line)
        try:
            pattern = re.compile(spec["pattern"])
        except KeyError:
            raise DataFileError(path, f"rule {name!r} has no pattern", line) from None
        except (re.error, TypeError) as exc:
            raise DataFileError(path, f"rule {name!r}: bad regular expression ({exc})", line) from None
        max_chars = spec.get("max_chars", 200)
        if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
            raise DataFileError(path, f"rule {name!r}: max_chars must be a whole number ≥ 1", line)
        flags = {}
        for flag in ("ends_body", "before_headline", "allow_final"):
            value = spec.get(flag, False)
            if not isinstance(value, bool):
                raise DataFileError(path, f"rule {name!r}: {flag} must be true or false", line)
            flags[flag] = value
        unknown = set(spec) - {"name", "where", "pattern", "max_chars", "comment", *flags}
        if unknown:
            raise DataFileError(path, f"rule {name!r}: unknown keys {sorted(unknown)}", line)
        rules.append(Rule(name, where, pattern, max_chars, comment=str(spec.get("comment", "")), **flags))
    structure = data.get("structure", {})
    try:
        params = {k: structure[k] for k in structure}
        return ChromeRules(tuple(rules), **params)
    except TypeError as exc:
        raise DataFileError(path, f"[structure]: {exc}") from None


@functools.cache
def bundled_rules() -> ChromeRules:
    """包内的规则（读一次）。"""
    return read_rules(CHROME_TOML)


def strip_chrome(lines: list[str], rules: ChromeRules | None = None) -> tuple[list[str], list[Removed]]:
    """去掉页面外壳行，返回 ``(保留的行, 去掉的行)``。

    保留的行原样返回（不去空白）；去掉一行时，它后面紧跟的空行也去掉（不记录），免得段落之间多出
    空行、标题前留下空行。没有要去掉的行、或找不到正文行（没有一行含句末标点）时原样返回。

    Args:
        lines: the text's lines (``text.split("\\n")``), before any other normalisation.
        rules: defaults to :func:`bundled_rules`.

    >>> page = ["您当前的位置：首页 > 新闻", "某某会议召开", "会议指出，要加强。", "责任编辑：王五"]
    >>> kept, removed = strip_chrome(page)
    >>> kept, [(r.rule, r.line) for r in removed]
    (['某某会议召开', '会议指出，要加强。'], [('breadcrumb', 1), ('editor', 4)])
    """
    r = rules or bundled_rules()
    n = len(lines)
    text = [line.strip() for line in lines]
    final = set(r.final)
    has_final = [bool(final & set(_past_exclamation(t, r))) for t in text]
    by_where = {w: [rule for rule in r.rules if rule.where == w] for w in WHERE}

    def match(i: int, where: str) -> Rule | None:
        t = text[i]
        for rule in by_where[where]:
            if len(t) <= rule.max_chars and (rule.allow_final or not has_final[i]) and rule.pattern.search(t):
                return rule
        return None

    any_rule = [match(i, "any") if text[i] else None for i in range(n)]

    def body_like(i: int) -> bool:
        return bool(text[i]) and has_final[i] and any_rule[i] is None

    # 正文开始：第一行含句末标点、不是外壳的行；往前延伸到同一段的硬换行行（含逗号顿号等，不是标题）
    head_rule: dict[int, Rule | None] = {}
    start = None
    for i in range(n):
        if body_like(i):
            head_rule[i] = match(i, "head")
            if head_rule[i] is None:
                start = i
                break
    if start is None:
        return list(lines), []
    j = start - 1
    while j >= 0:
        if not text[j]:
            j -= 1
            continue
        if any_rule[j] or match(j, "head") or not (set(text[j]) & set(_NON_HEADLINE_PUNCT)):
            break
        start = j
        j -= 1

    # 正文结束：ends_body 标记之前的最后一行正文（句末标点结尾、不是外壳）
    stop = n
    for i in range(start + 1, n):
        rule = any_rule[i]
        if rule is not None and rule.ends_body:
            stop = i
            break
    end = start
    for i in range(stop - 1, start - 1, -1):
        if body_like(i) and _ends_sentence(text[i], r) and match(i, "tail") is None:
            end = i
            break

    removed: list[Removed] = []
    drop: set[int] = set()

    def remove(i: int, rule: str) -> None:
        drop.add(i)
        removed.append(Removed(rule, i + 1, lines[i]))

    # 正文之前：规则行去掉；最后一条 before_headline 规则之上的其他行去掉；标题块开头的短行（栏目名）去掉
    last_before = -1
    prefix_rule: dict[int, str] = {}
    for i in range(start):
        if not text[i]:
            continue
        rule = any_rule[i] or head_rule.get(i) or match(i, "head")
        if rule is not None:
            prefix_rule[i] = rule.name
            if rule.before_headline:
                last_before = i
    headline = [i for i in range(start) if text[i] and i not in prefix_rule and i > last_before]
    while len(headline) > 1 and len(text[headline[0]]) < r.headline_min_chars:
        prefix_rule[headline.pop(0)] = "headline-prefix"
    for i in range(start):
        if i in prefix_rule:
            remove(i, prefix_rule[i])
        elif text[i] and i < last_before:
            remove(i, "before-headline")

    # 正文之中：只用 any 规则
    for i in range(start, end + 1):
        if text[i] and any_rule[i] is not None:
            remove(i, any_rule[i].name)

    # 正文之后：全部去掉
    for i in range(end + 1, n):
        if text[i]:
            rule = any_rule[i] or match(i, "tail")
            remove(i, rule.name if rule is not None else "after-body")

    # 去掉的行后面紧跟的空行也去掉：段落之间不多出空行，标题前不留空行；没去掉任何行时原样返回
    after_removed = False
    for i in range(n):
        if i in drop:
            after_removed = True
        elif text[i]:
            after_removed = False
        elif after_removed:
            drop.add(i)

    removed.sort(key=lambda x: x.line)
    return [line for i, line in enumerate(lines) if i not in drop], removed


def _past_exclamation(line: str, r: ChromeRules) -> str:
    """The line without a headline's exclamation first (划重点！…, :func:`~.structure.past_exclamation`), if it
    is short and ends no sentence."""
    if len(line) > r.headline_max_chars or _ends_sentence(line, r):
        return line
    return past_exclamation(line)


def _ends_sentence(line: str, r: ChromeRules) -> bool:
    core = line.rstrip().rstrip(r.closing)
    return bool(core) and core[-1] in r.final


def summary(removed: list[Removed], first: int = 5) -> str:
    """加载报告里的一段：去掉了几行、前几行是什么。

    >>> print(summary([Removed("breadcrumb", 1, "首页 > 新闻"), Removed("editor", 9, "责任编辑：王五")], first=1))
    去掉页面杂项 2 行：
      第 1 行 [breadcrumb] 首页 > 新闻
      ……另有 1 行
    """
    if not removed:
        return "没有去掉页面杂项。"
    out = [f"去掉页面杂项 {len(removed)} 行："]
    out += [f"  第 {x.line} 行 [{x.rule}] {x.text.strip()[:40]}" for x in removed[:first]]
    if len(removed) > first:
        out.append(f"  ……另有 {len(removed) - first} 行")
    return "\n".join(out)
