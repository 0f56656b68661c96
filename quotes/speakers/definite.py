"""Descriptions as speakers: ``the campaign``, ``The ad``, ``The FBI``, ``the woman``, ``Obama and Clinton``.

A source that is no name the lexicon knows is still of a kind the words tell: its head noun (``campaign``,
``ad``, ``woman``), its capitals (``FBI``, ``the Roper Center for Public Opinion Research``) or a given name
(``Melanie``). Each resolver here gives such a source its kind and, where the article named it before, the
entity it stands for (``the campaign`` after ``the Trump campaign`` is the Trump campaign).

The head nouns of each kind are word lists of the lexicon (``lexicons/word_lists.tsv``: ``organisation-head``,
``document-head``, ``person-head``, ``story-head``, ``female-head``, ``male-head``, ``group-head``,
``group-quantifier``); the closed grammatical sets (determiners, connectors, postmodifiers) stay here.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from ..lexicon import Lexicon
from ..lexicon.names import fold
from ..records import Resolution, Span, Speaker
from .confidence import CONFIDENCE
from .described import _NOT_ROLES
from .former import never_held
from .groups import ORGANISATION_WORDS
from .mentions import _sentence_at, given_names
from .named_later import _described as _described_name
from .named_later import _words as _role_words
from .names import _surname
from .pronouns import _pronoun
from .titles import title_as_written

if TYPE_CHECKING:
    from .resolve import _Source

Found = tuple[Speaker, Resolution, float]

DEFINITE = frozenset({"the", "this", "that", "its", "his", "her", "their", "my", "our", "your"})
"""Determiners of a description that stands for one thing the reader knows."""

INDEFINITE = frozenset({"a", "an", "one", "another"})

CONNECTORS = frozenset({"of", "for", "on", "and", "the", "a", "an", "&", "at", "to", "in", "de", "du"})
"""Lower-case words inside an organisation's name (``Commission on Presidential Debates``)."""

POSTMODIFIERS = frozenset({"of", "for", "in", "on", "at", "by", "from", "with", "who", "whose", "which", "that",
                           "to", "representing", "tracking", "released", "published", "conducted", "issued", "signed",
                           "being", "taken", "analyzing", "analysing", "including", "like", "such"})
"""Words after which a description's head noun has been written (``A union representing flight attendants``)."""

_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,}[A-Z]?$|^[A-Z][A-Z&.-]*[A-Z]\.?$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def is_acronym(word: str) -> bool:
    """Whether a word is written as an acronym (``FBI``, ``S.E.C``, ``NAACP``); one letter is none.

    >>> [is_acronym(w) for w in ("FBI", "S.E.C", "I.R.S.", "AT&T", "I", "Fbi", "U")]
    [True, True, True, True, False, False, False]
    """
    return len(word.replace(".", "")) >= 2 and bool(_ACRONYM.match(word))


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _without_postmodifiers(words: list[str]) -> list[str]:
    """A description's words up to its head: cut at a comma, a parenthesis or a postmodifier's first word."""
    out: list[str] = []
    for i, w in enumerate(words):
        if i and (w.lower() in POSTMODIFIERS or w.startswith("(")):
            break
        if w.endswith((",", ";")):
            out.append(w.rstrip(",;"))
            break
        out.append(w)
    return out


def _head(words: list[str], lexicon: Lexicon) -> str:
    """The lower-case head noun of a description's words (``the 30-second spot`` -> ``spot``), two words
    when they make one noun of the lexicon's ``person-head`` or ``organisation-head`` lists (``running mate``,
    ``first lady``, ``think tank``)."""
    if not words:
        return ""
    last = _POSSESSIVE.sub("", words[-1]).strip(".,;:\"“”'").lower()
    if len(words) >= 2:
        pair = f"{words[-2].lower()} {last}"
        if pair in lexicon.words("person-head") or pair in lexicon.words("organisation-head"):
            return pair
    return last


def _determiner(words: list[str]) -> tuple[str, list[str]]:
    """The description's determiner (``the``, ``a``, ``his``, ``'s`` for a possessive such as ``Pagliano's``)
    and its words after it."""
    if not words:
        return "", words
    low = words[0].lower()
    if low in DEFINITE or low in INDEFINITE:
        return low, words[1:]
    for i, w in enumerate(words[:-1]):
        if w.endswith(("’s", "'s", "s'", "s’")):  # "Pagliano's lawyer", "Connecticut’s tax commissioner"
            return "'s", words[i + 1:]
    return "", words


def _plural(s: _Source, *, words: int = 0) -> bool:
    """Whether the source's last noun is tagged plural (``Republicans``, ``the unions``); with ``words``, the
    last noun of its first ``words`` words (the head of ``A union representing flight attendants``)."""
    sent = _sentence_at(s.doc, s.src.start)
    if sent is None:
        return False
    end = s.src.end
    if words:
        spans = list(itertools.islice(re.finditer(r"\S+", s.src.text), words))
        if spans:
            end = s.src.start + spans[-1].end()
    nouns = [w for w in sent.words if s.src.start <= w.start and w.end <= end and w.upos in ("NOUN", "PROPN")]
    return bool(nouns) and nouns[-1].xpos in ("NNS", "NNPS")


def _paragraphs_back(s: _Source, limit: int) -> int:
    """The offset where the paragraph ``limit`` paragraphs before the source starts."""
    at = s.src.start
    for _ in range(limit + 1):
        at = s.text.rfind("\n", 0, max(0, at - 1))
        if at < 0:
            return 0
        while at > 0 and s.text[at - 1] == "\n":
            at -= 1
    return at


_OWNER = r"((?:[A-Z][\w.&’'-]*\s+)*?[A-Z][\w.&-]*)(?:’s|'s)?"


def _earlier_named(s: _Source, head: str, *, window: int = 40) -> str | None:
    """The latest name written with a capitalised owner before the head noun earlier in the article
    (``the Trump campaign``, ``Donald Trump's campaign`` -> ``Trump campaign``; ``a Clinton campaign ad`` ->
    ``Clinton campaign ad``), within ``window`` paragraphs; None when there is none."""
    lo = _paragraphs_back(s, window)
    pattern = re.compile(_OWNER + r"\s+((?:[a-z][\w-]*\s+){0,2})" + re.escape(head) + r"\b")
    found = None
    for m in pattern.finditer(s.text, lo, s.src.start):
        owner = m.group(1).split()
        while owner and (owner[0].lower() in DEFINITE or owner[0].lower() in INDEFINITE or owner[0] in ("The", "A")):
            owner = owner[1:]
        if not owner or owner[0][:1].isdigit():
            continue
        if len(owner) >= 2 and not any(w.lower() in ORGANISATION_WORDS for w in owner):
            owner = owner[-1:]  # "Donald Trump's campaign": the Trump campaign
        middle = m.group(2).split()
        found = " ".join([*owner, *middle, head]) if middle and middle[-1] in s.lexicon.words("organisation-head") else \
            " ".join([*owner, head])
    return found


def _earlier_organisation(s: _Source, head: str) -> str | None:
    """An organisation quoted within the last three paragraphs whose name ends with the head noun, else the
    latest one named with it (:func:`_earlier_named`)."""
    for pos, sp in reversed(s.quoted_orgs):
        if pos < _paragraphs_back(s, 3):
            break
        if sp.name and fold(sp.name).split()[-1:] == [head]:
            return sp.name
    return _earlier_named(s, head)


GOVERNMENT_HEADS = frozenset({"government", "regime"})
"""Heads of a description that stands for a country's government: ``the government`` is the country named
before it (:func:`_country_before`)."""

_QUOTED_RUN = re.compile(r"“[^”]*”|\"[^\"]*\"")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*)*")


def _country_before(s: _Source) -> str | None:
    """The country that acts in the source's sentence: the first it names before the source, outside quotation
    marks, by its name, adjective or capital (``Beijing`` -> China; ``Russia will expel diplomats from
    Washington, the government said``: Russia); else the last one the paragraph named before the sentence; else a
    country quoted as a speaker in the two paragraphs before (``China said ...``); None when there is none. A
    country's word must open a run of capitalised words (``U.S. President``), not end one (``Michael Jordan``)."""
    starts = s.doc.paragraph_starts
    lo = starts[max(0, bisect.bisect_right(starts, s.src.start) - 1)] if starts else 0
    sentence = max(lo, s.doc.sentence_start(s.src.start))
    own = _countries_in(s, sentence, s.src.start)
    if own:
        return own[0]
    before = _countries_in(s, lo, sentence)
    if before:
        return before[-1]
    for pos, sp in reversed(s.quoted_orgs):
        if pos < _paragraphs_back(s, 2):
            break
        if sp.name and s.lexicon.country_of_adjective(sp.name) == sp.name:
            return sp.name
    return None


def _countries_in(s: _Source, start: int, end: int) -> list[str]:
    """The countries ``s.text[start:end]`` names outside quotation marks, in order (see :func:`_country_before`)."""
    text = _QUOTED_RUN.sub(lambda m: " " * len(m.group()), s.text[start:end])  # reported words: not who speaks
    out = []
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group().split()
        for n in range(min(3, len(words)), 0, -1):  # "United States" before "United"
            country = s.lexicon.country_of_adjective(" ".join(words[:n]).removesuffix("’s").removesuffix("'s"))
            if country is not None:
                out.append(country)
                break
    return out


def _organisation_name(words: list[str], lexicon: Lexicon) -> str | None:
    """The organisation a run of words names as written, when it reads as one: an acronym (``FBI``), a
    capitalised name holding an organisation word (``Roper Center for Public Opinion Research``,
    ``Federal Bureau of Prisons``), a name the lexicon knows; None otherwise."""
    if not words or not _is_capitalised(words[0]) or not _is_capitalised(words[-1]):
        return None
    if not all(_is_capitalised(w) or w.lower() in CONNECTORS for w in words):
        return None
    name = " ".join(words).rstrip(",;:")
    org = lexicon.organisation(name)
    if org is not None:
        return org.name
    if len(words) == 1 and is_acronym(words[0]):
        return None if lexicon.country_of_adjective(words[0]) else words[0]
    if len(words) >= 3 and words[0].lower() in lexicon.words("anonymous-head") and words[1] in CONNECTORS:
        return None  # "Officials at Homeland Security Investigations": people of the body
    if lexicon.is_honorific(words[0].rstrip(".")):
        return None  # "Mr. Morgan of the Sierra Club": a person
    if len(words) >= 3 and words[1].lower() == "for" and words[0].lower().endswith("s") \
            and not lexicon.is_title_word(words[0]):
        return name  # "Citizens for Tax Justice", "Americans for Prosperity": an advocacy group's name
    last = words[-1].lower()
    if last.endswith("s") and last[:-1] in lexicon.words("person-head"):
        return None  # "Oversight Committee Republicans": members of the body
    if (last in lexicon.words("person-head") or (lexicon.is_title_word(last) and last not in ORGANISATION_WORDS)
            or _personal_name(words[-2:], lexicon)):
        return None  # "Former White House Doctor", "Bank of America CEO Brian Moynihan"
    if len(words) >= 2 and any(w.lower().rstrip(".") in ORGANISATION_WORDS or lexicon.organisation_noun(w)
                               for w in words if _is_capitalised(w)):
        return name
    return None


def _personal_name(words: list[str], lexicon: Lexicon) -> bool:
    """Whether two words read as a given and a family name (``Brad Holm``)."""
    if len(words) != 2:
        return False
    given, family = words
    return (given[:1].isupper() and given[1:].islower() and fold(given) in given_names(lexicon)
            and family[:1].isupper() and family.replace("’", "").replace("'", "").replace("-", "").isalpha()
            and family.lower() not in ORGANISATION_WORDS)


def _capitalised_organisation(s: _Source) -> Found | None:
    """A name in capitals the lexicon does not know that reads as an organisation: ``The FBI``, ``the S.E.C``,
    ``the nonpartisan Commission on Presidential Debates``, ``the Roper Center for Public Opinion Research``,
    ``The city of Phoenix``, ``The Daily Caller``, ``RT``, ``PolitiFact``."""
    words = s.phrase.split()
    if s.names_a_person():
        return None
    det = words[0].lower() if words else ""
    rest = words[1:] if det == "the" else words
    cut = next((i for i, w in enumerate(rest) if w.endswith(",") or w.startswith("(") or w.lower() in
                ("who", "which", "whose")), None)
    if cut is not None:
        rest = rest[:cut + 1] if rest[cut].endswith(",") else rest[:cut]
        rest = [w.rstrip(",") for w in rest]
    if det == "the" and len(rest) >= 3 and rest[0].lower() in ("city", "state", "county", "town") and rest[1] == "of" \
            and _is_capitalised(rest[2]):
        return _org(" ".join([rest[0].capitalize(), *rest[1:]]), "unknown-organisation")
    if det == "the":  # "the nonpartisan Commission on ...": lower-case modifiers before the name
        k = 0
        while k < len(rest) - 1 and rest[k].islower() and not _is_capitalised(rest[k]):
            k += 1
        rest = rest[k:]
    if not rest:
        return None
    name = _organisation_name(rest, s.lexicon)
    if name is not None:
        return _org(name, "unknown-organisation")
    if det == "the" and len(rest) == 1 and rest[0].lower() in ORGANISATION_WORDS and rest[0][:1].isupper():
        return _org(rest[0], "unknown-organisation")  # "the Times", "the Post"
    if len(rest) == 1 and re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", rest[0]):  # "PolitiFact", "FactCheck"
        return _org(rest[0], "unknown-organisation")
    if det == "the" and words[0] == "The" and all(_is_capitalised(w) for w in rest) and 1 <= len(rest) <= 3:
        # "The Daily Caller", "The New Yorker", "The Hill": a publication's name opens with "The"
        last = rest[-1].lower()
        if (last in s.lexicon.words("person-head") or s.lexicon.is_title_word(rest[-1]) or s.lexicon.country_of_adjective(rest[-1])
                or _plural(s) or (last.endswith("s") and not last.endswith("ss"))):
            return None
        return _org(" ".join(rest), "unknown-organisation")
    return None


def _org(name: str, key: str) -> Found:
    return Speaker("organisation", name=name), "cue-subject", CONFIDENCE[key]


def _described(s: _Source) -> Found | None:
    """A description by its head noun: an organisation (``the campaign``, ``A federal appeals court``), a
    document (``The ad``, ``the article``), a person (``The woman``, ``his attorney``), a group (``The
    group``). A definite one is the entity of that head the article named before, where it did."""
    words = _without_postmodifiers(s.phrase.split())
    det, rest = _determiner(words)
    if not rest or len(rest) > 6:
        return None
    person_heads = s.lexicon.words("person-head")
    document_heads = s.lexicon.words("document-head")
    head = _head(rest, s.lexicon)
    if not head or (_is_capitalised(rest[-1]) and len(words) > 1 and head not in person_heads):
        return None  # "the Washington Post": a name, not a description
    if head in s.lexicon.words("group-head") and det in ("the", "this", "that", "his", "her", "their", "'s"):
        return Speaker("anonymous", name=s.phrase), "cue-subject", CONFIDENCE["anonymous"]  # "Scott's family"
    if s.names_a_person():
        return None
    plural = _plural(s, words=len(words)) and head not in document_heads and head != "police"
    definite = det in DEFINITE or det == "'s"
    if head in document_heads or s.lexicon.document_noun(head):
        written = " ".join(w for w in rest if w)
        name = _earlier_named(s, head) if det in ("the", "this", "that", "its") else None
        if name is None and det == "'s":
            name = " ".join(words)
        return Speaker("document", name=name or written), "cue-subject", CONFIDENCE["described-document"]
    if head in s.lexicon.words("organisation-head") or s.lexicon.organisation_noun(head):
        if plural or not (det or head == "police" or rest[0][:1].isupper()):
            return None  # "federal courts"; "Federal court", "House panel": a headline's organisation
        name = None
        if det in ("the", "this", "that", "its", "his", "her", "their"):
            name = _earlier_organisation(s, head)
        if name is None and det == "the" and head in GOVERNMENT_HEADS and all(w[:1].islower() for w in rest):
            name = _country_before(s)  # "Beijing was concerned, the authoritarian government said": China
        if name is None and det == "'s":
            name = " ".join(words)  # "Lena Marsh's campaign", not a bare "campaign"
        if name is None:
            name = " ".join(rest)
        return _org(name, "described-organisation-head")
    if head in person_heads or head.split()[-1] in person_heads:
        if plural or not (definite or (not det and rest[0][:1].isupper())):
            return None  # "a senior official": anonymous; "Former DNC chairman": a byline's person
        return _described_person(s, det, head)
    return None


def _described_person(s: _Source, det: str, head: str) -> Found:
    """``The woman``: the person the story is about (the person it turned to, else the previous speaker, else
    the latest person named), of the head's gender; ``his attorney``, ``Pagliano's lawyer``: someone else, a
    person as written."""
    if det in ("the", "this", "that", ""):
        want = "f" if head in s.lexicon.words("female-head") else "m" if head in s.lexicon.words("male-head") else ""
        from .mentions import given_name_gender

        def fits(sp: Speaker | None) -> bool:
            if sp is None or sp.kind != "person":
                return False
            if not want:
                return True
            known = s.lexicon.person(sp.person_id).gender if sp.person_id else ""
            return (known or given_name_gender(sp.name or "", s.lexicon)) in ("", want, "x")

        for sp in (s.introduced, s.previous) if want or head in s.lexicon.words("story-head") else ():
            if sp is not None and fits(sp) and not party_clash(s, sp) and not role_clash(s, sp, _role_words(head)):
                assert sp is not None
                return sp, "title", CONFIDENCE["definite-description"]
        if want:
            for _, sp in reversed(s.people_seen[:bisect.bisect_left(s.people_seen, s.at, key=lambda p: p[0])]):
                if fits(sp):
                    return sp, "title", CONFIDENCE["described-person-earlier"]
        if det == "the" and head not in _NOT_ROLES:
            lone = _only_person_around(s, head, fits)
            if lone is not None:  # "... that Ava DuVernay is more passionate about ... / The director makes"
                return lone, "title", CONFIDENCE["definite-description"]
    # named as the description up to its head ("The wife" of "The wife of a man fatally shot by police"), so
    # that no later bare word ("Police") reads as this person's family name
    written = " ".join(_without_postmodifiers(s.phrase.split()))
    return Speaker("person", name=written), "cue-subject", CONFIDENCE["described-person"]


def _only_person_around(s: _Source, head: str, fits: Callable[[Speaker | None], bool]) -> Speaker | None:
    """The one person named or quoted since the previous paragraph began, before the source's sentence, that
    the description ``the HEAD`` can be (gender, party and role allowing); None for none or several."""
    start = s.doc.sentence_start(s.src.start)
    lo = bisect.bisect_left(s.people_seen, s.doc.paragraph_window(s.src.start), key=lambda p: p[0])
    hi = bisect.bisect_left(s.people_seen, start, key=lambda p: p[0])
    found: dict[str, Speaker] = {}
    for _, sp in s.people_seen[lo:hi]:
        if sp.kind == "person" and sp.name and not _described_name(sp, s.lexicon):
            found.setdefault(sp.key or sp.name, sp)
    fitting = [sp for sp in found.values()
               if fits(sp) and not party_clash(s, sp) and not role_clash(s, sp, _role_words(head))]
    return fitting[0] if len(fitting) == 1 else None


def _given_name(s: _Source) -> Found | None:
    """A lone capitalised word that is a given name (``Melanie``), or a family name the article writes after
    a given name (``Stumpf`` after ``John Stumpf``): a person; a proper noun the article never writes after
    another capitalised word (``Politico``, ``Twitter``; not ``Oz`` of ``Dr. Oz``): an organisation."""
    words = s.phrase.split()
    if len(words) != 1:
        return None
    word = _POSSESSIVE.sub("", words[0])
    if not (word[:1].isupper() and word[1:].islower() and word.replace("-", "").isalpha()) or _plural(s):
        return None
    lower = word.lower()
    if lower in ORGANISATION_WORDS or lower in s.lexicon.words("organisation-head") or \
            lower in s.lexicon.words("person-head"):
        return None
    if s.lexicon.country_of_adjective(word) or s.lexicon.organisation(word) or s.lexicon.is_title_word(word):
        return None
    given = given_names(s.lexicon)
    for name, first in _written_after(s, word, _GIVEN_BEFORE):
        if fold(first) in given:
            found = _surname(s.text, name, s.at, s.people_seen, s.lexicon, s.date)
            if found is not None and found[0].kind == "person":
                return found[0], "surname", CONFIDENCE["surname-written-in-full"]
            return Speaker("person", name=" ".join(name.split())), "surname", CONFIDENCE["surname-written-in-full"]
    low = fold(word)
    if low in s.lexicon.words("given-name-female") or low in s.lexicon.words("given-name-male"):
        return Speaker("person", name=word), "cue-subject", CONFIDENCE["given-name"]
    if low not in given and _lone_proper_noun(s, word):
        return _org(word, "unknown-organisation")
    return None


_GIVEN_BEFORE = re.compile(r"\b([A-Z][a-z]+)(?:\s+[A-Z]\.)?\s+$")
"""A given name (and a middle initial) right before a word: ``John`` of ``John Stumpf``, ``Marc H.`` of ``Marc H. Morial``."""

_CAPITALISED_BEFORE = re.compile(r"\b([A-Z][\w.'’-]*)\s+$")
"""Any capitalised word right before a word: ``Dr.`` of ``Dr. Oz``."""


def _written_after(s: _Source, word: str, before: re.Pattern[str]) -> list[tuple[str, str]]:
    """``(name, first word)`` for each place the article writes ``word`` right after what ``before`` matches
    (the places looked up by the word, not the whole text searched: a long article costs the same per source)."""
    out = []
    for n, i in s.doc.where.get(word, ()):
        w = s.doc.sentences[n].words[i]
        lo = max(0, w.start - 40)
        m = before.search(s.text, lo, w.start)
        if m is not None:
            out.append((s.text[m.start(1):w.end], m.group(1)))
    return out


def _lone_proper_noun(s: _Source, word: str) -> bool:
    """Whether the source, one word, is tagged a singular proper noun and the article never writes it after
    another capitalised word (``Dr. Oz``, ``Mehmet Oz``, ``Senator Smith``): a name by itself, as a body's is."""
    sent = _sentence_at(s.doc, s.src.start)
    tagged = [w for w in sent.words if s.src.start <= w.start and w.end <= s.src.end] if sent else []
    if len(tagged) != 1 or tagged[0].upos != "PROPN" or tagged[0].xpos != "NNP":
        return False
    return not _written_after(s, word, _CAPITALISED_BEFORE)


def _titled_name(s: _Source) -> Found | None:
    """A name after a title the lexicon does not know, which reads as a body's name: ``City Attorney Brad
    Holm``, ``NYPD Commissioner James O'Neill``: the last two capitalised words when the first is a given name."""
    words = [w.rstrip(",") for w in s.phrase.split()]
    if len(words) < 3 or not all(_is_capitalised(w) or w.islower() for w in words):
        return None
    given, family = words[-2], words[-1]
    if not _personal_name([given, family], s.lexicon) or s.lexicon.organisation(f"{given} {family}"):
        return None
    return Speaker("person", name=f"{given} {family}"), "cue-subject", CONFIDENCE["unknown-person"]


def _coordinated(s: _Source) -> Found | None:
    """Two or three named speakers joined by ``and`` (``Obama and Clinton``, ``France and Germany``, ``The
    Clinton campaign and DNC``): a joint speaker of them all."""
    phrase = re.sub(r"\s*\([^)]*\)?", "", s.phrase)
    if " and " not in phrase or s.lexicon.organisation(phrase) is not None:
        return None
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", phrase) if p.strip()]
    if not 2 <= len(parts) <= 3:
        return None
    names: list[str] = []
    for part in parts:
        name = _part_name(s, part)
        if name is None:
            return None
        names.append(name)
    if len(set(names)) != len(names):
        return None
    return Speaker("joint", name=" and ".join(names), candidates=tuple(names)), "cue-subject", CONFIDENCE["joint-named"]


def _part_name(s: _Source, part: str) -> str | None:
    """The name of one member of a coordinated source, or None when it is no name."""
    words = _POSSESSIVE.sub("", part).split()
    if not words or not all(_is_capitalised(w) or w.lower() in CONNECTORS or w.islower() for w in words):
        return None
    start = s.text.find(part, s.src.start, s.src.end)
    if start >= 0:
        lo = bisect.bisect_left(s.mentions, start, key=lambda m: m.span.start)
        hi = bisect.bisect_left(s.mentions, start + len(part), key=lambda m: m.span.start)
        for m in s.mentions[lo:hi]:
            if m.speaker.kind == "person" and m.speaker.name and m.span.end <= start + len(part):
                return m.speaker.name
    joined = " ".join(words)
    org = s.lexicon.organisation(joined)
    if org is not None:
        return org.name
    country = s.lexicon.country_of_adjective(joined) or s.lexicon.country_of_adjective(" ".join(
        w for w in words if w.lower() != "the"))
    if country:
        return country
    core = [w for w in words if not s.lexicon.is_honorific(w.rstrip("."))]
    while len(core) > 1 and s.lexicon.is_title_word(core[0]):
        core = core[1:]  # "President Obama"
    if 1 <= len(core) <= 3 and all(w[:1].isupper() and w[1:].replace(".", "").islower() for w in core) and (
            len(core) == 1 or _personal_name([core[0], core[-1]], s.lexicon)):
        found = _surname(s.text, " ".join(core), s.at, s.people_seen, s.lexicon, s.date)
        if found is not None and found[0].kind == "person" and found[0].name:
            return found[0].name
        if (found is not None and found[0].kind == "ambiguous") or len(core) > 1:
            return " ".join(core)  # "Trump and Clinton": two people, whichever Trump
        return None
    det, rest = _determiner(words)
    name = _organisation_name(rest, s.lexicon)
    if name is not None:
        return name
    if det == "the" and rest and _is_capitalised(rest[0]) and _head(rest, s.lexicon) in s.lexicon.words("organisation-head"):
        return " ".join(rest)  # "the Gannett newspaper chain"
    if det == "the" and len(rest) >= 2 and _is_capitalised(rest[0]) and rest[-1].islower():
        return " ".join(rest) if rest[-1] in ("chain", "campaign", "administration", "team") else None
    return None


def _possessive_pronoun(s: _Source) -> Found | None:
    """``his``, ``its``, ``their`` standing as the source (``his campaign's statement`` cut short): read as ``he``,
    ``it``, ``they`` would be."""
    word = {"his": "he", "its": "it", "their": "they"}.get(s.phrase.lower())
    if word is None:
        return None
    return _pronoun(word, s.at, s.people_before(), s.previous, s.lexicon, introduced=s.introduced)


def _plural_pronoun(s: _Source) -> Found | None:
    """``we``, ``they`` that stand for no organisation, document or people named together: an unnamed group
    (``They`` for the protesters of the paragraph before)."""
    if s.phrase.lower() not in ("we", "they"):
        return None
    from .resolve import _pronoun_source  # the pronoun resolver, which this one falls back from

    found = _pronoun_source(s)
    if found is None or found[0].kind != "unresolved":
        return found
    return Speaker("anonymous", name=s.phrase), "pronoun", CONFIDENCE["pronoun-unnamed-group"]


def _pronoun_group(s: _Source) -> Found | None:
    """``it``/``they`` that no earlier resolver took, right after an organisation or document spoke in the last two
    paragraphs (the previous speaker being someone else quoted in between): that organisation."""
    if s.phrase.lower() not in ("it", "they") or (s.previous is not None and s.previous.kind in
                                                   ("organisation", "document", "joint")):
        return None
    for pos, sp in reversed(s.quoted_orgs):
        if pos < _paragraphs_back(s, 1):
            break
        return sp, "pronoun", CONFIDENCE["pronoun-earlier-group"]
    return None


def _unnamed_group(s: _Source) -> Found | None:
    """A capitalised description of unnamed people: its head is a word for sources (``Clinton aides``), a
    share (``Twelve percent``), or it opens with a quantifier (``Those close to him``, ``No one``)."""
    words = _without_postmodifiers(s.phrase.split())
    if not words or s.names_a_person():
        return None
    head = _head(words, s.lexicon)
    if (head in s.lexicon.words("anonymous-head") and not _is_capitalised(words[-1])) or head == "percent" \
            or words[0].lower() in s.lexicon.words("group-quantifier"):
        return Speaker("anonymous", name=s.phrase), "cue-subject", CONFIDENCE["anonymous"]
    return None


_APPOSITION = re.compile(r"\s*(?:,|--|—|–|\(|\bin\b|\bat\b|\bon\b)")
_OF = re.compile(r"\s+of\b")


def _before_apposition(s: _Source) -> Found | None:
    """A name followed by what it is (``Rendell, a Clinton surrogate``, ``Schiff, 56, who has served ...``,
    ``Kall -- co-editor of ...``, ``Stumpf in a televised interview``, ``Rep. G.K. Butterfield (D-N.C.), head of
    ...``, ``Mr. Morgan of the Sierra Club``): the speaker of the name alone; a given and a family name no resolver
    knows (``Chad Bown, an expert on trade``) are a person as written."""
    m = _APPOSITION.search(s.src.text)
    first = s.src.text.split()[:1]
    if first and s.lexicon.is_honorific(first[0].rstrip(".")):  # "Mr. Morgan of the Sierra Club"
        of = _OF.search(s.src.text)
        if of is not None and (m is None or of.start() < m.start()):
            m = of
    if m is None or m.start() == 0:
        return None
    head = s.src.text[:m.start()].rstrip()
    after = s.src.text[m.end():].split()
    if after and after[0].lower() in ("and", "others", "or", "&"):
        return None  # "Obama, others": several speakers
    words = head.split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or words[0].lower() in ("the", "a", "an"):
        return None
    lead = len(s.src.text) - len(s.src.text.lstrip())
    sub = attrs.evolve(s, src=Span.of(s.text, s.src.start + lead, s.src.start + len(head)))
    from .resolve import RESOLVERS  # the name alone, read by every resolver but this one

    for resolver in RESOLVERS:
        if resolver is _before_apposition:
            continue
        found = resolver(sub)
        if found is not None:
            if found[0].kind in ("person", "organisation"):
                return found
            break
    if len(words) == 2 and _personal_name(words, s.lexicon) and not s.lexicon.organisation(head):
        return Speaker("person", name=head), "cue-subject", CONFIDENCE["unknown-person"]
    return None


_TAGLINE = re.compile(r"^((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+),?\s+(?:is|was|teaches|writes|directs|serves)\b")


def _first_person(s: _Source) -> Found | None:
    """``I`` in an opinion piece whose last paragraph introduces its author (``Charlotte Meehan is
    playwright-in-residence at ...``): that author."""
    if s.phrase.lower() not in ("i", "me", "my"):
        return None
    paragraphs = [p.strip() for p in s.text.split("\n") if p.strip()]
    if not paragraphs:
        return None
    m = _TAGLINE.match(paragraphs[-1])
    if m is None or not _personal_name(m.group(1).split()[:1] + m.group(1).split()[-1:], s.lexicon):
        return None
    return Speaker("person", name=" ".join(m.group(1).split())), "pronoun", CONFIDENCE["first-person-author"]


PARTIES = frozenset({"republican", "democratic", "libertarian", "green", "independent", "conservative", "labour"})
"""Party words (as :func:`quotes.speakers.named_later._words` reads them: ``GOP`` is ``republican``) a
description and a person's titles must not disagree on."""


def _titles_read(s: _Source, sp: Speaker) -> tuple[frozenset[str], frozenset[str]]:
    """The words of every title the article gives a person (``Manhattan Supreme Court Justice``, ``the panel's
    ranking Democrat``) and of the offices the lexicon knows for them at the date, and the head word of each
    (what the person *is*: ``daughter`` of ``Republican nominee's daughter``, ``president`` of ``President of
    France``), as :func:`quotes.speakers.named_later._words` reads them; found once per person and article."""
    key = sp.key or sp.name or ""
    if key not in s.title_words:
        titles = [m.title.text for m in s.mentions if m.title is not None and m.speaker.kind == "person"
                  and (m.speaker.key or m.speaker.name) == key]
        if sp.name:
            written = title_as_written(s.doc, [sp.name], s.lexicon)
            if written is not None:
                titles.append(written.text)
        if sp.person_id:
            titles.extend(t.office for t in s.lexicon.offices_of(sp.person_id, as_of=s.date))
        s.title_words[key] = (frozenset(_role_words(" ".join(titles))), head_words(titles))
    return s.title_words[key]


def head_words(titles: Iterable[str]) -> frozenset[str]:
    """The head word of each title, read as :func:`quotes.speakers.named_later._words` reads words: what the
    person *is* (``daughter`` of ``Republican nominee's daughter``, ``president`` of ``President of France``).

    >>> sorted(head_words(["President of France", "the Republican nominee's daughter", "Sen."]))
    ['daughter', 'president', 'senator']
    """
    heads: set[str] = set()
    for t in titles:
        core = re.split(r"\s(?:of|at|for|from|in|on|to|with|who|whose|and)\s|,", f" {t} ")[0].split()
        if core:
            heads |= _role_words(core[-1])
    return frozenset(heads)


def parties_disagree(ours: Iterable[str], theirs: Iterable[str]) -> bool:
    """Whether a description's words (``ours``) name a party and a person's title words (``theirs``) name
    another one, and none in common (``GOP nominee`` against ``Libertarian presidential candidate``)."""
    mine, yours = PARTIES & set(ours), PARTIES & set(theirs)
    return bool(mine and yours and not mine & yours)


def roles_disagree(their_heads: Iterable[str], head: Iterable[str]) -> bool:
    """Whether a person's title heads give them a role (:data:`_OFFICE_ROLES`) and none of them is the
    description's ``head`` (``The GOP nominee`` is not ``Manhattan Supreme Court Justice Frank Nervo``)."""
    theirs, ours = set(their_heads), set(head)
    return bool({w for w in theirs if w in _OFFICE_ROLES} - ours) and not ours & theirs


def title_words(s: _Source, sp: Speaker) -> frozenset[str]:
    """Every word of a person's titles and offices in the article (:func:`_titles_read`)."""
    return _titles_read(s, sp)[0]


def title_heads(s: _Source, sp: Speaker) -> frozenset[str]:
    """The head word of each of a person's titles (:func:`_titles_read`)."""
    return _titles_read(s, sp)[1]


def role_clash(s: _Source, sp: Speaker, head: frozenset[str] | set[str]) -> bool:
    """Whether a person's titles give them a role (a person's head word) and none is the description's
    ``head`` (``The GOP nominee`` is not ``Manhattan Supreme Court Justice Frank Nervo``), or the description names
    an office of the lexicon whose role the lexicon's person never held (``The former secretary of state`` is not
    Barack Obama: :func:`quotes.speakers.former.never_held`)."""
    if sp.person_id is not None and never_held(s.phrase, sp.person_id, s.lexicon):
        return True
    return roles_disagree(title_heads(s, sp), head)


_OFFICE_ROLES = frozenset({"judge", "senator", "lawmaker", "governor", "mayor", "secretary", "chairman", "spokesman",
                           "adviser", "lawyer", "doctor", "analyst", "director", "professor", "economist",
                           "daughter", "son", "wife", "husband", "mother", "father", "sister", "brother"})
"""Roles that say what a person does for a living or in office, or whose relative they are: one of them in a
person's titles rules out a description of another (the judge, the nominee's daughter are not ``The GOP
nominee``); a businessman may well be a nominee."""


def party_clash(s: _Source, sp: Speaker) -> bool:
    """Whether a description's party (``The GOP nominee``) and the party in a person's titles disagree
    (``Libertarian presidential candidate Gary Johnson``)."""
    return parties_disagree(_role_words(s.phrase), title_words(s, sp))
