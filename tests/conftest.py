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


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The three 示例 reports of the comparison tests (2031–2033), loaded once, cached in a temporary folder."""
    from edu_helpers.analysis.corpus import demo_folder, load_corpus

    return load_corpus(demo_folder(), cache_dir=tmp_path_factory.mktemp("corpus-cache"))
