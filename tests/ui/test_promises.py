"""每本笔记本答应讲的词语都有解释。Every term a notebook promises to explain has a glossary entry.

The promise is read from the notebooks themselves (``notebooks/*.ipynb``, as generated): the words in
quotation marks (“…”) of the title and of the **你将学到** / **你将了解** line. Each must have an entry in
the bundled glossary, occur in the notebook's section(s) (so that the term table shows it) and be explained
in the 精读 view of the sentence where it occurs (no "本句没有术语表中的词"). A word of the tools that the
report never uses (07's “孤立批注”) is defined where it is promised instead: "无法定位的“孤立批注”".
"""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from edu_helpers.analysis.glossary import bundled_glossary
from edu_helpers.teaching.reading import sentence_html
from edu_helpers.ui import study
from tests.paths import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
QUOTED = re.compile(r"“([^”]+)”")
PROMISE = re.compile(r"^#\s.*$|\*\*你将(?:学到|了解)[:：]\*\*.*$", re.M)
#: Quoted words that name a rhetorical device of the report, not a term (how a section starts or counts).
NOT_TERMS = re.compile(r"^(会议(指出|强调|要求)|[一二三四五六七八九十]是.*|[一二三四]要.*)$")


def promise_lines(path) -> str:
    """The title and the "you will learn" line of the notebook's first markdown cell."""
    nb = nbformat.read(path, as_version=4)
    first = next(c.source for c in nb.cells if c.cell_type == "markdown")
    return "\n".join(m.group(0) for m in PROMISE.finditer(first))


def promised(path) -> list[str]:
    """The quoted words of the notebook's title and its "you will learn" line."""
    return [t for t in dict.fromkeys(QUOTED.findall(promise_lines(path))) if not NOT_TERMS.match(t)]


def section_of(path) -> list[int] | None:
    """The notebook's SECTION parameter (None when it has none: a tool notebook about the whole report)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            m = re.search(r"^SECTION = (.+?)(?:\s+#|$)", cell.source, re.M)
            if m:
                value = ast.literal_eval(m.group(1))
                return [value] if isinstance(value, int) else list(value)
    return None


def test_the_notebooks_do_promise_terms():
    by_name = {p.stem[:2]: promised(p) for p in NOTEBOOKS}
    assert {"执行力", "精气神", "硬作风", "主动仗"} <= set(by_name["05"])
    assert sum(map(len, by_name.values())) >= 15


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_promised_term_is_explained_where_it_occurs(path, report):
    glossary = {e.term: e.explanation for e in bundled_glossary()}
    tool_words = [t for t in promised(path) if t not in report.text]
    for word in tool_words:  # defined in place: a clause of four or more characters ending in 的 before it
        assert re.search(rf"[^，。；、\s]{{4,}}的“{re.escape(word)}”", promise_lines(path)), (path.name, word)
    terms = [t for t in promised(path) if t not in tool_words]
    missing = [t for t in terms if t not in glossary]
    assert not missing, f"{path.name} promises {missing} but edu_helpers/data/glossary.toml explains none of them"
    sections = section_of(path)
    scope = [p for p in report.paragraph_records if sections is None or p.section in sections]
    if sections is not None:
        shown = set(study.section_terms(report, sections).data["词语"])
        assert set(terms) <= shown, f"{path.name}: not in the term table: {set(terms) - shown}"
    for term in terms:
        sentence = next((s for p in scope for s in p.sentences if term in s.text), None)
        assert sentence is not None, f"{path.name} promises {term!r}, which its part of the report never says"
        html = sentence_html(report, sentence.id)
        assert f'data-term="{term}"' in html and glossary[term] in html, (term, sentence.id)
