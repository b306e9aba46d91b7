"""``doctor [--tests] [--json]``: check the installation and say in Chinese what to fix.

One line per check, ✓ or ✗ (√/× on a GBK console, OK/NO on an ASCII one), and for each ✗ the fix. Checked: the
Python version and every package against the project's requirements (``importlib.metadata``; the checkout's
``pyproject.toml`` when the package is not installed), the jieba dictionary cache folder and the annotation
store's folder are writable, the bundled report is found; and, needed only for the browser tests and their
screenshots, Chromium and a CJK font. Exit code 0 when everything needed is there, 1 otherwise; ``--tests``
also counts the test dependencies, Chromium and the font as needed.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from edu_helpers.annotations.locations import checkout_dir, default_store_path

INSTALL = 'python -m pip install -e ".[test]"（在项目文件夹中 in the project folder）'
CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)
_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*?)\s*(?:;(.*))?$")


@dataclass(frozen=True)
class Check:
    """One line of the report: ``ok``; ``what`` was checked and found; ``fix`` when not ok; ``needed``
    (``False``: only the tests need it, so it does not change the exit code unless ``--tests``)."""

    ok: bool
    what: str
    fix: str = ""
    needed: bool = True


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tests", action="store_true", help="测试所需也算必需 / also require what the tests need")
    p.add_argument("--json", action="store_true", help="输出 JSON / print one JSON object")


def requirements() -> tuple[str, list[str]]:
    """``(requires_python, requirement strings)`` of the installed distribution, else of the checkout."""
    try:
        meta = metadata.metadata("edu_helpers")
        return meta.get("Requires-Python") or "", list(metadata.requires("edu_helpers") or [])
    except metadata.PackageNotFoundError:
        root = checkout_dir()
        if root is None:
            return "", []
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        test = [f'{r}; extra == "test"' for r in project.get("optional-dependencies", {}).get("test", [])]
        return project.get("requires-python", ""), [*project["dependencies"], *test]


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4])


def satisfies(version: str, spec: str) -> bool:
    """Whether ``version`` meets ``spec`` (``>=4.2``, ``>=1,<2``…), with ``packaging`` when it is there.

    >>> satisfies("4.2.5", ">=4.2"), satisfies("0.9", ">=0.42.1"), satisfies("2.0", "")
    (True, False, True)
    """
    if not spec.strip():
        return True
    try:
        from packaging.specifiers import SpecifierSet

        return SpecifierSet(spec).contains(version, prereleases=True)
    except ImportError:
        pass
    ops = {">=": "__ge__", ">": "__gt__", "<=": "__le__", "<": "__lt__", "==": "__eq__", "!=": "__ne__"}
    for op, wanted in re.findall(r"(>=|<=|==|!=|>|<)\s*([\w.]+)", spec):
        have, want = _release(version), _release(wanted)
        width = max(len(have), len(want))
        have, want = have + (0,) * (width - len(have)), want + (0,) * (width - len(want))
        if not getattr(have, ops[op])(want):
            return False
    return True


def check_python(requires: str) -> Check:
    have = platform.python_version()
    if satisfies(have, requires):
        return Check(True, f"Python {have}（需要 {requires or '任意'}）")
    return Check(False, f"Python {have} 太旧 too old（需要 {requires}）", "安装 Python 3.11 或更新版本 from python.org")


def check_packages(reqs: list[str]) -> Iterator[Check]:
    for line in reqs:
        m = _REQ.match(line)
        if m is None:
            continue
        name, spec, marker = m.group(1), m.group(2), m.group(3) or ""
        needed = "extra" not in marker
        role = "" if needed else "（测试用 for tests）"
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            yield Check(False, f"{name} 未安装 not installed{role}", INSTALL, needed)
            continue
        if satisfies(have, spec):
            yield Check(True, f"{name} {have}{role}", needed=needed)
        else:
            yield Check(False, f"{name} {have} 版本不符 needs {spec}{role}", INSTALL, needed)


def writable(folder: Path) -> str:
    """Why ``folder`` cannot hold our files ('' when it can): an existing folder gets a trial file."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        return f"{probe} 是文件而不是文件夹 is a file, not a folder"
    if probe != folder:
        return "" if os.access(probe, os.W_OK | os.X_OK) else f"无法在 {probe} 中建文件夹 cannot create folders there"
    try:
        with tempfile.TemporaryFile(dir=folder):
            return ""
    except OSError as exc:
        return f"无法写入 cannot write ({exc.strerror or exc})"


def check_cache() -> Check:
    try:
        from edu_helpers.analysis.lexicon import cache_dir
    except ImportError as exc:
        return Check(False, f"分词词典缓存：无法检查 cannot check ({exc})", INSTALL)
    folder = cache_dir()
    problem = writable(folder)
    if not problem:
        return Check(True, f"分词词典缓存可写 jieba dictionary cache writable: {folder}")
    fix = (
        "设置 EDU_HELPERS_CACHE 为一个可写的文件夹 set EDU_HELPERS_CACHE to a writable folder（否则每次启动慢约 1 秒）"
    )
    return Check(False, f"分词词典缓存不可写 cache not writable: {folder}: {problem}", fix)


def check_store() -> Check:
    path = default_store_path()
    problem = writable(path.parent)
    if not problem:
        return Check(True, f"批注库文件夹可写 annotation store folder writable: {path.parent}")
    fix = "设置 EDU_ANNOTATIONS 为可写位置的文件 set EDU_ANNOTATIONS to a file in a writable folder"
    return Check(False, f"批注库文件夹不可写 store folder not writable: {path.parent}: {problem}", fix)


def check_report() -> Check:
    from edu_helpers.text.load import bundled_path

    try:
        path = bundled_path()
        found = path.is_file()
    except (ImportError, OSError, TypeError) as exc:
        path, found = exc, False
    if found:
        return Check(True, f"内置报告 bundled report: {path}")
    return Check(False, f"找不到内置报告 bundled report missing: {path}", "重新安装 reinstall: " + INSTALL)


def check_chromium() -> Check:
    found = [os.environ.get("EDU_CHROMIUM", ""), *CHROMIUM, shutil.which("chromium") or ""]
    for path in filter(None, found):
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return Check(True, f"Chromium（浏览器测试用 for browser tests）: {path}", needed=False)
    fix = "apt-get install chromium，或设置 EDU_CHROMIUM 指向 Chromium（只有浏览器测试需要 only browser tests）"
    return Check(False, "没有 Chromium（浏览器测试用）no Chromium", fix, needed=False)


def check_font() -> Check:
    found = ""
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30)
            found = out.stdout.strip().splitlines()[0] if out.stdout.strip() else ""
        except (OSError, subprocess.SubprocessError):
            found = ""
    found = found or next((p for p in CJK_FONTS if Path(p).is_file()), "")
    if found:
        return Check(True, f"中文字体（截图用 for screenshots）: {found}", needed=False)
    fix = "apt-get install fonts-wqy-zenhei（截图中的中文才能显示 so screenshots show Chinese）"
    return Check(False, "没有中文字体 no CJK font", fix, needed=False)


def checks() -> list[Check]:
    """Every check, in the order printed."""
    requires, reqs = requirements()
    out = [check_python(requires)]
    if not reqs:
        out.append(Check(False, "edu_helpers 未安装 not installed", INSTALL))
    out += [*check_packages(reqs), check_cache(), check_store(), check_report(), check_chromium(), check_font()]
    return out


def marks(encoding: str | None) -> tuple[str, str]:
    """✓/✗ where the console can show them, else √/× (GBK), else OK/NO."""
    for pair in (("✓", "✗"), ("√", "×")):
        try:
            "".join(pair).encode(encoding or "ascii")
            return pair
        except (UnicodeEncodeError, LookupError):
            continue
    return "OK", "NO"


def run(args: argparse.Namespace) -> int:
    found = checks()
    bad = [c for c in found if not c.ok and (c.needed or args.tests)]
    if args.json:
        print(json.dumps({"ok": not bad, "checks": [asdict(c) for c in found]}, ensure_ascii=False, indent=2))
        return 1 if bad else 0
    yes, no = marks(getattr(sys.stdout, "encoding", None))
    print("edu_helpers 环境检查 doctor")
    for c in found:
        print(f"{yes if c.ok else no} {c.what}")
        if not c.ok:
            print(f"    修复 fix: {c.fix}" + ("" if c.needed or args.tests else "（可选 optional）"))
    print("一切正常 all good." if not bad else f"有 {len(bad)} 项需要处理 {len(bad)} problem(s) to fix.")
    return 1 if bad else 0
