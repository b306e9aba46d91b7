"""W3C Web Annotation JSON-LD：导出与读取。Export to, and read from, W3C Web Annotation JSON-LD.

We write one ``AnnotationCollection`` whose first page holds every annotation, each with a
``TextQuoteSelector`` and a ``TextPositionSelector``; the note, tags and kind are ``TextualBody``
bodies with the purposes ``commenting``, ``tagging`` and ``classifying``. A class server's export says
who may read each note in our own namespace: ``"edu:visibility": "private" | "teacher" | "class"``.

We read that, single annotations or lists of them, Hypothesis' JSON-LD (``target`` a list,
``creator`` an ``acct:`` string) and Hypothesis API rows (``{"rows": [...]}``: ``text``, ``tags``,
``user``, ``target[0].selector``).
"""

from __future__ import annotations

from typing import Any

from edu_helpers.annotations.model import Annotation
from edu_helpers.text.document import Document

CONTEXT = ["http://www.w3.org/ns/anno.jsonld", {"edu": "urn:x-edu-helpers:"}]
_DOC_PREFIX = "urn:x-edu-helpers:"


# --- writing -------------------------------------------------------------------------------------
def _motivation(a: Annotation) -> str:
    if a.note:
        return "commenting"
    return "classifying" if a.kind else ("tagging" if a.tags else "highlighting")


def annotation_jsonld(a: Annotation, visibility: str | None = None) -> dict[str, Any]:
    """One annotation as a W3C Web Annotation (JSON-LD object, no ``@context``); ``visibility`` (a class
    server's) becomes ``edu:visibility``."""
    body: list[dict[str, Any]] = []
    if a.note:
        body.append({"type": "TextualBody", "value": a.note, "format": "text/markdown", "purpose": "commenting"})
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in a.tags]
    if a.kind:
        body.append({"type": "TextualBody", "value": a.kind, "purpose": "classifying"})
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix}
    ]
    if a.start >= 0:
        selectors.append({"type": "TextPositionSelector", "start": a.start, "end": a.end})
    source: dict[str, Any] = {"type": "Text", "label": a.document_title}
    if a.document:
        source = {"id": _DOC_PREFIX + a.document, **source}
    target: dict[str, Any] = {"source": source, "selector": selectors}
    if a.paragraph_id:
        target["edu:passage"] = a.paragraph_id
    item: dict[str, Any] = {
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "motivation": _motivation(a),
        "created": a.created,
        "modified": a.updated,
    }
    if a.author:
        item["creator"] = {"type": "Person", "name": a.author}
    if visibility:
        item["edu:visibility"] = visibility
    if body:
        item["body"] = body
    item["target"] = target
    return item


def collection_jsonld(
    annotations: list[Annotation], doc: Document, generated: str, visibilities: dict[str, str] | None = None
) -> dict[str, Any]:
    """Every annotation in one ``AnnotationCollection`` (with one embedded ``AnnotationPage``);
    ``visibilities``: ``{id: visibility}`` of a class server's notes."""
    vis = visibilities or {}
    items = [annotation_jsonld(a, vis.get(a.id)) for a in annotations]
    return {
        "@context": CONTEXT,
        "id": f"{_DOC_PREFIX}collection:{doc.id}",
        "type": "AnnotationCollection",
        "label": f"{doc.title} · 学习笔记",
        "generated": generated,
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


# --- reading -------------------------------------------------------------------------------------
def items_of(data: Any) -> list[Any]:
    """The annotation objects of a parsed JSON file of any of the shapes we read."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object or list of annotations")
    if "rows" in data and isinstance(data["rows"], list):  # Hypothesis API search result
        return data["rows"]
    kind = data.get("type")
    if kind == "AnnotationCollection" or "first" in data:
        items, page = [], data.get("first")
        while isinstance(page, dict):
            items += _list(page.get("items"))
            page = page.get("next")
        return items + _list(data.get("items"))
    if kind == "AnnotationPage" or "items" in data:
        return _list(data.get("items"))
    return [data]


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _author(creator: Any) -> str:
    if isinstance(creator, list):
        creator = creator[0] if creator else None
    if isinstance(creator, dict):
        creator = creator.get("name") or creator.get("nickname") or creator.get("id") or ""
    text = str(creator or "")
    if text.startswith("acct:"):  # Hypothesis: acct:alice@hypothes.is → alice
        text = text[5:].split("@", 1)[0]
    return text


def _selectors(target: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(quote selector, position selector, the target object) of the first target with a quote."""
    for t in _list(target):
        if not isinstance(t, dict):
            continue
        found = {s.get("type"): s for s in _list(t.get("selector")) if isinstance(s, dict)}
        if "TextQuoteSelector" in found:
            return found["TextQuoteSelector"], found.get("TextPositionSelector", {}), t
    return {}, {}, {}


def _source(target: dict[str, Any], fallback_title: str) -> tuple[str, str]:
    source = target.get("source")
    sid, title = (source.get("id", ""), source.get("label", "")) if isinstance(source, dict) else (source or "", "")
    sid = str(sid)
    return (sid[len(_DOC_PREFIX) :] if sid.startswith(_DOC_PREFIX) else ""), str(title or fallback_title)


def record_of(item: Any, label: str = "") -> dict[str, Any] | None:
    """One annotation object as a record for :func:`~.records.to_annotation`.

    Returns ``None`` for an annotation without a quote (a page note or a reply): nothing to anchor.

    Raises:
        ValueError: the item is not a JSON object.
    """
    if not isinstance(item, dict):
        raise ValueError(f"expected an annotation object, not {type(item).__name__}")
    if "target" not in item:
        raise ValueError("not an annotation: it has no target")
    quote, position, target = _selectors(item.get("target"))
    if not quote:
        return None
    if "text" in item or "user" in item:  # Hypothesis API row
        meta = item.get("document")
        titles = (meta.get("title") if isinstance(meta, dict) else None) or [""]
        note, tags, kind = item.get("text") or "", item.get("tags") or [], None
        author, updated, label = _author(item.get("user")), item.get("updated"), str(_list(titles)[0])
    else:
        note, tags, kind = _bodies(item.get("body"))
        author, updated = _author(item.get("creator")), item.get("modified")
    document, title = _source(target, label)
    return {
        "id": str(item.get("id") or ""),
        "document": document,
        "document_title": title,
        "exact": quote.get("exact"),
        "prefix": quote.get("prefix"),
        "suffix": quote.get("suffix"),
        "start": position.get("start"),
        "end": position.get("end"),
        "paragraph_id": target.get("edu:passage"),
        "author": author,
        "created": item.get("created"),
        "updated": updated,
        "kind": kind,
        "tags": tags,
        "note": note,
        "visibility": item.get("edu:visibility", item.get(_DOC_PREFIX + "visibility")),
    }


def _bodies(body: Any) -> tuple[str, list[str], str | None]:
    notes, tags, kind = [], [], None
    for b in _list(body):
        if isinstance(b, str):
            notes.append(b)
            continue
        if not isinstance(b, dict):
            continue
        value, purpose = b.get("value"), b.get("purpose")
        if value is None:
            continue
        if purpose == "tagging":
            tags.append(str(value))
        elif purpose == "classifying" and kind is None:
            kind = str(value)
        else:
            notes.append(str(value))
    return "\n\n".join(notes), tags, kind
