"""Self-contained HTML pages of a digest and a check: article text escaped, nothing loaded from outside."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..wording import WordDiff

if TYPE_CHECKING:  # pragma: no cover
    from ..checks import CheckReport
    from ..digests import Digest
    from ..grouping import StatementGroup
from .common import SEVERITIES, SEVERITY_WORDS, _counts, _n, article_titles, dated, described, sources_read


def _h(text: Any) -> str:
    return html.escape(str(text), quote=True)


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:76rem;color:#222;line-height:1.5;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.3rem;border-bottom:1px solid #ddd;margin-top:2rem}h3{font-size:1.05rem}
a{color:#1a5a96}.top{font-size:.8rem;font-weight:normal;margin-left:.6rem}
.meta{color:#666;font-size:.9rem}.reason{color:#666;font-size:.85rem}
.toc{display:grid;grid-template-columns:minmax(14rem,1fr) minmax(0,2fr);gap:0 2rem;border:1px solid #e3e3e3;border-radius:6px;padding:0 1rem .6rem;background:#fafafa}
.toc h2{font-size:1.05rem;border:0;margin:.8rem 0 .3rem}.toc ul,.toc ol{margin:0;padding-left:1.2rem}
.toc .wide{grid-column:1/-1}.toc .articles li{margin:.15rem 0}
ol.speakers{columns:3 16rem;font-size:.92rem}ol.speakers li{break-inside:avoid}
.statement{border:1px solid #e3e3e3;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;background:#fcfcfc}
.statement:target,.finding:target,li:target{outline:2px solid #7ab;outline-offset:2px}
.canonical{font-size:1.05rem}.num{color:#777;font-weight:600;margin-right:.3rem}
.sources{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:.6rem;margin-top:.6rem}
.source{border-left:3px solid #9ab;padding:.3rem .6rem;background:#fff;font-size:.92rem}
.source .who{color:#555;font-size:.8rem}.other{color:#a33;font-weight:600}
ins{background:#dfd;text-decoration:none}del{background:#fdd}
.findings{margin-top:.6rem}
.finding{margin:.3rem 0;padding:.25rem .6rem;border-left:3px solid #ccc;background:#fff}
.sev-box-error{border-left-color:#c33}.sev-box-warning{border-left-color:#e90}.sev-box-info{border-left-color:#7ab}
.sev{display:inline-block;min-width:4rem;font-weight:600}
.sev-error{color:#a00}.sev-warning{color:#a60}.sev-info{color:#257}
.look li{margin:.3rem 0}.also li{margin:.2rem 0}
mark{padding:0 .1rem;border-radius:2px}
mark.hl-error{background:#fbb}mark.hl-warning{background:#fe9}mark.hl-info{background:#cdf}
.checked{display:grid;grid-template-columns:minmax(0,3fr) minmax(16rem,2fr);gap:1.2rem;align-items:start}
.checked aside{position:sticky;top:0;max-height:100vh;overflow:auto}.checked aside h2{margin-top:0}
@media (max-width:50rem){.checked,.toc{grid-template-columns:1fr}}
.draft{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;background:#fff;font-family:Georgia,serif}
.excerpt{font-family:Georgia,serif;color:#333}
sup.ref{font-size:.7rem;color:#555}a.ref{font-size:.8rem;text-decoration:none}
.legend span{margin-right:1rem}
details>summary{cursor:pointer}details.evidence>summary{color:#555;font-size:.85rem}
details.evidence ul{margin:.1rem 0;padding-left:1.4rem;color:#555;font-size:.85rem}
details.section{margin-top:2rem}details.section>summary{font-size:1.2rem;font-weight:600}
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


def _clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _html_evidence(f: Any) -> str:
    """A finding's evidence, folded: shown on demand."""
    if not f.evidence:
        return ""
    items = "".join(
        f"<li>{_h(e.kind)}: {_h(e.text)}"
        + (f' <span class="meta">({_h(e.article)}'
           + (f" {e.span.start}&ndash;{e.span.end}" if e.span else "") + ")</span>" if e.article else "")
        + (f' <span class="meta">[{_h(e.source)}]</span>' if e.source else "")
        + "</li>"
        for e in f.evidence)
    return f'<details class="evidence"><summary>Evidence ({len(f.evidence)})</summary><ul>{items}</ul></details>'


def _html_finding(f: Any, anchor: str | None = None, number: int | None = None, *, where: str | None = None,
                  excerpt: int = 0) -> str:
    """One finding: number, severity, code, place (``where``, else the article and offsets), message, the words
    it is about when there are at most ``excerpt`` characters of them, and its evidence on demand."""
    num = f'<span class="num">[{number}]</span> ' if number is not None else ""
    ident = f' id="{_h(anchor)}"' if anchor else ""
    place = where if where is not None else f"{_h(f.article)} {f.span.start}&ndash;{f.span.end}"
    text = " ".join(f.span.text.split()).strip("\"'“”‘’«»„ ,;:.")
    shown = 0 < len(text) <= excerpt and any(ch.isalnum() for ch in text)  # not a lone quotation mark
    words = f' <span class="excerpt">“{_h(text)}”</span>' if shown else ""
    return (f'<div class="finding sev-box-{_h(f.severity)}"{ident}>{num}'
            f'<span class="sev sev-{_h(f.severity)}">{_h(SEVERITY_WORDS.get(f.severity, f.severity))}</span> '
            f'<code>{_h(f.code)}</code> <span class="meta">{place}</span>{words} {_h(f.message)}{_html_evidence(f)}</div>')


NEAR = 80
"""A finding that overlaps no listed quote is shown beside the closest quote of its article that ends or starts
at most this many characters away and that it is about (a stray quotation mark next to it; a pronoun or a name
read as its speaker, the finding naming that speaker)."""


def _speaker_key(sp: Any) -> str:
    return str(sp.key or f"{sp.kind}:{sp.label}")


def _overlaps(a: Any, f: Any) -> bool:
    """Whether a finding's span ``f`` touches span ``a`` (an empty finding span counts as its first character)."""
    return bool(a.start < max(f.end, f.start + 1) and f.start < a.end)


def _gap(a: Any, f: Any) -> int:
    return max(a.start - f.end, f.start - a.end, 0)


def _related(f: Any, o: Any) -> bool:
    """Whether a finding near a quote is about it: a stray quotation mark, or a finding naming its speaker."""
    if f.code == "broken-quote-marks":
        return True
    names = [x.strip() for x in str(o.speaker.label).split(" or ")]
    return any(len(x) > 2 and x in f.message for x in names)


class _Layout:
    """Where everything goes on the digest page: statement numbers and ids, and each finding's statement."""

    def __init__(self, d: Digest) -> None:
        self.listed: list[tuple[StatementGroup, int]] = [(g, i) for i, s in enumerate(d.speakers, 1) for g in s.groups]
        self.number = {id(g): n for n, (g, _) in enumerate(self.listed, 1)}
        self.owner = {id(g): i for g, i in self.listed}
        used: set[str] = set()
        self.ids: dict[int, str] = {}
        for n, (g, _) in enumerate(self.listed, 1):
            # a group's own id (s- and hex digits) when it is one and unique, so that links to it last
            ok = g.id.startswith("s-") and g.id[2:].isalnum() and g.id not in used
            ident = g.id if ok else f"statement-{n}"
            used.add(ident)
            self.ids[id(g)] = ident
        self.article = {a: f"article-{k}" for k, a in enumerate(d.articles, 1)}
        occ: dict[str, list[tuple[int, int, Any]]] = defaultdict(list)
        for n, (g, _) in enumerate(self.listed, 1):
            for j, o in enumerate(g.occurrences):
                occ[o.article].append((n, j, o.span))
        self.at: dict[int, list[int]] = defaultdict(list)  # statement number -> findings beside it
        self.refs: dict[tuple[int, int], list[int]] = defaultdict(list)  # (statement, occurrence) -> findings
        self.home: dict[int, int] = {}  # finding -> the statement it is shown beside first
        self.near: set[int] = set()
        for k, f in enumerate(d.findings, 1):
            hits = [(n, j) for n, j, span in occ.get(f.article, ()) if _overlaps(span, f.span)]
            if not hits:
                close = sorted((_gap(span, f.span), n, j) for n, j, span in occ.get(f.article, ())
                               if _gap(span, f.span) <= NEAR)
                hits = [(n, j) for _, n, j in close if _related(f, self.listed[n - 1][0].occurrences[j])][:1]
                self.near.update([k] if hits else [])
            for n, j in hits:
                self.refs[(n, j)].append(k)
                if k not in self.at[n]:
                    self.at[n].append(k)
                self.home.setdefault(k, n)

    def statement_link(self, n: int, d: Digest) -> str:
        g, i = self.listed[n - 1]
        return f'<a href="#{_h(self.ids[id(g)])}">statement {n}</a> ({_h(d.speakers[i - 1].label)})'


def _summary(d: Digest, lay: _Layout) -> list[str]:
    c = _counts(d.findings)
    other = [k for k in range(1, len(d.findings) + 1) if k not in lay.home]
    head = (f'<p class="meta">{_n(len(d.articles), "article")}, {_n(d.statements, "statement")}, '
            f"{_n(len(d.speakers), 'speaker')}; {_n(c['error'], 'error')}, {_n(c['warning'], 'warning')}, "
            f"{_n(c['info'], 'note')}; {_n(len(d.diagnostics), 'article diagnostic')}, "
            f"{_n(len(d.set_aside), 'wording')} set aside.</p>")

    def link(count: int, word: str, anchor: str) -> str:
        return f'<a href="#{anchor}">{_n(count, word)}</a>' if count else _n(count, word)

    out = [head, '<nav id="contents" class="toc">', "<div><h2>Findings</h2><ul>",
           f'<li>To look at: {link(c["error"], "error", "errors")}, {link(c["warning"], "warning", "warnings")}</li>',
           f'<li>{link(c["info"], "note", "notes")}, beside their statements</li>']
    if other:
        out.append(f'<li>{link(len(other), "finding", "other-findings")} beside no statement</li>')
    out.append(f'<li>{link(len(d.diagnostics), "article diagnostic", "article-diagnostics")}</li>')
    out.append(f'<li>{link(len(d.set_aside), "wording", "set-aside")} set aside</li></ul></div>')

    by_article: dict[str, list[int]] = defaultdict(list)
    for n, (g, _) in enumerate(lay.listed, 1):
        for o in g.occurrences:
            if not by_article[o.article] or by_article[o.article][-1] != n:
                by_article[o.article].append(n)
    found: dict[str, list[int]] = defaultdict(list)
    for k, f in enumerate(d.findings, 1):
        found[f.article].append(k)
    titles = article_titles(d)
    out.append(f"<div><h2>Articles ({len(d.articles)})</h2>")
    if len(d.articles) > 12:
        days = sorted(x[0] for x in d.dates) if d.dates else []
        span = f", {days[0].isoformat()} to {days[-1].isoformat()}" if days else ""
        out.append(f"<details><summary>{_n(len(d.articles), 'article')}{span}</summary>")
    out.append('<ol class="articles">')
    for k, a in enumerate(d.articles):
        name = dated(a, *d.dates[k], titles[k]) if k < len(d.dates) else a
        stmts = sorted(set(by_article.get(a, ())))
        links = ", ".join(f'<a href="#{_h(lay.ids[id(lay.listed[n - 1][0])])}">{n}</a>' for n in stmts[:15])
        more = f" and {len(stmts) - 15} more" if len(stmts) > 15 else ""
        fs = found.get(a, [])
        fc = _counts(d.findings[j - 1] for j in fs)
        findings = (f'; <a href="#finding-{fs[0]}">'
                    + ", ".join(_n(fc[s], SEVERITY_WORDS[s]) for s in SEVERITIES if fc[s]) + "</a>" if fs else "")
        out.append(f'<li id="{lay.article[a]}">{_h(name)} <span class="meta">· '
                   f'{_n(len(stmts), "statement")}{": " + links + more if stmts else ""}{findings}</span></li>')
    out.append("</ol>" + ("</details>" if len(d.articles) > 12 else "") + "</div>")

    out.append(f'<div class="wide"><h2>Speakers ({len(d.speakers)})</h2><p class="meta">Each with the number of '
               "statements listed under them (+ those listed under someone else that an article gives them too) and "
               'of findings beside them.</p><ol class="speakers">')
    shown = 60 if len(d.speakers) > 80 else len(d.speakers)
    for i, s in enumerate(d.speakers, 1):
        if i == shown + 1:
            out.append(f"</ol><details><summary>{_n(len(d.speakers) - shown, 'more speaker')}</summary>"
                       f'<ol class="speakers" start="{i}">')
        nf = sum(len(lay.at.get(lay.number[id(g)], ())) for g in s.groups)
        also = f" + {len(s.also)} also" if s.also else ""
        out.append(f'<li><a href="#speaker-{i}">{_h(s.label)}</a> <span class="meta">{len(s.groups)}{also}'
                   + (f" · {_n(nf, 'finding')}" if nf else "") + "</span></li>")
    out.append("</ol>" + ("</details>" if shown < len(d.speakers) else "") + "</div></nav>")
    return out


def _look_item(d: Digest, lay: _Layout, k: int, *, span: bool) -> str:
    """One line of a findings list: the numbered finding, its code and message, its article (and span) and a link
    to the statement it is beside."""
    f = d.findings[k - 1]
    n = lay.home.get(k)
    where = (("near " if k in lay.near else "in ") + lay.statement_link(n, d) if n is not None
             else '<a href="#other-findings">beside no statement</a>')
    at = f" {f.span.start}&ndash;{f.span.end}" if span else ""
    return (f'<li><a class="num" href="#finding-{k}">[{k}]</a> <code>{_h(f.code)}</code> {_h(f.message)} '
            f'<span class="meta">· {_h(f.article)}{at} · {where}</span></li>')


def _to_look_at(d: Digest, lay: _Layout) -> list[str]:
    out = ['<section id="to-look-at"><h2>To look at</h2>']
    for sev, title in (("error", "Errors"), ("warning", "Warnings")):
        ks = [k for k, f in enumerate(d.findings, 1) if f.severity == sev]
        if not ks:
            out.append(f'<p class="meta">No {title.lower()}.</p>')
            continue
        out.append(f'<h3 id="{sev}s">{title} ({len(ks)})</h3><ul class="look">')
        out += [_look_item(d, lay, k, span=True) for k in ks]
        out.append("</ul>")
    out.append("</section>")
    return out


def _statement(d: Digest, lay: _Layout, g: StatementGroup, key: str, placed: set[int]) -> list[str]:
    n = lay.number[id(g)]
    arts = len({o.article for o in g.occurrences})
    out = [f'<div class="statement" id="{_h(lay.ids[id(g)])}"><div class="canonical"><span class="num">{n}.</span>'
           f"“{_h(g.canonical)}”</div><div class=\"reason\">{_h(g.canonical_reason)} · "
           f'{_n(len(g.occurrences), "wording")} in {_n(arts, "article")} · {_h(g.id)}</div><div class="sources">']
    for j, o in enumerate(g.occurrences):
        other = (f' · <span class="other">attributed to {_h(o.speaker.label)}</span>'
                 if _speaker_key(o.speaker) != key else "")
        refs = "".join(f' <a class="ref" href="#finding-{k}">[{k}]</a>' for k in lay.refs.get((n, j), ()))
        art = lay.article.get(o.article)
        name = f'<a href="#{art}">{_h(o.article)}</a>' if art else _h(o.article)
        out.append(f'<div class="source"><div class="who">{name} · {o.span.start}&ndash;{o.span.end} · '
                   f"{_h(o.kind)}{other}{refs}</div>{_html_diff(g.diff(o))}</div>")
    out.append("</div>")
    if lay.at.get(n):
        out.append('<div class="findings">')
        for k in lay.at[n]:
            f = d.findings[k - 1]
            where = f"{'near this quote: ' if k in lay.near else ''}{_h(f.article)} {f.span.start}&ndash;{f.span.end}"
            out.append(_html_finding(f, None if k in placed else f"finding-{k}", k, where=where, excerpt=60))
            placed.add(k)
        out.append("</div>")
    out.append("</div>")
    return out


def digest_html(d: Digest) -> str:
    """A digest as one self-contained HTML page (inline style, no scripts, nothing loaded from outside).

    It opens with a summary that links to everything below (the findings by severity, the articles with their
    dates and titles, the speakers with their statement counts), then the errors and warnings to look at, each
    linking to its statement, then each speaker's statements: canonical wording, why it was chosen, the sources
    side by side with their word differences, and the findings about it right after, their evidence folded.
    Diagnostics about the articles and the wordings set aside (no statements) come last, folded.

    >>> from html.parser import HTMLParser
    >>> from quotes.digests import digest
    >>> page = digest_html(digest([]))
    >>> HTMLParser().feed(page); "<script" in page
    False
    """
    lay = _Layout(d)
    body = ["<h1>Quote digest</h1>", *_summary(d, lay), *_to_look_at(d, lay)]
    placed: set[int] = set()
    for i, s in enumerate(d.speakers, 1):
        office = f' <span class="meta">{_h(described(s.speaker))}</span>' if described(s.speaker) else ""
        key = _speaker_key(s.speaker)
        nf = sum(len(lay.at.get(lay.number[id(g)], ())) for g in s.groups)
        body.append(f'<section id="speaker-{i}"><h2>{_h(s.label)}{office}<a class="top" href="#contents">contents</a>'
                    f'</h2><p class="meta">{_n(len(s.groups), "statement")}'
                    + (f", {_n(nf, 'finding')}" if nf else "") + (f", {len(s.also)} listed under others" if s.also
                                                                     else "") + ".</p>")
        for g in s.groups:
            body += _statement(d, lay, g, key, placed)
        if s.also:
            body.append('<ul class="also">')
            for g in s.also:
                n = lay.number.get(id(g))
                arts = sorted({o.article for o in g.occurrences if _speaker_key(o.speaker) == key})
                text = f"“{_h(_clip(g.canonical, 140))}”"
                if n is None:  # listed nowhere: only possible if a digest was built by hand
                    body.append(f"<li>also given to them: {text} (in {_h(', '.join(arts))})</li>")
                    continue
                owner = d.speakers[lay.owner[id(g)] - 1].label
                refs = "".join(f' <a class="ref" href="#finding-{k}">[{k}]</a>'
                               for j, o in enumerate(g.occurrences) if _speaker_key(o.speaker) == key
                               for k in lay.refs.get((n, j), ()))
                body.append(f'<li>also given to them: <a href="#{_h(lay.ids[id(g)])}">{text}</a> '
                            f'<span class="meta">(listed under {_h(owner)}, statement {n}; in {_h(", ".join(arts))})'
                            f"</span>{refs}</li>")
            body.append("</ul>")
        body.append("</section>")
    other = [k for k in range(1, len(d.findings) + 1) if k not in lay.home]
    if other:
        body.append(f'<section id="other-findings"><h2>Findings beside no statement ({len(other)})</h2>'
                    '<p class="meta">About a name, a title or quotation marks away from the statements listed '
                    "above.</p>")
        body += [_html_finding(d.findings[k - 1], f"finding-{k}", k, excerpt=200) for k in other]
        body.append("</section>")
    notes = [k for k, f in enumerate(d.findings, 1) if f.severity == "info"]
    if notes:
        body.append(f'<details class="section" id="notes"><summary>Notes ({len(notes)})</summary><ul class="look">')
        body += [_look_item(d, lay, k, span=False) for k in notes]
        body.append("</ul></details>")
    if d.diagnostics:
        body.append(f'<details class="section" id="article-diagnostics"><summary>Article diagnostics '
                    f'({len(d.diagnostics)})</summary><p class="meta">What was noticed while reading the articles '
                    "(web debris, quotation marks, encodings).</p><ul>")
        for a, x in d.diagnostics:
            art = lay.article.get(a)
            name = f'<a href="#{art}">{_h(a)}</a>' if art else _h(a)
            at = f" {x.span.start}&ndash;{x.span.end}" if x.span is not None else ""
            body.append(f'<li>{name}<span class="meta">{at}</span>: <span class="sev sev-{_h(x.severity)}">'
                        f"{_h(SEVERITY_WORDS.get(x.severity, x.severity))}</span> {_h(x.message)} "
                        f"<code>{_h(x.code)}</code></li>")
        body.append("</ul></details>")
    if d.set_aside:
        body.append(f'<details class="section" id="set-aside"><summary>Set aside, no statements ({len(d.set_aside)})'
                    '</summary><p class="meta">Wordings of one word (a pronoun, a name) and acts reported without '
                    "quotation marks (abstaining) the speakers' lists leave out.</p><ul>")
        for g in d.set_aside:
            occ = "; ".join(f"{o.article} {o.span.start}–{o.span.end} ({o.speaker.label})" for o in g.occurrences[:4])
            more = f"; and {len(g.occurrences) - 4} more" if len(g.occurrences) > 4 else ""
            body.append(f'<li>“{_h(g.canonical)}” <span class="meta">{_h(occ + more)}</span></li>')
        body.append("</ul></details>")
    return _page("Quote digest", "\n".join(body))


def check_html(r: CheckReport, *, skipped: Sequence[Any] = ()) -> str:
    """A check report as a self-contained HTML page: the draft with every finding highlighted in place.

    Each highlight carries its findings' messages (``title``) and a numbered reference to the findings beside
    the draft, each with the words it is about and its evidence on demand; a legend explains the colours. The
    summary names the sources read and ``skipped`` (sources that could not be read), and says an empty draft
    is one.

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
    summary = ("clean: nothing to look at" if not findings
               else ", ".join(f"{c[k]} {k}{'s' if c[k] != 1 else ''}" for k in SEVERITIES if c[k]))
    if r.empty:
        summary = "The draft is empty: nothing was checked" + (f"; {summary}" if findings else "")
    listing = [_html_finding(f, anchor=f"finding-{k}", number=k, where=f"{f.span.start}&ndash;{f.span.end}",
                             excerpt=200) for k, f in enumerate(findings, 1)] or ["<p>None: nothing to look at.</p>"]
    body = [
        f"<h1>Check of {_h(r.draft.name or 'the draft')}</h1>",
        f'<p class="meta">Against {_h(sources_read(r, skipped))}. {_h(r.tally_text())}. {_h(summary)}.</p>',
        '<p class="legend"><span><mark class="hl-error">error</mark> almost surely wrong</span>'
        '<span><mark class="hl-warning">warning</mark> check it</span><span><mark class="hl-info">note</mark> for '
        "information</span> Numbers refer to the findings beside the draft (open a finding's evidence there); "
        "hover a highlight for its message.</p>",
        f'<div class="checked"><div class="draft">{"".join(out)}</div>',
        '<aside class="findings"><h2>Findings</h2>', *listing, "</aside></div>",
    ]
    return _page(f"Check of {r.draft.name or 'the draft'}", "\n".join(body))
