"""How long the bundled lexicon takes to load: cold (a fresh process) and warm (kept by an engine), and its counts.

    python bench/lexicon_load.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COLD = """
import time
t0 = time.perf_counter()
from quotes.lexicon import load_lexicon
t1 = time.perf_counter()
lex = load_lexicon()
t2 = time.perf_counter()
lex.candidates("Wang")
t3 = time.perf_counter()
print(f"{t1 - t0:.4f} {t2 - t1:.4f} {t3 - t2:.4f}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes to time (default 5)")
    args = parser.parse_args()
    runs = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True, check=True,
                             env={"PYTHONPATH": str(ROOT), "PATH": ""})
        runs.append(tuple(float(x) for x in out.stdout.split()))
    best = min(runs, key=lambda r: r[1])
    print(f"cold, fresh process (best of {args.repeat}): import {best[0] * 1000:.0f} ms, "
          f"load {best[1] * 1000:.0f} ms, first name query (builds the name index) {best[2] * 1000:.0f} ms")
    sys.path.insert(0, str(ROOT))
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
          f"organisations: {len(lex.organisations)}, cue forms: {len(lex.cue_forms)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
