"""整班导入导出。Import a class's exported files into the server; export a class or one student.

Import runs as the database owner (or a role with ``BYPASSRLS``): each file belongs to the roster
user named by its file stem (``zhang.jsonld`` → user ``zhang``), its rows are written as that
user's role and display name, and the import conflict rule by id applies (re-importing a file changes
nothing; a newer version replaces, keeping the old one). Each note keeps the visibility its file gives
(``edu:visibility`` / column ``visibility`` of a class server's export: a private note stays private); a
file that does not say (a file store's export, Hypothesis) gets the class's default visibility.

Threads come along: the file's replies (W3C ``replying`` annotations, or CSV ``reply`` rows) are
written as the roster member their author names (display or user name), under the same rule by id.
A reply to a note of a later file waits for that file; one whose author is not on the roster, or
whose note is not in the class, is skipped and counted (``FileImport.replies_skipped``). A student's
own export also holds classmates' class-shared notes: those (signed by another member of the roster,
or stored as another's) are left to their authors' files, never written as this user
(``FileImport.others``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from edu_helpers.annotations.anchor import Placed
from edu_helpers.annotations.exchange import export_annotations, read_replies, read_shared_file
from edu_helpers.annotations.model import Annotation, Reply, StoreError, same_content
from edu_helpers.annotations.postgres.classroom import role_name
from edu_helpers.annotations.postgres.migrations import ensure_schema
from edu_helpers.annotations.postgres.rows import (
    COLUMN_LIST,
    UPDATE,
    from_row,
    safe_location,
    split_url,
    to_params,
    update_params,
)  # fmt: skip
from edu_helpers.annotations.store import AnnotationStore, ImportSummary
from edu_helpers.text.document import Document


@dataclass(frozen=True)
class FileImport:
    """One imported file: whose it was and what the import did."""

    path: Path
    user: str
    summary: ImportSummary
    replies: int = 0  # replies added or updated
    replies_skipped: int = 0  # author not on the roster, or the note not in the class
    others: int = 0  # classmates' notes in the file (a student's export has the class-shared ones): left out


def import_class_files(admin_url: str, class_id: str, paths: list[str | Path]) -> list[FileImport]:
    """Import each student's exported file (JSON-LD, CSV, Hypothesis) into the class, one transaction per file.

    Raises:
        StoreError: a file's user is not on the roster, or a record is invalid (an unknown visibility
            too): nothing is imported.
    """
    url, _ = split_url(admin_url)
    out, waiting = [], []
    read = [(Path(p), read_shared_file(p)[0]) for p in paths]  # a bad file is named before the server is asked
    with psycopg.connect(url, autocommit=True) as conn:
        ensure_schema(conn, safe_location(admin_url))
        default = conn.execute("SELECT default_visibility FROM edu.class WHERE id = %s", (class_id,)).fetchone()
        if default is None:
            raise StoreError(safe_location(admin_url), f"没有这个班级 no class {class_id!r}; run class-setup first")
        roster = conn.execute("SELECT role_name, display, user_name FROM edu.member WHERE class_id = %s",
                              (class_id,)).fetchall()  # fmt: skip
        files = []  # every file is checked before anything is written: one bad file, nothing imported
        for path, annotations in read:
            role = role_name(path.stem)
            found = next(((d, u) for r, d, u in roster if r == role), None)
            if found is None:
                raise StoreError(path, f"文件名 {path.stem!r} 不在班级名单中 the file's user is not on the roster")
            files.append((path, role, found, annotations))
        for path, role, found, annotations in files:
            others = {n for r, *names in roster if r != role for n in names} - set(found)
            with conn.transaction():
                conn.execute("SELECT set_config('edu.reason', 'import', true)")
                summary, left_out = _import(conn, class_id, role, found[0], default[0], annotations, others)
                done, later = _import_replies(conn, class_id, read_replies(path))
            out.append(FileImport(path, path.stem, summary, done, others=left_out))
            waiting += [(len(out) - 1, r) for r in later]
        with conn.transaction():  # replies to notes of a later file
            for i, r in waiting:
                done, later = _import_replies(conn, class_id, [r])
                out[i] = dataclasses.replace(out[i], replies=out[i].replies + done,
                                             replies_skipped=out[i].replies_skipped + len(later))  # fmt: skip
    return out


def _import_replies(conn: psycopg.Connection, class_id: str, replies: list[Reply]) -> tuple[int, list[Reply]]:
    """Write replies as the members their authors name (rule by id); (how many changed, those left aside)."""
    changed, left = 0, []
    for r in replies:
        member = conn.execute(
            "SELECT role_name, display FROM edu.member WHERE class_id = %s AND %s IN (display, user_name) "
            "ORDER BY display = %s DESC LIMIT 1", (class_id, r.author, r.author),
        ).fetchone()  # fmt: skip
        target = conn.execute("SELECT 1 FROM edu.annotation WHERE id = %s AND class_id = %s", (r.target, class_id))
        if member is None or target.fetchone() is None:
            left.append(r)
            continue
        old = conn.execute("SELECT body, updated, deleted FROM edu.reply WHERE id = %s FOR UPDATE", (r.id,)).fetchone()
        if old is None:
            conn.execute(
                "INSERT INTO edu.reply (id, target, body, author, created, updated, deleted, class_id, owner) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (r.id, r.target, r.body, member[1], r.created, r.updated, bool(r.deleted), class_id, member[0]),
            )  # fmt: skip
            changed += 1
        elif (old[0], bool(old[2])) != (r.body, bool(r.deleted)) and r.updated > old[1]:
            conn.execute("UPDATE edu.reply SET body = %s, updated = %s, deleted = %s WHERE id = %s",
                         (r.body, r.updated, bool(r.deleted), r.id))  # fmt: skip
            changed += 1
    return changed, left


def _import(
    conn: psycopg.Connection, class_id: str, role: str, display: str, default: str,
    annotations: list[tuple[Annotation, str | None]], others: set[str],
) -> tuple[ImportSummary, int]:  # fmt: skip
    """Write one file's notes as ``role``: a new one with the file's visibility (else ``default``), a
    newer version over the stored one (with the file's visibility, if it gives one). A note signed by
    another member (``others``: their names) or stored as another's is theirs: left out, counted."""
    added = updated = unchanged = left_out = 0
    for ann, vis in annotations:
        row = conn.execute(f"SELECT owner, {COLUMN_LIST} FROM edu.annotation WHERE id = %s FOR UPDATE", (ann.id,))
        row = row.fetchone()
        if ann.author in others or (row is not None and row[0] != role):
            left_out += 1
            continue
        ann = dataclasses.replace(ann, author=display)
        if row is None:
            conn.execute(
                f"INSERT INTO edu.annotation (class_id, owner, visibility, {COLUMN_LIST}) "
                f"VALUES (%s, %s, %s, {', '.join(['%s'] * 16)})", (class_id, role, vis or default, *to_params(ann)),
            )  # fmt: skip
            added += 1
            continue
        old = from_row(row[1:])
        if same_content(old, ann) or ann.updated <= old.updated:
            unchanged += 1
        else:
            conn.execute(UPDATE, update_params(ann, vis))
            updated += 1
    return ImportSummary(added, updated, unchanged), left_out


class _Selection:
    """The part of a store :func:`~edu_helpers.annotations.exchange.export_annotations` reads, narrowed
    to one author's notes (and the threads under them)."""

    def __init__(self, store: AnnotationStore, author: str):
        self.store, self.author, self.backend = store, author, store.backend  # backend: who may read what

    def anchored(self, doc: Document) -> list[Placed]:
        return [p for p in self.store.anchored(doc) if p.annotation.author == self.author]

    def replies(self, annotation_id: str | None = None) -> list[Reply]:
        return self.store.replies(annotation_id)


def export_class(
    store: AnnotationStore, doc: Document, fmt: str = "jsonld", *, author: str | None = None,
    generated: str | None = None,
) -> str:  # fmt: skip
    """Every note of ``doc`` the connected role may read (the teacher: the shared ones), or one
    author's (roster name), with their threads, as ``jsonld``, ``csv`` or ``markdown`` (学习笔记)."""
    source: Any = store if author is None else _Selection(store, author)
    return export_annotations(source, doc, fmt, generated=generated)
