"""Party-state tags: the ``(D-Mont.)`` American copy writes after a lawmaker's name.

``Sen. Jon Tester (D-Mont.)``, ``Gov. Mike Pence (R-IN)``, ``Gov. Terry McAuliffe (D)``: the tag says the person's
party and state, and is part of how the article describes them. It is kept apart from the title (it is written
after the name, the title before it) as :attr:`quotes.records.Speaker.affiliation`.

>>> text = "Sen. Jon Tester (D-Mont.) and Rep. John Mica ( R-Fla. ) met Gov. Terry McAuliffe (D); Tester (AP) left."
>>> found = party_tags(text, {"t": ["Jon Tester", "Tester"], "m": ["John Mica"], "g": ["Terry McAuliffe"]})
>>> found["t"].text, found["m"].text, found["g"].text
('D-Mont.', 'R-Fla.', 'D')
>>> party_tags("Jon Testers (D-Mont.)", {"t": ["Jon Tester"]})
{}
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..records import Span

__all__ = ["TAG", "party_tags"]

TAG = re.compile(
    r"[ \t\u00a0]*\([ \t\u00a0]*"
    r"((?:D|R|I|L|G|Dem|Rep|Ind)"  # the party's letter, alone (Gov. Terry McAuliffe (D)) or with
    r"(?:[ \u00a0]?[-\u2010\u2011\u2013\u2014][ \u00a0]?"  # a dash and
    r"[A-Z][A-Za-z.]{0,12}(?:[ \u00a0][A-Z][A-Za-z.]{0,12})?"  # the state: Mont., N.Y., IN, Utah, South Carolina
    r"(?:,[ \u00a0]?\d{1,2}(?:st|nd|rd|th)?(?:[ \u00a0][Dd]istrict)?)?)?)"  # and a district: R-Fla., 7th District
    r"[ \t\u00a0]*\)")
"""A party-state tag in parentheses, right after a name; group 1 is the tag without its parentheses."""


_TITLED = re.compile(r"\b(?:Sens?|Reps?|Gov|Del|Senator|Representative|Governor|Congressman|Congresswoman|"
                     r"Assemblyman|Assemblywoman|Mayor)\.?[ \u00a0]+$")
"""A lawmaker's title right before a name: what a bare party letter needs (``Gov. Terry McAuliffe (D)``); in a
photo caption ``Joe Biden (R)`` is the man on the right."""


def party_tags(text: str, names: Mapping[str, Sequence[str]]) -> dict[str, Span]:
    """For each key, the first party-state tag written right after one of its ``names`` (the forms the
    article writes the person by: the full name, a lexicon variant, the family name where no one else of the
    article has it). A bare party letter counts after a lawmaker's title only, and only ``D``, ``R`` or ``I``.

    >>> party_tags("President Joe Biden (R) shakes hands with Xi Jinping (L).", {"b": ["Joe Biden"], "x": ["Xi Jinping"]})
    {}
    >>> party_tags("Sen. Tim Scott (R-South Carolina) and Rep. Ann Lee (D\u2014Vermont) spoke.", {"s": ["Tim Scott"],
    ...            "l": ["Ann Lee"]})["s"].text
    'R-South Carolina'
    """
    out: dict[str, Span] = {}
    for key, forms in names.items():
        best: Span | None = None
        for form in dict.fromkeys(f for f in forms if f):
            at = text.find(form)
            while at >= 0:
                end = at + len(form)
                if (at == 0 or not text[at - 1].isalnum()) and not text[end:end + 1].isalnum():
                    m = TAG.match(text, end)
                    bare = m is not None and "-" not in m.group(1) and not any(d in m.group(1) for d in "\u2010\u2011\u2013\u2014")
                    if m is not None and bare and (m.group(1) not in ("D", "R", "I")
                                                   or not _TITLED.search(text, max(0, at - 30), at)):
                        m = None
                    if m is not None and (best is None or m.start(1) < best.start):
                        best = Span.of(text, m.start(1), m.end(1))
                        break
                at = text.find(form, at + 1)
        if best is not None:
            out[key] = best
    return out
