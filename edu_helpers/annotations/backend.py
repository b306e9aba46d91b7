"""批注库的存储后端协议。What a storage backend of the annotation store must do — and nothing more.

:class:`~edu_helpers.annotations.store.AnnotationStore` holds the rules (validation, the import conflict
policy, anchoring, history, soft delete and undo); a backend only keeps rows, atomically. A new backend
(another database) is one module implementing :class:`Backend`, opened by :func:`open_backend`, plus a run
of the store tests against it (``tests/conftest.py``'s ``store`` fixture runs them on every backend).

Added for the class server (issue 15), implemented by every backend: :meth:`Backend.replies` and
:meth:`Backend.add_replies` (threads under annotations) and :meth:`Backend.changes` (a cheap marker the
live class view polls). A server backend may also rewrite ``author`` to the connected person's roster
name and refuse (:class:`~edu_helpers.annotations.model.StoreError`) what its access rules forbid.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from edu_helpers.annotations.model import Annotation, Reply


class Transaction(Protocol):
    """One atomic change: everything done through it is committed together, or not at all."""

    def get(self, annotation_id: str) -> Annotation | None:
        """The stored annotation with this id (deleted or not), read inside the transaction."""

    def insert(self, annotation: Annotation) -> None:
        """Add a new annotation (its id is not stored yet)."""

    def replace(self, old: Annotation, new: Annotation, reason: str) -> None:
        """Write ``new`` over ``old`` (same id), keeping ``old`` in the history with ``reason``."""


class Backend(Protocol):
    """Rows of annotations and their replaced versions, in one place (a file, a database)."""

    #: where the rows live, for messages: a file path or a URL without its password
    location: str
    #: the store file, for backends that are one file (``None`` otherwise)
    path: Path | None

    def close(self) -> None:
        """Release the connection; the backend cannot be used afterwards."""

    def transaction(self) -> AbstractContextManager[Transaction]:
        """A context in which one change is made atomically (rolled back on any exception)."""

    def count(self) -> int:
        """Number of live (not deleted) annotations."""

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation with this id, deleted or not; ``None`` if there is none."""

    def select(
        self, *, document: str | None = None, title: str | None = None, include_deleted: bool = False
    ) -> list[Annotation]:
        """Annotations in the order they were added.

        With ``document``/``title``: those made on that document id, with that non-empty title, or
        with no document id at all (imported from elsewhere).
        """

    def history(self, annotation_id: str) -> list[Annotation]:
        """Replaced versions of an annotation, oldest first."""

    def replies(self, target: str | None = None) -> list[Reply]:
        """Live replies (to one annotation, or all), oldest first (added for the class server)."""

    def add_replies(self, replies: Iterable[Reply]) -> int:
        """Store replies in one transaction, idempotent by id; returns how many were new."""

    def changes(self) -> tuple:
        """A value that differs after any annotation or reply was added or changed (the live view polls it)."""
