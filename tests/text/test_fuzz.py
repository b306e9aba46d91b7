"""A short fuzz run in ``make test`` (``make fuzz`` runs a long one): see :mod:`tests.text.fuzz`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.paths import REPO

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("seed", [11, 12])
def test_mutated_inputs_give_only_document_errors(seed):
    result = subprocess.run(
        [sys.executable, "-m", "tests.text.fuzz", "--rounds", "4", "--seed", str(seed), "--case-seconds", "30"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    summary = json.loads(result.stdout)
    assert summary["failures"] == [] and result.returncode == 0
    assert summary["cases"] == 4 * 6 * 5  # rounds × seeds × (4 readers + outline)


def test_a_huge_run_of_ideographic_spaces_is_not_quadratic(tmp_path):
    """Found by the fuzzer: 190,000 U+3000 in one line made a spacing pattern backtrack quadratically."""
    path = tmp_path / "spaces.txt"
    path.write_text("会议指出，要建设" + "\u3000" * 190_000 + "x教育强国。\n会议强调，要落实。\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "edu_helpers", "outline", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
