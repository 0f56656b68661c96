"""The archive store on hand-built extractions: schema versions and migrations, refusals, writing, search, export."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from quotes.errors import InputError, QuotesError
from quotes.records import Extraction, Speaker
from quotes.store import SCHEMA_VERSION, ArchiveArticle, Store, StoreError, extraction_from_json, extraction_to_json
from quotes.store.schema import MIGRATIONS, migrate, version_of
from tests.builders import quoting_extraction

WANG = Speaker("person", "Wang Yi", "Q1", "Foreign Minister of China")
KULEBA = Speaker("person", "Dmytro Kuleba", "Q2", "Foreign Minister of Ukraine")


art = quoting_extraction


def put(store: Store, ex: Extraction, **kw) -> int:
    return store.write(ArchiveArticle(ex.name or "x", ex.text, ex.name or "x", **kw), ex)


REGRET = "China deeply regrets that conflict has broken out between Ukraine and Russia"
REGRET2 = "deeply regrets that conflict has erupted between Ukraine and Russia"
TALKS = "we call on both sides to resolve the issue through negotiations at the table"
GRAIN = "the grain corridor must stay open for the ships of every nation"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "archive.sqlite") as s:
        put(s, art("a", [(REGRET, WANG), (TALKS, WANG)], "2022-03-01"))
        put(s, art("b", [(REGRET2, WANG)], "2022-03-05"))
        put(s, art("c", [(GRAIN, KULEBA)], "2022-07-20"))
        yield s


def test_a_stored_extraction_rebuilds_as_it_was():
    """The codec gives back the extraction it was given (spans re-sliced from the text)."""
    ex = art("a", [(REGRET, WANG), (TALKS, KULEBA)])
    assert extraction_from_json(extraction_to_json(ex), ex.text) == ex


def test_search_finds_statements_with_their_variants(store):
    """Words find the statement (stemmed: 'regret' finds 'regrets'); a variant of another article is its group's."""
    hits = store.search("regret conflict")
    assert {h.article for h in hits} == {"a", "b"}
    for h in hits:
        assert h.speaker.name == "Wang Yi" and h.group is not None
        assert [v.article for v in h.variants] == sorted({"a", "b"} - {h.article})
    stored = store.extractions()
    texts = {ex.name: ex.text for ex in stored}
    assert all(texts[h.article][h.span.start:h.span.end] == h.span.text for h in hits)


def test_search_filters_by_speaker_and_dates(store):
    """--speaker matches part of the name (case and accents ignored) or the person id; --since/--until the dates."""
    assert {h.article for h in store.search(speaker="KULEBA")} == {"c"}
    assert {h.article for h in store.search(speaker="Q1")} == {"a", "b"}
    assert {h.article for h in store.search("regrets", since="2022-03-02")} == {"b"}
    assert {h.article for h in store.search("regrets", until=dt.date(2022, 3, 2))} == {"a"}
    assert store.search("grain", speaker="Wang") == ()
    assert len(store.search(speaker="wang", limit=1)) == 1
    # a NUL (a pasted control character, /search?speaker=%00) would end SQLite's pattern: it matches no name
    assert store.search(speaker="\0") == () and store.search(speaker="wa\0ng") == ()
    assert store.search(speaker="\udced\udca0") == ()  # a command line's undecodable bytes: no traceback
    with pytest.raises(InputError, match="since"):
        store.search("x", since="last week")


@given(st.text(max_size=40))
@example('"')
@example('regrets" OR "x')
@example("NEAR(a b) AND NOT c*")
@example("text:regrets ^ - + {x}")
def test_search_never_raises_on_any_words(tmp_path_factory, words):
    """Any text is words, never query syntax: a search answers hits or none, never an error."""
    path = tmp_path_factory.mktemp("fts") / "a.sqlite"
    with Store(path) as s:
        if not len(s):
            put(s, art("a", [(REGRET, WANG)]))
        hits = s.search(words)
    assert all(h.article == "a" for h in hits)


def test_rewriting_an_article_replaces_its_statements(store):
    """A changed article's old statements leave the index (and emptied groups go); its new ones come in."""
    put(store, art("c", [(TALKS.replace("negotiations", "dialogue"), KULEBA)], "2022-07-21"))
    assert store.search("grain") == ()
    assert {h.article for h in store.search("dialogue")} == {"c"}
    counts = store.counts()
    assert counts.articles == 3 and counts.statements == 4
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT count(*) FROM statement_groups WHERE size <= 0").fetchone()[0] == 0
        conn.execute("INSERT INTO statements_fts(statements_fts) VALUES ('integrity-check')")


def test_regroup_places_every_statement(store):
    """A full regroup puts every statement in a group and keeps the variants together."""
    store.regroup()
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT count(*) FROM statements WHERE group_id IS NULL").fetchone()[0] == 0
        sizes = conn.execute("SELECT sum(size) FROM statement_groups").fetchone()[0]
        assert sizes == store.counts().statements
    (hit,) = store.search("regrets", until="2022-03-02")
    assert [v.article for v in hit.variants] == ["b"]


def test_an_older_store_is_upgraded(tmp_path):
    """A version-1 store (no full-text index) is upgraded on opening, its statements then found by search."""
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == 1
    ex = art("old", [(TALKS, WANG)])
    conn.execute("INSERT INTO articles(key, name, date, date_source, sha256, text_sha256, text, extraction, indexed_at) "
                 "VALUES ('old', 'old', '2022-03-01', 'argument', 'x', 'y', ?, ?, 'then')",
                 (ex.text, extraction_to_json(ex)))
    conn.execute("INSERT INTO speakers(key, kind, name, person_id, label, folded) "
                 "VALUES ('Q1', 'person', 'Wang Yi', 'Q1', 'Wang Yi', 'wang yi')")
    q = ex.quotes[0]
    conn.execute("INSERT INTO statements(article_id, quote_index, start_char, end_char, kind, text, wording, "
                 "speaker_id, resolution, confidence) VALUES (1, 0, ?, ?, 'direct', ?, ?, 1, 'cue-subject', 0.9)",
                 (q.start, q.end, q.text, q.quoted[0].text))
    conn.close()
    with Store(path) as s:
        assert s.fts
        (hit,) = s.search("negotiation")
        assert hit.article == "old" and hit.span.text == q.text
        assert s.extractions()[0] == ex
    with sqlite3.connect(path) as c:
        assert version_of(c) == SCHEMA_VERSION == len(MIGRATIONS)


def test_an_empty_file_becomes_a_store(tmp_path):
    """A new, empty file (version 0) is made an archive."""
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    with Store(path) as s:
        assert len(s) == 0


def test_a_newer_store_is_refused_untouched(tmp_path):
    """A store written by a newer version is refused with a message that says so, and not changed."""
    path = tmp_path / "future.sqlite"
    with Store(path) as s:
        put(s, art("a", [(TALKS, WANG)]))
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version of quotes"):
        Store(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"not a database at all\n" * 20, b"SQLite format 3\x00" + b"\xff" * 300])
def test_a_file_that_is_no_store_is_refused(tmp_path, content):
    """A text file, or a damaged SQLite file: a StoreError (a QuotesError: one line in the CLI), not a traceback."""
    path = tmp_path / "bad.sqlite"
    path.write_bytes(content)
    with pytest.raises(QuotesError, match="not a quotes archive"):
        Store(path)
    assert path.read_bytes() == content


def test_another_sqlite_database_is_refused(tmp_path):
    """A SQLite database of something else (the parse cache, say) is not taken for an archive."""
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE entries (key TEXT, value TEXT)")
    with pytest.raises(StoreError, match="not a quotes archive"):
        Store(path)


def test_a_missing_store_is_not_created_for_reading(tmp_path):
    """Reading commands name a missing archive instead of creating an empty one."""
    with pytest.raises(StoreError, match="no such archive"):
        Store(tmp_path / "nope.sqlite", create=False)
    assert not (tmp_path / "nope.sqlite").exists()


def test_csv_export_round_trips(store, tmp_path):
    """Every statement is one CSV row whose text and offsets are the stored ones (pandas reads it when installed)."""
    out = tmp_path / "statements.csv"
    assert store.export(out) == store.counts().statements
    try:
        import pandas as pd
    except ImportError:
        with out.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    else:
        rows = pd.read_csv(out, keep_default_na=False).astype(str).to_dict("records")
    assert len(rows) == store.counts().statements
    texts = {ex.name: ex.text for ex in store.extractions()}
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        assert texts[row["article"]][start:end] == row["text"]
        assert row["group"].startswith("s-")
    assert not list(tmp_path.glob(".*partial"))


def test_reading_an_empty_file_never_makes_it_an_archive(tmp_path):
    """An empty file (a failed copy, a wrong name) given to a reading command is refused and left empty."""
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="an empty file, not a quotes archive"):
        Store(empty, create=False)
    assert empty.stat().st_size == 0
    with Store(empty) as made:  # indexing into it (create) is how an archive is made
        assert made.counts().statements == 0


def test_variants_come_from_other_articles_and_a_huge_limit_is_no_error(tmp_path):
    """A hit's variants are the statement's renderings in other articles (not the same article's repeats), and a
    --limit past SQLite's integers returns every hit."""
    with Store(tmp_path / "archive.sqlite") as s:
        put(s, art("a", [(REGRET, WANG), (REGRET, WANG), (REGRET, WANG)], "2022-03-01"))
        put(s, art("b", [(REGRET2, WANG)], "2022-03-05"))
        hits = s.search("regrets", limit=10**20)
        assert len(hits) == 4
        for hit in hits:
            assert hit.variants and all(v.article != hit.article for v in hit.variants)


def test_export_writes_through_a_link_and_into_a_pipe(store, tmp_path):
    """Export to a symbolic link writes its target (the link stays a link); to a named pipe, CSV is written into it
    (Parquet is refused: it needs a file)."""
    import os
    import threading

    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    n = store.export(link)
    assert link.is_symlink() and n == store.counts().statements
    assert real.read_text(encoding="utf-8").startswith("statement_id,") and not list(tmp_path.glob(".*partial"))
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    assert store.export(pipe) == n
    reader.join(timeout=10)
    assert got and len(list(csv.reader(got[0].splitlines()))) == n + 1 and pipe.exists() and not pipe.is_file()
    with pytest.raises(InputError, match="Parquet is written to a file"):
        store.export(pipe, format="parquet")


def test_parquet_export_reads_back_or_names_the_extra(store, tmp_path, monkeypatch):
    """Parquet needs pyarrow: with it the file reads back row for row; without it the error names the extra."""
    out = tmp_path / "statements.parquet"
    try:
        import pyarrow.parquet as pq
    except ImportError:
        pq = None
    if pq is not None:
        assert store.export(out) == store.counts().statements
        table = pq.read_table(out)
        assert table.num_rows == store.counts().statements
        assert sorted(table.column("article").to_pylist()) == ["a", "a", "b", "c"]
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(InputError, match=r"quotes\[archive\]"):
        store.export(tmp_path / "again.parquet")
    with pytest.raises(InputError, match=r"\.csv or \.parquet"):
        store.export(tmp_path / "statements.xlsx")


def test_a_draft_finds_its_sources_by_search(store):
    """The sources of a draft are the stored articles its quotes' words find, and those quoting its speakers; an
    article with the draft's very text is not its own source."""
    draft = art("draft", [(REGRET2.replace("erupted", "started"), WANG)], "2022-03-06")
    names = {ex.name for ex in store.sources_for(draft)}
    assert {"a", "b"} <= names and "c" not in names
    same = store.extractions(since="2022-07-01")[0]
    assert "c" not in {ex.name for ex in store.sources_for(same)}
    report = store.check(draft)
    assert any(f.code == "altered-wording" for f in report.findings)


def test_a_quote_stored_before_clause_was_kept_reads_as_a_clause():
    """Archives written before Quote.clause existed hold nine fields per quote: still readable, clause True."""
    import json

    from quotes.records import Quote, Span
    from quotes.store.codec import extraction_from_json, extraction_to_json

    text = "Wang said talks would go on. China condemned the move."
    phrase = Quote((Span.of(text, 38, 54),), "indirect", Span.of(text, 29, 38), "condemn", Span.of(text, 29, 34),
                   Speaker("organisation", "China"), "cue-subject", 0.85, clause=False)
    ex = Extraction(text=text, quotes=(phrase,), mentions=(), diagnostics=(), date=dt.date(2022, 3, 1),
                    date_source="argument")
    back = extraction_from_json(extraction_to_json(ex), text)
    assert back.quotes[0].clause is False
    old = json.loads(extraction_to_json(ex))
    old["quotes"] = [q[:9] for q in old["quotes"]]
    assert extraction_from_json(json.dumps(old), text).quotes[0].clause is True


def test_an_archive_that_cannot_be_written_is_read_as_it_is(store, tmp_path, monkeypatch):
    """A reading command's archive on storage this process may not write (a read-only mount; simulated here, the
    tests may run as root) is opened read-only: search answers as before, and the file is not changed."""
    from quotes.store import archive as archive_mod

    path = store.path
    expected = [h.statement_id for h in store.search("regrets")]
    store.close()
    before = path.read_bytes()
    monkeypatch.setattr(archive_mod, "_writable", lambda p: False)
    with Store(path, create=False) as ro:
        assert ro.read_only
        assert [h.statement_id for h in ro.search("regrets")] == expected
    assert path.read_bytes() == before and not path.with_name(path.name + "-wal").exists()
    with Store(path) as rw:  # index (create) always opens it to write
        assert not rw.read_only
