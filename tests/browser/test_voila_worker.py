"""The class view's service worker in Chromium (``edu_helpers/ui/class_cache.py``): the landing page installs it
with every script Voilà serves and older copies go; a notebook opened next gets all of Voilà's scripts from it
(with the server's scripts unreachable the page still renders and works); a page opened from a direct link
registers it once it has rendered; while a notebook page opened from the landing page renders, the installation
waits; a worker that cannot install leaves the pages as they were."""

from __future__ import annotations

import json
import re
import time
import urllib.request

from edu_helpers.ui.class_cache import REGISTER_DELAY_MS
from edu_helpers.ui.compile_hint import HINT
from tests.browser.edu_browser import REPO
from tests.browser.test_lab_topic_explorer import TOPIC, assert_topic_filter
from tests.browser.test_voila import CONTROLLED_JS, INSTALLING_JS, NOTEBOOK, READY, wait_rendered

#: Voilà's front-end scripts, as the pages request them.
SCRIPTS = re.compile(r"/voila/(static|labextensions)/[^?#]*\.js(\?|#|$)")
#: How the landing page's worker ends up: "activated", or "redundant" when its installation failed.
INSTALL_OUTCOME_JS = """() => new Promise((done) => {
  const look = () => navigator.serviceWorker.getRegistration().then((r) => {
    const worker = r && (r.installing || r.waiting || r.active);
    if (!worker) return setTimeout(look, 50);
    if (worker.state === 'activated' || worker.state === 'redundant') return done(worker.state);
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated' || worker.state === 'redundant') done(worker.state);
    });
  });
  look();
})"""
CACHED_JS = """(name) => caches.open(name).then((c) => c.keys()).then((ks) => ks.map((r) => new URL(r.url).pathname))"""


def worker_script(voila) -> tuple[dict, str, list[str]]:
    """The served worker: its headers, version and list of scripts."""
    with urllib.request.urlopen(f"{voila.url}/edu-sw.js", timeout=30) as response:
        headers, text = dict(response.headers), response.read().decode("utf-8")
    head = dict(re.findall(r"^self\.(EDU_\w+) = (.*);$", text, re.M))
    return headers, json.loads(head["EDU_VERSION"]), json.loads(head["EDU_PRECACHE"])


def test_landing_page_installs_the_worker_and_a_notebook_takes_every_script_from_it(voila_server, new_page):
    voila = voila_server(REPO / "notebooks" / NOTEBOOK)
    headers, version, paths = worker_script(voila)
    assert headers["Service-Worker-Allowed"] == "/" and headers["Content-Type"].startswith("text/javascript")
    assert headers["Cache-Control"] == "no-cache"
    assert "/voila/static/voila.js" in paths
    assert any(p.startswith("/voila/labextensions/@jupyter-widgets/jupyterlab-manager/static/") for p in paths)
    assert all(SCRIPTS.search(p) for p in paths), [p for p in paths if not SCRIPTS.search(p)]
    for path in paths:  # every script it will store is one the server serves, with the compile hint in front
        with urllib.request.urlopen(voila.url + path, timeout=30) as response:
            assert response.status == 200, path
            body = response.read()
            assert body.startswith(HINT) and int(response.headers["Content-Length"]) == len(body), path
    with urllib.request.urlopen(f"{voila.url}/voila/templates/edu/static/index.css", timeout=30) as response:
        assert not response.read().startswith(HINT)  # only the scripts given (the worker's)

    page = new_page(1280, 720)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))  # a script shown as a page asks for one
    page.goto(f"{voila.url}/edu-sw.js")  # a page of the class view's origin, before any worker: an older copy
    page.evaluate("caches.open('edu-class-view-00old').then((c) => c.put('/voila/static/voila.js', new Response('x')))")
    page.goto(f"{voila.url}/?token={voila.token}")
    page.wait_for_function(CONTROLLED_JS)  # installed and activated: it takes over the landing page
    assert page.evaluate("caches.keys()") == [f"edu-class-view-{version}"]  # the older copy is gone
    assert sorted(page.evaluate(CACHED_JS, f"edu-class-view-{version}")) == sorted(paths)
    stored = "(name) => caches.open(name).then((c) => c.match('/voila/static/voila.js')).then((r) => r.text())"
    assert page.evaluate(stored, f"edu-class-view-{version}").startswith(HINT.decode())

    voila.wait_preheated()
    page.context.route(SCRIPTS, lambda route: route.abort())  # the server's scripts are out of reach now
    scripts = []
    page.on("response", lambda r: scripts.append(r) if SCRIPTS.search(r.url) else None)
    page.locator(f"li.edu-notebook[data-path='{NOTEBOOK}'] a").click()
    wait_rendered(page)
    assert page.evaluate(CONTROLLED_JS)
    assert len(scripts) > 20 and all(r.from_service_worker and r.ok for r in scripts), [
        r.url for r in scripts if not r.from_service_worker
    ]
    assert {r.url.split("?")[0].replace(voila.url, "") for r in scripts} <= set(paths)
    assert_topic_filter(page, TOPIC)  # the page works: its kernel, its widgets


def test_the_installation_waits_while_a_notebook_opened_from_the_landing_page_renders(voila_server, new_page):
    voila = voila_server(REPO / "notebooks" / NOTEBOOK)
    _, version, paths = worker_script(voila)
    voila.wait_preheated()
    page = new_page(1280, 720)
    page.goto(f"{voila.url}/?token={voila.token}")
    page.wait_for_function(INSTALLING_JS, polling=20)
    started = time.monotonic()
    page.locator(f"li.edu-notebook[data-path='{NOTEBOOK}'] a").click()  # while the worker installs
    wait_rendered(page)
    cached = f"edu-class-view-{version}"
    stored = len(page.evaluate(CACHED_JS, cached))
    page.wait_for_timeout(2000)
    if time.monotonic() - started < REGISTER_DELAY_MS / 1000:  # (a page that took longer ends the pause itself)
        assert len(page.evaluate(CACHED_JS, cached)) == stored < len(paths), "the installation went on"
    page.wait_for_function(CONTROLLED_JS, timeout=REGISTER_DELAY_MS + 90_000)  # then it goes on, and takes over
    assert sorted(page.evaluate(CACHED_JS, f"edu-class-view-{version}")) == sorted(paths)
    stored = "(name) => caches.open(name).then((c) => c.match('/voila/static/voila.js')).then((r) => r.text())"
    assert page.evaluate(stored, f"edu-class-view-{version}").startswith(HINT.decode())
    assert_topic_filter(page, TOPIC)


def test_a_page_from_a_direct_link_registers_the_worker_once_rendered(voila_server, new_page):
    voila = voila_server(REPO / "notebooks" / NOTEBOOK)
    voila.wait_preheated()
    page = voila.open(new_page(1280, 720), READY)
    wait_rendered(page)
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r === undefined)")  # not yet
    page.wait_for_function(CONTROLLED_JS, timeout=REGISTER_DELAY_MS + 90_000)
    assert_topic_filter(page, TOPIC)  # taking over the page left it working


def test_a_worker_that_cannot_install_leaves_the_pages_as_they_were(voila_server, new_page):
    voila = voila_server(REPO / "notebooks" / NOTEBOOK)
    _, _, paths = worker_script(voila)
    page = new_page(1280, 720)
    missing = paths[len(paths) // 2]
    page.context.route(lambda url: url.endswith(missing), lambda route: route.abort())  # one script fails
    page.goto(f"{voila.url}/?token={voila.token}")
    assert page.evaluate(INSTALL_OUTCOME_JS) == "redundant"  # the installation was tried and given up
    page.context.unroute_all()
    voila.wait_preheated()
    page.locator(f"li.edu-notebook[data-path='{NOTEBOOK}'] a").click()
    wait_rendered(page)
    assert not page.evaluate(CONTROLLED_JS)
    assert page.evaluate("caches.keys()") in ([], [f"edu-class-view-{worker_script(voila)[1]}"])
    assert_topic_filter(page, TOPIC)
