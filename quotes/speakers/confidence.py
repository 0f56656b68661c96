"""How sure each way of resolving a speaker is: one table, the only place these numbers are written.

A quote's ``confidence`` is the value of the evidence that resolved its speaker. The values order the
evidence (a name in the source beats a title, a title beats a pronoun); they are hand-set, not yet
calibrated against hand-annotated speakers (PolNeAR dev's speakers-dev is the data for that).

>>> CONFIDENCE["named"] > CONFIDENCE["title-holder"] > CONFIDENCE["pronoun-earlier-person"]
True
"""

from __future__ import annotations

from ..records import LEXICON_ONLY_CONFIDENCE

CONFIDENCE: dict[str, float] = {
    # the source names the speaker
    "named": 0.95,                      # "Foreign Minister Wang Yi said": a person mention in the source
    "named-apposition": 0.9,            # "..., Dmitry Medvedev, deputy head of ..., said"
    "handle": 0.6,                      # "one Twitter user @nycsouthpaw": the person of that handle
    "unknown-person": 0.7,              # a name the lexicon does not know, read from the source's proper nouns
    "signed-organisation": 0.85,        # an organisation of the lexicon ("Xinhua", "the Kremlin")
    "described-organisation": 0.7,      # "the ministry" after the ministry was quoted
    "document": 0.8,                    # "a UN Security Council resolution demanding ..."
    "country": 0.7,                     # "Chinese" read as the country
    # a title or a surname
    "title-holder": 0.8,                # "the Ukrainian president": the one holder at the date
    "title-earlier-holder": 0.7,        # "the foreign minister": the latest person in the article holding such an office
    "surname-one-in-article": 0.85,     # "Wang", one Wang named in full before
    "surname-latest-nearby": 0.6,       # two Wangs: the one named in the last two paragraphs
    "surname-namesakes": 0.5,           # two people of one name the article cannot tell apart: the latest
    "surname-prominent-in-article": 0.55,  # several named, one of them in public office at the date
    "surname-ambiguous": 0.3,           # two Wangs, neither nearby: ambiguous
    "surname-lexicon-one": 0.6,         # not in the article: the one lexicon person (in office first)
    "surname-lexicon-salient": 0.5,     # several lexicon people: the one whose office the article speaks of
    "surname-lexicon-prominent": 0.5,   # several lexicon people: the one in high office at the date
    "surname-quoted-before": 0.7,       # several named, one of them quoted before: that one
    "surname-named-later": 0.6,         # no one of that name before it: the one person of that name named later
    "surname-most-named": 0.5,          # several named, one given name written far more often: that one
    "surname-misspelt": 0.55,           # "Wines" after "Leslie Wimes", "McLenney" after "Tyresha McClenney": spelt otherwise
    "surname-lexicon-several": LEXICON_ONLY_CONFIDENCE,  # several lexicon people, none salient: linked to none
    # pronouns and carried speakers
    "pronoun-previous-speaker": 0.8,    # "he said" after a person spoke
    "pronoun-introduced-subject": 0.75,  # "X was blunter. '...,' he said": the person the story turned to
    "pronoun-previous-ambiguous": 0.3,  # "he said" after an ambiguous speaker
    "pronoun-earlier-person": 0.7,      # the latest person of that gender named before
    "pronoun-previous-group": 0.6,      # "it"/"they" after an organisation, document or joint speaker
    "pronoun-unresolved": 0.2,
    "joint-they": 0.6,                  # "they" after two people named together
    "continuation": 0.75,               # a quotation continuing the previous one's speaker
    "named-later": 0.6,                 # "a senior official" the next paragraph names while restating the claim
    # descriptions and nothing
    "anonymous": 0.6,                   # "a senior official", "officials"
    "definite-titled": 0.65,            # "the judge": the person named before whose title has that role
    "definite-description": 0.55,       # "the GOP nominee": the person the story is about
    "honorific-surname": 0.5,           # "Mr. Holtz-Eakin", never named in full: a person of that name
    "unknown-organisation": 0.6,        # "Clinton Foundation": capitalised words headed by an organisation word
    "agentless": 0.6,                   # "It was reported that ...": unnamed reports
    "described-organisation-head": 0.55,  # "the campaign", "A federal appeals court": an organisation by its head noun
    "described-document": 0.6,          # "The ad", "the article": a document by its head noun
    "described-person": 0.45,           # "his attorney", "Former DNC chairman": a person not named
    "described-person-earlier": 0.5,    # "The woman": the latest person of that gender named before
    "given-name": 0.45,                 # "Melanie": a given name alone
    "surname-written-in-full": 0.6,     # "Stumpf" after "John Stumpf" the article wrote
    "joint-named": 0.7,                 # "Obama and Clinton": named speakers joined by "and"
    "pronoun-earlier-group": 0.45,      # "it" after an organisation quoted in the last paragraphs
    "pronoun-unnamed-group": 0.3,       # "they" for no one named: an unnamed group
    "first-person-author": 0.5,         # "I" in an opinion piece: the author its last paragraph introduces
    "description": 0.5,                 # a lower-case phrase that is none of the above
    "unresolved-name": 0.3,             # a capitalised phrase that is no known name, organisation or country
    "no-source": 0.1,                   # no source at all
}
