"""Findings inside one article: wrong titles, shared or surname-only names, pronoun switches, a speaker's own variants."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from typing import Any

from ..grouping import (
    occurrences_of,
)
from ..lexicon.names import fold
from ..records import (
    LEXICON_ONLY_CONFIDENCE,
    Extraction,
    Mention,
    Quote,
    Severity,
    Span,
    Speaker,
)
from ..speakers.groups import GENERATIONAL
from ..speakers.names import MIN_SPELT_LETTERS, another_word, spelt_alike
from ..wording import (
    normalise,
    sentences,
    stems,
)
from .compare import (
    _OMISSION,
    _attributed,
    _close,
    _compare,
    _content,
    _describe_changes,
    _diff_text,
    _padded,
    _parts,
    _source_evidence,
)
from .findings import Evidence, Finding, LexiconLike, _article_name


def _short_office(office: str) -> str:
    """``President of Ukraine`` -> ``President``."""
    head, sep, _ = office.partition(" of ")
    return head if sep and head else office


def _tenure_text(name: str, t: Any) -> str:
    """``Volodymyr Zelenskyy: President of Ukraine, 2019-05-20 to present (as of 2025-06-30)``: an open end
    is "present" only as far as the source's snapshot goes."""
    start = getattr(t, "start", None)
    end = getattr(t, "end", None)
    as_of = getattr(t, "as_of", None)
    span = f"{start or '?'} to {end or 'present'}"
    if as_of is not None and (end is None or t.last_day > as_of):
        span += f" (as of {as_of.isoformat()})"
    return f"{name}: {t.office}, {span}"


def _evidence(name: str, t: Any) -> Evidence:
    """A tenure as evidence: its text, and its source with the date that source was true as of."""
    return Evidence("lexicon", _tenure_text(name, t), source=getattr(t, "evidence", None) or getattr(t, "source", None))


def _confirmed(t: Any, day: Any) -> bool:
    """Whether a tenure's source confirms it on ``day`` (not only presumes it past its snapshot)."""
    check = getattr(t, "confirmed_on", None)
    return bool(check(day)) if check is not None else True


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
    if m.title_office and re.search(r"\b(vice|deputy)\b", m.title_office, re.IGNORECASE):
        title = re.sub(r"\b(vice|deputy)\b", "", title, flags=re.IGNORECASE)  # the office's own word: "Vice President"
    after = ex.text[m.span.end:m.span.end + 12]
    return bool(_NOT_CURRENT.search(title) or _NOT_CURRENT.fullmatch(qualifier.strip("-–([")) or
                re.match(r"[-–]?(elect|designate)\b", after, re.IGNORECASE) or re.search(r"\bex-$", before))


def _fits(held: str, title: str) -> bool:
    """Whether an office held fits the title written: the same office, or a title without a country
    (``Foreign Minister``, ``Secretary of State``) naming the kind of office held (``Foreign Minister of
    China``, ``Secretary of State of the United States``)."""
    return held == title or held.startswith(title + " of ")


def _fits_tenure(t: Any, title: str, roles: Sequence[str] = ()) -> bool:
    """Whether a tenure fits the title written: by office (:func:`_fits`), or by role for a title that names a
    role under another name (``Treasury Secretary``: the role ``Finance Minister``), or, for a title without a
    country, by any role the title may name (``foreign minister``: also the Secretary of State; ``US
    Senator``: a senator from any state): ``roles``."""
    return _fits(t.office, title) or getattr(t, "role", None) == title or getattr(t, "role", None) in roles


def _title_roles(lexicon: Any, m: Mention) -> tuple[str, ...]:
    """The roles a mention's title may name when it names no office of the lexicon (a bare ``Foreign Minister``,
    ``U.S. Senator``): every role of the title's surface; none for a title naming a known office."""
    office = m.title_office or ""
    if office in getattr(lexicon, "offices", {}) or m.title is None:
        return ()
    roles = getattr(lexicon, "title_roles", None)
    return tuple(roles(m.title.text)) if roles is not None else ()


def _country_of(lexicon: Any, pid: str, held: Sequence[Any]) -> str | None:
    """The person's country: the lexicon's, else the country of an office held at the date."""
    with contextlib.suppress(Exception):  # any LexiconLike: an unknown id, or people without countries
        country = lexicon.person(pid).country
        if country:
            return str(country)
    offices = getattr(lexicon, "offices", {})
    for t in held:
        office = offices.get(t.office)
        if office is not None and office.country:
            return str(office.country)
    return None


def _relevant_holders(lexicon: Any, office: str, date: Any, pid: str, held: Sequence[Any]) -> tuple[list[Any], str]:
    """The holder of the stated office an editor should be shown, and that office's full name: for a title
    that names its country (``President of Ukraine``) its holder; for a bare title (``President``) the holder
    in the person's own country; never a list: none when several people hold such offices at once (senators,
    deputy prime ministers) or the holders hold different offices."""
    holders = [t for t in lexicon.holders(office, as_of=date) if t.person_id != pid]
    table = getattr(lexicon, "offices", None)
    named_country = (" of " in office) if table is None else getattr(table.get(office), "country", None) is not None
    if named_country:  # (a lexicon without an office table: the office's name tells)
        mine, full = holders, office
    else:
        country = _country_of(lexicon, pid, held)
        offices = getattr(lexicon, "offices", {})
        mine = [t for t in holders if country and getattr(offices.get(t.office), "country", None) == country]
        full = mine[0].office if mine else office
    shared = getattr(lexicon, "is_shared", lambda o: False)
    if len({t.office for t in mine}) > 1 or any(shared(t.office) for t in mine):
        return [], full
    if len({t.person_id for t in mine}) > 1:  # two holders at once of a one-person office: the latest start
        latest = max(mine, key=lambda t: t.first_day)
        mine = [t for t in mine if t.person_id == latest.person_id]
    return mine, full


def _title_findings(ex: Extraction, m: Mention, lexicon: Any, name: str) -> list[Finding]:
    sp = m.speaker
    if not m.title_office or sp.kind != "person" or not sp.person_id or _not_current(ex, m):
        return []
    date = ex.date
    office = m.title_office
    held = lexicon.offices_of(sp.person_id, as_of=date)
    person = _person_name(lexicon, sp.person_id, sp.name)
    roles = _title_roles(lexicon, m)
    fitting = [t for t in held if _fits_tenure(t, office, roles)]
    if any(_confirmed(t, date) for t in fitting):
        return []
    if fitting:  # an open tenure past its source's snapshot: nothing contradicts the title, nothing confirms it
        if ex.date_source == "today":  # no date was found: nothing to say of today
            return []
        t = max(fitting, key=lambda t: t.known_until)
        msg = (f"{person} was {t.office} as of {t.known_until.isoformat()} ({_source_name(t)}); the lexicon cannot "
               f"confirm it on {date.isoformat()}")
        return [Finding("unconfirmed-title", "info", name, m.span, msg, (_evidence(person, t),))]
    every_holder = [t for t in lexicon.holders(office, as_of=date) if t.person_id != sp.person_id]
    tenures = getattr(lexicon, "tenures_of", lambda pid: ())(sp.person_id)
    before = [t for t in tenures if _fits_tenure(t, office, roles) and t.last_day < date]
    later = [t for t in tenures if _fits_tenure(t, office, roles) and t.first_day > date]
    # the office the person held before or after is the one the title meant ("Secretary of State Antony
    # Blinken" in 2025: the United States', not a state's)
    meant = before[-1].office if before else later[0].office if later else office
    holders, full_office = _relevant_holders(lexicon, meant, date, sp.person_id, held)
    holder_names = list(dict.fromkeys(_person_name(lexicon, t.person_id) for t in holders))
    evidence = tuple(_evidence(person, t) for t in held)
    evidence += tuple(_evidence(_person_name(lexicon, t.person_id), t) for t in holders)
    family = _family(lexicon, sp.person_id)
    same_family = [t for t in every_holder if family and _family(lexicon, t.person_id) == family]
    if same_family and not before and not later:
        other = _person_name(lexicon, same_family[0].person_id)
        msg = (f"“{m.span.text}”: the {office} on {date.isoformat()} was {other}, not {person}; "
               f"the two share the family name and may have been conflated")
        evidence = tuple(e for e in evidence if e.text.startswith((person, other)))
        return [Finding("conflated-name", "error", name, m.span, msg, evidence)]
    if not held and not holders and not before and not later:
        return []  # the lexicon knows nothing useful for that date (a bare "spokeswoman" held by many, anywhere)
    severity: Severity = "error"
    if held:
        was = " and ".join(dict.fromkeys(t.office for t in held))
        unsure = [t for t in held if not _confirmed(t, date)]
        when = (f"as of {max(t.known_until for t in unsure).isoformat()}" if len(unsure) == len(held)
                else f"on {date.isoformat()}")
        msg = f"{person} was {was} {when}, not {office}"
    else:
        msg = f"{person} was not {office} on {date.isoformat()}"
    if before:  # a former office without "former": wrong as a title now, right of the past
        # the speaker of a statement is titled as of now (a warning); another mention may speak of that time
        # ("a chief of staff to President Bill Clinton"): a note
        speaks = any(q.source is not None and q.speaker.person_id == sp.person_id
                     and q.source.start <= m.span.start and not ex.text[q.source.start:m.span.start].strip()
                     for q in ex.quotes)  # the mention opens the statement's source: the speaker as named now
        severity = "warning" if speaks else "info"
        written = m.title.text.strip(" ,;:") if m.title else office
        msg = (f"{person} held this office until {before[-1].end}, not on {date.isoformat()}: write "
               f"“former {written}” unless the sentence speaks of that time")
    elif later:
        msg = f"{person} took this office only on {later[0].start}, after {date.isoformat()}"
    if holder_names:
        msg += f"; the {full_office} was {holder_names[0]}"
        if same_family:
            msg += " (the two share the family name)"
    evidence += tuple(_evidence(person, t) for t in (*before[-1:], *later[:1]))
    if not held and not before and not later:  # the office the person last held, if any
        last = [t for t in tenures if t.last_day < date]
        evidence += tuple(_evidence(person, t) for t in last[-1:])
    if ex.date_source == "today":  # no date was found: the article may be older than today
        severity = "info"
        msg += " (the article has no date: titles were checked at today's; give its date)"
    return [Finding("wrong-title", severity, name, m.span, msg, evidence)]


def _source_name(t: Any) -> str:
    """The file a tenure comes from (``india-ministers.csv``), or its reference."""
    source = re.sub(r"\s*\(.*$", "", str(getattr(t, "source", "") or ""))
    return re.sub(r":\d+$", "", source)


def _shared_name_finding(ex: Extraction, m: Mention, lexicon: Any, name: str) -> Finding | None:
    if m.name is None or len(m.name.text.split()) < 2:
        return None
    cands = [c for c in lexicon.candidates(m.name.text, as_of=ex.date) if c.score >= 0.95]
    people = list({c.person.id: c.person for c in cands}.values())
    if len(people) < 2:
        return None
    if m.title_office:
        roles = _title_roles(lexicon, m)
        fitting = [p for p in people if any(_fits_tenure(t, m.title_office, roles)
                                            for t in lexicon.offices_of(p.id, as_of=ex.date))]
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
    lexicon has several people of that name it cannot choose between (the engine took one of them, or none)."""
    out = []
    seen: set[str] = set()
    for q in ex.quotes:
        sp = q.speaker
        linked = sp.person_id is not None
        key = sp.person_id or f"name:{sp.name}"
        if (q.resolution != "surname" or sp.kind != "person" or q.source is None or key in seen
                or not (linked or q.confidence <= LEXICON_ONLY_CONFIDENCE)):
            continue
        seen.add(key)
        if linked and _named_in_full(ex, sp):
            continue
        cands = lexicon.candidates(q.source.text, as_of=ex.date)
        top = max((c.score for c in cands), default=0.0)
        people = list(dict.fromkeys(str(c.person.name) for c in cands if c.score >= top - 1e-9))
        if len(people) < 2:
            continue
        who = ", ".join(people[:-1]) + " and " + people[-1]
        taken = f"taken here as {sp.label}" if linked else "linked here to none of them"
        msg = (f"“{q.source.text}” is never named in full in this article; the lexicon knows {who} "
               f"({taken}). Name the speaker in full")
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


def _family_forms(ex: Extraction) -> dict[str, set[str]]:
    """Each family name the article writes for a person (the last word of a full name, or a bare family name
    a quote's source or a mention gives), with the given names it is written with (none for a bare one)."""
    forms: dict[str, set[str]] = {}

    def add(written: str) -> None:
        words = [w for w in re.split(r"\s+", written.strip()) if w]
        while words and words[-1].rstrip(".,") in GENERATIONAL:
            words.pop()  # "Jr.", "III": the name ends before it
        if not words:
            return
        family = re.sub(r"(['’]s?)$", "", words[-1])
        if not (family[:1].isupper() and family.isalpha() and not family.isupper()):
            return
        given = words[0] if len(words) >= 2 and words[0][:1].isupper() and words[0].isalpha() else ""
        forms.setdefault(family, set()).add(given)

    for q in ex.quotes:
        sp = q.speaker
        if sp.kind == "person" and sp.name:
            add(sp.name)
        if sp.kind == "person" and q.source is not None and q.resolution in ("surname", "as-written", "cue-subject"):
            src = q.source.text
            if len(src.split()) == 1:
                add(src)
    for m in ex.mentions:
        if m.speaker.kind == "person" and m.name is not None:
            add(m.name.text)
    return forms


def _bare_names(ex: Extraction) -> set[str]:
    """The one-word names of mentions and quotes' sources the engine linked to no one (``Wines said``): a
    misspelt family name is often one."""
    written = [m.name.text for m in ex.mentions if m.speaker.kind != "person" and m.name is not None]
    written += [q.source.text for q in ex.quotes if q.source is not None and q.speaker.kind in ("anonymous", "unresolved")]
    return {w for w in written if len(w.split()) == 1 and w.isalpha() and w[:1].isupper() and not w.isupper()}


def _spelling_findings(ex: Extraction, lexicon: Any, name: str) -> list[Finding]:
    """A warning where the article writes one person's family name two ways (``Leslie Wimes`` ... ``Wines
    said``; ``Harold Bornstein`` ... ``Bornsten's``: :func:`quotes.speakers.names.spelt_alike`, the test by which
    the engine reads both as one person), names of 5 letters or more: one of them is misspelt. Two full names with
    different given names are two people (``Ann Marsh``, ``Bo Marsch``), and so are two family names the lexicon
    has for two different people; a plural (``the Obamas``) is no second spelling. The finding goes on the first
    place of the spelling never written in a full name (when the other is), else of the rarer one."""
    forms = _family_forms(ex)
    people = {f for f, given in forms.items() if given - {""}}  # written with a given name somewhere
    for bare in _bare_names(ex):
        forms.setdefault(bare, set())
    # compared within a first letter, by length: a long article's thousands of names are not compared each to each
    buckets: dict[str, list[str]] = {}
    for f in sorted(forms, key=lambda f: (len(f), f)):
        if len(f) >= MIN_SPELT_LETTERS:
            buckets.setdefault(fold(f)[:1], []).append(f)
    pairs = []
    for group in buckets.values():
        for k, a in enumerate(group):
            for b in group[k + 1:]:
                if len(b) > len(a) + 2:
                    break
                pairs.append((a, b))
    out: list[Finding] = []
    flagged: set[str] = set()
    for a, b in pairs:
        if fold(a) == fold(b) or not spelt_alike(fold(a), fold(b)) or a + "s" == b or b + "s" == a:
            continue  # the engine's own test of one name spelt two ways (it reads both as one person)
        if lexicon is not None and any(not (forms[f] - {""}) and another_word(f, lexicon) for f in (a, b)):
            continue  # "Brazil" beside "Donna Brazile", "Osama" beside "Obama": another word, written alone
        given_a, given_b = forms[a] - {""}, forms[b] - {""}
        if given_a and given_b and not given_a & given_b:
            continue  # two full names, two people
        if a not in people and b not in people:
            continue  # neither is written as a person's full name: maybe no person at all ("Some", places)
        if lexicon is not None and _two_known_people(lexicon, a, b, ex):
            continue
        found = {f: [m.start() for m in re.finditer(rf"(?<!\w){re.escape(f)}(?!\w)", ex.text)] for f in (a, b)}
        if not found[a] or not found[b]:
            continue
        # the spelling never written in a full name when the other is (the full name introduces the person: the
        # place a copy desk checks the name at), else the rarer, else the later
        rare, common = (a, b) if (bool(given_a), len(found[a]), -found[a][0]) < (
            bool(given_b), len(found[b]), -found[b][0]) else (b, a)
        if rare in flagged or all("[sic]" in ex.text[at:at + len(rare) + 9] for at in found[rare]):
            continue  # "Angela Correy’s [sic]": the article marks the spelling as its source's
        flagged.add(rare)
        at = found[rare][0]
        full = next((f"{g} {common}" for g in sorted(forms[common] - {""})), common)
        times = "once" if len(found[common]) == 1 else f"{len(found[common])} times"
        msg = (f"“{rare}” here, “{common}” elsewhere in this article ({times}, as in “{full}”): one of them "
               f"is misspelt; check the name")
        out.append(Finding("name-spelling", "warning", name, Span.of(ex.text, at, at + len(rare)), msg,
                           (Evidence("source", common, name, Span.of(ex.text, found[common][0],
                                                                     found[common][0] + len(common))),)))
    return out


def _two_known_people(lexicon: Any, a: str, b: str, ex: Extraction) -> bool:
    """Whether the lexicon has both family names, for two different people (``Wang Yi``, ``Wang Ye``)."""
    ids = [{c.person.id for c in lexicon.candidates(f, as_of=ex.date) if c.score >= 0.5
            and str(c.person.family or "").casefold() == f.casefold()} for f in (a, b)]
    return bool(ids[0]) and bool(ids[1]) and ids[0] != ids[1]


def verify_article(extraction: Extraction, *, lexicon: LexiconLike | None) -> tuple[Finding, ...]:
    """Findings within one article: wrong titles, conflated names, ambiguous speakers, broken quote marks.

    A speaker the article names only by a family name that several people in the lexicon share (``Mr.
    Wang``, never ``Wang Yi``) is an ``ambiguous-speaker`` note even when the engine took one of them, and
    so is a pronoun (``he said``) read as someone other than the speaker of the quote just before. One
    statement put in quotation marks twice in other words within the article is an ``altered-wording`` note;
    a family name written two ways one letter apart (``Wimes``, ``Wines``) a ``name-spelling`` warning.
    With ``lexicon=None`` only the checks that need no lexicon run (ambiguous speakers, quote marks, a
    statement quoted twice, a name spelt two ways).

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
    out.extend(_spelling_findings(extraction, lexicon, name))
    for d in extraction.diagnostics:
        if d.code == "unbalanced-quote":
            span = d.span or Span.of(extraction.text, 0, 0)
            out.append(Finding("broken-quote-marks", "warning", name, span, d.message,
                               (Evidence("diagnostic", d.message, name, d.span),)))
    return tuple(sorted(out, key=lambda f: f.sort_key))
