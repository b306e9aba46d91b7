"""批注的回复（讨论串）：导出与读回。Replies in exports: W3C ``replying`` annotations and 学习笔记 threads.

A reply is a W3C Web Annotation with motivation ``replying`` whose ``target`` is the id of the
annotation it answers (``urn:uuid:…``), so a thread survives export and re-import; in the 学习笔记
Markdown each note is followed by its replies, oldest first (escaped like every user text).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from edu_helpers.annotations.jsonld import items_of
from edu_helpers.annotations.model import Reply
from edu_helpers.markup import md_block, md_text

_UUID = "urn:uuid:"


def reply_jsonld(r: Reply) -> dict[str, Any]:
    """One reply as a W3C Web Annotation (motivation ``replying``, target = the annotation's id)."""
    item: dict[str, Any] = {
        "id": _UUID + r.id, "type": "Annotation", "motivation": "replying", "created": r.created,
        "modified": r.updated,
        "body": {"type": "TextualBody", "value": r.body, "format": "text/markdown", "purpose": "replying"},
        "target": _UUID + r.target,
    }  # fmt: skip
    if r.author:
        item["creator"] = {"type": "Person", "name": r.author}
    return item


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def replies_of(data: Any) -> list[Reply]:
    """The ``replying`` annotations of a JSON-LD document, as replies (others are ignored).

    >>> item = {"id": "urn:uuid:r1", "motivation": "replying", "target": "urn:uuid:a1",
    ...         "body": {"value": "见第三段"}, "creator": {"name": "王老师"}, "created": "2024-05-01T08:00:00.000Z"}
    >>> r = replies_of([item])[0]
    >>> (r.id, r.target, r.body, r.author, r.updated == r.created)
    ('r1', 'a1', '见第三段', '王老师', True)
    """
    out = []
    for item in items_of(data):
        if not isinstance(item, dict) or item.get("motivation") != "replying":
            continue
        target, body = item.get("target"), item.get("body")
        target = target.get("id") if isinstance(target, dict) else target
        body = body[0] if isinstance(body, list) and body else body
        text = _text(body.get("value") if isinstance(body, dict) else body).strip()
        rid, target = _text(item.get("id")), _text(target)
        if not (rid and target and text):
            continue
        creator = item.get("creator")
        author = creator.get("name") if isinstance(creator, dict) else creator
        created = _text(item.get("created"))
        out.append(Reply(rid.removeprefix(_UUID), target.removeprefix(_UUID), text, _text(author).strip(),
                         created, _text(item.get("modified")) or created))  # fmt: skip
    return out


def by_target(replies: Iterable[Reply]) -> dict[str, list[Reply]]:
    """Live replies grouped by the annotation they answer, oldest first."""
    out: dict[str, list[Reply]] = defaultdict(list)
    for r in replies:
        if not r.deleted:
            out[r.target].append(r)
    return dict(out)


def thread_markdown(replies: list[Reply]) -> list[str]:
    """The Markdown lines of a thread under a note in 学习笔记 (each reply a nested quote)."""
    lines = []
    for r in replies:
        who = md_text(r.author) if r.author else "匿名"
        body = md_block(r.body.strip()).replace("\n", "\n> ")
        lines += [f"> **回复** · {who} · {md_text(r.created[:16].replace('T', ' '))}", ">", f"> {body}", ""]
    return lines
