"""Word 自动编号：把 numPr 编号还原成“一、”“（一）”“1.”。Word's automatic list numbering, rendered.

A paragraph Word numbers itself (``w:numPr`` in the paragraph or its style) shows its number only on
screen: ``paragraph.text`` lacks it, so 一、 and （一） items would become plain body paragraphs.
:class:`Numbering` reads ``word/numbering.xml`` (``w:num`` → ``w:abstractNum`` → ``w:lvl`` with its
``numFmt``, ``lvlText`` and ``start``, and ``lvlOverride/startOverride``), keeps one counter per list
and level (a deeper level restarts when a shallower one advances), and renders the label as Word
does. Bullets and unknown formats give no label (nothing is invented).
"""

from __future__ import annotations

import re

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_LEVEL_REF = re.compile(r"%([1-9])")


def chinese_count(n: int, digits: str = _DIGITS, ten: str = "十") -> str:
    """一 … 九十九 the way Chinese lists count (十一, 二十); larger numbers digit by digit.

    >>> chinese_count(1), chinese_count(10), chinese_count(12), chinese_count(20), chinese_count(105)
    ('一', '十', '十二', '二十', '一〇五')
    """
    if 0 < n < 10:
        return digits[n]
    if 10 <= n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + ten + (digits[ones] if ones else "")
    return "".join(digits[int(d)] for d in str(n))


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")):
        while n >= value:
            out, n = out + sym, n - value
    for value, sym in ((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def render(fmt: str, n: int) -> str | None:
    """One counter in a Word number format (``decimal``, ``chineseCounting``…); ``None`` for bullets.

    >>> [render(f, 3) for f in ("decimal", "chineseCounting", "upperRoman", "lowerLetter", "bullet")]
    ['3', '三', 'III', 'c', None]
    """
    match fmt:
        case "decimal" | "decimalZero":
            return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
        case "chineseCounting" | "chineseCountingThousand" | "ideographTraditional" | "taiwaneseCounting":
            return chinese_count(n)
        case "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand":
            return "".join(_DIGITS[int(d)] for d in str(n))
        case "chineseLegalSimplified" | "ideographLegalTraditional":
            return chinese_count(n, _LEGAL, "拾")
        case "decimalEnclosedCircle" | "decimalEnclosedCircleChinese":
            return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
        case "decimalFullWidth" | "decimalFullWidth2":
            return "".join(chr(0xFF10 + int(d)) for d in str(n))
        case "decimalEnclosedParen" | "decimalEnclosedFullstop":
            return f"({n})" if fmt.endswith("Paren") else f"{n}."
        case "lowerLetter" | "upperLetter":
            s = _letter(n)
            return s.upper() if fmt == "upperLetter" else s
        case "lowerRoman" | "upperRoman":
            s = _roman(n)
            return s.upper() if fmt == "upperRoman" else s
    return None


def _val(el, tag: str) -> str | None:
    child = el.find(f"{_W}{tag}") if el is not None else None
    return None if child is None else child.get(f"{_W}val")


class Numbering:
    """The numbering definitions of one Word file, and the running counters while reading it."""

    def __init__(self, numbering_element) -> None:
        self._abstract: dict[str, object] = {}
        self._num: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, list[int]] = {}
        if numbering_element is None:
            return
        for a in numbering_element.iter(f"{_W}abstractNum"):
            self._abstract[a.get(f"{_W}abstractNumId")] = a
        for num in numbering_element.iter(f"{_W}num"):
            starts = {}
            for o in num.iter(f"{_W}lvlOverride"):
                start = _val(o, "startOverride")
                if start is not None and start.isdigit():
                    starts[int(o.get(f"{_W}ilvl", "0"))] = int(start)
            self._num[num.get(f"{_W}numId")] = (_val(num, "abstractNumId") or "", starts)

    def _level(self, num_id: str, ilvl: int):
        abstract_id, _ = self._num.get(num_id, ("", {}))
        abstract = self._abstract.get(abstract_id)
        if abstract is None:
            return None
        for lvl in abstract.iter(f"{_W}lvl"):
            if lvl.get(f"{_W}ilvl") == str(ilvl):
                return lvl
        return None

    def _start(self, num_id: str, ilvl: int) -> int:
        override = self._num.get(num_id, ("", {}))[1].get(ilvl)
        if override is not None:
            return override
        start = _val(self._level(num_id, ilvl), "start")
        return int(start) if start and start.isdigit() else 1

    def label(self, num_id: str | None, ilvl: int) -> str:
        """Advance the counter of ``(num_id, ilvl)`` and return the label Word shows (``""`` if none)."""
        if not num_id or num_id == "0" or num_id not in self._num or not 0 <= ilvl <= 8:
            return ""
        lvl = self._level(num_id, ilvl)
        if lvl is None:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else self._start(num_id, ilvl)
        text = _val(lvl, "lvlText") or ""

        def one(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            fmt = _val(self._level(num_id, level), "numFmt") or "decimal"
            n = counters[level] or self._start(num_id, level)
            shown = render(fmt, n)
            return "\0" if shown is None else shown

        out = _LEVEL_REF.sub(one, text)
        return "" if "\0" in out or (_val(lvl, "numFmt") or "decimal") == "bullet" else out.strip()


def paragraph_numpr(paragraph) -> tuple[str | None, int]:
    """``(numId, ilvl)`` of a paragraph, from its own ``numPr`` or its style's (``(None, 0)`` if none)."""
    ppr = paragraph._p.pPr
    for source in (ppr, getattr(getattr(paragraph.style, "element", None), "pPr", None)):
        numpr = source.find(f"{_W}numPr") if source is not None else None
        if numpr is not None:
            ilvl = _val(numpr, "ilvl")
            return _val(numpr, "numId"), int(ilvl) if ilvl and ilvl.isdigit() else 0
    return None, 0
