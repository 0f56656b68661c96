"""Batching: the same articles extracted in one batch and in small partitions given in reverse order.

    python bench/batching.py                       # the 84 PolNeAR dev articles, partitions of 5
    python bench/batching.py --partition 13 --limit 40

Every extraction must come out the same (compared as JSON): what ``quotes index --workers N`` and ``--dask`` rely on
when they share articles out among workers. Prints how many differ and which. Needs ../shared/polnear.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.engine import Engine  # noqa: E402
from quotes.render.data import extraction_json  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "polnear")
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=0, help="the first N articles only (0: all)")
    ap.add_argument("--partition", type=int, default=5, help="articles per partition")
    args = ap.parse_args(argv)
    folder = args.polnear / args.split / "text"
    if not folder.is_dir():
        print(f"no PolNeAR text at {folder}: pass --polnear", file=sys.stderr)
        return 2
    if args.partition < 1:
        print("--partition must be at least 1", file=sys.stderr)
        return 2
    files = sorted(folder.glob("*.txt"))
    files = files[:args.limit] if args.limit else files
    articles = [(p.stem, p.read_text(encoding="utf-8")) for p in files]
    start = time.perf_counter()
    whole = Engine(cache=None).extract_many(articles)
    took = time.perf_counter() - start
    engine = Engine(cache=None)  # a fresh engine: nothing remembered from the first run
    parts = []
    for i in range(0, len(articles), args.partition):
        parts += engine.extract_many(articles[i:i + args.partition][::-1])[::-1]
    differ = [a.name for a, b in zip(whole, parts) if extraction_json(a) != extraction_json(b)]
    print(f"{len(articles)} articles ({args.split}), one batch in {took:.0f} s against partitions of {args.partition} "
          f"in reverse order: {len(differ)} differ{': ' + ', '.join(map(str, differ[:10])) if differ else ''}; "
          f"statements {sum(len(x.quotes) for x in whole)} and {sum(len(x.quotes) for x in parts)}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
