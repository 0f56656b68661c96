"""Findings on small hand-made extractions, with a fake lexicon: one test per finding type, and clean cases."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from quotes.grouping import _make_group, group_statements, occurrences_of
from quotes.records import Diagnostic, Extraction, Mention, Quote, Span, Speaker
from quotes.verification import (
    CODES,
    check_against_sources,
    verify_across,
    verify_article,
)

DATE = dt.date(2022, 3, 1)


@attrs.frozen
class Person:
    id: str
    name: str
    family: str
    given: str = ""
    order: str = "western"
    gender: str = "m"
    country: str = ""
    aliases: tuple[str, ...] = ()


@attrs.frozen
class Tenure:
    person_id: str
    office: str
    role: str = ""
    country: str = ""
    start: dt.date = dt.date(2000, 1, 1)
    end: dt.date | None = None
    source: str = "offices.tsv:1"


@attrs.frozen
class Candidate:
    person: Person
    score: float
    matched: str


class FakeLexicon:
    """The four lexicon calls verification makes, over a handful of people."""

    def __init__(self) -> None:
        self.people = {p.id: p for p in [
            Person("Q1", "Wang Yi", "Wang"), Person("Q2", "Xi Jinping", "Xi"), Person("Q3", "Dmytro Kuleba", "Kuleba"),
            Person("Q4", "Volodymyr Zelenskyy", "Zelenskyy"), Person("Q5", "Wang Huning", "Wang"),
            Person("Q6", "Zhang Jun", "Zhang"), Person("Q7", "Zhang Jun", "Zhang"),
        ]}
        self.tenures = [
            Tenure("Q1", "Foreign Minister of China", start=dt.date(2013, 3, 16), end=dt.date(2022, 12, 30)),
            Tenure("Q2", "President of China", start=dt.date(2013, 3, 14)),
            Tenure("Q3", "Foreign Minister of Ukraine", start=dt.date(2020, 3, 4), end=dt.date(2024, 9, 5)),
            Tenure("Q4", "President of Ukraine", start=dt.date(2019, 5, 20)),
            Tenure("Q5", "Chairman of the CPPCC", start=dt.date(2023, 3, 10)),
            Tenure("Q6", "Ambassador of China to the United Nations", start=dt.date(2019, 7, 29)),
            Tenure("Q7", "Governor of Zhejiang", start=dt.date(2000, 1, 1), end=dt.date(2030, 1, 1)),
        ]

    def _on(self, t: Tenure, d: dt.date) -> bool:
        return t.start <= d and (t.end is None or d <= t.end)

    def offices_of(self, person_id, *, as_of):
        return tuple(t for t in self.tenures if t.person_id == person_id and self._on(t, as_of))

    def holders(self, office, *, as_of):
        return tuple(t for t in self.tenures if t.office == office and self._on(t, as_of))

    def person(self, id):
        return self.people[id]

    def candidates(self, mention, *, as_of=None):
        full = tuple(Candidate(p, 1.0, p.name) for p in self.people.values() if p.name == mention)
        bare = mention.removeprefix("Mr. ")
        return full or tuple(Candidate(p, 0.6, p.family) for p in self.people.values() if p.family == bare)


LEX = FakeLexicon()


def speaker(pid: str) -> Speaker:
    p = LEX.person(pid)
    offices = LEX.offices_of(pid, as_of=DATE)
    return Speaker("person", p.name, pid, offices[0].office if offices else None)


def mention(text: str, title: str | None, name: str, office: str | None, pid: str) -> Mention:
    start = text.index((title + " " if title else "") + name)
    t = Span.of(text, start, start + len(title)) if title else None
    n_start = start + (len(title) + 1 if title else 0)
    n = Span.of(text, n_start, n_start + len(name))
    return Mention(Span.of(text, start, n.end), n, t, office, speaker(pid))


def quoting(name: str, text: str, *pieces: tuple[str, Speaker | str], kind: str = "direct") -> Extraction:
    """An extraction of ``text`` quoting each ``(words, speaker)``; the words must be in the text, in marks."""
    quotes = []
    for words, who in pieces:
        sp = speaker(who) if isinstance(who, str) else who
        s = text.index(words)
        quoted = Span.of(text, s, s + len(words))
        content = Span.of(text, s - 1, s + len(words) + 1)
        quotes.append(Quote((content,), kind, None, "say", None, sp, "cue-subject", 0.9, quoted=(quoted,)))  # type: ignore[arg-type]
    return Extraction(text, tuple(quotes), (), (), DATE, "argument", name)


# --- one article ---------------------------------------------------------------------------


def test_wrong_title_names_the_office_held_and_the_holder():
    """'Ukrainian President Dmytro Kuleba': Kuleba was Foreign Minister; the President was Zelenskyy."""
    text = "Wang Yi told Ukrainian President Dmytro Kuleba that Beijing regrets the war."
    m = mention(text, "Ukrainian President", "Dmytro Kuleba", "President of Ukraine", "Q3")
    ex = Extraction(text, (), (m,), (), DATE, "argument", "a")
    (f,) = verify_article(ex, lexicon=LEX)
    assert (f.code, f.severity, f.span.text) == ("wrong-title", "error", "Ukrainian President Dmytro Kuleba")
    assert f.message == ("Dmytro Kuleba was Foreign Minister of Ukraine on 2022-03-01, not President of Ukraine; "
                         "the President of Ukraine was Volodymyr Zelenskyy")
    assert any(e.kind == "lexicon" and "Volodymyr Zelenskyy" in e.text for e in f.evidence)


@pytest.mark.slow
def test_a_bare_title_names_the_holder_in_the_persons_own_country_only():
    """'President Kamala Harris' in March 2025: the message names the one President of the United States, not
    every president the lexicon knows, and the evidence holds her tenures and his, nothing else."""
    from quotes.engine import extract
    from quotes.lexicon import load_lexicon

    ex = extract("President Kamala Harris said on Tuesday that the economy is strong.", date="2025-03-05")
    (f,) = [f for f in verify_article(ex, lexicon=load_lexicon()) if f.code == "wrong-title"]
    assert f.message == ("Kamala Harris was not President on 2025-03-05; "  # her term as Vice President ended
                         "the President of the United States was Donald Trump")  # on 2025-01-20 (us-executive.csv)
    assert {e.text.split(":")[0] for e in f.evidence} == {"Kamala Harris", "Donald Trump"}


def test_right_title_gives_no_finding():
    """'Foreign Minister Wang Yi' on a date he held the office is fine."""
    text = "Foreign Minister Wang Yi spoke."
    m = mention(text, "Foreign Minister", "Wang Yi", "Foreign Minister of China", "Q1")
    assert verify_article(Extraction(text, (), (m,), (), DATE, "argument", "a"), lexicon=LEX) == ()


def test_title_without_country_fits_the_office_held():
    """'Foreign Minister Wang Yi' read as the countryless title 'Foreign Minister' is no wrong title."""
    text = "Foreign Minister Wang Yi spoke."
    m = mention(text, "Foreign Minister", "Wang Yi", "Foreign Minister", "Q1")
    assert verify_article(Extraction(text, (), (m,), (), DATE, "argument", "a"), lexicon=LEX) == ()


def test_title_of_a_namesake_is_a_conflated_name():
    """'Foreign Minister Wang Huning': the title belongs to Wang Yi, who shares the family name."""
    text = "Foreign Minister Wang Huning spoke."
    m = mention(text, "Foreign Minister", "Wang Huning", "Foreign Minister of China", "Q5")
    (f,) = verify_article(Extraction(text, (), (m,), (), DATE, "argument", "a"), lexicon=LEX)
    assert (f.code, f.severity) == ("conflated-name", "error")
    assert "Wang Yi" in f.message and "Wang Huning" in f.message


def test_name_two_people_share_is_a_conflated_name():
    """'Zhang Jun' names two people in the lexicon: the editor is asked to say which."""
    text = "Zhang Jun addressed the council."
    m = mention(text, None, "Zhang Jun", None, "Q6")
    (f,) = verify_article(Extraction(text, (), (m,), (), DATE, "argument", "a"), lexicon=LEX)
    assert (f.code, f.severity, f.span.text) == ("conflated-name", "warning", "Zhang Jun")
    assert "Ambassador of China to the United Nations" in f.message and "Governor of Zhejiang" in f.message


def test_title_that_picks_one_namesake_is_fine():
    """A title held by exactly one of the people sharing a name settles who is meant."""
    text = "UN Ambassador Zhang Jun addressed the council."
    m = mention(text, "UN Ambassador", "Zhang Jun", "Ambassador of China to the United Nations", "Q6")
    assert verify_article(Extraction(text, (), (m,), (), DATE, "argument", "a"), lexicon=LEX) == ()


def test_ambiguous_speaker_names_every_candidate():
    """A quote whose speaker is ambiguous gets a warning naming each candidate."""
    text = "Wang said it was “complex”."
    q = Quote((Span.of(text, 10, 26),), "partial", Span.of(text, 5, 9), "say", Span.of(text, 0, 4),
              Speaker("ambiguous", "Wang", candidates=("Wang Yi", "Wang Huning")), "surname", 0.3,
              quoted=(Span.of(text, 18, 25),))
    (f,) = verify_article(Extraction(text, (q,), (), (), DATE, "argument", "a"), lexicon=LEX)
    assert (f.code, f.severity, f.span.text) == ("ambiguous-speaker", "warning", "Wang")
    assert "Wang Yi" in f.message and "Wang Huning" in f.message
    assert [e.text for e in f.evidence] == ["Wang Yi", "Wang Huning"]


def test_unbalanced_quote_diagnostic_becomes_broken_quote_marks():
    """The reader's unbalanced-quote diagnostic is reported at its place; other diagnostics are not findings."""
    text = "He said “we will never give up."
    diags = (Diagnostic("unbalanced-quote", "This quotation mark is never closed.", Span.of(text, 8, 9), "warning"),
             Diagnostic("html-input", "The input was HTML.", None))
    (f,) = verify_article(Extraction(text, (), (), diags, DATE, "argument", "a"), lexicon=LEX)
    assert (f.code, f.span.start, f.message) == ("broken-quote-marks", 8, "This quotation mark is never closed.")


# --- across articles -------------------------------------------------------------------------

XI_TEXT = "Xi told Putin that China ‘respects the sovereignty and territorial integrity of all nations’."
WANG_TEXT = ("“We have always advocated respect for the sovereignty and territorial integrity of all countries. "
             "China calls on Ukraine and Russia to find a solution through negotiations,” he said.")
SOV_XI = "respects the sovereignty and territorial integrity of all nations"
SOV_WANG = ("We have always advocated respect for the sovereignty and territorial integrity of all countries. "
            "China calls on Ukraine and Russia to find a solution through negotiations,")


def _across(*exs: Extraction):
    return verify_across(exs, group_statements(exs))


def test_same_statement_given_to_two_people_is_a_misattribution():
    """The sovereignty statement is Xi's in two articles and Wang Yi's in a third: the odd one out is flagged."""
    a = quoting("000", XI_TEXT, (SOV_XI, "Q2"))
    b = quoting("001", XI_TEXT, (SOV_XI, "Q2"))
    c = quoting("003", WANG_TEXT, (SOV_WANG, "Q1"))
    found = [f for f in _across(a, b, c) if f.code == "misattribution"]
    assert [(f.article, f.severity) for f in found] == [("003", "error")]
    assert "Wang Yi" in found[0].message and "Xi Jinping" in found[0].message
    assert {e.article for e in found[0].evidence} == {"000", "001"}


def test_even_split_between_two_people_flags_both_as_warnings():
    """One article each: neither attribution can be preferred, both are flagged as warnings."""
    found = [f for f in _across(quoting("a", XI_TEXT, (SOV_XI, "Q2")), quoting("b", WANG_TEXT, (SOV_WANG, "Q1")))
             if f.code == "misattribution"]
    assert sorted((f.article, f.severity) for f in found) == [("a", "warning"), ("b", "warning")]


def test_group_over_several_articles_is_an_info_finding():
    """A statement quoted in several articles gives one variant-group info finding listing every occurrence."""
    found = [f for f in _across(quoting("a", XI_TEXT, (SOV_XI, "Q2")), quoting("b", XI_TEXT, (SOV_XI, "Q2")))]
    assert [(f.code, f.severity, f.article) for f in found] == [("variant-group", "info", "a")]
    assert len(found[0].evidence) == 2


REGRETS = ("Beijing ‘deeply regrets that conflict has broken out between Ukraine and Russia, and is paying extreme "
           "attention to the harm suffered by civilians’, CCTV said.")
R_WORDS = ("deeply regrets that conflict has broken out between Ukraine and Russia, and is paying extreme "
           "attention to the harm suffered by civilians")


def test_altered_wording_against_a_wording_others_agree_on():
    """'deep apologies that conflict has erupted' where two other articles quote 'deeply regrets ... broken out'."""
    altered = R_WORDS.replace("deeply regrets", "deeply apologises").replace("broken out", "erupted")
    text = f"Beijing ‘{altered}’, CCTV said."
    exs = [quoting("a", REGRETS, (R_WORDS, "Q1")), quoting("b", REGRETS, (R_WORDS, "Q1")),
           quoting("c", text, (altered, "Q1"))]
    found = [f for f in _across(*exs) if f.code == "altered-wording"]
    assert [(f.article, f.severity) for f in found] == [("c", "warning")]
    assert "“erupted” where the source has “broken out”" in found[0].message
    assert "“apologises” where the source has “regrets”" in found[0].message
    assert found[0].span.text == altered
    assert any(e.kind == "diff" and "[-broken out-] {+erupted+}" in e.text for e in found[0].evidence)


def test_one_against_one_wording_is_not_called_altered():
    """With one article per wording neither can be preferred: no altered-wording finding (only the info)."""
    altered = R_WORDS.replace("broken out", "erupted")
    exs = [quoting("a", REGRETS, (R_WORDS, "Q1")), quoting("b", f"Beijing ‘{altered}’.", (altered, "Q1"))]
    assert [f.code for f in _across(*exs)] == ["variant-group"]


def test_verbatim_fragment_of_a_source_quote_is_never_altered():
    """A quotation that is a verbatim (re-punctuated, shortened) part of another article's is fine."""
    part = "Deeply regrets that conflict has broken out between Ukraine and Russia"
    exs = [quoting("a", REGRETS, (R_WORDS, "Q1")), quoting("b", REGRETS, (R_WORDS, "Q1")),
           quoting("c", f"China ‘{part}…’ it said.", (part, "Q1"))]
    assert [f.code for f in _across(*exs)] == ["variant-group"]


# --- a draft against its sources -------------------------------------------------------------


def test_clean_draft_quoting_its_source_exactly_has_no_findings():
    """A draft quoting the source word for word (re-punctuated, shortened, with an ellipsis) is clean."""
    src = quoting("cctv", REGRETS, (R_WORDS, "Q1"))
    words = "deeply regrets that conflict has broken out … and is paying extreme attention"
    draft = quoting("draft", f"Wang Yi said China ‘{words}’.", (words, "Q1"))
    assert check_against_sources(draft, [src], lexicon=LEX) == ()


def test_draft_with_altered_words_is_an_error():
    """Changed words inside quotation marks in the draft are an altered-wording error with the diff."""
    src = quoting("cctv", REGRETS, (R_WORDS, "Q1"))
    altered = R_WORDS.replace("broken out", "erupted")
    draft = quoting("draft", f"Beijing ‘{altered}’.", (altered, "Q1"))
    (f,) = check_against_sources(draft, [src], lexicon=LEX)
    assert (f.code, f.severity, f.article) == ("altered-wording", "error", "draft")
    assert "“erupted” where the source has “broken out”" in f.message
    assert any(e.kind == "source" and e.article == "cctv" for e in f.evidence)


def test_draft_giving_the_statement_to_someone_else_is_a_misattribution():
    """The draft gives Xi's words to Wang Yi."""
    src = quoting("cctv", XI_TEXT, (SOV_XI, "Q2"))
    draft = quoting("draft", XI_TEXT.replace("Xi told Putin", "Wang told Putin"), (SOV_XI, "Q1"))
    (f,) = check_against_sources(draft, [src], lexicon=LEX)
    assert (f.code, f.severity) == ("misattribution", "error")
    assert "Wang Yi" in f.message and "Xi Jinping" in f.message


FALLON = "“I think by the middle of the week she’ll be out there campaigning as aggressively as ever,”"
FALLON_WORDS = FALLON.strip("“”,")


def test_draft_giving_a_quotation_to_another_person_in_no_lexicon_is_a_misattribution():
    """Neither Brian Fallon nor Joel Benenson is a lexicon person: their names tell them apart, and the
    message names who the source says said it, with the source passage as evidence."""
    src = quoting("politico", f"{FALLON} Clinton campaign spokesman Brian Fallon said.",
                  (FALLON_WORDS, Speaker("person", "Brian Fallon")))
    draft = quoting("draft", f"{FALLON} Joel Benenson said.", (FALLON_WORDS, Speaker("person", "Joel Benenson")))
    (f,) = check_against_sources(draft, [src], lexicon=LEX)
    assert (f.code, f.severity) == ("misattribution", "error")
    assert f.message == "Attributed here to Joel Benenson, but politico has Brian Fallon saying it"
    assert [(e.kind, e.article) for e in f.evidence] == [("source", "politico")]


@pytest.mark.parametrize("draft_speaker", [
    Speaker("person", "Fallon"),  # the surname alone
    Speaker("person", "Brian Fallon"),
    Speaker("organisation", "the Clinton campaign"),  # a spokesperson speaks for a body
    Speaker("joint", "Brian Fallon and Robby Mook", candidates=("Brian Fallon", "Robby Mook")),
])
def test_a_draft_naming_the_sources_speaker_or_their_body_is_no_misattribution(draft_speaker):
    src = quoting("politico", f"{FALLON} Clinton campaign spokesman Brian Fallon said.",
                  (FALLON_WORDS, Speaker("person", "Brian Fallon")))
    draft = quoting("draft", f"{FALLON} they said.", (FALLON_WORDS, draft_speaker))
    assert [f for f in check_against_sources(draft, [src], lexicon=LEX) if f.code == "misattribution"] == []


def test_a_source_that_gives_the_words_to_the_drafts_speaker_too_settles_it():
    """Two sources disagree; one agrees with the draft: nothing to say about the speaker."""
    a = quoting("a", f"{FALLON} Brian Fallon said.", (FALLON_WORDS, Speaker("person", "Brian Fallon")))
    b = quoting("b", f"{FALLON} Joel Benenson said.", (FALLON_WORDS, Speaker("person", "Joel Benenson")))
    draft = quoting("draft", f"{FALLON} Benenson said.", (FALLON_WORDS, Speaker("person", "Joel Benenson")))
    assert [f for f in check_against_sources(draft, [a, b], lexicon=LEX) if f.code == "misattribution"] == []


def test_a_partial_quotation_of_a_longer_passage_is_held_against_its_speaker():
    """The draft quotes nine words of a long sentence the source gives to someone else."""
    long = ("“If this bill were to enter into force, the United States government, its service members and its "
            "diplomats are at risk of being hauled into court in countries all around the world,”")
    src = quoting("journal", f"{long} press secretary Josh Earnest said.", (long.strip("“”,"), Speaker("person", "Josh Earnest")))
    part = "at risk of being hauled into court in countries all around the world"
    draft = quoting("draft", f"The president said diplomats were “{part}”.", (part, Speaker("person", "Barack Obama", "Q76")),
                    kind="partial")
    (f,) = [f for f in check_against_sources(draft, [src], lexicon=LEX) if f.code == "misattribution"]
    assert "Josh Earnest" in f.message and "Barack Obama" in f.message


def test_draft_quote_in_no_source_is_unsourced():
    """A quotation no source has in any wording is an unsourced warning."""
    src = quoting("cctv", REGRETS, (R_WORDS, "Q1"))
    draft = quoting("draft", "He said China would “never abandon its friends in Moscow”.",
                    ("never abandon its friends in Moscow", "Q1"))
    (f,) = check_against_sources(draft, [src], lexicon=LEX)
    assert (f.code, f.severity, f.span.text) == ("unsourced", "warning", "never abandon its friends in Moscow")


def test_quote_of_a_speaker_no_source_quotes_is_an_unsourced_note():
    """A named speaker the sources never quote cannot be checked: an info note, not a warning."""
    src = quoting("cctv", REGRETS, (R_WORDS, "Q1"))
    draft = quoting("draft", "Zelenskyy said Ukraine would “never give up its land”.", ("never give up its land", "Q4"))
    (f,) = check_against_sources(draft, [src], lexicon=LEX)
    assert (f.code, f.severity, f.span.text) == ("unsourced", "info", "never give up its land")
    assert "No source quotes Volodymyr Zelenskyy" in f.message


def test_misattribution_needs_a_close_wording_not_a_chain():
    """Two wordings grouped only through a third one (A~B, B~C, A and C unlike) are not one statement
    given to two people."""
    wa = "respects the sovereignty and territorial integrity of all nations in the world"
    wb = "the territorial integrity of all nations must be upheld by every country"
    wc = "must be upheld by every country, whatever the crisis may bring tomorrow"
    a = quoting("a", f"Xi said China “{wa}”.", (wa, "Q2"))
    b = quoting("b", f"Officials said “{wb}”.", (wb, Speaker("anonymous", "officials")))
    c = quoting("c", f"Wang said the rules “{wc}”.", (wc, "Q1"))
    groups = group_statements([a, b, c])
    assert any(len({o.article for o in g.occurrences}) == 3 for g in groups)  # the chain is one group
    assert not [f for f in verify_across([a, b, c], groups) if f.code == "misattribution"]


def test_draft_quote_found_verbatim_in_a_source_text_is_sourced():
    """A quotation the source has verbatim, even where the source's own extraction missed it, is fine."""
    src = Extraction("Officials said the talks were “frank and constructive” on Monday.", (), (), (), DATE,
                     "argument", "src")
    draft = quoting("draft", "The talks were “frank and constructive”, officials said.",
                    ("frank and constructive", Speaker("anonymous", "officials")))
    assert check_against_sources(draft, [src], lexicon=LEX) == ()


def test_draft_findings_include_its_own_article_findings():
    """The draft's wrong titles are reported by the check too."""
    text = "Wang Yi told Ukrainian President Dmytro Kuleba that Beijing regrets the war."
    m = mention(text, "Ukrainian President", "Dmytro Kuleba", "President of Ukraine", "Q3")
    draft = Extraction(text, (), (m,), (), DATE, "argument", "draft")
    assert [f.code for f in check_against_sources(draft, [], lexicon=LEX)] == ["wrong-title"]


def test_every_code_is_documented():
    """CODES lists the ten stable finding codes."""
    assert set(CODES) == {"wrong-title", "conflated-name", "ambiguous-speaker", "misattribution", "altered-wording",
                          "unsourced", "broken-quote-marks", "variant-group", "unconfirmed-title", "name-spelling"}


def test_low_confidence_or_unquoted_attributions_are_not_misattributions():
    """A speaker the engine is unsure of, or a paraphrase without quotation marks, is not compared."""
    unsure = quoting("c", WANG_TEXT, (SOV_WANG, "Q1"))
    unsure = attrs.evolve(unsure, quotes=(attrs.evolve(unsure.quotes[0], confidence=0.2),))
    paraphrase = quoting("d", WANG_TEXT, (SOV_WANG, "Q1"), kind="indirect")
    paraphrase = attrs.evolve(paraphrase, quotes=(attrs.evolve(paraphrase.quotes[0], quoted=()),))
    xi = quoting("a", XI_TEXT, (SOV_XI, "Q2"))
    assert not [f for f in _across(xi, unsure, paraphrase) if f.code == "misattribution"]


def _seed(seeds, stem: str, *pieces: tuple[str, str]) -> Extraction:
    """A seed article with the given quotations (words found in its text) attributed to lexicon people."""
    text = seeds[stem]
    return attrs.evolve(quoting(stem[:3], text, *pieces), name=stem[:3])


SEED_REGRETS_000 = ("deeply regrets that conflict has erupted between Ukraine and Russia, and is paying extreme "
                    "attention to the harm suffered by civilians.")
SEED_REGRETS_001 = ("deeply regrets that conflict has broken out between Ukraine and Russia, and is paying extreme "
                    "attention to the harm suffered by civilians")
SEED_DEPLORES = ("China deplores the outbreak of conflict between Ukraine and Russia, and is extremely concerned "
                 "about the harm to civilians,")
SEED_ADVOCATED = "We have always advocated respect for the sovereignty and territorial integrity of all countries."


def _seed_articles(seeds):
    return [
        _seed(seeds, "000_3e577ab3d1a4b900", ("deep apologies", "Q1"), (SEED_REGRETS_000, "Q1"), (SOV_XI, "Q2")),
        _seed(seeds, "001_b4735100701c3752", (SEED_REGRETS_001, "Q1"), (SOV_XI, "Q2")),
        _seed(seeds, "003_3c8eb3348f87d2b3", (SEED_DEPLORES, "Q1"), (SEED_ADVOCATED, "Q1")),
    ]


def test_seed_statements_group_and_the_sovereignty_quote_is_misattributed(seeds):
    """On the seeds: the 'regrets' variants group across three articles; Xi's sovereignty words are Wang's in 003."""
    exs = _seed_articles(seeds)
    groups = group_statements(exs)
    regrets = next(g for g in groups if "regrets" in g.canonical)
    assert regrets.articles == ("000", "001", "003")
    findings = verify_across(exs, groups)
    mis = [f for f in findings if f.code == "misattribution"]
    assert [(f.article, f.span.text.strip("“” ")) for f in mis] == [("003", SEED_ADVOCATED)]
    # 'erupted' / 'broken out': one wording against one, no verdict; 'deep apologies' changes the key
    # words of 'deeply regrets', which 001 and 000's own body quote
    altered = [f for f in findings if f.code == "altered-wording"]
    assert [(f.article, f.span.text) for f in altered] == [("000", "deep apologies")]


def test_seed_draft_checked_against_the_other_seeds(seeds):
    """Seed 000 as a draft: 'erupted' and 'deep apologies' (for 'deeply regrets') are altered, Xi's words are fine."""
    draft, *sources = _seed_articles(seeds)
    found = check_against_sources(draft, sources, lexicon=LEX)
    assert [(f.code, f.span.text) for f in found] == [
        ("altered-wording", "deep apologies"),
        ("altered-wording", SEED_REGRETS_000),
    ]
    assert "“deep apologies” where the source has “deeply regrets”" in found[0].message
    assert "“erupted” where the source has “broken out”" in found[1].message


def test_qualified_titles_are_not_claims_of_office():
    """'former President', 'ex-President', 'Vice President' are not checked against the current holder."""
    for text, title in [("The former President Dmytro Kuleba spoke.", "President"),
                        ("Ex-President Dmytro Kuleba spoke.", "President"),
                        ("Vice President Dmytro Kuleba spoke.", "Vice President")]:
        start = text.index(title)
        t = Span.of(text, start, start + len(title))
        n = Span.of(text, t.end + 1, t.end + 1 + len("Dmytro Kuleba"))
        m = Mention(Span.of(text, t.start, n.end), n, t, "President of Ukraine", speaker("Q3"))
        assert verify_article(Extraction(text, (), (m,), (), DATE, "argument", "a"), lexicon=LEX) == (), text


def test_draft_quotation_running_on_beyond_the_source_is_flagged():
    """Words added at the end of a quotation, found in no source, are an altered-wording warning."""
    src = quoting("cctv", REGRETS, (R_WORDS, "Q1"))
    longer = R_WORDS + " and will punish the aggressor"
    draft = quoting("draft", f"Beijing ‘{longer}’.", (longer, "Q1"))
    (f,) = check_against_sources(draft, [src], lexicon=LEX)
    assert (f.code, f.severity) == ("altered-wording", "warning")
    assert "“and will punish the aggressor”" in f.message


# --- paraphrase-aware wording checks, centres and spans ------------------------------------------

CHINA = Speaker("organisation", "China")
HEADLINE = "China says it ‘deeply regrets’ Russia’s war in Ukraine, in a sign its support is cracking."
TEASER = "In a hint of displeasure with Russia’s war in Ukraine, China says it “truly regrets” the conflict."


def test_short_quotation_changing_a_key_word_is_altered_in_a_draft():
    """'truly regrets' where the source quotes 'deeply regrets' in the same setting (China says it ... Russia's
    war in Ukraine): an altered-wording warning naming both wordings, not an unsourced quotation."""
    src = quoting("src", HEADLINE, ("deeply regrets", CHINA))
    draft = quoting("draft", TEASER, ("truly regrets", CHINA))
    (f,) = check_against_sources(draft, [src], lexicon=LEX)
    assert (f.code, f.severity, f.span.text) == ("altered-wording", "warning", "truly regrets")
    assert "“truly” where the source has “deeply”" in f.message
    assert any(e.kind == "source" and e.article == "src" for e in f.evidence)


def test_short_quotation_sharing_one_word_by_chance_is_not_altered():
    """'strategic partners' and 'strategic determination' share a word, not a setting: unsourced, not altered."""
    src = quoting("src", "Both sides will maintain their “strategic determination” and push forward, he said.",
                  ("strategic determination", "Q1"))
    draft = quoting("draft", "The ministry said the two nations were “strategic partners”, not allies.",
                    ("strategic partners", "Q1"))
    assert [f.code for f in check_against_sources(draft, [src], lexicon=LEX)] == ["unsourced"]


def test_short_quotation_is_altered_in_a_digest_when_two_articles_quote_the_source_wording():
    """In a digest, 'truly regrets' is altered when two articles quote 'deeply regrets' verbatim (its own body
    counts); against one article only it is left alone."""
    body = f"{TEASER} Wang said Beijing ‘deeply regrets that conflict has broken out’ between the two."
    own = quoting("a", body, ("truly regrets", CHINA), ("deeply regrets that conflict has broken out", "Q1"))
    other = quoting("b", HEADLINE, ("deeply regrets", CHINA))
    found = [f for f in _across(own, other) if f.code == "altered-wording"]
    assert [(f.article, f.span.text, f.severity) for f in found] == [("a", "truly regrets", "warning")]
    assert "as quoted in a, b" in found[0].message
    alone = quoting("a", TEASER, ("truly regrets", CHINA))
    assert not [f for f in _across(alone, other) if f.code == "altered-wording"]


def test_sentence_of_a_long_quotation_paraphrasing_a_source_is_altered_at_that_sentence():
    """A multi-sentence quotation is held against the sources sentence by sentence; a re-worded call for
    talks is flagged at its sentence, not over the whole quotation."""
    src_text = "Wang called for the two countries to ‘find a way to resolve the issue through negotiations’, CCTV said."
    src = quoting("cctv", src_text, ("find a way to resolve the issue through negotiations", "Q1"))
    words = ("Our position is open and consistent. China calls on both sides to find a solution to the problem "
             "through negotiations and restraint.")
    draft = quoting("draft", f"Wang said: “{words}”", (words, "Q1"))
    found = [f for f in check_against_sources(draft, [src], lexicon=LEX) if f.code == "altered-wording"]
    assert [f.span.text for f in found] == [words.split(". ")[1]]
    assert "“solution” where the source has “way”" in found[0].message


def test_misattribution_points_at_the_sentence_given_to_someone_else():
    """The finding's span is the quoted sentence the sources give to someone else, in a digest and in a check."""
    a = quoting("000", XI_TEXT, (SOV_XI, "Q2"))
    b = quoting("001", XI_TEXT, (SOV_XI, "Q2"))
    c = quoting("003", WANG_TEXT, (SOV_WANG, "Q1"))
    (digest_finding,) = [f for f in _across(a, b, c) if f.code == "misattribution"]
    (check_finding,) = [f for f in check_against_sources(c, [a, b], lexicon=LEX) if f.code == "misattribution"]
    sentence = "We have always advocated respect for the sovereignty and territorial integrity of all countries."
    assert digest_finding.span.text == check_finding.span.text == sentence


def test_paraphrases_alone_are_not_a_variant_group():
    """Indirect speech in two articles (each reporter's own words) gives no 'quoted in N articles' finding."""
    text = "Officials said that the talks were frank and useful for both sides."
    words = "the talks were frank and useful for both sides"
    a = quoting("a", text, (words, Speaker("anonymous", "officials")), kind="indirect")
    b = quoting("b", text, (words, Speaker("anonymous", "officials")), kind="indirect")
    a, b = (attrs.evolve(x, quotes=(attrs.evolve(x.quotes[0], quoted=()),)) for x in (a, b))
    assert len(group_statements([a, b])) == 1
    assert not [f for f in _across(a, b) if f.code == "variant-group"]


def test_names_around_a_short_quotation_are_not_a_shared_setting():
    """'American Skin' (a song) and 'American people' share a word and, around them, only names and 'said':
    names tell what the articles are about, not where the words come from; unsourced, not altered."""
    src = quoting("src", "Clinton told Trump the “American people” deserve better, Clinton said.",
                  ("American people", Speaker("person", "Hillary Clinton")))
    draft = quoting("draft", "Blige sings “American Skin” to Hillary Clinton as Trump fans said.",
                    ("American Skin", Speaker("person", "Mary J. Blige")))
    assert [f.code for f in check_against_sources(draft, [src], lexicon=LEX)] == ["unsourced"]


def test_three_shared_words_are_not_one_statement_given_to_two_people():
    """'we are going to get away from' and 'get away from all of this personality stuff' share a run of
    three common words: grouped maybe, but not one statement given to two people."""
    wa, wb = "we are going to get away from", "get away from all of this personality stuff"
    a = quoting("a", f"Xi said “{wa}” today.", (wa, "Q2"))
    b = quoting("b", f"Wang said she must “{wb}” now.", (wb, "Q1"))
    assert not [f for f in _across(a, b) if f.code == "misattribution"]
    assert not [f for f in check_against_sources(a, [b], lexicon=LEX) if f.code == "misattribution"]


def test_parts_of_one_group_sharing_a_few_words_are_not_altered_wordings():
    """In a group joined through a long centre wording, a sentence sharing only 'makes me' with another
    member's 'makes me smart' is not an altered version of it (a wording must be close to count)."""
    smart = "makes me smart"
    fearful = "Trump scares me. Hearing him talk about crime makes me fearful."
    exs = [quoting("a", f"He said “{smart}”", (smart, "Q2")), quoting("b", f"He said “{smart}”", (smart, "Q2")),
           quoting("c", f"She said “{fearful}”", (fearful, Speaker("anonymous", "a voter")))]
    one_group = (_make_group(occurrences_of(exs)),)
    assert not [f for f in verify_across(exs, one_group) if f.code == "altered-wording"]


ADVOCATED = "We have always advocated respect for the sovereignty and territorial integrity of all countries."
NEGOTIATIONS = "China calls on Ukraine and Russia to find a solution to the problem through negotiations."
NEGOTIATIONS_WANG = "China calls on both sides to find a solution to the problem through negotiations"
LONG_QUOTE = f"{ADVOCATED} {NEGOTIATIONS}"


def test_a_sentence_of_a_long_quote_is_checked_against_the_statement_it_renders():
    """Seed 003: the paragraph quoted holds Xi's sovereignty line (Xi's in two articles) and a call for
    negotiations close to Wang Yi's own (in two other articles). The sovereignty sentence joins Xi's
    statement and is flagged; the negotiations sentence is Wang Yi's, and is not."""
    xi = quoting("a", XI_TEXT, (SOV_XI, "Q2"))
    xi2 = quoting("b", XI_TEXT, (SOV_XI, "Q2"))
    neg = f"Wang Yi said “{NEGOTIATIONS_WANG}”."
    wang, wang2 = quoting("c", neg, (NEGOTIATIONS_WANG, "Q1")), quoting("d", neg, (NEGOTIATIONS_WANG, "Q1"))
    draft = quoting("e", f"“{LONG_QUOTE}” he said.", (LONG_QUOTE, "Q1"))
    (f,) = [f for f in _across(xi, xi2, wang, wang2, draft) if f.code == "misattribution"]
    assert (f.article, f.severity, f.span.text) == ("e", "error", ADVOCATED)
    assert {e.article for e in f.evidence} == {"a", "b"}
    (c,) = [f for f in check_against_sources(draft, [xi, xi2, wang, wang2], lexicon=LEX) if f.code == "misattribution"]
    assert (c.severity, c.span.text) == ("error", ADVOCATED)


def test_each_sentence_given_to_someone_else_is_a_finding_of_its_own():
    """A quote of two sentences whose first is Xi's words elsewhere and whose second is Kuleba's: two
    misattribution findings on the draft, each on its sentence, each with its own source."""
    xi = quoting("a", XI_TEXT, (SOV_XI, "Q2"))
    kuleba = quoting("b", f"Kuleba said “{NEGOTIATIONS_WANG}”.", (NEGOTIATIONS_WANG, "Q3"))
    draft = quoting("c", f"“{LONG_QUOTE}” Wang said.", (LONG_QUOTE, "Q1"))
    found = [(f.article, f.span.text, sorted(e.article for e in f.evidence))
             for f in _across(xi, kuleba, draft) if f.code == "misattribution" and f.article == "c"]
    assert found == [("c", ADVOCATED, ["a"]), ("c", NEGOTIATIONS, ["b"])]
    checked = [(f.span.text, f.message) for f in check_against_sources(draft, [xi, kuleba], lexicon=LEX)
               if f.code == "misattribution"]
    assert checked == [
        (ADVOCATED, "Attributed here to Wang Yi, but a has Xi Jinping saying it"),
        (NEGOTIATIONS, "Attributed here to Wang Yi, but b has Dmytro Kuleba saying it"),
    ]


def _by_surname(text: str, *quoted: str) -> Extraction:
    """Quotes of ``quoted`` (in the text, in marks) by ``Mr. Wang``, resolved by family name to Wang Yi."""
    quotes = []
    for words in quoted:
        s = text.index(words)
        source = text.rindex("Mr. Wang", 0, s)
        quotes.append(Quote((Span.of(text, s - 1, s + len(words) + 1),), "direct", None, "say",
                            Span.of(text, source, source + 8), speaker("Q1"), "surname", 0.85,
                            quoted=(Span.of(text, s, s + len(words)),)))
    return Extraction(text, tuple(quotes), (), (), DATE, "argument", "a")


def test_a_speaker_named_only_by_family_name_that_several_people_share_is_a_note():
    """'Mr. Wang' throughout (seed 003), never 'Wang Yi' nor a title: one note, at the first quote's 'Mr. Wang'."""
    text = "Mr. Wang said it “has changed dramatically”. Later Mr. Wang added: “We will keep talking.”"
    found = [f for f in verify_article(_by_surname(text, "has changed dramatically", "We will keep talking."),
                                       lexicon=LEX) if f.code == "ambiguous-speaker"]
    assert [(f.severity, f.span.start, f.span.text) for f in found] == [("info", 0, "Mr. Wang")]
    assert found[0].message == ("“Mr. Wang” is never named in full in this article; the lexicon knows Wang Yi and "
                                "Wang Huning (taken here as Wang Yi). Name the speaker in full")


def test_a_family_name_the_article_gives_in_full_elsewhere_is_no_note():
    """'Foreign Minister Wang Yi' earlier in the article: later 'Mr. Wang' quotes need no note."""
    text = "Foreign Minister Wang Yi spoke on Tuesday. Mr. Wang said it “has changed dramatically”."
    ex = _by_surname(text, "has changed dramatically")
    assert not [f for f in verify_article(ex, lexicon=LEX) if f.code == "ambiguous-speaker"]


def test_words_a_speaker_quotes_from_someone_else_are_no_misattribution():
    """Wang quoting Xi's line inside his own quotation (nested marks) does not claim it: no misattribution, in
    a digest or a check; the same words without the inner marks are flagged."""
    xi, xi2 = quoting("a", XI_TEXT, (SOV_XI, "Q2")), quoting("b", XI_TEXT, (SOV_XI, "Q2"))
    words = f"When President Xi says ‘China {SOV_XI},’ he means it."
    nested = quoting("c", f"Wang said: “{words}”", (words, "Q1"))
    assert not [f for f in _across(xi, xi2, nested) if f.code == "misattribution"]
    assert not [f for f in check_against_sources(nested, [xi, xi2], lexicon=LEX) if f.code == "misattribution"]
    plain = words.replace("‘", "").replace(",’", ",")
    claimed = quoting("c", f"Wang said: “{plain}”", (plain, "Q1"))
    assert [f.article for f in _across(xi, xi2, claimed) if f.code == "misattribution"] == ["c"]


def _pronoun_article(between: str, lead: str = "") -> Extraction:
    """Wang Yi quoted, then ``between``, then ``lead`` and a quotation given by 'he' to Dmytro Kuleba."""
    text = f"Wang Yi said China “would send aid”.\n{between}\n{lead}‘We will keep talking,’ he said."
    first, second, source = text.index("would send aid"), text.index("We will keep talking,"), text.rindex("he said")
    q1 = Quote((Span.of(text, first - 1, first + 15),), "partial", Span.of(text, 8, 12), "say", Span.of(text, 0, 7),
               speaker("Q1"), "cue-subject", 0.85, quoted=(Span.of(text, first, first + 14),))
    q2 = Quote((Span.of(text, second - 1, second + 22),), "direct", None, "say", Span.of(text, source, source + 2),
               speaker("Q3"), "pronoun", 0.7, quoted=(Span.of(text, second, second + 21),))
    return Extraction(text, (q1, q2), (), (), DATE, "argument", "a")


def test_a_pronoun_read_as_someone_other_than_the_speaker_before_is_a_note():
    """Seed 002: Wang Yi quoted, a paragraph about someone else, then '‘...,’ he said' read as that someone:
    readers may take the pronoun for Wang Yi; a note asks for the name."""
    (f,) = [f for f in verify_article(_pronoun_article("Kuleba has pushed China to press Russia."), lexicon=LEX)
            if f.code == "ambiguous-speaker"]
    assert (f.severity, f.span.text) == ("info", "he")
    assert f.message == ("“he” is read as Dmytro Kuleba here, but the quote before is Wang Yi's; name the speaker "
                         "rather than rely on the pronoun")


def test_a_reported_line_between_does_not_settle_the_pronoun():
    """Seed 002 again, with the paragraph about Kuleba itself extracted as his indirect statement: the quote
    before '‘...,’ he said' is still Wang Yi's, the last words in quotation marks, and the note stays."""
    ex = _pronoun_article("Kuleba has pushed China to press Russia.")
    text, (q1, q2) = ex.text, ex.quotes
    start = text.index("China to press")
    reported = Quote((Span.of(text, start, start + 21),), "indirect", Span.of(text, start - 7, start - 1), "push",
                     Span.of(text, start - 18, start - 12), speaker("Q3"), "cue-subject", 0.85)
    (f,) = [f for f in verify_article(attrs.evolve(ex, quotes=(q1, reported, q2)), lexicon=LEX)
            if f.code == "ambiguous-speaker"]
    assert "the quote before is Wang Yi's" in f.message


def test_a_pronoun_in_a_sentence_naming_the_person_or_far_from_the_quote_before_is_no_note():
    """No note when the pronoun's own sentence names the person ('Kuleba added: ‘...,’ he said'), nor when
    more than two paragraphs separate it from the quote before."""
    named = _pronoun_article("Kuleba has pushed China to press Russia.", lead="Kuleba added: ")
    far = _pronoun_article("Kuleba has pushed China.\nThe war goes on.\nTalks are planned.")
    for ex in (named, far):
        assert not [f for f in verify_article(ex, lexicon=LEX) if f.code == "ambiguous-speaker"]


def test_one_statement_quoted_twice_in_other_words_in_one_article_is_a_note():
    """Seed 003: 'Ukraine … looks forward to China playing a role in realizing a ceasefire' (via the FT) and,
    later, the readout's 'looks forward to China's mediation to achieve a ceasefire': a note on the elided one."""
    elided = "Ukraine … looks forward to China playing a role in realizing a ceasefire"
    readout = ("is willing to strengthen communication with China and looks forward to China’s mediation to "
               "achieve a ceasefire.")
    text = f"The government said “{elided},” after the call.\nThe Chinese readout said Kyiv “{readout}”"
    ex = quoting("003", text, (elided, Speaker("anonymous", "the government")),
                 (readout, Speaker("organisation", "China")))
    (f,) = [f for f in verify_article(ex, lexicon=None) if f.code == "altered-wording"]
    assert (f.severity, f.span.text) == ("info", "looks forward to China playing a role in realizing a ceasefire")
    assert f.message == ("Quoted in other words elsewhere in this article: “playing a role in realizing” where the "
                         "other quotation has “mediation to achieve”; both cannot be verbatim")


def test_sentences_sharing_only_an_opening_are_not_one_statement():
    """'And let me tell you why -- because I'm pro-life.' and 'Let me tell you the facts.' in one article: no note."""
    a, b = "And let me tell you why -- because I am pro-life.", "Let me tell you the facts about the plan."
    ex = quoting("a", f"He said “{a}” Later he said “{b}”", (a, "Q1"), (b, "Q1"))
    assert not [f for f in verify_article(ex, lexicon=None) if f.code == "altered-wording"]


@pytest.mark.slow
@pytest.mark.parametrize("text, severity, says", [
    # a former office without "former": a warning that says which slip it is
    ("Secretary of State Condoleezza Rice said on Monday that the talks would go on.", "warning",
     "held this office until 2009-01-20"),
    ("Defense Secretary Robert Gates said on Monday that the talks would go on.", "warning", "former Defense Secretary"),
    # an office held only later
    ("Treasury Secretary Steven Mnuchin said on Monday that the talks would go on.", "error",
     "took this office only on 2017-02-13"),
    # right titles stay silent: "former", and a title that names the role under another name
    ("Former Secretary of State Condoleezza Rice said on Monday that the talks would go on.", None, ""),
    ("Treasury Secretary Jack Lew said on Monday that the talks would go on.", None, ""),
    ("Secretary of State John Kerry said on Monday that the talks would go on.", None, ""),
])
def test_former_and_later_offices_in_2016(text, severity, says):
    """Titles held at another time than the article's date (2016-10-01) are flagged with the kind of slip;
    'former' titles and right ones are not."""
    from quotes.engine import extract
    from quotes.lexicon import load_lexicon

    found = [f for f in verify_article(extract(text, date="2016-10-01"), lexicon=load_lexicon()) if f.code == "wrong-title"]
    if severity is None:
        assert found == []
    else:
        (f,) = found
        assert f.severity == severity and says in f.message


# --- titles held against the sources (people in no lexicon) ------------------------------------------


def _titled_quote(name: str, text: str, words: str, who: Speaker, title: str | None) -> Extraction:
    """An extraction quoting ``words`` from ``who``, whose title as written is ``title`` (in ``text``)."""
    if title is not None:
        t0 = text.index(title)
        who = attrs.evolve(who, title=Span.of(text, t0, t0 + len(title)))
    return quoting(name, text, (words, who))


RENDELL_SAID = "“The party needs a plan B,”"


@pytest.mark.parametrize("draft_title,source_text,source_title,expected", [
    # a former office given as current
    ("Pennsylvania Gov.", "Former Pennsylvania Gov. Ed Rendell said: {q}", "Former Pennsylvania Gov.", "former"),
    # an organisation the sources never give the person
    ("a Columbia University surgeon", "Ed Rendell, a Wayne State University surgeon, said: {q}",
     "a Wayne State University surgeon", "do not call"),
    # an office only to come
    ("Senate Democratic Leader", "Ed Rendell, the future Democratic leader, said: {q}", "the future Democratic leader",
     "to come"),
    # the same description, or a state the source abbreviates: nothing to say
    ("Pennsylvania Gov.", "Pennsylvania Gov. Ed Rendell said: {q}", "Pennsylvania Gov.", None),
    ("of Pennsylvania", "Gov. Ed Rendell (D-Pa.) said: {q}", "Gov.", None),
])
def test_a_drafts_title_is_held_against_what_the_sources_write(draft_title, source_text, source_title, expected):
    q = RENDELL_SAID.strip("“”,")
    src = _titled_quote("politico", source_text.format(q=RENDELL_SAID), q, Speaker("person", "Ed Rendell"), source_title)
    draft_text = (f"{draft_title} Ed Rendell said: {RENDELL_SAID}" if not draft_title.startswith(("of", "a "))
                  else f"Ed Rendell {draft_title} said: {RENDELL_SAID}" if draft_title.startswith("of")
                  else f"Ed Rendell, {draft_title}, said: {RENDELL_SAID}")
    draft = _titled_quote("draft", draft_text, q, Speaker("person", "Ed Rendell"), draft_title)
    found = [f for f in check_against_sources(draft, [src], lexicon=LEX) if f.code == "wrong-title"]
    if expected is None:
        assert found == []
    else:
        (f,) = found
        assert (f.severity, f.span.text) == ("warning", draft_title) and expected in f.message
        assert f.evidence and f.evidence[0].article == "politico"


def test_a_lexicon_persons_title_the_sources_contradict_is_said_as_a_note():
    """The lexicon finds nothing wrong; the sources call the person otherwise: an info saying both."""
    q = RENDELL_SAID.strip("“”,")
    src = _titled_quote("politico", f"Ed Rendell, a Wayne State University surgeon, said: {RENDELL_SAID}", q,
                        Speaker("person", "Ed Rendell", "Q99"), "a Wayne State University surgeon")
    draft = _titled_quote("draft", f"Ed Rendell, a Columbia University surgeon, said: {RENDELL_SAID}", q,
                          Speaker("person", "Ed Rendell", "Q99"), "a Columbia University surgeon")
    (f,) = [f for f in check_against_sources(draft, [src], lexicon=LEX) if f.code == "wrong-title"]
    assert f.severity == "info" and "The lexicon finds nothing wrong" in f.message and "Wayne State" in f.message


def test_a_draft_naming_the_sources_speaker_in_full_beside_the_words_is_no_misattribution():
    """'... his physician, Harold Bornstein, whose letter predicted that Trump would be "..."': the engine may
    read the draft's speaker wrong; with the sources' speaker named in full right there, nothing is said."""
    words = "the healthiest individual ever elected to the presidency"
    src = quoting("politico", f"Harold Bornstein wrote that Trump would be “{words}.”",
                  (words, Speaker("person", "Harold Bornstein")))
    draft = quoting("draft", f"His physician, Harold Bornstein, predicted that Trump would be “{words}.”",
                    (words, Speaker("person", "Donald Trump", "Q22686")))
    assert [f for f in check_against_sources(draft, [src], lexicon=LEX) if f.code == "misattribution"] == []


def test_every_title_a_draft_gives_a_person_is_held_against_the_sources():
    """'CIA Director Mike Morrell, a 30-year veteran of the agency,': the second description agrees with the
    sources; the first is an office they give only as past ('retired as acting director')."""
    from quotes.engine import Engine

    engine = Engine()
    src = engine.extract("Mike Morrell, a 30-year veteran of the CIA who retired as acting director in 2013, said "
                         "the simplistic approach put forward by Trump is insufficient.", date="2016-06-13",
                         name="politico")
    draft = engine.extract("CIA Director Mike Morrell, a 30-year veteran of the agency, said the approach put "
                           "forward by Trump is insufficient.", date="2016-06-13", name="draft")
    (f,) = [f for f in check_against_sources(draft, [src], lexicon=engine.lexicon) if f.code == "wrong-title"]
    assert f.span.text == "CIA Director" and f.severity == "warning" and "former" in f.message


@pytest.mark.parametrize("source,expected", [
    ("Weld, who signed a gun-control bill as Massachusetts governor, struggled to win the nomination.", "former"),
    ("Weld, who was elected as Massachusetts governor last year, struggled to win the nomination.", None),
])
def test_an_office_held_in_a_past_clause_is_a_former_one(source, expected):
    from quotes.verification.described import _contradiction

    found = _contradiction("Massachusetts Gov.", "William Weld", [source])
    assert (found[0] if found else None) == expected


# --- a digest's findings between different statements --------------------------------------------------------


def test_two_statements_sharing_only_two_word_pairs_are_no_misattribution():
    """'Of course Mr. Trump is going to defend himself' (a spokeswoman) and 'Mr. Trump, tell me what you're going
    to do?' (a senator) share 'Mr. Trump' and 'going to': two statements, whatever the grouping made of them."""
    from quotes.verification.across import _one_wording

    assert not _one_wording("Of course Mr. Trump is going to defend himself",
                            "Mr. Trump, tell me what you're going to do?")
    assert _one_wording(SOV_XI, "China respects the sovereignty and territorial integrity of all nations")


def test_different_speakers_words_that_look_alike_are_never_altered_wordings():
    """Only wordings given to one speaker are compared for alteration."""
    from quotes.grouping import Occurrence
    from quotes.verification.compare import _same_speaker

    def occ(who: str | None) -> Occurrence:
        sp = speaker(who) if who else Speaker("anonymous", name="a diplomat")
        return Occurrence(article="a", quote_index=0, span=Span(0, 1, "x"), content=(Span(0, 1, "x"),), quoted=(),
                          kind="direct", speaker=sp, text="x", confidence=0.9)

    assert _same_speaker(occ("Q1"), occ("Q1")) and not _same_speaker(occ("Q1"), occ("Q2"))
    assert not _same_speaker(occ(None), occ("Q1"))


def test_two_words_of_a_long_quotation_are_no_paraphrase_of_another_statement():
    """'... the more you help wealthy people, the better off we'll be ...' against a statement quoting 'white
    people' by the same speaker: one changed word in a long quotation is chance, not an alteration."""
    long_q = ("He really believes that the more you help wealthy people, the better off we will be and that "
              "everything will work out from there")
    a = quoting("a", f"“{long_q},” Clinton said.", (long_q, "Q1"))
    b = quoting("b", "She wanted to speak directly to “white people” and said so.", ("white people", "Q1"))
    c = quoting("c", "She spoke directly to “white people” on the radio.", ("white people", "Q1"))
    assert not [f for f in _across(a, b, c) if f.code == "altered-wording"]


def test_names_shared_with_a_quotation_do_not_pin_a_statement_on_its_speaker():
    """A draft's 'the Republican nominee said he now believes President Obama was born in the United States'
    shares only names and a set phrase ('President Obama', 'the United States') with a lawmaker's quotation
    that mentions both: no misattribution (the words are not the lawmaker's)."""
    import quotes

    source = ("“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.), head of the Congressional Black "
              "Caucus. “He started this silliness years ago by saying President Obama is not an American citizen. "
              "He would not have done that to a John McCain or any other white who was running for president of "
              "the United States.”\n\nShortly after, Trump said he finally believes Obama was born in the United "
              "States.")
    draft = ("Black lawmakers lashed out at Donald Trump on Friday, hours after the Republican nominee said he now "
             "believes President Obama was born in the United States.")
    report = quotes.check(draft, sources=[("source", source)], date="2016-09-16")
    assert not [f for f in report.findings if f.code == "misattribution"], report.findings


SPELT_TWO_WAYS = ("“Hillary Clinton’s campaign is in panic mode,” said Leslie Wimes, the president of a caucus "
                  "of Democratic women.\n\nWines said the campaign took black voters for granted.\n\n“They never "
                  "asked us,” Wines said.")


def test_a_family_name_written_two_ways_is_a_name_spelling_warning_and_one_person():
    """'Leslie Wimes' ... 'Wines said': the bare name one letter off is read as her (with less confidence) and
    the copy desk is told the name is spelt two ways, on the rarer spelling's first place, with the other's."""
    from quotes.engine import extract
    from quotes.lexicon import load_lexicon

    ex = extract(SPELT_TWO_WAYS, date="2016-09-28")
    later = [q for q in ex.quotes if q.source is not None and q.source.text == "Wines"]
    assert later and all(q.speaker.name == "Leslie Wimes" for q in later)
    assert all(q.confidence < 0.85 for q in later)
    (f,) = [f for f in verify_article(ex, lexicon=load_lexicon()) if f.code == "name-spelling"]
    assert f.severity == "warning" and f.span.text == "Wines" and "Wimes" in f.message
    assert f.span.start == SPELT_TWO_WAYS.index("Wines") and "Wines" not in f.evidence[0].text
    assert ex.text[f.evidence[0].span.start:f.evidence[0].span.end] == "Wimes"
    assert "name-spelling" in CODES


@pytest.mark.parametrize("text", [
    # two full names with different given names are two people; a plural is no spelling
    "“We will win,” said Anna Marsh.\n\n“We will lose,” said Boris Marsch.",
    "“It was a fine evening,” said Barack Obama.\n\nThe Obamas left early.\n\n“Good night,” Obama said.",
    # a short family name one letter off another is often another name
    "“We will win,” said Julia Kerr.\n\n“We will lose,” Kerry said.",
    # the article marks the spelling as its source's
    "“Ensure the demise of Angela Correy’s [sic] career,” the post said.\n\nAngela Corey is the state attorney "
    "who charged him.\n\n“I did my job,” Corey said.",
])
def test_names_one_letter_apart_that_are_no_misspelling(text):
    from quotes.engine import extract
    from quotes.lexicon import load_lexicon

    ex = extract(text, date="2016-09-28")
    assert ex.quotes
    assert not [f for f in verify_article(ex, lexicon=load_lexicon()) if f.code == "name-spelling"]
