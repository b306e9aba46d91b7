"""Voilà as the class view (``make present``: ``voila_command``): the Chinese landing page, a preheated 06
rendered without code, in projector mode at a projector's 1280×720, no developer text, the topic filter
works, and the page's kernel is shut down when the page goes away. Render times go to ``timings`` (with and
without the class view's service worker: tests/browser/test_voila_worker.py tests the worker itself)."""

from __future__ import annotations

import os
import re
import time
from urllib.parse import quote

from playwright.sync_api import expect

from edu_helpers.ui.present import notebook_list
from tests.browser.edu_browser import REPO, assert_projector_sizes, code_on_page, font_sizes
from tests.browser.test_lab_topic_explorer import PASSAGES, TOPIC, assert_topic_filter

NOTEBOOK = "06-topic-explorer.ipynb"
READY = ".topic-select select"
#: Developer text the class view must not show (parameters, file paths, commands).
#: Developer text the class view must not show: parameters, store paths, commands, a file's folders (an
#: absolute path), and rule or function ids (snake_case, e.g. a load report's ``unwrap_lines``).
DEV_TEXT = re.compile(
    r"DOCUMENT_PATH|STORE_PATH|EDU_ANNOTATIONS|\.sqlite|python -m|edu_helpers/|参数单元格"
    r"|(?<![\w.:/])/[\w.-]+/[\w./-]+|\b[a-z]+(?:_[a-z]+)+\b"
)
#: ``EDU_TIMING_ROUNDS=N``: N rounds of the :data:`VISITS` after the first (default 1), each once the pool is refilled.
ROUNDS = max(1, int(os.environ.get("EDU_TIMING_ROUNDS", "1")))
#: The visits timed after the first, in turn (see the end of the first test).
VISITS = (
    "from the landing page, at once",
    "from the landing page, while the worker installs",
    "from the landing page, worker installed",
    "direct link, first visit",
    "direct link, later visit",
)
CONTROLLED_JS = "() => !!navigator.serviceWorker.controller"
INSTALLING_JS = "() => navigator.serviceWorker.getRegistration().then((r) => !!(r && r.installing))"
#: Every text the loading screen (``#loading_text``) shows while the page loads, in ``window.eduLoadingTexts``.
LOADING_TEXTS_JS = """(() => {
  window.eduLoadingTexts = [];
  const seen = () => { const el = document.getElementById('loading_text');
    const t = el && el.textContent.trim(), all = window.eduLoadingTexts;
    if (t && all[all.length - 1] !== t) all.push(t); };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true, characterData: true});
})();"""
KERNEL_ID_JS = "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"


#: The page has rendered: the explorer's select and a passage shown, both charts drawn (checked every frame:
#: ``expect``'s own retries back off to 1 s, which would add up to that much to a render time).
RENDERED_JS = f"""() => {{
  const shown = (sel) => {{ const e = document.querySelector(sel);
    return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'; }};
  return shown({READY!r}) && shown({PASSAGES!r}) && document.querySelectorAll('.vega-embed svg.marks').length >= 2;
}}"""


def wait_rendered(page) -> None:
    page.wait_for_function(RENDERED_JS, polling="raf")
    expect(page.locator(READY).first).to_be_visible()
    expect(page.locator(".vega-embed svg.marks")).to_have_count(2)  # the heat map and the word chart
    expect(page.locator(PASSAGES).first).to_be_visible()


def test_class_view_landing_projector_no_developer_text_and_kernel_shutdown(
    voila_server, new_page, screenshot, timings
):
    voila = voila_server(REPO / "notebooks" / NOTEBOOK)
    page = new_page(1280, 720)
    page.goto(f"{voila.url}/?token={voila.token}")
    rows = page.locator("li.edu-notebook")
    expected = notebook_list(voila.root)
    expect(rows).to_have_count(len(expected))
    shown = rows.evaluate_all("els => els.map((e) => [e.dataset.path, e.querySelector('.edu-nb-title').textContent])")
    assert [(path, title.strip()) for path, title in shown] == [(p, v["title"]) for p, v in expected.items()]
    assert all(not title.isascii() for _, title in shown) and page.locator("html").get_attribute("lang") == "zh-CN"
    assert "Select items" not in page.locator("body").inner_text()
    screenshot(page, "landing")

    # a mistyped or removed notebook: a Chinese page with the way back (not Voilà's English one, whose
    # stylesheet from a CDN is a console error in an offline classroom)
    lost, console = page.context.new_page(), []  # (not instrumented: its own 404 is the console error expected)
    lost.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    missing = lost.goto(f"{voila.url}/voila/render/{quote('不在这里.ipynb')}?token={voila.token}")
    assert missing is not None and missing.status == 404
    expect(lost.locator(".edu-error[data-status='404'] h1")).to_have_text("找不到这个页面")
    assert lost.locator("html").get_attribute("lang") == "zh-CN" and "Not Found" not in lost.content()
    lost.get_by_role("link", name="回到课堂首页").click()
    expect(lost.locator("li.edu-notebook")).to_have_count(len(expected))
    assert [c for c in console if "404" not in c] == [], console  # no CDN stylesheet failing offline
    lost.close()

    voila.wait_preheated()
    page.add_init_script(LOADING_TEXTS_JS)
    started = time.perf_counter()
    page.locator(f"li.edu-notebook[data-path='{NOTEBOOK}'] a").click()
    wait_rendered(page)
    timings.add("voila render 06 (from the landing page)", time.perf_counter() - started)
    assert code_on_page(page) == 0
    # in Chinese from the first paint: the tab's title, the page's language, what the loading screen said
    title = expected[NOTEBOOK]["title"]
    assert page.title() == title and page.locator("html").get_attribute("lang") == "zh"
    loading = page.evaluate("window.eduLoadingTexts")
    assert all(t.startswith("正在打开") and not re.search("[A-Za-z]", t) for t in loading), loading
    assert loading[-1] == f"正在打开《{title}》……", loading  # (the step counter only while cells run)
    expect(page.get_by_role("heading", name="主题浏览器")).to_be_visible()
    text = page.locator("body").inner_text()
    assert not DEV_TEXT.search(text), DEV_TEXT.search(text)
    assert "Traceback" not in text
    assert_projector_sizes(font_sizes(page), where="Voilà 06")  # on by default in the class view
    screenshot(page, "projector-1280x720")
    assert_topic_filter(page, TOPIC)
    page.locator(".vega-embed").first.scroll_into_view_if_needed()
    screenshot(page, "projector-charts")

    kernel = page.evaluate(KERNEL_ID_JS)
    assert kernel in voila.kernel_ids()
    page.goto(f"{voila.url}/?token={voila.token}")  # leaving the page shuts its kernel down
    deadline = time.monotonic() + 60
    while kernel in voila.kernel_ids() and time.monotonic() < deadline:
        time.sleep(0.25)  # polling the process table: a real condition
    assert kernel not in voila.kernel_ids(), "the kernel of a closed page is still running"

    # The pool was refilled: other students open 06, in turn: from the landing page at once (before the class
    # view's service worker starts), while it installs, once it has installed (a student who reads the list
    # first), from a direct link in a fresh browser (no page of the class view loaded before), and from a direct
    # link in the browser that has the worker (a later visit).
    last = 1 + len(VISITS) * ROUNDS
    returning = None
    for visit in range(2, last + 1):
        kind = VISITS[(visit - 2) % len(VISITS)]
        voila.wait_preheated(times=visit)
        other = new_page(1280, 720, context=returning.context if kind == VISITS[4] else None)
        if kind in VISITS[:3]:
            other.goto(f"{voila.url}/?token={voila.token}")
            expect(other.locator("li.edu-notebook")).to_have_count(len(expected))
            if kind == VISITS[1]:
                other.wait_for_function(INSTALLING_JS, polling=20)
            elif kind == VISITS[2]:
                other.wait_for_function(CONTROLLED_JS)
                returning = other
            started = time.perf_counter()
            other.locator(f"li.edu-notebook[data-path='{NOTEBOOK}'] a").click()
        else:
            started = time.perf_counter()
            voila.open(other, READY)
        wait_rendered(other)
        if kind != VISITS[1]:  # (while installing, the worker takes the page over once it has installed)
            assert other.evaluate(CONTROLLED_JS) == (kind in VISITS[2::2]), kind  # its scripts from the worker?
        timings.add(f"voila render 06 ({kind})", time.perf_counter() - started)
        if visit < last:  # its kernel is shut down (pagehide), as a class leaving the page; each student has a
            # machine of their own: a worker still installing in another browser must not take this one's CPU
            other.close() if kind == VISITS[2] else other.context.close()
