"""Extraction on a Dask cluster: partitions of articles extracted by workers, results back in input order.

Each worker process builds one engine per configuration (:class:`WorkerEngine`: the engine's class, models
directory, lexicon directory, method and cache) the first time a partition needs it and keeps it for every
later partition: the models load once per worker, not once per partition. The results are the extractions a
single :meth:`quotes.Engine.extract_many` gives, whatever the partitioning (every article is extracted on its
own; batching does not change results). Nothing here writes a store: the caller (:meth:`quotes.Engine.index`)
writes what comes back, in its own process.

Dask is an optional extra (``pip install 'newsroom-quotes[dask]'``); it is imported only when a partition is submitted,
and without it :func:`require_dask` raises a :class:`~quotes.errors.QuotesError` that names the extra.

>>> partitions(5, 2)
[(0, 2), (2, 4), (4, 5)]
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Generator, Sequence
from typing import Any, Protocol

import attrs

from .errors import QuotesError
from .records import Extraction

__all__ = ["MAX_PARTITION", "WorkerEngine", "extract_on", "extract_partitions", "partitions", "require_dask"]

MAX_PARTITION = 16
"""The partition when none is given: the batch of ``Engine.index`` in one process (``engine.BATCH``). The engine's
results can depend on which articles are extracted together (on 50 PolNeAR articles, batches of 13 instead of 16
gave one statement more in one article); with this partition a cluster run writes exactly what one process writes."""

Article = tuple[str, str | bytes, dt.date | str | None]
"""``(name, data, date)``: an article's name, its input (text, bytes or HTML) and its own date (None: the
fallback date, else what the article says)."""


class Extractor(Protocol):
    """What a worker's engine must do (:class:`quotes.Engine` does)."""

    def extract_many(self, articles: Any, *, date: Any = None, dates: Any = None) -> list[Extraction]: ...

    def configured(self, *, lexicon: Any = None, method: Any = None) -> Any: ...


@attrs.frozen
class WorkerEngine:
    """How a worker builds its engine; picklable and hashable (the key of the worker's engines)."""

    make: Callable[..., Extractor]
    """The engine's class (:class:`quotes.Engine`), called with the keywords below."""
    models: str | None = None
    """A directory of parser models (None: what the worker finds: ``QUOTES_MODELS``, stanza's, the shipped ones)."""
    lexicon: str | None = None
    """A lexicon directory laid over the bundled lexicon, on the worker's machine (None: the bundled one)."""
    method: str = "both"
    """``"both"``, ``"model"`` or ``"rules"``."""
    cache: str | bool | None = False
    """The worker's parse cache: a directory, True (``~/.cache/quotes``), False (none), None (``QUOTES_CACHE``)."""

    def build(self) -> Extractor:
        return self.make(models=self.models, lexicon=self.lexicon, method=self.method, cache=self.cache)


_ENGINES: dict[tuple[str, WorkerEngine], tuple[Extractor, threading.Lock]] = {}
"""Per worker (its address) and configuration: the engine, and the lock that lets one partition use it at a time."""
_ENGINES_LOCK = threading.Lock()


def _worker_engine(spec: WorkerEngine) -> tuple[Extractor, threading.Lock]:
    """The engine this worker keeps for ``spec``, built on first use (workers sharing a process keep one each)."""
    try:
        from distributed import get_worker

        address = str(get_worker().address)
    except (ImportError, ValueError):  # called outside a worker (tests, a synchronous scheduler)
        address = ""
    with _ENGINES_LOCK:
        if (address, spec) not in _ENGINES:
            _ENGINES[(address, spec)] = (spec.build(), threading.Lock())
        return _ENGINES[(address, spec)]


def extract_partition(spec: WorkerEngine, articles: Sequence[Article], date: dt.date | str | None,
                      lexicon: Any = None) -> list[Extraction]:
    """One partition's extractions, in order, with this worker's engine for ``spec`` (the task a worker runs).
    ``lexicon``: a lexicon object to use instead of ``spec.lexicon`` (sent once to every worker)."""
    engine, lock = _worker_engine(spec)
    if lexicon is not None:
        engine = engine.configured(lexicon=lexicon)
    with lock:
        return engine.extract_many([(name, data) for name, data, _ in articles], date=date,
                                   dates=[d for _, _, d in articles])


def require_dask() -> None:
    """Import Dask's distributed scheduler, or say which extra installs it."""
    try:
        import distributed  # noqa: F401
    except ImportError as e:
        raise QuotesError("indexing on Dask needs dask.distributed: pip install 'newsroom-quotes[dask]' "
                          f"({e})") from e


def partitions(n: int, size: int) -> list[tuple[int, int]]:
    """``[start, end)`` ranges of ``size`` items (the last one shorter) covering ``n`` items."""
    if size < 1:
        raise QuotesError(f"'partition' must be at least 1 article (got {size})")
    return [(i, min(i + size, n)) for i in range(0, n, size)]


def extract_partitions(
    client: Any,
    articles: Sequence[Article],
    spec: WorkerEngine,
    *,
    date: dt.date | str | None = None,
    partition: int | None = None,
    lexicon: Any = None,
) -> Generator[list[Extraction], None, None]:
    """Every partition's extractions, partition after partition in input order, as they come back: all the
    partitions are submitted at once to ``client`` (a ``distributed.Client``), the first yielded as soon as it
    is done. ``partition``: articles a partition (default :data:`MAX_PARTITION`). ``lexicon``: a lexicon object the workers use instead of ``spec.lexicon``.
    Unfinished partitions are cancelled when the iterator is closed early (an interrupt, an error)."""
    require_dask()
    articles = list(articles)
    if not articles:
        return
    size = partition if partition is not None else MAX_PARTITION
    shared = None if lexicon is None else client.scatter(lexicon, broadcast=True)
    futures = [client.submit(extract_partition, spec, articles[a:b], date, shared, pure=False)
               for a, b in partitions(len(articles), size)]
    try:
        for future in futures:
            yield future.result()
    finally:
        client.cancel([f for f in futures if not f.done()])


def extract_on(
    client: Any,
    articles: Sequence[Article],
    spec: WorkerEngine,
    *,
    date: dt.date | str | None = None,
    partition: int | None = None,
    lexicon: Any = None,
) -> list[Extraction]:
    """Every article's extraction on ``client``'s workers, in input order (see :func:`extract_partitions`)."""
    return [ex for part in extract_partitions(client, articles, spec, date=date, partition=partition,
                                              lexicon=lexicon) for ex in part]
