"""How far PolNeAR's annotators agree with each other, scored as `bench/polnear.py` scores the engine.

    python bench/agreement.py                  # ../shared/polnear/train: the articles with several annotation files
    python bench/agreement.py --split dev

For every article with more than one annotation file, each pair of files is scored against each other as
`bench/polnear.py` scores the engine against the first file (the same trimming, the same one-to-one
matching, exact and overlap span F1 per role, "who said what"), summed over all pairs. Nothing is
extracted: no models are loaded.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import polnear  # the scoring of bench/polnear.py


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", type=Path, default=polnear.ROOT.parent / "shared" / "polnear")
    ap.add_argument("--split", default="train", choices=["train", "dev"])
    args = ap.parse_args(argv)
    base = args.polnear / args.split
    if not base.is_dir():
        print(f"no PolNeAR split at {base}", file=sys.stderr)
        return 2
    files: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((base / "attributions").glob("*.ann")):
        files[ann.stem.rsplit("_", 1)[0]].append(ann)
    several = {s: f for s, f in files.items() if len(f) > 1 and (base / "text" / f"{s}.txt").exists()}
    if not several:
        print(f"no article of {base} has more than one annotation file", file=sys.stderr)
        return 2
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    pairs = 0
    for stem, anns in sorted(several.items()):
        text = (base / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        golds = [polnear.read_gold(ann, text) for ann in anns]
        for one, other in itertools.combinations(golds, 2):
            pairs += 1
            polnear.score(counts, one, other)
    print(f"PolNeAR {args.split}: {len(several)} articles with several annotation files, {pairs} pairs of files")
    print("\n".join(polnear.table(counts)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
