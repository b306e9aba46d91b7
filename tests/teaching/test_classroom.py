"""课堂汇总：合并学生文件（幂等）、匿名、逐段人数、各部分类型与标签、疑问、报告。"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import edu_helpers
from edu_helpers.annotations import AnnotationStore
from edu_helpers.annotations.exchange import export_annotations, write_export
from edu_helpers.teaching import classroom
from edu_helpers.teaching.report import summary_html, summary_markdown

XSS = ('<script>alert("x")</script>', '<img src=x onerror="alert(1)">')


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory: pytest.TempPathFactory, report: edu_helpers.Document) -> Path:
    folder = tmp_path_factory.mktemp("class")
    classroom.demo_student_files(folder, report, n=5, seed=11)
    return folder


def _export(store: AnnotationStore, doc: edu_helpers.Document, path: Path) -> Path:
    fmt = "csv" if path.suffix == ".csv" else "jsonld"
    return write_export(export_annotations(store, doc, fmt), path, fmt)


@pytest.fixture()
def small_class(tmp_path: Path, report: edu_helpers.Document) -> Path:
    """Three students with known marks: 张三 and 李四 on p11, 王五 (unsigned file) on p11 and p12."""
    folder = tmp_path / "class"
    folder.mkdir()
    for name, marks in {
        "张三": [("双减", "疑问", XSS[0], ("双减", XSS[1]))],
        "李四": [("优质均衡", "重点", "", ("双减",)), ("一体两翼", "疑问", XSS[1], ())],
        "": [("普惠发展", "心得", "", ()), ("职普融通", "联系实际", "", ("职教",))],
    }.items():
        with AnnotationStore(tmp_path / f"{name or 'anon'}.sqlite") as store:
            for quote, kind, note, tags in marks:
                store.annotate(report, quote, kind=kind, note=note, tags=tags, author=name)
            _export(store, report, folder / ("wang.csv" if not name else f"{len(marks)}-{name}.jsonld"))
    return folder


def test_demo_files_are_jsonld_and_csv(class_folder: Path) -> None:
    names = sorted(p.name for p in class_folder.iterdir())
    assert names == ["student-01.jsonld", "student-02.csv", "student-03.jsonld", "student-04.csv", "student-05.jsonld"]


def test_merge_is_idempotent(tmp_path: Path, class_folder: Path) -> None:
    with AnnotationStore(tmp_path / "class.sqlite") as store:
        first = classroom.import_folder(store, class_folder)
        n = len(store)
        assert first.added == n > 0 and len(first.files) == 5
        again = classroom.import_folder(store, class_folder)
        assert (again.added, again.updated, len(store)) == (0, 0, n)
        assert again.unchanged == n
        # a copy of one student's file under another name adds nothing either
        extra = tmp_path / "extra"
        extra.mkdir()
        shutil.copy(class_folder / "student-02.csv", extra / "again.csv")
        assert classroom.import_folder(store, extra).added == 0
        assert len(store) == n


def test_bad_folder_and_bad_file(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "s.sqlite") as store:
        with pytest.raises(ValueError, match="not a folder"):
            classroom.import_folder(store, tmp_path / "missing")
        (tmp_path / "bad").mkdir()
        (tmp_path / "bad" / "x.jsonld").write_text("{not json", encoding="utf-8")
        with pytest.raises(ValueError, match=r"x\.jsonld"):
            classroom.import_folder(store, tmp_path / "bad")
        assert len(store) == 0


def test_counts_kinds_tags_questions(tmp_path: Path, small_class: Path, report: edu_helpers.Document) -> None:
    with AnnotationStore(tmp_path / "class.sqlite") as store:
        classroom.import_folder(store, small_class)
        frame = classroom.class_frame(store, report)
    assert set(frame["author"]) == {"张三", "李四", "wang"}  # unsigned → the file's name
    paragraphs = classroom.passage_counts(frame, report).set_index("id")
    assert paragraphs.loc["p11", "n_students"] == 3 and paragraphs.loc["p11", "n_annotations"] == 3
    assert paragraphs.loc["p12", "n_students"] == 2
    assert paragraphs["n_students"].drop(["p11", "p12"]).eq(0).all()
    sentences = classroom.passage_counts(frame, report, level="sentence").set_index("id")
    assert sentences.loc["p11-s02", "n_students"] == 3 and sentences.loc["p11-s01", "n_students"] == 0
    kinds = classroom.section_kinds(frame, report)
    tasks = report.section_records[3].title
    assert kinds.loc[tasks].to_dict() == {"重点": 1, "疑问": 2, "心得": 1, "联系实际": 1}
    assert kinds.drop(tasks).to_numpy().sum() == 0
    tags = classroom.section_tags(frame, report)
    shuang = tags[tags["tag"] == "双减"].iloc[0]
    assert (shuang["n_annotations"], shuang["n_students"], shuang["section_title"]) == (2, 2, tasks)
    qs = classroom.questions(frame)
    assert sorted(qs["quote"]) == ["一体两翼", "双减"]


def test_pseudonyms_are_stable_and_hide_names(tmp_path: Path, small_class: Path, report: edu_helpers.Document) -> None:
    maps = []
    for run in range(2):
        with AnnotationStore(tmp_path / f"run{run}.sqlite") as store:
            classroom.import_folder(store, small_class)
            frame = classroom.class_frame(store, report, anonymise=True)
            maps.append(dict(zip(frame["id"], frame["author"], strict=True)))
            summary = classroom.summarise(store, report, anonymise=True)
    assert maps[0] == maps[1]
    assert sorted(set(maps[0].values())) == ["学生01", "学生02", "学生03"]
    for text in (summary_markdown(summary), summary_html(summary)):
        assert "学生01" in text
        for real in ("张三", "李四", "wang"):
            assert real not in text


def test_pseudonym_styles_and_order() -> None:
    names = ["张三", "李四", "王五"]
    numbered = classroom.pseudonyms(names)
    assert numbered == classroom.pseudonyms(list(reversed(names)))
    assert len({tuple(sorted(classroom.pseudonyms(names, salt=str(s)).items())) for s in range(10)}) > 1
    letters = classroom.pseudonyms(names, style="letter")
    assert sorted(letters[n] for n in names) == ["学生A", "学生B", "学生C"]
    assert classroom.pseudonyms([""]) == {"": classroom.UNSIGNED}
    with pytest.raises(ValueError):
        classroom.pseudonyms(names, style="roman")


def test_report_escapes_user_text(tmp_path: Path, small_class: Path, report: edu_helpers.Document) -> None:
    with AnnotationStore(tmp_path / "class.sqlite") as store:
        classroom.import_folder(store, small_class)
        summary = classroom.summarise(store, report)
    page, markdown = summary_html(summary), summary_markdown(summary)
    for text in (page, markdown):
        assert "<script>alert" not in text and "<img src=x" not in text
        assert "&lt;script&gt;alert" in text and "&lt;img src=x onerror=" in text
    assert page.startswith("<!DOCTYPE html>") and "edu-heatmap" in page
    assert 'data-id="p11-s02" data-students="3"' in page
    assert "| p11 |" in markdown and "## 待讨论的疑问" in markdown


def test_open_class_demo_and_files(tmp_path: Path) -> None:
    from edu_helpers.teaching.report import files_html, write_class_files

    session = classroom.open_class(store_path=tmp_path / "class.sqlite", demo_students=3)
    assert session.demo and len(classroom.student_files(session.folder)) == 3
    assert session.imported.added == len(session.store) > 0
    paths = write_class_files(session)
    assert [p.name for p in paths] == ["课堂汇总.html", "课堂汇总.md", "学习材料.html"]
    assert all(p.parent == tmp_path / "exports" and p.stat().st_size > 0 for p in paths)
    names = {a.author for a in session.store.annotations()}
    assert not any(name in paths[0].read_text(encoding="utf-8") for name in names)  # anonymised by default
    assert files_html(paths).count('class="edu-download"') == 3
    assert str(tmp_path) in files_html(paths)  # JupyterLab: where each file is
    shown = files_html(paths, names_only=True)  # the class view: names and links, not the server's folders
    assert str(tmp_path) not in shown and "<code>学习材料.html</code>" in shown and shown.count("edu-download") == 3
    session.store.close()


def test_questions_on_the_headline(tmp_path: Path, report: edu_helpers.Document) -> None:
    with AnnotationStore(tmp_path / "s.sqlite") as store:
        store.annotate(report, "高质量教育体系", kind="疑问", author="张三")  # the subtitle: no section
        qs = classroom.questions(classroom.class_frame(store, report))
    assert list(qs["section_title"]) == ["标题"]
