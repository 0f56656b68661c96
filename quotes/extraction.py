"""``extract()``: one article in, every statement with its speaker out.

reading -> quotation marks -> date -> parse (the parser only where an attribution can be) ->
attribution -> speakers.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from .attribution import find_attributions
from .dates import article_date
from .lexicon import Lexicon, load_lexicon
from .marks import find_quotations, normalise_marks
from .parse import Sentence, parse_many
from .reading import Article, read_article
from .records import Extraction
from .speakers import find_mentions, resolve_speakers

def _selector(lexicon: Lexicon):
    """Which tagged sentences get the dependency parser: those with a cue verb or 'according to'.

    Everything else (names, titles, quotations without a cue in their sentence) needs only the
    tagging pass, and most sentences of an article carry no attribution.
    """
    cache: dict[str, bool] = {}

    def is_cue(lemma: str) -> bool:
        if lemma not in cache:
            cue = lexicon.cue(lemma)
            cache[lemma] = cue is not None and cue.pos in ("verb", "phrase")
        return cache[lemma]

    def select(sentence: Sentence) -> bool:
        for w in sentence.words:
            if w.upos in ("VERB", "AUX") and is_cue((w.lemma or w.text).lower()):
                return True
            if w.text.lower() == "according":
                return True
        return False

    return select


def extract(
    text: str | bytes,
    *,
    lexicon: Lexicon | None = None,
    date: dt.date | str | None = None,
    name: str | None = None,
    models: str | os.PathLike[str] | None = None,
) -> Extraction:
    """Every statement in one article: content, kind, cue, source as written, and the speaker.

    ``date`` is the date offices are resolved at (default: the latest date written in the text,
    else today; the result says which). ``text`` may be ``str`` (offsets are into it), or ``bytes``
    or HTML (offsets are into ``result.text``, the decoded/extracted text).

    >>> result = extract("“We will never give up,” said Volodymyr Zelenskyy on Tuesday.", date="2022-03-01")
    >>> [(q.kind, q.speaker.name, q.content[0].text) for q in result.quotes]
    [('direct', 'Volodymyr Zelenskyy', '“We will never give up,”')]
    """
    return extract_many([(name, text)], lexicon=lexicon, date=date, models=models)[0]


def extract_many(
    articles: Sequence[tuple[str | None, str | bytes]],
    *,
    lexicon: Lexicon | None = None,
    date: dt.date | str | None = None,
    models: str | os.PathLike[str] | None = None,
) -> list[Extraction]:
    """:func:`extract` for several ``(name, text)`` articles, parsed in one batch (same results, faster)."""
    lex = lexicon if lexicon is not None else load_lexicon()
    read: list[Article] = [read_article(text, name=name) for name, text in articles]
    docs = parse_many([a.text for a in read], models=models, select=_selector(lex), normalise=normalise_marks)
    out = []
    for article, doc in zip(read, docs):
        when, source = article_date(article.text, date=date)
        quotations, mark_diags = find_quotations(article.text, ignore=article.ignore)
        attributions = find_attributions(doc, quotations, lexicon=lex, ignore=article.ignore)
        mentions = find_mentions(doc, lexicon=lex, date=when)
        quotes = resolve_speakers(doc, attributions, mentions, lexicon=lex, date=when)
        out.append(Extraction(
            text=article.text, quotes=quotes, mentions=mentions,
            diagnostics=tuple(article.diagnostics) + tuple(mark_diags), date=when, date_source=source,
            name=article.name,
        ))
    return out
