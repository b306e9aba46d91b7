"""``python -m edu_helpers class-setup --db URL --class C --roster roster.csv``: set up a class on the server.

Creates the schema, the roles and the policies, and prints each person's connection settings, or
(with ``--out DIR``) writes one ``<user>.env`` file per person for the hub's spawner.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import psycopg

from edu_helpers.annotations.postgres.classroom import read_roster, setup_class, write_settings
from edu_helpers.annotations.postgres.rows import safe_location
from edu_helpers.cli.common import writing
from edu_helpers.errors import DocumentError


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    p.add_argument("--db", required=True, help="admin URL, postgresql://owner@host:port/db")
    p.add_argument("--class", dest="class_id", required=True, help="class id, e.g. 2024-jy-1")
    p.add_argument("--roster", required=True, help="CSV with user,name,role (teacher/student)")
    p.add_argument("--title", default="")
    p.add_argument("--allow-class-replies", action="store_true", help="classmates may answer class-visible notes")
    p.add_argument("--default-visibility", choices=("private", "teacher", "class"), default="teacher")
    p.add_argument("--host", help="host students connect to (default: the --db host)")
    p.add_argument("--port", type=int, help="port students connect to (default: the --db port)")
    p.add_argument("--out", help="write one <user>.env file per person into this folder")
    p.add_argument("--new-passwords", action="store_true", help="give existing roles new passwords")


def run(args: argparse.Namespace) -> int:
    """Set the class up; print each person's settings (or write the files). Errors: exit 2 (cli main)."""
    if args.out and Path(args.out).exists() and not Path(args.out).is_dir():  # before the class is set up
        raise DocumentError(args.out, "is a file, not a folder; give a folder for the <user>.env files")
    roster = read_roster(args.roster)
    try:
        settings = setup_class(
            args.db, args.class_id, roster, title=args.title,
            allow_class_replies=args.allow_class_replies, default_visibility=args.default_visibility,
            host=args.host, port=args.port, new_passwords=args.new_passwords,
        )  # fmt: skip
    except psycopg.Error as exc:  # the server is away, refuses the owner, or a statement failed
        raise DocumentError(safe_location(args.db), f"cannot set up the class ({' '.join(str(exc).split())})") from None
    if args.out:
        with writing(args.out, "the settings files into this folder"):
            paths = write_settings(settings, args.out)
        for path in paths:
            print(path)
        return 0
    for s in settings:
        pw = s.password if s.password else "(unchanged)"
        print(f"{s.person.role}\t{s.person.user}\t{s.person.name}\t{s.url}\tPGPASSWORD={pw}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m edu_helpers class-setup …`` (through the package's one CLI entry point)."""
    from edu_helpers.cli import main as cli_main

    return cli_main(["class-setup", *(argv or [])])
