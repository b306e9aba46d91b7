"""Privacy the database enforces: raw SQL as a student's own role is refused across students."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from edu_helpers.annotations import AnnotationStore
from edu_helpers.annotations.model import Annotation, new_id, utc_now
from edu_helpers.annotations.postgres.rows import NotAllowed
from tests.conftest import annotate_as


@pytest.fixture
def notes(classdb, report):
    """张三 writes one private, one teacher-only and one class-visible note."""
    with AnnotationStore(classdb.backend("zhang")) as zhang:
        return {vis: annotate_as(zhang, report, "双减", note=f"张三的{vis}笔记", visibility=vis).id
                for vis in ("private", "teacher", "class")}  # fmt: skip


def _ids(conn: psycopg.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT id FROM edu.annotation").fetchall()}


def test_a_student_reads_only_class_notes_of_another(classdb, notes):
    with classdb.raw("li") as li:
        assert _ids(li) == {notes["class"]}
        assert li.execute("SELECT note FROM edu.annotation WHERE id = %s", (notes["private"],)).fetchall() == []
        assert li.execute("SELECT count(*) FROM edu.revision").fetchone()[0] == 0
    with classdb.raw("wang") as teacher:
        assert _ids(teacher) == {notes["teacher"], notes["class"]}  # never the private one
    with classdb.raw("zhang") as own:
        assert _ids(own) == set(notes.values())


def test_update_and_delete_of_another_students_note_are_refused(classdb, notes):
    with classdb.raw("li") as li:
        for nid in notes.values():
            assert li.execute("UPDATE edu.annotation SET note = '改了' WHERE id = %s", (nid,)).rowcount == 0
        assert li.execute("UPDATE edu.annotation SET deleted = true").rowcount == 0
        with pytest.raises(errors.InsufficientPrivilege):
            li.execute("DELETE FROM edu.annotation WHERE id = %s", (notes["class"],))
        with pytest.raises(errors.InsufficientPrivilege):
            li.execute("TRUNCATE edu.annotation")
    with classdb.raw("wang") as teacher:  # the teacher reads, but does not edit students' notes
        assert teacher.execute("UPDATE edu.annotation SET note = 'x'").rowcount == 0
    with classdb.raw("zhang") as own:
        notes_now = own.execute("SELECT note, deleted FROM edu.annotation ORDER BY seq").fetchall()
        assert notes_now == [(f"张三的{v}笔记", False) for v in ("private", "teacher", "class")]


def _insert(conn, **over):
    row = {"id": new_id(), "class_id": "2024-jy-1", "document": "d", "exact": "双减", "start_pos": 0,
           "end_pos": 2, "created": utc_now(), "updated": utc_now(), "author": "李四", **over}  # fmt: skip
    cols = ", ".join(row)
    return conn.execute(f"INSERT INTO edu.annotation ({cols}) VALUES ({', '.join(['%s'] * len(row))})",
                        list(row.values()))  # fmt: skip


@pytest.mark.parametrize(
    "over",
    [
        {"owner": "edu_u_zhang"},
        {"author": "张三"},
        {"class_id": "another-class"},
        {"owner": "edu_u_zhang", "author": "张三"},
    ],
    ids=["as another owner", "as another author", "into another class", "as another person"],
)
def test_insert_as_another_author_is_refused(classdb, over):
    with classdb.raw("li") as li:
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            _insert(li, **over)
        assert _insert(li).rowcount == 1  # as herself it works


def test_a_student_cannot_take_over_a_row_or_escape_the_policies(classdb, notes):
    with classdb.raw("li") as li:
        own = new_id()
        _insert(li, id=own)
        with pytest.raises(errors.InsufficientPrivilege):  # owner is not an updatable column
            li.execute("UPDATE edu.annotation SET owner = 'edu_u_zhang' WHERE id = %s", (own,))
        with pytest.raises(errors.InsufficientPrivilege):
            li.execute("UPDATE edu.annotation SET author = '张三' WHERE id = %s", (own,))
    for sql in ("ALTER TABLE edu.annotation DISABLE ROW LEVEL SECURITY", "SET ROLE edu_u_zhang",
                "DROP POLICY annotation_read ON edu.annotation", "INSERT INTO edu.revision (annotation_id, "
                "class_id, owner, visibility, reason, data) VALUES ('x', '', 'x', 'class', 'x', '{}')",
                "UPDATE edu.member SET role = 'teacher'"):  # fmt: skip
        with classdb.raw("li") as li, pytest.raises(errors.InsufficientPrivilege):
            li.execute(sql)


def test_a_student_cannot_log_in_as_another(classdb):
    s_li, s_zhang = classdb.settings["li"], classdb.settings["zhang"]
    url = classdb.cluster.tcp_url(s_zhang.role_name, s_li.password, s_li.database)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(url)


def test_psql_itself_is_refused_too(classdb, notes):
    url = classdb.url("li", with_class=False)
    done = classdb.cluster.psql(url, "SELECT count(*) FROM edu.annotation")
    assert done.returncode == 0 and done.stdout.strip() == "1"
    done = classdb.cluster.psql(url, f"UPDATE edu.annotation SET note = 'x' WHERE id = '{notes['class']}'")
    assert done.returncode == 0 and done.stdout.strip() == ""  # UPDATE 0 (quiet mode)
    done = classdb.cluster.psql(url, f"DELETE FROM edu.annotation WHERE id = '{notes['class']}'")
    assert done.returncode != 0 and "permission denied" in done.stderr
    with classdb.raw("zhang") as own:
        assert (
            own.execute("SELECT note FROM edu.annotation WHERE id = %s", (notes["class"],)).fetchone()[0]
            == "张三的class笔记"
        )


def test_the_store_names_the_refusal(classdb, notes):
    with AnnotationStore(classdb.backend("li")) as li:
        assert li.get(notes["class"]).author == "张三"
        with pytest.raises(NotAllowed, match="only the author"):
            li.update(notes["class"], note="改一下")
        with pytest.raises(Exception, match="no annotation"):
            li.get(notes["private"])


def test_raw_sql_changes_keep_history_too(classdb, notes):
    with classdb.raw("zhang") as own:
        own.execute("UPDATE edu.annotation SET note = '直接改' WHERE id = %s", (notes["class"],))
    with AnnotationStore(classdb.backend("zhang")) as zhang:
        assert [h.note for h in zhang.history(notes["class"])] == ["张三的class笔记"]
        assert zhang.get(notes["class"]).note == "直接改"
    with classdb.raw("wang") as teacher:  # the teacher sees history of shared notes only
        assert teacher.execute("SELECT reason FROM edu.revision").fetchall() == [("sql",)]


def test_a_role_not_on_the_roster_is_refused(classdb, pg_cluster):
    with psycopg.connect(classdb.admin_url, autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS outsider")
        admin.execute("CREATE ROLE outsider LOGIN PASSWORD 'pw' IN ROLE edu_members")
    db = classdb.settings["li"].database
    with pytest.raises(Exception, match="not on the class roster"):
        from edu_helpers.annotations.postgres.backend import PostgresBackend

        PostgresBackend(pg_cluster.tcp_url("outsider", "pw", db) + "?class=2024-jy-1")
    with psycopg.connect(pg_cluster.tcp_url("outsider", "pw", db), autocommit=True) as raw:
        assert _ids(raw) == set()
        with pytest.raises(errors.InsufficientPrivilege):
            _insert(raw, author="")


def test_annotation_dataclass_is_untouched():
    assert "visibility" not in Annotation.__dataclass_fields__  # the protocol carries it beside
