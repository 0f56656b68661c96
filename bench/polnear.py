"""Extraction measured on PolNeAR (dev by default): per-role span scores and "who said what".

    python bench/polnear.py                       # ../shared/polnear/dev, all 84 articles
    python bench/polnear.py --split train --limit 100
    python bench/polnear.py --split tune          # the tenth of train the role tagger never trained on
    python bench/polnear.py --errors 20           # also print some misses and false alarms
    python bench/polnear.py --method model        # the role tagger alone (also: rules, both = default)
    python bench/polnear.py --parse-all           # the unhurried run: every sentence parsed
    python bench/polnear.py --keep-nested         # also score statements reported inside another's content

For each role (Source, Cue, Content) it prints precision/recall/F1 for exact span match and for
overlap match (character Dice >= 0.5), and the "who said what" F1: a predicted attribution matches a
gold one when their contents overlap with Dice >= 0.5 and their source spans overlap. Spans are
compared after trimming whitespace, punctuation and quotation marks at both ends; a discontinuous
span is the set of its trimmed pieces. One annotation file per article: the first in sorted order.
PolNeAR gives each word to one attribution, so by default the statements extract reports inside another
statement's content ("CCTV reported that Wang said ...") are left out of the comparison and counted.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TRIM = set(" \t\r\n,;:.!?—–-\"'“”‘’«»‹›„‚()[]")
ROLES = ("Source", "Cue", "Content")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def norm(text: str, pieces) -> tuple[tuple[int, int], ...]:
    out = []
    for a, b in pieces:
        a, b = trim(text, a, b)
        if b > a:
            out.append((a, b))
    return tuple(sorted(out))


def chars(span) -> set[int]:
    return {i for a, b in span for i in range(a, b)}


def dice(x, y) -> float:
    cx, cy = chars(x), chars(y)
    if not cx or not cy:
        return 0.0
    return 2 * len(cx & cy) / (len(cx) + len(cy))


def read_gold(ann: Path, text: str) -> list[dict]:
    spans: dict[str, tuple[str, tuple]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, _ = (line.split("\t") + ["", ""])[:3]
            typ, _, ranges = info.partition(" ")
            pieces = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
            spans[tid] = (typ, norm(text, pieces))
        elif line.startswith("E"):
            _, args = line.split("\t", 1)
            roles = dict(a.split(":", 1) for a in args.split())
            events.append(roles)
    out = []
    for roles in events:
        att = {}
        for role in ROLES:
            tid = roles.get(role)
            if tid and tid in spans and spans[tid][1]:
                att[role] = spans[tid][1]
        if "Content" in att:
            out.append(att)
    return out


def nested(extraction) -> set[int]:
    """Indexes of the quotes whose cue lies inside another quote's content ("CCTV reported that Wang said
    ..."): PolNeAR gives every word to one attribution (no gold cue lies inside another attribution's
    content: 0 of 6,463 in the first 300 train articles), so these are outside its scheme."""
    spans = [(c.start, c.end) for q in extraction.quotes for c in q.content]
    out = set()
    for i, q in enumerate(extraction.quotes):
        if q.cue is None:
            continue
        own = {(c.start, c.end) for c in q.content}
        if any(a <= q.cue.start and q.cue.end <= b for a, b in spans if (a, b) not in own):
            out.add(i)
    return out


def predicted(extraction, *, skip: set[int] = frozenset()) -> list[dict]:
    """The extraction's statements as spans to score, less those whose index is in ``skip``."""
    text = extraction.text
    out = []
    for i, q in enumerate(extraction.quotes):
        if i in skip:
            continue
        att = {"Content": norm(text, [(c.start, c.end) for c in q.content])}
        if q.cue is not None:
            att["Cue"] = norm(text, [(q.cue.start, q.cue.end)])
        if q.source is not None:
            att["Source"] = norm(text, [(q.source.start, q.source.end)])
        if att["Content"]:
            out.append(att)
    return out


def match(gold: list, pred: list, ok) -> int:
    """Greedy one-to-one matching; returns the number of matched pairs."""
    used = set()
    n = 0
    for g in gold:
        best, best_score = None, 0.0
        for j, p in enumerate(pred):
            if j in used:
                continue
            score = ok(g, p)
            if score > best_score:
                best, best_score = j, score
        if best is not None:
            used.add(best)
            n += 1
    return n


def who_said_what(x: dict, y: dict) -> float:
    """1 when two attributions' contents overlap (Dice >= 0.5) and their sources share a character."""
    if dice(x["Content"], y["Content"]) < 0.5:
        return 0.0
    if "Source" not in x or "Source" not in y:
        return 0.0
    return 1.0 if chars(x["Source"]) & chars(y["Source"]) else 0.0


def _same(x, y) -> float:
    return 1.0 if x == y else 0.0


def _overlapping(x, y) -> float:
    """The spans' Dice when it is at least 0.5, else 0."""
    d = dice(x, y)
    return d if d >= 0.5 else 0.0


def score(counts, gold: list[dict], pred: list[dict]) -> None:
    """Add one article's matches to ``counts``: per ``(role, mode)`` and for ``("who-said-what", "")``,
    [predictions matched, predictions, gold matched, gold]."""
    for role in ROLES:
        g = list(dict.fromkeys(a[role] for a in gold if role in a))
        p = list(dict.fromkeys(a[role] for a in pred if role in a))
        for mode, ok in (("exact", _same), ("overlap", _overlapping)):
            c = counts[(role, mode)]
            c[0] += match(p, g, ok)
            c[1] += len(p)
            c[2] += match(g, p, ok)
            c[3] += len(g)
    c = counts[("who-said-what", "")]
    c[0] += match(pred, gold, who_said_what)
    c[1] += len(pred)
    c[2] += match(gold, pred, who_said_what)
    c[3] += len(gold)


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def table(counts) -> list[str]:
    """The scores in ``counts`` (see :func:`score`) as the lines of a table."""
    lines = [f"{'role':<14}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}   (pred / gold)"]
    for role, mode in [(role, mode) for role in ROLES for mode in ("exact", "overlap")] + [("who-said-what", "")]:
        tp_p, n_p, tp_g, n_g = counts[(role, mode)]
        p, r, f = prf(tp_p, n_p, tp_g, n_g)
        lines.append(f"{role:<14}{mode:<9}{p:7.1f}{r:7.1f}{f:7.1f}   ({n_p} / {n_g})")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "polnear")
    ap.add_argument("--split", default="dev", choices=["dev", "train", "tune"],
                    help="tune: the tenth of train held out from the role tagger's training, for tuning rules")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", type=int, default=0, help="print this many misses and false alarms")
    ap.add_argument("--parse-all", action="store_true",
                    help="the unhurried run: the dependency parser on every sentence, not only where the rules need it")
    ap.add_argument("--method", default="both", choices=["rules", "model", "both", "accurate"],
                    help="which attribution finder extract uses (default: both)")
    ap.add_argument("--keep-nested", action="store_true",
                    help="also score the statements reported inside another's content, which PolNeAR never "
                         "annotates (left out by default)")
    args = ap.parse_args(argv)
    base = args.polnear / ("train" if args.split == "tune" else args.split)
    if not base.is_dir():
        print(f"no PolNeAR split at {base}", file=sys.stderr)
        return 2
    import quotes

    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, ann)
    stems = sorted(s for s in anns if (base / "text" / f"{s}.txt").exists())
    if args.split == "tune":
        from training.roles_training import is_held_out

        stems = [s for s in stems if is_held_out(s)]
    if args.limit:
        stems = stems[: args.limit]
    texts = [(s, (base / "text" / f"{s}.txt").read_text(encoding="utf-8")) for s in stems]
    lex = quotes.load_lexicon()
    if args.parse_all:
        from quotes import extraction

        extraction._selector = lambda lexicon: (lambda sentence: True)
        extraction._needs_parse = lambda docs, learned, is_cue: [{(s.start, s.text) for s in d.sentences} for d in docs]
    # timings are of parsing, not of a disk cache a user may have set up
    engine = quotes.Engine(lexicon=lex, method=args.method, cache=False)
    t0 = time.perf_counter()
    results = engine.extract_many(texts)
    elapsed = time.perf_counter() - t0
    counts = defaultdict(lambda: [0, 0, 0, 0])  # tp_pred, n_pred, tp_gold, n_gold
    shown = 0
    left_out = 0
    for (stem, text), res in zip(texts, results):
        gold = read_gold(anns[stem], text)
        skip = set() if args.keep_nested else nested(res)
        pred = predicted(res, skip=skip)
        left_out += len(skip)
        score(counts, gold, pred)
        if args.errors and shown < args.errors:
            for g in gold:
                if not any(dice(g["Content"], p["Content"]) >= 0.5 for p in pred):
                    a, b = g["Content"][0][0], g["Content"][-1][1]
                    print(f"MISS {stem}: {text[a:b][:120]!r}")
                    shown += 1
            for p in pred:
                if not any(dice(g["Content"], p["Content"]) >= 0.5 for g in gold):
                    a, b = p["Content"][0][0], p["Content"][-1][1]
                    print(f"FALSE {stem}: {text[a:b][:120]!r}")
                    shown += 1
    words = sum(len(t.split()) for _, t in texts)
    print(f"PolNeAR {args.split}: {len(texts)} articles, {words} words, extracted in {elapsed:.1f} s "
          f"({words / elapsed:.0f} words/s)")
    if not args.keep_nested:
        print(f"left out: {left_out} statements reported inside another's content (--keep-nested scores them)")
    print("\n".join(table(counts)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
