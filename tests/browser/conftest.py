"""Browser tests: JupyterLab and Voilà driven by Playwright in Debian's Chromium, against servers they start.

Every test in this folder is marked ``browser`` (``pytest -m browser`` runs exactly these; ``-m "not browser"``
leaves them out). Where no Chromium is installed they are skipped with the reason; under
``EDU_REQUIRE_BROWSER=1`` (``.ci/run``) that same condition fails them instead.

Writing a new browser test::

    from playwright.sync_api import expect

    from edu_browser import REPO, code_on_page

    def test_topic_filter(lab_server, page):
        lab = lab_server(REPO / "notebooks")       # temporary copy of notebooks/, temporary annotation store
        nb = lab.open(page, "06-topic-explorer.ipynb")   # returns once the kernel is idle
        nb.run_all()                               # command notebook:run-all-cells; fails on error outputs
        page.locator(".topic-select select").select_option(label="职业教育")
        expect(page.locator(".topic-results .widget-html-content")).to_contain_text("职业教育")
        nb.restart_and_run_all()                   # notebook:restart-kernel → accept, then Run All
        assert lab.annotations.exists()            # the store the kernels were told about (EDU_ANNOTATIONS)

    def test_present(voila_server, page):
        voila = voila_server(REPO / "notebooks" / "06-topic-explorer.ipynb")
        voila.open(page, wait_for=".topic-select select")
        assert code_on_page(page) == 0

Fixtures:
    ``lab_server(notebooks=REPO/"notebooks", locale=None) -> LabServer``: starts JupyterLab on 127.0.0.1 (own
        token, free
        port, own process group, temporary Jupyter folders and Lab settings) serving a temporary copy of
        ``notebooks``; kernels get ``EDU_TEST_MODE=1`` and ``EDU_ANNOTATIONS`` (= ``server.annotations``).
        ``server.open(page, name) -> LabNotebook`` with ``run_all()``, ``restart_kernel()``,
        ``restart_and_run_all()``, ``wait_kernel_idle()``, ``command(id)``, ``prompts()``, ``errors()``;
        ``locale="zh_CN"`` sets Lab's language (the zh-CN language pack).
    ``voila_server(notebook) -> VoilaServer``: Voilà as the class view (``voila_command``) on a temporary copy of
        the notebook's folder, a preheated kernel for that notebook; ``server.open(page, wait_for=SELECTOR)``.
    ``timings``: ``timings.add(name, seconds)``; medians are written to ``benchmarks/results/browser.json``
        at the end of the session (``make bench`` prints them).
    ``page``: a fresh 1440×900 page; ``new_page()`` makes more. Default timeout ``EDU_BROWSER_TIMEOUT`` (90 s).
    ``screenshot(page, label)``: save ``screenshots/<test>--<label>.png`` mid-test.
Servers stop at teardown (``/api/shutdown``, then the process group, then any kernel left).

Widgets are found by a CSS class given in Python (``w.add_class("topic-select")``): ``.topic-select select`` →
``select_option(label=…)``, ``.note-input textarea`` → ``fill``, ``button.note-save`` → ``click``, HTML content
under ``.widget-html-content``. These selectors work in Lab and in Voilà. Wait with ``expect(...)`` or locator
waits, never ``time.sleep``.

After each test, every page it opened is saved as ``screenshots/<test name>[-N].png`` (gitignored); when the
test fails, the report has a "browser" section naming the screenshots, server logs and console errors.
Every page is also checked at teardown (``page_problems``): a console error, a page error, a failed request to
another host or a stderr output in the page fails the test (only webpack's shared-package version warnings of
the ipywidgets extension are ignored, see ``HARMLESS_CONSOLE``). A test that expects one calls
``page.edu_console.clear()`` after checking it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.edu_browser import (
    CHROMIUM_ARGS,
    REPO,
    TIMEOUT_S,
    TIMINGS_PATH,
    BrowserMissing,
    LabServer,
    VoilaServer,
    find_chromium,
    instrument,
    page_problems,
    screenshot_name,
    write_timings,
)

HERE = Path(__file__).resolve().parent
PAGES = pytest.StashKey[list]()
SERVERS = pytest.StashKey[list]()


def browser_required() -> bool:
    return os.environ.get("EDU_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark everything in this folder ``browser``, before ``-m`` selects."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.when == "setup" and call.excinfo is not None and call.excinfo.errisinstance(BrowserMissing):
        report.browser_missing = True  # shown as FAILED, not ERROR: see pytest_report_teststatus
    if call.when == "call" or (report.failed and item.stash.get(PAGES, None)):
        shots = _save_screenshots(item)
        if report.failed:
            report.sections.append(("browser", _failure_notes(item, shots)))
    return report


def pytest_report_teststatus(report, config):
    if getattr(report, "browser_missing", False):
        return "failed", "F", "FAILED"
    return None


def _save_screenshots(item) -> list[str]:
    saved = []
    for n, page in enumerate(item.stash.get(PAGES, []), start=1):
        path = screenshot_name(item.name if n == 1 else f"{item.name}-{n}")
        try:
            path.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(path), timeout=30_000)
            saved.append(str(path.relative_to(REPO)))
        except Exception as exc:  # a crashed page must not hide the test's own failure
            saved.append(f"{path.relative_to(REPO)} not saved: {exc}")
    return saved


def _failure_notes(item, shots: list[str]) -> str:
    lines = [f"screenshot: {s}" for s in shots] or ["no page was open, no screenshot"]
    for page in item.stash.get(PAGES, []):
        lines += [f"console: {m}" for m in getattr(page, "edu_console", [])[-20:]]
    for server in item.stash.get(SERVERS, []):
        lines += [f"{server.kind} log {server.log_path} (last lines):", server.log_tail(25)]
    return "\n".join(lines)


@pytest.fixture(scope="session", autouse=True)
def chromium_path() -> str:
    """Debian's Chromium, or a skip (a failure under EDU_REQUIRE_BROWSER=1) with the reason."""
    try:
        return find_chromium()
    except BrowserMissing as exc:
        if browser_required():
            raise BrowserMissing(f"EDU_REQUIRE_BROWSER=1 but {exc}") from None
        pytest.skip(str(exc))


@pytest.fixture(scope="session", autouse=True)
def compiled_package() -> None:
    """Byte-compile the package first, as an installed one is (pip compiles a wheel; ``make install`` runs
    compileall): where ``PYTHONDONTWRITEBYTECODE`` is set, every kernel would otherwise compile ~60 modules
    (0.2–0.3 s) and the timings would be a machine's setting, not the package's."""
    import compileall

    compileall.compile_dir(REPO / "edu_helpers", quiet=1)
    compileall.compile_dir(REPO / "source", quiet=1)


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the session (never a downloaded browser)."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_S * 1000)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, request):
    """Factory for fresh pages (own context, 1440×900 unless given), each screenshotted and checked after the test."""
    contexts = []

    def make(width: int = 1440, height: int = 900, *, context=None):
        """A page in a fresh context, or in ``context`` (a browser that has been here before: its caches, its
        service workers)."""
        if context is None:
            context = browser.new_context(viewport={"width": width, "height": height})
            context.set_default_timeout(TIMEOUT_S * 1000)
            contexts.append(context)
        page = context.new_page()
        instrument(page)
        request.node.stash.setdefault(PAGES, []).append(page)
        return page

    yield make
    problems = [p for page in request.node.stash.get(PAGES, []) for p in page_problems(page)]
    for context in contexts:
        context.close()
    assert not problems, "the page showed errors:\n" + "\n".join(problems)


@pytest.fixture
def page(new_page):
    """A fresh page."""
    return new_page()


@pytest.fixture
def screenshot(request):
    """``screenshot(page, label)`` saves ``screenshots/<test>--<label>.png`` and returns its path."""

    def save(page, label: str) -> Path:
        path = screenshot_name(request.node.name, label)
        path.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(path))
        return path

    return save


@pytest.fixture
def lab_server(request, tmp_path_factory):
    """Factory: ``lab_server(notebooks=REPO/"notebooks") -> LabServer``, started; stopped at teardown."""
    started = []

    def start(notebooks: Path | str = REPO / "notebooks", locale: str | None = None) -> LabServer:
        server = LabServer(tmp_path_factory.mktemp("lab"), Path(notebooks), locale=locale)
        started.append(server)
        request.node.stash.setdefault(SERVERS, []).append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def voila_server(request, tmp_path_factory):
    """Factory: ``voila_server(notebook) -> VoilaServer``, started; stopped at teardown."""
    started = []

    def start(notebook: Path | str) -> VoilaServer:
        server = VoilaServer(tmp_path_factory.mktemp("voila"), Path(notebook))
        started.append(server)
        request.node.stash.setdefault(SERVERS, []).append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


class Timings:
    """Seconds measured in the browser tests, by name (``lab run all 06``…), each with the machine's load
    average (1 min) when it was taken: the machine may be shared."""

    def __init__(self):
        self.values: dict[str, list[float]] = {}
        self.loads: dict[str, list[float]] = {}

    def add(self, name: str, seconds: float) -> None:
        self.values.setdefault(name, []).append(round(seconds, 3))
        if hasattr(os, "getloadavg"):
            self.loads.setdefault(name, []).append(round(os.getloadavg()[0], 2))


@pytest.fixture(scope="session")
def timings():
    """Collects timings; written to benchmarks/results/browser.json when the session ends (if any)."""
    collected = Timings()
    yield collected
    if collected.values:
        write_timings(collected.values, TIMINGS_PATH, loads=collected.loads)
