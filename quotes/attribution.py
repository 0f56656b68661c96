"""Quotes, cues and source mentions from a parsed document (syntax only; no speaker resolution).

The rules, in the order they run:

1. **Cue verbs** (lemma in the lexicon's cue words): the content is the clausal complement
   (``ccomp``, with its ``that``), else the ``xcomp`` with what precedes it (``called on both sides
   to ...``), else the object for verbs whose object is the statement (``deplores the outbreak``,
   ``praising their 'mutual trust'``), else, for ``"...," he said`` parses where the cue hangs off
   the quote (``parataxis``), the rest of the sentence. The source is the cue's subject, inherited
   through ``conj``/``xcomp``/``advcl`` when the cue has none (``..., saying they had ...``).
2. **According to X**: X is the source, the rest of its clause the content.
3. **Quotation marks**: each quotation inside a content becomes part of it (partial or direct);
   a quotation outside every content takes the nearest free cue in the sentences it touches, else it
   continues the previous quote's source (cueless continuation) when it follows closely.
4. **Signed quotations** (:func:`find_signed`, run for every method): a quotation that is a sentence of
   its own, followed by a dash and a name (``"...." ― Jane Doe``), is that person's, whatever the other
   finders made of it.

Every span is a character range into the document text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import attrs

from .lexicon import NAME_PARTICLES
from .marks import Quotation
from .parse import Document, Sentence, Word
from .records import Span

PUNCT_EDGE = set(" \t\r\n\u00a0,;:.!?—–-\"'“”‘’«»‹›„‚()[]•·▪●■►▸◦‣*")
"""Trimmed off both ends of every span: blanks, punctuation, quotation marks, list bullets."""
OBJECT_IS_CONTENT = {
    "deplore", "condemn", "express", "praise", "reiterate", "stress", "emphasize", "emphasise", "voice",
    "announce", "deny", "reject", "dismiss", "acknowledge", "admit", "welcome", "hail", "slam", "criticize",
    "criticise", "demand", "propose", "pledge", "vow", "promise", "regret", "lament", "decry", "denounce",
    "describe", "call", "offer", "repeat", "confirm", "predict", "recommend", "suggest", "urge", "echo",
    "mock", "blame", "tout", "assail", "deride", "applaud", "rebuke", "rebuff", "discuss", "list", "detail",
    "reference", "quote", "congratulate", "thank", "bemoan", "tweet", "email", "oppose", "challenge", "advocate",
    "prefer", "portray", "articulate", "coin", "dub", "trumpet", "liken",
}
NOT_SUBJECT_RELS = {"nsubj:pass", "expl"}


class CueLexicon(Protocol):
    """What attribution needs from the lexicon."""

    def cue(self, lemma: str):  # -> CueWord | None
        ...


@attrs.frozen
class Attribution:
    """A statement found by syntax: content, cue and source mention, before speakers are resolved."""

    content: tuple[Span, ...]
    """What was said (several pieces for a quote split around its cue or running over paragraphs)."""
    kind: str
    """direct, partial or indirect."""
    cue: Span | None
    cue_lemma: str | None
    cue_class: str | None
    """speech, writing, thought or according-to."""
    source: Span | None
    """The source mention as written, if the sentence has one."""
    via: str
    """cue-subject, according-to, continuation or none."""
    quoted: tuple[Span, ...] = ()
    """Text inside quotation marks (marks excluded) that belongs to the content."""
    sentence: int = -1
    """Index of the sentence holding the cue (or the quote), for ordering and context."""


# -- small helpers over a sentence ---------------------------------------------------------------


def _trim(text: str, start: int, end: int, *, keep_marks: bool = False) -> tuple[int, int]:
    edge = PUNCT_EDGE - set("\"'“”‘’«»‹›„‚") if keep_marks else PUNCT_EDGE
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return start, end


def trimmed_span(text: str, start: int, end: int, *, keep_marks: bool = False) -> Span | None:
    """``text[start:end]`` without surrounding blanks and punctuation (quotation marks kept with
    ``keep_marks``), or None when nothing is left."""
    start, end = _trim(text, start, end, keep_marks=keep_marks)
    return Span.of(text, start, end) if end > start else None


def _words_span(words: Sequence[Word]) -> tuple[int, int]:
    return min(w.start for w in words), max(w.end for w in words)


def _subtree(sent: Sentence, index: int, exclude: set[int] = frozenset()) -> list[Word]:  # type: ignore[assignment]
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


def _subject(sent: Sentence, verb: Word, seen: frozenset[int] = frozenset(), lexicon=None) -> Word | None:  # type: ignore[no-untyped-def]
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


def _misread_name(sent: Sentence, verb: Word, lexicon) -> Word | None:  # type: ignore[no-untyped-def]
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


TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tonight", "morning", "evening", "afternoon", "night", "week", "month", "year", "weekend",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}


TIME_NOUNS = TIME_WORDS | {"day", "days", "weeks", "months", "years", "hours", "minutes", "decade", "decades"}


def _is_time_word(w: Word) -> bool:
    """A subject that is really a time expression the parser misread (``Last month``, ``Three weeks``)."""
    return w.text.lower() in TIME_NOUNS


def _is_time_phrase(sent: Sentence, w: Word) -> bool:
    return w.deprel.endswith(":tmod") or (w.deprel.split(":")[0] in ("nmod", "obl") and w.text.lower() in TIME_WORDS)


RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}


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


# -- cues ------------------------------------------------------------------------------------------


def _is_cue(lexicon: CueLexicon, word: Word) -> tuple[str, str] | None:
    if word.upos not in ("VERB",) and not (word.upos == "AUX" and word.lemma == "say"):
        return None
    lemma = (word.lemma or word.text).lower()
    cue = lexicon.cue(lemma)
    if cue is None or getattr(cue, "pos", "verb") not in ("verb", "phrase"):
        return None
    return getattr(cue, "lemma", lemma), getattr(cue, "cls", "speech")


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


def _content_words(sent: Sentence, verb: Word, lemma: str) -> tuple[list[Word], str]:
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
    if base in OBJECT_IS_CONTENT or lemma in ("call for",):
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


# -- the main entry --------------------------------------------------------------------------------


def find_attributions(
    doc: Document,
    quotations: Sequence[Quotation],
    *,
    lexicon: CueLexicon,
    ignore: Sequence[Span] = (),
) -> tuple[Attribution, ...]:
    """Every attribution in a parsed document, in text order."""
    text = doc.text
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
            words, rule = _content_words(sent, w, cue_lemma)
            words = [x for x in words if not (cue_span.start <= x.start < cue_span.end)]
            subj = _subject(sent, w, lexicon=lexicon)
            if subj is not None and any(a <= subj.start < b for a, b in quoted_ranges):
                subj = _inverted_subject(sent, w)  # '"...," said Wang': the parser took the quote's subject
            source = None
            if subj is not None:
                subj = _antecedent(sent, w, subj)
                mwords = _mention_words(sent, subj)
                a, b = _words_span(mwords)
                source = trimmed_span(text, a, b, keep_marks=True)
            content = None
            if words:
                a, b = _words_span(words)
                content = trimmed_span(text, a, b, keep_marks=True)
            found.append({
                "cue": cue_span, "cue_lemma": cue_lemma, "cue_class": cls, "source": source,
                "content": [content] if content else [], "rule": rule, "sentence": si, "verb": w,
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
        if w.upos == "PUNCT" and w.text not in ("'s", "’s", "&", ".") or w.text in QUOTE_MARKS:
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
    if not rest or not before and not lead:
        return None
    a, b = _words_span(src)
    c, d = _words_span(rest)
    content = trimmed_span(text, c, d, keep_marks=True)
    return {
        "cue": Span.of(text, according.start, words[to].end), "cue_lemma": "according to", "cue_class": "according-to",
        "source": trimmed_span(text, a, b, keep_marks=True), "content": [content] if content else [],
        "rule": "according-to", "via": "according-to", "verb": None,
    }


def _attach_quotations(doc: Document, quotations: Sequence[Quotation], found: list[dict]) -> None:
    text = doc.text
    last: dict | None = None
    for q in sorted(quotations, key=lambda q: q.span.start):
        inner_words = len(q.inner.text.split())
        # 1. the quotation sits inside a content found by syntax (and is not all of it): a partial quote, of
        # every statement whose content holds it ("According to media, he called to express his 'deep apologies'")
        holders = [f for f in found if any(c.start <= q.inner.start and q.inner.end <= c.end + 1
                                           and not (q.span.start <= c.start and c.end <= q.span.end)
                                           for c in f["content"])]
        if holders:
            for holder in holders:
                holder.setdefault("quoted", []).extend(q.pieces)
            last = holders[0]
            continue
        # 2. the syntactic content lies inside the quotation: the quotation is the content
        holder = next((f for f in found if f["content"] and f["cue"] is not None
                       and all(q.span.start <= c.start and c.end <= q.span.end for c in f["content"])
                       and not (q.span.start <= f["cue"].start < q.span.end)), None)
        if holder is None:
            holder = _nearest_free_cue(doc, q, found)
        if holder is not None:
            if holder.get("from_quote") and holder["cue"] is not None and all(
                c.end <= holder["cue"].start for c in holder["content"]) and q.span.start >= holder["cue"].end:
                holder["content"] = holder["content"] + _quote_content(text, q)  # '"...," he said, "..."'
            else:
                holder["content"] = _quote_content(text, q)
                holder["quoted"] = []
            holder["from_quote"] = True
            holder.setdefault("quoted", []).extend(q.pieces)
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


def _quote_content(text: str, q: Quotation) -> list[Span]:
    if len(q.pieces) > 1:
        return list(q.pieces)
    return [q.span] if q.closed else [q.inner]


def _sentence_of(doc: Document, offset: int) -> int:
    for i, s in enumerate(doc.sentences):
        if s.start <= offset < s.end or offset < s.start:
            return i
    return max(0, len(doc.sentences) - 1)


def _nearest_free_cue(doc: Document, q: Quotation, found: list[dict]) -> dict | None:
    """A cue outside the quotation, in a sentence the quotation touches, whose content is not a clause of its own."""
    best, best_dist = None, None
    touching = {i for i, s in enumerate(doc.sentences) if s.start < q.span.end + 1 and q.span.start < s.end + 1}
    # '"...," Wang told reporters.' split after the closing mark: the next sentence of the paragraph still
    # carries the cue when the quotation ends on a comma (or ?, !, a dash) or the sentence goes on in lower case
    after = next((i for i, s in enumerate(doc.sentences) if s.start >= q.span.end), None)
    if after is not None:
        gap = doc.text[q.span.end:doc.sentences[after].start]
        inner = q.inner.text.rstrip()
        if not gap.strip() and "\n" not in gap and (inner.endswith((",", "?", "!", "—", "–", "-"))
                                                   or doc.sentences[after].text[:1].islower()):
            touching.add(after)
    for f in found:
        if f["sentence"] not in touching or f["cue"] is None:
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


def quote_kind(text: str, content: tuple[Span, ...], quoted: tuple[Span, ...]) -> str:
    """direct (at most four letters of the content outside its quoted spans), partial, or indirect (nothing quoted)."""
    if not quoted:
        return "indirect"
    outside = 0
    for c in content:
        chars = [ch for ch in range(c.start, c.end)]
        for ch in chars:
            if any(q.start <= ch < q.end for q in quoted):
                continue
            if text[ch].isalnum():
                outside += 1
    return "direct" if outside <= 4 else "partial"


def _dedupe(items: list[Attribution]) -> list[Attribution]:
    """Drop an attribution whose content lies inside another's with the same cue-less source (nested cues)."""
    out: list[Attribution] = []
    for a in items:
        dup = False
        for b in out:
            if a.content == b.content:
                dup = True
                break
        if not dup:
            out.append(a)
    return out


# -- signed quotations: '"...." ― Jane Doe' ------------------------------------------------------

SIGNATURE_DASHES = ("――", "―", "—", "–", "--")
"""Dashes that sign a quotation with its speaker's name (the horizontal bar, em and en dashes, ``--``)."""
NAME_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "rev", "jr", "sr", "st", "prof", "lt", "col",
                      "sgt", "capt", "hon"}
_NAME_EDGE = ".,;:"
_NAME_FOLLOWERS = tuple(".,;:()[]") + tuple("\"“”«»„'‘")


def _name_after(text: str, i: int) -> tuple[int, int] | None:
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
        initial = len(core) == 1 or core.lower() in NAME_ABBREVIATIONS
        end = j + len(core) + (1 if initial and token[len(core):len(core) + 1] == "." else 0)
        if token != core and not (initial and token[len(core):] == "."):
            break  # 'Carla Sanchez.' / 'Jane Doe, nurse': the name ends at its punctuation
        j = k
        while j < n and text[j] in " \t\u00a0\u2009\u202f":
            j += 1
        if j >= n or text[j] in "\r\n" or text[j] in _NAME_FOLLOWERS:
            break
    if parts == 0 or parts > 6 or (parts == 1 and text[start:end].lower().rstrip(".") in NAME_ABBREVIATIONS):
        return None
    return start, end  # a period stays only after an initial or an abbreviation ('Lucia R.', 'Jr.')


def find_signed(text: str, quotations: Sequence[Quotation], *, ignore: Sequence[Span] = ()) -> tuple[Attribution, ...]:
    """Quotations signed with a dash and a name after their closing mark: ``"...." ― Jane Doe`` (the dash is
    the cue, the name the source). The quotation must be a sentence of its own (it opens its paragraph, or
    follows the end of a sentence or the previous signature, and ends a sentence unless it opens its
    paragraph), and the name must end where it stops (line end, punctuation, the next quotation), so that
    neither a quotation inside the article's own sentence nor a dash going on with one ('"deplorables" —
    Clinton later apologized') signs anything."""
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
        name = _name_after(text, i + len(dash))
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
