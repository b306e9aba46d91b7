"""``python -m edu_helpers kwic`` and ``compare``: text, --json, bad files, errors (one line, exit 2)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.analysis.compare_sample import DATA, A, B, C


def cli(*args: str, cache) -> subprocess.CompletedProcess:
    env = {"EDU_HELPERS_CACHE": str(cache), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "edu_helpers", *args], capture_output=True, text=True, env=env, timeout=300
    )


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-cache")


def test_kwic_json(cache):
    r = cli("kwic", str(DATA), "--query", "产教融合", "--window", "4", "--json", cache=cache)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["query"] == "产教融合" and out["documents"] == [A, B, C] and out["count"] == 7
    assert set(out["hits"][0]) == {"doc", "paragraph_id", "left", "hit", "right", "start", "end"}
    second = out["hits"][1]  # 2031 四是：坚持产教融合、校企合作 (counted by hand)
    assert (second["doc"], second["paragraph_id"], second["left"], second["right"]) == (
        A,
        "p13",
        "革。坚持",
        "、校企合",
    )


def test_kwic_text_and_a_bad_file(cache, tmp_path):
    shutil.copy(DATA / f"{A}.txt", tmp_path / "good.txt")
    (tmp_path / "broken.txt").write_bytes(b"\x00\xff" * 50)
    r = cli("kwic", str(tmp_path / "good.txt"), str(tmp_path / "broken.txt"), "--query", "职普融通", cache=cache)
    assert r.returncode == 0
    assert "【职普融通】" in r.stdout and "1 hits in 1 of 1 reports" in r.stdout
    assert r.stderr.count("\n") == 1 and "broken.txt" in r.stderr and "Traceback" not in r.stderr


def test_kwic_errors(cache, tmp_path):
    r = cli("kwic", str(tmp_path / "none.txt"), "--query", "x", cache=cache)
    assert r.returncode == 2 and "none.txt" in r.stderr and "Traceback" not in r.stderr
    r = cli("kwic", str(DATA), "--query", "  ", cache=cache)
    assert r.returncode == 2 and r.stderr.startswith("error: empty query")


def test_compare_json(cache):
    r = cli("compare", str(DATA / f"{A}.txt"), str(DATA / f"{B}.txt"), "--json", cache=cache)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["a"]["year"], out["b"]["year"], out["a"]["demo"]) == (2031, 2032, True)
    new = {t["term"] for t in out["terms"] if t["status"] == "new"}
    dropped = {t["term"] for t in out["terms"] if t["status"] == "dropped"}
    assert {"教育家精神", "科教融汇", "市域产教联合体"} <= new and "稳中求进" in dropped
    vocational = [x for x in out["alignment"] if x["a_label"] and x["a_label"].endswith("四是")]
    assert vocational[0]["b_label"].endswith("五是") and vocational[0]["status"] == "reworded"
    assert {k["direction"] for k in out["keyness"]} <= {"positive", "negative"}


def test_compare_text_and_html(cache, tmp_path):
    page = tmp_path / "diff.html"
    r = cli("compare", str(DATA / f"{A}.txt"), str(DATA / f"{C}.txt"), "--html", str(page), cache=cache)
    assert r.returncode == 0, r.stderr
    assert "B 新增" in r.stdout and "[改写]" in r.stdout and "数智校园" in r.stdout
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = cli("compare", str(DATA / f"{A}.txt"), str(DATA / f"{C}.txt"), "--html", str(page), cache=cache)
    assert again.returncode == 2 and "already exists" in again.stderr  # never over an existing file


def test_compare_same_file_is_an_error(cache):
    r = cli("compare", str(DATA / f"{A}.txt"), str(DATA / f"{A}.txt"), cache=cache)
    assert r.returncode == 2 and "same file" in r.stderr
