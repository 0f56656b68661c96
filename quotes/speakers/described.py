"""Titles an article gives a person by describing them instead of naming them.

News names a person once or twice and then describes them: ``If newspaper endorsements equaled victory,
Hillary Clinton would be in line for a historic landslide. / The Democratic presidential nominee has been
endorsed by dozens of papers``; ``Donald Trump's recent gains ... if the Republican nominee's pro-Russian
stance``. Such a definite description (``the``, words that qualify, a head that names a role) is what the article
says the person is, often all it says. :func:`described_titles` ties each one to the one person it can refer
to: a person named since the start of the previous paragraph, whose gender, party and role do not rule it
out. It stays untied with two or more such people, and when its own sentence names someone other than as a
possessor, before it (``Melanie said to the Republican nominee``: not Melanie, and perhaps not the one named
before either) or after it (``As the senior Democrat in the delegation, Scott ...``). A description written
in title case is a name (``The White House Doctor``, a book), and one a phrase of its own follows (``the vice
chairman of the department``, ``the first lady, Michelle Obama``, ``the activist seeking ...``) is someone
else.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..lexicon import Lexicon
from ..lexicon.names import fold
from ..parse import Document, Word
from ..records import Span, Speaker
from .named_later import _described
from .named_later import _words as _role_words

MAX_MODIFIERS = 6
"""Most words between ``the`` and the head (``the former Republican vice presidential nominee``)."""

_NOT_ROLES = frozenset({
    "man", "woman", "boy", "girl", "lady", "friend", "neighbor", "neighbour", "teen", "teenager", "student",
    "victim", "witness", "mate", "aunt", "uncle", "brother", "sister", "cousin", "daughter", "son", "father",
    "mother", "grandfather", "grandmother", "husband", "wife", "ex-husband", "ex-wife", "nephew", "niece", "widow",
    "democrat", "republican", "chief", "official", "speaker", "host", "star", "leader", "executive", "president",
    "candidate", "nominee", "incumbent", "challenger", "politician",
})
"""Person heads that say nothing of what someone does (``the woman``), that a relative or a party member
share with many (``the daughter``, ``the Republican``), or that a bare ``the`` makes another entity's
(``the chief`` of police, ``the president`` of a country or a firm, ``the speaker``): read as a title only with
a modifier that is more than an adjective of time (``the Democratic leader``, ``the Fox News host``)."""

_OTHER = frozenset({
    "other", "same", "rival", "opposing", "next", "previous", "latest", "only", "new", "second", "third", "last",
    "eventual", "two", "three", "both", "whole", "entire", "average", "typical", "future", "ideal", "real",
    "fellow", "late", "little", "young", "old", "such", "very", "one", "first",
})
"""Modifiers that point past the person named before (``the other candidate``, ``the rival nominee``) or
describe a kind, not a person (``the average voter``, ``the ideal candidate``)."""

_STOP_WORDS = frozenset({"said", "says", "told", "who", "which", "that", "and", "or"})

Occurrence = tuple[int, int, str]
"""``(start, end, key)``: where the article names a person (or a quote's source stands for them)."""


def _description(words: Sequence[Word], i: int, heads: frozenset[str], offices: frozenset[str]) -> tuple[int, str, int] | None:
    """``the ... HEAD [for president | of state]`` from ``words[i]`` (``the``): the index of its first word after
    ``the``, its head (``first lady``) and the index of its last word, or None. ``offices``: the heads of a
    description of an organisation (``the U.S. attorney's office`` is no attorney)."""
    if i >= 2 and words[i - 1].text == "," and words[i - 2].upos == "PROPN":
        return None  # "Mitch McConnell of Kentucky, the majority leader,": the name before it, read with it
    run_end = i + 1
    while run_end < len(words) and run_end - i <= MAX_MODIFIERS + 1 and (
            words[run_end].upos in ("ADJ", "NOUN", "PROPN") or words[run_end].text in ("-",)) \
            and words[run_end].text.lower() not in _STOP_WORDS:
        run_end += 1
    k = run_end - 1  # the head: the run's last word
    if k <= i:
        return None
    head = words[k].text.lower()
    two = f"{words[k - 1].text.lower()} {head}" if k - 1 > i else ""
    if two in heads:
        first_of_head, head = k - 1, two
    elif head in heads and words[k].upos in ("NOUN", "PROPN"):
        first_of_head = k
    else:
        return None
    modifiers = [w.text.lower() for w in words[i + 1:first_of_head]]
    if any(m in _OTHER for m in modifiers):
        return None
    bare = not [m for m in modifiers if m not in ("former", "current", "then", "-")]
    if bare and head in _NOT_ROLES:
        return None
    if words[k].text[:1].isupper():
        return None  # "the White House", "The White House Doctor" (a book): a name; running text writes roles
        # in lower case
    end = k
    nxt = words[k + 1] if k + 1 < len(words) else None
    if nxt is not None and nxt.upos == "PROPN" and nxt.text[:1].isupper():
        return None  # "the Republican nominee Donald Trump": a title before a name, read with the name
    if nxt is not None and nxt.text.lower() == "for" and k + 2 < len(words) and \
            words[k + 2].text.lower() in ("president", "governor", "senate", "congress", "mayor"):
        end = k + 2  # "the Republican nominee for president"
    elif nxt is not None and nxt.text.lower() == "of" and k + 2 < len(words) and words[k + 2].text.lower() == "state":
        end = k + 2  # "the former secretary of state"
    elif nxt is not None and (nxt.text.lower() in ("of", "at", "for", "from", "in", "with", "who", "whose") or (
            nxt.text == "," and k + 2 < len(words) and words[k + 2].upos == "PROPN")):
        return None  # "the vice chairman of the department", "the first lady, Michelle Obama": someone else
    if nxt is not None and nxt.upos == "VERB" and nxt.xpos in ("VBG", "VBN"):
        return None  # "the activist seeking to overthrow ...": anyone who does
    if nxt is not None and nxt.text in ("'s", "’s") and k + 2 < len(words) and words[k + 2].text.lower() in offices:
        return None  # "the U.S. attorney's office"
    return i + 1, head, end


def described_titles(
    doc: Document,
    occurrences: Iterable[Occurrence],
    people: Mapping[str, Speaker],
    titles_of: Callable[[str], tuple[Sequence[str], Sequence[str]]],
    lexicon: Lexicon,
    *,
    skip: Sequence[Span] = (),
) -> dict[str, list[Span]]:
    """For each person key, the descriptions (``Democratic presidential nominee``, without ``the``) that can
    refer to them alone. ``occurrences`` are where people are named, ``people`` the speakers by key,
    ``titles_of(key)`` the titles and offices known for a person and the titles the article writes for them (for
    the party and role checks), ``skip``
    ranges whose descriptions are read elsewhere (quotes' sources).

    >>> from quotes.parse import Sentence
    >>> w = lambda i, t, a, u: Word(i, t, a, a + len(t), t.lower(), u)
    >>> text = "Ann Lee won. The Democratic nominee spoke."
    >>> ws = (w(0, "The", 13, "DET"), w(1, "Democratic", 17, "ADJ"), w(2, "nominee", 28, "NOUN"), w(3, "spoke", 36, "VERB"))
    >>> doc = Document(text, (Sentence(0, 12, text[:12], ()), Sentence(13, 42, text[13:], ws)))
    >>> from quotes.lexicon import load_lexicon
    >>> found = described_titles(doc, [(0, 7, "Ann Lee")], {"Ann Lee": Speaker("person", name="Ann Lee")},
    ...                          lambda key: ([], []), load_lexicon())
    >>> [s.text for s in found["Ann Lee"]]
    ['Democratic nominee']
    """
    text = doc.text
    seen = sorted(occurrences)
    if not seen:
        return {}
    starts = [o[0] for o in seen]
    heads = frozenset(lexicon.words("person-head")) | frozenset(lexicon.words("story-head"))
    female, male = lexicon.words("female-head"), lexicon.words("male-head")
    offices = frozenset(lexicon.words("organisation-head"))
    from .definite import head_words, parties_disagree, roles_disagree
    from .former import never_held
    from .mentions import given_name_gender

    def gender(key: str) -> str:
        sp = people[key]
        known = lexicon.person(sp.person_id).gender if sp.person_id else ""
        return known or given_name_gender(sp.name or "", lexicon)

    def clash(key: str, desc: str, head: str) -> bool:
        g = gender(key)
        if (head in female and g == "m") or (head in male and g == "f"):
            return True
        titles, written = titles_of(key)
        pid = people[key].person_id
        if pid and never_held(desc, pid, lexicon):
            return True  # "The former secretary of state" is not Barack Obama, who never was one
        # roles from what the article writes only: a governor in the lexicon may well be the party's nominee
        return parties_disagree(_role_words(desc), _role_words(" ".join(titles))) or \
            roles_disagree(head_words(written), _role_words(head))

    skipped = sorted((s.start, s.end) for s in skip)

    def skipped_at(offset: int) -> bool:
        k = bisect.bisect_right(skipped, (offset, 1 << 62)) - 1
        return k >= 0 and skipped[k][1] > offset

    out: dict[str, list[Span]] = {}

    def fits(key: str, *, desc: str, head: str) -> bool:
        return not clash(key, desc, head)

    def refers_to(at: int, sentence_start: int, check: Callable[[str], bool]) -> str | None:
        """The one person named since the previous paragraph began, before ``at``, that ``check`` allows (in
        the sentence itself only as a possessor)."""
        candidates: set[str] = set()
        others: set[str] = set()  # "Melanie Cole told the Republican nominee": not Melanie Cole
        for start, end, key in seen[bisect.bisect_left(starts, doc.paragraph_window(at)):bisect.bisect_left(starts, at)]:
            if start >= sentence_start and text[end:end + 2] not in ("'s", "’s"):
                others.add(key)  # a person of the description's own sentence is someone else, unless its possessor
            elif key in people and not _described(people[key], lexicon):
                candidates.add(key)  # not "Former White House Doctor": a description already
        if others - candidates:
            return None  # "to represent Clinton as her lawyer during the interview of the former secretary of
            # State": whether the description is the person its sentence names cannot be told without a parse
        fitting = [key for key in candidates - others if check(key)]
        return fitting[0] if len(fitting) == 1 else None

    for sent in doc.sentences:
        words = sent.words
        for i, w in enumerate(words):
            if w.text.lower() != "the":
                continue
            found = _description(words, i, heads, offices)
            if found is None:
                continue
            first, last = words[found[0]], words[found[2]]
            if skipped_at(first.start):
                continue  # a quote's source: resolved as such
            span = Span.of(text, first.start, last.end)
            head = found[1]
            if any(key in people and text[at:at + 1].isupper()
                   for at, _, key in seen[bisect.bisect_left(starts, last.end):bisect.bisect_left(starts, sent.end)]):
                continue  # "As the senior Democrat in the delegation, Scott ...": the person after it, maybe (a
                # name; not "he", a statement of the person the description itself may be: "..., though he said")
            key = refers_to(w.start, sent.start, functools.partial(fits, desc=span.text, head=head))
            if key is not None:
                out.setdefault(key, []).append(span)
    return out


def name_occurrences(doc: Document, people: Mapping[str, Speaker]) -> list[Occurrence]:
    """Where the article writes each person's full name, or their family name when no other person of the
    article has it (``Clinton``)."""
    text = doc.text
    families: dict[str, set[str]] = {}
    for key, sp in people.items():
        parts = (sp.name or "").split()
        if parts:
            families.setdefault(fold(parts[-1]), set()).add(key)
    out: list[Occurrence] = []
    for key, sp in people.items():
        parts = (sp.name or "").split()
        if not parts:
            continue
        forms = [sp.name or ""]
        if len(parts) >= 2 and families.get(fold(parts[-1])) == {key}:
            forms.append(parts[-1])
        for form in forms:
            for n, i in doc.where.get(form.split()[0], ()):
                start = doc.sentences[n].words[i].start
                end = start + len(form)
                if text[start:end] == form and not text[end:end + 1].isalnum():
                    out.append((start, end, key))
    return out



_COPULA_STOP = frozenset({"who", "whom", "whose", "which", "that", "where", "when", "because", "but", "since",
                          "while", "if", "as", "than", "so"})
_PREPOSITIONS = frozenset({"of", "on", "at", "for", "in", "with", "from", "to", "under", "and"})
MAX_PREDICATE = 14
"""Most words of a copular description (``ranking Democrat on the House Education and the Workforce Committee``)."""


def copular_titles(doc: Document, occurrences: Iterable[Occurrence], people: Mapping[str, Speaker],
                   lexicon: Lexicon, *, quoted: Sequence[tuple[int, int]] = ()) -> dict[str, list[Span]]:
    """For each person key, what a sentence ``He is the DESCRIPTION`` says they are (``NAME is a DESCRIPTION`` is
    read with the name: :func:`quotes.speakers.titles.title_as_written`), when the description's head (its last
    noun before a preposition) names a person's role: ``He is the ranking Democrat on the House Education and the
    Workforce Committee.`` A head that says nothing of a role (:data:`_NOT_ROLES`) with only lower-case words
    before it and nothing after is an opinion (``He is a weak candidate``). The pronoun stands for the one person
    of its gender named in its paragraph before it, or, with none there, since the previous paragraph began
    (``occurrences``: where ``people`` are named); with several, the sentence is no one's. The present tense only
    (``He was the mayor``: no longer, maybe). A sentence inside ``quoted`` ranges (what someone says: ``"He is
    the worst senator in history," Lee said``) is an opinion too. A relative or a companion (``the son of a coal
    miner``, ``a friend of the victim``) is a role only with a capitalised word in it (``the ranking Democrat on
    the House ...``). Kept without ``the``, as the other descriptions are.

    >>> from quotes.parse import Sentence
    >>> w = lambda i, t, a, u: Word(i, t, a, a + len(t), t.lower(), u)
    >>> text = "Ann Lee won. She is the ranking Democrat on the Senate panel."
    >>> ws = (w(0, "She", 13, "PRON"), w(1, "is", 17, "AUX"), w(2, "the", 20, "DET"), w(3, "ranking", 24, "ADJ"),
    ...       w(4, "Democrat", 32, "PROPN"), w(5, "on", 41, "ADP"), w(6, "the", 44, "DET"), w(7, "Senate", 48, "PROPN"),
    ...       w(8, "panel", 55, "NOUN"), w(9, ".", 60, "PUNCT"))
    >>> doc = Document(text, (Sentence(0, 12, text[:12], ()), Sentence(13, 61, text[13:], ws)))
    >>> from quotes.lexicon import load_lexicon
    >>> people = {"Ann Lee": Speaker("person", name="Ann Lee")}
    >>> [s.text for s in copular_titles(doc, [(0, 7, "Ann Lee")], people, load_lexicon())["Ann Lee"]]
    ['ranking Democrat on the Senate panel']
    """
    from .mentions import given_name_gender

    seen = sorted(occurrences)
    if not seen:
        return {}
    starts = [o[0] for o in seen]
    heads = frozenset(lexicon.words("person-head"))

    def gender(key: str) -> str:
        sp = people[key]
        known = lexicon.person(sp.person_id).gender if sp.person_id else ""
        return known or given_name_gender(sp.name or "", lexicon)

    inside = sorted(quoted)
    out: dict[str, list[Span]] = {}
    for sent in doc.sentences:
        words = sent.words
        if len(words) < 4 or words[0].text not in ("He", "She") or words[1].text != "is" or \
                words[2].text.lower() not in ("the", "a", "an"):
            continue
        k = bisect.bisect_right(inside, (words[0].start, 1 << 62)) - 1
        if any(a <= words[0].start < b for a, b in inside[max(0, k - 8):k + 1]):
            continue  # what a speaker says of someone: "He is the worst senator in history," Lee said
        first = 3 if words[2].text.lower() == "the" else 2
        last, head = None, None
        for k in range(3, min(len(words), 3 + MAX_PREDICATE)):
            x = words[k]
            low = x.text.lower()
            if (x.upos == "PUNCT" and x.text not in ("-", "–", "'s", "’s")) or low in _COPULA_STOP or (
                    x.upos == "VERB" and x.xpos != "VBN" and k > 3):
                break
            if head is None and low in _PREPOSITIONS:
                if last is None:
                    break
                head = words[last].text.lower()
            last = k
        else:
            if last is not None and last + 1 < len(words) and words[last + 1].upos != "PUNCT":
                continue  # longer than a title runs: a sentence, not a description
        if last is None:
            continue
        if head is None:
            head = words[last].text.lower()
        if head not in heads and head.rstrip("s") not in heads:
            continue
        if head in _NOT_ROLES and not any(x.text[:1].isupper() for x in words[first:last + 1] if x.text.lower() != head):
            continue  # "He is a weak candidate", "the son of a coal miner"; not "the ranking Democrat on the House"
        want = "m" if words[0].text == "He" else "f"
        hi = bisect.bisect_left(starts, sent.start)
        paragraph = doc.paragraph_starts[max(0, bisect.bisect_right(doc.paragraph_starts, sent.start) - 1)] \
            if doc.paragraph_starts else 0
        for since in (paragraph, doc.paragraph_window(sent.start)):
            around = {k for _, _, k in seen[bisect.bisect_left(starts, since):hi]
                      if k in people and people[k].kind == "person"}
            fitting = [k for k in around if gender(k) in (want, "")]
            if fitting:  # the paragraph's own people first, then the previous paragraph's too
                if len(fitting) == 1 and gender(fitting[0]) == want:
                    out.setdefault(fitting[0], []).append(Span.of(doc.text, words[first].start, words[last].end))
                break
    return out
