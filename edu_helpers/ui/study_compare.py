"""比较报告笔记本调用的函数。What notebook 10 (compare reports) calls; :mod:`edu_helpers.ui.study` re-exports them.

corpus = study.open_corpus(CORPUS_PATH)            # None: the three 示例 reports shipped with the package
study.corpus_table(corpus)
study.kwic_browser(corpus, "产教融合")
study.term_changes(corpus, DOC_A, DOC_B); study.keyness_view(corpus, DOC_A, DOC_B)
study.first_appearances(corpus); study.trend_chart(corpus, ["产教融合"])
study.structure_diff(corpus, DOC_A, DOC_B); study.cooccurrence_view(corpus)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display
from pandas.io.formats.style import Styler

from edu_helpers.analysis.corpus import demo_folder, load_corpus
from edu_helpers.analysis.corpus_views import Corpus
from edu_helpers.markup import download_link
from edu_helpers.ui import html as R

TEST_MODE = os.environ.get("EDU_TEST_MODE", "").strip().lower() in {"1", "true", "yes"}
DEMO_NOTICE = "示例：没有给出文件夹，下面用的是随包附带、为演示编写的三篇虚构报告（2031—2033 年），不是真实报告。"
STATUS_ZH = {"new": "新增", "dropped": "删去"}
KIND_ZH = {"formulation": "提法", "lexicon": "术语", "ngram": "候选短语", "given": "指定"}


def _charts():
    from edu_helpers.ui.widgets import charts, compare_charts

    charts.use_offline_renderer()
    return compare_charts


def open_corpus(folder: str | Path | None = None) -> Corpus:
    """Load the reports of ``folder`` (a progress bar for many files); ``None``: the 示例 reports, said so.
    Prints how many reports were loaded, from the cache, and each file that was skipped."""
    from edu_helpers.ui.widgets.progress import LoadProgress

    corpus = load_corpus(folder if folder is not None else demo_folder(), progress=LoadProgress())
    if folder is None or corpus.documents["demo"].any():
        display(
            HTML(
                R.message(DEMO_NOTICE if folder is None else "示例：标有“示例”的报告为演示编写，不是真实报告。", "warn")
            )
        )
    r = corpus.report
    print(f"载入 {r['n_documents']} 篇报告（{r['n_from_cache']} 篇读自缓存），{r['seconds']} 秒。")
    for row in corpus.errors.itertuples():
        problem = row.error.removeprefix(f"{row.path}: ")
        zh = R.problem_label(problem)
        print(f"跳过 {R.shown_path(row.path)}：" + (f"{zh}（{problem}）" if zh else problem))
    return corpus


def pick(corpus: Corpus, doc_a: str | None, doc_b: str | None) -> tuple[str, str]:
    """The two report ids to compare: those given, else the earliest and the latest by year."""
    docs = corpus.documents.sort_values(["year", "id"], na_position="first", kind="stable")
    return doc_a or docs["id"].iloc[0], doc_b or docs["id"].iloc[-1]


def corpus_table(corpus: Corpus) -> Styler:
    """The reports: 编号, 标题, 日期, 示例, 字数, 段落, 编号条目."""
    d = corpus.documents
    table = pd.DataFrame(
        {"编号": d["id"], "标题": d["title"], "日期": d["date"], "示例": d["demo"].map({True: "是", False: ""}),
         "字数": d["n_chars"], "段落": d["n_paragraphs"], "编号条目": d["n_items"]}
    )  # fmt: skip
    return R.styled(table)


def kwic_browser(corpus: Corpus, query: str = "", *, sort: str = "left"):
    """The KWIC concordance widget (:class:`~edu_helpers.ui.widgets.kwic.KwicBrowser`)."""
    from edu_helpers.ui.widgets.kwic import KwicBrowser

    return KwicBrowser(corpus, query, sort=sort)


def term_changes(corpus: Corpus, doc_a: str, doc_b: str) -> Styler:
    """Terms new in B and dropped from A: 变化, 类型, 词语, A 次数, B 次数, 段落."""
    df = corpus.compare_terms(doc_a, doc_b)
    table = pd.DataFrame(
        {"变化": df["status"].map(STATUS_ZH), "类型": df["kind"].map(KIND_ZH), "词语": df["term"],
         "A 次数": df["count_a"], "B 次数": df["count_b"], "段落": df["paragraph_ids"].map("、".join)}
    )  # fmt: skip
    return R.styled(table.head(20) if TEST_MODE else table)


def keyness_table(corpus: Corpus, doc_a: str, doc_b: str, *, min_count: int = 2) -> Styler:
    """Keywords of A against B: 词语, 方向, A 次数, B 次数, G², 对数比 (positive first)."""
    df = corpus.keyness(doc_a, doc_b, min_count=min_count)
    table = pd.DataFrame(
        {"词语": df["word"], "方向": df["direction"].map({"positive": "A 多", "negative": "B 多"}),
         "A 次数": df["count_a"], "B 次数": df["count_b"], "G²": df["g2"].round(2), "对数比": df["log_ratio"].round(2)}
    )  # fmt: skip
    return R.styled(table)


def keyness_chart(corpus: Corpus, doc_a: str, doc_b: str, *, min_count: int = 2):
    """The keywords of each side as bars of log ratio (altair)."""
    return _charts().keyness_chart(corpus.keyness(doc_a, doc_b, min_count=min_count))


def first_appearances(corpus: Corpus, terms: list[str] | None = None) -> Styler:
    """When each 提法 and term first appears (首次出现): 词语, 类型, 首次出现, 首见报告, 最近出现, 出现年份数."""
    df = corpus.first_appearance(terms)
    table = pd.DataFrame(
        {"词语": df["term"], "类型": df["kind"].map(KIND_ZH).fillna(df["kind"]), "首次出现": df["first_year"],
         "首见报告": df["first_doc"], "最近出现": df["last_year"], "出现年份数": df["years"], "次数": df["count"]}
    )  # fmt: skip
    return R.styled(table.head(20) if TEST_MODE else table)


def trend_chart(corpus: Corpus, terms: list[str]):
    """Occurrences per 10,000 characters per year of each term (altair line chart)."""
    return _charts().trend_chart(corpus.trend(terms))


def structure_diff(corpus: Corpus, doc_a: str, doc_b: str, folder: str | Path | None = None) -> HTML:
    """The side-by-side diff (aligned items, words added and dropped marked), and a link to the printable
    page, written as a new file in ``folder`` (default: a temporary folder)."""
    from edu_helpers.analysis.align import STYLE, align, diff_fragment, diff_html

    ea, eb = corpus[doc_a], corpus[doc_b]
    alignment = align(ea, eb)
    out = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="edu-compare-"))
    out.mkdir(parents=True, exist_ok=True)
    path, k = out / f"对照-{doc_a}-{doc_b}.html", 2
    while path.exists():  # never over an earlier page
        path, k = out / f"对照-{doc_a}-{doc_b}-{k}.html", k + 1
    path.write_text(diff_html(ea, eb, alignment), encoding="utf-8")
    link = download_link(path, label="下载可打印的对照网页", mime="text/html")
    where = R.message(f"对照网页已另存为 {R.shown_path(path)}")
    return HTML(f"<style>{STYLE}</style>{diff_fragment(ea, eb, alignment)}{where}<p>{link}</p>")


def cooccurrence_table(corpus: Corpus, *, unit: str = "sentence", top: int = 20) -> Styler:
    """Term pairs in one sentence (or paragraph): 词语甲, 词语乙, 共现次数, PMI, Dice."""
    df = corpus.cooccurrence(unit=unit, top=top)
    table = pd.DataFrame(
        {"词语甲": df["term_a"], "词语乙": df["term_b"], "共现次数": df["n_ab"], "PMI": df["pmi"].round(2),
         "Dice": df["dice"].round(3)}
    )  # fmt: skip
    return R.styled(table.head(20) if TEST_MODE else table)


def cooccurrence_heatmap(corpus: Corpus, *, unit: str = "sentence", top: int = 20, measure: str = "dice"):
    """Heat map of the co-occurrence scores (altair)."""
    return _charts().cooccurrence_heatmap(corpus.cooccurrence(unit=unit, top=top), measure=measure)
