"""The class view's service worker without a browser: which scripts it stores, its version, its script, and how
Voilà gets its handler (the browser side is tests/browser/test_voila_worker.py)."""

from __future__ import annotations

import json
import os
import re
import runpy
from pathlib import Path

from traitlets.config import Config

from edu_helpers.ui import class_cache, compile_hint, present


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_precache_lists_every_script_voila_serves_and_only_scripts(tmp_path):
    first = _tree(tmp_path / "lab", {"voila.js": "a", "1.voila.js": "b", "logo.svg": "<svg/>"})
    second = _tree(tmp_path / "base", {"voila.js": "shadowed", "2.voila.js": "c", "x.js.LICENSE.txt": "l"})
    widgets = _tree(
        tmp_path / "ext" / "w",
        {"static/remoteEntry.1a.js": "r", "static/lib/3.js": "d", "static/style.css": "s", "package.json": "{}"},
    )
    odd = _tree(tmp_path / "ext" / "o", {"static/a b.js": "e"})
    (first / "folder.js").mkdir()  # neither a folder nor a broken link is a script the server could serve
    (first / "gone.js").symlink_to(tmp_path / "nowhere.js")
    paths, version = class_cache.precache(
        [first, second, tmp_path / "missing"], [("@jupyter-widgets/manager", widgets), ("odd name", odd)]
    )
    assert paths == sorted(paths)
    assert paths == [
        "/voila/labextensions/@jupyter-widgets/manager/static/lib/3.js",
        "/voila/labextensions/@jupyter-widgets/manager/static/remoteEntry.1a.js",
        "/voila/labextensions/odd%20name/static/a%20b.js",  # as a browser writes it in a URL's path
        "/voila/static/1.voila.js",
        "/voila/static/2.voila.js",
        "/voila/static/voila.js",
    ]
    assert re.fullmatch(r"[0-9a-f]{16}", version)
    assert class_cache.precache([first], [], "/class/")[0] == [
        "/class/voila/static/1.voila.js",
        "/class/voila/static/voila.js",
    ]
    assert class_cache.precache([first], [], "class")[0][0].startswith("/class/voila/")


def test_the_version_changes_when_a_script_changes_and_only_then(tmp_path):
    static = _tree(tmp_path / "static", {"voila.js": "one", "1.voila.js": "two"})
    before = class_cache.precache([static], [])[1]
    assert class_cache.precache([static], [])[1] == before
    (static / "notes.txt").write_text("not a script", encoding="utf-8")
    assert class_cache.precache([static], [])[1] == before
    (static / "voila.js").write_text("one, upgraded", encoding="utf-8")
    changed = class_cache.precache([static], [])[1]
    assert changed != before
    stat = (static / "1.voila.js").stat()
    os.utime(static / "1.voila.js", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # same size, rewritten
    assert class_cache.precache([static], [])[1] not in (before, changed)
    (static / "3.voila.js").write_text("new chunk", encoding="utf-8")
    assert len(class_cache.precache([static], [])[0]) == 3


def test_the_worker_script_carries_the_list_and_the_version():
    paths = ["/voila/static/voila.js", '/voila/static/it\'s "quoted".js']
    script = class_cache.service_worker_js(paths, "0123456789abcdef", "/class")
    head = dict(re.findall(r"^self\.(EDU_\w+) = (.*);$", script, re.M))
    assert json.loads(head["EDU_VERSION"]) == "0123456789abcdef"
    assert json.loads(head["EDU_PRECACHE"]) == paths
    assert json.loads(head["EDU_NOTEBOOKS"]) == "/class/voila/render/"
    assert json.loads(head["EDU_PAUSE_MS"]) == class_cache.REGISTER_DELAY_MS
    body = script.split("\n", 4)[4]
    assert body == (class_cache._SW_SOURCE).read_text(encoding="utf-8")
    for event in ("install", "activate", "fetch"):
        assert f"addEventListener('{event}'" in body


def test_pages_get_what_they_need_to_register_the_worker(tmp_path):
    delays = {"delayMs": class_cache.REGISTER_DELAY_MS, "landingDelayMs": class_cache.LANDING_DELAY_MS}
    assert class_cache.registration("/") == {"url": "/edu-sw.js", "scope": "/", **delays}
    assert class_cache.registration("/user/li/") == {"url": "/user/li/edu-sw.js", "scope": "/user/li/", **delays}

    class Contents:
        root_dir = str(tmp_path)

    for notebook_path in ("", "06.ipynb"):
        config = present.page_config_hook({}, "/", {"contents_manager": Contents()}, None, None, notebook_path)
        assert config["eduWorker"]["url"] == "/edu-sw.js"


def test_the_config_file_adds_the_worker_handler_to_voila_once(monkeypatch, tmp_path):
    from voila.app import Voila

    runpy.run_path(str(present.VOILA_DIR / "voila.py"), init_globals={"get_config": Config})
    patched = Voila.init_handlers
    assert getattr(patched, "edu_sw", False)
    present.configure(Config())
    assert Voila.init_handlers is patched  # not wrapped twice

    class Fake:  # a Voilà whose own handlers are one route
        server_url = base_url = "/class/"

        def init_handlers(self):
            return [("/class/voila/render/(.*)", object)]

    import voila.app

    static = _tree(tmp_path / "static", {"voila.js": "v", "voila.css": "c"})
    ext = _tree(tmp_path / "ext", {"static/remoteEntry.js": "r"})
    monkeypatch.setattr(voila.app, "Voila", Fake)
    monkeypatch.setattr(class_cache, "voila_sources", lambda app: ([static], [("w", ext)]))
    monkeypatch.setattr(compile_hint, "_hinted", frozenset())
    class_cache.serve_service_worker()
    app = Fake()
    first, second = app.init_handlers()
    assert first == ("/class/edu-sw.js", class_cache.ServiceWorkerHandler, {"app": app})
    assert second == ("/class/voila/render/(.*)", object)
    # the scripts the worker stores are the ones served with the compile hint
    assert compile_hint.hinted(static / "voila.js") and compile_hint.hinted(ext / "static" / "remoteEntry.js")
    assert not compile_hint.hinted(static / "voila.css")
