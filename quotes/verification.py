"""Findings an editor should look at: wrong titles, conflated names, ambiguous or misattributed
speakers, altered or unsourced quotations, broken quotation marks.

Three entry points: :func:`verify_article` (one article against the lexicon), :func:`verify_across`
(statement groups across articles) and :func:`check_against_sources` (a draft against its sources).
The lexicon is used only through four calls (``offices_of``, ``holders``, ``person``,
``candidates``), so tests can pass a small fake.

>>> import datetime as dt
>>> from quotes.records import Diagnostic, Extraction, Span
>>> text = "He said “we will never give up."
>>> ex = Extraction(text, (), (), (Diagnostic("unbalanced-quote", "An opening quotation mark is never closed.",
...                 Span.of(text, 8, 9), "warning"),), dt.date(2022, 3, 1), "argument", "a")
>>> [(f.code, f.severity, f.span.start) for f in verify_article(ex, lexicon=None)]
[('broken-quote-marks', 'warning', 8)]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any, Literal, Protocol

import attrs

from .grouping import (
    DEFAULT_CUTOFF,
    Occurrence,
    StatementGroup,
    group_statements,
    occurrences_of,
)
from .marks import find_quotations
from .records import (
    LEXICON_ONLY_CONFIDENCE,
    Extraction,
    Mention,
    Quote,
    Severity,
    Span,
    Speaker,
)
from .wording import (
    STOPWORDS,
    WordDiff,
    align_words,
    normalise,
    sentence_spans,
    sentences,
    similarity,
    stems,
    word_diff,
)

__all__ = [
    "CODES", "Evidence", "Finding", "LexiconLike", "check_against_sources", "severity_counts", "verify_across",
    "verify_article",
]

MIN_CLOSE_WORDS = 5
"""Fewest words two wordings need before they can be one statement given to two people."""

FindingCode = Literal[
    "wrong-title", "conflated-name", "ambiguous-speaker", "misattribution", "altered-wording", "unsourced",
    "broken-quote-marks", "variant-group",
]

CODES: dict[str, str] = {
    "wrong-title": "a person is given an office they did not hold at the article's date",
    "conflated-name": "a title and a name that belong to different people, or a name two people share",
    "ambiguous-speaker": "a quote whose speaker could be several people",
    "misattribution": "one statement attributed to different people",
    "altered-wording": "words inside quotation marks that differ from the sources' wording",
    "unsourced": "a direct quotation found in no source",
    "broken-quote-marks": "quotation marks that do not pair up",
    "variant-group": "one statement quoted in several articles",
}
"""Every finding code with what it means (the codes are stable)."""

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class LexiconLike(Protocol):
    """The part of the lexicon verification uses (``quotes.lexicon.Lexicon`` satisfies it)."""

    def offices_of(self, person_id: str, *, as_of: dt.date) -> tuple[Any, ...]: ...

    def holders(self, office: str, *, as_of: dt.date) -> tuple[Any, ...]: ...

    def person(self, id: str) -> Any: ...

    def candidates(self, mention: str, *, as_of: dt.date | None = None) -> tuple[Any, ...]: ...


@attrs.frozen
class Evidence:
    """What a finding rests on: a lexicon row, or a source's wording with its offsets."""

    kind: str
    """``lexicon`` (an office row), ``candidate`` (a possible speaker), ``source`` (another article's
    occurrence), ``diff`` (the word-level difference), ``diagnostic`` (what the reader noticed)."""
    text: str
    """The evidence as an editor reads it."""
    article: str | None = None
    """The article it comes from, for ``source`` evidence."""
    span: Span | None = None
    """Where in that article."""
    source: str | None = None
    """Where a lexicon row comes from (file and line, or a reference)."""


@attrs.frozen
class Finding:
    """One thing an editor should look at, in one article."""

    code: FindingCode
    """Stable identifier (see :data:`CODES`)."""
    severity: Severity
    """``error`` (almost surely wrong), ``warning`` (check it), ``info``."""
    article: str
    """Name of the article it concerns."""
    span: Span
    """Where in that article's text."""
    message: str
    """One sentence an editor understands."""
    evidence: tuple[Evidence, ...] = ()
    """What the finding rests on."""

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.article, self.span.start, self.span.end, SEVERITY_ORDER[self.severity], self.code)


def _article_name(ex: Extraction, default: str = "article") -> str:
    return ex.name if ex.name is not None else default


def _short_office(office: str) -> str:
    """``President of Ukraine`` -> ``President``."""
    head, sep, _ = office.partition(" of ")
    return head if sep and head else office


def _tenure_text(name: str, t: Any) -> str:
    start = getattr(t, "start", None)
    end = getattr(t, "end", None)
    span = f"{start or '?'} to {end or 'present'}"
    return f"{name}: {t.office}, {span}"


def _person_name(lexicon: Any, pid: str, fallback: str | None = None) -> str:
    try:
        return str(lexicon.person(pid).name)
    except KeyError:  # an id the lexicon lacks: show what we have
        return fallback or pid


def _family(lexicon: Any, pid: str) -> str:
    try:
        return str(lexicon.person(pid).family or "").casefold()
    except Exception:  # noqa: BLE001 (any LexiconLike: an unknown id, or a person without a family name)
        return ""


_NOT_CURRENT = re.compile(
    r"\b(former|ex|then|late|previous|past|one-time|onetime|erstwhile|outgoing|incoming|future|elect|designate|"
    r"deputy|vice|acting|interim)\b", re.IGNORECASE)


def _not_current(ex: Extraction, m: Mention) -> bool:
    """Whether the title is qualified (``former President``, ``President-elect``): not a claim of office now."""
    before = ex.text[max(0, m.span.start - 24):m.span.start]
    words = before.split()
    qualifier = words[-1] if words else ""
    title = m.title.text if m.title else ""
    after = ex.text[m.span.end:m.span.end + 12]
    return bool(_NOT_CURRENT.search(title) or _NOT_CURRENT.fullmatch(qualifier.strip("-–")) or
                re.match(r"[-–]?(elect|designate)\b", after, re.IGNORECASE) or re.search(r"\bex-$", before))


def _fits(held: str, title: str) -> bool:
    """Whether an office held fits the title written: the same office, or a title without a country
    (``Foreign Minister``) naming the kind of office held (``Foreign Minister of China``)."""
    return held == title or (" of " not in title and held.startswith(title + " of "))


def _title_findings(ex: Extraction, m: Mention, lexicon: Any, name: str) -> list[Finding]:
    sp = m.speaker
    if not m.title_office or sp.kind != "person" or not sp.person_id or _not_current(ex, m):
        return []
    date = ex.date
    office = m.title_office
    held = lexicon.offices_of(sp.person_id, as_of=date)
    if any(_fits(t.office, office) for t in held):
        return []
    holders = [t for t in lexicon.holders(office, as_of=date) if t.person_id != sp.person_id]
    person = _person_name(lexicon, sp.person_id, sp.name)
    holder_names = list(dict.fromkeys(_person_name(lexicon, t.person_id) for t in holders))
    evidence = tuple(Evidence("lexicon", _tenure_text(person, t), source=getattr(t, "source", None)) for t in held)
    evidence += tuple(Evidence("lexicon", _tenure_text(_person_name(lexicon, t.person_id), t),
                               source=getattr(t, "source", None)) for t in holders)
    family = _family(lexicon, sp.person_id)
    same_family = [t for t in holders if family and _family(lexicon, t.person_id) == family]
    if same_family:
        other = _person_name(lexicon, same_family[0].person_id)
        msg = (f"“{m.span.text}”: the {office} on {date.isoformat()} was {other}, not {person}; "
               f"the two share the family name and may have been conflated")
        return [Finding("conflated-name", "error", name, m.span, msg, evidence)]
    if not held and not holders:
        return []  # the lexicon knows nothing useful for that date
    if held:
        was = " and ".join(dict.fromkeys(t.office for t in held))
        msg = f"{person} was {was} on {date.isoformat()}, not {office}"
    else:
        msg = f"{person} was not {office} on {date.isoformat()}"
    if holder_names:
        msg += f" (the {_short_office(office)} was {' and '.join(holder_names)})"
    return [Finding("wrong-title", "error", name, m.span, msg, evidence)]


def _shared_name_finding(ex: Extraction, m: Mention, lexicon: Any, name: str) -> Finding | None:
    if m.name is None or len(m.name.text.split()) < 2:
        return None
    cands = [c for c in lexicon.candidates(m.name.text, as_of=ex.date) if c.score >= 0.95]
    people = list({c.person.id: c.person for c in cands}.values())
    if len(people) < 2:
        return None
    if m.title_office:
        fitting = [p for p in people if any(_fits(t.office, m.title_office) for t in lexicon.offices_of(p.id, as_of=ex.date))]
        if len(fitting) == 1:
            return None

    def describe(p: Any) -> str:
        offices = lexicon.offices_of(p.id, as_of=ex.date)
        return f"{p.name} ({offices[0].office})" if offices else str(p.name)

    names = ", ".join(describe(p) for p in people[:-1]) + " and " + describe(people[-1])
    msg = f"“{m.name.text}” matches {len(people)} people in the lexicon: {names}; say which one is meant"
    evidence = tuple(Evidence("candidate", describe(p), source=getattr(p, "id", None)) for p in people)
    return Finding("conflated-name", "warning", name, m.name, msg, evidence)


def _named_in_full(ex: Extraction, sp: Speaker) -> bool:
    """Whether the article gives the person's full name, or a title with the name, anywhere."""
    if sp.name and re.search(rf"(?<!\w){re.escape(sp.name)}(?!\w)", ex.text):
        return True
    return any(m.speaker.person_id == sp.person_id
               and (m.title is not None or (m.name is not None and len(m.name.text.split()) > 1)) for m in ex.mentions)


def _surname_only_findings(ex: Extraction, lexicon: Any, name: str) -> list[Finding]:
    """A note on the first quote of each person the article names only by family name (``Mr. Wang``) when the
    lexicon has several people of that name it cannot choose between (the engine took one of them)."""
    out = []
    seen: set[str] = set()
    for q in ex.quotes:
        sp = q.speaker
        if (q.resolution != "surname" or sp.kind != "person" or not sp.person_id or q.source is None
                or sp.person_id in seen):
            continue
        seen.add(sp.person_id)
        if _named_in_full(ex, sp):
            continue
        cands = lexicon.candidates(q.source.text, as_of=ex.date)
        top = max((c.score for c in cands), default=0.0)
        people = list(dict.fromkeys(str(c.person.name) for c in cands if c.score >= top - 1e-9))
        if len(people) < 2:
            continue
        who = ", ".join(people[:-1]) + " and " + people[-1]
        msg = (f"“{q.source.text}” is never named in full in this article; the lexicon knows {who} "
               f"(taken here as {sp.label}). Name the speaker in full")
        out.append(Finding("ambiguous-speaker", "info", name, q.source, msg,
                           tuple(Evidence("candidate", p) for p in people)))
    return out


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def _gender(lexicon: Any, sp: Speaker) -> str:
    try:
        return str(lexicon.person(sp.person_id).gender or "") if sp.person_id else ""
    except KeyError:  # an id the lexicon lacks
        return ""


def _named_before_in_sentence(ex: Extraction, sp: Speaker, at: int, lexicon: Any) -> bool:
    """Whether the person is named (in full, by family name, or in a mention) in the sentence before ``at``."""
    paragraph = ex.text.rfind("\n", 0, at) + 1
    start = paragraph + sentences(ex.text[paragraph:at])[-1][0]
    before = ex.text[start:at]
    names = {sp.name or ""}
    if sp.person_id:
        with contextlib.suppress(Exception):  # any LexiconLike: an unknown id, or a person without a family name
            names.add(str(lexicon.person(sp.person_id).family or ""))
    if any(n and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", before) for n in names):
        return True
    return any(m.speaker.person_id == sp.person_id and start <= m.span.start < at for m in ex.mentions if sp.person_id)


def _pronoun_switch_findings(ex: Extraction, lexicon: Any, name: str) -> list[Finding]:
    """A note on a quote given by a pronoun (``he said``) to someone other than the speaker of the quote before
    it (at most two paragraphs between them), who could be the same pronoun, when its sentence does not name the
    person: seed 002's ``‘No matter how sinister the international situation is ...,’ he said`` after a
    paragraph about Putin, between quotes of Wang Yi. Readers may take it either way. The quote before is
    the last one in quotation marks (direct or partial): a reader holds on to who was quoted, and a reported
    line in between (``Putin has been relying on ...``) does not settle who ``he`` is."""
    out = []
    prev: Quote | None = None
    for q in ex.quotes:
        sp = q.speaker
        if (q.resolution == "pronoun" and sp.kind == "person" and q.source is not None and prev is not None
                and (prev.speaker.person_id or prev.speaker.name) != (sp.person_id or sp.name)
                and len(_PARAGRAPH_BREAK.findall(ex.text, prev.end, q.source.start)) <= 3):
            gender = _PRONOUN_GENDER.get(q.source.text.casefold(), "")
            before = _gender(lexicon, prev.speaker)
            if not (gender and before and gender != before) and not _named_before_in_sentence(
                    ex, sp, q.source.start, lexicon):
                msg = (f"“{q.source.text}” is read as {sp.label} here, but the quote before is "
                       f"{prev.speaker.label}'s; name the speaker rather than rely on the pronoun")
                out.append(Finding("ambiguous-speaker", "info", name, q.source, msg,
                                   (Evidence("candidate", sp.label), Evidence("candidate", prev.speaker.label))))
        if sp.kind == "person" and q.kind != "indirect":  # the quote before: words in quotation marks
            prev = q
    return out


def _self_variant_findings(ex: Extraction, name: str) -> list[Finding]:
    """A note where the article puts one statement in quotation marks twice in different words (two
    translations, a shortened headline): both cannot be verbatim. Two quoted sentences of different quotes
    are one statement when they are close (:func:`_close`), neither contains the other, and the words that
    differ lie between words they share (``looks forward to China playing a role in realizing a ceasefire``
    / ``looks forward to China's mediation to achieve a ceasefire``). The note goes on the one elided with
    an ellipsis or ``[...]`` when only one is, else on the earlier one (headlines and ledes shorten what the
    body quotes in full)."""
    parts = [(o, q, p, _content(stems(p.text))) for o in occurrences_of([ex]) if o.quoted
             for q in o.quoted for p in _parts(q)]
    out = []
    flagged: set[tuple[int, int]] = set()
    for i, (o1, q1, p1, c1) in enumerate(parts):
        for o2, q2, p2, c2 in parts[i + 1:]:
            if o1.quote_index == o2.quote_index or len(set(c1) & set(c2)) < 2:
                continue
            a1, a2 = _attributed(o1), _attributed(o2)
            n1, n2 = _padded(normalise(p1.text)), _padded(normalise(p2.text))
            if (a1 and a2 and a1 != a2) or n1 in n2 or n2 in n1 or not _close(p1.text, p2.text):
                continue
            elided = [bool(_OMISSION.search(q.text)) for q in (q1, q2)]
            (_mine, piece), (other, _) = ((o2, p2), (o1, p1)) if elided == [False, True] else ((o1, p1), (o2, p2))
            alt = _compare(piece.text, [other])
            # words changed inside a sentence that otherwise runs the same; sentences sharing only an opening or
            # an ending ('Let me tell you why' / 'Let me tell you the facts') are different statements
            if (alt is None or alt.similarity < 0.5 or all(d.op == "equal" for d in alt.diff)
                    or alt.diff[0].op != "equal" or alt.diff[-1].op != "equal" or (piece.start, piece.end) in flagged):
                continue
            flagged.add((piece.start, piece.end))
            msg = (f"Quoted in other words elsewhere in this article: "
                   f"{_describe_changes(alt.diff, other='the other quotation')}; both cannot be verbatim")
            out.append(Finding("altered-wording", "info", name, piece, msg,
                               (Evidence("diff", _diff_text(alt.diff)), _source_evidence(other))))
    return out


def verify_article(extraction: Extraction, *, lexicon: LexiconLike | None) -> tuple[Finding, ...]:
    """Findings within one article: wrong titles, conflated names, ambiguous speakers, broken quote marks.

    A speaker the article names only by a family name that several people in the lexicon share (``Mr.
    Wang``, never ``Wang Yi``) is an ``ambiguous-speaker`` note even when the engine took one of them, and
    so is a pronoun (``he said``) read as someone other than the speaker of the quote just before. One
    statement put in quotation marks twice in other words within the article is an ``altered-wording`` note.
    With ``lexicon=None`` only the checks that need no lexicon run (ambiguous speakers, quote marks).

    >>> import datetime as dt
    >>> from quotes.records import Extraction, Quote, Span, Speaker
    >>> text = "Wang said it was complex."
    >>> q = Quote((Span.of(text, 10, 24),), "indirect", Span.of(text, 5, 9), "say", Span.of(text, 0, 4),
    ...           Speaker("ambiguous", "Wang", candidates=("Wang Yi", "Wang Wenbin")), "surname", 0.3)
    >>> ex = Extraction(text, (q,), (), (), dt.date(2022, 3, 1), "argument", "a")
    >>> [f.message for f in verify_article(ex, lexicon=None)]
    ['It is unclear who said this: “Wang” could be Wang Yi or Wang Wenbin; name the speaker in full']
    """
    name = _article_name(extraction)
    out: list[Finding] = []
    if lexicon is not None:
        seen_names: set[str] = set()
        for m in extraction.mentions:
            out.extend(_title_findings(extraction, m, lexicon, name))
            if m.name is not None and m.name.text not in seen_names:
                seen_names.add(m.name.text)
                f = _shared_name_finding(extraction, m, lexicon, name)
                if f is not None:
                    out.append(f)
    for q in extraction.quotes:
        if q.speaker.kind == "ambiguous":
            where = q.source or q.content[0]
            cands = q.speaker.candidates
            who = " or ".join(cands) if cands else "several people"
            written = (q.source.text if q.source else q.speaker.name) or "the speaker"
            msg = f"It is unclear who said this: “{written}” could be {who}; name the speaker in full"
            # the article names both (seed 002's two Wangs): a warning; a surname the article never gives
            # in full, with several namesakes in the lexicon, is only a note
            sev: Severity = "warning" if q.confidence > LEXICON_ONLY_CONFIDENCE else "info"
            if sev == "info":
                msg = (f"“{written}” is never named in full in this article; the lexicon knows {who}. "
                       f"Name the speaker in full")
            out.append(Finding("ambiguous-speaker", sev, name, where, msg,
                               tuple(Evidence("candidate", c) for c in cands)))
    if lexicon is not None:
        out.extend(_surname_only_findings(extraction, lexicon, name))
        out.extend(_pronoun_switch_findings(extraction, lexicon, name))
    out.extend(_self_variant_findings(extraction, name))
    for d in extraction.diagnostics:
        if d.code == "unbalanced-quote":
            span = d.span or Span.of(extraction.text, 0, 0)
            out.append(Finding("broken-quote-marks", "warning", name, span, d.message,
                               (Evidence("diagnostic", d.message, name, d.span),)))
    return tuple(sorted(out, key=lambda f: f.sort_key))


# --- across articles -------------------------------------------------------------------------


MIN_CONFIDENCE = 0.5
"""Speakers found with less confidence than this are not compared across articles (the engine may be wrong)."""


def _person_key(sp: Speaker) -> str | None:
    return sp.person_id if sp.kind == "person" and sp.person_id else None


def _speaker_key(sp: Speaker) -> str | None:
    """A person's lexicon id, else a named person's, organisation's or document's name, or a joint speaker's
    members; None for anyone vaguer (anonymous, ambiguous, unresolved)."""
    if _person_key(sp):
        return _person_key(sp)
    if sp.kind == "person" and sp.name:
        return f"name:{sp.name}"
    if sp.kind == "organisation" and sp.name:
        return f"org:{sp.name}"
    if sp.kind == "document" and sp.name:
        return f"doc:{sp.name}"
    if sp.kind == "joint" and sp.candidates:
        return "joint:" + "|".join(sorted(sp.candidates))
    return None


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


def _nested_quotations(text: str) -> list[Span]:
    """The quotations nested inside others in ``text``, marks included: words a speaker quotes from someone
    else (``“When Donald Trump says ‘Let’s make America great again,’ that is code for ...”``)."""
    return [q.span for q in find_quotations(text)[0] if q.depth > 0]


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
            others = [x for x in everyone_else if x.article != o.article and _close(own[id(o)], own[id(x)])]
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


def _clip(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


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
    fewer than ``MIN_PARAPHRASE_KEPT`` content words (a two-word quotation keeps one), the words
    around the two must also share at least two content words (``China says it “truly regrets”`` /
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
                  and not (me and _attributed(x) and _attributed(x) != me)]
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
    >>> s = "China respects the sovereignty and territorial integrity of all nations"
    >>> exs = [art("a", s, "Xi Jinping"), art("b", s, "Xi Jinping"), art("c", s, "Wang Yi")]
    >>> [(f.code, f.article) for f in verify_across(exs, group_statements(exs))]
    [('variant-group', 'a'), ('misattribution', 'c')]
    """
    norms = _article_norms(extractions)
    nested = {(_article_name(ex, f"#{i}")): _nested_quotations(ex.text) for i, ex in enumerate(extractions)}
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
        me = _attributed(o)
        for part in (p for q in o.quoted for p in _parts(q)):
            pn = normalise(part.text)
            if (len(pn.split()) < 2 or _verbatim_somewhere(pn, other_texts)
                    or any(part.start < s.end and s.start < part.end for s in altered[o.article])):
                continue
            candidates = [(x, sp) for x, sp in _compatible(me, wordings.near(part.text)) if x.article != o.article]
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


# --- a draft against its sources -------------------------------------------------------------


def _unique_names(draft: Extraction, sources: Sequence[Extraction]) -> tuple[Extraction, list[Extraction]]:
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
    draft, sources = _unique_names(draft, sources)
    dname = draft.name or "draft"
    out = list(verify_article(draft, lexicon=lexicon))
    groups = group_statements([draft, *sources])
    norms = _article_norms([draft, *sources])
    source_norms = [t for a, t in norms.items() if a != dname]
    quoted_in_sources = {_speaker_key(o.speaker) for src in sources for o in src.quotes} - {None}
    texts = {(_article_name(ex, f"#{i}")): ex.text for i, ex in enumerate(sources)}
    wordings = _Wordings([o for g in groups for o in g.occurrences if o.article != dname])
    nested = {(_article_name(ex, f"#{i}")): _nested_quotations(ex.text) for i, ex in enumerate([draft, *sources])}

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
            theirs = [o for o in g.occurrences if o.article != dname and _attributed(o) and _close(text, own(o))]
            if mine and theirs and mine not in {_attributed(o) for o in theirs}:
                names = list(dict.fromkeys(o.speaker.label for o in theirs))
                arts = sorted({o.article for o in theirs})
                msg = (f"This statement is attributed to {q.speaker.label} here, but to {' and '.join(names)} "
                       f"in the sources ({', '.join(arts)})")
                sev: Severity = "error" if q.quoted else "warning"  # a paraphrase matches less surely
                out.append(Finding("misattribution", sev, dname, _closest_part(me, [o.text for o in theirs]), msg,
                                   tuple(_source_evidence(o) for o in theirs)))
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
            key = _speaker_key(q.speaker)
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
            sev = "error" if alt.similarity >= 0.5 else "warning"
            msg = f"Inside quotation marks: {changes} (as quoted in {alt.other.article})"
            if alt.similarity < 0.5:
                msg = (f"Inside quotation marks, the wording differs from the sources' wording of this statement: "
                       f"{changes} (as quoted in {alt.other.article})")
            evidence = (Evidence("diff", _diff_text(alt.diff)), _source_evidence(alt.other))
            out.append(Finding("altered-wording", sev, dname, piece, msg, evidence))
    return tuple(sorted(out, key=lambda f: f.sort_key))


def severity_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """How many findings of each severity (``error``, ``warning``, ``info``).

    >>> severity_counts(())
    {'error': 0, 'warning': 0, 'info': 0}
    """
    c = Counter(f.severity for f in findings)
    return {k: c.get(k, 0) for k in ("error", "warning", "info")}
