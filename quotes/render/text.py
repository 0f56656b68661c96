"""Plain-text reports for the terminal: the extraction table, the digest and the check report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..records import Extraction

if TYPE_CHECKING:  # pragma: no cover
    from ..checks import CheckReport
    from ..digests import Digest
from .common import SEVERITIES, SEVERITY_WORDS, _counts, _n, article_titles, dated, described, sources_read


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
        lines.append(f"{SEVERITY_WORDS.get(d.severity, 'note')}{where}: {d.message} [{d.code}]")
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


def check_text(r: CheckReport, *, skipped: Sequence[Extraction] = ()) -> str:
    """A check report as plain text: a summary line (the sources read, and ``skipped``: sources that could not
    be read), then each finding with its evidence; an empty draft is said to be one, not clean.

    >>> import datetime as dt
    >>> from quotes.checks import CheckReport
    >>> from quotes.records import Diagnostic, Extraction
    >>> print(check_text(CheckReport(Extraction("Hi.", (), (), (), dt.date(2022, 3, 1), "argument", "d"), (), ("s",))))
    Check of d (2022-03-01, given) against 1 source (s): clean, nothing to look at.
    >>> said = (Diagnostic("empty-input", "The article is empty.", None, "warning"),)
    >>> empty = Extraction("", (), (), said, dt.date(2022, 3, 1), "argument", "e")
    >>> print(check_text(CheckReport(empty, (), ("s",))))
    Check of e (2022-03-01, given) against 1 source (s): the draft is empty, nothing was checked.
    """
    draft = dated(r.draft.name or "the draft", r.draft.date, r.draft.date_source, r.draft.title)
    head = f"Check of {draft} against {sources_read(r, skipped)}: "
    parts = []
    if r.empty:
        parts.append("the draft is empty, nothing was checked")
    elif r.tally["quotations"]:
        parts.append(r.tally_text())
    if r.findings:
        c = _counts(r.findings)
        parts.append(", ".join(_n(c[k], SEVERITY_WORDS[k]) for k in SEVERITIES if c[k]))
    elif not r.empty:
        parts.append("clean, nothing to look at")
    lines = [head + "; ".join(parts) + "."]
    for f in r.findings:
        lines.append("")
        lines += _finding_lines(f)
    return "\n".join(lines)


def _diff_text(diff: Any) -> str:
    parts = []
    for x in diff:
        if x.op == "equal":
            parts.append(x.variant)
        else:
            if x.canonical:
                parts.append(f"[-{x.canonical}-]")
            if x.variant:
                parts.append(f"{{+{x.variant}+}}")
    return " ".join(parts)


def digest_text(d: Digest, *, width: int = 110) -> str:
    """A digest as plain text for the terminal: a summary (articles with their titles and dates, findings by
    severity), the errors and warnings, then each speaker's statements with their variants; notes on the
    articles (web debris, encodings) are counted, not listed (``--format json`` or ``html`` has them).

    >>> from quotes.digests import digest
    >>> print(digest_text(digest([])), end="")
    Quote digest: 0 articles, 0 statements, 0 speakers; findings: 0 errors, 0 warnings, 0 notes.
    """
    c = _counts(d.findings)
    lines = [f"Quote digest: {_n(len(d.articles), 'article')}, {_n(d.statements, 'statement')}, "
             f"{_n(len(d.speakers), 'speaker')}; findings: "
             + ", ".join(_n(c[k], SEVERITY_WORDS[k]) for k in SEVERITIES) + "."]
    if d.set_aside:
        lines.append(f"({_n(len(d.set_aside), 'wording')} set aside, no statements: one-word fragments, acts such as "
                     "abstaining, positions without words ('condemned the invasion'); --format json lists them.)")
    if d.dates:
        lines += ["", "Articles:"]
        lines += [f"  {_one_line(dated(a, day, source, t), width)}"
                  for a, (day, source), t in zip(d.articles, d.dates, article_titles(d))]
    loud = [f for f in d.findings if f.severity in ("error", "warning")]
    if loud:
        lines += ["", "To look at:"]
        for f in loud:
            lines += _finding_lines(f)
    for s in d.speakers:
        head = s.label + (f" ({described(s.speaker)})" if described(s.speaker) else "")
        lines += ["", _one_line(head, width)]
        for g in s.groups:
            lines.append(f"  “{_one_line(g.canonical, width - 20)}” ({', '.join(g.articles)})")
            for o in g.occurrences:
                if o.text == g.canonical and len(g.occurrences) == 1:
                    continue
                who = "" if o.speaker == s.speaker else f", attributed to {o.speaker.label}"
                lines.append(f"      {o.article} {o.span.start}-{o.span.end}{who}: "
                             f"{_one_line(_diff_text(g.diff(o)), width - 30)}")
        for g in s.also:
            owner = next((x.label for x in d.speakers if any(h is g for h in x.groups)), "someone else")
            lines.append(f"  also given to them: “{_one_line(g.canonical, width - 50)}” (listed under {owner})")
        notes = [f for f in s.findings if f.severity == "info"]
        for f in notes:
            lines.append(f"    note ({f.code}): {_one_line(f.message, width - 20)}")
    if d.diagnostics:
        codes = _counts_of(x.code for _, x in d.diagnostics)
        lines += ["", f"Notes on the articles: {', '.join(f'{n} {code}' for code, n in codes)} "
                      "(listed by --format json or html)."]
    return "\n".join(lines) + "\n"


def _counts_of(codes: Any) -> list[tuple[str, int]]:
    out: dict[str, int] = {}
    for code in codes:
        out[code] = out.get(code, 0) + 1
    return sorted(out.items(), key=lambda kv: -kv[1])
