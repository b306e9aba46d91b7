"""``class-export [PATH] --store URL [--student S] --format jsonld|csv|markdown [-o FILE [--force]]``.

Writes out a whole class (every note the connected role may read: the teacher sees the shared ones),
or one student's (``--student``: the roster user name or display name), with the reply threads. The
store is only read; ``-o`` never replaces a store, an SQLite file or the document, and replaces
another existing file only with ``--force``.
"""

from __future__ import annotations

import argparse

from edu_helpers.annotations import FORMATS, AnnotationStore
from edu_helpers.annotations.class_io import export_class
from edu_helpers.cli.common import add_document_argument, add_force_argument, run_export


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    add_document_argument(p)
    p.add_argument("--store", required=True, metavar="URL", help="班级批注库 postgresql://…?class=C（或批注库文件）")
    p.add_argument("--student", metavar="S", help="只导出这位学生（用户名或名单上的姓名）/ one student only")
    p.add_argument("--format", "-f", required=True, choices=FORMATS, help="jsonld、csv 或 markdown（学习笔记）")
    p.add_argument("-o", "--output", metavar="FILE", help="输出文件（默认打印）/ write to FILE (default: stdout)")
    add_force_argument(p)


def _author(store: AnnotationStore, student: str) -> str:
    """The roster display name of ``student`` (a user name or a display name) in the store's class."""
    backend = store.backend
    if not hasattr(backend, "run"):
        return student  # a file store: authors are names already
    sql = "SELECT display FROM edu.member WHERE class_id = %s AND (user_name = %s OR display = %s)"
    rows = backend.run(lambda c: c.execute(sql, (backend.class_id, student, student)).fetchall())
    if not rows:
        raise ValueError(f"{backend.location}: 班级名单中没有 {student!r} no such student on the class roster")
    return rows[0][0]


def run(args: argparse.Namespace) -> int:
    """Export; errors are one line on stderr, exit 2 (cli main)."""

    def text(store: AnnotationStore, doc) -> str:
        author = _author(store, args.student) if args.student else None
        return export_class(store, doc, args.format, author=author)

    written = run_export(args, text)
    if written is not None:
        print(written)
    return 0
