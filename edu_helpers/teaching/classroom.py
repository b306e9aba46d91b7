"""课堂：汇总全班的批注。Merging a class's exported annotations and summarising them.

Students export their annotations (JSON-LD or CSV, see :mod:`edu_helpers.annotations`); the
teacher puts the files in one folder and merges them into a store with :func:`import_folder`
(idempotent: the same file twice adds nothing). :func:`class_frame` gives the merged
annotations of a document, optionally with stable pseudonyms instead of names; the other
functions count what the class marked, per passage and per section.

:func:`open_class` does it all for the classroom notebook; :func:`demo_student_files` (in
:mod:`edu_helpers.teaching.demo`) writes a made-up class for demos and tests.

Pseudonyms (学生01… or 学生A…) are numbered in the order of a salted hash of the names, so they
are the same in every run for the same class, and do not reveal alphabetical order.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from edu_helpers.annotations import AnnotationStore
from edu_helpers.teaching.demo import demo_student_files
from edu_helpers.text.document import Document

__all__ = [
    "ClassSession", "ClassSummary", "FolderImport", "class_frame", "demo_student_files", "import_folder",
    "open_class", "passage_counts", "pseudonyms", "questions", "section_kinds", "section_tags", "student_files",
    "summarise",
]  # fmt: skip

#: Prefix of a pseudonym (学生01, 学生A…).
PSEUDONYM_PREFIX = "学生"
#: Shown for annotations without an author.
UNSIGNED = "（未署名）"
#: Salt of the pseudonym order; ``$EDU_PSEUDONYM_SALT`` overrides it.
DEFAULT_SALT = "edu-helpers-classroom"
#: File name endings read by :func:`import_folder`.
PATTERNS = ("*.jsonld", "*.json", "*.csv")
QUESTION_KIND = "疑问"


def _letters(n: int) -> str:
    """0 → A, 25 → Z, 26 → AA (spreadsheet-style)."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out


def pseudonyms(authors: list[str] | set[str], *, style: str = "number", salt: str | None = None) -> dict[str, str]:
    """Stable pseudonyms for ``authors``: name → 学生01 (``style="number"``) or 学生A (``"letter"``).

    Names are ordered by a salted SHA-256 hash, so the same class gets the same pseudonyms in every
    run, whatever the order of the files. The empty author stays :data:`UNSIGNED`.

    >>> p = pseudonyms(["张三", "李四", "王五"])
    >>> sorted(p[name] for name in ["张三", "李四", "王五"])
    ['学生01', '学生02', '学生03']
    >>> p == pseudonyms(["王五", "张三", "李四"])
    True
    """
    if style not in ("number", "letter"):
        raise ValueError(f"unknown pseudonym style {style!r}: use 'number' or 'letter'")
    salt = salt if salt is not None else os.environ.get("EDU_PSEUDONYM_SALT", DEFAULT_SALT)
    names = sorted({a for a in authors if a}, key=lambda a: (hashlib.sha256(f"{salt}\n{a}".encode()).hexdigest(), a))
    width = max(2, len(str(len(names))))
    out = {"": UNSIGNED}
    for i, name in enumerate(names):
        out[name] = PSEUDONYM_PREFIX + (f"{i + 1:0{width}d}" if style == "number" else _letters(i))
    return out


@dataclass
class FolderImport:
    """What :func:`import_folder` did: the files read and the counts of added/updated/unchanged."""

    files: list[Path] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"读入 {len(self.files)} 个文件：新增 {self.added}，更新 {self.updated}，未变 {self.unchanged}"


def student_files(folder: str | Path) -> list[Path]:
    """The export files in ``folder`` (``.jsonld``, ``.json``, ``.csv``), sorted by name.

    Raises:
        ValueError: ``folder`` does not exist or is not a folder.
    """
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise ValueError(f"{path}: 不是文件夹 not a folder of student files")
    return sorted({f for pattern in PATTERNS for f in path.glob(pattern) if f.is_file()})


def import_folder(store: AnnotationStore, folder: str | Path) -> FolderImport:
    """Merge every student file of ``folder`` into ``store``; importing again adds nothing.

    Every file is read and checked before anything is written (one bad file → nothing imported).
    An annotation without an author gets the file's name (without suffix) as its author, so that
    unsigned students still count as distinct students.

    Raises:
        ValueError: the folder is missing; a file is invalid (the message names the file and record).
    """
    from edu_helpers.annotations.exchange import read_import_file

    summary = FolderImport()
    parsed = []
    for path in student_files(folder):
        annotations, _skipped = read_import_file(path)
        parsed.append([a if a.author else dataclasses.replace(a, author=path.stem) for a in annotations])
        summary.files.append(path)
    for annotations in parsed:
        result = store.add_many(annotations)
        summary.added += result.added
        summary.updated += result.updated
        summary.unchanged += result.unchanged
    return summary


def class_frame(
    store: AnnotationStore, doc: Document, *, anonymise: bool = False, style: str = "number", salt: str | None = None
) -> pd.DataFrame:
    """The class's live annotations of ``doc``, as :meth:`AnnotationStore.to_frame` (same columns).

    With ``anonymise``, ``author`` holds a pseudonym (see :func:`pseudonyms`); empty authors read
    :data:`UNSIGNED` either way.
    """
    frame = store.to_frame(doc)
    names = pseudonyms(set(frame["author"]), style=style, salt=salt) if anonymise else {"": UNSIGNED}
    frame["author"] = [names.get(a, a) for a in frame["author"]]
    return frame


def _overlaps(frame: pd.DataFrame, start: int, end: int) -> pd.Series:
    placed = frame["start"].notna()
    return placed & (frame["start"].fillna(-1) < end) & (frame["end"].fillna(-1) > start)


def passage_counts(frame: pd.DataFrame, doc: Document, *, level: str = "paragraph") -> pd.DataFrame:
    """How many distinct students marked each passage.

    Args:
        frame: from :func:`class_frame`.
        doc: the document.
        level: ``"paragraph"`` or ``"sentence"``.

    Returns:
        One row per passage, in text order. Columns: ``id`` (``p03`` or ``p03-s01``), ``section``,
        ``text``, ``start``, ``end``, ``n_students`` (distinct authors whose annotation overlaps
        the passage), ``n_annotations``.
    """
    if level not in ("paragraph", "sentence"):
        raise ValueError(f"level must be 'paragraph' or 'sentence', not {level!r}")
    passages = doc.paragraphs if level == "paragraph" else doc.sentences
    rows = []
    for p in passages.itertuples():
        hit = frame[_overlaps(frame, p.start, p.end)]
        rows.append((p.id, p.section, p.text, p.start, p.end, hit["author"].nunique(), len(hit)))
    columns = ["id", "section", "text", "start", "end", "n_students", "n_annotations"]
    return pd.DataFrame(rows, columns=columns)


def section_kinds(frame: pd.DataFrame, doc: Document) -> pd.DataFrame:
    """Annotations per section and kind: index ``section_title`` (every section, in order), one
    column per kind (the known kinds first), counts as ints; unplaced (orphan) annotations are left out."""
    from edu_helpers.annotations import kinds

    titles = [s.title for s in doc.section_records]
    placed = frame[frame["section"].notna()]
    table = pd.crosstab(placed["section"].astype(int), placed["kind"].fillna("（无类型）"))
    extra = [k for k in table.columns if k not in kinds()]
    table = table.reindex(index=range(len(titles)), columns=[*kinds(), *extra], fill_value=0).fillna(0).astype(int)
    table.index = pd.Index(titles, name="section_title")
    table.columns.name = "kind"
    return table


def section_tags(frame: pd.DataFrame, doc: Document) -> pd.DataFrame:
    """Tags per section. Columns: ``section``, ``section_title``, ``tag``, ``n_annotations``,
    ``n_students``; sorted by section, then most used tag first."""
    titles = [s.title for s in doc.section_records]
    rows = [
        (int(r.section), r.author, tag) for r in frame.itertuples() if r.section is not pd.NA for tag in r.tags or ()
    ]
    long = pd.DataFrame(rows, columns=["section", "author", "tag"])
    grouped = long.groupby(["section", "tag"]).agg(n_annotations=("author", "size"), n_students=("author", "nunique"))
    out = grouped.reset_index().sort_values(["section", "n_annotations", "tag"], ascending=[True, False, True])
    out.insert(1, "section_title", [titles[s] for s in out["section"]])
    return out.reset_index(drop=True)


def questions(frame: pd.DataFrame) -> pd.DataFrame:
    """The 疑问 to discuss, in text order. Columns: ``section``, ``section_title`` (``标题`` for the
    headline, ``原文中已找不到`` for an orphan), ``quote``, ``note``, ``author``, ``tags``, ``paragraph_id``."""
    cols = ["section", "section_title", "quote", "note", "author", "tags", "paragraph_id"]
    out = frame.loc[frame["kind"] == QUESTION_KIND, [*cols, "status"]].reset_index(drop=True)
    where = ["原文中已找不到" if status == "orphan" else "标题" for status in out["status"]]
    out["section_title"] = [t if isinstance(t, str) else w for t, w in zip(out["section_title"], where, strict=True)]
    return out[cols]


@dataclass(frozen=True)
class ClassSummary:
    """Everything the class report shows (see :func:`summarise`).

    Attributes:
        title, date: of the document.
        students: authors (or pseudonyms) in display order; ``n_annotations`` live annotations,
            ``n_orphans`` of them no longer placed in the text.
        paragraphs, sentences: :func:`passage_counts` at both levels.
        kinds: :func:`section_kinds`; ``tags``: :func:`section_tags`; ``questions``: :func:`questions`.
        anonymised: whether names were replaced by pseudonyms.
    """

    title: str
    date: str
    students: tuple[str, ...]
    n_annotations: int
    n_orphans: int
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    kinds: pd.DataFrame
    tags: pd.DataFrame
    questions: pd.DataFrame
    section_titles: tuple[str, ...]
    anonymised: bool = False


def summarise(store: AnnotationStore, doc: Document, *, anonymise: bool = False, style: str = "number") -> ClassSummary:
    """The class summary of ``doc`` from the annotations in ``store``."""
    frame = class_frame(store, doc, anonymise=anonymise, style=style)
    return ClassSummary(
        title=doc.title,
        date=doc.date,
        students=tuple(sorted(set(frame["author"]))),
        n_annotations=len(frame),
        n_orphans=int((frame["status"] == "orphan").sum()),
        paragraphs=passage_counts(frame, doc),
        sentences=passage_counts(frame, doc, level="sentence"),
        kinds=section_kinds(frame, doc),
        tags=section_tags(frame, doc),
        questions=questions(frame),
        section_titles=tuple(s.title for s in doc.section_records),
        anonymised=anonymise,
    )


@dataclass
class ClassSession:
    """What the classroom notebook works on (see :func:`open_class`).

    Attributes:
        doc: the report; ``store``: the class store the files were merged into; ``folder``: the
        students' files; ``exports``: where summaries and handouts are written; ``imported``: what
        the first merge did; ``demo``: whether ``folder`` holds made-up students.
    """

    doc: Document
    store: AnnotationStore
    folder: Path
    exports: Path
    imported: FolderImport
    demo: bool = False


def open_class(
    folder: str | Path | None = None,
    document_path: str | Path | None = None,
    store_path: str | Path | None = None,
    *,
    demo_students: int = 5,
) -> ClassSession:
    """Load the report, merge a folder of students' files into a class store, ready to show.

    Args:
        folder: the students' exported files; ``None`` → a demo class of ``demo_students``
            made-up students, generated into a new temporary folder.
        document_path: the report (``None``: the bundled one).
        store_path: the class store; ``None`` → a new temporary file, so the class's notes never
            mix with your own annotations. Summaries and handouts go to ``exports/`` beside it.
    """
    from edu_helpers.text.load import load_document

    doc = load_document(document_path)
    work = Path(tempfile.mkdtemp(prefix="edu-class-")) if folder is None or store_path is None else Path()
    if folder is None:
        demo_student_files(work / "students", doc, n=demo_students)
        folder = work / "students"
    store = AnnotationStore(store_path if store_path is not None else work / "class.sqlite")
    imported = import_folder(store, folder)
    exports = store.path.parent / "exports"
    return ClassSession(doc, store, Path(folder), exports, imported, demo=folder == work / "students")
