"""思考题：每个部分 2–4 道讨论题，来自 ``data/prompts.toml``。Discussion prompts for each section.

A section of a known report (the bundled one) finds its prompts by the report's title and its own
title; a section of any other document falls back to the generic prompts of its kind (导语 lead,
会议提示语 cue, body, 参会人员 attendance), with ``{title}`` and ``{cue}`` filled in.

    >>> import edu_helpers
    >>> doc = edu_helpers.load_document()
    >>> prompts_for(doc, 3)[1][:10]
    '基础教育部分用“普惠'
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

from edu_helpers.data_files import DATA_DIR, read_toml
from edu_helpers.errors import DataFileError
from edu_helpers.text.document import Document

PROMPTS_FILE = DATA_DIR / "prompts.toml"
MIN_PROMPTS, MAX_PROMPTS = 2, 4


class Prompts(NamedTuple):
    """The prompts file: ``reports[report title][section title]`` and ``kinds[section kind]``."""

    reports: dict[str, dict[str, tuple[str, ...]]]
    kinds: dict[str, tuple[str, ...]]


def _check(prompts: object, where: str, path: Path) -> tuple[str, ...]:
    if not isinstance(prompts, list) or not all(isinstance(p, str) and p.strip() for p in prompts):
        raise DataFileError(path, f"{where}: expected a list of non-empty strings")
    if not MIN_PROMPTS <= len(prompts) <= MAX_PROMPTS:
        raise DataFileError(path, f"{where}: {len(prompts)} prompts; give {MIN_PROMPTS} to {MAX_PROMPTS}")
    return tuple(p.strip() for p in prompts)


def _table(data: object, where: str, path: Path) -> dict:
    if not isinstance(data, dict):
        raise DataFileError(path, f"{where} must be a table")
    return data


def parse_prompts(data: dict, path: str | Path) -> Prompts:
    """Check a parsed prompts file (see the file's header for its layout).

    Raises:
        DataFileError: a table is missing or malformed; the message names the file and the table.
    """
    path = Path(path)
    reports = {
        title: {name: _check(v, f'[report."{title}"] "{name}"', path) for name, v in _table(t, title, path).items()}
        for title, t in _table(data.get("report", {}), "[report]", path).items()
    }
    generic = {k: _check(v, f"[kind] {k}", path) for k, v in _table(data.get("kind"), "[kind]", path).items()}
    if "body" not in generic:
        raise DataFileError(path, "[kind] has no body = […]: it is the fallback for every section")
    return Prompts(reports, generic)


@functools.cache
def bundled_prompts() -> Prompts:
    """The prompts of ``data/prompts.toml``, checked, loaded once."""
    return parse_prompts(read_toml(PROMPTS_FILE), PROMPTS_FILE)


def prompts_for(doc: Document, section: int) -> list[str]:
    """The 2–4 discussion prompts of section ``section`` (0-based) of ``doc``.

    Raises:
        IndexError: ``doc`` has no such section.
    """
    sec = doc.section_records[section]
    table = bundled_prompts()
    known = table.reports.get(doc.title, {})
    if sec.title in known:
        return list(known[sec.title])
    generic = table.kinds.get(sec.kind) or table.kinds["body"]
    fields = {"title": sec.title or f"第 {section + 1} 部分", "cue": sec.cue or "会议"}
    return [p.replace("{title}", fields["title"]).replace("{cue}", fields["cue"]) for p in generic]
