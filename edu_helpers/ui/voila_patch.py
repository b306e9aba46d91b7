"""课堂视图对 Voilà 的补丁：每个只装一次。How the class view changes a method of Voilà's: once, and only if it is there.

The class view adds to Voilà in three places (:func:`~edu_helpers.ui.class_cache.serve_service_worker`,
:func:`~edu_helpers.ui.present.log_preheated_renders`, :func:`~edu_helpers.ui.present.chinese_cell_errors`),
each by wrapping one method. Voilà's config file may be loaded more than once in a process (the tests do), so
a method already wrapped is left alone, and so is a Voilà without the class or the method.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable


def wrap_once(module: str, owner: str, name: str, flag: str, wrap: Callable[[Callable], Callable]) -> bool:
    """Replace ``module.owner.name`` by ``wrap(original)``, marked with the attribute ``flag``.

    Returns:
        whether it was replaced now (``False``: already wrapped, or no such module, class or method).
    """
    try:
        cls = getattr(importlib.import_module(module), owner)
    except (ImportError, AttributeError):
        return False
    original = getattr(cls, name, None)
    if original is None or getattr(original, flag, False):
        return False
    wrapped = wrap(original)
    setattr(wrapped, flag, True)
    setattr(cls, name, wrapped)
    return True
