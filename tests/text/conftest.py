"""Session fixtures: every form of the bundled report, written once to a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.paths import SECOND_REPORT

from . import forms


@pytest.fixture(scope="session")
def form_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("forms")


def _write(folder: Path, form: forms.Form) -> Path:
    path = folder / f"{form.name}{form.suffix}"
    path.write_bytes(form.data)
    return path


@pytest.fixture(scope="session")
def all_forms(form_dir) -> dict[str, tuple[forms.Form, Path]]:
    """name → (form, path) for every form the issue names."""
    made = [
        forms.txt_form(),
        forms.txt_form(forms.traditional, "txt-traditional"),
        forms.txt_form(lambda s: forms.traditional(s, "s2tw"), "txt-traditional-tw"),
        forms.txt_form(lambda s: forms.traditional(s, "s2hk"), "txt-traditional-hk"),
        forms.txt_form(forms.with_radicals, "txt-kangxi"),
        forms.pdf_form(),
        forms.pdf_form(forms.with_radicals, "pdf-kangxi"),
        forms.pdf_form(forms.traditional, "pdf-traditional"),
        forms.docx_form(),
        *(forms.html_form(shape) for shape in forms.HTML_SHAPES),
    ]
    trad_docx = forms.docx_form(forms.traditional)
    made.append(forms.Form("docx-traditional", ".docx", trad_docx.data))
    trad_html = forms.html_form("portal", forms.traditional)
    made.append(forms.Form("html-portal-traditional", ".html", trad_html.data, trad_html.chrome))
    return {f.name: (f, _write(form_dir, f)) for f in made}


def _require_browser() -> bool:
    return os.environ.get("EDU_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def chromium_pdfs(form_dir) -> dict[str, Path]:
    """The bundled and the second report printed by Chromium (with and without its header and footer)."""
    from tests.browser.edu_browser import BrowserMissing

    from .forms_chromium import print_page

    try:
        return {
            "bundled": print_page(*forms.report_parts(), form_dir / "chromium.pdf", header_footer=True),
            "bundled-plain": print_page(*forms.report_parts(), form_dir / "chromium-plain.pdf", header_footer=False),
            "second": print_page(
                *forms.report_parts(str(SECOND_REPORT)), form_dir / "chromium-second.pdf", header_footer=True
            ),
        }
    except BrowserMissing as exc:
        if _require_browser():
            pytest.fail(f"EDU_REQUIRE_BROWSER=1 but {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def second_forms(form_dir) -> dict[str, Path]:
    """The second report (tests/data) as PDF, Word, two page shapes and traditional text."""
    parts = forms.report_parts(str(SECOND_REPORT))
    made = [
        forms.pdf_form(name="second-pdf", parts=parts),
        forms.Form("second-docx", ".docx", forms.docx_form(parts=parts).data),
        forms.Form("second-ministry", ".html", forms.html_form("ministry", parts=parts).data),
        forms.Form("second-wechat", ".html", forms.html_form("wechat", parts=parts).data),
        forms.Form(
            "second-traditional", ".txt", forms.traditional(SECOND_REPORT.read_text(encoding="utf-8")).encode("utf-8")
        ),
    ]
    return {f.name: _write(form_dir, f) for f in made}
