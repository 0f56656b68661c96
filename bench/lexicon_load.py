"""How long the bundled lexicon takes to load, and how much memory it takes: cold (a fresh process, from the
compiled cache or compiling the TSV files) and warm (kept by an engine), and its counts.

    python bench/lexicon_load.py [--repeat 5] [--cache DIR]

A fresh process reads the compiled lexicon from the cache directory (``--cache``, default a new temporary
one; ``QUOTES_CACHE`` otherwise decides), which the first run writes: the first run is the cost of compiling
the TSV files, the best of the others the cost of a load. Memory: the peak of Python allocations while loading
(tracemalloc) and the process's peak resident size (the interpreter and the imports included).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COLD = """
import resource, sys, time, tracemalloc
t0 = time.perf_counter()
from quotes.lexicon import load_lexicon
t1 = time.perf_counter()
if "--trace" in sys.argv:
    tracemalloc.start()
lex = load_lexicon()
t2 = time.perf_counter()
peak = tracemalloc.get_traced_memory()[1] if tracemalloc.is_tracing() else 0
tracemalloc.stop()
lex.candidates("Wang")
t3 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
print(f"{t1 - t0:.4f} {t2 - t1:.4f} {t3 - t2:.4f} {peak / 2**20:.1f} {rss:.1f}")
"""


def cold(cache: str, *, trace: bool = False) -> tuple[float, ...]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "", "QUOTES_CACHE": cache, "HOME": os.environ.get("HOME", "/")}
    args = [sys.executable, "-c", COLD] + (["--trace"] if trace else [])
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    return tuple(float(x) for x in out.stdout.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes to time (default 5)")
    parser.add_argument("--cache", help="the cache directory (default: a new temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or tmp
        first = cold(cache)
        runs = [cold(cache) for _ in range(args.repeat)]
        traced = cold(cache, trace=True)
        compiled = cold("off", trace=True)
    best = min(runs, key=lambda r: r[1])
    print(f"cold, fresh process, compiling the TSV files (the first run, which writes the cache): "
          f"load {first[1] * 1000:.0f} ms")
    print(f"cold, fresh process, from the compiled cache (best of {args.repeat}): import {best[0] * 1000:.0f} ms, "
          f"load {best[1] * 1000:.0f} ms, first name query {best[2] * 1000:.0f} ms; peak resident size "
          f"{max(r[4] for r in runs):.0f} MiB")
    print(f"memory: Python allocations at the peak of a load {traced[3]:.0f} MiB from the cache, "
          f"{compiled[3]:.0f} MiB compiling (peak resident size {compiled[4]:.0f} MiB)")
    sys.path.insert(0, str(ROOT))
    os.environ["QUOTES_CACHE"] = cache if args.cache else "off"
    from quotes.engine import Engine

    engine = Engine()
    lex = engine.lexicon
    t0 = time.perf_counter()
    n = 1000
    for _ in range(n):
        lex = engine.lexicon
    warm = (time.perf_counter() - t0) / n
    t0 = time.perf_counter()
    for _ in range(n):
        lex.candidates("Mr. Wang")
    query = (time.perf_counter() - t0) / n
    print(f"warm (an engine keeps it): {warm * 1e6:.2f} µs per engine.lexicon; candidates('Mr. Wang'): {query * 1e6:.0f} µs")
    print(f"people: {len(lex.people)}, tenures: {len(lex.tenures)}, offices: {len(lex.offices)}, "
          f"sources: {len(lex.sources)}, organisations: {len(lex.organisations)}, cue forms: {len(lex.cue_forms)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
