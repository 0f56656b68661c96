"""Speaker resolution with the bundled lexicon on hand-built parses."""

from __future__ import annotations

import datetime as dt

import pytest

from quotes import extract
from quotes.attribution import Attribution, find_attributions
from quotes.lexicon import load_lexicon
from quotes.marks import find_quotations
from quotes.records import Span
from quotes.speakers import find_mentions, resolve_speakers
from tests.builders import multi_doc

DAY = dt.date(2022, 3, 1)


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def _quotes(doc, lex):
    quotations, _ = find_quotations(doc.text)
    atts = find_attributions(doc, quotations, lexicon=lex)
    mentions = find_mentions(doc, lexicon=lex, date=DAY)
    return mentions, resolve_speakers(doc, atts, mentions, lexicon=lex, date=DAY)


def _say(subject_rows, rest="peace is possible"):
    """Rows for 'SUBJECT said that peace is possible.' given the subject's rows (heads relative to 'said')."""
    n = len(subject_rows)
    said = n + 1
    rows = list(subject_rows) + [
        ("said", "say", "VERB", 0, "root"), ("that", "that", "SCONJ", said + 4, "mark"),
        ("peace", "peace", "NOUN", said + 4, "nsubj"), ("is", "be", "AUX", said + 4, "cop"),
        ("possible", "possible", "ADJ", said, "ccomp"), (".", ".", "PUNCT", said, "punct"),
    ]
    return rows


def test_wrong_title_mention_is_recorded(lex):
    """'Ukrainian President Dmytro Kuleba': the mention keeps the title, its office, and the person."""
    text = "Ukrainian President Dmytro Kuleba said that peace is possible."
    doc = multi_doc(text, [_say([
        ("Ukrainian", "Ukrainian", "ADJ", 2, "amod"), ("President", "President", "PROPN", 4, "compound"),
        ("Dmytro", "Dmytro", "PROPN", 4, "compound"), ("Kuleba", "Kuleba", "PROPN", 5, "nsubj"),
    ])])
    mentions, quotes = _quotes(doc, lex)
    m = next(m for m in mentions if m.name and m.name.text == "Dmytro Kuleba")
    assert m.title.text == "Ukrainian President" and m.title_office == "President of Ukraine"
    assert m.speaker.name == "Dmytro Kuleba"
    assert quotes[0].speaker.name == "Dmytro Kuleba"


def test_capitalised_function_word_is_no_part_of_a_name(lex):
    """'Neither Clinton nor ...' tagged PROPN PROPN: the mention is 'Clinton', not a person 'Neither Clinton'."""
    text = "Neither Clinton nor her allies said that peace is possible."
    doc = multi_doc(text, [_say([("Neither", "Neither", "PROPN", 2, "cc:preconj"), ("Clinton", "Clinton", "PROPN", 6, "nsubj"),
                                 ("nor", "nor", "CCONJ", 5, "cc"), ("her", "her", "PRON", 5, "nmod:poss"),
                                 ("allies", "ally", "NOUN", 2, "conj")])])
    mentions = find_mentions(doc, lexicon=lex, date=DAY)
    assert all("Neither" not in m.span.text for m in mentions)
    said = text.index(" said")
    att = Attribution(content=(Span.of(text, said + 6, len(text) - 1),), kind="indirect", cue=Span.of(text, said + 1, said + 5),
                      cue_lemma="say", cue_class="speech", source=Span.of(text, 0, said), via="cue-subject")
    (quote,) = resolve_speakers(doc, [att], mentions, lexicon=lex, date=DAY)
    assert quote.speaker.name != "Neither Clinton"


FILLER = "\nSanctions widened.\nMarkets fell.\nTalks stalled.\n"


def test_bare_surname_with_two_candidates_is_ambiguous(lex):
    """An article naming Wang Yi and Wang Wenbin makes a later, distant bare 'Wang' ambiguous, naming both."""
    text = "Wang Yi said that peace is possible. Wang Wenbin said that peace is possible." + FILLER + "Wang said that peace is possible."
    doc = multi_doc(text, [
        _say([("Wang", "Wang", "PROPN", 3, "nsubj"), ("Yi", "Yi", "PROPN", 1, "flat")]),
        _say([("Wang", "Wang", "PROPN", 3, "nsubj"), ("Wenbin", "Wenbin", "PROPN", 1, "flat")]),
        _say([("Wang", "Wang", "PROPN", 2, "nsubj")]),
    ])
    _, quotes = _quotes(doc, lex)
    assert [q.speaker.name for q in quotes[:2]] == ["Wang Yi", "Wang Wenbin"]
    last = quotes[2]
    assert last.speaker.kind == "ambiguous" and set(last.speaker.candidates) == {"Wang Yi", "Wang Wenbin"}


def test_bare_surname_right_after_a_full_name_is_that_person(lex):
    """With both Wangs in the article, a bare 'Wang' in the paragraph after 'Wang Wenbin' is Wang Wenbin."""
    text = "Wang Yi said that peace is possible." + FILLER + "Wang Wenbin said that peace is possible.\nWang said that peace is possible."
    doc = multi_doc(text, [
        _say([("Wang", "Wang", "PROPN", 3, "nsubj"), ("Yi", "Yi", "PROPN", 1, "flat")]),
        _say([("Wang", "Wang", "PROPN", 3, "nsubj"), ("Wenbin", "Wenbin", "PROPN", 1, "flat")]),
        _say([("Wang", "Wang", "PROPN", 2, "nsubj")]),
    ])
    _, quotes = _quotes(doc, lex)
    assert quotes[2].speaker.name == "Wang Wenbin" and quotes[2].resolution == "surname"


def test_bare_surname_with_one_candidate_resolves(lex):
    """With only Wang Yi in the article, a later 'Wang' is Wang Yi, resolved by surname."""
    text = "Wang Yi said that peace is possible. Wang said that peace is possible."
    doc = multi_doc(text, [
        _say([("Wang", "Wang", "PROPN", 3, "nsubj"), ("Yi", "Yi", "PROPN", 1, "flat")]),
        _say([("Wang", "Wang", "PROPN", 2, "nsubj")]),
    ])
    _, quotes = _quotes(doc, lex)
    assert quotes[1].speaker.name == "Wang Yi" and quotes[1].resolution == "surname"


def test_pronoun_resolves_to_previous_speaker(lex):
    """'He said' after a quote by Wang Yi is Wang Yi."""
    text = "Wang Yi said that peace is possible. He said that peace is possible."
    doc = multi_doc(text, [
        _say([("Wang", "Wang", "PROPN", 3, "nsubj"), ("Yi", "Yi", "PROPN", 1, "flat")]),
        _say([("He", "he", "PRON", 2, "nsubj")]),
    ])
    _, quotes = _quotes(doc, lex)
    assert quotes[1].speaker.name == "Wang Yi" and quotes[1].resolution == "pronoun"


def test_title_without_name_is_the_holder_at_the_date(lex):
    """'China's foreign minister said' on 2022-03-01 is Wang Yi, resolved by title."""
    text = "China's foreign minister said that peace is possible."
    doc = multi_doc(text, [_say([
        ("China", "China", "PROPN", 4, "nmod:poss"), ("'s", "'s", "PART", 1, "case"),
        ("foreign", "foreign", "ADJ", 4, "amod"), ("minister", "minister", "NOUN", 5, "nsubj"),
    ])])
    _, quotes = _quotes(doc, lex)
    assert quotes[0].speaker.name == "Wang Yi" and quotes[0].resolution == "title"


def test_organisation_source(lex):
    """'State media said' is an organisation."""
    text = "State media said that peace is possible."
    doc = multi_doc(text, [_say([("State", "state", "NOUN", 2, "compound"), ("media", "media", "NOUN", 3, "nsubj")])])
    _, quotes = _quotes(doc, lex)
    assert quotes[0].speaker.kind == "organisation"


def _relative_said(text, subject_rows, lex):
    """The one quote of 'SUBJECT said that peace is possible.' whose source is the word just before 'said'."""
    doc = multi_doc(text, [_say(subject_rows)])
    said = text.index(" said ") + 1
    source = text.rindex(" ", 0, said - 1) + 1
    att = Attribution(content=(Span.of(text, said + 5, len(text) - 1),), kind="indirect", cue=Span.of(text, said, said + 4),
                      cue_lemma="say", cue_class="speech", source=Span.of(text, source, said - 1), via="cue-subject")
    (quote,) = resolve_speakers(doc, [att], find_mentions(doc, lexicon=lex, date=DAY), lexicon=lex, date=DAY)
    return quote


def test_relative_pronoun_source_is_its_antecedent(lex):
    """'China, which said that peace is possible': the source stays 'which', the speaker is China."""
    quote = _relative_said("China, which said that peace is possible.", [
        ("China", "China", "PROPN", 0, "root"), (",", ",", "PUNCT", 4, "punct"), ("which", "which", "PRON", 4, "nsubj")], lex)
    assert quote.source.text == "which" and quote.speaker.name == "China"


def test_relative_pronoun_antecedent_leaves_out_a_time_phrase(lex):
    """'This week China, which said that ...': the antecedent is China, not 'week China'."""
    quote = _relative_said("This week China, which said that peace is possible.", [
        ("This", "this", "DET", 2, "det"), ("week", "week", "NOUN", 3, "obl:tmod"), ("China", "China", "PROPN", 0, "root"),
        (",", ",", "PUNCT", 6, "punct"), ("which", "which", "PRON", 6, "nsubj")], lex)
    assert quote.source.text == "which" and quote.speaker.name == "China"


def test_second_relative_pronoun_stands_for_the_first_ones_antecedent(lex):
    """'China, which waited and which said that ...': the second 'which' is China too."""
    quote = _relative_said("China, which waited and which said that peace is possible.", [
        ("China", "China", "PROPN", 0, "root"), (",", ",", "PUNCT", 7, "punct"), ("which", "which", "PRON", 4, "nsubj"),
        ("waited", "wait", "VERB", 1, "acl:relcl"), ("and", "and", "CCONJ", 7, "cc"), ("which", "which", "PRON", 7, "nsubj")],
        lex)
    assert quote.source.text == "which" and quote.speaker.name == "China"


def test_relative_pronoun_after_a_predicate_noun_is_the_subject(lex):
    """'China is the only government that said ...': the speaker is China, not 'government'."""
    quote = _relative_said("China is the only government that said that peace is possible.", [
        ("China", "China", "PROPN", 5, "nsubj"), ("is", "be", "AUX", 5, "cop"), ("the", "the", "DET", 5, "det"),
        ("only", "only", "ADJ", 5, "amod"), ("government", "government", "NOUN", 0, "root"),
        ("that", "that", "PRON", 7, "nsubj")], lex)
    assert quote.source.text == "that" and quote.speaker.name == "China"


def test_who_after_an_apposition_stands_for_the_name_it_describes():
    """'Heather Samuelson, a campaign staffer-turned-legal assistant who said ...': the speaker is the person the
    apposition describes, not 'assistant' or an organisation inside it; without a name before it, the noun."""
    text = ("Lawmakers heard from Heather Samuelson, a campaign staffer-turned-legal assistant who said the "
            "emails were sorted by hand.")
    (q,) = extract(text, date="2016-09-23").quotes
    assert (q.source.text, q.speaker.kind, q.speaker.name) == ("who", "person", "Heather Samuelson")
    text = "They met Ann Lorne, a lawyer at the State Department who said the deal was fair."
    (q,) = extract(text, date="2016-09-23").quotes
    assert (q.speaker.kind, q.speaker.name) == ("person", "Ann Lorne")
    text = "Lawmakers heard from the assistant, who said the emails were sorted by hand."
    (q,) = extract(text, date="2016-09-23").quotes
    assert q.speaker.kind != "person"


def test_who_after_an_apposition_with_a_person_after_a_preposition_is_that_person():
    """'Khizr Khan, the father of a soldier who said ...': the clause describes the soldier, not the name."""
    (q,) = extract("Clinton met with Khizr Kahn, the father of a soldier who said he was proud to serve.",
                   date="2016-09-30").quotes
    assert q.speaker.name != "Khizr Kahn"


@pytest.mark.parametrize("text,source,name", [
    # a sentence adverb is no part of a name; a source that ran over the phrase before the name
    ("Donald Trump spoke in Ohio. Meanwhile Trump has said that Russia is strong.", "Trump", "Donald Trump"),
    ("Donald Trump spoke in Ohio. In a Bloomberg interview Trump declared that NATO may be obsolete.",
     "a Bloomberg interview Trump", "Donald Trump"),
    # a family name with its particle, capitalised to open a sentence
    ("Mayor Bill de Blasio described the blast as intentional.\n\nDe Blasio said there was no evidence of it.",
     "De Blasio", "Bill de Blasio"),
])
def test_a_bare_family_name_the_source_writes_among_other_words_is_the_person(text, source, name):
    found = [q for q in extract(text, date="2016-09-30").quotes if q.source is not None and q.source.text == source]
    assert [q.speaker.name for q in found] == [name]


@pytest.mark.parametrize("text,word", [
    ("Donna Brazile spoke on Monday.\n\nBrazil said it would not extradite him.", "Brazil"),
    ("Barack Obama spoke on Monday.\n\n“We will strike again,” Osama said in a video.", "Osama"),
])
def test_a_country_or_a_given_name_is_no_misspelt_family_name(text, word):
    """'Brazil' after 'Donna Brazile', 'Osama' after 'Barack Obama': other words, not the person spelt otherwise,
    and no name-spelling finding."""
    from quotes.lexicon import load_lexicon
    from quotes.verification import verify_article

    ex = extract(text, date="2016-09-30")
    (q,) = [q for q in ex.quotes if q.source is not None and q.source.text == word]
    assert q.speaker.name not in ("Donna Brazile", "Barack Obama")
    assert not [f for f in verify_article(ex, lexicon=load_lexicon()) if f.code == "name-spelling"]


def test_a_headline_that_opens_with_a_persons_name_is_that_person():
    """'Elizabeth Warren Hammers Wells Fargo CEO: ...': the headline's capitalised words are not one long name."""
    text = ("Elizabeth Warren Hammers Wells Fargo CEO: ‘You Should Be Criminally Investigated.’\n\n"
            "Massachusetts Sen. Elizabeth Warren tore into Wells Fargo CEO John Stumpf on Tuesday.")
    first = extract(text, date="2016-09-20").quotes[0]
    assert first.speaker.name == "Elizabeth Warren"
    # in running text, or a name that opens an organisation's: not the person
    for text in ("“We fix pipes,” Mike Johnson Plumbing Co said.", "“Democracy matters,” John McCain Institute Fellows said."):
        (q,) = extract(text, date="2024-03-01").quotes
        assert q.speaker.person_id is None, text


def test_a_namesake_the_article_describes_in_private_life_is_not_the_office_holder():
    """'Mike Johnson, a plumber from Ohio': not the Speaker of the House the lexicon has under that name; named
    as written, linked to no one, less sure. 'House Speaker Mike Johnson' still is him."""
    (q,) = extract("“We will win,” said Mike Johnson, a plumber from Ohio.", date="2024-03-01").quotes
    assert (q.speaker.name, q.speaker.person_id, q.speaker.office) == ("Mike Johnson", None, None)
    assert q.speaker.title is not None and q.speaker.title.text == "a plumber from Ohio" and q.confidence <= 0.7
    (q,) = extract("“We will pass it,” said House Speaker Mike Johnson.", date="2024-03-01").quotes
    assert q.speaker.person_id is not None and q.speaker.office is not None
    # an office's title beside the name, or what they were ("former"), keeps the office holder
    for text in ("“Farms matter,” said Sen. Jon Tester, a bartender from Big Sandy, Montana.",
                 "“It was fine,” said Mike Pence, a former bartender."):
        (q,) = extract(text, date="2016-09-30").quotes
        assert q.speaker.person_id is not None, text


def test_an_honorific_or_a_particle_is_no_title():
    """'De Blasio says ...' in a headline, 'Ms. LaBelle': 'De' and 'Ms.' are no titles."""
    from quotes.lexicon import load_lexicon
    from quotes.speakers.titles import says_something

    lx = load_lexicon()
    assert [says_something(t, lx) for t in ("Ms.", "De", "Mrs.", "Mayor", "Rep.")] == [False, False, False, True, True]


def test_said_and_a_name_before_a_colon_is_the_speaker():
    """'Said Ellis: "..."': the verb opens the sentence and the name after it is the speaker."""
    text = ("Ryan Ellis is a tax expert at a think tank in Washington.\n\n"
            "Said Ellis: “I don’t get the sense she’s the least bit interested in tax reform.”")
    (q,) = extract(text, date="2016-10-04").quotes
    assert (q.source.text, q.speaker.name, q.cue.text) == ("Ellis", "Ryan Ellis", "Said")
    assert q.speaker.title is not None and q.speaker.title.text == "a tax expert at a think tank in Washington"
    # an opening verb of another kind, a pronoun after it: no source read there
    (q,) = extract("Say what you will about Donald Trump, he is consistent.", date="2016-10-04").quotes
    assert q.source is None or q.source.text.lower() != "what"


def test_anonymous_source(lex):
    """'A Western diplomat said' is an anonymous source, described as written."""
    text = "A Western diplomat said that peace is possible."
    doc = multi_doc(text, [_say([("A", "a", "DET", 3, "det"), ("Western", "western", "ADJ", 3, "amod"),
                                 ("diplomat", "diplomat", "NOUN", 4, "nsubj")])])
    _, quotes = _quotes(doc, lex)
    assert quotes[0].speaker.kind == "anonymous" and quotes[0].speaker.name == "A Western diplomat"


def _words(text, rows, start=0):
    """One hand-built sentence from ``(word, lemma, upos, xpos)`` rows, found left to right from ``start`` (no
    parse: these rules read the surface)."""
    from quotes.parse import Sentence, Word
    words, pos = [], start
    for i, (form, lemma, upos, xpos) in enumerate(rows):
        start = text.index(form, pos)
        pos = start + len(form)
        words.append(Word(index=i, text=form, start=start, end=pos, lemma=lemma, upos=upos, xpos=xpos))
    return Sentence(words[0].start, words[-1].end, text[words[0].start:words[-1].end], tuple(words))


def _resolve_one(text, sentences, source, cue, content, lex):
    """The speaker of one attribution whose source, cue and content are given as written (None: no source)."""
    from quotes.parse import Document
    doc = Document(text, tuple(sentences))

    def span(s):
        i = text.rindex(s)  # the last one: the attribution is in the last sentence
        return Span.of(text, i, i + len(s))

    att = Attribution(content=(span(content),), kind="indirect", cue=span(cue), cue_lemma=None, cue_class="speech",
                      source=span(source) if source else None, via="cue-subject" if source else "none")
    (quote,) = resolve_speakers(doc, [att], find_mentions(doc, lexicon=lex, date=DAY), lexicon=lex, date=DAY)
    return quote


def test_a_source_cut_inside_a_name_is_completed(lex):
    """'Wang [Yi] also offered help', the tagger's source only 'Yi' (and 'Wang' not read as a name): the source
    widens to 'Wang Yi', the full name the lexicon knows, and the speaker is Wang Yi."""
    text = "Wang Yi also offered help to both sides."
    sent = _words(text, [("Wang", "wang", "NOUN", "NN"), ("Yi", "Yi", "PROPN", "NNP"), ("also", "also", "ADV", "RB"),
                         ("offered", "offer", "VERB", "VBD"), ("help", "help", "NOUN", "NN"), ("to", "to", "ADP", "IN"),
                         ("both", "both", "DET", "DT"), ("sides", "side", "NOUN", "NNS"), (".", ".", "PUNCT", ".")])
    quote = _resolve_one(text, [sent], "Yi", "offered", "help to both sides", lex)
    assert quote.source.text == "Wang Yi" and quote.speaker.name == "Wang Yi"


def test_a_source_is_not_widened_over_words_that_are_no_name(lex):
    """'Reporters Yi said ...': 'Reporters Yi' is no name anyone has, so the source stays 'Yi'."""
    text = "Reporters Yi said help would come."
    sent = _words(text, [("Reporters", "reporter", "NOUN", "NNS"), ("Yi", "Yi", "PROPN", "NNP"), ("said", "say", "VERB", "VBD"),
                         ("help", "help", "NOUN", "NN"), ("would", "would", "AUX", "MD"), ("come", "come", "VERB", "VB"),
                         (".", ".", "PUNCT", ".")])
    quote = _resolve_one(text, [sent], "Yi", "said", "help would come", lex)
    assert quote.source.text == "Yi"


AGENTLESS_ROWS = [("It", "it", "PRON", "PRP"), ("was", "be", "AUX", "VBD"), ("widely", "widely", "ADV", "RB"),
                  ("{verb}", "{lemma}", "VERB", "VBN"), ("that", "that", "SCONJ", "IN"), ("banks", "bank", "NOUN", "NNS"),
                  ("cut", "cut", "VERB", "VBD"), ("loans", "loan", "NOUN", "NNS"), (".", ".", "PUNCT", ".")]


@pytest.mark.parametrize("verb, lemma, agentless", [("reported", "report", True), ("believed", "believe", False)])
def test_an_agentless_passive_report_is_unnamed_reports(lex, verb, lemma, agentless):
    """'It was widely reported that ...' has no source written: an anonymous 'unnamed reports'; a passive
    thought ('It was widely believed that ...') is no report and stays unresolved."""
    text = f"It was widely {verb} that banks cut loans."
    rows = [(w.format(verb=verb), l.format(lemma=lemma), u, x) for w, l, u, x in AGENTLESS_ROWS]
    quote = _resolve_one(text, [_words(text, rows)], None, verb, "that banks cut loans", lex)
    if agentless:
        assert (quote.speaker.kind, quote.speaker.name, quote.resolution) == ("anonymous", "unnamed reports", "agentless")
    else:
        assert quote.speaker.kind == "unresolved"


def _resolution_sentence(text, start, owner_rows):
    """Rows for '... OWNER resolution demanding that it stop.' from ``start`` words."""
    return _words(text, start + owner_rows + [
        ("resolution", "resolution", "NOUN", "NN"), ("demanding", "demand", "VERB", "VBG"), ("that", "that", "SCONJ", "IN"),
        ("it", "it", "PRON", "PRP"), ("stop", "stop", "VERB", "VBP"), (".", ".", "PUNCT", ".")])


UNSC = [("UN", "UN", "PROPN", "NNP"), ("Security", "Security", "PROPN", "NNP"), ("Council", "Council", "PROPN", "NNP")]


def test_a_document_speaks_under_its_owner_and_noun(lex):
    """'Moscow vetoed a draft UN Security Council resolution demanding that it stop': a document speaker, named
    by its owner and noun without determiner or modifiers: 'UN Security Council resolution'."""
    text = "Moscow vetoed a draft UN Security Council resolution demanding that it stop."
    sent = _resolution_sentence(text, [("Moscow", "Moscow", "PROPN", "NNP"), ("vetoed", "veto", "VERB", "VBD"),
                                       ("a", "a", "DET", "DT"), ("draft", "draft", "NOUN", "NN")], UNSC)
    quote = _resolve_one(text, [sent], "a draft UN Security Council resolution", "demanding", "that it stop", lex)
    assert (quote.speaker.kind, quote.speaker.name) == ("document", "UN Security Council resolution")


def test_a_definite_document_is_the_earlier_one_its_owner_names(lex):
    """'Friday's United Nations resolution' after 'a UN Security Council resolution' is that resolution (the
    Security Council is a body of the United Nations); one of another owner keeps its own name."""
    first = "China abstained on a UN Security Council resolution demanding that it stop."
    s1 = _resolution_sentence(first, [("China", "China", "PROPN", "NNP"), ("abstained", "abstain", "VERB", "VBD"),
                                      ("on", "on", "ADP", "IN"), ("a", "a", "DET", "DT")], UNSC)
    for owner, rows, name in [
        ("United Nations", [("United", "United", "PROPN", "NNP"), ("Nations", "Nations", "PROPN", "NNPS")],
         "UN Security Council resolution"),
        ("European Union", [("European", "European", "PROPN", "NNP"), ("Union", "Union", "PROPN", "NNP")],
         "European Union resolution"),
    ]:
        text = first + f" Russia vetoed Friday's {owner} resolution urging a halt."
        s2 = _words(text, [("Russia", "Russia", "PROPN", "NNP"), ("vetoed", "veto", "VERB", "VBD"),
                           ("Friday", "Friday", "PROPN", "NNP"), ("'s", "'s", "PART", "POS"), *rows,
                           ("resolution", "resolution", "NOUN", "NN"), ("urging", "urge", "VERB", "VBG"),
                           ("a", "a", "DET", "DT"), ("halt", "halt", "NOUN", "NN"), (".", ".", "PUNCT", ".")],
                    start=len(first))
        quote = _resolve_one(text, [s1, s2], f"Friday's {owner} resolution", "urging", "a halt", lex)
        assert quote.source.text == f"Friday's {owner} resolution"
        assert (quote.speaker.kind, quote.speaker.name) == ("document", name)


def test_a_document_without_an_owner_is_named_as_written(lex):
    """'The statement said ...': a document, named without its determiner."""
    text = "The statement said talks would resume."
    sent = _words(text, [("The", "the", "DET", "DT"), ("statement", "statement", "NOUN", "NN"), ("said", "say", "VERB", "VBD"),
                         ("talks", "talk", "NOUN", "NNS"), ("would", "would", "AUX", "MD"), ("resume", "resume", "VERB", "VB"),
                         (".", ".", "PUNCT", ".")])
    quote = _resolve_one(text, [sent], "The statement", "said", "talks would resume", lex)
    assert (quote.speaker.kind, quote.speaker.name) == ("document", "statement")


def _met(text, second, they_rows):
    s1 = _words(text, [("Putin", "Putin", "PROPN", "NNP"), ("met", "meet", "VERB", "VBD"), *second, (".", ".", "PUNCT", ".")])
    s2 = _words(text, they_rows, start=s1.end)
    return [s1, s2]


THEY_SAID = [("They", "they", "PRON", "PRP"), ("said", "say", "VERB", "VBD"), ("ties", "tie", "NOUN", "NNS"),
             ("were", "be", "AUX", "VBD"), ("strong", "strong", "ADJ", "JJ"), (".", ".", "PUNCT", ".")]


def test_they_after_two_people_named_together_is_a_joint_speaker(lex):
    """'Putin met Xi. They said ties were strong.': a joint speaker whose members are both."""
    text = "Putin met Xi. They said ties were strong."
    quote = _resolve_one(text, _met(text, [("Xi", "Xi", "PROPN", "NNP")], THEY_SAID), "They", "said", "ties were strong", lex)
    assert quote.speaker.kind == "joint" and set(quote.speaker.candidates) == {"Vladimir Putin", "Xi Jinping"}
    assert quote.speaker.name in ("Vladimir Putin and Xi Jinping", "Xi Jinping and Vladimir Putin")


def test_they_after_one_person_is_no_joint_speaker(lex):
    """'Putin met officials. They said ...': one person named, so 'they' is not a pair of people."""
    text = "Putin met officials. They said ties were strong."
    quote = _resolve_one(text, _met(text, [("officials", "official", "NOUN", "NNS")], THEY_SAID), "They", "said",
                         "ties were strong", lex)
    assert quote.speaker.kind != "joint"


@pytest.mark.parametrize("description, name", [("the US news agency", "Bloomberg"), ("the Russian news agency", None)])
def test_a_definite_description_is_the_organisation_of_its_country_quoted_before(lex, description, name):
    """'According to Bloomberg, ... . The move was temporary, the US news agency said': the description names a
    country and a kind of organisation, so it is Bloomberg (a US organisation quoted just before); 'the
    Russian news agency' is not Bloomberg."""
    first = "Banks cut loans, according to Bloomberg."
    text = f"{first} The move was temporary, {description} said."
    s1 = _words(text, [("Banks", "bank", "NOUN", "NNS"), ("cut", "cut", "VERB", "VBD"), ("loans", "loan", "NOUN", "NNS"),
                       (",", ",", "PUNCT", ","), ("according", "accord", "VERB", "VBG"), ("to", "to", "ADP", "IN"),
                       ("Bloomberg", "Bloomberg", "PROPN", "NNP"), (".", ".", "PUNCT", ".")])
    rows = [("The", "the", "DET", "DT"), ("move", "move", "NOUN", "NN"), ("was", "be", "AUX", "VBD"),
            ("temporary", "temporary", "ADJ", "JJ"), (",", ",", "PUNCT", ",")]
    rows += [(w, w.lower(), "NOUN", "NN") for w in description.split()] + [("said", "say", "VERB", "VBD"), (".", ".", "PUNCT", ".")]
    s2 = _words(text, rows, start=len(first))
    from quotes.parse import Document
    doc = Document(text, (s1, s2))

    def span(s):
        i = text.index(s)
        return Span.of(text, i, i + len(s))

    atts = [Attribution(content=(span("Banks cut loans"),), kind="indirect", cue=span("according to"),
                        cue_lemma="according to", cue_class="according-to", source=span("Bloomberg"), via="according-to"),
            Attribution(content=(span("The move was temporary"),), kind="indirect", cue=span("said"), cue_lemma="say",
                        cue_class="speech", source=span(description), via="cue-subject")]
    _, second = resolve_speakers(doc, atts, find_mentions(doc, lexicon=lex, date=DAY), lexicon=lex, date=DAY)
    assert (second.speaker.name == "Bloomberg") == (name == "Bloomberg")


def test_a_name_runs_over_lower_case_particles(lex):
    """'Ursula von der Leyen' tagged PROPN ADP DET PROPN: one mention, of the lexicon's person."""
    text = "Ursula von der Leyen said that peace is possible."
    doc = multi_doc(text, [_say([
        ("Ursula", "Ursula", "PROPN", 4, "compound"), ("von", "von", "ADP", 4, "case"),
        ("der", "der", "DET", 4, "det"), ("Leyen", "Leyen", "PROPN", 5, "nsubj"),
    ])])
    (m,) = find_mentions(doc, lexicon=lex, date=DAY)
    assert m.name.text == "Ursula von der Leyen" and m.speaker.name == "Ursula von der Leyen"


def test_people_seen_files_each_person_under_their_names_once():
    """Look-ups by name give what a scan of everyone seen so far gives, in text order."""
    from quotes.records import Speaker
    from quotes.speakers.seen import PeopleSeen

    lex = load_lexicon()
    items = [(40, Speaker("person", "Rafael Cruz")), (5, Speaker("person", "Ted Cruz")),
             (70, Speaker("person", "Tyresha McClenney")), (90, Speaker("person", "Heidi Cruz"))]
    seen = PeopleSeen(items, lex)
    assert [p for p, _ in seen] == [5, 40, 70, 90]
    assert [sp.name for _, sp in seen.named("cruz", before=80)] == ["Ted Cruz", "Rafael Cruz"]
    assert [sp.name for _, sp in seen.written("ted cruz")] == ["Ted Cruz"]
    assert [sp.name for _, sp in seen.with_family("mcclenney", before=100)] == ["Tyresha McClenney"]
    seen.add((60, Speaker("person", "Ted Cruz")))
    assert [p for p, _ in seen.named("cruz", before=80)] == [5, 40, 60]


def test_a_family_name_in_narration_brings_its_person_back_for_a_pronoun():
    """'It was under Lindqvist's watch ... He said': the family name written alone is the Lindqvist named
    before, so 'he' is him, not the man named between."""
    text = ("Peter Lindqvist became mayor of the town in 2019.\n\n"
            "Tom Berg, a council member, chaired Tuesday's meeting.\n\n"
            "It was under Lindqvist's watch that the council approved the budget. He said the new plan would "
            "take years.\n")
    (q,) = [q for q in extract(text, date="2024-03-01").quotes if "take years" in q.text]
    assert q.speaker.name == "Peter Lindqvist" and q.resolution == "pronoun"


def test_a_lede_description_is_the_person_the_story_names_next():
    """'A former city council chairman says ...' then '... said Tom Alder, who chaired the city council from
    1995': the description's statement is Tom Alder's, and the description his title. A plural description,
    or one that shares no word with the person named next, stays as it is."""
    text = ("A former city council chairman says the budget should be rewritten before the vote.\n\n"
            "“Now is the time to act,” said Tom Alder, who chaired the city council from 1995 to 1999.\n")
    quotes = extract(text, date="2024-03-01").quotes
    lede = next(q for q in quotes if "budget" in q.text)
    assert (lede.speaker.name, lede.resolution) == ("Tom Alder", "named-later")
    headed = "Former council chairman warns of budget gap.\n\n" + text  # a headline and a lede: both are his
    assert {q.speaker.name for q in extract(headed, date="2024-03-01").quotes} == {"Tom Alder"}
    assert all(q.speaker.title is not None and q.speaker.title.text == "former city council chairman" for q in quotes)
    other = ("Several council members say the budget should be rewritten before the vote.\n\n"
             "“Now is the time to act,” said Tom Alder, who chaired the city council from 1995 to 1999.\n")
    lede = next(q for q in extract(other, date="2024-03-01").quotes if "budget" in q.text)
    assert lede.speaker.name != "Tom Alder"
    unrelated = ("A former school principal says the budget should be rewritten before the vote.\n\n"
                 "“Now is the time to act,” said Tom Alder, who chaired the city council from 1995 to 1999.\n")
    lede = next(q for q in extract(unrelated, date="2024-03-01").quotes if "budget" in q.text)
    assert lede.speaker.name != "Tom Alder"


@pytest.mark.parametrize(("text", "name"), [
    # one word for one role (justice, judge), even when someone else spoke in between
    ("Manhattan Supreme Court Justice Frank Nervo rejected the request on Thursday.\n\n"
     "\"The records stay sealed,\" said Mary Lane, a lawyer for the newspaper.\n\n"
     "\"The court will not take that action,\" the judge wrote.", "Frank Nervo"),
    # the possessor and the role (attorney, lawyer) both in that person's title
    ("An attorney for Pagliano, Mark MacDougall, said his client would not testify.\n\n"
     "The panel met on Thursday.\n\n"
     "Pagliano's lawyer has said he will refuse to answer any questions.", "Mark MacDougall"),
])
def test_a_description_is_the_person_named_before_with_that_role(text, name):
    """'the judge' after 'Manhattan Supreme Court Justice Frank Nervo', 'Pagliano's lawyer' after 'An attorney
    for Pagliano, Mark MacDougall': the person named before whose title holds that role."""
    last = extract(text, date="2016-09-22").quotes[-1]
    assert last.speaker.name == name and last.resolution == "title"


def test_a_description_with_a_party_is_never_another_partys_candidate():
    """'The GOP nominee' is not the Libertarian candidate named just before: the description's proper words
    ('GOP': Republican) must be in the person's titles too."""
    text = ("Libertarian presidential candidate Gary Johnson spoke in Ohio.\n\n"
            "\"I am in this race,\" Johnson said.\n\n"
            "The GOP nominee said the debate was rigged.")
    last = extract(text, date="2016-09-30").quotes[-1]
    assert last.speaker.name != "Gary Johnson"


def test_initials_open_a_name_and_a_party_tag_does_not_hide_the_apposition():
    """'Rep. G.K. Butterfield (D-N.C.), head of the Congressional Black Caucus': a person named with initials
    (capitals, yet no acronym), titled by the apposition after the party-state tag."""
    text = "\"We will not stand for this,\" said Rep. G.K. Butterfield (D-N.C.), head of the Congressional Black Caucus."
    (q,) = extract(text, date="2016-09-16").quotes
    assert (q.speaker.kind, q.speaker.name) == ("person", "G.K. Butterfield")
    assert q.speaker.title is not None and q.speaker.title.text == "head of the Congressional Black Caucus"


def test_a_proper_name_after_the_is_no_person():
    """'The Charlotte Observer reported ...': capitalised words after 'the' name something, not someone
    (Charlotte is a given name, Observer a newspaper's word)."""
    text = "The Charlotte Observer reported that the protests went on for a third night."
    (q,) = extract(text, date="2016-09-26").quotes
    assert q.speaker.kind != "person"


@pytest.mark.parametrize(("text", "kind", "name"), [
    ("A spokeswoman for Hillary Clinton says neither she nor her campaign helped.", "anonymous",
     "A spokeswoman for Hillary Clinton"),
    ("Lawyers for both Donald and Ivana Trump filed papers, saying the file was private.", "anonymous", None),
    ("A spokesman for Clinton, Brian Fallon, said the plan was fair.", "person", "Brian Fallon"),
    ("The wife of Donald Trump, Melania, said the plan was fair.", "person", "Melania"),
    ("Donald Trump campaign aides said the plan was fair.", "anonymous", "Donald Trump campaign aides"),
    ("A memorable Hillary Clinton ad in 2008 warned that the phone rings at 3 a.m.", "document", None),
    ("A 2014 study by Loyola Law School professor Justin Levitt found 31 cases of fraud.", "document", None),
    ("\"This sums it up,\" wrote one Twitter user @nycsouthpaw.", "person", "@nycsouthpaw"),
])
def test_a_name_inside_a_source_is_not_always_the_speaker(text, kind, name):
    """Someone speaking for a person, people of a person's, a text by a person or a handle: the source's
    kind follows its head, not the name it holds (a spokeswoman's words are not Hillary Clinton's)."""
    found = extract(text, date="2016-09-16").quotes
    assert found
    for q in found:
        assert q.speaker.kind == kind, q.speaker
        if name is not None:
            assert q.speaker.name == name


def test_a_headlines_lone_role_is_the_person_the_story_then_names():
    """A headline's 'Judge rejects ...' is the judge the story names next ('Manhattan Supreme Court Justice
    Frank Nervo')."""
    text = ("Judge rejects request to unseal divorce file.\n\n"
            "Manhattan Supreme Court Justice Frank Nervo rejected that argument, saying the court would not "
            "intrude.")
    first = extract(text, date="2016-09-22").quotes[0]
    assert first.speaker.name == "Frank Nervo", first


def test_a_section_heading_is_no_person_a_pronoun_can_stand_for():
    """'An Ambitious, Divisive Legacy.' between a person's narration and 'he said' is a heading: its
    capitalised words are no one's name, and the pronoun is still the person named before."""
    text = ("President Barack Obama spoke to Pacific leaders in Honolulu on Friday about rising seas.\n\n"
            "An Ambitious, Divisive Legacy.\n\n"
            "\"All of this could be undone at the ballot box,\" he said.")
    last = extract(text, date="2016-09-08").quotes[-1]
    assert last.speaker.name == "Barack Obama", last.speaker


def test_a_title_and_a_garbled_name_are_the_office_holder_of_that_family_name():
    """'French President FranÃ§ois Hollande' (the name garbled by a wrong encoding): the one President of
    France at the date, whose family name ends the source."""
    text = "\"We must act together,\" said French President Fran\u00c3\u0083\u00c2\u00a7ois Hollande."
    (q,) = extract(text, date="2016-09-18").quotes
    assert (q.speaker.kind, q.speaker.name) == ("person", "François Hollande")


def test_a_short_family_name_the_article_writes_alone_makes_a_name():
    """'Mehmet Oz' (a given name the name list lacks, a two-letter family name) is a person the story names
    when it writes 'Oz' alone elsewhere; a pronoun after him is him, not a lexicon namesake of 'his MBA'."""
    text = ("Mehmet Oz, a surgeon and daytime TV star, has been called a charlatan by fellow physicians.\n\n"
            "His Harvard degree, his MBA and his affiliation with Columbia University gave him credibility.\n\n"
            "Oz has a huge bully pulpit. \"I am a doctor,\" he said.")
    last = extract(text, date="2016-09-15").quotes[-1]
    assert last.speaker.name == "Mehmet Oz", last.speaker


def test_a_description_of_one_role_is_not_the_last_speaker_of_another():
    """'The GOP presidential nominee argued ...' right after a judge spoke is not the judge (his title gives
    him another role); nor is it the nominee's daughter, whose title only mentions a nominee."""
    text = ("Manhattan Supreme Court Justice Frank Nervo rejected the request.\n\n"
            "\"The court will not intrude,\" Nervo wrote.\n\n"
            "The GOP presidential nominee argued that divorce files were off-limits.")
    last = extract(text, date="2016-09-22").quotes[-1]
    assert last.speaker.name != "Frank Nervo", last.speaker
    text = ("Ivanka Trump, the Republican nominee's daughter, spoke about the plan on Monday.\n\n"
            "The GOP candidate proposes allowing parents to deduct the cost of care.")
    last = extract(text, date="2016-09-21").quotes[-1]
    assert last.speaker.name != "Ivanka Trump", last.speaker


def test_rarer_given_names_make_a_name_and_a_gender():
    """'Kamala Lopez' (a given name of some 1,200 US births since 1920): a person, and the 'she' after her
    in the same sentence is her."""
    text = ("His guest, the actress and activist Kamala Lopez, was powerfully emotional as she called for the "
            "ratification of the Equal Rights Amendment.")
    (q,) = extract(text, date="2016-09-19").quotes
    assert q.speaker.name == "Kamala Lopez", q.speaker


@pytest.mark.parametrize(("text", "date", "name"), [
    ("Retired General Reveals 'Demoralizing' Experience.\n\nRetired U.S. Air Force Gen. Norman Ham said serving "
     "was demoralizing.", "2016-09-15", "Norman Ham"),
    ("2:45 p.m.\n\nConnecticut's tax commissioner says a review shows no one disclosed the returns.\n\n"
     "Kevin Sullivan says he instructed staff Monday to check whether anyone illegally disclosed them.",
     "2016-10-03", "Kevin Sullivan"),
    ("Ah, friends once more: Ted Cruz endorses Trump.\n\nSenator from Texas says he cannot allow Clinton to win.",
     "2016-09-26", "Ted Cruz"),
])
def test_a_headline_description_is_the_person_the_story_names(text, date, name):
    """A description in a headline or a lede ('Retired General', 'Connecticut's tax commissioner', 'Senator
    from Texas') is the person the story names with that role, or names next with no title at all, or (a
    senator from Texas) the one the lexicon and the article make a senator from Texas."""
    first = extract(text, date=date).quotes[0]
    assert first.speaker.name == name, first.speaker


def test_a_news_organisations_possessive_is_a_title():
    """'NBC’s Dante Chinni': the news organisation the person is of is their title as written (a place's
    possessive, 'Chicago's Rahm Emanuel', still is none)."""
    text = "\"Debates are not likely to alter the campaign,\" noted NBC’s Dante Chinni."
    (q,) = extract(text, date="2016-09-30").quotes
    assert q.speaker.name == "Dante Chinni" and q.speaker.title is not None and q.speaker.title.text == "NBC’s"
    text = "\"The city will recover,\" said Chicago's Rahm Emanuel."
    (q,) = extract(text, date="2016-09-30").quotes
    assert q.speaker.title is None or "Chicago" not in q.speaker.title.text


# -- a former office: the lexicon's past tenure that a "former" title names (quotes/speakers/former.py)

def test_a_former_title_gets_the_office_the_lexicon_knows_was_held():
    ex = extract("“It is a mess,” said Former Pennsylvania Gov. Ed Rendell.", date="2016-09-12")
    (q,) = ex.quotes
    assert q.speaker.name == "Ed Rendell" and q.speaker.title.text == "Former Pennsylvania Gov."
    assert q.speaker.office is None and q.speaker.former_office == "Governor of Pennsylvania"
    assert q.speaker.to_dict()["former_office"] == "Governor of Pennsylvania"


@pytest.mark.parametrize("text", [
    "“It is a mess,” said Pennsylvania Gov. Ed Rendell.",  # not a former one: the wrong-title check's business
    "“It is a mess,” said former Ohio Gov. Ed Rendell.",  # a state whose governor he never was
    "“It is a mess,” said Ed Rendell, Obama's former campaign strategist.",  # no office the lexicon reads
])
def test_no_former_office_unless_the_title_is_former_and_names_a_past_tenure(text):
    (q,) = extract(text, date="2016-09-12").quotes
    assert q.speaker.name == "Ed Rendell" and q.speaker.title is not None
    assert q.speaker.former_office is None


def test_a_former_title_given_in_an_earlier_sentence_gets_its_office_too():
    quotes = extract("A former Pennsylvania governor says the plan is a mess.\n\n“It is a mess,” said Ed Rendell on "
                     "Monday.", date="2016-09-12").quotes
    assert [q.speaker.name for q in quotes] == ["Ed Rendell", "Ed Rendell"]
    assert {q.speaker.title.text for q in quotes} == {"former Pennsylvania governor"}
    assert {q.speaker.former_office for q in quotes} == {"Governor of Pennsylvania"}


@pytest.mark.parametrize("title, name, day", [
    ("former Governor of Ohio", "Ed Rendell", dt.date(2016, 9, 12)),  # another state's office of the role
    ("former U.S. ambassador to Japan", "Jon Huntsman", dt.date(2016, 9, 12)),  # he was ambassador to China
    ("former state Sen.", "John Kerry", dt.date(2016, 9, 12)),  # a state senator is no US senator
    ("a former deputy secretary of state", "Condoleezza Rice", dt.date(2016, 9, 12)),  # another rank
    ("former acting Gov.", "Ed Rendell", dt.date(2016, 9, 12)),
    ("former Va. Gov.", "Ed Rendell", dt.date(2016, 9, 12)),  # "Va" is in "Pennsylvania", not a word of it
    ("former prosecutor Sen.", "John Kerry", dt.date(2005, 6, 1)),  # "former" is the prosecutor's; he sat then
    ("former Sen.", "John Kerry", dt.date(2005, 6, 1)),  # an office held on the day is no former one
])
def test_a_former_title_of_another_office_rank_or_place_gets_none(lex, title, name, day):
    from quotes.speakers.former import former_office

    pid = lex.candidates(name)[0].person.id
    assert former_office(title, pid, lex, day) is None
    assert former_office("former U.S. Sen.", lex.candidates("John Kerry")[0].person.id, lex, dt.date(2016, 9, 12)) \
        == "United States Senator from Massachusetts"


def test_a_former_office_survives_the_archive_codec():
    from quotes.store.codec import extraction_from_json, extraction_to_json

    ex = extract("“It is a mess,” said Former Pennsylvania Gov. Ed Rendell.", date="2016-09-12")
    back = extraction_from_json(extraction_to_json(ex), ex.text)
    assert back.quotes[0].speaker == ex.quotes[0].speaker


def test_a_family_name_before_the_full_name_is_that_person():
    text = ("De Blasio says the explosion was an intentional act.\n\n"
            "Twenty-nine people were injured by an explosion that Mayor Bill de Blasio described as “an intentional "
            "act.”\n\nDe Blasio said that there did not appear to be any connection to other explosions.")
    names = {q.speaker.name for q in extract(text, date="2016-09-17").quotes}
    assert names == {"Bill de Blasio"}


def test_a_family_name_two_people_of_the_article_share_stays_as_it_is():
    text = ("Clinton says the plan will work.\n\nBill Clinton and Hillary Clinton spoke in Ohio.\n\n"
            "“It will work,” Clinton said.")
    assert "Bill Clinton" not in {q.speaker.name for q in extract(text, date="2016-09-17").quotes}
