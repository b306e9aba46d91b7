"""Fixtures of the analysis tests: the three 示例 reports loaded once as a corpus."""

from __future__ import annotations

import pytest

from tests.analysis.compare_sample import DATA


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The three demonstration reports (2031, 2032, 2033), loaded once without touching the user's cache."""
    from edu_helpers.analysis.corpus import load_corpus

    return load_corpus(DATA, cache_dir=tmp_path_factory.mktemp("cache"))
