"""``digest()``: what each speaker said across many articles, with the findings an editor should see.

>>> import datetime as dt
>>> from quotes.records import Extraction, Quote, Span, Speaker
>>> def art(name, text):
...     q = Quote((Span.of(text, 0, len(text)),), "direct", None, None, None, Speaker("person", "Wang Yi", "Q1"),
...               "cue-subject", 0.9, quoted=(Span.of(text, 0, len(text)),))
...     return Extraction(text, (q,), (), (), dt.date(2022, 3, 1), "argument", name)
>>> d = digest([art("a", "We will resolve the issue through negotiations"),
...             art("b", "resolve the issue through negotiations")])
>>> [(s.label, len(s.groups)) for s in d.speakers]
[('Wang Yi', 1)]
>>> [f.code for f in d.findings]
['variant-group']
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import attrs

from .errors import InputError
from .grouping import Occurrence, StatementGroup, group_statements
from .records import Diagnostic, Extraction, Speaker, html_table
from .verification import Finding, LexiconLike, verify_across, verify_article

__all__ = ["ArticleInput", "Digest", "SpeakerDigest", "digest", "is_statement", "named_extractions"]

ArticleInput = Extraction | str | bytes | tuple[str | None, str | bytes]
"""What ``quotes.digest`` and ``quotes.check`` accept per article: an :class:`Extraction`, a text, or
``(name, text)``."""


@attrs.frozen
class SpeakerDigest:
    """Everything one speaker said across the articles."""

    label: str
    """How the speaker is shown (``Wang Yi``, ``a Western diplomat``, ``Wang Yi or Wang Wenbin``)."""
    speaker: Speaker
    """The speaker record."""
    groups: tuple[StatementGroup, ...]
    """The statements attributed to this speaker, most quoted first: each group is listed once, under the speaker
    most of its wordings are given to (named speakers before vague ones)."""
    findings: tuple[Finding, ...]
    """Findings about this speaker's wordings (in ``groups`` and ``also``)."""
    also: tuple[StatementGroup, ...] = ()
    """Statements listed under someone else that some article gives to this speaker too."""


@attrs.frozen
class Digest:
    """The digest of a set of articles."""

    speakers: tuple[SpeakerDigest, ...]
    """One entry per speaker, the speaker with the most statements first."""
    groups: tuple[StatementGroup, ...]
    """Every statement group."""
    findings: tuple[Finding, ...]
    """Every finding, by article and position."""
    articles: tuple[str, ...]
    """The articles' names, in input order."""
    diagnostics: tuple[tuple[str, Diagnostic], ...]
    """``(article name, diagnostic)`` for everything noticed while reading the articles."""
    dates: tuple[tuple[dt.date, str], ...] = ()
    """Each article's date and where it came from (see :func:`quotes.dates.article_date`), as ``articles``."""
    titles: tuple[str | None, ...] = ()
    """Each article's title (``Extraction.title``: a manifest's, the page's, its first line; None where it has
    none), as ``articles``."""
    set_aside: tuple[StatementGroup, ...] = ()
    """Groups left out of the speakers' lists because no wording of theirs is a statement (a lone word: a
    pronoun, a name; an act such as abstaining, or a position with no words (``condemned the invasion``), reported
    without quotation marks; see :func:`is_statement`); in
    ``groups`` too, so nothing is lost."""

    @property
    def statements(self) -> int:
        """How many statement groups the speakers' lists show."""
        return len(self.groups) - len(self.set_aside)

    def _repr_html_(self) -> str:
        """A notebook's view: the counts, the findings to look at, then the speakers with their titles."""
        serious = [f for f in self.findings if f.severity in ("error", "warning")]
        head = (f"{len(self.articles)} article{'s' if len(self.articles) != 1 else ''}, {len(self.speakers)} "
                f"speaker{'s' if len(self.speakers) != 1 else ''}, {len(self.groups)} statement"
                f"{'s' if len(self.groups) != 1 else ''}, {len(serious)} to look at")
        findings = html_table("Findings to look at", ("severity", "code", "article", "where", "message"),
                              [(f.severity, f.code, f.article, f.span.text, f.message) for f in serious])
        speakers = html_table("Speakers", ("speaker", "title", "office", "statements", "findings"),
                              [(s.label, s.speaker.title.text if s.speaker.title else "", s.speaker.office or "",
                                str(len(s.groups)), str(len(s.findings))) for s in self.speakers])
        return f"<div><p>{head}</p>{findings if serious else ''}{speakers}</div>"


def named_extractions(extractions: Sequence[Extraction], *, prefix: str = "#") -> list[Extraction]:
    """The articles with unique names (``#N`` where one has none, ``name~2`` for a second ``name``).

    Raises :class:`~quotes.errors.InputError` for anything but an :class:`Extraction`: texts are extracted
    first (``quotes.digest`` and ``quotes.check`` accept texts and do that).

    >>> named_extractions([])
    []
    """
    out: list[Extraction] = []
    used: set[str] = set()
    for i, ex in enumerate(extractions):
        if not isinstance(ex, Extraction):
            raise InputError(f"article {i} is a {type(ex).__name__}, not an Extraction: pass texts to quotes.digest "
                             "or quotes.check (or an Engine's), which extract them first")
        base = ex.name if ex.name is not None else f"{prefix}{i}"
        name, n = base, 2
        while name in used:
            name, n = f"{base}~{n}", n + 1
        used.add(name)
        if name != ex.name:
            ex = attrs.evolve(ex, name=name)
        out.append(ex)
    return out


def _needs_lexicon(extractions: Sequence[Extraction]) -> bool:
    return any(m.title_office or m.name is not None for ex in extractions for m in ex.mentions)


def default_lexicon(extractions: Sequence[Extraction], lexicon: Any) -> Any:
    """``lexicon``, else the bundled lexicon when an article has mentions to check, else ``None``.

    >>> default_lexicon([], None) is None
    True
    """
    if lexicon is not None or not _needs_lexicon(extractions):
        return lexicon
    from .lexicon import load_lexicon

    return load_lexicon()


UNNAMED = Speaker("anonymous", name="unnamed sources")
"""The one digest entry of the vaguest sources: a lone lower-case word (``many``, ``reports``, ``you``)."""


def _speaker_key(sp: Speaker) -> str:
    """The digest's entry for a speaker: :attr:`Speaker.key`, else (a vague speaker) its kind and label, case
    aside (``PolitiFact`` and ``Politifact`` are one entry); sources that are one lower-case word or a pronoun
    share the entry :data:`UNNAMED` (each wording still says who it is given to).

    >>> _speaker_key(Speaker("organisation", "PolitiFact")) == _speaker_key(Speaker("organisation", "Politifact"))
    True
    >>> _speaker_key(Speaker("anonymous", "They")) == _speaker_key(Speaker("anonymous", "many"))
    True
    >>> _speaker_key(Speaker("person", "Wang Yi", "Q1")), _speaker_key(Speaker("anonymous", "Republicans"))
    ('Q1', 'anonymous:republicans')
    """
    if _unnamed(sp):
        return f"{UNNAMED.kind}:{UNNAMED.label}"
    if sp.key is not None:
        return sp.key if sp.person_id else sp.key.casefold()  # a lexicon id as it is; names case aside
    return f"{sp.kind}:{sp.label.casefold()}"


_PRONOUN_SOURCES = frozenset({"they", "we", "you", "it", "i", "he", "she", "who", "which", "that", "one", "some",
                              "others", "many", "most", "all"})


def _unnamed(sp: Speaker) -> bool:
    words = (sp.name or "").split()
    return sp.kind in ("anonymous", "unresolved", "document") and len(words) == 1 and (
        words[0].islower() or words[0].lower() in _PRONOUN_SOURCES)


def digest(
    extractions: Sequence[Extraction],
    *,
    lexicon: LexiconLike | None = None,
) -> Digest:
    """Group the statements of extracted articles by speaker, with every finding (texts: ``quotes.digest``
    or ``Engine.digest`` extract them first). With ``lexicon=None`` the bundled lexicon is loaded when there
    are person mentions to check.

    >>> digest([]).speakers
    ()
    """
    exs = named_extractions(extractions)
    lex = default_lexicon(exs, lexicon)
    words = getattr(lex, "words", None)
    actions = frozenset(words("action-cue")) if callable(words) else frozenset()
    cues = {(ex.name or "", i): q.cue_lemma for ex in exs for i, q in enumerate(ex.quotes)}
    phrases = {(ex.name or "", i) for ex in exs for i, q in enumerate(ex.quotes) if not q.clause}
    groups = group_statements(exs)
    findings: list[Finding] = []
    for ex in exs:
        findings.extend(verify_article(ex, lexicon=lex))
    findings.extend(verify_across(exs, groups))
    # one finding per problem: the same code, place and message found twice (two statements sharing a
    # pronoun source) is said once
    findings = list({(f.code, f.article, f.span.start, f.span.end, f.message): f for f in findings}.values())
    findings.sort(key=lambda f: f.sort_key)

    by_speaker: dict[str, list[StatementGroup]] = defaultdict(list)
    also_by: dict[str, list[StatementGroup]] = defaultdict(list)
    speaker_of: dict[str, Speaker] = {}
    set_aside = []
    for g in groups:
        if not any(is_statement(o, cues.get((o.article, o.quote_index)), actions,
                                clause=(o.article, o.quote_index) not in phrases) for o in g.occurrences):
            set_aside.append(g)
            continue
        owner = _owner(g)
        by_speaker[owner].append(g)
        seen = {owner}
        for o in g.occurrences:
            k = _speaker_key(o.speaker)
            speaker_of.setdefault(k, UNNAMED if _unnamed(o.speaker) else o.speaker)
            if k not in seen:
                seen.add(k)
                also_by[k].append(g)
    by_article: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_article[f.article].append(f)
    entries = []
    for k in [*by_speaker, *(k for k in also_by if k not in by_speaker)]:
        gs = by_speaker.get(k, [])
        chosen: dict[int, Finding] = {}
        for g in [*gs, *also_by.get(k, ())]:
            for o in g.occurrences:
                if _speaker_key(o.speaker) != k:
                    continue
                for f in by_article.get(o.article, ()):
                    if o.span.start < max(f.span.end, f.span.start + 1) and f.span.start < o.span.end:
                        chosen[id(f)] = f
        mine = tuple(sorted(chosen.values(), key=lambda f: f.sort_key))
        gs_sorted = tuple(sorted(gs, key=lambda g: (-len(g.occurrences), g.occurrences[0].key)))
        sp = speaker_of[k]
        also = tuple(sorted(also_by.get(k, ()), key=lambda g: (-len(g.occurrences), g.occurrences[0].key)))
        entries.append(SpeakerDigest(sp.label, sp, gs_sorted, mine, also))
    entries.sort(key=lambda s: (-len(s.groups), s.speaker.kind == "unresolved", s.label))
    diags = tuple((ex.name or "", d) for ex in exs for d in ex.diagnostics)
    return Digest(tuple(entries), groups, tuple(findings), tuple(ex.name or "" for ex in exs), diags,
                  tuple((ex.date, ex.date_source) for ex in exs), tuple(ex.title for ex in exs), tuple(set_aside))


def is_statement(o: Occurrence, cue: str | None = None, actions: frozenset[str] = frozenset(), *,
                 clause: bool = True) -> bool:
    """Whether a wording is a statement to list: two words or more, or one word in quotation marks that is no
    name (``“disgusting”``); a lone ``It``, ``which`` or ``Machado`` is a fragment the role tagger took for
    reported words. A wording without quotation marks whose cue lemma is one of ``actions`` (the lexicon's
    ``action-cue`` list: ``abstain``, ``veto``) reports an act, not words: no statement either; nor does one
    that is no clause (``clause``: :attr:`quotes.records.Quote.clause`; ``China condemned the invasion``).

    >>> from quotes.records import Span, Speaker
    >>> def occ(text, quoted):
    ...     span = Span(0, len(text), text)
    ...     return Occurrence("a", 0, span, (span,), (span,) if quoted else (), "direct", Speaker("person", "X"), text)
    >>> is_statement(occ("It", False)), is_statement(occ("disgusting", True)), is_statement(occ("we will win", False))
    (False, True, True)
    """
    if not o.quoted and (cue in actions or not clause):
        return False
    words = o.text.split()
    if len(words) >= 2:
        return True
    return bool(o.quoted) and bool(words) and words[0][:1].islower()


def _owner(g: StatementGroup) -> str:
    """The speaker a group is listed under: the one most of its wordings are given to, a named one (a key)
    before vague ones, the earliest on a tie."""
    counts: dict[str, int] = {}
    for o in g.occurrences:
        k = _speaker_key(o.speaker)
        counts[k] = counts.get(k, 0) + (1000 if o.speaker.key is not None else 1)
    return max(counts, key=lambda k: counts[k])  # dicts keep insertion order: max keeps the first of a tie
