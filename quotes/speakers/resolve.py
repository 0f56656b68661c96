"""Each attribution's source resolved to a speaker: the resolvers tried in order, each with its confidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from ..attribution.records import RELATIVE_PRONOUNS, Attribution
from ..lexicon import Lexicon
from ..lexicon.names import fold
from ..parse import Document
from ..records import UNRESOLVED, Mention, Quote, Resolution, Speaker
from .documents import _document
from .groups import (
    AGENTLESS,
    ANONYMOUS_HEADS,
    DETERMINERS,
    _agentless,
    _described_organisation,
    _joint,
    _strip_det,
    _unknown_person,
)
from .mentions import _speaker_of
from .named_later import _named_later
from .names import _complete_name, _surname
from .pronouns import (
    HONORIFIC_GENDER,
    PRONOUNS,
    _antecedent,
    _paragraphs_between,
    _pronoun,
)


def resolve_speakers(
    doc: Document,
    attributions: Sequence[Attribution],
    mentions: Sequence[Mention],
    *,
    lexicon: Lexicon,
    date: dt.date,
) -> tuple[Quote, ...]:
    """Resolve each attribution's source to a speaker and return the quotes, in text order."""
    text = doc.text
    people_seen: list[tuple[int, Speaker]] = [(m.span.start, m.speaker) for m in mentions if m.speaker.kind == "person"]
    quotes: list[Quote] = []
    previous: Speaker | None = None
    previous_at = 0
    previous_conf = 0.0
    by_source: dict[tuple[int, int], Speaker] = {}
    quoted_orgs: list[tuple[int, Speaker]] = []
    speaker: Speaker
    how: Resolution
    conf: float
    for att in attributions:
        if att.source is not None:
            att = attrs.evolve(att, source=_complete_name(doc, att.source, people_seen, lexicon=lexicon, date=date))
        at = att.cue.start if att.cue else att.content[0].start
        recent = previous if previous is not None and _paragraphs_between(text, previous_at, at) <= 2 else None
        carried = by_source.get((att.source.start, att.source.end)) if att.source is not None else None
        continued = carried or previous
        if att.via == "continuation" and continued is not None:
            speaker, how, conf = continued, "continuation", 0.75
        elif att.source is None and _agentless(doc, att, lexicon):
            speaker, how, conf = AGENTLESS, "agentless", 0.6
        else:
            speaker, how, conf = _resolve(text, doc, att, mentions, people_seen, recent, lexicon=lexicon, date=date, at=at,
                                          quoted_orgs=quoted_orgs)
        if how == "pronoun" and speaker.kind == "ambiguous" and recent is not None:
            conf = min(conf, previous_conf)  # "he" after a lexicon-only "Clinton" is no surer than it
        if att.via in ("according-to", "signature") and how == "cue-subject":
            how = att.via
        quotes.append(Quote(
            content=att.content, kind=att.kind, cue=att.cue, cue_lemma=att.cue_lemma, source=att.source,
            speaker=speaker, resolution=how, confidence=conf, quoted=att.quoted,
        ))
        if att.source is not None and att.via != "continuation":
            by_source[(att.source.start, att.source.end)] = speaker
        if speaker.kind in ("person", "organisation", "document", "joint", "ambiguous"):
            previous = speaker
            previous_at = at
            previous_conf = conf
            if speaker.kind == "organisation":
                quoted_orgs.append((at, speaker))
            if speaker.kind == "person":
                people_seen.append((at, speaker))
                people_seen.sort(key=lambda item: item[0])
    return tuple(_named_later(text, quotes, lexicon))


def _resolve(text: str, doc: Document, att: Attribution, mentions: Sequence[Mention],
             people_seen: Sequence[tuple[int, Speaker]], previous: Speaker | None, *, lexicon: Lexicon, date: dt.date,
             at: int, quoted_orgs: Sequence[tuple[int, Speaker]] = ()) -> tuple[Speaker, Resolution, float]:
    src = att.source
    if src is None:
        return UNRESOLVED, "none", 0.1
    if src.text.lower() in RELATIVE_PRONOUNS:
        antecedent = _antecedent(doc, src)
        if antecedent is not None:  # "China, which accused ...": the noun the pronoun stands for
            return _resolve(text, doc, attrs.evolve(att, source=antecedent), mentions, people_seen, previous,
                            lexicon=lexicon, date=date, at=at, quoted_orgs=quoted_orgs)
    inside = [m for m in mentions if src.start <= m.span.start and m.span.end <= src.end]
    if not inside:
        inside = [m for m in mentions if m.span.overlaps(src)]
    named = [m for m in inside if m.speaker.kind == "person"]
    if named:
        first = named[0]
        how: Resolution = "apposition" if first.span.start > src.start + 1 and "," in text[src.start:first.span.start] else "cue-subject"
        return first.speaker, how, 0.95 if how == "cue-subject" else 0.9
    phrase = src.text.strip()
    unknown = _unknown_person(doc, src, lexicon, date)
    if unknown is not None:
        return unknown, "cue-subject", 0.7
    low = fold(phrase)
    words = low.split()
    if len(words) == 1 and words[0] in PRONOUNS:
        if words[0] == "they":
            joint = _joint(doc, src, mentions, people_seen, lexicon, date)
            if joint is not None:
                return joint, "pronoun", 0.6
        return _pronoun(words[0], at, people_seen, previous, lexicon)
    # bare surname / Mr. Wang
    core = [w for w in phrase.replace("’s", "").replace("'s", "").split() if not lexicon.is_honorific(w.rstrip("."))]
    if core and len(core) <= 2 and all(w[:1].isupper() for w in core):
        before = text[max(0, src.start - 6):src.start].split()  # "Ms." the parser left out of the mention
        opener = phrase.split()[0].rstrip(".").lower()
        if opener not in HONORIFIC_GENDER and before:
            opener = before[-1].rstrip(".").lower()
        gender = HONORIFIC_GENDER.get(opener, "")
        result = _surname(text, " ".join(core), at, people_seen, lexicon, date, gender)
        if result is not None:
            return result
    org = lexicon.organisation(phrase) or lexicon.organisation(_strip_det(phrase))
    if org is None:  # "An article in The New York Times", "a statement by the Kremlin"
        for sep in (" in ", " by ", " from ", " of "):
            if sep in phrase:
                org = lexicon.organisation(phrase.rsplit(sep, 1)[1])
                if org is not None:
                    break
    if org is not None:
        return Speaker("organisation", name=org.name), "cue-subject", 0.85
    described = _described_organisation(text, phrase, src.start, quoted_orgs, lexicon)
    if described is not None:
        return described, "cue-subject", 0.7
    document = _document(doc, src, lexicon)
    if document is not None:
        return document, "cue-subject", 0.8
    office = lexicon.title_office(_strip_det(phrase))
    if office is not None:
        holders = lexicon.holders(office.name, as_of=date) if office.country else ()
        people = {t.person_id for t in holders}
        if len(people) == 1:
            person = lexicon.person(next(iter(people)))
            return _speaker_of(person, lexicon, date), "title", 0.8
        if not office.country:  # "the foreign minister": the latest person in the article holding such an office
            kind = fold(office.name)
            for pos, sp in reversed(people_seen):
                if pos < at and sp.person_id and any(fold(t.office).startswith(kind) for t in lexicon.offices_of(sp.person_id, as_of=date)):
                    return sp, "title", 0.7
    if (words and (words[0] in DETERMINERS or words[-1] in ANONYMOUS_HEADS) and not phrase[:1].isupper()) or (
        words and words[0] in ("a", "an", "one")
    ):
        return Speaker("anonymous", name=phrase), "cue-subject", 0.6
    if phrase[:1].isupper():
        country = lexicon.country_of_adjective(phrase) if hasattr(lexicon, "country_of_adjective") else None
        if country:
            return Speaker("organisation", name=country), "cue-subject", 0.7
        return Speaker("unresolved", name=phrase), "none", 0.3
    return Speaker("anonymous", name=phrase), "cue-subject", 0.5
