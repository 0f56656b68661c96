"""Who said it, measured on PolNeAR dev: each statement's speaker against the hand-annotated speakers-dev records.

    python bench/speakers.py               # all 84 dev articles
    python bench/speakers.py --limit 20    # the first 20
    python bench/speakers.py --errors 30   # also print 30 wrong person speakers with their context

Reads $QUOTES_SHARED (else the folder "shared" beside the repository): polnear/dev/text and
polnear/speakers-dev (one record per gold attribution: the speaker's canonical name, kind, title as the
article gives it, and how it follows from the source span). Each gold record is matched to the extracted
statement whose content overlaps its content most (character Dice >= 0.5); then, for gold persons:

- *person right*: the extracted speaker is that person (same full name, or the same family name: the
  article's "Clinton" for the gold "Hillary Clinton"; with a lexicon id, the lexicon's name);
- by how the gold speaker follows from the source span (as-written, surname, pronoun, title-only, ...);
- *calibration*: for the statements matched to a gold person, the share right per confidence band
  (a confidence that means something: of the answers given 0.9, about 90% right);
- *titles*: of the gold persons the article gives a title, how many get the right speaker with a title as
  written (``Speaker.title``), how many of those share a word with the gold title, and (the issue's measure)
  how many have the gold title's last word of 4+ letters in the predicted title, name or office (the lexicon's
  office at the date, else the past office a "former" title names, ``Speaker.former_office``; a gold
  title with no such word, ``Gov. (D)`` or ``of NBC``: its last word, as a word of its own);
- *kind*: the extracted kind against the gold kind, for every matched record (person, organisation,
  document; group and anonymous both count as the engine's anonymous or joint).

Parses are cached on disk (the engine's cache), so a second run measures the speaker stages quickly.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KIND_MATCH = {
    "person": {"person"},
    "organisation": {"organisation"},
    "document": {"document"},
    "group": {"anonymous", "joint"},
    "anonymous": {"anonymous"},
    "unknown": {"unresolved", "anonymous", "ambiguous"},
}
STOP = {"the", "a", "an", "of", "for", "and", "at", "in", "on", "to", "'s", "’s"}
BANDS = ((0.0, 0.35), (0.35, 0.55), (0.55, 0.75), (0.75, 0.9), (0.9, 1.01))


def shared_folder() -> Path:
    return Path(os.environ.get("QUOTES_SHARED") or ROOT.parent / "shared")


def dice(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    total = (a[1] - a[0]) + (b[1] - b[0])
    return 2 * inter / total if total else 0.0


def person_right(gold: str, speaker, lexicon) -> bool:
    """Whether the extracted speaker is the gold person (full name, or family name against the full one)."""
    from quotes.records import Speaker
    from quotes.verification.identity import same_person

    names = [speaker.name] if speaker.name else []
    if speaker.person_id:
        names.append(lexicon.person(speaker.person_id).name)
    if speaker.kind == "ambiguous" or not names:
        return False
    return any(same_person(Speaker("person", n), Speaker("person", gold)) == "same" for n in names)


ABBREVIATIONS = {"gov": "governor", "sen": "senator", "sens": "senators", "rep": "representative",
                 "reps": "representatives", "gen": "general", "lt": "lieutenant", "col": "colonel", "sgt": "sergeant",
                 "atty": "attorney", "supt": "superintendent", "sec": "secretary", "amb": "ambassador",
                 "prof": "professor", "rev": "reverend", "pres": "president", "adm": "admiral", "cmdr": "commander"}
"""Title abbreviations (written with a full stop) and the word each stands for."""


def expand_abbreviations(text: str) -> str:
    """``text`` (lower case) with each abbreviation of :data:`ABBREVIATIONS` written with its full stop replaced
    by its word.

    >>> expand_abbreviations("former pennsylvania gov. and lt. gen. flynn")
    'former pennsylvania governor and lieutenant general flynn'
    """
    return re.sub(r"\b([a-z]+)\.", lambda m: ABBREVIATIONS.get(m.group(1), m.group(0)), text)


def has_last_word(longs: list[str], seen: str) -> bool:
    """Whether the gold title's last long word (``longs[-1]``) is in ``seen`` (the predicted title, label and office,
    lowercased): a short one (``d`` of ``(D)``) as a word of its own, a long one anywhere."""
    if not longs:
        return False
    if len(longs[-1]) <= 3:
        return longs[-1] in set(re.findall(r"[a-z0-9-]+", seen))
    return longs[-1] in seen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--errors", type=int, default=0, help="print N wrong person speakers")
    ap.add_argument("--kind-errors", type=int, default=0, help="print N records of the wrong kind")
    ap.add_argument("--title-errors", type=int, default=0, help="print N right persons without the gold title")
    ap.add_argument("--method", default="both", choices=["rules", "model", "both", "accurate"],
                    help="which attribution finder extract uses (default: both)")
    args = ap.parse_args(argv)
    shared = shared_folder()
    gold_dir, text_dir = shared / "polnear" / "speakers-dev", shared / "polnear" / "dev" / "text"
    if not gold_dir.is_dir() or not text_dir.is_dir():
        print(f"skipped: no speakers-dev data at {gold_dir}")
        return 0
    import quotes

    engine = quotes.Engine(cache=os.environ.get("QUOTES_BENCH_CACHE") != "off", method=args.method)
    files = sorted(gold_dir.glob("*.jsonl"))
    if args.limit:
        files = files[: args.limit]
    t0 = time.perf_counter()
    matched = unmatched = 0
    by_res: dict[str, Counter] = defaultdict(Counter)
    bands: dict[int, Counter] = defaultdict(Counter)
    kinds: Counter = Counter()
    confusion: Counter = Counter()
    titles: Counter = Counter()
    errors: list[str] = []
    kind_errors: list[str] = []
    title_errors: list[str] = []
    for path in files:
        text = (text_dir / f"{path.stem}.txt").read_text(encoding="utf-8")
        ex = engine.extract(text, name=path.stem)
        gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for g in gold:
            span = (g["content"]["start"], g["content"]["end"])
            best = max(ex.quotes, key=lambda q: dice(span, (q.start, q.end)), default=None)
            if best is None or dice(span, (best.start, best.end)) < 0.5:
                unmatched += 1
                continue
            matched += 1
            kinds["right" if best.speaker.kind in KIND_MATCH[g["kind"]] else "wrong"] += 1
            confusion[(g["kind"], best.speaker.kind)] += 1
            if best.speaker.kind not in KIND_MATCH[g["kind"]] and len(kind_errors) < args.kind_errors:
                kind_errors.append(f"{path.stem[:40]}: gold {g['kind']} {g.get('speaker')!r}; got "
                                   f"{best.speaker.kind} {best.speaker.label!r} [{best.resolution}] source "
                                   f"{best.source.text if best.source else None!r}")
            if g["kind"] != "person" or not g["speaker"] or ";" in g["speaker"]:
                continue
            ok = person_right(g["speaker"], best.speaker, engine.lexicon)
            if g.get("title"):
                got = best.speaker.title.text if ok and best.speaker.title is not None else ""
                if ok and best.speaker.affiliation is not None:  # the party-state tag written after the name
                    got = f"{got} ({best.speaker.affiliation.text})".strip()
                gold_words = {w.strip(".,").lower() for w in g["title"].split()} - STOP
                got_words = {w.strip(".,").lower() for w in got.split()} - STOP
                titles["given"] += 1
                titles["shown"] += bool(got)
                titles["agrees"] += bool(gold_words & got_words)
                # the measure: the gold title's last word of more than 3 letters in the predicted
                # title, label or office
                longs = [w.strip(".,()").lower() for w in g["title"].split() if len(w.strip(".,()")) > 3]
                if not longs:  # "Gov. (D)", "of NBC": no word of 4+ letters, so its last word ("nbc", "d")
                    longs = [w.strip(".,()").lower() for w in g["title"].split() if w.strip(".,()")][-1:]
                short = bool(longs) and len(longs[-1]) <= 3  # a word of its own, not a part of one: "d" in "(d)"
                # the lexicon's office: held at the date, else the past one a "former" title names
                office = best.speaker.office or best.speaker.former_office
                seen = " ".join(x for x in (got, best.speaker.label if ok else "", office or "" if ok else "")
                                if x).lower()
                right = has_last_word(longs, seen)
                held = " ".join(x for x in (got, best.speaker.label if ok else "", best.speaker.office or "" if ok
                                                                                 else "") if x).lower()
                titles["last-word"] += right
                titles["by-former"] += right and not has_last_word(longs, held)
                # the same with the title's abbreviations written out ("Former Pennsylvania Gov." for a gold
                # "former Pennsylvania governor"): the article's title is right, only shorter
                titles["last-word-expanded"] += right or (bool(longs) and not short and longs[-1] in expand_abbreviations(seen))
                titles["wrong-speaker" if not ok else "no-title" if not got and not right else
                       "other-words" if not right else "ok"] += 1
                if not right and ok and longs and re.fullmatch(r"\(?[a-z]-[a-z. ]+\)?", longs[-1]):
                    titles["party-state"] += 1
                if not right and len(title_errors) < args.title_errors:
                    title_errors.append(f"{path.stem[:40]}: gold {g['speaker']!r} title {g['title']!r}; got "
                                        f"{best.speaker.label!r} title {got!r} office {office!r}")
            by_res[g.get("resolution") or "?"]["right" if ok else "wrong"] += 1
            by_res["all"]["right" if ok else "wrong"] += 1
            band = next(i for i, (lo, hi) in enumerate(BANDS) if lo <= best.confidence < hi)
            bands[band]["right" if ok else "wrong"] += 1
            if not ok and len(errors) < args.errors:
                src = g["source"]["text"] if g.get("source") else None
                ctx = text[max(0, span[0] - 100): span[0] + 60].replace("\n", " / ")
                errors.append(f"{path.stem[:40]}: gold {g['speaker']!r} ({g.get('resolution')}, source {src!r}); "
                              f"got {best.speaker.label!r} [{best.resolution} {best.confidence:.2f}]\n      …{ctx}…")
    elapsed = time.perf_counter() - t0
    total = matched + unmatched
    print(f"speakers: {len(files)} articles, {total} gold records, {matched} matched to a statement "
          f"({matched / max(total, 1):.1%}) in {elapsed:.0f} s")

    def pct(c: Counter) -> str:
        n = c["right"] + c["wrong"]
        return f"{c['right']}/{n} ({c['right'] / n:.1%})" if n else "-"

    print(f"person right (matched gold persons): {pct(by_res['all'])}")
    for res in sorted(k for k in by_res if k != "all"):
        print(f"  {res:<14} {pct(by_res[res])}")
    n = max(titles["given"], 1)
    print(f"titles (gold persons the article gives a title): {titles['given']}; the right speaker with a title "
          f"{titles['shown']} ({titles['shown'] / n:.1%}), sharing a word with the gold title {titles['agrees']} "
          f"({titles['agrees'] / n:.1%}); its last word of 4+ letters in the predicted title, name or office "
          f"(the issue's measure; bar 85%) {titles['last-word']} ({titles['last-word'] / n:.1%}; "
          f"{titles['by-former']} of them by the office a former title names alone); the same with "
          f"abbreviations written out (Gov. = governor) {titles['last-word-expanded']} "
          f"({titles['last-word-expanded'] / n:.1%})")
    print(f"  misses: wrong or no person {titles['wrong-speaker']}, right person without a title {titles['no-title']}, "
          f"a title without the gold's last word {titles['other-words']} (of these, a party-state tag such as "
          f"'(D-Mont.)' ends the gold title: {titles['party-state']})")
    print(f"kind right (every matched record): {pct(kinds)}")
    wrong = [(n, g, k) for (g, k), n in confusion.items() if k not in KIND_MATCH[g]]
    print("  most common kind errors (gold -> extracted): "
          + ", ".join(f"{g} -> {k} {n}" for n, g, k in sorted(wrong, reverse=True)[:6]))
    print("calibration (gold persons): confidence band -> share right")
    for i, (lo, hi) in enumerate(BANDS):
        print(f"  {lo:.2f}-{min(hi, 1.0):.2f}  {pct(bands[i])}")
    for e in errors:
        print("  WRONG " + e)
    for e in kind_errors:
        print("  KIND " + e)
    for e in title_errors:
        print("  TITLE " + e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
