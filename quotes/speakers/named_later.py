"""Anonymous descriptions resolved to the person the next paragraph names while restating the claim."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..lexicon import Lexicon
from ..lexicon.names import fold
from ..records import Quote, Span, Speaker
from .confidence import CONFIDENCE
from .mentions import given_names
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


DESCRIBED_REACH = 3
"""Paragraphs after a described speaker within which the person who is named in full may be them."""

_ABBREVIATED = {"gen": "general", "sen": "senator", "sens": "senators", "rep": "representative", "gov": "governor",
                "dr": "doctor", "lt": "lieutenant", "col": "colonel", "atty": "attorney", "sec": "secretary",
                "prof": "professor", "supt": "superintendent", "amb": "ambassador", "adm": "admiral"}
_DESCRIPTION_STOP = {"a", "an", "the", "of", "for", "at", "in", "on", "and", "to", "s", "former", "one", "his", "her",
                     "their", "its", "who", "was", "is", "has", "with", "from", "by", "as"}


SAME_ROLE = {"justice": "judge", "attorney": "lawyer", "counsel": "lawyer", "physician": "doctor", "gop": "republican",
             "spokeswoman": "spokesman", "spokesperson": "spokesman", "chairwoman": "chairman", "chair": "chairman",
             "congressman": "lawmaker", "congresswoman": "lawmaker", "representative": "lawmaker",
             "candidate": "nominee",
             "democrat": "democratic", "strategist": "adviser", "advisor": "adviser", "consultant": "adviser"}
"""Words a description and a title use for one role (``the judge`` of ``Justice Frank Nervo``), each read as
the word it maps to."""


def _words(text: str) -> set[str]:
    """The content words of a description or title, folded, abbreviations written out (``Gen.`` ->
    ``general``), one word for one role (:data:`SAME_ROLE`: ``Justice`` -> ``judge``), possessives and stop
    words left out."""
    out = set()
    for w in fold(text).replace("’", "'").split():
        w = w.strip(".,;:()\"'“”‘’").removesuffix("'s")
        w = _ABBREVIATED.get(w, w)
        w = SAME_ROLE.get(w, w)
        if w and w not in _DESCRIPTION_STOP and not w.isdigit():
            out.add(w)
    run: list[str] = []  # "Democratic National Committee" is also "dnc"
    for w in [*text.split(), ""]:
        if w[:1].isupper() and w.isalpha():
            run.append(w)
            continue
        if len(run) >= 2:
            out.add("".join(x[0] for x in run).lower())
        run = []
    return out


_ROLE_HEADS = {"chairman", "chairwoman", "commissioner", "director", "spokesman", "spokeswoman", "executive", "founder",
               "general", "doctor", "physician", "judge", "governor", "senator", "mayor", "lawyer", "attorney"}
_QUANTIFIERS = {"one", "some", "several", "many", "most", "two", "three", "four", "few", "number", "all", "both"}


def _described(sp: Speaker, lexicon: Lexicon | None = None) -> bool:
    """A speaker that is a description, not a name (``A former DNC chairman``, ``Connecticut's tax
    commissioner``, ``Retired General``); with ``lexicon``, only a description of one person: its last word a
    person's role or title in the singular, no quantifier (``one official``, ``Obama's aides``: no)."""
    if sp.kind not in ("anonymous", "person") or sp.person_id or not sp.name:
        return False
    words = sp.name.split()
    lone_role = len(words) == 1 and lexicon is not None and (
        fold(words[0]) in _ROLE_HEADS or fold(words[0]) in {"lawmaker", "senator", "judge", "official"})
    # a headline's role in title case: "Retired General Reveals ...", "Former White House Doctor"
    headline_role = len(words) >= 2 and lexicon is not None and fold(words[-1]) in _ROLE_HEADS \
        and not any(fold(w) in given_names(lexicon) for w in words[:-1])
    if not (sp.kind == "anonymous" or words[0].lower() in ("the", "a", "an") or any(w[:1].islower() for w in words)
            or lone_role or headline_role):  # a headline's "Judge rejects ...", "Lawmaker urges ..."
        return False
    if lexicon is None:
        return True
    cut = next((i for i, w in enumerate(words) if i and w.lower() in ("for", "of", "to")), len(words))
    head = fold(words[cut - 1]).strip(".,;:")  # "A spokeswoman for Hillary Clinton": spokeswoman
    if any(fold(w) in _QUANTIFIERS for w in words[:2]):
        return False
    return head in lexicon.words("person-head") or lexicon.is_title_word(words[-1]) or head in _ROLE_HEADS


def described_then_named(text: str, quotes: Sequence[Quote], lexicon: Lexicon) -> tuple[Quote, ...]:
    """A headline or lede describes a speaker that the story names soon after ("A former Democratic National
    Committee chairman says ..." / "... said Don Fowler, who helmed the DNC"; "Retired General Reveals ..." /
    "Retired U.S. Air Force Gen. Norman Ham"): the description's quotes become the person's, when within
    :data:`DESCRIBED_REACH` paragraphs after it exactly one person is first named (never written before the
    description) as a speaker, and the person's title as the article writes it, or their office, shares a
    content word with the description (abbreviations written out); else the one such person named in the next
    paragraph whom the article gives no title or office at all ("Connecticut's tax commissioner says ..." /
    "Kevin Sullivan says ..."). The description then becomes the person's title where it says more. A
    description nothing ties to a name stays as it is."""
    out = list(quotes)
    first_seen: dict[str, int] = {}  # a candidate's name -> where the text first writes it (found once, lazily)

    def first_at(name: str) -> int:
        if name not in first_seen:
            first_seen[name] = text.find(name)
        return first_seen[name]

    linked: dict[str, list[Span]] = {}
    people: dict[str, Speaker] = {}
    for i, q in enumerate(quotes):
        sp = q.speaker
        if not _described(sp, lexicon) or q.source is None or q.cue is None:
            continue
        desc = _words(sp.name or "")
        if not desc:
            continue
        found: dict[str, Quote] = {}
        untitled: list[Quote] = []  # the first person named next with no title at all, in the next paragraph
        for later in quotes[i + 1:]:
            if later.cue is None or _paragraphs_between(text, q.cue.start, later.cue.start) > DESCRIBED_REACH:
                break
            lp = later.speaker
            key = lp.key or lp.name or ""
            if lp.kind != "person" or _described(lp) or not lp.name or len(lp.name.split()) < 2 \
                    or not first_at(lp.name) >= 0 or first_at(lp.name) < q.source.end:
                continue  # a person named before the description is someone else
            said = _words(" ".join(x for x in ((lp.title.text if lp.title else ""), lp.office or "") if x))
            if desc & said:
                found.setdefault(key, later)
            elif not said and not found and not untitled and \
                    _paragraphs_between(text, q.cue.start, later.cue.start) <= 1:
                untitled.append(later)  # "Connecticut's tax commissioner says ..." / "Kevin Sullivan says ..."
        if not found and len(untitled) == 1:
            lp = untitled[0].speaker
            found[lp.key or lp.name or ""] = untitled[0]
        if len(found) != 1:
            continue
        (key, named), = found.items()
        people[key] = named.speaker
        for k in range(i, len(quotes)):
            if out[k].speaker == sp and out[k].start < named.start:
                out[k] = attrs.evolve(out[k], speaker=named.speaker, resolution="named-later",
                                      confidence=CONFIDENCE["named-later"])
        start = q.source.start + (len(q.source.text) - len(q.source.text.lstrip()))
        first = q.source.text.split()[0].lower() if q.source.text.split() else ""
        if first in ("a", "an", "the"):
            start += len(q.source.text.lstrip().split()[0]) + 1
        linked.setdefault(key, []).append(Span.of(text, start, q.source.end))
    for key, spans in linked.items():  # the description as the person's title where it says more
        best = max(spans, key=lambda s: len(s.text))
        current = people[key].title
        first = current.text.split()[0] if current is not None and current.text.split() else ""
        clause = first[:1].islower() and first.endswith(("ed", "s")) and first not in ("former", "was", "is")
        headline = all(w[:1].isupper() for w in best.text.split())  # "Former White House Doctor": title case
        if current is None or ((clause or len(best.text) > len(current.text)) and not headline):
            # a noun phrase before "chaired ..."; a headline's words only where the story gives none
            for k, q in enumerate(out):
                if q.speaker.key == key or (q.speaker.name == people[key].name and q.speaker.kind == "person"):
                    out[k] = attrs.evolve(q, speaker=attrs.evolve(q.speaker, title=best))
    return tuple(out)
