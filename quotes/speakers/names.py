"""Bare surnames and cut names: the person an article named in full before, and a name the source mention cut short."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from itertools import pairwise

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from ..lexicon import Lexicon
from ..lexicon.names import NAME_PARTICLES, fold
from ..parse import Document
from ..records import Resolution, Span, Speaker
from .confidence import CONFIDENCE
from .mentions import NOT_NAMES, _speaker_of, given_name_gender
from .pronouns import _paragraphs_between
from .seen import PeopleSeen

MIN_SPELLING_RATIO = 85
"""How alike (rapidfuzz ratio, 0..100) a bare surname and the family name of a person the article named in
full must be to be one name spelt two ways (``McLenney`` for ``McClenney``), when no name matches exactly; a
name of :data:`MIN_SPELT_LETTERS` or more one letter off with the same first letter is too (``Wines`` for
``Wimes``: ratio 80)."""
MIN_SPELT_LETTERS = 5


def another_word(word: str, lexicon: Lexicon) -> bool:
    """Whether a capitalised word the article writes alone is something other than a family name spelt otherwise:
    a given name (``Osama``), a country or its capital (``Brazil`` is no ``Brazile``), an organisation the lexicon
    knows."""
    from .mentions import given_names

    return fold(word) in given_names(lexicon) or lexicon.country_of_adjective(word) is not None or \
        lexicon.organisation(word) is not None


def spelt_alike(a: str, b: str) -> bool:
    """Whether two folded family names are one name spelt two ways, neither under :data:`MIN_SPELT_LETTERS` letters
    (``kerr``, ``kerry`` are two names): alike by :data:`MIN_SPELLING_RATIO`, or one letter apart (an edit or two
    letters swapped) with the same first letter.

    >>> spelt_alike("mcclenney", "mclenney"), spelt_alike("wimes", "wines"), spelt_alike("kerr", "kerry")
    (True, True, False)
    """
    if min(len(a), len(b)) < MIN_SPELT_LETTERS:
        return False
    return fuzz.ratio(a, b) >= MIN_SPELLING_RATIO or (a[:1] == b[:1] and DamerauLevenshtein.distance(a, b) == 1)


@functools.lru_cache(maxsize=50_000)
def _names_of(lexicon: Lexicon, person_id: str | None, name: str | None) -> frozenset[str]:
    """The folded names a bare surname may match for one speaker: a lexicon person's family name, name and
    aliases; else the first, last and whole of the name as written, and the family name with its particles
    (``de Blasio``) (remembered: asked once per earlier person for every bare surname of an article)."""
    if person_id is None:
        parts = (name or "").split()
        if not parts:
            return frozenset()
        # a family name with its particles ("de Blasio" of "Bill de Blasio", written "De Blasio" to open a sentence)
        particle = next((k for k in range(1, len(parts) - 1) if parts[k] in NAME_PARTICLES), None)
        family = {fold(" ".join(parts[particle:]))} if particle is not None else set()
        return frozenset({fold(parts[0]), fold(parts[-1]), fold(name or ""), *family})
    p = lexicon.person(person_id)
    return frozenset({fold(p.family), fold(p.name)} | {fold(a) for a in p.aliases})


def _gender_of(sp: Speaker, lexicon: Lexicon) -> str:
    """A person's gender as the lexicon records it, else as their given name suggests (``""``: unknown)."""
    known = lexicon.person(sp.person_id).gender if sp.person_id else ""
    return known or given_name_gender(sp.name or "", lexicon)


def _surname(text: str, name: str, at: int, people_seen: Sequence[tuple[int, Speaker]], lexicon: Lexicon,
             date: dt.date, gender: str = "", quoted: frozenset[str | None] = frozenset()
             ) -> tuple[Speaker, Resolution, float] | None:
    """A bare surname: the one person of that name named earlier in the article; with several, the one
    named or quoted within the last two paragraphs; else ambiguous, naming them all. No one of that name before
    it: the one named after it; else the lexicon's (one namesake, or the one the article marks out; several: a
    person of that name, linked to none)."""
    key = fold(name)
    in_article: dict[str, Speaker] = {}
    latest: dict[str, int] = {}
    # each one named so before it, seen first and last (filed so: the times a person is named do not count)
    earlier = people_seen.named_people(key, before=at) if isinstance(people_seen, PeopleSeen) else [
        (item, item) for item in people_seen if item[0] < at and key in _names_of(lexicon, item[1].person_id, item[1].name)]
    for (_, sp), (pos, _) in earlier:
        if not (gender and _gender_of(sp, lexicon) not in ("", gender, "x")):
            pid = sp.person_id or f"name:{sp.name}"
            in_article.setdefault(pid, sp)
            latest[pid] = max(latest.get(pid, -1), pos)
    misspelt = False
    if not in_article and len(key) >= 5 and not another_word(name, lexicon):
        # a name the article spells two ways ("Tyresha McClenney" ... "McLenney said")
        if isinstance(people_seen, PeopleSeen):  # only the people of a family name spelt almost so
            near = [f for f in people_seen.families() if spelt_alike(key, f)]
            spelt: Sequence[tuple[int, Speaker]] = sorted(
                (x for f in near for x in people_seen.with_family(f, before=at)), key=lambda x: x[0])
        else:
            spelt = people_seen
        for pos, sp in spelt:
            parts = (sp.name or "").split()
            if pos < at and sp.kind == "person" and sp.person_id is None and len(parts) >= 2 \
                    and spelt_alike(key, fold(parts[-1])):
                in_article.setdefault(f"name:{sp.name}", sp)
                latest[f"name:{sp.name}"] = max(latest.get(f"name:{sp.name}", -1), pos)
                misspelt = True
    if not in_article:
        later = _named_after(text, key, at, people_seen, lexicon, gender)
        if later is not None:
            return later
    if len(in_article) == 1:  # spelt otherwise: the one person, less sure (a copy desk sees a name-spelling finding)
        return next(iter(in_article.values())), "surname", CONFIDENCE["surname-misspelt" if misspelt else
                                                                          "surname-one-in-article"]
    if len(in_article) > 1:
        last_id = max(latest, key=lambda pid: latest[pid])
        spoke = [sp for sp in in_article.values() if sp.key in quoted]
        if len(spoke) == 1:
            # "Cruz said" after "his father, Rafael Cruz": the one of them the story has quoted (news style
            # gives a relative of the same name in full or by given name)
            return spoke[0], "surname", CONFIDENCE["surname-quoted-before"]
        if _paragraphs_between(text, latest[last_id], at) <= 2:
            return in_article[last_id], "surname", CONFIDENCE["surname-latest-nearby"]
        cands = tuple(dict.fromkeys(sp.name or "" for sp in in_article.values()))
        if len(cands) == 1:  # namesakes the article cannot tell apart by name either: the latest
            return in_article[last_id], "surname", CONFIDENCE["surname-namesakes"]
        officials = [sp for sp in in_article.values() if sp.person_id and lexicon.prominent(sp.person_id, as_of=date)]
        others = [sp for sp in in_article.values() if sp not in officials]
        if len(officials) == 1 and not any(sp.key in quoted for sp in others):
            # "Cruz" in a story naming Ted, Heidi and Rafael Cruz: the one of them in public office, when the
            # others were only named (Wang Yi and Wang Wenbin, both quoted, stay ambiguous)
            return officials[0], "surname", CONFIDENCE["surname-prominent-in-article"]
        most = _most_named(text, at, list(in_article.values()), lexicon)
        if most is not None:
            return most, "surname", CONFIDENCE["surname-most-named"]
        return Speaker("ambiguous", name=name, candidates=cands), "surname", CONFIDENCE["surname-ambiguous"]
    if name.isupper() and len(name.replace(".", "")) <= 4:
        return None  # "his MBA", "the FBI": an acronym, not a namesake's family name ("Anatolio Ndong Mba")
    matches = [c for c in lexicon.candidates(name, as_of=date) if c.score >= 0.5
               and (not gender or c.person.gender in ("", gender, "x"))]
    if not matches:
        return None
    in_office = [c for c in matches if lexicon.offices_of(c.person.id, as_of=date)]
    pool = in_office or matches
    folded = fold(text)
    if len(pool) == 1:
        # a name the article never gives in full is the lexicon's one namesake when that person is prominent
        # (a minister, a senator) or the article speaks of their office; never a mayor of the same name
        lone = pool[0].person.id
        if not (lexicon.prominent(lone, as_of=date) or _office_in_text(folded, lone, lexicon, date)):
            return None
        return _speaker_of(pool[0].person, lexicon, date), "surname", CONFIDENCE["surname-lexicon-one"]
    # the article speaks of one candidate's office ("the foreign ministers also talked"): that one
    salient = [c for c in in_office if _office_in_text(folded, c.person.id, lexicon, date)]
    if len(salient) == 1:
        return _speaker_of(salient[0].person, lexicon, date), "surname", CONFIDENCE["surname-lexicon-salient"]
    # "President Obama" in 2016: the one of them in high office (not the first lady, not a namesake mayor)
    prominent = [c for c in pool if lexicon.prominent(c.person.id, as_of=date)]
    if len(prominent) == 1 and len({c.person.id for c in prominent}) == 1:
        return _speaker_of(prominent[0].person, lexicon, date), "surname", CONFIDENCE["surname-lexicon-prominent"]
    # several namesakes in the lexicon, none of them named in the article or marked out by it ("WALLACE:" in a
    # debate transcript; the lexicon's Wallaces are a British minister and two legislators): a person of that
    # name, linked to none of them; the report's ambiguous-speaker note names them
    written = name.title() if name.isupper() else name  # a transcript's "WALLACE:"
    return Speaker("person", name=written), "surname", CONFIDENCE["surname-lexicon-several"]


def _named_after(text: str, key: str, at: int, people_seen: Sequence[tuple[int, Speaker]], lexicon: Lexicon,
                 gender: str) -> tuple[Speaker, Resolution, float] | None:
    """A bare surname the article writes before it names anyone of that name in full (a headline's "Trump
    urges supporters", a lede's "Clinton plan"): the one person of that name it names later; of several, the
    one far the most often named (:func:`_most_named` over the whole article: "Mrs. Clinton" twenty times,
    "Bill Clinton" once). None when the article names no one of that name."""
    if isinstance(people_seen, PeopleSeen):
        everyone = people_seen.named(key, before=len(text) + 1)
    else:
        everyone = [(pos, sp) for pos, sp in people_seen if key in _names_of(lexicon, sp.person_id, sp.name)]
    later: dict[str, Speaker] = {}
    for pos, sp in everyone:
        if pos > at and not (gender and _gender_of(sp, lexicon) not in ("", gender, "x")):
            later.setdefault(sp.person_id or f"name:{sp.name}", sp)
    if len(later) == 1:
        return next(iter(later.values())), "surname", CONFIDENCE["surname-named-later"]
    if len(later) > 1:
        most = _most_named(text, min(len(text), at + SALIENCE_WINDOW), list(later.values()), lexicon)
        if most is not None:
            return most, "surname", CONFIDENCE["surname-most-named"]
    return None


SALIENCE_WINDOW = 20_000
"""Characters before a bare surname read to count how often each namesake's given name was written."""


_HONORIFICS = {"m": r"Mr\.?", "f": r"(?:Mrs|Ms|Miss)\.?"}


def _most_named(text: str, at: int, people: Sequence[Speaker], lexicon: Lexicon | None = None) -> Speaker | None:
    """The one of several namesakes whose given name the article has written at least twice and twice as often
    as any other's (in the :data:`SALIENCE_WINDOW` before ``at``): "Hillary" again and again, "Bill" once.
    With a lexicon, an honorific of the person's gender before the family name counts too ("Mrs. Clinton")."""
    before = text[max(0, at - SALIENCE_WINDOW):at]
    counts = []
    for sp in people:
        parts = (sp.name or "").split()
        if len(parts) < 2:
            return None
        n = len(re.findall(r"\b" + re.escape(parts[0]) + r"\b", before))
        honorific = _HONORIFICS.get(_gender_of(sp, lexicon)) if lexicon is not None else None
        if honorific:
            n += len(re.findall(r"\b" + honorific + r" " + re.escape(parts[-1]) + r"\b", before))
        counts.append((n, sp))
    counts.sort(key=lambda c: -c[0])
    if counts[0][0] >= 2 and counts[0][0] >= 2 * counts[1][0]:
        return counts[0][1]
    return None


def _office_in_text(low: str, person_id: str, lexicon: Lexicon, date: dt.date) -> bool:
    """Whether the article (folded: lower case, no accents) names the kind of office the person held at
    the date (``foreign minister``)."""
    for tenure in lexicon.offices_of(person_id, as_of=date):
        words = fold(tenure.office).split(" of ")[0].strip()
        if words == "minister":  # "Minister of Health of Taiwan": the portfolio too, not any minister
            words = fold(tenure.office).rsplit(" of ", 1)[0].strip()
        if words and (words in low or words.rstrip("s") + "s" in low):
            return True
    return False


def _complete_name(doc: Document, src: Span, people_seen: Sequence[tuple[int, Speaker]], *, lexicon: Lexicon,
                   date: dt.date) -> Span:
    """A one-word source cut inside a name (``Wang [Yi] also offered``): widened over the one or two
    capitalised words right before it when together they are a full name the lexicon knows (one person) or
    a person already named in the article; else the source as it was."""
    text = doc.text
    if " " in src.text.strip() or not src.text[:1].isupper():
        return src
    # the words right before it, in its sentence or at the end of the one before (a splitter may cut a name)
    before = list(doc.words_before(src.start, 2))
    for k in (1, 2):
        if len(before) < k:
            break
        run = before[-k:]
        if not all(w.text[:1].isupper() and w.text.replace("-", "").isalpha() and w.text.lower() not in NOT_NAMES
                   for w in run) or text[run[-1].end:src.start] != " ":
            break
        if any(text[a.end:b.start] != " " for a, b in pairwise(run)):
            break
        name = text[run[0].start:src.end]
        known = {c.person.id for c in lexicon.candidates(name, as_of=date) if c.score >= 0.95}
        if len(known) == 1 or (people_seen.written(name) if isinstance(people_seen, PeopleSeen)
                               else fold(name) in {fold(sp.name) for _, sp in people_seen if sp.name}):
            return Span.of(text, run[0].start, src.end)
    return src
