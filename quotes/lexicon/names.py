"""Folding and splitting names and titles: the one text folding of the lexicon, name particles, verb and noun forms."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping

_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "æ": "ae", "ı": "i", "ß": "ss",
                       "’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'"})


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The one folding of names, titles and source phrases: case- and diacritics-insensitive, letters
    without a decomposition spelt out, apostrophes made straight (wordings of quotations are compared by
    :func:`quotes.wording.normalise` instead, which keeps diacritics).

    >>> fold("Łukasz Kołodziejczyk’s")
    "lukasz kolodziejczyk's"
    """
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    """Case-, diacritics- and punctuation-insensitive form: ``Zelenskyy’s`` -> ``zelenskyy``, ``Jr.'s`` -> ``jr``.

    >>> _norm("Jose Faustino Jr.'s"), _norm("U.S. Sen.")
    ('jose faustino jr', 'us sen')
    """
    text = fold(text)
    text = re.sub(r"(?<=\.)'s\b", "", text)  # a possessive after an abbreviation's point: "Jr.'s"
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # U.S. -> US
    text = re.sub(r"[^\w\s']", " ", text)
    tokens = []
    for token in text.split():
        token = token.strip("'")
        if token.endswith("'s"):
            token = token[:-2]
        if token:
            tokens.append(token)
    return " ".join(tokens)


_ARTICLES = frozenset({"the", "a", "an"})


# Words that may stand between a title and a name and are never part of one ("Chinese counterpart Xi Jinping").
_DESCRIPTIVE = frozenset([
    "the", "a", "an", "former", "then", "ex", "acting", "late", "of", "for", "and", "to", "s", "deputy", "vice",
    "chief", "senior", "top", "head", "interim", "outgoing", "incoming", "new", "his", "her", "their", "its", "our",
    "your", "my", "counterpart", "counterparts", "colleague", "leader", "official", "diplomat", "analyst",
    "lawmaker", "senator", "general", "commander", "boss", "ally", "rival", "predecessor", "successor", "strongman",
    "autocrat", "dictator", "veteran",
])


def _title_tokens(text: str) -> list[str]:
    return [t for t in _norm(text).split() if t not in _ARTICLES]


NAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "del", "della", "des", "du", "la", "le", "bin",
                            "ibn", "al", "el", "ter", "ten", "zu", "dos", "das", "st"})
"""Lower-case words inside a personal name (``Ursula von der Leyen``), part of the family name."""


_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _split_name(name: str, order: str = "western") -> tuple[str, str]:
    """(family, given) of a name written in its usual order.

    >>> _split_name("Ursula von der Leyen")
    ('von der Leyen', 'Ursula')
    >>> _split_name("Wang Wenbin", "eastern")
    ('Wang', 'Wenbin')
    """
    name = name.split(",")[0].strip()
    tokens = name.split()
    if not tokens:
        return "", ""
    if len(tokens) == 1:
        return tokens[0], ""
    if order == "eastern":
        return tokens[0], " ".join(tokens[1:])
    while len(tokens) > 2 and tokens[-1].lower().strip(",") in _SUFFIXES:
        tokens = tokens[:-1]
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in NAME_PARTICLES:
        i -= 1
    return " ".join(tokens[i:]), " ".join(tokens[:i])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _norm(text)).strip("-")


_VOWELS = "aeiou"


def _verb_forms(lemma: str) -> set[str]:
    """Regular inflections of a verb (over-generating is harmless: they feed a prefilter)."""
    forms = {lemma}
    if re.search(r"(s|x|z|ch|sh)$", lemma):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.add(lemma + "d")
        forms.add(lemma + "ing" if lemma.endswith("ee") else lemma[:-1] + "ing")
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        forms.add(lemma[:-1] + "ied")
        forms.add(lemma + "ing")
    else:
        forms.add(lemma + "ed")
        forms.add(lemma + "ing")
        if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lemma):
            forms.add(lemma + lemma[-1] + "ed")
            forms.add(lemma + lemma[-1] + "ing")
    return forms


def _noun_index(nouns: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Every form of every noun (regular plurals generated, extra forms as listed) -> the noun."""
    index: dict[str, str] = {}
    for noun, extra in nouns.items():
        for form in _noun_forms(noun) | set(extra):
            index.setdefault(_norm(form), noun)
    return index


def _noun_forms(word: str) -> set[str]:
    if " " in word or word.endswith("s"):
        return {word}
    if word.endswith(("x", "ch", "sh")):
        return {word, word + "es"}
    return {word, word + "s"}
