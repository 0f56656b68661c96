"""Whether two speakers, each as resolved in its own article, are the same person: by lexicon id, full name or surname.

Most people quoted in news are in no lexicon, so a draft and its sources are compared by the names the
articles give: the same lexicon id, else the same full name, else one name's family name is the other's
(``Fallon`` and ``Brian Fallon``). Titles and party tags that slipped into a name (``Senator Dianne
Feinstein``, ``Harry M. Reid (D-Nev``) do not count. A joint speaker is each of its members.
"""

from __future__ import annotations

import re
from typing import Literal

from ..lexicon.names import NAME_PARTICLES, _norm
from ..records import Speaker

Sameness = Literal["same", "different", "unknown"]

_TITLE_WORDS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sen", "senator", "rep", "representative", "gov",
    "governor", "president", "secretary", "minister", "gen", "general", "col", "lt", "sgt", "judge", "justice",
    "mayor", "del", "delegate", "chairman", "chairwoman", "chair", "speaker", "leader", "rev", "reverend", "sir",
    "lord", "lady", "dame", "state", "former", "vice", "deputy", "prime", "foreign", "press", "spokesman",
    "spokeswoman", "spokesperson", "congressman", "congresswoman", "commissioner", "ambassador", "the",
})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def name_words(name: str) -> tuple[str, ...]:
    """The words of a person's name, folded, without titles, party tags, initials or suffixes.

    >>> name_words("Senate Minority Leader Harry M. Reid (D-Nev")
    ('senate', 'minority', 'harry', 'reid')
    >>> name_words("Sen. Dianne Feinstein")
    ('dianne', 'feinstein')
    """
    name = re.sub(r"\([^)]*\)?", " ", name)  # party tags: (D-Nev.), (R-La.)
    name = name.split(",")[0]
    words = [w for w in _norm(name).split() if w not in _TITLE_WORDS and w not in _SUFFIXES and len(w) > 1]
    return tuple(words)


def family_name(name: str, eastern: bool = False) -> str:
    """The family name of a name as written (its last word, with particles: ``von der leyen``).

    >>> family_name("Ursula von der Leyen"), family_name("Brian Fallon"), family_name("Wang Wenbin", eastern=True)
    ('von der leyen', 'fallon', 'wang')
    """
    words = name_words(name)
    if not words:
        return ""
    if eastern:
        return words[0]
    i = len(words) - 1
    while i > 0 and words[i - 1] in NAME_PARTICLES:
        i -= 1
    return " ".join(words[i:])


def _people(sp: Speaker) -> list[tuple[str | None, str]]:
    """(lexicon id, name) of each person a speaker stands for: one, the members of a joint speaker, none else."""
    if sp.kind == "person" and sp.name:
        return [(sp.person_id, sp.name)]
    if sp.kind == "joint":
        return [(None, c) for c in sp.candidates]
    if sp.kind == "unresolved" and sp.name and len(name_words(sp.name)) == 1 and sp.name[:1].isupper():
        return [(None, sp.name)]  # a bare surname the article never introduced ("Brazile said")
    return []


def _one(a: tuple[str | None, str], b: tuple[str | None, str]) -> Sameness:
    (ida, na), (idb, nb) = a, b
    if ida and idb:
        return "same" if ida == idb else "different"
    wa, wb = name_words(na), name_words(nb)
    if not wa or not wb:
        return "unknown"
    if wa == wb:
        return "same"
    fa, fb = family_name(na), family_name(nb)
    if fa and fa == fb:
        return "same"  # "Fallon" and "Brian Fallon"; two Fallons in one story are the articles' problem
    if (len(wa) == 1 or len(wb) == 1) and set(wa) & set(wb):
        # one name alone against a whole one: a family name written first (Wang for Wang Wenbin)
        return "same"
    return "different"


def same_person(a: Speaker, b: Speaker) -> Sameness:
    """Whether ``a`` and ``b`` are one person: ``same``, ``different`` (two people, told apart by id or
    name), or ``unknown`` (an organisation, a document, an anonymous or unresolved source: a spokesperson may
    speak for a body, so nothing is concluded).

    >>> same_person(Speaker("person", "Brian Fallon"), Speaker("person", "Joel Benenson"))
    'different'
    >>> same_person(Speaker("person", "Fallon"), Speaker("person", "Brian Fallon"))
    'same'
    >>> same_person(Speaker("person", "Wang Yi", "Q1"), Speaker("person", "Wang Wenbin", "Q2"))
    'different'
    >>> same_person(Speaker("person", "Patrick Leahy"), Speaker("joint", "Grassley and Leahy",
    ...             candidates=("Charles Grassley", "Patrick Leahy")))
    'same'
    >>> same_person(Speaker("person", "Josh Earnest"), Speaker("organisation", "the White House"))
    'unknown'
    """
    pa, pb = _people(a), _people(b)
    if not pa or not pb:
        return "unknown"
    verdicts = {_one(x, y) for x in pa for y in pb}
    if "same" in verdicts:
        return "same"
    return "different" if verdicts == {"different"} else "unknown"
