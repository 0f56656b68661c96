"""quotes.extract end to end (real shipped models): properties and the seed hard cases."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import quotes
from quotes.engine import extract, extract_many

pytestmark = pytest.mark.slow

STATEMENTS = [
    "We will never give up",
    "The friendship between the two peoples is rock-solid",
    "China deeply regrets that conflict has erupted",
    "Both sides must find a way to resolve the issue through negotiations",
    "Sanctions are not the answer",
]
NAMES = ["Wang Yi", "Volodymyr Zelenskyy", "Josep Borrell", "Antony Blinken", "Dmytro Kuleba"]


def _spans(result):
    for q in result.quotes:
        yield from q.content
        yield from q.quoted
        if q.cue is not None:
            yield q.cue
        if q.source is not None:
            yield q.source
    for m in result.mentions:
        yield m.span
    for d in result.diagnostics:
        if d.span is not None:
            yield d.span


def _key(result, shift=0):
    return [
        (tuple((c.start - shift, c.end - shift) for c in q.content), q.kind, q.speaker, q.resolution,
         q.cue.text if q.cue else None)
        for q in result.quotes
    ]


@settings(max_examples=15)
@given(st.text(max_size=200))
@example("")
@example("“unclosed quote, said Wang.")
@example("'''''\"\"\"“”‘’«»")
@example("<p>Wang said “hi”.</p>")
@example("“We will win,\x00” said Joe Biden.")
def test_never_raises_and_spans_slice_back(text):
    """Any text extracts without an exception, and every span slices back out of result.text."""
    result = extract(text, date="2022-03-01")
    if not any(d.code == "html-input" for d in result.diagnostics):
        # plain text: offsets are into the input itself, a NUL (or lone surrogate) its one replacement character
        assert len(result.text) == len(text)
        assert all(a == b or (a == "\ufffd" and (b == "\x00" or "\ud800" <= b <= "\udfff"))
                   for a, b in zip(result.text, text))
        assert (result.text != text) == any(d.code == "replaced-characters" for d in result.diagnostics)
    for span in _spans(result):
        assert result.text[span.start:span.end] == span.text


@settings(max_examples=8)
@given(st.sampled_from(STATEMENTS), st.sampled_from(NAMES))
def test_generated_direct_quote(statement, name):
    """'"{q}," {name} said.' gives exactly one direct quote of q by that person."""
    text = f"“{statement},” {name} said."
    (q,) = extract(text, date="2022-03-01").quotes
    assert q.kind == "direct"
    assert q.content[0].text.strip("“”,") == statement
    assert q.speaker.name == name and q.source.text == name


@settings(max_examples=8)
@given(st.sampled_from(STATEMENTS), st.sampled_from(NAMES))
def test_curly_and_straight_marks_give_the_same_quotes(statement, name):
    """Curly and straight quotation marks give the same quotes at the same offsets."""
    curly = f"“{statement},” {name} said. ‘{statement},’ {name} added."
    straight = curly.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    assert _key(extract(curly, date="2022-03-01")) == _key(extract(straight, date="2022-03-01"))


@settings(max_examples=6)
@given(st.sampled_from(STATEMENTS), st.sampled_from(NAMES), st.text(alphabet="abc .\n", min_size=1, max_size=30))
def test_a_prefix_shifts_every_offset(statement, name, filler):
    """A paragraph put in front shifts every offset by its length and changes nothing else."""
    text = f"{name} said that {statement.lower()}. “{statement},” {name} added."
    prefix = "Archive copy " + filler.replace("\n", " ") + "\n\n"
    plain = extract(text, date="2022-03-01")
    shifted = extract(prefix + text, date="2022-03-01")
    assert _key(shifted, shift=len(prefix)) == _key(plain)


def test_batching_and_order_do_not_change_results(seeds):
    """Articles extracted together, alone or in another order give the same quotes."""
    items = list(seeds.items())
    together = {r.name: _key(r) for r in extract_many(items, date="2022-03-08")}
    backwards = {r.name: _key(r) for r in extract_many(items[::-1], date="2022-03-08")}
    alone = {name: _key(extract(text, name=name, date="2022-03-08")) for name, text in items[:2]}
    assert together == backwards
    for name in alone:
        assert alone[name] == together[name]


class _Told:
    """A progress callable with a ``part`` method, recording what it hears."""

    def __init__(self) -> None:
        self.calls: list[tuple[float, int]] = []
        self.parts: list[tuple[float, int]] = []

    def __call__(self, done: float, total: int) -> None:
        self.calls.append((done, total))

    def part(self, done: float, total: int) -> None:
        self.parts.append((done, total))


def test_progress_moves_while_one_long_article_is_read():
    """One long article: between the start and the call that says it is done, ``part`` hears growing shares of it,
    several while the tagging pass reads its paragraphs (piece by piece) and the last one the whole."""
    text = "\n\n".join(f"“Point {i} stands,” Senator Ann Lee said on day {i} of the hearing." for i in range(260))
    told = _Told()
    result = extract_many([text], date="2022-03-08", progress=told)
    assert len(result[0].quotes) == 260
    assert told.calls == [(1, 1)]
    shares = [done for done, total in told.parts]
    assert {total for _, total in told.parts} == {1}
    assert shares == sorted(shares)
    assert len([s for s in shares if s <= 0.62]) >= 3  # the tagging pass, piece by piece (~17,000 characters)
    assert shares[0] > 0 and shares[-1] == pytest.approx(1.0)


def test_progress_of_a_batch_counts_the_articles_before_it():
    """Seventeen articles are two batches: the second batch's shares start from the 16 articles done."""
    told = _Told()
    extract_many([f"“Item {i} is fine,” Ann Lee said." for i in range(17)], date="2022-03-08", progress=told)
    assert told.calls == [(16, 17), (17, 17)]
    second = [done for done, _ in told.parts if done > 16]
    assert second and all(16 < d <= 17 for d in second) and second[-1] == pytest.approx(17)
    assert all(0 < d <= 16 for d, _ in told.parts[:len(told.parts) - len(second)])


def test_an_article_reads_the_same_whatever_it_is_batched_with(shared):
    """A PolNeAR article with a borderline span (4721-4791) whose tagger scores once moved in the last float
    digits with the other articles of the batch: alone, after twelve others and in reverse order it gives the
    same quotes (a chunk of the tagger's batch never mixes articles)."""
    folder = shared / "polnear" / "train" / "text"
    target = sorted(folder.glob("nyt_2016-08-11_new-emails-raise-queries-over-cl*.txt"))
    if not target:
        pytest.skip("the PolNeAR train article is not in ../shared")
    others = [p for p in sorted(folder.glob("*.txt")) if p != target[0]][:12]
    items = [(p.stem, p.read_text(encoding="utf-8")) for p in [*others, target[0]]]
    together = [_key(r) for r in extract_many(items, date="2016-08-11")]
    backwards = [_key(r) for r in extract_many(items[::-1], date="2016-08-11")][::-1]
    alone = _key(extract(items[-1][1], name=items[-1][0], date="2016-08-11"))
    assert together == backwards
    assert together[-1] == alone


def test_public_api_is_small_and_typed():
    """The package re-exports its public names and ships py.typed."""
    from importlib import resources

    assert "extract" in quotes.__all__ and callable(quotes.extract)
    assert resources.files("quotes").joinpath("py.typed").is_file()


# --- source mentions on the shipped models -----------------------------------------------------

SOURCE_CASES = [
    # (text, source as written, speaker label)
    ("Australia on Saturday said it was imposing sanctions on Russian lawmakers.", "Australia", "Australia"),
    ("The European Union’s foreign policy chief Josep Borrell said that China should mediate future talks.",
     "The European Union’s foreign policy chief Josep Borrell", "Josep Borrell"),
    ("Now, according to Bloomberg, at least two of China’s largest state-owned banks are limiting financing.",
     "Bloomberg", "Bloomberg"),
    ("Trump mocked Clinton’s plan.", "Trump", "Donald Trump"),
]


@pytest.mark.parametrize("text,source,label", SOURCE_CASES)
def test_source_mention_and_speaker(text, source, label):
    """Time phrases stay out of the source, unknown names are people, 'according to X' is read off the
    surface, and an inflected cue the lemmatizer missed ('mocked') is still a cue."""
    (q,) = extract(text).quotes
    assert (q.source.text, q.speaker.label) == (source, label)


def test_split_cue_sentence_and_pronoun_take_the_named_speaker():
    """'"...," Wang Wenbin told reporters.' split after the closing mark still gets its cue, and 'he' in
    the next sentence is the same person."""
    text = ("“We hope the culprit of the crisis would reflect on their role,” Wang Wenbin told reporters. "
            "Later he added that talks were needed.")
    quotes = extract(text).quotes
    assert [q.speaker.label for q in quotes] == ["Wang Wenbin", "Wang Wenbin"]
    assert quotes[0].quoted and quotes[1].resolution == "pronoun"


def test_honorific_rules_out_namesakes_of_the_other_gender():
    """'Ms. Moore' is never one of the lexicon's men called Moore."""
    (q,) = extract("Ms. Moore said that the plan was flawed.").quotes
    from quotes.lexicon import load_lexicon

    men = {p.name for p in load_lexicon().people.values() if p.family == "Moore" and p.gender == "m"}
    assert men and not ({q.speaker.name, *q.speaker.candidates} & men)  # several women may be: never a man


def test_surname_only_the_lexicon_knows_is_a_note_not_a_warning():
    """A bare 'Clinton' the article never names in full: a person called Clinton, linked to none of the
    lexicon's Clintons, and an info finding that names them."""
    (q,) = extract("Clinton said that the plan was flawed.").quotes
    assert (q.speaker.kind, q.speaker.name, q.speaker.person_id) == ("person", "Clinton", None)
    assert q.confidence <= 0.2
    (f,) = [f for f in quotes.check("Clinton said that the plan was flawed.", sources=[]).findings
            if f.code == "ambiguous-speaker"]
    assert f.severity == "info"
    assert {"Bill Clinton", "Hillary Clinton"} <= {e.text for e in f.evidence}
    assert "linked here to none of them" in f.message


def test_headline_surname_is_the_person_named_later():
    """A headline's bare surname, before the article names anyone of that name, is the one person of that name
    it names later (not the lexicon's several namesakes); of several, the one named far more often."""
    text = ("Trump urges supporters to watch polls.\n\n"
            "Republican nominee Donald Trump told a rally on Friday that the vote was rigged.\n\n"
            "\"Watch the polls,\" Trump said.")
    first = extract(text, date="2016-09-30").quotes[0]
    assert first.source is not None and first.source.text == "Trump" and first.speaker.name == "Donald Trump"
    text = ("Clinton plan is complex.\n\nMrs. Clinton wants higher taxes, Mrs. Clinton said. Mrs. Clinton spoke "
            "in Ohio, where Bill Clinton once won.\n\nHillary Clinton said the plan was fair.")
    first = extract(text, date="2016-09-16").quotes[0]
    assert first.speaker.name == "Hillary Clinton", first


def test_methods_find_the_same_plain_quote():
    """Each finder (tagger with rules, tagger alone, rules alone) finds a textbook quote and its speaker."""
    text = "“Sanctions are not the answer,” Wang Yi said on Tuesday."
    for method in ("both", "model", "rules"):
        (q,) = extract(text, date="2022-03-01", method=method).quotes
        assert "Sanctions are not the answer" in q.content[0].text and q.speaker.name == "Wang Yi", method


def test_unknown_method_is_a_clear_error():
    """A method name that does not exist raises the project's error, naming the choices."""
    with pytest.raises(quotes.QuotesError, match="'rules', 'model', 'both' or 'accurate'"):
        extract("He said so.", method="magic")  # type: ignore[arg-type]


def test_without_a_role_tagger(monkeypatch):
    """No tagger file: 'both' falls back to the rules and says so; 'model' raises ModelsNotFoundError."""
    from quotes import attribution
    from quotes.engine import Engine

    monkeypatch.setattr(attribution, "load_role_model", lambda: None)
    result = Engine().extract("“Sanctions are not the answer,” Wang Yi said.", date="2022-03-01")
    assert [d.code for d in result.diagnostics] == ["no-role-model"]
    assert result.quotes and result.quotes[0].speaker.name == "Wang Yi"
    with pytest.raises(quotes.ModelsNotFoundError, match="role tagger"):
        Engine(method="model").extract("He said so.")


NAMED_NEXT = ("{who} warned that Kyiv could halt grain exports and close its ports to foreign ships.\n"
              "Dmytro Kuleba, Ukraine's foreign minister, said on Friday that {what}.")


@pytest.mark.parametrize("who, what, named", [
    # a description the next paragraph names, restating the claim: that person
    ("A senior Ukrainian official", "the blockade could force Kyiv to halt grain exports for months", True),
    # nothing but a rank to tie the description to a name
    ("An aide", "the blockade could force Kyiv to halt grain exports for months", False),
    # a nationality the named source does not bear out
    ("A senior Polish official", "the blockade could force Kyiv to halt grain exports for months", False),
    # the named person says something else
    ("A senior Ukrainian official", "talks with Moscow would resume next week in Istanbul", False),
])
def test_a_description_named_in_the_next_paragraph(who, what, named):
    result = extract(NAMED_NEXT.format(who=who, what=what), date="2022-03-10")
    first = next(q for q in result.quotes if q.source is not None and q.source.text == who)
    if named:
        assert (first.speaker.name, first.resolution) == ("Dmytro Kuleba", "named-later")
    else:
        assert (first.speaker.kind, first.speaker.name) == ("anonymous", who)


# --- who a pronoun, a bare surname or an apposition stands for (people in no lexicon) ------------


def test_a_pronoun_after_a_sentence_introducing_someone_is_that_person():
    """The story turns to Wu Qiang in a sentence of narration, then quotes 'he': not the speaker before."""
    text = ("“We understand Russia, but we also have our own consideration,” said Yang Cheng, a professor.\n\n"
            "Tom Harlow, an independent political analyst based in Beijing, was blunter. "
            "“This is a very unfavourable situation for China,” he said.")
    assert [q.speaker.label for q in extract(text).quotes] == ["Yang Cheng", "Tom Harlow"]


def test_a_pronoun_skips_a_person_of_the_other_given_name_gender():
    """'she' after Bryan Anderson spoke is the woman named before him, read from her given name."""
    text = ("Erica Lawson and Bryan Anderson saw the rally. Bryan Anderson said the outreach was phony.\n\n"
            "“It is only when the media gets a video,” she said.")
    assert extract(text).quotes[-1].speaker.label == "Erica Lawson"


def test_a_bare_surname_spelt_otherwise_is_the_person_named_in_full():
    """The article writes 'Tyresha McClenney' and then 'McLenney said': one person."""
    text = ("Two voters, Tyresha McClenney and Bryan Anderson, saw the rally.\n\n"
            "McLenney said Clinton does not show consistency in her concern for racial issues.")
    (q,) = [q for q in extract(text).quotes if q.source is not None and q.source.text == "McLenney"]
    assert q.speaker.label == "Tyresha McClenney"


def test_the_head_of_a_source_is_the_speaker_not_a_name_in_its_relative_clause():
    text = ("Erica Smegielski, whose mother Dawn Hochsprung was killed at the school, said Sanders had "
            "ignored her call for an apology.")
    (q,) = extract(text).quotes
    assert q.speaker.label == "Erica Smegielski"


def test_an_article_title_comes_from_the_manifest_the_page_or_its_first_line():
    """Reports name articles by title: a manifest's first, then the page's own, then a headline first line."""
    from quotes.engine import default_engine

    plain = "Wang Yi Says Ties Hold Firm\n\n“We will stand firm,” Wang Yi said."
    page = "<html><head><title>Site | Ties</title><meta property='og:title' content='Ties &amp; talks'></head><body><p>x</p></body></html>"
    engine = default_engine()
    a, b, c = engine.extract_many([("a", plain), ("b", page), ("c", plain)], titles=[None, None, "From the manifest"])
    assert (a.title, a.title_source) == ("Wang Yi Says Ties Hold Firm", "first line")
    assert (b.title, b.title_source) == ("Ties & talks", "page metadata")
    assert (c.title, c.title_source) == ("From the manifest", "manifest")
    assert extract("“We will stand firm,” Wang Yi said on Monday after the talks in Moscow.").title is None


# --- names and titles the tokenizer and tagger used to cut ----------------------------------------------

NAME_AND_TITLE_CASES = [
    # (text, speaker name, title as the article writes it)
    # the expander read "Donna" as "Don na" (as "gonna"): one word again, so the name is a person's
    ("“That speech went beyond the room,” said Donna Brazile, the interim chairwoman of the Democratic "
     "National Committee.", "Donna Brazile", "the interim chairwoman of the Democratic National Committee"),
    # "Rep." read as a sentence's end: the title stays with its name
    ("Rep. Al Sharpton said callers had voiced doubts about the plan.", "Al Sharpton", "Rep."),
    # a generational suffix ends the name
    ("“Black folks have done their part,” said Vann R. Newkirk II, a writer for The Atlantic.",
     "Vann R. Newkirk II", "a writer for The Atlantic"),
    # a role word the tagger calls a proper noun still makes a title
    ("“This is a public health emergency,” said CDC Director Benard Dreyer.", "Benard Dreyer", "CDC Director"),
    # a hyphenated family name the tokenizer cuts in three, and a hyphen inside the title
    ("“Fine,” said Douglas Holtz-Eakin, a former director of the Congressional Budget Office.",
     "Douglas Holtz-Eakin", "a former director of the Congressional Budget Office"),
    ("“Go,” said Virginia AFL-CIO President Doris Crouse-Mays.", "Doris Crouse-Mays", "Virginia AFL-CIO President"),
    # the possessor in the source is not the speaker
    ("“We are ready,” said Hillary Clinton’s campaign manager Robby Mook.", "Robby Mook",
     "Hillary Clinton’s campaign manager"),
    # "of" and a name whose first word is tagged an adjective
    ("Mark Z. Barabak of National Review wrote that the debate was decided early.", "Mark Z. Barabak",
     "of National Review"),
    # a relative clause that says what the person is, alone or after an apposition
    ("“That's the weak spot,” said Luis Rubio, who heads the Center of Research for Development in Mexico City.",
     "Luis Rubio", "heads the Center of Research for Development in Mexico City"),
    ("“It will take years,” said James Acton, a physicist who is co-director of the Nuclear Policy Program.",
     "James Acton", "a physicist who is co-director of the Nuclear Policy Program"),
    # coordinated descriptions, and a role the tagger took for a verb
    ("“It is simple,” said Paul Rieckhoff, founder and CEO of Iraq and Afghanistan Veterans of America.",
     "Paul Rieckhoff", "founder and CEO of Iraq and Afghanistan Veterans of America"),
    ("Clinton communications director Jennifer Palmieri said the campaign would answer on Friday.",
     "Jennifer Palmieri", "Clinton communications director"),
    # a description before the name and a comma; "one of ..." after it
    ("In a statement, one of the family's attorneys, Justin Bamberg, said the videos show nothing new.",
     "Justin Bamberg", "one of the family's attorneys"),
    ("“He wrote it,” said Benjamin J. Rhodes, one of the president's closest aides.", "Benjamin J. Rhodes",
     "one of the president's closest aides"),
    # an age is no title
    ("“I am fine,” said 68-year-old Jane Holloway, the chief executive of Norda.",
     "Jane Holloway", "the chief executive of Norda"),
    # a role word tagged as a proper noun; a description whose head is before "for" and a name
    ("“He looked like a grown-up,” said MSNBC host Chris Matthews.", "Chris Matthews", "MSNBC host"),
    ("An attorney for Pagliano, Mark MacDougall, said his client was ready to appear.", "Mark MacDougall",
     "An attorney for Pagliano"),
    # the head before "for" and a description; "in chief"; a possessive pronoun opens it
    ("A lawyer for the news outlets, Dana Schulte, said no decision had been made.", "Dana Schulte",
     "A lawyer for the news outlets"),
    ("At the time, the RT editor in chief, Margarita Simonyan, said the statement was wrong.",
     "Margarita Simonyan", "the RT editor in chief"),
    ("He summoned his senior climate adviser, Brian Deese, who said the changes were final.", "Brian Deese",
     "senior climate adviser"),
    # "at the" and a name; a hyphenated given name; a relative clause that the main verb ends
    ("Dan McLaughlin at the National Review agreed that the debate was won.", "Dan McLaughlin",
     "at the National Review"),
    ("Jo-Renee Formicola, political science professor at Seton Hall University, said the debate mattered.",
     "Jo-Renee Formicola", "political science professor at Seton Hall University"),
    ("Dr. Connie Mariano, who as a Navy captain was the White House physician and later retired, said the "
     "records were complete.", "Connie Mariano", "as a Navy captain was the White House physician"),
    # a standing the tagger reads as a verb; two roles joined by "and"; a second relative clause that says
    # what the person is now
    ("Retired Army Gen. Norma Hale said the cuts had left the generals' hands tied.", "Norma Hale",
     "Retired Army Gen."),
    ("The RT host and former MSNBC personality Ed Sorrel said the network never told him what to say.",
     "Ed Sorrel", "RT host and former MSNBC personality"),
    ("“This is no reform,” said Dana Holt, an economist who served as director of the Budget Office and is now "
     "president of the Action Forum.", "Dana Holt",
     "an economist who served as director of the Budget Office and is now president of the Action Forum"),
    # a company's possessive opens a description before the name; one between dashes; ", of" and a name
    ("“It is total political crap,” said Apple's chief executive, Tom Kuck, on Monday.", "Tom Kuck",
     "Apple's chief executive"),
    ("Mara Osk — Ivy League-trained surgeon and daytime TV star — said the claims were false.", "Mara Osk",
     "Ivy League-trained surgeon and daytime TV star"),
    ("“It will never go back,” said the Rev. Peter Wharton, of Mayfield Memorial Baptist Church.", "Peter Wharton",
     "of Mayfield Memorial Baptist Church"),
    # what the person is now after a comma; a relative clause of what they study
    ("“It was a start,” said Erin Murphy, a former Clinton aide, now a consultant on Burma in the private sector.",
     "Erin Murphy", "a former Clinton aide, now a consultant on Burma in the private sector"),
    ("“It did not clarify the matter,” said Aparna Mathur, an economist who studies tax policy at the Enterprise "
     "Institute.", "Aparna Mathur", "an economist who studies tax policy at the Enterprise Institute"),
    # the family name after an honorific, and an apposition with its article
    ("Another critic, Laurence H. Tribe, was there. It mattered, since Mr. Tribe, a liberal "
     "constitutional scholar, was a mentor to the senator.\n\n“It is wrong,” Mr. Tribe said.",
     "Laurence H. Tribe", "a liberal constitutional scholar"),
    # two people, one role each: "the mayor and" is no part of the governor's title
    ("Both the mayor and Gov. Marcus Delaney said the subway was safe.", "Marcus Delaney", "Gov."),
    # a passive that gives the person a role
    ("Dana Holt, who was named chief executive in 2014, said the company would grow.", "Dana Holt",
     "named chief executive in 2014"),
    # a plural description before the list of names it describes
    ("The case names two Vermont developers, Ariel Quist and William Stanger.\n\n"
     "“We did nothing wrong,” Stanger said.", "William Stanger", "Vermont developers"),
]


NO_TITLE_CASES = [
    # what comes before the comma is no person ("After the debate, X said"); a possessive is no copula;
    # a copula that says something other than what the person is
    "After the debate, Marcus Delaney said the questions had been fair.",
    # the name inside a compound word: no title ends at the hyphen
    "Ann Lee pushed the paint-Marcus Delaney-as-a-plutocrat strategy.\n\n“It worked,” Marcus Delaney said.",
    "Marcus Delaney's landmark 2012 visit to Rangoon was praised.\n\n“It was a start,” Marcus Delaney said.",
    "Marcus Delaney was the subject of most of the debate.\n\n“I enjoyed it,” Marcus Delaney said.",
    "Reporters asked about the loopholes Marcus Delaney used.\n\n“I did nothing wrong,” Marcus Delaney said.",
    "They wanted the agency's Marcus Delaney report.\n\n“It is all there,” Marcus Delaney said.",
    # names in a list with no plural description of them; a clause between dashes
    "The campaign hired Marcus Delaney and Ann Lee in June.\n\n“I am ready,” Marcus Delaney said.",
    "Marcus Delaney — who won twice — said the race was close.",
    # a passive after "who was" says what was done to the person; the family name after an honorific and a
    # place
    "Marcus Delaney, who was given a tour of the museum with his family, said the exhibits had moved him.",
    "Marcus Delaney spoke first.\n\nHe had met Mr. Delaney at Harvard Law School.\n\n“It was fine,” Marcus Delaney said.",
    # a remark between dashes; a plural noun after "of";
    # a role verb in the past ("who covered the cost"); "Mr." for a woman of that family name
    "“We will build the wall,” said Marcus Delaney — a familiar refrain — on Monday.",
    "At a meeting of economists, Marcus Delaney and Ann Leeds spoke.\n\n“It will fail,” Marcus Delaney said.",
    "“The deal is bad,” said Marcus Delaney, who covered the cost of the trip himself.",
    # a description the person does not hold
    "“This is a big year for our potential senator, Marcus Delaney!” the crowd heard.\n\n“I am ready,” Marcus Delaney said.",
]


@pytest.mark.parametrize("text,name,title", NAME_AND_TITLE_CASES)
def test_names_and_titles_as_written(text, name, title):
    (q,) = extract(text, date="2016-09-19").quotes
    assert q.speaker.kind == "person" and q.speaker.name == name
    assert q.speaker.title is not None and q.speaker.title.text == title


@pytest.mark.parametrize("text", NO_TITLE_CASES)
def test_words_near_a_name_that_are_no_title(text):
    people = [q for q in extract(text, date="2016-09-19").quotes if q.speaker.name == "Marcus Delaney"]
    assert people, "the quote of Marcus Delaney is found"
    assert all(q.speaker.title is None for q in people), [q.speaker.title for q in people]


def test_contractions_are_still_split_and_names_are_not():
    """The expander's split is kept where the token has an apostrophe or is a spoken fusion."""
    from quotes.engine import default_engine

    doc = default_engine().parser.parse("We can't say. I'm gonna go. Donna and Anna left.")
    words = [w.text for s in doc.sentences for w in s.words]
    assert words[:4] == ["We", "ca", "n't", "say"] and "gon" in words and "na" in words
    assert "Donna" in words and "Anna" in words


def test_a_nickname_in_quotation_marks_is_no_part_of_the_name():
    text = ('Scott’s niece, state Del. Marcia "Cia" Price (D-Newport News), shouted to the crowd that the '
            'nation was watching.')
    (q,) = extract(text).quotes
    assert (q.speaker.kind, q.speaker.name) == ("person", "Marcia Price")


def test_the_title_in_the_source_picks_the_one_in_high_office():
    """'President Obama' in 2016, in a story that later names the first lady: Barack Obama, titled as the
    article writes; 'Ms. Obama' is the first lady."""
    text = ("President Obama has made his pitch personal, telling voters that he would take it as an affront.\n\n"
            "He plans to deploy the president and first lady Michelle Obama. “Yes,” said Ms. Obama.")
    quotes = extract(text, date="2016-09-19").quotes
    assert quotes[0].speaker.name == "Barack Obama" and quotes[0].speaker.title.text == "President"
    assert quotes[-1].speaker.name == "Michelle Obama"


def test_a_newspaper_named_with_the_is_no_persons_surname():
    (q,) = extract("The Hill reported that the four loopholes were legal.", date="2016-10-04").quotes
    assert q.speaker.name != "French Hill"


def test_a_person_before_a_relative_clause_naming_someone_else_is_the_speaker():
    text = ("“Nothing we could do now would make a difference,” said Juan Zarate, who was a top terrorism "
            "adviser to President George W. Bush.")
    (q,) = extract(text, date="2016-06-13").quotes
    assert q.speaker.name == "Juan Zarate"


def test_a_bare_surname_is_the_namesake_the_story_quoted():
    """'Cruz said' after 'his father, Rafael Cruz' was named: the senator the story has been quoting."""
    text = ("“I will vote for the Republican nominee,” Ted Cruz wrote.\n\n"
            "Trump repeatedly accused Rafael Cruz, who was born in Cuba, of associating with Lee Harvey Oswald.\n\n"
            "“I am not in the habit of supporting people who attack my father,” Cruz said in July.")
    quotes = extract(text, date="2016-09-24").quotes
    assert quotes[-1].speaker.name == "Ted Cruz"


def test_a_headline_in_title_case_names_no_one():
    text = ("Clinton Hid Past Health Problems From Public, Former White House Doctor Says.\n\n"
            "Hillary Clinton’s former doctor said that in 1998 Clinton allowed her staff to think it was a pulled muscle.")
    ex = extract(text, date="2016-09-14")
    assert all(q.speaker.name != "Clinton Hid" for q in ex.quotes)


def test_text_without_sentence_ends_is_read_in_pieces_with_a_warning():
    """A long stretch of words without a full stop (a transcript, a pasted list) is read in pieces cut at a
    space, never one sentence whose reading grows with its square (40,000 such characters once took 24 GB):
    every sentence stays within the limit, offsets slice back and a warning says where the first cut is."""
    from quotes.parse import UNBROKEN, unbroken_cuts

    words = ("we will keep the plant open says the mayor and the union agrees with the plan for now " * 73).split()
    text = "Intro line. " + " ".join(words[:1300]) + "\nLast line."
    result = extract(text, date="2022-03-08")
    assert all(s.end - s.start <= UNBROKEN + 1 for s in result.sentences)
    assert all(text[s.start:s.end] == s.text for s in result.sentences)
    cut = [d for d in result.diagnostics if d.code == "unbroken-text"]
    expected = len(unbroken_cuts(text.split("\n")[0]))
    assert expected >= 3  # 6,000 characters without a full stop: three cuts at least
    assert len(cut) == 1 and cut[0].severity == "warning" and f"at a space {expected} times" in cut[0].message
    assert cut[0].span is not None and text[cut[0].span.start - 1] != " " and text[cut[0].span.start] == " "


def test_a_sentence_too_long_for_the_parser_is_left_unparsed_with_a_warning():
    """A sentence of more words than the parser is given (its memory grows with the square) stays unparsed, the
    other sentences are parsed, and the extraction says so."""
    from quotes.parse import PARSE_MAX_WORDS, Parser

    long = " ".join(["a"] * (PARSE_MAX_WORDS + 20)) + " said Ann"
    text = f"Ann Lee said no. {long}."
    doc = Parser().parse_many([text])[0]
    assert [s.parsed for s in doc.sentences] == [True, False]
    result = extract(text, date="2022-03-08", method="rules")
    warned = [d for d in result.diagnostics if d.code == "long-sentence"]
    assert len(warned) == 1 and warned[0].span is not None and warned[0].span.start == text.index(" a a") + 1
