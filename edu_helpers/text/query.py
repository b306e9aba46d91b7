"""检索词的写法：按载入文本的方式规范查询词。A query term in the forms a loaded document's text may hold it.

Loading repairs code points (full-width digits and letters, invisible characters, odd spaces), converts
traditional characters to simplified and drops the spaces the normaliser drops (between Han characters, and
between Han characters and digits or Latin letters). A term typed the way the source was written (雙減,
２０２３, a copied word with a zero-width space, 2023 年) would then find nothing in the text; matching every
form of :func:`term_forms` finds what the reader sees. The term as typed stays the first form, so nothing
that matched before is lost.
"""

from __future__ import annotations

from edu_helpers.text import codepoints, script
from edu_helpers.text.normalize import join_cjk_spaces, tighten_cjk_ascii


def term_forms(term: str) -> list[str]:
    """``term`` as typed, then as loading would have written it; without duplicates or empty forms.

    >>> term_forms("雙減"), term_forms("２０２３"), term_forms("教育"), term_forms("2023 年")
    (['雙減', '双减'], ['２０２３', '2023'], ['教育'], ['2023 年', '2023年'])
    >>> term_forms("教育\\u200b强国")
    ['教育\\u200b强国', '教育强国']
    """
    repaired = codepoints.repair(term, examples=0)[0]
    simplified = script.convert(repaired)
    spaced = tighten_cjk_ascii(join_cjk_spaces(simplified))
    return [f for f in dict.fromkeys(f.strip() for f in (term, repaired, simplified, spaced)) if f]
