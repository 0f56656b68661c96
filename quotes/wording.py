"""The text kernel grouping and verification share: folding, words and light stems, sentences, similarity
of two wordings, and word diffs and alignments with character offsets.

>>> normalise("“We will never give up,” he said…")
'we will never give up he said'
>>> stems("The talks continued")
['the', 'talk', 'continu']
>>> round(similarity("deeply regrets that conflict has broken out", "deeply regrets that conflict has erupted"), 1)
83.3
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

import attrs
from rapidfuzz.distance import Indel

from .records import Span

STOPWORDS = frozenset([
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "into",
    "onto", "about", "over", "under", "than", "then", "that", "this", "these", "those", "there", "here", "is", "are",
    "was", "were", "be", "been", "being", "am", "do", "does", "did", "has", "have", "had", "having", "it", "its",
    "it's", "he", "she", "they", "them", "their", "his", "her", "him", "we", "us", "our", "you", "your", "i", "me",
    "my", "not", "no", "nor", "so", "too", "very", "can", "could", "will", "would", "shall", "should", "may", "might",
    "must", "also", "all", "any", "each", "some", "such", "which", "who", "whom", "whose", "what", "when", "where",
    "why", "how", "up", "down", "out", "off", "again", "once", "only", "own", "same", "both", "few", "more", "most",
    "other", "just", "now", "s", "t",
])


_BRACKETS = re.compile(r"\[[^\]]*\]")


_ELLIPSIS = re.compile(r"…|\.\s*\.\s*\.")


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


_MARKS = "\"'“”‘’«»‹›„‚`"


_SUFFIXES = ("ing", "ed", "ly", "es", "s")


WordOp = Literal["equal", "insert", "delete", "replace"]


def tokens(text: str) -> list[str]:
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
    return " ".join(tokens(text))


def stem(word: str) -> str:
    if len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                return word[: -len(suffix)]
    return word


def _shared(short: Sequence[str], long: Sequence[str]) -> tuple[int, int]:
    """How many words of ``short`` lie in shared runs (two or more words, one a content word) with ``long``,
    and how many of those are content words."""
    total = content = 0
    for op in Indel.opcodes(short, long):
        if op.tag == "equal":
            run = short[op.src_start:op.src_end]
            n = sum(1 for w in run if w not in STOPWORDS)
            if len(run) >= 2 and n:
                total += len(run)
                content += n
    return total, content


MIN_SHARED_CONTENT = 3
"""Content words two different wordings must share (in runs) to render one statement: 'the invasion of
Ukraine' is in too many statements to tie them together."""


def coverage_score(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Symmetric similarity of two stemmed token sequences, 0..100."""
    short, long = sorted((a, b), key=lambda t: (len(t), t))
    if len(short) <= 2:
        return 0.0
    total, content = _shared(short, long)
    if content < MIN_SHARED_CONTENT and short != long:
        return 0.0
    return 100.0 * total / len(short)


def similarity(a: str, b: str) -> float:
    """How closely two wordings render one statement, 0..100 (order of arguments does not matter).

    The percentage of the shorter wording's words that lie in runs of two or more words shared, in
    order, with the longer one (words lightly stemmed; case, punctuation, ellipses and bracketed
    insertions ignored). One- and two-word wordings score 100 when identical, else 0; so do wordings
    sharing fewer than ``MIN_SHARED_CONTENT`` content words (a common phrase such as "the invasion of
    Ukraine" ties no two statements together).

    >>> round(similarity("deeply regrets that conflict has erupted", "Deeply regrets that conflict has broken out."))
    83
    >>> similarity("complex", "it is complex")
    0.0
    >>> similarity("Moscow's invasion of Ukraine", "Russia's illegal invasion of Ukraine, China and India abstained")
    0.0
    """
    ta, tb = tokens(a), tokens(b)
    if ta == tb:
        return 100.0
    return coverage_score(tuple(stem(w) for w in ta), tuple(stem(w) for w in tb))


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
        out.append(WordDiff(tag, " ".join(w for w, _ in a[i1:i2]), " ".join(w for w, _ in b[j1:j2])))
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
    return " ".join(stem(w) for w in key.split())


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


def strip_marks(text: str) -> str:
    return text.strip().strip(_MARKS + ",;:").strip()


SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’»]*\s+(?=[\"'“‘«]*[A-Z])")


_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Za-z])\.$")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (a full stop after ``Mr``, ``U.S`` or ``Dr`` ends none)."""
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[pos:m.start()]):
            continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def sentence_spans(piece: Span) -> list[Span]:
    """The sentences of ``piece``, each without the marks and punctuation around it (it keeps its full stop).

    >>> [s.text for s in sentence_spans(Span(10, 43, "“We regret it. Mr. Wang said so.”"))]
    ['We regret it.', 'Mr. Wang said so.']
    """
    out = []
    text = piece.text
    for a, end in sentences(text):
        b = end
        while a < b and not text[a].isalnum():
            a += 1
        while b > a and not text[b - 1].isalnum():
            b -= 1
        if b < end and text[b] in ".!?" and b > a:
            b += 1  # a sentence keeps its full stop
        if b > a and normalise(text[a:b]):
            out.append(Span(piece.start + a, piece.start + b, text[a:b]))
    return out


def stems(text: str) -> list[str]:
    """The words of ``text`` as :func:`align_words` compares them (normalised, lightly stemmed)."""
    return [stem(w) for w in normalise(text).split()]
