"""The person the story has just turned to: the subject of the latest sentence, since the previous statement, that names a person.

``Wu Qiang, an independent analyst, was blunter. "This is ...," he said.``: the ``he`` is Wu Qiang, not the
speaker of the quote before. A news paragraph introduces its next speaker as the subject of a sentence of
narration and then quotes them with a pronoun; this module finds that subject for the pronoun resolver.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..lexicon import Lexicon
from ..lexicon.names import fold
from ..parse import Document, Sentence, Word
from ..records import Mention, Span, SpanSet, Speaker
from .groups import _name_in_run
from .mentions import NOT_NAMES, given_names
from .names import MIN_SPELLING_RATIO
from .seen import PeopleSeen

SUBJECT_RELATIONS = ("nsubj", "nsubj:pass")
SUBORDINATORS = frozenset({"while", "although", "though", "as", "when", "if", "because", "after", "before", "since",
                           "unless", "whereas", "once", "until"})


def _subject_words(sent: Sentence) -> list[Word]:
    """The words of the sentence's subject name: the root's nominal subject with its compound and flat
    parts when the sentence is parsed, else the last run of proper nouns before its first verb."""
    words = sent.words
    if sent.parsed:
        root = next((w for w in words if w.head == -1), None)
        if root is None:
            return []
        subj = next((w for w in words if w.head == root.index and w.deprel in SUBJECT_RELATIONS), None)
        if subj is None or subj.upos != "PROPN":
            return []
        parts = [w for w in words if w.head == subj.index and w.deprel in ("compound", "flat", "flat:name")
                 and w.upos == "PROPN"]
        name = sorted([subj, *parts], key=lambda w: w.index)
        return name if name[-1].index - name[0].index == len(name) - 1 else [subj]
    if words and (words[0].upos == "SCONJ" or words[0].text.lower() in SUBORDINATORS):
        # "While Obama had ..., that has not been happening": the main clause comes after the comma
        comma = next((w.index for w in words if w.text == ","), None)
        words = words[comma + 1:] if comma is not None else ()
    runs: list[list[Word]] = [[]]
    for w in words:
        if w.upos in ("VERB", "AUX"):
            break
        if w.upos == "PROPN" and w.text[:1].isupper() and w.text.lower() not in NOT_NAMES:
            if runs[-1] and runs[-1][-1].index != w.index - 1:
                runs.append([])
            runs[-1].append(w)
        elif runs[-1]:
            runs.append([])
    named = [r for r in runs if r]
    # the subject's head is its last noun: "New York City Public Advocate Trish James joined ..."
    return named[-1] if named else []


def _person_named(doc: Document, run: list[Word], mentions: Sequence[Mention],
                  people_seen: Sequence[tuple[int, Speaker]], lexicon: Lexicon, date: dt.date) -> Speaker | None:
    """The person a subject's name stands for: a lexicon person mentioned there, a person the article
    named before (a surname), else a full name the lexicon does not know."""
    span = Span.of(doc.text, run[0].start, run[-1].end)
    # the mentions are in text order: only those starting near the run can overlap it
    lo = bisect.bisect_left(mentions, span.start - 400, key=lambda m: m.span.start)
    hi = bisect.bisect_left(mentions, span.end, key=lambda m: m.span.start)
    for m in mentions[lo:hi]:
        if m.span.overlaps(span) and m.speaker.kind == "person":
            return m.speaker
    key = fold(run[-1].text)
    if isinstance(people_seen, PeopleSeen):
        found = sorted([*people_seen.written(span.text, before=span.end), *people_seen.with_family(key, before=span.end)],
                       key=lambda x: x[0])
        people = [x for x in found if x[1].kind == "person"]
        return people[-1][1] if people else (_name_in_run(doc, run, lexicon, date) if len(run) >= 2 else None)
    for _, sp in reversed(people_seen):
        if sp.kind == "person" and sp.name and (fold(sp.name) == fold(span.text) or fold(sp.name.split()[-1]) == key):
            return sp
    if len(run) >= 2:
        return _name_in_run(doc, run, lexicon, date)
    return None


CALENDAR_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                            "february", "march", "april", "june", "july", "august", "september", "october",
                            "november", "december"})
"""Capitalised words that end no personal name (``May`` and ``Mark`` left out: names too)."""


def named_people(doc: Document, mentions: Sequence[Mention], lexicon: Lexicon, date: dt.date) -> list[tuple[int, Speaker]]:
    """People the article names in full that the lexicon does not know, with their positions: runs of two
    or three proper nouns that read as a personal name (:func:`quotes.speakers.groups._name_in_run`) and
    either open with a given name (``Kevin McKinley``) or end with a name the article writes alone
    elsewhere, perhaps spelt otherwise (``Tyresha McClenney`` ... ``McLenney said``). A bare surname or a
    ``she`` later can be them."""
    given = given_names(lexicon)
    alone = Counter(fold(w.text) for sent in doc.sentences for w in sent.words
                    if w.upos == "PROPN" and w.text[:1].isupper()
                    and (len(w.text) >= 4 or (len(w.text) >= 2 and not w.text.isupper())))  # "Oz", not "UN"
    out: list[tuple[int, Speaker]] = []
    known = SpanSet(m.span for m in mentions if m.speaker.kind == "person")
    for sent in doc.sentences:
        words = sent.words
        if _headline(sent, doc.text):
            continue  # "Clinton Hid Past Health Problems From Public": every word capitalised, none a name's
        i = 0
        while i < len(words):
            w = words[i]
            if not (w.upos == "PROPN" and w.text[:1].isupper() and w.text.lower() not in NOT_NAMES):
                i += 1
                continue
            j = i
            while j + 1 < len(words) and words[j + 1].upos == "PROPN" and words[j + 1].text[:1].isupper() and j - i < 3 \
                    and words[j + 1].text.lower() not in CALENDAR_NAMES:  # "in Florida Friday": no one's name
                j += 1
            run = list(words[i:j + 1])
            first_given = next((k for k, x in enumerate(run) if fold(x.text) in given), 0)
            if 0 < first_given <= len(run) - 2:
                run = run[first_given:]  # "Miss Universe Alicia Machado": the name opens with its given name
            span = Span.of(doc.text, run[0].start, run[-1].end)
            if j > i and not known.overlaps(span):
                person = _name_in_run(doc, run, lexicon, date)
                if person is not None and person.name and (
                        fold(person.name.split()[0]) in given or _written_alone(fold(run[-1].text), alone)):
                    out.append((run[0].start, person))
            i = j + 1
    return out


def _headline(sent: Sentence, text: str = "") -> bool:
    """Whether a sentence is written in title case, as a headline: five or more words of four letters or more,
    nearly all capitalised; or, alone in its paragraph and of eight words at most, two or more such words all
    capitalised (a section heading: ``An Ambitious, Divisive Legacy.``)."""
    long = [w.text for w in sent.words if len(w.text) >= 4 and w.text.isalpha()]
    if len(long) >= 5 and sum(w[:1].isupper() for w in long) >= 0.9 * len(long):
        return True
    before, after = text[max(0, sent.start - 5):sent.start].rstrip(" \t"), text[sent.end:sent.end + 5].lstrip(" \t")
    alone = bool(text) and (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
    return alone and len(sent.words) <= 9 and len(long) >= 2 and all(w[:1].isupper() for w in long)


def _written_alone(family: str, counts: Counter[str]) -> bool:
    """Whether the article writes this family name (folded) more often than in the one full name, or a
    name spelt almost like it (``McLenney`` for ``McClenney``)."""
    if counts[family] >= 2:
        return True
    return len(family) >= 5 and any(other != family and fuzz.ratio(family, other) >= MIN_SPELLING_RATIO
                                    for other in counts)


def introduced_person(doc: Document, after: int, before: int, *, mentions: Sequence[Mention],
                      people_seen: Sequence[tuple[int, Speaker]], quoted: Sequence[Span], lexicon: Lexicon,
                      date: dt.date) -> tuple[int, Speaker] | None:
    """The person subject of the latest sentence of narration lying wholly between ``after`` (the previous
    statement's cue) and ``before`` (this one's), with its position; sentences that hold reported words
    (``quoted``: every statement's content) do not count. None when no such sentence names a person."""
    reported = quoted if isinstance(quoted, SpanSet) else SpanSet(quoted)
    sents = []
    for s in doc.sentences_from(after + 1):
        if s.end > before:
            break
        if after < s.start and not reported.overlaps(s):
            sents.append(s)
    for k, sent in enumerate(reversed(sents)):
        if _headline(sent, doc.text):
            continue  # a heading ("An Ambitious, Divisive Legacy.") is no narration that turns to a person
        run = _subject_words(sent)
        earlier = people_seen if isinstance(people_seen, PeopleSeen) else [p for p in people_seen if p[0] < sent.end]
        person = _person_named(doc, run, mentions, earlier, lexicon, date) if run else None
        if person is not None:
            return run[0].start, person
        if k == 0 and not doc.text[sent.end:before].strip("\n ").startswith(tuple("“\"‘'")):
            continue
        if k == 0:
            # the sentence right before a quotation names its speaker last: "... concerns Henry Crespo,
            # president of the caucus. 'No one is writing songs for Hillary,' he said."
            lo = bisect.bisect_left(earlier, sent.start, key=lambda p: p[0])
            hi = bisect.bisect_left(earlier, sent.end, key=lambda p: p[0])
            inside = [p for p in earlier[lo:hi] if p[1].kind == "person"]
            if inside:
                return inside[-1]
    return None
