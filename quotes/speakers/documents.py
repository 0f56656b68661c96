"""Documents as speakers: 'a UN Security Council resolution demanding ...', and a definite one to the earlier document it names."""

from __future__ import annotations

from itertools import pairwise

from ..lexicon import Lexicon
from ..lexicon.names import fold
from ..parse import Document, Sentence, Word
from ..records import Span, Speaker
from .mentions import _sentence_at

DOCUMENT_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
                        "another", "one", "new", "latest", "last"}


DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"}


POSTMODIFIER_LEADS = {"by", "of", "from", "in", "on", "at", "for", "with", "issued", "released", "signed", "published"}


def _document(doc: Document, src: Span, lexicon: Lexicon) -> Speaker | None:
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
    if not run or any(text[a.end:b.start].strip() for a, b in pairwise(run)):
        return None, None
    owner = text[run[0].start:run[-1].end]
    return owner, f"{owner} {head.text}"


def _earlier_document(doc: Document, noun: str, owner: str | None, *, before: int, lexicon: Lexicon) -> str | None:
    """The name of the latest document of this noun named with an owner before ``before`` whose owner is
    ``owner``'s organisation or a body of it; None if there is none."""
    def key(name: str) -> str:
        org = lexicon.organisation(name)
        return fold(org.name if org is not None else name)

    want = key(owner) if owner else None
    found = None
    for n, i in _places_of_documents(doc, lexicon).get(noun, ()):
        sent = doc.sentences[n]
        w = sent.words[i]
        if sent.start >= before:
            break
        if w.end <= before and w.upos in ("NOUN", "PROPN"):
            other, name = _document_name(doc.text, sent, w)
            if other is None:
                continue
            have = key(other)
            if want is None or have == want or have.startswith(want + " "):
                found = name
    return found


def _places_of_documents(doc: Document, lexicon: Lexicon) -> dict[str, list[tuple[int, int]]]:
    """Each document noun of the lexicon -> the ``(sentence index, word index)`` places of its forms in the
    document, in text order (built once per document: a long article's definite documents each look only at
    these)."""
    def build() -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = {}
        for written, places in doc.where.items():
            noun = lexicon.document_noun(written)
            if noun is not None:
                out.setdefault(noun, []).extend(places)
        return {noun: sorted(places) for noun, places in out.items()}

    # kept with the lexicon it was made with, so that no other lexicon can take its address (and its key)
    _, places = doc.derived(f"document-nouns {id(lexicon)}", lambda: (lexicon, build()))
    return places
