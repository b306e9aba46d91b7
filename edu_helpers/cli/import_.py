"""``import FILE... --store S``: add annotations from JSON-LD, Hypothesis JSON or CSV files.

Every file is checked before anything is written; a bad record stops the import with its file
and record number, and nothing is imported. Importing a file twice changes nothing.
"""

from __future__ import annotations

import argparse

from edu_helpers.annotations import AnnotationStore, import_files, open_backend
from edu_helpers.cli.common import add_store_argument


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON-LD (.jsonld/.json) 或 CSV 文件 / files to import")
    add_store_argument(p)


def run(args: argparse.Namespace) -> int:

    with AnnotationStore(open_backend(args.store, offline=False)) as store:
        for result in import_files(store, args.files):
            print(result)
    return 0
