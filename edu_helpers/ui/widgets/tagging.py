"""标签建议与键盘批注。Tag suggestions and the keys of keyboard annotation, for the annotator.

:func:`suggest_tags` offers the reader's own tags (most used first) and then the topic names, filtered by
what is being typed; :func:`key_action` turns a key the text view reports into what the annotator does.
Both are pure, so they are tested without a widget.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

#: Suggestions shown at once.
MAX_SUGGESTIONS = 8


def suggest_tags(
    own: Iterable[Sequence[str]], topics: Iterable[str], typed: Sequence[str], *, n: int = MAX_SUGGESTIONS
) -> list[str]:
    """Tags to offer: the reader's own (``own``: the tags of each annotation; most used first), then topics.

    Args:
        own: the tag lists of the reader's annotations.
        topics: topic names (in taxonomy order).
        typed: the tags already in the box; the last one, if unfinished, filters (by substring).
        n: at most this many.

    >>> suggest_tags([["双减"], ["双减", "课堂"]], ["职业教育", "双减"], [])
    ['双减', '课堂', '职业教育']
    >>> suggest_tags([["职业"]], ["职业教育", "高等教育"], ["职"])
    ['职业', '职业教育']
    """
    counts = Counter(t for tags in own for t in tags)
    ranked = [t for t, _ in sorted(counts.items(), key=lambda kv: -kv[1])]
    done = set(typed[:-1]) if typed else set()
    partial = typed[-1] if typed else ""
    out: list[str] = []
    for tag in [*ranked, *topics]:
        if tag in out or tag in done or (partial and (partial not in tag or tag == partial)):
            continue
        out.append(tag)
        if len(out) >= n:
            break
    return out


def key_action(key: str, kinds: Sequence[str]) -> tuple[str, object]:
    """What a key in the text view does: ``("move", +1/-1)``, ``("kind", name)``, ``("save", None)``,
    ``("clear", None)`` or ``("none", None)``. Arrow keys choose the next/previous sentence, 1–N a kind.

    >>> key_action("ArrowDown", ["重点", "疑问"]), key_action("2", ["重点", "疑问"]), key_action("9", ["重点"])
    (('move', 1), ('kind', '疑问'), ('none', None))
    """
    if key in {"ArrowDown", "ArrowRight"}:
        return ("move", 1)
    if key in {"ArrowUp", "ArrowLeft"}:
        return ("move", -1)
    if key == "Enter":
        return ("save", None)
    if key == "Escape":
        return ("clear", None)
    if key.isdigit() and 1 <= int(key) <= len(kinds):
        return ("kind", kinds[int(key) - 1])
    return ("none", None)
