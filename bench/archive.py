"""The quote archive at newsroom scale: index throughput, store size, search latency, check against the store.

    python bench/archive.py              # 50 articles extracted, an archive of 10,000 articles (~10 minutes)
    python bench/archive.py --small      # 8 articles extracted, an archive of 400 (a minute or two)
    python bench/archive.py --sample 20 --articles 2000 --store /tmp/archive.sqlite --keep
    python bench/archive.py --workers 1,2  # real extraction of the sample on Dask LocalClusters of 1 and 2 workers

The synthetic archive is built from PolNeAR train + dev articles (../shared/polnear/{train,dev}/text; the bench
says so and stops when they are absent). Extracting 10,000 articles takes hours on two cores (one to two seconds
an article), so only a sample of ``--sample`` articles is really extracted (``Engine.index``: reading, parsing,
role tagging, speakers, and the writes); the archive then grows to ``--articles`` articles at the store layer:
each extracted article is written again and again (``Store.write``: statements, incremental groups, findings,
full-text index) as a copy with its date shifted by weeks and light edits (one quoted word per copy swapped for
another word of the same length from the article, so every span stays where it was). Printed:

- index throughput, in articles/s, of real extraction (sample) and of store writes (copies);
- the store's size on disk, in all and per article;
- search latency (median and 95th percentile) over queries of two or three words taken from stored statements,
  with and without a speaker or date filter;
- ``check`` of a draft against the whole store: finding its sources by search and checking against them
  (the aim: under 2 s), beside the draft's own extraction (parsing, as any check does).

With ``--workers 1,2`` (``pip install 'newsroom-quotes[dask]'``) it measures only real extraction of the sample on a Dask
LocalCluster of each number of worker processes (one thread each, on 127.0.0.1; models loaded on every worker
before the clock starts), in articles/s, as ``quotes index --workers N`` runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.dates import date_in_name  # noqa: E402
from quotes.engine import Engine  # noqa: E402
from quotes.records import Extraction  # noqa: E402
from quotes.store import ArchiveArticle, Store, extraction_from_json, extraction_to_json  # noqa: E402
from quotes.wording import STOPWORDS  # noqa: E402

SHARED = ROOT.parent / "shared" / "polnear"


def polnear_files() -> list[Path]:
    return sorted(p for part in ("train", "dev") for p in (SHARED / part / "text").glob("*.txt"))


def sample_of(files: list[Path], n: int) -> list[Path]:
    """``n`` files spread evenly over the sorted list (every outlet and month)."""
    step = max(1, len(files) // max(1, n))
    return files[::step][:n]


def article_of(path: Path) -> ArchiveArticle:
    outlet, _, rest = path.stem.partition("_")
    _, _, slug = rest.partition("_")
    return ArchiveArticle(str(path.resolve()), path.read_bytes(), path.stem, date_in_name(path.name), slug, outlet)


def edited_copy(ex: Extraction, copy: int, rnd: random.Random) -> tuple[str, Extraction]:
    """A copy of an extraction with its date shifted by ``copy`` weeks and one quoted word swapped for another word
    of the same length from the article (so every span keeps its offsets)."""
    text = ex.text
    quoted = [p for q in ex.quotes for p in q.quoted] or [c for q in ex.quotes for c in q.content]
    if quoted:
        piece = quoted[copy % len(quoted)]
        words = [(piece.start + i, w) for i, w in _words(piece.text) if w.lower() not in STOPWORDS and len(w) > 3]
        pool: dict[int, list[str]] = {}
        for _, w in _words(text):
            pool.setdefault(len(w), []).append(w)
        if words:
            at, word = words[rnd.randrange(len(words))]
            others = [w for w in pool[len(word)] if w != word]
            if others:
                text = text[:at] + rnd.choice(others) + text[at + len(word):]
    shifted = extraction_from_json(extraction_to_json(ex), text, name=f"{ex.name}~{copy}")
    import attrs

    return text, attrs.evolve(shifted, date=ex.date + dt.timedelta(weeks=copy))


def _words(text: str) -> list[tuple[int, str]]:
    import re

    return [(m.start(), m.group()) for m in re.finditer(r"[A-Za-z]+", text)]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--small", action="store_true", help="8 articles extracted, 400 in the archive")
    ap.add_argument("--sample", type=int, default=50, help="articles really extracted (default 50)")
    ap.add_argument("--articles", type=int, default=10_000, help="articles in the archive (default 10,000)")
    ap.add_argument("--queries", type=int, default=200, help="search queries timed (default 200)")
    ap.add_argument("--store", help="the archive file (default: a temporary file, removed at the end)")
    ap.add_argument("--keep", action="store_true", help="keep the archive file")
    ap.add_argument("--method", choices=["both", "model", "rules"], default="both")
    ap.add_argument("--workers", metavar="N,M,...",
                    help="only measure real extraction of the sample on Dask LocalClusters of N, M... workers")
    args = ap.parse_args()
    if args.small:
        args.sample, args.articles, args.queries = 8, 400, 50
    files = polnear_files()
    if not files:
        print(f"PolNeAR is not at {SHARED}/{{train,dev}}/text: nothing to measure")
        return 0
    if args.workers:
        return dask_throughput(files, args.sample, [int(n) for n in args.workers.split(",")], args.method)
    folder = Path(tempfile.mkdtemp(prefix="quotes-archive-"))
    path = Path(args.store) if args.store else folder / "archive.sqlite"
    if path.exists():
        path.unlink()
    rnd = random.Random(13)
    engine = Engine(cache=False, method=args.method)
    print(f"PolNeAR train + dev: {len(files)} articles; extracting {args.sample}, archive of {args.articles} "
          f"(the rest: copies written at the store layer, dates shifted by weeks, one quoted word swapped each)")

    # 1. real extraction, into the store
    sample = [article_of(p) for p in sample_of(files, args.sample)]
    engine.lexicon  # noqa: B018  (loaded before the clock starts, as the models below)
    engine.extract("Warm-up, said the bench.")
    t0 = time.perf_counter()
    summary = engine.index(sample, path)
    extract_s = time.perf_counter() - t0
    print(f"index (real extraction, method {args.method}): {summary.new} articles, {summary.statements} statements "
          f"in {extract_s:.1f} s: {summary.new / extract_s:.2f} articles/s")
    again = time.perf_counter()
    second = engine.index(sample, path)
    print(f"index again (nothing changed): {second.unchanged} unchanged in {time.perf_counter() - again:.2f} s")

    # 2. copies at the store layer
    with Store(path) as store:
        extracted = store.extractions()
        t0 = time.perf_counter()
        written = statements = 0
        copy = 1
        while len(extracted) + written < args.articles:
            for ex, art in zip(extracted, sample):
                if len(extracted) + written >= args.articles:
                    break
                text, edited = edited_copy(ex, copy, rnd)
                a = ArchiveArticle(f"{art.key}#copy{copy}", text, edited.name or "", edited.date, art.title, art.outlet)
                statements += store.write(a, edited, lexicon=engine.lexicon)
                written += 1
            copy += 1
        write_s = time.perf_counter() - t0
        counts = store.counts()
        if written:
            print(f"store writes (copies, each with findings, groups, full-text index): {written} articles, "
                  f"{statements} statements in {write_s:.1f} s: {written / write_s:.1f} articles/s")
        print(f"archive: {counts.articles} articles, {counts.statements} statements, {counts.groups} groups, "
              f"{counts.speakers} speakers, {counts.findings} findings")
    size = path.stat().st_size
    print(f"store size: {size / 1e6:.1f} MB ({size / 1e3 / max(1, counts.articles):.1f} kB an article)")

    # 3. search latency
    with Store(path) as store:
        rows = store._conn.execute("SELECT s.wording, sp.label, a.date FROM statements s JOIN speakers sp "
                                   "ON sp.id = s.speaker_id JOIN articles a ON a.id = s.article_id").fetchall()
        queries = []
        for _ in range(args.queries):
            wording, label, date = rows[rnd.randrange(len(rows))]
            words = [w for w in wording.split() if w.isalpha() and w.lower() not in STOPWORDS]
            if not words:
                continue
            k = rnd.randrange(len(words))
            queries.append((" ".join(words[k:k + rnd.choice((2, 3))]), label, date))
        timings: dict[str, list[float]] = {"words": [], "words + speaker": [], "words + dates": []}
        found = 0
        for words, label, date in queries:
            for kind, kw in (("words", {}), ("words + speaker", {"speaker": label.split()[-1]}),
                             ("words + dates", {"since": date, "until": (dt.date.fromisoformat(date)
                                                                          + dt.timedelta(days=90)).isoformat()})):
                t0 = time.perf_counter()
                hits = store.search(words, **kw)
                timings[kind].append(time.perf_counter() - t0)
                found += bool(hits)
        for kind, ts in timings.items():
            print(f"search ({kind}, {len(ts)} queries, 20 hits with variants): median "
                  f"{1000 * statistics.median(ts):.1f} ms, p95 {1000 * percentile(ts, 95):.1f} ms")

    # 4. check a draft against the whole store
    source = sample[len(sample) // 2]
    text = source.data.decode("utf-8") if isinstance(source.data, bytes) else source.data
    with Store(path) as store:
        original = next(ex for ex in store.extractions() if ex.name == source.label)
        quote = next((q for q in original.quotes if q.quoted and len(q.quoted[0].text.split()) > 4), None)
        if quote is not None:  # the draft alters one quotation of the article
            words = quote.quoted[0].text.split()
            text = text.replace(quote.quoted[0].text, " ".join(words[:-1] + ["indeed"]), 1)
        t0 = time.perf_counter()
        draft = engine.extract(text, name="draft", date=original.date)
        t1 = time.perf_counter()
        sources = store.sources_for(draft)
        t2 = time.perf_counter()
        from quotes.checks import check

        report = check(draft, sources=sources, lexicon=engine.lexicon)
        t3 = time.perf_counter()
    print(f"check a draft ({source.label} with one quotation altered) against the store: sources found and rebuilt "
          f"in {t2 - t1:.2f} s ({len(sources)} articles), checked in {t3 - t2:.2f} s: {t3 - t1:.2f} s against the "
          f"store (aim: under 2 s), plus {t1 - t0:.2f} s extracting the draft; "
          f"{len(report.findings)} findings ({', '.join(sorted({f.code for f in report.findings})) or 'none'})")
    if args.keep or args.store:
        print(f"archive kept at {path}")
    else:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()
    return 0


def dask_throughput(files: list[Path], n: int, workers: list[int], method: str) -> int:
    """Real extraction of ``n`` sample articles on a LocalCluster of each number of ``workers``: articles/s."""
    from distributed import Client, LocalCluster

    from quotes.distributed import extract_on, extract_partition

    sample = [article_of(p) for p in sample_of(files, n)]
    articles = [(a.label, a.data, a.date) for a in sample]
    spec, _ = Engine(cache=False, method=method).worker_engine()  # type: ignore[arg-type]
    print(f"PolNeAR train + dev: {len(files)} articles; extracting {len(articles)} on Dask (method {method}, "
          f"{len(set(workers))} cluster sizes)")
    for k in workers:
        with LocalCluster(n_workers=k, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=50) as cluster, Client(cluster) as client:
            warm = [("warm-up", "Warm-up, said the bench.", None)]
            client.gather([client.submit(extract_partition, spec, warm, None, workers=[address], pure=False)
                           for address in client.scheduler_info()["workers"]])  # models loaded on every worker
            t0 = time.perf_counter()
            got = extract_on(client, articles, spec)
            took = time.perf_counter() - t0
        statements = sum(len(ex.quotes) for ex in got)
        print(f"extraction on Dask, {k} worker{'s' if k != 1 else ''}: {len(got)} articles, {statements} statements "
              f"in {took:.1f} s: {len(got) / took:.2f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
