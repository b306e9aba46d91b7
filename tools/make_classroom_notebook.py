"""生成 notebooks/09-classroom.ipynb。Write the classroom notebook from the spec below.

Same conventions as ``tools/make_notebooks.py``: a Chinese title, one cell tagged ``parameters``, short
calls into ``edu_helpers``; outputs cleared, no execution counts, stable cell ids, so running it again
changes nothing unless the spec changed.

Usage::

    python tools/make_classroom_notebook.py           # (re)write the notebook
    python tools/make_classroom_notebook.py --check   # exit 1 if the notebook differs from the spec
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

PATH = Path(__file__).resolve().parent.parent / "notebooks" / "09-classroom.ipynb"
KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

TITLE = """\
# 课堂：汇总全班的批注

学生在自己的电脑上读报告、做批注，再从 [07 批注工作台](07-annotation-workbench.ipynb) 导出 JSON-LD 或 CSV 文件交给老师。
老师把这些文件放进一个文件夹，在这里一次合并（再合并一次不会重复添加），不需要任何服务器。

**你将看到：** 全班标注热力图（每句话有几名学生标注）；各部分的批注类型和标签；待讨论的疑问；
投影时用“学生01”等代号代替姓名的匿名开关；填空自测、三种阅读模式和可打印的学习材料。"""

PARAMS = """\
# 参数：改这里，然后从头运行全部单元格（菜单 Run → Run All Cells）。
STUDENT_FOLDER = None  # 学生导出文件所在的文件夹；None 为自动生成的示例班级（5 名虚构学生）
DOCUMENT_PATH = None  # 报告文件；None 为随附的 2023 年全国教育工作会议报告
CLASS_STORE = None  # 合并后的全班批注库；None 为临时文件（不会混入你自己的批注）
ANONYMISE = True  # 投影时用代号代替姓名"""

SETUP = """\
from edu_helpers.teaching import classroom
from edu_helpers.teaching import report as classroom_report
from edu_helpers.ui.widgets import teaching as teaching_widgets
from edu_helpers.ui.widgets.reading import ReadingView
from IPython.display import HTML

session = classroom.open_class(STUDENT_FOLDER, DOCUMENT_PATH, CLASS_STORE)
print(session.imported, "（示例班级）" if session.demo else "")"""

VIEW = """\
## 全班批注

「热力图」中颜色越深，标注这句话的学生越多；「类型与标签」按部分统计；「疑问」是要在课上讨论的问题。
勾选或取消「匿名显示」切换姓名与代号（代号在每次运行中保持不变）。学生交来新文件后点「重新读入」。"""

AGAIN = """\
## 再合并一次

同一批文件再读入一次，什么也不会增加：每条批注有唯一的 id。"""

EXPORT = """\
## 导出汇总与学习材料

汇总报告（HTML 和 Markdown）和每个部分的学习材料（可打印的 HTML：原文、思考题、笔记空白）写入下面的文件夹。
命令行也能生成同样的汇总：`python -m edu_helpers class-report 文件夹 -o 课堂汇总.html --anonymise`。"""

QUIZ = """\
## 课堂活动：填空自测

从报告的关键词和提法所在的句子中出题。填入答案后点「检查」；需要时点「提示」；点「换一批」重新抽题。"""

READ = """\
## 课堂活动：三种阅读模式

**通读**整篇报告；**细读**一个部分和它的思考题；**精读**逐句阅读，关键词标出，并附术语解释。"""


def spec() -> list[nbformat.NotebookNode]:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    params = code(PARAMS)
    params.metadata["tags"] = ["parameters"]
    return [
        md(TITLE),
        params,
        code(SETUP),
        md(VIEW),
        code(
            "view = teaching_widgets.ClassroomView(\n"
            "    session.store, session.doc, folder=session.folder, anonymise=ANONYMISE\n)\nview"
        ),
        md(AGAIN),
        code("print(classroom.import_folder(session.store, session.folder))"),
        md(EXPORT),
        code(
            "paths = classroom_report.write_class_files(session, anonymise=ANONYMISE)\n"
            "HTML(classroom_report.files_html(paths))"
        ),
        md(QUIZ),
        code("quiz = teaching_widgets.ClozeQuiz(session.doc, n=5)\nquiz"),
        md(READ),
        code('reader = ReadingView(session.doc, mode="细读", section=3)\nreader'),
    ]


def build() -> str:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}})
    nb.cells = spec()
    for n, cell in enumerate(nb.cells):
        cell.id = f"cell-{n:02d}"
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the notebook differs from the spec")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        same = PATH.is_file() and PATH.read_text(encoding="utf-8") == text
        if not same:
            print(f"out of date (run python tools/make_classroom_notebook.py): {PATH.name}", file=sys.stderr)
        return 0 if same else 1
    PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
