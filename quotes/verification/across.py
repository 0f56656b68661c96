"""Findings across a set of articles: variants of one statement, altered wordings, quotations attributed to different people."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

from ..grouping import (
    Occurrence,
    StatementGroup,
)
from ..records import (
    Extraction,
    Severity,
    Span,
)
from ..wording import (
    normalise,
    stem,
    tokens,
)
from .compare import (
    _altered_findings,
    _attributed,
    _close,
    _closest_part,
    _nested_quotations,
    _own_words,
    _paraphrase_findings,
    _source_evidence,
)
from .findings import Finding, _article_name, _clip

MIN_RUN_WORDS = 4
"""Fewest words in one run, in order, that two quotations given to different people must share to be one
statement (``Of course Mr. Trump is going to defend himself`` and ``Mr. Trump, tell me what you're going to
do?`` share two pairs, chance)."""


def _one_wording(a: str, b: str) -> bool:
    """Whether two wordings share a run of :data:`MIN_RUN_WORDS` words (stemmed), or are the same words."""
    ta, tb = [stem(w) for w in tokens(a)], [stem(w) for w in tokens(b)]
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    m = SequenceMatcher(None, ta, tb, autojunk=False).find_longest_match(0, len(ta), 0, len(tb))
    return m.size >= min(MIN_RUN_WORDS, len(ta), len(tb))


def _misattribution_findings(group: StatementGroup, nested: dict[str, list[Span]]) -> list[Finding]:
    by_person: dict[str, list[Occurrence]] = defaultdict(list)
    for o in group.occurrences:
        key = _attributed(o)
        if key:
            by_person[key].append(o)
    if len(by_person) < 2:
        return []
    articles = {k: {o.article for o in v} for k, v in by_person.items()}
    # only people quoted with it in different articles conflict
    all_articles = set().union(*articles.values())
    if len(all_articles) < 2:
        return []
    counts = {k: len(v) for k, v in articles.items()}
    top = max(counts.values())
    leaders = [k for k, n in counts.items() if n == top]
    majority = leaders[0] if len(leaders) == 1 else None
    # words a speaker quotes from someone else (a quotation nested in theirs) are not theirs
    own = {id(o): _own_words(o.text, o.quoted or o.content, nested.get(o.article, ())) for o in group.occurrences}
    out = []
    for key, occs in sorted(by_person.items()):
        if key == majority:
            continue
        everyone_else = [o for k, v in by_person.items() if k != key for o in v]
        for o in occs:
            # only wordings close to this one count: a group chains variants, its ends may differ
            others = [x for x in everyone_else if x.article != o.article and _close(own[id(o)], own[id(x)])
                      and _one_wording(own[id(o)], own[id(x)])]
            if not others:
                continue
            other_names = list(dict.fromkeys(x.speaker.label for x in others))
            other_articles = sorted({x.article for x in others})
            msg = (f"This statement is attributed to {o.speaker.label} here, but to {' and '.join(other_names)} "
                   f"in {', '.join(a for a in other_articles if a != o.article)}")
            sev: Severity = "error" if majority is not None else "warning"
            where = _closest_part(o, [x.text for x in others])
            out.append(Finding("misattribution", sev, o.article, where, msg,
                               tuple(_source_evidence(x) for x in others)))
    return out


def _variant_finding(group: StatementGroup) -> Finding | None:
    """An info finding for a statement quoted (in quotation marks) in two or more articles; paraphrases
    alone (indirect speech in each reporter's words) are not quotations of it."""
    articles = group.articles
    if len({o.article for o in group.occurrences if o.quoted}) < 2:
        return None
    wordings = {normalise(o.text) for o in group.occurrences}
    first = min(group.occurrences, key=lambda o: (normalise(o.text) != normalise(group.canonical), o.key))
    n = len(wordings)
    msg = (f"Quoted in {len(articles)} articles ({', '.join(articles)}) in "
           f"{'one wording' if n == 1 else f'{n} wordings'}: “{_clip(group.canonical)}”")
    return Finding("variant-group", "info", first.article, first.span, msg,
                   tuple(_source_evidence(o) for o in group.occurrences))


def _article_norms(extractions: Sequence[Extraction]) -> dict[str, str]:
    return {(_article_name(ex, f"#{i}")): normalise(ex.text) for i, ex in enumerate(extractions)}


def verify_across(extractions: Sequence[Extraction], groups: Sequence[StatementGroup]) -> tuple[Finding, ...]:
    """Findings across articles: misattributed statements, altered wording, and statement variants (info).

    ``groups`` come from :func:`quotes.grouping.group_statements` over the same ``extractions``.
    A quotation is *altered* only when it is found verbatim in no other article and a wording that
    at least two other articles quote verbatim differs from it by a few words.

    >>> import datetime as dt
    >>> from quotes.records import Extraction, Quote, Span, Speaker
    >>> def art(name, text, who):
    ...     q = Quote((Span.of(text, 0, len(text)),), "direct", None, None, None, Speaker("person", who, who),
    ...               "cue-subject", 0.9, quoted=(Span.of(text, 0, len(text)),))
    ...     return Extraction(text, (q,), (), (), dt.date(2022, 3, 1), "argument", name)
    >>> from quotes.grouping import group_statements
    >>> s = "China respects the sovereignty and territorial integrity of all nations"
    >>> exs = [art("a", s, "Xi Jinping"), art("b", s, "Xi Jinping"), art("c", s, "Wang Yi")]
    >>> [(f.code, f.article) for f in verify_across(exs, group_statements(exs))]
    [('variant-group', 'a'), ('misattribution', 'c')]
    """
    norms = _article_norms(extractions)
    nested = {(_article_name(ex, f"#{i}")): _nested_quotations(ex) for i, ex in enumerate(extractions)}
    out: list[Finding] = []
    for g in groups:
        out.extend(_misattribution_findings(g, nested))
        out.extend(_altered_findings(g, norms, min_support=2))
        v = _variant_finding(g)
        if v is not None:
            out.append(v)
    texts = {(_article_name(ex, f"#{i}")): ex.text for i, ex in enumerate(extractions)}
    out.extend(_paraphrase_findings([o for g in groups for o in g.occurrences], norms, texts, out, min_support=2))
    return tuple(sorted(out, key=lambda f: f.sort_key))
