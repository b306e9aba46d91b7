"""Every problem a reader gives for the bad files a user brings has Chinese in data/problem_labels.toml: the
notebook shows it above the error (the reader's own words follow it). Inputs made here, read for real."""

from __future__ import annotations

import io
import zipfile

import pytest

from edu_helpers.errors import DocumentError
from edu_helpers.text.load import load_document
from edu_helpers.ui import html
from tests.text import forms  # noqa: F401  (before forms_pdf, which it imports)
from tests.text.forms_pdf import pdf_bytes


def _list_page() -> str:
    summary = "<p>会议总结了上一阶段的工作，部署了下一阶段的重点任务，要求抓好落实。</p>"
    items = "".join(f"<li><a href='/n/{i}.html'>某区教育局召开第{i}次工作会议</a>{summary}</li>" for i in range(7))
    return f"<html><body><ul>{items}</ul></body></html>"


def _not_word() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "不是 Word")
    return buf.getvalue()


BAD = {
    "missing.txt": None,
    "folder": "dir",
    "empty.txt": b"",
    "blank.txt": " \n\u3000\n",
    "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "headline-only.txt": "某市教育工作会议召开\n",
    "list.html": _list_page(),
    "nav-only.html": "<html><body><div class='nav'><a href='/'>首页</a><a href='/x'>新闻</a></div></body></html>",
    "damaged.docx": b"PK\x03\x04" + b"\x00" * 40,
    "archive.docx": _not_word(),
    "scan.pdf": pdf_bytes(image_only=True)[0],
    "bom.txt": b"\xef\xbb\xbf" + "会议".encode("gb18030") + b"\xff\xfe\xfd",
    "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
    "saved.rtf": b"{\\rtf1\\ansi report}",
    "photo.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 64,
    "reports.rar": b"Rar!\x1a\x07\x00" + b"\x00" * 64,
}
#: What the Chinese must say for these (the advice, not only what went wrong).
ADVICE = {"old.doc": ".docx", "saved.rtf": ".docx", "photo.jpg": "图片", "reports.rar": "解压", "list.html": "另存"}


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_problem_a_user_meets_is_said_in_chinese(tmp_path, name):
    path = tmp_path / name
    content = BAD[name]
    if content == "dir":
        path.mkdir()
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        load_document(path)
    zh = html.problem_label(err.value.problem)
    assert zh and not zh.isascii(), err.value.problem
    assert ADVICE.get(name, "") in zh, zh
    box = html.document_error(err.value)
    assert zh in box and html.esc(err.value.problem) in box


def test_a_label_fills_in_the_number_and_an_unknown_problem_is_shown_as_it_is():
    assert html.problem_label("the page is a list of 12 article links (a column)").startswith(
        "这个网页是文章列表（12 条"
    )
    assert html.problem_label("a problem nobody wrote down") is None
    box = html.document_error(DocumentError("a.txt", "a problem nobody wrote down"))
    assert "a problem nobody wrote down。" in box and "（a problem" not in box
