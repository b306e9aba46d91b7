"""课堂笔记本调用的函数。What the classroom notebook (09) calls; :mod:`edu_helpers.ui.study` re-exports them.

session = study.open_class(STUDENT_FOLDER, DOCUMENT_PATH, CLASS_STORE)
study.classroom_view(session, anonymise=ANONYMISE, live_class=LIVE_CLASS)
"""

from __future__ import annotations

import os
from pathlib import Path

from IPython.display import HTML

from edu_helpers.teaching import classroom, report
from edu_helpers.teaching.classroom import ClassSession
from edu_helpers.text.document import Document
from edu_helpers.ui import html as R


def open_class(
    folder: str | Path | None = None, document_path: str | Path | None = None, store_path: str | Path | None = None
) -> ClassSession:
    """The report and a class store with the students' files merged (``folder=None``: a demo class);
    prints what the merge did."""
    session = classroom.open_class(folder, document_path, store_path)
    print(session.imported, "（示例班级）" if session.demo else "")
    return session


def classroom_view(session: ClassSession, *, anonymise: bool = True, live_class: str | None = None):
    """The class view: heat map, kinds and tags per section, questions, the anonymise switch.

    With ``live_class`` (a class id; ``""``: the class of ``$EDU_ANNOTATIONS``) and a class server in
    ``$EDU_ANNOTATIONS``: the live view of that class, refreshing by itself while students annotate.
    Without a server it is the view of the merged files, as always.
    """
    from edu_helpers.annotations.locations import ENV_VAR

    server = os.environ.get(ENV_VAR, "").strip()
    if live_class is not None and server.lower().startswith(("postgresql://", "postgres://")):
        from edu_helpers.annotations import AnnotationStore
        from edu_helpers.annotations.postgres import PostgresBackend
        from edu_helpers.ui.widgets.live import LiveClassView

        backend = PostgresBackend(server, class_id=live_class or None, migrate=False)
        return LiveClassView(AnnotationStore(backend), session.doc, anonymise=anonymise)
    from edu_helpers.ui.widgets.teaching import ClassroomView

    return ClassroomView(session.store, session.doc, folder=session.folder, anonymise=anonymise)


def merge_again(session: ClassSession) -> str:
    """Merge the folder once more (adds nothing that is already there); what it did, as one line."""
    return str(classroom.import_folder(session.store, session.folder))


def class_files(session: ClassSession, *, anonymise: bool = True) -> HTML:
    """Write the class summary (HTML, Markdown) and the handouts; their paths with download links."""
    written = report.write_class_files(session, anonymise=anonymise)
    return HTML(report.files_html(written, names_only=R.class_view()))


def cloze_quiz(doc: Document, n: int = 5):
    """A fill-in-the-blank quiz of ``n`` items from the document's key terms."""
    from edu_helpers.ui.widgets.teaching import ClozeQuiz

    return ClozeQuiz(doc, n=n)
