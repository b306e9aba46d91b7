"""批注 ⇄ PostgreSQL 行，连接地址与错误。Rows of ``edu.annotation`` and ``edu.reply``, store URLs, errors."""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from edu_helpers.annotations.model import VISIBILITIES, Annotation, Reply, StoreError

SCHEMES = ("postgresql", "postgres")
#: Columns in :class:`Annotation` field order.
COLUMNS = (
    "id", "document", "exact", "start_pos", "end_pos", "prefix", "suffix", "paragraph_id", "document_title",
    "author", "created", "updated", "kind", "tags", "note", "deleted",
)  # fmt: skip
COLUMN_LIST = ", ".join(COLUMNS)
SELECT = f"SELECT {COLUMN_LIST} FROM edu.annotation"
#: What an update may change (id, created, owner, class and order never change).
UPDATABLE = tuple(c for c in COLUMNS if c not in ("id", "created"))
INSERT = (
    f"INSERT INTO edu.annotation (class_id, visibility, {COLUMN_LIST}) "
    f"VALUES (%s, %s, {', '.join(['%s'] * len(COLUMNS))})"
)
UPDATE = (
    f"UPDATE edu.annotation SET {', '.join(f'{c} = %s' for c in UPDATABLE)}, "
    "visibility = coalesce(%s, visibility) WHERE id = %s"
)
REPLY_COLUMNS = "id, target, body, author, created, updated, deleted"
INSERT_REPLY = (
    f"INSERT INTO edu.reply ({REPLY_COLUMNS}, class_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (id) DO NOTHING"
)


class ServerUnavailable(StoreError):
    """The server cannot be reached (down, restarting, network): nothing was written."""

    server_away = True  # the store's rules look for this, without importing the server backend

    def __init__(self, location: str, detail: object = ""):
        super().__init__(
            location,
            "无法连接班级批注服务器，请稍后再试。"
            f" The annotation server cannot be reached ({str(detail).strip() or 'connection lost'}).",
        )


class NotAllowed(StoreError):
    """The database refused the change (row-level security or missing privilege)."""


def to_params(a: Annotation) -> tuple:
    """The annotation's values in :data:`COLUMNS` order."""
    return (
        a.id, a.document, a.exact, a.start, a.end, a.prefix, a.suffix, a.paragraph_id, a.document_title,
        a.author, a.created, a.updated, a.kind, list(a.tags), a.note, bool(a.deleted),
    )  # fmt: skip


def update_params(a: Annotation, visibility: str | None) -> tuple:
    """Parameters of :data:`UPDATE` writing ``a`` over the row with its id."""
    values = dict(zip(COLUMNS, to_params(a), strict=True))
    return (*(values[c] for c in UPDATABLE), visibility, a.id)


def from_row(r: tuple) -> Annotation:
    """An :class:`Annotation` from a row selected with :data:`COLUMN_LIST`."""
    return Annotation(*r[:13], tags=tuple(r[13]), note=r[14], deleted=bool(r[15]))


def from_json(data: dict[str, Any]) -> Annotation:
    """An :class:`Annotation` from a revision (``to_jsonb`` of an old row)."""
    return from_row(tuple(data[c] for c in COLUMNS))


def split_url(url: str) -> tuple[str, str | None]:
    """``postgresql://…?class=C`` → (the URL libpq accepts, ``"C"``); no ``class`` → ``None``.

    Raises:
        StoreError: not a ``postgresql://`` URL.
    """
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise StoreError(url, f"unsupported store URL scheme {parts.scheme!r}; use postgresql://")
    query = parse_qsl(parts.query, keep_blank_values=True)
    class_id = next((v for k, v in query if k == "class"), None)
    rest = urlencode([(k, v) for k, v in query if k != "class"])
    return urlunsplit(parts._replace(query=rest)), class_id


def safe_location(url: str) -> str:
    """The URL without its password (in the user part or a ``password=`` query), for messages.

    >>> safe_location("postgresql://zhang:s3cret@db:5432/class?password=x&class=C")
    'postgresql://zhang:***@db:5432/class?password=***&class=C'
    """
    import re

    url = re.sub(r"(://[^/:@]*):[^/@]*@", r"\1:***@", url)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", url)


def reply_params(r: Reply, class_id: str) -> tuple:
    """Parameters of :data:`INSERT_REPLY`."""
    return (r.id, r.target, r.body, r.author, r.created, r.updated, bool(r.deleted), class_id)


def first_line(exc: BaseException) -> str:
    """The first line of an error message (psycopg adds context lines)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


@dataclasses.dataclass(frozen=True)
class Identity:
    """Who the backend writes as: database ``role``, roster ``display`` name, ``kind`` teacher/student
    (``None`` outside a class), ``class_id`` (``""``: a personal store)."""

    role: str = ""
    display: str = ""
    kind: str | None = None
    class_id: str = ""


def check_visibility(vis: str) -> str:
    """``vis`` if it is one of :data:`VISIBILITIES`.

    Raises:
        ValueError: an unknown visibility.
    """
    if vis not in VISIBILITIES:
        raise ValueError(f"未知的可见范围 unknown visibility {vis!r}; choose one of {', '.join(VISIBILITIES)}")
    return vis
