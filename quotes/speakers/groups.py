"""Sources that are not one named person: unknown people, organisations described, joint speakers, anonymous descriptions, agentless reports."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence

import attrs

from ..attribution.records import Attribution
from ..lexicon import Lexicon
from ..lexicon.names import fold
from ..parse import Document, Word
from ..records import Mention, Span, Speaker
from .mentions import NOT_NAMES, _sentence_at, _speaker_of, given_names
from .names import _surname
from .pronouns import _paragraphs_between

DETERMINERS = {"a", "an", "one", "some", "several", "two", "three", "many", "other", "another", "senior", "the"}


ORGANISATION_WORDS = {
    "times", "post", "news", "journal", "council", "ministry", "bank", "union", "house", "agency", "department",
    "party", "government", "committee", "office", "institute", "university", "association", "commission", "court",
    "assembly", "congress", "senate", "parliament", "group", "company", "corp", "inc", "ltd", "fund",
    "organization", "organisation", "nations", "states", "kingdom", "republic", "federation", "television",
    "radio", "press", "herald", "tribune", "guardian", "telegraph", "mail", "daily", "weekly", "review",
    "foundation", "center", "centre", "forum", "network", "service", "police", "army", "navy", "force", "forces",
    "club", "school", "college", "embassy", "administration", "cabinet", "security", "general", "street",
    "city", "county", "state", "hill", "valley", "island", "media", "music", "research", "services",
    "enforcement", "attorney", "carolina", "dakota", "virginia", "york", "jersey", "hampshire", "angeles",
    "consortium", "caucus", "coalition", "project", "plaza", "alliance", "initiative", "society", "league",
    "board", "authority", "bureau", "corporation", "partnership", "trust", "preparedness", "studies", "affairs",
    "campaign", "program", "programme", "hospital", "church", "museum", "academy", "reserve",
    "energy", "coal", "oil", "gas", "motors", "airlines", "institution", "policy", "watch", "capital",
    "holdings", "partners", "industries", "systems", "technologies", "pharmaceuticals", "brands", "stores",
    "observer", "gazette", "chronicle", "inquirer", "examiner", "circuit", "survey", "act", "plan", "amendment",
    "convention",
}
ROLE_WORDS = {
    "advocate", "public", "chairman", "chairwoman", "chair", "director", "spokesman", "spokeswoman", "executive",
    "officer", "manager", "strategist", "adviser", "advisor", "aide", "professor", "analyst", "freeholder",
    "commissioner", "chief", "founder", "coordinator", "treasurer", "councilman", "councilwoman", "sheriff",
    "del", "delegate", "assemblyman", "assemblywoman", "superintendent", "pastor", "rabbi", "bishop",
    "ceo", "cfo", "coo", "cto",
}
"""Role nouns a title may capitalise before a name (``Public Advocate Trish James``): never part of one."""


def _unknown_person(doc: Document, src: Span, lexicon: Lexicon, date: dt.date) -> Speaker | None:
    """A person the lexicon does not know, named in the source: the run of two or three capitalised proper
    nouns that heads it and reads as a personal name (``The European Union's foreign policy chief Josep
    Borrell`` -> Josep Borrell; ``Erica Smegielski, whose mother Dawn Hochsprung ...`` -> Erica Smegielski),
    never an organisation, a country or a title. A run that modifies another word (``Donald Trump's
    campaign manager Kellyanne Conway``, ``Hillary Clinton campaign chairman John Podesta``) or stands in a
    relative clause (``..., who served under President George W. Bush``) is not the head; with no head,
    the last run that reads as a name."""
    words = [w for s in itertools.takewhile(lambda s: s.start < max(src.end, src.start + 1),
                                            doc.sentences_from(src.start))
             for w in s.words if src.start <= w.start and w.end <= src.end]
    words = _glue_hyphens(words)
    runs: list[list[Word]] = [[]]
    nickname = _nicknames(words)
    for w in words:
        if id(w) in nickname:
            continue  # Marcia "Cia" Price: the nickname in quotation marks is no part of the run
        if (w.upos == "PROPN" and w.text[:1].isupper() and w.text.replace("-", "").replace(".", "").isalpha()
                and w.text.lower() not in NOT_NAMES):
            if runs[-1] and runs[-1][-1].index != w.index - 1 and not (
                    runs[-1][-1].index == w.index - 4 and id(words[words.index(w) - 2]) in nickname):
                runs.append([])
            runs[-1].append(w)
        elif runs[-1]:
            runs.append([])
    runs = [r for r in runs if r]
    relative = next((w.start for w in words if w.text.lower() in ("who", "whose", "which", "whom")), src.end)
    after = {id(r): next((w for w in words if w.start >= r[-1].end), None) for r in runs}

    def heads(r: list[Word]) -> bool:
        nxt = after[id(r)]
        if r[0].start >= relative:
            return False
        return nxt is None or not (nxt.text in ("'s", "’s", "'") or (nxt.upos in ("NOUN", "PROPN") and nxt.text.islower()))

    order = [r for r in runs if heads(r)] + list(reversed(runs))
    for run in order:
        found = _name_in_run(doc, run, lexicon, date)
        if found is not None:
            return found
    return None


_NUMBER_WORDS = frozenset({"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                           "first", "second", "third", "hundred", "thousand", "million"})

_INITIALS = re.compile(r"^(?:[A-Z]\.){2,3}$")
"""Given names written as initials (``G.K.``, ``J.D.``): capitals, yet no acronym."""

GENERATIONAL = frozenset({"Jr", "Sr", "II", "III", "IV"})
"""Suffixes that end a personal name (``Vann R. Newkirk II``, ``Martin Luther King Jr.``)."""


def _glue_hyphens(words: Sequence[Word]) -> list[Word]:
    """The words with each hyphenated proper name the tokenizer cut in three (``Holtz`` ``-`` ``Eakin``) made one
    word again (``Holtz-Eakin``, a proper noun), numbered anew in order."""
    out: list[Word] = []
    k = 0
    while k < len(words):
        w = words[k]
        while (k + 2 < len(words) and words[k + 1].text in ("-", "‐") and words[k + 1].start == w.end
               and words[k + 2].start == words[k + 1].end and w.upos == "PROPN" and words[k + 2].upos == "PROPN"
               and w.text[:1].isupper() and words[k + 2].text[:1].isupper()):
            last = words[k + 2]
            w = attrs.evolve(w, text=w.text + "-" + last.text, end=last.end)
            k += 2
        out.append(attrs.evolve(w, index=len(out)) if w.index != len(out) else w)
        k += 1
    return out


_QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})


def _nicknames(words: Sequence[Word]) -> set[int]:
    """The ids of the words of a nickname in quotation marks between a given and a family name (``Marcia
    "Cia" Price``): the marks and the one capitalised word between them."""
    out: set[int] = set()
    for k in range(1, len(words) - 3):
        a, q1, nick, q2, b = words[k - 1:k + 4]
        if (q1.text in _QUOTE_MARKS and q2.text in _QUOTE_MARKS and nick.text[:1].isupper() and nick.text.isalpha()
                and a.upos == "PROPN" and b.upos == "PROPN" and a.text[:1].isupper() and b.text[:1].isupper()):
            out.update((id(q1), id(nick), id(q2)))
    return out


def _name_in_run(doc: Document, run: list[Word], lexicon: Lexicon, date: dt.date) -> Speaker | None:
    """The personal name a run of proper nouns ends with, if it reads as one: titles, honorifics and
    organisation words before it left out (``Senate Minority Leader Harry M. Reid`` -> Harry M. Reid). A run
    right after ``the`` is a name of something else (``The Charlotte Observer``), unless a title opens it
    (``the Rev. Al Sharpton``)."""
    before = doc.words_before(run[0].start, 1) if run else []
    titled = run and (lexicon.is_honorific(run[0].text.rstrip(".")) or lexicon.is_title_word(run[0].text)
                      or lexicon.title_office(run[0].text) is not None or run[0].text.endswith("."))
    if before and before[-1].text.lower() == "the" and not titled and not any(
            c.score >= 0.95 for k in range(len(run) - 1) for c in lexicon.candidates(doc.text[run[k].start:run[-1].end])):
        return None
    while run and (lexicon.is_honorific(run[0].text.rstrip(".")) or lexicon.is_title_word(run[0].text)
                   or lexicon.title_office(run[0].text) is not None
                   or (run[0].text.endswith(".") and len(run[0].text) <= 5 and not _INITIALS.match(run[0].text))):
        # "Sen.", "Rep.", "Gov." (not the initials "G.K.")
        run = run[1:]
    for k in range(len(run) - 1):  # a name the lexicon knows, whatever the date ("Democrat Hillary Clinton")
        tail = doc.text[run[k].start:run[-1].end]
        known = list({c.person.id: c for c in lexicon.candidates(tail) if c.score >= 0.95}.values())
        if len(known) == 1:
            return _speaker_of(known[0].person, lexicon, date)

    def bad(i: int, w: Word) -> bool:
        low = w.text.lower()
        return (low in ORGANISATION_WORDS or low in ROLE_WORDS or lexicon.is_title_word(w.text)
                or lexicon.is_honorific(w.text.rstrip(".")) or bool(lexicon.country_of_adjective(w.text))
                or (w.text.endswith(".") and len(w.text) > 2 and len(w.text) <= 5 and i < len(run) - 1
                    and not _INITIALS.match(w.text)))

    cut = max((i for i, w in enumerate(run) if bad(i, w)), default=-1)
    if 0 <= cut < len(run) - 1 and run[cut].text.lower() not in ORGANISATION_WORDS:
        run = run[cut + 1:]  # "Public Advocate Trish James", "Pennsylvania Gov. Ed Rendell": the name after the title
    # middle initials ("George W. Bush", "Lucia R. Ferrer Solis") do not count
    core = [w for i, w in enumerate(run) if not (0 < i < len(run) - 1 and len(w.text.rstrip(".")) == 1)
            and not (i == len(run) - 1 and i >= 2 and w.text.rstrip(".") in GENERATIONAL)]  # "Vann R. Newkirk II"
    if not 2 <= len(core) <= 3:
        return None
    name = doc.text[run[0].start:run[-1].end]
    if any(a.index + 1 != b.index for a, b in itertools.pairwise(run)):
        name = " ".join(w.text for w in run)  # a nickname left out
    if any(w.text.lower() in ORGANISATION_WORDS or len(w.text.rstrip(".")) < 2
           or (w.text.isupper() and not _INITIALS.match(w.text)) for w in core):
        return None  # "FBI Director", not "G.K. Butterfield"
    if lexicon.organisation(name) is not None or any(lexicon.country_of_adjective(w.text) for w in run):
        return None
    if core[0].text.lower() in _NUMBER_WORDS:
        return None  # "Zero Hedge", "Three Rivers": no given name is a number
    if _inside_a_longer_name(doc, run[0]) and fold(core[0].text) not in given_names(lexicon):
        return None  # "Citizens for Tax Justice", "Center for Federal Tax Policy": the end of an organisation's name
    return Speaker("person", name=name)


def _inside_a_longer_name(doc: Document, first: Word) -> bool:
    """Whether a run of proper nouns continues a capitalised name before it through ``for``, ``of``, ``on`` or
    ``&`` (``the Senate Subcommittee on Consumer Protection``)."""
    words = doc.words_before(first.start, 2)
    if len(words) < 2:
        return False
    before, link = words
    return link.text.lower() in ("for", "of", "on", "&") and before.text[:1].isupper() and before.upos in ("PROPN", "NOUN")


def _strip_det(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


AGENTLESS = Speaker("anonymous", name="unnamed reports")
"""The speaker of an agentless report (``It was reported that ...``): no source is written."""


def _agentless(doc: Document, att: Attribution, lexicon: Lexicon) -> bool:
    """Whether the cue is a passive verb of speech or writing with an expletive ``it`` and no agent:
    ``It was reported over the weekend that ...``, ``It has been said that ...``."""
    if att.cue is None:
        return False
    sent = _sentence_at(doc, att.cue.start)
    if sent is None:
        return False
    verb = next((w for w in sent.words if att.cue.start <= w.start < att.cue.end and w.xpos == "VBN"), None)
    if verb is None:
        return False
    cue = lexicon.cue((verb.lemma or verb.text).lower()) or lexicon.cue(verb.text.lower())
    if cue is None or cue.cls not in ("speech", "writing"):
        return False
    k, passive = verb.index - 1, False
    while k >= 0 and (sent.words[k].lemma in ("be", "have") or sent.words[k].xpos in ("RB", "MD")):
        passive = passive or sent.words[k].lemma == "be"
        k -= 1
    return passive and k >= 0 and sent.words[k].text.lower() == "it" and sent.words[k].upos == "PRON"


def _joint(doc: Document, src: Span, mentions: Sequence[Mention], people_seen: Sequence[tuple[int, Speaker]],
           lexicon: Lexicon, date: dt.date) -> Speaker | None:
    """``they`` for two or three people named together just before it (``Putin met Xi ... and they
    signed``, or in the sentence before): a joint speaker. The people are those named earlier in the
    pronoun's sentence, else in the sentence before it; a bare surname counts when it resolves to one person."""
    index = next((i for i, s in enumerate(doc.sentences) if s.start <= src.start < s.end), None)
    if index is None:
        return None
    for lo in (doc.sentences[index].start, doc.sentences[index - 1].start if index else None):
        if lo is None:
            break
        members: dict[str, str] = {}
        for m in mentions:
            if not (lo <= m.span.start and m.span.end <= src.start):
                continue
            sp = m.speaker
            if sp.kind != "person" and sp.name:
                found = _surname(doc.text, sp.name, m.span.start + 1, people_seen, lexicon, date)
                sp = found[0] if found is not None else sp
            if sp.kind == "person" and sp.name:
                members.setdefault(sp.person_id or sp.name, sp.name)
        if len(members) in (2, 3):
            names = tuple(members.values())
            return Speaker("joint", name=" and ".join(names), candidates=names)
        if members:
            return None
    return None


def _described_organisation(text: str, phrase: str, at: int, quoted_orgs: Sequence[tuple[int, Speaker]],
                            lexicon: Lexicon) -> Speaker | None:
    """``the US news agency``: a definite description, a country and an organisation noun of the lexicon, is
    the latest organisation of that country the article quoted within the last two paragraphs (``according
    to Bloomberg, ...``); None when there is no such organisation or the description names no country."""
    words = phrase.split()
    if len(words) < 3 or words[0].lower() != "the" or lexicon.organisation_noun(words[-1]) is None:
        return None
    countries = {c for c in (lexicon.country_of_adjective(w) for w in words[1:-1]) if c}
    if len(countries) != 1:
        return None
    country = next(iter(countries))
    for pos, sp in reversed(quoted_orgs):
        if pos >= at or _paragraphs_between(text, pos, at) > 2:
            break
        org = lexicon.organisation(sp.name or "")
        if org is not None and org.country == country:
            return sp
    return None
