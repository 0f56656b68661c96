"""The archive with the real models: incremental indexing, interruption, check and digest against a store, the CLI."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from quotes.checks import check
from quotes.cli import main
from quotes.engine import Engine
from quotes.store import ArchiveArticle, Store, extraction_from_json, extraction_to_json

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "kyiv": "KYIV, March 1, 2022 — “We will never give up, and we will defend our land,” President Volodymyr "
            "Zelenskyy said on Tuesday.\n",
    "beijing": "BEIJING, March 7, 2022 — Foreign Minister Wang Yi said China was “willing to work with the "
               "international community to carry out necessary mediation”.\n",
    "brussels": "BRUSSELS, March 9, 2022 — “Sanctions will stay until the troops leave,” said Ursula von der "
                "Leyen, the president of the European Commission.\n",
}


@pytest.fixture(scope="module")
def engine():
    return Engine(cache=False)


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    for name, text in ARTICLES.items():
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
    return d


def _counting(engine, monkeypatch):
    calls: list[int] = []
    original = Engine.extract_many

    def counted(self, articles, **kw):
        calls.append(len(articles))
        return original(self, articles, **kw)

    monkeypatch.setattr(Engine, "extract_many", counted)
    return calls


def test_a_second_run_extracts_only_what_changed(engine, folder, tmp_path, monkeypatch):
    """Index twice: the second run extracts nothing; a changed file is extracted again, its statements replaced."""
    store = tmp_path / "archive.sqlite"
    calls = _counting(engine, monkeypatch)
    first = engine.index([folder], store)
    assert (first.new, first.changed, first.unchanged) == (3, 0, 0) and first.statements >= 3
    assert sum(calls) == 3
    second = engine.index([folder], store)
    assert (second.new, second.changed, second.unchanged, second.statements) == (0, 0, 3, 0)
    assert sum(calls) == 3
    (folder / "kyiv.txt").write_text(ARTICLES["kyiv"].replace("defend our land", "protect our country"),
                                     encoding="utf-8")
    third = engine.index([folder], store)
    assert (third.new, third.changed, third.unchanged) == (0, 1, 2)
    assert sum(calls) == 4
    with Store(store) as s:
        assert s.search("defend land") == ()
        assert {h.article for h in s.search("protect country")} == {"kyiv"}
        assert len(s) == 3


def test_an_interrupted_run_keeps_what_it_wrote(engine, folder, tmp_path, monkeypatch):
    """An exception while writing the third article: the first two are committed, the store is consistent,
    and the next run does only the rest."""
    store = tmp_path / "archive.sqlite"
    original = Store.write
    written: list[str] = []

    def failing(self, article, extraction, **kw):
        if len(written) == 2:
            raise KeyboardInterrupt
        n = original(self, article, extraction, **kw)
        written.append(article.key)
        return n

    monkeypatch.setattr(Store, "write", failing)
    with pytest.raises(KeyboardInterrupt):
        engine.index([folder], store)
    monkeypatch.setattr(Store, "write", original)
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO statements_fts(statements_fts) VALUES ('integrity-check')")
        assert sorted(r[0] for r in conn.execute("SELECT key FROM articles")) == sorted(written)
    again = engine.index([folder], store)
    assert (again.new, again.unchanged) == (1, 2)


@pytest.fixture(scope="module")
def seed_extractions(engine, seeds):
    return engine.extract_many(list(seeds.items()), date="2022-03-07")


def test_stored_extractions_are_the_extracted_ones(seed_extractions, tmp_path):
    """The seeds' extractions come back from the store as they were extracted (no parse needed to rebuild them)."""
    for ex in seed_extractions:
        assert extraction_from_json(extraction_to_json(ex), ex.text) == ex
    with Store(tmp_path / "a.sqlite") as s:
        for ex in seed_extractions:
            s.write(ArchiveArticle(ex.name or "", ex.text, ex.name or ""), ex)
        assert {ex.name: ex for ex in s.extractions()} == {ex.name: ex for ex in seed_extractions}


def _draft():
    """A draft of seed 002 (bench/drafts/d05.txt) with a word put into its first long quotation."""
    text = (ROOT / "bench" / "drafts" / "d05.txt").read_text(encoding="utf-8")
    quoted = next(m.group(1) for m in re.finditer(r"“([^”]+)”", text) if len(m.group(1).split()) >= 5)
    words = quoted.split()
    return text.replace(quoted, " ".join(words[:-2] + ["hardly"] + words[-2:]), 1)


def test_check_against_the_store_finds_what_check_against_the_sources_finds(engine, seed_extractions, tmp_path):
    """A draft checked against the archive (sources found by search, rebuilt from the store) has the findings it
    has when checked against the source articles themselves."""
    draft = engine.extract(_draft(), name="draft", date="2022-03-07")
    by_sources = check(draft, sources=seed_extractions, lexicon=engine.lexicon)
    with Store(tmp_path / "a.sqlite") as s:
        for ex in seed_extractions:
            s.write(ArchiveArticle(ex.name or "", ex.text, ex.name or ""), ex, lexicon=engine.lexicon)
        by_store = s.check(draft, lexicon=engine.lexicon)
        assert by_store.findings and by_store.findings == by_sources.findings
        assert engine.check(draft, store=s).findings == by_sources.findings


def test_the_commands_of_the_archive(folder, tmp_path, capsys):
    """index (summary on stderr), search (text and JSON, filters), digest --store, export; errors are one line."""
    store = tmp_path / "archive.sqlite"
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    assert main(["index", str(folder), "--store", str(store)]) == 1  # a file was skipped
    err = capsys.readouterr().err
    assert "3 new, 0 changed, 0 unchanged, 1 skipped" in err and "binary.txt" in err
    assert main(["search", "never", "give", "up", "--store", str(store), "--format", "json"]) == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert hit["article"] == "kyiv" and "Zelenskyy" in hit["speaker"]["label"] and hit["date"] == "2022-03-01"
    assert main(["search", "--store", str(store), "--speaker", "wang", "--since", "2022-03-02"]) == 0
    out = capsys.readouterr().out
    assert "beijing" in out and "kyiv" not in out
    assert main(["digest", "--store", str(store), "--format", "json", "--quiet"]) == 0
    digest = json.loads(capsys.readouterr().out)
    assert sorted(digest["articles"]) == ["beijing", "brussels", "kyiv"]
    assert main(["digest", str(folder / "kyiv.txt"), "--format", "json", "--quiet", "--since", "2022-01-01"]) == 2
    assert "--store" in capsys.readouterr().err
    out_csv = tmp_path / "s.csv"
    draft = tmp_path / "draft.txt"
    draft.write_text(ARTICLES["kyiv"].replace("defend our land", "defend our country"), encoding="utf-8")
    (folder / "binary.txt").unlink()
    by_files = main(["check", str(draft), "--sources", str(folder), "--format", "json", "--quiet"])
    files = json.loads(capsys.readouterr().out)
    assert main(["check", str(draft), "--store", str(store), "--format", "json", "--quiet"]) == by_files
    assert json.loads(capsys.readouterr().out)["findings"] == files["findings"]
    assert main(["export", "--store", str(store), "-o", str(out_csv)]) == 0
    assert "statements written" in capsys.readouterr().err
    assert out_csv.read_text(encoding="utf-8").count("\n") >= 4
    assert main(["search", "x", "--store", str(tmp_path / "missing.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert main(["index", str(folder), "--store", str(store), "--regroup", "--quiet"]) == 0
    with Store(store) as s:
        assert s.counts().groups >= 1
