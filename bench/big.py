"""Big inputs: time and peak memory of one long article, and of a 100-article digest.

    python bench/big.py                       # one article of 0.15, 0.3 and 0.6 MB, and the 100-article digest
    python bench/big.py --sizes 0.3 1 5       # other sizes (MB); 5 MB takes several minutes on 2 cores

The long article is PolNeAR train articles, then dev ones, joined one after another until the size is reached
(distinct text: repeated paragraphs would be read once; both splits hold about 4.3 MB, the most an article here
can have); each run is a fresh ``quotes extract`` process with no parse cache (a cache directory of its own whose
parses are deleted before each run) but with the lexicon compiled once and kept, as every run of a user's after the
first (``--cold``: no cache at all, the lexicon compiled in each run), and its peak memory is the process's maximum
resident size. Seconds per 100,000 words should stay level as the
article grows: a step that grows faster than the text shows as a rising line. Needs ../shared/polnear.
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


def long_article(polnear: Path, size: int) -> str:
    """PolNeAR articles (train, then dev) joined by blank lines, cut at ``size`` characters (at a paragraph's end)."""
    parts: list[str] = []
    n = 0
    for path in [*sorted((polnear / "train" / "text").glob("*.txt")), *sorted((polnear / "dev" / "text").glob("*.txt"))]:
        text = path.read_text(encoding="utf-8").strip()
        parts.append(text)
        n += len(text) + 2
        if n >= size:
            break
    joined = "\n\n".join(parts)
    cut = joined.rfind("\n", 0, size)
    return joined[:cut if cut > 0 else size]


_CHILD = ("import resource, sys\n"
          "from quotes.cli import run\n"
          "sys.argv[0] = 'quotes'\n"
          "code = run()\n"
          "print('peak-kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
          "sys.exit(code)\n")


def run(args: list[str], cache: Path | None) -> tuple[float, float, str]:
    """Seconds, peak resident MB (the process's own) and stdout of a fresh ``quotes`` command, with the cache
    directory ``cache`` (its parses deleted first) or none."""
    if cache is not None:
        for parses in cache.glob("parses.sqlite*"):
            parses.unlink()
    env = dict(os.environ, QUOTES_CACHE=str(cache) if cache is not None else "off")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, env=env)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"quotes {' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    peak = next((int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("peak-kb ")), 0)
    return took, peak / 1024, done.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "polnear")
    ap.add_argument("--sizes", type=float, nargs="*", default=[0.15, 0.3, 0.6], help="article sizes in MB (none: "
                    "the digest alone)")
    ap.add_argument("--cold", action="store_true", help="no cache at all: each run compiles the lexicon too")
    ap.add_argument("--digest", type=int, default=100, help="articles in the digest run (0: none)")
    args = ap.parse_args(argv)
    train = args.polnear / "train" / "text"
    if not train.is_dir():
        print(f"no PolNeAR train text at {train}: pass --polnear", file=sys.stderr)
        return 2
    print(f"{'input':<28}{'words':>9}{'seconds':>9}{'s/100k words':>14}{'peak MB':>9}{'statements':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        cache = None if args.cold else Path(tmp) / "cache"
        if cache is not None:  # the lexicon compiled and kept once, as by a user's first run
            first = Path(tmp) / "first.txt"
            first.write_text("“It is a start,” said Ann Lee.", encoding="utf-8")
            run(["extract", str(first)], cache)
        for mb in sorted(args.sizes):
            text = long_article(args.polnear, int(mb * 1_000_000))
            path = Path(tmp) / f"long-{mb}.txt"
            path.write_text(text, encoding="utf-8")
            took, peak, out = run(["extract", str(path), "--format", "jsonl", "--date", "2016-08-01"], cache)
            words = len(text.split())
            statements = out.count('"kind":"direct"') + out.count('"kind":"partial"') + out.count('"kind":"indirect"')
            print(f"{f'one article, {len(text) / 1e6:.2f} MB':<28}{words:>9}{took:>9.1f}{took / words * 1e5:>14.1f}"
                  f"{peak:>9.0f}{statements:>12}", flush=True)
        if args.digest:
            folder = Path(tmp) / "digest"
            folder.mkdir()
            files = sorted(train.glob("*.txt"))[:args.digest]
            words = 0
            for p in files:
                text = p.read_text(encoding="utf-8")
                words += len(text.split())
                (folder / p.name).write_text(text, encoding="utf-8")
            took, peak, _ = run(["digest", str(folder), "--format", "json", "--quiet"], cache)
            print(f"{f'digest of {len(files)} articles':<28}{words:>9}{took:>9.1f}{took / words * 1e5:>14.1f}"
                  f"{peak:>9.0f}{'':>12}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
