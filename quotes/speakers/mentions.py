"""Mentions of people in a parsed document: runs of proper nouns, with the titles before them, looked up in the lexicon."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from ..lexicon import NAME_PARTICLES, Lexicon, Office, Person
from ..lexicon.names import fold
from ..lexicon.records import FACTOR_NOT_IN_OFFICE, SCORE_NAME
from ..parse import Document, Sentence, Word
from ..records import Mention, Span, Speaker


@attrs.frozen
class _Person:
    id: str
    name: str
    family: str
    gender: str


NOT_NAMES = {"neither", "either", "both", "nor", "and", "but", "or", "only", "even", "all", "not", "no", "yet",
             "also", "then", "so", "if", "when", "while", "as", "after", "before", "since", "though", "although",
             # sentence adverbs ("Meanwhile Trump continues his adulation of Putin")
             "meanwhile", "however", "instead", "indeed", "moreover", "furthermore", "nonetheless", "nevertheless",
             "besides", "otherwise", "finally", "thus", "hence", "now", "later", "earlier", "today", "yesterday",
             "tonight", "separately", "similarly", "likewise", "ultimately", "initially", "previously", "recently",
             "currently", "afterward", "afterwards", "again", "perhaps", "maybe", "clearly", "notably", "overall"}
"""Function words and sentence adverbs that open a sentence capitalised and that a tagger may read as the first
word of a name."""


def find_mentions(doc: Document, *, lexicon: Lexicon, date: dt.date) -> tuple[Mention, ...]:
    """Every mention of a lexicon person in the article, with the title written in front of it."""
    text = doc.text
    out: list[Mention] = []
    for sent in doc.sentences:
        words = sent.words
        i = 0
        while i < len(words):
            if words[i].upos != "PROPN" or words[i].text.lower() in NOT_NAMES:
                i += 1  # "Neither Clinton nor ...": a capitalised function word the tagger took for a name
                continue
            j = i
            while j + 1 < len(words):
                # the next proper noun, over lower-case name particles ("Ursula von der Leyen")
                k = j + 1
                while k < len(words) and words[k].text.lower() in NAME_PARTICLES:
                    k += 1
                if k >= len(words) or words[k].upos != "PROPN" or k - j > 3:
                    break
                j = k
            # strip possessive markers and honorifics from the run
            run = [w for w in words[i:j + 1] if w.text not in ("'s", "’s")]
            while run and lexicon.is_honorific(run[0].text.rstrip(".")):
                run = run[1:]
            if len(run) == 1 and run[0].text.lower() in MONTHS and _dated(words, run[0].index):
                run = []  # "In May, the unemployment rate": a month, not Theresa May
            mention = _mention_from_run(text, sent, run, lexicon=lexicon, date=date) if run else None
            if mention is not None:
                out.append(mention)
            i = j + 1
    return tuple(out)


MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"})
_BEFORE_DATES = frozenset({"in", "since", "until", "till", "through", "during", "last", "next", "early", "late", "mid",
                           "this"})


def _dated(words: Sequence[Word], i: int) -> bool:
    """Whether the capitalised word ``words[i]`` is used as a month: after ``in``, ``since``, ``last`` and the
    like, or before a day or a year (``May 5``, ``May 2016``)."""
    return (i > 0 and words[i - 1].text.lower() in _BEFORE_DATES) or (
        i + 1 < len(words) and words[i + 1].text[:1].isdigit())


FULL_NAME_SCORE = SCORE_NAME * FACTOR_NOT_IN_OFFICE
"""The least score of a lexicon candidate read as the person a full name names: the name as the lexicon
writes it, whether or not the person holds an office at the article's date (``Condoleezza Rice`` in 2016)."""


def _mention_from_run(text: str, sent: Sentence, run: list[Word], *, lexicon: Lexicon, date: dt.date) -> Mention | None:
    # the person's name may be preceded by title words tagged PROPN ("President Xi Jinping"):
    # try the longest name suffix the lexicon knows, the rest is title
    for k in range(len(run)):
        name_words = run[k:]
        name = text[name_words[0].start:name_words[-1].end]
        if len(name_words) == 1 and k == 0 and not _single_is_name(name, lexicon):
            continue
        if len(name_words) > 1 and (lexicon.is_title_word(name_words[0].text) or (
                lexicon.country_of_adjective(name_words[0].text) and lexicon.is_title_word(name_words[1].text))):
            continue  # "State Condoleezza Rice", "Korean President Yoon ...": a title's words, not the name's
        cands = lexicon.candidates(name, as_of=date)
        if not cands:
            continue
        top = cands[0]
        exact = top.score >= FULL_NAME_SCORE and len(name_words) >= 2
        if not exact and len(name_words) >= 2:
            continue
        title_span, office = _title_before(text, sent, name_words[0], lexicon)
        if not exact and title_span is not None and top.score >= FULL_NAME_SCORE and top.matched != top.person.family:
            exact = True  # a title and a one-word name the lexicon has in full: "Pope Francis"
        name_span = Span.of(text, name_words[0].start, name_words[-1].end)
        if exact:
            speaker = _speaker_of(top.person, lexicon, date)
        else:
            speaker = Speaker("unresolved", name=name)
        start = title_span.start if title_span else name_span.start
        return Mention(Span.of(text, start, name_span.end), name_span, title_span,
                       office.name if office else None, speaker)
    return None


def _single_is_name(name: str, lexicon: Lexicon) -> bool:
    return bool(lexicon.candidates(name)) and not lexicon.is_title_word(name)


def _title_before(text: str, sent: Sentence, first: Word, lexicon: Lexicon) -> tuple[Span | None, Office | None]:
    """The longest phrase right before a name that the lexicon reads as a title."""
    best: tuple[Span | None, Office | None] = (None, None)
    idx = first.index
    for k in range(1, 7):
        if idx - k < 0:
            break
        start = sent.words[idx - k].start
        phrase = text[start:first.start].strip()
        if not phrase or phrase.endswith((",", ".", ";", ":")):
            break
        office = lexicon.title_office(phrase)
        if office is not None:
            best = (Span.of(text, start, start + len(phrase)), office)
    return best


def _speaker_of(person: Person, lexicon: Lexicon, date: dt.date) -> Speaker:
    tenures = lexicon.offices_of(person.id, as_of=date)
    office = tenures[0].office if tenures else None
    return Speaker("person", name=person.name, person_id=person.id, office=office)


def _sentence_at(doc: Document, offset: int) -> Sentence | None:
    k = doc.sentence_index(offset)
    return None if k is None else doc.sentences[k]


GIVEN_NAME_LISTS = ("given-name-female", "given-name-male", "given-name-unisex")
"""The lexicon's word lists of given names."""


def given_names(lexicon: Lexicon) -> frozenset[str]:
    """Every given name of the lexicon's lists (folded), whatever its gender."""
    return frozenset().union(*(lexicon.words(k) for k in GIVEN_NAME_LISTS))


def given_name_gender(name: str, lexicon: Lexicon) -> str:
    """``f`` or ``m`` when a name opens with a given name mostly borne by women or by men (the SSA lists of
    the lexicon), else empty.

    >>> from quotes.lexicon import load_lexicon
    >>> lx = load_lexicon()
    >>> given_name_gender("Erica Smegielski", lx), given_name_gender("Bryan Anderson", lx), given_name_gender("Kim Lee", lx)
    ('f', 'm', '')
    """
    words = name.split()
    if len(words) < 2:
        return ""
    first = fold(words[0]).strip(".")
    if first in lexicon.words("given-name-female"):
        return "f"
    if first in lexicon.words("given-name-male"):
        return "m"
    return ""
