"""The lexicon build tool reproduces the bundled generated files from ../shared/lexicon-sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

LEXICONS = Path(__file__).resolve().parent.parent.parent / "lexicons"


@pytest.mark.slow
def test_build_reproduces_the_generated_files(tmp_path, shared):
    """Rebuilding from the shared snapshot gives exactly the bundled generated files."""
    from training.lexicon_build import build

    for name in ("countries.tsv", "office_names.tsv", "people.curated.tsv", "offices.curated.tsv", "sources.tsv"):
        shutil.copy(LEXICONS / name, tmp_path / name)
    counts = build(shared / "lexicon-sources", tmp_path)
    assert counts["people"] > 1000
    for name in ("people.generated.tsv", "offices.generated.tsv", "office_names.generated.tsv",
                 "sources.generated.tsv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (LEXICONS / name).read_text(encoding="utf-8"), name


def _rows(name: str) -> list[dict[str, str]]:
    lines = [l for l in (LEXICONS / name).read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


@pytest.mark.slow
def test_every_source_file_is_read(tmp_path, shared):
    """Every office-holders file has its country (or is a world, US or UK file) and a dated source row."""
    from training.lexicon_build import build

    for name in ("countries.tsv", "office_names.tsv", "people.curated.tsv", "offices.curated.tsv", "sources.tsv"):
        shutil.copy(LEXICONS / name, tmp_path / name)
    counts = build(shared / "lexicon-sources", tmp_path)
    assert not [k for k in counts if "unknown country" in k], counts
    files = {p.name for p in (shared / "lexicon-sources" / "office-holders").glob("*.csv")}
    dated = {r["source"] for r in _rows("sources.generated.tsv")} | {r["source"] for r in _rows("sources.tsv")}
    assert files <= dated and counts["sources"] == len(files)


def test_rows_of_one_tenure_from_several_sources_are_merged():
    """Trudeau: the start from canada-cabinet.csv (2022), the end from world-changes-2023-2026.csv (2026);
    Bush's two terms in us-executive.csv are one tenure."""
    by = [(r["start"], r["end"], r["source"].split(":")[0]) for r in _rows("offices.generated.tsv")
          if r["person_id"] == "Q3099714" and r["office"] == "Prime Minister of Canada"]
    assert by == [("2015-11-04", "2025-03-14", "world-changes-2023-2026.csv")]
    bush = [(r["start"], r["end"]) for r in _rows("offices.generated.tsv")
            if r["person_id"] == "Q207" and r["office"] == "President of the United States"]
    assert bush == [("2001-01-20", "2009-01-20")]


def test_people_get_the_names_news_writes_and_their_other_spellings():
    """David Cameron keeps his name, with the IfG peer's title as an alias; Russian names get 'Sergei' too."""
    people = {r["id"]: r for r in _rows("people.generated.tsv")}
    assert people["Q192"]["name"] == "David Cameron"
    assert "Lord Cameron of Chipping Norton" in people["Q192"]["aliases"].split("|")
    assert "Sergei Lavrov" in people["Q58217"]["aliases"].split("|")
    offices = {r["office"]: r for r in _rows("office_names.generated.tsv")}
    assert offices["United States Senator from Ohio"]["role"] == "Senator"
    assert offices["United States Senator from Ohio"]["holders"] == "many"
    assert offices["President of Brazil"]["holders"] == ""
