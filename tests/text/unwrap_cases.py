"""The rewrap cases of issue 13 for the unwrapper: texts × layouts × widths 12–90.

``PYTHONPATH=. .venv/bin/python tests/text/unwrap_cases.py`` (from the repository root) rewrites
``unwrap_known_failures.json``: the cases today's unwrapper gets wrong, with a reason each (24 of 4,108:
layouts where the width cannot be told from the lines, e.g. a report whose paragraphs all fit in two lines,
or where a paragraph end and a wrap look the same). The test marks exactly those ``xfail(strict=True)``,
so each flips to a failure (remove it from the file) when the unwrapper gets it right.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from tests.text.pages import page_names
from tests.text.rewrap import rewrap_text

HERE = Path(__file__).resolve().parent
KNOWN = HERE / "unwrap_known_failures.json"
WIDTHS = range(12, 91)
#: Every copied page of tests/text/pages (its chrome stripped, traditional ones converted first, as loading does).
#: The unwrapper was first tuned on three of them; the other eight, added afterwards as unseen layouts, failed
#: 369 of 3,160 cases then and led to the rules for headline blocks, numbered headings and short reports.
PAGES = page_names()

VARIANTS = {
    # first line narrower (indent lost), closing punctuation hangs, blank line after each line, "— n —" footers
    "lost-hang-blank-footer": dict(indent="lost", overhang=True, blank_after=True, page_lines=23, footer="— {} —"),
    # kinsoku by pushing a character down, no blank lines, page breaks without footer (next line starts with a space)
    "lost-push-noblank": dict(indent="lost", overhang=False, blank_after=False, page_lines=19),
    # flush first lines, no blank lines, but blank lines around "第 n 页" page footers
    "flush-hang-pageblank": dict(
        indent="none", overhang=True, blank_after=False, page_lines=21, footer="第 {} 页", page_blank=True
    ),
    # indent kept as two ideographic spaces, no spaces around digits
    "kept-indent-nospaces": dict(indent="kept", overhang=True, blank_after=True, digit_spaces=False),
}


def normalizer():
    from edu_helpers.text.normalize import normalize

    return normalize


@cache
def texts() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """name → (headline lines, paragraphs): the two bundled reports and the copied pages without chrome."""
    import edu_helpers
    from edu_helpers.text.chrome import strip_chrome
    from edu_helpers.text.script import to_simplified
    from tests.paths import BUNDLED
    from tests.paths import SECOND_REPORT as SECOND
    from tests.text.pages import load_page

    out = {}
    for name, path in (("bundled", BUNDLED), ("second", SECOND)):
        doc = edu_helpers.load_document(path)
        out[name] = ((doc.title, *doc.subtitles), tuple(p.text for p in doc.paragraph_records))
    for name in PAGES:
        page = load_page(name)
        lines = to_simplified("\n".join(page.lines))[0].split("\n")  # as loading does, before the chrome
        kept = [line.strip() for line in strip_chrome(lines)[0] if line.strip()]
        n = len(page.expected["headline"])
        out[name] = (tuple(kept[:n]), tuple(kept[n:]))
    return out


def case_ids() -> list[str]:
    return [f"{name}-{variant}-{w}" for name in texts() for variant in VARIANTS for w in WIDTHS]


def run_case(case: str) -> tuple[str, str]:
    """(normalised rewrapped text, expected text) for a case id ``text-variant-width``."""
    *head, width = case.split("-")
    key = "-".join(head)
    name = next(n for n in texts() if key.startswith(n + "-"))
    variant = key[len(name) + 1 :]
    headline, paragraphs = texts()[name]
    normalize = normalizer()
    raw = rewrap_text(list(headline), list(paragraphs), int(width), **VARIANTS[variant])
    return normalize(raw), normalize("\n".join([*headline, *paragraphs]))


def reason(got: str, want: str) -> str:
    g, w = got.split("\n"), want.split("\n")
    if len(g) > len(w):
        return f"splits paragraphs ({len(g)} lines for {len(w)}): a line break is taken as a paragraph end"
    if len(g) < len(w):
        return f"joins paragraphs ({len(g)} lines for {len(w)}): a paragraph end is taken as a wrap"
    return "same number of lines, different text (break point or spacing)"


def known_failures() -> dict[str, str]:
    return json.loads(KNOWN.read_text(encoding="utf-8")) if KNOWN.is_file() else {}


if __name__ == "__main__":
    failures = {}
    for case in case_ids():
        got, want = run_case(case)
        if got != want:
            failures[case] = reason(got, want)
    KNOWN.write_text(json.dumps(failures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(failures)} of {len(case_ids())} cases fail today")
