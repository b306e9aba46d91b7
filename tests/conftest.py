"""Shared fixtures. The bundled report is loaded once per test session."""

from __future__ import annotations

import pytest

import edu_helpers
from edu_helpers.annotations import AnnotationStore


@pytest.fixture(scope="session")
def report() -> edu_helpers.Document:
    """The bundled 2023 report, loaded once."""
    return edu_helpers.load_document()


@pytest.fixture
def store(tmp_path):
    """An empty annotation store in a temporary folder, closed after the test."""
    with AnnotationStore(tmp_path / "notes.sqlite") as s:
        yield s
