"""Extraction: articles in, every statement with its speaker out.

reading -> quotation marks -> date -> parse (the parser only where an attribution can be) ->
attribution -> speakers.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Literal

import attrs

from .attribution import MODEL_FILE as ROLE_MODEL_FILE
from .attribution import (
    Attribution,
    RoleModel,
    find_attributions,
    find_signed,
    merge_attributions,
    tag_attributions_many,
    with_signed,
)
from .dates import article_date
from .errors import InputError, ModelsNotFoundError, QuotesError
from .lexicon import Lexicon
from .marks import find_quotations, normalise_marks
from .parse import PARSE_MAX_WORDS, TAG_ONLY, UNBROKEN, Document, Parser, Sentence, Word, text_cuts
from .reading import Article, first_line_title, read_article
from .records import Diagnostic, Extraction, Quote, Span
from .speakers import find_mentions, resolve_speakers

Method = Literal["rules", "model", "both", "accurate"]

def _cue_word(lexicon: Lexicon, *, thought: bool = True) -> Callable[[Word], bool]:
    """Whether a tagged word is a cue verb of the lexicon (:meth:`Lexicon.is_cue`) or the ``according`` of
    ``according to``; with ``thought=False`` the cues of speech and writing only (a thought inside another's
    statement is no statement of its own: see :func:`quotes.attribution.merge_attributions`)."""
    cache: dict[tuple[str, str], bool] = {}

    def is_cue(w: Word) -> bool:
        if w.text.lower() == "according":
            return True
        key = (w.upos, (w.lemma or w.text).lower())
        if key not in cache:
            cache[key] = lexicon.is_cue(w, thought=thought) is not None
        return cache[key]

    return is_cue


def _selector(lexicon: Lexicon) -> Callable[[Sentence], bool]:
    """Which tagged sentences the rules alone need parsed: those with a cue verb or 'according to'.

    Everything else (names, titles, quotations without a cue in their sentence) needs only the
    tagging pass, and most sentences of an article carry no attribution.
    """
    is_cue = _cue_word(lexicon)
    return lambda sentence: any(is_cue(w) for w in sentence.words)


def _needs_parse(
    docs: Sequence[Document],
    learned: Sequence[Sequence[Attribution]],
    is_cue: Callable[[Word], bool],
) -> list[set[tuple[int, str]]]:
    """Per document, the sentences the rules get to read (``(start, text)`` keys): where the role tagger found a cue
    but no source (the rules may find the cue's subject), where a content it found with neither begins (``Said
    Ellis: "..."``: the rules read the verb and the name), where a cue verb stands inside a learned
    content outside its quotation marks (a statement reported inside another: the tagger gives each
    word to one attribution). Cue sentences the tagger left alone are not parsed: on PolNeAR dev the rules'
    finds there added nothing (who-said-what 66.8 with them, 66.9 without) and cost a third of the time."""
    out = []
    for doc, atts in zip(docs, learned):
        wanted: set[tuple[int, str]] = set()
        out.append(wanted)
        starts = [sent.start for sent in doc.sentences]
        near: list[list[Attribution]] = [[] for _ in doc.sentences]  # the attributions that reach each sentence
        for a in atts:
            reach = [(c.start, c.end) for c in a.content] + ([(a.cue.start, a.cue.start + 1)] if a.cue else [])
            for lo, hi in reach:
                first = max(0, bisect.bisect_right(starts, lo) - 1)
                for k in range(first, bisect.bisect_left(starts, hi)):
                    if not near[k] or near[k][-1] is not a:
                        near[k].append(a)
        for sent, nearby in zip(doc.sentences, near):
            touched = [a for a in nearby if any(c.start < sent.end and sent.start < c.end for c in a.content)
                       or (a.cue is not None and sent.start <= a.cue.start < sent.end)]
            sourceless = any(a.source is None and (
                sent.start <= a.cue.start < sent.end if a.cue is not None
                else sent.start <= a.content[0].start < sent.end)  # 'Said Ellis: "..."': no cue, no source
                for a in nearby)
            cues = [w for w in sent.words if is_cue(w)] if touched else []
            nested = any(c.start <= w.start < c.end and not any(q.start <= w.start < q.end for q in a.quoted)
                         for w in cues for a in touched for c in a.content)
            if sourceless or nested:
                wanted.add((sent.start, sent.text))
    return out


def _read(data: str | bytes, *, name: str | None, skip: bool) -> Article:
    """The article read, or (``skip``) an empty one that says why it could not be read."""
    try:
        return read_article(data, name=name)
    except InputError as exc:
        if not skip or not isinstance(data, (str, bytes)):
            raise
        return Article("", name=name, diagnostics=(Diagnostic("unreadable", f"{exc}; the article was skipped",
                                                              severity="error"),))


def _with_clauses(doc: Document, quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """Each quote marked with whether its content is a clause or quoted words (:attr:`Quote.clause`): a verb
    among the content's words by the tagging pass, or any words in quotation marks."""
    starts = [w.start for w in doc.words]
    out = []
    for q in quotes:
        if q.quoted:
            out.append(q)
            continue
        words = [w for piece in q.content
                 for w in doc.words[bisect.bisect_left(starts, piece.start):bisect.bisect_left(starts, piece.end)]]
        out.append(q if _is_clause(words) else attrs.evolve(q, clause=False))
    return tuple(out)


_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
_NOUN_PHRASE_OPENERS = frozenset({"DET", "NOUN", "PROPN", "ADJ", "NUM", "PRON"})


def _is_clause(words: Sequence[Word]) -> bool:
    """Whether a content's words make a clause: a verb among them that is not inside a relative clause of a
    noun phrase the content opens with (``a draft resolution that would have deplored ...`` is a noun phrase;
    ``the talks would go on`` a clause; ``that taxes rose`` too; so is ``the accusation that Washington
    provoked the war``, whose ``that`` opens the claim)."""
    verbs = [k for k, w in enumerate(words) if w.upos in ("VERB", "AUX")]
    if not verbs:
        return False
    if not words or words[0].upos not in _NOUN_PHRASE_OPENERS or words[0].text.lower() in _RELATIVE:
        return True
    first = verbs[0]
    for k in range(1, first):  # "a resolution that would have deplored ...": the verb is the noun's own
        low = words[k].text.lower()
        if low in _RELATIVE and (low != "that" or words[k + 1].upos in ("VERB", "AUX")):
            return False
    return True  # "China's accusation that Washington provoked the war": a claim's clause


def _long_input(text: str, doc: Document) -> tuple[Diagnostic, ...]:
    """Warnings for text read in pieces (a stretch without a sentence end longer than :data:`UNBROKEN`) and for
    sentences too long to parse (:data:`PARSE_MAX_WORDS`)."""
    out: list[Diagnostic] = []
    cuts = text_cuts(text)
    if cuts:
        out.append(Diagnostic(
            "unbroken-text", f"Text without a sentence end (.!?) for more than {UNBROKEN:,} characters was cut at a "
            f"space {len(cuts):,} time{'s' if len(cuts) > 1 else ''} (the first at character {cuts[0]:,}) and read in "
            "pieces: a statement across a cut may be missed; punctuate the text if you can",
            Span.of(text, cuts[0], cuts[0]), "warning"))
    long = [s for s in doc.sentences if len(s.words) > PARSE_MAX_WORDS]
    if long:
        out.append(Diagnostic(
            "long-sentence", f"{len(long):,} sentence{'s' if len(long) > 1 else ''} of more than {PARSE_MAX_WORDS} "
            f"words (the first {len(long[0].words):,} words, at character {long[0].start:,}) "
            f"{'were' if len(long) > 1 else 'was'} not given to the dependency parser: statements in "
            f"{'them' if len(long) > 1 else 'it'} come from the role tagger alone", Span(long[0].start, long[0].end,
                                                                                     long[0].text), "warning"))
    return tuple(out)


STEP_SHARES = (0.62, 0.80, 0.92)
"""The share of an extraction's time done once the tagging pass, the role tagger and the dependency parser have
run (PolNeAR dev on 2 cores: 14.5, 4.1 and 2.8 of 23.3 s; the speakers and the rest take the last twelfth)."""


def extract_articles(
    articles: Sequence[tuple[str | None, str | bytes]],
    *,
    lexicon: Lexicon,
    parser: Parser,
    role_model: RoleModel | None,
    method: Method = "both",
    date: dt.date | str | None = None,
    dates: Sequence[dt.date | str | None] | None = None,
    titles: Sequence[str | None] | None = None,
    skip_unreadable: bool = False,
    progress: Callable[[float], None] | None = None,
) -> list[Extraction]:
    """Every statement of each ``(name, text)`` article, parsed in one batch, with the resources given
    (an :class:`quotes.engine.Engine` holds them: use ``quotes.extract`` or ``Engine.extract``).

    ``date`` is the date offices are resolved at for every article; ``dates`` gives each its own (a manifest's;
    None where it has none). Without either: the page's HTML metadata, its dateline, a date in its name, the
    latest date written in it, else today with a ``no-date`` warning (see :func:`quotes.dates.article_date`). A
    ``str`` text keeps its offsets (a NUL or a lone surrogate becomes U+FFFD, one for one, with a
    ``replaced-characters`` warning); ``bytes`` or HTML are decoded and cleaned first (offsets are into
    ``result.text``). ``titles`` gives articles their titles (a
    manifest's); without one, the page's own title, else the first line when it reads as a headline.

    ``method`` chooses how statements are found: ``"both"`` runs the learned role tagger on every
    paragraph and the parse rules where they can add to it (a cue the tagger found without a source, a
    statement reported inside a learned content); ``"model"`` the tagger alone (no dependency parse:
    the fastest); ``"rules"`` the parse rules alone; ``"accurate"`` is ``"both"`` with the role tagger
    fine-tuned from a pretrained encoder (:mod:`quotes.attribution.accurate`: slower, an optional extra). Without a role tagger, ``"both"`` falls back to the
    rules with a ``no-role-model`` diagnostic and ``"model"`` raises
    :class:`~quotes.errors.ModelsNotFoundError`.

    Bytes that are no text (binary data) raise :class:`~quotes.errors.InputError`; with ``skip_unreadable``
    such an article becomes an empty extraction whose ``unreadable`` diagnostic (severity error) says why,
    and the others go on.

    ``progress(share)`` hears how much of the batch's work is done (0 to 1) as it goes: while the tagging pass reads
    the text (about three fifths of the time), then after each step and each article (:data:`STEP_SHARES`).
    """
    if method not in ("rules", "model", "both", "accurate"):
        raise QuotesError(f"'method' must be 'rules', 'model', 'both' or 'accurate' (got {method!r})")
    if method == "accurate":  # "both" with the accurate tagger (the engine passes it as role_model)
        if role_model is None:
            raise ModelsNotFoundError("method 'accurate' needs the accurate role tagger (see "
                                      "quotes.attribution.accurate)")
        method = "both"
    lex = lexicon
    read = [_read(text, name=name, skip=skip_unreadable) for name, text in articles]
    texts = [a.text for a in read]
    marks = [find_quotations(a.text, ignore=a.ignore) for a in read]
    if method == "rules":
        role_model = None
    fallback: tuple[Diagnostic, ...] = ()
    if role_model is None and method == "model":
        raise ModelsNotFoundError(f"no role tagger at {ROLE_MODEL_FILE}; use method='both' or 'rules'")
    if role_model is None and method == "both":
        method = "rules"
        fallback = (Diagnostic("no-role-model", f"no role tagger at {ROLE_MODEL_FILE}: quotes were found by the "
                                                "parse rules alone"),)
    learned: list[tuple[Attribution, ...]] = [() for _ in read]
    tagging, tagger, parsing = STEP_SHARES
    tell = progress if progress is not None else (lambda share: None)
    tagged = (lambda share: tell(tagging * share))
    if method == "rules" or role_model is None:
        docs = parser.parse_many(texts, select=_selector(lex), normalise=normalise_marks, progress=tagged)
    else:
        # the tagging pass, then the role tagger; the parser only where the rules can add to it
        docs = parser.parse_many(texts, select=TAG_ONLY, normalise=normalise_marks, progress=tagged)
        learned = tag_attributions_many([(doc, quotations, article.ignore)
                                         for doc, (quotations, _), article in zip(docs, marks, read)],
                                        lexicon=lex, model=role_model, store=parser.store)
        tell(tagger)
        if method == "both":
            wanted = _needs_parse(docs, learned, _cue_word(lex, thought=False))
            docs = parser.add_parses(docs, select=lambda d, s: (s.start, s.text) in wanted[d])
    tell(parsing)
    if dates is not None and len(dates) != len(read):
        raise InputError(f"'dates' has {len(dates)} dates for {len(read)} articles")
    if titles is not None and len(titles) != len(read):
        raise InputError(f"'titles' has {len(titles)} titles for {len(read)} articles")
    out = []
    for i, (article, doc, (quotations, mark_diags), found) in enumerate(zip(read, docs, marks, learned)):
        own = dates[i] if dates is not None else None
        when, source = article_date(article.text, date=own if own is not None else date, name=article.name,
                                    published=article.published, given_by="manifest" if own is not None else "argument")
        title, title_source = _title_of(article, titles[i] if titles is not None else None)
        undated: tuple[Diagnostic, ...] = ()
        if source == "today" and article.text:
            undated = (Diagnostic(
                "no-date", f"No date found (no dateline, none in the file name or the text): titles are checked at "
                f"today's date, {when.isoformat()}; give the article's date (--date, or date= in Python) to check "
                "them at the right one", severity="warning"),)
        attributions = found
        if method != "model":
            rules = find_attributions(doc, quotations, lexicon=lex, ignore=article.ignore)
            attributions = merge_attributions(rules, found) if method == "both" else rules
        attributions = with_signed(find_signed(article.text, quotations, lexicon=lex, ignore=article.ignore), attributions)
        mentions = find_mentions(doc, lexicon=lex, date=when)
        quotes = _with_clauses(doc, resolve_speakers(doc, attributions, mentions, lexicon=lex, date=when))
        out.append(Extraction(
            text=article.text, quotes=quotes, mentions=mentions,
            diagnostics=undated + tuple(article.diagnostics) + _long_input(article.text, doc) + tuple(mark_diags)
            + fallback, date=when,
            date_source=source,
            name=article.name, quotations=tuple(quotations),
            sentences=tuple(Span(s.start, s.end, s.text) for s in doc.sentences),
            title=title, title_source=title_source,
        ))
        tell(parsing + (1 - parsing) * (i + 1) / len(read))
    return out


def _title_of(article: Article, given: str | None) -> tuple[str | None, str | None]:
    """An article's title and where it came from: given (a manifest's), the page's own, else its first line."""
    if given and given.strip():
        return " ".join(given.split()), "manifest"
    if article.title:
        return article.title, "page metadata"
    line = first_line_title(article.text)
    if line:
        at = article.text.find(line)
        if any(s.start < at + len(line) and at < s.end for s in article.ignore):
            return None, None  # web debris ("Connect with us") is no headline
        return line, "first line"
    return None, None
