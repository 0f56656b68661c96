"""Findings: the record an editor reads (code, severity, message, where, evidence) and the finding codes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any, Literal, Protocol

import attrs

from ..records import (
    Extraction,
    Severity,
    Span,
)

MIN_CLOSE_WORDS = 5
"""Fewest words two wordings need before they can be one statement given to two people."""


FindingCode = Literal[
    "wrong-title", "conflated-name", "ambiguous-speaker", "misattribution", "altered-wording", "unsourced",
    "broken-quote-marks", "variant-group", "unconfirmed-title", "name-spelling",
]


CODES: dict[str, str] = {
    "wrong-title": "a person is given an office they did not hold at the article's date",
    "conflated-name": "a title and a name that belong to different people, or a name two people share",
    "ambiguous-speaker": "a quote whose speaker could be several people",
    "misattribution": "one statement attributed to different people",
    "altered-wording": "words inside quotation marks that differ from the sources' wording",
    "unsourced": "a direct quotation found in no source",
    "broken-quote-marks": "quotation marks that do not pair up",
    "variant-group": "one statement quoted in several articles",
    "unconfirmed-title": "a title the lexicon's sources support only up to their snapshot, before the article's date",
    "name-spelling": "a person's name written two ways in one article (one letter apart): one of them is misspelt",
}
"""Every finding code with what it means (the codes are stable)."""


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class LexiconLike(Protocol):
    """The part of the lexicon verification uses (``quotes.lexicon.Lexicon`` satisfies it)."""

    def offices_of(self, person_id: str, *, as_of: dt.date) -> tuple[Any, ...]: ...

    def holders(self, office: str, *, as_of: dt.date) -> tuple[Any, ...]: ...

    def person(self, id: str) -> Any: ...

    def candidates(self, mention: str, *, as_of: dt.date | None = None) -> tuple[Any, ...]: ...


@attrs.frozen
class Evidence:
    """What a finding rests on: a lexicon row, or a source's wording with its offsets."""

    kind: str
    """``lexicon`` (an office row), ``candidate`` (a possible speaker), ``source`` (another article's
    occurrence), ``diff`` (the word-level difference), ``diagnostic`` (what the reader noticed)."""
    text: str
    """The evidence as an editor reads it."""
    article: str | None = None
    """The article it comes from, for ``source`` evidence."""
    span: Span | None = None
    """Where in that article."""
    source: str | None = None
    """Where a lexicon row comes from (file and line, or a reference)."""


@attrs.frozen
class Finding:
    """One thing an editor should look at, in one article."""

    code: FindingCode
    """Stable identifier (see :data:`CODES`)."""
    severity: Severity
    """``error`` (almost surely wrong), ``warning`` (check it), ``info``."""
    article: str
    """Name of the article it concerns."""
    span: Span
    """Where in that article's text."""
    message: str
    """One sentence an editor understands."""
    evidence: tuple[Evidence, ...] = ()
    """What the finding rests on."""

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.article, self.span.start, self.span.end, SEVERITY_ORDER[self.severity], self.code)


def _article_name(ex: Extraction, default: str = "article") -> str:
    return ex.name if ex.name is not None else default


def _clip(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def severity_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """How many findings of each severity (``error``, ``warning``, ``info``).

    >>> severity_counts(())
    {'error': 0, 'warning': 0, 'info': 0}
    """
    c = Counter(f.severity for f in findings)
    return {k: c.get(k, 0) for k in ("error", "warning", "info")}
