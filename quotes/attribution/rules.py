"""Attributions from the dependency parse: cue verbs and their subjects and complements, 'according to', quotations attached to the nearest free cue."""

from __future__ import annotations

from collections.abc import Sequence, Set

from ..marks import Quotation
from ..parse import Document, Sentence, Word
from ..records import Span
from .records import (
    RELATIVE_PRONOUNS,
    TIME_WORDS,
    Attribution,
    CueLexicon,
    _dedupe,
    _is_time_word,
    _quote_content,
    quote_kind,
    trimmed_span,
)

NOT_SUBJECT_RELS = {"nsubj:pass", "expl"}


def _words_span(words: Sequence[Word]) -> tuple[int, int]:
    return min(w.start for w in words), max(w.end for w in words)


def _subtree(sent: Sentence, index: int, exclude: Set[int] = frozenset()) -> list[Word]:
    keep = {index}
    changed = True
    while changed:
        changed = False
        for w in sent.words:
            if w.head in keep and w.index not in keep and w.index not in exclude:
                keep.add(w.index)
                changed = True
    return [w for w in sent.words if w.index in keep]


def _children(sent: Sentence, index: int, *rels: str) -> list[Word]:
    return [w for w in sent.words if w.head == index and (not rels or w.deprel.split(":")[0] in rels or w.deprel in rels)]


def _subject(sent: Sentence, verb: Word, seen: frozenset[int] = frozenset(), lexicon: CueLexicon | None = None) -> Word | None:
    for w in _children(sent, verb.index):
        if w.deprel.startswith("nsubj") and w.deprel not in NOT_SUBJECT_RELS and not _is_time_word(w):
            return w
    misread = _misread_name(sent, verb, lexicon)
    if misread is not None:
        return misread
    rel = verb.deprel.split(":")[0]
    if verb.head is not None and verb.head >= 0 and verb.index not in seen and rel in ("conj", "xcomp", "advcl"):
        head = sent.words[verb.head]
        if head.upos in ("VERB", "AUX") or rel == "conj":
            return _subject(sent, head, seen | {verb.index}, lexicon)
    if verb.head is not None and verb.head >= 0 and verb.deprel == "acl" and verb.xpos == "VBG":
        head = sent.words[verb.head]  # "a UN Security Council resolution demanding that ...": the noun speaks
        if head.upos in ("NOUN", "PROPN") and head.index < verb.index:
            return head
    return None


def _misread_name(sent: Sentence, verb: Word, lexicon: CueLexicon | None) -> Word | None:
    """A name the tagger read as a gerund (``Beijing`` -> VBG) opening the sentence, hanging off the cue as a
    clausal subject or auxiliary: the subject, when the lexicon knows it as a country, capital or organisation."""
    first = sent.words[0] if sent.words else None
    if (first is None or lexicon is None or first.head != verb.index or first.xpos != "VBG"
            or not first.text[:1].isupper() or first.deprel.split(":")[0] not in ("csubj", "aux", "nsubj", "advcl")):
        return None
    known = getattr(lexicon, "organisation", None)
    country = getattr(lexicon, "country_of_adjective", None)
    if (known is not None and known(first.text) is not None) or (country is not None and country(first.text)):
        return first
    return None


def _inverted_subject(sent: Sentence, verb: Word) -> Word | None:
    """The speaker right after an inverted cue: the first noun, name or pronoun the verb governs after it."""
    after = [w for w in _children(sent, verb.index) if w.index > verb.index and w.upos in ("PROPN", "PRON", "NOUN")
             and w.deprel.split(":")[0] in ("nsubj", "obj", "obl", "dep", "appos", "nmod", "iobj")]
    if after:
        return after[0]
    nxt = sent.words[verb.index + 1] if verb.index + 1 < len(sent.words) else None
    return nxt if nxt is not None and nxt.upos in ("PROPN", "PRON") else None


def _mention_words(sent: Sentence, head: Word) -> list[Word]:
    """The words of a source mention: the subject's subtree without relative clauses, time phrases
    (``Australia on Saturday``) or trailing punctuation, cut to the contiguous run around the head,
    widened over the parts of a name the parser split (``Mr.`` / ``Wang`` both ``nsubj``), and
    trimmed of leading function words (``after China's foreign ministry``)."""
    words = sent.words
    drop = {w.index for w in words if w.head == head.index and w.start > head.end and (
        w.deprel in ("acl:relcl", "acl", "punct", "parataxis") or _is_time_phrase(sent, w))}
    keep = {w.index for w in _subtree(sent, head.index, drop)}
    lo = hi = head.index
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    # a name the parser split ("Mr." and "Wang" both hanging off "said", "Wang" attached elsewhere)
    while lo - 1 >= 0 and words[lo - 1].upos == "PROPN" and words[lo].upos == "PROPN" and words[lo - 1].deprel != "obj":
        lo -= 1
    while hi + 1 < len(words) and words[hi + 1].upos == "PROPN" and words[hi].upos == "PROPN" and words[hi + 1].head == head.head:
        hi += 1
    while lo < head.index and (words[lo].upos in ("ADP", "SCONJ", "CCONJ", "PUNCT") or words[lo].deprel in ("mark", "cc")):
        lo += 1
    while hi > head.index and words[hi].upos in ("PUNCT", "ADP", "CCONJ"):
        hi -= 1
    return list(words[lo:hi + 1])


def _is_time_phrase(sent: Sentence, w: Word) -> bool:
    return w.deprel.endswith(":tmod") or (w.deprel.split(":")[0] in ("nmod", "obl") and w.text.lower() in TIME_WORDS)


def _antecedent(sent: Sentence, verb: Word, subj: Word) -> Word:
    """For a relative pronoun subject (``..., which had told its citizens``), the noun it stands for."""
    if subj.text.lower() not in RELATIVE_PRONOUNS or subj.upos not in ("PRON", "DET", "SCONJ"):
        return subj
    if verb.deprel == "acl:relcl" and verb.head is not None and verb.head >= 0:
        return sent.words[verb.head]
    # the parser missed the relative clause: the noun right before the pronoun ("China, which had ...")
    for w in reversed(sent.words[:subj.index]):
        if w.upos in ("NOUN", "PROPN"):
            return w
        if w.upos not in ("PUNCT",):
            break
    return subj


def _is_cue(lexicon: CueLexicon, word: Word) -> tuple[str, str] | None:
    """The cue verb's lemma and class (:meth:`quotes.lexicon.Lexicon.is_cue`); an auxiliary only as ``say``."""
    if word.upos == "AUX" and word.lemma != "say":
        return None
    cue = lexicon.is_cue(word)
    if cue is None:
        return None
    return getattr(cue, "lemma", (word.lemma or word.text).lower()), getattr(cue, "cls", "speech")


def _cue_span(text: str, sent: Sentence, verb: Word, lemma: str) -> tuple[Span, str]:
    """The cue as written: the verb with its auxiliaries and a particle (``has said``, ``called on``),
    and its lemma with the particle (``lemma`` is the cue's, which a dictionary lemmatizer may miss)."""
    parts = [verb]
    for w in _children(sent, verb.index, "aux", "compound:prt"):
        if w.deprel.startswith("aux") and w.index < verb.index and verb.index - w.index <= 3:
            parts.append(w)
        elif w.deprel == "compound:prt":
            parts.append(w)
            lemma = f"{lemma} {w.lemma.lower()}"
    if lemma == "call":
        nxt = sent.words[verb.index + 1] if verb.index + 1 < len(sent.words) else None
        if nxt is not None and nxt.text.lower() in ("on", "for", "upon"):
            parts.append(nxt)
            lemma = f"call {nxt.text.lower()}"
    a, b = _words_span(parts)
    return Span.of(text, a, b), lemma


def _content_words(sent: Sentence, verb: Word, lemma: str, object_is_content: frozenset[str]) -> tuple[list[Word], str]:
    """The content of a cue verb and which rule found it."""
    comps = _children(sent, verb.index, "ccomp")
    if comps:
        words = [w for c in comps for w in _subtree(sent, c.index)]
        return words, "ccomp"
    xcomps = _children(sent, verb.index, "xcomp")
    if xcomps:
        x = xcomps[0]
        words = list(_subtree(sent, x.index))
        # what stands between the cue and the xcomp belongs to it: "called on both sides to ..."
        for c in _children(sent, verb.index, "obj", "obl", "iobj"):
            if verb.index < c.index < x.index or (lemma.startswith("call") and c.index > verb.index):
                words += _subtree(sent, c.index)
        return words, "xcomp"
    base = lemma.split(" ")[0]
    if base in object_is_content or lemma in ("call for",):
        objs = _children(sent, verb.index, "obj") or (
            [w for w in _children(sent, verb.index, "obl") if lemma.startswith("call")]
        )
        if objs:
            return [w for o in objs for w in _subtree(sent, o.index)], "obj"
    if verb.deprel == "parataxis" and verb.head is not None and verb.head >= 0:
        own = {w.index for w in _subtree(sent, verb.index)}
        return _longest_run([w for w in sent.words if w.index not in own]), "parataxis"
    paras = _children(sent, verb.index, "parataxis")
    if paras:
        return [w for p in paras for w in _subtree(sent, p.index)], "parataxis"
    return [], ""


def _longest_run(words: list[Word]) -> list[Word]:
    """The contiguous run (by word index) with the most non-punctuation words."""
    runs: list[list[Word]] = []
    for w in words:
        if runs and runs[-1][-1].index == w.index - 1:
            runs[-1].append(w)
        else:
            runs.append([w])
    return max(runs, key=lambda r: sum(1 for w in r if w.upos != "PUNCT"), default=[])


def find_attributions(
    doc: Document,
    quotations: Sequence[Quotation],
    *,
    lexicon: CueLexicon,
    ignore: Sequence[Span] = (),
) -> tuple[Attribution, ...]:
    """Every attribution in a parsed document, in text order."""
    text = doc.text
    object_is_content = lexicon.words("object-is-content")
    quotations = [q for q in quotations if q.depth == 0 and not any(q.span.overlaps(i) for i in ignore)]
    found: list[dict] = []
    # words inside a closed quotation belong to what was said, not to the article's reporting
    quoted_ranges = [(q.inner.start, q.inner.end) for q in quotations if q.closed and len(q.inner.text.split()) >= 4]
    for si, sent in enumerate(doc.sentences):
        if any(sent.start >= i.start and sent.end <= i.end for i in ignore):
            continue
        if not sent.parsed:
            continue
        for w in sent.words:
            # according to X
            if w.text.lower() == "according" and w.index + 1 < len(sent.words) and sent.words[w.index + 1].text.lower() == "to":
                item = _according_to(text, sent, w)
                if item:
                    item["sentence"] = si
                    found.append(item)
                continue
            cue = _is_cue(lexicon, w)
            if cue is None or any(a <= w.start < b for a, b in quoted_ranges):
                continue
            lemma, cls = cue
            cue_span, cue_lemma = _cue_span(text, sent, w, lemma)
            words, rule = _content_words(sent, w, cue_lemma, object_is_content)
            words = [x for x in words if not (cue_span.start <= x.start < cue_span.end)]
            subj = _subject(sent, w, lexicon=lexicon)
            if subj is not None and any(a <= subj.start < b for a, b in quoted_ranges):
                subj = _inverted_subject(sent, w)  # '"...," said Wang': the parser took the quote's subject
            elif subj is None and w.index == 0 and w.text[:1].isupper() and w.xpos == "VBD":
                # 'Said Ellis: "..."': the speaker after the opening verb (a name or a noun: not "Say what you will")
                subj = _inverted_subject(sent, w)
                if subj is not None and subj.upos not in ("PROPN", "NOUN"):
                    subj = None
            source = None
            if subj is not None:
                subj = _antecedent(sent, w, subj)
                mwords = _mention_words(sent, subj)
                a, b = _words_span(mwords)
                source = trimmed_span(text, a, b, keep_marks=True)
            piece = None
            if words:
                a, b = _words_span(words)
                piece = trimmed_span(text, a, b, keep_marks=True)
            found.append({
                "cue": cue_span, "cue_lemma": cue_lemma, "cue_class": cls, "source": source,
                "content": [piece] if piece else [], "rule": rule, "sentence": si, "verb": w,
                "via": "cue-subject" if source else "none",
            })
    _attach_quotations(doc, quotations, found)
    out = []
    for item in found:
        if not item["content"]:
            continue
        content = tuple(sorted(item["content"], key=lambda s: s.start))
        quoted = tuple(sorted(item.get("quoted", []), key=lambda s: s.start))
        out.append(Attribution(
            content=content, kind=quote_kind(text, content, quoted), cue=item["cue"], cue_lemma=item["cue_lemma"],
            cue_class=item["cue_class"], source=item["source"], via=item["via"], quoted=quoted,
            sentence=item["sentence"],
        ))
    out.sort(key=lambda a: (a.content[0].start, a.content[0].end))
    return tuple(_dedupe(out))


SOURCE_STOP = {"who", "which", "that", "when", "while", "as", "because", "since", "after", "before", "if", "whose"}


QUOTE_MARKS = set("\"'“”‘’«»‹›„‚")


def _according_to(text: str, sent: Sentence, according: Word) -> dict | None:
    """``according to X``: X is the noun phrase right after ``to`` (read off the surface, which small
    parsers get wrong less often than the attachment), the content is the rest of the sentence on the
    other side of it."""
    words = sent.words
    to = according.index + 1
    j = to + 1
    src: list[Word] = []
    while j < len(words) and len(src) < 12:
        w = words[j]
        if (w.upos == "PUNCT" and w.text not in ("'s", "’s", "&", ".")) or w.text in QUOTE_MARKS:
            break
        if w.text.lower() in SOURCE_STOP or (w.upos in ("VERB", "AUX") and src and w.xpos not in ("VBN",) and j + 1 < len(words)
                                              and words[j + 1].upos not in ("NOUN", "PROPN")):
            break
        if w.text == "." and src and not src[-1].text[:1].isupper():
            break
        src.append(w)
        j += 1
    while src and src[-1].upos in ("ADP", "CCONJ", "DET", "PUNCT"):
        src.pop()
    if not src:
        return None
    first = according.index
    # what the source reports: the sentence before "according to", or after it when it leads the sentence
    before = [w for w in words[:first] if w.upos != "PUNCT" or w.text in QUOTE_MARKS]
    lead = all(w.upos in ("ADV", "PUNCT", "CCONJ") for w in words[:first])
    if lead:
        rest = list(words[src[-1].index + 1:])
    else:
        rest = list(words[:first])
    while rest and rest[0].upos == "PUNCT" and rest[0].text not in QUOTE_MARKS:
        rest = rest[1:]
    while rest and rest[-1].upos == "PUNCT" and rest[-1].text not in QUOTE_MARKS:
        rest = rest[:-1]
    if not rest or (not before and not lead):
        return None
    a, b = _words_span(src)
    c, d = _words_span(rest)
    content = trimmed_span(text, c, d, keep_marks=True)
    return {
        "cue": Span.of(text, according.start, words[to].end), "cue_lemma": "according to", "cue_class": "according-to",
        "source": trimmed_span(text, a, b, keep_marks=True), "content": [content] if content else [],
        "rule": "according-to", "via": "according-to", "verb": None,
    }


_PLACE = 2048
"""Characters per bucket of :class:`_ByPlace`."""


class _ByPlace:
    """The statements found so far, filed by the stretches of text (:data:`_PLACE` characters) their contents
    cover: those whose content may hold, or lie inside, a quotation are read without reading every statement of
    a long article for each of its quotations. Filing is added to, never taken back, so a statement may be
    offered for a place its content has left: callers test the content itself."""

    def __init__(self, found: list[dict]) -> None:
        self.found = found
        self.places: dict[int, set[int]] = {}
        self.sentences: dict[int, list[int]] = {}  # sentence index -> the statements found in it, in order
        self.number: dict[int, int] = {}
        self.filed = 0

    def file(self, item: dict) -> None:
        """File ``item`` (again) under the places of its content now."""
        n = self.number[id(item)]
        for c in item["content"]:
            for place in range(c.start // _PLACE, c.end // _PLACE + 1):
                self.places.setdefault(place, set()).add(n)

    def _take_new(self) -> None:
        while self.filed < len(self.found):
            item = self.found[self.filed]
            self.number[id(item)] = self.filed
            self.file(item)
            self.sentences.setdefault(item["sentence"], []).append(self.filed)
            self.filed += 1

    def in_sentences(self, sentences: Set[int]) -> list[dict]:
        """The statements found in the sentences of these indices, in the order they were found."""
        self._take_new()
        return [self.found[n] for n in sorted(n for k in sentences for n in self.sentences.get(k, ()))]

    def near(self, start: int, end: int) -> list[dict]:
        """The statements a content of which may overlap ``[start, end]``, in the order they were found."""
        self._take_new()
        numbers: set[int] = set()
        for place in range(max(0, start) // _PLACE, max(0, end) // _PLACE + 1):
            numbers |= self.places.get(place, set())
        return [self.found[n] for n in sorted(numbers)]


def _attach_quotations(doc: Document, quotations: Sequence[Quotation], found: list[dict]) -> None:
    text = doc.text
    last: dict | None = None
    by_place = _ByPlace(found)
    for q in sorted(quotations, key=lambda q: q.span.start):
        inner_words = len(q.inner.text.split())
        # the statements whose contents hold or lie inside the quotation are among those near it
        near = by_place.near(q.span.start - 1, q.span.end + 1)
        # 1. the quotation sits inside a content found by syntax (and is not all of it): a partial quote, of
        # every statement whose content holds it ("According to media, he called to express his 'deep apologies'")
        holders = [f for f in near if any(c.start <= q.inner.start and q.inner.end <= c.end + 1
                                           and not (q.span.start <= c.start and c.end <= q.span.end)
                                           for c in f["content"])]
        if holders:
            for h in holders:
                h.setdefault("quoted", []).extend(q.pieces)
            last = holders[0]
            continue
        # 2. the syntactic content lies inside the quotation: the quotation is the content
        holder = next((f for f in near if f["content"] and f["cue"] is not None
                       and all(q.span.start <= c.start and c.end <= q.span.end for c in f["content"])
                       and not (q.span.start <= f["cue"].start < q.span.end)), None)
        if holder is None:
            holder = _nearest_free_cue(doc, q, by_place)
        if holder is not None:
            if holder.get("from_quote") and holder["cue"] is not None and all(
                c.end <= holder["cue"].start for c in holder["content"]) and q.span.start >= holder["cue"].end:
                holder["content"] = holder["content"] + _quote_content(text, q)  # '"...," he said, "..."'
            else:
                holder["content"] = _quote_content(text, q)
                holder["quoted"] = []
            holder["from_quote"] = True
            holder.setdefault("quoted", []).extend(q.pieces)
            by_place.file(holder)
            last = holder
            continue
        if inner_words < 4:
            continue  # a scare quote or a title, not a statement
        if last is not None and last.get("source") is not None and q.span.start - _end_of(last) < 600:
            found.append({
                "cue": None, "cue_lemma": None, "cue_class": None, "source": last["source"],
                "content": _quote_content(text, q), "quoted": list(q.pieces), "rule": "continuation",
                "via": "continuation", "sentence": _sentence_of(doc, q.span.start), "verb": None,
                "from_quote": True,
            })
            last = found[-1]


def _end_of(item: dict) -> int:
    return max((c.end for c in item["content"]), default=item["cue"].end if item["cue"] else 0)


def _sentence_of(doc: Document, offset: int) -> int:
    """The index of the sentence holding ``offset``, else of the first after it, else of the last."""
    return min(doc.first_sentence(offset), max(0, len(doc.sentences) - 1))


def _nearest_free_cue(doc: Document, q: Quotation, by_place: _ByPlace) -> dict | None:
    """A cue outside the quotation, in a sentence the quotation touches, whose content is not a clause of its own."""
    best, best_dist = None, None
    first = doc.first_sentence(max(0, q.span.start - 1))
    touching = set()
    for i in range(first, len(doc.sentences)):
        s = doc.sentences[i]
        if s.start >= q.span.end + 1:
            break
        if q.span.start < s.end + 1:
            touching.add(i)
    # '"...," Wang told reporters.' split after the closing mark: the next sentence of the paragraph still
    # carries the cue when the quotation ends on a comma (or ?, !, a dash) or the sentence goes on in lower case
    after = next((i for i in range(first, len(doc.sentences)) if doc.sentences[i].start >= q.span.end), None)
    if after is not None:
        gap = doc.text[q.span.end:doc.sentences[after].start]
        inner = q.inner.text.rstrip()
        if not gap.strip() and "\n" not in gap and (inner.endswith((",", "?", "!", "—", "–", "-"))
                                                   or doc.sentences[after].text[:1].islower()):
            touching.add(after)
    for f in by_place.in_sentences(touching):
        if f["cue"] is None:
            continue
        cue = f["cue"]
        if q.span.start <= cue.start < q.span.end:
            continue
        if f["content"] and not f.get("from_quote") and f["rule"] in ("ccomp", "xcomp", "obj", "according-to"):
            continue  # the cue already reports a clause of its own
        if f.get("from_quote") and not (all(c.end <= cue.start for c in f["content"]) and q.span.start >= cue.end):
            continue  # taken by another quotation, and this one is not its second half
        dist = min(abs(cue.start - q.span.end), abs(q.span.start - cue.end))
        if best_dist is None or dist < best_dist:
            best, best_dist = f, dist
    return best
