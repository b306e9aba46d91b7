"""载入报告：读入时做了什么。The load report: what loading did to a file, so that nothing is silent.

Every stage that changes or drops something (a reader dropping page chrome, a code point rule, the
traditional → simplified conversion, a normalisation rule) adds a :class:`Change`; the report also says
what was found (paragraphs, sections) and warns, in Chinese, where the result may mislead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd

from edu_helpers.data_files import bundled_toml

#: examples kept per change (the first few)
EXAMPLES = 3
#: The data file of the changes' Chinese names (rule id → label).
LABELS_FILE = "change_labels.toml"


def rule_label(rule: str) -> str:
    """A rule's Chinese name from :data:`LABELS_FILE`, or the rule id when it has none.

    Normalisation rules carry their unit (``unwrap_lines (lines)``); the label is looked up without it.

    >>> rule_label("unwrap_lines (lines)"), rule_label("emoji"), rule_label("no-such-rule")
    ('合并硬换行', '表情符号', 'no-such-rule')
    """
    labels = bundled_toml(LABELS_FILE).get("labels", {})
    return labels.get(rule) or labels.get(rule.split(" (", 1)[0]) or rule


@dataclass(frozen=True)
class Change:
    """One rule that changed something: its stage, name, how often, and the first few examples."""

    stage: str
    rule: str
    count: int
    examples: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The rule's name for people (:func:`rule_label`)."""
        return rule_label(self.rule)


@dataclass(frozen=True)
class LoadReport:
    """What loading did (see the module docstring).

    Attributes:
        path: the file (``None`` for text given directly).
        format: ``txt``, ``html``, ``docx`` or ``pdf`` (the reader the bytes picked).
        encoding: the encoding detected (or the container format).
        script: ``简体`` or what the conversion was (e.g. ``繁体→简体（OpenCC tw2s）``); the conversion
            is also a change of stage ``script`` with its count and examples.
        changes: every rule that changed something, in pipeline order.
        paragraphs, sections, items: what the structure found; subitems: the items inside paragraphs
            (一是…二是… in one paragraph, the ；-separated achievements of a review).
        warnings: sentences in Chinese for the reader, e.g. when no meeting cue was found.
    """

    path: str | None
    format: str
    encoding: str
    script: str = "简体"
    changes: tuple[Change, ...] = ()
    paragraphs: int = 0
    sections: int = 0
    items: int = 0
    subitems: int = 0
    warnings: tuple[str, ...] = field(default=())

    def frame(self) -> pd.DataFrame:
        """The changes as a table. Columns: ``stage``, ``rule`` (the id), ``label`` (its Chinese name),
        ``count``, ``examples`` (joined by ``；``)."""
        rows = [(c.stage, c.rule, c.label, c.count, "；".join(c.examples)) for c in self.changes]
        return pd.DataFrame(rows, columns=["stage", "rule", "label", "count", "examples"])

    def summary(self) -> str:
        """One line for people (under a notebook's title, ``outline --report``): the file's name (not its
        folders), what was found, and each change by its Chinese name (:func:`rule_label`).

        >>> LoadReport("/home/t/a.txt", "txt", "utf-8", paragraphs=17, sections=6, items=11).summary()
        'a.txt：txt，utf-8，简体；17 段，6 个部分，11 个条目。'
        >>> LoadReport("b.txt", "txt", "utf-8", paragraphs=3, sections=2, subitems=3,
        ...            changes=(Change("normalize", "unwrap_lines (lines)", 5),)).summary()
        'b.txt：txt，utf-8，简体；3 段，2 个部分，0 个条目（段内另有 3 个条目）；改动：合并硬换行 5 处。'
        """
        return self._line(_file_name(self.path) if self.path else "（文本）")

    def _line(self, where: str) -> str:
        found = f"{self.paragraphs} 段，{self.sections} 个部分，{self.items} 个条目"
        if self.subitems:
            found += f"（段内另有 {self.subitems} 个条目）"
        changed = "；".join(f"{c.label} {c.count} 处" for c in self.changes)
        parts = [f"{where}：{self.format}，{self.encoding}，{self.script}", found]
        if changed:
            parts.append(f"改动：{changed}")
        text = "；".join(parts) + "。"
        return text + "".join(f" ⚠ {w}" for w in self.warnings)

    def as_dict(self) -> dict:
        """The report as plain JSON-ready data (``outline --report --json``)."""
        return {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "script": self.script,
            "changes": [
                {"stage": c.stage, "rule": c.rule, "label": c.label, "count": c.count, "examples": list(c.examples)}
                for c in self.changes
            ],
            "paragraphs": self.paragraphs,
            "sections": self.sections,
            "items": self.items,
            "subitems": self.subitems,
            "warnings": list(self.warnings),
        }

    def lines(self) -> list[str]:
        """The report in full, one line each: the summary (with the full path), then every change as
        ``  [stage] rule: count（examples…） · 中文名``."""
        out = [self._line(self.path) if self.path else self.summary()]
        for c in self.changes:
            shown = "；".join(c.examples)
            more = "…" if c.count > len(c.examples) else ""
            label = "" if c.label == c.rule else f" · {c.label}"
            out.append(f"  [{c.stage}] {c.rule}: {c.count}" + (f"（{shown}{more}）" if shown else "") + label)
        return out


def _file_name(path: str) -> str:
    """The last part of a path, with either kind of slash (a Windows path read on Linux too)."""
    return PurePath(path.replace("\\", "/")).name or path
