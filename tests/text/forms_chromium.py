"""A report printed to PDF by Debian Chromium (headless ``--print-to-pdf``, fonts-wqy-zenhei).

Chromium's text layer differs from reportlab's (Skia glyph runs, its own line breaking and
justification, ligatures such as ﬁ in its header URL). The page is written here: a centred headline,
paragraphs with a two-character indent and no gap, justified; with or without Chromium's own
header and footer (date, title, file URL, ``1/3`` page numbers).
"""

from __future__ import annotations

import html
import os
import subprocess
from pathlib import Path

from tests.browser.edu_browser import BrowserMissing, find_chromium

STYLE = """@page { size: A4; margin: 25mm 22mm; }
body { font-family: "WenQuanYi Zen Hei"; font-size: 14pt; line-height: 1.6; text-align: justify; }
h1 { font-size: 22pt; text-align: center; margin: 0 0 8pt; }
h2 { font-size: 16pt; text-align: center; margin: 0 0 6pt; font-weight: normal; }
p { text-indent: 2em; margin: 0; }"""


def print_page(headline: tuple[str, ...], paragraphs: tuple[str, ...], out: Path, *, header_footer: bool) -> Path:
    """Write the report as an HTML page beside ``out`` and print it to ``out`` with Chromium."""
    page = out.with_suffix(".html")
    subs = "".join(f"<h2>{html.escape(s)}</h2>" for s in headline[1:])
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(headline[0])}</title>'
        f"<style>{STYLE}</style></head><body><h1>{html.escape(headline[0])}</h1>{subs}{body}</body></html>",
        encoding="utf-8",
    )
    args = [find_chromium(), "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={out}"]
    if not header_footer:
        args.append("--no-pdf-header-footer")
    env = {**os.environ, "HOME": str(out.parent)}  # Chromium writes its profile under HOME
    proc = subprocess.run([*args, page.as_uri()], capture_output=True, text=True, timeout=180, env=env)
    if proc.returncode or not out.is_file():
        raise BrowserMissing(f"Chromium could not print to PDF (exit {proc.returncode}): {proc.stderr[-300:]}")
    return out
