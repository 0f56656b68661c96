"""Indexing on Dask: a LocalCluster of two worker processes on 127.0.0.1 extracts the seeds exactly as one
process does, whatever the partitioning, and the store written from its results is the same."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from quotes import cli
from quotes.distributed import extract_on, partitions, require_dask
from quotes.engine import Engine
from quotes.errors import QuotesError
from quotes.render.data import extraction_json

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def articles() -> list[tuple[str, str, None]]:
    return [(p.stem, p.read_text(encoding="utf-8"), None) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(cache=False)


@pytest.fixture(scope="module")
def client():
    """Two worker processes (as ``quotes index --workers 2`` starts them): each loads the models once, in its
    own process, which is what the feature is for; starting them costs about 8 s of this test's ~40 s."""
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      silence_logs=50) as cluster, Client(cluster) as c:
        yield c


def test_partitions_cover_every_item_once():
    """Partitions are consecutive ``[start, end)`` ranges of the given size covering the items."""
    assert partitions(4, 1) == [(0, 1), (1, 2), (2, 3), (3, 4)]
    assert partitions(4, 3) == [(0, 3), (3, 4)]
    assert partitions(0, 3) == []
    with pytest.raises(QuotesError, match="at least 1"):
        partitions(4, 0)


def test_without_dask_the_error_names_the_extra(monkeypatch):
    """Dask missing: a QuotesError that says how to install it, not an ImportError."""
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(QuotesError, match=r"pip install 'newsroom-quotes\[dask\]'"):
        require_dask()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch, capsys):
    """``--dask`` with no scheduler there: exit 2, one ``Error:`` line naming the address, no traceback, no store."""
    pytest.importorskip("distributed")
    monkeypatch.setattr(cli, "DASK_TIMEOUT", 1)
    store = tmp_path / "a.sqlite"
    code = cli.main(["index", str(SEEDS), "--store", str(store), "--dask", "tcp://127.0.0.1:9", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("Error: tcp://127.0.0.1:9: no Dask scheduler answered") and "Traceback" not in err
    assert not store.exists()


@pytest.mark.slow
@pytest.mark.parametrize("size", [1, 3])
def test_extractions_on_the_cluster_equal_one_process(client, engine, articles, size):
    """Partitions of 1 and of 3 articles: the extractions come back in input order, equal to
    ``Engine.extract_many`` in this process (as records and as JSON)."""
    plain = engine.extract_many([(name, text) for name, text, _ in articles])
    spec, lexicon = engine.worker_engine()
    got = extract_on(client, articles, spec, partition=size, lexicon=lexicon)
    assert [ex.name for ex in got] == [name for name, _, _ in articles]
    assert got == plain
    assert [extraction_json(ex) for ex in got] == [extraction_json(ex) for ex in plain]


def _rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of the archive's tables, the time of writing left out."""
    out: dict[str, list[tuple]] = {}
    with sqlite3.connect(path) as conn:
        for table in ("articles", "speakers", "statements", "statement_groups", "findings"):
            cur = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
            keep = [i for i, d in enumerate(cur.description) if d[0] != "indexed_at"]
            out[table] = [tuple(row[i] for i in keep) for row in cur]
    conn.close()
    return out


@pytest.mark.slow
def test_index_on_the_cluster_writes_the_same_store(client, engine, articles, tmp_path):
    """``Engine.index`` with a client writes the same rows as without one, the progress reaching the total."""
    pairs = [(name, text) for name, text, _ in articles]
    engine.index(pairs, tmp_path / "here.sqlite", date="2022-03-01")
    seen: list[tuple[int, int]] = []
    summary = engine.index(pairs, tmp_path / "there.sqlite", date="2022-03-01", client=client, partition=3,
                           progress=lambda done, total: seen.append((done, total)))
    assert summary.new == len(articles)
    assert seen[-1] == (len(articles), len(articles))
    assert _rows(tmp_path / "there.sqlite") == _rows(tmp_path / "here.sqlite")
