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


# --- Hypothesis (issue 17): bounded example counts in `make test`; `make fuzz` selects the long run with
# EDU_HYPOTHESIS_PROFILE=fuzz. No deadline: the machine is shared, and speed is the benchmarks' business.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("edu-test", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=2_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(__import__("os").environ.get("EDU_HYPOTHESIS_PROFILE", "edu-test"))
