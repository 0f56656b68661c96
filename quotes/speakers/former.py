"""Former offices: a title the article gives as a former one (``Former Pennsylvania Gov.``, ``the former
secretary of state``), as the lexicon knows the person held it before the article's date.

A speaker's ``office`` is what the person holds at the article's date; a former one is no office then, but
the lexicon may still confirm it, and an editor reading "former Pennsylvania Gov. Ed Rendell" wants to see that
it does: :attr:`quotes.records.Speaker.former_office`. The word "former" must stand right before the office's
words, which must name a role of the lexicon (``Gov.``: Governor); every other capitalised word must be a word of
the office or name its country (``Pennsylvania``: Governor of Pennsylvania; ``U.S.``: the United States), and a
word that makes it another office (``deputy``, ``acting``, ``state``) must be in the office too. A title the
lexicon cannot read that way (``Obama's former campaign strategist``), an office the person still holds, or one of
another state or rank gives none.

>>> import datetime
>>> from quotes.lexicon import load_lexicon
>>> lex, day = load_lexicon(), datetime.date(2016, 9, 12)
>>> former_office("Former Pennsylvania Gov.", "Q434902", lex, day)
'Governor of Pennsylvania'
>>> [former_office(t, "Q434902", lex, day) for t in ("Pennsylvania Gov.", "former governor of Ohio",
...                                                   "former acting Gov.", "former Va. Gov.")]
[None, None, None, None]
"""

from __future__ import annotations

import datetime as dt
import re

from ..lexicon import Lexicon, Office

FORMER = frozenset({"former", "ex", "onetime", "one-time", "erstwhile", "retired", "past", "previous"})
"""Words that make a title a former one."""

RANKS = frozenset({"deputy", "assistant", "acting", "vice", "associate", "interim", "lieutenant", "under", "state",
                   "shadow", "junior", "principal", "chief", "general", "special", "senior"})
"""Words that make a title another office than its head's (a deputy secretary is no secretary; a state senator
no US senator): the office the lexicon knows must have them."""

_FILLER = frozenset({"of", "the", "to", "for", "on", "in"})
_DETERMINERS = frozenset({"a", "an", "the", "this", "that"})


def _word(w: str) -> str:
    return w.strip(".,;:()'’").lower()


def _office_words(*names: str) -> set[str]:
    return {w for name in names for w in re.findall(r"[\w-]+", name.casefold())}


def former_office(title: str, person_id: str, lexicon: Lexicon, date: dt.date) -> str | None:
    """The lexicon's office that ``title``, when it gives a former one, names for ``person_id`` (the latest one
    the person left before ``date`` and does not hold on it), else None."""
    held = {t.office for t in lexicon.offices_of(person_id, as_of=date)}
    past = [t for t in lexicon.tenures_of(person_id) if t.last_day < date and t.office not in held]
    if not past:
        return None
    parts = re.split(r"[,;(]|\bnow\b", title)
    # each part whole ("former Secretary of Health and Human Services"), then its halves around "and" ("former
    # secretary of state and current Democratic presidential nominee")
    halves = [half for whole in parts if " and " in whole for half in re.split(r"\band\b", whole)]
    for part in [*parts, *halves]:
        words = part.split()
        at = next((k for k, w in enumerate(words) if _word(w) in FORMER or w.lower().startswith("ex-")), None)
        if at is None:
            continue
        first = words[at]
        rest = ([first[3:]] if first.lower().startswith("ex-") and len(first) > 3 else []) + words[at + 1:]
        # the office's words after capitalised words only ("Pennsylvania Gov."; not "prosecutor Sen.": the words
        # after "former" are no office)
        found = _office_at_end(rest, lexicon)
        if found is None or not all(w[:1].isupper() for w in rest[:found[0]]):
            continue
        k, office = found
        roles = {r.casefold() for r in lexicon.title_roles(" ".join(rest[k:]))} | {office.role.casefold()}
        fits = [t for t in past
                if (t.office == office.name or t.role.casefold() in roles)
                and (office.country is None or t.country == office.country)
                and _every_word_fits(rest, t.office, t.country, lexicon)]
        if fits:
            return max(fits, key=lambda t: t.last_day).office
    return None


def _office_at_end(words: list[str], lexicon: Lexicon) -> tuple[int, Office] | None:
    """The longest end of ``words`` the lexicon reads as a title (``Gov.`` of ``Pennsylvania Gov.``): where it
    starts and the office it names, or None."""
    for k in range(len(words)):
        office = lexicon.title_office(" ".join(words[k:]))
        if office is not None:
            return k, office
    return None


def _every_word_fits(words: list[str], office: str, country: str, lexicon: Lexicon) -> bool:
    """Whether each word of a title fits an office: a rank word (:data:`RANKS`) is a word of the office; a
    capitalised word is a word of the office or its country (``Pennsylvania``), names the country (``U.S.``), or
    is a title's own word (``Gov.``, ``Secretary of State``)."""
    known = _office_words(office, country)
    for w in words:
        bare = _word(w).removesuffix("'s").removesuffix("’s")
        if not bare or bare in _FILLER:
            continue
        if bare in RANKS:
            if bare not in known:
                return False
        elif w[:1].isupper() and bare not in known and lexicon.country_of_adjective(w) != country \
                and not lexicon.is_title_word(w):
            return False
    return True


def never_held(description: str, person_id: str, lexicon: Lexicon) -> bool:
    """Whether ``description`` names an office one person holds at a time (``the former secretary of state``:
    the person's country's, when the description names none) that the lexicon knows every holder of back to the
    person's first known office, and the person is not among them: a description that cannot be theirs. Offices
    many hold at once (senators, mayors, a role with no office of that country) say nothing: a lexicon may lack
    a person's early career (a senator's years before the tenures it knows). A description of several roles (``The
    former first lady and U.S. senator``) is ruled out only if every role it names is.

    >>> from quotes.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> never_held("The former secretary of state", "Q76", lex), never_held("The former secretary of state", "Q6294", lex)
    (True, False)
    >>> never_held("the former senator", "Q6279", lex)  # Joe Biden: the lexicon does not know his Senate years
    False
    """
    tenures = lexicon.tenures_of(person_id)
    if not tenures:
        return False
    earliest = min(t.first_day for t in tenures)
    if earliest == dt.date.min:
        return False
    held = {t.office for t in tenures}
    try:
        home = lexicon.person(person_id).country or None
    except KeyError:
        home = None
    named = False
    for part in re.split(r",|\band\b", description):
        words = [w for w in part.split() if _word(w) not in FORMER]
        while words and _word(words[0]) in _DETERMINERS:
            words = words[1:]
        found = _office_at_end(words, lexicon)
        if found is None:
            continue
        office = found[1]
        if office.name in held:
            return False
        country = office.country or home
        if country is None:
            return False
        # the country's own office of the role, with its holder when the person's career begins in the lexicon
        holders = lexicon.holders(office.role, as_of=earliest, country=country)
        offices = {t.office for t in holders}
        if len(offices) != 1 or lexicon.is_shared(next(iter(offices))) or len(holders) != 1:
            return False  # several such offices (a state's, a city's), or one many hold at once: nothing to go by
        if offices & held:
            return False
        named = True
    return named
