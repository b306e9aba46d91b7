"""可能的新提法 (notebook 08) and the review's inline items (notebook 02), without a browser."""

from __future__ import annotations

import os
import subprocess
import sys

import edu_helpers
from edu_helpers.analysis.candidates import PersonalDictionary, document_candidates
from edu_helpers.ui import study
from edu_helpers.ui.widgets.candidates import CandidatePanel

# a report of the genre written for this test: 扩优提质 and 数智赋能 recur with free neighbours
TEXT = (
    "全市教育工作会议召开\n"
    "3月1日，全市教育工作会议召开。会议指出，要坚持扩优提质，推动数智赋能。\n"
    "会议强调，扩优提质是今年的主线，数智赋能是关键一招；各校要以扩优提质带动质量提升，以数智赋能改进课堂教学。\n"
    "会议要求，围绕扩优提质抓落实，依靠数智赋能增动力，确保扩优提质见实效、数智赋能出成果。\n"
)


def test_candidates_of_a_document_and_the_panel_saves_them(tmp_path):
    doc = edu_helpers.document_from_text(TEXT)
    path = tmp_path / "mine.txt"
    found = set(document_candidates(doc, dictionary_path=path)["term"])
    assert {"扩优提质", "数智赋能"} <= found
    panel = CandidatePanel(doc, dictionary_path=path)
    assert "候选词" in panel.view.value and "扩优提质" in panel.select.options
    panel.select.value = ("扩优提质",)
    assert panel.accept() == 1 and "已收入 1 个新词" in panel.status.value
    assert PersonalDictionary(path).words == ("扩优提质",)
    assert panel.accept(("扩优提质",)) == 0  # nothing is added twice
    # accepted words are no longer candidates
    assert "扩优提质" not in set(document_candidates(doc, dictionary_path=path)["term"])


def test_an_accepted_word_is_cut_whole_next_time(tmp_path):
    path = tmp_path / "personal.txt"
    PersonalDictionary(path).accept("扩优提质")
    code = "from edu_helpers.analysis.words import segment; print('|'.join(segment('坚持扩优提质')))"
    env = {**os.environ, "EDU_PERSONAL_DICT": str(path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "坚持|扩优提质"
    env["EDU_PERSONAL_DICT"] = str(tmp_path / "none.txt")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert "扩优提质" not in out.strip().split("|")


def test_study_lists_the_ten_achievements_of_the_review(report):
    table = study.section_subitems(report, 1).data
    assert len(table) == 10 and list(table["序号"]) == list(range(1, 11))
    assert table["内容"].iloc[0].startswith("教育系统认真做好")
    assert table["内容"].iloc[-1].startswith("坚决维护教育领域政治安全")
    for row in report.subitems.itertuples():
        assert report.text[row.start : row.end] == row.text
    assert "没有" in study.section_subitems(report, 5).data  # the attendance note: an HTML message


def test_new_formulations_is_the_panel(tmp_path, report):
    panel = study.new_formulations(report, dictionary_path=tmp_path / "d.txt")
    assert isinstance(panel, CandidatePanel) and not (tmp_path / "d.txt").exists()
