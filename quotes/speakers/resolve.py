"""Each attribution's source resolved to a speaker: the resolvers tried in order, each with its confidence."""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import re
from collections.abc import Callable, Sequence

import attrs

from ..attribution.records import RELATIVE_PRONOUNS, Attribution
from ..lexicon import Lexicon
from ..lexicon.names import NAME_PARTICLES, fold
from ..parse import Document
from ..records import UNRESOLVED, Mention, Quote, Resolution, Span, SpanSet, Speaker
from .affiliations import party_tags
from .confidence import CONFIDENCE
from .definite import (
    _before_apposition,
    _capitalised_organisation,
    _coordinated,
    _first_person,
    _given_name,
    _plural_pronoun,
    _possessive_pronoun,
    _pronoun_group,
    _titled_name,
    _unnamed_group,
    party_clash,
    role_clash,
    title_heads,
    title_words,
)
from .definite import _described as _described_head
from .described import copular_titles, described_titles, name_occurrences
from .documents import _document
from .former import former_office
from .groups import (
    AGENTLESS,
    DETERMINERS,
    GENERATIONAL,
    ORGANISATION_WORDS,
    _agentless,
    _described_organisation,
    _joint,
    _strip_det,
    _unknown_person,
)
from .mentions import _speaker_of, given_names
from .named_later import _named_later, described_then_named
from .named_later import _words as _role_words
from .names import _complete_name, _surname
from .pronouns import (
    PRONOUNS,
    _antecedent,
    _paragraphs_between,
    _pronoun,
)
from .salience import _headline, introduced_person, named_people
from .seen import PeopleSeen
from .seen import before as seen_before
from .titles import names_a_role, says_something, title_as_written


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
    mentions = sorted(mentions, key=lambda m: m.span.start)  # in text order: looked up by offset (_named)
    people_seen = PeopleSeen([*((m.span.start, m.speaker) for m in mentions if m.speaker.kind == "person"),
                              *named_people(doc, mentions, lexicon, date)], lexicon)
    _file_family_names(doc, mentions, people_seen, lexicon, date)
    title_words: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    quotes: list[Quote] = []
    previous: Speaker | None = None
    previous_at = 0
    previous_conf = 0.0
    by_source: dict[tuple[int, int], Speaker] = {}
    quoted_orgs: list[tuple[int, Speaker]] = []
    contents = SpanSet(p for att in attributions for p in att.content)
    quoted_keys: frozenset[str | None] = frozenset()  # the people quoted so far
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
            speaker, how, conf = continued, "continuation", CONFIDENCE["continuation"]
        elif att.source is None and _agentless(doc, att, lexicon):
            speaker, how, conf = AGENTLESS, "agentless", CONFIDENCE["agentless"]
        else:
            introduced = None
            if att.source is not None and (att.source.text.strip().lower() in PRONOUNS
                                           or att.source.text.strip().lower().startswith("the ")):
                found = introduced_person(doc, previous_at, at, mentions=mentions, people_seen=people_seen,
                                          quoted=contents, lexicon=lexicon, date=date)
                introduced = found[1] if found is not None else None
            speaker, how, conf = _resolve(text, doc, att, mentions, people_seen, recent, lexicon=lexicon, date=date, at=at,
                                          quoted_orgs=quoted_orgs, introduced=introduced, contents=contents,
                                          quoted=quoted_keys, title_words=title_words)
        if how == "pronoun" and recent is not None and (speaker.kind == "ambiguous" or speaker == previous):
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
            if speaker.kind == "person" and not _lexicon_only(speaker, how, conf):
                people_seen.add((at, speaker))  # kept in text order
                if speaker.key not in quoted_keys:
                    quoted_keys = quoted_keys | {speaker.key}
    quotes = _family_names_in_full(quotes, mentions, lexicon)
    titled = _with_titles(doc, tuple(_named_later(text, quotes, lexicon)), mentions, lexicon, date, people_seen)
    return _with_former_offices(described_then_named(text, titled, lexicon), lexicon, date)


def _family_names_in_full(quotes: list[Quote], mentions: Sequence[Mention], lexicon: Lexicon) -> list[Quote]:
    """A speaker known only by a family name (``De Blasio says ...`` in a headline, before ``Mayor Bill de
    Blasio``; or after it, read as the headline's person) is the one person of the lexicon the article names in
    full with that family name, when there is exactly one; with two (Bill and Hillary Clinton) it stays as it is."""
    full: dict[str, dict[str, Speaker]] = {}  # folded family name -> the lexicon's people named in full with it
    for sp in [q.speaker for q in quotes] + [m.speaker for m in mentions]:
        if sp.kind == "person" and sp.person_id and sp.name and len(sp.name.split()) >= 2:
            with contextlib.suppress(KeyError):
                family = lexicon.person(sp.person_id).family
                if family:
                    full.setdefault(fold(family), {})[sp.person_id] = sp
    if not full:
        return quotes
    out = []
    for q in quotes:
        sp = q.speaker
        if sp.kind == "person" and sp.person_id is None and sp.name:
            known = full.get(fold(sp.name), {})
            if len(known) == 1:
                person = next(iter(known.values()))
                q = attrs.evolve(q, speaker=attrs.evolve(person, title=None, former_office=None))
        out.append(q)
    return out


def _with_former_offices(quotes: Sequence[Quote], lexicon: Lexicon, date: dt.date) -> tuple[Quote, ...]:
    """Each person speaker whose final title is a former one (``Former Pennsylvania Gov.``) with the lexicon's past
    tenure it names (:func:`quotes.speakers.former.former_office`)."""
    out = []
    for q in quotes:
        sp = q.speaker
        if sp.person_id is not None and sp.title is not None:
            office = former_office(sp.title.text, sp.person_id, lexicon, date)
            if office != sp.former_office:
                q = attrs.evolve(q, speaker=attrs.evolve(sp, former_office=office))
        out.append(q)
    return tuple(out)


def _lexicon_only(speaker: Speaker, how: str, conf: float) -> bool:
    """A bare surname linked to none of the lexicon's several namesakes: not filed as a person named, so that the
    next such surname is read the same way, no surer."""
    return how == "surname" and speaker.person_id is None and conf <= CONFIDENCE["surname-lexicon-several"]


def _file_family_names(doc: Document, mentions: Sequence[Mention], people_seen: PeopleSeen, lexicon: Lexicon,
                       date: dt.date) -> None:
    """A family name the narration writes alone (``Mr. Ban's record ...``, ``Trump has ...``) is the person a
    speaker's bare surname would be (:func:`quotes.speakers.names._surname`: the one of that name named
    before, else the lexicon's prominent namesake): filed there too, so that a ``he`` after it is that
    person rather than someone named between the full name and it. With two people of the name named
    before it (Bill and Hillary Clinton, Wang Yi and Wang Wenbin) it is no one."""
    given = given_names(lexicon)
    families = set(people_seen.families())

    def unknown(sp: Speaker) -> bool:  # "Tom Berg", not "South Florida"
        return sp.kind == "person" and sp.person_id is None and bool(sp.name) and fold((sp.name or "").split()[0]) in given

    firsts: dict[str, list[int]] = {}  # family -> where each such person of it is first seen, in order

    def first_seen(family: str) -> list[int]:
        if family not in firsts:
            where: dict[str, int] = {}
            for pos, sp in people_seen.with_family(family, before=len(doc.text) + 1):
                if unknown(sp):
                    where.setdefault(sp.key or sp.name or "", pos)
            firsts[family] = sorted(where.values())
        return firsts[family]

    for sent in doc.sentences:  # people no lexicon knows: their family name alone ("It was under Berg's watch")
        words = sent.words
        for k, w in enumerate(words):
            if w.upos != "PROPN" or not w.text[:1].isupper() or fold(w.text) not in families:
                continue
            if (k and words[k - 1].upos == "PROPN" and words[k - 1].text[:1].isupper()) or (
                    k + 1 < len(words) and words[k + 1].upos == "PROPN" and words[k + 1].text[:1].isupper()):
                continue  # part of a longer name, filed (or not) as that
            # one such person of the name seen before it (what is filed here is that person again: the count of
            # people first seen before a place does not change as the loop goes on)
            if bisect.bisect_left(first_seen(fold(w.text)), w.start) != 1:
                continue
            seen_before = people_seen.with_family(fold(w.text), before=w.start)
            people_seen.add((w.start, next(sp for _, sp in reversed(seen_before) if unknown(sp))))
    for m in mentions:
        if m.speaker.kind != "unresolved" or not m.speaker.name or len(m.speaker.name.split()) != 1:
            continue
        earlier = {sp.key or sp.name or "": sp for (_, sp), _ in people_seen.named_people(
            fold(m.speaker.name), before=m.span.start) if sp.kind == "person"}
        if len(earlier) > 1:
            continue  # two people of the name: which one is for the speakers' own rules to tell
        found = _surname(doc.text, m.speaker.name, m.span.start, people_seen, lexicon, date)
        if found is not None and found[0].kind == "person" and not _lexicon_only(*found) and (
                found[0].person_id or fold((found[0].name or "?").split()[0]) in given):
            people_seen.add((m.span.start, found[0]))


def _with_titles(doc: Document, quotes: Sequence[Quote], mentions: Sequence[Mention], lexicon: Lexicon,
                 date: dt.date, people_seen: Sequence[tuple[int, Speaker]] = ()) -> tuple[Quote, ...]:
    """Each person speaker with the title the article writes for them (:func:`quotes.speakers.titles.title_as_written`)
    and the party-state tag after their name (:func:`quotes.speakers.affiliations.party_tags`);
    for one it writes none next to the name, the description that can only be them (``The Democratic
    presidential nominee has been endorsed``: :func:`quotes.speakers.described.described_titles`)."""
    titles: dict[str, Span | None] = {}
    described: dict[str, list[Span]] = {}  # "China's foreign minister said": the source is itself the title
    for q in quotes:
        if q.resolution == "title" and q.source is not None and q.speaker.kind == "person" and q.speaker.name:
            described.setdefault(q.speaker.key or q.speaker.name, []).append(_without_determiner(doc.text, q.source))
        elif q.resolution == "surname" and q.source is not None and q.speaker.kind == "person" and q.speaker.name:
            before = _title_before_surname(doc.text, q.source, q.speaker.name, lexicon)
            if before is not None:  # "President Obama said": the title the source gives with the family name
                described.setdefault(q.speaker.key or q.speaker.name, []).append(before)
    namesakes: dict[str, set[str]] = {}  # family name -> the people of the article who have it
    for sp in [q.speaker for q in quotes] + [m.speaker for m in mentions]:
        if sp.kind == "person" and sp.name and len(sp.name.split()) >= 2:
            namesakes.setdefault(sp.name.split()[-1], set()).add(sp.key or sp.name)
    # "Scott ... He is the ranking Democrat on the House Education and the Workforce Committee.": every person
    # the article names counts for whom "He" can be, not only those quoted
    named = {sp.key or sp.name or "": sp for sp in [q.speaker for q in quotes] + [m.speaker for m in mentions]
             + [sp for _, sp in people_seen] if sp.kind == "person" and sp.name}
    for key, spans in copular_titles(doc, [*name_occurrences(doc, named),
                                           *((q.source.start, q.source.end, q.speaker.key or q.speaker.name or "")
                                             for q in quotes if q.source is not None
                                             and (q.speaker.key or q.speaker.name) in named),
                                           *((at, at + len(sp.name or ""), sp.key or sp.name or "")
                                             for at, sp in people_seen if sp.kind == "person" and sp.name)],
                                     named, lexicon,
                                     quoted=[(c.start, c.end) for q in quotes for c in (*q.content, *q.quoted)]).items():
        described.setdefault(key, []).extend(spans)
    wanted: dict[str, Speaker] = {}
    settled: set[str] = set()  # people whose title is written beside the name, or names an office or a part in politics
    for q in quotes:
        sp = q.speaker
        if sp.kind == "person" and sp.name and sp.title is None:
            wanted.setdefault(sp.key or sp.name, sp)
    for key, sp in wanted.items():
        names = [sp.name or "", *(m.name.text for m in mentions
                                  if m.name is not None and sp.person_id and m.speaker.person_id == sp.person_id)]
        family = (sp.name or "").split()[-1] if len((sp.name or "").split()) >= 2 else None
        if family is not None and not family[:1].isupper():
            family = None  # a speaker named by a description ("The GOP presidential nominee"): no family name
        if family is not None and namesakes.get(family, {key}) != {key}:
            family = None  # "Obama" in a story of Barack and Michelle Obama: only the full names
        written = title_as_written(doc, list(dict.fromkeys(names)), lexicon, family=family)
        found = [t for t in (written, *described.get(key, ())) if t is not None and says_something(t.text, lexicon)]
        # what the article writes next to the name, when it names a role ("Clinton, the former secretary of
        # State,"), before a description that stands for the name ("The former first lady and U.S. senator
        # said"); else the longest
        beside = written is not None and names_a_role(written.text, lexicon)
        chosen = max(found, key=lambda t: (beside and t is written, _public_role(t.text, lexicon), len(t.text),
                                           -t.start)) if found else None
        titles[key] = chosen
        if chosen is not None and (chosen is written or _public_role(chosen.text, lexicon)):
            settled.add(key)  # what the article writes beside the name is never replaced by a description
    if any(key not in settled for key in titles):
        for key, spans in _described_only(doc, quotes, mentions, people_seen, titles, lexicon, date).items():
            if key in titles and key not in settled and titles[key] is not None:
                # a description standing for the name that names a part in politics ("The GOP candidate did not
                # supply ...") over one of what the person does for a living ("the New York businessman said")
                public = [t for t in spans if _public_role(t.text, lexicon)]
                if public:
                    titles[key] = max(public, key=lambda t: (sum(p.text == t.text for p in public), -t.start))
                continue
            if titles.get(key, "") is None:
                # one that names an office or a part in politics ("The GOP candidate") before what the person does
                # for a living ("the New York businessman"); then the one it writes most often, else the first
                counts = {s.text: sum(t.text == s.text for t in spans) for s in spans}
                titles[key] = max(spans, key=lambda t: (_public_role(t.text, lexicon), counts[t.text], -t.start))
    forms: dict[str, list[str]] = {}  # how the article writes each person: for the party-state tag after it
    for q in quotes:
        sp = q.speaker
        if sp.kind == "person" and sp.name:
            key = sp.key or sp.name
            if key not in forms:
                family = sp.name.split()[-1] if len(sp.name.split()) >= 2 else ""
                forms[key] = [sp.name, *(m.name.text for m in mentions if m.name is not None and sp.person_id
                                         and m.speaker.person_id == sp.person_id),
                              family if namesakes.get(family, {key}) == {key} else ""]
    tags = party_tags(doc.text, forms)
    out = []
    for q in quotes:
        sp = q.speaker
        if sp.kind == "person" and sp.name and sp.title is None and titles.get(sp.key or sp.name) is not None:
            sp = attrs.evolve(sp, title=titles[sp.key or sp.name])
        if sp.person_id is not None and sp.title is not None and _private_role(sp.title.text, lexicon) and not any(
                m.title is not None or lexicon.title_office(" ".join(doc.text[max(0, m.span.start - 20):m.span.start]
                                                                     .split()[-1:])) is not None
                for m in mentions if m.speaker.person_id == sp.person_id):
            # (not when the article gives them an office's title anywhere: "Sen. Jon Tester, a bartender")
            # "Mike Johnson, a plumber from Ohio": a namesake of the lexicon's office holder, named as written
            as_written = next((m.name.text for m in mentions if m.name is not None and m.speaker.person_id == sp.person_id
                               and q.source is not None and m.span.overlaps(q.source)), None)
            sp = attrs.evolve(sp, name=as_written or sp.name, person_id=None, office=None)
            q = attrs.evolve(q, confidence=min(q.confidence, CONFIDENCE["unknown-person"]))
        if sp.kind == "person" and sp.name and sp.affiliation is None and (sp.key or sp.name) in tags:
            sp = attrs.evolve(sp, affiliation=tags[sp.key or sp.name])
        if sp is not q.speaker:
            q = attrs.evolve(q, speaker=sp)
        out.append(q)
    return tuple(out)


_RUNNING = frozenset({"candidate", "nominee", "challenger", "incumbent", "gop", "republican", "democratic", "democrat",
                      "libertarian"})
"""Words of a description that say what part the person has in politics, besides the lexicon's titles (not every
party's word: "an independent contractor", "a conservative radio host" are no part in politics)."""


def _public_role(description: str, lexicon: Lexicon) -> bool:
    """Whether a description names an office (a title word of the lexicon: ``senator``, ``secretary``) or a part in
    politics (``The GOP candidate``, ``the Democratic nominee``).

    >>> from quotes.lexicon import load_lexicon
    >>> [_public_role(d, load_lexicon()) for d in ("GOP candidate", "New York businessman", "former senator")]
    [True, False, True]
    """
    return any(w in _RUNNING or lexicon.is_title_word(w) for w in _role_words(description))


def _private_role(title: str, lexicon: Lexicon) -> bool:
    """Whether a title as written says what someone is in private life (its head, the last word before a
    preposition, in the lexicon's ``private-role`` list: ``a plumber from Ohio``, ``a Dayton voter``), and not
    what they were (``a former bartender``)."""
    words = [w.strip(".,").lower() for w in title.split()]
    if any(w in ("former", "retired", "onetime", "ex") for w in words):
        return False
    cut = next((k for k, w in enumerate(words) if k and w in ("from", "in", "at", "of", "for", "with", "who")), len(words))
    head = words[cut - 1] if cut else ""
    private = lexicon.words("private-role")
    return head in private or (head.endswith("s") and head[:-1] in private)


def _described_only(doc: Document, quotes: Sequence[Quote], mentions: Sequence[Mention],
                    people_seen: Sequence[tuple[int, Speaker]], titles: dict[str, Span | None], lexicon: Lexicon,
                    date: dt.date) -> dict[str, list[Span]]:
    """The descriptions the article gives its people instead of a name (:mod:`quotes.speakers.described`),
    every person it names or quotes taken into account."""
    people: dict[str, Speaker] = {}
    occurrences: list[tuple[int, int, str]] = []
    known: dict[str, list[str]] = {}
    quoted = {q.speaker.key or q.speaker.name for q in quotes if q.speaker.kind == "person"}
    for m in mentions:
        sp = m.speaker
        if sp.kind == "person" and sp.name and m.name is not None:
            key = sp.key or sp.name
            if fold(m.name.text) != fold(sp.name) and key not in quoted:
                continue  # "the Middle West": a surname the lexicon knows, and no one of the article
            people.setdefault(key, sp)
            occurrences.append((m.span.start, m.span.end, key))
            if m.title is not None:
                known.setdefault(key, []).append(m.title.text)
    for q in quotes:
        sp = q.speaker
        if sp.kind == "person" and sp.name:
            key = sp.key or sp.name
            people.setdefault(key, sp)
            if q.source is not None:
                occurrences.append((q.source.start, q.source.end, key))
            if sp.title is not None:
                known.setdefault(key, []).append(sp.title.text)
    for at, sp in people_seen:  # people no lexicon knows, named in full ("Tom Reedley")
        if sp.kind == "person" and sp.name:
            key = sp.key or sp.name
            if doc.text[at:at + len(sp.name)] != sp.name and key not in quoted:
                continue
            people.setdefault(key, sp)
            occurrences.append((at, at + len(sp.name), key))
    occurrences.extend(name_occurrences(doc, people))

    def titles_of(key: str) -> tuple[list[str], list[str]]:
        written = [*known.get(key, ())]
        title = titles.get(key)
        if title is not None:
            written.append(title.text)
        pid = people[key].person_id
        offices = [o.office for o in lexicon.offices_of(pid, as_of=date)] if pid else []
        return written + offices, written

    return described_titles(doc, occurrences, people, titles_of, lexicon,
                            skip=[q.source for q in quotes if q.source is not None])


def _title_before_surname(text: str, source: Span, name: str, lexicon: Lexicon) -> Span | None:
    """The words before the family name in a source (``President`` of ``President Obama``), when they are more
    than honorifics and the source ends with the person's family name."""
    words = source.text.split()
    if len(words) < 2 or fold(words[-1]) != fold(name.split()[-1]):
        return None
    head = words[:-1]
    if head[0].lower() in ("the", "a", "an") and len(head) == 1:
        return None
    if all(lexicon.is_honorific(w.rstrip(".")) for w in head) or not all(w[:1].isupper() or w.lower() in ("of", "the")
                                                                          for w in head):
        return None
    start = source.start + (len(source.text) - len(source.text.lstrip()))
    end = source.start + source.text.rstrip().rfind(words[-1])
    return _without_determiner(text, Span.of(text, start, len(text[:end].rstrip())))


def _without_determiner(text: str, span: Span) -> Span:
    """A source span without its leading article ("the senator" -> "senator")."""
    head, _, rest = span.text.partition(" ")
    if rest and head.lower() in ("the", "a", "an"):
        return Span.of(text, span.end - len(rest), span.end)
    return span


@attrs.frozen
class _Source:
    """What every resolver reads: the attribution's source mention and what the article said before it."""

    text: str
    doc: Document
    src: Span
    mentions: Sequence[Mention]
    people_seen: Sequence[tuple[int, Speaker]]
    previous: Speaker | None
    lexicon: Lexicon
    date: dt.date
    at: int
    quoted_orgs: Sequence[tuple[int, Speaker]]
    introduced: Speaker | None = None
    """The person the story turned to since the previous statement (:mod:`quotes.speakers.salience`)."""
    contents: Sequence[Span] = ()
    """The content of every statement of the article."""
    quoted: frozenset[str | None] = frozenset()
    """The keys of the people quoted before (:attr:`Speaker.key`)."""
    title_words: dict[str, tuple[frozenset[str], frozenset[str]]] = attrs.field(factory=dict)
    """Each person's title words and title heads (:func:`quotes.speakers.definite.title_words`), shared by the
    article's sources: found once per person."""

    @property
    def phrase(self) -> str:
        return self.src.text.strip()

    def names_a_person(self) -> bool:
        """Whether a person mention overlaps the source (the mentions are in text order: only those near it are
        looked at, so that a long article's sources cost the same each)."""
        lo = bisect.bisect_left(self.mentions, self.src.start - MENTION_REACH, key=lambda m: m.span.start)
        hi = bisect.bisect_left(self.mentions, self.src.end, key=lambda m: m.span.start)
        return any(m.span.overlaps(self.src) and m.speaker.kind == "person" for m in self.mentions[lo:hi])

    def people_before(self) -> list[tuple[int, Speaker]]:
        """The people named or quoted in the :data:`PRONOUN_REACH` characters before the statement, outside
        reported words (people named inside a quotation are not what a pronoun after it stands for)."""
        inside = self.contents if isinstance(self.contents, SpanSet) else SpanSet(self.contents)
        lo = bisect.bisect_left(self.people_seen, self.at - PRONOUN_REACH, key=lambda item: item[0])
        hi = bisect.bisect_left(self.people_seen, self.at, key=lambda item: item[0])
        return [(pos, sp) for pos, sp in self.people_seen[lo:hi] if not inside.covers(pos)]

    @property
    def words(self) -> list[str]:
        return fold(self.phrase).split()


Found = tuple[Speaker, Resolution, float]

MENTION_REACH = 400
"""Characters before a source within which a mention may start and still overlap it (a mention is a name and its
title: never this long)."""

PRONOUN_REACH = 20_000
"""Characters before a statement within which the person a pronoun stands for is looked for (several pages of
copy: a pronoun never reaches further back)."""


def _named(s: _Source) -> Found | None:
    """A person mention inside the source: ``Foreign Minister Wang Yi``, ``..., Dmitry Medvedev, ...``."""
    # the mentions are in text order (find_mentions): only those near the source are looked at
    lo = bisect.bisect_left(s.mentions, s.src.start, key=lambda m: m.span.start)
    hi = bisect.bisect_left(s.mentions, s.src.end, key=lambda m: m.span.start)
    inside = [m for m in s.mentions[lo:hi] if m.span.end <= s.src.end]
    if not inside:
        inside = [m for m in s.mentions[max(0, lo - 20):hi] if m.span.overlaps(s.src)]
    named = [m for m in inside if m.speaker.kind == "person"]
    if not named:
        return None
    first = named[0]
    by_name = _owned_by_name(s, s.text[s.src.start:first.span.start], s.text[first.span.end:s.src.end])
    if by_name is not None:
        return by_name
    if _speaking_for(s.text[s.src.start:first.span.start], s.lexicon):
        # "A spokeswoman for Hillary Clinton", "lawyers for both Donald and Ivana Trump": someone speaking for
        # the person named, not that person; named after a comma ("a spokesman for Clinton, Brian Fallon"), them
        for m in named[1:]:
            if "," in s.text[first.span.end:m.span.start]:
                return m.speaker, "apposition", CONFIDENCE["named-apposition"]
        comma = s.text.find(",", first.span.end, s.src.end)
        if comma >= 0:  # "The wife of Donald Trump, Melania": the name after the comma
            named_after = s.text[comma + 1:s.src.end].strip(" ,")
            unknown = _unknown_person(s.doc, Span.of(s.text, comma + 1, s.src.end), s.lexicon, s.date)
            if unknown is not None:
                return unknown, "apposition", CONFIDENCE["unknown-person"]
            if named_after[:1].isupper() and " " not in named_after and fold(named_after) in given_names(s.lexicon):
                return Speaker("person", name=named_after), "apposition", CONFIDENCE["given-name"]
        return Speaker("anonymous", name=s.phrase), "cue-subject", CONFIDENCE["anonymous"]
    after = s.text[first.span.end:s.src.end]
    if after[:2] in ("'s", "’s") and after[2:].strip():
        # "Hillary Clinton's campaign manager Robby Mook": the possessor is not the speaker; the person named
        # after it is
        if len(named) > 1:
            return named[1].speaker, "cue-subject", CONFIDENCE["named"]
        rest = Span.of(s.text, first.span.end + 2, s.src.end)
        owned = _unknown_person(s.doc, rest, s.lexicon, s.date)
        if owned is not None:
            return owned, "cue-subject", CONFIDENCE["unknown-person"]
        return None  # "Donald Trump's campaign", "Trump's tweets": what the possessor owns speaks (_possessed)
    if first.span.start > s.src.start + 1 and "," in s.text[s.src.start:first.span.start]:
        # "Juan Zarate, who was a top adviser to President George W. Bush": a name before the comma the
        # lexicon does not know is the speaker; "Russia's former president, Dmitry Medvedev," has none
        head = _unknown_person(s.doc, Span.of(s.text, s.src.start, s.text.index(",", s.src.start, first.span.start)),
                               s.lexicon, s.date)
        if head is not None:
            return head, "cue-subject", CONFIDENCE["unknown-person"]
        return first.speaker, "apposition", CONFIDENCE["named-apposition"]
    return first.speaker, "cue-subject", CONFIDENCE["named"]


_FOR_SOMEONE = re.compile(r"^\s*(?:(?i:an?|the|one|two|three|some|several|many|other|his|her|their)\s+)?"
                          r"(?:[A-Za-z][a-z-]*\s+){0,3}?(?P<head>[A-Za-z][a-z-]*)\s+"
                          r"(?:for|to|of|representing|close to|working for)\s+(?:both\s+)?(?:the\s+)?")
"""The words before a name that make the source someone speaking for that person (``A spokeswoman for``,
``lawyers for both``, ``an aide to``, ``a lawyer representing``)."""


def _speaking_for(ahead: str, lexicon: Lexicon) -> bool:
    """Whether the words of a source before a name (``ahead``) make it someone speaking for that person: a
    person's or people's head and :data:`_FOR_SOMEONE`'s words right before the name, or before another name
    and ``and`` (``lawyers for both Donald and Ivana Trump``)."""
    lead = _FOR_SOMEONE.match(ahead)
    return lead is not None and _someone_s(lead.group("head").lower(), lexicon) and (
        lead.end() == len(ahead) or re.fullmatch(r"[A-Z][\w-]*\s+(?:and|&)\s+", ahead[lead.end():]) is not None)


_BY_SOMEONE = re.compile(r"^\s*(?:(?i:an?|the|this|that|one)\s+)?(?:[\w-]+\s+){0,3}?(?P<head>[a-z][a-z-]*)\s+"
                         r"(?:by|from|of)\s+(?:[\w.’'-]+\s+){0,5}$")
_AFTER_NAME = re.compile(r"^\s+(?P<head>[a-z][a-z-]*)(?:$|\s+(?:in|from|of|by|on|that|which|released|published)\b)")


def _owned_by_name(s: _Source, before: str, after: str) -> Found | None:
    """A text or a body a name only modifies: ``A 2014 study by Loyola Law School professor Justin Levitt``,
    ``A memorable Hillary Clinton ad in 2008`` (a document head before ``by`` or right after the name), a
    ``campaign`` right after the name: the document or organisation, not the person."""
    lead = _BY_SOMEONE.match(before)
    if lead is not None and lead.group("head") in s.lexicon.words("document-head"):
        return Speaker("document", name=_strip_det(s.phrase)), "cue-subject", CONFIDENCE["described-document"]
    people = re.match(r"^\s+(?:[a-z][a-z-]*\s+){0,2}(?P<last>[a-z][a-z-]*s)\s*$", after)
    if people is not None and _someone_s(people.group("last"), s.lexicon):
        # "Donald Trump campaign aides": people of the person's, not the person
        return Speaker("anonymous", name=_strip_det(s.phrase)), "cue-subject", CONFIDENCE["anonymous"]
    tail = _AFTER_NAME.match(after)
    if tail is not None:
        head = tail.group("head")
        if head in s.lexicon.words("document-head"):
            return Speaker("document", name=_strip_det(s.phrase)), "cue-subject", CONFIDENCE["described-document"]
        if head in s.lexicon.words("organisation-head") and head not in ("police",):
            return Speaker("organisation", name=_strip_det(s.phrase)), "cue-subject", \
                CONFIDENCE["described-organisation-head"]
    return None


def _someone_s(head: str, lexicon: Lexicon) -> bool:
    """Whether a lower-case head noun is one of a person or of several people (``spokeswoman``, ``lawyers``,
    ``aides``): a person's head in the singular, or such a head with a plural ``s``."""
    heads = lexicon.words("person-head") | lexicon.words("anonymous-head")
    return head in heads or (head.endswith("s") and head[:-1] in heads) or head in _GROUP_SUFFIXED


_GROUP_SUFFIXED = frozenset({"attorneys", "supporters", "allies", "friends", "relatives", "associates", "staff",
                             "aides", "advisers", "advisors", "representatives", "members"})


_INCLUDING = re.compile(r"^(?P<group>[^,]*?)\s*,?\s+(?:including|like|such as|among them)\s+\S", re.IGNORECASE)


def _group_including(s: _Source) -> Found | None:
    """``some Republicans, including Senator Lamar Alexander``, ``Critics of the program, like Senators ...``:
    the group speaks (an unnamed group, named as written), not the member named as an example. The group is
    a description in the plural (a lower-case head ending in ``s``, or one of the lexicon's ``group-head``
    nouns), never a name."""
    m = _INCLUDING.match(s.phrase)
    if m is None:
        return None
    group = m.group("group").strip()
    words = group.split()
    if not words or len(words) > 8:
        return None
    lowered = [w.lower() for w in words]
    k = lowered.index("of") - 1 if "of" in lowered[1:] else len(words) - 1  # "Critics of the program": critics
    head = words[k].strip(".,;:").lower()
    if words[k][:1].isupper() and head not in ("republicans", "democrats", "critics", "officials"):
        return None  # "Lawmakers from Texas, including ..." has "Texas": not a plural description's head
    if not (head.endswith("s") and not head.endswith("ss")) and head not in s.lexicon.words("group-head"):
        return None
    return Speaker("anonymous", name=group), "cue-subject", CONFIDENCE["anonymous"]


_OWNER_LINKS = frozenset({"from", "of", "by", "at", "for", "in", "with", "to", "on", "about"})
"""Words that put the possessor inside a longer phrase (``A new ad from Donald Trump's campaign``)."""


def _possessed(s: _Source) -> Found | None:
    """What a person has speaks, not the person: ``Ivana Trump's brief``, ``Jared Diamond's 2005 best seller``,
    ``Donald Trump's campaign`` (a document or organisation head after the possessive, nothing capitalised after
    it) is a document or an organisation (:func:`quotes.speakers.definite._described`, else named as written),
    ``Gary Johnson's doctor`` (a person's head) someone unnamed. A person named after the possessive
    (``Clinton's campaign manager Robby Mook``) is read further on."""
    words = s.phrase.split()
    k = next((i for i, w in enumerate(words[:-1]) if w.endswith(("'s", "’s"))), None)
    if k is None or (k == 0 and words[0].lower() in ("its", "his", "her", "their")):
        return None
    owned = words[k + 1:]
    if not owned or any(w[:1].isupper() and not (w.isupper() or "." in w.rstrip(".")) for w in owned):
        return None  # "Hillary Clinton's campaign manager Robby Mook": a person named after it ("N.Y.U." is none)
    head = owned[-1].strip(".,;:").lower()
    two = " ".join(owned[-2:]).strip(".,;:").lower() if len(owned) >= 2 else ""
    documents, organisations = s.lexicon.words("document-head"), s.lexicon.words("organisation-head")
    document = head in documents or two in documents  # "Jared Diamond's 2005 best seller"
    organisation = head in organisations or two in organisations
    if not (document or organisation or _someone_s(head, s.lexicon)):
        return None
    # the possessor must be a person ("South Korea's foreign ministry" is the ministry, found otherwise)
    mark = s.text.find("'s" if "'s" in words[k] else "’s", s.src.start, s.src.end)
    owner = Span.of(s.text, s.src.start, mark) if mark > s.src.start else None
    if owner is None:
        return None
    lo = bisect.bisect_left(s.mentions, owner.start - 400, key=lambda m: m.span.start)
    hi = bisect.bisect_left(s.mentions, owner.end, key=lambda m: m.span.start)
    people = [m for m in s.mentions[lo:hi] if m.span.overlaps(owner) and m.speaker.kind == "person"]
    unknown = None if people else _unknown_person(s.doc, owner, s.lexicon, s.date)
    if not people and unknown is None:
        return None
    found = _described_head(s) if document or organisation else None
    if found is not None:
        return found
    # named as written only when the source is the name, a possessive and what it has: not "Alan Cole, an economist
    # at the Tax Foundation's policy center" (an apposition: the person speaks), not "A new ad from Donald Trump's
    # presidential campaign" (the ad speaks: read further on)
    ahead = s.text[owner.start:mark]
    last = (unknown.name or "").split()[-1:] if unknown is not None else []
    if "," in ahead or _OWNER_LINKS & set(ahead.split()) or not (
            any(m.span.end == mark for m in people) or (last and ahead.endswith(last[0]))):
        return None
    name = _strip_det(s.phrase)  # the whole phrase: "Donald Trump's campaign", "Gary Johnson's doctor"
    if document:
        return Speaker("document", name=name), "cue-subject", CONFIDENCE["described-document"]
    if organisation:
        return Speaker("organisation", name=name), "cue-subject", CONFIDENCE["described-organisation-head"]
    return Speaker("anonymous", name=name), "cue-subject", CONFIDENCE["anonymous"]


_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,15}\b")


def _handle(s: _Source) -> Found | None:
    """A social-media handle (``one Twitter user @nycsouthpaw``, ``@Fred_945``): the person of that handle,
    named by it, when the source holds one handle and names no one else."""
    handles = _HANDLE.findall(s.phrase)
    if len(handles) != 1 or s.names_a_person():
        return None
    return Speaker("person", name=handles[0]), "cue-subject", CONFIDENCE["handle"]


def _headline_name(s: _Source) -> Found | None:
    """A source of three or more capitalised words, as a headline writes them, that a person's full name opens
    (``Elizabeth Warren Hammers Wells Fargo CEO``): that person, a lexicon person of exactly that name or one the
    article names so."""
    words = s.phrase.split()
    if len(words) < 3 or not all(w[:1].isupper() for w in words) or fold(words[0]) not in given_names(s.lexicon):
        return None
    sent = next(iter(s.doc.sentences_from(s.src.start)), None)
    if sent is None or not _headline(sent, s.text):
        return None  # "Mike Johnson Plumbing Co said": a name in running text is read as written
    for k in range(len(words) - 1, 1, -1):
        prefix = " ".join(words[:k])
        rest = [w.rstrip(".,").lower() for w in words[k:]]
        if any(w in ORGANISATION_WORDS or w in s.lexicon.words("organisation-head") or w.title() in GENERATIONAL
               or w.upper() in GENERATIONAL for w in rest):
            return None  # "John McCain Institute Fellows", "Donald Trump Jr. Says ...": someone or something else
        for c in s.lexicon.candidates(prefix, as_of=s.date, limit=3):
            if c.score >= 0.99 and fold(c.person.name) == fold(prefix):
                return _speaker_of(c.person, s.lexicon, s.date), "cue-subject", CONFIDENCE["unknown-person"]
        seen = s.people_seen.written(prefix) if isinstance(s.people_seen, PeopleSeen) else []
        if seen:
            return seen[0][1], "cue-subject", CONFIDENCE["unknown-person"]
    return None


def _unknown(s: _Source) -> Found | None:
    """A name the lexicon does not know, read from the source's proper nouns."""
    unknown = _unknown_person(s.doc, s.src, s.lexicon, s.date)
    if unknown is None:
        return None
    first = (unknown.name or "").split()[0]
    if first.lower() in NAME_PARTICLES - {"al", "el"}:  # "Al Sharpton": a given name
        # "De Blasio said" after "Mayor Bill de Blasio": a family name with its particle, opening a sentence
        found = _surname(s.text, unknown.name or "", s.at, s.people_seen, s.lexicon, s.date, quoted=s.quoted)
        if found is not None and found[0].kind == "person":
            return found
    sent = next(iter(s.doc.sentences_from(s.src.start)), None)
    if sent is not None and sent.start <= s.src.start and _headline(sent, s.text) and \
            fold((unknown.name or "?").split()[0]) not in given_names(s.lexicon):
        return None  # a heading's capitalised words ("An Ambitious, Divisive Legacy."): no one's name
    at = s.text.find((unknown.name or "").split()[0], s.src.start, s.src.end)
    ahead = s.text[s.src.start:at] if at > s.src.start else ""
    owned = _owned_by_name(s, ahead, s.text[at + len(unknown.name or ""):s.src.end] if at >= 0 else "")
    if owned is not None:
        return owned
    if _speaking_for(ahead, s.lexicon):
        # "Lawyers for both Donald and Ivana Trump": people speaking for the person named
        return Speaker("anonymous", name=s.phrase), "cue-subject", CONFIDENCE["anonymous"]
    return unknown, "cue-subject", CONFIDENCE["unknown-person"]


def _pronoun_source(s: _Source) -> Found | None:
    """``he``, ``she``, ``they`` (two people named together), ``it``."""
    words = s.words
    if len(words) != 1 or words[0] not in PRONOUNS:
        return None
    if words[0] == "they":
        joint = _joint(s.doc, s.src, s.mentions, s.people_seen, s.lexicon, s.date)
        if joint is not None:
            return joint, "pronoun", CONFIDENCE["joint-they"]
    # people named inside reported words are not what a pronoun after them stands for ("'... Obama had
    # will.i.am ...,' he said")
    return _pronoun(words[0], s.at, s.people_before(), s.previous, s.lexicon, introduced=s.introduced)


_LINKS_BEFORE_NAME = frozenset({"of", "for", "at", "from", "with", "to", "by", "and", "or", "'s", "’s", "on", "in",
                                "about", "against", "like", "than", "as"})


def _trailing_surname(phrase: str) -> str | None:
    """The one capitalised word that ends a source after a lower-case word that does not link it to what comes
    before (``a Bloomberg interview Trump``, not ``the campaign of Trump``), or None; the caller rules out a
    phrase with a person's head before it (``The aide to the senator Smith``: the aide speaks)."""
    words = phrase.split()
    if len(words) < 3 or not words[-1][:1].isupper() or not words[-1].isalpha() or words[-1].isupper():
        return None
    before = words[-2]
    if not before.isalpha() or not before.islower() or before in _LINKS_BEFORE_NAME:
        return None
    return words[-1]


def _bare_surname(s: _Source) -> Found | None:
    """A bare surname or ``Mr. Wang``: the person of that name in the article, else in the lexicon."""
    phrase = s.phrase
    core = [w for w in phrase.replace("’s", "").replace("'s", "").split() if not s.lexicon.is_honorific(w.rstrip("."))]
    trailing = _trailing_surname(phrase)
    heads = s.lexicon.words("person-head") | s.lexicon.words("anonymous-head") | s.lexicon.words("group-head")
    if trailing is not None and not any(w.lower().strip(".,") in heads or s.lexicon.is_title_word(w)
                                        for w in phrase.split()[:-1]):  # not "The aide to the senator Smith"  # "In a Bloomberg interview Trump declared": the source ran over the phrase before
        found = _surname(s.text, trailing, s.at, s.people_seen, s.lexicon, s.date, quoted=s.quoted)
        if found is not None and found[0].kind == "person":
            return found
    if not (core and len(core) <= 2 and all(w[:1].isupper() for w in core)) or core[0].lower() in ("the", "a", "an"):
        return None  # "The Hill" is a newspaper, not Rep. French Hill
    before = s.text[max(0, s.src.start - 6):s.src.start].split()  # "Ms." the parser left out of the mention
    gender = s.lexicon.honorific_gender(phrase.split()[0]) or ""
    if gender not in ("m", "f") and before:
        gender = s.lexicon.honorific_gender(before[-1]) or ""
    return _surname(s.text, " ".join(core), s.at, s.people_seen, s.lexicon, s.date, gender, quoted=s.quoted)


def _organisation(s: _Source) -> Found | None:
    """An organisation of the lexicon: ``Xinhua``, ``An article in The New York Times``."""
    phrase = s.phrase
    org = s.lexicon.organisation(phrase) or s.lexicon.organisation(_strip_det(phrase))
    if org is None:  # "An article in The New York Times", "a statement by the Kremlin"
        for sep in (" in ", " by ", " from ", " of "):
            if sep in phrase:
                org = s.lexicon.organisation(phrase.rsplit(sep, 1)[1])
                if org is not None:
                    break
    return (Speaker("organisation", name=org.name), "cue-subject", CONFIDENCE["signed-organisation"]) if org else None


def _described(s: _Source) -> Found | None:
    """``the ministry`` after the ministry was quoted."""
    described = _described_organisation(s.text, s.phrase, s.src.start, s.quoted_orgs, s.lexicon)
    return (described, "cue-subject", CONFIDENCE["described-organisation"]) if described is not None else None


def _document_source(s: _Source) -> Found | None:
    """A document: ``a UN Security Council resolution demanding ...``."""
    document = _document(s.doc, s.src, s.lexicon)
    return (document, "cue-subject", CONFIDENCE["document"]) if document is not None else None


def _title(s: _Source) -> Found | None:
    """A title without a name: the one holder of that office at the date, else (no country given) the latest
    person in the article holding such an office."""
    office = s.lexicon.title_office(_strip_det(s.phrase))
    if office is None:
        return None
    holders = s.lexicon.holders(office.name, as_of=s.date) if office.country else ()
    people = {t.person_id for t in holders}
    if len(people) == 1:
        person = s.lexicon.person(next(iter(people)))
        return _speaker_of(person, s.lexicon, s.date), "title", CONFIDENCE["title-holder"]
    if not office.country:  # "the foreign minister": the latest person in the article holding such an office
        kind = fold(office.name)
        for pos, sp in reversed(s.people_seen):
            if pos < s.at and sp.person_id and any(fold(t.office).startswith(kind)
                                                   for t in s.lexicon.offices_of(sp.person_id, as_of=s.date)):
                return sp, "title", CONFIDENCE["title-earlier-holder"]
    return None


PERSON_HEADS = frozenset({
    "nominee", "candidate", "businessman", "businesswoman", "billionaire", "mogul", "senator", "congressman",
    "congresswoman", "lawmaker", "governor", "mayor", "republican", "democrat", "president", "secretary",
    "chairman", "chairwoman", "spokesman", "spokeswoman", "aide", "adviser", "advisor", "former", "star",
    "developer", "tycoon", "host", "activist", "politician", "leader", "frontrunner", "front-runner", "challenger",
    "incumbent", "veteran", "official", "prosecutor", "judge", "justice", "general", "minister", "diplomat",
})
"""Heads of a definite description that stands for a person the story is about (``the GOP nominee``, ``The
New York businessman``, ``the Republican``)."""


TITLED_REACH = 6_000
"""Characters before a definite description within which the person it stands for was named (a few paragraphs)."""

def _titled_earlier(s: _Source) -> Found | None:
    """``The judge``, ``the senator``, ``The GOP nominee``, ``Pagliano's lawyer`` (after ``An attorney for
    Pagliano, Mark MacDougall``): the person named in the last paragraphs whose title
    in the article (or office) has the description's head, one word for one role (``Justice Frank Nervo``;
    ``Sen. Lindsey Graham``), and its capitalised words (``GOP``: Republican), the one that shares most of its
    other words, the latest of those."""
    words = s.words
    written = s.phrase.split()
    possessor = len(words) >= 2 and words[0].endswith(("'s", "’s")) and s.phrase[:1].isupper()
    # a headline's "Senator from Texas says ...": a role in title case, no determiner, its place after it
    bare = 2 <= len(words) <= 4 and len(words) == len(written) and words[1] in ("from", "of", "for") \
        and written[0][:1].isupper() and words[0] in PERSON_HEADS
    if bare:  # read as "the Texas senator": the head last, the place as its modifier
        words, written = [words[0], *words[2:], words[0]], [written[0], *written[2:], written[0]]
    if not (2 <= len(words) <= 5 and (words[0] in ("the", "this") or possessor or bare)
            and (words[-1] in PERSON_HEADS or words[-1] in s.lexicon.words("person-head"))
            and words[-1] not in ("former", "republican", "democrat", "veteran")) or s.names_a_person():
        return None
    desc = _role_words(" ".join(words[1:]))
    head = _role_words(words[-1])
    if not head:
        return None
    rest = desc - head
    # a proper word of the description ("GOP", "New York", "Libertarian"; the possessor of "Pagliano's lawyer")
    # must be in the person's titles too
    proper = _role_words(" ".join(w for w in written[0 if possessor else 1:-1] if w[:1].isupper())) - head
    best: tuple[int, int, Speaker] | None = None
    seen: set[str] = set()
    lo = bisect.bisect_left(s.people_seen, s.at - TITLED_REACH, key=lambda item: item[0])
    hi = bisect.bisect_left(s.people_seen, s.at, key=lambda item: item[0])
    for pos, sp in reversed(s.people_seen[lo:hi]):
        key = sp.key or sp.name or ""
        if sp.kind != "person" or key in seen:
            continue
        seen.add(key)
        said = title_words(s, sp)
        if not (head <= title_heads(s, sp) and proper <= said):
            continue
        score = len(rest & said)
        if best is None or score > best[0]:
            best = (score, pos, sp)
    if best is None:
        return None
    return best[2], "title", CONFIDENCE["definite-titled"]


def _definite_person(s: _Source) -> Found | None:
    """``The GOP nominee``, ``the Republican``: the person the story is about right now (the previous
    speaker, or the person it just turned to), when the description is one of a person and names no one."""
    words = s.words
    if not (2 <= len(words) <= 5 and words[0] == "the" and words[-1] in PERSON_HEADS):
        return None
    if s.names_a_person():
        return None  # "the late Justice Antonin Scalia": a name resolves it
    head = _role_words(words[-1])

    def other_role(sp: Speaker) -> bool:  # "The GOP nominee" is not the judge who spoke last
        return role_clash(s, sp, head)

    for sp in (s.introduced, s.previous):
        if sp is None or sp.kind != "person" or party_clash(s, sp) or other_role(sp):
            continue  # "The GOP nominee" after a Libertarian candidate spoke is not them
        return sp, "title", CONFIDENCE["definite-description"]
    if words[-1] in s.lexicon.words("story-head"):
        # no one just spoke or was turned to: the person the story names far the most ("The GOP candidate
        # proposes ..." in a story of Trump's plans)
        counts: dict[str, int] = {}
        first: dict[str, Speaker] = {}
        lo = bisect.bisect_left(s.people_seen, s.at - PRONOUN_REACH, key=lambda item: item[0])
        for _, sp in seen_before(s.people_seen[lo:], s.at):  # the story so far, a few pages back at most
            if sp.kind == "person":
                key = sp.key or sp.name or ""
                counts[key] = counts.get(key, 0) + 1
                first.setdefault(key, sp)
        ranked = sorted(counts, key=lambda k: -counts[k])
        if ranked and counts[ranked[0]] >= 3 and (len(ranked) == 1 or counts[ranked[0]] >= 2 * counts[ranked[1]]):
            top = first[ranked[0]]
            if not party_clash(s, top) and not other_role(top):
                return top, "title", CONFIDENCE["definite-description"]
    return None



def _anonymous(s: _Source) -> Found | None:
    """An indefinite or plural description: ``a senior official``, ``officials``."""
    words, phrase = s.words, s.phrase
    if (words and (words[0] in DETERMINERS or words[-1] in s.lexicon.words("anonymous-head")) and not phrase[:1].isupper()) or (
        words and words[0] in ("a", "an", "one")
    ):
        return Speaker("anonymous", name=phrase), "cue-subject", CONFIDENCE["anonymous"]
    return None


def _title_and_family_name(s: _Source) -> Found | None:
    """A title and a name no reader of names took (``French President FranÃ§ois Hollande``: the name garbled
    by a wrong encoding): the one holder of that office at the date, when their family name is the source's
    last word."""
    words = _strip_det(s.phrase).split()
    for k in range(len(words) - 1, 0, -1):
        office = s.lexicon.title_office(" ".join(words[:k]))
        if office is None or not office.country:
            continue
        people = {t.person_id for t in s.lexicon.holders(office.name, as_of=s.date)}
        if len(people) != 1:
            return None
        person = s.lexicon.person(next(iter(people)))
        if fold(person.family) == fold(words[-1].strip(".,;:")):
            return _speaker_of(person, s.lexicon, s.date), "title", CONFIDENCE["title-holder"]
        return None
    return None


def _capitalised(s: _Source) -> Found | None:
    """A capitalised phrase none of the above took: a country's adjective (``Chinese``), else unresolved."""
    if not s.phrase[:1].isupper():
        return None
    country = s.lexicon.country_of_adjective(s.phrase)
    if country:
        return Speaker("organisation", name=country), "cue-subject", CONFIDENCE["country"]
    words = [w for sent in s.doc.sentences if sent.start <= s.src.start < sent.end for w in sent.words
             if s.src.start <= w.start and w.end <= s.src.end]
    heads = [w for w in words if w.upos in ("PROPN", "NOUN") or w.xpos.startswith("NN")]
    if heads and heads[-1] is words[-1] and heads[-1].xpos in ("NNPS", "NNS"):
        # "Republicans", "Senate Democrats", "Lawmakers": a group named by what its members are
        return Speaker("anonymous", name=_strip_det(s.phrase)), "cue-subject", CONFIDENCE["anonymous"]
    if len(heads) >= 2 and heads[-1].text.lower() in ORGANISATION_WORDS:
        # "Clinton Foundation", "Quinnipiac University": a body the lexicon does not know
        return Speaker("organisation", name=_strip_det(s.phrase)), "cue-subject", CONFIDENCE["unknown-organisation"]
    held = _title_and_family_name(s)
    if held is not None:
        return held
    first = s.phrase.split()[0].rstrip(".")
    if s.lexicon.is_honorific(first) and len(s.phrase.split()) >= 2:
        # "Mr. Holtz-Eakin", never named in full: a person, whoever they are
        name = " ".join(s.phrase.split()[1:])
        return Speaker("person", name=name), "surname", CONFIDENCE["honorific-surname"]
    return Speaker("unresolved", name=s.phrase), "none", CONFIDENCE["unresolved-name"]


RESOLVERS: tuple[Callable[[_Source], Found | None], ...] = (
    _coordinated, _group_including, _possessed, _named, _handle, _unknown, _before_apposition, _pronoun_group, _plural_pronoun, _possessive_pronoun,
    _first_person, _pronoun_source, _bare_surname, _headline_name, _organisation, _described, _document_source, _title,
    _titled_earlier, _definite_person, _titled_name, _capitalised_organisation, _described_head, _given_name, _anonymous,
    _unnamed_group, _capitalised,
)
"""The resolvers of a source mention, tried in this order; the first that answers decides. A new way of
resolving speakers is a function here, with its confidence in :data:`quotes.speakers.confidence.CONFIDENCE`."""


def _resolve(text: str, doc: Document, att: Attribution, mentions: Sequence[Mention],
             people_seen: Sequence[tuple[int, Speaker]], previous: Speaker | None, *, lexicon: Lexicon, date: dt.date,
             at: int, quoted_orgs: Sequence[tuple[int, Speaker]] = (), introduced: Speaker | None = None,
             contents: Sequence[Span] = (), quoted: frozenset[str | None] = frozenset(),
             title_words: dict[str, tuple[frozenset[str], frozenset[str]]] | None = None) -> Found:
    src = att.source
    if src is None:
        return UNRESOLVED, "none", CONFIDENCE["no-source"]
    if src.text.lower() in RELATIVE_PRONOUNS:
        antecedent = _antecedent(doc, src)
        if antecedent is not None:  # "China, which accused ...": the noun the pronoun stands for
            return _resolve(text, doc, attrs.evolve(att, source=antecedent), mentions, people_seen, previous,
                            lexicon=lexicon, date=date, at=at, quoted_orgs=quoted_orgs)
    source = _Source(text, doc, src, mentions, people_seen, previous, lexicon, date, at, quoted_orgs, introduced,
                     contents, quoted, {} if title_words is None else title_words)
    for resolver in RESOLVERS:
        found = resolver(source)
        if found is not None:
            return found
    return Speaker("anonymous", name=source.phrase), "cue-subject", CONFIDENCE["description"]
