"""The ``quotes`` command: the only module that prints or exits.

Exit codes (every command): 0 success; 1 ``check`` found something an editor must look at;
2 a usage or input error (one ``Error: ...`` line on stderr, never a traceback).

::

    quotes extract FILE...  [--format table|json|jsonl|brat] [--output DIR]
    quotes digest DIR|FILE... [--format markdown|json|html] [--output FILE]
    quotes check DRAFT --sources DIR|FILE... [--format text|json|html] [--output FILE]
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
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import QuotesError

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ""}


class _Progress:
    """A one-line progress indicator on stderr; silent with --quiet or when stderr is not a terminal."""

    def __init__(self, label: str, *, quiet: bool) -> None:
        self.label = label
        self.on = not quiet and sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.on:
            return
        width = 30
        filled = int(width * done / max(1, total))
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _files(paths: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.iterdir() if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
                           and not f.name.startswith("."))
            if not found:
                raise QuotesError(f"{path}: no article files (.txt, .html) in this directory")
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            raise QuotesError(f"{path}: no such file or directory")
    return out


def _read(paths: list[Path]) -> list[tuple[str, bytes]]:
    out = []
    for p in paths:
        try:
            out.append((p.stem, p.read_bytes()))
        except OSError as exc:
            raise QuotesError(f"{p}: cannot read ({exc.strerror})") from None
    return out


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


def _extract_all(args: argparse.Namespace, articles: list[tuple[str, bytes]], label: str):
    progress = _Progress(label, quiet=args.quiet)
    progress(0, len(articles))
    return args.engine.extract_many(articles, date=args.date, progress=progress)


def _write(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise QuotesError(f"{output}: cannot write ({exc.strerror})") from None
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def cmd_extract(args: argparse.Namespace) -> int:
    from . import render

    if args.format == "brat" and not args.output:
        raise QuotesError("--format brat writes one STEM.ann per input: give --output DIR")
    articles = _read(_files(args.files))
    results = _extract_all(args, articles, "extracting")
    if args.format == "brat":
        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        for (stem, _), res in zip(articles, results):
            (out / f"{stem}.ann").write_text(render.extraction_brat(res), encoding="utf-8")
            (out / f"{stem}.txt").write_text(res.text, encoding="utf-8")
        if not args.quiet:
            print(f"wrote {len(results)} .ann files to {out}", file=sys.stderr)
        return 0
    if args.format == "jsonl":
        text = render.extraction_jsonl(results)
    elif args.format == "json":
        text = "\n".join(render.extraction_json(r) for r in results)
    else:
        text = "\n\n".join(render.extraction_table(r) for r in results)
    _write(text, args.output)
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    from . import render
    from .digests import digest

    articles = _read(_files(args.paths))
    results = _extract_all(args, articles, "reading articles")
    d = digest(results, lexicon=args.engine.lexicon)
    fmt = {"markdown": render.digest_markdown, "json": render.digest_json, "html": render.digest_html}[args.format]
    _write(fmt(d), args.output)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from . import render
    from .checks import check

    draft_path = Path(args.draft)
    if not draft_path.is_file():
        raise QuotesError(f"{draft_path}: no such file")
    sources = [p for p in _files(args.sources) if p.resolve() != draft_path.resolve()]
    if not sources:
        raise QuotesError("no source articles to check against")
    articles = _read([draft_path] + sources)
    results = _extract_all(args, articles, "reading draft and sources")
    report = check(results[0], sources=results[1:], lexicon=args.engine.lexicon)
    fmt = {"text": render.check_text, "json": render.check_json, "html": render.check_html}[args.format]
    _write(fmt(report), args.output)
    return report.exit_code


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
    n = import_office_holders(args.path, args.into)
    print(f"imported {n} office rows into {args.into}")
    return 0


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--date", help="date offices are resolved at (YYYY-MM-DD; default: from the text, else today)")
    common.add_argument("--lexicon", help="directory of lexicon files merged over the bundled lexicon")
    common.add_argument("--models", help="directory of parser models (default: QUOTES_MODELS, stanza's, shipped)")
    common.add_argument("--quiet", "-q", action="store_true", help="no progress or status messages")
    common.add_argument("--cache", metavar="DIR",
                        help="keep tagging and parsing results here between runs (default: QUOTES_CACHE, "
                             "else ~/.cache/quotes)")
    common.add_argument("--no-cache", action="store_true", help="parse everything afresh; keep nothing on disk")
    common.add_argument("--method", choices=["both", "model", "rules"], default="both",
                        help="how quotes are found: the role tagger with the parse rules (default), the tagger "
                             "alone (fastest), or the rules alone")
    p = argparse.ArgumentParser(prog="quotes", description="Quote attribution and speaker verification for newsrooms.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    e = sub.add_parser("extract", parents=[common], help="quotes and speakers in each article")
    e.add_argument("files", nargs="+", metavar="FILE")
    e.add_argument("--format", choices=["table", "json", "jsonl", "brat"], default="table")
    e.add_argument("--output", "-o", help="output file (or directory for brat)")
    e.set_defaults(func=cmd_extract)

    d = sub.add_parser("digest", parents=[common], help="per-speaker digest with findings over articles")
    d.add_argument("paths", nargs="+", metavar="DIR|FILE")
    d.add_argument("--format", choices=["markdown", "json", "html"], default="markdown")
    d.add_argument("--output", "-o")
    d.set_defaults(func=cmd_digest)

    c = sub.add_parser("check", parents=[common], help="check a draft against its sources before publication")
    c.add_argument("draft", metavar="DRAFT")
    c.add_argument("--sources", nargs="+", required=True, metavar="DIR|FILE")
    c.add_argument("--format", choices=["text", "json", "html"], default="text")
    c.add_argument("--output", "-o")
    c.set_defaults(func=cmd_check)

    m = sub.add_parser("models", parents=[common], help="which parser models are used and where they came from")
    m.set_defaults(func=cmd_models)

    lx = sub.add_parser("lexicon", parents=[common], help="check or extend a lexicon directory")
    lx.add_argument("action", choices=["check", "import"])
    lx.add_argument("path", metavar="DIR|CSV")
    lx.add_argument("--into", help="user lexicon directory to import into")
    lx.set_defaults(func=cmd_lexicon)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed usage and the error
        return int(exc.code or 0) if exc.code in (0, None) else 2
    try:
        args.engine = _engine(args) if args.command != "lexicon" else None  # the commands that parse, and `models`
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
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

