"""编译好的正则与字符类。Compiled patterns shared by the pipeline stages, each range commented."""

from __future__ import annotations

import re
import unicodedata

# 汉字：CJK基本 [4E00-9FFF]、扩展A [3400-4DBF]、兼容 [F900-FAFF]
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# 中文标点：CJK符号和标点 [3000-303F]、全角字符 [FF00-FFEF]、通用标点中的引号破折号省略号 [2010-2027]
CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef\u2010-\u2027"
CJK = HAN + CJK_PUNCT

#: 页脚页码行：— 2 —、- 3 -、－4－、第 5 页、第5页 共9页、5/9
PAGE_FOOTER = re.compile(
    r"^[ \t\u3000]*(?:[—–\-－‒―]{1,3}[ \t\u3000]*\d{1,4}[ \t\u3000]*[—–\-－‒―]{1,3}"
    r"|第[ \t\u3000]*\d{1,4}[ \t\u3000]*页(?:[ \t\u3000]*[，,/]?[ \t\u3000]*共[ \t\u3000]*\d{1,4}[ \t\u3000]*页)?"
    r"|\d{1,4}[ \t\u3000]*/[ \t\u3000]*\d{1,4})[ \t\u3000]*$",
    re.MULTILINE,
)
#: 段首缩进：全角空格、两个以上半角空格或制表符（单个半角空格是分页残留，不算缩进）
INDENT = re.compile(r"^(?:\u3000+|[ \t]{2,}|\t)")
#: 两个汉字（或中文标点）之间的空白：硬换行或分页造成
#: （只从空白串的开头匹配：U+3000 本身也是中文标点，否则一长串全角空格会让匹配成为平方级）
SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])(?<![ \t\u3000])[ \t\u3000]+(?=[{CJK}])")
#: 汉字与数字/拉丁字母之间的空白：PDF 排版留下的“2023 年”
SPACE_CJK_ASCII = re.compile(
    rf"(?<=[{CJK}])(?<![ \t\u3000])[ \t\u3000]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])[ \t\u3000]+(?=[{CJK}])"
)
MULTI_SPACE = re.compile(r"[ \t\u3000]{2,}")


def char_width(ch: str) -> float:
    """Display width of one character in a Chinese layout: CJK, full-width and ambiguous
    characters (such as “ ” …) take a full cell, ASCII letters, digits and spaces half of one."""
    if unicodedata.east_asian_width(ch) in ("W", "F", "A"):
        return 1.0
    return 0.5


def display_width(text: str) -> float:
    """Width of a line in full-width cells.

    >>> display_width("2023 年")
    3.5
    """
    return sum(char_width(c) for c in text)


def occurrences(text: str, phrase: str, *, overlapping: bool = True) -> list[int]:
    """Start offsets of every occurrence of ``phrase`` in ``text`` (the one search loop of the package).

    >>> occurrences("教育教育强国教育", "教育")
    [0, 2, 6]
    >>> occurrences("哈哈哈", "哈哈"), occurrences("哈哈哈", "哈哈", overlapping=False)
    ([0, 1], [0])
    """
    if not phrase:
        return []
    step = 1 if overlapping else len(phrase)
    found, i = [], text.find(phrase)
    while i >= 0:
        found.append(i)
        i = text.find(phrase, i + step)
    return found
