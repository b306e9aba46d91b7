"""课堂视图的脚本缓存。The class view's service worker: Voilà's front-end scripts compiled once per browser.

A preheated Voilà page arrives rendered by the server; what its first render then waits for is the browser
compiling Voilà's own front end (about 6 MB of JavaScript: JupyterLab's output rendering, the widget manager,
the extensions). Chromium keeps compiled code only for scripts it has run twice, so every student's first
visits are slow, and a fresh browser is slow every time. Scripts that a service worker stores while it
installs are compiled then, and a page the worker controls loads them already compiled.

So the class view serves a service worker at ``<base_url>edu-sw.js`` (:class:`ServiceWorkerHandler`, added
to Voilà's handlers by :func:`serve_service_worker`, which :func:`edu_helpers.ui.present.configure` calls).
The landing page registers it :data:`LANDING_DELAY_MS` after loading (students read the list while it
installs; if one opens a notebook meanwhile, the installation waits :data:`REGISTER_DELAY_MS` for that page to
render); a notebook page registers it :data:`REGISTER_DELAY_MS` after loading, for the next visit. It stores
the scripts Voilà serves to its pages (:func:`precache`) under a name that changes whenever one of them
changes (an upgrade of Voilà or of an extension), drops older copies when it takes over, and answers only
requests for those scripts: pages, kernels and files always come from the server. Browsers give service
workers only to https pages and to localhost; elsewhere the pages work as before, without it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

import tornado.web

from edu_helpers.ui.compile_hint import HINT, hint_scripts
from edu_helpers.ui.voila_patch import wrap_once

#: Where the worker is served, under the server's base URL (its scope is the base URL).
SW_PATH = "edu-sw.js"
#: How long a notebook page waits after ``load`` before registering the worker, and how long an installation
#: pauses when a notebook page opens (installing compiles every script: it must not slow down a page's first
#: render).
REGISTER_DELAY_MS = 10_000
#: How long the landing page waits after ``load`` before registering the worker: a student who opens a notebook
#: in the first second gets the CPU for that page alone.
LANDING_DELAY_MS = 1_000
_SW_SOURCE = Path(__file__).resolve().parent / "voila" / "edu-sw.js"
#: Characters a browser leaves as they are in a URL's path (RFC 3986 pchar and "/").
_PATH_SAFE = "/@:!$&'()*+,;=-._~"


def frontend_scripts(
    static_dirs: Iterable[str | Path], extensions: Iterable[tuple[str, str | Path]], base_url: str = "/"
) -> dict[str, Path]:
    """The scripts a Voilà page can load: URL path → file.

    Args:
        static_dirs: Voilà's static folders in its search order (served at ``voila/static/``; the first folder
            holding a name serves it).
        extensions: ``(name, folder)`` of each federated extension Voilà gives its pages (served at
            ``voila/labextensions/<name>/``; their scripts are under ``static/``).
        base_url: the server's base URL, as the browser sees it.

    Returns:
        Every regular ``.js`` file (not a folder, not a broken link), by URL path as a browser writes it.
    """
    base = base_path(base_url)
    found: dict[str, Path] = {}
    for folder in map(Path, static_dirs):
        if folder.is_dir():
            for path in sorted(folder.glob("*.js")):
                found.setdefault(base + quote(f"voila/static/{path.name}", safe=_PATH_SAFE), path)
    for name, folder in extensions:
        folder = Path(folder)
        for path in sorted((folder / "static").rglob("*.js")):
            rel = path.relative_to(folder).as_posix()
            found.setdefault(base + quote(f"voila/labextensions/{name}/{rel}", safe=_PATH_SAFE), path)
    return {url: path for url, path in found.items() if path.is_file()}


def precache(
    static_dirs: Iterable[str | Path], extensions: Iterable[tuple[str, str | Path]], base_url: str = "/"
) -> tuple[list[str], str]:
    """The URL paths of :func:`frontend_scripts`, and a version that changes when any of them does.

    Returns:
        ``(paths, version)``: the sorted URL paths, and a short hex digest of their paths, sizes and modification
        times and of the compile hint the server puts in front of them (:mod:`edu_helpers.ui.compile_hint`).
    """
    files = {}
    for url, path in frontend_scripts(static_dirs, extensions, base_url).items():
        try:
            files[url] = path.stat()
        except OSError:  # removed meanwhile: the server could not serve it either
            continue
    digest = hashlib.sha256(HINT)
    for url in sorted(files):
        digest.update(f"{url}\0{files[url].st_size}\0{files[url].st_mtime_ns}\n".encode())
    return sorted(files), digest.hexdigest()[:16]


def base_path(base_url: str) -> str:
    """``base_url`` as a path with one ``/`` at each end (the worker's scope)."""
    inner = base_url.strip("/")
    return f"/{inner}/" if inner else "/"


def registration(base_url: str) -> dict[str, object]:
    """What a page needs to register the worker: ``{"url", "scope", "delayMs", "landingDelayMs"}`` (the delays
    after ``load`` on a notebook page and on the landing page; ``page_config["eduWorker"]``)."""
    scope = base_path(base_url)
    return {"url": scope + SW_PATH, "scope": scope, "delayMs": REGISTER_DELAY_MS, "landingDelayMs": LANDING_DELAY_MS}


def service_worker_js(paths: list[str], version: str, base_url: str = "/") -> str:
    """The worker's script: ``edu-sw.js`` after four lines that give it ``paths``, ``version``, where notebook
    pages are and how long it leaves a notebook page that has just opened alone (:data:`REGISTER_DELAY_MS`)."""
    head = "".join(
        f"self.{name} = {json.dumps(value)};\n"
        for name, value in (
            ("EDU_VERSION", version),
            ("EDU_PRECACHE", paths),
            ("EDU_NOTEBOOKS", base_path(base_url) + "voila/render/"),
            ("EDU_PAUSE_MS", REGISTER_DELAY_MS),
        )
    )
    return head + _SW_SOURCE.read_text(encoding="utf-8")


def voila_sources(app) -> tuple[list[str], list[tuple[str, str]]]:
    """A running Voilà application's static folders, and the extensions its pages get (``(name, folder)``)."""
    from jupyterlab_server.config import get_federated_extensions
    from voila.utils import get_page_config

    config = get_page_config(app.base_url, app.app.settings, app.log, app.voila_configuration)
    folders = get_federated_extensions(app.labextensions_path)
    extensions = [
        (e["name"], folders[e["name"]]["ext_path"]) for e in config["federated_extensions"] if e["name"] in folders
    ]
    return list(app.static_paths), extensions


def voila_precache(app) -> tuple[list[str], str]:
    """:func:`precache` for a running Voilà application."""
    return precache(*voila_sources(app), app.base_url)


class ServiceWorkerHandler(tornado.web.RequestHandler):
    """``GET <base_url>edu-sw.js``: the worker, for the scripts of this server (computed at each request: a few
    hundred ``stat`` calls; browsers fetch it when a page registers it)."""

    def initialize(self, app) -> None:
        self.voila = app

    def get(self) -> None:
        paths, version = voila_precache(self.voila)
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Service-Worker-Allowed", base_path(self.voila.base_url))
        self.set_header("Cache-Control", "no-cache")
        self.finish(service_worker_js(paths, version, self.voila.base_url))


def serve_service_worker() -> None:
    """Add :class:`ServiceWorkerHandler` to Voilà's handlers, and serve the scripts it stores with the compile
    hint (:func:`~edu_helpers.ui.compile_hint.hint_scripts`), by wrapping ``Voila.init_handlers``
    (:func:`~edu_helpers.ui.voila_patch.wrap_once`)."""

    def wrap(original):
        from jupyter_server.utils import url_path_join

        def init_handlers(self):
            hint_scripts(frontend_scripts(*voila_sources(self), self.base_url).values())
            return [(url_path_join(self.server_url, SW_PATH), ServiceWorkerHandler, {"app": self}), *original(self)]

        return init_handlers

    wrap_once("voila.app", "Voila", "init_handlers", "edu_sw", wrap)
