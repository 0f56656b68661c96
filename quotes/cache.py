"""A key -> text store in one SQLite file, for results that are costly to compute and cheap to keep.

The parse layer keeps its tagging and parsing results here between runs (see :class:`quotes.parse.Parser` and the engine's ``cache=``):
an editor who runs the digest over a folder every morning waits only for the new articles. Keys are
content hashes (:func:`key`) of everything the result depends on (the caller's business: the parse
layer hashes the text, the tags the parser is given and the model files).

A cache is never a reason to fail: if the file cannot be opened or read (no home, a damaged file), the
store turns itself off; if it cannot be written (read-only, a full disk) it goes on answering reads;
a file another process holds is a miss this time. :attr:`Store.problem` says why, and the caller
computes whatever the store does not answer.

>>> import tempfile
>>> store = Store(Path(tempfile.mkdtemp()) / "cache.sqlite")
>>> store.put_many([(key("a", "b"), "value")])
>>> store.get_many([key("a", "b"), key("other")]) == {key("a", "b"): "value"}
True
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

__all__ = ["MAX_ENTRIES", "Store", "default_directory", "key"]

MAX_ENTRIES = 50_000
"""Past this many entries the oldest written are dropped down to nine tenths of it: about 130 MB, the parses of some 1,900
news articles (PolNeAR dev: 2,240 entries, 5.7 MB for 84 articles)."""

_BATCH = 500  # keys per SELECT (SQLite limits the number of parameters)


def key(*parts: str) -> str:
    """A content hash of ``parts`` (order matters; no two different part lists give the same key)."""
    h = hashlib.sha256()
    for p in parts:
        data = p.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def default_directory() -> Path | None:
    """Where the command line keeps its cache: ``$XDG_CACHE_HOME/quotes``, else ``~/.cache/quotes``;
    None when there is no home directory to put it in."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError, OSError):
            return None
    return Path(base) / "quotes"


class Store:
    """One SQLite file of ``key -> text`` entries, safe to share between threads and processes."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.problem: str | None = None
        self.writable = True
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._open()

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), timeout=10, check_same_thread=False)
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.commit()
            self._db = db
        except (OSError, sqlite3.Error, ValueError) as e:
            self._off(e)

    def _connection(self) -> sqlite3.Connection | None:
        """The open connection; a forked child opens its own (SQLite connections must not cross a fork)."""
        if self._db is not None and self._pid != os.getpid():
            self._db, self._pid = None, os.getpid()
            self._open()
        return self._db

    def _off(self, error: Exception) -> None:
        self.problem = f"cache {self.path} turned off: {error}"
        self.close()

    def close(self) -> None:
        """Close the file (the store is then off)."""
        if self._db is not None and self._pid == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    @property
    def active(self) -> bool:
        return self._db is not None

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        """The entries found for ``keys`` (missing keys are simply absent)."""
        found: dict[str, str] = {}
        with self._lock:
            db = self._connection()
            if db is None:
                return found
            try:
                for i in range(0, len(keys), _BATCH):
                    part = list(keys[i:i + _BATCH])
                    marks = ",".join("?" * len(part))
                    found.update(db.execute(f"SELECT key, value FROM entries WHERE key IN ({marks})", part))
            except sqlite3.OperationalError as e:
                if _busy(e):  # another process is writing: this time, a miss
                    return {}
                self._off(e)
                return {}
            except (sqlite3.Error, ValueError) as e:
                self._off(e)
                return {}
        return found

    def put_many(self, items: Iterable[tuple[str, str]]) -> None:
        """Store ``(key, text)`` entries (a key already there is overwritten). A write that fails leaves
        the store readable (a read-only cache still answers) and is not retried."""
        rows = list(items)
        with self._lock:
            db = self._connection()
            if db is None or not rows or not self.writable:
                return
            try:
                db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", rows)
                (count,) = db.execute("SELECT COUNT(*) FROM entries").fetchone()
                if count > MAX_ENTRIES:
                    db.execute("DELETE FROM entries WHERE rowid IN "
                               "(SELECT rowid FROM entries ORDER BY rowid LIMIT ?)", (count - MAX_ENTRIES * 9 // 10,))
                db.commit()
            except (sqlite3.Error, ValueError) as e:
                with contextlib.suppress(sqlite3.Error):
                    db.rollback()
                if isinstance(e, sqlite3.OperationalError) and _busy(e):
                    return  # another process holds the file: skip this write, keep going
                self.writable = False
                self.problem = f"cache {self.path} is read-only from now on: {e}"

    def __len__(self) -> int:
        with self._lock:
            db = self._connection()
            if db is None:
                return 0
            try:
                return int(db.execute("SELECT COUNT(*) FROM entries").fetchone()[0])
            except sqlite3.Error as e:
                self._off(e)
                return 0

    def clear(self) -> None:
        """Remove every entry."""
        with self._lock:
            db = self._connection()
            if db is None:
                return
            try:
                db.execute("DELETE FROM entries")
                db.commit()
                db.execute("VACUUM")
            except sqlite3.Error as e:
                self._off(e)


def _busy(error: sqlite3.OperationalError) -> bool:
    return any(word in str(error).lower() for word in ("locked", "busy"))
