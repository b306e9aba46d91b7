"""句子切分。Sentences: where the sentences of a paragraph start and end (``data/structure.toml [sentences]``)."""

from __future__ import annotations

import functools

from edu_helpers.data_files import bundled_toml


@functools.cache
def marks() -> tuple[str, str]:
    """``(final, closing)``: the marks that end a sentence, and the closing quotes and brackets that may follow."""
    rules = bundled_toml("structure.toml")["sentences"]
    return rules["final"], rules["closing"]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences of a paragraph.

    Splits after 。！？ (and ``!?…``); closing quotes and brackets stay with their sentence.
    The semicolon does not split: in this genre it separates parallel clauses of one sentence.

    >>> p = "要“双减”。二是加强！“好。”"
    >>> [p[a:b] for a, b in split_sentences(p)]
    ['要“双减”。', '二是加强！', '“好。”']
    """
    final, closing = marks()
    spans, start, i, n = [], 0, 0, len(text)
    while i < n:
        if text[i] in final:
            j = i + 1
            while j < n and (text[j] in final or text[j] in closing):
                j += 1
            spans.append((start, j))
            start = i = j
            continue
        i += 1
    if start < n and text[start:].strip():
        spans.append((start, n))
    return spans
