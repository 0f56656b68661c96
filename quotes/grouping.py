"""Variants of one statement across articles: re-punctuated, shortened, partly quoted, re-translated.

Every quote of every article is reduced to its wording (the words inside quotation marks when it has
any, else its content), normalised (case, punctuation, quotation marks, ellipses and ``[bracketed
insertions]`` dropped), and compared with the quotes that share rare content words with it (a token
index, so grouping stays near-linear). Two wordings match when the shorter one is covered, to at
least ``score_cutoff`` percent, by runs of two or more words it shares with the longer one, in order
(``rapidfuzz`` aligns the word sequences). One- and two-word quotes (``'complex'``) match only
identical wordings. A group has a centre: the wording that matches others best (the highest total
score), and every member matches the centre itself, so a chain of matches (A~B, B~C, C~D) does not join
unrelated statements at its ends. Two wordings that give different numbers and share no named speaker are two
statements however alike ("item 3" said Wang, "item 4" said Xi); one person's two figures stay one statement. Centres are chosen from the wordings alone, so the groups do not
depend on the order or batching of the articles.

A quote of several sentences may render several statements (a paragraph of a readout: a line on
sovereignty, then a call for negotiations that other articles quote on its own). Grouping goes by
quoted sentence: such a quote is no centre when different sentences of it match different wordings,
and each of its sentences then joins the group that matches it best among its quote's group and those
of the wordings the quote matches, as an occurrence of its own (same quote index, the sentences' spans).
Sentences that no group matches stay with the rest of their quote, so a quote whose sentences render one
statement stays one occurrence.

>>> from quotes.records import Extraction, Quote, Span, Speaker
>>> import datetime as dt
>>> def art(name, text):
...     q = Quote((Span.of(text, 0, len(text)),), "direct", None, None, None, Speaker("person", "Wang Yi", "Q1"),
...               "cue-subject", 0.9, quoted=(Span.of(text, 0, len(text)),))
...     return Extraction(text, (q,), (), (), dt.date(2022, 3, 1), "argument", name)
>>> a = art("a", "China deeply regrets that conflict has broken out between Ukraine and Russia.")
>>> b = art("b", "deeply regrets that conflict has erupted between Ukraine and Russia")
>>> (g,) = group_statements([a, b])
>>> [o.article for o in g.occurrences]
['a', 'b']
>>> g.canonical
'China deeply regrets that conflict has broken out between Ukraine and Russia.'
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import attrs

from .records import Extraction, QuoteKind, Span, Speaker

__all__ = ["DEFAULT_CUTOFF", "Occurrence", "StatementGroup", "group_statements", "occurrences_of"]
from .wording import (
    SENTENCE_END,
    STOPWORDS,
    WordDiff,
    coverage_score,
    normalise,
    sentence_spans,
    stem,
    strip_marks,
    word_diff,
)

DEFAULT_CUTOFF = 40.0
"""Default ``score_cutoff``: percent of the shorter wording covered by shared runs of words."""


@attrs.frozen
class Occurrence:
    """One quote of one article, or the sentences of it that render one statement, as a member of a statement group."""

    article: str
    """The article's name (``Extraction.name``; ``#N`` by position when it has none)."""
    quote_index: int
    """Index of the quote in ``Extraction.quotes``."""
    span: Span
    """From the start of the quote's first content piece to the end of its last (for some sentences of a
    quote: from the first sentence's first word to the last one's full stop)."""
    content: tuple[Span, ...]
    """The quote's content pieces (for some sentences of a quote: the sentences, consecutive ones as one piece)."""
    quoted: tuple[Span, ...]
    """The pieces inside quotation marks (the words claimed verbatim); as ``content`` for some sentences of a quote."""
    kind: QuoteKind
    """direct, partial or indirect."""
    speaker: Speaker
    """Who the article says said it."""
    text: str
    """The wording compared: the quoted pieces joined by `` … `` when there are any, else the content."""
    confidence: float = 1.0
    """How sure the extraction is of the speaker (``Quote.confidence``)."""

    @property
    def key(self) -> tuple[str, int, int]:
        """``(article, start, end)``: identifies the occurrence across runs."""
        return (self.article, self.span.start, self.span.end)


@attrs.frozen
class StatementGroup:
    """Quotes in one or more articles that render one statement."""

    id: str
    """Stable identifier derived from the normalised canonical wording (``s-`` and 12 hex digits)."""
    canonical: str
    """The fullest wording that most articles quote verbatim (in full or in part)."""
    canonical_reason: str
    """Why that wording was chosen, in one sentence."""
    speakers: tuple[Speaker, ...]
    """Every speaker the occurrences are attributed to, most frequent first."""
    occurrences: tuple[Occurrence, ...]
    """The members, sorted by article name and position."""

    @property
    def articles(self) -> tuple[str, ...]:
        """Names of the articles the statement occurs in, sorted."""
        return tuple(sorted({o.article for o in self.occurrences}))

    def diff(self, occurrence: Occurrence) -> tuple[WordDiff, ...]:
        """Word-level differences between the canonical wording and ``occurrence`` (see :func:`word_diff`).

        >>> from quotes.records import Span, Speaker
        >>> o = Occurrence("b", 0, Span(0, 3, "abc"), (), (), "direct", Speaker("unresolved"), "has erupted")
        >>> g = StatementGroup("s-1", "has broken out", "only wording", (), (o,))
        >>> [(d.op, d.canonical, d.variant) for d in g.diff(o)]
        [('equal', 'has', 'has'), ('replace', 'broken out', 'erupted')]
        """
        return word_diff(self.canonical, occurrence.text)


def occurrences_of(extractions: Sequence[Extraction]) -> list[Occurrence]:
    """Every quote of every extraction as an :class:`Occurrence` (not yet grouped).

    >>> occurrences_of([])
    []
    """
    out = []
    for i, ex in enumerate(extractions):
        name = ex.name if ex.name is not None else f"#{i}"
        for qi, q in enumerate(ex.quotes):
            if not q.content:
                continue
            if q.quoted:
                text = " … ".join(p.text.strip() for p in q.quoted)
            else:
                text = " … ".join(strip_marks(p.text) for p in q.content)
            span = Span.of(ex.text, q.content[0].start, q.content[-1].end)
            out.append(Occurrence(name, qi, span, q.content, q.quoted, q.kind, q.speaker, text, q.confidence))
    return out


def _centres(
    n: int, edges: Sequence[tuple[int, int, float]], keys: Sequence[tuple[int, str]], *,
    last: frozenset[int] = frozenset(),
) -> list[int]:
    """For each of ``n`` wordings, the centre of its group (star clustering over the match graph).

    ``edges`` are ``(i, j, score)`` matches. The wording with the highest total score to the wordings
    not yet in a group (ties: the longer, then the smaller ``keys`` entry) becomes a centre and takes
    those wordings; repeat until every wording is placed. Every member of a group matches its centre
    directly, and a long quotation that touches several statements loosely does not become the centre
    of wordings that match each other closely. ``keys[i]`` is ``(length, wording)``, so the choice
    depends on the wordings only, never on their order. The wordings in ``last`` (quotations whose
    sentences render different statements) become centres only after every other wording is placed.

    >>> _centres(4, [(0, 1, 50.0), (1, 2, 50.0), (2, 3, 60.0)], [(3, "a"), (3, "b"), (3, "c"), (3, "d")])
    [0, 2, 2, 2]
    >>> _centres(3, [(0, 1, 50.0), (0, 2, 50.0)], [(9, "a b"), (3, "a"), (3, "b")], last=frozenset({0}))
    [1, 1, 2]
    """
    neighbours: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i, j, score in edges:
        neighbours[i].append((j, score))
        neighbours[j].append((i, score))
    centre_of = [-1] * n

    def weight(i: int) -> float:
        return sum(score for j, score in neighbours[i] if centre_of[j] == -1)

    heap = [(i in last, -weight(i), -keys[i][0], keys[i][1], i) for i in range(n)]
    heapq.heapify(heap)
    while heap:
        late, w, k0, k1, i = heapq.heappop(heap)
        if centre_of[i] != -1:
            continue
        now = weight(i)
        if now != -w:  # neighbours placed since this entry was pushed: queue it again at its weight now
            heapq.heappush(heap, (late, -now, k0, k1, i))
            continue
        centre_of[i] = i
        for j, _ in neighbours[i]:
            if centre_of[j] == -1:
                centre_of[j] = i
    return centre_of


def _candidate_pairs(stems: list[tuple[str, ...]]) -> Iterable[tuple[int, int]]:
    """Pairs of wordings that share enough rare content words to be worth scoring."""
    content = [frozenset(w for w in s if w not in STOPWORDS) for s in stems]
    df: Counter[str] = Counter()
    for c in content:
        df.update(c)
    cap = max(50, len(stems) // 100)
    index: dict[str, list[int]] = defaultdict(list)
    keys: list[list[str]] = []
    for i, c in enumerate(content):
        rare = sorted((w for w in c if df[w] <= cap), key=lambda w: (df[w], w))
        keys.append(rare)
        for w in rare:
            index[w].append(i)
    for i, rare in enumerate(keys):
        if len(stems[i]) <= 2:
            continue
        shared: Counter[int] = Counter()
        for w in rare:
            shared.update(index[w])
        need = 1
        for j, n in shared.items():
            if j > i and (n >= need or n >= len(keys[j])) and len(stems[j]) > 2:
                yield i, j


def _support(wording: str, normals_by_article: dict[str, set[str]]) -> int:
    """How many articles quote ``wording`` verbatim, in full or in part (a contained or containing wording)."""
    w = f" {wording} "
    n = 0
    for normals in normals_by_article.values():
        if any(f" {x} " in w or w in f" {x} " for x in normals if x):
            n += 1
    return n


def _make_group(members: list[Occurrence]) -> StatementGroup:
    members = sorted(members, key=lambda o: (o.article, o.span.start, o.span.end, o.quote_index))
    normals_by_article: dict[str, set[str]] = defaultdict(set)
    for o in members:
        normals_by_article[o.article].add(normalise(o.text))
    best: tuple[int, int, str, str] | None = None
    for o in members:
        norm = normalise(o.text)
        cand = (_support(norm, normals_by_article), len(norm.split()), o.text, norm)
        if best is None or (cand[0], cand[1]) > (best[0], best[1]) or (
            (cand[0], cand[1]) == (best[0], best[1]) and cand[2] < best[2]
        ):
            best = cand
    assert best is not None
    support, _, canonical, norm = best
    n_articles = len(normals_by_article)
    if n_articles == 1:
        reason = "the only article quoting this statement; its fullest wording"
    else:
        reason = (f"quoted verbatim (in full or in part) by {support} of {n_articles} articles; "
                  f"the fullest such wording")
    counts: Counter[Speaker] = Counter(o.speaker for o in members)
    speakers = tuple(sorted(counts, key=lambda s: (-counts[s], s.label, s.kind)))
    gid = "s-" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:12]
    return StatementGroup(gid, canonical, reason, speakers, tuple(members))


def _units(o: Occurrence) -> list[Span]:
    """The sentences of an occurrence's wording: of its quoted pieces when it has any, else of its content."""
    pieces = o.quoted or o.content
    if len(pieces) == 1 and not SENTENCE_END.search(pieces[0].text):
        return [pieces[0]]  # one sentence (left as it is: only quotations of several sentences are split)
    return [u for p in pieces for u in sentence_spans(p)]


def _stems_of(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in normalise(text).split())


def _sentences_of(occurrences: Sequence[Occurrence]) -> list[tuple[str, ...]]:
    """The sentences (stemmed words) of a wording, read from one of its occurrences (the same one whatever the
    order of the articles); a single sentence when it has one."""
    shown = min(occurrences, key=lambda o: (o.text, [p.text for p in o.quoted or o.content]))
    units = _units(shown)
    return [x for x in (_stems_of(u.text) for u in units) if x] if len(units) > 1 else []


def _composite(sentences: Sequence[tuple[str, ...]], neighbours: Sequence[tuple[str, ...]], *,
               score_cutoff: float) -> bool:
    """Whether different sentences of a quotation match different wordings among its ``neighbours``: two
    neighbours, each matching (:func:`coverage_score`) some of its sentences, no sentence matching both. Such a
    quotation renders several statements; it is no centre of them (``the sovereignty ... of all countries.
    In response to the crisis, China calls for negotiations``)."""
    if len(sentences) < 2:
        return False
    matched: list[frozenset[int]] = []
    for n in neighbours:
        ks = frozenset(k for k, s in enumerate(sentences) if coverage_score(s, n) >= score_cutoff)
        if ks:
            if any(not (ks & other) for other in matched):
                return True
            matched.append(ks)
    return False


def _placed_units(
    units: Sequence[Span], home: int, w_index: int, candidates: Sequence[int], stems: Sequence[tuple[str, ...]],
    members_of: dict[int, list[int]], *, score_cutoff: float,
) -> dict[int, list[Span]] | None:
    """Where the sentences (``units``) of a quotation of several sentences go: ``{centre: sentences}``, or None
    when the quotation stays whole in its group (``home``).

    Each sentence joins the group, among its quotation's (``home``) and those of the wordings its quotation
    matches (``candidates``), that matches it best (:func:`coverage_score` with the group's centre; for the group
    the quotation is the centre of, with its other wordings), home first on a tie. A sentence that no group
    matches stays home, unless no sentence does: then it goes with the sentence before it (the first ones:
    after it). The quotation stays whole when every sentence is matched at home or nowhere."""
    groups = sorted(set(candidates) - {home}, key=lambda c: (len(stems[c]), stems[c]))
    chosen: list[int | None] = []
    for u in units:
        mine = _stems_of(u.text)
        best: tuple[float, int] | None = None
        for g in [home, *groups]:
            if g == w_index:
                score = max((coverage_score(mine, stems[j]) for j in members_of[g] if j != w_index), default=0.0)
            else:
                score = coverage_score(mine, stems[g])
            if score >= score_cutoff and (best is None or score > best[0]):
                best = (score, g)
        chosen.append(best[1] if best else None)
    if all(c is None or c == home for c in chosen):
        return None
    if home not in chosen:
        last = next(c for c in chosen if c is not None)
        for k, c in enumerate(chosen):
            last = chosen[k] = c if c is not None else last
    placed: dict[int, list[Span]] = defaultdict(list)
    for u, c in zip(units, chosen):
        placed[home if c is None else c].append(u)
    return placed


def _part(o: Occurrence, units: Sequence[Span], text: str) -> Occurrence:
    """The occurrence of the sentences ``units`` of ``o`` (consecutive sentences of one piece make one span)."""
    pieces: list[Span] = []
    piece_of = [next(i for i, p in enumerate(o.quoted or o.content) if p.start <= u.start and u.end <= p.end)
                for u in units]
    all_units = _units(o)
    for k, u in enumerate(units):
        if (pieces and piece_of[k] == piece_of[k - 1]
                and all_units.index(u) == all_units.index(units[k - 1]) + 1):
            pieces[-1] = Span.of(text, pieces[-1].start, u.end)
        else:
            pieces.append(u)
    quoted = tuple(pieces) if o.quoted else ()
    return attrs.evolve(o, span=Span.of(text, pieces[0].start, pieces[-1].end), content=tuple(pieces), quoted=quoted,
                        text=" … ".join(p.text for p in pieces))


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _people_of(occurrences: Sequence[Occurrence]) -> frozenset[str] | None:
    """The named people a wording is attributed to, or None when one of its occurrences has no named person."""
    out = set()
    for o in occurrences:
        if o.speaker.kind != "person" or not (o.speaker.person_id or o.speaker.name):
            return None
        out.add(o.speaker.person_id or o.speaker.name or "")
    return frozenset(out)


def _different_statements(numbers_a: frozenset[str], numbers_b: frozenset[str], people_a: frozenset[str] | None,
                          people_b: frozenset[str] | None) -> bool:
    """Whether two similar wordings are two statements all the same: they give different numbers and no named
    person is quoted with both ("We discussed item 3 today," said Biden; "... item 4 ...," said Zelenskyy).
    The same person's wordings with different numbers stay one statement (a figure altered in a draft is
    altered wording), and so do wordings whose speakers are not all named people.

    >>> _different_statements(frozenset({"3"}), frozenset({"4"}), frozenset({"Q6279"}), frozenset({"Q3881"}))
    True
    >>> _different_statements(frozenset({"3"}), frozenset({"4"}), frozenset({"Q6279"}), frozenset({"Q6279"}))
    False
    """
    return (bool(numbers_a) and bool(numbers_b) and numbers_a != numbers_b and people_a is not None
            and people_b is not None and not people_a & people_b)


def group_statements(
    extractions: Sequence[Extraction], *, score_cutoff: float = DEFAULT_CUTOFF
) -> tuple[StatementGroup, ...]:
    """Group the quotes of ``extractions`` that render one statement; every quote, or every sentence of a quote
    whose sentences render different statements, is in exactly one group.

    Whole quotes are grouped first; then each sentence of a quote of several sentences that another
    group matches better than its quote's (see the module docstring) joins that group, as an occurrence
    of its own. ``score_cutoff`` (0..100) is the :func:`similarity` two wordings need to be joined.
    Groups are sorted by their first occurrence (article name, then position), and do not depend on the
    order of ``extractions``.

    >>> group_statements([])
    ()
    """
    occs = occurrences_of(extractions)
    if not occs:
        return ()
    texts = {(ex.name if ex.name is not None else f"#{i}"): ex.text for i, ex in enumerate(extractions)}
    # identical normalised wordings first; only distinct wordings are compared
    by_norm: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(occs):
        by_norm[normalise(o.text)].append(i)
    wordings = sorted(by_norm)
    by_index = {k: w for w, norm in enumerate(wordings) for k in by_norm[norm]}
    stems = [tuple(stem(w) for w in n.split()) for n in wordings]
    scored = ((i, j, coverage_score(stems[i], stems[j])) for i, j in _candidate_pairs(stems))
    people = [_people_of([occs[k] for k in by_norm[w]]) for w in wordings]
    numbers = [frozenset(_NUMBER.findall(w)) for w in wordings]
    edges = [(i, j, score) for i, j, score in scored if score >= score_cutoff
             and not _different_statements(numbers[i], numbers[j], people[i], people[j])]
    neighbours: dict[int, list[int]] = defaultdict(list)
    for i, j, _ in edges:
        neighbours[i].append(j)
        neighbours[j].append(i)
    # a quotation whose sentences match different wordings is no centre: it would join their statements
    composite = frozenset(
        i for i, js in neighbours.items()
        if len(js) > 1 and _composite(_sentences_of([occs[k] for k in by_norm[wordings[i]]]), [stems[j] for j in js],
                                      score_cutoff=score_cutoff))
    centre_of = _centres(len(wordings), edges, [(len(s), w) for s, w in zip(stems, wordings)], last=composite)
    members_of: dict[int, list[int]] = defaultdict(list)
    for w_index, c in enumerate(centre_of):
        members_of[c].append(w_index)
    several = {k: units for k in range(len(occs)) if by_index[k] in neighbours and len(units := _units(occs[k])) > 1}
    # each sentence of a quotation joins the group that matches it best among those of the wordings the quotation
    # matches; twice, so that the groups the sentences of those wordings joined count too
    placed: dict[int, dict[int, list[Span]] | None] = {}
    went: dict[int, set[int]] = {w: {c} for w, c in enumerate(centre_of)}
    for _ in range(2):
        for k, units in several.items():
            w_index = by_index[k]
            candidates = sorted({c for j in neighbours[w_index] for c in went[j]})
            placed[k] = _placed_units(units, centre_of[w_index], w_index, candidates, stems, members_of,
                                      score_cutoff=score_cutoff)
        went = {w: {c} for w, c in enumerate(centre_of)}
        for k, where in placed.items():
            if where:
                went[by_index[k]].update(where)
    members: dict[int, list[Occurrence]] = defaultdict(list)
    for k, o in enumerate(occs):
        where = placed.get(k)
        if where is None:
            members[centre_of[by_index[k]]].append(o)
        elif len(where) == 1:
            members[next(iter(where))].append(o)  # the whole quotation renders another group's statement
        else:
            for c, units in where.items():
                members[c].append(_part(o, units, texts[o.article]))
    groups = [_make_group(m) for m in members.values()]
    groups.sort(key=lambda g: (g.occurrences[0].key, g.id))
    return tuple(groups)
