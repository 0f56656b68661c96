"""The copy-desk check measured on doctored drafts: injected errors caught, false alarms, clean drafts passed.

    python bench/drafts.py                   # every draft in bench/drafts/cases.jsonl
    python bench/drafts.py --list            # also every finding and every miss, draft by draft
    python bench/drafts.py --only d07 --list # one draft (--only may be repeated)

Each draft (bench/drafts/dNN.txt) is checked against its sources with one engine, dated with the case's
date. Sources are "seeds/X.txt" (the repository's seeds) or "polnear/..." (in the shared data folder:
$QUOTES_SHARED, else the folder "shared" beside the repository); a draft whose sources are absent is
skipped and counted. bench/drafts/check.py validates the cases.

A finding matches an injected error when its span overlaps the error's ``draft_text`` in the draft. An
error is *caught with the right code* when a warning or error of its kind's code matches it (altered ->
altered-wording, misattributed -> misattribution, invented -> unsourced, wrong-title -> wrong-title),
*caught* when any warning or error matches it; a right-code finding of severity info only (no alert, exit
code 0) is counted apart. A *false alarm* is a warning or error matching no injected error (in a clean
draft, every warning and error). The issue's bars: at least 90% caught with the right code, at most 0.1
false alarms per draft, at least 95% of the clean drafts exiting 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CASES = ROOT / "bench" / "drafts" / "cases.jsonl"

KIND_CODE = {
    "altered": "altered-wording",
    "misattributed": "misattribution",
    "invented": "unsourced",
    "wrong-title": "wrong-title",
}
"""The finding code that names each kind of injected error."""
KINDS = tuple(KIND_CODE)
LOUD = ("warning", "error")
"""Severities an editor is alerted to (a check with one of them exits 1)."""

BAR_RIGHT_CODE = 0.90
BAR_FALSE_PER_DRAFT = 0.1
BAR_CLEAN_EXIT_0 = 0.95


def shared_folder() -> Path:
    """The shared data folder: $QUOTES_SHARED, else ``shared`` beside the repository."""
    return Path(os.environ.get("QUOTES_SHARED") or ROOT.parent / "shared")


def resolve(source: str, shared: Path) -> Path:
    """A case's source path: ``seeds/...`` in the repository, anything else (``polnear/...``) in ``shared``."""
    return ROOT / source if source.startswith("seeds/") else shared / source


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether two character spans share a character; an empty span counts as the one character at its start."""
    return a0 < max(b1, b0 + 1) and b0 < max(a1, a0 + 1)


@dataclass(frozen=True)
class Injected:
    """One injected error, located in its draft."""

    kind: str
    start: int
    end: int
    text: str
    speaker: str = ""


def locate(draft: str, errors: list[dict]) -> list[Injected]:
    """The case's errors with the offsets of their ``draft_text`` (its first occurrence; check.py makes sure
    it occurs once)."""
    out = []
    for e in errors:
        start = draft.find(e["draft_text"])
        if start < 0:
            raise ValueError(f"draft_text not in the draft: {e['draft_text'][:60]!r}")
        out.append(Injected(e["kind"], start, start + len(e["draft_text"]), e["draft_text"],
                            e.get("speaker_in_draft", "")))
    return out


def _hits(err: Injected, findings) -> list:
    return [f for f in findings if overlaps(f.span.start, f.span.end, err.start, err.end)]


@dataclass
class DraftScore:
    """One draft's outcome: for each injected error, the findings that caught it; the false alarms."""

    name: str
    clean: bool
    exit_code: int
    errors: list[Injected]
    right: list[list] = field(default_factory=list)
    """Per error: the warnings and errors of its kind's code that match it."""
    loud: list[list] = field(default_factory=list)
    """Per error: every warning and error that matches it."""
    info: list[list] = field(default_factory=list)
    """Per error: the info findings of its kind's code that match it."""
    false_alarms: list = field(default_factory=list)
    findings: tuple = ()


def score_draft(name: str, clean: bool, exit_code: int, errors: list[Injected], findings) -> DraftScore:
    """Match a draft's findings (objects with ``code``, ``severity``, ``span.start``, ``span.end``) to its
    injected errors."""
    s = DraftScore(name, clean, exit_code, errors, findings=tuple(findings))
    loud = [f for f in findings if f.severity in LOUD]
    for err in errors:
        hits = _hits(err, findings)
        s.loud.append([f for f in hits if f.severity in LOUD])
        s.right.append([f for f in hits if f.severity in LOUD and f.code == KIND_CODE[err.kind]])
        s.info.append([f for f in hits if f.severity not in LOUD and f.code == KIND_CODE[err.kind]])
    s.false_alarms = [f for f in loud if not any(overlaps(f.span.start, f.span.end, e.start, e.end) for e in errors)]
    return s


@dataclass
class Tally:
    """Totals over drafts (see :func:`add`)."""

    drafts: int = 0
    clean: int = 0
    clean_exit_0: int = 0
    injected: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)
    caught: Counter = field(default_factory=Counter)
    info_only: Counter = field(default_factory=Counter)
    """Errors whose kind's code came only as an info finding (no warning or error of that code)."""
    false_alarms: Counter = field(default_factory=Counter)
    """False alarms by finding code."""


def add(t: Tally, s: DraftScore) -> None:
    """Add one draft's score to the totals."""
    t.drafts += 1
    if s.clean:
        t.clean += 1
        t.clean_exit_0 += s.exit_code == 0
    for err, right, loud, info in zip(s.errors, s.right, s.loud, s.info):
        t.injected[err.kind] += 1
        t.right[err.kind] += bool(right)
        t.caught[err.kind] += bool(loud)
        t.info_only[err.kind] += bool(info) and not right
    t.false_alarms.update(f.code for f in s.false_alarms)


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    -"


def _bar(ok: bool) -> str:
    return "meets the bar" if ok else "below the bar"


def summary(t: Tally) -> list[str]:
    """The totals as printed lines, with the issue's bars."""
    lines = [f"{'injected':<15}{'code':<17}{'n':>4}  {'right code':>14}  {'any warn/error':>14}  {'right code as info only'}"]
    for kind in [*KINDS, "all"]:
        pick = KINDS if kind == "all" else (kind,)
        n = sum(t.injected[k] for k in pick)
        r = sum(t.right[k] for k in pick)
        c = sum(t.caught[k] for k in pick)
        i = sum(t.info_only[k] for k in pick)
        code = KIND_CODE.get(kind, "")
        lines.append(f"{kind:<15}{code:<17}{n:>4}  {r:>7} {_pct(r, n)}  {c:>7} {_pct(c, n)}  {i:>6}")
    n_all = sum(t.injected.values())
    r_all = sum(t.right.values())
    share = r_all / n_all if n_all else 0.0
    c_all = sum(t.caught.values())
    lines.append(f"caught with the right code: {r_all}/{n_all} ({100 * share:.1f}%); "
                 f"bar >= {100 * BAR_RIGHT_CODE:.0f}%: {_bar(n_all > 0 and share >= BAR_RIGHT_CODE)}; "
                 f"with any warning or error: {c_all}/{n_all} ({_pct(c_all, n_all).strip()})")
    n_false = sum(t.false_alarms.values())
    per = n_false / t.drafts if t.drafts else 0.0
    codes = ", ".join(f"{c} {n}" for c, n in t.false_alarms.most_common())
    lines.append(f"false alarms (warnings/errors matching no injected error): {n_false} in {t.drafts} drafts, "
                 f"{per:.2f} per draft; bar <= {BAR_FALSE_PER_DRAFT}: {_bar(t.drafts > 0 and per <= BAR_FALSE_PER_DRAFT)}"
                 + (f" ({codes})" if codes else ""))
    if t.clean:
        clean_share = t.clean_exit_0 / t.clean
        lines.append(f"clean drafts exiting 0: {t.clean_exit_0}/{t.clean} ({100 * clean_share:.1f}%); "
                     f"bar >= {100 * BAR_CLEAN_EXIT_0:.0f}%: {_bar(clean_share >= BAR_CLEAN_EXIT_0)}")
    else:
        lines.append("clean drafts exiting 0: no clean draft checked")
    return lines


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= n else text[: n - 1] + "…")


def listing(s: DraftScore) -> list[str]:
    """One draft's findings and injected errors, for ``--list``."""
    state = "clean" if s.clean else f"{len(s.errors)} injected"
    lines = [f"{s.name} ({state}): exit {s.exit_code}, {len(s.findings)} findings"]
    false = {id(f) for f in s.false_alarms}
    for f in s.findings:
        which = [f"{e.kind} #{k + 1}" for k, e in enumerate(s.errors) if overlaps(f.span.start, f.span.end, e.start, e.end)]
        mark = "FALSE" if id(f) in false else ("hit " + ", ".join(which) if which else "")
        lines.append(f"    {mark:<22}{f.severity:<8}{f.code:<19}{_short(f.span.text, 40)}: {f.message}")
    for k, (e, right, loud, info) in enumerate(zip(s.errors, s.right, s.loud, s.info)):
        if right:
            mark = "caught"
        elif loud:
            mark = "other code"
        elif info:
            mark = "info only"
        else:
            mark = "MISSED"
        got = ", ".join(dict.fromkeys(f.code for f in loud + info)) or "nothing"
        lines.append(f"  #{k + 1} {mark:<11}{e.kind:<14}{_short(e.text)} (speaker {e.speaker!r}; found: {got})")
    return lines


def read_cases(path: Path = CASES) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", action="store_true", help="print every finding and every miss, draft by draft")
    ap.add_argument("--only", action="append", default=[], metavar="dNN", help="only this draft (may be repeated)")
    args = ap.parse_args(argv)
    cases = read_cases()
    if args.only:
        unknown = set(args.only) - {c["id"] for c in cases}
        if unknown:
            print(f"no such draft: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        cases = [c for c in cases if c["id"] in args.only]
    shared = shared_folder()
    runnable, skipped = [], 0
    for c in cases:
        paths = [resolve(s, shared) for s in c["sources"]]
        if all(p.is_file() for p in paths):
            runnable.append((c, paths))
        else:
            skipped += 1
    import quotes

    engine = quotes.Engine()
    tally = Tally()
    t0 = time.perf_counter()
    for c, paths in runnable:
        draft = (ROOT / "bench" / "drafts" / c["draft"]).read_text(encoding="utf-8")
        sources = [(p.stem, p.read_text(encoding="utf-8")) for p in paths]
        report = engine.check((c["id"], draft), sources=sources, date=c["date"])
        if report.draft.text != draft:
            raise SystemExit(f"{c['id']}: the engine's text differs from the draft; spans would not line up")
        s = score_draft(c["id"], c["clean"], report.exit_code, locate(draft, c["errors"]), report.findings)
        add(tally, s)
        if args.list:
            print("\n".join(listing(s)))
    elapsed = time.perf_counter() - t0
    n_clean = sum(1 for c, _ in runnable if c["clean"])
    print(f"drafts: {len(runnable)} checked ({n_clean} clean, {len(runnable) - n_clean} doctored) in {elapsed:.0f} s; "
          f"{skipped} skipped (sources absent: shared data at {shared})")
    if runnable:
        print("\n".join(summary(tally)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
