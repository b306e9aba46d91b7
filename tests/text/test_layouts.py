"""The same report in other layouts and encodings gives the same document."""

from __future__ import annotations

import pytest

import edu_helpers
from edu_helpers.text.readers.txt import decode
from tests.text.layouts import pdf_layout, web_layout

LAYOUTS = {
    "pdf-41-footers": lambda d: pdf_layout(d, 41, page_lines=30, footer="— {} —"),
    "pdf-41-dash-footers-no-blanks": lambda d: pdf_layout(d, 41, page_lines=25, footer="- {} -", blank_after=False),
    "pdf-30": lambda d: pdf_layout(d, 30, page_lines=40),
    "pdf-34-no-digit-spaces": lambda d: pdf_layout(d, 34, digit_spaces=False),
    "pdf-50-page-footer-cn": lambda d: pdf_layout(d, 50, page_lines=20, footer="第 {} 页"),
    "pdf-28-no-blanks": lambda d: pdf_layout(d, 28, blank_after=False),
    "web-indented-blank-lines": lambda d: web_layout(d),
    "web-indented-no-blank-lines": lambda d: web_layout(d, blank_lines=False),
    "web-no-indent": lambda d: web_layout(d, indent="", blank_lines=False),
    "web-space-indent-crlf": lambda d: web_layout(d, indent="    ", newline="\r\n"),
}

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: t.encode("utf-8-sig"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "utf-16-bom": lambda t: t.encode("utf-16"),
    "utf-16-le-no-bom": lambda t: t.encode("utf-16-le"),
    "utf-16-be-no-bom": lambda t: t.encode("utf-16-be"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
}


def _outline(doc: edu_helpers.Document) -> dict:
    out = doc.outline()
    out.pop("date")  # metadata comes from the sidecar file, which copies do not have
    return out


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_layout_gives_same_document(report, layout, tmp_path):
    path = tmp_path / f"{layout}.txt"
    path.write_text(LAYOUTS[layout](report), encoding="utf-8", newline="")
    doc = edu_helpers.load_document(path)
    assert doc.text == report.text
    assert _outline(doc) == _outline(report)
    assert doc.id == report.id


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_encoding_gives_same_document(report, encoding, tmp_path):
    raw = report.path.read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_bytes(ENCODINGS[encoding](raw))
    doc = edu_helpers.load_document(path)
    assert doc.text == report.text
    assert [p.id for p in doc.paragraph_records] == [p.id for p in report.paragraph_records]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16-bom", "utf-8-bom"])
def test_encodings_combined_with_web_layout(report, encoding, tmp_path):
    path = tmp_path / "web.txt"
    path.write_bytes(ENCODINGS[encoding](web_layout(report, newline="\r\n")))
    assert edu_helpers.load_document(path).text == report.text


def test_decode_reports_encoding(report):
    raw = report.path.read_text(encoding="utf-8")
    assert decode(raw.encode("gb18030"))[1] == "gb18030"
    assert decode(raw.encode("utf-16"))[1].startswith("utf-16")
    assert decode(raw.encode("utf-8-sig"))[1] == "utf-8 (BOM)"


@pytest.mark.parametrize("blank_after", [True, False])
def test_every_wrap_width_from_16_to_89(report, blank_after):
    from edu_helpers.text.normalize import normalize

    wrong = [
        w
        for w in range(16, 90)
        if normalize(pdf_layout(report, w, page_lines=23, footer="— {} —", blank_after=blank_after)) != report.text
    ]
    assert wrong == []


def test_second_report_at_its_own_width_and_as_web_copy(tmp_path):
    pdf = edu_helpers.load_document("tests/data/second-report.txt")
    path = tmp_path / "web.txt"
    path.write_text(web_layout(pdf), encoding="gb18030")
    assert edu_helpers.load_document(path).text == pdf.text
