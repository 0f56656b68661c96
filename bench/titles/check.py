#!/usr/bin/env python3
"""Check cases.jsonl (speaker-title-at-date evaluation cases). Standard library only.

Usage: python bench/titles/check.py [cases.jsonl] [--sources DIR] [--quiet]

--sources defaults to lexicon-sources/ in the shared data folder ($QUOTES_SHARED, or the folder "shared"
beside the repository); without it the cited CSV lines cannot be read, and the evidence check is skipped
(the other checks still run).

- validates the fields of every case;
- title_as_written must occur in text (and be followed by the person's name, or the name must occur in text);
- exactly half the cases are correct; at least 44 cases; at least 12 distinct countries/bodies;
- prints every cited CSV line (evidence "office-holders/FILE.csv:LINE", relative to the sources directory) so a
  reviewer can compare it with the case; for rows naming the case's person or actual holder it also says whether
  the row's start/end cover the article date, and warns when a full start/end date lies within 14 days of it.
Exit status 1 if any hard check fails (warnings do not fail).
"""
import csv
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("QUOTES_SHARED") or os.path.join(os.path.dirname(ROOT), "shared")
DEFAULT_SOURCES = os.path.join(SHARED, "lexicon-sources")
KINDS_CORRECT = {"correct", "former"}
KINDS_WRONG = {"predecessor", "successor", "other-office", "never-held"}
REQUIRED = {
    "id": str, "date": str, "country": str, "text": str, "person": str, "title_as_written": str,
    "correct": bool, "kind": str, "actual_holder": (str, type(None)), "person_office_at_date": str,
    "evidence": list,
}
OPTIONAL = {"note": str}
DATE_MIN, DATE_MAX = dt.date(2023, 1, 1), dt.date(2026, 12, 1)
MARGIN_DAYS = 14
EVIDENCE_RE = re.compile(r"^(office-holders/[A-Za-z0-9._-]+\.csv):(\d+)$")


def norm(name):
    """Lower-case, accents and punctuation removed, parenthetical dropped: 'Yoon Suk-yeol' == 'Yoon Suk Yeol'."""
    name = re.sub(r"\(.*?\)", "", name or "")
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", name.lower())


def parse_date(s):
    """Return (date, precision) for 'YYYY', 'YYYY-MM', 'YYYY-MM-DD'; (None, None) if empty/odd."""
    s = (s or "").strip()
    for fmt, prec in (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            return dt.datetime.strptime(s, fmt).date(), prec
        except ValueError:
            pass
    return None, None


class FileCache:
    def __init__(self, root):
        self.root = root
        self.files = {}

    def lines(self, rel):
        if rel not in self.files:
            path = os.path.join(self.root, rel)
            with open(path, encoding="utf-8", newline="") as f:
                self.files[rel] = f.read().split("\n")
        return self.files[rel]

    def header(self, rel):
        return next(csv.reader([self.lines(rel)[0]]))


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    quiet = "--quiet" in argv
    sources = DEFAULT_SOURCES
    if "--sources" in argv:
        sources = argv[argv.index("--sources") + 1]
        args = [a for a in args if a != sources]
    cases_path = args[0] if args else os.path.join(HERE, "cases.jsonl")

    errors, warnings = [], []
    cases = []
    with open(cases_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                cases.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: invalid JSON: {e}")

    fc = FileCache(sources)
    ids = Counter(c.get("id") for c in cases)
    for i, n in ids.items():
        if n > 1:
            errors.append(f"duplicate id {i}")

    quote_cases = []
    for c in cases:
        cid = c.get("id", "?")
        # ---- fields ----
        for k, t in REQUIRED.items():
            if k not in c:
                errors.append(f"{cid}: missing field {k}")
            elif not isinstance(c[k], t):
                errors.append(f"{cid}: field {k} has type {type(c[k]).__name__}")
        for k in c:
            if k not in REQUIRED and k not in OPTIONAL:
                errors.append(f"{cid}: unexpected field {k}")
        if any(k not in c for k in REQUIRED):
            continue
        if not re.fullmatch(r"t\d{2,}", c["id"]):
            errors.append(f"{cid}: id should look like t01")
        try:
            date = dt.date.fromisoformat(c["date"])
        except ValueError:
            errors.append(f"{cid}: bad date {c['date']!r}")
            continue
        if not DATE_MIN <= date <= DATE_MAX:
            errors.append(f"{cid}: date {date} outside {DATE_MIN}..{DATE_MAX}")
        kind = c["kind"]
        if kind not in KINDS_CORRECT | KINDS_WRONG:
            errors.append(f"{cid}: unknown kind {kind!r}")
        if c["correct"] != (kind in KINDS_CORRECT):
            errors.append(f"{cid}: correct={c['correct']} inconsistent with kind={kind}")
        if kind == "correct" and norm(c["actual_holder"]) != norm(c["person"]):
            errors.append(f"{cid}: kind=correct but actual_holder {c['actual_holder']!r} != person {c['person']!r}")
        if kind in KINDS_WRONG and c["actual_holder"] is not None and norm(c["actual_holder"]) == norm(c["person"]):
            errors.append(f"{cid}: wrong case but actual_holder is the person")
        if c["actual_holder"] is None and kind != "never-held":
            errors.append(f"{cid}: actual_holder null only allowed for never-held (office does not exist)")
        if kind == "former" and not c["title_as_written"].lower().startswith("former "):
            errors.append(f"{cid}: kind=former but title does not start with 'former'")
        if kind != "former" and "former" in c["title_as_written"].lower():
            errors.append(f"{cid}: 'former' in title but kind={kind}")
        # ---- text ----
        text, title, person = c["text"], c["title_as_written"], c["person"]
        if title not in text:
            errors.append(f"{cid}: title_as_written {title!r} not in text")
        elif (title + " " + person) not in text and person not in text:
            errors.append(f"{cid}: person {person!r} not found in text")
        elif (title + " " + person) not in text and not person.startswith(title):
            warnings.append(f"{cid}: title not immediately followed by the person's name")
        if text.count(title) > 1:
            warnings.append(f"{cid}: title_as_written occurs {text.count(title)} times in text")
        if "“" not in text or "”" not in text:
            errors.append(f"{cid}: text has no direct quotation in “…”")
        pos = text.find(title)
        in_quote = pos >= 0 and text.rfind("“", 0, pos) > text.rfind("”", 0, pos)
        if in_quote:
            quote_cases.append(cid)
            if not c["correct"]:
                warnings.append(f"{cid}: title inside a quotation in a wrong case")
        nsent = len(re.findall(r"[.!?][”\"]?(\s|$)", text))
        if nsent > 3:
            warnings.append(f"{cid}: text has {nsent} sentences (want 1-3)")
        if not c["evidence"]:
            errors.append(f"{cid}: no evidence")

    # ---- aggregate checks ----
    n = len(cases)
    n_correct = sum(1 for c in cases if c.get("correct") is True)
    countries = Counter(c.get("country") for c in cases)
    kinds = Counter(c.get("kind") for c in cases)
    if n < 44:
        errors.append(f"only {n} cases (need >= 44)")
    if n_correct * 2 != n:
        errors.append(f"{n_correct} correct of {n}: not exactly half")
    if len(countries) < 12:
        errors.append(f"only {len(countries)} countries/bodies (need >= 12)")
    for k in KINDS_WRONG:
        if kinds.get(k, 0) == 0:
            errors.append(f"no case of kind {k}")
    if kinds.get("former", 0) == 0:
        errors.append("no correct 'former' case")
    if not 2 <= len(quote_cases) <= 3:
        warnings.append(f"{len(quote_cases)} cases with the title inside a quotation (brief asks for 2-3)")

    # ---- evidence ----
    print("=" * 100)
    print("EVIDENCE (cited CSV lines; 'covers date' is computed from start/end for rows naming the person or the actual holder)")
    have_sources = os.path.isdir(sources)
    if not have_sources:
        print(f"skipped: no office-holder tables at {sources} (set QUOTES_SHARED to the shared data folder)")
    for c in cases if have_sources else ():
        if any(k not in c for k in REQUIRED):
            continue
        cid = c["id"]
        try:
            date = dt.date.fromisoformat(c["date"])
        except ValueError:
            continue
        print("-" * 100)
        print(f"{cid} {c['date']} [{c['country']}] kind={c['kind']} correct={c['correct']}")
        print(f"   text:   {c['text']}")
        print(f"   claim:  {c['title_as_written']!r} -> {c['person']}; holder: {c['actual_holder']}; "
              f"person's office: {c['person_office_at_date']}")
        if c.get("note"):
            print(f"   note:   {c['note']}")
        names = {norm(c["person"]): "person"}
        if c["actual_holder"]:
            names.setdefault(norm(c["actual_holder"]), "holder")
        for ev in c["evidence"]:
            m = EVIDENCE_RE.match(ev) if isinstance(ev, str) else None
            if not m:
                errors.append(f"{cid}: evidence {ev!r} not of the form office-holders/FILE.csv:LINE")
                continue
            rel, ln = m.group(1), int(m.group(2))
            try:
                lines = fc.lines(rel)
            except OSError as e:
                errors.append(f"{cid}: cannot read {rel}: {e}")
                continue
            if not 2 <= ln <= len(lines) or not lines[ln - 1].strip():
                errors.append(f"{cid}: {ev}: line out of range / empty")
                continue
            raw = lines[ln - 1]
            shown = raw if quiet is False else raw[:160]
            print(f"   {ev}: {shown}")
            try:
                row = dict(zip(fc.header(rel), next(csv.reader([raw]))))
            except (csv.Error, StopIteration):
                warnings.append(f"{cid}: {ev}: could not parse as CSV")
                continue
            who = row.get("person") or row.get("officeholderLabel") or ""
            role = names.get(norm(who))
            if role is None:
                # e.g. world-leaders-2021.csv or a row cited for context (a different person)
                print(f"      (row names {who!r}: neither the person nor the actual holder)")
                continue
            if "start" in row:
                s, sp = parse_date(row.get("start"))
                e, ep = parse_date(row.get("end"))
            else:  # world-leaders-2021.csv: years only
                s, sp = parse_date(row.get("start_year"))
                e, ep = parse_date(row.get("end_year"))
            if s is None and e is None:
                print(f"      ({role}: no dates in row)")
                continue
            start_ok = s is None or (s <= date if sp == "day" else s.year <= date.year)
            if e is None:
                end_ok = True
            elif ep == "day":
                end_ok = date < e
            else:
                end_ok = date.year < e.year or (ep == "month" and (date.year, date.month) < (e.year, e.month))
            covers = start_ok and end_ok
            print(f"      ({role}: row {row.get('start', row.get('start_year', ''))}..{row.get('end', row.get('end_year', '')) or 'open'} "
                  f"{'covers' if covers else 'does NOT cover'} {date})")
            for d, p, lab in ((s, sp, "start"), (e, ep, "end")):
                if d is not None and p == "day" and abs((d - date).days) < MARGIN_DAYS:
                    warnings.append(f"{cid}: {ev}: {lab} {d} within {MARGIN_DAYS} days of article date {date}")

    # ---- summary ----
    print("=" * 100)
    print(f"cases: {n}; correct: {n_correct}; wrong: {n - n_correct}")
    print("kinds: " + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
    print(f"countries/bodies ({len(countries)}): " + ", ".join(f"{k} ({v})" for k, v in sorted(countries.items())))
    print(f"title inside a quotation: {', '.join(quote_cases) or 'none'}")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"FAILED ({len(errors)} errors)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
