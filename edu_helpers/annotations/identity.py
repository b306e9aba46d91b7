"""谁在做批注。Who is annotating: ``$JUPYTERHUB_USER`` on a JupyterHub, else the notebook's ``AUTHOR``.

>>> current_user({"JUPYTERHUB_USER": "zhang"}, author="张三")
'zhang'
>>> current_user({}, author=" 张三 ")
'张三'
"""

from __future__ import annotations

import os
from collections.abc import Mapping

HUB_USER = "JUPYTERHUB_USER"


def current_user(environ: Mapping[str, str] | None = None, *, author: str | None = None) -> str:
    """The user name annotations are made under (``""`` when nobody is known).

    On a hub the hub's user name wins (the class server maps it to the person's database role and
    roster name); elsewhere the notebook's ``AUTHOR`` parameter, or ``$AUTHOR``.
    """
    env = os.environ if environ is None else environ
    return (env.get(HUB_USER) or author or env.get("AUTHOR") or "").strip()
