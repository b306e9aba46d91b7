"""命令行。``python -m edu_helpers COMMAND …``

Each subcommand lives in its own module of this package exposing ``add_arguments(parser)`` and
``run(args) -> int``. Any :class:`ValueError` from the package (``DocumentError`` and the others
name the file and the problem) becomes one line on stderr and exit code 2, never a traceback; so does an
:class:`OSError`, as "file: problem" (commands name their output files themselves: ``cli.common.writing``).

Consoles (a GBK/cp936 Windows console, an ASCII one) never make a command crash: characters the console cannot
show are replaced. JSON output (``--json``, ``export --format jsonld``) is always UTF-8, whatever the console.
"""

from __future__ import annotations

import argparse
import importlib
import io
import sys

#: subcommand → (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "outline": ("outline", "显示文档结构 / print the outline (sections, items, paragraphs)"),
    "search": ("search", "按主题、部分、关键词查找段落 / find passages by topic, section and query"),
    "annotate": ("annotate", "添加批注并打印其 id / add an annotation, print its id"),
    "export": ("export", "导出学习笔记 / export annotations (markdown, csv, jsonld)"),
    "import": ("import_", "导入批注文件 / import annotation files (JSON-LD, Hypothesis, CSV)"),
    "class-report": ("class_report", "课堂批注汇总 / merge a folder of students' exports into a class summary"),
    "class-setup": ("class_setup", "在班级服务器上建班 / set up a class on PostgreSQL: schema, roles, policies"),
    "class-export": ("class_export", "导出全班或一位学生的批注 / export a class (or one student) with threads"),
    "class-import": ("class_import", "把全班导出的文件导入班级服务器 / import a class's files into the server"),
    "lab": ("lab", "打开 JupyterLab（中文界面）/ open JupyterLab on the first notebook"),
    "present": ("present", "课堂投影视图（Voilà）/ the code-free class view on 127.0.0.1"),
    "doctor": ("doctor", "检查安装环境 / check the installation and explain what to fix"),
    "kwic": ("kwic", "语境索引：检索词及其左右语境 / keyword in context over reports"),
    "compare": ("compare", "比较两篇报告：新提法、关键词、结构对照 / compare two reports"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m edu_helpers", description="会议类政策文本精读工具 / close reading of policy reports"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        mod = importlib.import_module(f"{__name__}.{module}")
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def _console(utf8: bool) -> None:
    """Make stdout safe for the console: replace what it cannot encode, or write UTF-8 for JSON.
    (stderr already replaces: Python gives it ``errors="backslashreplace"``.)"""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.flush()
        sys.stdout.reconfigure(encoding="utf-8", errors="strict") if utf8 else sys.stdout.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    _console(utf8=False)  # --help and every message below
    args = build_parser().parse_args(argv)
    if getattr(args, "json", False) is True or getattr(args, "format", None) == "jsonld":
        _console(utf8=True)
    try:
        return int(args._run(args) or 0)
    except BrokenPipeError:  # `… | head` closed the pipe: not an error
        return 0
    except (ValueError, OSError) as exc:
        message = str(exc).replace("\n", " ")
        if isinstance(exc, OSError) and exc.filename and exc.strerror:  # "file: problem", not "[Errno 2] …: 'file'"
            message = f"{exc.filename}: {exc.strerror}"
        print(f"error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
