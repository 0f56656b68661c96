"""The lexicon's sources and their dates: snapshots, open ends past them, later sources closing open tenures,
curated corrections (never-held offices, one person under two ids), the compiled cache, and title findings
that cite the source and its date."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path

import pytest

from quotes.errors import LexiconError
from quotes.lexicon import compile as lexicon_compile
from quotes.lexicon import import_office_holders, load_lexicon
from quotes.records import Extraction, Mention, Span, Speaker
from quotes.verification.article import verify_article

LEX = load_lexicon()

PEOPLE = "id\tname\tfamily\tgiven\torder\tgender\tcountry\taliases\tsource\tsame_as\n"
OFFICES = "person_id\toffice\tstart\tend\tsource\tas_of\n"
SOURCES = "source\tas_of\tlicence\tattribution\torigin\n"
OFFICE_NAMES = "office\trole\tcountry\tholders\n"


def _write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def _atlantis(tmp_path: Path, *, old_as_of: str = "2022-07-01", new_start: str = "2024-05-01") -> Path:
    """Two sources of one office: an older one with an open tenure, a later one with the next holder."""
    return _write(tmp_path / "lex", {
        "countries.tsv": "country\tarticle\tadjectives\nAtlantis\t\tAtlantean\n",
        "office_names.tsv": OFFICE_NAMES + "President of Atlantis\tPresident\tAtlantis\t\n"
                                           "Senator of Atlantis\tSenator\tAtlantis\tmany\n",
        "people.tsv": PEOPLE + "at-old\tOla Old\tOld\tOla\twestern\tf\tAtlantis\t\tx\t\n"
                               "at-new\tNils New\tNew\tNils\twestern\tm\tAtlantis\t\tx\t\n",
        "offices.tsv": OFFICES + f"at-old\tPresident of Atlantis\t2019-01-01\t\told.csv:2\t\n"
                                 f"at-new\tPresident of Atlantis\t{new_start}\t\tnew.csv:7\t\n"
                                 "at-old\tSenator of Atlantis\t2010\t\told.csv:3\t\n"
                                 "at-new\tSenator of Atlantis\t2015\t\tnew.csv:8\t\n",
        "sources.tsv": SOURCES + f"old.csv\t{old_as_of}\tCC0\t\t\nnew.csv\t2025-01-01\tCC0\t\t\n",
    })


def test_every_source_file_has_a_date_and_a_licence():
    """Each file the bundled tenures come from has its snapshot date; the IfG file carries its attribution."""
    files = {t.source.split(":")[0] for t in LEX.tenures if re.fullmatch(r"[\w.-]+\.csv:\d+", t.source)}
    assert files and files <= set(LEX.sources)
    ifg = LEX.sources["uk-ministers-ifg.csv"]
    assert ifg.licence == "CC BY 4.0" and ifg.attribution == "IfG Ministers Database, Institute for Government"
    assert LEX.sources["france-cabinet.csv"].as_of < dt.date(2023, 1, 1) < LEX.sources["us-congress.csv"].as_of


def test_open_tenure_is_held_only_as_far_as_its_snapshot_confirms(tmp_path):
    """An open end is 'held at least until the snapshot': presumed after it, not confirmed."""
    lex = load_lexicon(_atlantis(tmp_path))
    (old,) = [t for t in lex.tenures_of("at-old") if t.office == "President of Atlantis"]
    assert old.as_of == dt.date(2022, 7, 1) and old.known_until == dt.date(2022, 7, 1)
    day = dt.date(2023, 6, 1)
    assert old.held_on(day) and not old.confirmed_on(day)
    assert [t.person_id for t in lex.holders("President of Atlantis", as_of=day)] == ["at-old"]
    assert lex.holders("President of Atlantis", as_of=day, confirmed=True) == ()
    assert "2022-07-01" in old.evidence and "old.csv:2" in old.evidence


def test_a_later_sources_start_closes_an_earlier_open_tenure_the_day_before(tmp_path):
    """The next holder's start (from a source the open tenure's snapshot predates) ends it; an office several
    people hold at once (holders 'many') keeps both open."""
    lex = load_lexicon(_atlantis(tmp_path))
    (old,) = [t for t in lex.tenures_of("at-old") if t.office == "President of Atlantis"]
    assert str(old.end) == "2024-04-30" and "new.csv:7" in old.closed_by
    assert [t.person_id for t in lex.holders("President of Atlantis", as_of=dt.date(2024, 6, 1))] == ["at-new"]
    assert lex.is_shared("Senator of Atlantis")
    assert {t.person_id for t in lex.holders("Senator of Atlantis", as_of=dt.date(2024, 6, 1))} == {"at-old", "at-new"}


def test_a_snapshot_after_the_next_start_keeps_the_tenure_open(tmp_path):
    """A source that still had the person in office after the other's start is not overruled by it."""
    lex = load_lexicon(_atlantis(tmp_path, old_as_of="2024-12-31"))
    (old,) = [t for t in lex.tenures_of("at-old") if t.office == "President of Atlantis"]
    assert old.end is None and not old.closed_by


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"sources.tsv": SOURCES + "a.csv\t2022-13-01\t\t\t\n"}, "sources.tsv:2: bad as_of date"),
        ({"sources.tsv": SOURCES + "a.csv\t\t\t\t\n"}, "sources.tsv:2: empty as_of"),
        ({"sources.tsv": SOURCES + "a.csv\t2022\t\t\t\na.csv\t2023\t\t\t\n"}, "sources.tsv:3: duplicate source"),
        ({"offices.curated.tsv": OFFICES + "Q7747\tPresident of Russia\t2012-05-07\t\tkremlin.ru\t\n"},
         "offices.curated.tsv:2: open end without an as_of date"),
        ({"offices.tsv": OFFICES + "Q7747\tPresident of Russia\t2012\t\tx\t2022-02-30\n"},
         "offices.tsv:2: bad as_of date"),
        ({"office_names.tsv": OFFICE_NAMES + "Envoy of Atlantis\tAmbassador\t\tsome\n"},
         "office_names.tsv:2: holders must be 'one', 'many' or empty"),
        ({"offices.tsv": OFFICES + "Q7747\tPresident of Russia\tnever\t2020\tx\t\n"},
         "offices.tsv:2: a 'never' row names a person and an office, and no end"),
    ],
)
def test_dates_of_sources_are_checked_with_file_and_line(tmp_path, files, expected):
    """Bad snapshot dates, curated open ends without one, and bad markers are file:line problems."""
    problems = lexicon_compile.check_lexicon_dir(_write(tmp_path / "lex", files))
    assert any(expected in p for p in problems), problems


def test_curated_corrections_drop_a_never_held_office_and_merge_two_ids():
    """india-ministers.csv's Foreign Secretaries were never Foreign Minister; the world-changes file's QID for
    António Costa is the same person as the Portuguese Prime Minister's."""
    holders = LEX.holders("Foreign Minister of India", as_of=dt.date(2022, 6, 1))
    assert [LEX.person(t.person_id).name for t in holders] == ["Subrahmanyam Jaishankar"]
    assert "Q2347236" not in LEX.people
    offices = {t.office for t in LEX.tenures_of("Q610788")}
    assert {"Prime Minister of Portugal", "President of the European Council"} <= offices


def test_same_as_in_a_user_directory_moves_the_other_ids_tenures(tmp_path):
    """A newsroom's people row with same_as makes another id's bundled tenures its own (the IfG id of a
    minister the build could not match to his QID)."""
    ifg = "ifg:5128c916-6f31-4b3f-aaab-d7ee6ae88663"
    theirs = {t.office for t in LEX.tenures_of(ifg)}
    assert theirs and LEX.person(ifg).name == LEX.person("Q1379995").name == "Jeff Rooker"
    lex = load_lexicon(_write(tmp_path / "lex", {
        "people.tsv": PEOPLE + f"Q1379995\tJeff Rooker\tRooker\tJeff\twestern\tm\tUnited Kingdom\t\tx\t{ifg}\n"}))
    assert ifg not in lex.people and theirs <= {t.office for t in lex.tenures_of("Q1379995")}
    assert len(lex.candidates("Jeff Rooker")) == 1


def test_news_spellings_find_the_person():
    """Aliases: transliterations, short forms and a peer's title lead to the person the sources name."""
    for mention, name in [("Sergei Lavrov", "Sergey Lavrov"), ("Zelensky", "Volodymyr Zelenskyy"),
                          ("Olaf Scholz", "Olaf Scholz"), ("Lord Cameron of Chipping Norton", "David Cameron"),
                          ("Mohammed bin Salman", "Mohammed bin Salman"), ("Keir Starmer", "Keir Starmer")]:
        found = LEX.candidates(mention)
        assert found and found[0].person.name == name and found[0].score == 1.0, (mention, found[:2])
    assert len([p for p in LEX.people.values() if p.name == "Keir Starmer"]) == 1


def test_us_titles_map_to_congress_and_state_offices():
    """Senator, Rep., Congresswoman, Governor: the roles of the Congress and state files."""
    day = dt.date(2024, 6, 1)
    ohio = LEX.holders("United States Senator from Ohio", as_of=day)
    assert "JD Vance" in {LEX.person(t.person_id).name for t in ohio}
    assert LEX.title_office("U.S. Senator").role == "Senator"
    assert {"Representative", "Delegate"} <= set(LEX.title_roles("Congresswoman"))
    assert LEX.title_office("Rep.").role == "Representative"
    governors = LEX.holders("Governor of Utah", as_of=dt.date(2025, 6, 1))
    assert [LEX.person(t.person_id).name for t in governors] == ["Spencer Cox"]  # the source's wrong end, curated


def test_compiled_lexicon_is_kept_on_disk_and_read_back(tmp_path, monkeypatch):
    """With a cache directory, the bundled lexicon is pickled under a hash of its files and read back equal."""
    monkeypatch.setenv("QUOTES_CACHE", str(tmp_path))
    monkeypatch.setattr(lexicon_compile, "_MEMO", {})
    first = load_lexicon()
    files = sorted(p.name for p in tmp_path.glob("lexicon-*.pickle"))
    assert len(files) == 2 and files[0].startswith("lexicon-lexicon-")
    monkeypatch.setattr(lexicon_compile, "_MEMO", {})
    again = load_lexicon()
    assert again is not first and again.tenures == first.tenures and len(again.people) == len(first.people)
    assert again.candidates("Sergei Lavrov")[0].person.id == "Q58217"
    (tmp_path / files[0]).write_bytes(b"damaged")  # a damaged cache is rebuilt, never a failure
    monkeypatch.setattr(lexicon_compile, "_MEMO", {})
    assert len(load_lexicon().people) == len(first.people)
    assert pickle.loads((tmp_path / files[0]).read_bytes()).tenures == first.tenures


def test_import_writes_the_csvs_date_and_nothing_on_errors(tmp_path):
    """An import records the CSV's as-of date in sources.tsv; a malformed row is a file:line problem and
    nothing is written."""
    csv_path = tmp_path / "holders.csv"
    csv_path.write_text("position,person,personID,start,end\nPresident of Ukraine,Ana Test,Q999999991,2030,\n",
                        encoding="utf-8")
    out = tmp_path / "lex"
    assert import_office_holders(csv_path, out, as_of=dt.date(2030, 6, 1)) == 1
    lex = load_lexicon(out)
    (t,) = lex.tenures_of("Q999999991")
    assert t.as_of == dt.date(2030, 6, 1) and lex.sources["holders.csv"].as_of == dt.date(2030, 6, 1)
    bad = tmp_path / "bad.csv"
    bad.write_text("position,person,personID,start,end\nPresident of Ukraine,Bo Test,Q999999992,2031-02-30,\n"
                   "Presidnt of Ukraine,Bo Test,Q999999992,2031,\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(LexiconError) as info:
        import_office_holders(bad, out)
    assert [p.split(":")[:2] for p in info.value.problems] == [["bad.csv", "2"], ["bad.csv", "3"]]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# ------------------------------------------------------------------------------------------- title findings

def _titled(text: str, title: str, name: str, office: str, pid: str, date: dt.date) -> Extraction:
    start = text.index(title)
    n_start = start + len(title) + 1
    m = Mention(Span.of(text, start, n_start + len(name)), Span.of(text, n_start, n_start + len(name)),
                Span.of(text, start, start + len(title)), office, Speaker("person", name, pid))
    return Extraction(text, (), (m,), (), date, "argument", "a")


def test_a_title_past_the_snapshot_of_an_open_tenure_is_at_most_a_note(tmp_path):
    """Nothing after the snapshot says otherwise: an unconfirmed-title note naming the source and its date."""
    lex = load_lexicon(_atlantis(tmp_path, new_start="2030-01-01"))
    ex = _titled("Atlantean President Ola Old said so.", "Atlantean President", "Ola Old", "President of Atlantis",
                 "at-old", dt.date(2024, 6, 1))
    (f,) = verify_article(ex, lexicon=lex)
    assert (f.code, f.severity) == ("unconfirmed-title", "info")
    assert "as of 2022-07-01 (old.csv)" in f.message and "cannot confirm it on 2024-06-01" in f.message
    assert f.evidence[0].source.startswith("old.csv:2, as of 2022-07-01")


def test_a_later_holder_from_a_newer_source_makes_it_a_wrong_title(tmp_path):
    """The next holder's start closed the open tenure: the finding stands and names the holder."""
    lex = load_lexicon(_atlantis(tmp_path))
    ex = _titled("Atlantean President Ola Old said so.", "Atlantean President", "Ola Old", "President of Atlantis",
                 "at-old", dt.date(2024, 6, 1))
    (f,) = [f for f in verify_article(ex, lexicon=lex) if f.code == "wrong-title"]
    assert "held this office until 2024-04-30" in f.message
    assert f.message.endswith("the President of Atlantis was Nils New")
    assert any(e.source == "new.csv:7, as of 2025-01-01" for e in f.evidence)


def test_seed_kuleba_is_still_caught_with_the_president_named():
    """'Ukrainian President Dmytro Kuleba' (2022-03-01): Zelenskyy was the President."""
    ex = _titled("Wang Yi told Ukrainian President Dmytro Kuleba that Beijing regrets the war.",
                 "Ukrainian President", "Dmytro Kuleba", "President of Ukraine", "Q24025631", dt.date(2022, 3, 1))
    (f,) = [f for f in verify_article(ex, lexicon=LEX) if f.code == "wrong-title"]
    assert f.message == ("Dmytro Kuleba was Foreign Minister of Ukraine on 2022-03-01, not President of Ukraine; "
                         "the President of Ukraine was Volodymyr Zelenskyy")


def test_the_import_command_takes_the_country_and_the_as_of_date(tmp_path, capsys):
    """`quotes lexicon import CSV --into DIR --country C --as-of D` reads bare positions as C's offices and
    records D; a date that is no date is a clear error (exit 2), not a traceback."""
    from quotes import cli

    csv_path = tmp_path / "holders.csv"
    csv_path.write_text("position,person,personID,start,end\nPresident,Ana Test,Q999999993,2030,\n", encoding="utf-8")
    out = tmp_path / "lex"
    code = cli.main(["lexicon", "import", str(csv_path), "--into", str(out), "--country", "Ukraine",
                     "--as-of", "2030-06-01"])
    assert code == 0 and "imported 1 office rows" in capsys.readouterr().out
    lex = load_lexicon(out)
    (t,) = lex.tenures_of("Q999999993")
    assert (t.office, t.as_of) == ("President of Ukraine", dt.date(2030, 6, 1))
    assert cli.main(["lexicon", "import", str(csv_path), "--into", str(out), "--as-of", "June"]) == 2
    assert "--as-of must be a date" in capsys.readouterr().err
