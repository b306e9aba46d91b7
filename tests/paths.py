"""Paths the tests share: the repository and the test data folder."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
SECOND_REPORT = DATA / "second-report.txt"
#: the bundled report (source/ of the checkout)
BUNDLED = REPO / "source" / "2023-national-education-work-conference.txt"
