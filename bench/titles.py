"""Speaker titles checked at the article's date: wrong titles flagged, correct ones left alone.

    python bench/titles.py                   # every case in bench/titles/cases.jsonl
    python bench/titles.py --list            # also each case with its findings' messages
    python bench/titles.py --polnear-dates   # also: PolNeAR dev articles whose date the engine reads from the text

Each case is one paragraph with a titled speaker ("British Prime Minister Rishi Sunak said ..."), dated;
half the titles are wrong at that date (a predecessor's, a successor's, another office's, an office the
person never held). The paragraph is digested on its own with one engine at the case's date
(``Engine.digest``: the article's own findings, which is where ``wrong-title`` comes from; ``Engine.check``
with no sources gives the same findings and an ``unsourced`` note for every quotation besides). A wrong
case is flagged when a ``wrong-title`` finding is there, and its message *names the actual holder* when it
contains the holder's full name (case, accents and punctuation aside); a correct case is left silent when
there is no ``wrong-title`` finding. bench/titles/check.py validates the cases.

``--polnear-dates``: the share of PolNeAR dev articles (in the shared data folder, $QUOTES_SHARED or the
folder "shared" beside the repository) whose date ``extract`` finds in the text rather than falling back
to today (``Extraction.date_source != "today"``), and how many of those equal the date in the file name.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CASES = ROOT / "bench" / "titles" / "cases.jsonl"
CODE = "wrong-title"
LOUD = ("warning", "error")
WRONG_KINDS = ("predecessor", "successor", "other-office", "never-held")
CORRECT_KINDS = ("correct", "former")


def norm(text: str) -> str:
    """Lower case, accents and everything but letters and digits dropped: 'Yoon Suk-yeol' == 'Yoon Suk Yeol'."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text.lower())


def names_holder(message: str, holder: str | None) -> bool:
    """Whether ``message`` names ``holder`` in full (case, accents and punctuation aside; a parenthetical in
    the case's holder is dropped, as check.py does: 'Marco Rubio (interim)')."""
    name = norm(re.sub(r"\(.*?\)", "", holder or ""))
    return bool(name) and name in norm(message)


def score_case(case: dict, findings) -> dict:
    """One case's outcome from its findings (objects with ``code``, ``severity``, ``message``)."""
    flagged = [f for f in findings if f.code == CODE]
    other = [f for f in findings if f.code != CODE and f.severity in LOUD]
    return {
        "flagged": bool(flagged),
        "names_holder": any(names_holder(f.message, case.get("actual_holder")) for f in flagged),
        "other_loud": sorted({f.code for f in other}),
    }


def summary(cases: list[dict], outcomes: list[dict]) -> list[str]:
    """The printed totals: wrong cases flagged, of those the holder named, correct cases silent, per kind."""
    wrong = [(c, o) for c, o in zip(cases, outcomes) if not c["correct"]]
    right = [(c, o) for c, o in zip(cases, outcomes) if c["correct"]]
    flagged = [(c, o) for c, o in wrong if o["flagged"]]
    with_holder = [(c, o) for c, o in flagged if c.get("actual_holder")]
    named = sum(o["names_holder"] for _, o in with_holder)
    silent = sum(not o["flagged"] for _, o in right)
    other_only = sum(1 for _, o in wrong if not o["flagged"] and o["other_loud"])

    def pct(n: int, d: int) -> str:
        return f"{100 * n / d:.1f}%" if d else "-"

    lines = [
        f"wrong titles flagged {CODE}: {len(flagged)}/{len(wrong)} ({pct(len(flagged), len(wrong))})"
        + (f"; {other_only} more flagged only with another warning/error code" if other_only else ""),
        f"  of those, the message names the actual holder: {named}/{len(with_holder)} "
        f"({pct(named, len(with_holder))}; flagged cases with an actual holder)",
        f"correct titles left silent (no {CODE}): {silent}/{len(right)} ({pct(silent, len(right))})",
        f"{'kind':<14}{'cases':>6}{'flagged':>9}{'holder named':>14}{'silent':>8}",
    ]
    for kind in (*WRONG_KINDS, *CORRECT_KINDS):
        group = [(c, o) for c, o in zip(cases, outcomes) if c["kind"] == kind]
        if not group:
            continue
        n_flag = sum(o["flagged"] for _, o in group)
        n_named = str(sum(o["names_holder"] for _, o in group)) if kind in WRONG_KINDS else "-"
        lines.append(f"{kind:<14}{len(group):>6}{n_flag:>9}{n_named:>14}{len(group) - n_flag:>8}")
    return lines


def shared_folder() -> Path:
    return Path(os.environ.get("QUOTES_SHARED") or ROOT.parent / "shared")


def polnear_dates(engine) -> list[str]:
    """The share of PolNeAR dev articles extract dates (from the text or the file name, not today)."""
    base = shared_folder() / "polnear" / "dev" / "text"
    files = sorted(base.glob("*.txt"))
    if not files:
        return [f"PolNeAR dev dates: skipped (no articles at {base})"]
    t0 = time.perf_counter()
    results = engine.extract_many([(p.stem, p.read_text(encoding="utf-8")) for p in files])
    elapsed = time.perf_counter() - t0
    sources = Counter(r.date_source for r in results)
    found = [(p, r) for p, r in zip(files, results) if r.date_source != "today"]
    same = 0
    for p, r in found:
        m = re.search(r"_(\d{4}-\d{2}-\d{2})_", p.name)
        same += bool(m) and m.group(1) == r.date.isoformat()
    n = len(files)
    return [
        f"PolNeAR dev dates: {len(found)}/{n} articles ({100 * len(found) / n:.1f}%) dated, not today "
        f"(date_source: {dict(sources)}); {same}/{len(found)} of those equal the date in the file name "
        f"(extracted in {elapsed:.0f} s)",
    ]


def read_cases(path: Path = CASES) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", action="store_true", help="print each case with its findings' messages")
    ap.add_argument("--polnear-dates", action="store_true",
                    help="also the share of PolNeAR dev articles whose date the engine finds in the text")
    args = ap.parse_args(argv)
    import quotes

    cases = read_cases()
    engine = quotes.Engine()
    outcomes = []
    t0 = time.perf_counter()
    for c in cases:
        d = engine.digest([(c["id"], c["text"])], date=c["date"])
        o = score_case(c, d.findings)
        outcomes.append(o)
        if args.list:
            if c["correct"]:
                mark = "ok" if not o["flagged"] else "FALSE ALARM"
            else:
                mark = ("flagged, holder named" if o["names_holder"] else "flagged") if o["flagged"] else "MISSED"
            print(f"{c['id']} {c['date']} {c['kind']:<13}{mark}: {c['title_as_written']!r} -> {c['person']} "
                  f"(holder: {c['actual_holder']})")
            for f in d.findings:
                print(f"    {f.severity:<8}{f.code:<18}{f.span.text!r}: {f.message}")
    elapsed = time.perf_counter() - t0
    print(f"titles: {len(cases)} cases ({sum(not c['correct'] for c in cases)} wrong, "
          f"{sum(c['correct'] for c in cases)} correct), digested in {elapsed:.0f} s")
    print("\n".join(summary(cases, outcomes)))
    if args.polnear_dates:
        print("\n".join(polnear_dates(engine)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
