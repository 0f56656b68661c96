"""Pronouns and relative pronouns: the person a he/she/they stands for (gender, recency), the noun a 'which' stands for."""

from __future__ import annotations

from collections.abc import Sequence

from ..attribution.records import RELATIVE_PRONOUNS, TIME_NOUNS
from ..lexicon import Lexicon
from ..parse import Document, Word
from ..records import UNRESOLVED, Resolution, Span, Speaker
from .confidence import CONFIDENCE
from .mentions import _sentence_at, given_name_gender

PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "it": "n", "i": "", "we": "p"}


def _antecedent(doc: Document, pronoun: Span) -> Span | None:
    """The run of nouns and names right before a relative pronoun (punctuation between allowed)."""
    sent = _sentence_at(doc, pronoun.start)
    if sent is None:
        return None
    before = [w for w in sent.words if w.end <= pronoun.start]
    while before and before[-1].upos == "PUNCT":
        before.pop()
    if before and before[-1].text.lower() in ("and", "but", "or"):
        # "China, which did not ... and which had accused ...": the second stands for what the first does
        earlier = next((w for w in reversed(before) if w.text.lower() in RELATIVE_PRONOUNS), None)
        return _antecedent(doc, Span.of(doc.text, earlier.start, earlier.end)) if earlier is not None else None
    if pronoun.text.lower() == "who":
        named = _described_name(before)
        if named is not None:  # "Heather Samuelson, a campaign staffer-turned-legal assistant who made ..."
            return Span.of(doc.text, named[0].start, named[-1].end)
    run: list[Word] = []
    while before and before[-1].upos in ("NOUN", "PROPN"):
        run.insert(0, before.pop())
    while len(run) > 1 and run[0].text.islower() and run[0].text in TIME_NOUNS:
        run.pop(0)  # "This week Beijing, which ...": the time phrase is not part of the name
    if run and run[-1].upos == "NOUN":
        # "China is the only major government that ...": the government is the subject of the copula
        k = len(before)
        while k and before[k - 1].upos in ("ADJ", "DET", "ADV"):
            k -= 1
        if k >= 2 and before[k - 1].lemma == "be" and before[k - 2].upos == "PROPN":
            j = k - 2
            while j and before[j - 1].upos == "PROPN":
                j -= 1
            run = before[j:k - 1]
    return Span.of(doc.text, run[0].start, run[-1].end) if run else None


def _described_name(before: Sequence[Word]) -> list[Word] | None:
    """The name an apposition right before ``who`` describes (``John Bentel, a tech staffer at the State
    Department who``: John Bentel, not the department), or None: the apposition opens with a determiner, an
    adjective or a noun, has a common noun and no verb, no common noun after a preposition (``the father of a
    soldier who``: the soldier), and the words before its comma are a name."""
    from .titles import MAX_APPOSITION_WORDS  # the titles' own limit (titles -> groups -> pronouns: imported here)

    k = len(before)
    while k and before[k - 1].text != "," and k > len(before) - MAX_APPOSITION_WORDS - 1:
        w = before[k - 1]
        hyphened = k < len(before) and before[k].text == "-" and before[k].start == w.end  # "staffer-turned-legal"
        if (w.upos in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") and not hyphened) or (
                w.upos == "PUNCT" and w.text not in ("-", "–", "'s", "’s")):
            return None
        k -= 1
    inner = before[k:]
    if not k or before[k - 1].text != "," or not inner or inner[0].upos not in ("DET", "ADJ", "NOUN") or \
            not any(w.upos == "NOUN" and w.text[:1].islower() for w in inner):
        return None
    link = next((n for n, w in enumerate(inner) if w.upos == "ADP"), None)
    if link is not None and any(w.upos == "NOUN" and w.text[:1].islower() for w in inner[link + 1:]):
        return None  # "Khizr Khan, the father of a soldier who said ...": the soldier, whom the clause describes
    j = k - 1
    while j and before[j - 1].upos == "PROPN" and before[j - 1].text[:1].isupper():
        j -= 1
    name = list(before[j:k - 1])
    return name if len(name) >= 2 else None


def _pronoun(word: str, at: int, people_seen: Sequence[tuple[int, Speaker]], previous: Speaker | None,
             lexicon: Lexicon, *, introduced: Speaker | None = None) -> tuple[Speaker, Resolution, float]:
    """The speaker a pronoun source stands for: the person the story turned to since the previous statement
    (``introduced``: the subject of a sentence of narration), else the previous speaker, else the latest
    person named before, each only when the pronoun's gender fits."""
    want = PRONOUNS[word]
    if want in ("m", "f"):
        def ok(sp: Speaker) -> bool:
            if sp.kind != "person":
                return False
            if sp.person_id is None:
                return given_name_gender(sp.name or "", lexicon) in ("", want)
            # the lexicon's gender, else the given name's (many office holders have none recorded)
            g = lexicon.person(sp.person_id).gender or given_name_gender(sp.name or "", lexicon)
            return g in ("", want, "x")
        if introduced is not None and ok(introduced) and introduced != previous:
            return introduced, "pronoun", CONFIDENCE["pronoun-introduced-subject"]
        if previous is not None and (ok(previous) or previous.kind == "ambiguous"):
            return previous, "pronoun", CONFIDENCE["pronoun-previous-speaker" if previous.kind == "person" else "pronoun-previous-ambiguous"]
        for pos, sp in reversed(people_seen):
            if pos < at and ok(sp):
                return sp, "pronoun", CONFIDENCE["pronoun-earlier-person"]
        return UNRESOLVED, "pronoun", CONFIDENCE["pronoun-unresolved"]
    if previous is not None and ((previous.kind == "organisation" and want in ("n", "p"))
                                 or (previous.kind == "document" and want == "n")
                                 or (previous.kind == "joint" and want == "p")):
        return previous, "pronoun", CONFIDENCE["pronoun-previous-group"]
    return UNRESOLVED, "pronoun", CONFIDENCE["pronoun-unresolved"]


def _paragraphs_between(text: str, a: int, b: int) -> int:
    a, b = min(a, b), max(a, b)
    return sum(1 for line in text[a:b].split("\n")[1:] if line.strip())


