"""Quotations signed with a dash and a name (``"..." ― Jane Doe``), found for every method."""

from __future__ import annotations

from collections.abc import Sequence

from ..lexicon import NAME_PARTICLES
from ..marks import Quotation
from ..records import Span
from .records import Attribution, CueLexicon, _quote_content

SIGNATURE_DASHES = ("――", "―", "—", "–", "--")
"""Dashes that sign a quotation with its speaker's name (the horizontal bar, em and en dashes, ``--``)."""




_NAME_EDGE = ".,;:"


_NAME_FOLLOWERS = tuple(".,;:()[]") + tuple("\"“”«»„'‘")


def _name_after(text: str, i: int, abbreviations: frozenset[str]) -> tuple[int, int] | None:
    """The personal or organisation name that starts at ``i`` and ends the line, the sentence, or comes before
    a comma or the next quotation: ``(start, end)``, or None."""
    n = len(text)
    while i < n and text[i] in " \t\u00a0\u2009\u202f":
        i += 1
    start, end, parts = i, i, 0
    j = i
    while j < n and parts <= 6:
        k = j
        while k < n and not text[k].isspace() and text[k] not in "“”\"«»„(":
            k += 1
        token = text[j:k]
        core = token.rstrip(_NAME_EDGE)
        if not core:
            break
        capital = core[0].isupper() and all(ch.isalpha() or ch in "’'-." for ch in core)
        particle = core.lower() in NAME_PARTICLES and parts > 0
        if not (capital or particle):
            if parts == 0:
                return None
            # the name goes on into words of a sentence ('― Smith later apologized'): no signature
            return None if core[0].islower() or core[0].isdigit() else (start, end)
        parts += 1
        initial = len(core) == 1 or core.lower() in abbreviations
        end = j + len(core) + (1 if initial and token[len(core):len(core) + 1] == "." else 0)
        if token != core and not (initial and token[len(core):] == "."):
            break  # 'Carla Sanchez.' / 'Jane Doe, nurse': the name ends at its punctuation
        j = k
        while j < n and text[j] in " \t\u00a0\u2009\u202f":
            j += 1
        if j >= n or text[j] in "\r\n" or text[j] in _NAME_FOLLOWERS:
            break
    if parts == 0 or parts > 6 or (parts == 1 and text[start:end].lower().rstrip(".") in abbreviations):
        return None
    return start, end  # a period stays only after an initial or an abbreviation ('Lucia R.', 'Jr.')


def find_signed(text: str, quotations: Sequence[Quotation], *, lexicon: CueLexicon,
                ignore: Sequence[Span] = ()) -> tuple[Attribution, ...]:
    """Quotations signed with a dash and a name after their closing mark: ``"...." ― Jane Doe`` (the dash is
    the cue, the name the source). The quotation must be a sentence of its own (it opens its paragraph, or
    follows the end of a sentence or the previous signature, and ends a sentence unless it opens its
    paragraph), and the name must end where it stops (line end, punctuation, the next quotation), so that
    neither a quotation inside the article's own sentence nor a dash going on with one ('"deplorables" —
    Clinton later apologized') signs anything. Abbreviations a name may hold (``Sen.``) are the lexicon's
    ``name-abbreviation`` word list."""
    abbreviations = lexicon.words("name-abbreviation")
    out: list[Attribution] = []
    for q in quotations:
        if q.depth or not q.closed or any(q.span.overlaps(i) for i in ignore):
            continue
        before = text[:q.span.start].rstrip(" \t\u00a0\u2009\u202f")
        opens_paragraph = not before or before[-1] in "\r\n"
        follows_signature = bool(out) and out[-1].source is not None and not before[out[-1].source.end:].strip(".,;")
        if not (opens_paragraph or follows_signature or before[-1] in ".!?…:\"”»'’"):
            continue  # a quotation inside the article's own sentence ('insisted that his party was "..."--Kim Doe.')
        i = q.span.end
        while i < len(text) and text[i] in " \t\u00a0\u2009\u202f":
            i += 1
        dash = next((d for d in SIGNATURE_DASHES if text.startswith(d, i)), None)
        if dash is None:
            continue
        inner = q.inner.text.rstrip().rstrip("\"'“”‘’»")
        if not (inner.endswith((".", "!", "?", "…")) or opens_paragraph):
            continue
        name = _name_after(text, i + len(dash), abbreviations)
        if name is None:
            continue
        out.append(Attribution(
            content=tuple(_quote_content(text, q)), kind="direct", cue=Span.of(text, i, i + len(dash)),
            cue_lemma=dash, cue_class="speech", source=Span.of(text, *name), via="signature", quoted=q.pieces,
        ))
    return tuple(out)


def with_signed(signed: Sequence[Attribution], found: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """``found`` with the signed quotations in place of whatever else claimed them, in text order."""
    if not signed:
        return tuple(found)
    claimed = [c for sig in signed for c in sig.content]
    kept = [a for a in found if not any(c.overlaps(s) for c in a.content for s in claimed)]
    return tuple(sorted([*kept, *signed], key=lambda m: (m.content[0].start, m.content[0].end)))
