"""The engine: one object owns the loaded parser models, the role tagger, the lexicon and the caches.

``quotes.extract``, ``quotes.digest`` and ``quotes.check`` use a default engine (the bundled lexicon, the
shipped or configured models, method ``"both"``, the disk cache ``QUOTES_CACHE`` names, else none). Make
an :class:`Engine` of your own for another lexicon, other models or a disk cache; every call on it reuses
what it loaded.

>>> engine = Engine(method="model")
>>> result = engine.extract("“We will never give up,” said Volodymyr Zelenskyy on Tuesday.", date="2022-03-01")
>>> [(q.kind, q.speaker.name) for q in result.quotes]
[('direct', 'Volodymyr Zelenskyy')]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .cache import Store, default_directory
from .checks import CheckReport
from .checks import check as check_extractions
from .digests import ArticleInput, Digest
from .digests import digest as digest_extractions
from .distributed import WorkerEngine, extract_partitions
from .errors import InputError
from .extraction import Method, extract_articles
from .lexicon import Lexicon, load_lexicon
from .parse import Parser, cache_from_environment
from .records import Extraction
from .store import ArchiveArticle, IndexSummary, Skipped, articles_from_paths, open_store, sha256_of
from .store import Store as Archive

if TYPE_CHECKING:  # pragma: no cover
    from .attribution import RoleModel

__all__ = ["Engine", "check", "default_engine", "digest", "extract", "extract_many"]

METHODS = ("rules", "model", "both", "accurate")
BATCH = 16
"""Articles extracted together between two progress reports (results do not depend on it)."""

Progress = Callable[[int, int], None]
"""``progress(done, total)``: called as articles are extracted. A callable that also has a ``part(done, total)``
method hears, between two such calls, how far the batch under way has got: ``done`` is then a fraction of articles
(``0.37`` of ``1``: a long article a third read), for a bar that moves while one long article is read."""


def _batch_part(part: Callable[[float, int], None], before: int, size: int, total: int) -> Callable[[float], None]:
    """A batch's share of its work (0 to 1) told to ``part`` as articles done: ``before`` + share x ``size``."""
    return lambda share: part(before + share * size, total)


def _lexicon_of(value: Any) -> Lexicon | None:
    if value is None or isinstance(value, Lexicon):
        return value
    if isinstance(value, (str, os.PathLike)):
        return load_lexicon(Path(value))  # a directory of TSV files laid over the bundled lexicon
    raise InputError(f"'lexicon' must be a Lexicon or the path of a lexicon directory (got {type(value).__name__}); "
                     "load one with quotes.load_lexicon(path)")


def _store_of(cache: str | os.PathLike[str] | bool | None) -> Store | None:
    if cache is None:
        return cache_from_environment()
    if cache is False:
        return None
    if cache is True:
        home = default_directory()
        return Store(home / "parses.sqlite") if home is not None else None
    if isinstance(cache, (str, os.PathLike)):
        return Store(Path(cache).expanduser() / "parses.sqlite")
    raise InputError(f"'cache' must be a directory, True (~/.cache/quotes), False (none) or None (QUOTES_CACHE) "
                     f"(got {type(cache).__name__})")


def listed(value: Any, call: str, *, what: str = "articles", one: str = "extract(text)") -> list[Any]:
    """``value`` as a list, or an :class:`InputError` that says what ``call`` wanted and how to give it: a single
    text (``one`` says what to call for it), a dict, a path or something that is no list at all are refused rather
    than read character by character, key by key, or not at all.

    >>> listed(("a", "b"), "digest")
    ['a', 'b']
    >>> listed({"a.txt": "Text."}, "digest")
    Traceback (most recent call last):
    quotes.errors.InputError: digest takes a list of articles, not a dict: for names and texts pass list(d.items())
    """
    if isinstance(value, (str, bytes, bytearray)):
        raise InputError(f"{call} takes a list of {what}, not a single {type(value).__name__}: "
                         f"{f'pass [text] (or use {one})' if one else 'pass a list'}")
    if isinstance(value, Mapping):
        raise InputError(f"{call} takes a list of {what}, not a {type(value).__name__}: "
                         "for names and texts pass list(d.items())")
    if isinstance(value, os.PathLike):
        raise InputError(f"{call} takes a list of {what}, not a path: read the files first, e.g. "
                         "[(p.stem, p.read_text(encoding='utf-8')) for p in sorted(Path(folder).glob('*.txt'))]")
    if not isinstance(value, Iterable):
        raise InputError(f"{call} takes a list of {what} (got {type(value).__name__})")
    return list(value)


def _pairs(articles: Sequence[Any], call: str = "extract_many") -> list[tuple[str | None, str | bytes]]:
    articles = listed(articles, call)
    out: list[tuple[str | None, str | bytes]] = []
    for i, item in enumerate(articles):
        name, text = item if isinstance(item, tuple) and len(item) == 2 else (None, item)
        if not isinstance(text, (str, bytes)) or not (name is None or isinstance(name, str)):
            raise InputError(f"article {i}: expected a text (str or bytes) or a (name, text) pair, "
                             f"got {type(item).__name__}")
        out.append((name, text))
    return out


class Engine:
    """Loaded models, lexicon and caches, and the calls that use them.

    ``lexicon``: a :class:`~quotes.lexicon.Lexicon`, or the path of a lexicon directory laid over the
    bundled one (default: the bundled lexicon). ``models``: a directory of parser models (default:
    ``QUOTES_MODELS``, stanza's English models if installed, else the shipped ones). ``method``: ``"both"``
    (role tagger and parse rules), ``"model"`` (the tagger alone: fastest), ``"rules"``, or ``"accurate"``
    (``"both"`` with the tagger fine-tuned from a pretrained encoder: slower; needs the ``accurate`` extra,
    else :class:`~quotes.errors.ModelsNotFoundError` says how to install it). ``cache``: a
    directory for the disk cache of parses and role labels, ``True`` for ``~/.cache/quotes``, ``False`` for
    none, ``None`` for what ``QUOTES_CACHE`` says (unset: none). Models load on first use.
    """

    def __init__(
        self,
        *,
        lexicon: Lexicon | str | os.PathLike[str] | None = None,
        models: str | os.PathLike[str] | None = None,
        method: Method = "both",
        cache: str | os.PathLike[str] | bool | None = None,
    ) -> None:
        if method not in METHODS:
            raise InputError(f"'method' must be 'rules', 'model', 'both' or 'accurate' (got {method!r})")
        if models is not None and not isinstance(models, (str, os.PathLike)):
            raise InputError(f"'models' must be the path of a directory of parser models, or None (got "
                             f"{type(models).__name__})")
        self.method: Method = method
        self.models = models
        self._lexicon = _lexicon_of(lexicon)
        # what the lexicon was given as (a directory, a Lexicon, None: the bundled one): Dask workers rebuild it
        self._lexicon_origin: str | Lexicon | None = str(lexicon) if isinstance(lexicon, (str, os.PathLike)) else lexicon
        self._cache = cache
        self._parser: Parser | None = None
        self._role: dict[str, RoleModel | None] = {}  # "default", "accurate": once loaded
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<Engine method={self.method!r} models={self.models!r}>"

    # -- what it holds

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon (the bundled one unless another was given), loaded on first use."""
        if self._lexicon is None:
            with self._lock:
                if self._lexicon is None:
                    self._lexicon = load_lexicon()
        return self._lexicon

    @property
    def parser(self) -> Parser:
        """The parser models with their memo and disk cache (:class:`quotes.parse.Parser`)."""
        if self._parser is None:
            with self._lock:
                if self._parser is None:
                    self._parser = Parser(self.models, cache=_store_of(self._cache))
        return self._parser

    @property
    def role_model(self) -> RoleModel | None:
        """The role tagger (None when none is shipped, or with ``method="rules"``); with ``"accurate"`` the
        fine-tuned encoder (:mod:`quotes.attribution.accurate`)."""
        if self.method == "rules":
            return None
        kind = "accurate" if self.method == "accurate" else "default"
        if kind not in self._role:
            with self._lock:
                if kind not in self._role:
                    # imports torch (and, for the accurate one, transformers): only when a tagger is wanted
                    from .attribution import load_role_model
                    from .attribution.accurate import load_accurate_model

                    self._role[kind] = load_accurate_model() if kind == "accurate" else load_role_model()
        return self._role[kind]

    def configured(self, *, lexicon: Lexicon | str | os.PathLike[str] | None = None,
                   method: Method | None = None) -> Engine:
        """An engine with another lexicon or method that shares this one's loaded models and caches."""
        other = Engine(lexicon=lexicon if lexicon is not None else self.lexicon, models=self.models,
                       method=method or self.method, cache=self._cache)
        other._parser = self.parser
        other._role = self._role
        if lexicon is None:
            other._lexicon_origin = self._lexicon_origin
        return other

    def close(self) -> None:
        """Close the disk cache (the engine stays usable; the cache reopens on the next parse)."""
        if self._parser is not None and self._parser.cache is not None:
            self._parser.cache.close()

    # -- the calls

    def extract(self, text: str | bytes, *, date: dt.date | str | None = None, name: str | None = None) -> Extraction:
        """Every statement in one article: content, kind, cue, source as written, and the speaker.

        ``date`` is the date offices are resolved at (default: the latest date written in the text, else
        today; the result says which). ``text`` may be ``str`` (offsets are into it), or ``bytes`` or HTML
        (offsets are into ``result.text``, the decoded/extracted text).
        """
        if not isinstance(text, (str, bytes)):
            raise InputError(f"extract takes a text (str or bytes), got {type(text).__name__}: "
                             "to read a file, pass open(path, encoding='utf-8').read()")
        if name is not None and not isinstance(name, str):
            raise InputError(f"'name' must be a str or None (got {type(name).__name__})")
        pairs = _pairs([(name, text)])
        return extract_articles(pairs, lexicon=self.lexicon, parser=self.parser, role_model=self.role_model,
                                method=self.method, date=date)[0]

    def extract_many(
        self,
        articles: Sequence[str | bytes | tuple[str | None, str | bytes]],
        *,
        date: dt.date | str | None = None,
        dates: Sequence[dt.date | str | None] | None = None,
        titles: Sequence[str | None] | None = None,
        progress: Progress | None = None,
    ) -> list[Extraction]:
        """:meth:`extract` for several texts or ``(name, text)`` articles, parsed in batches (same results,
        faster); ``dates`` gives each article its own date (a manifest's: None where it has none), ``titles``
        its own title;
        ``progress(done, total)`` is called after each batch (and its ``part`` method, where it has one, as a batch
        goes: see :data:`Progress`). An article that is no text (binary bytes) does
        not stop the others: its extraction is empty, with an ``unreadable`` diagnostic."""
        pairs = _pairs(articles)
        if dates is not None:
            dates = listed(dates, "extract_many", what="dates (dates=[...], None where an article has none)", one="")
        if titles is not None:
            titles = listed(titles, "extract_many", what="titles (titles=[...], None where an article has none)", one="")
            wrong = next((t for t in titles if t is not None and not isinstance(t, str)), None)
            if wrong is not None:
                raise InputError(f"'titles' holds a value of type {type(wrong).__name__}: each title is a str or None")
        if dates is not None and len(dates) != len(pairs):
            raise InputError(f"'dates' has {len(dates)} dates for {len(pairs)} articles")
        if titles is not None and len(titles) != len(pairs):
            raise InputError(f"'titles' has {len(titles)} titles for {len(pairs)} articles")
        out: list[Extraction] = []
        part = getattr(progress, "part", None)
        for i in range(0, len(pairs), BATCH):
            batch = pairs[i:i + BATCH]
            told = None if not callable(part) else _batch_part(part, len(out), len(batch), len(pairs))
            out.extend(extract_articles(batch, lexicon=self.lexicon, parser=self.parser,
                                        role_model=self.role_model, method=self.method, date=date,
                                        dates=None if dates is None else dates[i:i + BATCH],
                                        titles=None if titles is None else titles[i:i + BATCH], skip_unreadable=True,
                                        progress=told))
            if progress is not None:
                progress(len(out), len(pairs))
        return out

    def _extracted(self, articles: Sequence[ArticleInput], *, date: dt.date | str | None,
                   progress: Progress | None) -> list[Extraction]:
        """Texts extracted in one run, extractions kept as they are, in input order."""
        articles = listed(articles, "digest")
        texts = [(i, a) for i, a in enumerate(articles) if not isinstance(a, Extraction)]
        done = dict(zip((i for i, _ in texts), self.extract_many([a for _, a in texts], date=date, progress=progress)))
        return [a if isinstance(a, Extraction) else done[i] for i, a in enumerate(articles)]

    def digest(
        self,
        articles: Sequence[ArticleInput],
        *,
        date: dt.date | str | None = None,
        progress: Progress | None = None,
    ) -> Digest:
        """What each speaker said across ``articles`` (extractions, texts or ``(name, text)`` pairs), grouped,
        with every finding; ``date`` applies to the texts."""
        return digest_extractions(self._extracted(articles, date=date, progress=progress), lexicon=self.lexicon)

    def check(
        self,
        draft: ArticleInput,
        *,
        sources: Sequence[ArticleInput] = (),
        store: Archive | str | os.PathLike[str] | None = None,
        date: dt.date | str | None = None,
        progress: Progress | None = None,
    ) -> CheckReport:
        """Check ``draft`` against ``sources`` (each an extraction, a text or a ``(name, text)`` pair):
        titles, speakers, and every quotation's wording. With ``store`` (a :class:`quotes.store.Store` or an
        archive file), the archive's articles that search finds for the draft are sources too (rebuilt from the
        store, not parsed again: see :meth:`quotes.store.Store.sources_for`)."""
        if isinstance(draft, (list, Mapping)) or draft is None:
            raise InputError(f"check takes one draft (an extraction, a text or a (name, text) pair), not a "
                             f"{type(draft).__name__}: the articles to check it against go in sources=[...]")
        sources = listed(sources, "check", what="sources (sources=[...])", one="")
        extracted = self._extracted([draft, *sources], date=date, progress=progress)
        archived: list[Extraction] = []
        if store is not None:
            opened, mine = open_store(store, create=False)
            try:
                archived = opened.sources_for(extracted[0])
            finally:
                if mine:
                    opened.close()
        return check_extractions(extracted[0], sources=[*extracted[1:], *archived], lexicon=self.lexicon)

    def index(
        self,
        articles: Sequence[ArchiveArticle | tuple[str, str | bytes] | str | bytes | os.PathLike[str]],
        store: Archive | str | os.PathLike[str],
        *,
        date: dt.date | str | None = None,
        regroup: bool = False,
        progress: Progress | None = None,
        client: Any = None,
        partition: int | None = None,
    ) -> IndexSummary:
        """Extract ``articles`` into an archive and say what was done: only the articles that are new to it, or
        whose input (or given date) changed, are extracted; each is written in a transaction of its own, so an
        interrupted run loses only the batch being extracted (16 articles at most), never a written article.

        ``articles``: :class:`quotes.store.ArchiveArticle` records (key, input, name, date, title...), ``(name,
        text)`` pairs (the name is the key), texts (keyed by their hash), or paths (``pathlib.Path``: a file, or
        a folder of ``.txt``/``.html`` files). ``store``: a :class:`quotes.store.Store` or an archive file
        (created if absent). ``date`` applies to articles without a date of their own. ``regroup``: group every
        statement of the archive afresh at the end (new statements otherwise join the best existing group).
        ``progress(done, total)`` is called as articles are written.

        ``client``: a ``distributed.Client`` (``pip install 'newsroom-quotes[dask]'``): the articles are extracted by its
        workers in partitions of ``partition`` articles (default 16, as here), each worker with
        an engine of this one's configuration, built once (models and lexicon directories must exist on the
        workers); this process writes the store, article by article in input order, as partitions come back.
        The store is the same as without a client (with the default partition)."""
        items, skipped = _archive_articles(articles)
        given = None if date is None else ArchiveArticle("", "", date=date).date  # checked before any work
        opened, mine = open_store(store)
        try:
            todo: list[tuple[ArchiveArticle, str, dt.date | None]] = []  # (article, status, its own date)
            unchanged = 0
            for own in items:
                # the date given (manifest, else ``date``) is part of what decides 'changed', and is stored
                a = own if own.date is not None or given is None else attrs.evolve(own, date=given)
                if (status := opened.status(a)) == "unchanged":
                    unchanged += 1
                else:
                    todo.append((a, status, own.date))
            counts = {"new": 0, "changed": 0}
            statements = 0
            if progress is not None:
                progress(0, len(todo))
            # closed on the way out: what is left on a cluster is cancelled
            with contextlib.closing(self._batches(todo, date=date, client=client, partition=partition)) as batches:
                for i, batch, results in batches:
                    for (a, was, _), ex in zip(batch, results):
                        bad = next((d for d in ex.diagnostics if d.code == "unreadable"), None)
                        if bad is not None:
                            skipped.append(Skipped(a.key, bad.message))
                            continue
                        statements += opened.write(a, ex, lexicon=self.lexicon)
                        counts[was] += 1
                    if progress is not None:
                        progress(min(i + len(batch), len(todo)), len(todo))
            if regroup:
                opened.regroup()
        finally:
            if mine:
                opened.close()
        return IndexSummary(counts["new"], counts["changed"], unchanged, tuple(skipped), statements, regroup)

    def _batches(self, todo: list[tuple[ArchiveArticle, str, dt.date | None]], *, date: dt.date | str | None,
                 client: Any, partition: int | None,
                 ) -> Generator[tuple[int, list[tuple[ArchiveArticle, str, dt.date | None]], list[Extraction]], None, None]:
        """``(start, batch, extractions)`` in input order: extracted here in batches of :data:`BATCH`, or on
        ``client``'s workers in partitions."""
        if client is None:
            for i in range(0, len(todo), BATCH):
                batch = todo[i:i + BATCH]
                yield i, batch, self.extract_many([(a.label, a.data) for a, _, _ in batch], date=date,
                                                  dates=[d for _, _, d in batch])
            return
        spec, lexicon = self.worker_engine()
        parts = extract_partitions(client, [(a.label, a.data, d) for a, _, d in todo], spec, date=date,
                                   partition=partition, lexicon=lexicon)
        i = 0
        try:
            for results in parts:
                yield i, todo[i:i + len(results)], results
                i += len(results)
        finally:
            parts.close()  # cancels what is left on the cluster

    def worker_engine(self) -> tuple[WorkerEngine, Lexicon | None]:
        """How Dask workers build an engine like this one (:mod:`quotes.distributed`), and the lexicon to send
        them when it was given as a :class:`~quotes.lexicon.Lexicon` rather than a directory."""
        origin = self._lexicon_origin
        cache = self._cache
        if isinstance(cache, os.PathLike) or (isinstance(cache, str) and not cache.startswith("~")):
            cache = os.path.abspath(cache)
        spec = WorkerEngine(type(self), models=None if self.models is None else os.path.abspath(self.models),
                            lexicon=os.path.abspath(origin) if isinstance(origin, str) else None,
                            method=self.method, cache=cache)
        return spec, origin if isinstance(origin, Lexicon) else None


def _names_a_path(text: str) -> bool:
    try:
        return Path(text).expanduser().exists()
    except (OSError, ValueError):  # a name too long for the system, a NUL in it: no path
        return False


def _archive_articles(articles: Sequence[Any]) -> tuple[list[ArchiveArticle], list[Skipped]]:
    """What :meth:`Engine.index` takes, as archive articles."""
    if isinstance(articles, str) and "\n" not in articles and len(articles) < 4096 and _names_a_path(articles):
        raise InputError(f"'articles' is a string naming a path ({articles!r}): pass Path({articles!r}) to index the "
                         "files there, or [text] to index the string itself as an article")
    if isinstance(articles, (str, bytes, os.PathLike)):
        articles = [articles]
    articles = listed(articles, "index")
    out: list[ArchiveArticle] = []
    skipped: list[Skipped] = []
    for i, item in enumerate(articles):
        if isinstance(item, ArchiveArticle):
            out.append(item)
        elif isinstance(item, os.PathLike):
            found, bad = articles_from_paths([item])
            out.extend(found)
            skipped.extend(bad)
        elif isinstance(item, (str, bytes)):
            out.append(ArchiveArticle("sha256:" + sha256_of(item), item, f"#{i}"))
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], (str, bytes)):
            out.append(ArchiveArticle(item[0], item[1], item[0]))
        else:
            raise InputError(f"article {i}: expected an ArchiveArticle, a (name, text) pair, a text or a path, "
                             f"got {type(item).__name__}")
    return out, skipped


# -- the default engine: the one piece of module state ----------------------------------------------

_DEFAULT: list[Engine] = []
_DEFAULT_LOCK = threading.Lock()


def default_engine() -> Engine:
    """The engine ``quotes.extract``, ``quotes.digest`` and ``quotes.check`` use (made on first use)."""
    if not _DEFAULT:
        with _DEFAULT_LOCK:
            if not _DEFAULT:
                _DEFAULT.append(Engine())
    return _DEFAULT[0]


def _engine(lexicon: Any, models: Any, method: Method) -> Engine:
    if models is not None:
        return Engine(lexicon=lexicon, models=models, method=method)
    base = default_engine()
    return base if lexicon is None and method == base.method else base.configured(lexicon=lexicon, method=method)


def extract(
    text: str | bytes,
    *,
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
    date: dt.date | str | None = None,
    name: str | None = None,
    models: str | os.PathLike[str] | None = None,
    method: Method = "both",
) -> Extraction:
    """Every statement in one article, with the default engine (see :meth:`Engine.extract`).

    ``lexicon`` (a Lexicon or a lexicon directory) and ``method`` reuse the default engine's loaded
    models; ``models`` loads other models for this call (for many calls, make an :class:`Engine`).

    >>> result = extract("“We will never give up,” said Volodymyr Zelenskyy on Tuesday.", date="2022-03-01")
    >>> [(q.kind, q.speaker.name, q.content[0].text) for q in result.quotes]
    [('direct', 'Volodymyr Zelenskyy', '“We will never give up,”')]
    """
    return _engine(lexicon, models, method).extract(text, date=date, name=name)


def extract_many(
    articles: Sequence[str | bytes | tuple[str | None, str | bytes]],
    *,
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
    date: dt.date | str | None = None,
    models: str | os.PathLike[str] | None = None,
    method: Method = "both",
    progress: Progress | None = None,
) -> list[Extraction]:
    """:func:`extract` for several texts or ``(name, text)`` articles, parsed in batches (same results, faster)."""
    return _engine(lexicon, models, method).extract_many(articles, date=date, progress=progress)


def digest(
    articles: Sequence[ArticleInput],
    *,
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
    date: dt.date | str | None = None,
    progress: Progress | None = None,
) -> Digest:
    """What each speaker said across ``articles``, with the findings, using the default engine (see
    :meth:`Engine.digest`).

    >>> d = digest([("a", "“We will never give up,” said Volodymyr Zelenskyy on Tuesday."),
    ...             ("b", "Zelenskyy said: “We will never give up.”")], date="2022-03-01")
    >>> [(s.label, len(s.groups)) for s in d.speakers]
    [('Volodymyr Zelenskyy', 1)]
    """
    return _engine(lexicon, None, "both").digest(articles, date=date, progress=progress)


def check(
    draft: ArticleInput,
    *,
    sources: Sequence[ArticleInput],
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
    date: dt.date | str | None = None,
) -> CheckReport:
    """Check ``draft`` against ``sources`` with the default engine (see :meth:`Engine.check`).

    >>> source = ("“We will defend our land, because the truth is on our side and we will win,” "
    ...           "said Volodymyr Zelenskyy on Tuesday.")
    >>> draft = "Zelenskyy said: “We will defend our land, because the truth is on our side and we will lose.”"
    >>> report = check(draft, sources=[source], date="2022-03-01")
    >>> [(f.code, f.severity) for f in report.findings], report.exit_code
    ([('altered-wording', 'error')], 1)
    """
    return _engine(lexicon, None, "both").check(draft, sources=sources, date=date)
