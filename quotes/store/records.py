"""The records the archive takes and gives: articles to index, what an index run did, search hits."""

from __future__ import annotations

import datetime as dt

import attrs

from ..dates import parse_date
from ..errors import InputError
from ..records import Span, Speaker

__all__ = ["ArchiveArticle", "Hit", "IndexSummary", "Skipped", "StoreCounts", "Variant"]


def _date_or_none(value: dt.date | str | None) -> dt.date | None:
    """A date given as a date or as text (``2016-10-19``, ``October 19, 2016``); InputError for anything else."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        day = parse_date(str(value))
    if day is None:
        raise InputError(f"not a date: {value!r} (expected e.g. 2016-10-19)")
    return day


@attrs.frozen
class ArchiveArticle:
    """One article to index: its identity, its input, and what a manifest says of it."""

    key: str
    """Identity across runs (a file's resolved path, or a name): a second run with the same key and the same
    input (and given date) skips it; with another input re-extracts it."""
    data: str | bytes
    """The article as read (bytes of a file, HTML or text)."""
    name: str = ""
    """How reports name it (default: the key)."""
    date: dt.date | None = attrs.field(default=None, converter=_date_or_none)
    """The date a manifest (or the caller) gives; None: the article's own (dateline, text...)."""
    title: str = ""
    outlet: str = ""
    url: str = ""

    @property
    def label(self) -> str:
        return self.name or self.key


@attrs.frozen
class Skipped:
    """An input that was not indexed, and why."""

    key: str
    why: str


@attrs.frozen
class IndexSummary:
    """What one index run did."""

    new: int = 0
    """Articles extracted and written for the first time."""
    changed: int = 0
    """Articles whose input (or given date) changed: extracted again and rewritten."""
    unchanged: int = 0
    """Articles already in the store with the same input: not extracted."""
    skipped: tuple[Skipped, ...] = ()
    """Inputs that could not be read or extracted, with the reason."""
    statements: int = 0
    """Statements written."""
    regrouped: bool = False
    """Whether every statement was grouped afresh (``--regroup``)."""

    def describe(self) -> str:
        """One line for a person: ``3 new, 1 changed, 40 unchanged, 0 skipped; 52 statements written``.

        >>> IndexSummary(new=2, unchanged=1, statements=7).describe()
        '2 new, 0 changed, 1 unchanged, 0 skipped; 7 statements written'
        """
        line = (f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged, {len(self.skipped)} skipped; "
                f"{self.statements} statements written")
        return line + ("; statements regrouped" if self.regrouped else "")


@attrs.frozen
class Variant:
    """Another statement of a hit's group: the same statement as another article words it."""

    article: str
    date: dt.date
    speaker: str
    """The speaker's label in that article."""
    text: str


@attrs.frozen
class Hit:
    """A statement found in the archive, with where it stands and its variants."""

    statement_id: int
    article: str
    """The article's name."""
    key: str
    """The article's key (a file's path)."""
    date: dt.date
    title: str
    outlet: str
    speaker: Speaker
    """Who said it (``office``: the office held at the article's date)."""
    kind: str
    """direct, partial or indirect."""
    span: Span
    """From the statement's first content character to its last, into the article's stored text."""
    text: str
    """The statement's content pieces joined by `` … ``."""
    group: str | None
    """The statement group's id (``s-...``), None if it has none."""
    variants: tuple[Variant, ...] = ()
    """Other statements of the group (a few), oldest first."""
    score: float = 0.0
    """Relevance (higher is better; 0 without words)."""


@attrs.frozen
class StoreCounts:
    """How much an archive holds."""

    articles: int
    statements: int
    groups: int
    speakers: int
    findings: int
