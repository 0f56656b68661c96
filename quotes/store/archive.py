"""The archive: one SQLite file holding every indexed article, its statements, groups and findings.

>>> import datetime as dt, tempfile, pathlib
>>> from quotes.records import Extraction, Quote, Span, Speaker
>>> text = "“We will never give up,” said Volodymyr Zelenskyy."
>>> q = Quote((Span.of(text, 0, 24),), "direct", Span.of(text, 25, 29), "say", Span.of(text, 30, 49),
...           Speaker("person", "Volodymyr Zelenskyy", "Q3881"), "cue-subject", 0.9, quoted=(Span.of(text, 1, 22),))
>>> ex = Extraction(text, (q,), (), (), dt.date(2022, 3, 1), "argument", "kyiv")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "archive.sqlite"
>>> with Store(path) as store:
...     store.write(ArchiveArticle("kyiv", text, "kyiv"), ex)
...     [(h.article, h.speaker.name, h.text) for h in store.search("never give up")]
1
[('kyiv', 'Volodymyr Zelenskyy', '“We will never give up,”')]
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import attrs

from ..checks import CheckReport, check
from ..digests import Digest, digest
from ..errors import QuotesError
from ..lexicon.names import fold
from ..records import Diagnostic, Extraction
from ..verification import LexiconLike, verify_article
from . import queries, writer
from .codec import extraction_from_json
from .export import export_statements
from .records import ArchiveArticle, Hit, StoreCounts
from .schema import SCHEMA_VERSION, StoreError, has_fts, migrate

__all__ = ["SOURCES", "Store"]

SOURCES = 20
"""Articles a draft is checked against by default (those whose statements its quotes' words find best; the
articles quoting its speakers come on top)."""

_SQLITE_HEADER = b"SQLite format 3\x00"

Status = Literal["new", "changed", "unchanged"]


class Store:
    """An archive file, opened (created when ``create`` and absent; upgraded when older; refused with a
    :class:`~quotes.store.StoreError` when newer, damaged or no archive). Use it as a context manager, or
    call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        self.path = Path(path).expanduser()
        where = str(self.path)
        if self.path.is_dir():
            raise StoreError(f"{where}: is a directory; give the archive's file name (e.g. archive.sqlite)")
        if not self.path.exists():
            if not create:
                raise StoreError(f"{where}: no such archive; make it with 'quotes index FILES... --store {where}'")
            if not self.path.parent.is_dir():
                raise StoreError(f"{where}: the folder {self.path.parent} does not exist")
        else:
            try:
                with self.path.open("rb") as f:
                    head = f.read(len(_SQLITE_HEADER))
            except OSError as exc:
                raise StoreError(f"{where}: cannot read ({exc.strerror})") from None
            if head and head != _SQLITE_HEADER:
                raise StoreError(f"{where}: not a quotes archive (not a SQLite database); give another file to --store")
            if not head and not create:  # an empty file (a failed copy, a wrong name): reading never makes one
                raise StoreError(f"{where}: an empty file, not a quotes archive; make one with "
                                 f"'quotes index FILES... --store {where}'")
        self.read_only = not create and self.path.exists() and not _writable(self.path)
        """Opened read-only: a reading command's archive on storage it may not write (a read-only mount, a file of
        someone else's): searched as it is, never changed."""
        try:
            if self.read_only:
                # immutable: no lock or journal files to make; only where no journal holds writes not yet in the file
                wal = self.path.with_name(self.path.name + "-wal")
                pending = wal.exists() and wal.stat().st_size > 0
                uri = f"{self.path.resolve().as_uri()}?mode=ro{'' if pending else '&immutable=1'}"
                self._conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
            else:
                self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"{where}: cannot open ({exc})") from None
        try:
            if self.read_only:
                version = migrate(self._conn, target=0, where=where)  # checks what the file is, writes nothing
                if version < SCHEMA_VERSION:
                    raise StoreError(f"{where}: an archive of an older version (schema {version}) that cannot be "
                                     "written here to upgrade it: copy it where it can be written, and open the copy")
            else:
                migrate(self._conn, where=where)
            with self._errors():
                self._conn.execute("PRAGMA foreign_keys = ON")
                if not self.read_only:
                    self._conn.execute("PRAGMA journal_mode = WAL")
                    self._conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            self._conn.close()
            raise
        self.fts = has_fts(self._conn)
        """Whether searches use the full-text index (FTS5); else they scan statements with ``LIKE``."""
        self.diagnostics: tuple[Diagnostic, ...] = () if self.fts else (Diagnostic(
            "no-fts", "This SQLite has no FTS5: searches scan every statement (LIKE), slower on a large archive",
            severity="warning"),)
        self._speakers: dict[str, int] = {}

    def __repr__(self) -> str:
        return f"<Store {str(self.path)!r}>"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the file (calls after this raise)."""
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    @contextlib.contextmanager
    def _errors(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._conn
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from None

    # -- writing

    def status(self, article: ArchiveArticle, *, sha256: str | None = None) -> Status:
        """Whether ``article`` is new to the archive, changed (other input, or another given date), or unchanged."""
        digest_ = sha256 or writer.sha256_of(article.data)
        with self._errors() as conn:
            row = conn.execute("SELECT sha256, given_date FROM articles WHERE key = ?", (article.key,)).fetchone()
        if row is None:
            return "new"
        given = article.date.isoformat() if article.date else None
        return "unchanged" if (row[0], row[1]) == (digest_, given) else "changed"

    def write(self, article: ArchiveArticle, extraction: Extraction, *, lexicon: LexiconLike | None = None) -> int:
        """Write (or rewrite) one extracted article in one transaction, with its statements (each placed in a
        group: see :mod:`quotes.store.writer`) and its findings (titles and names against ``lexicon``); the
        number of statements written."""
        ex = extraction if extraction.name == article.label else attrs.evolve(extraction, name=article.label)
        findings = verify_article(ex, lexicon=lexicon)
        with self._errors() as conn:
            return writer.write_article(conn, article, ex, findings, sha256=writer.sha256_of(article.data),
                                        fts=self.fts, speakers=self._speakers)

    def regroup(self) -> int:
        """Group every statement afresh, as a digest of the whole archive would (slow on a large archive); the
        number of groups."""
        with self._errors() as conn:
            ids = [int(r[0]) for r in conn.execute("SELECT id FROM articles ORDER BY id")]
            return writer.regroup(conn, dict(zip(ids, self._extractions(ids))))

    # -- reading

    def __len__(self) -> int:
        with self._errors() as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def counts(self) -> StoreCounts:
        """How many articles, statements, groups, speakers and findings the archive holds."""
        with self._errors() as conn:
            n = [int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                 for t in ("articles", "statements", "statement_groups", "speakers", "findings")]
        return StoreCounts(*n)

    def search(
        self,
        words: str = "",
        *,
        speaker: str | None = None,
        since: Any = None,
        until: Any = None,
        limit: int = 20,
    ) -> tuple[Hit, ...]:
        """Statements containing every word of ``words`` (stemmed: ``negotiate`` finds ``negotiations``; any
        text is taken as words, never as query syntax), best first, each with its article, date, speaker and
        variants. ``speaker``: part of the speaker's name (case and accents ignored) or a person id; ``since``
        and ``until``: dates (``YYYY-MM-DD``, inclusive). Without words, the filters' statements, newest first."""
        lo, hi = queries.as_date(since, "since"), queries.as_date(until, "until")
        with self._errors() as conn:
            return queries.search(conn, words, fts=self.fts, speaker=speaker, since=lo, until=hi, limit=limit)

    def _extractions(self, ids: Sequence[int]) -> list[Extraction]:
        out: list[Extraction] = []
        with self._errors() as conn:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start:start + 500])
                marks = ",".join("?" * len(chunk))
                rows = {int(r[0]): r[1:] for r in conn.execute(
                    f"SELECT id, extraction, text, name FROM articles WHERE id IN ({marks})", chunk)}
                out.extend(extraction_from_json(rows[i][0], rows[i][1], name=rows[i][2]) for i in chunk)
        return out

    def extractions(self, *, speaker: str | None = None, since: Any = None, until: Any = None) -> list[Extraction]:
        """The stored extractions (rebuilt, not parsed again) of the articles in the date range that quote the
        speaker, oldest first."""
        lo, hi = queries.as_date(since, "since"), queries.as_date(until, "until")
        with self._errors() as conn:
            ids = queries.article_ids(conn, speaker=speaker, since=lo, until=hi)
        return self._extractions(ids)

    def sources_for(self, draft: Extraction, *, limit: int = SOURCES) -> list[Extraction]:
        """The stored articles a draft should be checked against, found by search: those whose statements share
        its quotes' longest words (at most ``limit``), and a few quoting each of its speakers; never an article
        with the draft's very text."""
        with self._errors() as conn:
            ids = queries.source_ids(conn, draft, fts=self.fts, limit=limit)
        return self._extractions(ids)

    def check(self, draft: Extraction, *, lexicon: LexiconLike | None = None, limit: int = SOURCES) -> CheckReport:
        """Check an extracted draft against the archive (:meth:`sources_for`, then :func:`quotes.checks.check`)."""
        return check(draft, sources=self.sources_for(draft, limit=limit), lexicon=lexicon)

    def digest(self, *, lexicon: LexiconLike | None = None, speaker: str | None = None, since: Any = None,
               until: Any = None, also: Sequence[Extraction] = ()) -> Digest:
        """The digest of the stored articles in the date range (with ``speaker``: those quoting the speaker, and
        only the speakers matching it in the digest's speaker list), and of the extractions ``also``."""
        d = digest([*self.extractions(speaker=speaker, since=since, until=until), *also], lexicon=lexicon)
        if speaker is None or not speaker.strip():
            return d
        want = fold(speaker.strip())
        keep = tuple(s for s in d.speakers if want in fold(s.label) or speaker.strip() in
                     (s.speaker.person_id, s.speaker.key))
        return attrs.evolve(d, speakers=keep)

    def export(self, path: str | os.PathLike[str], *, format: str | None = None) -> int:
        """Every statement, one row each, to a ``.csv`` or ``.parquet`` file (``format`` overrides the suffix;
        Parquet needs pyarrow: ``pip install 'newsroom-quotes[archive]'``); the number of rows. See
        :data:`quotes.store.export.COLUMNS`."""
        with self._errors() as conn:
            return export_statements(conn, path, format=format)


def _writable(path: Path) -> bool:
    """Whether ``path`` and its folder (where SQLite keeps its journal) may be written by this process."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_store(path: str | os.PathLike[str] | Store, *, create: bool = True) -> tuple[Store, bool]:
    """``path`` opened (and True: the caller closes it), or the store given (and False)."""
    if isinstance(path, Store):
        return path, False
    if not isinstance(path, (str, os.PathLike)):
        raise QuotesError(f"'store' must be a quotes.store.Store or the path of an archive file "
                          f"(got {type(path).__name__})")
    return Store(path, create=create), True
