"""What the pages read from the archive beyond :class:`quotes.store.Store`'s own calls: the speakers with
their counts, one speaker by id. Read-only: the file is opened with SQLite's ``mode=ro`` for each call."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import attrs

from ..store import StoreError

__all__ = ["SpeakerRow", "speaker_by_id", "speakers"]


@attrs.frozen
class SpeakerRow:
    """A speaker of the archive and how much it holds of them."""

    id: int
    """The row id (what ``/speakers/{id}`` takes)."""
    key: str
    """The speaker key (a person's lexicon id, ``org:``/``name:`` names, ``kind:label`` for vague speakers)."""
    kind: str
    name: str | None
    person_id: str | None
    label: str
    statements: int
    articles: int
    first: dt.date | None
    """The date of the earliest article quoting them."""
    last: dt.date | None


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open ({exc})") from None
    try:
        yield conn
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: {exc}") from None
    finally:
        conn.close()


_SELECT = ("SELECT sp.id, sp.key, sp.kind, sp.name, sp.person_id, sp.label, count(s.id), "
           "count(DISTINCT s.article_id), min(a.date), max(a.date) FROM speakers sp "
           "JOIN statements s ON s.speaker_id = sp.id JOIN articles a ON a.id = s.article_id")


def _row(r: tuple) -> SpeakerRow:
    day = lambda v: dt.date.fromisoformat(v) if v else None
    return SpeakerRow(int(r[0]), r[1], r[2], r[3], r[4], r[5], int(r[6]), int(r[7]), day(r[8]), day(r[9]))


def speakers(path: Path, *, limit: int = 1000) -> tuple[SpeakerRow, ...]:
    """The speakers with at least one statement, most quoted first (then by label)."""
    with _read_only(path) as conn:
        rows = conn.execute(_SELECT + " GROUP BY sp.id ORDER BY count(s.id) DESC, sp.label, sp.id LIMIT ?",
                            (max(0, limit),)).fetchall()
    return tuple(_row(r) for r in rows)


def speaker_by_id(path: Path, speaker_id: int) -> SpeakerRow | None:
    """One speaker with their counts; None when no speaker with statements has this id (an id past SQLite's 64-bit
    integers included)."""
    if not -(1 << 63) <= speaker_id < 1 << 63:
        return None
    with _read_only(path) as conn:
        r = conn.execute(_SELECT + " WHERE sp.id = ? GROUP BY sp.id", (speaker_id,)).fetchone()
    return None if r is None else _row(r)
