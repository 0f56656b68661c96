"""The title or role an article gives a person, as written: ``Clinton campaign spokesman`` before the name,
``a Korea scholar at the Center for Strategic and International Studies`` after it, ``of National Review``.

Most people quoted in news are in no lexicon; what the article says they are is often all there is to know,
and all a copy desk can hold a draft's titles against. :func:`title_as_written` reads it from every full
mention of the person in the article and keeps the fullest.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lexicon import Lexicon
from ..lexicon.names import NAME_PARTICLES
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
_DASHES = frozenset({"—", "--", "–"})
_APPOSITION_STOP = frozenset({"who", "whom", "which", "whose", "said", "says", "told", "added", "wrote", "and", "but", "that"})
MAX_CLAUSE_WORDS = 20
"""Longest relative clause (``who heads ...``) or copular description (``X is ...``) read as a title."""
_COPULA = frozenset({"is", "was"})
_PREPOSED_LINKS = frozenset({"of", "for", "at", "to", "'s", "’s", "-"})
_POSSESSIVES = frozenset({"his", "her", "their", "its"})
_STANDING = frozenset({"retired", "former", "acting", "interim", "outgoing", "incoming", "longtime", "long-time"})
"""Words of a person's standing in their role that the tagger may read as verbs (``Retired U.S. Air Force Gen.
Norman Ham``: ``Retired`` tagged as a participle)."""
_ROLE_PASSIVES = frozenset({"name", "elect", "appoint", "promote", "hire", "choose", "nominate", "swear", "confirm",
                            "reelect", "re-elect", "install", "tap"})
"""Participles after ``who was`` that give the person a role (``who was named chief executive in 2014``)."""
_PRESENT_ROLES = frozenset({"cover", "study", "research", "specialize", "specialise"})
"""Role verbs that say what someone does only in the present (``who covers the White House``; ``who covered the
cost`` is an act)."""
_NOT_HELD = frozenset({"potential", "possible", "would-be", "future", "likely", "prospective", "next", "fake"})
"""Words that make a description one the person does not hold (``our potential United States senator``)."""


def _nominal(w: Word, lexicon: Lexicon) -> bool:
    """A word a description before a name is made of: a noun, adjective or proper noun by its tags, or a role
    word whatever the tagger made of it (``communications director`` tagged as a verb)."""
    return (w.upos in ("PROPN", "NOUN", "ADJ") or w.xpos.startswith(("NN", "JJ")) or lexicon.is_title_word(w.text)
            or w.text.lower() in ROLE_WORDS)


_PERSON_ENDINGS = ("ist", "er", "or", "ian", "ant", "ent", "ee", "man", "woman", "ive", "ess", "arch", "crat", "ic")


def _person_noun(word: str, lexicon: Lexicon) -> bool:
    """Whether a lower-case word can end a description of one person: a person head, role or title word, or a
    singular noun with a person-noun ending (``environmentalist``, ``physicist``), or a hyphened one."""
    low = word.lower()
    return (low in lexicon.words("person-head") or low in ROLE_WORDS or lexicon.is_title_word(word)
            or (low.endswith(_PERSON_ENDINGS) and not low.endswith("ers")) or "-" in low)


def says_something(title: str, lexicon: Lexicon) -> bool:
    """Whether a title as written is more than honorifics and a name's particles (``Ms.``, ``De`` of ``De
    Blasio``: no title)."""
    return not all(lexicon.is_honorific(w.rstrip(".")) or w.lower() in NAME_PARTICLES or w == "."
                   for w in title.split())


def names_a_role(description: str, lexicon: Lexicon) -> bool:
    """Whether a description of two words or more has a word that names a person by what they do, lower case
    (``the former secretary of State``; not ``Rep.``, ``at the State Department`` or ``NBC's``).

    >>> from quotes.lexicon import load_lexicon
    >>> [names_a_role(d, load_lexicon()) for d in ("the former secretary of State", "at the State Department", "Rep.")]
    [True, False, False]
    """
    words = [w.strip(".,()") for w in description.split()]
    return len(words) >= 2 and any(w[:1].islower() and _person_head(w, lexicon) for w in words)


def _person_head(word: str, lexicon: Lexicon) -> bool:
    """Whether a noun (singular or plural) names a person by what they are (``attorney``, ``nominee``)."""
    low = word.lower().rstrip(".")
    heads = lexicon.words("person-head")
    return (low in heads or (low.endswith("s") and low[:-1] in heads) or low in ROLE_WORDS
            or lexicon.is_title_word(word))


def _abbreviation(w: Word) -> bool:
    return w.text.endswith(".") and 3 <= len(w.text) <= 5 and w.text[:1].isupper()


def _split_abbreviation(words: Sequence[Word], k: int) -> bool:
    """Whether ``words[k]`` is a full stop the tokenizer cut from the short capitalised word it ends (``Rep``
    ``.``, ``Gov`` ``.``)."""
    if k < 1 or k >= len(words) or words[k].text != ".":
        return False
    head = words[k - 1]
    return head.end == words[k].start and 2 <= len(head.text) <= 4 and head.text[:1].isupper() and head.text.isalpha()


def _possessive(words: Sequence[Word], k: int) -> bool:
    """Whether ``words[k]`` is a possessive ending: ``'s``, or an apostrophe written right after a word that
    ends in ``s`` (``Fox News' Megyn Kelly``)."""
    w = words[k]
    if w.text in ("'s", "’s"):
        return True
    return w.text in ("'", "’") and k > 0 and words[k - 1].end == w.start and words[k - 1].text.endswith("s")


def _premodifier(sent: Sentence, i: int, lexicon: Lexicon) -> tuple[Word, Word] | None:
    """The words right before a name that describe the person (``Former Pennsylvania Gov.``)."""
    words = sent.words
    if i > 0 and words[i - 1].text.endswith(("-", "–")) and words[i - 1].end == words[i].start:
        return None  # "the paint-Trump-as-a-plutocrat strategy": the name inside a compound word
    j = i
    while j > 0:
        w = words[j - 1]
        if _possessive(words, j - 1) and j >= 2 and words[j - 2].upos in ("PROPN", "NOUN"):
            j -= 1
            continue
        if _nominal(w, lexicon) or _abbreviation(w) or w.text.lower() in _STANDING:
            j -= 1
            continue
        if w.text.lower() == "and" and j >= 2 and words[j - 2].text[:1].islower() and words[j].text[:1].islower() \
                and _person_noun(words[j - 2].text, lexicon) and _nominal(words[j - 2], lexicon):
            m = j - 2  # "the RT host and former MSNBC personality Ed Schultz": two roles, one person
            while m > 0 and _nominal(words[m - 1], lexicon) and words[m - 1].text.lower() != "and":
                m -= 1
            if m == 0 or words[m - 1].upos == "DET":
                j = m
            break
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
    for k in range(len(run) - 1, 0, -1):
        if run[k].text.lower() == "old" and run[k - 1].text in ("-", "–"):
            run = run[k + 1:]  # "68-year-old Hillary Clinton": an age, no title
            break
    while run and (run[0].text.lower() in _CALENDAR or _possessive(run, 0)):
        run = run[1:]
    while run and lexicon.is_honorific(run[-1].text.rstrip(".")) and not (
            len(run) >= 2 and run[-2].text.lower() in ("first", "second")):  # "first lady" is a title
        run = run[:-1]  # "Clinton adviser Mr. ...": the honorific is no part of the title
    if not run or all(lexicon.is_honorific(w.text.rstrip(".")) for w in run):
        return None
    if len(run) >= 2 and _possessive(run, len(run) - 1) and lexicon.organisation(
            sent.text[run[0].start - sent.start:run[-2].end - sent.start]) is not None:
        return run[0], run[-1]  # "NBC’s Dante Chinni", "CNN’s Jake Tapper": the news organisation they are of
    if not any(w.upos == "NOUN" or _abbreviation(w) or lexicon.is_title_word(w.text) or w.text.lower() in ROLE_WORDS
               or (w.text[:1].islower() and _person_noun(w.text, lexicon))  # "MSNBC host", host tagged PROPN
               or (w.text == "." and _split_abbreviation(run, k)) for k, w in enumerate(run)):
        return None  # "Democrat Hillary Clinton" is a title; "Chicago's Rahm Emanuel" is not
    head = run[-1]
    if _possessive(run, len(run) - 1):
        return None  # "the agency's Clinton investigative report": a possessor, no title
    if head.text[:1].islower() and not _abbreviation(head) and not _person_noun(head.text, lexicon):
        return None  # "... and close loopholes Donald Trump used": no word for a person ends it
    return run[0], run[-1]


def _proper(w: Word) -> bool:
    """A word of a proper name: tagged so, or a capitalised adjective the tagger gave a proper noun's tag
    (``National`` of ``National Review``)."""
    return w.upos == "PROPN" or (w.xpos.startswith("NNP") and w.text[:1].isupper())


def _apposition(sent: Sentence, k: int, lexicon: Lexicon) -> tuple[Word, Word] | None:
    """The description after a name: ``, a Columbia University surgeon,`` or ``of National Review``."""
    words = sent.words
    if k >= len(words):
        return None
    if words[k].text == "(":  # "Rep. G.K. Butterfield (D-N.C.), head of the ...": past a party-state tag
        close = next((n for n in range(k + 1, min(k + 6, len(words))) if words[n].text == ")"), None)
        if close is not None and close + 1 < len(words) and words[close + 1].text == ",":
            k = close + 1
    if words[k].text in _DASHES:  # "Mehmet Oz — Ivy League-trained surgeon and daytime TV star — has"
        close = next((n for n in range(k + 1, min(k + MAX_APPOSITION_WORDS + 2, len(words)))
                      if words[n].text == words[k].text), None)
        inner = words[k + 1:close] if close is not None else ()
        if not inner or any(w.upos == "PUNCT" and w.text not in ("-", "'s", "’s") for w in inner) or any(
                w.upos in ("VERB", "AUX") and w.xpos not in ("VBN", "VBG") and not w.xpos.startswith("NN")
                for w in inner) or inner[0].upos not in ("DET", "NOUN", "ADJ", "PROPN") or \
                inner[0].text.lower() in _APPOSITION_STOP or not any(
                w.text[:1].islower() and (_person_head(w.text, lexicon) or _person_noun(w.text, lexicon))
                for w in inner):
            return None  # "said Marcus Delaney — a familiar refrain — on Monday": no one's role
        return inner[0], inner[-1]
    if words[k].text == "," and k + 2 < len(words) and words[k + 1].text == "of" and _proper(words[k + 2]):
        k += 1  # "the Rev. Peter Wherry, of Mayfield Memorial Missionary Baptist Church"
    if words[k].text in ("of", "at") and k + 1 < len(words) and (_proper(words[k + 1]) or (
            words[k + 1].text.lower() == "the" and k + 2 < len(words) and _proper(words[k + 2]))):
        end = k + 1
        while end + 1 < len(words) and (_proper(words[end + 1]) or words[end + 1].text in ("of", "the")):
            end += 1
        while words[end].text in ("of", "the"):
            end -= 1
        return words[k], words[end]
    if words[k].text != ",":
        return None
    run: list[Word] = []
    cut = 0  # the run before its last "and": what is kept when the whole would be too long
    for n, w in enumerate(words[k + 1:], start=k + 1):
        nxt = words[n + 1] if n + 1 < len(words) else None
        if w.text.lower() in ("and", "&") and run and nxt is not None and (
                (nxt.text[:1].islower() and nxt.upos in ("NOUN", "ADJ", "DET"))
                or (run[-1].text[:1].isupper() and nxt.text[:1].isupper())
                or lexicon.is_title_word(nxt.text) or nxt.text.lower() in ROLE_WORDS):  # "founder and CEO of X"
            cut = len(run)
            run.append(w)  # "a professor of geosciences and international affairs", "Strategic and International"
            continue
        if w.text == "," and run and nxt is not None and nxt.text.lower() == "now" and n + 2 < len(words) and \
                words[n + 2].upos in ("DET", "NOUN", "ADJ") and len(run) < MAX_APPOSITION_WORDS - 2:
            cut = len(run)
            run.append(w)  # "Erin Murphy, a former Clinton aide, now a consultant on Burma,": what they are now too
            continue
        if (w.upos == "PUNCT" and w.text not in ("-", "–", "'s", "’s")) or w.text.lower() in _APPOSITION_STOP:
            break
        if w.upos in ("VERB", "AUX") and w.xpos not in ("VBN", "VBG") and not w.xpos.startswith("NN"):
            return None  # "Fallon, speaking ... said": a clause, not a description
        run.append(w)
        if len(run) > MAX_APPOSITION_WORDS:
            if not cut:
                return None
            run = run[:cut]
            break
    while run and run[-1].text.lower() in ("and", "&", ",", "now"):
        run = run[:-1]  # "X, the mayor and, ...": no dangling conjunction
    if not run or not any(w.upos == "NOUN" or w.xpos in ("NN", "NNS") or _person_noun(w.text, lexicon) for w in run):
        return None  # "Fallon, 45," or a place ("the chief executive of X" may be tagged all adjectives)
    if run[0].upos not in ("DET", "NOUN", "ADJ", "PROPN") and not (
            run[0].text.lower() == "one" and len(run) > 1 and run[1].text == "of") and not (  # "one of the president's aides"
            run[0].text.lower() in _POSSESSIVES and len(run) > 1 and run[-1].text[:1].islower()
            and _person_head(run[-1].text, lexicon)):  # "Donald Trump, her Republican opponent,"
        return None
    if run[0].text.lower() in _POSSESSIVES and run[-1].text.lower() not in lexicon.words("relation-head"):
        return run[1], run[-1]  # "her Republican opponent": what the person is, without whose ("her husband" keeps it)
    return run[0], run[-1]


def _clause(words: Sequence[Word], k: int) -> list[Word]:
    """The words from ``words[k]`` to the clause's end (a comma or other punctuation but a hyphen, or a
    conjunction before a finite verb), at most :data:`MAX_CLAUSE_WORDS` + 1."""
    run: list[Word] = []
    for n, w in enumerate(words[k:], start=k):
        if w.upos == "PUNCT" and w.text not in ("-", "–", "'s", "’s"):
            break
        nxt = n + 2 if n + 2 < len(words) and n + 1 < len(words) and words[n + 1].upos == "ADV" else n + 1
        if w.text.lower() in ("and", "but") and nxt < len(words) and words[nxt].upos in ("VERB", "AUX") and \
                words[nxt].xpos not in ("VBN", "VBG"):
            after = nxt + 2 if nxt + 2 < len(words) and words[nxt + 1].upos == "ADV" else nxt + 1
            if not (w.text.lower() == "and" and words[nxt].text.lower() in ("is", "was") and after < len(words)
                    and words[after].upos in ("DET", "NOUN", "ADJ", "PROPN")):
                break  # "who heads X and (later) retired": the second clause says something else; not "who
                # served as director of X and is now president of Y", the role that follows the first
        run.append(w)
        if len(run) > MAX_CLAUSE_WORDS:
            break
    return run


def _relative(sent: Sentence, k: int, lexicon: Lexicon) -> tuple[Word, Word] | None:
    """A relative clause that says what the person is, at ``words[k]`` (``who`` or ``, who``): ``who heads
    the Center of Research for Development`` -> ``heads the Center ...``; ``who is a lawyer for X`` -> ``a
    lawyer for X``. Its first verb must be one of the lexicon's ``role-verb`` list."""
    words = sent.words
    if k < len(words) and words[k].text == ",":
        k += 1
    if k + 1 >= len(words) or words[k].text.lower() != "who":
        return None
    run = _clause(words, k + 1)
    finite = [n for n, w in enumerate(run) if w.upos in ("VERB", "AUX") and w.xpos in ("VBZ", "VBD", "VBP", "MD")]
    if len(finite) >= 2 and finite[1] > finite[0] + 1 and run[finite[1] - 1].text.lower() != "and":
        run = run[:finite[1]]  # "who as a captain was the White House physician says ...": the main verb ends it
        while run and run[-1].upos in ("ADP", "DET", "CCONJ", "SCONJ"):
            run = run[:-1]
    if not run or len(run) > MAX_CLAUSE_WORDS:
        return None
    verbs = [n for n, w in enumerate(run) if w.upos in ("VERB", "AUX")]
    if not verbs:
        return None
    verb = run[verbs[0]]
    low = verb.text.lower()
    # the lemma, or the word less a regular ending when the lemmatizer did not know it ("helmed")
    forms = [(verb.lemma or low).lower(), low, low[:-1], low[:-2], low[:-3] if low.endswith("ies") else low]
    roles = lexicon.words("role-verb")
    lemma = next((f for f in forms if f in roles), "")
    if not lemma or verb.xpos in ("VBG",) or (lemma in _PRESENT_ROLES and verb.xpos not in ("VBZ", "VBP")):
        return None  # "who studies tax policy" is what someone does; "who covered the cost", "who studied at
        # Harvard" is not
    if lemma == "be":
        rest = run[verbs[0] + 1:]
        if rest and rest[0].upos == "VERB" and (rest[0].lemma or rest[0].text).lower() not in _ROLE_PASSIVES:
            return None  # "who was given a sneak peek of the museum": a passive, not what the person is ("who was
            # named chief executive in 2014" is)
        if len(rest) < 1 or not any(w.upos == "NOUN" or w.xpos in ("NN", "NNS") or _person_noun(w.text, lexicon)
                                    for w in rest):
            return None  # "who was there", "who is 45"
        if verbs[0] == 0:
            run = rest  # "who is a lawyer": the description after the verb
    return run[0], run[-1]


def _copular(sent: Sentence, i: int, end: int, lexicon: Lexicon, *, now: bool = False) -> tuple[Word, Word] | None:
    """``Charlotte Meehan is playwright-in-residence at Wheaton College``: the sentence opens with the name
    (``words[i:end]``; after an honorific or a bracket: ``(Mr. Podesta is ...``) and says what the person is (its
    head noun, before any preposition, names a person: ``Pence was the subject of ...`` does not). With ``now``,
    only where the verb is followed by ``now`` (``Mr. Podesta is now the chairman of ...``: what the person is at
    the article's time, over any other description)."""
    words = sent.words
    lead = 0
    while lead < i and (words[lead].text in ("(", "[") or lexicon.is_honorific(words[lead].text.rstrip("."))):
        lead += 1
    if lead != i or end >= len(words) or words[end].text.lower() not in _COPULA:
        return None
    k = end + 1
    if now:
        if k >= len(words) or words[k].text.lower() != "now" or words[end].text.lower() != "is" or any(
                w.text in _OPENING or w.text in _CLOSING for w in words):
            return None  # narration's present, not inside someone's quoted words
        k += 1
    run = _clause(words, k)
    if not run or len(run) > MAX_CLAUSE_WORDS or run[0].upos not in ("DET", "NOUN", "ADJ", "PROPN"):
        return None
    if run[0].text.lower() in ("not", "no", "this", "that", "it") or any(
            w.upos in ("VERB", "AUX") and w.xpos not in ("VBN", "VBG") and not w.xpos.startswith("NN") for w in run):
        return None
    head = next((w for n, w in enumerate(run) if n + 1 == len(run) or run[n + 1].upos == "ADP"), run[-1])
    if not _person_noun(head.text, lexicon) or (now and not lexicon.is_title_word(head.text)):
        return None  # "is now the chairman of ...": an office or title; not "is now the front-runner"
    return run[0], run[-1]


def _preposed(sent: Sentence, i: int, end: int, lexicon: Lexicon) -> tuple[Word, Word] | None:
    """A description before the name and a comma that names what the person is: ``An attorney for Pagliano,
    Mark MacDougall, said``, ``for the Republican nominee, Donald Trump``, ``one of the family's attorneys,
    Justin Bamberg``. Its head, right before the comma, must name a person (``person-head`` list, a role or
    title word): ``After the debate, Donald Trump said`` has none. A name in a list (``X, Y and Z``) is not
    described so."""
    words = sent.words
    if i < 2 or words[i - 1].text != ",":
        return None
    if end < len(words) and words[end].text.lower() in ("and", "or"):
        return None
    if i >= 3 and words[i - 3].text == "," and words[i - 2].upos == "PROPN":
        return None  # "Quiros, Stenger": a list of names
    h = i - 2
    while h > 0 and words[h].upos == "PROPN" and words[h].text[:1].isupper():
        h -= 1  # "An attorney for Pagliano, Mark MacDougall": the head is before "for" and its name
    if h < i - 2 and words[h].text.lower() in ("for", "of", "at", "with", "to") and h > 0:
        h -= 1
    else:
        h = i - 2
        if not _person_head(words[h].text, lexicon):  # "A lawyer for the news outlets, David Schulz"
            p = next((p for p in range(i - 3, max(0, i - 7), -1) if words[p].text.lower() in ("for", "at", "with")
                      and _person_head(words[p - 1].text, lexicon)), None)
            if p is not None and all(w.upos in ("DET", "NOUN", "ADJ", "PROPN") for w in words[p + 1:i - 1]):
                h = p - 1
    head = words[h]
    if (head.upos not in ("NOUN", "PROPN") and not head.xpos.startswith("NN")
            and not (head.upos == "ADJ" and head.text[:1].islower())) or not _person_head(head.text, lexicon):
        return None  # a head tagged an adjective counts when it names a person ("Apple's chief executive")
    j = i - 2
    while j > 0:
        w = words[j - 1]
        if _nominal(w, lexicon) or w.text.lower() in _PREPOSED_LINKS or w.upos == "DET" or (
                w.text.lower() == "one" and words[j].text == "of") or (
                w.text.lower() == "in" and words[j].text.lower() == "chief"):  # "the RT editor in chief"
            j -= 1
            continue
        break
    run = list(words[j:i - 1])
    start = next((n for n, w in enumerate(run) if w.upos == "DET" or w.text.lower() == "one"), None)
    if start is None and j > 0 and words[j - 1].text.lower() in _POSSESSIVES:
        start = 0  # "he summoned his senior climate adviser, Brian Deese": from after "his"
    owner = next((n for n, w in enumerate(run) if _possessive(run, n)), None)
    if start is None and owner is not None and owner > 0 and all(
            _proper(w) and w.text[:1].isupper() for w in run[:owner]):
        start = 0  # "which Apple's chief executive, Tim Cook, called": from the possessor
    if start is not None:
        run = run[start:]  # "In a statement, one of ...": from its determiner
    elif j > 0:
        return None  # no determiner and not at the sentence start: "After meeting president X" and the like
    if not run or run[0].text.lower() in _PREPOSED_LINKS or run[0].text.lower() in ("this", "that", "these") or \
            any(w.text.lower() in _NOT_HELD for w in run):
        return None
    first = next(n for n, w in enumerate(words) if w is run[0])
    if first > 0 and words[first - 1].upos in ("ADP", "VERB", "AUX", "SCONJ") and end < len(words) and \
            words[end].upos in ("VERB", "AUX") and words[end].xpos in ("VBD", "VBZ", "VBP", "MD"):
        return None  # "Trump's first against a single opponent, Clinton went up against ...", "Despite challenging
        # the trustworthiness of the majority leader, Cruz said": the description is another word's object, and the
        # comma ends its phrase before the clause the name opens
    return run[0], run[-1]


def _listed(sent: Sentence, i: int, end: int, lexicon: Lexicon) -> tuple[Word, Word] | None:
    """A plural description before a list of names that the name ``words[i:end]`` is in: ``two Vermont
    developers, Ariel Quiros and William Stenger`` -> ``Vermont developers`` for each of them."""
    words = sent.words
    k = i
    while k > 0 and ((words[k - 1].upos == "PROPN" and words[k - 1].text[:1].isupper())
                     or words[k - 1].text in (",", "and", "&") or _possessive(words, k - 1)):
        k -= 1
    in_list = any(w.text in ("and", "&") for w in words[k:i]) or (
        end + 1 < len(words) and words[end].text in ("and", "&", ",") and words[end + 1].upos == "PROPN")
    if k < 2 or words[k].text != "," or not in_list:
        return None
    head = words[k - 1]
    if head.xpos != "NNS" or not head.text[:1].islower() or not (
            _person_head(head.text, lexicon) or _person_noun(head.text[:-1], lexicon)):
        return None  # "voters", "developers": a person noun's plural
    j = k - 1
    while j > 0 and (words[j - 1].upos in ("ADJ", "NOUN", "PROPN") or (
            words[j - 1].text in ("-", "–") and j >= 2 and words[j - 2].end == words[j - 1].start)) and \
            words[j - 1].text.lower() not in _CALENDAR:
        j -= 1
    if j > 0 and words[j - 1].upos not in ("DET", "NUM"):
        return None  # "the campaign hired strategists, X and Y", "At a meeting of economists, X and Y spoke"
    return words[j], head


_OPENING = frozenset({'"', "“", "'", "‘", "``", "`"})
_CLOSING = frozenset({'"', "”", "'", "’", "''"})


def _nickname_start(words: Sequence[Word], i: int) -> int | None:
    """Where a name written with a nickname before the family name ``words[i]`` starts: ``Robert C. "Bobby"
    Scott`` (the person ``Bobby Scott``) starts at ``Robert``; None when no nickname is written there."""
    if i < 4 or words[i - 1].text not in _CLOSING or words[i - 3].text not in _OPENING or \
            not words[i - 2].text[:1].isupper():
        return None
    k = i - 3
    while k > 0 and i - k < 7:
        prev = words[k - 1].text
        initial = len(prev) == 2 and prev[1] == "." and prev[0].isupper()  # "C."
        if not (initial or (words[k - 1].upos == "PROPN" and prev[:1].isupper() and not prev.endswith("."))):
            break  # "Rep." is the title before the name
        k -= 1
    return k if k < i - 3 else None


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
    of the Los Angeles Times``); one between dashes (``Mehmet Oz — Ivy League-trained surgeon and daytime TV
    star —``); one before the name and a comma (``Apple's chief executive, Tim Cook,``), or a plural one before
    the list of names it describes (``two Vermont developers, Ariel Quiros and William Stenger``); a relative
    clause whose verb says what the person does (``who heads ...``, ``who studies ...``). With ``family`` (a
    person no lexicon knows), descriptions next to the family name alone count too (after an honorific only an
    apposition with its article: ``Mr. Tribe, a liberal constitutional scholar,``)."""
    text = doc.text
    best: Span | None = None
    best_rank = (-1, 0)  # "X is now ..." (2), descriptions (1), relative clauses (0: "who heads ..."), the longest
    wanted = [n.split() for n in names if n and len(n.split()) >= 2]
    # 'Robert C. "Bobby" Scott' for Bobby Scott: the family name after the nickname
    nicknames = {parts[-1]: parts[0] for parts in wanted if len(parts) == 2}
    if family:
        wanted.append([family])  # "Fallon, the campaign's press secretary, said": the family name alone
    wanted.extend([f] for f in nicknames if [f] not in wanted)
    from .mentions import given_name_gender  # mentions -> ... -> titles: imported here

    gender = next((g for g in (given_name_gender(n, lexicon) for n in names) if g), "")
    # a hyphenated given name is three words to the tokenizer ("Jo-Renee"): looked up by its first part
    places = sorted({place for parts in wanted for place in doc.where.get(parts[0], doc.where.get(parts[0].split("-")[0], ()))})
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
            first = None
            if len(parts) == 1 and i >= 2 and nicknames.get(parts[0]) == words[i - 2].text:
                first = _nickname_start(words, i)
            honorific = i > 0 and lexicon.is_honorific(words[i - 1].text.rstrip("."))
            if len(parts) == 1 and honorific and gender and lexicon.honorific_gender(words[i - 1].text) not in ("", None, gender):
                continue  # "Mr. Delaney" is not Ann Delaney
            if len(parts) == 1 and first is None and (family != parts[0] or (
                    i > 0 and words[i - 1].upos == "PROPN" and not honorific) or (
                    i + 1 < len(words) and words[i + 1].upos == "PROPN")):
                continue  # the family name inside a full name (read above) or another name
            before = _premodifier(sent, i if first is None else first, lexicon)
            if i == 0 and n > 0 and doc.sentences[n - 1].words and _abbreviation(doc.sentences[n - 1].words[-1]):
                # a splitter that ended a sentence at "Gov." cut the title from its name
                prev = doc.sentences[n - 1]
                before = _premodifier(prev, len(prev.words), lexicon)
            after = _apposition(sent, end, lexicon)
            if after is not None and len(parts) == 1 and honorific and (words[end].text != "," or after[0].upos != "DET"):
                after = None  # "Mr. Tribe, a liberal constitutional scholar,"; not "Mr. Obama at Harvard Law School"
            if after is not None:  # "a fellow at the Council who ran the Agency": the clause goes with it
                k = next((m for m in range(end, len(words)) if words[m] is after[1]), None)
                clause = _relative(sent, k + 1, lexicon) if k is not None else None
                if clause is not None and clause[0].start > after[1].end:
                    after = (after[0], clause[1])
            candidates = [(1, before), (1, after), (1, _preposed(sent, i, end, lexicon)), (1, _listed(sent, i, end, lexicon)),
                          (0, _copular(sent, i, end, lexicon)), (2, _copular(sent, i, end, lexicon, now=True)),
                          (0, _relative(sent, end, lexicon))]
            for rank, found in candidates:
                if found is None:
                    continue
                span = Span.of(text, found[0].start, found[1].end)
                if not says_something(span.text, lexicon):
                    continue
                if best is None or (rank, len(span.text)) > best_rank:
                    best, best_rank = span, (rank, len(span.text))
    return best
