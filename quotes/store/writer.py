"""Writing the archive: one article in one transaction, its statements placed in groups as they come.

A new statement joins the existing group whose canonical wording matches it best (the grouping score,
:func:`quotes.wording.coverage_score`, at least :data:`quotes.grouping.DEFAULT_CUTOFF`), among the groups of
the statements the full-text index finds for its longest words; else it starts a group of its own. So an
index run never regroups the world, and the groups may differ from a full grouping of the same articles
(:func:`quotes.grouping.group_statements`: centres chosen over every wording, quotations split by sentence);
:func:`regroup` (``quotes index --regroup``) recomputes them all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Sequence

import attrs

from ..grouping import DEFAULT_CUTOFF, group_statements, occurrences_of
from ..lexicon.names import fold
from ..records import Extraction, Speaker
from ..verification import Finding
from ..wording import STOPWORDS, coverage_score, normalise, stem, tokens
from .codec import extraction_to_json
from .records import ArchiveArticle

__all__ = ["delete_article", "regroup", "sha256_of", "speaker_key", "write_article"]

CANDIDATE_STATEMENTS = 30
"""Groups the full-text index proposes per query when a new statement looks for its group."""


def sha256_of(data: str | bytes) -> str:
    """The SHA-256 of an input (a ``str`` as UTF-8).

    >>> sha256_of("a") == sha256_of(b"a")
    True
    """
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def speaker_key(sp: Speaker) -> str:
    """The speaker's row: :attr:`Speaker.key`, else (a vague speaker) its kind and label."""
    return sp.key or f"{sp.kind}:{sp.label}"


def _speaker_id(conn: sqlite3.Connection, sp: Speaker, memo: dict[str, int]) -> int:
    key = speaker_key(sp)
    if key in memo:
        return memo[key]
    row = conn.execute("SELECT id FROM speakers WHERE key = ?", (key,)).fetchone()
    if row is None:
        cur = conn.execute(
            "INSERT INTO speakers(key, kind, name, person_id, label, candidates, folded) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key, sp.kind, sp.name, sp.person_id, sp.label, "|".join(sp.candidates), fold(sp.label)))
        row = (cur.lastrowid,)
    memo[key] = int(row[0])
    return memo[key]


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in normalise(text).split())


def fts_terms(text: str, *, at_most: int = 6) -> list[str]:
    """The content words of ``text``, longest first (the rarest, as a rule), as full-text terms."""
    seen: dict[str, None] = {}
    for w in tokens(text):
        if w not in STOPWORDS and len(w) > 2 and w.isalnum():
            seen.setdefault(w, None)
    return sorted(seen, key=lambda w: (-len(w), w))[:at_most]


def _match(terms: Sequence[str]) -> str:
    """An FTS5 query that matches every term (each quoted: no operator syntax from the text)."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def candidate_groups(conn: sqlite3.Connection, text: str, *, fts: bool) -> list[int]:
    """Groups whose statements share the longest words of ``text``: the three longest, or the next three."""
    terms = fts_terms(text)
    found: dict[int, None] = {}
    for part in (terms[:3], terms[3:6]):
        if len(part) < 2:
            continue
        if fts:
            # distinct groups, unranked: a statement copied in many articles would make ranking every match slow
            rows = conn.execute(
                "SELECT DISTINCT s.group_id FROM statements_fts f JOIN statements s ON s.id = f.rowid "
                "WHERE statements_fts MATCH ? AND s.group_id IS NOT NULL LIMIT ?",
                (_match(part), CANDIDATE_STATEMENTS)).fetchall()
        else:
            where = " AND ".join("s.text LIKE ? ESCAPE '\\'" for _ in part)
            rows = conn.execute(f"SELECT DISTINCT s.group_id FROM statements s WHERE {where} AND s.group_id IS NOT NULL "
                                f"LIMIT ?", (*[f"%{_escape_like(t)}%" for t in part], CANDIDATE_STATEMENTS)).fetchall()
        for (g,) in rows:
            found.setdefault(int(g), None)
    return list(found)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _new_group(conn: sqlite3.Connection, wording: str) -> int:
    norm = normalise(wording)
    gid = "s-" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:12]
    cur = conn.execute("INSERT INTO statement_groups(gid, canonical, norm, size) VALUES (?, ?, ?, 0)",
                       (gid, wording, " ".join(_stems(wording))))
    assert cur.lastrowid is not None
    return cur.lastrowid


def _place(conn: sqlite3.Connection, statement_id: int, wording: str, *, fts: bool) -> None:
    """Put a new statement in the best matching group, or in a new one."""
    mine = _stems(wording)
    best: tuple[float, int] | None = None
    candidates = candidate_groups(conn, wording, fts=fts)
    if candidates and len(mine) > 2:
        marks = ",".join("?" * len(candidates))
        for gid, norm in conn.execute(f"SELECT id, norm FROM statement_groups WHERE id IN ({marks})", candidates):
            score = coverage_score(mine, tuple(norm.split()))
            if score >= DEFAULT_CUTOFF and (best is None or (score, -gid) > (best[0], -best[1])):
                best = (score, gid)
    group = best[1] if best is not None else _new_group(conn, wording)
    conn.execute("UPDATE statements SET group_id = ? WHERE id = ?", (group, statement_id))
    conn.execute("UPDATE statement_groups SET size = size + 1 WHERE id = ?", (group,))


def delete_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Remove an article, its statements (leaving their groups, emptied ones deleted) and its findings."""
    conn.execute("UPDATE statement_groups SET size = size - (SELECT count(*) FROM statements s WHERE s.article_id = ? "
                 "AND s.group_id = statement_groups.id) WHERE id IN (SELECT group_id FROM statements "
                 "WHERE article_id = ?)", (article_id, article_id))
    conn.execute("DELETE FROM statements WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM findings WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    conn.execute("DELETE FROM statement_groups WHERE size <= 0")


def write_article(
    conn: sqlite3.Connection,
    article: ArchiveArticle,
    extraction: Extraction,
    findings: Sequence[Finding],
    *,
    sha256: str,
    fts: bool,
    speakers: dict[str, int],
) -> int:
    """Write (or rewrite) one article with its statements, groups and findings in one transaction; the number
    of statements written. ``speakers`` memoises speaker rows between calls (cleared by the caller on failure)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        old = conn.execute("SELECT id FROM articles WHERE key = ?", (article.key,)).fetchone()
        if old is not None:
            delete_article(conn, int(old[0]))
        cur = conn.execute(
            "INSERT INTO articles(key, name, date, date_source, given_date, title, outlet, url, sha256, text_sha256, "
            "text, extraction, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.key, article.label, extraction.date.isoformat(), extraction.date_source,
             article.date.isoformat() if article.date else None, article.title, article.outlet, article.url, sha256,
             sha256_of(extraction.text), extraction.text, extraction_to_json(extraction),
             dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
        article_id = cur.lastrowid
        n = 0
        for o in occurrences_of([extraction]):
            q = extraction.quotes[o.quote_index]
            sid = conn.execute(
                "INSERT INTO statements(article_id, quote_index, start_char, end_char, kind, text, wording, cue, "
                "source, speaker_id, office, resolution, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, o.quote_index, o.span.start, o.span.end, q.kind, q.text, o.text,
                 q.cue.text if q.cue else None, q.source.text if q.source else None,
                 _speaker_id(conn, q.speaker, speakers), q.speaker.office, q.resolution, q.confidence)).lastrowid
            assert sid is not None
            _place(conn, sid, o.text, fts=fts)
            n += 1
        conn.executemany(
            "INSERT INTO findings(article_id, code, severity, start_char, end_char, message) VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, f.code, f.severity, f.span.start, f.span.end, f.message) for f in findings])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        speakers.clear()
        raise
    return n


def regroup(conn: sqlite3.Connection, extractions: dict[int, Extraction]) -> int:
    """Group every statement afresh (:func:`quotes.grouping.group_statements` over ``extractions``, article id
    -> extraction) in one transaction; the number of groups. A quotation whose sentences render different
    statements is split by the grouping: its statement row goes to the group of its longest part."""
    named = [ex if ex.name == str(i) else _renamed(ex, str(i)) for i, ex in extractions.items()]
    groups = group_statements(named)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("UPDATE statements SET group_id = NULL")
        conn.execute("DELETE FROM statement_groups")
        placed: list[tuple[int, int, int, int]] = []  # (length, group row, article id, quote index)
        for g in groups:
            row = conn.execute("INSERT INTO statement_groups(gid, canonical, norm, size) VALUES (?, ?, ?, 0)",
                               (g.id, g.canonical, " ".join(_stems(g.canonical)))).lastrowid
            assert row is not None
            placed.extend((len(o.span), row, int(o.article), o.quote_index) for o in g.occurrences)
        placed.sort()  # the longest part of a split quotation is written last, and wins
        conn.executemany("UPDATE statements SET group_id = ? WHERE article_id = ? AND quote_index = ?",
                         [p[1:] for p in placed])
        conn.execute("UPDATE statement_groups SET size = (SELECT count(*) FROM statements s "
                     "WHERE s.group_id = statement_groups.id)")
        conn.execute("DELETE FROM statement_groups WHERE size = 0")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return len(groups)


def _renamed(ex: Extraction, name: str) -> Extraction:
    return attrs.evolve(ex, name=name)
