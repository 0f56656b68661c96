"""Findings on the seeds against the hand-written expectations (seeds/expected_findings.jsonl).

    python bench/findings.py                 # digest over the four seeds + each seed checked against the others
    python bench/findings.py --list          # also list every finding
    python bench/findings.py --polnear 30    # false alarms: 30 PolNeAR dev articles digested together

A finding matches an expected one when the code is the same and, for the same article, the spans
overlap (variant groups: any occurrence of the group overlaps the expected span). Expectations
with ``scope`` (external knowledge, claims) cannot be found by comparing the articles and are
reported separately.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def overlaps(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


def found_spans(finding):
    yield finding.article, finding.span.start, finding.span.end
    for ev in finding.evidence:
        if ev.article and ev.span is not None:
            yield ev.article, ev.span.start, ev.span.end


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--polnear", type=int, default=0)
    args = ap.parse_args(argv)
    import quotes

    expected = [json.loads(line) for line in (ROOT / "seeds" / "expected_findings.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    lex = quotes.load_lexicon()
    results = quotes.extract_many(texts, lexicon=lex)
    digest = quotes.digest(results, lexicon=lex)
    findings = list(digest.findings)
    for i, draft in enumerate(results):
        report = quotes.check(draft, sources=[r for j, r in enumerate(results) if j != i], lexicon=lex)
        findings.extend(report.findings)
    # one finding per (code, article, span)
    unique = {(f.code, f.article, f.span.start, f.span.end): f for f in findings}
    findings = list(unique.values())
    in_scope = [e for e in expected if not e.get("scope")]
    hit_expected = set()
    hit_found = set()
    for i, e in enumerate(in_scope):
        for j, f in enumerate(findings):
            if f.code != e["code"]:
                continue
            if any(a == e["article"] and overlaps(s, t, e["start"], e["end"]) for a, s, t in found_spans(f)):
                hit_expected.add(i)
                hit_found.add(j)
    by_code = defaultdict(lambda: [0, 0, 0])  # expected, found-matching, found
    for i, e in enumerate(in_scope):
        by_code[e["code"]][0] += 1
        by_code[e["code"]][1] += i in hit_expected
    for f in findings:
        by_code[f.code][2] += 1
    print(f"seeds: {len(findings)} distinct findings (digest + each seed checked against the other three); "
          f"{len(in_scope)} expected in scope, {len(expected) - len(in_scope)} out of scope")
    print(f"{'code':<20}{'expected':>9}{'recalled':>9}{'found':>7}{'matching':>9}")
    for code, (n_exp, n_rec, n_found) in sorted(by_code.items()):
        n_match = sum(1 for j, f in enumerate(findings) if f.code == code and j in hit_found)
        print(f"{code:<20}{n_exp:>9}{n_rec:>9}{n_found:>7}{n_match:>9}")
    recall = len(hit_expected) / len(in_scope) if in_scope else 0.0
    precision = len(hit_found) / len(findings) if findings else 0.0
    print(f"recall {100 * recall:.1f}% ({len(hit_expected)}/{len(in_scope)}), "
          f"precision {100 * precision:.1f}% ({len(hit_found)}/{len(findings)}) of findings matching an expectation")
    loud = [j for j, f in enumerate(findings) if f.severity in ("warning", "error")]
    loud_hits = sum(1 for j in loud if j in hit_found)
    print(f"warnings and errors only (what an editor is alerted to): {len(loud)}, "
          f"precision {100 * loud_hits / len(loud) if loud else 0.0:.1f}% ({loud_hits}/{len(loud)})")
    # a seed checked against the other three: most of its quotes are in none of them (they are not its
    # sources), so "unsourced" there is what the check should say, and the expectations list only two
    other = [j for j in loud if findings[j].code != "unsourced"]
    other_hits = sum(1 for j in other if j in hit_found)
    print(f"warnings and errors other than unsourced (the seeds are not each other's sources): {len(other)}, "
          f"precision {100 * other_hits / len(other) if other else 0.0:.1f}% ({other_hits}/{len(other)})")
    for i, e in enumerate(in_scope):
        mark = "found" if i in hit_expected else "MISSED"
        print(f"  {mark:<7}{e['code']:<18}{e['article'][:3]} {e['text'][:70]!r}")
    if args.list:
        for j, f in enumerate(findings):
            mark = "ok" if j in hit_found else "??"
            print(f"  {mark} {f.severity:<8}{f.code:<18}{f.article[:3]} {f.span.text[:50]!r}: {f.message[:110]}")
    if args.polnear:
        base = ROOT.parent / "shared" / "polnear" / "dev" / "text"
        files = sorted(base.glob("*.txt"))[: args.polnear]
        if not files:
            print("PolNeAR dev not available")
            return 0
        pn = quotes.extract_many([(p.stem, p.read_text(encoding="utf-8")) for p in files], lexicon=lex)
        d = quotes.digest(pn, lexicon=lex)
        loud = [f for f in d.findings if f.severity in ("warning", "error")]
        counts = Counter(f.code for f in loud)
        print(f"PolNeAR dev, {len(files)} articles digested together: {len(loud)} warnings/errors "
              f"({len(loud) / len(files):.2f} per article): {dict(counts)}")
        for f in loud[:15]:
            print(f"  {f.code:<18}{f.article[:40]} {f.span.text[:50]!r}: {f.message[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
