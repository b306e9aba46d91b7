"""Session fixtures: every form of the bundled report, written once to a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

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
