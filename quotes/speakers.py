"""Source mentions -> speakers: names, titles, appositions, pronouns and bare surnames.

Works on one parsed article at a time. First every person mention in the article is found (runs of
proper nouns the lexicon knows, with the title written in front of them); then each attribution's
source is resolved, in this order: a person named in the source (``Foreign Minister Wang Yi``,
``Dmitry Medvedev, deputy head of ...``), a bare surname or ``Mr. Wang`` (the one person of that
name in the article; *ambiguous* when the article has two), a pronoun (the most recent compatible
person, preferring the previous speaker), a title without a name (the holder of that office at the
article's date), an organisation or document, an anonymous description; else unresolved. Last, an
indefinite description that the next paragraph names while restating the claim ("A senior Russian
official warned ..." / "Dmitry Medvedev, deputy head of Russia's Security Council, said ...") becomes
that person (``named-later``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence

import attrs

from .attribution.records import RELATIVE_PRONOUNS, TIME_NOUNS, Attribution
from .lexicon import NAME_PARTICLES
from .parse import Document, Sentence, Word
from .records import LEXICON_ONLY_CONFIDENCE, Mention, Quote, Span, Speaker, UNRESOLVED

PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "it": "n", "i": "", "we": "p"}
ANONYMOUS_HEADS = {
    "official", "officials", "source", "sources", "diplomat", "diplomats", "analyst", "analysts", "expert",
    "experts", "observer", "observers", "critic", "critics", "person", "people", "aide", "aides", "insider",
    "insiders", "spokesperson", "spokesman", "spokeswoman", "lawmaker", "lawmakers", "resident", "residents",
    "witness", "witnesses", "member", "members", "voter", "voters", "supporter", "supporters",
}
DETERMINERS = {"a", "an", "one", "some", "several", "two", "three", "many", "other", "another", "senior", "the"}


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


@attrs.frozen
class _Person:
    id: str
    name: str
    family: str
    gender: str


NOT_NAMES = {"neither", "either", "both", "nor", "and", "but", "or", "only", "even", "all", "not", "no", "yet",
             "also", "then", "so", "if", "when", "while", "as", "after", "before", "since", "though", "although"}
"""Function words that open a sentence capitalised and that a tagger may read as the first word of a name."""


def find_mentions(doc: Document, *, lexicon, date: dt.date) -> tuple[Mention, ...]:  # type: ignore[no-untyped-def]
    """Every mention of a lexicon person in the article, with the title written in front of it."""
    text = doc.text
    out: list[Mention] = []
    for sent in doc.sentences:
        words = sent.words
        i = 0
        while i < len(words):
            if words[i].upos != "PROPN" or words[i].text.lower() in NOT_NAMES:
                i += 1  # "Neither Clinton nor ...": a capitalised function word the tagger took for a name
                continue
            j = i
            while j + 1 < len(words):
                # the next proper noun, over lower-case name particles ("Ursula von der Leyen")
                k = j + 1
                while k < len(words) and words[k].text.lower() in NAME_PARTICLES:
                    k += 1
                if k >= len(words) or words[k].upos != "PROPN" or k - j > 3:
                    break
                j = k
            # strip possessive markers and honorifics from the run
            run = [w for w in words[i:j + 1] if w.text not in ("'s", "’s")]
            while run and lexicon.is_honorific(run[0].text.rstrip(".")):
                run = run[1:]
            mention = _mention_from_run(text, sent, run, lexicon=lexicon, date=date) if run else None
            if mention is not None:
                out.append(mention)
            i = j + 1
    return tuple(out)


def _mention_from_run(text: str, sent: Sentence, run: list[Word], *, lexicon, date) -> Mention | None:  # type: ignore[no-untyped-def]
    # the person's name may be preceded by title words tagged PROPN ("President Xi Jinping"):
    # try the longest name suffix the lexicon knows, the rest is title
    for k in range(len(run)):
        name_words = run[k:]
        name = text[name_words[0].start:name_words[-1].end]
        if len(name_words) == 1 and k == 0 and not _single_is_name(name, lexicon):
            continue
        cands = lexicon.candidates(name, as_of=date)
        if not cands:
            continue
        top = cands[0]
        exact = top.score >= 0.95 and len(name_words) >= 2
        if not exact and len(name_words) >= 2:
            continue
        title_span, office = _title_before(text, sent, name_words[0], lexicon)
        name_span = Span.of(text, name_words[0].start, name_words[-1].end)
        if exact:
            speaker = _speaker_of(top.person, lexicon, date)
        else:
            speaker = Speaker("unresolved", name=name)
        start = title_span.start if title_span else name_span.start
        return Mention(Span.of(text, start, name_span.end), name_span, title_span,
                       office.name if office else None, speaker)
    return None


def _single_is_name(name: str, lexicon) -> bool:  # type: ignore[no-untyped-def]
    return bool(lexicon.candidates(name)) and not lexicon.is_title_word(name)


def _title_before(text: str, sent: Sentence, first: Word, lexicon):  # type: ignore[no-untyped-def]
    """The longest phrase right before a name that the lexicon reads as a title."""
    best = (None, None)
    idx = first.index
    for k in range(1, 7):
        if idx - k < 0:
            break
        start = sent.words[idx - k].start
        phrase = text[start:first.start].strip()
        if not phrase or phrase.endswith((",", ".", ";", ":")):
            break
        office = lexicon.title_office(phrase)
        if office is not None:
            best = (Span.of(text, start, start + len(phrase)), office)
    return best


def _speaker_of(person, lexicon, date: dt.date) -> Speaker:  # type: ignore[no-untyped-def]
    tenures = lexicon.offices_of(person.id, as_of=date)
    office = tenures[0].office if tenures else None
    return Speaker("person", name=person.name, person_id=person.id, office=office)


def resolve_speakers(
    doc: Document,
    attributions: Sequence[Attribution],
    mentions: Sequence[Mention],
    *,
    lexicon,  # type: ignore[no-untyped-def]
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
    for att in attributions:
        if att.source is not None:
            att = attrs.evolve(att, source=_complete_name(doc, att.source, people_seen, lexicon=lexicon, date=date))
        at = att.cue.start if att.cue else att.content[0].start
        recent = previous if previous is not None and _paragraphs_between(text, previous_at, at) <= 2 else None
        carried = by_source.get((att.source.start, att.source.end)) if att.source is not None else None
        if att.via == "continuation" and (carried or previous) is not None:
            speaker, how, conf = carried or previous, "continuation", 0.75
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


NAMED_LATER_HEADS = {"official", "diplomat", "aide", "spokesman", "spokeswoman", "spokesperson", "minister",
                     "lawmaker", "adviser", "advisor", "envoy", "ambassador", "general", "commander", "negotiator"}
NAMED_LATER_RANKS = {"senior", "top", "high-ranking", "leading", "former", "key", "veteran", "powerful", "prominent"}
NAMED_LATER_SHARED = 3
"""Content words the described statement and the named one must share (``Moscow``, ``sanctions``, ``nuclear``)."""
_FUNCTION_WORDS = {"that", "this", "with", "from", "over", "into", "could", "would", "will", "should", "their",
                   "they", "them", "have", "been", "were", "which", "what", "when", "there", "about", "also"}


def _content_words(quote: Quote) -> set[str]:
    words = {w.strip(".,;:!?\"'“”‘’()").lower() for c in quote.content for w in c.text.split()}
    return {w for w in words if len(w) >= 4 and w.isalpha() and w not in _FUNCTION_WORDS}


def _named_later(text: str, quotes: list[Quote], lexicon) -> list[Quote]:  # type: ignore[no-untyped-def]
    """News copy often introduces a speaker by description and names them a paragraph later, restating the
    claim: "A senior Russian official also warned that Moscow could ... opt out of the last remaining
    nuclear arms pact ... / Dmitry Medvedev, deputy head of Russia's Security Council, said the sanctions
    ... suggesting Russia could opt out of the New Start nuclear arms control treaty". An indefinite
    description (``a``/``an``, a role noun) becomes the person named as the source of a statement within
    the next two paragraphs when that statement shares :data:`NAMED_LATER_SHARED` content words with the
    described one and the description's other words (``Russian``) are borne out by the named source
    (``Russia's Security Council``). A description with nothing but a rank ("an aide", "a veteran diplomat")
    stays anonymous: in PolNeAR train the person named next was someone else both times."""
    out = list(quotes)
    for i, q in enumerate(quotes):
        if q.speaker.kind != "anonymous" or q.source is None or q.cue is None:
            continue
        words = _fold(q.source.text).split()
        if len(words) < 2 or words[0] not in ("a", "an") or words[-1] not in NAMED_LATER_HEADS:
            continue
        modifiers = [w for w in words[1:-1] if w not in NAMED_LATER_RANKS]
        if not modifiers:  # "an aide", "a veteran diplomat": nothing to tie the description to a name
            continue
        said = _content_words(q)
        for later in quotes[i + 1:]:
            if later.cue is None or _paragraphs_between(text, q.cue.start, later.cue.start) > 2:
                break
            if later.speaker.kind != "person" or later.resolution not in ("cue-subject", "apposition") or later.source is None:
                continue
            same = [x for x in quotes[i + 1:] if x.speaker == later.speaker and x.cue is not None
                    and _paragraphs_between(text, later.cue.start, x.cue.start) == 0]
            shared = said & set().union(*(_content_words(x) for x in same))
            if len(shared) < NAMED_LATER_SHARED:
                continue
            named = _fold(later.source.text)
            if all(m in named or (lexicon.country_of_adjective(m) or "\0").lower() in named for m in modifiers):
                out[i] = attrs.evolve(q, speaker=later.speaker, resolution="named-later", confidence=0.6)
            break
    return out


def _antecedent(doc: Document, pronoun: Span) -> Span | None:
    """The run of nouns and names right before a relative pronoun (punctuation between allowed)."""
    sent = _sentence_at(doc, pronoun.start)
    if sent is None:
        return None
    before = [w for w in sent.words if w.end <= pronoun.start]
    while before and before[-1].upos == "PUNCT":
        before.pop()
    if before and before[-1].text.lower() in ("and", "but", "or"):
        # "China, which did not ... and which had accused ...": the second stands for what the first does
        earlier = next((w for w in reversed(before) if w.text.lower() in RELATIVE_PRONOUNS), None)
        return _antecedent(doc, Span.of(doc.text, earlier.start, earlier.end)) if earlier is not None else None
    run: list[Word] = []
    while before and before[-1].upos in ("NOUN", "PROPN"):
        run.insert(0, before.pop())
    while len(run) > 1 and run[0].text.islower() and run[0].text in TIME_NOUNS:
        run.pop(0)  # "This week Beijing, which ...": the time phrase is not part of the name
    if run and run[-1].upos == "NOUN":
        # "China is the only major government that ...": the government is the subject of the copula
        k = len(before)
        while k and before[k - 1].upos in ("ADJ", "DET", "ADV"):
            k -= 1
        if k >= 2 and before[k - 1].lemma == "be" and before[k - 2].upos == "PROPN":
            j = k - 2
            while j and before[j - 1].upos == "PROPN":
                j -= 1
            run = before[j:k - 1]
    return Span.of(doc.text, run[0].start, run[-1].end) if run else None


def _resolve(text, doc, att, mentions, people_seen, previous, *, lexicon, date, at, quoted_orgs=()):  # type: ignore[no-untyped-def]
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
        how = "apposition" if first.span.start > src.start + 1 and "," in text[src.start:first.span.start] else "cue-subject"
        return first.speaker, how, 0.95 if how == "cue-subject" else 0.9
    phrase = src.text.strip()
    unknown = _unknown_person(doc, src, lexicon, date)
    if unknown is not None:
        return unknown, "cue-subject", 0.7
    low = _fold(phrase)
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
        first = phrase.split()[0].rstrip(".").lower()
        if first not in HONORIFIC_GENDER and before:
            first = before[-1].rstrip(".").lower()
        gender = HONORIFIC_GENDER.get(first, "")
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
            kind = _fold(office.name)
            for pos, sp in reversed(people_seen):
                if pos < at and sp.person_id and any(_fold(t.office).startswith(kind) for t in lexicon.offices_of(sp.person_id, as_of=date)):
                    return sp, "title", 0.7
    if words and (words[0] in DETERMINERS or words[-1] in ANONYMOUS_HEADS) and not phrase[:1].isupper() or (
        words and words[0] in ("a", "an", "one")
    ):
        return Speaker("anonymous", name=phrase), "cue-subject", 0.6
    if phrase[:1].isupper():
        country = lexicon.country_of_adjective(phrase) if hasattr(lexicon, "country_of_adjective") else None
        if country:
            return Speaker("organisation", name=country), "cue-subject", 0.7
        return Speaker("unresolved", name=phrase), "none", 0.3
    return Speaker("anonymous", name=phrase), "cue-subject", 0.5


ORGANISATION_WORDS = {
    "times", "post", "news", "journal", "council", "ministry", "bank", "union", "house", "agency", "department",
    "party", "government", "committee", "office", "institute", "university", "association", "commission", "court",
    "assembly", "congress", "senate", "parliament", "group", "company", "corp", "inc", "ltd", "fund",
    "organization", "organisation", "nations", "states", "kingdom", "republic", "federation", "television",
    "radio", "press", "herald", "tribune", "guardian", "telegraph", "mail", "daily", "weekly", "review",
    "foundation", "center", "centre", "forum", "network", "service", "police", "army", "navy", "force", "forces",
    "club", "school", "college", "embassy", "administration", "cabinet", "security", "general", "street",
    "city", "county", "state", "hill", "valley", "island", "media", "music", "research", "services",
    "enforcement", "attorney", "carolina", "dakota", "virginia", "york", "jersey", "hampshire", "angeles",
}


def _unknown_person(doc: Document, src: Span, lexicon, date: dt.date) -> Speaker | None:  # type: ignore[no-untyped-def]
    """A person the lexicon does not know, named in the source: the last run of two or three capitalised
    proper nouns that reads as a personal name (``The European Union's foreign policy chief Josep
    Borrell`` -> Josep Borrell), never an organisation, a country or a title."""
    words = [w for s in doc.sentences if s.start <= src.start < s.end or src.start <= s.start < src.end
             for w in s.words if src.start <= w.start and w.end <= src.end]
    runs: list[list[Word]] = [[]]
    for w in words:
        if (w.upos == "PROPN" and w.text[:1].isupper() and w.text.replace("-", "").replace(".", "").isalpha()
                and w.text.lower() not in NOT_NAMES):
            if runs[-1] and runs[-1][-1].index != w.index - 1:
                runs.append([])
            runs[-1].append(w)
        elif runs[-1]:
            runs.append([])
    for run in reversed([r for r in runs if r]):
        while run and (lexicon.is_honorific(run[0].text.rstrip(".")) or lexicon.is_title_word(run[0].text)
                       or lexicon.title_office(run[0].text) is not None
                       or (run[0].text.endswith(".") and len(run[0].text) <= 5)):  # "Sen.", "Rep.", "Gov."
            run = run[1:]
        for k in range(0, len(run) - 1):  # a name the lexicon knows, whatever the date ("Democrat Hillary Clinton")
            tail = doc.text[run[k].start:run[-1].end]
            known = list({c.person.id: c for c in lexicon.candidates(tail) if c.score >= 0.95}.values())
            if len(known) == 1:
                return _speaker_of(known[0].person, lexicon, date)
        # middle initials ("George W. Bush", "Lucia R. Ferrer Solis") do not count
        core = [w for i, w in enumerate(run) if not (0 < i < len(run) - 1 and len(w.text.rstrip(".")) == 1)]
        if not 2 <= len(core) <= 3:
            continue
        name = doc.text[run[0].start:run[-1].end]
        if any(w.text.lower() in ORGANISATION_WORDS or len(w.text.rstrip(".")) < 2 or w.text.isupper() for w in core):
            continue
        if lexicon.organisation(name) is not None or any(lexicon.country_of_adjective(w.text) for w in run):
            continue
        return Speaker("person", name=name)
    return None


def _strip_det(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _pronoun(word, at, people_seen, previous, lexicon):  # type: ignore[no-untyped-def]
    want = PRONOUNS[word]
    if want in ("m", "f"):
        def ok(sp: Speaker) -> bool:
            if sp.kind != "person":
                return False
            if sp.person_id is None:
                return True
            g = lexicon.person(sp.person_id).gender
            return g in ("", want, "x")
        if previous is not None and (ok(previous) or previous.kind == "ambiguous"):
            return previous, "pronoun", 0.8 if previous.kind == "person" else 0.3
        for pos, sp in reversed(people_seen):
            if pos < at and ok(sp):
                return sp, "pronoun", 0.7
        return UNRESOLVED, "pronoun", 0.2
    if previous is not None and (previous.kind == "organisation" and want in ("n", "p")
                                 or previous.kind == "document" and want == "n" or previous.kind == "joint" and want == "p"):
        return previous, "pronoun", 0.6
    return UNRESOLVED, "pronoun", 0.2


def _paragraphs_between(text: str, a: int, b: int) -> int:
    a, b = min(a, b), max(a, b)
    return sum(1 for line in text[a:b].split("\n")[1:] if line.strip())


HONORIFIC_GENDER = {"mr": "m", "ms": "f", "mrs": "f", "miss": "f", "madam": "f", "sir": "m", "lady": "f", "lord": "m"}


def _surname(text: str, name: str, at: int, people_seen, lexicon, date, gender: str = ""):  # type: ignore[no-untyped-def]
    """A bare surname: the one person of that name named earlier in the article; with several, the one
    named or quoted within the last two paragraphs; else ambiguous, naming them all."""
    key = _fold(name)
    in_article: dict[str, Speaker] = {}
    latest: dict[str, int] = {}
    for pos, sp in people_seen:
        if pos >= at:
            continue
        if sp.person_id is None:
            parts = (sp.name or "").split()
            names = {_fold(parts[0]), _fold(parts[-1]), _fold(sp.name or "")} if parts else set()
        else:
            p = lexicon.person(sp.person_id)
            names = {_fold(p.family), _fold(p.name)} | {_fold(a) for a in p.aliases}
        if key in names and not (gender and sp.person_id and lexicon.person(sp.person_id).gender not in ("", gender, "x")):
            pid = sp.person_id or f"name:{sp.name}"
            in_article.setdefault(pid, sp)
            latest[pid] = max(latest.get(pid, -1), pos)
    if len(in_article) == 1:
        return next(iter(in_article.values())), "surname", 0.85
    if len(in_article) > 1:
        last_id = max(latest, key=lambda pid: latest[pid])
        if _paragraphs_between(text, latest[last_id], at) <= 2:
            return in_article[last_id], "surname", 0.6
        cands = tuple(dict.fromkeys(sp.name or "" for sp in in_article.values()))
        if len(cands) == 1:  # namesakes the article cannot tell apart by name either: the latest
            return in_article[last_id], "surname", 0.5
        return Speaker("ambiguous", name=name, candidates=cands), "surname", 0.3
    cands = [c for c in lexicon.candidates(name, as_of=date) if c.score >= 0.5
             and (not gender or c.person.gender in ("", gender, "x"))]
    if not cands:
        return None
    in_office = [c for c in cands if lexicon.offices_of(c.person.id, as_of=date)]
    pool = in_office or cands
    if len(pool) == 1:
        return _speaker_of(pool[0].person, lexicon, date), "surname", 0.6
    # the article speaks of one candidate's office ("the foreign ministers also talked"): that one
    folded = _fold(text)
    salient = [c for c in in_office if _office_in_text(folded, c.person.id, lexicon, date)]
    if len(salient) == 1:
        return _speaker_of(salient[0].person, lexicon, date), "surname", 0.5
    names = tuple(dict.fromkeys(c.person.name for c in pool[:5]))
    return Speaker("ambiguous", name=name, candidates=names), "surname", LEXICON_ONLY_CONFIDENCE


def _office_in_text(low: str, person_id: str, lexicon, date) -> bool:  # type: ignore[no-untyped-def]
    """Whether the article (folded: lower case, no accents) names the kind of office the person held at
    the date (``foreign minister``)."""
    for tenure in lexicon.offices_of(person_id, as_of=date):
        words = _fold(tenure.office).split(" of ")[0].strip()
        if words and (words in low or words.rstrip("s") + "s" in low):
            return True
    return False


# -- names the source cut, agentless reports, documents, joint speakers ---------------------------------


def _sentence_at(doc: Document, offset: int) -> Sentence | None:
    return next((s for s in doc.sentences if s.start <= offset < s.end), None)


def _complete_name(doc: Document, src: Span, people_seen, *, lexicon, date: dt.date) -> Span:  # type: ignore[no-untyped-def]
    """A one-word source cut inside a name (``Wang [Yi] also offered``): widened over the one or two
    capitalised words right before it when together they are a full name the lexicon knows (one person) or
    a person already named in the article; else the source as it was."""
    text = doc.text
    if " " in src.text.strip() or not src.text[:1].isupper():
        return src
    # the words right before it, in its sentence or at the end of the one before (a splitter may cut a name)
    before = [w for s in doc.sentences if s.start < src.start for w in s.words if w.end <= src.start][-2:]
    seen = {_fold(sp.name or "") for _, sp in people_seen}
    for k in (1, 2):
        if len(before) < k:
            break
        run = before[-k:]
        if not all(w.text[:1].isupper() and w.text.replace("-", "").isalpha() and w.text.lower() not in NOT_NAMES
                   for w in run) or text[run[-1].end:src.start] != " ":
            break
        if any(text[a.end:b.start] != " " for a, b in zip(run, run[1:])):
            break
        name = text[run[0].start:src.end]
        known = {c.person.id for c in lexicon.candidates(name, as_of=date) if c.score >= 0.95}
        if len(known) == 1 or _fold(name) in seen:
            return Span.of(text, run[0].start, src.end)
    return src


AGENTLESS = Speaker("anonymous", name="unnamed reports")
"""The speaker of an agentless report (``It was reported that ...``): no source is written."""


def _agentless(doc: Document, att: Attribution, lexicon) -> bool:  # type: ignore[no-untyped-def]
    """Whether the cue is a passive verb of speech or writing with an expletive ``it`` and no agent:
    ``It was reported over the weekend that ...``, ``It has been said that ...``."""
    if att.cue is None:
        return False
    sent = _sentence_at(doc, att.cue.start)
    if sent is None:
        return False
    verb = next((w for w in sent.words if att.cue.start <= w.start < att.cue.end and w.xpos == "VBN"), None)
    if verb is None:
        return False
    cue = lexicon.cue((verb.lemma or verb.text).lower()) or lexicon.cue(verb.text.lower())
    if cue is None or cue.cls not in ("speech", "writing"):
        return False
    k, passive = verb.index - 1, False
    while k >= 0 and (sent.words[k].lemma in ("be", "have") or sent.words[k].xpos in ("RB", "MD")):
        passive = passive or sent.words[k].lemma == "be"
        k -= 1
    return passive and k >= 0 and sent.words[k].text.lower() == "it" and sent.words[k].upos == "PRON"


DOCUMENT_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
                        "another", "one", "new", "latest", "last"}
DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
POSTMODIFIER_LEADS = {"by", "of", "from", "in", "on", "at", "for", "with", "issued", "released", "signed", "published"}


def _document(doc: Document, src: Span, lexicon) -> Speaker | None:  # type: ignore[no-untyped-def]
    """A source headed by a document noun of the lexicon (``a UN Security Council resolution``, ``the Chinese
    readout``), named by its owner and noun (``UN Security Council resolution``) or, without an owner, as
    written without its determiner. A definite one (``Friday's United Nations resolution``, ``the
    resolution``) is the latest earlier document of that noun whose owner is the same or a body of it
    (``UN Security Council`` for ``United Nations``)."""
    sent = _sentence_at(doc, src.start)
    if sent is None:
        return None
    words = [w for w in sent.words if src.start <= w.start and w.end <= src.end]
    cut = next((i for i, w in enumerate(words) if i and w.text.lower() in POSTMODIFIER_LEADS), len(words))
    words = words[:cut]
    while words and words[-1].upos == "PUNCT":
        words.pop()
    if not words or words[-1].upos not in ("NOUN", "PROPN"):
        return None
    noun = lexicon.document_noun(words[-1].text)
    if noun is None:
        return None
    definite = False
    k = 0
    while k < len(words) - 1:
        low = words[k].text.lower()
        nxt = words[k + 1].text if k + 1 < len(words) else ""
        if low in DOCUMENT_DETERMINERS:
            definite = definite or low in DEFINITE
            k += 1
        elif nxt in ("'s", "’s") and k + 2 < len(words):  # "Friday's", "the council's": a possessive is definite
            definite = True
            k += 2
        else:
            break
    words = words[k:]
    owner, name = _document_name(doc.text, sent, words[-1])
    if definite:
        earlier = _earlier_document(doc, noun, owner, before=src.start, lexicon=lexicon)
        if earlier is not None:
            name = earlier
    if name is None:
        name = doc.text[words[0].start:words[-1].end]
    return Speaker("document", name=name)


def _document_name(text: str, sent: Sentence, head: Word) -> tuple[str | None, str | None]:
    """The owner written before a document noun (the capitalised run, over at most two lower-case modifiers
    in between: ``UN General Assembly`` in ``a UN General Assembly emergency session vote``) and the name
    owner + noun, or (None, None) when no owner is written."""
    k = head.index - 1
    skipped = 0
    while k >= 0 and skipped < 2 and sent.words[k].upos in ("NOUN", "ADJ") and sent.words[k].text.islower():
        k -= 1
        skipped += 1
    run: list[Word] = []
    while k >= 0 and sent.words[k].text[:1].isupper() and sent.words[k].upos not in ("DET", "PRON", "PUNCT"):
        run.insert(0, sent.words[k])
        k -= 1
    if not run or any(text[a.end:b.start].strip() for a, b in zip(run, run[1:])):
        return None, None
    owner = text[run[0].start:run[-1].end]
    return owner, f"{owner} {head.text}"


def _earlier_document(doc: Document, noun: str, owner: str | None, *, before: int, lexicon) -> str | None:  # type: ignore[no-untyped-def]
    """The name of the latest document of this noun named with an owner before ``before`` whose owner is
    ``owner``'s organisation or a body of it; None if there is none."""
    def key(name: str) -> str:
        org = lexicon.organisation(name)
        return _fold(org.name if org is not None else name)

    want = key(owner) if owner else None
    found = None
    for sent in doc.sentences:
        if sent.start >= before:
            break
        for w in sent.words:
            if w.end > before or w.upos not in ("NOUN", "PROPN") or lexicon.document_noun(w.text) != noun:
                continue
            other, name = _document_name(doc.text, sent, w)
            if other is None:
                continue
            have = key(other)
            if want is None or have == want or have.startswith(want + " "):
                found = name
    return found


def _joint(doc: Document, src: Span, mentions, people_seen, lexicon, date: dt.date) -> Speaker | None:  # type: ignore[no-untyped-def]
    """``they`` for two or three people named together just before it (``Putin met Xi ... and they
    signed``, or in the sentence before): a joint speaker. The people are those named earlier in the
    pronoun's sentence, else in the sentence before it; a bare surname counts when it resolves to one person."""
    index = next((i for i, s in enumerate(doc.sentences) if s.start <= src.start < s.end), None)
    if index is None:
        return None
    for lo in (doc.sentences[index].start, doc.sentences[index - 1].start if index else None):
        if lo is None:
            break
        members: dict[str, str] = {}
        for m in mentions:
            if not (lo <= m.span.start and m.span.end <= src.start):
                continue
            sp = m.speaker
            if sp.kind != "person" and sp.name:
                found = _surname(doc.text, sp.name, m.span.start + 1, people_seen, lexicon, date)
                sp = found[0] if found is not None else sp
            if sp.kind == "person" and sp.name:
                members.setdefault(sp.person_id or sp.name, sp.name)
        if len(members) in (2, 3):
            names = tuple(members.values())
            return Speaker("joint", name=" and ".join(names), candidates=names)
        if members:
            return None
    return None


def _described_organisation(text: str, phrase: str, at: int, quoted_orgs, lexicon) -> Speaker | None:  # type: ignore[no-untyped-def]
    """``the US news agency``: a definite description, a country and an organisation noun of the lexicon, is
    the latest organisation of that country the article quoted within the last two paragraphs (``according
    to Bloomberg, ...``); None when there is no such organisation or the description names no country."""
    words = phrase.split()
    if len(words) < 3 or words[0].lower() != "the" or lexicon.organisation_noun(words[-1]) is None:
        return None
    countries = {c for c in (lexicon.country_of_adjective(w) for w in words[1:-1]) if c}
    if len(countries) != 1:
        return None
    country = next(iter(countries))
    for pos, sp in reversed(quoted_orgs):
        if pos >= at or _paragraphs_between(text, pos, at) > 2:
            break
        org = lexicon.organisation(sp.name or "")
        if org is not None and org.country == country:
            return sp
    return None
