"""Quotes, cues and source mentions from a parsed document (syntax only; no speaker resolution): two finders and their merge.

## The parse rules (:mod:`.rules`, :mod:`.signed`)

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

## The role tagger (:mod:`.tagger`, :mod:`.linking`, :mod:`.merge`)

A learned tagger of attribution roles: which words are a Source, a Cue or a Content.

Rules over a dependency parse find the quotes that news reporting verbs introduce, but much of what
news copy attributes hangs on words no list of speech verbs holds ("drew support from", "is
convinced") or on parses a small parser gets wrong. This module tags every word of a paragraph as
``B-``/``I-`` Source, Cue or Content (or ``O``) with a small BiLSTM trained on PolNeAR train
(``python -m training.roles_training``), then ties each Content and Source to the nearest Cue.

It reads only the tagging pass (words, lemmas, parts of speech), the quotation marks and the
lexicon's cue words, so it runs on every sentence without the dependency parser. The weights ship in
``quotes/models/roles.pt``; without them :func:`load_role_model` returns ``None`` and the engine
runs on its rules alone.

>>> from quotes.attribution.tagger import labels_to_spans
>>> labels_to_spans(["B-Source", "B-Cue", "B-Content", "I-Content", "O"])
[('Source', 0, 1), ('Cue', 1, 2), ('Content', 2, 4)]
"""

from __future__ import annotations

from .linking import tag_attributions, tag_attributions_many
from .merge import merge_attributions
from .records import Attribution, CueLexicon, quote_kind, trimmed_span
from .rules import find_attributions
from .signed import find_signed, with_signed
from .tagger import MODEL_FILE, RoleModel, load_role_model

__all__ = [
    "MODEL_FILE", "Attribution", "CueLexicon", "RoleModel", "find_attributions", "find_signed",
    "load_role_model", "merge_attributions", "quote_kind", "tag_attributions", "tag_attributions_many", "trimmed_span",
    "with_signed",
]
