"""Titles from descriptions (:mod:`quotes.speakers.described`): "the Democratic nominee" after one person named
is that person's title; after two, or followed by another name, it is no one's."""

from __future__ import annotations

import pytest

from quotes.engine import extract
from quotes.speakers.described import _description

pytestmark = pytest.mark.slow


def _titles(text: str) -> dict[str, str | None]:
    return {q.speaker.name or "": (q.speaker.title.text if q.speaker.title else None)
            for q in extract(text, date="2016-09-30").quotes if q.speaker.kind == "person"}


def test_description_after_the_one_person_named_is_their_title():
    text = ("Jane Porterfield said on Monday that the plan would fail.\n\n"
            "The Democratic nominee has been endorsed by dozens of papers.\n")
    assert _titles(text) == {"Jane Porterfield": "Democratic nominee"}


def test_description_with_two_people_named_is_no_ones():
    text = ("Jane Porterfield said on Monday that Tom Reedley would lose.\n\n"
            "The Democratic nominee has been endorsed by dozens of papers.\n")
    assert _titles(text).get("Jane Porterfield") is None


@pytest.mark.parametrize("sentence", [
    "The first lady, Michelle Obama, has been endorsed by dozens of papers.",  # the name after it
    "Dozens of papers wrote to the vice chairman of the department.",  # someone of that department
    "Reporters waited for the activist leading the march.",  # anyone who does
])
def test_descriptions_of_someone_else_are_no_ones(sentence):
    text = f"Jane Porterfield said on Monday that the plan would fail.\n\n{sentence}\n"
    assert _titles(text) == {"Jane Porterfield": None}


def test_the_subject_of_the_descriptions_sentence_is_not_described():
    """'Melanie Cole told the Republican nominee': the nominee is not Melanie Cole, named before or not."""
    text = ("Melanie Cole waited at the rally for hours.\n\n"
            "\"We love you,\" Melanie Cole told the Republican nominee.\n")
    assert _titles(text) == {"Melanie Cole": None}


def test_a_possessor_of_the_same_sentence_can_be_described():
    text = ("Donald Trump's gains may prove fleeting if the Republican nominee's stance hardens.\n\n"
            "\"He is wrong,\" Trump said.\n")
    assert _titles(text).get("Donald Trump") == "Republican nominee"


def test_the_director_is_the_one_person_named_before():
    """'The director makes this clear' after one person named: that person speaks, as the director."""
    text = ("If there is one thing Ava DuVernay is passionate about, it is the past.\n"
            "The director says, \"We have to understand the past.\"\n")
    quotes = extract(text, date="2016-10-07").quotes
    assert [(q.speaker.name, q.speaker.title.text if q.speaker.title else None) for q in quotes] == \
        [("Ava DuVernay", "director")]


def test_a_month_is_no_namesake():
    """'In May, ...' names no one: not Theresa May, whom a later 'she' could have been read as."""
    text = ("In May, the unemployment rate for young people rose to 12 percent.\n\n"
            "\"It is a crisis,\" she said.\n")
    quotes = extract(text, date="2016-09-26").quotes
    assert all(q.speaker.name != "Theresa May" for q in quotes)


def test_description_reader_needs_a_role_head():
    from quotes.parse import Word

    def words(*pairs: tuple[str, str]) -> list[Word]:
        out, at = [], 0
        for i, (t, u) in enumerate(pairs):
            out.append(Word(i, t, at, at + len(t), t.lower(), u))
            at += len(t) + 1
        return out

    heads = frozenset({"nominee", "director", "first lady"})
    assert _description(words(("the", "DET"), ("GOP", "PROPN"), ("nominee", "NOUN")), 0, heads, frozenset()) == \
        (1, "nominee", 2)
    assert _description(words(("the", "DET"), ("first", "ADJ"), ("lady", "NOUN")), 0, heads, frozenset()) == \
        (1, "first lady", 2)
    assert _description(words(("the", "DET"), ("other", "ADJ"), ("nominee", "NOUN")), 0, heads, frozenset()) is None
    assert _description(words(("the", "DET"), ("weather", "NOUN")), 0, heads, frozenset()) is None


def test_a_name_written_with_a_nickname_keeps_its_title():
    """'Rep. Robert C. "Bobby" Scott' is Bobby Scott, with the title written before his whole name (a mention
    of him as 'Bobby Scott' elsewhere is what links the nickname to him)."""
    text = ('Rep. Robert C. "Bobby" Scott threw open his back yard for a Labor Day cookout.\n\n'
            'Bobby Scott has held the seat since 1993.\n\n'
            '"This is a big year," Scott said.\n')
    assert _titles(text) == {"Bobby Scott": "Rep."}


def test_he_is_the_description_in_the_persons_paragraph_is_their_title():
    text = ("Rep. Tom Reedley met Mark Dunmore on Monday.\n\n"
            '"We will pass it," Reedley said. He is the ranking Democrat on the House Education Committee.\n')
    assert _titles(text)["Tom Reedley"] == "ranking Democrat on the House Education Committee"


def test_he_is_an_opinion_is_no_title():
    text = ('"It is over," said Mark Dunmore on Monday.\n\nHe is a weak candidate.\n')
    assert _titles(text)["Mark Dunmore"] is None

def test_he_is_with_two_men_in_the_paragraph_is_no_ones():
    text = ('"We will pass it," Tom Reedley told Mark Dunmore. He is the ranking Democrat on the committee.\n')
    assert _titles(text)["Tom Reedley"] is None


def test_he_is_inside_a_quotation_or_a_relative_is_no_title():
    text = ('Sen. Jon Smithers spoke on Monday.\n\n'
            '"I know him well. He is the worst senator in history," Ann Lee said.\n\n'
            '"We will win," said Tom Reedley. He is the son of a coal miner.\n')
    titles = _titles(text)
    assert titles.get("Jon Smithers") in (None, "Sen.")
    assert titles["Tom Reedley"] is None


@pytest.mark.parametrize("text, name, title", [
    # an apposition opened by a possessive pronoun: what the person is, without whose
    ("Jane Porterfield, her Republican opponent, said the plan would fail.", "Jane Porterfield",
     "Republican opponent"),
    # a description before the name and a comma, headed by "opponent"
    ("But Porterfield's opponent, Tom Reedley, has been courting voters. \"They love me,\" Reedley said.",
     "Tom Reedley", "Porterfield's opponent"),
    # a relative "whom ..." ends the apposition; the description before it is kept
    ('"It was a place both found common ground," said Tom Reedley, a chief of staff to the governor whom the '
     "mayor recruited in 2013.", "Tom Reedley", "a chief of staff to the governor"),
    # "is now ..." says what the person is at the article's time: over a description of what they were
    ('"It will be first-order business," said Tom Reedley, a chief of staff to the governor. (Mr. Reedley is now '
     "the chairman of the Porterfield campaign.)", "Tom Reedley", "the chairman of the Porterfield campaign"),
])
def test_descriptions_beside_the_name_are_titles(text, name, title):
    assert _titles(text).get(name) == title


@pytest.mark.parametrize("text", [
    "And while Monday's debate will be Reedley's first against a single opponent, Jane Porterfield went up against "
    "three rivals. \"I am ready,\" Porterfield said.",
    "Despite challenging the trustworthiness of the Republican majority leader, Jane Porterfield said she could "
    "work with him.",
])
def test_a_phrase_before_a_comma_and_a_clause_the_name_opens_is_no_title(text):
    assert _titles(text).get("Jane Porterfield") is None


@pytest.mark.parametrize("text, name, title", [
    # "is now ..." inside someone's quoted words, or naming no office, does not replace the title
    ('"We will win," said Tom Reedley, the mayor of Springfield.\n\n"I have known him for years. Reedley is now the '
     'worst candidate in the race," Jane Porterfield said.', "Tom Reedley", "the mayor of Springfield"),
    ('"We will win," said Tom Reedley, the mayor of Springfield. Reedley is now the front-runner in the race.',
     "Tom Reedley", "the mayor of Springfield"),
    # a description before the name and a comma stays a title when the writer leaves out the comma after the name
    ("On Sunday, Porterfield's campaign chairman, Tom Reedley said the plan would work.", "Tom Reedley",
     "Porterfield's campaign chairman"),
    # a relation keeps whose it is
    ("Tom Reedley, her husband, said the plan would fail.", "Tom Reedley", "her husband"),
])
def test_descriptions_that_keep_or_lose_their_place(text, name, title):
    assert _titles(text).get(name) == title
