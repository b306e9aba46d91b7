"""课堂视图脚本的编译提示。V8's compile hint on Voilà's front-end scripts, for a browser's first visit.

A fresh browser (no service worker yet: :mod:`edu_helpers.ui.class_cache`) spends most of a Voilà page's
first render compiling Voilà's front end. V8 compiles a function lazily, on the page's main thread, the first
time it is called, and JupyterLab's modules are almost all called while the page starts. A script whose first
line is the magic comment :data:`HINT` (Chromium 136 and later; other browsers read a comment) is compiled
whole while it downloads, on a background thread. Measured on this two-core machine, 06 from a direct link in
a fresh browser: median 2.9 s → 2.46 s (eight visits each, alternating servers).

:func:`hint_scripts` makes the class view's server put the comment in front of the scripts it is given (the
ones the service worker stores: Voilà's static folders and the extensions its pages load) and nothing else:
notebooks, files and kernels are untouched. The comment is added as the file is sent; lengths, byte ranges and
ETags count it (tornado's, where a handler gives one); the files on disk are not changed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import tornado.web

#: The first line of every hinted script.
HINT = b"//# allFunctionsCalledOnLoad\n"
_hinted: frozenset[str] = frozenset()


def _key(path: str | Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def hinted(path: str | Path) -> bool:
    """Whether the server sends ``path`` (an absolute file path) with the hint."""
    return bool(_hinted) and _key(path) in _hinted


def with_hint(read: Callable[[int, int | None], Iterator[bytes]], start: int | None, end: int | None):
    """The bytes ``start:end`` (``None``: the beginning, the end) of :data:`HINT` followed by a file.

    Args:
        read: ``read(start, end)`` yields the file's bytes ``start:end`` (``end`` ``None``: to its end).
        start, end: offsets in the hinted content, as tornado's ``StaticFileHandler.get_content`` gets them.
    """
    n = len(HINT)
    first = 0 if start is None else start
    head = HINT[first : n if end is None else max(first, min(end, n))]
    if head:
        yield head
    rest_start, rest_end = max(first - n, 0), None if end is None else end - n
    if rest_end is None or rest_end > rest_start:
        yield from read(rest_start, rest_end)


def hint_scripts(paths: Iterable[str | Path]) -> None:
    """Serve ``paths`` (files) with :data:`HINT` in front from now on, replacing any earlier set.

    The first call wraps tornado's ``StaticFileHandler.get_content`` and ``get_content_size``, which Voilà's
    static, template and extension handlers all use (once; other files go through unchanged).
    """
    global _hinted
    _hinted = frozenset(_key(p) for p in paths)
    handler = tornado.web.StaticFileHandler
    handler.reset()  # tornado's cache of content hashes (ETags): they change with the hint
    if getattr(handler.get_content, "edu_hint", False):
        return
    original_content = handler.get_content.__func__  # type: ignore[attr-defined]
    original_size = handler.get_content_size

    def get_content(cls, abspath, start=None, end=None):
        if not hinted(abspath):
            return original_content(cls, abspath, start, end)
        return with_hint(lambda s, e: original_content(cls, abspath, s, e), start, end)

    def get_content_size(self):
        size = original_size(self)
        return size + len(HINT) if hinted(self.absolute_path) else size

    get_content.edu_hint = True  # type: ignore[attr-defined]
    handler.get_content = classmethod(get_content)  # type: ignore[method-assign, assignment]
    handler.get_content_size = get_content_size  # type: ignore[method-assign]
