"""What the pages show, as records: a checked draft cut into marked pieces, its findings numbered with their
evidence, a summary line. Pure functions of a :class:`~quotes.checks.CheckReport`; the templates only lay
them out (and escape every piece of text).

>>> import datetime as dt
>>> from quotes.checks import CheckReport
>>> from quotes.records import Extraction, Span
>>> from quotes.verification import Finding
>>> text = "He said “we will win”."
>>> f = Finding("unsourced", "warning", "draft", Span.of(text, 9, 20), "No source quotes it.")
>>> pieces = marked_draft(CheckReport(Extraction(text, (), (), (), dt.date(2022, 3, 1), "argument", "draft"), (f,), ()))
>>> [(p.text, p.severity, p.refs) for p in pieces]
[('He said “', None, ()), ('we will win', 'warning', (1,)), ('”.', None, ())]
"""

from __future__ import annotations

import attrs

from ..checks import CheckReport
from ..verification import Finding

__all__ = ["SEVERITIES", "FindingView", "Piece", "check_summary", "finding_views", "marked_draft"]

SEVERITIES = ("error", "warning", "info")
"""Severities, worst first (a piece of text under several findings is marked as the worst)."""

_WORDS = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("note", "notes")}


@attrs.frozen
class Piece:
    """A stretch of the draft between two finding boundaries."""

    text: str
    """The draft's text from ``start`` to ``end`` (escaped by the template, never markup)."""
    start: int
    end: int
    severity: str | None = None
    """The worst severity of the findings covering it; None when none does."""
    refs: tuple[int, ...] = ()
    """Numbers of the findings that start here (1-based, as in the list beside the draft)."""
    title: str = ""
    """The covering findings' codes and messages, shown on hover."""


@attrs.frozen
class FindingView:
    """A finding as the page lists it: its number and the draft's words it points at."""

    number: int
    finding: Finding
    excerpt: str
    """The draft's text under the finding's span (clipped to 300 characters)."""


def _clip(text: str, n: int = 300) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _bounded(value: int, n: int) -> int:
    return min(max(value, 0), n)


def marked_draft(report: CheckReport) -> tuple[Piece, ...]:
    """The draft's text cut at every finding's start and end, each piece with the worst severity covering it
    and the numbers of the findings starting there; joining the pieces' text gives the draft back."""
    text = report.draft.text
    n = len(text)
    findings = list(report.findings)
    spans = [(_bounded(f.span.start, n), _bounded(f.span.end, n)) for f in findings]
    cuts = sorted({0, n, *(s for s, _ in spans), *(e for _, e in spans)})
    pieces: list[Piece] = []
    for a, b in zip(cuts, cuts[1:] + [n]):
        refs = tuple(k for k, (s, _) in enumerate(spans, 1) if s == a)
        if b <= a and not refs:
            continue
        covering = [k for k, (s, e) in enumerate(spans, 1) if s <= a and b <= e and b > a]
        worst = min((findings[k - 1].severity for k in covering), key=SEVERITIES.index) if covering else None
        title = " | ".join(f"[{k}] {findings[k - 1].code}: {findings[k - 1].message}" for k in covering)
        pieces.append(Piece(text[a:b], a, b, worst, refs, title))
    return tuple(pieces)


def finding_views(report: CheckReport) -> tuple[FindingView, ...]:
    """The report's findings, numbered from 1 in the draft's order, with the words each points at."""
    text = report.draft.text
    n = len(text)
    return tuple(FindingView(k, f, _clip(text[_bounded(f.span.start, n):_bounded(f.span.end, n)]))
                 for k, f in enumerate(report.findings, 1))


def check_summary(report: CheckReport) -> str:
    """One line: what was checked against what, and what came of it.

    >>> import datetime as dt
    >>> from quotes.records import Extraction
    >>> check_summary(CheckReport(Extraction("x", (), (), (), dt.date(2022, 3, 1), "argument", "d"), (), ("a", "b")))
    'd (2022-03-01, 0 quotes) checked against 2 sources: clean, nothing to look at.'
    """
    d = report.draft
    nq = len(d.quotes)
    ns = len(report.sources)
    counts = {k: sum(1 for f in report.findings if f.severity == k) for k in SEVERITIES}
    found = ", ".join(f"{counts[k]} {_WORDS[k][counts[k] != 1]}" for k in SEVERITIES if counts[k])
    return (f"{d.name or 'the draft'} ({d.date.isoformat()}, {nq} quote{'s' if nq != 1 else ''}) checked against "
            f"{ns} source{'s' if ns != 1 else ''}: {found or 'clean, nothing to look at'}.")
