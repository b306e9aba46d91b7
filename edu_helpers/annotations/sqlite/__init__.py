"""SQLite 后端。The SQLite backend of the annotation store: ``schema`` (the file: checks, WAL, migrations),
``rows`` (record ⇄ table row), ``backend`` (:class:`SQLiteBackend`)."""

from edu_helpers.annotations.sqlite.backend import SQLiteBackend

__all__ = ["SQLiteBackend"]
