"""Self-contained HTML pages of a digest and a check: article text escaped, nothing loaded from outside."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..wording import WordDiff

if TYPE_CHECKING:  # pragma: no cover
    from ..checks import CheckReport
    from ..digests import Digest
from .common import SEVERITIES, _counts, _n, article_titles, dated, described


def _h(text: Any) -> str:
    return html.escape(str(text), quote=True)


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;color:#222;line-height:1.5;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #ddd;margin-top:2rem}h3{font-size:1.05rem}
.meta{color:#666;font-size:.9rem}.reason{color:#666;font-size:.85rem}
.statement{border:1px solid #e3e3e3;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;background:#fcfcfc}
.canonical{font-size:1.05rem}
.sources{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:.6rem;margin-top:.6rem}
.source{border-left:3px solid #9ab;padding:.3rem .6rem;background:#fff;font-size:.92rem}
.source .who{color:#555;font-size:.8rem}
ins{background:#dfd;text-decoration:none}del{background:#fdd}
.finding{margin:.3rem 0}.sev{display:inline-block;min-width:4.5rem;font-weight:600}
.sev-error{color:#a00}.sev-warning{color:#a60}.sev-info{color:#257}
mark{padding:0 .1rem;border-radius:2px}
mark.hl-error{background:#fbb}mark.hl-warning{background:#fe9}mark.hl-info{background:#cdf}
.draft{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;background:#fff;font-family:Georgia,serif}
sup.ref{font-size:.7rem;color:#555}
.legend span{margin-right:1rem}
.evidence{color:#555;font-size:.85rem;margin:.1rem 0 .1rem 1.5rem}
code{background:#f3f3f3;padding:0 .2rem}
"""


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{_h(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _html_diff(diff: Sequence[WordDiff]) -> str:
    parts = []
    for x in diff:
        if x.op == "equal":
            parts.append(_h(x.variant))
        else:
            if x.canonical:
                parts.append(f"<del>{_h(x.canonical)}</del>")
            if x.variant:
                parts.append(f"<ins>{_h(x.variant)}</ins>")
    return " ".join(parts)


def _html_finding(f: Any, anchor: str | None = None, number: int | None = None) -> str:
    num = f"[{number}] " if number is not None else ""
    ident = f' id="{_h(anchor)}"' if anchor else ""
    ev = "".join(
        f'<div class="evidence">{_h(e.kind)}: {_h(e.text)}'
        + (f" <span class=\"meta\">({_h(e.article)}"
           + (f" {e.span.start}&ndash;{e.span.end}" if e.span else "") + ")</span>" if e.article else "")
        + (f' <span class="meta">[{_h(e.source)}]</span>' if e.source else "")
        + "</div>"
        for e in f.evidence)
    return (f'<div class="finding"{ident}>{num}<span class="sev sev-{_h(f.severity)}">{_h(f.severity)}</span> '
            f'<code>{_h(f.code)}</code> <span class="meta">{_h(f.article)} {f.span.start}&ndash;{f.span.end}</span> '
            f"{_h(f.message)}{ev}</div>")


def digest_html(d: Digest) -> str:
    """A digest as one self-contained HTML page (inline style, no scripts, nothing loaded from outside).

    Per speaker, each statement shows its canonical wording, why it was chosen, and its sources side
    by side with their word differences; every finding is listed.

    >>> from html.parser import HTMLParser
    >>> from quotes.digests import digest
    >>> page = digest_html(digest([]))
    >>> HTMLParser().feed(page); "<script" in page
    False
    """
    c = _counts(d.findings)
    body = ["<h1>Quote digest</h1>",
            f'<p class="meta">{_n(len(d.articles), "article")} '
            f'({_h("; ".join(dated(a, *x, t) for a, x, t in zip(d.articles, d.dates, article_titles(d))) if d.dates else ", ".join(d.articles))}), '
            f"{_n(len(d.groups), 'statement')}, {_n(len(d.speakers), 'speaker')}; {_n(c['error'], 'error')}, "
            f"{_n(c['warning'], 'warning')}, {_n(c['info'], 'note')}.</p>"]
    for i, s in enumerate(d.speakers, 1):
        office = f' <span class="meta">{_h(described(s.speaker))}</span>' if described(s.speaker) else ""
        body.append(f'<section id="speaker-{i}"><h2>{_h(s.label)}{office}</h2>')
        for g in s.groups:
            body.append(f'<div class="statement" id="{_h(g.id)}-{i}"><div class="canonical">“{_h(g.canonical)}”</div>'
                        f'<div class="reason">{_h(g.canonical_reason)} · {_h(g.id)}</div><div class="sources">')
            for o in g.occurrences:
                body.append(f'<div class="source"><div class="who">{_h(o.article)} · {o.span.start}&ndash;{o.span.end} · '
                            f"{_h(o.kind)} · {_h(o.speaker.label)}</div>{_html_diff(g.diff(o))}</div>")
            body.append("</div></div>")
        if s.findings:
            body.append("<h3>Findings</h3>")
            body += [_html_finding(f) for f in s.findings]
        body.append("</section>")
    body.append("<h2>All findings</h2>")
    body += [_html_finding(f, anchor=f"finding-{n}", number=n) for n, f in enumerate(d.findings, 1)] or ["<p>None.</p>"]
    if d.diagnostics:
        body.append("<h2>Notes on the articles</h2><ul>")
        body += [f"<li>{_h(a)}: {_h(x.message)} <code>{_h(x.code)}</code></li>" for a, x in d.diagnostics]
        body.append("</ul>")
    return _page("Quote digest", "\n".join(body))


def check_html(r: CheckReport) -> str:
    """A check report as a self-contained HTML page: the draft with every finding highlighted in place.

    Each highlight carries its findings' messages (``title``) and a numbered reference to the list
    below; a legend explains the colours.

    >>> import datetime as dt
    >>> from quotes.checks import CheckReport
    >>> from quotes.records import Extraction
    >>> page = check_html(CheckReport(Extraction("<b>Hi</b>", (), (), (), dt.date(2022, 3, 1), "argument", "d"), (), ()))
    >>> "&lt;b&gt;Hi&lt;/b&gt;" in page
    True
    """
    text = r.draft.text
    findings = list(r.findings)
    n = len(text)
    bounds = {0, n}
    for f in findings:
        bounds.add(min(max(f.span.start, 0), n))
        bounds.add(min(max(f.span.end, 0), n))
    cuts = sorted(bounds)
    starts: dict[int, list[int]] = {}
    for k, f in enumerate(findings, 1):
        starts.setdefault(min(max(f.span.start, 0), n), []).append(k)
    out = []
    for a, b in zip(cuts, cuts[1:] + [n]):
        for k in starts.get(a, []):
            f = findings[k - 1]
            out.append(f'<sup class="ref"><a href="#finding-{k}" title="{_h(f.message)}">[{k}]</a></sup>')
        if b <= a:
            continue
        covering = [k for k, f in enumerate(findings, 1) if f.span.start <= a and b <= f.span.end]
        piece = _h(text[a:b])
        if covering:
            worst = min((findings[k - 1].severity for k in covering), key=SEVERITIES.index)
            title = " | ".join(f"[{k}] {findings[k - 1].code}: {findings[k - 1].message}" for k in covering)
            out.append(f'<mark class="hl-{_h(worst)}" title="{_h(title)}">{piece}</mark>')
        else:
            out.append(piece)
    c = _counts(findings)
    ns = len(r.sources)
    summary = ("clean: nothing to look at" if not findings
               else ", ".join(f"{c[k]} {k}{'s' if c[k] != 1 else ''}" for k in SEVERITIES if c[k]))
    body = [
        f"<h1>Check of {_h(r.draft.name or 'the draft')}</h1>",
        f'<p class="meta">Against {ns} source{"s" if ns != 1 else ""}: {_h(", ".join(r.sources))}. {_h(summary)}.</p>',
        '<p class="legend"><span><mark class="hl-error">error</mark> almost surely wrong</span>'
        '<span><mark class="hl-warning">warning</mark> check it</span><span><mark class="hl-info">info</mark> for '
        "information</span> Hover a highlight for its message; numbers refer to the list below.</p>",
        f'<div class="draft">{"".join(out)}</div>',
        "<h2>Findings</h2>",
    ]
    body += [_html_finding(f, anchor=f"finding-{k}", number=k) for k, f in enumerate(findings, 1)] or ["<p>None.</p>"]
    return _page(f"Check of {r.draft.name or 'the draft'}", "\n".join(body))
