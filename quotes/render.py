"""Reports: JSON, JSON Lines, Markdown, plain-text tables, brat standoff, and self-contained HTML.

Every function returns a ``str``; nothing here prints. Article text is untrusted: the HTML escapes
every piece of it (no script runs, no attribute is injected) and loads nothing from outside the page;
the Markdown escapes HTML and Markdown syntax.

>>> import datetime as dt
>>> from quotes.records import Extraction
>>> print(extraction_table(Extraction("No quotes here.", (), (), (), dt.date(2022, 3, 1), "argument", "a")))
a (2022-03-01, from argument): no quotes
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .grouping import Occurrence, StatementGroup
from .records import Diagnostic, Extraction, Mention, Quote, Span, Speaker
from .wording import WordDiff

if TYPE_CHECKING:  # pragma: no cover
    from .checks import CheckReport
    from .digests import Digest

__all__ = [
    "check_html", "check_json", "check_text", "digest_html", "digest_json", "digest_markdown",
    "extraction_brat", "extraction_json", "extraction_jsonl", "extraction_table",
]

SEVERITIES = ("error", "warning", "info")

# --- plain data ------------------------------------------------------------------------------


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def _speaker(s: Speaker) -> dict[str, Any]:
    return {"kind": s.kind, "name": s.name, "person_id": s.person_id, "office": s.office,
            "candidates": list(s.candidates), "label": s.label}


def _quote(q: Quote) -> dict[str, Any]:
    return {
        "kind": q.kind, "text": q.text, "content": [_span(p) for p in q.content], "quoted": [_span(p) for p in q.quoted],
        "cue": _span(q.cue), "cue_lemma": q.cue_lemma, "source": _span(q.source), "speaker": _speaker(q.speaker),
        "resolution": q.resolution, "confidence": q.confidence,
    }


def _mention(m: Mention) -> dict[str, Any]:
    return {"span": _span(m.span), "name": _span(m.name), "title": _span(m.title), "title_office": m.title_office,
            "speaker": _speaker(m.speaker)}


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {"code": d.code, "severity": d.severity, "message": d.message, "span": _span(d.span)}


def _extraction(e: Extraction) -> dict[str, Any]:
    return {
        "name": e.name, "date": e.date.isoformat(), "date_source": e.date_source,
        "quotes": [_quote(q) for q in e.quotes], "mentions": [_mention(m) for m in e.mentions],
        "diagnostics": [_diagnostic(d) for d in e.diagnostics], "text": e.text,
    }


def _evidence(ev: Any) -> dict[str, Any]:
    return {"kind": ev.kind, "text": ev.text, "article": ev.article, "span": _span(ev.span), "source": ev.source}


def _finding(f: Any) -> dict[str, Any]:
    return {"code": f.code, "severity": f.severity, "article": f.article, "span": _span(f.span),
            "message": f.message, "evidence": [_evidence(e) for e in f.evidence]}


def _diff(d: Sequence[WordDiff]) -> list[dict[str, str]]:
    return [{"op": x.op, "canonical": x.canonical, "variant": x.variant} for x in d]


def _occurrence(g: StatementGroup, o: Occurrence) -> dict[str, Any]:
    return {"article": o.article, "quote_index": o.quote_index, "span": _span(o.span),
            "content": [_span(p) for p in o.content], "quoted": [_span(p) for p in o.quoted], "kind": o.kind,
            "speaker": _speaker(o.speaker), "text": o.text, "diff": _diff(g.diff(o))}


def _group(g: StatementGroup) -> dict[str, Any]:
    return {"id": g.id, "canonical": g.canonical, "canonical_reason": g.canonical_reason,
            "speakers": [_speaker(s) for s in g.speakers], "articles": list(g.articles),
            "occurrences": [_occurrence(g, o) for o in g.occurrences]}


def _counts(findings: Iterable[Any]) -> dict[str, int]:
    c = Counter(f.severity for f in findings)
    return {k: c.get(k, 0) for k in SEVERITIES}


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def extraction_json(e: Extraction) -> str:
    """One article's extraction as an indented JSON object (spans as ``{start, end, text}``).

    >>> import datetime as dt, json
    >>> from quotes.records import Extraction
    >>> json.loads(extraction_json(Extraction("Hi.", (), (), (), dt.date(2022, 3, 1), "argument", "a")))["date"]
    '2022-03-01'
    """
    return _dumps(_extraction(e))


def extraction_jsonl(es: Iterable[Extraction]) -> str:
    """Extractions as JSON Lines: one compact object per article, each line ending in a newline.

    >>> import datetime as dt
    >>> from quotes.records import Extraction
    >>> e = Extraction("Hi.", (), (), (), dt.date(2022, 3, 1), "argument", "a")
    >>> extraction_jsonl([e, e]).count("\\n")
    2
    """
    return "".join(json.dumps(_extraction(e), ensure_ascii=False, separators=(",", ":")) + "\n" for e in es)


def digest_json(d: Digest) -> str:
    """A :class:`~quotes.digests.Digest` as JSON: speakers (with group ids), groups, findings, diagnostics.

    >>> import json
    >>> from quotes.digests import digest
    >>> json.loads(digest_json(digest([])))["counts"]
    {'error': 0, 'warning': 0, 'info': 0}
    """
    data = {
        "articles": list(d.articles),
        "counts": _counts(d.findings),
        "speakers": [{"label": s.label, "speaker": _speaker(s.speaker), "groups": [g.id for g in s.groups],
                      "findings": [_finding(f) for f in s.findings]} for s in d.speakers],
        "groups": [_group(g) for g in d.groups],
        "findings": [_finding(f) for f in d.findings],
        "diagnostics": [dict(article=a, **_diagnostic(x)) for a, x in d.diagnostics],
    }
    return _dumps(data)


def check_json(r: CheckReport) -> str:
    """A :class:`~quotes.checks.CheckReport` as JSON.

    >>> import datetime as dt, json
    >>> from quotes.checks import CheckReport
    >>> from quotes.records import Extraction
    >>> r = CheckReport(Extraction("Hi.", (), (), (), dt.date(2022, 3, 1), "argument", "d"), (), ("s",))
    >>> json.loads(check_json(r))["clean"]
    True
    """
    data = {"draft": r.draft.name, "sources": list(r.sources), "clean": r.clean, "exit_code": r.exit_code,
            "counts": _counts(r.findings), "findings": [_finding(f) for f in r.findings]}
    return _dumps(data)


# --- text ------------------------------------------------------------------------------------


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
    Check of d against 1 source (s): clean, nothing to look at.
    """
    n = len(r.sources)
    head = f"Check of {r.draft.name or 'the draft'} against {n} source{'s' if n != 1 else ''} ({', '.join(r.sources)}): "
    if not r.findings:
        return head + "clean, nothing to look at."
    c = _counts(r.findings)
    summary = ", ".join(_n(c[k], k) for k in SEVERITIES if c[k])
    lines = [head + summary + "."]
    for f in r.findings:
        lines.append("")
        lines += _finding_lines(f)
    return "\n".join(lines)


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
             f"{_n(len(d.articles), 'article')}, {_n(len(d.groups), 'statement')}, {_n(len(d.speakers), 'speaker')}; "
             f"findings: {_n(c['error'], 'error')}, {_n(c['warning'], 'warning')}, {_n(c['info'], 'note')}.", ""]
    for s in d.speakers:
        office = f" ({_md(s.speaker.office)})" if s.speaker.office else ""
        lines += [f"## {_md(s.label)}{office}", ""]
        for g in s.groups:
            lines.append(f"- “{_md(g.canonical)}” — {', '.join(_md(a) for a in g.articles)} `{g.id}`")
            for o in g.occurrences:
                if o.text == g.canonical and len(g.occurrences) == 1:
                    continue
                who = "" if o.speaker == s.speaker else f" (attributed to {_md(o.speaker.label)})"
                lines.append(f"  - {_md(o.article)} {o.span.start}-{o.span.end}{who}: {_md_diff(g.diff(o))}")
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


# --- brat ------------------------------------------------------------------------------------


def _fragments(text: str, spans: Iterable[Span]) -> list[tuple[int, int]]:
    """Half-open ranges covering ``spans``, split at line breaks, trimmed of surrounding whitespace."""
    out = []
    for s in spans:
        pos = s.start
        for piece in re.split(r"(\r\n|\r|\n|\u2028|\u2029|\x85)", text[s.start:s.end]):
            if piece and piece not in ("\r\n", "\r", "\n", "\u2028", "\u2029", "\x85"):
                a, b = pos, pos + len(piece)
                while a < b and text[a].isspace():
                    a += 1
                while b > a and text[b - 1].isspace():
                    b -= 1
                if b > a:
                    out.append((a, b))
            pos += len(piece)
    return out


def extraction_brat(e: Extraction) -> str:
    """brat standoff annotations (the ``.ann`` file) for one article, as in PolNeAR.

    Each quote gives an ``Attribution`` text-bound annotation over the whole relation, ``Source``,
    ``Cue`` and ``Content`` ones (fragments ``START END;START END``, split at line breaks, which
    brat does not allow inside a fragment), and an event line ``En\\tAttribution:Tn Source:Tn Cue:Tn
    Content:Tn`` (Source and Cue left out when the quote has none).

    >>> import datetime as dt
    >>> from quotes.records import Extraction, Quote, Span, Speaker
    >>> t = "“It is complex,” Wang said."
    >>> q = Quote((Span.of(t, 0, 16),), "direct", Span.of(t, 22, 26), "say", Span.of(t, 17, 21),
    ...           Speaker("person", "Wang Yi", "Q1"), "surname", 0.85)
    >>> print(extraction_brat(Extraction(t, (q,), (), (), dt.date(2022, 3, 1), "argument", "a")).replace("\\t", " | "), end="")
    T1 | Attribution 0 26 | “It is complex,” Wang said
    T2 | Source 17 21 | Wang
    T3 | Cue 22 26 | said
    T4 | Content 0 16 | “It is complex,”
    E1 | Attribution:T1 Source:T2 Cue:T3 Content:T4
    """
    text = e.text
    lines: list[str] = []
    t = 0

    def add(label: str, spans: Iterable[Span]) -> str | None:
        nonlocal t
        frags = _fragments(text, spans)
        if not frags:
            return None
        t += 1
        where = ";".join(f"{a} {b}" for a, b in frags)
        lines.append(f"T{t}\t{label} {where}\t{' '.join(text[a:b] for a, b in frags)}")
        return f"T{t}"

    for n, q in enumerate(e.quotes, 1):
        parts = list(q.content) + [s for s in (q.source, q.cue) if s is not None]
        start, end = min(p.start for p in parts), max(p.end for p in parts)
        head = add("Attribution", [Span.of(text, start, end)])
        if head is None:
            continue
        roles = [f"Attribution:{head}"]
        src = add("Source", [q.source]) if q.source is not None else None
        cue = add("Cue", [q.cue]) if q.cue is not None else None
        content = add("Content", q.content)
        if src:
            roles.append(f"Source:{src}")
        if cue:
            roles.append(f"Cue:{cue}")
        if content:
            roles.append(f"Content:{content}")
        lines.append(f"E{n}\t{' '.join(roles)}")
    return "".join(line + "\n" for line in lines)


# --- HTML ------------------------------------------------------------------------------------


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
            f'<p class="meta">{_n(len(d.articles), "article")} ({_h(", ".join(d.articles))}), '
            f"{_n(len(d.groups), 'statement')}, {_n(len(d.speakers), 'speaker')}; {_n(c['error'], 'error')}, "
            f"{_n(c['warning'], 'warning')}, {_n(c['info'], 'note')}.</p>"]
    for i, s in enumerate(d.speakers, 1):
        office = f' <span class="meta">{_h(s.speaker.office)}</span>' if s.speaker.office else ""
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
