"""纯文本读取：字节 → 文本。Plain-text reader: bytes to text.

Detects the encodings that reports of this genre arrive in (UTF-8 with or without BOM,
UTF-16 with or without BOM, GB18030/GBK, and Big5 for files from Taiwan or Hong Kong), strips the BOM and
unifies newlines.
Everything that makes a file unusable becomes one :class:`DocumentError` naming the file.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from edu_helpers.errors import DocumentError
from edu_helpers.text.readers import RawText

#: Largest document we read, in bytes. Reports of this genre are 5–100 KB; 8 MB leaves room
#: for a year's collection in one file while keeping a mistaken multi-GB file from being read.
MAX_BYTES = 8 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than tab/newline/CR/form feed mean the bytes are not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# 常用汉字与中文标点：CJK基本 [4E00-9FFF]、扩展A [3400-4DBF]、CJK标点 [3000-303F]、全角 [FF00-FFEF]、
# 通用标点 [2000-206F]（引号、破折号、省略号）。
_CHINESE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2000-\u206f]")


#: Chinese text's encodings before Unicode: GB18030 (a superset of GBK and GB2312) and Big5 (as big5hkscs,
#: a superset of Big5 with Hong Kong's characters).
LEGACY = ("gb18030", "big5hkscs")


def legacy_chinese(data: bytes) -> tuple[str, str] | None:
    """``(text, codec)`` of bytes that are not UTF: the legacy encoding in which they read as Chinese.

    Most Big5 byte pairs are also valid GBK ones (and GB2312 text often decodes as Big5), so when both
    decode to Chinese-looking text, charset-normalizer's coherence measure of the two decodings decides.
    """
    decoded = {}
    for codec in LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if looks_chinese(text):
            decoded[codec] = text
    if len(decoded) > 1:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY)).best()
        codec = "big5hkscs" if best is not None and "big5" in best.encoding else "gb18030"
        return decoded[codec], codec
    return next(((text, codec) for codec, text in decoded.items()), None)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the mark's length, else ``None``."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def _gb2312_share(text: str) -> float:
    """Share of the Han characters that are in GB2312 (the 6,763 common ones); 1.0 when there are none."""
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 1.0
    common = 0
    for c in han:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(han)


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess BOM-less UTF-16: the byte order whose decoding is Chinese text without control characters.

    Only tried when the bytes hold NULs (ASCII in UTF-16 always does; UTF-8 and GB18030 text never).
    """
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        # Binary bytes with a few NULs can decode as rare ideographs (b"abc\\0def\\0" → 扡c敤f): real
        # text is at least a few characters, mostly common ones (GB2312).
        if (
            len(text) >= 4
            and not _CONTROL.search(text)
            and looks_chinese(text)
            and any(ord(c) > 127 for c in text)
            and _gb2312_share(text) >= 0.9
        ):
            return text
    return None


def looks_chinese(text: str) -> bool:
    """Most non-ASCII characters of a correctly decoded report are Chinese or CJK punctuation."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    hits = sum(1 for c in non_ascii if _CHINESE.match(c))
    return hits >= 0.9 * len(non_ascii)


def decode(data: bytes, *, path: str | Path | None = None) -> tuple[str, str]:
    """Decode a document's bytes; return ``(text, encoding)``.

    Order: BOM, then BOM-less UTF-16, then strict UTF-8, then GB18030 (a superset of GBK and
    GB2312) or Big5, whichever reads as Chinese (:func:`legacy_chinese`). Newlines come out as ``\\n``.

    >>> decode("会议\\r\\n指出".encode("gb18030"))
    ('会议\\n指出', 'gb18030')
    """
    if not data:
        raise DocumentError(path, "the file is empty")
    text: str | None = None
    encoding = ""
    found = bom_encoding(data)
    if found:
        enc, n = found
        try:
            text, encoding = data[n:].decode(enc), enc + " (BOM)"
        except UnicodeDecodeError:
            raise DocumentError(path, f"starts with a {enc} byte-order mark but is not valid {enc}") from None
    if text is None:
        u16 = _utf16_without_bom(data)
        if u16 is not None:
            text, encoding = u16, "utf-16"
    if text is None:
        if b"\x00" in data:
            raise DocumentError(
                path, "holds NUL bytes: this is a binary file (an image, a PDF, a Word file?), not text"
            )
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            found = legacy_chinese(data)
            if found is None:
                raise DocumentError(
                    path, "cannot decode the bytes as UTF-8, UTF-16, GB18030/GBK or Big5 text"
                ) from None
            text, encoding = found
    if _CONTROL.search(text):
        raise DocumentError(path, "holds control characters: this is a binary file, not text")
    text = unify_newlines(text.lstrip("\ufeff"))
    if not text.strip():
        raise DocumentError(path, "the file holds only whitespace")
    return text, encoding


def unify_newlines(text: str) -> str:
    """CRLF and lone CR (old Mac, some Windows tools) become LF; form feeds (PDF page breaks) too.

    >>> unify_newlines("一\\r\\n二\\r三\\f四")
    '一\\n二\\n三\\n四'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\u2028", "\n")


def read(path: Path, data: bytes) -> RawText:
    """The txt reader of the registry: decode the bytes (see :func:`decode`)."""
    text, encoding = decode(data, path=path)
    return RawText(text, encoding, "txt")


def read_text(path: str | Path) -> tuple[str, str]:
    """Read and decode a text file (bounded, regular files only): ``(text, encoding)``."""
    from edu_helpers.text.readers import read_bounded

    data, _ = read_bounded(Path(path))
    return decode(data, path=path)
