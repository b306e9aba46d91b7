"""输出文件：不覆盖批注库和输入。Writing an output file without ever replacing what matters.

Every file the package writes for people (exports, class reports, handouts) goes through
:func:`write_output`, which first refuses (:class:`OutputError`, naming the file):

* the store in use or any of its ``-wal``/``-shm``/``-journal`` files, and any input of the command
  (same resolved path, or the same file under another name: a hard or symbolic link);
* any SQLite database — an annotation store (ours, by its marker) or another program's;
* a folder, or something that is not a regular file (a device, a pipe);
* an existing file, unless ``force`` is given.

Then it writes a temporary file beside the target and moves it into place in one step, so a
reader never sees half a file and a crash leaves the old file whole. Without ``force`` the move is
a hard link, which fails rather than replace a file that appeared since the check.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from edu_helpers.annotations.sqlite.schema import is_sqlite_file
from edu_helpers.errors import DocumentError

_STORE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


class OutputError(DocumentError):
    """An output path that must not be written; the message names it and says why."""


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output(
    path: str | Path, *, force: bool = False, stores: Iterable[Path | None] = (), inputs: Iterable[Path | None] = ()
) -> Path:
    """The checks of :func:`write_output`, without writing; returns the path.

    Raises:
        OutputError: the path is protected, or exists and ``force`` is not given.
    """
    path = Path(path).expanduser()
    for store in (s for s in stores if s is not None):
        for side in _STORE_SIDE_FILES:
            if _same(path, Path(f"{store}{side}")):
                raise OutputError(path, "是正在使用的批注库 is the annotation store in use; choose another output file")
    for source in (p for p in inputs if p is not None):
        if _same(path, Path(source)):
            raise OutputError(path, "是输入文件 is an input of this command; choose another output file")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise OutputError(path, f"cannot check the output file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise OutputError(path, "is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise OutputError(path, "is not a regular file (a device or pipe); give a file name")
    sqlite, ours = is_sqlite_file(path)
    if sqlite:
        what = "是批注库 is an annotation store" if ours else "is an SQLite database"
        raise OutputError(path, f"{what}; an export never replaces it (choose another output file)")
    if not force:
        raise OutputError(path, "已存在 exists already; add --force to replace it")
    return path


def write_output(
    text: str,
    path: str | Path,
    *,
    encoding: str = "utf-8",
    force: bool = False,
    stores: Iterable[Path | None] = (),
    inputs: Iterable[Path | None] = (),
) -> Path:
    """Write ``text`` to ``path`` after :func:`check_output`, atomically (temporary file + rename).

    Raises:
        OutputError: see :func:`check_output`.
        OSError: the folder cannot be written.
    """
    path = check_output(path, force=force, stores=stores, inputs=inputs)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise OutputError(path, "已存在 exists already; add --force to replace it") from None
            except OSError:  # a file system without hard links
                check_output(path, stores=stores, inputs=inputs)
                os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path
