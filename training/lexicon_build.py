"""Build the generated part of the bundled lexicon from the office-holder snapshot.

    python -m training.lexicon_build --sources ../shared/lexicon-sources --out lexicons

Reads ``office-holders/*.csv`` (Wikidata P39 exports), keeps the offices it can normalise to a canonical
name per country (heads of state and government, foreign, defence, finance, interior and justice ministers,
spokespersons, ambassadors, UN offices ...), and writes ``people.generated.tsv``, ``offices.generated.tsv`` and
``office_names.generated.tsv`` into ``--out``. Hand-curated files (``*.curated.tsv``, ``office_names.tsv``,
``countries.tsv``) are read, never written. Rerunning gives the same files.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

from quotes.dates import PartialDate
from quotes.lexicon.names import _split_name, _title_tokens
from quotes.lexicon.tables import KINDS

FILE_COUNTRIES = {
    "australia": "Australia", "canada": "Canada", "china": "China", "france": "France", "india": "India",
    "japan": "Japan", "russia": "Russia", "south-korea": "South Korea", "ukraine": "Ukraine",
    "united-kingdom": "United Kingdom", "us": "United States",
}
EASTERN = {"China", "Taiwan", "South Korea", "North Korea", "Vietnam"}

_FM = ("Foreign Minister of {c}", "Foreign Minister")
_DEF = ("Defence Minister of {c}", "Defence Minister")
_FIN = ("Finance Minister of {c}", "Finance Minister")
_INT = ("Interior Minister of {c}", "Interior Minister")
_JUS = ("Justice Minister of {c}", "Justice Minister")
_UN = ("Permanent Representative of {c} to the United Nations", "Ambassador")

# position label (lowercased) -> (canonical office template, role); {c} is the country as office names write it
POSITIONS: dict[str, tuple[str, str]] = {
    "president": ("President of {c}", "President"),
    "vice president": ("Vice President of {c}", "Vice President"),
    "prime minister": ("Prime Minister of {c}", "Prime Minister"),
    "deputy prime minister": ("Deputy Prime Minister of {c}", "Deputy Prime Minister"),
    "first deputy prime minister": ("First Deputy Prime Minister of {c}", "Deputy Prime Minister"),
    "minister of foreign affairs": _FM, "minister for foreign affairs": _FM,
    "minister of europe and foreign affairs": _FM, "minister of external affairs": _FM,
    "minister of defence": _DEF, "minister for defence": _DEF, "minister of national defence": _DEF,
    "minister of the armed forces": _DEF, "minister of defense": _DEF,
    "minister of finance": _FIN, "minister for finance": _FIN, "treasurer": _FIN,
    "minister of the interior": _INT, "minister of internal affairs": _INT, "minister of interior affairs": _INT,
    "minister of home affairs": _INT, "minister for home affairs": _INT,
    "minister of justice": _JUS, "minister for justice": _JUS,
    "permanent representative to the united nations": _UN, "ambassador to the united nations": _UN,
    "foreign ministry spokeperson": ("Spokesperson of the Ministry of Foreign Affairs of {c}", "Spokesperson"),
    "foreign ministry spokesperson": ("Spokesperson of the Ministry of Foreign Affairs of {c}", "Spokesperson"),
    "government spokesperson": ("Spokesperson of the Government of {c}", "Spokesperson"),
    "deputy chairman of the security council": ("Deputy Chairman of the Security Council of {c}",
                                                "Deputy Chairman of the Security Council"),
    "head of the office of the president": ("Head of the Office of the President of {c}", "Chief of Staff"),
    "chief cabinet secretary": ("Chief Cabinet Secretary of {c}", "Chief Cabinet Secretary"),
    "general secretary of the chinese communist party": ("General Secretary of the Chinese Communist Party",
                                                         "General Secretary"),
    "premier of the state council": ("Premier of {c}", "Premier"),
    "vice premier of the state council": ("Vice Premier of {c}", "Vice Premier"),
    "state councilor": ("State Councilor of {c}", "State Councilor"),
    "monarch": ("Monarch of {c}", "Monarch"),
    "emperor": ("Monarch of {c}", "Monarch"),
    "national security advisor": ("National Security Advisor of {c}", "National Security Advisor"),
}
COUNTRY_POSITIONS: dict[str, dict[str, tuple[str, str]]] = {
    "United Kingdom": {
        "secretary of state for foreign and commonwealth affairs": ("Foreign Secretary of {c}", "Foreign Minister"),
        "secretary of state for foreign, commonwealth and development affairs": ("Foreign Secretary of {c}",
                                                                                 "Foreign Minister"),
        "chancellor of the exchequer": ("Chancellor of the Exchequer", "Finance Minister"),
        "secretary of state for defence": _DEF,
        "secretary of state for the home department": ("Home Secretary of {c}", "Interior Minister"),
    },
    "United States": {
        "secretary of state": ("Secretary of State of {c}", "Secretary of State"),
        "secretary of defence": ("Secretary of Defense of {c}", "Defence Minister"),
        "secretary of defense": ("Secretary of Defense of {c}", "Defence Minister"),
        "secretary of the treasury": ("Secretary of the Treasury of {c}", "Finance Minister"),
        "attorney general": ("Attorney General of {c}", "Attorney General"),
        "white house press secretary": ("White House Press Secretary", "Press Secretary"),
        "white house chief of staff": ("White House Chief of Staff", "Chief of Staff"),
    },
}
WORLD = {
    "secretary-general of the united nations": ("Secretary-General of the United Nations", "Secretary-General"),
    "deputy secretary-general of the united nations": ("Deputy Secretary-General of the United Nations",
                                                       "Deputy Secretary-General"),
    "president of the united nations general assembly": ("President of the United Nations General Assembly",
                                                         "President of the General Assembly"),
}
LEADER_ROLES = {
    "president": "President", "prime minister": "Prime Minister", "federal chancellor": "Chancellor",
    "chancellor": "Chancellor", "premier": "Premier", "monarch": "Monarch", "king": "Monarch", "queen": "Monarch",
    "emperor": "Monarch", "sultan": "Monarch", "emir": "Monarch",
}
_LEADER = re.compile(r"^(" + "|".join(sorted(LEADER_ROLES, key=len, reverse=True)) + r") of (?:the )?(.+)$", re.I)
_AMBASSADOR = re.compile(r"^(?:ambassador|high commissioner) (?:to|in|of) (?:the )?(.+)$", re.I)
_GENDER = {"male": "m", "female": "f", "trans woman": "f", "trans man": "m", "non-binary": "x"}


class _Countries:
    def __init__(self, path: Path) -> None:
        self.display: dict[str, str] = {}
        self.terms: dict[str, str] = {}
        for row in _read(path):
            name = row["country"]
            self.display[name] = f"the {name}" if row.get("article") == "the" else name
            for term in [name, *(row.get("names") or "").split("|"), *(row.get("adjectives") or "").split("|")]:
                if term.strip():
                    self.terms.setdefault(" ".join(_title_tokens(term)), name)
        for name in self.display:
            self.terms[" ".join(_title_tokens(name))] = name

    def find(self, text: str) -> str | None:
        return self.terms.get(" ".join(_title_tokens(text)))


def _read(path: Path) -> list[dict[str, str]]:
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


def _date(text: str) -> PartialDate | None:
    text = (text or "").strip()
    if not text:
        return None
    return PartialDate.parse(text)


def build(sources: Path, out: Path) -> dict[str, int]:
    """Write the generated files; returns counts (people, tenures, offices, skipped rows)."""
    countries = _Countries(out / "countries.tsv")
    holders = sources / "office-holders"
    people: dict[str, dict[str, str]] = {}
    tenures: list[dict[str, str]] = []
    offices: dict[str, tuple[str, str]] = {}
    skipped = defaultdict(int)

    def add(pid: str, label: str, country: str, gender: str, office: str, role: str, office_country: str,
            start: str, end: str, source: str) -> None:
        if not re.fullmatch(r"Q\d+", pid or "") or not label or re.fullmatch(r"Q\d+", label):
            skipped["no id or name"] += 1
            return
        try:
            s, e = _date(start), _date(end)
        except ValueError:
            skipped["bad date"] += 1
            return
        if s and e and e.last < s.first:
            skipped["end before start"] += 1
            return
        offices[office] = (role, office_country)
        if pid not in people:
            name = re.sub(r"\s*\(.*?\)", "", label.split(",")[0]).strip()
            order = "eastern" if country in EASTERN and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z-]+", name) else "western"
            family, given = _split_name(name, order)
            aliases = [label] if label != name else []
            if name.startswith("Pope "):
                family, given = "", name[5:]
            people[pid] = {"id": pid, "name": name, "family": family, "given": given, "order": order,
                           "gender": _GENDER.get((gender or "").lower(), ""), "country": country,
                           "aliases": "|".join(aliases), "source": source}
        tenures.append({"person_id": pid, "office": office, "start": str(s or ""), "end": str(e or ""),
                        "source": source})

    for path in sorted(holders.glob("*.csv")):
        stem = path.stem
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        if stem.startswith("world-leaders"):
            for r in rows:
                country = countries.find(r.get("country", ""))
                label = (r.get("positionLabel") or "").strip()
                if country is None:
                    skipped["unknown country"] += 1
                    continue
                if label.lower() == "pope":
                    office, role = "Pope", "Pope"
                else:
                    m = _LEADER.match(label)
                    if not m or countries.find(m.group(2)) != country:
                        skipped["unknown office"] += 1
                        continue
                    role = LEADER_ROLES[m.group(1).lower()]
                    office = f"{role} of {countries.display[country]}"
                add(r.get("officeholder", ""), r.get("officeholderLabel", ""), country, "", office, role, country,
                    r.get("start_year", ""), r.get("end_year", ""), path.name)
            continue
        if stem == "world":
            for r in rows:
                found = WORLD.get((r.get("position") or "").strip().lower())
                if not found:
                    skipped["unknown office"] += 1
                    continue
                add(r["personID"], r["person"], "", r.get("gender", ""), found[0], found[1], "United Nations",
                    r["start"], r["end"], path.name)
            continue
        country = FILE_COUNTRIES.get(stem.rsplit("-", 1)[0])
        if country is None:
            skipped["unknown file"] += len(rows)
            continue
        table = {**POSITIONS, **COUNTRY_POSITIONS.get(country, {})}
        display = countries.display.get(country, country)
        for r in rows:
            position = (r.get("position") or "").strip()
            found = table.get(position.lower())
            if found:
                office, role = found[0].format(c=display), found[1]
            else:
                m = _AMBASSADOR.match(position)
                target = countries.find(m.group(1)) if m else None
                if not target or target == country:
                    skipped["unknown office"] += 1
                    continue
                if target == "United Nations":
                    office, role = _UN[0].format(c=display), _UN[1]
                else:
                    office, role = f"Ambassador of {display} to {countries.display[target]}", "Ambassador"
            add(r.get("personID", ""), r.get("person", ""), country, r.get("gender", ""), office, role, country,
                r.get("start", ""), r.get("end", ""), path.name)

    tenures = _dedupe(tenures)
    kept = {t["person_id"] for t in tenures}
    hand = {r["office"] for r in _read(out / "office_names.tsv")} if (out / "office_names.tsv").is_file() else set()
    _write(out / "people.generated.tsv", KINDS["people"].columns,
           [p for pid, p in sorted(people.items(), key=lambda kv: (int(kv[0][1:]))) if pid in kept])
    _write(out / "offices.generated.tsv", KINDS["offices"].columns, tenures)
    _write(out / "office_names.generated.tsv", KINDS["office_names"].columns,
           [{"office": o, "role": r, "country": c} for o, (r, c) in sorted(offices.items()) if o not in hand])
    return {"people": len(kept), "tenures": len(tenures), "offices": len(offices),
            **{f"skipped ({k})": v for k, v in sorted(skipped.items())}}


def _dedupe(tenures: list[dict[str, str]]) -> list[dict[str, str]]:
    """Drop repeated rows, and year-precision rows that a more precise row of the same tenure covers."""
    by_key: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for t in tenures:
        rows = by_key[(t["person_id"], t["office"])]
        if not any(r["start"] == t["start"] and r["end"] == t["end"] for r in rows):
            rows.append(t)
    out = []
    for rows in by_key.values():
        for t in rows:
            if _coarse(t) and any(not _coarse(o) and _overlap(t, o) for o in rows if o is not t):
                continue
            out.append(t)
    out.sort(key=lambda t: (int(t["person_id"][1:]), t["office"], t["start"]))
    return out


def _coarse(t: dict[str, str]) -> bool:
    return bool(re.fullmatch(r"\d{4}", t["start"] or "")) and (not t["end"] or bool(re.fullmatch(r"\d{4}", t["end"])))


def _overlap(a: dict[str, str], b: dict[str, str]) -> bool:
    import datetime as dt
    def span(t):
        s, e = _date(t["start"]), _date(t["end"])
        return (s.first if s else dt.date.min), (e.last if e else dt.date.max)
    (s1, e1), (s2, e2) = span(a), span(b)
    return s1 <= e2 and s2 <= e1


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated by `python -m training.lexicon_build` from the office-holder snapshot (Wikidata, CC0).\n")
        f.write("# Do not edit: put corrections in the *.curated.tsv files, which override these rows.\n")
        f.write("\t".join(columns) + "\n")
        for r in rows:
            f.write("\t".join((r.get(c) or "").replace("\t", " ") for c in columns) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.lexicon_build", description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, required=True, help="folder with office-holders/*.csv")
    parser.add_argument("--out", type=Path, required=True, help="the lexicon folder to write into")
    args = parser.parse_args(argv)
    counts = build(args.sources, args.out)
    for name, n in counts.items():
        sys.stdout.write(f"{name}: {n}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
