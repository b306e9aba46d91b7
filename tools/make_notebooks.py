"""生成 notebooks/ 下的笔记本。Write the notebooks in ``notebooks/`` from the specs below.

The notebooks are thin: a Chinese title, what you will learn, one cell tagged ``parameters``, then
short calls into :mod:`edu_helpers.ui.study`. They are written with outputs cleared, no execution counts and
stable cell ids, so running this script again changes nothing unless a spec changed.

Usage::

    python tools/make_notebooks.py           # (re)write every notebook
    python tools/make_notebooks.py --check   # exit 1 if a notebook differs from its spec
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

PARAMS = """\
# 参数：改这里，然后从头运行全部单元格（菜单 运行 → 运行所有单元格 / Run → Run All Cells）。
DOCUMENT_PATH = None  # 报告文件；None 为随附的 2023 年全国教育工作会议报告
STORE_PATH = None  # 批注文件；None 为环境变量 EDU_ANNOTATIONS，或 annotations/notes.sqlite"""
SETUP = """\
from edu_helpers.ui import study

doc, store = study.open_study(DOCUMENT_PATH, STORE_PATH)
study.projector()  # 投影模式：大字、全宽（课堂视图中默认打开）"""

GUIDE = """\
| 笔记本 | 内容 |
|---|---|
| [01 标题与导语](01-headline-and-lead.ipynb) | 会议的指导思想、主线和目标 |
| [02 2022 年工作回顾](02-review-2022.ipynb) | 一年来的十项工作 |
| [03 四个“深刻认识”](03-four-understandings.ipynb) | 教育面临的四方面新要求 |
| [04 2023 年七项重点任务](04-seven-tasks-2023.ipynb) | 一是……七是…… |
| [05 工作要求与参会人员](05-requirements-and-attendance.ipynb) | 落实的要求；会议的范围 |
| [06 主题浏览器](06-topic-explorer.ipynb) | 按主题、部分和关键词筛选段落；热力图；词频 |
| [07 批注工作台](07-annotation-workbench.ipynb) | 我的全部批注：筛选、编辑、删除与撤销、导出 |
| [08 提法与术语](08-terms-and-formulations.ipynb) | 提法索引、术语表、每一处出现 |
| [09 课堂](09-classroom.ipynb) | 教师汇总全班批注：热力图、疑问列表、匿名投影、填空自测、学习材料 |
| [10 比较报告](10-compare-reports.ipynb) | 多年报告对照：语境索引、新提法与删去的提法、关键词、首次出现、条目对照 |"""

ANNOTATE_HELP = """\
## 批注

在下面的原文里**用鼠标选中**一段文字（选区会自动对齐到完整的词），或者在「选句」里选一句（只用键盘也可以）；
再选择类型（重点、疑问、心得、联系实际），写上标签（用逗号分隔）和批注，点 **保存**。批注立即写入批注文件，
高亮用类型的颜色显示；点击高亮可以看到批注内容。重启内核后再运行，高亮仍在。
全部批注可以在 [07 批注工作台](07-annotation-workbench.ipynb) 里编辑、删除和导出。"""


def md(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(text)


def dev(html: str) -> str:
    """A note for JupyterLab users only (file paths, parameters, commands): the class view hides ``.edu-dev``."""
    return f'<p class="edu-dev">{html}</p>'


def code(text: str, *tags: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(text)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def params(extra: str = "") -> nbformat.NotebookNode:
    return code(PARAMS + (f"\n{extra}" if extra else ""), "parameters")


def start_here() -> list:
    return [
        md(
            "# 导读：2023 年全国教育工作会议\n\n"
            "这套笔记本带你逐段精读 2023 年全国教育工作会议的新闻稿（2023 年 1 月 12 日，北京）。\n\n"
            "**你将了解：** 这份报告是什么；它由哪几部分组成、各有多长；这套笔记本怎样使用；"
            "你的批注保存在哪里、怎样导出。"
        ),
        params(),
        code(SETUP),
        md(
            "## 这份报告是什么\n\n"
            "会议新闻稿：导语交代会议的指导思想和目标，随后用“会议指出”“会议强调”“会议要求”引出各部分。"
        ),
        code("study.about(doc, store)"),
        md("## 结构一览\n\n每一部分的提示语、段落数、编号条目（“一是……七是”“一要……四要”）和字数："),
        code("study.structure_table(doc)"),
        code("study.structure_chart(doc)"),
        md(
            "## 怎样使用这套笔记本\n\n"
            "按顺序读 01–05，每本讲一部分：原文、结构、关键词与术语、主题、思考题，最后在原文上做批注。"
            "06–08 是工具：按主题找段落、管理批注、查提法和术语；09 是课堂：汇总全班的批注。\n\n"
            + GUIDE
            + "\n\n"
            + dev(
                "每本笔记本开头都有一个<b>参数单元格</b>：把 <code>DOCUMENT_PATH</code> 改成你自己的报告文件，"
                "就可以用同样的方法读其他报告。"
            )
        ),
        md("## 批注保存在哪里、怎样导出"),
        code("study.store_help(store)"),
    ]


def walkthrough(title: str, intro: str, learn: str, section: str, *, subitems: bool = False) -> list:
    inline = [
        md("## 结构：段内的并列条目\n\n一段之内用分号（或“一是、二是”）并列的几项工作，逐条列出。"),
        code("study.section_subitems(doc, SECTION)"),
    ]
    return [
        md(f"# {title}\n\n{intro}\n\n**你将学到：** {learn}"),
        params(
            f"SECTION = {section}  # 本笔记本讲解的部分（从 0 起，见 00-start-here 的结构表）\n"
            'AUTHOR = ""  # 你的名字，随批注保存（导出给老师汇总时有用）；留空则匿名'
        ),
        code(SETUP),
        md("## 原文"),
        code("study.section_header(doc, SECTION)"),
        code("study.section_text(doc, SECTION)"),
        md(
            "## 精读：一句一句\n\n一次读一句，句中的术语和提法附有解释；用「下一句」「上一句」前进。"
            "也可以切换到**通读**（全文）或**细读**（本部分和思考题）。"
        ),
        code("study.reading_view(doc, SECTION)"),
        md("## 结构：编号条目\n\n“一是……”“一要……”这样的编号条目，每条的要点往往就在第一句。"),
        code("study.section_items(doc, SECTION)"),
        *(inline if subitems else []),
        md("## 关键词与术语\n\n关键词按 TF-IDF 排序（套话和虚词已去掉）；术语和提法附有简要解释。"),
        code("study.section_keywords(doc, SECTION)"),
        code("study.section_terms(doc, SECTION)"),
        md(
            "## 主题\n\n这一部分的段落涉及哪些主题，依据是哪些词语。\n\n"
            + dev("主题分类表在 <code>edu_helpers/data/topics.toml</code>。")
        ),
        code("study.section_topics(doc, SECTION)"),
        md("## 思考题"),
        code("study.prompts_view(doc, SECTION)"),
        md(ANNOTATE_HELP),
        code("panel = study.annotator(doc, store, SECTION, author=AUTHOR)\npanel"),
    ]


def topic_explorer() -> list:
    return [
        md(
            "# 主题浏览器\n\n**你将学到：** 按主题、部分和关键词筛选段落，看命中的词语在原文中的位置；"
            "用热力图比较各部分的主题分布；用词频图看全文最常出现的词语。"
        ),
        params(),
        code(SETUP),
        md(
            "## 筛选段落\n\n选择主题、部分，或输入关键词（多个词用空格分隔，须全部出现）。"
            "黄色是关键词命中，蓝色下划线是让段落归入所选主题的词语。"
        ),
        code("explorer = study.explorer(doc)\nexplorer"),
        md("## 主题 × 部分\n\n每一格是这一部分中带有这个主题的段落数。"),
        code("study.topic_heatmap(doc)"),
        md("## 高频词\n\n全文出现次数最多的词语（不计标点、数字、虚词和“会议”“加快”之类的套话）。"),
        code("study.word_chart(doc)"),
    ]


def workbench() -> list:
    return [
        md(
            "# 批注工作台\n\n**你将学到：** 查看你的全部批注；按类型、标签、部分筛选；修改、删除（可撤销）；"
            "找到原文改动后无法定位的“孤立批注”；把批注导出为学习笔记（Markdown）、CSV 或 JSON-LD。"
        ),
        params(),
        code(SETUP),
        code("study.store_help(store)"),
        md(
            "## 我的批注\n\n在「选择」中选一条批注，改类型、标签或内容后点「保存修改」；点「删除」删除，"
            "点「撤销」恢复刚才的删除或修改。导出的文件路径和下载链接显示在最下面。"
        ),
        code("bench = study.workbench(doc, store)\nbench"),
        md("## 表格视图\n\n同样的批注，作为表格（可以用 pandas 继续分析）。"),
        code("study.annotation_table(doc, store)"),
    ]


def terms() -> list:
    return [
        md(
            "# 提法与术语\n\n**你将学到：** 报告里有哪些固定提法（如“两个确立”“一体两翼”“双减”），"
            "它们出现在哪里；关键术语是什么意思；选一个词，看它在原文中的每一处出现。"
        ),
        params(),
        code(SETUP),
        md("## 提法索引\n\n提法由三条规则自动找出：引号里的短语、数字概括（“四个意识”）、“一…两…”（“一体两翼”）。"),
        code("study.formulation_index(doc)"),
        md("## 术语表\n\n术语和提法的简要说明。\n\n" + dev("说明在 <code>edu_helpers/data/glossary.toml</code>。")),
        code("study.glossary_table(doc)"),
        md("## 每一处出现"),
        code("study.term_browser(doc)"),
        md(
            "## 可能的新提法\n\n词典里还没有、但在本文中结合紧密、前后搭配自由的词语（内部凝固度与左右邻熵都高），"
            "可能是新的提法。选中后点「加入我的词典」，下次启动时分词会把它们当作一个词。"
        ),
        code("study.new_formulations(doc)"),
    ]


CLASS_PARAMS = """\
# 参数：改这里，然后从头运行全部单元格（菜单 运行 → 运行所有单元格 / Run → Run All Cells）。
STUDENT_FOLDER = None  # 学生导出文件所在的文件夹；None 为自动生成的示例班级（5 名虚构学生）
DOCUMENT_PATH = None  # 报告文件；None 为随附的 2023 年全国教育工作会议报告
CLASS_STORE = None  # 合并后的全班批注库；None 为临时文件（不会混入你自己的批注）
ANONYMISE = True  # 投影时用代号代替姓名
LIVE_CLASS = None  # 班级服务器上的班级 id（需 $EDU_ANNOTATIONS=postgresql://…）；"" 为地址中的班级；None 不连服务器"""


def classroom() -> list:
    return [
        md(
            """\
# 课堂：汇总全班的批注

学生在自己的电脑上读报告、做批注，再从 [07 批注工作台](07-annotation-workbench.ipynb) 导出 JSON-LD 或 CSV 文件交给老师。
老师把这些文件放进一个文件夹，在这里一次合并（再合并一次不会重复添加），不需要任何服务器。

**你将看到：** 全班标注热力图（每句话有几名学生标注）；各部分的批注类型和标签；待讨论的疑问；
投影时用“学生01”等代号代替姓名的匿名开关；填空自测、三种阅读模式和可打印的学习材料。"""
        ),
        code(CLASS_PARAMS, "parameters"),
        code(
            "from edu_helpers.ui import study\n\n"
            "session = study.open_class(STUDENT_FOLDER, DOCUMENT_PATH, CLASS_STORE)\ndoc = session.doc\n"
            "study.projector()  # 投影模式：大字、全宽（课堂视图中默认打开）"
        ),
        md(
            """\
## 全班批注

「热力图」中颜色越深，标注这句话的学生越多；「类型与标签」按部分统计；「疑问」是要在课上讨论的问题。
勾选或取消「匿名显示」切换姓名与代号（代号在每次运行中保持不变）。学生交来新文件后点「重新读入」。
在班级服务器上（`LIVE_CLASS`），选择班级后，热力图、疑问和人数随学生批注自动刷新，无需重新运行。"""
        ),
        code("study.classroom_view(session, anonymise=ANONYMISE, live_class=LIVE_CLASS)"),
        md(
            """\
## 再合并一次

同一批文件再读入一次，什么也不会增加：每条批注有唯一的 id。"""
        ),
        code("print(study.merge_again(session))"),
        md(
            """\
## 导出汇总与学习材料

汇总报告（HTML 和 Markdown）和每个部分的学习材料（可打印的 HTML：原文、思考题、笔记空白）写入下面的文件夹。

<p class="edu-dev">命令行也能生成同样的汇总：
<code>python -m edu_helpers class-report 文件夹 -o 课堂汇总.html --anonymise</code>。</p>"""
        ),
        code("study.class_files(session, anonymise=ANONYMISE)"),
        md(
            """\
## 课堂活动：填空自测

从报告的关键词和提法所在的句子中出题。填入答案后点「检查」；需要时点「提示」；点「换一批」重新抽题。"""
        ),
        code("study.cloze_quiz(doc, n=5)"),
        md(
            """\
## 课堂活动：三种阅读模式

**通读**整篇报告；**细读**一个部分和它的思考题；**精读**逐句阅读，关键词标出，并附术语解释。"""
        ),
        code('study.reading_view(doc, 3, mode="细读")'),
    ]


COMPARE_PARAMS = """\
# 参数：改这里，然后从头运行全部单元格（菜单 Run → Run All Cells）。
CORPUS_PATH = None  # 报告所在的文件夹（txt 等）；None 为随包附带的三篇示例报告（为演示编写，不是真实报告）
DOC_A = None  # 较早一篇的编号（文件名去掉扩展名）；None 为年份最早的一篇
DOC_B = None  # 较晚一篇的编号；None 为年份最晚的一篇
QUERY = "产教融合"  # 语境索引的检索词（空格分开几个词）"""


def compare_reports() -> list:
    return [
        md(
            """\
# 比较报告：这一年有什么新提法？

把同一会议不同年份的报告放进一个文件夹，在这里对照阅读：哪些提法是新写入的（首次出现），哪些不再提，
同一项任务（如职业教育）换了什么说法。没有给出文件夹时，用的是随包附带、**为演示编写的三篇示例报告**
（2031—2033 年，标有“示例”），不是真实的会议报告。

**你将看到：** 语境索引（检索词居中，按左或右语境排序，点一行看原段落）；两篇之间新增和删去的提法与术语；
关键词（对数似然 G² 与对数比）；每个提法的首次出现年份和每万字频次趋势；条目按内容对齐的对照（可打印）；词语共现。"""
        ),
        code(COMPARE_PARAMS, "parameters"),
        code(
            "from edu_helpers.ui import study\n\n"
            "corpus = study.open_corpus(CORPUS_PATH)\nDOC_A, DOC_B = study.pick(corpus, DOC_A, DOC_B)\n"
            "study.projector()  # 投影模式：大字、全宽（课堂视图中默认打开）"
        ),
        code("study.corpus_table(corpus)"),
        md(
            """\
## 语境索引（KWIC）

输入检索词（几个词用空格分开，短语加引号），按「左语境」或「右语境」排序，相同的搭配就排在一起。点一行，下面显示原段落。

"""
            + dev("命令行：<code>python -m edu_helpers kwic 文件夹 --query 产教融合</code>。")
        ),
        code("kwic = study.kwic_browser(corpus, QUERY)\nkwic"),
        md(
            """\
## 新提法与删去的提法

较晚一篇（B）有而较早一篇（A）没有的提法、术语和候选短语，以及反过来 A 有 B 无的。只要原文里出现过这几个字，
就不算新增，所以分词的差别不会把旧词误认成新词。

"""
            + dev("命令行：<code>python -m edu_helpers compare A.txt B.txt</code>。")
        ),
        code("study.term_changes(corpus, DOC_A, DOC_B)"),
        md(
            """\
## 关键词：哪一篇更常说什么

对数似然 G² 判断差别是否显著，对数比（以 2 为底）表示差多少倍：+1 即 A 中的相对频次是 B 的两倍。"""
        ),
        code("study.keyness_table(corpus, DOC_A, DOC_B)"),
        code("study.keyness_chart(corpus, DOC_A, DOC_B)"),
        md(
            """\
## 首次出现与趋势

每个提法和术语第一次出现在哪一年、哪一篇；趋势图是每年每万字出现几次（篇幅不同的报告也能比较）。"""
        ),
        code("study.first_appearances(corpus)"),
        code("study.trend_chart(corpus, QUERY.split())"),
        md(
            """\
## 条目对照

两篇报告的部分和编号条目按内容（词语重合与主题）对齐，而不是按序号：A 的“四是”可能对应 B 的“五是”。
每一对里<del>删去的词语</del>和<ins>新增的词语</ins>分别标出；可以下载可打印的网页。"""
        ),
        code("study.structure_diff(corpus, DOC_A, DOC_B)"),
        md(
            """\
## 共现：哪些词常在同一句出现

Dice 系数越接近 1，两个词越常一起出现；PMI 越大，一起出现得越出乎偶然。"""
        ),
        code("study.cooccurrence_table(corpus)"),
        code("study.cooccurrence_heatmap(corpus)"),
    ]


def specs() -> dict[str, list]:
    """Notebook file name → its cells."""
    return {
        "00-start-here": start_here(),
        "01-headline-and-lead": walkthrough(
            "一、标题与导语",
            "标题和副标题点明会议的主题；导语用一句长句交代会议的指导思想、主线、目标和重点。",
            "导语的层次；“两个确立”“四个意识”等提法；会议的目标（教育强国）和重点（人才自主培养质量）。",
            "0",
        ),
        "02-review-2022": walkthrough(
            "二、2022 年工作回顾",
            "“会议指出”之后，用一个长段落回顾 2022 年：先定性这一年，再用分号列出十项工作，最后总结经验。",
            "十项工作各是什么；“从政治上看教育、从民生上抓教育、从规律上办教育”的含义。",
            "1",
            subitems=True,
        ),
        "03-four-understandings": walkthrough(
            "三、四个“深刻认识”",
            "“会议强调”之后，用“一要……四要”提出四个“深刻认识”：教育面对的四方面新形势和新要求。",
            "四个“深刻认识”各对应什么变化、对教育提出什么要求；“强国建设、教育何为”。",
            "2",
        ),
        "04-seven-tasks-2023": walkthrough(
            "四、2023 年七项重点任务",
            "“会议指出”之后，用“一是……七是”部署 2023 年的七项重点任务，从党的领导到各学段再到综合改革。",
            "七项任务的结构；“普惠发展”“优质均衡”“一体两翼”“产教融合”等提法；每项任务的抓手。",
            "3",
        ),
        "05-requirements-and-attendance": walkthrough(
            "五、工作要求与参会人员",
            "“会议要求”提出落实工作的四点作风要求；最后一段列出参会人员，说明会议的范围。",
            "“执行力”“精气神”“硬作风”“主动仗”；从参会人员看会议的层级和覆盖面。",
            "[4, 5]",
        ),
        "06-topic-explorer": topic_explorer(),
        "07-annotation-workbench": workbench(),
        "08-terms-and-formulations": terms(),
        "09-classroom": classroom(),
        "10-compare-reports": compare_reports(),
    }


def build(cells: list) -> nbformat.NotebookNode:
    """A notebook of ``cells``: stable ids, no outputs, no execution counts, the python3 kernel."""
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}})
    for n, cell in enumerate(cells):
        cell.id = f"cell-{n:02d}"
    nb.cells = cells
    nbformat.validate(nb)
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report notebooks that differ from their specs")
    args = parser.parse_args(argv)
    stale = []
    for name, cells in specs().items():
        path = NOTEBOOKS / f"{name}.ipynb"
        text = nbformat.writes(build(cells)) + "\n"
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run python tools/make_notebooks.py):", ", ".join(stale), file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
