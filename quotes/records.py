"""Article-level records that cross module boundaries: spans, diagnostics, speakers, quotes.

Every record is a frozen attrs class. Every span is a half-open character range into the text the
record was made from, and ``text[span.start:span.end] == span.text`` always holds.

>>> text = "Wang said it was complex."
>>> s = Span.of(text, 0, 4)
>>> s
Span(start=0, end=4, text='Wang')
>>> s.shifted(10)
Span(start=10, end=14, text='Wang')
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal

import attrs

QuoteKind = Literal["direct", "partial", "indirect"]
SpeakerKind = Literal["person", "organisation", "document", "joint", "anonymous", "ambiguous", "unresolved"]
Resolution = Literal[
    "cue-subject", "apposition", "according-to", "pronoun", "surname", "title",
    "continuation", "noun-cue", "agentless", "named-later", "signature", "none",
]
Severity = Literal["info", "warning", "error"]


def _non_negative(instance: object, attribute: attrs.Attribute, value: int) -> None:
    if value < 0:
        raise ValueError(f"'{attribute.name}' must be >= 0 (got {value})")


@attrs.frozen
class Span:
    """A half-open character range ``[start, end)`` into a text, with the text it covers."""

    start: int = attrs.field(validator=_non_negative)
    """Offset of the first character."""
    end: int = attrs.field()
    """Offset one past the last character."""
    text: str = attrs.field()
    """Exactly ``source[start:end]``."""

    @end.validator
    def _check_end(self, attribute: attrs.Attribute, value: int) -> None:
        if value < self.start:
            raise ValueError(f"'start' must be <= end (got {self.start} > {value})")

    @text.validator
    def _check_text(self, attribute: attrs.Attribute, value: str) -> None:
        if len(value) != self.end - self.start:
            raise ValueError(f"'text' must have end - start = {self.end - self.start} characters (got {len(value)})")

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        """The span of ``source[start:end]``."""
        return cls(start, end, source[start:end])

    def shifted(self, by: int) -> Span:
        """The same span in a text that has ``by`` more characters in front."""
        return Span(self.start + by, self.end + by, self.text)

    def overlaps(self, other: Span) -> bool:
        """Whether the two ranges share at least one character."""
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


@attrs.frozen
class Diagnostic:
    """Something the engine noticed about an input that a user may want to know (never fatal)."""

    code: str
    """Stable identifier, e.g. ``unbalanced-quote``, ``html-input``, ``repeated-paragraph``."""
    message: str
    """One sentence an editor understands."""
    span: Span | None = None
    """Where in the text, if it concerns one place."""
    severity: Severity = "info"


@attrs.frozen
class Speaker:
    """Who a quote is attributed to, as resolved against the lexicon and the article."""

    kind: SpeakerKind
    """person, organisation, document (``a UN Security Council resolution demanding ...``), joint (several
    people speaking together: ``they`` after ``Putin met Xi``), anonymous (``a Western diplomat``; ``unnamed
    reports`` for an agentless ``It was reported that``), ambiguous (several candidates), unresolved."""
    name: str | None = None
    """Canonical name (``Wang Yi``), organisation name, the document's name as written without its determiner
    (``UN Security Council resolution``), the members joined (``Vladimir Putin and Xi Jinping``), or the
    anonymous description as written."""
    person_id: str | None = None
    """Lexicon id of the person (a Wikidata QID where known)."""
    office: str | None = None
    """The office the person held at the article's date, e.g. ``Foreign Minister of China``."""
    candidates: tuple[str, ...] = ()
    """Canonical names of every plausible person when ``kind`` is ambiguous; of every member when it is joint."""
    title: Span | None = None
    """The person's title or role as the article writes it, at its fullest, from any mention of them
    (``Clinton campaign spokesman``, ``a Korea scholar at the Center for Strategic and International
    Studies``); the lexicon's view is ``office``, kept apart."""

    @property
    def label(self) -> str:
        """A short display label: the name, or ``unresolved``."""
        if self.kind == "ambiguous":
            return " or ".join(self.candidates) or "ambiguous"
        return self.name or self.kind

    @property
    def key(self) -> str | None:
        """Who the speaker is across articles, the one speaker key: a person's lexicon id, else a named
        person's, organisation's or document's name, or a joint speaker's members; None for anyone vaguer
        (anonymous, ambiguous, unresolved).

        >>> Speaker("person", "Wang Yi", "Q1").key, Speaker("organisation", "Xinhua").key
        ('Q1', 'org:Xinhua')
        >>> Speaker("joint", "B and A", candidates=("B", "A")).key, Speaker("anonymous", "a diplomat").key
        ('joint:A|B', None)
        """
        if self.kind == "person" and self.person_id:
            return self.person_id
        if self.kind in ("person", "organisation", "document") and self.name:
            return {"person": "name:", "organisation": "org:", "document": "doc:"}[self.kind] + self.name
        if self.kind == "joint" and self.candidates:
            return "joint:" + "|".join(sorted(self.candidates))
        return None


UNRESOLVED = Speaker("unresolved")

LEXICON_ONLY_CONFIDENCE = 0.2
"""Confidence of an ambiguous speaker whose candidates come from the lexicon alone (a bare ``Clinton``
the article never names in full); ambiguity between people the article itself names scores higher."""


@attrs.frozen
class Mention:
    """A mention of a person in the article, with the title attached to it as written.

    ``Ukrainian President Dmytro Kuleba`` is one mention: ``title`` covers ``Ukrainian President``,
    ``name`` covers ``Dmytro Kuleba``, and ``title_office`` is the office the title denotes.
    """

    span: Span
    """The whole mention as written."""
    name: Span | None
    """The name part, if any (``Wang Yi``, ``Wang``)."""
    title: Span | None = None
    """The title part, if any (``Foreign Minister``, ``China's foreign minister``)."""
    title_office: str | None = None
    """The office the title denotes, normalised (``President of Ukraine``), when the lexicon knows it."""
    speaker: Speaker = UNRESOLVED
    """Who the mention refers to."""


@attrs.frozen
class Quote:
    """One statement attributed to someone in an article."""

    content: tuple[Span, ...]
    """What was said: one piece, or several when the quote is split around its cue."""
    kind: QuoteKind
    """direct (wholly inside quotation marks), partial (quoted fragments in reported speech), indirect."""
    cue: Span | None
    """The reporting word(s): ``said``, ``according to``, ``statement``."""
    cue_lemma: str | None
    """Lemma of the cue (``say``, ``call on``, ``according to``)."""
    source: Span | None
    """The speaker mention as written (``Foreign Minister Wang Yi``, ``he``, ``state media``)."""
    speaker: Speaker
    """Who said it."""
    resolution: Resolution
    """How the speaker was found."""
    confidence: float
    """0..1, how sure the engine is of the speaker."""
    quoted: tuple[Span, ...] = ()
    """The spans inside quotation marks (the words claimed verbatim), marks excluded."""

    @property
    def text(self) -> str:
        """The content pieces joined by `` … ``."""
        return " … ".join(p.text for p in self.content)

    @property
    def start(self) -> int:
        return self.content[0].start

    @property
    def end(self) -> int:
        return self.content[-1].end


@attrs.frozen
class Quotation:
    """A passage between a pair of quotation marks (or an opening mark left unclosed)."""

    span: Span
    """The quotation including its outer marks (from the opening mark to the closing one)."""
    inner: Span
    """The quotation without its outer marks (for a multi-paragraph quote, the reopening marks stay inside)."""
    pieces: tuple[Span, ...]
    """The quoted text per paragraph, marks excluded: one piece, or one per paragraph of a multi-paragraph quote."""
    open_mark: str
    """The opening mark as written (``“``, ``'``, ``«``...)."""
    close_mark: str
    """The closing mark as written, or ``""`` when the quotation is never closed."""
    depth: int
    """0 for an outer quotation, 1 for a quotation nested inside another (2 inside that...)."""
    closed: bool
    """Whether a closing mark ends the quotation."""

    @property
    def text(self) -> str:
        """The quoted text, paragraphs joined by a space: the pieces' texts."""
        return " ".join(p.text for p in self.pieces)


@attrs.frozen
class Extraction:
    """Everything ``quotes.extract`` found in one article."""

    text: str
    """The text every span points into (the input itself for ``str``; the decoded or HTML-stripped text otherwise)."""
    quotes: tuple[Quote, ...]
    """Statements in text order."""
    mentions: tuple[Mention, ...]
    """Person mentions with titles (used to check titles even for people who are not quoted)."""
    diagnostics: tuple[Diagnostic, ...]
    """What was noticed about the input."""
    date: _dt.date
    """The date the speakers' offices are resolved at."""
    date_source: str
    """Where the date came from: ``argument``, ``dateline``, ``file-name``, ``text``, or ``today`` (none found:
    the extraction then carries a ``no-date`` warning)."""
    name: str | None = None
    """The article's name (file name), if given."""
    quotations: tuple[Quotation, ...] | None = None
    """Every pair of quotation marks in the text, nested ones too (None in an extraction built by hand:
    the checks then find them again)."""
    sentences: tuple[Span, ...] | None = None
    """The sentences of the text as the parser split them (None in an extraction built by hand)."""
    title: str | None = None
    """The article's title: given (a manifest's), the page's own (``og:title``, ``<title>``), else its first
    line when that reads as a headline; None when there is none."""
    title_source: str | None = None
    """Where the title came from: ``manifest``, ``page metadata`` or ``first line``."""
