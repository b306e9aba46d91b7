"""load_corpus: ids, years, views, the disk cache, bad files, workers, progress."""

from __future__ import annotations

import shutil

from edu_helpers.analysis.corpus import cache_key, load_corpus
from tests.analysis.compare_sample import DATA, A, B, C


def test_documents_view(corpus):
    docs = corpus.documents
    assert docs["id"].tolist() == [A, B, C]
    assert docs["year"].tolist() == [2031, 2032, 2033]
    assert docs["date"].tolist() == ["2031-01-10", "2032-01-09", "2033-01-08"]  # from the sidecars
    assert docs["demo"].all()  # the sidecars mark them as 示例
    assert docs["n_paragraphs"].tolist() == [17, 17, 17]
    assert docs["n_items"].tolist() == [5, 5, 5]
    assert corpus.errors.empty
    assert corpus.report["n_documents"] == 3


def test_paragraphs_view_has_doc_column(corpus):
    paras = corpus.paragraphs
    assert len(paras) == 51
    first = paras[(paras["doc"] == B) & (paras["item"] == 5)].iloc[0]
    assert first["id"] == "p14" and first["text"].startswith("五是推动职业教育提质增效")
    lead = paras[(paras["doc"] == A) & (paras["id"] == "p01")].iloc[0]
    assert lead["kind"] == "lead" and lead["text"].startswith("1月10日")


def test_entry_document_is_a_full_document(corpus):
    doc = corpus.document(C)
    assert doc.text == corpus[C].text
    assert [p.id for p in doc.paragraph_records][-1] == "p17"


def test_year_from_text_without_sidecar(tmp_path):
    shutil.copy(DATA / f"{A}.txt", tmp_path / "report.txt")  # no .toml beside it
    c = load_corpus(tmp_path, cache_dir=tmp_path / "cache")
    e = c["report"]
    assert (e.year, e.date, e.report["date_source"]) == (2031, "2031-01-10", "text")
    assert not e.demo


def test_cache_reopens_without_work(tmp_path):
    for name in (A, B):
        for ext in (".txt", ".toml"):
            shutil.copy(DATA / f"{name}{ext}", tmp_path / f"{name}{ext}")
    cache = tmp_path / "cache"
    first = load_corpus(tmp_path, cache_dir=cache)
    again = load_corpus(tmp_path, cache_dir=cache)
    assert first.report["n_from_cache"] == 0 and again.report["n_from_cache"] == 2
    assert again.documents["from_cache"].all()
    assert again[A].text == first[A].text
    assert again.kwic("产教融合").equals(first.kwic("产教融合"))


def test_cache_key_covers_sidecar():
    data = (DATA / f"{A}.txt").read_bytes()
    assert cache_key(data) != cache_key(data, b'title = "x"')
    assert cache_key(data) == cache_key(data)


def test_bad_files_are_reported_and_skipped(tmp_path):
    shutil.copy(DATA / f"{A}.txt", tmp_path / "good.txt")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "empty.txt").write_bytes(b"")
    c = load_corpus([tmp_path, tmp_path / "missing.txt"], cache_dir=tmp_path / "cache")
    assert c.ids == ["good"]
    assert sorted(p.rsplit("/", 1)[-1] for p in c.errors["path"]) == ["binary.txt", "empty.txt", "missing.txt"]
    assert all(c.errors["error"].str.len() > 0)


def test_workers_and_progress(tmp_path):
    text = (DATA / f"{B}.txt").read_text(encoding="utf-8")
    for k in range(9):  # nine distinct files: enough for the process pool
        (tmp_path / f"r{k}.txt").write_text(text.replace("北京", "北京" + "一" * k), encoding="utf-8")
    calls = []
    c = load_corpus(tmp_path, cache_dir=tmp_path / "cache", workers=2, progress=lambda d, t, s: calls.append((d, t)))
    assert len(c) == 9 and c.report["workers"] == 2
    assert calls[-1] == (9, 9) and [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert c.ids == [f"r{k}" for k in range(9)]


def test_duplicate_ids_are_numbered(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for sub in ("a", "b"):
        shutil.copy(DATA / f"{A}.txt", tmp_path / sub / "x.txt")
    c = load_corpus([tmp_path / "a", tmp_path / "b"], cache_dir=tmp_path / "cache")
    assert c.ids == ["x", "x-2"]


def test_load_corpus_is_exported_lazily():
    import subprocess
    import sys

    code = (
        "import sys, edu_helpers; assert 'edu_helpers.analysis.corpus' not in sys.modules; "
        "from edu_helpers.analysis.corpus import load_corpus, Corpus; "
        "assert edu_helpers.load_corpus is load_corpus and edu_helpers.Corpus is Corpus"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_default_cache_dir_is_the_users_cache_folder(monkeypatch, tmp_path):
    from edu_helpers.analysis.corpus import default_cache_dir

    monkeypatch.delenv("EDU_HELPERS_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "edu_helpers" / "corpus"
    monkeypatch.setenv("EDU_HELPERS_CACHE", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine" / "corpus"


def test_each_report_keeps_its_load_report(corpus):
    e = corpus[A]
    assert e.load_report.format == "txt" and e.load_report.encoding == "utf-8"
    assert (e.load_report.paragraphs, e.load_report.items) == (17, 5)  # counted by hand in the 示例 text
    assert corpus.document(A).load_report == e.load_report  # the rebuilt document tells the original load
    assert corpus.documents["load_report"].str.contains("txt，utf-8").all()
