"""Hand-built parses, so that rules are tested without a model (like spaCy's Doc(words=, heads=, deps=))."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import ClassVar

from quotes.lexicon import load_lexicon
from quotes.lexicon.records import verb_cue
from quotes.parse import Document, Sentence, Word
from quotes.records import Extraction, Quote, Span, Speaker


def sentence_doc(text: str, rows: list[tuple[str, str, str, int, str]]) -> Document:
    """A one-sentence document from ``(word, lemma, upos, head, deprel)`` rows; heads are 1-based, 0 = root.

    Words are found left to right in ``text`` so offsets are real.
    """
    words = []
    pos = 0
    for i, (form, lemma, upos, head, rel) in enumerate(rows):
        start = text.index(form, pos)
        pos = start + len(form)
        words.append(Word(index=i, text=form, start=start, end=pos, lemma=lemma, upos=upos, head=head - 1, deprel=rel))
    start, end = words[0].start, words[-1].end
    return Document(text, (Sentence(start, end, text[start:end], tuple(words), parsed=True),))


_BUNDLED = load_lexicon()


class FakeCues:
    """The part of the lexicon attribution needs: cue words by lemma."""

    VERBS: ClassVar[dict[str, str]] = {"say": "speech", "add": "speech", "tell": "speech", "call": "speech", "deplore": "speech",
             "believe": "thought", "urge": "speech", "praise": "speech"}

    def cue(self, lemma: str):
        cls = self.VERBS.get(lemma)
        return SimpleNamespace(lemma=lemma, cls=cls, pos="verb", particle=None) if cls else None

    def is_cue(self, word, *, thought=True):
        return verb_cue(self, word, thought=thought)

    def words(self, name):
        """The rules' word lists are the bundled lexicon's (lexicons/word_lists.tsv)."""
        return _BUNDLED.words(name)


def multi_doc(text: str, sentences: list[list[tuple[str, str, str, int, str]]]) -> Document:
    """Several hand-built sentences over one text, found left to right."""
    built = []
    pos = 0
    for rows in sentences:
        words = []
        for i, (form, lemma, upos, head, rel) in enumerate(rows):
            start = text.index(form, pos)
            pos = start + len(form)
            words.append(Word(index=i, text=form, start=start, end=pos, lemma=lemma, upos=upos, head=head - 1, deprel=rel))
        s, e = words[0].start, words[-1].end
        built.append(Sentence(s, e, text[s:e], tuple(words), parsed=True))
    return Document(text, tuple(built))


def quoting_extraction(name: str, sentences: list[tuple[str, Speaker]], date: str = "2022-03-01") -> Extraction:
    """An extraction of direct quotes, one per sentence ``(words, speaker)``, each followed by ' he said.'"""
    text, quotes = "", []
    for words, who in sentences:
        start = len(text)
        text += f"“{words},” he said. "
        content = Span.of(text, start, start + len(words) + 3)
        quotes.append(Quote((content,), "direct", None, "say", None, who, "cue-subject", 0.9,
                            quoted=(Span.of(text, start + 1, start + 1 + len(words)),)))
    return Extraction(text, tuple(quotes), (), (), dt.date.fromisoformat(date), "argument", name)
