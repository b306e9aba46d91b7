"""Today's unwrapper on rewrapped texts, widths 12–90 (issue 13). Known failures are strict xfails.

Each case rewraps a text (the bundled report, the second report, three copied pages without their chrome)
at one width in one layout (see ``unwrap_cases.VARIANTS``) and checks that normalising it gives the text
back exactly. The cases listed in ``unwrap_known_failures.json`` fail today; they are marked
``xfail(strict=True)``, so fixing the unwrapper turns them into failures to delete from that file.
"""

from __future__ import annotations

import pytest

from tests.text.unwrap_cases import case_ids, known_failures, run_case

KNOWN = known_failures()


def _param(case: str):
    if case in KNOWN:
        return pytest.param(case, marks=pytest.mark.xfail(strict=True, reason=f"issue 13: {KNOWN[case]}"))
    return case


@pytest.mark.parametrize("case", [_param(c) for c in case_ids()])
def test_rewrapped_text_comes_back(case):
    got, want = run_case(case)
    assert got == want


def test_the_widths_and_layouts_of_the_issue_are_covered():
    ids = case_ids()
    assert {int(c.rsplit("-", 1)[1]) for c in ids} == set(range(12, 91))
    assert any("bundled" in c for c in ids) and any("second" in c for c in ids)
