"""Shared fixtures. The bundled report is loaded once per test session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import edu_helpers
from edu_helpers.annotations import AnnotationStore
from tests.pg_cluster import Cluster, pg_cluster, pg_db, pg_store_url  # noqa: F401  (fixtures)

CLASS_ID = "2024-jy-1"
ROSTER = "user,name,role\nwang,王老师,teacher\nzhang,张三,student\nli,李四,student\nzhao,赵六,student\n"


@pytest.fixture(autouse=True)
def _local_outbox(tmp_path_factory, monkeypatch):
    """Notes kept while a test's server is away go to a temporary outbox, never the user's data folder."""
    monkeypatch.setenv("EDU_OUTBOX", str(tmp_path_factory.mktemp("outbox") / "outbox.sqlite"))


@pytest.fixture(scope="session")
def report() -> edu_helpers.Document:
    """The bundled 2023 report, loaded once."""
    return edu_helpers.load_document()


@pytest.fixture
def store(tmp_path):
    """An empty annotation store in a temporary folder, closed after the test (``tests/annotations``
    overrides it to run on every backend)."""
    with AnnotationStore(tmp_path / "notes.sqlite") as s:
        yield s


@dataclass
class ClassDB:
    """A class set up on a fresh database: connection settings per roster user."""

    cluster: Cluster
    admin_url: str
    class_id: str
    settings: dict

    def url(self, user: str, *, with_class: bool = True) -> str:
        """The user's TCP URL with password (``?class=`` added unless told not to)."""
        s = self.settings[user]
        base = self.cluster.tcp_url(s.role_name, s.password, s.database)
        return f"{base}?class={self.class_id}" if with_class else base

    def backend(self, user: str, **options):
        """A :class:`PostgresBackend` connected as the user."""
        from edu_helpers.annotations.postgres import PostgresBackend

        return PostgresBackend(self.url(user), **options)

    def raw(self, user: str):
        """A raw psycopg connection as the user's role (autocommit), for psql-level SQL."""
        import psycopg

        return psycopg.connect(self.url(user, with_class=False), autocommit=True)


def make_class(cluster: Cluster, admin_url: str, tmp_path: Path, roster: str = ROSTER, **options) -> ClassDB:
    """Run the class set-up on ``admin_url`` with ``roster``; new passwords (roles are cluster-wide)."""
    from edu_helpers.annotations.postgres.classroom import read_roster, setup_class

    path = tmp_path / "roster.csv"
    path.write_text(roster, encoding="utf-8")
    settings = setup_class(admin_url, CLASS_ID, read_roster(path), new_passwords=True, **options)
    return ClassDB(cluster, admin_url, CLASS_ID, {s.person.user: s for s in settings})


@pytest.fixture
def classdb(pg_cluster, pg_db, tmp_path) -> ClassDB:  # noqa: F811  (fixtures by name)
    """A class (teacher wang, students zhang, li, zhao) on a fresh database."""
    return make_class(pg_cluster, pg_db, tmp_path)


def annotate_as(store: AnnotationStore, doc, quote: str, *, visibility: str, **options):
    """``store.annotate`` with the class server's visibility for new notes set to ``visibility``."""
    before = store.backend.default_visibility
    store.backend.default_visibility = visibility
    try:
        return store.annotate(doc, quote, **options)
    finally:
        store.backend.default_visibility = before


# --- Hypothesis (issue 17): bounded example counts in `make test`; `make fuzz` selects the long run with
# EDU_HYPOTHESIS_PROFILE=fuzz. No deadline: the machine is shared, and speed is the benchmarks' business.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("edu-test", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=2_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(__import__("os").environ.get("EDU_HYPOTHESIS_PROFILE", "edu-test"))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The three 示例 reports of the comparison tests (2031–2033), loaded once, cached in a temporary folder."""
    from edu_helpers.analysis.corpus import demo_folder, load_corpus

    return load_corpus(demo_folder(), cache_dir=tmp_path_factory.mktemp("corpus-cache"))
