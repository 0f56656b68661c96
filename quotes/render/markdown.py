"""The digest as Markdown (a file format: HTML and Markdown syntax in article text is escaped)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..wording import WordDiff

if TYPE_CHECKING:  # pragma: no cover
    from ..digests import Digest
from .common import _counts, _n, article_titles, dated, described

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def _md(text: str) -> str:
    """Article text made inert in Markdown: syntax backslash-escaped, HTML as entities, on one line."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_diff(diff: Sequence[WordDiff]) -> str:
    parts = []
    for x in diff:
        if x.op == "equal":
            parts.append(_md(x.variant))
        else:
            if x.canonical:
                parts.append(f"~~{_md(x.canonical)}~~")
            if x.variant:
                parts.append(f"**{_md(x.variant)}**")
    return " ".join(parts)


def digest_markdown(d: Digest) -> str:
    """A digest as Markdown: per speaker, each statement with its variants; then findings and notes.

    >>> from quotes.digests import digest
    >>> print(digest_markdown(digest([])).splitlines()[0])
    # Quote digest
    """
    c = _counts(d.findings)
    lines = ["# Quote digest", "",
             f"{_n(len(d.articles), 'article')}, {_n(d.statements, 'statement')}, {_n(len(d.speakers), 'speaker')}; "
             f"findings: {_n(c['error'], 'error')}, {_n(c['warning'], 'warning')}, {_n(c['info'], 'note')}.", ""]
    if d.dates:
        lines += ["Articles (date, where it came from): "
                  + "; ".join(_md(dated(a, day, source, t))
                              for a, (day, source), t in zip(d.articles, d.dates, article_titles(d))) + ".", ""]
    for s in d.speakers:
        office = f" ({_md(described(s.speaker))})" if described(s.speaker) else ""
        lines += [f"## {_md(s.label)}{office}", ""]
        for g in s.groups:
            lines.append(f"- “{_md(g.canonical)}” — {', '.join(_md(a) for a in g.articles)} `{g.id}`")
            for o in g.occurrences:
                if o.text == g.canonical and len(g.occurrences) == 1:
                    continue
                who = "" if o.speaker == s.speaker else f" (attributed to {_md(o.speaker.label)})"
                lines.append(f"  - {_md(o.article)} {o.span.start}-{o.span.end}{who}: {_md_diff(g.diff(o))}")
        for g in s.also:
            owner = next((x.label for x in d.speakers if any(h is g for h in x.groups)), "someone else")
            lines.append(f"- also given to them: “{_md(g.canonical)}” (listed under {_md(owner)}) `{g.id}`")
        if s.findings:
            lines += ["", "Findings:", ""]
            lines += [f"- **{f.severity}** `{f.code}` {_md(f.article)} {f.span.start}-{f.span.end}: {_md(f.message)}"
                      for f in s.findings]
        lines.append("")
    lines += ["## All findings", ""]
    if not d.findings:
        lines.append("None.")
    for f in d.findings:
        lines.append(f"- **{f.severity}** `{f.code}` {_md(f.article)} {f.span.start}-{f.span.end}: {_md(f.message)}")
        for ev in f.evidence:
            at = f" ({_md(ev.article)} {ev.span.start}-{ev.span.end})" if ev.article and ev.span else ""
            lines.append(f"  - {ev.kind}: {_md(ev.text)}{at}")
    if d.diagnostics:
        lines += ["", "## Notes on the articles", ""]
        lines += [f"- {_md(a)}: {_md(x.message)} (`{x.code}`)" for a, x in d.diagnostics]
    return "\n".join(lines) + "\n"
