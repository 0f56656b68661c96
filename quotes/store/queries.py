"""Reading the archive: statements by words, speaker and date; the articles a draft should be checked against."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from typing import Any

from ..errors import InputError
from ..grouping import occurrences_of
from ..lexicon.names import fold
from ..reading import writable
from ..records import Extraction, Span, Speaker
from .records import Hit, Variant
from .writer import _escape_like, _match, fts_terms, sha256_of, speaker_key

__all__ = ["article_ids", "as_date", "search", "source_ids"]

_WORD = re.compile(r"\w+")

VARIANTS = 5
"""Variants shown per hit."""


def as_date(value: dt.date | str | None, what: str) -> str | None:
    """A ``since``/``until`` filter as ``YYYY-MM-DD`` (None: no bound).

    >>> as_date("2016-10-19", "since"), as_date(None, "until")
    ('2016-10-19', None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise InputError(f"'{what}' must be a date YYYY-MM-DD (got {value!r})") from None


def _filters(speaker: str | None, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if since:
        where.append("a.date >= ?")
        args.append(since)
    if until:
        where.append("a.date <= ?")
        args.append(until)
    if speaker is not None and speaker.strip():
        # a NUL would end SQLite's LIKE pattern there ("%\0%" matches every name) and a lone surrogate (a command
        # line's undecodable bytes) cannot be encoded: each stands for U+FFFD, as in the texts the archive holds
        # (quotes.reading.clean_characters), so it matches no name
        wanted = writable(speaker.strip())
        where.append("(sp.folded LIKE ? ESCAPE '\\' OR sp.person_id = ? OR sp.key = ?)")
        args.extend([f"%{_escape_like(fold(wanted))}%", wanted, wanted])
    return where, args


def search(
    conn: sqlite3.Connection,
    words: str,
    *,
    fts: bool,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
) -> tuple[Hit, ...]:
    """Statements with every word of ``words`` (any text: punctuation and operators are no syntax), best first;
    without words, the filters' statements, newest first."""
    terms = [t.casefold() for t in _WORD.findall(words or "")]
    if not terms and not (speaker or since or until):
        return ()
    where, args = _filters(speaker, since, until)
    select = ("SELECT s.id, a.name, a.key, a.date, a.title, a.outlet, sp.kind, sp.name, sp.person_id, sp.candidates, "
              "s.office, s.kind, s.start_char, s.end_char, s.text, g.gid, s.group_id, {score} "
              "FROM {source} JOIN articles a ON a.id = s.article_id JOIN speakers sp ON sp.id = s.speaker_id "
              "LEFT JOIN statement_groups g ON g.id = s.group_id")
    if terms and fts:
        sql = select.format(score="-f.rank", source="statements_fts f JOIN statements s ON s.id = f.rowid")
        where.insert(0, "statements_fts MATCH ?")
        args.insert(0, _match(terms))
        order = "f.rank, a.date DESC, s.id"
    else:
        sql = select.format(score="0.0", source="statements s")
        for t in reversed(terms):
            where.insert(0, "s.text LIKE ? ESCAPE '\\'")
            args.insert(0, f"%{_escape_like(t)}%")
        order = "a.date DESC, s.id"
    sql += (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order} LIMIT ?"
    rows = conn.execute(sql, (*args, min(max(0, int(limit)), 1 << 62))).fetchall()  # SQLite's integers: 64 bits
    hits = []
    for (sid, name, key, date, title, outlet, sp_kind, sp_name, person_id, cands, office, kind, start, end, text,
         gid, group, score) in rows:
        sp = Speaker(sp_kind, sp_name, person_id, office, tuple(c for c in cands.split("|") if c))
        content = conn.execute("SELECT substr(text, ?, ?) FROM articles WHERE key = ?",
                               (start + 1, end - start, key)).fetchone()[0]
        variants = () if group is None else tuple(
            Variant(v_name, dt.date.fromisoformat(v_date), v_label, v_text)
            for v_name, v_date, v_label, v_text in conn.execute(
                "SELECT a.name, a.date, sp.label, s.text FROM statements s JOIN articles a ON a.id = s.article_id "
                "JOIN speakers sp ON sp.id = s.speaker_id WHERE s.group_id = ? AND s.id != ? AND a.key != ? "
                "ORDER BY a.date, a.name, s.id LIMIT ?", (group, sid, key, VARIANTS)))
        hits.append(Hit(sid, name, key, dt.date.fromisoformat(date), title, outlet, sp, kind, Span(start, end, content),
                        text, gid, variants, float(score)))
    return tuple(hits)


def article_ids(
    conn: sqlite3.Connection, *, speaker: str | None = None, since: str | None = None, until: str | None = None,
) -> list[int]:
    """The articles in the date range that quote the speaker (every article without filters), oldest first."""
    where, args = _filters(speaker, since, until)
    if speaker is not None and speaker.strip():
        sql = ("SELECT DISTINCT a.id, a.date FROM articles a JOIN statements s ON s.article_id = a.id "
               "JOIN speakers sp ON sp.id = s.speaker_id")
    else:
        sql = "SELECT a.id, a.date FROM articles a"
    sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.date, a.id"
    return [int(r[0]) for r in conn.execute(sql, args)]


SPEAKER_ARTICLES = 3
"""Articles quoting each of a draft's speakers taken as sources, the closest in date first (so that 'no source
quotes X' means the archive, not the articles the words found)."""


def source_ids(conn: sqlite3.Connection, draft: Extraction, *, fts: bool, limit: int) -> list[int]:
    """The articles a draft is checked against: those whose statements share the longest words of the draft's
    quotes (up to three full-text queries per quote; at most ``limit``, the best first), then a few quoting
    each of its speakers. An article with the draft's very text is left out (the draft indexed with the archive)."""
    own = {int(r[0]) for r in conn.execute("SELECT id FROM articles WHERE text_sha256 = ?", (sha256_of(draft.text),))}
    score: dict[int, float] = {}
    for o in occurrences_of([draft]):
        terms = fts_terms(o.text, at_most=9)
        for part in (terms[:3], terms[3:6], terms[6:9]):
            if not part or (len(part) < 2 and len(terms) > 1):
                continue
            if fts:
                rows = conn.execute(
                    "SELECT s.article_id FROM statements_fts f JOIN statements s ON s.id = f.rowid "
                    "WHERE statements_fts MATCH ? ORDER BY f.rank LIMIT 20", (_match(part),)).fetchall()
            else:
                cond = " AND ".join("s.wording LIKE ? ESCAPE '\\'" for _ in part)
                rows = conn.execute(f"SELECT s.article_id FROM statements s WHERE {cond} LIMIT 20",
                                    [f"%{_escape_like(t)}%" for t in part]).fetchall()
            for rank, (aid,) in enumerate(rows):
                score[int(aid)] = score.get(int(aid), 0.0) + 1.0 / (1 + rank)
    chosen = [a for a, _ in sorted(score.items(), key=lambda kv: (-kv[1], kv[0])) if a not in own][: max(0, limit)]
    keys = list(dict.fromkeys(speaker_key(q.speaker) for q in draft.quotes if q.speaker.key is not None))
    for key in keys:
        rows = conn.execute(
            "SELECT DISTINCT a.id, abs(julianday(a.date) - julianday(?)) AS gap FROM statements s "
            "JOIN speakers sp ON sp.id = s.speaker_id JOIN articles a ON a.id = s.article_id WHERE sp.key = ? "
            "ORDER BY gap, a.id LIMIT ?", (draft.date.isoformat(), key, SPEAKER_ARTICLES + len(own))).fetchall()
        extra = [int(r[0]) for r in rows if int(r[0]) not in own][:SPEAKER_ARTICLES]
        chosen.extend(a for a in extra if a not in chosen)
    return chosen
