"""Speed of ``extract`` beside the plain full stanza pipeline, on the seeds and on PolNeAR dev.

    python bench/speed.py                 # seeds + PolNeAR dev (if ../shared is present), 2 threads
    python bench/speed.py --limit 20      # fewer PolNeAR articles

Model loading is timed on its own. Each of ``--rounds`` rounds times the plain pipeline, then a "cold"
``extract`` with empty parse caches, and prints their ratio; the summary is the median ratio (the speed
of these shared machines drifts by a fifth from one minute to the next, so one pair can mislead).
"warm" is one more pass over the same texts (``extract`` then finds every paragraph in its content-hash
cache).
The plain pipeline is stanza's own Pipeline run on every text, every processor on every sentence;
``extract`` runs the tagging pass and the role tagger on every sentence, and the dependency parser only where
the rules can add to the tagger (``--method both``, the default: a cue without a source, a cue verb inside
a learned content); ``--method model`` never parses, ``--method rules`` parses every cue sentence.
``extract`` also shares the tagging pass and the role tagger's chunks among threads, one torch thread each
(``quotes/parallel.py``), and decodes the parser's trees with ``quotes/spanning.py`` (the same trees as
stanza's decoder); the plain pipeline is stanza as it comes, with the same number of torch threads.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def corpus(name: str, limit: int) -> list[tuple[str, str]]:
    if name == "seeds":
        return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    base = ROOT.parent / "shared" / "polnear" / "dev" / "text"
    files = sorted(base.glob("*.txt"))[: limit or None]
    return [(p.stem, p.read_text(encoding="utf-8")) for p in files]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=3, help="paired rounds of plain pipeline and cold extract")
    ap.add_argument("--method", default="both", choices=["rules", "model", "both", "accurate"])
    ap.add_argument("--full-precision", action="store_true", help="the default role tagger without 8-bit weights")
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    import quotes
    from quotes.extraction import extract_articles
    from quotes.parse import Parser

    lex = quotes.load_lexicon()
    parser = Parser(cache=None)  # timings are of parsing, not of a disk cache a user may have set up
    info = parser.info
    t0 = time.perf_counter()
    nlp = parser.pipeline()
    print(f"threads: {args.threads}; models: {info.origin}; pipeline loaded in {time.perf_counter() - t0:.2f} s")
    nlp("Warm up.")
    from quotes.attribution import load_role_model

    t0 = time.perf_counter()
    if args.method == "accurate":  # the fine-tuned encoder in place of the default networks
        from quotes.attribution.accurate import load_accurate_model

        role_model = load_accurate_model()
    else:
        role_model = load_role_model(int8=not args.full_precision)
    print(f"role tagger: {role_model.source if role_model else 'none'}, loaded in {time.perf_counter() - t0:.2f} s; "
          f"extract method: {args.method}")
    for name in ("seeds", "polnear-dev"):
        texts = corpus(name, args.limit)
        if not texts:
            print(f"{name}: not available, skipped")
            continue
        words = sum(len(t.split()) for _, t in texts)
        plain_times, cold_times = [], []

        def plain(texts=texts):
            nlp.bulk_process([t for _, t in texts])

        def fast(parser, texts=texts):  # the parser is passed in: each round replaces it with a fresh one
            extract_articles(texts, lexicon=lex, parser=parser, role_model=role_model, method=args.method)

        for _ in range(args.rounds):  # paired rounds: the machine's speed drifts over a minute or two
            plain_times.append(timed(plain))
            parser = parser.fresh()  # nothing remembered: every paragraph tagged and parsed again
            cold_times.append(timed(fast, parser))
        warm = timed(fast, parser)  # the same texts again: every paragraph is in the content-hash cache
        print(f"{name}: {len(texts)} articles, {words} words")

        def line(label: str, dt: float, texts=texts, words=words) -> str:
            return f"  {label:<24} {dt:6.2f} s  {len(texts) / dt:7.1f} articles/s  {words / dt:8.0f} words/s"

        for r, (p, c) in enumerate(zip(plain_times, cold_times), 1):
            print(line(f"round {r}: plain pipeline", p))
            print(line(f"round {r}: extract (cold)", c) + f"   {p / c:.2f}x")
        print(line("extract (warm)", warm))
        ratios = sorted(p / c for p, c in zip(plain_times, cold_times))
        print(f"  extract (cold) vs plain pipeline: {statistics.median(ratios):.2f}x the words/s, median of "
              f"{len(ratios)} rounds (lowest {ratios[0]:.2f}x, highest {ratios[-1]:.2f}x); warm: "
              f"{statistics.median(plain_times) / warm:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
