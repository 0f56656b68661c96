"""Speed of ``extract`` beside the plain full stanza pipeline, on the seeds and on PolNeAR dev.

    python bench/speed.py                 # seeds + PolNeAR dev (if ../shared is present), 2 threads
    python bench/speed.py --limit 20      # fewer PolNeAR articles

"cold" includes loading the models (in a fresh process, the first call); "warm" is a second run.
The plain pipeline runs every processor, dependency parser included, on every sentence; ``extract``
runs the parser only on sentences that can carry an attribution.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


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
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    import quotes
    from quotes.extraction import extract_many
    from quotes.parse import parse_many

    lex = quotes.load_lexicon()
    print(f"threads: {args.threads}")
    for name in ("seeds", "polnear-dev"):
        texts = corpus(name, args.limit)
        if not texts:
            print(f"{name}: not available, skipped")
            continue
        words = sum(len(t.split()) for _, t in texts)
        rows = []
        for label, run in (
            ("plain pipeline", lambda: parse_many([t for _, t in texts])),
            ("extract", lambda: extract_many(texts, lexicon=lex)),
        ):
            for phase in ("cold", "warm"):
                t0 = time.perf_counter()
                run()
                dt = time.perf_counter() - t0
                rows.append((label, phase, dt))
        print(f"{name}: {len(texts)} articles, {words} words")
        for label, phase, dt in rows:
            print(f"  {label:<15} {phase}: {dt:6.2f} s  {len(texts) / dt:7.1f} articles/s  {words / dt:8.0f} words/s")
        plain = next(dt for label, phase, dt in rows if label == "plain pipeline" and phase == "warm")
        fast = next(dt for label, phase, dt in rows if label == "extract" and phase == "warm")
        print(f"  extract is {plain / fast:.2f}x the plain pipeline's words/s (warm)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
