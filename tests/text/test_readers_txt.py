"""Read stage: encodings and every kind of bad input gives one DocumentError naming the file."""

from __future__ import annotations

import pytest

import edu_helpers
from edu_helpers.errors import DocumentError
from edu_helpers.text.readers import txt as read

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t\n", "only whitespace"),
        ("image.png", PNG, "binary"),
        ("nul.txt", "会议指出".encode() + b"\x00\x00\x01", "binary"),
        # NULs at odd offsets decode as rare ideographs in UTF-16 (扡c敤f): still binary, not "no paragraph"
        ("nul-ascii.txt", b"abc\x00def\x00", "binary"),
        ("nul-ascii-le.bin", b"ab\x00\x00cd\x00\x01", "binary"),
        ("bad.txt", b"\x80\x80abc\xff\xfe\xfa", "decode"),
        ("latin1.txt", "caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve".encode("latin-1"), "decode"),
        ("control.txt", b"abc\x01\x02def", "control characters"),
        ("headline-only.txt", "2023年全国教育工作会议\n\n加快建设高质量教育体系\n".encode(), "no paragraph"),
    ],
)
def test_bad_file_gives_one_clear_error(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        edu_helpers.load_document(path)
    assert str(path) in str(info.value)
    assert problem in str(info.value)
    assert isinstance(info.value, ValueError)


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="no such file") as info:
        edu_helpers.load_document(tmp_path / "nope.txt")
    assert "nope.txt" in str(info.value)


def test_directory(tmp_path):
    with pytest.raises(DocumentError, match="directory"):
        edu_helpers.load_document(tmp_path)


def test_file_over_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("会议指出，" * 20, encoding="utf-8")
    with pytest.raises(DocumentError, match="limit is 100 bytes for txt documents"):
        edu_helpers.load_document(path)


def test_a_file_that_grows_while_read_is_still_bounded(tmp_path, monkeypatch):
    """The size from stat() is not trusted: at most the limit plus one byte is read."""
    import os

    path = tmp_path / "growing.txt"
    path.write_text("会议指出，" * 5, encoding="utf-8")
    real_stat = os.stat
    monkeypatch.setattr(read, "MAX_BYTES", 40)
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: os.stat_result((*real_stat(p)[:6], 10, *real_stat(p)[7:])))
    with pytest.raises(DocumentError, match="more than 40 bytes"):
        edu_helpers.load_document(path)


def test_size_limit_is_documented_and_generous():
    assert read.MAX_BYTES >= 1_000_000


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("会议\r\n指出\r\n".encode(), "会议\n指出\n"),
        ("会议\r指出".encode(), "会议\n指出"),
        ("\ufeff会议".encode(), "会议"),
        ("会议".encode("utf-16"), "会议"),
        ("会议指出 2023".encode("utf-16-le"), "会议指出 2023"),
        ("會議指出".encode("gb18030"), "會議指出"),
        ("教育强国".encode("gbk"), "教育强国"),
        ("會議指出，要辦好人民滿意的教育。".encode("big5"), "會議指出，要辦好人民滿意的教育。"),
        ("全港學校推行課後支援計劃，惠及基層學生。".encode("big5hkscs"), "全港學校推行課後支援計劃，惠及基層學生。"),
        # GB2312 bytes that Big5 also decodes (to other characters): GB18030 reads as Chinese text
        (
            "会议要求，各地要抓好落实，办好人民满意的教育。".encode("gb2312"),
            "会议要求，各地要抓好落实，办好人民满意的教育。",
        ),
    ],
)
def test_decode(data, text):
    assert read.decode(data)[0] == text


def test_bom_that_lies(tmp_path):
    with pytest.raises(DocumentError, match="byte-order mark"):
        read.decode(b"\xef\xbb\xbf\xff\xfe\x80", path=tmp_path / "x.txt")


def test_a_big5_report_loads_as_simplified_with_its_encoding_named(tmp_path):
    path = tmp_path / "縣教育工作會議.txt"
    text = (
        "全縣教育工作會議召開\n\n　　3月5日，全縣教育工作會議召開。會議總結去年工作，部署今年任務。\n"
        "　　會議強調，要著力抓好三件事：一是推進學校布局調整；二是加強鄉村教師隊伍建設；三是提升課後服務質量。\n"
    )
    path.write_bytes(text.encode("big5"))
    doc = edu_helpers.load_document(path)
    assert doc.title == "全县教育工作会议召开"
    assert doc.paragraphs["text"].iloc[1].startswith("会议强调，要着力抓好三件事")
    assert doc.load_report.encoding == "big5hkscs" and doc.load_report.script.startswith("繁体→简体")
    assert "big5" in doc.load_report.summary()


def test_bytes_that_are_no_chinese_encoding_are_refused(tmp_path):
    with pytest.raises(DocumentError, match="GB18030/GBK or Big5"):
        read.decode(bytes(range(0x80, 0x100)) * 4, path=tmp_path / "x.txt")


def test_a_wechat_article_pasted_whole(tmp_path):
    # the follow prompt, account name and date above an exclamation headline; numbered sub-headings with their
    # numbers on lines of their own; editor lines with bars and a recommended-reading list below
    text = "\n".join([
        "点击上方蓝字 关注我们", "城区教育", "2025年03月02日 18:30 浙江", "",
        "定了！今年全区新增学位两千个", "",
        "3月1日，全区教育工作会议召开。会议总结去年工作，部署今年任务。", "",
        "01", "扩大优质学位供给", "", "会议明确，今年新建改扩建学校6所，新增学位两千个。", "",
        "02", "办好课后服务", "", "会议要求，各校要丰富课后服务内容，让家长更放心。", "",
        "编辑 | 小周", "审核丨老陈", "▼往期推荐▼", "寒假安全提示请查收！", "分享 收藏 点赞 在看",
    ])  # fmt: skip
    path = tmp_path / "wechat.txt"
    path.write_text(text, encoding="utf-8")
    doc = edu_helpers.load_document(path)
    assert doc.title == "定了！今年全区新增学位两千个"
    assert doc.paragraphs["text"].tolist() == [
        "3月1日，全区教育工作会议召开。会议总结去年工作，部署今年任务。",
        "01 扩大优质学位供给",  # the number keeps its space
        "会议明确，今年新建改扩建学校6所，新增学位两千个。",
        "02 办好课后服务",
        "会议要求，各校要丰富课后服务内容，让家长更放心。",
    ]
    removed = {c.rule for c in doc.load_report.changes if c.stage == "chrome"}
    assert {"follow", "editor", "list-label"} <= removed
