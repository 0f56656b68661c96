"""Extraction on the four seeds against the hand-annotated gold (seeds/gold.jsonl).

    python bench/seeds.py              # precision/recall of quotes, speaker accuracy, per article
    python bench/seeds.py --errors     # also list misses, false alarms and wrong speakers

A predicted quote matches a gold quote when their contents overlap with character Dice >= 0.5
(the pieces of a split gold quote, same ``group``, count as one content); the matching is one-to-one,
the closest pairs first. Speaker accuracy is
measured on the matched quotes: the predicted speaker's canonical name equals the gold speaker (case
and a leading "the" ignored); a gold ``AMBIGUOUS: A|B`` is matched by an ambiguous prediction naming
both; a gold anonymous source by an anonymous prediction; two names the lexicon reads as one organisation
(``CCTV`` and ``China Central Television``) are the same speaker, and so are two coordinations of the same
members in any order (a joint speaker ``Xi Jinping and Vladimir Putin`` is a set: the gold's order is
not the text's).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def chars(pieces) -> set[int]:
    return {i for a, b in pieces for i in range(a, b)}


def dice(x: set[int], y: set[int]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def load_gold(path: Path) -> dict[str, list[dict]]:
    by_article: dict[str, list[dict]] = defaultdict(list)
    groups: dict[tuple[str, str], dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        # the pieces of one split quote share a group; a record without one is its own (a nested statement may
        # start where the statement around it starts)
        key = (rec["article"], rec.get("group") or f"{rec['start']}-{rec['end']}")
        if key in groups:
            groups[key]["pieces"].append((rec["start"], rec["end"]))
            continue
        rec["pieces"] = [(rec["start"], rec["end"])]
        groups[key] = rec
        by_article[rec["article"]].append(rec)
    return by_article


def _norm(name: str | None) -> str:
    name = (name or "").lower().strip()
    return name[4:] if name.startswith("the ") else name


def _members(name: str | None) -> frozenset[str]:
    """The conjuncts of a coordination (``the US, Canada and European allies``), as a set."""
    return frozenset(_norm(m) for m in re.split(r",\s*(?:and\s+)?|\s+and\s+", _norm(name)) if m.strip())


def _same(gold_name: str, pred_name: str | None, lexicon) -> bool:
    """Equal names, the same members in another order, or names the lexicon reads as one organisation
    (``CCTV`` / ``China Central Television``)."""
    if _norm(gold_name) == _norm(pred_name):
        return True
    if len(_members(gold_name)) > 1 and _members(gold_name) == _members(pred_name):
        return True
    if lexicon is None or not pred_name:
        return False
    g, p = lexicon.organisation(gold_name), lexicon.organisation(pred_name)
    return g is not None and p is not None and g.name == p.name


def speaker_ok(gold: dict, speaker, lexicon=None) -> bool:
    g = gold["speaker"]
    if g.startswith("AMBIGUOUS:"):
        want = {_norm(n) for n in g.split(":", 1)[1].split("|")}
        return speaker.kind == "ambiguous" and want <= {_norm(n) for n in speaker.candidates}
    if gold.get("speaker_kind") == "anonymous":
        return speaker.kind == "anonymous" or _same(g, speaker.name, lexicon)
    return _same(g, speaker.name, lexicon)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--method", default="both", choices=["rules", "model", "both", "accurate"],
                    help="which attribution finder extract uses (default: both)")
    args = ap.parse_args(argv)
    import quotes

    lexicon = quotes.load_lexicon()

    gold = load_gold(ROOT / "seeds" / "gold.jsonl")
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    results = quotes.extract_many(texts, method=args.method)
    tot = defaultdict(int)
    print(f"{'article':<22}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'spk acc':>9}")
    for (stem, _text), res in zip(texts, results):
        g = gold.get(stem, [])
        pred = [(q, chars((c.start, c.end) for c in q.content)) for q in res.quotes]
        # one-to-one, closest pairs first: a prediction of a nested statement ("Wang told Kuleba that X", as
        # CCTV reported it) pairs with the gold that has its content, not with the outer layer around it
        pairs = sorted(((dice(chars(rec["pieces"]), pc), i, j) for i, rec in enumerate(g) for j, (_, pc) in enumerate(pred)),
                       key=lambda x: (-x[0], x[1], x[2]))
        used: set[int] = set()
        partner: dict[int, int] = {}
        for d, i, j in pairs:
            if d < 0.5:
                break
            if i not in partner and j not in used:
                partner[i] = j
                used.add(j)
        matched = [(rec, pred[partner[i]][0]) for i, rec in enumerate(g) if i in partner]
        if args.errors:
            for i, rec in enumerate(g):
                if i not in partner:
                    print(f"  MISS  {stem[:3]} {rec['kind']:<8} {rec['speaker']:<22} {rec['text'][:80]!r}")
        if args.errors:
            for j, (q, _) in enumerate(pred):
                if j not in used:
                    print(f"  FALSE {stem[:3]} {q.kind:<8} {q.speaker.label:<22} {q.text[:80]!r}")
        right = sum(speaker_ok(rec, q.speaker, lexicon) for rec, q in matched)
        if args.errors:
            for rec, q in matched:
                if not speaker_ok(rec, q.speaker, lexicon):
                    print(f"  SPKR  {stem[:3]} gold {rec['speaker']!r} got {q.speaker.label!r} "
                          f"({q.resolution}, source {q.source.text if q.source else None!r}): {q.text[:60]!r}")
        p = len(used) / len(pred) if pred else 0.0
        r = len(matched) / len(g) if g else 0.0
        acc = right / len(matched) if matched else 0.0
        print(f"{stem[:20]:<22}{len(g):>6}{len(pred):>6}{100 * p:7.1f}{100 * r:7.1f}{100 * acc:9.1f}")
        tot["gold"] += len(g)
        tot["pred"] += len(pred)
        tot["tp"] += len(matched)
        tot["right"] += right
    p = tot["tp"] / tot["pred"] if tot["pred"] else 0.0
    r = tot["tp"] / tot["gold"] if tot["gold"] else 0.0
    acc = tot["right"] / tot["tp"] if tot["tp"] else 0.0
    print(f"{'all':<22}{tot['gold']:>6}{tot['pred']:>6}{100 * p:7.1f}{100 * r:7.1f}{100 * acc:9.1f}")
    print(f"quotes: precision {100 * p:.1f}, recall {100 * r:.1f}; speaker accuracy on found quotes {100 * acc:.1f}% "
          f"({tot['right']}/{tot['tp']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
