"""The role lexicon: loading and validating the files, people, offices over time, titles, cues, organisations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.errors import LexiconError, QuotesError
from quotes.lexicon import (
    Lexicon,
    Office,
    check_lexicon_dir,
    import_office_holders,
    load_lexicon,
)

LEX = load_lexicon()
MARCH_2022 = dt.date(2022, 3, 1)
LEXICONS = Path(__file__).resolve().parent.parent / "lexicons"


def _names(tenures) -> list[str]:
    return [LEX.person(t.person_id).name for t in tenures]


def _problems(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    for name, text in files.items():
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return check_lexicon_dir(tmp_path)


# ------------------------------------------------------------------------------------------- loading


def test_bundled_lexicon_is_valid_and_an_engine_keeps_one():
    """The bundled files have no problems; an engine reads its lexicon once and keeps it."""
    from quotes.engine import Engine

    assert check_lexicon_dir(LEXICONS) == []
    engine = Engine()
    assert engine.lexicon is engine.lexicon
    assert len(LEX.people) > 1000 and len(LEX.tenures) > 1000


def test_lexicon_error_is_a_quotes_error():
    """LexiconError belongs to the one exception family."""
    assert issubclass(LexiconError, QuotesError)


OFFICES_HEAD = "person_id\toffice\tstart\tend\tsource\n"
PEOPLE_HEAD = "id\tname\tfamily\tgiven\torder\tgender\tcountry\taliases\n"


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"offices.tsv": OFFICES_HEAD + "Q7747\tPresident of Russia\t2022-02-30\t\tx\n"},
         "offices.tsv:2: bad start date '2022-02-30'"),
        ({"offices.tsv": "# a comment\n" + OFFICES_HEAD + "\nQ7747\tPresident of Russia\t2022-03\t2021\tx\n"},
         "offices.tsv:4: end before start (2021 < 2022-03)"),
        ({"offices.tsv": OFFICES_HEAD + "Q7747\tForeign Minster of China\t2022\t\tx\n"},
         "offices.tsv:2: unknown office 'Foreign Minster of China' (did you mean 'Foreign Minister of China'?)"),
        ({"offices.tsv": OFFICES_HEAD + "Q0\tPresident of Russia\t2022\t\tx\n"},
         "offices.tsv:2: office held by unknown person 'Q0'"),
        ({"offices.tsv": OFFICES_HEAD + "Q7747\tPresident of Russia\t2022\t\t\n"},
         "offices.tsv:2: empty source"),
        ({"offices.tsv": OFFICES_HEAD + "Q7747\tPresident of Russia\t2022\n"},
         "offices.tsv:2: 3 columns, expected 5"),
        ({"offices.tsv": OFFICES_HEAD + "Q7747\tPresident of Russia\t22-1-1\t\tx\n"},
         "offices.tsv:2: bad start date '22-1-1'"),
        ({"people.tsv": PEOPLE_HEAD + "p-1\tAna Test\tTest\tAna\twestern\tf\tUkraine\t\n"
                                      "p-1\tAna Tost\tTost\tAna\twestern\tf\tUkraine\t\n"},
         "people.tsv:3: duplicate id 'p-1' (first at"),
        ({"people.tsv": PEOPLE_HEAD + "p-1\tAna Test\tTest\tAna\tsouthern\tf\tUkraine\t\n"},
         "people.tsv:2: order must be western or eastern"),
        ({"people.tsv": PEOPLE_HEAD + "p-1\tAna Test\tTest\tAna\twestern\tq\tUkraine\t\n"},
         "people.tsv:2: gender must be m, f, x or empty"),
        ({"people.tsv": PEOPLE_HEAD + "p-1\tAna Test\tTest\tAna\twestern\tf\tUkrain\t\n"},
         "people.tsv:2: unknown country 'Ukrain' (did you mean 'Ukraine'?)"),
        ({"people.tsv": "id\tname\tfamly\n"}, "people.tsv:1: unknown column 'famly' (did you mean 'family'?)"),
        ({"people.tsv": "id\tfamily\n"}, "people.tsv:1: missing column 'name'"),
        ({"people.tsv": PEOPLE_HEAD.encode() + b"p-1\tAna T\xe9st\tT\xe9st\tAna\twestern\tf\tUkraine\t\n"},
         "people.tsv:2: not UTF-8 (byte 0xe9 at column 10)"),
        ({"people.curated.tsv": "id\tname\tsource\np-1\tAna Test\t\n"}, "people.curated.tsv:2: curated row without a source"),
        ({"peoples.tsv": PEOPLE_HEAD}, "peoples.tsv:1: unknown lexicon file (did you mean 'people.tsv'?)"),
        ({"office_names.tsv": "office\trole\tcountry\nMayor of Kyiv\tMayor\tUkrane\n"},
         "office_names.tsv:2: unknown country 'Ukrane' (did you mean 'Ukraine'?)"),
        ({"cues.tsv": "lemma\tclass\tpos\nmurmur\tspeach\tverb\n"}, "cues.tsv:2: class must be one of"),
        ({"cues.tsv": "lemma\tclass\tpos\nmurmur\tspeech\tadverb\n"}, "cues.tsv:2: pos must be one of"),
        ({"titles.tsv": "surface\trole\tkind\nminister\tMinister\ttitel\n"}, "titles.tsv:2: kind must be title or"),
        ({"countries.tsv": "country\tarticle\nAtlantis\tthe\nAtlantis\t\n"},
         "countries.tsv:3: duplicate country 'Atlantis'"),
        ({"organisations.tsv": "name\taliases\tcountry\nXinhua\t\tChinaa\n"}, "organisations.tsv:2: unknown country"),
        ({"documents.tsv": "noun\nwhite paper\n"}, "documents.tsv:2: a document noun is one word"),
        ({"documents.tsv": "noun\nmemo\nMemo\n"}, "documents.tsv:3: duplicate document noun 'memo'"),
        ({"organisation_nouns.tsv": "noun\nnews agency\n"}, "organisation_nouns.tsv:2: an organisation noun is one word"),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path, files, expected):
    """Each kind of problem is reported as file:line: message, with a hint where one helps."""
    problems = _problems(tmp_path, files)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(tmp_path.name + "/") for p in problems), problems


OFFICE_NAMES_HEAD = "office\trole\tcountry\tholders\n"
JX_TENURE = OFFICES_HEAD + "jx\tPresident of France\t2022\t2022\tme\n"


@pytest.mark.parametrize(
    "files, expected",
    [
        # a person rejected for one field: their tenures are not "held by unknown person 'jx'", though the
        # tenures' own problems and a person who is really unknown still are
        ({"people.tsv": PEOPLE_HEAD + "jx\tJ X\tX\tJ\twestern\tq\tFrance\t\n",
          "offices.tsv": JX_TENURE + "jx\tPresident of France\t2022-06\t2022-03\tme\n"
                                     "jy\tPresident of France\t2022\t\tme\n"},
         ["people.tsv:2: gender must be m, f, x or empty (got 'q')",
          "offices.tsv:3: end before start (2022-03 < 2022-06)",
          "offices.tsv:4: office held by unknown person 'jy'"]),
        ({"people.tsv": PEOPLE_HEAD + "jx\tJ X\tX\tJ\tsideways\tm\tFrance\t\n", "offices.tsv": JX_TENURE},
         ["people.tsv:2: order must be western or eastern (got 'sideways')"]),
        ({"people.tsv": PEOPLE_HEAD + "jx\t\t\t\twestern\tm\tFrance\t\n", "offices.tsv": JX_TENURE},
         ["people.tsv:2: id and name must not be empty"]),
        ({"people.tsv": PEOPLE_HEAD + "jx\tJ X\tX\tJ\twestern\tm\tFrance\t\textra\n", "offices.tsv": JX_TENURE},
         ["people.tsv:2: 9 columns, expected 8"]),
        ({"people.tsv": PEOPLE_HEAD.encode() + b"jx\tJ \xff X\tX\tJ\twestern\tm\tFrance\t\n",
          "offices.tsv": JX_TENURE},
         ["people.tsv:2: not UTF-8 (byte 0xff at column 6)"]),
        # an office rejected for its holders column is no "unknown office" in offices.tsv or titles.tsv
        ({"office_names.tsv": OFFICE_NAMES_HEAD + "Chief of Things of France\tChief\tFrance\tsome\n",
          "offices.tsv": OFFICES_HEAD + "Q7747\tChief of Things of France\t2030\t\tme\n",
          "titles.tsv": "surface\trole\tkind\tcountry\toffice\n"
                        "chief of things\tChief\ttitle\tFrance\tChief of Things of France\n"},
         ["office_names.tsv:2: holders must be 'one', 'many' or empty (got 'some')"]),
        ({"office_names.tsv": OFFICE_NAMES_HEAD + "Chief of Things of France\t\tFrance\t\n",
          "offices.tsv": OFFICES_HEAD + "Q7747\tChief of Things of France\t2030\t\tme\n"},
         ["office_names.tsv:2: office and role must not be empty"]),
        # the countries of a file with a bad header are not "unknown country" where people name them
        ({"countries.tsv": "country\tartcle\nAtlantis\tthe\n",
          "people.tsv": PEOPLE_HEAD + "p-1\tAna Test\tTest\tAna\twestern\tf\tAtlantis\t\n"},
         ["countries.tsv:1: unknown column 'artcle' (did you mean 'article'?)"]),
        # a source rejected for its date: its curated open tenure is not "open end without an as_of date"
        ({"sources.tsv": "source\tas_of\nmine.csv\tnot-a-date\n",
          "offices.curated.tsv": OFFICES_HEAD + "Q7747\tPresident of Russia\t2030\t\tmine.csv:3\n"},
         ["sources.tsv:2: bad as_of date 'not-a-date'"]),
    ],
)
def test_a_rejected_row_is_one_problem_not_a_cascade(tmp_path, files, expected):
    """A row rejected for one bad field (or a bad column count, bytes that are not UTF-8, its file's header)
    is reported once: the rows that refer to its id are not reported again as referring to an unknown one."""
    problems = [p.removeprefix(tmp_path.name + "/") for p in _problems(tmp_path, files)]
    assert len(problems) == len(expected), problems
    assert all(p.startswith(e) for p, e in zip(problems, expected)), problems


def test_every_problem_of_every_file_is_raised_at_once(tmp_path):
    """Problems in several files and lines come together in one LexiconError."""
    (tmp_path / "people.tsv").write_text(PEOPLE_HEAD + "p-1\tAna\t\t\twestern\tq\t\t\n", encoding="utf-8")
    (tmp_path / "offices.tsv").write_text(
        OFFICES_HEAD + "p-1\tPresident of Russia\t2022-02-30\t\tx\nQ0\tPresident of Russia\t2022\t\tx\n",
        encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_lexicon(tmp_path)
    problems = info.value.problems
    assert sorted({p.split(": ")[0] for p in problems}) == [
        f"{tmp_path.name}/offices.tsv:2", f"{tmp_path.name}/offices.tsv:3", f"{tmp_path.name}/people.tsv:2"]
    assert str(info.value).startswith(f"{len(problems)} problems in the lexicon:") and len(problems) >= 3


def test_extra_directory_merges_over_the_bundled_one(tmp_path):
    """A user directory adds people and tenures, and its rows for a (person, office) replace the bundled ones."""
    (tmp_path / "people.tsv").write_text(
        PEOPLE_HEAD + "ana-test\tAna Test\tTest\tAna\twestern\tf\tUkraine\tAnna Test\n"
                      "Q7747\tVladimir Putin\tPutin\tVladimir\twestern\tm\tRussia\tVVP\n", encoding="utf-8")
    (tmp_path / "offices.tsv").write_text(
        OFFICES_HEAD + "ana-test\tForeign Minister of Ukraine\t2030-01\t\tnewsroom desk\n"
                       "Q7747\tPresident of Russia\t2012-05-07\t2012-05-08\ttest\n", encoding="utf-8")
    lex = load_lexicon(tmp_path)
    assert lex is not LEX
    assert lex.candidates("Anna Test")[0].person.id == "ana-test"
    holders = lex.holders("Foreign Minister of Ukraine", as_of=dt.date(2030, 1, 1))
    assert "ana-test" in [t.person_id for t in holders]
    putin = lex.person("Q7747")
    assert "VVP" in putin.aliases and "Sergei Lavrov" not in putin.aliases and "Vladimir Putin" not in putin.aliases
    assert "President of Russia" not in [t.office for t in lex.offices_of("Q7747", as_of=MARCH_2022)]
    assert len([p for p in lex.people.values() if p.name == "Vladimir Putin"]) == 1


def test_curated_rows_replace_generated_ones():
    """Wang Yi's generated open-ended tenure is replaced by the curated ones around Qin Gang's."""
    assert [t.office for t in LEX.offices_of("Q701801", as_of=dt.date(2023, 3, 1))] == ["State Councilor of China"]
    assert _names(LEX.holders("Foreign Minister of China", as_of=dt.date(2023, 3, 1))) == ["Qin Gang"]
    assert _names(LEX.holders("Foreign Minister of China", as_of=dt.date(2024, 1, 1))) == ["Wang Yi"]


def test_same_person_never_twice():
    """Generated and curated rows of one person are merged: every seed name has exactly one exact match."""
    for name in ("Vladimir Putin", "Xi Jinping", "Dmytro Kuleba", "Sergey Lavrov", "Antony Blinken", "Wang Yi",
                 "Joe Biden", "Boris Johnson", "Pope Francis", "Yoshimasa Hayashi", "Yoko Kamikawa"):
        exact = [c for c in LEX.candidates(name, limit=50) if c.score == 1.0]
        assert len(exact) == 1, (name, exact)


def test_every_curated_row_has_a_source():
    """Curated people and tenures all name where their facts come from."""
    for name in ("people.curated.tsv", "offices.curated.tsv"):
        lines = [l for l in (LEXICONS / name).read_text(encoding="utf-8").splitlines()
                 if l.strip() and not l.startswith("#")]
        header = lines[0].split("\t")
        for line in lines[1:]:
            assert dict(zip(header, line.split("\t")))["source"].strip(), line


# ------------------------------------------------------------------------------------------- people

PAIRS = sorted((p.id, alias) for p in LEX.people.values() for alias in (p.name, *p.aliases))


@settings(max_examples=80)
@given(st.sampled_from(PAIRS))
def test_every_alias_resolves_to_its_person(pair):
    """Every name and alias of every person finds that person among its candidates, at 1.0."""
    pid, alias = pair
    found = {c.person.id: c.score for c in LEX.candidates(alias, limit=100)}
    assert found.get(pid) == 1.0, (alias, found)


@settings(max_examples=40)
@given(st.sampled_from(PAIRS), st.sampled_from(["{}'s", "{}’s", "Mr. {}", "Ms {}", "{}"]), st.booleans())
def test_candidates_ignore_case_possessives_and_honorifics(pair, pattern, upper):
    """Case, possessives and honorifics do not stop a name from finding its person."""
    pid, alias = pair
    mention = pattern.format(alias)
    mention = mention.upper() if upper else mention
    assert pid in {c.person.id for c in LEX.candidates(mention, limit=200)}


@settings(max_examples=40)
@given(st.text(max_size=40))
def test_candidates_never_raise_and_scores_are_in_range(text):
    """Any text gives candidates (maybe none) with scores in 0..1, best first."""
    found = LEX.candidates(text)
    assert all(0 < c.score <= 1 for c in found)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_wang_is_ambiguous():
    """A bare "Wang" gives both Wang Yi and Wang Wenbin (and maybe other Wangs), family-name scores."""
    found = LEX.candidates("Wang", as_of=MARCH_2022)
    names = [c.person.name for c in found]
    assert {"Wang Yi", "Wang Wenbin"} <= set(names)
    assert all(c.score < 1 for c in found)


def test_title_ranks_the_office_holder_first():
    """A title in front of a surname ranks whoever held that office first."""
    assert LEX.candidates("Foreign Minister Wang", as_of=MARCH_2022)[0].person.name == "Wang Yi"
    assert LEX.candidates("foreign ministry spokesperson Wang", as_of=MARCH_2022)[0].person.name == "Wang Wenbin"
    assert LEX.candidates("China's UN Ambassador Zhang Jun", as_of=MARCH_2022)[0].person.id == "zhang-jun-diplomat"


@pytest.mark.parametrize(
    "mention, name",
    [
        ("Foreign Minister Wang Yi", "Wang Yi"),
        ("Wang Yi's", "Wang Yi"),
        ("Mr. Kuleba", "Dmytro Kuleba"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Mr Lavrov", "Sergey Lavrov"),
        ("Zelensky", "Volodymyr Zelenskyy"),
        ("Zelenskiy’s", "Volodymyr Zelenskyy"),
        ("President Xi", "Xi Jinping"),
        ("Xi", "Xi Jinping"),
        ("Antonio Guterres", "António Guterres"),
        ("ANTÓNIO GUTERRES", "António Guterres"),
        ("Ms Psaki", "Jen Psaki"),
        ("White House press secretary Jen Psaki", "Jen Psaki"),
        ("Pope Francis", "Pope Francis"),
        ("Josep Borrell", "Josep Borrell"),
        ("Dmitry Medvedev", "Dmitry Medvedev"),
        ("Japanese foreign minister Yoshimasa Hayashi", "Yoshimasa Hayashi"),
        ("US secretary of state Antony Blinken", "Antony Blinken"),
        ("Canadian Prime Minister Justin Trudeau", "Justin Trudeau"),
        ("Vladimir Putn", "Vladimir Putin"),
        ("his Chinese counterpart Xi Jinping", "Xi Jinping"),
        ("the deputy head of Russia’s Security Council, Dmitry Medvedev", "Dmitry Medvedev"),
    ],
)
def test_mentions_resolve(mention, name):
    """Names with titles, honorifics, possessives, variant spellings and typos find the right person."""
    found = LEX.candidates(mention, as_of=MARCH_2022)
    assert found and found[0].person.name == name, found[:3]


def test_scores():
    """Exact names score 1.0, family names alone less, people out of office at the date less still."""
    assert LEX.candidates("Wang Yi", as_of=MARCH_2022)[0].score == 1.0
    assert LEX.candidates("Lavrov", as_of=MARCH_2022)[0].score == pytest.approx(0.6)
    assert LEX.candidates("Donald Trump", as_of=MARCH_2022)[0].score < 1.0
    assert LEX.candidates("Donald Trump")[0].score == 1.0
    assert LEX.candidates("the foreign minister") == ()
    assert LEX.candidates("") == ()


def test_as_of_ranks_office_holders_first():
    """Of two people with one name, the one in office at the date ranks first."""
    found = LEX.candidates("Zhang Jun", as_of=MARCH_2022)
    assert found[0].person.id == "zhang-jun-diplomat" and len(found) >= 2


def test_person_lookup():
    """person() finds by id and raises KeyError for unknown ids."""
    assert LEX.person("Q3874799").name == "Volodymyr Zelenskyy"
    assert LEX.person("Q3874799").gender == "m"
    assert LEX.person("wang-wenbin").order == "eastern"
    with pytest.raises(KeyError):
        LEX.person("Q0")


# ------------------------------------------------------------------------------------------- offices


def test_kuleba_and_zelenskyy_in_march_2022():
    """Kuleba was Foreign Minister of Ukraine on 2022-03-01; the President of Ukraine then was Zelenskyy."""
    assert [t.office for t in LEX.offices_of("Q24025631", as_of=MARCH_2022)] == ["Foreign Minister of Ukraine"]
    assert _names(LEX.holders("President of Ukraine", as_of=MARCH_2022)) == ["Volodymyr Zelenskyy"]
    assert _names(LEX.holders("Ukrainian President", as_of=MARCH_2022)) == ["Volodymyr Zelenskyy"]
    assert _names(LEX.holders("President", as_of=MARCH_2022, country="Ukraine")) == ["Volodymyr Zelenskyy"]


@pytest.mark.parametrize(
    "office, day, names",
    [
        ("Foreign Minister of Ukraine", "2020-03-03", ["Vadym Prystaiko"]),
        ("Foreign Minister of Ukraine", "2020-03-04", ["Dmytro Kuleba", "Vadym Prystaiko"]),  # handover day: both
        ("Foreign Minister of Ukraine", "2020-03-05", ["Dmytro Kuleba"]),
        ("Foreign Minister of Ukraine", "2024-09-05", ["Andrii Sybiha", "Dmytro Kuleba"]),  # last day counts
        ("Foreign Minister of Ukraine", "2024-09-06", ["Andrii Sybiha"]),
        ("Spokesperson of the Ministry of Foreign Affairs of China", "2020-06-30", ["Hua Chunying", "Zhao Lijian"]),
        ("Spokesperson of the Ministry of Foreign Affairs of China", "2020-07-01",  # month precision: from the 1st
         ["Hua Chunying", "Wang Wenbin", "Zhao Lijian"]),
        ("Spokesperson of the Ministry of Foreign Affairs of China", "2023-01-31", ["Hua Chunying", "Mao Ning",
                                                                                   "Wang Wenbin", "Zhao Lijian"]),
        ("Spokesperson of the Ministry of Foreign Affairs of China", "2023-02-01", ["Hua Chunying", "Mao Ning",
                                                                                   "Wang Wenbin"]),
        ("Spokesperson of the Ministry of Foreign Affairs of China", "2024-12-31",  # year precision: to Dec 31
         ["Hua Chunying", "Mao Ning", "Wang Wenbin"]),
        ("Spokesperson of the Ministry of Foreign Affairs of China", "2025-01-01", ["Hua Chunying", "Mao Ning"]),
        ("Prime Minister of the United Kingdom", "2022-10-24", ["Liz Truss"]),
        ("Prime Minister of the United Kingdom", "2022-10-26", ["Rishi Sunak"]),
        ("Premier of China", "2023-03-12", ["Li Qiang"]),
    ],
)
def test_as_of_boundaries(office, day, names):
    """Tenures count from their first day to their last, both included, at day, month or year precision."""
    assert sorted(_names(LEX.holders(office, as_of=dt.date.fromisoformat(day)))) == names


def test_holders_by_role_and_country():
    """A role narrowed by country finds the holder; a US "foreign minister" is the Secretary of State."""
    assert _names(LEX.holders("Foreign Minister", as_of=MARCH_2022, country="China")) == ["Wang Yi"]
    assert _names(LEX.holders("Foreign Minister", as_of=MARCH_2022, country="Chinese")) == ["Wang Yi"]
    assert _names(LEX.holders("foreign minister", as_of=MARCH_2022, country="United States")) == ["Antony Blinken"]
    assert "Sergey Lavrov" in _names(LEX.holders("Foreign Minister", as_of=MARCH_2022))
    assert _names(LEX.holders("Pope", as_of=MARCH_2022)) == ["Pope Francis"]


def test_seed_people_hold_their_march_2022_offices():
    """Everyone with an office in the seed articles holds it on 2022-03-01."""
    expected = {
        "Wang Yi": "Foreign Minister of China",
        "Wang Wenbin": "Spokesperson of the Ministry of Foreign Affairs of China",
        "Zhang Jun": "Permanent Representative of China to the United Nations",
        "Xi Jinping": "President of China",
        "Vladimir Putin": "President of Russia",
        "Volodymyr Zelenskyy": "President of Ukraine",
        "Dmytro Kuleba": "Foreign Minister of Ukraine",
        "Sergei Lavrov": "Foreign Minister of Russia",
        "Josep Borrell": "High Representative of the European Union for Foreign Affairs and Security Policy",
        "Pope Francis": "Pope",
        "Jen Psaki": "White House Press Secretary",
        "Dmitry Medvedev": "Deputy Chairman of the Security Council of Russia",
        "Yoshimasa Hayashi": "Foreign Minister of Japan",
        "Antony Blinken": "Secretary of State of the United States",
        "Joe Biden": "President of the United States",
        "Boris Johnson": "Prime Minister of the United Kingdom",
        "Justin Trudeau": "Prime Minister of Canada",
        "Li Keqiang": "Premier of China",
        "Olaf Scholz": "Chancellor of Germany",
        "Emmanuel Macron": "President of France",
        "Antonio Guterres": "Secretary-General of the United Nations",
    }
    for name, office in expected.items():
        person = LEX.candidates(name, as_of=MARCH_2022)[0].person
        assert office in [t.office for t in LEX.offices_of(person.id, as_of=MARCH_2022)], name


# ------------------------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    "phrase, office",
    [
        ("Ukrainian President", Office("President of Ukraine", "President", "Ukraine")),
        ("China's foreign minister", Office("Foreign Minister of China", "Foreign Minister", "China")),
        ("China’s Foreign Minister", Office("Foreign Minister of China", "Foreign Minister", "China")),
        ("Foreign Minister", Office("Foreign Minister", "Foreign Minister", None)),
        ("FM", Office("Foreign Minister", "Foreign Minister", None)),
        ("Chinese foreign ministry spokesperson",
         Office("Spokesperson of the Ministry of Foreign Affairs of China", "Spokesperson", "China")),
        ("Foreign Ministry spokesperson", Office("Spokesperson", "Spokesperson", None)),
        ("China's UN Ambassador",
         Office("Permanent Representative of China to the United Nations", "Ambassador", "China")),
        ("deputy head of Russia's Security Council",
         Office("Deputy Chairman of the Security Council of Russia", "Deputy Chairman of the Security Council",
                "Russia")),
        ("The European Union's foreign policy chief",
         Office("High Representative of the European Union for Foreign Affairs and Security Policy",
                "High Representative", "European Union")),
        ("White House press secretary", Office("White House Press Secretary", "Press Secretary", "United States")),
        ("US secretary of state",
         Office("Secretary of State of the United States", "Secretary of State", "United States")),
        ("Japanese foreign minister", Office("Foreign Minister of Japan", "Foreign Minister", "Japan")),
        ("Russian President", Office("President of Russia", "President", "Russia")),
        ("President of Ukraine", Office("President of Ukraine", "President", "Ukraine")),
        ("Beijing's top diplomat", Office("Foreign Minister of China", "Foreign Minister", "China")),
        ("Kremlin spokesman", Office("Press Secretary of the President of Russia", "Spokesperson", "Russia")),
        ("Pope", Office("Pope", "Pope", "Holy See")),
        ("UN Secretary-General", Office("Secretary-General of the United Nations", "Secretary-General",
                                        "United Nations")),
        ("Brazilian foreign minister", Office("Foreign Minister of Brazil", "Foreign Minister", "Brazil")),
        ("German Chancellor", Office("Chancellor of Germany", "Chancellor", "Germany")),
        ("Chinese Premier", Office("Premier of China", "Premier", "China")),
    ],
)
def test_title_office(phrase, office):
    """Titles with country adjectives, possessives, capitals or "of X" resolve to the country's office."""
    assert LEX.title_office(phrase) == office


@pytest.mark.parametrize("phrase", ["Wang Yi", "Mr", "Beijing", "the Chinese", "", "said", "state media"])
def test_non_titles(phrase):
    """Names, honorifics, countries and other words are not titles."""
    assert LEX.title_office(phrase) is None


def test_title_and_honorific_words():
    """Title words and honorifics are told apart."""
    assert LEX.is_title_word("President") and LEX.is_title_word("spokeswoman") and LEX.is_title_word("envoy")
    assert not LEX.is_title_word("Mr") and not LEX.is_title_word("Wang")
    assert all(LEX.is_honorific(w) for w in ("Mr", "Mr.", "Ms", "Mrs", "Dr"))
    assert not LEX.is_honorific("President")


def test_country_of_adjective():
    """Adjectives, abbreviations and capitals stand for their countries."""
    assert LEX.country_of_adjective("Ukrainian") == "Ukraine"
    assert LEX.country_of_adjective("Chinese") == "China"
    assert LEX.country_of_adjective("Kiev") == "Ukraine"
    assert LEX.country_of_adjective("Kyiv") == "Ukraine"
    assert LEX.country_of_adjective("Moscow") == "Russia"
    assert LEX.country_of_adjective("Washington") == "United States"
    assert LEX.country_of_adjective("South Korean") == "South Korea"
    assert LEX.country_of_adjective("table") is None


# ------------------------------------------------------------------------------------------- cues and orgs


NEWSROOM_VERBS = [
    "deplore", "condemn", "hail", "slam", "vow", "pledge", "reiterate", "stress", "dismiss", "warn", "urge", "note",
    "insist", "express", "regret", "appeal", "describe", "add", "tell", "say",
]


def test_cues():
    """Verb cues by lemma (with particles), noun cues by word, classes."""
    assert LEX.cue("say").cls == "speech"
    assert LEX.cue("write").cls == "writing"
    assert LEX.cue("think").cls == "thought"
    assert LEX.cue("according to").cls == "according-to"
    assert LEX.cue("call for").particle == "for" and LEX.cue("call on").key == "call on"
    for lemma in NEWSROOM_VERBS:
        assert LEX.cue(lemma) is not None and LEX.cue(lemma).pos == "verb", lemma
    for word in ("statement", "readout", "remarks", "interview", "press conference", "briefing", "told reporters"):
        assert LEX.noun_cue(word) is not None, word
    assert LEX.noun_cue("table") is None and LEX.cue("eat") is None


def test_cue_forms_are_inflected():
    """cue_forms holds every inflected form, lowercased."""
    for form in ("said", "says", "saying", "told", "wrote", "written", "slammed", "slamming", "called", "urges",
                 "hailed", "vowed", "pledging", "reiterated", "denounced", "statements", "according", "regretted"):
        assert form in LEX.cue_forms, form
    assert all(f == f.lower() for f in LEX.cue_forms)


@pytest.mark.slow
def test_cue_lists_are_covered(shared):
    """Every form of the gender-gap list and every textacy lemma is a cue."""
    folder = shared / "lexicon-sources" / "cue-verbs"
    for form in (folder / "gender-gap-tracker-quote-verbs.txt").read_text(encoding="utf-8").split():
        assert form.lower() in LEX.cue_forms, form
    for lemma in (folder / "textacy-reporting-verbs-en.txt").read_text(encoding="utf-8").split():
        assert LEX.cue(lemma) or LEX.cue(lemma + " to"), lemma


@pytest.mark.parametrize(
    "phrase, name",
    [("state media", "Chinese state media"), ("state broadcaster CCTV", "China Central Television"),
     ("CCTV", "China Central Television"), ("Xinhua", "Xinhua News Agency"), ("the Kremlin", "Kremlin"),
     ("the foreign ministry", "Ministry of Foreign Affairs of China"), ("Beijing", "China"),
     ("The White House", "White House"), ("The Chinese readout", "China")],
)
def test_organisations(phrase, name):
    """Source organisations are found by name or alias, with or without "the"."""
    assert LEX.organisation(phrase).name == name


@pytest.mark.parametrize("word, noun", [("resolution", "resolution"), ("Resolutions", "resolution"),
                                        ("communiqué", "communique"), ("memoranda", "memorandum"),
                                        ("minister", None), ("diplomats", None)])
def test_document_nouns(word, noun):
    """Document nouns are found in any case, in the plural and in the forms listed; other nouns give None."""
    assert LEX.document_noun(word) == noun


def test_unknown_organisation():
    """A phrase that names no organisation gives None."""
    assert LEX.organisation("a Western diplomat") is None


def test_description_head_lists():
    """The head lists the description resolvers read are word lists; a two-word head is one entry."""
    for name, word in [("organisation-head", "think tank"), ("organisation-head", "campaign"),
                       ("document-head", "ad"), ("person-head", "running mate"), ("person-head", "first lady"),
                       ("story-head", "nominee"), ("female-head", "widow"), ("male-head", "chairman"),
                       ("group-head", "family"), ("group-quantifier", "others")]:
        assert word in LEX.words(name), (name, word)
    assert LEX.words("female-head") | LEX.words("male-head") <= LEX.words("person-head")
    assert "think" not in LEX.words("organisation-head") and "lady" in LEX.words("person-head")
    with pytest.raises(KeyError, match="person-head"):
        LEX.words("person-heads")


@pytest.mark.parametrize(
    "rows, expected",
    [("person-heads\tnurse\n", "word_lists.tsv:2: unknown word list 'person-heads' (did you mean 'person-head'?)"),
     ("person-head\tRunning Mate\n", "word_lists.tsv:2: a word list holds lower-case words (got 'Running Mate')"),
     ("group-head\tcrowd\ngroup-head\tcrowd\n", "word_lists.tsv:3: duplicate group-head word 'crowd'")],
)
def test_bad_head_list_rows_name_file_and_line(tmp_path, rows, expected):
    """A misspelt head list, an upper-case head or a repeated one is reported with file:line."""
    problems = _problems(tmp_path, {"word_lists.tsv": "list\tword\n" + rows})
    assert any(expected in p for p in problems), problems


# ------------------------------------------------------------------------------------------- importing


def test_import_office_holders(tmp_path):
    """An office-holder CSV is imported into a user lexicon: new people, tenures with the file as source."""
    csv_path = tmp_path / "holders.csv"
    csv_path.write_text(
        "position,person,personID,start,end,gender\n"
        "Foreign Minister of Ukraine,Ana Test,Q999999991,2030-01-02,,female\n"
        "President,Vladimir Putin,Q7747,2012-05-07,,male\n", encoding="utf-8")
    out = tmp_path / "lex"
    assert import_office_holders(csv_path, out, country="Russia") == 2
    assert import_office_holders(csv_path, out, country="Russia") == 0  # nothing new the second time
    lex = load_lexicon(out)
    assert lex.person("Q999999991").gender == "f"
    assert [t.source for t in lex.tenures_of("Q999999991")] == ["holders.csv"]


def test_import_office_holders_reports_problems(tmp_path):
    """Unknown positions and bad dates are reported with CSV line numbers, and nothing is written."""
    csv_path = tmp_path / "holders.csv"
    csv_path.write_text(
        "position,person,personID,start,end\n"
        "Foreign Minster of Ukraine,Ana Test,Q999999991,2030,,\n"
        "President of Ukraine,Ana Test,Q999999991,2030-02-30,\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        import_office_holders(csv_path, tmp_path / "lex")
    assert info.value.problems[0].startswith("holders.csv:2: unknown office 'Foreign Minster of Ukraine' "
                                             "(did you mean 'Foreign Minister of Ukraine'?)")
    assert info.value.problems[1].startswith("holders.csv:3: bad start date")
    assert not (tmp_path / "lex").exists()


@pytest.mark.parametrize("country", ["Narnia", "Ukrain"])
def test_import_with_an_unknown_country_is_one_problem_naming_it(tmp_path, country):
    """An unknown country= is one problem that names it (with the nearest countries), not an unknown office
    per row; nothing is written."""
    csv_path = tmp_path / "holders.csv"
    csv_path.write_text("position,person,personID,start,end\nPresident,Cy Test,Q999999993,2020,\n"
                        "President,Di Test,Q999999994,2021,\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        import_office_holders(csv_path, tmp_path / "lex", country=country)
    (problem,) = info.value.problems
    assert problem.startswith(f"unknown country {country!r}") and "countries.tsv" in problem, problem
    if country == "Ukrain":
        assert "(did you mean 'Ukraine'" in problem, problem
    assert not (tmp_path / "lex").exists()


def test_the_import_command_names_an_unknown_country(tmp_path, capsys):
    """`quotes lexicon import CSV --country Narnia`: exit 2, one error naming the country, no unknown office."""
    from quotes import cli

    csv_path = tmp_path / "holders.csv"
    csv_path.write_text("position,person,personID,start,end\nPresident,Cy Test,Q999999993,2020,\n",
                        encoding="utf-8")
    code = cli.main(["lexicon", "import", str(csv_path), "--into", str(tmp_path / "lex"), "--country", "Narnia"])
    err = capsys.readouterr().err
    assert code == 2 and "unknown country 'Narnia'" in err and "unknown office" not in err, err


def test_import_takes_a_country_by_its_adjective(tmp_path):
    """The country check knows what titles know: an adjective stands for its country."""
    csv_path = tmp_path / "holders.csv"
    csv_path.write_text("position,person,personID,start,end\nPresident,Cy Test,Q999999993,2030,\n",
                        encoding="utf-8")
    assert import_office_holders(csv_path, tmp_path / "lex", country="Ukrainian") == 1
    assert [t.office for t in load_lexicon(tmp_path / "lex").tenures_of("Q999999993")] == ["President of Ukraine"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_import_reads_a_name_over_two_lines_as_one_line(tmp_path, newline):
    """A quoted name with a line break inside (or a tab) is one line with a space, never two words glued."""
    csv_path = tmp_path / "holders.csv"
    csv_path.write_bytes(("position,person,personID,start,end" + newline
                          + 'President,"Bo' + newline + 'Multiline",Q999999992,2020-01,' + newline
                          + 'President,"Ana\tTest",Q999999991,2020-02,' + newline).encode())
    out = tmp_path / "lex"
    assert import_office_holders(csv_path, out, country="Ukraine") == 2
    lex = load_lexicon(out)
    bo = lex.person("Q999999992")
    assert (bo.name, bo.given, bo.family) == ("Bo Multiline", "Bo", "Multiline")
    assert lex.person("Q999999991").name == "Ana Test"
    assert check_lexicon_dir(out) == []


def test_import_problems_name_the_line_a_record_starts_on(tmp_path):
    """Line numbers count the lines of the file, not its records: after a record over two lines and a blank
    line, the next record's problem names its own line; a personID with a line break in it is a problem."""
    csv_path = tmp_path / "holders.csv"
    csv_path.write_text("position,person,personID,start,end\n"       # 1
                        'President,"Bo\nMultiline",Q999999992,2020,\n'  # 2-3
                        "\n"                                          # 4
                        "President,Cy Test,Q999999993,2020-13,\n"     # 5
                        'President,Di Test,"Q99999\n9994",2021,\n',   # 6-7
                        encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        import_office_holders(csv_path, tmp_path / "lex", country="Ukraine")
    assert [p.split(": ")[0] for p in info.value.problems] == ["holders.csv:5", "holders.csv:6"], info.value.problems
    assert info.value.problems[0].startswith("holders.csv:5: bad start date '2020-13'")
    assert info.value.problems[1].startswith("holders.csv:6: personID 'Q99999\\n9994' contains")
    assert not (tmp_path / "lex").exists()


def test_from_dirs_builds_a_lexicon():
    """Lexicon.from_dirs reads the bundled directory into an equal lexicon."""
    lex = Lexicon.from_dirs(LEXICONS)
    assert len(lex.people) == len(LEX.people) and lex.tenures == LEX.tenures


# -- packed records (quotes/lexicon/packing.py): every record comes back as it went in

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT, _TEXT, st.lists(_TEXT, max_size=3)), max_size=6))
def test_packed_people_give_back_every_person(rows):
    from quotes.lexicon.packing import PackedPeople
    from quotes.lexicon.records import Person

    people = {f"p{i}": Person(f"p{i}", name, family, given, aliases=tuple(aliases))
              for i, (name, family, given, aliases) in enumerate(rows)}
    packed = PackedPeople(people.items())
    assert dict(packed) == people and list(packed) == list(people)
    assert list(packed.records()) == list(people.values())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c\x1fd"]), _TEXT, _TEXT,
                          st.sampled_from([None, "2020", "2021-03", "2022-02-28"]), _TEXT), max_size=8))
def test_packed_tenures_give_back_every_tenure(rows):
    from quotes.dates import PartialDate
    from quotes.lexicon.packing import PackedTenures
    from quotes.lexicon.records import Tenure

    tenures = [Tenure(pid, office, office.split()[0] if office.split() else "", "X",
                      PartialDate.parse(start) if start else None, None, source, dt.date(2024, 1, 1) if i % 2 else None)
               for i, (pid, office, source, start, _) in enumerate(rows)]
    packed = PackedTenures(tenures)
    assert len(packed) == len(tenures)
    for pid in {t.person_id for t in tenures}:
        assert packed.of(pid) == tuple(t for t in tenures if t.person_id == pid)
    for office in {t.office for t in tenures}:
        assert sorted(packed.of_office(office), key=repr) == sorted((t for t in tenures if t.office == office), key=repr)
    assert packed.of("nobody") == ()


def test_the_bundled_lexicon_packs_its_records_and_answers_as_records_would():
    import pickle

    lex = load_lexicon()
    assert type(lex.people).__name__ == "PackedPeople"
    putin = lex.person("Q7747")
    assert putin.name == "Vladimir Putin" and putin in lex.people.values()
    assert lex.tenures_of("Q7747") == tuple(t for t in lex.tenures if t.person_id == "Q7747")
    again = pickle.loads(pickle.dumps(lex))
    assert again.person("Q7747") == putin and again.tenures_of("Q7747") == lex.tenures_of("Q7747")
