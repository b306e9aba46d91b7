"""政策术语词典（TOML，按类别）。The policy-term dictionary, ``data/policy_terms.toml``.

文件按类别列出本类文体（2018—2025 年教育、卫生健康、科技工作会议与政府工作报告）的固定提法，
每个词恰好属于一个类别（理论、论断、方针、战略、目标、制度、改革、工程、活动、规划、会议、机构、
人名、地区、提法）。本模块读取并逐条检查它，出错时抛出 :class:`~edu_helpers.errors.DataFileError`，
指出文件和行号。

The file replaces ``data/policy_terms.txt`` (every term of which it keeps). :meth:`PolicyLexicon.jieba_entries`
gives ``(word, freq, tag)`` triples in the shape :func:`edu_helpers.lexicon.read_dictionary` returns,
**shortest first**: jieba's suggested frequency of a word depends on the words already in the dictionary,
so a long term (全面从严治党) is sized after the shorter terms it contains (从严治党) and still wins.
Deletions (frequency 0) come last. :meth:`PolicyLexicon.to_jieba_text` writes the same as a user dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from edu_helpers.data_files import DATA_DIR
from edu_helpers.errors import DataFileError

#: 默认文件。
POLICY_TERMS_TOML = DATA_DIR / "policy_terms.toml"
SCHEMA = 1
DEFAULT_TAG = "nz"
# jieba 的 re_han_default：一个词只能由这些字符组成（标点、空格、〇 会把词切开）
_JIEBA_WORD = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_TAG = re.compile(r"[a-z]+")
_QUOTED = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_KEY_LINE = re.compile(r'^\s*"?([^"=\s]+)"?\s*=')


@dataclass(frozen=True)
class PolicyTerm:
    """一个术语：词、类别、jieba 词性、指定词频（``None``：jieba 建议词频）、所在行。"""

    word: str
    category: str
    tag: str = DEFAULT_TAG
    freq: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class PolicyLexicon:
    """读入并检查过的术语词典。

    Attributes:
        terms: the terms in file order.
        categories: category name → description.
        deletions: words to delete from jieba's own dictionary (frequency 0).
        path: the file it was read from.
    """

    terms: tuple[PolicyTerm, ...]
    categories: dict[str, str]
    deletions: tuple[str, ...]
    path: Path

    def __iter__(self) -> Iterator[PolicyTerm]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    @property
    def words(self) -> frozenset[str]:
        return frozenset(t.word for t in self.terms)

    def category(self, word: str) -> str | None:
        """术语的类别，不是术语则为 ``None``。"""
        for t in self.terms:
            if t.word == word:
                return t.category
        return None

    def by_category(self) -> dict[str, list[str]]:
        """类别 → 该类术语（文件顺序）。"""
        out: dict[str, list[str]] = {c: [] for c in self.categories}
        for t in self.terms:
            out[t.category].append(t.word)
        return out

    def jieba_entries(self) -> list[tuple[str, int | None, str | None]]:
        """``(word, freq, tag)`` for jieba, shortest term first (stable), then the deletions ``(word, 0, None)``."""
        ordered = sorted(self.terms, key=lambda t: len(t.word))
        return [(t.word, t.freq, t.tag) for t in ordered] + [(w, 0, None) for w in self.deletions]

    def to_jieba_text(self) -> str:
        """The entries as a jieba user dictionary (``word [freq] [tag]`` per line)."""
        lines = ["# generated from policy_terms.toml; edit that file instead"]
        for word, freq, tag in self.jieba_entries():
            lines.append(" ".join(str(x) for x in (word, freq, tag) if x is not None))
        return "\n".join(lines) + "\n"


def load_policy_terms(path: str | Path | None = None) -> PolicyLexicon:
    """读取术语词典 ``policy_terms.toml``（默认：包内的那份）。

    Raises:
        DataFileError: naming the file and, where it can be found, the line: not UTF-8, invalid TOML,
            a wrong ``schema``, a category not declared in ``[categories]``, a term that is not a string
            or holds characters jieba cannot keep in one word, a term listed twice (also across
            categories), a ``[frequency]`` entry that is not a term or not a whole number ≥ 1, a
            ``[delete]`` word that is also a term.
    """
    from edu_helpers.data_files import read_toml

    path = Path(path) if path is not None else POLICY_TERMS_TOML
    data = read_toml(path)  # DataFileError with the line for syntax errors
    raw = path.read_text(encoding="utf-8-sig").splitlines()
    where = _Locator(raw)

    if data.get("schema") != SCHEMA:
        found = data.get("schema")
        raise DataFileError(path, f"'schema = {SCHEMA}' expected, found {found!r}", where.key("schema", ""))
    categories = _table(data, "categories", path, where)
    descriptions: dict[str, str] = {}
    tags: dict[str, str] = {}
    for name, spec in categories.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("description", ""), str):
            raise DataFileError(
                path, f'category {name!r}: expected {{ description = "…" }}', where.key(name, "categories")
            )
        tag = spec.get("tag", DEFAULT_TAG)
        if not isinstance(tag, str) or not _TAG.fullmatch(tag):
            raise DataFileError(
                path, f"category {name!r}: tag {tag!r} is not lower-case letters", where.key(name, "categories")
            )
        descriptions[name], tags[name] = spec.get("description", ""), tag

    freqs = _table(data, "frequency", path, where, required=False)
    seen: dict[str, tuple[str, int | None]] = {}
    terms: list[PolicyTerm] = []
    for category, words in _table(data, "terms", path, where).items():
        if category not in descriptions:
            known = "、".join(descriptions)
            raise DataFileError(
                path, f"category {category!r} is not declared in [categories] ({known})", where.key(category, "terms")
            )
        if not isinstance(words, list):
            raise DataFileError(path, f"terms of {category!r} must be a list of strings", where.key(category, "terms"))
        for word in words:
            line = where.string(word) if isinstance(word, str) else where.key(category, "terms")
            if not isinstance(word, str):
                raise DataFileError(path, f"{word!r} in {category!r} is not a string", line)
            if not _JIEBA_WORD.fullmatch(word):
                bad = "".join(sorted(set(_JIEBA_WORD.sub("", word)))) or "an empty term"
                raise DataFileError(path, f"{word!r}: jieba cannot keep {bad!r} inside one word", line)
            if word in seen:
                other, other_line = seen[word]
                at = f" (line {other_line})" if other_line else ""
                raise DataFileError(path, f"{word!r} is listed twice: already in {other!r}{at}", line)
            seen[word] = (category, line)
            freq = freqs.get(word)
            terms.append(PolicyTerm(word, category, tags[category], freq, line))
    for word, freq in freqs.items():
        if word not in seen:
            raise DataFileError(path, f"[frequency] names {word!r}, which is not a term", where.key(word, "frequency"))
        if isinstance(freq, bool) or not isinstance(freq, int) or freq < 1:
            raise DataFileError(
                path, f"[frequency] {word!r}: expected a whole number ≥ 1, not {freq!r}", where.key(word, "frequency")
            )

    delete = _table(data, "delete", path, where, required=False).get("words", [])
    if not isinstance(delete, list) or not all(isinstance(w, str) and _JIEBA_WORD.fullmatch(w) for w in delete):
        raise DataFileError(path, "[delete] words must be a list of words", where.key("words", "delete"))
    for word in delete:
        if word in seen:
            raise DataFileError(path, f"{word!r} is both a term and a [delete] word", where.string(word, "delete"))
    return PolicyLexicon(tuple(terms), descriptions, tuple(delete), path)


def _table(data: dict, name: str, path: Path, where: _Locator, *, required: bool = True) -> dict:
    value = data.get(name)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        problem = f"a [{name}] table is required" if value is None else f"[{name}] must be a table"
        raise DataFileError(path, problem, where.header(name))
    return value


class _Locator:
    """Line numbers for error messages (tomllib reports none for values that parse fine), per table."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.tables: list[str] = []  # the table each line is in ("" before the first header)
        self.strings: dict[tuple[str, str], list[int]] = {}
        table = ""
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            if stripped.startswith("[") and stripped.endswith("]") and not stripped.startswith("[["):
                table = stripped.strip("[]").strip()
            self.tables.append(table)
            code = line.split("#", 1)[0] if '"' not in line.split("#", 1)[0] else line
            for m in _QUOTED.finditer(code):
                self.strings.setdefault((table, m.group(1)), []).append(number)
        self.used: dict[tuple[str, str], int] = {}

    def string(self, word: str, table: str = "terms") -> int | None:
        """The line of the next not yet reported occurrence of ``"word"`` in ``[table]``."""
        found = self.strings.get((table, word), [])
        k = self.used.get((table, word), 0)
        self.used[(table, word)] = k + 1
        return found[min(k, len(found) - 1)] if found else None

    def key(self, key: str, table: str | None = None) -> int | None:
        for number, line in enumerate(self.lines, 1):
            m = _KEY_LINE.match(line)
            if m and m.group(1) == key and (table is None or self.tables[number - 1] == table):
                return number
        return None

    def header(self, name: str) -> int | None:
        for number, line in enumerate(self.lines, 1):
            if line.strip() == f"[{name}]":
                return number
        return None
