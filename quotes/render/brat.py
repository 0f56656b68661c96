"""brat standoff annotations (.ann) of an extraction, for annotation tools."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..records import Extraction, Span

if TYPE_CHECKING:  # pragma: no cover
    pass


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
