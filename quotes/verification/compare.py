"""Comparing wordings across articles: the closest source wording of a quotation, word diffs described, paraphrases, alterations."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

import attrs

from ..grouping import (
    DEFAULT_CUTOFF,
    Occurrence,
    StatementGroup,
)
from ..marks import find_quotations
from ..records import (
    Extraction,
    Severity,
    Span,
    Speaker,
)
from ..wording import (
    STOPWORDS,
    WordDiff,
    align_words,
    normalise,
    sentence_spans,
    similarity,
    stems,
    word_diff,
)
from .findings import MIN_CLOSE_WORDS, Evidence, Finding

MIN_CONFIDENCE = 0.5
"""Speakers found with less confidence than this are not compared across articles (the engine may be wrong)."""


def _person_key(sp: Speaker) -> str | None:
    return sp.person_id if sp.kind == "person" and sp.person_id else None


def _attributed(o: Occurrence) -> str | None:
    """The person a quotation (words in quotation marks) is confidently attributed to, if any."""
    if not o.quoted or o.confidence < MIN_CONFIDENCE:
        return None
    return _person_key(o.speaker)


def _source_evidence(o: Occurrence) -> Evidence:
    return Evidence("source", f"{o.speaker.label}: “{o.text}”", o.article, o.span)


MIN_SHARED_WORDS = 4
"""Fewest words two wordings must share (in runs, see :func:`quotes.wording.similarity`) to be one statement."""


def _close(a: str, b: str) -> bool:
    """Whether two wordings are close enough, directly, to be one statement (a wording of fewer than
    five words -- "I love you" -- is too common to pin on anyone, and so is a shared run of three
    -- "get away from")."""
    shorter = min(len(normalise(a).split()), len(normalise(b).split()))
    score = similarity(a, b)
    return shorter >= MIN_CLOSE_WORDS and score >= DEFAULT_CUTOFF and score * shorter / 100 >= MIN_SHARED_WORDS - 1e-9


def _closest_part(o: Occurrence, wordings: Sequence[str]) -> Span:
    """The part of an occurrence's quotation closest to ``wordings`` (its content span when unquoted)."""
    parts = [p for q in o.quoted for p in _parts(q)]
    if not parts:
        return o.span
    return max(parts, key=lambda p: (max((similarity(p.text, w) for w in wordings), default=0.0), -p.start))


def _nested_quotations(ex: Extraction) -> list[Span]:
    """Quotations inside quotations (a speaker quoting someone else): the extraction's own, else (an
    extraction built by hand) found again."""
    quotations = ex.quotations if ex.quotations is not None else find_quotations(ex.text)[0]
    return [q.span for q in quotations if q.depth > 0]


def _own_words(text: str, pieces: Sequence[Span], nested: Sequence[Span]) -> str:
    """``text`` (the wording of ``pieces``) without the quotations nested in it, which are someone else's words.

    >>> t = "“When Trump says ‘make America great again,’ that is code,” she said."
    >>> inner, nested = Span.of(t, 1, t.index("”")), Span.of(t, t.index("‘"), t.index("’") + 1)
    >>> _own_words(inner.text, [inner], [nested])
    'When Trump says   that is code,'
    """
    inside = [n for n in nested if any(p.start <= n.start and n.end <= p.end for p in pieces)]
    if not inside:
        return text
    out = []
    for p in pieces:
        kept, pos = [], p.start
        for n in sorted((x for x in inside if p.start <= x.start and x.end <= p.end), key=lambda x: x.start):
            kept.append(p.text[pos - p.start:max(pos, n.start) - p.start])
            pos = max(pos, n.end)
        kept.append(p.text[pos - p.start:])
        out.append(" ".join(kept))
    return " … ".join(out)


def _padded(text: str) -> str:
    return f" {text} "


def _trim(diff: Sequence[WordDiff]) -> list[WordDiff]:
    """Drop leading and trailing steps that are only one side's extra words (a partial quote, a longer one)."""
    d = list(diff)
    while d and d[0].op in ("insert", "delete"):
        d.pop(0)
    while d and d[-1].op in ("insert", "delete"):
        d.pop()
    return d


@attrs.frozen
class _Alteration:
    diff: tuple[WordDiff, ...]
    other: Occurrence
    similarity: float
    window: str
    extra: tuple[str, ...] = ()
    """Words the piece has beyond either end of the other wording."""


def _compare(piece: str, others: Sequence[Occurrence]) -> _Alteration | None:
    """The other occurrence whose wording aligns best with ``piece``, with the trimmed word diff."""
    found: list[_Alteration] = []
    for o in others:
        full = word_diff(o.text, piece)
        d = _trim(full)
        inner = set(map(id, d))
        extra = tuple(x.variant for x in full if x.op == "insert" and id(x) not in inner)
        equal = sum(len(x.variant.split()) for x in d if x.op == "equal")
        changed = sum(max(len(x.variant.split()), len(x.canonical.split())) for x in d if x.op != "equal")
        if equal == 0:
            continue
        sim = equal / (equal + changed)
        window = normalise(" ".join(x.canonical for x in d))
        found.append(_Alteration(tuple(d), o, sim, window, extra))
    return min(found, key=lambda a: (-a.similarity, sum(len(w.split()) for w in a.extra), a.other.key), default=None)


MIN_PARAPHRASE_KEPT = 3
"""Content words a paraphrase must keep from the source wording to be recognised without its context."""


MIN_ALIGNED_SHARE = 0.6
"""Least share of a quotation's words (or of its part between sentence ends and ellipses) that a paraphrase
keeping fewer than :data:`MIN_PARAPHRASE_KEPT` content words must cover (``“This is disqualifying for a
president.”`` for ``'This is dangerous for a president.'``; never two words of a long quotation)."""

MIN_PARAPHRASE_SCORE = 50.0
"""Least :func:`quotes.wording.align_words` score for a quotation to be read as another wording of a source's."""


def _content(words: Sequence[str]) -> list[str]:
    return [w for k in words for w in k.split() if w not in STOPWORDS]


class _Wordings:
    """The quoted wordings of some articles, indexed by their content words, for paraphrase look-ups."""

    def __init__(self, occurrences: Sequence[Occurrence]) -> None:
        self.items: list[tuple[Occurrence, Span]] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        for o in occurrences:
            for q in o.quoted:
                for part in _parts(q):
                    for k in set(_content(stems(part.text))):
                        self.index[k].append(len(self.items))
                    self.items.append((o, part))

    def near(self, text: str) -> list[tuple[Occurrence, Span]]:
        """The wordings sharing a content word with ``text``."""
        hits = sorted({i for k in set(_content(stems(text))) for i in self.index.get(k, ())})
        return [self.items[i] for i in hits]


CONTEXT_WORDS = 10
"""How many words either side of a quotation count as its context."""


def _context(text: str, start: int, end: int) -> dict[str, bool]:
    """Content words (stemmed) among the ``CONTEXT_WORDS`` words either side of ``text[start:end]``, each
    with whether it is written lowercase there (an ordinary word, not only a name) at least once.

    >>> sorted(_context("Russia says it “truly regrets” the conflict in Ukraine.", 16, 29).items())
    [('conflict', True), ('russia', False), ('says', True), ('ukraine', False)]
    """
    def words(chunk: str) -> list[tuple[str, bool]]:
        out = []
        for raw in chunk.split():
            for w in stems(raw):
                out.append((w, not any(c.isupper() for c in raw[:2])))
        return out

    around = (words(text[max(0, start - 12 * CONTEXT_WORDS):start])[-CONTEXT_WORDS:]
              + words(text[end:end + 12 * CONTEXT_WORDS])[:CONTEXT_WORDS])
    out: dict[str, bool] = {}
    for w, ordinary in around:
        if w not in STOPWORDS:
            out[w] = out.get(w, False) or ordinary
    return out


def _shared_setting(a: dict[str, bool], b: dict[str, bool], own: set[str]) -> int:
    """How many content words two contexts share, leaving out the quotations' own words and names
    (words capitalised wherever they occur: ``Clinton``, ``Russia`` tell what the articles are about,
    not the setting a quotation is given in)."""
    return sum(1 for w in a.keys() & b.keys() if w not in own and (a[w] or b[w]))


def _paraphrase(piece: Span, context: dict[str, bool], candidates: Sequence[tuple[Occurrence, Span]],
                texts: dict[str, str]) -> tuple[Span, _Alteration] | None:
    """The source wording that renders (part of) ``piece`` with some of its key words changed (``deep
    apologies`` for ``deeply regrets``), aligned word by word, and the part of ``piece`` it renders;
    None when no wording keeps enough of the piece.

    A rendering keeps at least half the words of both aligned regions, and replaces a content word of
    the source with a content word of its own (a dropped ``the`` is not a paraphrase). When it keeps
    fewer than ``MIN_PARAPHRASE_KEPT`` content words (a two-word quotation keeps one), the rendering must
    cover most of the quotation (:data:`MIN_ALIGNED_SHARE`) and the words around the two must also share at least two
    content words (``China says it “truly regrets”`` /
    ``China says it 'deeply regrets'``): a shared word or two (``strategic partners`` / ``strategic
    determination``, ``China's basic position`` / ``China's consistent position``) is chance."""
    found = []
    for o, part in candidates:
        al = align_words(piece.text, part.text)
        if (al is None or al.score < MIN_PARAPHRASE_SCORE
                or not _content(al.changed) or not _content(al.replaced)):
            continue
        mine = piece.text[al.src_start:al.src_end]
        window = part.text[al.dest_start:al.dest_end]
        if len(set(_content(al.matched))) < MIN_PARAPHRASE_KEPT:
            if len(mine.split()) < MIN_ALIGNED_SHARE * len(piece.text.split()):
                continue  # two words of a long quotation ("wealthy people" / "white people") are chance
            own = set(stems(mine)) | set(stems(window))
            theirs = _context(texts.get(o.article, ""), part.start + al.dest_start, part.start + al.dest_end)
            if _shared_setting(context, theirs, own) < 2:
                continue
        d = _trim(word_diff(window, mine))
        if not d or all(x.op == "equal" for x in d):
            continue
        where = Span(piece.start + al.src_start, piece.start + al.src_end, mine)
        found.append((al.score, where, _Alteration(tuple(d), o, al.score / 100.0, normalise(window))))
    best = min(found, key=lambda f: (-f[0], f[2].other.key, f[1].start), default=None)
    return (best[1], best[2]) if best else None


def _same_speaker(o: Occurrence, x: Occurrence, group: StatementGroup | None = None) -> bool:
    """Whether two wordings are given to one speaker, so that one can be an altered rendering of the other: the
    same speaker key; within a statement group, an occurrence whose speaker is vague (no key: "he", "a
    diplomat") counts as the group's one keyed speaker when it has only one. Different people's words that
    happen to look alike ("wealthy people" / "white people") are never compared."""
    a, b = o.speaker.key, x.speaker.key
    if a is not None and b is not None:
        return a == b
    if group is None:
        return False
    keyed = {y.speaker.key for y in group.occurrences} - {None}
    return len(keyed) <= 1


def _compatible(person: str | None,
                candidates: Sequence[tuple[Occurrence, Span]]) -> list[tuple[Occurrence, Span]]:
    """The candidates whose words can be ``person``'s: not confidently attributed to someone else."""
    return [(o, t) for o, t in candidates if not (person and _attributed(o) and _attributed(o) != person)]


def _paraphrase_finding(article: str, piece: Span, alt: _Alteration, severity: Severity,
                        support: Sequence[str] = ()) -> Finding:
    changes = _describe_changes(alt.diff)
    where = ", ".join(support) if support else alt.other.article
    msg = f"Inside quotation marks: {changes}, changing the key words of the statement (as quoted in {where})"
    evidence = (Evidence("diff", _diff_text(alt.diff)), _source_evidence(alt.other))
    return Finding("altered-wording", severity, article, piece, msg, evidence)


def _describe_changes(diff: Sequence[WordDiff], limit: int = 3, *, other: str = "the source") -> str:
    parts = []
    for d in diff:
        if d.op == "replace":
            parts.append(f"“{d.variant}” where {other} has “{d.canonical}”")
        elif d.op == "insert":
            parts.append(f"adds “{d.variant}”")
        elif d.op == "delete":
            parts.append(f"leaves out “{d.canonical}”")
    more = len(parts) - limit
    text = "; ".join(parts[:limit])
    return text + (f"; and {more} more change{'s' if more > 1 else ''}" if more > 0 else "")


def _diff_text(diff: Sequence[WordDiff]) -> str:
    out = []
    for d in diff:
        if d.op == "equal":
            out.append(d.canonical)
        elif d.op == "replace":
            out.append(f"[-{d.canonical}-] {{+{d.variant}+}}")
        elif d.op == "delete":
            out.append(f"[-{d.canonical}-]")
        else:
            out.append(f"{{+{d.variant}+}}")
    return " ".join(out)


_OMISSION = re.compile(r"…|\.\s*\.\s*\.|\[[^\]]*\]")


def _parts(piece: Span) -> list[Span]:
    """The runs of words in a quoted piece between ellipses, [bracketed insertions] and sentence ends.

    >>> [p.text for p in _parts(Span(0, 44, "We regret it. Mr. Wang … said [it] was wrong"))]
    ['We regret it.', 'Mr. Wang', 'said', 'was wrong']
    """
    out = []
    pos = 0
    text = piece.text
    for m in [*_OMISSION.finditer(text), None]:
        end = m.start() if m else len(text)
        out.extend(sentence_spans(Span(piece.start + pos, piece.start + end, text[pos:end])))
        pos = m.end() if m else len(text)
    return out


def _verbatim_somewhere(piece_norm: str, texts: Sequence[str]) -> bool:
    p = _padded(piece_norm)
    return any(p in _padded(t) for t in texts)


def _altered_findings(
    group: StatementGroup, article_norms: dict[str, str], *, min_support: int, severity: Severity = "warning",
) -> list[Finding]:
    out = []
    for o in group.occurrences:
        if not o.quoted:
            continue
        me = _attributed(o)
        # words of someone else are not a source for this person's words (that is a misattribution)
        others = [x for x in group.occurrences if x.article != o.article and x.quoted
                  and not (me and _attributed(x) and _attributed(x) != me) and _same_speaker(o, x, group)]
        if not others:
            continue
        other_texts = [article_norms.get(a, "") for a in {x.article for x in others}]
        other_texts += [normalise(x.text) for x in others]
        for piece in (p for q in o.quoted for p in _parts(q)):
            pn = normalise(piece.text)
            if len(pn.split()) < 3 or _verbatim_somewhere(pn, other_texts):
                continue
            # only wordings close to this part count: two parts of a long centre wording may share nothing
            close = [x for x in others if _close(piece.text, x.text)]
            alt = _compare(piece.text, close)
            if alt is None or alt.similarity < 0.5 or all(d.op == "equal" for d in alt.diff):
                continue
            support = sorted(a for a in {x.article for x in others}
                             if a != o.article and alt.window and _padded(alt.window) in _padded(article_norms.get(a, "")))
            if len(support) < min_support:
                continue
            changes = _describe_changes(alt.diff)
            msg = (f"Inside quotation marks: {changes} (as quoted in {', '.join(support)})")
            evidence = (Evidence("diff", _diff_text(alt.diff)), _source_evidence(alt.other))
            out.append(Finding("altered-wording", severity, o.article, piece, msg, evidence))
    return out


def _paraphrase_findings(
    occurrences: Sequence[Occurrence], article_norms: dict[str, str], texts: dict[str, str],
    found: Sequence[Finding], *, min_support: int,
) -> list[Finding]:
    """Quotations that change the key words of a wording quoted elsewhere (``“truly regrets”`` where
    the sources quote ``'deeply regrets'``), found word by word (:func:`_paraphrase`) among the
    quotations of other articles, whatever their statement group.

    As for :func:`_altered_findings`, the quotation is found verbatim in no other article, and the
    wording it changes is quoted verbatim by at least ``min_support`` articles; the quotation's own
    article counts when another of its quotations has that wording."""
    altered = defaultdict(list)
    for f in found:
        if f.code == "altered-wording":
            altered[f.article].append(f.span)
    wordings = _Wordings(occurrences)
    quoted_by_article: dict[str, list[tuple[Occurrence, str]]] = defaultdict(list)
    for o in occurrences:
        if o.quoted:
            quoted_by_article[o.article].append((o, normalise(" ".join(q.text for q in o.quoted))))
    out = []
    for o in occurrences:
        if not o.quoted:
            continue
        other_texts = [t for a, t in article_norms.items() if a != o.article]
        for part in (p for q in o.quoted for p in _parts(q)):
            pn = normalise(part.text)
            if (len(pn.split()) < 2 or _verbatim_somewhere(pn, other_texts)
                    or any(part.start < s.end and s.start < part.end for s in altered[o.article])):
                continue
            candidates = [(x, sp) for x, sp in wordings.near(part.text) if x.article != o.article and _same_speaker(o, x)]
            hit = _paraphrase(part, _context(texts.get(o.article, ""), part.start, part.end), candidates, texts)
            if hit is None:
                continue
            where, alt = hit
            window = _padded(alt.window)
            support = {a for a, t in article_norms.items() if a != o.article and window in _padded(t)}
            if any(x is not o and window in _padded(t) for x, t in quoted_by_article[o.article]):
                support.add(o.article)
            if len(support) < min_support:
                continue
            out.append(_paraphrase_finding(o.article, where, alt, "warning", sorted(support)))
            altered[o.article].append(where)
    return out
