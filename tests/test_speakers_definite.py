"""Descriptions as speakers (:mod:`quotes.speakers.definite`): each given its kind, and the entity named before."""

from __future__ import annotations

import pytest

from quotes.engine import extract
from quotes.speakers.definite import is_acronym

pytestmark = pytest.mark.slow


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.speaker.kind, q.speaker.name) for q in extract(text, date="2016-09-30").quotes]


def test_definite_campaign_is_the_campaign_named_before():
    """'The campaign' after 'the Trump campaign' is that campaign, an organisation."""
    text = ("The Trump campaign released a new plan on Monday.\n\n"
            "\"This plan will create millions of jobs,\" the campaign said in a statement.\n")
    assert ("organisation", "Trump campaign") in _speakers(text)


def test_definite_ad_is_a_document():
    """'The ad' is a document: the Clinton campaign ad the article named before."""
    text = ("The Clinton campaign ad aired in Ohio on Tuesday.\n\n"
            "\"He is unfit to serve,\" the ad says.\n")
    kinds = _speakers(text)
    assert kinds and kinds[0][0] == "document"
    assert kinds[0][1] == "Clinton campaign ad"


def test_acronym_and_capitalised_organisation():
    """'The FBI' and 'the Roper Center for Public Opinion Research' are organisations as written."""
    text = ("\"We are reviewing the emails,\" The FBI said on Friday.\n\n"
            "\"Most voters distrust both candidates,\" said the Roper Center for Public Opinion Research.\n")
    assert _speakers(text) == [("organisation", "FBI"),
                               ("organisation", "Roper Center for Public Opinion Research")]


def test_coordinated_people_are_joint():
    """'Obama and Clinton' after both are named: one joint speaker of the two."""
    text = ("Barack Obama and Hillary Clinton campaigned in Philadelphia on Tuesday.\n\n"
            "\"We will win Pennsylvania,\" Obama and Clinton said.\n")
    speakers = [q.speaker for q in extract(text, date="2016-09-30").quotes]
    assert speakers and speakers[0].kind == "joint"
    assert set(speakers[0].candidates) == {"Barack Obama", "Hillary Clinton"}


def test_given_name_alone_is_a_person():
    """A lone given name the article never writes in full ('Melanie') is a person."""
    text = "\"I never thought I would vote for him,\" Melanie said.\n"
    assert _speakers(text) == [("person", "Melanie")]


def test_name_before_apposition():
    """'Rendell, a Clinton surrogate' is the Rendell named before."""
    text = ("Former Pennsylvania governor Ed Rendell spoke at the rally.\n\n"
            "\"She is ready on day one,\" Rendell, a Clinton surrogate, said.\n")
    speakers = [q.speaker for q in extract(text, date="2016-09-30").quotes]
    assert speakers and speakers[0].kind == "person" and speakers[0].name and speakers[0].name.endswith("Rendell")


def test_indefinite_official_stays_anonymous():
    """Precision: 'a senior official' is still an anonymous source, not an organisation or a person."""
    text = "\"The talks are stalled,\" a senior official said.\n"
    assert _speakers(text) == [("anonymous", "a senior official")]


def test_is_acronym():
    """Acronyms with or without dots; a single capital or a capitalised word is none."""
    assert [is_acronym(w) for w in ("NAACP", "S.E.C", "RT", "I", "Politico")] == [True, True, True, False, False]


def test_head_not_plural_of_its_postmodifier():
    """'A union representing flight attendants' is a union (its head is singular), not the attendants."""
    text = "\"The airline is putting passengers at risk,\" a union representing flight attendants said on Friday.\n"
    assert _speakers(text) == [("organisation", "union")]


def test_possessive_group_is_unnamed_group():
    """'Scott's family' is a group of people even though Scott is a person the article names."""
    text = ("Keith Scott was shot by police on Tuesday.\n\n"
            "\"We want the truth,\" Scott's family said in a statement.\n")
    assert _speakers(text)[0][0] == "anonymous"


def test_headline_description_without_determiner():
    """'Federal court' written as a headline, with no determiner, is still an organisation."""
    text = "\"The law is unconstitutional,\" Federal court rules.\n"
    assert _speakers(text) == [("organisation", "Federal court")]


def test_honorific_and_name_of_a_body_is_the_person():
    """'Mr. Morgan of the Sierra Club' is Mr. Morgan, the person named before, not the club."""
    text = ("Peter Morgan joined the Sierra Club in 2010.\n\n"
            "\"The plan is a giveaway,\" said Mr. Morgan of the Sierra Club.\n")
    kinds = _speakers(text)
    assert kinds and kinds[0] == ("person", "Peter Morgan")


def test_personal_name_before_apposition():
    """'Chad Bown, an expert on trade at ...' is a person named as written, not an anonymous expert."""
    text = ("\"Mexico has options,\" said Chad Bown, an expert on trade at the Peterson Institute for "
            "International Economics.\n")
    assert _speakers(text) == [("person", "Chad Bown")]


def test_members_of_a_body_are_not_the_body():
    """'Oversight Committee Republicans' are people of the committee, not the committee itself."""
    text = "\"This is a cover-up,\" Oversight Committee Republicans said in a statement.\n"
    assert _speakers(text)[0][0] == "anonymous"


def test_lone_proper_noun_is_an_organisation():
    """A lone proper noun the article never writes after another capitalised word ('Politico') is a body;
    one written after a title ('Dr. Oz') is not."""
    text = "\"The campaign is in disarray,\" Politico reported on Monday.\n"
    assert _speakers(text) == [("organisation", "Politico")]
    text = ("The show's host, Dr. Oz, examined the candidate.\n\n"
            "\"He is healthy,\" Oz said.\n")
    assert all(kind != "organisation" for kind, _ in _speakers(text))


def test_what_a_person_owns_speaks_as_a_document():
    """'Ivana Trump's brief argued ...': the brief, not Ivana Trump; a country's ministry stays an organisation."""
    text = "Lena Marsh's brief argued that the papers should stay sealed.\n"
    assert _speakers(text) == [("document", "Lena Marsh's brief")]


def test_the_end_of_an_organisation_name_is_no_person():
    """'Citizens for Tax Justice said ...', 'Peabody Energy said ...': organisations, never people."""
    for text, org in [("Citizens for Tax Justice said the loophole cost billions.\n", "Tax Justice"),
                      ("Halvard Energy said the mine would close.\n", "Halvard Energy")]:
        found = _speakers(text)
        assert found and all(kind != "person" for kind, _ in found), (text, org, found)


def test_a_group_named_with_an_example_member_is_the_group():
    """'Some Republicans, including Senator Lamar Alexander, have said ...': the group speaks, not the
    example; a named person 'like many colleagues' is still that person."""
    text = "Some Republicans, including Senator Lamar Alexander of Tennessee, have said the rule goes too far.\n"
    assert _speakers(text) == [("anonymous", "Some Republicans")]
    text = "Critics of the program, like Senator Ann Ruiz, said the visas were sold too cheaply.\n"
    assert _speakers(text) == [("anonymous", "Critics of the program")]
    text = "Senator Ann Ruiz, like many colleagues, said the visas were sold too cheaply.\n"
    assert _speakers(text)[0] == ("person", "Ann Ruiz")


def test_an_advocacy_group_named_for_its_cause_is_an_organisation():
    """'Citizens for Tax Justice', 'Parents for Safe Streets': plural people 'for' a cause, a group's name."""
    assert _speakers("Citizens for Tax Justice said the loophole cost billions.\n") == [
        ("organisation", "Citizens for Tax Justice")]
    assert _speakers("Parents for Safe Streets said the crossing was dangerous.\n") == [
        ("organisation", "Parents for Safe Streets")]


def test_what_a_named_person_has_speaks_not_the_person():
    """'Donald Trump's campaign said ...' is the campaign, 'Gary Johnson's doctor said ...' someone unnamed, with
    curly or straight apostrophes and whether or not the lexicon knows the possessor; never the possessor. A
    person named after the possessive ('Clinton's campaign manager Robby Mook') is still the speaker."""
    cases = [
        ("Donald Trump is running.\n\nDonald Trump’s campaign said on Monday that the polls were wrong.\n",
         ("organisation", "Donald Trump’s campaign")),
        ("Lena Marsh is running.\n\nLena Marsh's campaign said on Monday that the polls were wrong.\n",
         ("organisation", "Lena Marsh's campaign")),
        ("Gary Johnson spoke.\n\nLibertarian presidential candidate Gary Johnson’s doctor said he was healthy.\n",
         ("anonymous", "Libertarian presidential candidate Gary Johnson’s doctor")),
        ("Barack Obama spoke.\n\nObama’s two daughters said they were proud of him.\n",
         ("anonymous", "Obama’s two daughters")),
        # a head of two words, a year before it; an abbreviation between the possessive and the head
        ("Jared Diamond spoke.\n\nJared Diamond's 2005 best seller argued that societies fail.\n",
         ("document", "Jared Diamond's 2005 best seller")),
        ("Hillary Clinton spoke.\n\nMrs. Clinton's N.Y.U. speech said that taxes would rise for the rich.\n",
         ("document", "Mrs. Clinton's N.Y.U. speech")),
    ]
    for text, want in cases:
        assert _speakers(text) == [want], text
    text = "Hillary Clinton spoke.\n\nHillary Clinton's campaign manager Robby Mook said the polls were wrong.\n"
    assert _speakers(text) == [("person", "Robby Mook")]


# -- "the government": the country named before it (quotes/speakers/definite.py, _country_before)

@pytest.mark.parametrize("text, name", [
    # the country its own paragraph names last, outside quotation marks (a capital stands for its country)
    ("Beijing was “extremely concerned about the harm to civilians,” the authoritarian government said.", "China"),
    ("Protesters marched in Caracas on Monday. “We will not yield,” the government said.", "Venezuela"),
    # else a country quoted as a speaker in the paragraphs just before
    ("China said it was concerned.\n\n“We want peace,” the government said in a statement.", "China"),
    # the country that acts: the first its sentence names, not the last (a place it acts on, a counterpart)
    ("Russia will expel 35 diplomats from Washington, the government said.", "Russia"),
    ("Officials in Paris met with their German counterparts, the government said.", "France"),
    # a surname is no country ("Michael Jordan")
    ("Michael Jordan spoke on Monday. “We will not yield,” the government said.", "government"),
    # a country named only inside the quotation is not the speaker's: nothing to go by
    ("“Russia must stop,” the government said.", "government"),
    ("The bill passed on Monday. “We will not yield,” the government said.", "government"),
])
def test_the_government_is_the_country_named_before(text, name):
    assert _speakers(text)[-1] == ("organisation", name)


# -- a description naming an office the lexicon's person never held is not theirs (quotes/speakers/former.py)

@pytest.mark.parametrize("first, name", [
    ("President Barack Obama", "The former secretary"),  # he never was: the description stays unnamed
    ("Hillary Clinton", "Hillary Clinton"),
])
def test_a_description_of_an_office_never_held_is_not_that_person(first, name):
    text = f"{first} spoke in Ohio on Monday.\n\nThe former secretary of state said the plan would fail."
    assert _speakers(text)[-1] == ("person", name)


@pytest.mark.parametrize("text", [
    "“She has my vote,” said Maria Lopez, a nurse in Iowa.\n\nThe Republican nominee has visited the state four "
    "times this year.",
    "“She has my vote,” said Tom Baker, a farmer in Iowa.\n\nAs the Democratic nominee, she has visited the state "
    "four times this year.",
])
def test_a_title_written_beside_the_name_is_never_replaced_by_a_description(text):
    (q,) = extract(text, date="2016-09-12").quotes
    assert q.speaker.title is not None and q.speaker.title.text.startswith("a ")


@pytest.mark.parametrize("text", [
    "Tom Baker said the plan was bad.\n\n“We disagree,” O'Brien's lawyer said.",
    "Tom Reynolds, a farmer, said the plan was bad.\n\n“We disagree,” Reynolds' lawyer said.",
])
def test_a_possessive_description_is_not_the_previous_speaker(text):
    assert _speakers(text)[-1][1] not in ("Tom Baker", "Tom Reynolds")


def test_never_held_needs_the_lexicon_to_know_the_office_back_then():
    from quotes.lexicon import load_lexicon
    from quotes.speakers.former import never_held

    lex = load_lexicon()
    assert never_held("the former president", "Q6294", lex)  # Hillary Clinton: never president
    # first lady: the lexicon knows the recent ones only, so it cannot tell; two roles: one of them hers
    assert not never_held("the former first lady", "Q6294", lex)
    assert not never_held("The former first lady and U.S. senator", "Q6294", lex)
    assert not never_held("the Democratic nominee", "Q6294", lex)  # no office of the lexicon
    # offices many hold at once, or a role held under a longer name: nothing to go by
    for description, name in [("the former Delaware senator", "Joe Biden"), ("the former South Carolina governor",
                              "Nikki Haley"), ("the former mayor", "Boris Johnson"), ("former congressman", "Leon Panetta")]:
        assert not never_held(description, lex.candidates(name)[0].person.id, lex), (description, name)


# -- a possessive description as a source is someone else than its possessor

def test_a_possessive_description_of_the_possessor_is_someone_else():
    text = ("Bryan Pagliano said on Monday that he would testify.\n\n"
            "“He has nothing to hide,” Pagliano's lawyer said.")
    assert _speakers(text)[-1] != ("person", "Bryan Pagliano")


# -- titles: a part in politics over what the person does for a living (quotes/speakers/resolve.py)

def test_a_description_naming_a_part_in_politics_is_the_title_over_an_occupation():
    text = ("Donald Trump spoke on Tuesday. “We will win,” the New York businessman said.\n\n"
            "Trump cited his own endorsements from 88 generals and admirals Tuesday.\n\n"
            "The GOP candidate did not supply an overall cost estimate for his plans, though he said “budget "
            "reforms” would help finance them.")
    titles = {q.speaker.title.text for q in extract(text, date="2016-09-08").quotes if q.speaker.name == "Donald Trump"}
    assert titles == {"GOP candidate"}
