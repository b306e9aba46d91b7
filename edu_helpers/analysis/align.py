"""结构对照：两篇报告的部分与条目对齐，逐词标出增删。Align two reports' structure; word-level diff.

Units are body paragraphs: the lead, the paragraphs of each 会议指出/会议强调/会议要求 section, the numbered
items (一是…五是), the attendance note. Only like with like is paired: lead with lead, attendance with
attendance, item with item, other paragraphs with each other. A pair scores

    score = 0.7 · Dice(content words) + 0.3 · Jaccard(topics) (+ 0.05 when both sit in sections opened by the
    same cue),

content words being the counted tokens of ``doc.tokens`` (no punctuation, numbers, stopwords, boilerplate),
topics those of ``doc.topics`` (Jaccard 0 unless both have topics). Pairs scoring at least ``min_score`` are
taken greedily, best first (ties: closer positions first): with n paragraphs a side that is O(n² log n), and n
is a few dozen. Items are paired by content, not by number, so 2031's 四是 (vocational education) finds the
later report's 五是. Within a pair, ``difflib`` compares the token sequences (punctuation included) and lists
the words added and dropped; a pair whose only differences are numbers (2031 → 2032) counts as ``same``.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from edu_helpers.analysis.keywords import is_number
from edu_helpers.markup import esc

if TYPE_CHECKING:
    from edu_helpers.analysis.records import Entry

COLUMNS = ["a_paragraph", "b_paragraph", "a_label", "b_label", "status", "score", "word_score", "topic_score",
           "shared_topics", "added", "dropped", "ops"]  # fmt: skip
STATUS_ZH = {"same": "未变", "reworded": "改写", "dropped": "删去", "added": "新增"}
_GROUP = {"lead": "lead", "attendance": "attendance", "item": "item", "cue": "text", "body": "text"}
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[是要]|第[一二三四五六七八九十]{1,3}|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])"
)
_KIND_ZH = {"lead": "导语", "attendance": "参会人员"}


def _units(e: Entry) -> list[dict]:
    p, sections = e.rec["para"], {s[0]: s for s in e.rec["sections"]}
    out, seen = [], {}
    for k, pid in enumerate(p["id"]):
        words, starts, _, counted = e.paragraph_tokens(k)
        text, kind, sec = e.paragraph_text(k), p["kind"][k], sections[int(p["section"][k])]
        seen[sec[0]] = seen.get(sec[0], 0) + 1
        m = _MARKER.match(text)
        where = _KIND_ZH.get(kind) or sec[3] or sec[1]
        label = (
            f"{where} · {m.group()}"
            if kind == "item" and m
            else where
            if seen[sec[0]] == 1
            else f"{where} · 段{seen[sec[0]]}"
        )
        cut = [int(p["start"][k]), *starts[1:].tolist(), int(p["end"][k])] if len(words) else [int(p["start"][k])] * 2
        out.append({"id": pid, "k": k, "group": _GROUP.get(kind, "text"), "cue": sec[3], "label": label,
                    "words": words, "cut": cut, "text": e.text,
                    "content": _content(words, counted),
                    "topics": e.paragraph_topic_sets[k]})  # fmt: skip
    return out


def _content(words: list[str], counted: np.ndarray) -> set[str]:
    """Content words; for a short formula paragraph (会议要求，2031年要重点抓好以下五方面工作。) all its words but
    numbers, so that it still finds its counterpart."""
    content = {w for w, c in zip(words, counted.tolist(), strict=True) if c}
    return content if len(content) >= 3 else {w for w in _alnum(words) if not is_number(w)}


def _pair_score(u: dict, v: dict) -> tuple[float, float, float]:
    a, b = u["content"], v["content"]
    dice = 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0
    ta, tb = u["topics"], v["topics"]
    topic = len(ta & tb) / len(ta | tb) if ta and tb else 0.0
    bonus = 0.05 if u["cue"] and u["cue"] == v["cue"] else 0.0
    return 0.7 * dice + 0.3 * topic + bonus, dice, topic


def _alnum(words: list[str]) -> list[str]:
    return [w for w in words if any(c.isalnum() for c in w)]


def _diff(u: dict, v: dict) -> tuple[list[str], list[str], list[tuple[str, str, str]]]:
    """Words added, words dropped, and ``(tag, a_text, b_text)`` segments covering both paragraphs."""
    ops, added, dropped = [], [], []
    sm = difflib.SequenceMatcher(None, u["words"], v["words"], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        ops.append((tag, u["text"][u["cut"][i1] : u["cut"][i2]], v["text"][v["cut"][j1] : v["cut"][j2]]))
        if tag in ("replace", "delete"):
            dropped += _alnum(u["words"][i1:i2])
        if tag in ("replace", "insert"):
            added += _alnum(v["words"][j1:j2])
    return added, dropped, ops


def align(a: Entry, b: Entry, *, min_score: float = 0.3) -> pd.DataFrame:
    """Paragraphs and numbered items of report ``a`` aligned with those of ``b``.

    Args:
        a, b: corpus entries (``corpus["2031-conference"]``); ``a`` is usually the earlier report.
        min_score: the lowest score (see the module docstring) at which two paragraphs count as one unit.

    Returns:
        One row per unit, in ``a``'s order, each paragraph only in ``b`` placed after the row of its nearest
        aligned predecessor in ``b``. Columns: ``a_paragraph``, ``b_paragraph`` (ids, ``None`` when absent),
        ``a_label``, ``b_label`` (``会议要求 · 四是``, ``导语``…), ``status`` (``same``, ``reworded``,
        ``dropped``: only in a, ``added``: only in b), ``score``, ``word_score`` (Dice), ``topic_score``
        (Jaccard), ``shared_topics`` (list), ``added``, ``dropped`` (lists of words, in text order), ``ops``
        (``(tag, a_text, b_text)`` segments from ``difflib``; tag ``equal``/``replace``/``delete``/``insert``).
    """
    ua, ub = _units(a), _units(b)
    pairs = []
    for i, u in enumerate(ua):
        for j, v in enumerate(ub):
            if u["group"] == v["group"]:
                s, dice, topic = _pair_score(u, v)
                if s >= min_score:
                    pairs.append((-s, abs(i / max(len(ua), 1) - j / max(len(ub), 1)), i, j, dice, topic))
    pairs.sort()
    match_a: dict[int, tuple] = {}
    used_b: set[int] = set()
    for neg, _, i, j, dice, topic in pairs:
        if i not in match_a and j not in used_b:
            match_a[i] = (j, -neg, dice, topic)
            used_b.add(j)
    rows: list[list] = []
    b_row: dict[int, int] = {}
    for i, u in enumerate(ua):
        if i in match_a:
            j, s, dice, topic = match_a[i]
            v = ub[j]
            added, dropped, ops = _diff(u, v)
            changed = [w for w in added + dropped if not is_number(w)]
            status = "reworded" if changed else "same"
            shared = sorted(u["topics"] & v["topics"])
            rows.append([u["id"], v["id"], u["label"], v["label"], status, s, dice, topic, shared, added, dropped, ops])
            b_row[j] = len(rows) - 1
        else:
            rows.append(
                [u["id"], None, u["label"], None, "dropped", np.nan, np.nan, np.nan, [], [], _alnum(u["words"]), []]
            )
    inserts: dict[int, list[list]] = {}
    for j, v in enumerate(ub):
        if j not in used_b:
            before = max((jj for jj in b_row if jj < j), default=None)
            at = b_row[before] if before is not None else -1
            inserts.setdefault(at, []).append([None, v["id"], None, v["label"], "added", np.nan, np.nan, np.nan,
                                               [], _alnum(v["words"]), [], []])  # fmt: skip
    out = inserts.get(-1, [])
    for r, row in enumerate(rows):
        out += [row, *inserts.get(r, [])]
    df = pd.DataFrame(out, columns=COLUMNS)
    for col in ("a_paragraph", "b_paragraph", "a_label", "b_label"):
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df


#: The page's style, every rule under ``.edu-compare`` so the diff can also sit inside a notebook page.
STYLE = """
.edu-compare{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,serif;line-height:1.7;color:#222}
.edu-compare h1{font-size:1.3em}
.edu-compare table{border-collapse:collapse;width:100%}
.edu-compare td,.edu-compare th{border:1px solid #ccc;padding:.4em .6em;vertical-align:top}
.edu-compare th{background:#f3f3f3} .edu-compare td.label{font-size:.85em;color:#555;white-space:nowrap}
.edu-compare td.text{width:44%}
.edu-compare ins{background:#d8f5d0;text-decoration:none;border-bottom:2px solid #3a3}
.edu-compare del{background:#fbdada;color:#833}
.edu-compare .status{font-size:.85em;white-space:nowrap}
.edu-compare .demo{border:2px dashed #c60;padding:.5em;margin:.8em 0;color:#a40}
.edu-compare tr.dropped td.a,.edu-compare tr.added td.b{background:#fffbe8}
body>.edu-compare{margin:1.5em}
@media print{body>.edu-compare{margin:0;font-size:10.5pt} .edu-compare tr{page-break-inside:avoid}}
"""


def _side(ops: list, side: int) -> str:
    keep, mark = ("delete", "del") if side == 1 else ("insert", "ins")
    parts = []
    for tag, *texts in ops:
        text = esc(texts[side - 1])
        if tag == "equal":
            parts.append(text)
        elif tag in (keep, "replace") and text:
            parts.append(f"<{mark}>{text}</{mark}>")
    return "".join(parts)


def diff_html(a: Entry, b: Entry, alignment: pd.DataFrame) -> str:
    """A side-by-side diff page: left ``a``, right ``b``; words dropped marked ``<del>``, added ``<ins>``.

    Chinese first, self-contained (one inline style sheet, :data:`STYLE`), printable (rows never split across
    pages); the body is :func:`diff_fragment`.
    """
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>报告对照：{esc(a.title)} ↔ {esc(b.title)}</title><style>{STYLE}</style></head><body>"
        f"{diff_fragment(a, b, alignment)}</body></html>\n"
    )


def diff_fragment(a: Entry, b: Entry, alignment: pd.DataFrame) -> str:
    """The diff as one ``<div class="edu-compare">`` (for a notebook, with :data:`STYLE`): title, a 示例 notice
    for reports written for demonstration, the legend, and one table row per aligned unit. All text escaped."""

    def head(e: Entry) -> str:
        return f"{esc(e.title)}（{esc(e.date or '日期不详')}）"

    demo = [e for e in (a, b) if e.demo]
    notice = (f'<p class="demo">示例：{"、".join(esc(e.title) for e in demo)} 为演示编写，不是真实报告。'
              "Written for demonstration; not a real report.</p>") if demo else ""  # fmt: skip
    counts = alignment["status"].value_counts()
    summary = "，".join(f"{STATUS_ZH[s]} {int(counts.get(s, 0))} 处" for s in STATUS_ZH)
    rows = []
    for r in alignment.itertuples(index=False):
        if r.status == "dropped":
            left, right = f"<del>{esc(a.paragraph_text(a.rec['para']['id'].index(r.a_paragraph)))}</del>", ""
        elif r.status == "added":
            left, right = "", f"<ins>{esc(b.paragraph_text(b.rec['para']['id'].index(r.b_paragraph)))}</ins>"
        else:
            left, right = _side(r.ops, 1), _side(r.ops, 2)
        rows.append(
            f'<tr class="{r.status}"><td class="label">{esc(r.a_label or "")}</td><td class="text a">{left}</td>'
            f'<td class="label">{esc(r.b_label or "")}</td><td class="text b">{right}</td>'
            f'<td class="status">{STATUS_ZH[r.status]}</td></tr>'
        )
    return (
        f'<div class="edu-compare"><h1>报告对照 · {head(a)} ↔ {head(b)}</h1>{notice}'
        f'<p class="legend">图例：<del>删去的词语</del> <ins>新增的词语</ins>。共 {len(alignment)} 个单元：{summary}。'
        "条目按内容（词语重合与主题）对齐，而非按序号。</p>"
        f"<table><thead><tr><th>位置</th><th>{head(a)}</th><th>位置</th><th>{head(b)}</th><th>变化</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
