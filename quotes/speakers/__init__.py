"""Source mentions -> speakers: names, titles, appositions, pronouns and bare surnames.

Works on one parsed article at a time. First every person mention in the article is found (runs of
proper nouns the lexicon knows, with the title written in front of them); then each attribution's
source is resolved, in this order: a person named in the source (``Foreign Minister Wang Yi``,
``Dmitry Medvedev, deputy head of ...``; not when the source is someone speaking for them, ``A
spokeswoman for Hillary Clinton``, or a text by them, ``A 2014 study by ... Justin Levitt``), a bare
surname or ``Mr. Wang`` (the one person of that name in the article, named before it or, in a headline,
after it; *ambiguous* when the article has two; a person linked to no one when only the lexicon has
several), a pronoun (the most recent compatible person, preferring the previous speaker), a title
without a name (the holder of that office at the article's date), a definite description (``the
judge``: the person named before whose titles hold that role; ``the director``: the one person named
since the previous paragraph began), an organisation or document, an anonymous description; else
unresolved. Last, an indefinite description that the next paragraph names
while restating the claim ("A senior Russian official warned ..." / "Dmitry Medvedev, deputy head of
Russia's Security Council, said ...") becomes that person (``named-later``), and so does a headline's or
lede's description the story then names (``Retired General`` / ``Retired U.S. Air Force Gen. Norman
Ham``).

Each person speaker then gets the title the article writes next to their name at its fullest
(:mod:`quotes.speakers.titles`); where it writes none, the description that can only be them (``Hillary
Clinton would be in line for a historic landslide. / The Democratic presidential nominee has been endorsed
...``: :mod:`quotes.speakers.described`).
"""


from __future__ import annotations

from .mentions import find_mentions
from .resolve import resolve_speakers

__all__ = ["find_mentions", "resolve_speakers"]
