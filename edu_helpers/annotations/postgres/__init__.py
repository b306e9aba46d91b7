"""班级服务器：PostgreSQL 批注库。The class server: the annotation store on PostgreSQL (psycopg 3).

``backend`` (:class:`PostgresBackend`, the store's backend) over ``rows`` and ``migrations`` (schema,
row-level security); ``classroom`` (roster, roles, class-setup); ``outbox`` (notes kept locally while
the server is away); ``live`` (change notifications for the live class view). A whole class in and out:
:mod:`edu_helpers.annotations.class_io`.
"""

from __future__ import annotations

from edu_helpers.annotations.postgres.backend import Identity, PostgresBackend
from edu_helpers.annotations.postgres.rows import NotAllowed, ServerUnavailable

__all__ = ["Identity", "NotAllowed", "PostgresBackend", "ServerUnavailable"]
