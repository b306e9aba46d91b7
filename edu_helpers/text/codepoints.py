"""码位修复：把提取与复制留下的怪码位还原成正常汉字与字符。Code point rules.

Each rule is a small pure ``str -> str`` function whose docstring names the real artefact it
repairs, paired in :data:`RULES` with a compiled pattern of what it acts on, so that
:func:`repair` can say how many code points each rule changed (and show a few) in one linear pass
per rule. Chinese punctuation is never touched: only letters, digits, radicals, invisible
characters, emoji and pinyin glosses are.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from edu_helpers.data_files import bundled_toml
from edu_helpers.errors import DataFileError

#: The hand-written table for the CJK Radicals Supplement in ``edu_helpers/data/`` (see tools/make_cjk_radicals.py).
RADICALS_TABLE = "cjk_radicals.toml"

# 汉字（含扩展A、兼容区），用于“拼音残留”只在汉字之后才算
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# 带声调的拼音元音（以及 ü、ê、ń、ň、ǹ、ḿ）
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = f"a-zA-Züê{_TONED}"


@functools.cache
def _radicals_supplement() -> dict[int, str]:
    table = bundled_toml(RADICALS_TABLE).get("radicals", {})
    bad = [k for k, v in table.items() if len(k) != 1 or not isinstance(v, str) or len(v) != 1]
    if bad:
        raise DataFileError(RADICALS_TABLE, f"each entry maps one radical to one character; not {bad[0]!r}")
    return {ord(k): v for k, v in table.items()}


@functools.cache
def _kangxi() -> dict[int, str]:
    # 康熙部首 U+2F00–2FD5 全部有兼容分解，NFKC 即得统一汉字（⾼ → 高）
    return {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}


@functools.cache
def _compatibility() -> dict[int, str]:
    # 兼容汉字 U+F900–FAFF 与补充区 U+2F800–2FA1F：有规范分解的才换；FA0E 等 12 个本是统一汉字，不动
    ranges = (range(0xF900, 0xFB00), range(0x2F800, 0x2FA20))
    out = {}
    for cp in (c for r in ranges for c in r):
        nfc = unicodedata.normalize("NFC", chr(cp))
        if nfc != chr(cp):
            out[cp] = nfc
    return out


# 表情符号：图形符号区 1F000–1FAFF（含国旗区域指示符、肤色修饰）、杂项符号与装饰符号中的表情
# （保留 ★☆ 2605/2606、✓✔ 2713/2714、❶–➓ 2776–2793 这类正文里当编号或标记用的符号），
# 以及 ⌚⌛⏩–⏺⭐⭕；国旗（两个区域指示符）算一个；可带 FE0E/FE0F 变体选择符、肤色与 ZWJ 连接序列；
# 键帽序列 1️⃣ 连同数字一起去掉。
_E = (
    "\U0001f000-\U0001faff\u2600-\u2604\u2607-\u2712\u2715-\u2775\u27a1\u27b0\u27bf"
    "\u231a\u231b\u23e9-\u23f3\u23f8-\u23fa\u2b50\u2b55"
)
_EMOJI = re.compile(
    rf"[\U0001f1e6-\U0001f1ff]{{2}}|[0-9#*]\ufe0f?\u20e3|[{_E}][\ufe0e\ufe0f]?[\U0001f3fb-\U0001f3ff]?(?:\u200d[{_E}][\ufe0e\ufe0f]?[\U0001f3fb-\U0001f3ff]?)*|[\ufe0f\u20e3]"
)
# 零宽字符与软连字符：ZWSP 200B、ZWNJ 200C、ZWJ 200D、词连接符 2060、文中的 BOM FEFF、软连字符 00AD
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# 特殊空格 → 普通空格：不换行空格 00A0、各种定宽空格 2000–200A、窄不换行空格 202F、数学空格 205F
# （全角空格 3000 不动：它是段首缩进）
_ODD_SPACE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f]")
# 全角 ASCII 字母与数字（ＡＢＣ１２３）；全角标点（，。（））不在其中
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# 汉字后的拼音注音：會(huì)議、会（hui4）议；括号内只有拼音字母、可带声调数字，且至少有一个声调
_PINYIN = re.compile(
    rf"(?<=[{_HAN}])[（(](?=[^（()）]{{0,40}}[{_TONED}1-5])"
    rf"[ ]?[{_PINYIN_LETTERS}]{{1,6}}[1-5]?(?:[ ][{_PINYIN_LETTERS}]{{1,6}}[1-5]?){{0,3}}[ ]?[）)]"
)


def _class_of(table: dict[int, str]) -> re.Pattern[str]:
    """A character class of the table's code points, consecutive ones written as ranges (``a-z``): ``re`` scans
    a class of ~1,000 single astral characters one by one, so the listed form cost ~7 ms per report."""
    runs: list[list[int]] = []
    for cp in sorted(table):
        if runs and cp == runs[-1][1] + 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    parts = (re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in runs)
    return re.compile("[" + "".join(parts) + "]")


def remove_emoji(text: str) -> str:
    """Remove emoji put into sentences by social-media copies (WeChat articles: ``教育强国🇨🇳💪``),
    with their variation selectors, skin tones and ZWJ sequences.

    >>> remove_emoji("建设教育强国💪🏻！")
    '建设教育强国！'
    """
    return _EMOJI.sub("", text)


def remove_invisible(text: str) -> str:
    """Remove zero-width characters and soft hyphens that web pages and Word put inside words
    (``立德\\u200b树人`` splits a term for search and segmentation).

    >>> remove_invisible("立德\\u200b树\\u00ad人")
    '立德树人'
    """
    return _INVISIBLE.sub("", text)


def plain_spaces(text: str) -> str:
    """Turn tabs, no-break and fixed-width spaces (``&nbsp;`` in HTML, U+2002 in Word) into plain spaces,
    so the spacing rules of the normalizer see them (参加\t会议 is 参加会议); the ideographic space U+3000 stays.

    >>> plain_spaces("2023\\u00a0年"), plain_spaces("参加\\t会议")
    ('2023 年', '参加 会议')
    """
    return _ODD_SPACE.sub(" ", text)


def kangxi_radicals(text: str) -> str:
    """Replace Kangxi radicals (U+2F00–2FD5) that PDF extractors emit for ordinary characters
    whose glyph is shared with a radical (``⾼质量`` with U+2FBC for 高).

    >>> kangxi_radicals("⾼质量⼯作")
    '高质量工作'
    """
    return text.translate(_kangxi())


def radicals_supplement(text: str) -> str:
    """Replace CJK Radicals Supplement forms (U+2E80–2EF3) that PDF extractors emit for simplified
    characters (``⻅`` for 见, ``⻓`` for 长, ``⻔`` for 门); NFKC maps only two of them, so the
    mapping is the bundled table ``data/cjk_radicals.toml``.

    >>> radicals_supplement("⻓期⻅效")
    '长期见效'
    """
    return text.translate(_radicals_supplement())


def compatibility_ideographs(text: str) -> str:
    """Replace CJK Compatibility Ideographs (U+F900–FAFF, U+2F800–2FA1F), duplicates kept for old
    Korean and Japanese encodings that some fonts and converters emit, with the unified ideograph.

    >>> compatibility_ideographs("\\uf9b4育") == "\\u9818育"
    True
    """
    return text.translate(_compatibility())


def halfwidth_alnum(text: str) -> str:
    """Turn full-width Latin letters and digits (``２０２３年``, ``ＡＩ``) typed in Chinese input
    mode into half-width ones; full-width Chinese punctuation (，。：（）) stays.

    >>> halfwidth_alnum("２０２３年，ＡＩ教育")
    '2023年，AI教育'
    """
    return _FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


def remove_pinyin(text: str) -> str:
    """Remove pinyin glosses in brackets after characters (``會(huì)議``, ``会（hui4）议``) left by
    copies of annotated pages; Latin words in brackets (``（AI）``, ``(GDP)``) have no tone and stay.

    >>> remove_pinyin("會(huì)議指出，发展人工智能（AI）")
    '會議指出，发展人工智能（AI）'
    """
    return _PINYIN.sub("", text)


@dataclass(frozen=True)
class CodepointRule:
    """A named rule and the pattern of the code points (or sequences) it changes."""

    name: str
    apply: Callable[[str], str]
    targets: Callable[[], re.Pattern[str]]


@dataclass(frozen=True)
class RuleCount:
    """How often a rule changed the text, with the first few changes (``⾼→高``, ``💪→``)."""

    name: str
    count: int
    examples: tuple[str, ...]


#: The rules in the order they run: emoji before the invisible-character rule (ZWJ sequences).
RULES: tuple[CodepointRule, ...] = (
    CodepointRule("emoji", remove_emoji, lambda: _EMOJI),
    CodepointRule("invisible-characters", remove_invisible, lambda: _INVISIBLE),
    CodepointRule("odd-spaces", plain_spaces, lambda: _ODD_SPACE),
    CodepointRule("kangxi-radicals", kangxi_radicals, functools.cache(lambda: _class_of(_kangxi()))),
    CodepointRule(
        "radicals-supplement", radicals_supplement, functools.cache(lambda: _class_of(_radicals_supplement()))
    ),
    CodepointRule(
        "compatibility-ideographs", compatibility_ideographs, functools.cache(lambda: _class_of(_compatibility()))
    ),
    CodepointRule("fullwidth-alphanumerics", halfwidth_alnum, lambda: _FULLWIDTH_ALNUM),
    CodepointRule("pinyin-glosses", remove_pinyin, lambda: _PINYIN),
)

#: Radical code points no rule maps (left as they are, but counted so the report can warn).
UNMAPPED_RADICAL = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


def _visible(s: str) -> str:
    """Invisible and space characters written as ``U+200B`` so a report can show them."""
    return "".join(f"U+{ord(c):04X}" if c.isspace() or unicodedata.category(c) in ("Cf", "Zs") else c for c in s)


def repair(text: str, *, examples: int = 3) -> tuple[str, tuple[RuleCount, ...]]:
    """Run :data:`RULES` in order; return the text and a count for each rule that changed something.

    >>> text, counts = repair("⾼质量💪")
    >>> text, [(c.name, c.count, c.examples) for c in counts]
    ('高质量', [('emoji', 1, ('💪→',)), ('kangxi-radicals', 1, ('⾼→高',))])
    """
    counts = []
    for rule in RULES:
        found: list[str] = []
        n = 0
        for m in rule.targets().finditer(text):
            n += 1
            if len(found) < examples:
                src = m.group()
                dst = "" if rule.name == "pinyin-glosses" else rule.apply(src)
                shown = f"{_visible(src)}→{_visible(dst)}"
                if shown not in found:
                    found.append(shown)
        if n:
            text = rule.apply(text)
            counts.append(RuleCount(rule.name, n, tuple(found)))
    left = len(UNMAPPED_RADICAL.findall(text))
    if left:
        counts.append(RuleCount("unmapped-radicals", left, tuple(UNMAPPED_RADICAL.findall(text)[:examples])))
    return text, tuple(counts)
