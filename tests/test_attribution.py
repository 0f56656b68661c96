"""Attribution rules on hand-built parses: one test per construction."""

from __future__ import annotations

from typing import ClassVar

from hypothesis import given
from hypothesis import strategies as st

from quotes.attribution import find_attributions
from quotes.lexicon import load_lexicon
from quotes.marks import find_quotations
from tests.builders import FakeCues, sentence_doc

NAME_ABBREVIATIONS = load_lexicon().words("name-abbreviation")


def _run(doc):
    quotations, _ = find_quotations(doc.text)
    return find_attributions(doc, quotations, lexicon=FakeCues())


def _inverted_cue():
    """'“The friendship is rock-solid,” said Wang at a briefing.' parsed with said as parataxis of the quote."""
    text = "“The friendship is rock-solid,” said Wang at a briefing."
    doc = sentence_doc(text, [
        ("“", "“", "PUNCT", 5, "punct"), ("The", "the", "DET", 3, "det"), ("friendship", "friendship", "NOUN", 5, "nsubj"),
        ("is", "be", "AUX", 5, "cop"), ("rock-solid", "rock-solid", "ADJ", 0, "root"), (",", ",", "PUNCT", 5, "punct"),
        ("”", "”", "PUNCT", 5, "punct"), ("said", "say", "VERB", 5, "parataxis"), ("Wang", "Wang", "PROPN", 8, "nsubj"),
        ("at", "at", "ADP", 12, "case"), ("a", "a", "DET", 12, "det"), ("briefing", "briefing", "NOUN", 8, "obl"),
        (".", ".", "PUNCT", 5, "punct"),
    ])
    return text, doc


def test_direct_quote_with_inverted_cue():
    """'"...," said Wang at a briefing': the quotation is the content, Wang the source, said the cue."""
    _, doc = _inverted_cue()
    (a,) = _run(doc)
    assert a.kind == "direct"
    assert a.content[0].text == "“The friendship is rock-solid,”"
    assert (a.cue.text, a.cue_lemma, a.source.text) == ("said", "say", "Wang")


def test_indirect_quote_with_that_clause():
    """'He added that China would send aid': indirect, content includes the complementizer."""
    text = "He added that China would send aid."
    doc = sentence_doc(text, [
        ("He", "he", "PRON", 2, "nsubj"), ("added", "add", "VERB", 0, "root"), ("that", "that", "SCONJ", 6, "mark"),
        ("China", "China", "PROPN", 6, "nsubj"), ("would", "would", "AUX", 6, "aux"), ("send", "send", "VERB", 2, "ccomp"),
        ("aid", "aid", "NOUN", 6, "obj"), (".", ".", "PUNCT", 2, "punct"),
    ])
    (a,) = _run(doc)
    assert (a.kind, a.content[0].text, a.source.text, a.cue.text) == ("indirect", "that China would send aid", "He", "added")


def test_partial_quote_after_call_on():
    """'Wang called on both sides to 'find a way'': partial, the cue is 'called on'."""
    text = "Wang called on both sides to ‘find a way to resolve the issue.’"
    doc = sentence_doc(text, [
        ("Wang", "Wang", "PROPN", 2, "nsubj"), ("called", "call", "VERB", 0, "root"), ("on", "on", "ADP", 5, "case"),
        ("both", "both", "DET", 5, "det"), ("sides", "side", "NOUN", 2, "obl"), ("to", "to", "PART", 8, "mark"),
        ("‘", "‘", "PUNCT", 8, "punct"), ("find", "find", "VERB", 2, "xcomp"), ("a", "a", "DET", 10, "det"),
        ("way", "way", "NOUN", 8, "obj"), ("to", "to", "PART", 12, "mark"), ("resolve", "resolve", "VERB", 10, "acl"),
        ("the", "the", "DET", 14, "det"), ("issue", "issue", "NOUN", 12, "obj"), (".", ".", "PUNCT", 2, "punct"),
        ("’", "’", "PUNCT", 8, "punct"),
    ])
    (a,) = _run(doc)
    assert a.kind == "partial"
    assert a.cue_lemma == "call on" and a.cue.text == "called on"
    assert a.content[0].text.startswith("both sides to ‘find a way")
    assert [q.text for q in a.quoted] == ["find a way to resolve the issue."]


def test_according_to():
    """'According to state media, the minister appealed for talks': state media is the source."""
    text = "According to state media, the minister appealed for talks."
    doc = sentence_doc(text, [
        ("According", "accord", "VERB", 4, "case"), ("to", "to", "ADP", 1, "fixed"), ("state", "state", "NOUN", 4, "compound"),
        ("media", "media", "NOUN", 8, "obl"), (",", ",", "PUNCT", 8, "punct"), ("the", "the", "DET", 7, "det"),
        ("minister", "minister", "NOUN", 8, "nsubj"), ("appealed", "appeal", "VERB", 0, "root"), ("for", "for", "ADP", 10, "case"),
        ("talks", "talk", "NOUN", 8, "obl"), (".", ".", "PUNCT", 8, "punct"),
    ])
    (a,) = _run(doc)
    assert (a.cue.text, a.source.text, a.via) == ("According to", "state media", "according-to")
    assert a.content[0].text == "the minister appealed for talks"


def test_split_quote_around_cue_is_one_statement():
    """'"We regret it," he said, "and call for talks."': one quote in two pieces."""
    text = "“We regret it,” he said, “and call for talks.”"
    doc = sentence_doc(text, [
        ("“", "“", "PUNCT", 3, "punct"), ("We", "we", "PRON", 3, "nsubj"), ("regret", "regret", "VERB", 0, "root"),
        ("it", "it", "PRON", 3, "obj"), (",", ",", "PUNCT", 3, "punct"), ("”", "”", "PUNCT", 3, "punct"),
        ("he", "he", "PRON", 8, "nsubj"), ("said", "say", "VERB", 3, "parataxis"), (",", ",", "PUNCT", 8, "punct"),
        ("“", "“", "PUNCT", 12, "punct"), ("and", "and", "CCONJ", 12, "cc"), ("call", "call", "VERB", 3, "conj"),
        ("for", "for", "ADP", 14, "case"), ("talks", "talk", "NOUN", 12, "obl"), (".", ".", "PUNCT", 3, "punct"),
        ("”", "”", "PUNCT", 12, "punct"),
    ])
    atts = [a for a in _run(doc) if a.cue is not None and a.cue.text == "said"]
    assert len(atts) == 1
    a = atts[0]
    assert [c.text for c in a.content] == ["“We regret it,”", "“and call for talks.”"]
    assert a.kind == "direct" and a.source.text == "he"


def test_subject_inherited_through_participle():
    """'Wang called them complex, saying they had not happened overnight': saying inherits Wang."""
    text = "Wang called them complex, saying they had not happened overnight."
    doc = sentence_doc(text, [
        ("Wang", "Wang", "PROPN", 2, "nsubj"), ("called", "call", "VERB", 0, "root"), ("them", "they", "PRON", 2, "obj"),
        ("complex", "complex", "ADJ", 2, "xcomp"), (",", ",", "PUNCT", 6, "punct"), ("saying", "say", "VERB", 2, "advcl"),
        ("they", "they", "PRON", 10, "nsubj"), ("had", "have", "AUX", 10, "aux"), ("not", "not", "PART", 10, "advmod"),
        ("happened", "happen", "VERB", 6, "ccomp"), ("overnight", "overnight", "ADV", 10, "advmod"), (".", ".", "PUNCT", 2, "punct"),
    ])
    atts = _run(doc)
    saying = next(a for a in atts if a.cue.text == "saying")
    assert saying.source.text == "Wang"
    assert saying.content[0].text == "they had not happened overnight"


def test_cueless_quote_continues_previous_source():
    """A long quotation with no cue right after an attributed one continues that source."""
    text = "“We regret it,” he said.\n“Both sides must now find a way to talk and stop the fighting.”"
    first = sentence_doc(text[:24], [
        ("“", "“", "PUNCT", 3, "punct"), ("We", "we", "PRON", 3, "nsubj"), ("regret", "regret", "VERB", 0, "root"),
        ("it", "it", "PRON", 3, "obj"), (",", ",", "PUNCT", 3, "punct"), ("”", "”", "PUNCT", 3, "punct"),
        ("he", "he", "PRON", 8, "nsubj"), ("said", "say", "VERB", 3, "parataxis"), (".", ".", "PUNCT", 3, "punct"),
    ])
    from quotes.parse import Document

    doc = Document(text, first.sentences)
    quotations, _ = find_quotations(text)
    atts = find_attributions(doc, quotations, lexicon=FakeCues())
    assert len(atts) == 2
    assert atts[1].via == "continuation" and atts[1].source.text == "he"
    assert atts[1].content[0].text.startswith("“Both sides")


def test_ignored_regions_yield_nothing():
    """A quotation inside an ignored region (a photo caption) gives no attribution."""
    from quotes.records import Span

    text, doc = _inverted_cue()
    quotations, _ = find_quotations(text)
    assert find_attributions(doc, quotations, lexicon=FakeCues(), ignore=[Span.of(text, 0, len(text))]) == ()


def test_quotation_inside_nested_contents_belongs_to_each():
    """'According to state media, Wang praised the 'rock-solid friendship' ...': the quoted words make both
    the according-to statement and Wang's own partial quotes."""
    text = "According to state media, Wang praised the ‘rock-solid friendship’ with Kyiv."
    doc = sentence_doc(text, [
        ("According", "accord", "VERB", 4, "case"), ("to", "to", "ADP", 1, "fixed"), ("state", "state", "NOUN", 4, "compound"),
        ("media", "media", "NOUN", 7, "obl"), (",", ",", "PUNCT", 7, "punct"), ("Wang", "Wang", "PROPN", 7, "nsubj"),
        ("praised", "praise", "VERB", 0, "root"), ("the", "the", "DET", 11, "det"), ("‘", "‘", "PUNCT", 11, "punct"),
        ("rock-solid", "rock-solid", "ADJ", 11, "amod"), ("friendship", "friendship", "NOUN", 7, "obj"),
        ("’", "’", "PUNCT", 11, "punct"), ("with", "with", "ADP", 14, "case"), ("Kyiv", "Kyiv", "PROPN", 11, "nmod"),
        (".", ".", "PUNCT", 7, "punct"),
    ])
    found = _run(doc)
    assert sorted(a.source.text for a in found) == ["Wang", "state media"]
    for a in found:
        assert [q.text for q in a.quoted] == ["rock-solid friendship"] and a.kind == "partial"


class _DocumentCues(FakeCues):
    """FakeCues with 'demand' and 'denounce', and the two names the misread-name rule asks the lexicon about."""

    VERBS: ClassVar[dict[str, str]] = {**FakeCues.VERBS, "demand": "speech", "denounce": "speech"}

    def organisation(self, phrase):
        return object() if phrase == "Beijing" else None

    def country_of_adjective(self, word):
        return None


class _CuesOnly(FakeCues):
    VERBS = _DocumentCues.VERBS


def _with_xpos(doc, xpos):
    import attrs
    sent = doc.sentences[0]
    return attrs.evolve(doc, sentences=(attrs.evolve(sent, words=tuple(
        attrs.evolve(w, xpos=xpos.get(w.text, w.xpos)) for w in sent.words)),))


def test_a_participle_after_a_noun_has_the_noun_as_its_source():
    """'Moscow vetoed a resolution demanding that it stop the attack': 'demanding' modifies 'resolution'
    (acl, VBG), so the resolution is the source, not Moscow."""
    text = "Moscow vetoed a resolution demanding that it stop the attack."
    doc = _with_xpos(sentence_doc(text, [
        ("Moscow", "Moscow", "PROPN", 2, "nsubj"), ("vetoed", "veto", "VERB", 0, "root"), ("a", "a", "DET", 4, "det"),
        ("resolution", "resolution", "NOUN", 2, "obj"), ("demanding", "demand", "VERB", 4, "acl"),
        ("that", "that", "SCONJ", 8, "mark"), ("it", "it", "PRON", 8, "nsubj"), ("stop", "stop", "VERB", 5, "ccomp"),
        ("the", "the", "DET", 10, "det"), ("attack", "attack", "NOUN", 8, "obj"), (".", ".", "PUNCT", 2, "punct"),
    ]), {"demanding": "VBG"})
    (a,) = find_attributions(doc, [], lexicon=_DocumentCues())
    assert (a.cue.text, a.source.text, a.content[0].text) == ("demanding", "a resolution", "that it stop the attack")


def test_a_name_the_tagger_read_as_a_gerund_is_the_subject():
    """'Beijing on Thursday denounced the report': the tagger read 'Beijing' as VBG, the parser as a clausal subject
    (and 'Thursday' as the subject): a name the lexicon knows opening the sentence is the source."""
    text = "Beijing on Thursday denounced the plan that it stop."
    doc = _with_xpos(sentence_doc(text, [
        ("Beijing", "Beijing", "VERB", 4, "csubj"), ("on", "on", "ADP", 3, "case"), ("Thursday", "Thursday", "PROPN", 4, "nsubj"),
        ("denounced", "denounce", "VERB", 0, "root"), ("the", "the", "DET", 6, "det"), ("plan", "plan", "NOUN", 4, "obj"),
        ("that", "that", "SCONJ", 9, "mark"), ("it", "it", "PRON", 9, "nsubj"), ("stop", "stop", "VERB", 6, "acl"),
        (".", ".", "PUNCT", 4, "punct"),
    ]), {"Beijing": "VBG"})
    (a,) = find_attributions(doc, [], lexicon=_DocumentCues())
    assert (a.cue.text, a.source.text) == ("denounced", "Beijing")
    (b,) = find_attributions(doc, [], lexicon=_CuesOnly())  # a name nobody knows: no guess
    assert b.source is None


def test_spans_lose_list_bullets_and_blanks_at_their_edges():
    """A source at the head of a bulleted line ('  • Poland refusing to ...') is 'Poland', not '• Poland'."""
    from quotes.attribution import trimmed_span

    text = "  •\u00a0Poland refusing to play"
    span = trimmed_span(text, 0, text.index(" refusing"))
    assert span is not None and span.text == "Poland" and text[span.start:span.end] == "Poland"
    assert trimmed_span("• ", 0, 2) is None


def _signed(text: str):
    from quotes.attribution import find_signed

    quotations, _ = find_quotations(text)
    return [(a.content[0].text, a.cue.text, a.source.text) for a in find_signed(text, quotations, lexicon=FakeCues())]


def test_quotations_signed_with_a_dash_and_a_name():
    text = ("Readers wrote in.\n\n“The plan fails the poorest families.” ― Marta Quiroga “Nobody answered the question.” ― "
            "Tomas Ibarra\u00a0 “We expected more.”\u00a0― Lucia R. Ferrer Solis.  Photo: staff.\n"
            "“We will fight on.” — Sen. Elizabeth Warren, speaking in Boston\n“It is over.” -- Mr. Smith")
    assert _signed(text) == [
        ("“The plan fails the poorest families.”", "―", "Marta Quiroga"),
        ("“Nobody answered the question.”", "―", "Tomas Ibarra"),
        ("“We expected more.”", "―", "Lucia R. Ferrer Solis"),
        ("“We will fight on.”", "—", "Sen. Elizabeth Warren"),
        ("“It is over.”", "--", "Mr. Smith"),
    ]


def test_a_dash_going_on_with_the_sentence_signs_nothing():
    assert _signed("She called them “deplorables.” — Clinton later apologized for the remark.") == []
    assert _signed("“It was a disaster.” — Smith's own words, later.") == []
    # a quotation inside the article's own sentence, then the brief's byline
    assert _signed('The minister insisted that his party was "still the strongest in the country."--Ann Porter.') == []
    # the quotation must end its sentence (or open its paragraph)
    assert _signed("Then: “it was over, and” — Jane Doe, who saw it.") == []
    # a run of capitals longer than a name is a headline, not a signature
    assert _signed("“It is over.” — The Quick Brown Fox Jumps Over The Lazy Dog") == []


def test_an_embedded_tweet_is_signed_by_its_author():
    text = "“Nobody has ever been more disrespectful.” — Donald J. Trump (@realDonaldTrump) September 27, 2016"
    assert _signed(text) == [("“Nobody has ever been more disrespectful.”", "—", "Donald J. Trump")]


def test_a_signature_takes_the_quotation_from_the_other_finders():
    import quotes

    text = "Many readers wrote to us after the hearing.\n\n“Nobody on that panel listened to the families.” ― Rosa Elena Vidal\n"
    for method in ("model", "both", "rules"):
        result = quotes.extract(text, date="2016-10-01", method=method)
        assert [(q.content[0].text, q.cue.text, q.source.text, q.speaker.name, q.resolution) for q in result.quotes] == [
            ("“Nobody on that panel listened to the families.”", "―", "Rosa Elena Vidal", "Rosa Elena Vidal", "signature")]


_WORD = st.text(alphabet=st.characters(categories=("Ll",)), min_size=2, max_size=8)
_NAME_PART = st.builds(lambda a, b: a.upper() + b, st.sampled_from("ABCDEFGHJKLMNPRSTVWZ"), _WORD)


@given(st.lists(_WORD, min_size=1, max_size=8),
       st.lists(_NAME_PART, min_size=1, max_size=4).filter(lambda n: len(n) > 1 or n[0].lower() not in NAME_ABBREVIATIONS),
       st.sampled_from(["―", "—", "–", "--"]), st.sampled_from(["", ".", ", a nurse", "\nNext paragraph."]))
def test_a_generated_signed_quotation_yields_its_words_and_name(words, name, dash, tail):
    """'"{statement}" ― {Name}' gives exactly the quotation, the dash and the name (a lone 'Sen' is no name)."""
    statement = " ".join(words).capitalize() + "."
    text = f"“{statement}” {dash} {' '.join(name)}{tail}"
    assert _signed(text) == [(f"“{statement}”", dash, " ".join(name))]


@given(st.text(alphabet=st.sampled_from(list("ab A.,\n\"“”—―-'")), max_size=80))
def test_signatures_never_raise_and_slice_back(text):
    from quotes.attribution import find_signed

    quotations, _ = find_quotations(text)
    for a in find_signed(text, quotations, lexicon=FakeCues()):
        for span in (*a.content, a.cue, a.source):
            assert text[span.start:span.end] == span.text


def test_transcript_turns_are_their_speakers_words():
    """An interview transcript: 'WALLACE: ...' and 'PENCE: ...' paragraphs are those speakers' words; a
    clarification or a one-off shout is no one's."""
    from quotes import extract

    text = ("Fox News host Chris Wallace interviewed Mike Pence on Sunday.\n\n"
            "WALLACE: Let's start with the debate tomorrow night.\n\n"
            "PENCE: Well, look, we are ready for it.\n\n"
            "BOOM: the ratings were huge.\n\n"
            "CLARIFICATION: An earlier version misstated the date.\n")
    got = [(q.speaker.name, q.text) for q in extract(text, date="2016-09-25").quotes if q.resolution != "none"]
    assert ("Chris Wallace", "Let's start with the debate tomorrow night.") in got
    assert ("Mike Pence", "Well, look, we are ready for it.") in got
    assert not any("ratings" in t or "misstated" in t for _, t in got)


def test_a_time_phrase_between_a_noun_and_its_that_clause_stays_in_the_content():
    from quotes.attribution.linking import _across_time_phrases
    from quotes.parse import Word

    text = "He dismissed a report last week that China asked Russia to wait"
    words, at = [], 0
    for i, token in enumerate(text.split()):
        start = text.index(token, at)
        words.append(Word(i, token, start, start + len(token), token.lower(), "X"))
        at = start + len(token)
    # "a report" (2-4) and "that China asked Russia to wait" (6-12) around "last week": one content
    assert _across_time_phrases(words, [(2, 4), (6, 12)]) == [(2, 12)]
    # a gap of other words, or a second piece that is no "that" clause, keeps the pieces apart
    assert _across_time_phrases(words, [(2, 3), (6, 12)]) == [(2, 3), (6, 12)]
    assert _across_time_phrases(words, [(2, 4), (7, 12)]) == [(2, 4), (7, 12)]


def test_the_report_dismissed_last_week_is_one_content():
    from quotes import extract

    text = ("Foreign Ministry spokesperson Wang Wenbin dismissed a report last week that China asked Russia to delay "
            "its invasion until after the Beijing Winter Olympics.")
    q = next(q for q in extract(text, date="2022-03-08").quotes if q.speaker.name == "Wang Wenbin")
    assert [c.text for c in q.content] == [text[text.index("a report"):-1]]


def test_a_content_goes_to_the_cue_of_its_own_sentence():
    """The role tagger's content ties to a cue of a sentence it begins or ends in before a nearer cue of the next
    sentence: in "Smith said during a rally ... that Jones once described ... . Jones now says ...", Smith said
    the first content (three words from "now says", eight from "said") and Jones the second."""
    from quotes import extract

    text = ("Smith said during a Tuesday evening rally in Ohio that Jones once described the tax plan as “the gold "
            "standard” of tax plans when she was governor. Jones now says she opposes the plan.\n")
    got = {(q.source.text if q.source else None, tuple(c.text for c in q.content)) for q in extract(text).quotes}
    first = text[text.index("that Jones"):text.index(". Jones")]
    assert ("Smith", (first,)) in got
    assert ("Jones", ("she opposes the plan",)) in got
