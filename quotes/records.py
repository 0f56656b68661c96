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

import bisect
import datetime as _dt
import html as _html
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

import attrs

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

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

    def to_dict(self) -> dict[str, Any]:
        """``{"start", "end", "text"}``, as the JSON outputs write a span."""
        return {"start": self.start, "end": self.end, "text": self.text}

    def __len__(self) -> int:
        return self.end - self.start


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else s.to_dict()


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

    def to_dict(self) -> dict[str, Any]:
        """The diagnostic as plain data (as ``--format json`` writes it)."""
        return {"code": self.code, "severity": self.severity, "message": self.message, "span": _span(self.span)}


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
    affiliation: Span | None = None
    """The party-state tag the article writes after the person's name, without its parentheses (``D-Mont.`` of
    ``Sen. Jon Tester (D-Mont.)``, ``R-IN``)."""
    former_office: str | None = None
    """The office a title the article gives as a former one names (``Former Pennsylvania Gov. Ed Rendell``), as
    the lexicon knows the person held it before the article's date (``Governor of Pennsylvania``); None when
    the title is not a former one, or the lexicon knows no such past tenure."""

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

    def to_dict(self) -> dict[str, Any]:
        """The speaker as plain data (as ``--format json`` writes it).

        >>> Speaker("person", "Wang Yi", "Q1", "Foreign Minister of China").to_dict()["office"]
        'Foreign Minister of China'
        """
        return {"kind": self.kind, "name": self.name, "person_id": self.person_id, "office": self.office,
                "former_office": self.former_office, "title": _span(self.title), "affiliation": _span(self.affiliation),
                "candidates": list(self.candidates), "label": self.label}


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

    def to_dict(self) -> dict[str, Any]:
        """The mention as plain data (as ``--format json`` writes it)."""
        return {"span": self.span.to_dict(), "name": _span(self.name), "title": _span(self.title),
                "title_office": self.title_office, "speaker": self.speaker.to_dict()}


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
    clause: bool = True
    """Whether the content says something: words in quotation marks, or a clause (a verb among its words).
    False for a bare noun phrase (``condemned the invasion``): a position reported, no words; a digest sets
    it aside (:func:`quotes.digests.is_statement`)."""

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

    def to_dict(self) -> dict[str, Any]:
        """The quote as plain data (as ``--format json`` writes it)."""
        return {
            "kind": self.kind, "text": self.text, "content": [p.to_dict() for p in self.content],
            "quoted": [p.to_dict() for p in self.quoted], "cue": _span(self.cue), "cue_lemma": self.cue_lemma,
            "source": _span(self.source), "speaker": self.speaker.to_dict(), "resolution": self.resolution,
            "confidence": self.confidence, "clause": self.clause,
        }


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

    def to_dict(self) -> dict[str, Any]:
        """Everything found in the article as plain data (lists, dicts, strings, numbers), as ``quotes extract
        --format json`` writes it (``docs/schema/extraction.schema.json``); ``json.dumps`` takes it as it is.

        >>> e = Extraction("Hi.", (), (), (), _dt.date(2022, 3, 1), "argument", "a")
        >>> e.to_dict()["date"], e.to_dict()["quotes"]
        ('2022-03-01', [])
        """
        return {
            "name": self.name, "date": self.date.isoformat(), "date_source": self.date_source, "title": self.title,
            "title_source": self.title_source,
            "quotes": [q.to_dict() for q in self.quotes], "mentions": [m.to_dict() for m in self.mentions],
            "diagnostics": [d.to_dict() for d in self.diagnostics], "text": self.text,
        }

    def statement_rows(self) -> list[dict[str, Any]]:
        """One flat row per statement, for tables: the article, its date, the statement's kind, text and
        offsets, the speaker (label, kind, lexicon id, office, title as written), the cue, the source as
        written, how the speaker was found and the confidence (the columns of :meth:`to_frame`).

        >>> Extraction("Hi.", (), (), (), _dt.date(2022, 3, 1), "argument", "a").statement_rows()
        []
        """
        rows = []
        for q in self.quotes:
            sp = q.speaker
            rows.append({
                "article": self.name, "date": self.date, "kind": q.kind, "text": q.text, "start": q.start,
                "end": q.end, "speaker": sp.label, "speaker_kind": sp.kind, "person_id": sp.person_id,
                "office": sp.office, "title": sp.title.text if sp.title else None,
                "cue": q.cue.text if q.cue else None, "cue_lemma": q.cue_lemma,
                "source": q.source.text if q.source else None, "resolution": q.resolution,
                "confidence": q.confidence,
            })
        return rows

    def to_frame(self) -> pd.DataFrame:
        """The statements as a pandas ``DataFrame``, one row each (see :meth:`statement_rows`); needs pandas
        (``pip install 'newsroom-quotes[pandas]'``). Several articles at once: :func:`statements_frame`."""
        return statements_frame([self])

    def _repr_html_(self) -> str:
        """A notebook's view: the article's name, date and title, then a table of its statements."""
        head = " · ".join(_html.escape(x) for x in (self.name or "article", self.date.isoformat(), self.title or "")
                          if x)
        rows = [(r["speaker"] + (f" ({r['title']})" if r["title"] else ""), r["kind"], r["text"],
                 f"{r['confidence']:.2f}") for r in self.statement_rows()]
        return html_table(f"{head}: {len(rows)} statement{'s' if len(rows) != 1 else ''}",
                          ("speaker", "kind", "statement", "confidence"), rows)


class Ranged(Protocol):
    """Anything with a character range (a :class:`Span`, a parsed sentence)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class SpanSet(tuple[Span, ...]):
    """Spans that answer "is this offset inside one of you?" in log time (merged and sorted once, so that asking
    once per statement of a long article does not grow with the square of its length).

    >>> t = "abcdefghij"
    >>> inside = SpanSet([Span.of(t, 2, 4), Span.of(t, 3, 6)])
    >>> [inside.covers(i) for i in (1, 2, 5, 6)]
    [False, True, True, False]
    """

    def __new__(cls, spans: Iterable[Span]) -> SpanSet:
        return super().__new__(cls, spans)

    def __init__(self, spans: Iterable[Span]) -> None:
        merged: list[list[int]] = []
        for sp in sorted(self, key=lambda x: x.start):
            if sp.end <= sp.start:
                continue
            if merged and sp.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], sp.end)
            else:
                merged.append([sp.start, sp.end])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def covers(self, pos: int) -> bool:
        """Whether offset ``pos`` is inside one of the spans."""
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]

    def overlaps(self, span: Ranged) -> bool:
        """Whether ``span`` shares a character with one of the spans (as :meth:`Span.overlaps`).

        >>> t = "abcdefghij"
        >>> spans = SpanSet([Span.of(t, 2, 4)])
        >>> [spans.overlaps(Span.of(t, a, b)) for a, b in ((0, 2), (0, 3), (3, 9), (4, 6))]
        [False, True, True, False]
        """
        if span.end <= span.start:
            return False
        k = bisect.bisect_left(self._starts, span.end) - 1
        return k >= 0 and self._ends[k] > span.start


STATEMENT_COLUMNS = ("article", "date", "kind", "text", "start", "end", "speaker", "speaker_kind", "person_id",
                     "office", "title", "cue", "cue_lemma", "source", "resolution", "confidence")
"""The columns of :func:`statements_frame`, in order."""


def statements_frame(extractions: Extraction | Sequence[Extraction]) -> pd.DataFrame:
    """The statements of one or several extractions as one pandas ``DataFrame`` (columns
    :data:`STATEMENT_COLUMNS`, one row per statement, articles in the order given). Needs pandas:
    ``pip install 'newsroom-quotes[pandas]'``; without it an :class:`~quotes.errors.InputError` says so.

    >>> import datetime as dt
    >>> e = Extraction("Hi.", (), (), (), dt.date(2022, 3, 1), "argument", "a")
    >>> list(statements_frame([e, e]).columns)[:4], len(statements_frame(e))
    (['article', 'date', 'kind', 'text'], 0)
    """
    try:
        import pandas as pd
    except ImportError:
        raise InputError("a DataFrame of statements needs pandas: pip install 'newsroom-quotes[pandas]'") from None
    if not isinstance(extractions, Extraction) and (isinstance(extractions, (str, bytes, Mapping))
                                                    or not isinstance(extractions, Iterable)):
        raise InputError(f"statements_frame takes an extraction or a list of them (quotes.extract's results), not "
                         f"{type(extractions).__name__}")
    items = [extractions] if isinstance(extractions, Extraction) else list(extractions)
    bad = [type(e).__name__ for e in items if not isinstance(e, Extraction)]
    if bad:
        raise InputError(f"statements_frame takes extractions (quotes.extract's results), not {bad[0]}")
    rows = [row for e in items for row in e.statement_rows()]
    return pd.DataFrame(rows, columns=list(STATEMENT_COLUMNS))


def html_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]], *, limit: int = 200) -> str:
    """A small escaped HTML table (a notebook's ``_repr_html_``): ``caption`` is already HTML, cells are text.
    At most ``limit`` rows are shown, and the table says how many more there are.

    >>> html_table("<b>t</b>", ("a",), [("<x>",)])
    '<div><p><b>t</b></p><table><tr><th>a</th></tr><tr><td>&lt;x&gt;</td></tr></table></div>'
    """
    out = [f"<div><p>{caption}</p><table><tr>", *(f"<th>{_html.escape(h)}</th>" for h in headers), "</tr>"]
    for row in rows[:limit]:
        out += ["<tr>", *(f"<td>{_html.escape(str(c))}</td>" for c in row), "</tr>"]
    out.append("</table>")
    if len(rows) > limit:
        out.append(f"<p>… and {len(rows) - limit} more</p>")
    out.append("</div>")
    return "".join(out)
