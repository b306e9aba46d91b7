"""载入：读取 → 码位 → 繁简 → 规范化 → 结构。Making a :class:`Document`.

Stages: a reader from the registry (:mod:`.readers`: txt, html, docx, pdf) gives a :class:`RawText`;
the code point rules (:mod:`.codepoints`) and the traditional → simplified conversion (:mod:`.script`)
run on it, then the normalizer (the hard-wrap unwrapper only for plain text: the structured formats
already give one paragraph per line) and the structure (the reader's headline, when it knows one).
Everything a stage drops or changes is a :class:`~.report.Change` in ``doc.load_report``.

The bundled report lives in the repository's top-level ``source/`` folder, verbatim; the wheel ships it as
the package ``edu_helpers.source``, read with :mod:`importlib.resources`, so an installed package finds it too.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from collections import Counter
from pathlib import Path
from typing import Any

from edu_helpers.data_files import bundled_toml, read_toml
from edu_helpers.errors import DocumentError
from edu_helpers.text import codepoints, script
from edu_helpers.text import structure as S
from edu_helpers.text.chrome import strip_chrome
from edu_helpers.text.document import Document
from edu_helpers.text.normalize import RULES, unwrap_lines
from edu_helpers.text.readers import RawText, read_source
from edu_helpers.text.report import EXAMPLES, Change, LoadReport

#: Sidecar keys and the types they must have (``date`` may be a TOML date).
_SIDECAR_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "date": (str, dt.date),
    "place": (str,),
    "kind": (str,),
    "origin": (str,),
    "section_titles": (list,),
}

#: File name of the bundled report (2023 全国教育工作会议) in ``source/``.
BUNDLED_NAME = "2023-national-education-work-conference.txt"


def bundled_path() -> Path:
    """The bundled report: ``source/`` of a checkout, or ``edu_helpers/source/`` of an installed wheel."""
    return Path(str(importlib.resources.files("edu_helpers.source") / BUNDLED_NAME))


def _sidecar(path: Path) -> dict[str, Any]:
    """The ``<stem>.toml`` beside a document, its values checked (a wrong type names the file and key)."""
    meta_path = path.with_suffix(".toml")
    if not (meta_path.is_file() and meta_path != path):
        return {}
    meta = read_toml(meta_path)
    for key, types in _SIDECAR_TYPES.items():
        if key in meta and not isinstance(meta[key], types):
            want = " or ".join("a date" if t is dt.date else f"a {t.__name__}" for t in types)
            raise DocumentError(meta_path, f"{key} must be {want}, not {type(meta[key]).__name__} {meta[key]!r}")
    titles = meta.get("section_titles")
    if titles is not None and not all(isinstance(t, str) for t in titles):
        raise DocumentError(meta_path, "section_titles must be a list of strings (one title per section)")
    return meta


_SENTENCE_PUNCT = set("。！？；，：!?;,")


def _known_titles(normal: str) -> list[str] | None:
    """Section titles that ``data/section_titles.toml`` gives for this report's title line."""
    first = normal.split("\n", 1)[0]
    return bundled_toml("section_titles.toml").get(first)


def document_from_text(
    text: str,
    *,
    path: str | Path | None = None,
    encoding: str = "utf-8",
    meta: dict[str, Any] | None = None,
    fmt: str = "txt",
    chrome: str = "strip",
) -> Document:
    """Build a :class:`Document` from already-decoded raw text (any layout).

    ``chrome="strip"`` (default) drops page chrome copied with the text (breadcrumbs, bylines, share lines,
    footers…: :mod:`.chrome`), each rule counted in the load report; ``chrome="keep"`` keeps every line.
    """
    return document_from_raw(RawText(text, encoding, fmt), path=path, meta=meta, chrome=chrome)


def _reader_changes(raw: RawText) -> list[Change]:
    counts = Counter(rule for rule, _ in raw.removed)
    shown: dict[str, list[str]] = {}
    for rule, line in raw.removed:
        if len(shown.setdefault(rule, [])) < EXAMPLES:
            shown[rule].append(line if len(line) <= 40 else line[:39] + "…")
    return [Change("reader", rule, n, tuple(shown[rule])) for rule, n in counts.items()]


def repair(raw: RawText) -> tuple[str, tuple[str, ...], list[Change], str]:
    """Code points, then script, on the text and its headline: ``(text, headline, changes, script)``."""
    text, counts = codepoints.repair(raw.text, examples=EXAMPLES)
    changes = [Change("codepoints", c.name, c.count, c.examples) for c in counts]
    headline = tuple(codepoints.repair(h)[0] for h in raw.headline)
    text, found = script.to_simplified(text)
    label = "简体"
    if found.converted:
        headline = tuple(script.convert(h) for h in headline)
        label = f"繁体→简体（OpenCC {found.config}）"
        changes.append(Change("script", "traditional-to-simplified", found.changed, found.examples[:EXAMPLES]))
    return text, headline, changes, label


def _strip_chrome(text: str, chrome: str, path: str | Path | None) -> tuple[str, tuple[Change, ...]]:
    """The text without page chrome, and one :class:`Change` per rule that dropped lines."""
    if chrome not in ("strip", "keep"):
        raise DocumentError(path, f'chrome must be "strip" or "keep", not {chrome!r}')
    if chrome == "keep":
        return text, ()
    kept, removed = strip_chrome(text.split("\n"))
    by_rule: dict[str, list[str]] = {}
    for r in removed:
        by_rule.setdefault(r.rule, []).append(r.text.strip())
    changes = tuple(Change("chrome", rule, len(lines), tuple(lines[:EXAMPLES])) for rule, lines in by_rule.items())
    return ("\n".join(kept), changes) if removed else (text, ())


#: What a normalisation rule's count counts, for the load report.
_COUNTS = {"drop_page_footers": "lines", "unwrap_lines": "lines"}


def normalize_counted(text: str, rules=RULES) -> tuple[str, list[Change]]:
    """The normalizer, rule by rule, with a :class:`Change` for each rule that changed something: lines dropped
    or joined (page footers, hard wraps) or characters removed (spaces), so the load report says what it did."""
    changes = []
    for rule in rules:
        out = rule(text)
        if out != text:
            unit = _COUNTS.get(rule.__name__, "chars")
            n = text.count("\n") - out.count("\n") if unit == "lines" else len(text) - len(out)
            changes.append(Change("normalize", f"{rule.__name__} ({unit})", abs(n)))
        text = out
    return text, changes


def document_from_raw(
    raw: RawText, *, path: str | Path | None = None, meta: dict[str, Any] | None = None, chrome: str = "strip"
) -> Document:
    """Build a :class:`Document` from a reader's output: repair, page chrome (plain text; the page readers drop
    their own), normalize, structure, report."""
    meta = dict(meta or {})
    text, headline, changes, label = repair(raw)
    if chrome not in ("strip", "keep"):
        raise DocumentError(path, f'chrome must be "strip" or "keep", not {chrome!r}')
    if not raw.structured:
        text, dropped = _strip_chrome(text, chrome, path)
        changes = [*changes, *dropped]
    rules = [rule for rule in RULES if rule is not unwrap_lines] if raw.structured else RULES
    normal, normalized = normalize_counted(text, rules)
    changes = [*changes, *normalized]
    if raw.structured:
        normal = "\n".join(line for line in normal.split("\n") if line.strip())
    structure = S.build(
        normal,
        section_titles=meta.get("section_titles") or _known_titles(normal),
        headline=len(headline) if headline else None,
    )
    if not any(set(p.text) & _SENTENCE_PUNCT for p in structure.paragraphs):
        raise DocumentError(path, "no paragraph of body text was found (only a headline or whitespace)")
    report = LoadReport(
        str(path) if path is not None else None,
        raw.format,
        raw.encoding,
        script=label,
        changes=(*_reader_changes(raw), *changes),
        paragraphs=len(structure.paragraphs),
        sections=len(structure.sections),
        items=sum(1 for p in structure.paragraphs if p.item is not None),
        subitems=len(structure.subitems),
        warnings=_warnings(structure, changes, meta.get("section_titles")),
    )
    return Document(normal, structure, Path(path) if path is not None else None, raw.encoding, meta, report)


def _warnings(structure: S.Structure, changes: list[Change] = (), titles: list | None = None) -> tuple[str, ...]:
    """What may mislead a reader of this structure, said in Chinese (``titles``: the sidecar's section titles)."""
    out = []
    if titles and len(titles) != len(structure.sections):
        out.append(
            f"元数据文件给了 {len(titles)} 个部分标题，但找到 {len(structure.sections)} 个部分：未采用，"
            "部分标题按内容生成（请核对 .toml 中的 section_titles）。"
        )
    left = next((c for c in changes if c.rule == "unmapped-radicals"), None)
    if left:
        out.append(f"有 {left.count} 个部首字符（如 {'、'.join(left.examples)}）无法还原为常用汉字，检索可能找不到。")
    if not any(s.cue for s in structure.sections):
        headed = sum(s.kind == "heading" for s in structure.sections)
        out.append(
            f"没有找到“会议指出/强调/要求”等提示语，按 {headed} 个小标题分部分。"
            if headed
            else "没有找到“会议指出/强调/要求”等提示语，全文作为一部分。"
        )
    if not structure.title:
        out.append("没有找到标题。")
    return tuple(out)


def load_document(path: str | Path | None = None, *, chrome: str = "strip") -> Document:
    """Load a report: read (detect encoding), normalize (repair the extraction), structure.

    Args:
        path: a report as text (any layout and encoding), a saved web page, a .docx or a PDF with a
            text layer (the bytes decide the format, the extension only when they do not); ``None`` loads the bundled
            2023 report from ``source/``. A ``<stem>.toml`` beside the file supplies metadata
            (title, date, place, kind, origin, section_titles).
        chrome: ``"strip"`` drops page chrome copied from a web page with the text (listed in
            ``doc.load_report``), ``"keep"`` keeps every line.

    Raises:
        DocumentError: the file is missing, not a regular file, empty, binary, undecodable, over its
            format's size limit, a scanned or encrypted PDF, a zip that is not a Word file, a page with no
            article, or holds no paragraph; or its sidecar .toml is malformed. The message names the file.
    """
    p = Path(path) if path is not None else bundled_path()
    raw = read_source(p)
    return document_from_raw(raw, path=p, meta=_sidecar(p), chrome=chrome)
