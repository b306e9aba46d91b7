"""载入：读取 → 规范化 → 结构。Making a :class:`Document`: read (detect the encoding), normalize, structure.

The bundled report lives in the repository's top-level ``source/`` folder, verbatim; the wheel ships it as
the package ``edu_helpers.source``, read with :mod:`importlib.resources`, so an installed package finds it too.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

from edu_helpers.data_files import bundled_toml, read_toml
from edu_helpers.errors import DocumentError
from edu_helpers.text import structure as S
from edu_helpers.text.chrome import strip_chrome
from edu_helpers.text.document import Document
from edu_helpers.text.normalize import normalize
from edu_helpers.text.readers.txt import read_text
from edu_helpers.text.report import EXAMPLES, Change, LoadReport

#: File name of the bundled report (2023 全国教育工作会议) in ``source/``.
BUNDLED_NAME = "2023-national-education-work-conference.txt"


def bundled_path() -> Path:
    """The bundled report: ``source/`` of a checkout, or ``edu_helpers/source/`` of an installed wheel."""
    return Path(str(importlib.resources.files("edu_helpers.source") / BUNDLED_NAME))


def _sidecar(path: Path) -> dict[str, Any]:
    meta_path = path.with_suffix(".toml")
    return read_toml(meta_path) if meta_path.is_file() and meta_path != path else {}


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
    meta = dict(meta or {})
    text, changes = _strip_chrome(text, chrome, path)
    normal = normalize(text)
    structure = S.build(normal, section_titles=meta.get("section_titles") or _known_titles(normal))
    if not any(set(p.text) & _SENTENCE_PUNCT for p in structure.paragraphs):
        raise DocumentError(path, "no paragraph of body text was found (only a headline or whitespace)")
    report = LoadReport(
        str(path) if path is not None else None,
        fmt,
        encoding,
        changes=changes,
        paragraphs=len(structure.paragraphs),
        sections=len(structure.sections),
        items=sum(1 for p in structure.paragraphs if p.item is not None),
        warnings=_warnings(structure),
    )
    return Document(normal, structure, Path(path) if path is not None else None, encoding, meta, report)


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


def _warnings(structure: S.Structure) -> tuple[str, ...]:
    """What may mislead a reader of this structure, said in Chinese."""
    out = []
    if not any(s.cue for s in structure.sections):
        out.append("没有找到“会议指出/强调/要求”等提示语，全文作为一部分。")
    if not structure.title:
        out.append("没有找到标题。")
    return tuple(out)


def load_document(path: str | Path | None = None, *, chrome: str = "strip") -> Document:
    """Load a report: read (detect encoding), normalize (repair the extraction), structure.

    Args:
        path: a text file in any supported layout and encoding; ``None`` loads the bundled
            2023 report from ``source/``. A ``<stem>.toml`` beside the file supplies metadata
            (title, date, place, kind, origin, section_titles).
        chrome: ``"strip"`` drops page chrome copied from a web page (listed in ``doc.load_report``),
            ``"keep"`` keeps every line.

    Raises:
        DocumentError: the file is missing, a directory, empty, binary, undecodable, too large,
            or holds no paragraph; the message names the file and the problem.
    """
    p = Path(path) if path is not None else bundled_path()
    text, encoding = read_text(p)
    meta = _sidecar(p) if p.is_file() else {}
    return document_from_text(text, path=p, encoding=encoding, meta=meta, chrome=chrome)
