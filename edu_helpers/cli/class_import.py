"""``class-import FOLDER --store URL [--class C]``: a class's exported files into the class server.

Each file (``*.jsonld``, ``*.json``, ``*.csv`` in FOLDER) belongs to the roster user named by its
stem (``zhang.jsonld`` → ``zhang``) and is written as that person, one transaction per file, with
its reply threads (each reply as the roster member who wrote it) and each note's visibility as its
file gives it (a private note stays private; a file that does not say gets the class's default); the
import rule by id applies, so importing the folder again changes nothing. Runs as the database
owner (the URL given to class-setup). Nothing in FOLDER is changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import psycopg

from edu_helpers.annotations.class_io import import_class_files
from edu_helpers.annotations.locations import redact
from edu_helpers.annotations.postgres.rows import ServerUnavailable, first_line, split_url

SUFFIXES = (".jsonld", ".json", ".csv")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    p.add_argument("folder", metavar="FOLDER", help="学生导出文件所在的文件夹（文件名为用户名）")
    p.add_argument("--store", required=True, metavar="URL", help="管理员地址 postgresql://owner@host/db?class=C")
    p.add_argument("--class", dest="class_id", help="班级（默认取地址中的 ?class=）/ the class")


def run(args: argparse.Namespace) -> int:
    """Import every file; print one line per file. Errors: one line on stderr, exit 2 (cli main)."""
    folder = Path(args.folder)
    if not folder.is_dir():
        raise ValueError(f"{folder}: 不是文件夹 not a folder")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        raise ValueError(f"{folder}: 没有可导入的文件 no .jsonld/.json/.csv files")
    class_id = args.class_id or split_url(args.store)[1]
    if not class_id:
        raise ValueError("请用 --class 或地址中的 ?class= 指明班级 name the class with --class or ?class=")
    try:
        done_files = import_class_files(args.store, class_id, files)
    except psycopg.OperationalError as exc:
        raise ServerUnavailable(redact(args.store), first_line(exc)) from None
    except psycopg.Error as exc:
        raise ValueError(f"{redact(args.store)}: {str(exc).strip().splitlines()[0]}") from None
    for done in done_files:
        s = done.summary
        threads = f", {done.replies} replies" if done.replies else ""
        skipped = f", {done.replies_skipped} replies skipped (author not on the roster or note not in the class)"
        others = f", {done.others} classmates' notes left to their own files" if done.others else ""
        print(f"{done.path}\t{done.user}\t{s.added} added, {s.updated} updated, {s.unchanged} unchanged{threads}"
              + (skipped if done.replies_skipped else "") + others)  # fmt: skip
    return 0
