"""The archive's SQLite schema, versioned with ``PRAGMA user_version`` and upgraded by migrations.

Version 1 holds the articles (with their text and extraction), speakers, statements, statement groups and
findings; version 2 adds the full-text index of statements (SQLite FTS5, over an external-content table kept
in step by triggers; where this SQLite has no FTS5 the index is left out and searches fall back to ``LIKE``).
Opening an older store upgrades it in one transaction (all or nothing); a newer one, or a file that is no
quotes archive, is refused with a :class:`StoreError` and left untouched.

>>> import sqlite3
>>> conn = sqlite3.connect(":memory:", isolation_level=None)
>>> migrate(conn)
2
>>> version_of(conn) == SCHEMA_VERSION
True
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..errors import QuotesError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "StoreError", "has_fts", "migrate", "version_of"]

APPLICATION_ID = 0x51554F54
"""``PRAGMA application_id`` of a quotes archive ("QUOT"): tells it from other SQLite files."""


class StoreError(QuotesError):
    """The archive cannot be opened or written: not a SQLite file, not a quotes archive, written by a newer
    version of quotes, or a database error (the message says which, and what to do)."""


_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- identity across runs: the file's resolved path, or the name given
    name TEXT NOT NULL,                -- how reports name it (the file's stem)
    date TEXT NOT NULL,                -- YYYY-MM-DD, the date offices were resolved at
    date_source TEXT NOT NULL,
    given_date TEXT,                   -- the date given (manifest, --date), part of what decides 'changed'
    title TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,              -- of the input as read (bytes), before any extraction
    text_sha256 TEXT NOT NULL,         -- of the text below (a draft with this text is this article)
    text TEXT NOT NULL,                -- the text every span points into
    extraction TEXT NOT NULL,          -- the extraction as JSON (quotes.store.codec)
    indexed_at TEXT NOT NULL
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_text_sha ON articles(text_sha256);
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- Speaker.key, else kind:label for a vague speaker
    kind TEXT NOT NULL,
    name TEXT,
    person_id TEXT,
    label TEXT NOT NULL,
    candidates TEXT NOT NULL DEFAULT '',  -- an ambiguous or joint speaker's people, joined by '|'
    folded TEXT NOT NULL               -- the label folded (case, diacritics) for --speaker
);
CREATE TABLE statement_groups (
    id INTEGER PRIMARY KEY,
    gid TEXT NOT NULL,                 -- s- and 12 hex digits of the normalised canonical wording
    canonical TEXT NOT NULL,
    norm TEXT NOT NULL,                -- the canonical wording normalised and stemmed (what new statements match)
    size INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX groups_gid ON statement_groups(gid);
CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote_index INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,                -- the content pieces joined by ' … '
    wording TEXT NOT NULL,             -- what grouping compares: the quoted pieces, else the content
    cue TEXT,
    source TEXT,
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    office TEXT,                       -- the speaker's office at the article's date
    resolution TEXT NOT NULL,
    confidence REAL NOT NULL,
    group_id INTEGER REFERENCES statement_groups(id) ON DELETE SET NULL
);
CREATE INDEX statements_article ON statements(article_id);
CREATE INDEX statements_speaker ON statements(speaker_id);
CREATE INDEX statements_group ON statements(group_id);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX findings_article ON findings(article_id);
"""

_V2_FTS = """
CREATE VIRTUAL TABLE statements_fts USING fts5(
    text, content='statements', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER statements_ai AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER statements_ad AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER statements_au AFTER UPDATE OF text ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO statements_fts(rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO statements_fts(statements_fts) VALUES ('rebuild');
"""


def fts_available() -> bool:
    """Whether this SQLite has FTS5."""
    try:
        conn = sqlite3.connect(":memory:")
        try:
            conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return True


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _v2(conn: sqlite3.Connection) -> None:
    if not fts_available():
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fts', '0')")
        return
    # triggers hold ';' inside BEGIN ... END: run the script statement by statement as sqlite3 completes them
    buffer = ""
    for line in _V2_FTS.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fts', '1')")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2]
"""``MIGRATIONS[n]`` takes a store at version ``n`` to version ``n + 1`` (inside the caller's transaction)."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The version this code writes."""


def version_of(conn: sqlite3.Connection) -> int:
    """The store's schema version (``PRAGMA user_version``: 0 for a new, empty file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def has_fts(conn: sqlite3.Connection) -> bool:
    """Whether the store has its full-text index."""
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'statements_fts'").fetchone()
    return row is not None


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION, where: str = "the store") -> int:
    """Bring the store to version ``target`` in one transaction, and return its version.

    A new, empty database is created; an older store is upgraded; a store of a newer version, or a database
    with tables but no quotes version, raises :class:`StoreError` and is not touched. ``conn`` must be in
    autocommit mode (``isolation_level=None``): the migration opens its own transaction."""
    try:
        version = version_of(conn)
        if version > SCHEMA_VERSION:
            raise StoreError(f"{where} was written by a newer version of quotes (archive schema version {version}; "
                             f"this version reads up to {SCHEMA_VERSION}): upgrade quotes to open it")
        if version == 0:
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            if tables:
                raise StoreError(f"{where} is a SQLite database but not a quotes archive (it has tables of its own "
                                 "and no archive version): give another file to --store")
        elif int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
            raise StoreError(f"{where} is a SQLite database but not a quotes archive: give another file to --store")
        if version >= target:
            return version
        conn.execute("BEGIN IMMEDIATE")
        try:
            for step in MIGRATIONS[version:target]:
                step(conn)
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{where}: not a quotes archive, or a damaged one ({exc}); give another file to --store, "
                         "or index into a new one") from None
    return target
