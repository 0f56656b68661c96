"""Findings in a draft checked against its sources: every quotation's wording and speaker, unsourced quotations."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence

import attrs

from ..grouping import (
    Occurrence,
    StatementGroup,
    group_statements,
)
from ..lexicon.names import fold
from ..records import (
    Extraction,
    Quote,
    Severity,
    Span,
)
from ..wording import (
    normalise,
    similarity,
)
from .across import _article_norms
from .article import verify_article
from .compare import (
    MIN_CONFIDENCE,
    _close,
    _closest_part,
    _compare,
    _compatible,
    _context,
    _describe_changes,
    _diff_text,
    _nested_quotations,
    _own_words,
    _paraphrase,
    _paraphrase_finding,
    _parts,
    _person_key,
    _source_evidence,
    _verbatim_somewhere,
    _Wordings,
)
from .described import source_title_findings
from .findings import MIN_CLOSE_WORDS, Evidence, Finding, LexiconLike, _article_name
from .identity import family_name, same_person


def unique_names(draft: Extraction, sources: Sequence[Extraction]) -> tuple[Extraction, list[Extraction]]:
    used: set[str] = set()

    def fresh(ex: Extraction, default: str) -> Extraction:
        base = ex.name if ex.name is not None else default
        name, n = base, 2
        while name in used:
            name, n = f"{base}~{n}", n + 1
        used.add(name)
        return ex if name == ex.name else attrs.evolve(ex, name=name)

    d = fresh(draft, "draft")
    return d, [fresh(s, f"source-{i + 1}") for i, s in enumerate(sources)]


MISATTRIBUTION_CUTOFF = 60.0
"""How closely (:func:`quotes.wording.similarity`) a source's quotation must render a draft's statement for the
check to say the draft gave those words to the wrong person: stricter than for altered wording, since names
and set phrases alone ("President Obama", "the United States": 45 of 100 for "he now believes President Obama
was born in the United States" against a quotation that only mentions both) must never pin a statement."""


def _renders(draft_words: str, source_words: str) -> bool:
    """Whether a source's wording is the draft's statement: close (:func:`_close`, at
    :data:`MISATTRIBUTION_CUTOFF`), or the draft's words, five or more, found verbatim inside it (a partial
    quotation of a long passage)."""
    if _close(draft_words, source_words) and similarity(draft_words, source_words) >= MISATTRIBUTION_CUTOFF:
        return True
    mine = normalise(draft_words)
    return len(mine.split()) >= MIN_CLOSE_WORDS and f" {mine} " in f" {normalise(source_words)} "


def _around(text: str, at: int, sentences: Sequence[Span]) -> str:
    """The sentence holding offset ``at`` and the one before it (the text's 300 characters before ``at``
    when the sentences are not known)."""
    k = next((i for i, s in enumerate(sentences) if s.start <= at < s.end), None)
    if k is None:
        return text[max(0, at - 300):at + 1]
    return text[sentences[max(0, k - 1)].start:sentences[k].end]


def _misattribution(dname: str, q: Quote, me: Occurrence, text: str, others: Sequence[Occurrence],
                    own: Callable[[Occurrence], str], draft_text: str = "",
                    sentences: Sequence[Span] = ()) -> Finding | None:
    """The finding when the sources give the words of ``q`` (``me``, one statement of it) to someone else.

    Only quotations count on the sources' side (words they claim verbatim) with a speaker they are sure
    of; the speakers are compared by lexicon id, else by name (:func:`quotes.verification.identity.same_person`),
    so people in no lexicon are told apart too. A source that gives the words to the draft's speaker, or to
    a body or description the speaker may speak for, settles it: nothing is said."""
    if q.speaker.kind not in ("person", "unresolved"):
        return None
    theirs = [o for o in others if o.quoted and o.confidence >= MIN_CONFIDENCE and _renders(text, own(o))]
    verdicts = [same_person(q.speaker, o.speaker) for o in theirs]
    if not theirs or "same" in verdicts or "different" not in verdicts:
        return None
    written = fold(q.source.text) if q.source is not None else ""
    if any(family_name(o.speaker.name or "") and re.search(rf"\b{re.escape(family_name(o.speaker.name or ''))}\b", written)
           for o in theirs):
        return None  # the draft names that person where it attributes the words, whatever it was resolved to
    wrong = [o for o, v in zip(theirs, verdicts) if v == "different"]
    near = fold(_around(draft_text, q.start, sentences))
    if any(o.speaker.name and len(o.speaker.name.split()) >= 2 and fold(o.speaker.name) in near for o in wrong):
        return None  # the draft names the sources' speaker in full right there: the engine, not the draft, may be wrong
    names = list(dict.fromkeys(o.speaker.label for o in wrong))
    arts = sorted({o.article for o in wrong})
    sure = q.confidence >= MIN_CONFIDENCE and q.speaker.kind == "person"
    sev: Severity = "error" if q.quoted and sure else "warning"  # a paraphrase, or a speaker read less surely
    msg = (f"Attributed here to {q.speaker.label}, but {', '.join(arts)} {'has' if len(arts) == 1 else 'have'} "
           f"{' and '.join(names)} saying it")
    return Finding("misattribution", sev, dname, _closest_part(me, [o.text for o in wrong]), msg,
                   tuple(_source_evidence(o) for o in wrong))


def check_against_sources(
    draft: Extraction, sources: Sequence[Extraction], *, lexicon: LexiconLike | None
) -> tuple[Finding, ...]:
    """The copy-desk check: the draft's own findings, and each of its quotes against the sources.

    A quotation in the draft that no source contains verbatim is *altered* when a source has the
    same statement in other words, and *unsourced* when no source has it at all; a quote whose
    statement the sources give to someone else is *misattributed* (sentence by sentence, for a quote
    whose sentences render different statements: see :func:`quotes.grouping.group_statements`).

    >>> import datetime as dt
    >>> from quotes.records import Extraction, Quote, Span, Speaker
    >>> def art(name, text):
    ...     q = Quote((Span.of(text, 0, len(text)),), "direct", None, None, None, Speaker("person", "Wang Yi", "Q1"),
    ...               "cue-subject", 0.9, quoted=(Span.of(text, 0, len(text)),))
    ...     return Extraction(text, (q,), (), (), dt.date(2022, 3, 1), "argument", name)
    >>> source = art("cctv", "China deeply regrets that conflict has broken out between Ukraine and Russia")
    >>> draft = art("draft", "China deeply regrets that conflict has erupted between Ukraine and Russia")
    >>> [f.message for f in check_against_sources(draft, [source], lexicon=None)]
    ['Inside quotation marks: “erupted” where the source has “broken out” (as quoted in cctv)']
    """
    draft, sources = unique_names(draft, sources)
    dname = draft.name or "draft"
    out = list(verify_article(draft, lexicon=lexicon))
    out.extend(source_title_findings(draft, sources, dname, [f.span for f in out if f.code == "wrong-title"]))
    groups = group_statements([draft, *sources])
    norms = _article_norms([draft, *sources])
    source_norms = [t for a, t in norms.items() if a != dname]
    quoted_in_sources = {o.speaker.key for src in sources for o in src.quotes} - {None}
    texts = {(_article_name(ex, f"#{i}")): ex.text for i, ex in enumerate(sources)}
    wordings = _Wordings([o for g in groups for o in g.occurrences if o.article != dname])
    nested = {(_article_name(ex, f"#{i}")): _nested_quotations(ex) for i, ex in enumerate([draft, *sources])}

    def own(o: Occurrence) -> str:
        return _own_words(o.text, o.quoted or o.content, nested.get(o.article, ()))

    by_quote: dict[int, list[tuple[StatementGroup, Occurrence]]] = defaultdict(list)
    for g in groups:
        for o in g.occurrences:
            if o.article == dname:
                by_quote[o.quote_index].append((g, o))
    for qi, q in enumerate(draft.quotes):
        # the quote's group, or the groups of its sentences when they render different statements
        parts = sorted(by_quote.get(qi, []), key=lambda p: p[1].span.start)
        others = list({o.key: o for g, _ in parts for o in g.occurrences if o.article != dname}.values())
        # speaker, part by part
        mine = _person_key(q.speaker) if q.confidence >= MIN_CONFIDENCE else None
        for g, me in parts:
            text = _own_words(q.text, q.content, nested[dname]) if len(parts) == 1 else own(me)
            finding = _misattribution(dname, q, me, text, [o for o in g.occurrences if o.article != dname], own,
                                      draft.text, draft.sentences or ())
            if finding is not None:
                out.append(finding)
        if not q.quoted:
            continue
        unmatched = [p for piece in q.quoted for p in _parts(piece)
                     if not _verbatim_somewhere(normalise(p.text), source_norms)]
        if not unmatched:
            continue
        if not others:
            # no variant of the statement in the sources: perhaps a short quotation that changes its key words
            rendered = [(p, _paraphrase(p, _context(draft.text, p.start, p.end),
                                        _compatible(mine, wordings.near(p.text)), texts)) for p in unmatched]
            out.extend(_paraphrase_finding(dname, *hit, "warning") for _, hit in rendered if hit is not None)
            rest = [p for p, hit in rendered if hit is None]
            if not rest:
                continue
            if len(rest) == len(unmatched):
                span = Span.of(draft.text, q.quoted[0].start, q.quoted[-1].end)
            else:
                span = Span.of(draft.text, rest[0].start, rest[-1].end)
            key = q.speaker.key
            if key is not None and key not in quoted_in_sources:
                # a named speaker the sources never quote: nothing to hold the words against
                msg = f"No source quotes {q.speaker.label}; this quotation could not be checked against them"
                out.append(Finding("unsourced", "info", dname, span, msg))
            else:
                who = f"The sources quote {q.speaker.label}, but none" if key is not None else "No source"
                msg = f"{who} has this quotation, in these or similar words; check where it comes from"
                out.append(Finding("unsourced", "warning", dname, span, msg))
            continue
        for piece in unmatched:
            # a quotation of several sentences is held, sentence by sentence, against the variants close to it;
            # shorter parts are left to _paraphrase, which also reads their context
            close = [o for o in others if _close(piece.text, o.text)]
            mine_too = _compatible(mine, [(o, o.span) for o in close])
            if close and not mine_too:
                continue  # someone else's words: the misattribution finding covers them
            alt = _compare(piece.text, [o for o, _ in mine_too]) if close else None
            if alt is None:
                para = _paraphrase(piece, _context(draft.text, piece.start, piece.end),
                                   _compatible(mine, wordings.near(piece.text)), texts)
                if para is not None:
                    out.append(_paraphrase_finding(dname, *para, "warning"))
                    continue
                msg = "No source has this quotation in these words; check where it comes from"
                out.append(Finding("unsourced", "warning", dname, piece, msg, tuple(_source_evidence(o) for o in others)))
                continue
            if all(d.op == "equal" for d in alt.diff):
                if alt.extra:  # the quotation runs on beyond anything the sources have
                    words = " … ".join(f"“{w}”" for w in alt.extra)
                    msg = f"Inside quotation marks: adds {words}, which no source has (compare {alt.other.article})"
                    out.append(Finding("altered-wording", "warning", dname, piece, msg,
                                       (Evidence("diff", _diff_text(alt.diff)), _source_evidence(alt.other))))
                continue
            changes = _describe_changes(alt.diff)
            sev: Severity = "error" if alt.similarity >= 0.5 else "warning"
            msg = f"Inside quotation marks: {changes} (as quoted in {alt.other.article})"
            if alt.similarity < 0.5:
                msg = (f"Inside quotation marks, the wording differs from the sources' wording of this statement: "
                       f"{changes} (as quoted in {alt.other.article})")
            evidence = (Evidence("diff", _diff_text(alt.diff)), _source_evidence(alt.other))
            out.append(Finding("altered-wording", sev, dname, piece, msg, evidence))
    return tuple(sorted(out, key=lambda f: f.sort_key))
