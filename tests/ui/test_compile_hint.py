"""The compile hint the class view's server puts in front of Voilà's scripts: exact bytes for every range, real
tornado responses (length, ranges, ETag), and only for the scripts it was given (Voilà's own server, in
Chromium: tests/browser/test_voila_worker.py)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
import tornado.httpclient
import tornado.httpserver
import tornado.netutil
import tornado.web

from edu_helpers.ui import compile_hint
from edu_helpers.ui.compile_hint import HINT

SCRIPT = b"(self.chunks=self.chunks||[]).push([[7],{7:(e)=>{e.exports=function(){return '\xe4\xb8\xad'}}}]);\n"


@pytest.fixture
def no_hints(monkeypatch):
    """Whatever a test hints is forgotten afterwards (the wrapper itself stays: with no paths it passes through)."""
    monkeypatch.setattr(compile_hint, "_hinted", frozenset())


def _read(data: bytes):
    def read(start, end):
        yield data[start:end]

    return read


@pytest.mark.parametrize("size", [0, 5, len(SCRIPT)])
def test_every_range_of_the_hinted_content_is_the_hint_then_the_file(size):
    data = SCRIPT[:size]
    whole = HINT + data
    bounds = [None, *range(len(whole) + 2)]
    for start in bounds:
        for end in bounds:
            if start is not None and end is not None and end < start:
                continue
            got = b"".join(compile_hint.with_hint(_read(data), start, end))
            assert got == whole[start:end], (start, end)


def _serve(root, requests):
    """Serve ``root`` with tornado's StaticFileHandler on a free port; answer ``requests`` (path, headers)."""

    async def run():
        app = tornado.web.Application([(r"/s/(.*)", tornado.web.StaticFileHandler, {"path": str(root)})])
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        port = sockets[0].getsockname()[1]
        client = tornado.httpclient.AsyncHTTPClient()
        try:
            return [
                await client.fetch(f"http://127.0.0.1:{port}/s/{path}", headers=headers, raise_error=False)
                for path, headers in requests
            ]
        finally:
            server.stop()

    with ThreadPoolExecutor(1) as pool:  # its own event loop (a browser test may have left one running here)
        return pool.submit(asyncio.run, run()).result(timeout=60)


def test_the_server_sends_given_scripts_with_the_hint_and_everything_else_as_it_is(tmp_path, no_hints):
    (tmp_path / "voila.js").write_bytes(SCRIPT)
    (tmp_path / "notebook.js").write_bytes(SCRIPT)  # a file of the user's: not given
    (tmp_path / "style.css").write_bytes(b"body{}")
    plain = _serve(tmp_path, [("voila.js", {})])[0]
    compile_hint.hint_scripts([tmp_path / "voila.js"])
    whole, part, tail, other, css = _serve(
        tmp_path,
        [
            ("voila.js", {}),
            ("voila.js", {"Range": "bytes=10-39"}),
            ("voila.js", {"Range": f"bytes=-{len(SCRIPT) + 3}"}),
            ("notebook.js", {}),
            ("style.css", {}),
        ],
    )
    assert whole.code == 200 and whole.body == HINT + SCRIPT
    assert int(whole.headers["Content-Length"]) == len(HINT + SCRIPT)
    assert whole.headers["Etag"] != plain.headers["Etag"]  # a browser holding the plain file fetches it again
    assert part.code == 206 and part.body == (HINT + SCRIPT)[10:40]
    assert part.headers["Content-Range"] == f"bytes 10-39/{len(HINT + SCRIPT)}"
    assert tail.code == 206 and tail.body == (HINT + SCRIPT)[-(len(SCRIPT) + 3) :]
    assert other.body == SCRIPT and css.body == b"body{}"
    assert plain.body == SCRIPT  # before hint_scripts, nothing was hinted


def test_a_new_set_replaces_the_old_and_the_wrapper_is_installed_once(tmp_path, no_hints):
    a, b = tmp_path / "a.js", tmp_path / "b.js"
    a.write_bytes(SCRIPT)
    b.write_bytes(SCRIPT)
    compile_hint.hint_scripts([a])
    wrapped = tornado.web.StaticFileHandler.get_content
    compile_hint.hint_scripts([b])
    assert tornado.web.StaticFileHandler.get_content == wrapped
    assert compile_hint.hinted(b) and not compile_hint.hinted(a)
    link = tmp_path / "link.js"
    link.symlink_to(b)  # the same file under another name (a folder reached through a link)
    assert compile_hint.hinted(link)
    assert [r.body for r in _serve(tmp_path, [("a.js", {}), ("b.js", {})])] == [SCRIPT, HINT + SCRIPT]
