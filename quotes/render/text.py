"""Plain-text reports for the terminal: the extraction table and the check report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..records import Extraction

if TYPE_CHECKING:  # pragma: no cover
    from ..checks import CheckReport
from .common import SEVERITIES, SEVERITY_WORDS, _counts, _n, dated


def _one_line(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[list[str]], widths: list[int]) -> list[str]:
    out = []
    for r in rows:
        cells = [_one_line(c, w).ljust(w) for c, w in zip(r, widths)]
        out.append("  ".join(cells).rstrip())
    return out


def extraction_table(e: Extraction) -> str:
    """One article's quotes as a readable fixed-width table (long cells are cut with ``…``).

    >>> import datetime as dt
    >>> from quotes.records import Extraction, Quote, Span, Speaker
    >>> t = "“It is complex,” Wang said."
    >>> q = Quote((Span.of(t, 0, 16),), "direct", Span.of(t, 22, 26), "say", Span.of(t, 17, 21),
    ...           Speaker("person", "Wang Yi", "Q1"), "surname", 0.85, quoted=(Span.of(t, 1, 14),))
    >>> print(extraction_table(Extraction(t, (q,), (), (), dt.date(2022, 3, 1), "argument", "a")))
    a (2022-03-01, from argument): 1 quote
    #   kind      speaker               cue           source                    offsets    content
    1   direct    Wang Yi               said          Wang                      0-16       “It is complex,”
    """
    n = len(e.quotes)
    head = f"{e.name or 'article'} ({e.date.isoformat()}, from {e.date_source}): "
    if not n:
        lines = [head + "no quotes"]
    else:
        lines = [head + f"{n} quote{'s' if n != 1 else ''}"]
        widths = [2, 8, 20, 12, 24, 9, 70]
        rows = [["#", "kind", "speaker", "cue", "source", "offsets", "content"]]
        for i, q in enumerate(e.quotes, 1):
            rows.append([str(i), q.kind, q.speaker.label, q.cue.text if q.cue else "-",
                         q.source.text if q.source else "-", f"{q.start}-{q.end}", q.text])
        lines += _table(rows, widths)
    for d in e.diagnostics:
        where = f" at {d.span.start}" if d.span else ""
        lines.append(f"note{where}: {d.message} [{d.code}]")
    return "\n".join(lines)


def _finding_lines(f: Any, indent: str = "  ") -> list[str]:
    where = f"{f.span.start}-{f.span.end}"
    quoted = f" “{_one_line(f.span.text, 60)}”" if f.span.text.strip() else ""
    lines = [f"{f.severity.upper():7} {f.code} at {f.article}:{where}{quoted}", f"{indent}{f.message}"]
    for ev in f.evidence:
        at = f" ({ev.article}:{ev.span.start}-{ev.span.end})" if ev.article and ev.span else (
            f" ({ev.article})" if ev.article else "")
        src = f" [{ev.source}]" if ev.source else ""
        lines.append(f"{indent}- {ev.kind}: {_one_line(ev.text, 160)}{at}{src}")
    return lines


def check_text(r: CheckReport) -> str:
    """A check report as plain text: a summary line, then each finding with its evidence.

    >>> import datetime as dt
    >>> from quotes.checks import CheckReport
    >>> from quotes.records import Extraction
    >>> print(check_text(CheckReport(Extraction("Hi.", (), (), (), dt.date(2022, 3, 1), "argument", "d"), (), ("s",))))
    Check of d (2022-03-01, given) against 1 source (s): clean, nothing to look at.
    """
    n = len(r.sources)
    draft = dated(r.draft.name or "the draft", r.draft.date, r.draft.date_source, r.draft.title)
    named = f" ({', '.join(r.sources)})" if r.sources else ""
    head = f"Check of {draft} against {n} source{'s' if n != 1 else ''}{named}: "
    if not r.findings:
        return head + "clean, nothing to look at."
    c = _counts(r.findings)
    summary = ", ".join(_n(c[k], SEVERITY_WORDS[k]) for k in SEVERITIES if c[k])
    lines = [head + summary + "."]
    for f in r.findings:
        lines.append("")
        lines += _finding_lines(f)
    return "\n".join(lines)
