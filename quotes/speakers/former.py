"""Former offices: a title the article gives as a former one (``Former Pennsylvania Gov.``, ``the former
secretary of state``), as the lexicon knows the person held it before the article's date.

A speaker's ``office`` is what the person holds at the article's date; a former one is no office then, but
the lexicon may still confirm it, and an editor reading "former Pennsylvania Gov. Ed Rendell" wants to see that
it does: :attr:`quotes.records.Speaker.former_office`. The title's head must name a role of the lexicon
(``Gov.``: Governor) and every capitalised word before it must be in the office or name its country
(``Pennsylvania``: Governor of Pennsylvania; ``U.S.``: the United States), so that a title the lexicon cannot read
(``Obama's former campaign strategist``) gives none.

>>> import datetime
>>> from quotes.lexicon import load_lexicon
>>> former_office("Former Pennsylvania Gov.", "Q434902", load_lexicon(), datetime.date(2016, 9, 12))
'Governor of Pennsylvania'
>>> former_office("Pennsylvania Gov.", "Q434902", load_lexicon(), datetime.date(2016, 9, 12)) is None  # not "former"
True
"""

from __future__ import annotations

import datetime as dt
import re

from ..lexicon import Lexicon

FORMER = frozenset({"former", "ex", "onetime", "one-time", "erstwhile", "retired", "past", "previous"})
"""Words that make a title a former one."""

_DETERMINERS = frozenset({"a", "an", "the"})


def _word(w: str) -> str:
    return w.strip(".,;:()'’").lower()


def former_office(title: str, person_id: str, lexicon: Lexicon, date: dt.date) -> str | None:
    """The lexicon's office that ``title``, when it gives a former one, names for ``person_id`` (the latest one
    the person left before ``date``), else None."""
    past = [t for t in lexicon.tenures_of(person_id) if t.last_day < date]
    if not past:
        return None
    for part in re.split(r"[,;]|\band\b|\bnow\b", title):
        words = [w[3:] if w.lower().startswith("ex-") and len(w) > 3 else w for w in part.split()]
        if not any(_word(w) in FORMER for w in words) and not re.search(r"(?i)\bex-", part):
            continue
        rest = [w for w in words if _word(w) not in FORMER and _word(w) not in _DETERMINERS]
        for k in range(len(rest)):
            phrase = " ".join(rest[k:])
            office = lexicon.title_office(phrase)
            if office is None:
                continue
            roles = {r.casefold() for r in lexicon.title_roles(phrase)} | {office.role.casefold()}
            modifiers = [w.strip(",;:") for w in rest[:k] if w[:1].isupper()]
            fits = [t for t in past
                    if (t.office == office.name or t.role.casefold() in roles)
                    and (office.country is None or t.country == office.country)
                    and all(_named_in(m, t.office, t.country, lexicon) for m in modifiers)]
            if fits:
                return max(fits, key=lambda t: t.last_day).office
            break  # the longest phrase the lexicon reads is the title's head: no shorter one
    return None


def _named_in(word: str, office: str, country: str, lexicon: Lexicon) -> bool:
    """Whether a word before a title's head belongs to the office (``Pennsylvania`` of Governor of Pennsylvania) or
    names its country (``U.S.``, ``American``)."""
    bare = word.rstrip(".").removesuffix("'s").removesuffix("’s")
    return bare.casefold() in office.casefold() or lexicon.country_of_adjective(word) == country
