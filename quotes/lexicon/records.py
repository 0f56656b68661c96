"""The lexicon's records: people, tenures, offices, candidates, cue words, source organisations, and the scores a name match carries."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any, Protocol

import attrs

from ..dates import PartialDate

ORDERS = ("western", "eastern")


GENDERS = ("m", "f", "x")


CUE_CLASSES = ("speech", "writing", "thought", "according-to")


CUE_POS = ("verb", "noun", "phrase")


TITLE_KINDS = ("title", "honorific")
WORD_LISTS = ("name-abbreviation", "object-is-content", "anonymous-head", "given-name-female", "given-name-male",
              "given-name-unisex", "local-role", "organisation-head", "document-head", "person-head", "story-head",
              "female-head", "male-head", "group-head", "group-quantifier", "action-cue", "role-verb", "private-role",
              "relation-head")
"""The word lists of ``word_lists.tsv`` (see lexicons/README.md); the given-name lists are generated
(``word_lists.generated.tsv``, by ``python -m training.given_names``). The ``*-head`` lists and
``group-quantifier`` are the words :mod:`quotes.speakers.definite` reads a description's kind from (``the
campaign``, ``The ad``, ``the woman``, ``The group``, ``Others in ...``); ``action-cue``: cue lemmas of acts
rather than words (``abstain``, ``veto``), whose statements without quotation marks a digest sets aside;
``role-verb``: verb lemmas of a relative clause that says what a person is (``who heads ...``, ``who served
as ...``), read as the person's title (:mod:`quotes.speakers.titles`); ``private-role``: what a person is in
private life (``a plumber from Ohio``, ``a voter``): a title as written headed by one is someone other than the
office holder of that name."""


# Scores of candidates (see Lexicon.candidates).
SCORE_NAME = 1.0


SCORE_REVERSED = 0.9


SCORE_FAMILY = 0.6


FACTOR_NOT_IN_OFFICE = 0.9


FACTOR_TITLE_MISMATCH = 0.85


FACTOR_GENDER_MISMATCH = 0.5


FACTOR_FUZZY = 0.85


def _tuple(value: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(a.strip() for a in value.split("|") if a.strip())
    return tuple(value)


@attrs.frozen(slots=False)  # unpickled from the compiled cache by a dict update: much faster
class Person:
    """Someone who may be quoted: a name with its variants, and what pronoun resolution needs."""

    id: str
    """Wikidata QID where known (``Q701801``), else a stable slug (``wang-wenbin``)."""
    name: str
    """Canonical name as newsrooms write it (``Wang Yi``, ``Sergey Lavrov``)."""
    family: str = ""
    """Family name (``Wang``, ``Lavrov``); empty when there is none (``Pope Francis``)."""
    given: str = ""
    """Given name(s) (``Yi``, ``Sergey``)."""
    order: str = "western"
    """``western`` (given name first) or ``eastern`` (family name first: Chinese and Korean names)."""
    gender: str = ""
    """``m``, ``f``, ``x`` or empty when unknown (for pronoun resolution)."""
    country: str = ""
    """Country or organisation the person speaks for (``China``, ``European Union``)."""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    """Other full names, spellings and transliterations (``Sergei Lavrov``, ``Zelensky``, ``President Xi``)."""


@attrs.frozen(slots=False)  # unpickled from the compiled cache by a dict update: much faster
class Tenure:
    """One stretch of one person in one office. Both ends count as in office (on a handover day both do)."""

    person_id: str
    """Lexicon id of the holder."""
    office: str
    """Canonical office (``Foreign Minister of China``)."""
    role: str
    """The office's role (``Foreign Minister``)."""
    country: str
    """The office's country or organisation (``China``)."""
    start: PartialDate | None
    """First day in office, to day, month or year precision; None when unknown (held since ever)."""
    end: PartialDate | None
    """Last day in office at the same precisions; None when still in office."""
    source: str
    """Where the fact comes from (``Wikidata Q701801``, ``fmprc.gov.cn``, a generated row's ``file.csv:line``)."""
    as_of: _dt.date | None = None
    """The day the source was true as of (its snapshot), or None when unknown. An open end means "held at least
    until then", and an end after it is one the source expected (a scheduled end of term), not one it saw."""
    closed_by: str = ""
    """The source of the next holder's tenure when the end is not the source's own: an open tenure the next
    holder's start (from a later source) closed the day before."""

    @property
    def first_day(self) -> _dt.date:
        """The first day the tenure counts from (``2022-03`` counts from 2022-03-01)."""
        return self.start.first if self.start else _dt.date.min

    @property
    def last_day(self) -> _dt.date:
        """The last day the tenure counts to (``2022`` counts to 2022-12-31); ``date.max`` if open."""
        return self.end.last if self.end else _dt.date.max

    @property
    def known_until(self) -> _dt.date:
        """The last day the source confirms: the end, but never past the source's snapshot (``date.max`` for an
        open tenure of a source without a date).

        >>> t = Tenure("p", "Pope", "Pope", "Holy See", PartialDate(2013, 3), None, "x", _dt.date(2022, 7, 29))
        >>> t.known_until, t.held_on(_dt.date(2024, 1, 1)), t.confirmed_on(_dt.date(2024, 1, 1))
        (datetime.date(2022, 7, 29), True, False)
        """
        if self.as_of is None:
            return self.last_day
        return min(self.last_day, self.as_of)

    def confirmed_on(self, day: _dt.date) -> bool:
        """Whether the source says the office was held on ``day``: held then, and ``day`` not after the source's
        snapshot (an open tenure is presumed to go on past it: :meth:`held_on`, but not confirmed)."""
        return self.first_day <= day <= self.known_until

    @property
    def evidence(self) -> str:
        """The source with its date, as findings cite it: ``france-cabinet.csv:5, as of 2022-07-23``."""
        text = f"{self.source}, as of {self.as_of.isoformat()}" if self.as_of else self.source
        return f"{text}; ended by {self.closed_by}" if self.closed_by else text

    def held_on(self, day: _dt.date) -> bool:
        """Whether the office was held on ``day``, both ends included.

        >>> t = Tenure("p", "Pope", "Pope", "Holy See", PartialDate(2013, 3), PartialDate(2025), "x")
        >>> t.held_on(_dt.date(2013, 3, 1)), t.held_on(_dt.date(2025, 12, 31)), t.held_on(_dt.date(2026, 1, 1))
        (True, True, False)
        """
        return self.first_day <= day <= self.last_day


@attrs.frozen(slots=False)  # unpickled from the compiled cache by a dict update: much faster
class Office:
    """An office as a title denotes it: canonical name, role and country (None when the title names none)."""

    name: str
    """Canonical office (``President of Ukraine``), or the role itself when no country is known."""
    role: str
    """The role (``President``, ``Foreign Minister``, ``Spokesperson``)."""
    country: str | None = None
    """Country or organisation, or None when the title names none."""


@attrs.frozen
class Candidate:
    """A person a mention may refer to, with how well it matches."""

    person: Person
    """The person."""
    score: float
    """0..1: 1.0 for an exact full name or alias, lower for a family name alone, a misspelling, or someone
    not in office at the date asked about."""
    matched: str
    """The lexicon form that matched (the name, an alias or the family name, as the lexicon writes it)."""


@attrs.frozen
class CueWord:
    """A reporting word: a verb (``say``, ``call on``), a noun (``statement``) or a phrase (``according to``)."""

    lemma: str
    """Lemma without its particle (``call``, ``say``, ``statement``, ``according``)."""
    cls: str
    """``speech``, ``writing``, ``thought`` or ``according-to``."""
    pos: str
    """``verb``, ``noun`` or ``phrase``."""
    particle: str = ""
    """Particle that belongs to the cue (``on`` in *call on*), or empty."""

    @property
    def key(self) -> str:
        """Lemma with particle, as quotes report it (``call on``, ``according to``)."""
        return f"{self.lemma} {self.particle}" if self.particle else self.lemma


class TaggedWord(Protocol):
    """A word of the tagging pass as the lexicon reads it (``quotes.parse.Word`` is one)."""

    @property
    def text(self) -> str: ...

    @property
    def lemma(self) -> str: ...

    @property
    def upos(self) -> str: ...


class CueLookup(Protocol):
    """Anything with the lexicon's cue look-up (:meth:`quotes.lexicon.Lexicon.cue`)."""

    def cue(self, lemma: str) -> Any: ...


def verb_cue(lexicon: CueLookup, word: TaggedWord, *, thought: bool = True) -> Any:
    """The one cue predicate: the :class:`CueWord` a tagged word is as a reporting verb (its lemma a verb or
    phrase cue of the lexicon, the word tagged VERB or AUX), else None; with ``thought=False`` the cues of
    speech and writing only. :meth:`quotes.lexicon.Lexicon.is_cue` is this for the lexicon itself.

    >>> from types import SimpleNamespace as W
    >>> from quotes.lexicon import load_lexicon
    >>> verb_cue(load_lexicon(), W(text="said", lemma="say", upos="VERB")).cls
    'speech'
    >>> verb_cue(load_lexicon(), W(text="believes", lemma="believe", upos="VERB"), thought=False) is None
    True
    >>> verb_cue(load_lexicon(), W(text="statement", lemma="statement", upos="NOUN")) is None
    True
    """
    if word.upos not in ("VERB", "AUX"):
        return None
    cue = lexicon.cue((word.lemma or word.text).lower())
    if cue is None or getattr(cue, "pos", "verb") not in ("verb", "phrase"):
        return None
    if not thought and getattr(cue, "cls", "speech") == "thought":
        return None
    return cue


@attrs.frozen
class SourceOrg:
    """An organisation that speaks as a source (``Xinhua``, ``the Kremlin``, ``state media``)."""

    name: str
    """Canonical name."""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    """Other ways articles name it."""
    country: str = ""
    """Country or organisation it speaks for."""


@attrs.frozen
class _Title:
    surface: str
    role: str
    kind: str
    country: str
    office: str


@attrs.frozen
class _Country:
    name: str
    article: str
    adjectives: tuple[str, ...]
    names: tuple[str, ...]
    capitals: tuple[str, ...]

    @property
    def display(self) -> str:
        return f"{self.article} {self.name}" if self.article else self.name


@attrs.frozen
class _Source:
    """A source file of the lexicon's tenures with the day it was true as of (``sources.*.tsv``)."""

    name: str
    as_of: _dt.date
    licence: str = ""
    attribution: str = ""
    origin: str = ""
