"""Shared fixtures. The bundled report is loaded once per test session."""

from __future__ import annotations

import pytest

import edu_helpers


@pytest.fixture(scope="session")
def report() -> edu_helpers.Document:
    """The bundled 2023 report, loaded once."""
    return edu_helpers.load_document()
