"""Variants of one statement across articles: re-punctuated, shortened, partly quoted, re-translated.

Every quote of every article is reduced to its wording (the words inside quotation marks when it has
any, else its content), normalised (case, punctuation, quotation marks, ellipses and ``[bracketed
insertions]`` dropped), and compared with the quotes that share rare content words with it (a token
index, so grouping stays near-linear). Two wordings match when the shorter one is covered, to at
least ``score_cutoff`` percent, by runs of two or more words it shares with the longer one, in order
(``rapidfuzz`` aligns the word sequences). One- and two-word quotes (``'complex'``) match only
identical wordings. A group has a centre: the wording that matches others best (the highest total
score), and every member matches the centre itself, so a chain of matches (A~B, B~C, C~D) does not join
unrelated statements at its ends. Centres are chosen from the wordings alone, so the groups do not
depend on the order or batching of the articles.

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

import difflib
import functools
import hashlib
import heapq
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs
from rapidfuzz.distance import Indel

from .records import Extraction, QuoteKind, Span, Speaker

__all__ = [
    "Occurrence", "StatementGroup", "WordAlignment", "WordDiff", "align_words", "group_statements", "normalise",
    "occurrences_of", "similarity", "word_diff",
]

DEFAULT_CUTOFF = 40.0
"""Default ``score_cutoff``: percent of the shorter wording covered by shared runs of words."""

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as into onto about over under than then that this
these those there here is are was were be been being am do does did has have had having it its it's he she
they them their his her him we us our you your i me my not no nor so too very can could will would shall
should may might must also all any each some such which who whom whose what when where why how up down out
off again once only own same both few more most other just now s t
""".split())

_BRACKETS = re.compile(r"\[[^\]]*\]")
_ELLIPSIS = re.compile(r"…|\.\s*\.\s*\.")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MARKS = "\"'“”‘’«»‹›„‚`"
_SUFFIXES = ("ing", "ed", "ly", "es", "s")

WordOp = Literal["equal", "insert", "delete", "replace"]


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    text = _BRACKETS.sub(" ", text)
    text = _ELLIPSIS.sub(" ", text)
    out = []
    for m in _WORD.finditer(text):
        w = m.group().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w.replace("'", ""))
    return [w for w in out if w]


def normalise(text: str) -> str:
    """The wording compared across articles: lowercase words, no punctuation, marks, ellipses or [insertions].

    >>> normalise("‘China’s position […] is “consistent”... [and] open.’")
    'china position is consistent open'
    """
    return _normalised(text)


@functools.lru_cache(maxsize=1 << 16)
def _normalised(text: str) -> str:
    return " ".join(_tokens(text))


def _stem(word: str) -> str:
    if len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                return word[: -len(suffix)]
    return word


def _covered(short: Sequence[str], long: Sequence[str]) -> int:
    """How many words of ``short`` lie in shared runs (two or more words, one a content word) with ``long``."""
    total = 0
    for op in Indel.opcodes(short, long):
        if op.tag == "equal":
            n = op.src_end - op.src_start
            if n >= 2 and any(w not in STOPWORDS for w in short[op.src_start:op.src_end]):
                total += n
    return total


def _score(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Symmetric similarity of two stemmed token sequences, 0..100."""
    short, long = sorted((a, b), key=lambda t: (len(t), t))
    if len(short) <= 2:
        return 0.0
    return 100.0 * _covered(short, long) / len(short)


def similarity(a: str, b: str) -> float:
    """How closely two wordings render one statement, 0..100 (order of arguments does not matter).

    The percentage of the shorter wording's words that lie in runs of two or more words shared, in
    order, with the longer one (words lightly stemmed; case, punctuation, ellipses and bracketed
    insertions ignored). One- and two-word wordings score 100 when identical, else 0.

    >>> round(similarity("deeply regrets that conflict has erupted", "Deeply regrets that conflict has broken out."))
    83
    >>> similarity("complex", "it is complex")
    0.0
    """
    ta, tb = _tokens(a), _tokens(b)
    if ta == tb:
        return 100.0
    return _score(tuple(_stem(w) for w in ta), tuple(_stem(w) for w in tb))


@attrs.frozen
class WordDiff:
    """One step of the word-level difference between the canonical wording and a variant."""

    op: WordOp
    """``equal``, ``insert`` (words only in the variant), ``delete`` (only in the canonical), ``replace``."""
    canonical: str
    """The canonical wording's words in this step (empty for ``insert``)."""
    variant: str
    """The variant's words in this step (empty for ``delete``)."""


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _display_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, word as written, comparison key) for each word of ``text``; pure punctuation is dropped."""
    text = _ELLIPSIS.sub(_blank, _BRACKETS.sub(_blank, text))
    out = []
    for m in re.finditer(r"\S+", text):
        key = normalise(m.group())
        if key:
            out.append((m.start(), m.end(), m.group().strip(_MARKS), key))
    return out


def _display_words(text: str) -> list[tuple[str, str]]:
    """(word as written, comparison key) for each word of ``text``; pure punctuation is dropped."""
    return [(raw, key) for _, _, raw, key in _display_spans(text)]


def word_diff(canonical: str, variant: str) -> tuple[WordDiff, ...]:
    """Word-level differences from ``canonical`` to ``variant`` (case and punctuation are not differences).

    >>> [(d.op, d.canonical, d.variant) for d in word_diff("conflict has broken out", "conflict has erupted")]
    [('equal', 'conflict has', 'conflict has'), ('replace', 'broken out', 'erupted')]
    """
    a, b = _display_words(canonical), _display_words(variant)
    ka, kb = [k for _, k in a], [k for _, k in b]
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        out.append(WordDiff(tag, " ".join(w for w, _ in a[i1:i2]), " ".join(w for w, _ in b[j1:j2])))  # type: ignore[arg-type]
    return tuple(out)


@attrs.frozen
class WordAlignment:
    """Where a wording renders a piece: the aligned regions of both, compared word by word (offsets as in
    ``rapidfuzz``'s ``ScoreAlignment``: ``src`` is the piece, ``dest`` the wording)."""

    score: float
    """Words matched (light stemming), as a percentage of the longer of the two aligned regions."""
    matched: tuple[str, ...]
    """The piece's matched words (comparison keys, stemmed), in order."""
    changed: tuple[str, ...]
    """The piece's words in its aligned region that the wording's region does not have (keys, stemmed)."""
    replaced: tuple[str, ...]
    """The wording's words in its aligned region that the piece does not have (keys, stemmed)."""
    src_start: int
    """Where the aligned region of the piece starts (a character offset into the piece)."""
    src_end: int
    """Where it ends."""
    dest_start: int
    """Where the aligned region (the window) of the wording starts (a character offset into the wording)."""
    dest_end: int
    """Where it ends."""


def _stem_key(key: str) -> str:
    return " ".join(_stem(w) for w in key.split())


def align_words(piece: str, wording: str) -> WordAlignment | None:
    """The region of ``wording`` that best renders ``piece`` word by word, or None when they share no content word.

    Words are compared lightly stemmed (``deeply`` and ``deep``, ``regrets`` and ``regret`` are one word),
    so a paraphrase that keeps some key words (``deep apologies`` for ``deeply regrets``) still finds
    the region of the wording it changes. The regions run from the first to the last run of shared
    words holding a content word, widened by the piece's unshared words at either end (as far as the
    wording goes); the piece's words beyond its region are left out of the score.

    >>> a = align_words("deep apologies", "China deeply regrets that conflict has broken out")
    >>> a.score, a.matched, a.changed, a.replaced
    (50.0, ('deep',), ('apologi',), ('regret',))
    >>> "China deeply regrets that conflict has broken out"[a.dest_start:a.dest_end]
    'deeply regrets'
    >>> align_words("frank talks", "China deeply regrets") is None
    True
    """
    ps, ws = _display_spans(piece), _display_spans(wording)
    p = [_stem_key(k) for *_, k in ps]
    w = [_stem_key(k) for *_, k in ws]
    blocks = [b for b in difflib.SequenceMatcher(None, p, w, autojunk=False).get_matching_blocks()
              if b.size and any(x not in STOPWORDS for k in p[b.a:b.a + b.size] for x in k.split())]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    lead = min(first.a, first.b)  # the piece's unshared words before the first run, as far as the wording goes
    trail = min(len(p) - last.a - last.size, len(w) - last.b - last.size)
    p_lo, p_hi = first.a - lead, last.a + last.size + trail
    w_lo, w_hi = first.b - lead, last.b + last.size + trail
    pairs = [(b.a + k, b.b + k) for b in difflib.SequenceMatcher(
        None, p[p_lo:p_hi], w[w_lo:w_hi], autojunk=False).get_matching_blocks() for k in range(b.size)]
    matched_p = {p_lo + i for i, _ in pairs}
    matched_w = {w_lo + j for _, j in pairs}
    matched = tuple(p[i] for i in sorted(matched_p))
    changed = tuple(p[i] for i in range(p_lo, p_hi) if i not in matched_p)
    replaced = tuple(w[j] for j in range(w_lo, w_hi) if j not in matched_w)
    score = 100.0 * len(matched) / max(p_hi - p_lo, w_hi - w_lo)
    return WordAlignment(score, matched, changed, replaced, ps[p_lo][0], ps[p_hi - 1][1], ws[w_lo][0], ws[w_hi - 1][1])


@attrs.frozen
class Occurrence:
    """One quote of one article, as a member of a statement group."""

    article: str
    """The article's name (``Extraction.name``; ``#N`` by position when it has none)."""
    quote_index: int
    """Index of the quote in ``Extraction.quotes``."""
    span: Span
    """From the start of the quote's first content piece to the end of its last."""
    content: tuple[Span, ...]
    """The quote's content pieces."""
    quoted: tuple[Span, ...]
    """The pieces inside quotation marks (the words claimed verbatim)."""
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


def _strip_marks(text: str) -> str:
    return text.strip().strip(_MARKS + ",;:").strip()


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
                text = " … ".join(_strip_marks(p.text) for p in q.content)
            span = Span.of(ex.text, q.content[0].start, q.content[-1].end)
            out.append(Occurrence(name, qi, span, q.content, q.quoted, q.kind, q.speaker, text, q.confidence))
    return out


def _centres(n: int, edges: Sequence[tuple[int, int, float]], keys: Sequence[tuple[int, str]]) -> list[int]:
    """For each of ``n`` wordings, the centre of its group (star clustering over the match graph).

    ``edges`` are ``(i, j, score)`` matches. The wording with the highest total score to the wordings
    not yet in a group (ties: the longer, then the smaller ``keys`` entry) becomes a centre and takes
    those wordings; repeat until every wording is placed. Every member of a group matches its centre
    directly, and a long quotation that touches several statements loosely does not become the centre
    of wordings that match each other closely. ``keys[i]`` is ``(length, wording)``, so the choice
    depends on the wordings only, never on their order.

    >>> _centres(4, [(0, 1, 50.0), (1, 2, 50.0), (2, 3, 60.0)], [(3, "a"), (3, "b"), (3, "c"), (3, "d")])
    [0, 2, 2, 2]
    """
    neighbours: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i, j, score in edges:
        neighbours[i].append((j, score))
        neighbours[j].append((i, score))
    centre_of = [-1] * n

    def weight(i: int) -> float:
        return sum(score for j, score in neighbours[i] if centre_of[j] == -1)

    heap = [(-weight(i), -keys[i][0], keys[i][1], i) for i in range(n)]
    heapq.heapify(heap)
    while heap:
        w, k0, k1, i = heapq.heappop(heap)
        if centre_of[i] != -1:
            continue
        now = weight(i)
        if now != -w:  # neighbours placed since this entry was pushed: queue it again at its weight now
            heapq.heappush(heap, (-now, k0, k1, i))
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


def group_statements(
    extractions: Sequence[Extraction], *, score_cutoff: float = DEFAULT_CUTOFF
) -> tuple[StatementGroup, ...]:
    """Group the quotes of ``extractions`` that render one statement; every quote is in exactly one group.

    ``score_cutoff`` (0..100) is the :func:`similarity` two wordings need to be joined. Groups are
    sorted by their first occurrence (article name, then position), and do not depend on the order
    of ``extractions``.

    >>> group_statements([])
    ()
    """
    occs = occurrences_of(extractions)
    if not occs:
        return ()
    # identical normalised wordings first; only distinct wordings are compared
    by_norm: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(occs):
        by_norm[normalise(o.text)].append(i)
    wordings = sorted(by_norm)
    stems = [tuple(_stem(w) for w in n.split()) for n in wordings]
    scored = ((i, j, _score(stems[i], stems[j])) for i, j in _candidate_pairs(stems))
    edges = [(i, j, score) for i, j, score in scored if score >= score_cutoff]
    centre_of = _centres(len(wordings), edges, [(len(s), w) for s, w in zip(stems, wordings)])
    members: dict[int, list[Occurrence]] = defaultdict(list)
    for w_index, norm in enumerate(wordings):
        members[centre_of[w_index]].extend(occs[k] for k in by_norm[norm])
    groups = [_make_group(m) for m in members.values()]
    groups.sort(key=lambda g: (g.occurrences[0].key, g.id))
    return tuple(groups)
