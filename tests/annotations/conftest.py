"""The store tests run on every backend: one parametrised ``store`` fixture."""

from __future__ import annotations

import pytest

from edu_helpers.annotations import AnnotationStore


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.server)])
def store(request, tmp_path):
    """An empty annotation store, closed after the test: an SQLite file in a temporary folder, or a
    personal store on a throwaway PostgreSQL server (skipped without one, unless EDU_REQUIRE_SERVER=1)."""
    location = tmp_path / "notes.sqlite" if request.param == "sqlite" else request.getfixturevalue("pg_store_url")
    with AnnotationStore(location) as s:
        yield s
