"""服务器不在时读到什么。What the class-server backend reads while the server is away.

What it last read from the server (:attr:`~.offline.OfflineQueue.seen`), overlaid with what waits in
the outbox (the latest version of each annotation; the replies), with the same filters as the
server's queries. Each function is linear in what was seen and what waits.
"""

from __future__ import annotations

from edu_helpers.annotations.model import Annotation, Reply
from edu_helpers.annotations.postgres.offline import OfflineQueue


def annotations(q: OfflineQueue) -> dict[str, Annotation]:
    """Every annotation known here, by id: seen on the server, then waiting (a waiting version wins)."""
    return {**q.seen, **q.waiting()}


def select(
    q: OfflineQueue, *, document: str | None = None, title: str | None = None, include_deleted: bool = False
) -> list[Annotation]:
    """The backend's ``select`` answered locally (same filters)."""
    out = []
    for a in annotations(q).values():
        if a.deleted and not include_deleted:
            continue
        same_title = bool(a.document_title) and a.document_title == title
        if document is not None and not (a.document in (document, "") or same_title):
            continue
        out.append(a)
    return out


def history(q: OfflineQueue, annotation_id: str) -> list[Annotation]:
    """Earlier versions still waiting (they become the history once sent), oldest first."""
    versions = [item for item, _ in q.local() if isinstance(item, Annotation) and item.id == annotation_id]
    return versions[:-1] if annotation_id not in q.seen else versions


def replies(q: OfflineQueue, target: str | None = None) -> list[Reply]:
    """Live replies seen or waiting (to one annotation), oldest first."""
    waiting = {r.id: r for r, _ in q.local() if isinstance(r, Reply)}
    found = {**q.seen_replies, **waiting}.values()
    return [r for r in found if not r.deleted and (target is None or r.target == target)]


def visibilities(q: OfflineQueue) -> dict[str, str]:
    """``{id: visibility}`` as seen, overlaid with the waiting notes'."""
    waiting = {a.id: v for a, v in q.local() if isinstance(a, Annotation) and v}
    return {**q.seen_visibility, **waiting}


def changes(q: OfflineQueue) -> tuple:
    """A marker of the local state (differs after each change kept here)."""
    return ("local", q.pending, len(q.seen), len(q.seen_replies))
