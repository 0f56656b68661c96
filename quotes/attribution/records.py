"""An attribution (content, cue, source as written) and the span helpers every finder of attributions shares."""

from __future__ import annotations

from typing import Any, Literal, Protocol

import attrs

from ..marks import Quotation
from ..parse import Word
from ..records import QuoteKind, Span

PUNCT_EDGE = set(" \t\r\n\u00a0,;:.!?—–-\"'“”‘’«»‹›„‚()[]•·▪●■►▸◦‣*")
"""Trimmed off both ends of every span: blanks, punctuation, quotation marks, list bullets."""


Via = Literal["cue-subject", "according-to", "continuation", "signature", "none"]
"""How an attribution's source was found."""


class CueLexicon(Protocol):
    """What attribution needs from the lexicon."""

    def cue(self, lemma: str) -> Any:  # -> CueWord | None
        ...

    def is_cue(self, word: Any, *, thought: bool = True) -> Any:  # -> CueWord | None
        ...

    def words(self, name: str) -> frozenset[str]:  # a word list of lexicons/word_lists.tsv
        ...


@attrs.frozen
class Attribution:
    """A statement found by syntax: content, cue and source mention, before speakers are resolved."""

    content: tuple[Span, ...]
    """What was said (several pieces for a quote split around its cue or running over paragraphs)."""
    kind: QuoteKind
    """direct, partial or indirect."""
    cue: Span | None
    cue_lemma: str | None
    cue_class: str | None
    """speech, writing, thought or according-to."""
    source: Span | None
    """The source mention as written, if the sentence has one."""
    via: Via
    """cue-subject, according-to, continuation, signature or none."""
    quoted: tuple[Span, ...] = ()
    """Text inside quotation marks (marks excluded) that belongs to the content."""
    sentence: int = -1
    """Index of the sentence holding the cue (or the quote), for ordering and context."""


def _trim(text: str, start: int, end: int, *, keep_marks: bool = False) -> tuple[int, int]:
    edge = PUNCT_EDGE - set("\"'“”‘’«»‹›„‚") if keep_marks else PUNCT_EDGE
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return start, end


def trimmed_span(text: str, start: int, end: int, *, keep_marks: bool = False) -> Span | None:
    """``text[start:end]`` without surrounding blanks and punctuation (quotation marks kept with
    ``keep_marks``), or None when nothing is left."""
    start, end = _trim(text, start, end, keep_marks=keep_marks)
    return Span.of(text, start, end) if end > start else None


TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tonight", "morning", "evening", "afternoon", "night", "week", "month", "year", "weekend",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}


TIME_NOUNS = TIME_WORDS | {"day", "days", "weeks", "months", "years", "hours", "minutes", "decade", "decades"}


def _is_time_word(w: Word) -> bool:
    """A subject that is really a time expression the parser misread (``Last month``, ``Three weeks``)."""
    return w.text.lower() in TIME_NOUNS


RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}


def _quote_content(text: str, q: Quotation) -> list[Span]:
    if len(q.pieces) > 1:
        return list(q.pieces)
    return [q.span] if q.closed else [q.inner]


def quote_kind(text: str, content: tuple[Span, ...], quoted: tuple[Span, ...]) -> QuoteKind:
    """direct (at most four letters of the content outside its quoted spans), partial, or indirect (nothing quoted)."""
    if not quoted:
        return "indirect"
    outside = 0
    for c in content:
        chars = [ch for ch in range(c.start, c.end)]
        for ch in chars:
            if any(q.start <= ch < q.end for q in quoted):
                continue
            if text[ch].isalnum():
                outside += 1
    return "direct" if outside <= 4 else "partial"


def _dedupe(items: list[Attribution]) -> list[Attribution]:
    """Drop an attribution whose content lies inside another's with the same cue-less source (nested cues)."""
    out: list[Attribution] = []
    for a in items:
        dup = False
        for b in out:
            if a.content == b.content:
                dup = True
                break
        if not dup:
            out.append(a)
    return out
