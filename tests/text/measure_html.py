"""Measure the HTML main-text choice: trafilatura alone, trafilatura + the package's repairs, own rules alone.

``python -m tests.text.measure_html`` prints a Markdown table (the README's dependency notes quote it) over
the generated page shapes of both reports. "Own rules alone" replaces trafilatura by a hand-written
article finder (the element whose paragraphs hold the most Chinese sentence text, link text not counted),
kept here only for this comparison: the package uses trafilatura. Columns: body paragraphs exactly right,
headline lines right, chrome lines left in the body, body characters lost, median milliseconds per page.
"""

from __future__ import annotations

import re
import statistics
import time

from edu_helpers.text.readers import html as H
from edu_helpers.text.readers.html_repairs import repair
from tests.paths import SECOND_REPORT
from tests.text import forms

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def own_rules_kept(lines) -> set[int]:
    """The lines inside the element whose paragraphs hold the most Chinese sentence text."""
    score: dict[object, float] = {}
    for ln in lines:
        han = len(_HAN.findall(ln.text))
        if han < 8 or not re.search("[，。；！？、]", ln.text) or ln.link_chars > 0.5 * len(ln.text):
            continue
        parent = ln.owner.getparent() if ln.owner.tag in ("p", "li", "h2", "h3", "span") else ln.owner
        for weight, el in ((1.0, parent), (0.5, parent.getparent() if parent is not None else None)):
            if el is not None:
                score[el] = score.get(el, 0.0) + weight * han
    if not score:
        return set()
    best = max(score.values())
    article = [el for el, s in score.items() if s == best][-1]

    def inside(el) -> bool:
        while el is not None:
            if el is article:
                return True
            el = el.getparent()
        return False

    return {i for i, ln in enumerate(lines) if inside(ln.owner)}


def variants(data: bytes):
    """``{name: (headline, body)}`` for the three ways of reading one page."""
    import trafilatura

    root, lines, page, _ = H.parse(None, data)
    paras = H.trafilatura_paragraphs(H.trafilatura_text(page))
    meta = trafilatura.extract_metadata(page)
    alone = ([meta.title] if meta and meta.title else [], paras)
    with_repairs = repair(root, lines, H.kept_lines(lines, paras))[:2]
    own = repair(root, lines, own_rules_kept(lines))[:2]
    return {"trafilatura alone": alone, "trafilatura + repairs": with_repairs, "own rules alone": own}


def _clean(s: str) -> str:
    return re.sub(r"[\s\u200b]|[\U0001f000-\U0001faff]", "", s)


def measure() -> list[tuple]:
    rows = []
    for report, parts in (("bundled", forms.report_parts()), ("second", forms.report_parts(str(SECOND_REPORT)))):
        head, paras = parts
        want = [_clean(p) for p in paras]
        for shape in forms.HTML_SHAPES:
            data = forms.html_form(shape, parts=parts).data
            times = {}
            for name in ("trafilatura alone", "trafilatura + repairs", "own rules alone"):
                samples = []
                for _ in range(5):
                    t = time.perf_counter()
                    got = variants(data)[name]
                    samples.append(time.perf_counter() - t)
                times[name] = statistics.median(samples) * 1000
                headline, body = got
                body = [_clean(b) for b in body]
                exact = sum(1 for p in want if p in body)
                extra = sum(1 for b in body if b not in want)
                lost = sum(len(p) for p in want if p not in "".join(body))
                head_ok = [_clean(h) for h in headline] == [_clean(h) for h in head]
                rows.append((report, shape, name, exact, len(want), head_ok, extra, lost, times[name]))
    return rows


def main() -> None:
    print("| report | page | reader | paragraphs exact | headline right | chrome kept | body chars lost | ms |")
    print("|---|---|---|---|---|---|---|---|")
    for report, shape, name, exact, total, head_ok, extra, lost, ms in measure():
        ok = "yes" if head_ok else "no"
        print(f"| {report} | {shape} | {name} | {exact}/{total} | {ok} | {extra} | {lost} | {ms:.1f} |")


if __name__ == "__main__":
    main()
