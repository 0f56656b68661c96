"""Source mentions -> speakers: names, titles, appositions, pronouns and bare surnames.

Works on one parsed article at a time. First every person mention in the article is found (runs of
proper nouns the lexicon knows, with the title written in front of them); then each attribution's
source is resolved, in this order: a person named in the source (``Foreign Minister Wang Yi``,
``Dmitry Medvedev, deputy head of ...``), a bare surname or ``Mr. Wang`` (the one person of that
name in the article; *ambiguous* when the article has two), a pronoun (the most recent compatible
person, preferring the previous speaker), a title without a name (the holder of that office at the
article's date), an organisation or document, an anonymous description; else unresolved. Last, an
indefinite description that the next paragraph names while restating the claim ("A senior Russian
official warned ..." / "Dmitry Medvedev, deputy head of Russia's Security Council, said ...") becomes
that person (``named-later``).
"""


from __future__ import annotations

from .mentions import find_mentions
from .resolve import resolve_speakers

__all__ = ["find_mentions", "resolve_speakers"]
