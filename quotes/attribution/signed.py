"""Quotations signed with a dash and a name (``"..." ― Jane Doe``) and transcript turns (``PENCE: Well, ...``),
found for every method."""

from __future__ import annotations

import re
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
    turns = [t for t in transcript_turns(text, ignore) if not any(t.content[0].overlaps(c) for a in out for c in a.content)]
    return tuple(sorted([*out, *turns], key=lambda a: a.content[0].start))


_TURN = re.compile(r"^[ \t]*[\"“']?(?P<label>[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,2}):[ \t]+(?P<words>\S[^\n]*)$",
                   re.MULTILINE)
NOT_SPEAKERS = frozenset({"NOTE", "UPDATE", "UPDATED", "CLARIFICATION", "CORRECTION", "EDITOR'S NOTE", "EDITOR’S NOTE",
                          "WATCH", "READ", "RELATED", "PHOTO", "PHOTOS", "VIDEO", "SOURCE", "SOURCES", "Q", "A",
                          "LETTERS", "MORE", "ALSO", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "FACT CHECK",
                          "TRANSCRIPT", "WASHINGTON", "NEW YORK", "LONDON", "ADVERTISEMENT", "DISCLOSURE", "PS", "P.S."})
"""Capitalised labels before a colon that head a paragraph without being anyone's name."""
_FUNCTION_WORDS = frozenset({"IS", "THE", "OF", "IN", "AND", "A", "TO", "FOR", "ON", "IT", "THIS", "AT", "BY", "ARE"})


def transcript_turns(text: str, ignore: Sequence[Span] = ()) -> tuple[Attribution, ...]:
    r"""Turns of an interview transcript: a paragraph that opens with a name in capitals and a colon
    (``WALLACE: Let's start with ...``, ``"PENCE: Well, look, ...``) is that speaker's words, verbatim. Labels
    that head paragraphs without naming anyone (``CLARIFICATION:``, ``UPDATE:``) are left alone, and so is a
    one-word label used once that the article never writes as a name in running text (``BOOM:``); a full
    name (``JAKE TAPPER:``), a label that heads several turns, or its family name alone are speakers.

    >>> text = "WALLACE: Let's start.\nNOTE: none.\nBOOM: there.\nWallace asked first."
    >>> [(a.source.text, a.content[0].text) for a in transcript_turns(text)]
    [('WALLACE', "Let's start.")]
    """
    found = [m for m in _TURN.finditer(text) if m.group("label") not in NOT_SPEAKERS
             and sum(ch.isalpha() for ch in m.group("label")) >= 2 and m.group("label")[-1:].isalpha()
             and not set(m.group("label").split()) & _FUNCTION_WORDS]
    counts: dict[str, int] = {}
    for m in found:
        counts[m.group("label")] = counts.get(m.group("label"), 0) + 1
    full = {m.group("label").split()[-1] for m in found if len(m.group("label").split()) >= 2}
    out = []
    for m in found:
        label = m.group("label")
        last = label.split()[-1]
        written = last[:1] + last[1:].lower()
        named = (len(label.split()) >= 2 or counts[label] >= 2 or last in full
                 or re.search(r"(?<![\w'’])" + re.escape(written) + r"(?![\w])", text))
        if not named:
            continue  # one shout ("BOOM:", "BYLINE:") that the article never writes as a name
        start, end = m.start("words"), m.end("words")
        words = text[start:end].rstrip().rstrip("\"”'")
        end = start + len(words)
        if end <= start or any(Span.of(text, start, end).overlaps(i) for i in ignore):
            continue
        content = Span.of(text, start, end)
        colon = m.end("label")
        out.append(Attribution(content=(content,), kind="direct", cue=Span.of(text, colon, colon + 1), cue_lemma=":",
                               cue_class="speech", source=Span.of(text, m.start("label"), m.end("label")),
                               via="signature", quoted=(content,)))
    return tuple(out)


def with_signed(signed: Sequence[Attribution], found: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """``found`` with the signed quotations in place of whatever else claimed them, in text order."""
    if not signed:
        return tuple(found)
    claimed = [c for sig in signed for c in sig.content]
    kept = [a for a in found if not any(c.overlaps(s) for c in a.content for s in claimed)]
    return tuple(sorted([*kept, *signed], key=lambda m: (m.content[0].start, m.content[0].end)))
