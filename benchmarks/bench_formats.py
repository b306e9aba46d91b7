"""读入各种格式的基准。Loading the bundled report in each form (issue 12), medians after import.

The forms are the test generators' (``tests/text/forms*.py``): the report printed to PDF (reportlab,
3 pages; and Debian Chromium's print-to-pdf when it is installed), saved as web pages (the ministry
shape in GB2312, the WeChat copy with emoji), and written to DOCX. Each row times ``load_document`` on
the file (read, code points, script, normalize, structure), after one untimed load that pays for the
imports. Targets: PDF ≤ 1 s, HTML ≤ 0.3 s, DOCX ≤ 0.3 s.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from edu_helpers import load_document

from . import harness

TARGETS_S = {"pdf": 1.0, "html": 0.3, "docx": 0.3}


def _forms(folder: Path) -> dict[str, tuple[str, Path]]:
    from tests.browser.edu_browser import BrowserMissing
    from tests.text import forms
    from tests.text.forms_chromium import print_page

    made = {
        "PDF (reportlab, 3 pages)": ("pdf", forms.pdf_form()),
        "saved page (ministry, GB2312)": ("html", forms.html_form("ministry")),
        "saved page (WeChat copy)": ("html", forms.html_form("wechat")),
        "DOCX": ("docx", forms.docx_form()),
    }
    out = {}
    for name, (fmt, form) in made.items():
        path = folder / f"{form.name}{form.suffix}"
        path.write_bytes(form.data)
        out[name] = (fmt, path)
    try:
        out["PDF (Chromium print-to-pdf)"] = (
            "pdf",
            print_page(*forms.report_parts(), folder / "c.pdf", header_footer=True),
        )
    except BrowserMissing:
        pass
    return out


def run() -> list[dict]:
    rows = []
    n = harness.rounds(7, 2)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (fmt, path) in _forms(Path(tmp)).items():
            load_document(path)  # imports (pdfminer, lxml, trafilatura, python-docx, OpenCC) not timed
            samples = harness.timed(lambda p=path: load_document(p), n)
            value = harness.median(samples)
            target = TARGETS_S[fmt]
            rows.append(
                harness.row(
                    f"load: bundled report as {name}",
                    round(value * 1000, 1),
                    "ms",
                    f"≤ {target * 1000:.0f} ms",
                    value <= target,
                    f"{harness.spread(samples, 1000, '.0f')} ms; {path.stat().st_size:,} bytes",
                )
            )
    return rows
