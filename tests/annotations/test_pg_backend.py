"""The PostgreSQL backend: store locations, schema marker and migrations, reconnecting, class-setup."""

from __future__ import annotations

import doctest
import threading

import psycopg
import pytest

from edu_helpers.annotations import AnnotationStore
from edu_helpers.annotations.identity import current_user
from edu_helpers.annotations.locations import open_backend
from edu_helpers.annotations.model import StoreError
from edu_helpers.annotations.postgres import classroom, migrations
from edu_helpers.annotations.postgres.backend import PostgresBackend
from edu_helpers.annotations.postgres.migrations import ensure_schema, stored_version
from edu_helpers.annotations.postgres.rows import ServerUnavailable, safe_location
from edu_helpers.cli import class_setup


@pytest.mark.parametrize("value", ["mysql://u:pw@h/db", "http://example.org/notes", "S3://b/k"])
def test_an_unsupported_url_scheme_is_a_clear_error(value, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="unsupported store address") as err:
        open_backend(value)
    assert ":pw@" not in str(err.value)
    monkeypatch.setenv("EDU_ANNOTATIONS", value)
    with pytest.raises(StoreError, match="unsupported store address"):
        AnnotationStore()
    assert list(tmp_path.iterdir()) == []  # no folder named 'mysql:' appears


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_a_server_url_picks_the_postgres_backend_and_never_prints_the_password(scheme, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EDU_ANNOTATIONS", f"{scheme}://nobody:s3cret@127.0.0.1:1/db?connect_timeout=1")
    with AnnotationStore() as store:  # no server: a store that works offline, and says so
        assert isinstance(store.backend, PostgresBackend) and store.notice.startswith("班级服务器暂时连不上")
        assert "s3cret" not in store.location + repr(store) and "nobody:***@" in store.location
    with pytest.raises(ServerUnavailable, match="无法连接班级批注服务器") as err:
        AnnotationStore(read_only=True)  # an export needs the server
    assert "s3cret" not in str(err.value) and "nobody:***@" in str(err.value)
    assert list(tmp_path.iterdir()) == []
    assert safe_location("postgresql://u:secret@h/db") == "postgresql://u:***@h/db"


def test_a_server_url_opens_the_postgres_backend(pg_store_url):
    with AnnotationStore(pg_store_url) as store:
        assert isinstance(store.backend, PostgresBackend) and store.path is None
        assert "***" in store.location and "owner-pw" not in repr(store)


def test_personal_store_as_an_ordinary_owner(pg_cluster, pg_db, report):
    with psycopg.connect(pg_db, autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS solo_owner")
        admin.execute("CREATE ROLE solo_owner LOGIN PASSWORD 'pw'")
        admin.execute(f"ALTER DATABASE {admin.info.dbname} OWNER TO solo_owner")
    url = pg_cluster.tcp_url("solo_owner", "pw", psycopg.conninfo.conninfo_to_dict(pg_db)["dbname"])
    with AnnotationStore(url) as store:  # creates the schema itself; RLS applies to the owner too
        a = store.annotate(report, "双减", author="我")
        store.delete(a.id)
        assert len(store) == 0 and store.backend.identity.kind is None
        assert store.backend.visibility(a.id) == "private"


def test_the_schema_is_marked_ours_and_another_is_refused(pg_db):
    with psycopg.connect(pg_db, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA edu")
        conn.execute("CREATE TABLE edu.photos (id int)")
    with pytest.raises(StoreError, match="belongs to another program"):
        PostgresBackend(pg_db)
    with psycopg.connect(pg_db, autocommit=True) as conn:  # left untouched
        assert conn.execute("SELECT to_regclass('edu.schema_version')").fetchone()[0] is None


def test_a_newer_schema_is_refused_and_an_old_one_migrated_once(pg_db):
    PostgresBackend(pg_db).close()
    step = "ALTER TABLE edu.annotation ADD COLUMN colour text; CREATE INDEX annotation_kind ON edu.annotation (kind)"
    steps = (*migrations.MIGRATIONS, step)
    with psycopg.connect(pg_db, autocommit=True) as conn:
        errors: list[BaseException] = []

        def run() -> None:
            try:
                with psycopg.connect(pg_db, autocommit=True) as c:
                    ensure_schema(c, "x", steps=steps)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=run) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == [] and stored_version(conn) == len(steps)
        assert conn.execute("SELECT count(*) FROM edu.schema_version").fetchone()[0] == len(steps)
        conn.execute("INSERT INTO edu.schema_version (version) VALUES (99)")
    with pytest.raises(StoreError, match="newer edu_helpers"):
        PostgresBackend(pg_db)


def test_an_old_schema_is_not_migrated_by_a_student(classdb):
    with psycopg.connect(classdb.admin_url, autocommit=True) as conn:
        conn.execute("DELETE FROM edu.schema_version WHERE version = %s", (migrations.SCHEMA_VERSION,))
    with pytest.raises(StoreError, match="teacher should run class-setup"):
        PostgresBackend(classdb.url("zhang"), migrate=False)


@pytest.mark.slow
def test_clients_reconnect_after_a_server_restart(classdb, pg_cluster, report):
    store = AnnotationStore(classdb.backend("zhang"))
    first = store.annotate(report, "双减")
    pg_cluster.restart()
    assert len(store) == 1  # a read retries on a fresh connection
    store.annotate(report, "立德树人根本任务")  # a change begins again on a fresh connection
    assert len(store) == 2 and store.backend.reconnects >= 1
    assert len(store.annotations()) == 2  # what the reader saw stays readable while the server is away
    pg_cluster.stop()
    try:
        kept = store.annotate(report, "双减")  # an addition waits in the local outbox
        assert "服务器暂时连不上" in store.notice and len(store) == 3  # read: what was read, and what waits
        assert store.update(kept.id, note="改").note == "改"  # a waiting note can be edited: it waits too
        with pytest.raises(ServerUnavailable, match="恢复连接后才能修改"):
            store.update(first.id, note="改")  # a note on the server waits for the server: a clear error
    finally:
        pg_cluster.start()
    store.backend.offline.retry_at = 0  # as when the back-off is over
    assert len(store) == 3 and store.notice == ""  # the next read sent it
    assert store.get(kept.id).note == "改" and [h.note for h in store.history(kept.id)] == [""]
    store.close()


def test_class_setup_command_prints_and_writes_settings(pg_db, tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("用户名,姓名,角色\nwang,王老师,教师\nzhang,张三,学生\nqian,钱七,\n", encoding="utf-8")
    args = ["--db", pg_db, "--class", "c1", "--roster", str(roster), "--new-passwords"]
    assert class_setup.main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [["teacher", "wang", "王老师"], ["student", "zhang", "张三"],
                                                         ["student", "qian", "钱七"]]  # fmt: skip
    assert "postgresql://edu_u_zhang@127.0.0.1:" in lines[1] and "PGPASSWORD=" in lines[1]
    assert class_setup.main([*args, "--out", str(tmp_path / "env")]) == 0
    env = dict(line.split("=", 1) for line in (tmp_path / "env" / "zhang.env").read_text().splitlines())
    assert env["PGUSER"] == "edu_u_zhang" and env["EDU_CLASS"] == "c1" and env["JUPYTERHUB_USER"] == "zhang"
    assert (tmp_path / "env" / "zhang.env").stat().st_mode & 0o777 == 0o600
    url = f"postgresql://edu_u_zhang:{env['PGPASSWORD']}@127.0.0.1:{env['PGPORT']}/{env['PGDATABASE']}?class=c1"
    b = PostgresBackend(url)
    assert (b.identity.display, b.identity.kind, b.default_visibility) == ("张三", "student", "teacher")
    b.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [("name\n张三\n", "needs a 'user' column"), ("user,role\na,校长\n", "line 2: unknown role"),
     ("user\na\na\n", "line 3: duplicate user"), ("", "empty")],
)  # fmt: skip
def test_roster_errors_name_the_line(tmp_path, text, message):
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    assert class_setup.main(["--db", "postgresql://x@127.0.0.1:1/d", "--class", "c", "--roster", str(path)]) == 2
    with pytest.raises(StoreError, match=message):
        classroom.read_roster(path)


def test_identity_comes_from_the_hub_else_the_author():
    assert current_user({"JUPYTERHUB_USER": "zhang", "AUTHOR": "x"}) == "zhang"
    assert current_user({}, author="张三") == "张三"
    assert classroom.role_name(current_user({"JUPYTERHUB_USER": "Zhang.San"})) == "edu_u_zhang_2e_san"


@pytest.mark.parametrize(
    "module", ["edu_helpers.annotations.postgres.classroom", "edu_helpers.annotations.postgres.rows"]
)
def test_doctests(module):
    import importlib

    assert doctest.testmod(importlib.import_module(module)).failed == 0


def test_class_setup_runs_as_the_documented_command(pg_db, tmp_path):
    import subprocess
    import sys

    roster = tmp_path / "roster.csv"
    roster.write_text("user,name,role\nt_sun,孙老师,teacher\ns_qian,钱七,student\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "edu_helpers", "class-setup", "--db", pg_db, "--class", "c2", "--roster", str(roster)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [["teacher", "t_sun", "孙老师"], ["student", "s_qian", "钱七"]]
    assert all("?class=c2" in line and "PGPASSWORD=" in line for line in lines)
    bad = subprocess.run([*cmd[:-1], str(tmp_path / "missing.csv")], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_a_version_1_database_is_migrated_and_its_policy_look_ups_keep_their_rights(
    pg_cluster, pg_db, tmp_path, report
):
    from tests.conftest import make_class

    look_ups = ["display_in", "replies_open", "role_in"]
    sql = "SELECT proname, lanname, prosecdef, proconfig FROM pg_proc JOIN pg_language l ON l.oid = prolang "
    sql += "WHERE pronamespace = 'edu'::regnamespace AND proname = ANY(%s) ORDER BY 1"
    with psycopg.connect(pg_db, autocommit=True) as conn:
        assert ensure_schema(conn, "x", steps=migrations.MIGRATIONS[:1]) == 1  # as an older version left it
        assert {r[1] for r in conn.execute(sql, (look_ups,))} == {"sql"}
    classdb = make_class(pg_cluster, pg_db, tmp_path)  # class-setup migrates
    with psycopg.connect(pg_db, autocommit=True) as conn:
        rows = conn.execute(sql, (look_ups,)).fetchall()
        assert stored_version(conn) == migrations.SCHEMA_VERSION == 2
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (n, "plpgsql", True, ["search_path=edu, pg_temp"]) for n in look_ups
    ]
    with AnnotationStore(classdb.backend("zhang")) as zhang:  # the policies still sign and refuse as before
        assert zhang.get(zhang.annotate(report, "双减").id).author == "张三"
    with classdb.raw("zhang") as raw, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cols = "id, class_id, document, exact, start_pos, end_pos, created, updated, author"
        raw.execute(f"INSERT INTO edu.annotation ({cols}) VALUES ('x', %s, 'd', 'e', 0, 1, 't', 't', '李四')",
                    (classdb.class_id,))  # fmt: skip
