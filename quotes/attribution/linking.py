"""From the role tagger's labels to attributions: each Content and Source tied to the nearest Cue, over whole articles."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

import attrs

from ..cache import Store
from ..marks import Quotation
from ..parse import Document, Word
from ..records import Span
from .records import TIME_WORDS, Attribution, quote_kind, trimmed_span
from .tagger import RoleModel, labels_to_spans, segments


def _char_span(text: str, words: Sequence[Word]) -> Span | None:
    return trimmed_span(text, min(w.start for w in words), max(w.end for w in words), keep_marks=True)


TIME_LEADS = {"on", "last", "this", "early", "late", "earlier", "later", "in", "at"}


OPENING_TIME_LEADS = TIME_LEADS | {"next"}


SCENE_LEADS = {"at", "on", "in", "during", "after", "before", "while"}


def _source_words(words: Sequence[Word]) -> Sequence[Word]:
    """A source as the speakers module wants it: without the time phrase a tagger may leave on it
    (``Australia on Saturday``) and without the scene after a name (``Wang at an annual press briefing``).
    A relative pronoun stays as written (``which``): the speakers module resolves it. A time phrase before
    the source goes too (``This week Beijing``)."""
    if (len(words) > 2 and words[0].text.lower() in OPENING_TIME_LEADS and words[1].text.lower() in TIME_WORDS
            and words[2].upos in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM")):
        words = words[2:]
    for k in range(1, len(words)):
        low = words[k].text.lower()
        if low in TIME_LEADS and any(w.text.lower() in TIME_WORDS for w in words[k + 1:k + 3]):
            return words[:k]
        if low in SCENE_LEADS and words[k - 1].upos == "PROPN" and words[0].upos == "PROPN":
            return words[:k]
    return words


def _cue_lemma(lexicon: Any, words: Sequence[Word]) -> tuple[str, str | None]:
    verbs = [w for w in words if w.upos in ("VERB", "AUX", "NOUN")] or list(words)
    head = next((w for w in verbs if w.upos == "VERB"), verbs[-1])
    lemma = (head.lemma or head.text).lower()
    cue = lexicon.cue(lemma) if lexicon is not None else None
    if cue is None:
        return lemma, None
    particle = f" {cue.particle}" if getattr(cue, "particle", "") else ""
    return cue.lemma + particle, cue.cls


def _link(doc, quotations, labelled, *, lexicon):
    text = doc.text
    outer = _Outer(q for q in quotations if q.depth == 0)
    sentence_of = {id(w): i for i, s in enumerate(doc.sentences) for w in s.words}
    out: list[Attribution] = []
    previous: Attribution | None = None
    previous_segment = -2
    for number, (segment, labels) in enumerate(labelled):
        spans = labels_to_spans(labels)
        cues = [s for s in spans if s[0] == "Cue"]
        parts: dict[int, dict[str, list[tuple[int, int]]]] = {i: {"Source": [], "Content": []} for i in range(len(cues))}
        loose: list[tuple[int, int]] = []
        for role, a, b in spans:
            if role == "Cue":
                continue
            if not cues:
                if role == "Content":
                    loose.append((a, b))
                continue
            # a cue of a sentence the span begins or ends in before any other, then the nearest: in "Trump said
            # during a rally that Clinton once described it as the gold standard. Clinton now says ...", the
            # content is three words from "now says" but in the sentence of "said"
            ends = (sentence_of.get(id(segment.words[a])), sentence_of.get(id(segment.words[b - 1])))
            nearest = min(range(len(cues)), key=lambda i: (sentence_of.get(id(segment.words[cues[i][1]])) not in ends,
                                                           max(cues[i][1] - b, a - cues[i][2], 0), i))
            parts[nearest][role].append((a, b))
        words = segment.words
        made: list[Attribution] = []
        bare: list[tuple[Span, Span, int]] = []  # (cue, source, sentence) of cues with a source and no content
        for i, (_, a, b) in enumerate(cues):
            pieces = _across_time_phrases(words, sorted(parts[i]["Content"]))
            contents = [s for s in (_char_span(text, words[x:y]) for x, y in pieces) if s is not None]
            cue = _char_span(text, words[a:b])
            sources = sorted(parts[i]["Source"], key=lambda s: max(a - s[1], s[0] - b, 0))
            source = _char_span(text, _source_words(words[_list_start(words, *sources[0]):sources[0][1]])) if sources else None
            document = _document_before(words, a, b, lexicon)
            if document is not None:
                source = _char_span(text, document[1])
                cue = _char_span(text, words[document[0]:b])
                a = document[0]
            lemma, cls = _cue_lemma(lexicon, words[a:b])
            if not contents:
                if cue is not None and source is not None and cls in ("speech", "writing"):
                    bare.append((cue, source, sentence_of.get(id(words[a]), -1)))
                continue
            made.append(_record(text, outer, tuple(sorted(contents, key=lambda s: s.start)), cue, lemma, cls or "other",
                                source, "cue-subject" if source else "none", sentence_of.get(id(words[a]), -1)))
        made = _share_subjects(made, bare)
        for x, y in loose:
            content = _char_span(text, words[x:y])
            if content is None:
                continue
            passive = _passive_cue(words, x, lexicon)
            if passive is not None:  # "It was reported over the weekend that ...": a report with no source
                verb = words[passive]
                lemma, cls = _cue_lemma(lexicon, [verb])
                made.append(_record(text, outer, (content,), _char_span(text, [verb]), lemma, cls or "other", None,
                                    "none", sentence_of.get(id(verb), -1)))
                continue
            if previous is None or previous.source is None or number - previous_segment > 1:
                continue  # no cue, no speaker to continue: nothing to attribute it to
            made.append(_record(text, outer, (content,), None, None, None, previous.source, "continuation",
                                sentence_of.get(id(words[x]), -1)))
        if made:
            previous, previous_segment = max(made, key=lambda m: m.content[-1].end), number
        out.extend(made)
    out.sort(key=lambda m: (m.content[0].start, m.content[0].end))
    return tuple(_join_paragraphs(out, outer))


_TIME_LEADS = frozenset({"last", "this", "next", "earlier", "on", "in", "early", "late"})


def _across_time_phrases(words: Sequence[Word], pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content pieces (word ranges, in order) with a gap that is a time phrase alone between a noun and the
    ``that`` clause it heads closed: ``dismissed a report last week that China asked ...`` is one content, not
    ``a report … that China asked`` (an ellipsis an editor would read as words left out of a quotation)."""
    out: list[tuple[int, int]] = []
    for x, y in pieces:
        if out:
            gap = [w.text.lower() for w in words[out[-1][1]:x]]
            if (0 < len(gap) <= 3 and words[x].text.lower() == "that" and any(g in TIME_WORDS for g in gap)
                    and all(g in TIME_WORDS or g in _TIME_LEADS for g in gap)):
                out[-1] = (out[-1][0], y)
                continue
        out.append((x, y))
    return out


def _document_before(words: Sequence[Word], a: int, b: int, lexicon: Any) -> tuple[int, Sequence[Word]] | None:
    """A participle cue right after a document, and the document: in "China abstained on a UN resolution
    condemning ...", the resolution condemns, whatever the tagger took for the sentence's source (also
    when it ran the cue over the document: "abstained on ... resolution condemning"; the cue is then cut
    to the participle). The noun must be one of the lexicon's documents; the phrase runs back over its
    names (capitalised words, whatever their tag), adjectives, determiner and possessive ("Friday's United
    Nations resolution")."""
    if lexicon is None:
        return None
    for j in range(b - 1, a - 1, -1):
        if j == 0 or (words[j].xpos or "") != "VBG" or words[j - 1].upos != "NOUN":
            continue
        if lexicon.document_noun(words[j - 1].text) is None:
            continue
        k = j - 1
        while k > 0 and (words[k - 1].upos in ("PROPN", "NOUN", "ADJ", "DET", "NUM") or words[k - 1].xpos == "POS"
                         or (words[k - 1].text[:1].isupper() and words[k - 1].upos != "PUNCT")):
            k -= 1
        return j, words[k:j]
    return None


def _passive_cue(words: Sequence[Word], x: int, lexicon: Any) -> int | None:
    """The passive verb of speech or writing a content the tagger left without a cue follows in its sentence
    (``It was reported over the weekend that ...``): its index, or None. The speakers module decides whether
    the report is agentless."""
    if lexicon is None:
        return None
    for k in range(x - 1, max(x - 7, 0), -1):
        if words[k + 1].index == 0:
            break  # words[k] ends an earlier sentence
        w = words[k]
        if w.xpos == "VBN" and words[k - 1].lemma == "be":
            cue = lexicon.cue((w.lemma or w.text).lower())
            return k if cue is not None and cue.cls in ("speech", "writing") else None
    return None


def _share_subjects(made: list[Attribution], bare: Sequence[tuple[Span, Span, int]] = ()) -> list[Attribution]:
    """A cue without a source of its own, after a cue with one in the same sentence, shares the subject of
    the nearest such cue: "Jacobs said ..., adding that ...", "She pushed back ..., saying ... and calling
    him ...". A cue of speech or writing whose content went to another one still counts ('Wang told Kuleba
    that ..., CCTV reported, adding that ...': CCTV adds)."""
    out: list[Attribution] = []
    for att in made:
        if att.source is None and att.cue is not None:
            before = [(m.cue, m.source) for m in out if m.source is not None and m.cue is not None
                      and m.sentence == att.sentence and m.cue.end <= att.cue.start]
            before += [(c, src) for c, src, sentence in bare if sentence == att.sentence and c.end <= att.cue.start]
            if before:
                att = attrs.evolve(att, source=max(before, key=lambda b: b[0].start)[1], via="cue-subject")
        out.append(att)
    return out


def _list_start(words: Sequence[Word], a: int, b: int) -> int:
    """Where a coordinated source starts when the tagger took only its last conjuncts ('the US, [Canada and
    European allies]'): the earlier comma-separated conjuncts (names, with a determiner) join it."""
    if not any(w.upos == "CCONJ" for w in words[a:b]) or not any(w.upos in ("PROPN", "NOUN") for w in words[a:b]):
        return a
    while a >= 2 and words[a - 1].text == "," and words[a - 2].upos == "PROPN":
        k = a - 2
        while k > 0 and words[k - 1].upos == "PROPN":
            k -= 1
        if k > 0 and words[k - 1].upos == "DET":
            k -= 1
        a = k
    return a


def _join_paragraphs(found: list[Attribution], outer: Sequence[Quotation]) -> list[Attribution]:
    """A quotation running over several paragraphs is one statement: the cue-less contents found in its
    later paragraphs join the attribution that holds its first paragraph."""
    for q in outer:
        if len(q.pieces) < 2:
            continue
        inside = [i for i, a in enumerate(found) if any(c.overlaps(p) for c in a.content for p in q.pieces)]
        if len(inside) < 2 or found[inside[0]].cue is None:
            continue
        head, rest = inside[0], [i for i in inside[1:] if found[i].cue is None]
        if not rest:
            continue
        pieces = tuple(sorted(set(found[head].content) | {c for i in rest for c in found[i].content}, key=lambda c: c.start))
        quoted = tuple(sorted(set(found[head].quoted) | {c for i in rest for c in found[i].quoted}, key=lambda c: c.start))
        found[head] = attrs.evolve(found[head], content=pieces, quoted=quoted)
        found = [a for i, a in enumerate(found) if i not in set(rest)]
    return found


class _Outer(list):
    """The outermost quotations of an article, with their pieces sorted by offset (made once per article)."""

    def __init__(self, quotations) -> None:
        super().__init__(quotations)
        self.pieces = sorted((p for q in self for p in q.pieces), key=lambda p: (p.start, p.end))
        self.starts = [p.start for p in self.pieces]


def _pieces(outer) -> tuple[list, list[int]]:
    if not isinstance(outer, _Outer):
        outer = _Outer(outer)
    return outer.pieces, outer.starts


def _record(text, outer, content, cue, lemma, cls, source, via, sentence) -> Attribution:
    pieces, starts = _pieces(outer)
    inside: set[int] = set()
    for c in content:  # the quoted pieces within the content, found by offset (a long article has thousands)
        for k in range(bisect.bisect_left(starts, c.start), bisect.bisect_right(starts, c.end + 1)):
            if pieces[k].end <= c.end + 1:
                inside.add(k)
    quoted = tuple(pieces[k] for k in sorted(inside))
    return Attribution(content=content, kind=quote_kind(text, content, quoted), cue=cue, cue_lemma=lemma,
                       cue_class=cls, source=source, via=via, quoted=quoted, sentence=sentence)


def tag_attributions(
    doc: Document,
    quotations: Sequence[Quotation],
    *,
    lexicon: Any,
    model: RoleModel,
    ignore: Sequence[Span] = (),
    store: Store | None = None,
) -> tuple[Attribution, ...]:
    """Every attribution the role tagger finds in a (tagged) document, in text order; paragraphs
    inside an ``ignore`` region (captions, teasers, boilerplate) are not tagged."""
    return tag_attributions_many([(doc, quotations, ignore)], lexicon=lexicon, model=model, store=store)[0]


def tag_attributions_many(
    articles: Sequence[tuple[Document, Sequence[Quotation], Sequence[Span]]],
    *,
    lexicon: Any,
    model: RoleModel,
    store: Store | None = None,
) -> list[tuple[Attribution, ...]]:
    """:func:`tag_attributions` for several ``(document, quotations, ignore)`` articles, their segments
    tagged in one call (the same results as one
    by one: no chunk of the tagger's batch mixes articles); ``store``: a disk cache for the labels."""
    per_doc = [[s for s in segments(doc, quotations, lexicon=lexicon)
                if not any(i.start <= s.words[0].start and s.words[-1].end <= i.end for i in ignore)]
               for doc, quotations, ignore in articles]
    labels = iter(model.tag([s for segs in per_doc for s in segs], store=store,
                            documents=[d for d, segs in enumerate(per_doc) for _ in segs]))
    return [_link(doc, quotations, [(s, next(labels)) for s in segs], lexicon=lexicon)
            for (doc, quotations, _), segs in zip(articles, per_doc)]
