"""The title or role an article gives a person, as written: ``Clinton campaign spokesman`` before the name,
``a Korea scholar at the Center for Strategic and International Studies`` after it, ``of National Review``.

Most people quoted in news are in no lexicon; what the article says they are is often all there is to know,
and all a copy desk can hold a draft's titles against. :func:`title_as_written` reads it from every full
mention of the person in the article and keeps the fullest.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lexicon import Lexicon
from ..parse import Document, Sentence, Word
from ..records import Span
from .groups import ROLE_WORDS

MAX_APPOSITION_WORDS = 16
"""Longest apposition read as a description (``Victor Cha, a Korea scholar at ...,``)."""

_CALENDAR = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "today", "yesterday",
    "last", "next", "this", "week", "weekend", "month", "year", "night", "morning", "afternoon", "evening", "earlier",
})
_APPOSITION_STOP = frozenset({"who", "which", "whose", "said", "says", "told", "added", "wrote", "and", "but", "that"})


def _abbreviation(w: Word) -> bool:
    return w.text.endswith(".") and 3 <= len(w.text) <= 5 and w.text[:1].isupper()


def _split_abbreviation(words: Sequence[Word], k: int) -> bool:
    """Whether ``words[k]`` is a full stop the tokenizer cut from the short capitalised word it ends (``Rep``
    ``.``, ``Gov`` ``.``)."""
    if k < 1 or k >= len(words) or words[k].text != ".":
        return False
    head = words[k - 1]
    return head.end == words[k].start and 2 <= len(head.text) <= 4 and head.text[:1].isupper() and head.text.isalpha()


def _premodifier(sent: Sentence, i: int, lexicon: Lexicon) -> tuple[Word, Word] | None:
    """The words right before a name that describe the person (``Former Pennsylvania Gov.``)."""
    words = sent.words
    j = i
    while j > 0:
        w = words[j - 1]
        if w.text in ("'s", "’s") and j >= 2 and words[j - 2].upos in ("PROPN", "NOUN"):
            j -= 1
            continue
        if w.upos in ("PROPN", "NOUN", "ADJ") or _abbreviation(w):
            j -= 1
            continue
        if _split_abbreviation(words, j - 1):
            j -= 2  # "Rep" "." as the tokenizer may cut "Rep."
            continue
        if w.text == "-" and j >= 2 and words[j - 2].end == w.start and w.end == words[j].start:
            j -= 1  # "Virginia AFL-CIO President": a hyphen inside a name
            continue
        if w.text == "of" and j >= 2 and words[j - 2].text[:1].isupper() and words[j - 2].upos in ("PROPN", "NOUN"):
            j -= 1  # "Secretary of State John Kerry"
            continue
        break
    run = list(words[j:i])
    while run and (run[0].text.lower() in _CALENDAR or run[0].text in ("'s", "’s")):
        run = run[1:]
    while run and lexicon.is_honorific(run[-1].text.rstrip(".")) and not (
            len(run) >= 2 and run[-2].text.lower() in ("first", "second")):  # "first lady" is a title
        run = run[:-1]  # "Clinton adviser Mr. ...": the honorific is no part of the title
    if not run or all(lexicon.is_honorific(w.text.rstrip(".")) for w in run):
        return None
    if not any(w.upos == "NOUN" or _abbreviation(w) or lexicon.is_title_word(w.text) or w.text.lower() in ROLE_WORDS
               or (w.text == "." and _split_abbreviation(run, k)) for k, w in enumerate(run)):
        return None  # "Democrat Hillary Clinton" is a title; "Chicago's Rahm Emanuel" is not
    return run[0], run[-1]


def _proper(w: Word) -> bool:
    """A word of a proper name: tagged so, or a capitalised adjective the tagger gave a proper noun's tag
    (``National`` of ``National Review``)."""
    return w.upos == "PROPN" or (w.xpos.startswith("NNP") and w.text[:1].isupper())


def _apposition(sent: Sentence, k: int) -> tuple[Word, Word] | None:
    """The description after a name: ``, a Columbia University surgeon,`` or ``of National Review``."""
    words = sent.words
    if k >= len(words):
        return None
    if words[k].text == "of" and k + 1 < len(words) and _proper(words[k + 1]):
        end = k + 1
        while end + 1 < len(words) and (_proper(words[end + 1]) or words[end + 1].text in ("of", "the")):
            end += 1
        while words[end].text in ("of", "the"):
            end -= 1
        return words[k], words[end]
    if words[k].text != ",":
        return None
    run: list[Word] = []
    for w in words[k + 1:]:
        if (w.upos == "PUNCT" and w.text not in ("-", "–", "'s", "’s")) or w.text.lower() in _APPOSITION_STOP:
            break
        if w.upos in ("VERB", "AUX") and w.xpos not in ("VBN", "VBG"):
            return None  # "Fallon, speaking ... said": a clause, not a description
        run.append(w)
        if len(run) > MAX_APPOSITION_WORDS:
            return None
    if not run or not any(w.upos == "NOUN" for w in run):
        return None  # "Fallon, 45," or a place
    if run[0].upos not in ("DET", "NOUN", "ADJ", "PROPN"):
        return None
    return run[0], run[-1]


def _name_end(text: str, words: Sequence[Word], i: int, name: str) -> int | None:
    """The index of the word after ``name`` when it is written from ``words[i]`` on (its words as the tokenizer
    cut them: a hyphenated name is three), else None."""
    start = words[i].start
    for j in range(i, len(words)):
        written = text[start:words[j].end]
        if written == name:
            return j + 1
        if len(written) >= len(name):
            return None
    return None


def title_as_written(doc: Document, names: Sequence[str], lexicon: Lexicon, *, family: str | None = None) -> Span | None:
    """The fullest description the article writes next to any of ``names`` (a person's full name as
    written; its variants), or None.

    A description before the name reads proper nouns, nouns, adjectives and abbreviations back from it
    (``Clinton campaign spokesman Brian Fallon``; weekdays and honorifics left out); one after it is an
    apposition between commas that holds a noun and no finite verb (``Victor Cha, a Korea scholar at the
    Center for Strategic and International Studies, said``) or ``of`` and a proper name (``Mark Z. Barabak
    of the Los Angeles Times``). With ``family`` (a person no lexicon knows), descriptions next to the family
    name alone count too."""
    text = doc.text
    best: Span | None = None
    wanted = [n.split() for n in names if n and len(n.split()) >= 2]
    if family:
        wanted.append([family])  # "Fallon, the campaign's press secretary, said": the family name alone
    places = sorted({place for parts in wanted for place in doc.where.get(parts[0], ())})
    for n, i in places:
        sent = doc.sentences[n]
        words = sent.words
        w = words[i]
        for parts in wanted:
            if w.text != parts[0] and not parts[0].startswith(w.text + "-"):
                continue
            end = _name_end(text, words, i, " ".join(parts))  # "Holtz-Eakin" is three words to the tokenizer
            if end is None:
                continue
            if len(parts) == 1 and ((i > 0 and words[i - 1].upos == "PROPN") or (i + 1 < len(words)
                                    and words[i + 1].upos == "PROPN")):
                continue  # the family name inside a full name (read above) or another name
            before = _premodifier(sent, i, lexicon)
            if i == 0 and n > 0 and doc.sentences[n - 1].words and _abbreviation(doc.sentences[n - 1].words[-1]):
                # a splitter that ended a sentence at "Gov." cut the title from its name
                prev = doc.sentences[n - 1]
                before = _premodifier(prev, len(prev.words), lexicon)
            for found in (before, _apposition(sent, end)):
                if found is None:
                    continue
                span = Span.of(text, found[0].start, found[1].end)
                if best is None or len(span.text) > len(best.text):
                    best = span
    return best
