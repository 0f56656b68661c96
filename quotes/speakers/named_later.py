"""Anonymous descriptions resolved to the person the next paragraph names while restating the claim."""

from __future__ import annotations

import attrs

from ..lexicon import Lexicon
from ..lexicon.names import fold
from ..records import Quote
from .confidence import CONFIDENCE
from .pronouns import _paragraphs_between

NAMED_LATER_HEADS = {"official", "diplomat", "aide", "spokesman", "spokeswoman", "spokesperson", "minister",
                     "lawmaker", "adviser", "advisor", "envoy", "ambassador", "general", "commander", "negotiator"}


NAMED_LATER_RANKS = {"senior", "top", "high-ranking", "leading", "former", "key", "veteran", "powerful", "prominent"}


NAMED_LATER_SHARED = 3
"""Content words the described statement and the named one must share (``Moscow``, ``sanctions``, ``nuclear``)."""


_FUNCTION_WORDS = {"that", "this", "with", "from", "over", "into", "could", "would", "will", "should", "their",
                   "they", "them", "have", "been", "were", "which", "what", "when", "there", "about", "also"}


def _content_words(quote: Quote) -> set[str]:
    words = {w.strip(".,;:!?\"'“”‘’()").lower() for c in quote.content for w in c.text.split()}
    return {w for w in words if len(w) >= 4 and w.isalpha() and w not in _FUNCTION_WORDS}


def _named_later(text: str, quotes: list[Quote], lexicon: Lexicon) -> list[Quote]:
    """News copy often introduces a speaker by description and names them a paragraph later, restating the
    claim: "A senior Russian official also warned that Moscow could ... opt out of the last remaining
    nuclear arms pact ... / Dmitry Medvedev, deputy head of Russia's Security Council, said the sanctions
    ... suggesting Russia could opt out of the New Start nuclear arms control treaty". An indefinite
    description (``a``/``an``, a role noun) becomes the person named as the source of a statement within
    the next two paragraphs when that statement shares :data:`NAMED_LATER_SHARED` content words with the
    described one and the description's other words (``Russian``) are borne out by the named source
    (``Russia's Security Council``). A description with nothing but a rank ("an aide", "a veteran diplomat")
    stays anonymous: in PolNeAR train the person named next was someone else both times."""
    out = list(quotes)
    for i, q in enumerate(quotes):
        if q.speaker.kind != "anonymous" or q.source is None or q.cue is None:
            continue
        words = fold(q.source.text).split()
        if len(words) < 2 or words[0] not in ("a", "an") or words[-1] not in NAMED_LATER_HEADS:
            continue
        modifiers = [w for w in words[1:-1] if w not in NAMED_LATER_RANKS]
        if not modifiers:  # "an aide", "a veteran diplomat": nothing to tie the description to a name
            continue
        said = _content_words(q)
        for later in quotes[i + 1:]:
            if later.cue is None or _paragraphs_between(text, q.cue.start, later.cue.start) > 2:
                break
            if later.speaker.kind != "person" or later.resolution not in ("cue-subject", "apposition") or later.source is None:
                continue
            same = [x for x in quotes[i + 1:] if x.speaker == later.speaker and x.cue is not None
                    and _paragraphs_between(text, later.cue.start, x.cue.start) == 0]
            shared = said & set().union(*(_content_words(x) for x in same))
            if len(shared) < NAMED_LATER_SHARED:
                continue
            named = fold(later.source.text)
            if all(m in named or (lexicon.country_of_adjective(m) or "\0").lower() in named for m in modifiers):
                out[i] = attrs.evolve(q, speaker=later.speaker, resolution="named-later", confidence=CONFIDENCE["named-later"])
            break
    return out
