"""Quotation marks: which marks open and close quotations, which are apostrophes, and how they pair.

Marks are paired one paragraph (one line) at a time with a stack, never by parity across the
article, so one stray mark costs at most the paragraph it is in. Each mark is judged by what stands
on either side of it: a mark after a space and before a word opens, one after a word and before a
space or punctuation closes, one between two letters is an apostrophe (``Russia’s``, ``don't``).
A closing single mark after a word and before a lowercase word (``both sides’ future``) is taken as a
plural possessive when the quotation has a later closing mark to end it. A quotation whose paragraph
ends unclosed continues when the next paragraph reopens it with the same kind of mark (the newsroom
convention for a quote over several paragraphs); otherwise it is reported as unbalanced.

>>> quotations, diagnostics = find_quotations("‘We will ‘never’ give up,’ Wang said.")
>>> [(q.inner.text, q.depth) for q in quotations]
[('We will ‘never’ give up,', 0), ('never', 1)]
>>> diagnostics
()
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import attrs

from .records import Diagnostic, Quotation, Span

__all__ = ["Quotation", "find_quotations", "normalise_marks"]

DOUBLE_MARKS = "\"“”„‟«»″〝〞〟＂"
"""Marks of the double family (straight, curly, low-high, guillemets, double prime, fullwidth)."""
SINGLE_MARKS = "'‘’‚‛‹›′"
"""Marks of the single family (straight, curly, low-high, single guillemets, prime)."""
_OPENERS = set("“„‟«〝‘‚‛‹")
_CLOSERS = set("”»〞〟’›")
_BOTH = set("\"″＂'′")
_APOSTROPHE_LIKE = set("'‘’′‛")
_PROPER_PAIRS = {
    ('"', '"'), ("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"), ("”", "”"), ("″", "″"),
    ("‟", "”"), ("〝", "〞"), ("〝", "〟"), ("＂", "＂"),
    ("'", "'"), ("‘", "’"), ("‚", "‘"), ("‚", "’"), ("‹", "›"), ("›", "‹"), ("’", "’"), ("′", "′"),
    ("‛", "’"),
}
_FAMILY = {c: "double" for c in DOUBLE_MARKS} | {c: "single" for c in SINGLE_MARKS}
_ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_MARK_RE = re.compile("[" + re.escape(_ALL_MARKS) + "]")
_LINE_BREAK_RE = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_OPEN_PUNCT = set("([{<—–-/…") | set(_ALL_MARKS)
_CLOSE_PUNCT = set(".,;:!?)]}>—–-/…*") | set(_ALL_MARKS)
_SENTENCE_END = set(".!?:…") | set(_ALL_MARKS)
_ELISION = re.compile(r"(?:\d\ds?|em|tis|twas|til|cause|bout|round|n)\b", re.IGNORECASE)
_LOOKAHEAD_MARKS = 32
_MAX_WRAPPED = 30
_NORMALISE = str.maketrans({c: '"' for c in DOUBLE_MARKS} | {c: "'" for c in SINGLE_MARKS})


@attrs.define
class _Open:
    """A quotation opened and not yet closed, while pairing."""

    pos: int
    char: str
    family: str
    depth: int
    piece_start: int
    pieces: list[tuple[int, int]] = attrs.Factory(list)


@attrs.define
class _Mark:
    pos: int
    char: str
    family: str
    left: bool  # left-flanking: could open
    right: bool  # right-flanking: could close
    apostrophe: bool = False


def normalise_marks(text: str) -> str:
    """The text with every quotation mark and apostrophe made straight (``"`` or ``'``), same length.

    Offsets into the result are offsets into ``text``, so wordings can be compared across styles.

    >>> normalise_marks("“China’s ‘basic’ position,” he said. «Non»")
    '"China\\'s \\'basic\\' position," he said. "Non"'
    """
    return text.translate(_NORMALISE)


def find_quotations(
    text: str, *, ignore: Sequence[Span] = ()
) -> tuple[tuple[Quotation, ...], tuple[Diagnostic, ...]]:
    """Every quotation in ``text`` in text order, and diagnostics for marks that do not pair up.

    Marks inside ``ignore`` spans take no part in pairing, so no quotation opens or closes inside one;
    a multi-paragraph quote may run past an ignored paragraph (a caption), which no piece includes.

    >>> text = "“China deplores the outbreak,” he said. “China’s position is open.\\n\\n“We have always advocated respect.”"
    >>> quotations, diagnostics = find_quotations(text)
    >>> [(q.inner.text[:15], len(q.pieces), q.closed) for q in quotations]
    [('China deplores ', 1, True), ('China’s positio', 2, True)]
    >>> [p.text for p in quotations[1].pieces]
    ['China’s position is open.', 'We have always advocated respect.']
    >>> find_quotations("He said “we will never give up.")[1][0].code
    'unbalanced-quote'
    """
    return _Pairing(text, tuple(ignore)).run()


class _Pairing:
    """One pass over the paragraphs of a text, pairing marks with a stack per paragraph."""

    def __init__(self, text: str, ignore: tuple[Span, ...]) -> None:
        self.text = text
        self.ignore = _merge(sorted((s.start, s.end) for s in ignore if s.end > s.start))
        self._ignore_starts = [a for a, _ in self.ignore]
        self._ignore_ends = [b for _, b in self.ignore]
        self.quotations: list[Quotation] = []
        self.diagnostics: list[Diagnostic] = []

    # --- the paragraphs -------------------------------------------------------------------

    def _lines(self) -> list[tuple[int, int]]:
        out = []
        pos = 0
        for m in _LINE_BREAK_RE.finditer(self.text):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, len(self.text)))
        return out

    def _ignored(self, pos: int) -> bool:
        i = bisect.bisect_right(self._ignore_starts, pos) - 1
        return i >= 0 and pos < self._ignore_ends[i]

    def run(self) -> tuple[tuple[Quotation, ...], tuple[Diagnostic, ...]]:
        text = self.text
        lines = self._lines()
        stack: list[_Open] = []
        skip_pos = -1  # a reopening mark consumed by a carried quotation
        wrapped = 0  # consecutive lines joined as hard wrapping
        for li, (start, end) in enumerate(lines):
            if stack and end <= skip_pos:
                continue  # blank paragraphs between a quotation and its reopening
            marks = self._marks(start, end)
            marks = [m for m in marks if m.pos != skip_pos]
            self._pair(marks, stack)
            if not stack:
                wrapped = 0
                continue
            content_end = _rstrip(text, start, end)
            nxt = li + 1
            if wrapped < _MAX_WRAPPED and nxt < len(lines) and self._soft_wrap(content_end, start, lines[nxt]):
                wrapped += 1  # a hard-wrapped paragraph: the quotation goes on in the next line
                continue
            wrapped = 0
            bottom = stack[0]
            for extra in stack[1:]:
                self._unclosed(extra, content_end)
            del stack[1:]
            reopen = self._reopening(li, lines, bottom)
            if reopen is not None and bottom.depth == 0:
                bottom.pieces.append((bottom.piece_start, max(bottom.piece_start, content_end)))
                bottom.piece_start = reopen + 1
                skip_pos = reopen
            else:
                self._unclosed(bottom, content_end)
                stack.clear()
        for extra in stack:  # pragma: no cover - the last line always flushes
            self._unclosed(extra, len(text))
        quotations = [q for q in self.quotations if not self._ignored(q.span.start)]
        quotations.sort(key=lambda q: (q.span.start, q.depth))
        diagnostics = sorted(
            {(d.span.start if d.span else -1, d.code, d.message): d for d in self.diagnostics}.values(),
            key=lambda d: (d.span.start if d.span else -1, d.code),
        )
        return tuple(quotations), tuple(diagnostics)

    def _soft_wrap(self, content_end: int, start: int, next_line: tuple[int, int]) -> bool:
        """Whether a line break looks like hard wrapping inside a sentence (not a paragraph end)."""
        text = self.text
        if content_end <= start:
            return False
        a, b = next_line
        first = _lstrip(text, a, b)
        if first >= b or first > a + 3:
            return False
        return text[content_end - 1] not in _SENTENCE_END and text[first].islower()

    def _reopening(self, li: int, lines: list[tuple[int, int]], bottom: _Open) -> int | None:
        """The position of the mark reopening ``bottom`` at the start of the next non-blank paragraph."""
        text = self.text
        for start, end in lines[li + 1:]:
            first = _lstrip(text, start, end)
            if first >= end or self._ignored(first):
                continue  # blank lines and debris (a caption between two paragraphs of a quote)
            c = text[first]
            if _FAMILY.get(c) == bottom.family and c not in _CLOSERS - {"”", "’"}:
                nxt = text[first + 1] if first + 1 < end else ""
                if nxt and not nxt.isspace():
                    return first
            return None
        return None

    # --- marks -----------------------------------------------------------------------------

    def _marks(self, start: int, end: int) -> list[_Mark]:
        text = self.text
        out = []
        for m in _MARK_RE.finditer(text, start, end):
            pos = m.start()
            if self.ignore and self._ignored(pos):
                continue
            c = text[pos]
            prev = text[pos - 1] if pos > start else ""
            nxt = text[pos + 1] if pos + 1 < end else ""
            left = (prev == "" or prev.isspace() or prev in _OPEN_PUNCT) and nxt != "" and not nxt.isspace()
            right = (prev != "" and not prev.isspace()) and (nxt == "" or nxt.isspace() or nxt in _CLOSE_PUNCT)
            out.append(_Mark(pos, c, _FAMILY[c], left, right))
        self._mark_apostrophes(out, start, end)
        return out

    def _mark_apostrophes(self, marks: list[_Mark], start: int, end: int) -> None:
        """Flag the single marks that are certainly apostrophes (Russia’s, don't, D.C.’s, ’80s, rock 'n' roll)."""
        text = self.text
        for i, m in enumerate(marks):
            if m.char not in _APOSTROPHE_LIKE or m.apostrophe:
                continue
            prev = text[m.pos - 1] if m.pos > start else ""
            nxt = text[m.pos + 1] if m.pos + 1 < end else ""
            if prev.isalnum() and nxt.isalnum():
                m.apostrophe = True
            elif (prev == "." and nxt != "" and nxt in "sS" and m.pos >= start + 2 and text[m.pos - 2].isalpha()
                  and (m.pos + 2 >= end or not text[m.pos + 2].isalnum())):
                m.apostrophe = True  # "D.C.’s", "U.S.’s": the possessive of an abbreviation
            elif (
                nxt in "nN" and i + 1 < len(marks) and marks[i + 1].pos == m.pos + 2
                and marks[i + 1].char in _APOSTROPHE_LIKE and not prev.isalnum()
                and (m.pos + 3 >= end or not text[m.pos + 3].isalnum())
            ):
                m.apostrophe = marks[i + 1].apostrophe = True

    # --- pairing ---------------------------------------------------------------------------

    def _pair(self, marks: list[_Mark], stack: list[_Open]) -> None:
        text = self.text
        counts = {"double": 0, "single": 0}
        for o in stack:
            counts[o.family] += 1
        for i, m in enumerate(marks):
            if m.apostrophe:
                continue
            open_count = counts[m.family]
            role = self._role(m, open_count)
            if role == "open" and m.char in _APOSTROPHE_LIKE and self._soft_elision(m):
                role = "open" if self._strong_closers_after(marks, i, m.family) >= open_count + 1 else "skip"
            if role == "close" and self._weak_closer(m) and (
                    not open_count or self._strong_closers_after(marks, i, m.family) >= open_count):
                role = "skip"  # a plural possessive (both sides’ future) inside the quotation
            if role == "open":
                stack.append(_Open(m.pos, m.char, m.family, len(stack), m.pos + 1))
                counts[m.family] += 1
            elif role == "close":
                if open_count:
                    for o in self._close(m, stack):
                        counts[o.family] -= 1
                elif self._silent_stray(m):
                    continue
                else:
                    self.diagnostics.append(Diagnostic(
                        "unbalanced-quote",
                        f"A closing quotation mark ({m.char}) has no opening mark before it in its paragraph.",
                        Span.of(text, m.pos, m.pos + 1), "warning",
                    ))

    def _role(self, m: _Mark, open_count: int) -> str:
        c = m.char
        if c in _BOTH:
            if m.left and not m.right:
                return "open"
            if m.right and not m.left:
                return "close"
            if open_count:
                return "close"
            if m.family == "single" and not m.left:
                return "skip"  # a lone ' between spaces or letters: nothing to pair
            return "open"
        if c in _OPENERS:
            if m.right and not m.left and open_count:
                return "close"  # „...“ / ‚...‘, or a wrong-way closing mark
            if m.right and not m.left:
                return "close"  # reported as stray (or taken as an apostrophe)
            return "open"
        # a closing-style mark
        if m.left and not m.right:
            return "open"  # ”...” (Swedish), »...« (German), or ’ typed for ‘
        return "close"

    def _soft_elision(self, m: _Mark) -> bool:
        """Whether an opening single mark begins a word that is usually elided ('80s, 'em, 'til, 'cause)."""
        return bool(_ELISION.match(self.text, m.pos + 1))

    def _weak_closer(self, m: _Mark) -> bool:
        """A single mark after a letter and before a lowercase word: a closing mark or a plural possessive."""
        text = self.text
        if m.char not in _APOSTROPHE_LIKE or m.pos == 0 or not text[m.pos - 1].isalpha():
            return False
        j = m.pos + 1
        if j >= len(text) or text[j] not in " \t\u00a0":
            return False
        while j < len(text) and text[j] in " \t\u00a0":
            j += 1
        return j < len(text) and text[j].islower()

    def _strong_closers_after(self, marks: list[_Mark], i: int, family: str) -> int:
        """How many later marks of ``family`` in the paragraph can close, before one opens a new quotation."""
        count = 0
        for m in marks[i + 1:i + 1 + _LOOKAHEAD_MARKS]:
            if m.family != family or m.apostrophe:
                continue
            if m.left and not m.right:
                break
            if m.right and not self._weak_closer(m):
                count += 1
        return count

    def _silent_stray(self, m: _Mark) -> bool:
        """A closing mark with nothing to close that is no error: an apostrophe (goin', the Smiths’) or a unit (6' 2")."""
        prev = self.text[m.pos - 1] if m.pos > 0 else ""
        if m.char in _APOSTROPHE_LIKE and prev.isalpha():
            return True
        return m.char in _BOTH and prev.isdigit()

    def _close(self, m: _Mark, stack: list[_Open]) -> list[_Open]:
        """Close the innermost open quotation of the mark's family; return every entry taken off the stack."""
        text = self.text
        k = len(stack) - 1
        while stack[k].family != m.family:  # amortised: whatever is passed over is taken off
            k -= 1
        for extra in stack[k + 1:]:
            self._unclosed(extra, _rstrip(text, extra.pos, m.pos))
        o = stack[k]
        removed = stack[k:]
        del stack[k:]
        pieces = [*o.pieces, (o.piece_start, m.pos)]
        span = Span.of(text, o.pos, m.pos + 1)
        self.quotations.append(Quotation(
            span=span, inner=Span.of(text, o.pos + 1, m.pos),
            pieces=tuple(Span.of(text, a, b) for a, b in pieces),
            open_mark=o.char, close_mark=m.char, depth=o.depth, closed=True,
        ))
        if (o.char, m.char) not in _PROPER_PAIRS:
            self.diagnostics.append(Diagnostic(
                "mixed-quote-marks",
                f"A quotation opened with {o.char} is closed with {m.char}; the marks differ in style.",
                span, "info",
            ))
        return removed

    def _unclosed(self, o: _Open, content_end: int) -> None:
        text = self.text
        end = max(o.piece_start, content_end)
        pieces = [*o.pieces, (o.piece_start, end)]
        if any(text[a:b].strip() for a, b in pieces):
            self.quotations.append(Quotation(
                span=Span.of(text, o.pos, end), inner=Span.of(text, o.pos + 1, end),
                pieces=tuple(Span.of(text, a, b) for a, b in pieces),
                open_mark=o.char, close_mark="", depth=o.depth, closed=False,
            ))
        self.diagnostics.append(Diagnostic(
            "unbalanced-quote",
            f"An opening quotation mark ({o.char}) is never closed in its paragraph.",
            Span.of(text, o.pos, o.pos + 1), "warning",
        ))


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
