"""Servers and page helpers for the browser tests; conftest.py explains how to use them.

Facts behind the choices here are in ``../shared/notes/browser-testing.md``: loopback servers with their own
token, process group and temporary Jupyter folders. Lab runs with ``expose_app_in_browser``, so the tests use
Lab's commands (``notebook:run-all-cells``…) and its kernel objects, never menu labels: they pass with Lab in
English and in Chinese (``LabServer(locale="zh_CN")``). Voilà is started exactly as the class view is
(:func:`edu_helpers.ui.present.voila_command`). Nothing here sleeps to synchronise: every wait is on a real
condition (an HTTP answer, a DOM state, a log line), with generous timeouts for a loaded two-core machine.
:func:`page_problems` lists what no page may show (JavaScript errors, page errors, stderr outputs).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import quote

import nbformat

from edu_helpers.ui.present import PREHEATED_LOG, voila_command

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "screenshots"
#: Where the browser tests leave their timings for ``make bench`` (benchmarks/bench_browser.py).
TIMINGS_PATH = REPO / "benchmarks" / "results" / "browser.json"

#: Debian's binary first: the /usr/bin/chromium wrapper works too but prints a shell warning.
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: One UI wait (an element, a kernel state), in seconds. EDU_BROWSER_TIMEOUT raises it on slow machines.
TIMEOUT_S = float(os.environ.get("EDU_BROWSER_TIMEOUT", "90"))
#: Starting a server, or running every cell of a notebook.
LONG_TIMEOUT_S = 3 * TIMEOUT_S

# The two settings without which Lab tests flake (news pop-up; autosave writing outputs into the copy).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # the tests click English menu labels; `python -m edu_helpers lab` makes zh_CN the environment's default
    "@jupyterlab/translation-extension/plugin.jupyterlab-settings": {"locale": "en"},
}


#: Console messages that are not our problem: webpack's shared-module version notes. Voilà 0.5 provides
#: @jupyterlab 4.2 singletons while the installed @jupyter-widgets/jupyterlab-manager was built against a newer
#: Lab ("Unsatisfied version 4.2.5 … (required ^4.6.2)"); widgets work all the same. Only these are ignored.
HARMLESS_CONSOLE = re.compile(r"^(Unsatisfied version|No satisfying version) .* of shared singleton module")
#: Output areas that show stderr or an error (Voilà's "Javascript Error" bar uses the stderr mimetype too).
ERROR_OUTPUTS = "[data-mime-type='application/vnd.jupyter.stderr']"


def instrument(page) -> None:
    """Record the page's console errors and warnings, page errors and failed requests in ``page.edu_console``."""
    page.edu_console = []

    def on_console(message) -> None:
        if message.type in {"error", "warning"} and not HARMLESS_CONSOLE.match(message.text):
            if message.type == "error" or "error" in message.text.lower():
                page.edu_console.append(f"console {message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: page.edu_console.append(f"page error: {e}"))
    page.on(
        "requestfailed",
        lambda r: (
            not r.url.startswith(("http://127.0.0.1", "data:")) and page.edu_console.append(f"request failed: {r.url}")
        ),
    )


def page_problems(page) -> list[str]:
    """What the page must not show: console errors, page errors, failed outside requests, stderr outputs."""
    problems = list(getattr(page, "edu_console", []))
    try:
        outputs = _texts(page, ERROR_OUTPUTS)
    except Exception as exc:  # a closed page: nothing more to read
        outputs = [] if "closed" in str(exc) else [f"could not read the outputs: {exc}"]
    return problems + [f"stderr/error output: {t[:300]}" for t in outputs]


class BrowserMissing(Exception):
    """No usable Chromium or Playwright; a skip, or a failure under EDU_REQUIRE_BROWSER=1."""


def find_chromium() -> str:
    """Path of the Chromium to drive: $EDU_CHROMIUM if set, else Debian's. Raises BrowserMissing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        raise BrowserMissing(f"Python Playwright is not installed ({exc}); run `make install`") from exc
    configured = os.environ.get("EDU_CHROMIUM")
    candidates = [configured] if configured else [*CHROMIUM_CANDIDATES, shutil.which("chromium") or ""]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    looked = configured or ", ".join(CHROMIUM_CANDIDATES)
    raise BrowserMissing(
        f"no Chromium found (looked at {looked}); install it with "
        "`apt-get install chromium fonts-wqy-zenhei` or point EDU_CHROMIUM at one"
    )


def free_port() -> int:
    """A port that was free a moment ago; the caller retries if another process takes it first."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_notebooks(src: Path, dst: Path) -> Path:
    """Copy a notebooks folder, so that checkpoints and saves never touch the repository."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return dst


def server_env(base: Path) -> dict[str, str]:
    """Environment for a server and its kernels: private Jupyter folders, test mode, a temporary store."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER_", "JPY_"))}
    for var, name in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTER_DATA_DIR", "data"),
        ("IPYTHONDIR", "ipython"),
    ]:
        (base / name).mkdir(parents=True, exist_ok=True)
        env[var] = str(base / name)
    (base / "annotations").mkdir(exist_ok=True)
    env["JUPYTER_PREFER_ENV_PATH"] = "1"  # this venv's python3 kernel, not one from the home folder
    env["EDU_TEST_MODE"] = "1"
    env["EDU_ANNOTATIONS"] = str(base / "annotations" / "annotations.sqlite")
    return env


class Server:
    """A server process on 127.0.0.1 in its own process group, with a token and a log file.

    Attributes:
        port, token: where and how to reach it; ``url`` is ``http://127.0.0.1:PORT``.
        env: the environment the server and its kernels got (``env["EDU_ANNOTATIONS"]``…).
        annotations: the temporary annotation store path (``EDU_ANNOTATIONS``).
        log_path: stdout and stderr of the server and its kernels.
    """

    kind = "server"
    ready_path = "/"
    #: whether any HTTP status (404…) counts as ready, or only 200
    any_answer = False

    def __init__(self, base: Path):
        self.base = base
        self.env = server_env(base)
        self.annotations = Path(self.env["EDU_ANNOTATIONS"])
        self.log_path = base / f"{self.kind}.log"
        self.token = secrets.token_hex(16)
        self.port = 0
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def argv(self) -> list[str]:
        raise NotImplementedError

    def start(self, attempts: int = 3) -> Server:
        """Start and wait until it answers; a port taken in the meantime means another try."""
        for _ in range(attempts):
            self.port = free_port()
            with open(self.log_path, "ab") as log:
                self.proc = subprocess.Popen(
                    self.argv(),
                    cwd=self.base,
                    env=self.env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            if self._wait_ready():
                return self
            if "already in use" not in self.log_tail():
                break
        raise RuntimeError(f"{self.kind} did not start; log {self.log_path}:\n{self.log_tail()}")

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + LONG_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if self._answers():
                return True
            time.sleep(0.25)  # polling interval of a real condition, not a synchronising sleep
        self.stop()
        return False

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}{self.ready_path}?token={self.token}", timeout=5) as resp:
                return resp.status == 200
        except urllib.error.HTTPError:
            return self.any_answer
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def stop(self) -> None:
        """Ask politely, then end the process group and any kernel (kernels run in their own sessions)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        children = _descendants(self.proc.pid)
        self._shutdown_request()
        for sig, wait_s in [(None, 15), (signal.SIGTERM, 10), (signal.SIGKILL, 10)]:
            if sig is not None:
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    pass
            try:
                self.proc.wait(wait_s)
                break
            except subprocess.TimeoutExpired:
                continue
        for child in children:
            try:
                child.kill()
            except Exception:  # psutil.NoSuchProcess: already gone, which is the point
                pass

    def _shutdown_request(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""


def _alive(proc) -> bool:
    try:
        return proc.is_running() and proc.status() != "zombie"
    except Exception:  # psutil.NoSuchProcess: gone
        return False


def _descendants(pid: int) -> list:
    try:
        import psutil  # ipykernel depends on it
    except ImportError:
        return []
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


class LabServer(Server):
    """JupyterLab serving ``root``, a temporary copy of a notebooks folder. Open notebooks with ``open``."""

    kind = "jupyterlab"
    ready_path = "/api/status"

    def __init__(self, base: Path, notebooks: Path, *, locale: str | None = None):
        super().__init__(base)
        self.root = copy_notebooks(notebooks, base / "notebooks")
        self.settings_dir = base / "lab-settings"
        self.workspaces_dir = base / "lab-workspaces"
        self.workspaces_dir.mkdir()
        self.locale = locale
        settings = dict(LAB_SETTINGS)
        if locale:  # what `make lab` does with the zh-CN language pack, as the user's own setting
            settings["@jupyterlab/translation-extension/plugin.jupyterlab-settings"] = {"locale": locale}
        for rel, value in settings.items():
            path = self.settings_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))

    def argv(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.user_settings_dir={self.settings_dir}",
            f"--LabApp.workspaces_dir={self.workspaces_dir}",
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: commands instead of menu labels
        ]

    def _shutdown_request(self) -> None:
        """POST /api/shutdown: the server shuts its kernels down, then exits."""
        req = urllib.request.Request(
            f"{self.url}/api/shutdown", method="POST", headers={"Authorization": f"token {self.token}"}
        )
        try:
            urllib.request.urlopen(req, timeout=10).close()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            os.killpg(self.proc.pid, signal.SIGTERM)

    def open(self, page, name: str) -> LabNotebook:
        """Open notebook ``name`` (relative to ``root``) in a fresh workspace; return once its kernel is idle."""
        notebook = LabNotebook(self, page, name)
        notebook.opened_at = time.perf_counter()
        page.goto(f"{self.url}/lab/tree/{urllib.parse.quote(name)}?reset&token={self.token}")
        page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=LONG_TIMEOUT_S * 1000)
        notebook.wait_kernel_idle(timeout=LONG_TIMEOUT_S)
        return notebook


PROMPTS = ".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt"
STATUS_ITEMS = "#jp-main-statusbar .jp-StatusBar-TextItem"
#: an exception's last line, e.g. "SyntaxError: invalid syntax" (syntax errors come without "Traceback")
_ERROR_LINE = re.compile(r"^\w*(Error|Exception|Interrupt)\b", re.M)

# The JavaScript below runs in the page; it reads Lab's own objects (window.jupyterapp), never labels.
_KERNEL_IDLE_JS = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle' && !w.sessionContext.pendingInput;
}"""

# Flag the moment any code prompt shows [*], so that "all prompts numbered" after a rerun is never mistaken
# for the numbers left over from the run before.
_WATCH_PROMPTS_JS = """() => {
  window.__eduSawRunning = false;
  if (window.__eduPromptObserver) window.__eduPromptObserver.disconnect();
  const running = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    const prompt = el && el.closest('.jp-InputPrompt');
    return !!prompt && prompt.textContent.includes('*');
  };
  window.__eduPromptObserver = new MutationObserver((records) => {
    if (records.some((r) => running(r.target))) window.__eduSawRunning = true;
  });
  window.__eduPromptObserver.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""

# Done when a run was seen, no code cell is queued ([*]) any more, and the kernel is idle. Lab marks every
# queued cell [*] at once, and clears the marks of cells left unrun after an error.
_RUN_FINISHED_JS = f"""() => window.__eduSawRunning
  && ![...document.querySelectorAll('{PROMPTS}')].some((p) => p.textContent.includes('*'))
  && ({_KERNEL_IDLE_JS})()"""

# Flag the moment the kernel status leaves idle (restarting, starting…), so that the idle seen before the
# restart took effect does not count as the new kernel being ready.
_WATCH_STATUS_JS = """() => {
  window.__eduSawNotIdle = false;
  const ctx = window.jupyterapp.shell.currentWidget.sessionContext;
  if (!window.__eduStatusWatched) {
    window.__eduStatusWatched = true;
    ctx.statusChanged.connect((_, status) => { if (status !== 'idle') window.__eduSawNotIdle = true; });
  }
}"""
# Resolves once the page's main thread has had three idle frames in a row (Lab renders a notebook it just opened
# in chunks after its kernel is idle); at most 10 s. Run All is timed from there: the notebook is open.
_SETTLED_JS = """() => new Promise((resolve) => {
  let calm = 0;
  const t0 = performance.now();
  const tick = (deadline) => {
    calm = deadline.timeRemaining() >= 40 ? calm + 1 : 0;
    if (calm >= 3 || performance.now() - t0 > 10000) resolve(performance.now() - t0);
    else requestIdleCallback(tick, {timeout: 1000});
  };
  requestIdleCallback(tick, {timeout: 1000});
})"""
_COMMAND_JS = "([id, args]) => window.jupyterapp.commands.execute(id, args || {}).then(() => true)"
_APP_READY_JS = "() => !!(window.jupyterapp && window.jupyterapp.shell.currentWidget)"
_RESTARTED_JS = f"() => window.__eduSawNotIdle && ({_KERNEL_IDLE_JS})()"


def _texts(page, selector: str) -> list[str]:
    """textContent of every match: innerText is empty for cells Lab skips rendering (content-visibility)."""
    return page.locator(selector).evaluate_all("els => els.map((e) => e.textContent.trim())")


class LabNotebook:
    """One notebook open in JupyterLab, driven the way a reader would: menus, dialogs, widgets."""

    def __init__(self, server: LabServer, page, name: str):
        self.server, self.page, self.name = server, page, name
        self.opened_at: float | None = None
        self.last_run_s = self.open_run_s = None

    @property
    def code_cells(self) -> int:
        nb = nbformat.read(self.server.root / self.name, as_version=4)
        return sum(cell.cell_type == "code" for cell in nb.cells)

    def status_text(self) -> str:
        return " / ".join(self.page.locator(STATUS_ITEMS).all_inner_texts())

    def wait_kernel_idle(self, timeout: float = TIMEOUT_S) -> None:
        """Wait until the notebook's kernel is connected and idle (Lab's kernel object, in any language)."""
        try:
            self.page.wait_for_function(_KERNEL_IDLE_JS, timeout=timeout * 1000)
        except Exception as exc:
            dialog = self.page.locator(".jp-Dialog").all_inner_texts()
            raise AssertionError(
                f"kernel of {self.name} not idle after {timeout:.0f} s; status bar: {self.status_text()!r}"
                + (f"; open dialog: {dialog!r}" if dialog else "")
            ) from exc

    def command(self, command: str, args: dict | None = None, *, wait: bool = True) -> None:
        """Run a JupyterLab command by id (``notebook:run-all-cells``…): the same in every UI language."""
        self.page.wait_for_function(_APP_READY_JS)
        if wait:
            self.page.evaluate(_COMMAND_JS, [command, args])
        else:  # a command that opens a dialog resolves only once the dialog is answered
            self.page.evaluate(
                "([id, args]) => { window.jupyterapp.commands.execute(id, args || {}); }", [command, args]
            )

    def run_all(self, *, timeout: float = LONG_TIMEOUT_S, check_errors: bool = True) -> None:
        """Run All (command ``notebook:run-all-cells``), then wait until every code cell shows ``[n]`` and the
        kernel is idle; ``self.last_run_s`` is how long that took (kernel idle and the page settled → last
        output rendered), ``self.open_run_s`` the time since :meth:`LabServer.open` began (first run only).

        Raises:
            AssertionError: on timeout (with the status bar text), or if a cell printed an error and
                ``check_errors`` is true (with the error text).
        """
        self.wait_kernel_idle()
        self.page.evaluate(_SETTLED_JS)
        self.page.evaluate(_WATCH_PROMPTS_JS)
        started = time.perf_counter()
        self.command("notebook:run-all-cells")
        try:
            self.page.wait_for_function(_RUN_FINISHED_JS, timeout=timeout * 1000, polling=50)
            self.last_run_s = time.perf_counter() - started
            if self.opened_at is not None:
                self.open_run_s, self.opened_at = time.perf_counter() - self.opened_at, None
        except Exception as exc:
            raise AssertionError(
                f"Run All of {self.name} not finished after {timeout:.0f} s; prompts {self.prompts()}; "
                f"status bar: {self.status_text()!r}"
            ) from exc
        if not check_errors:
            return
        if errors := self.errors():
            raise AssertionError(f"{self.name} raised while running:\n" + "\n---\n".join(errors))
        prompts = self.prompts()
        if len(prompts) < self.code_cells or not all(re.match(r"\[\d+\]", p) for p in prompts):
            raise AssertionError(f"not every code cell of {self.name} ran: prompts {prompts}")

    def prompts(self) -> list[str]:
        """The code cells' prompts, e.g. ``["[1]:", "[2]:"]``."""
        return _texts(self.page, PROMPTS)

    def errors(self) -> list[str]:
        """Tracebacks shown in the notebook. Lab renders errors and stderr alike (a warning is no error)."""
        texts = _texts(
            self.page, ".jp-NotebookPanel .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        return [t for t in texts if "Traceback (most recent call last)" in t or _ERROR_LINE.search(t)]

    def restart_kernel(self) -> None:
        """Restart the kernel (command ``notebook:restart-kernel``), accept the dialog, wait until it is idle."""
        self.wait_kernel_idle()
        self.page.evaluate(_WATCH_STATUS_JS)
        self.command("notebook:restart-kernel", wait=False)
        self.page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click()
        self.page.locator(".jp-Dialog").wait_for(state="detached")
        try:
            self.page.wait_for_function(_RESTARTED_JS, timeout=LONG_TIMEOUT_S * 1000)
        except Exception as exc:
            raise AssertionError(f"kernel of {self.name} did not restart; status bar: {self.status_text()!r}") from exc

    def restart_and_run_all(self, **kwargs) -> None:
        """Restart the kernel (as above), then Run All (see ``run_all``)."""
        self.restart_kernel()
        self.run_all(**kwargs)


class VoilaServer(Server):
    """Voilà serving a temporary copy of a notebook's folder as the class view (``voila_command``: the edu
    template, landing page, culling; a preheated kernel for ``notebook`` only, to spare CI's two cores);
    :meth:`open` renders the one notebook (``/voila/render/NAME``)."""

    kind = "voila"
    ready_path = "/voila/static/"  # "/" would execute the notebook; a 404 here means the server is up
    any_answer = True

    def __init__(self, base: Path, notebook: Path):
        super().__init__(base)
        self.root = copy_notebooks(notebook.parent, base / "notebooks")
        self.notebook = self.root / notebook.name

    def argv(self) -> list[str]:
        argv, extra = voila_command(self.root, self.port, pools={self.notebook.name: 1})
        self.env.update(extra)
        return [*argv, "--Voila.port_retries=0", f"--token={self.token}"]

    def wait_preheated(self, times: int = 1, timeout: float = LONG_TIMEOUT_S) -> None:
        """Wait until a preheated kernel has run the whole notebook ``times`` times since the server started
        (the class view logs ``PREHEATED_LOG`` then; Voilà's own "Kernel pool … is filled" comes as soon as
        the kernel has started, before the notebook ran)."""
        deadline = time.monotonic() + timeout
        done = PREHEATED_LOG.split("%s")[0] + self.notebook.name
        while self.log_path.read_text(errors="replace").count(done) < times:
            if time.monotonic() > deadline:
                raise AssertionError(f"no preheated kernel after {timeout:.0f} s; log:\n{self.log_tail()}")
            time.sleep(0.25)  # polling a log file: a real condition

    def open(self, page, wait_for: str, *, timeout: float = LONG_TIMEOUT_S):
        """Load the rendered notebook and wait until ``wait_for`` (a CSS selector) is visible;
        ``self.last_render_s`` is the time from navigation to that."""
        started = time.perf_counter()
        page.goto(f"{self.url}/voila/render/{quote(self.notebook.name)}?token={self.token}")
        page.locator(wait_for).first.wait_for(state="visible", timeout=timeout * 1000)
        self.last_render_s = time.perf_counter() - started
        return page

    def kernels(self) -> int:
        """How many kernels the server's process runs now (children running ipykernel)."""
        return len(self.kernel_ids())

    def kernel_ids(self) -> set[str]:
        """Ids of the kernels running now (from their connection files, ``kernel-<id>.json``)."""
        ids = set()
        for child in _descendants(self.proc.pid):
            try:
                m = re.search(r"kernel-([0-9a-f-]{36})\.json", " ".join(child.cmdline())) if _alive(child) else None
            except Exception:  # psutil.NoSuchProcess: gone meanwhile
                m = None
            if m:
                ids.add(m.group(1))
        return ids


def code_on_page(page) -> int:
    """How many code editors or input prompts a page shows; 0 in Voilà."""
    return page.locator(".jp-InputArea-editor, .jp-InputPrompt, .CodeMirror, .cm-editor").count()


def screenshot_name(nodename: str, label: str = "") -> Path:
    """``screenshots/<test name>[--label].png``, with characters a file name should not hold replaced."""
    stem = re.sub(r"[^\w.\-]+", "-", nodename).strip("-")
    if label:
        stem += "--" + re.sub(r"[^\w.\-]+", "-", label).strip("-")
    return SCREENSHOTS / f"{stem}.png"


def write_timings(
    values: dict[str, list[float]], path: Path = TIMINGS_PATH, *, loads: dict[str, list[float]] | None = None
) -> None:
    """Merge ``{name: [seconds…]}`` into the JSON file (newer runs of a name replace older ones), with the load
    average: the median of ``loads[name]`` (taken with each measurement) if given, else the load now."""
    import statistics

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    when = time.strftime("%Y-%m-%dT%H:%M:%S")
    now = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    for name, seconds in values.items():
        taken = (loads or {}).get(name)
        load = statistics.median(taken) if taken else now
        data[name] = {"seconds": seconds, "measured": when, "load": load, **({"loads": taken} if taken else {})}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


#: Computed sizes in the page, for the projector checks: the smallest body text, metadata and chart label (px),
#: and the widest passage as a share of the notebook's width (Lab's side bar aside). Only elements shown (not
#: display:none) with text count.
FONT_SIZES_JS = """() => {
  const shown = (e) => (e.checkVisibility ? e.checkVisibility() : e.getClientRects().length > 0)
    && e.textContent.trim().length > 0;
  const sizes = (sel) => [...document.querySelectorAll(sel)].filter(shown)
    .map((e) => parseFloat(getComputedStyle(e).fontSize));
  const min = (xs) => (xs.length ? Math.min(...xs) : null);
  const body = sizes('.edu-passage-text, .edu-section-text p, .annotator-passage, .jp-RenderedMarkdown p, '
    + '.jp-RenderedMarkdown li, .edu-reading p, .widget-html-content .edu-msg, .jp-RenderedHTMLCommon td');
  const meta = sizes('.edu-passage-meta, .edu-chip, .edu-id, .widget-label, .jp-RenderedHTMLCommon th, '
    + '.edu-projector-switch, .widget-button');
  const chart = sizes('.vega-embed svg.marks text');
  const area = (e) => (e.closest('.jp-Notebook, #rendered_cells') || document.body).getBoundingClientRect().width;
  const widths = [...document.querySelectorAll('.edu-passage, .annotator-body, .edu-section-text')]
    .filter(shown).map((e) => e.getBoundingClientRect().width / area(e));
  return {body: min(body), meta: min(meta), chart: min(chart), n_body: body.length, n_chart: chart.length,
          width: widths.length ? Math.max(...widths) : null,
          projector: document.body.classList.contains('edu-projector')};
}"""


def font_sizes(page) -> dict:
    """``FONT_SIZES_JS`` evaluated in the page."""
    return page.evaluate(FONT_SIZES_JS)


def assert_projector_sizes(sizes: dict, *, where: str) -> None:
    """Projector mode: body ≥ 20 px, metadata ≥ 16 px, chart labels ≥ 14 px, passages (nearly) full width."""
    assert sizes["projector"], f"{where}: projector mode is off"
    assert sizes["n_body"] and sizes["body"] >= 20, f"{where}: body text {sizes}"
    assert sizes["meta"] is None or sizes["meta"] >= 16, f"{where}: metadata {sizes}"
    assert sizes["chart"] is None or sizes["chart"] >= 14, f"{where}: chart labels {sizes}"
    assert sizes["width"] is None or sizes["width"] >= 0.7, f"{where}: passages not full width {sizes}"
