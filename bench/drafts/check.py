#!/usr/bin/env python3
"""Verify the quote-verification evaluation drafts (standard library only).

Usage:  python bench/drafts/check.py [--seeds DIR] [--polnear DIR]

Source paths in cases.jsonl are written "seeds/<file>" (resolved against --seeds,
default: the repository's seeds/) or "polnear/<split>/text/<file>" (resolved against
--polnear, default: polnear/ in the shared data folder, $QUOTES_SHARED or the folder
"shared" beside the repository). Without the shared data the checks that need a
PolNeAR-based draft's sources are skipped (and counted); the rest still run.

Checks, per case:
  * the draft file exists, is UTF-8, has a headline line, 150-400 words in all,
    4-6 quotations, and balanced double quotation marks in every paragraph;
  * the sources exist; `date` is YYYY-MM-DD and, for PolNeAR sources, equals the
    date in one source's file name;
  * clean drafts have no errors, doctored drafts 1-3;
  * every error: known kind; draft_text occurs exactly once in the draft;
    quotation errors (altered, misattributed, invented) have a draft_text that is
    one whole quotation of the draft, marks included;
    for altered and misattributed, source_text occurs verbatim (raw) in one of
    the draft's sources;
    altered: the draft's wording is NOT in the sources, the true wording (truth)
    is, and source_text contains it;
    misattributed: the quotation IS in the sources (verbatim up to quote style
    and whitespace), inside source_text;
    invented: the quotation is NOT in the sources, truth is "not in sources";
    wrong-title: draft_text is outside every quotation;
  * every other quotation (in clean and doctored drafts alike) occurs verbatim
    in one of the draft's sources after normalising curly vs straight quotes and
    whitespace only;
Errors of kind misattributed may carry an optional "subtype" (other-speaker: another
person the source quotes; associate: a colleague/associate named in the source;
pronoun: a pronoun in the draft that points at the wrong person); the summary counts them.

and over all drafts: at least 42 drafts, exactly 14 clean, at least 12 errors of
each kind, at least 4 seed-based drafts.
"""
import argparse
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("QUOTES_SHARED") or os.path.join(os.path.dirname(ROOT), "shared")
KINDS = ("altered", "misattributed", "invented", "wrong-title")
QUOTE_KINDS = ("altered", "misattributed", "invented")
MIN_PER_KIND = 12
N_CLEAN = 14
MIN_DRAFTS = 42
MIN_SEED_DRAFTS = 4

DQ = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}
SQ = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'"}


def norm(s):
    """Normalise curly vs straight quotes and whitespace only."""
    for k, v in DQ.items():
        s = s.replace(k, v)
    for k, v in SQ.items():
        s = s.replace(k, v)
    return re.sub(r"\s+", " ", s).strip()


def quotations(text):
    """Return [(start, end)] of double-quoted spans (marks included) in raw text,
    and a list of problems (unbalanced marks). Quotations never cross a line."""
    spans, problems = [], []
    pos = 0
    for line in text.split("\n"):
        i, open_at, open_ch = 0, None, None
        while i < len(line):
            ch = line[i]
            if open_at is None:
                if ch == "\u201c" or ch == '"':
                    open_at, open_ch = i, ch
                elif ch == "\u201d":
                    problems.append(f"closing mark without opening: {line[max(0, i - 30):i + 10]!r}")
            else:
                closes = (open_ch == "\u201c" and ch == "\u201d") or (open_ch == '"' and ch == '"')
                if closes:
                    spans.append((pos + open_at, pos + i + 1))
                    open_at = None
                elif ch == "\u201c" or (open_ch == "\u201c" and ch == '"'):
                    problems.append(f"mark opened inside a quotation: {line[max(0, i - 30):i + 10]!r}")
            i += 1
        if open_at is not None:
            problems.append(f"unclosed quotation: {line[open_at:open_at + 50]!r}")
        pos += len(line) + 1
    return spans, problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default=os.path.join(ROOT, "seeds"))
    ap.add_argument("--polnear", default=os.path.join(SHARED, "polnear"))
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.jsonl"))
    args = ap.parse_args()

    def resolve(src):
        if src.startswith("seeds/"):
            return os.path.join(args.seeds, src[len("seeds/"):])
        if src.startswith("polnear/"):
            return os.path.join(args.polnear, src[len("polnear/"):])
        return None

    failures = []
    warnings = []

    def fail(cid, msg):
        failures.append(f"{cid}: {msg}")

    cases = []
    with open(args.cases, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    cases.append(json.loads(line))
                except ValueError as exc:
                    failures.append(f"cases.jsonl line {n}: bad JSON ({exc})")

    kind_counts = collections.Counter()
    sub_counts = collections.Counter()
    n_clean = n_doctored = n_seed = 0
    split_counts = collections.Counter()
    n_quotes_total = 0
    ids = set()
    words_all = []
    no_shared = not os.path.isdir(args.polnear)
    n_skipped = 0
    for case in cases:
        cid = case.get("id", "?")
        if cid in ids:
            fail(cid, "duplicate id")
        ids.add(cid)
        for key in ("id", "draft", "sources", "date", "clean", "errors"):
            if key not in case:
                fail(cid, f"missing key {key}")
        if case.get("draft") != f"{cid}.txt":
            fail(cid, f"draft file name should be {cid}.txt")
        path = os.path.join(HERE, case.get("draft", ""))
        try:
            with open(path, encoding="utf-8") as fh:
                draft = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            fail(cid, f"cannot read draft: {exc}")
            continue
        lines = draft.split("\n")
        if not lines[0].strip() or len(lines) < 3:
            fail(cid, "first line must be a headline followed by the story")
        nwords = len(draft.split())
        words_all.append(nwords)
        if not 150 <= nwords <= 400:
            fail(cid, f"word count {nwords} outside 150-400")

        # sources
        srcs = []
        absent = no_shared and any(s.startswith("polnear/") for s in case.get("sources", []))
        n_skipped += absent
        for s in case.get("sources", []):
            if absent:
                break
            p = resolve(s)
            if not p or not os.path.isfile(p):
                fail(cid, f"source not found: {s}")
                continue
            with open(p, encoding="utf-8") as fh:
                srcs.append((s, fh.read()))
        if not 1 <= len(case.get("sources", [])) <= 2:
            fail(cid, "1-2 sources expected")
        if any(s.startswith("seeds/") for s in case.get("sources", [])):
            n_seed += 1
        for s in case.get("sources", []):
            m = re.match(r"polnear/(dev|train)/", s)
            split_counts[m.group(1) if m else "seeds"] += 1
        nsrc = [norm(t) for _, t in srcs]

        def in_sources(inner, nsrc=nsrc):
            n = norm(inner)
            return bool(n) and any(n in t for t in nsrc)

        date = case.get("date", "")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date or ""):
            fail(cid, f"bad date {date!r}")
        pn_dates = {re.search(r"_(\d{4}-\d{2}-\d{2})_", s).group(1)
                    for s in case.get("sources", []) if s.startswith("polnear/")}
        if pn_dates and date not in pn_dates:
            fail(cid, f"date {date} is not the date of a PolNeAR source {sorted(pn_dates)}")

        spans, problems = quotations(draft)
        for pr in problems:
            fail(cid, pr)
        if not 4 <= len(spans) <= 6:
            fail(cid, f"{len(spans)} quotations (4-6 expected)")
        n_quotes_total += len(spans)
        span_text = {draft[a:b]: (a, b) for a, b in spans}

        clean = case.get("clean")
        errors = case.get("errors", [])
        if clean is True:
            n_clean += 1
            if errors:
                fail(cid, "clean draft with errors")
        elif clean is False:
            n_doctored += 1
            if not 1 <= len(errors) <= 3:
                fail(cid, f"doctored draft needs 1-3 errors, has {len(errors)}")
        else:
            fail(cid, "clean must be true or false")

        exempt = set()  # spans whose wording is deliberately not in the sources
        for k, err in enumerate(errors, 1):
            eid = f"{cid} error {k}"
            kind = err.get("kind")
            if kind not in KINDS:
                fail(eid, f"unknown kind {kind!r}")
                continue
            kind_counts[kind] += 1
            for key in ("draft_text", "speaker_in_draft", "truth"):
                if not err.get(key):
                    fail(eid, f"missing {key}")
            dt = err.get("draft_text", "")
            cnt = draft.count(dt) if dt else 0
            if cnt != 1:
                fail(eid, f"draft_text occurs {cnt} times in the draft: {dt[:60]!r}")
                continue
            if err.get("speaker_in_draft") and err["speaker_in_draft"] not in draft:
                fail(eid, "speaker_in_draft {!r} not found in the draft".format(err["speaker_in_draft"]))
            st = err.get("source_text", "")
            if kind in ("altered", "misattributed") and not st:
                fail(eid, "source_text required")
            if st and not absent and not any(st in t for _, t in srcs):
                fail(eid, f"source_text not verbatim in the sources: {st[:80]!r}")
            if kind in QUOTE_KINDS:
                if dt not in span_text:
                    fail(eid, f"draft_text is not one whole quotation of the draft: {dt[:60]!r}")
                    continue
                if kind == "misattributed" and "subtype" in err:
                    sub_counts[err["subtype"]] += 1
                if kind == "invented" and err.get("truth") != "not in sources":
                    fail(eid, "truth of an invented quotation must be 'not in sources'")
                if absent:  # the rest needs the sources
                    continue
                inner = dt[1:-1]
                if kind == "altered":
                    exempt.add(dt)
                    if in_sources(inner):
                        fail(eid, "altered wording is actually in the sources")
                    tr = err.get("truth", "")
                    if not in_sources(tr):
                        fail(eid, f"truth (true wording) not found in the sources: {tr[:80]!r}")
                    elif st and norm(tr) not in norm(st):
                        fail(eid, "truth is not inside source_text")
                elif kind == "invented":
                    exempt.add(dt)
                    if in_sources(inner):
                        fail(eid, "invented quotation is actually in the sources")
                elif kind == "misattributed":
                    if not in_sources(inner):
                        fail(eid, "misattributed quotation is not verbatim in the sources")
                    elif st and norm(inner) not in norm(st):
                        fail(eid, "misattributed quotation is not inside source_text")
            else:  # wrong-title
                a = draft.index(dt)
                if any(s <= a < e for s, e in spans):
                    fail(eid, "wrong-title draft_text lies inside a quotation")

        for a, b in spans:
            q = draft[a:b]
            if absent or q in exempt:
                continue
            if not in_sources(q[1:-1]):
                fail(cid, f"quotation not verbatim in the sources: {q[:80]!r}")

    if len(cases) < MIN_DRAFTS:
        failures.append(f"only {len(cases)} drafts (at least {MIN_DRAFTS})")
    if n_clean != N_CLEAN:
        failures.append(f"{n_clean} clean drafts (exactly {N_CLEAN} expected)")
    for k in KINDS:
        if kind_counts[k] < MIN_PER_KIND:
            failures.append(f"kind {k}: {kind_counts[k]} errors (at least {MIN_PER_KIND})")
    if n_seed < MIN_SEED_DRAFTS:
        failures.append(f"only {n_seed} seed-based drafts (at least {MIN_SEED_DRAFTS})")

    print(f"drafts: {len(cases)}  clean: {n_clean}  doctored: {n_doctored}  seed-based: {n_seed}")
    if n_skipped:
        print(f"source checks skipped for {n_skipped} drafts: no PolNeAR at {args.polnear} "
              "(set QUOTES_SHARED to the shared data folder)")
    print("sources used: " + ", ".join(f"{k} {v}" for k, v in sorted(split_counts.items())))
    print(f"quotations: {n_quotes_total}  words per draft: {min(words_all or [0])}-{max(words_all or [0])}")
    print("errors: " + ", ".join(f"{k} {kind_counts[k]}" for k in KINDS)
          + f"  (total {sum(kind_counts.values())})")
    if sub_counts:
        print("misattributed by type: " + ", ".join(f"{k} {v}" for k, v in sorted(sub_counts.items())))
    for w in warnings:
        print("WARNING " + w)
    if failures:
        for f in failures:
            print("FAIL " + f)
        print(f"RESULT: FAIL ({len(failures)} problems)")
        return 1
    print("RESULT: PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
