"""Build the generated part of the bundled lexicon from every office-holder source.

    python -m training.lexicon_build --sources ../shared/lexicon-sources --out lexicons

Reads every ``office-holders/*.csv`` of the sources folder (see its README): the every-politician country files
(Wikidata P39 exports, the country from the file name), ``world.csv``, ``world-leaders-2021.csv``, the US files
(Congress, the executive, state executives, mayors, the 2025 cabinet), the IfG UK ministers database and the
curated ``world-changes-2023-2026.csv``. Each row becomes a tenure of a canonical office (heads of state and
government, the main ministries, ambassadors, spokespersons and UN offices get one name per country; every other
position is kept as ``POSITION of COUNTRY``); people are merged across sources by Wikidata QID, then by exact
name within a country. Tenures of one person in one office that overlap or touch are merged (the most precise
start, the end of the source with the latest snapshot). Writes ``people.generated.tsv``, ``offices.generated.tsv``,
``office_names.generated.tsv`` and ``sources.generated.tsv`` (each source file with the date it was true as of,
from ``office-holders-manifest.tsv`` or, for the curated files, from the hand-written ``sources.tsv``) into
``--out``. Hand-written files (``*.curated.tsv``, ``office_names.tsv``, ``countries.tsv``, ``sources.tsv``) are
read, never written. Rerunning gives the same files.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import attrs

from quotes.dates import PartialDate
from quotes.lexicon.names import _norm, _slug, _split_name, _title_tokens, fold
from quotes.lexicon.tables import KINDS

# file slug (the file name without -cabinet/-ministers) -> country as countries.tsv names it, where the
# title-cased slug is not the name
SLUG_COUNTRIES = {
    "antigua-barbuda": "Antigua and Barbuda", "bosnia-herzegovina": "Bosnia and Herzegovina",
    "bvi": "British Virgin Islands", "caymans": "Cayman Islands", "cabo-verde": "Cape Verde",
    "congo-brazzaville": "Republic of the Congo", "congo-kinshasa": "Democratic Republic of the Congo",
    "czech": "Czech Republic", "faroes": "Faroe Islands", "ivory-coast": "Ivory Coast", "saudi": "Saudi Arabia",
    "solomons": "Solomon Islands", "st-kitts-and-nevis": "Saint Kitts and Nevis", "st-lucia": "Saint Lucia",
    "st-vincent-and-the-grenadines": "Saint Vincent and the Grenadines",
    "sao-tome-and-principe": "São Tomé and Príncipe", "swiss-federal-council": "Switzerland",
    "uae": "United Arab Emirates", "us": "United States", "timor-leste": "East Timor",
    "turks-and-caicos": "Turks and Caicos Islands", "guinea-bissau": "Guinea-Bissau", "aland": "Åland",
    "isle-of-man": "Isle of Man", "uk-ministers-ifg": "United Kingdom", "us-congress": "United States",
    "us-executive": "United States", "us-state-executives": "United States", "us-mayors": "United States",
    "us-cabinet-2025": "United States", "donetsk": "Donetsk People's Republic",
    "luhansk": "Luhansk People's Republic", "artsakh": "Artsakh", "northern-cyprus": "Northern Cyprus",
    "south-ossetia": "South Ossetia",
}
# US state cabinets: offices of the state, people of the United States
STATE_FILES = {"arkansas-cabinet": "Arkansas", "oklahoma-cabinet": "Oklahoma"}
EASTERN = {"China", "Taiwan", "South Korea", "North Korea", "Hong Kong", "Cambodia"}
CYRILLIC = {"Russia", "Ukraine", "Belarus", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "Bulgaria",
            "Serbia", "Donetsk People's Republic", "Luhansk People's Republic", "Abkhazia", "South Ossetia"}

_FM = ("Foreign Minister of {c}", "Foreign Minister")
_DEF = ("Defence Minister of {c}", "Defence Minister")
_FIN = ("Finance Minister of {c}", "Finance Minister")
_INT = ("Interior Minister of {c}", "Interior Minister")
_JUS = ("Justice Minister of {c}", "Justice Minister")
_UN = ("Permanent Representative of {c} to the United Nations", "Ambassador")
_SPOKES = ("Spokesperson of the Ministry of Foreign Affairs of {c}", "Spokesperson")

# position label (lowercased) -> (canonical office template, role); {c} is the country as office names write it
POSITIONS: dict[str, tuple[str, str]] = {
    "president": ("President of {c}", "President"),
    "vice president": ("Vice President of {c}", "Vice President"),
    "prime minister": ("Prime Minister of {c}", "Prime Minister"),
    "deputy prime minister": ("Deputy Prime Minister of {c}", "Deputy Prime Minister"),
    "first deputy prime minister": ("First Deputy Prime Minister of {c}", "Deputy Prime Minister"),
    "minister of foreign affairs": _FM, "minister for foreign affairs": _FM, "foreign minister": _FM,
    "minister of europe and foreign affairs": _FM, "minister of external affairs": _FM,
    "minister of foreign affairs and international cooperation": _FM,
    "minister of foreign affairs and cooperation": _FM, "minister of foreign affairs and trade": _FM,
    "minister for foreign affairs and trade": _FM, "minister of foreign and european affairs": _FM,
    "minister for europe and foreign affairs": _FM, "minister of foreign affairs and worship": _FM,
    "minister of defence": _DEF, "minister for defence": _DEF, "minister of national defence": _DEF,
    "minister of the armed forces": _DEF, "minister of defense": _DEF, "minister of national defense": _DEF,
    "minister of defence and veterans affairs": _DEF, "defence minister": _DEF,
    "minister of finance": _FIN, "minister for finance": _FIN, "treasurer": _FIN,
    "minister of the economy and finance": _FIN, "minister of economy and finance": _FIN,
    "minister of finance and economic planning": _FIN, "minister of finance and economic development": _FIN,
    "finance minister": _FIN,
    "minister of the interior": _INT, "minister of internal affairs": _INT, "minister of interior affairs": _INT,
    "minister of home affairs": _INT, "minister for home affairs": _INT, "minister of interior": _INT,
    "minister for the interior": _INT, "interior minister": _INT,
    "minister of justice": _JUS, "minister for justice": _JUS, "justice minister": _JUS,
    "permanent representative to the united nations": _UN, "ambassador to the united nations": _UN,
    "permanent representative of the united nations": _UN,
    "foreign ministry spokeperson": _SPOKES, "foreign ministry spokesperson": _SPOKES,
    "government spokesperson": ("Spokesperson of the Government of {c}", "Spokesperson"),
    "deputy chairman of the security council": ("Deputy Chairman of the Security Council of {c}",
                                                "Deputy Chairman of the Security Council"),
    "head of the office of the president": ("Head of the Office of the President of {c}", "Chief of Staff"),
    "chief cabinet secretary": ("Chief Cabinet Secretary of {c}", "Chief Cabinet Secretary"),
    "general secretary of the chinese communist party": ("General Secretary of the Chinese Communist Party",
                                                         "General Secretary"),
    "premier of the state council": ("Premier of {c}", "Premier"),
    "vice premier of the state council": ("Vice Premier of {c}", "Vice Premier"),
    "vice premier": ("Vice Premier of {c}", "Vice Premier"),
    "state councilor": ("State Councilor of {c}", "State Councilor"),
    "monarch": ("Monarch of {c}", "Monarch"), "emperor": ("Monarch of {c}", "Monarch"),
    "king": ("Monarch of {c}", "Monarch"), "queen": ("Monarch of {c}", "Monarch"),
    "emir": ("Monarch of {c}", "Monarch"), "sultan": ("Monarch of {c}", "Monarch"),
    "national security advisor": ("National Security Advisor of {c}", "National Security Advisor"),
    "national security adviser": ("National Security Advisor of {c}", "National Security Advisor"),
    "federal chancellor": ("Chancellor of {c}", "Chancellor"),
}
COUNTRY_POSITIONS: dict[str, dict[str, tuple[str, str]]] = {
    "United Kingdom": {
        "secretary of state for foreign and commonwealth affairs": ("Foreign Secretary of {c}", "Foreign Minister"),
        "secretary of state for foreign, commonwealth and development affairs": ("Foreign Secretary of {c}",
                                                                                 "Foreign Minister"),
        "secretary of state for foreign affairs": ("Foreign Secretary of {c}", "Foreign Minister"),
        "chancellor of the exchequer": ("Chancellor of the Exchequer", "Finance Minister"),
        "secretary of state for defence": _DEF,
        "secretary of state for the home department": ("Home Secretary of {c}", "Interior Minister"),
        "secretary of state for justice": ("Justice Secretary of {c}", "Justice Minister"),
        "secretary of state for justice and lord chancellor": ("Justice Secretary of {c}", "Justice Minister"),
        "lord chancellor and secretary of state for justice": ("Justice Secretary of {c}", "Justice Minister"),
    },
    "United States": {
        "secretary of state": ("Secretary of State of {c}", "Secretary of State"),
        "secretary of defence": ("Secretary of Defense of {c}", "Defence Minister"),
        "secretary of defense": ("Secretary of Defense of {c}", "Defence Minister"),
        "secretary of war": ("Secretary of Defense of {c}", "Defence Minister"),  # its secondary title from 2025-09
        "secretary of the treasury": ("Secretary of the Treasury of {c}", "Finance Minister"),
        "attorney general": ("Attorney General of {c}", "Attorney General"),
        "white house press secretary": ("White House Press Secretary", "Press Secretary"),
        "white house chief of staff": ("White House Chief of Staff", "Chief of Staff"),
        "ambassador to the united nations": _UN,
        "secretary of homeland security": ("Secretary of Homeland Security of {c}", "Interior Minister"),
    },
}
# UK Secretaries of State that titles.tsv names: 'Secretary of State for X' -> the short title (its role)
UK_SECRETARIES = (
    ("health", "Health Secretary"), ("education", "Education Secretary"), ("transport", "Transport Secretary"),
    ("work and pensions", "Work and Pensions Secretary"), ("environment", "Environment Secretary"),
    ("business", "Business Secretary"), ("culture", "Culture Secretary"), ("scotland", "Scottish Secretary"),
    ("wales", "Welsh Secretary"), ("northern ireland", "Northern Ireland Secretary"),
    ("energy", "Energy Secretary"), ("international trade", "Trade Secretary"),
    ("levelling up", "Housing Secretary"), ("housing", "Housing Secretary"),
    ("communities", "Communities Secretary"), ("international development", "International Development Secretary"),
    ("science", "Science Secretary"), ("trade and industry", "Trade Secretary"),
)
WORLD = {
    "secretary-general of the united nations": ("Secretary-General of the United Nations", "Secretary-General"),
    "deputy secretary-general of the united nations": ("Deputy Secretary-General of the United Nations",
                                                       "Deputy Secretary-General"),
    "president of the united nations general assembly": ("President of the United Nations General Assembly",
                                                         "President of the General Assembly"),
}
# offices named by the curated world-changes file that have a canonical name of their own
WORLD_CHANGES = {
    "premier of the state council of china": ("Premier of China", "Premier", "China"),
    "high representative of the union for foreign affairs and security policy": (
        "High Representative of the European Union for Foreign Affairs and Security Policy", "High Representative",
        "European Union"),
    "vice-president of the european commission": ("Vice-President of the European Commission",
                                                  "Vice-President of the European Commission", "European Union"),
    "european commissioner": ("European Commissioner", "European Commissioner", "European Union"),
    "president of the european commission": ("President of the European Commission",
                                              "President of the European Commission", "European Union"),
    "president of the european council": ("President of the European Council", "President of the European Council",
                                          "European Union"),
    "chairperson of the african union": ("Chairperson of the African Union", "Chairperson of the African Union",
                                         "African Union"),
    "chairperson of the african union commission": ("Chairperson of the African Union Commission",
                                                    "Chairperson of the African Union Commission", "African Union"),
    "pope": ("Pope", "Pope", "Holy See"),
}
LEADER_ROLES = {
    "president": "President", "prime minister": "Prime Minister", "federal chancellor": "Chancellor",
    "chancellor": "Chancellor", "premier": "Premier", "monarch": "Monarch", "king": "Monarch", "queen": "Monarch",
    "emperor": "Monarch", "sultan": "Monarch", "emir": "Monarch",
}
# roles several people hold at once (the compiler closes an open tenure at the next holder's start only for
# offices held by one person at a time); offices whose closed tenures overlap in the data are marked too
MANY_ROLES = {"Deputy Prime Minister", "Vice Premier", "State Councilor", "Senator", "European Commissioner",
              "Spokesperson", "Vice-President of the European Commission", "Delegate"}
_MANY_WORDS = re.compile(r"^(deputy|vice|assistant|parliamentary|junior|state secretary|secretary of state\b(?! of)|"
                         r"minister of state|minister without portfolio|minister in the|member|judge|justice|"
                         r"lord commissioner|lord in waiting|baroness in waiting|whip|ambassador-at-large|"
                         r"senator|councillor|councilor|adviser|advisor|commissioner)", re.I)
_LEADER = re.compile(r"^(" + "|".join(sorted(LEADER_ROLES, key=len, reverse=True)) + r") of (?:the )?(.+)$", re.I)
_AMBASSADOR = re.compile(r"^(?:ambassador|high commissioner) (?:to|in|of) (?:the )?(.+)$", re.I)
_CONGRESS = re.compile(r"^(United States Senator|United States Representative|Delegate to the United States House "
                       r"of Representatives|Resident Commissioner)\b")
_CONGRESS_ROLES = {"United States Senator": "Senator", "United States Representative": "Representative",
                   "Delegate to the United States House of Representatives": "Delegate",
                   "Resident Commissioner": "Resident Commissioner"}
_STATE_ROLES = {"governor": "Governor", "lieutenant governor": "Lieutenant Governor", "mayor": "Mayor"}
US_STATES = frozenset("""Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi
Missouri Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Ohio
Oklahoma Oregon Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont Virginia
Washington West_Virginia Wisconsin Wyoming American_Samoa Guam Northern_Mariana_Islands Puerto_Rico
United_States_Virgin_Islands District_of_Columbia""".replace("_", " ").split())
_STATE_OFFICE = re.compile(r"^(.+) of (" + "|".join(sorted(US_STATES, key=len, reverse=True)) + r")$")


def _state_role(position: str) -> str:
    """The role of a US state or city office: ``Governor``, ``Lieutenant Governor``, ``Mayor``, else the office's
    head (``Attorney General``, ``Secretary of State``): the role of the federal office of that name too, so that
    a bare ``Attorney General`` in an American article may be either (a state's or the United States')."""
    head = position.rsplit(" of ", 1)[0] if " of " in position else position
    if position.startswith("Mayor of "):
        head = "Mayor"
    return _STATE_ROLES.get(head.lower(), head)
_GENDER = {"male": "m", "female": "f", "trans woman": "f", "trans man": "m", "non-binary": "x"}
_PEER = re.compile(r"^(Lord|Baroness|Lady|Viscount|Viscountess|Earl|Countess|Sir|Dame) ")
_QID = re.compile(r"Q\d+")
_LICENCES = {
    "every-politician-scrapers/": ("CC0 (Wikidata data)", ""),
    "unitedstates/": ("CC0 (public-domain dedication)", ""),
    "openstates/": ("CC0", ""),
    "instituteforgov/": ("CC BY 4.0", "IfG Ministers Database, Institute for Government"),
}
# sources whose names beat Wikidata labels as the name news writes (the others only add aliases)
NAME_RANK = {"us-executive.csv": 0, "us-cabinet-2025.csv": 0, "us-congress.csv": 1, "world-changes-2023-2026.csv": 2}


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


@attrs.frozen
class _Row:
    """One office-holder row as the build reads it."""

    pid: str
    name: str
    gender: str
    country: str  # the person's country (the file's)
    office: str
    role: str
    office_country: str
    start: PartialDate | None
    end: PartialDate | None
    source: str  # file:line
    rank: int  # how good the row's name is as the name news writes (lower is better)
    aliases: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return self.source.rsplit(":", 1)[0]

    @property
    def first(self) -> dt.date:
        return self.start.first if self.start else dt.date.min

    @property
    def last(self) -> dt.date:
        return self.end.last if self.end else dt.date.max


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


def _date(text: str) -> PartialDate | None:
    text = (text or "").strip()
    if not text:
        return None
    return PartialDate.parse(text)


def _precision(d: PartialDate | None) -> int:
    return 0 if d is None else len(str(d).split("-"))


def _country_of_file(stem: str, countries: _Countries) -> str | None:
    slug = re.sub(r"-(cabinet|ministers)$", "", stem)
    name = SLUG_COUNTRIES.get(slug) or SLUG_COUNTRIES.get(stem)
    if name is None:
        name = " ".join(w if w in ("and", "the", "of") else w.capitalize() for w in slug.split("-"))
    return name if name in countries.display else None


def _generic(position: str, display: str, country: str) -> str:
    """``Minister of Health`` -> ``Minister of Health of Kenya`` (kept when it names the country already)."""
    position = position[:1].upper() + position[1:]
    if fold(country) in fold(position):
        return position
    return f"{position} of {display}"


class _Builder:
    def __init__(self, sources: Path, out: Path) -> None:
        self.sources = sources
        self.out = out
        self.countries = _Countries(out / "countries.tsv")
        self.rows: list[_Row] = []
        self.offices: dict[str, tuple[str, str]] = {}
        self.skipped: dict[str, int] = defaultdict(int)

    # ------------------------------------------------------------------ reading

    def add(self, r: dict[str, str], where: str, country: str, office: str, role: str, office_country: str,
            *, rank: int = 5, start: str | None = None, end: str | None = None, pid: str | None = None,
            name: str | None = None) -> None:
        label = (name if name is not None else r.get("person") or "").strip()
        pid = (pid if pid is not None else r.get("personID") or "").strip()
        if not label or _QID.fullmatch(label):
            self.skipped["no name"] += 1
            return
        if not pid:
            pid = _slug(r.get("enwiki") or label)
        try:
            s = _date(r.get("start", "") if start is None else start)
            e = _date(r.get("end", "") if end is None else end)
        except ValueError:
            self.skipped["bad date"] += 1
            return
        if s and e and e.last < s.first:
            self.skipped["end before start"] += 1
            return
        clean = re.sub(r"\s*\(.*?\)", "", label.split(",")[0]).strip()
        aliases = [a for a in (label, (r.get("enwiki") or "").strip()) if a and a != clean]
        aliases = [re.sub(r"\s*\(.*?\)$", "", a).strip() for a in aliases]
        self.offices.setdefault(office, (role, office_country))
        self.rows.append(_Row(pid, clean, _GENDER.get((r.get("gender") or "").strip().lower(), ""), country, office,
                              role, office_country, s, e, where, rank, tuple(a for a in aliases if a != clean)))

    def read_all(self) -> None:
        for path in sorted((self.sources / "office-holders").glob("*.csv")):
            with path.open(encoding="utf-8", newline="") as f:
                rows = list(csv.DictReader(f))
            stem = path.stem
            read = {"world-leaders-2021": self.leaders, "world": self.world, "world-changes-2023-2026": self.changes,
                    "us-congress": self.congress, "us-state-executives": self.state, "us-mayors": self.state,
                    "uk-ministers-ifg": self.ifg}.get(stem, self.country_file)
            read(path, rows)

    def _where(self, path: Path, i: int) -> str:
        return f"{path.name}:{i + 2}"

    def leaders(self, path: Path, rows: list[dict[str, str]]) -> None:
        for i, r in enumerate(rows):
            country = self.countries.find(r.get("country", ""))
            label = (r.get("positionLabel") or "").strip()
            if country is None:
                self.skipped["unknown country"] += 1
                continue
            if label.lower() == "pope":
                office, role = "Pope", "Pope"
            else:
                m = _LEADER.match(label)
                if not m or self.countries.find(m.group(2)) != country:
                    self.skipped["unknown office"] += 1
                    continue
                role = LEADER_ROLES[m.group(1).lower()]
                office = f"{role} of {self.countries.display[country]}"
            self.add(r, self._where(path, i), country, office, role, country, rank=6,
                     start=r.get("start_year", ""), end=r.get("end_year", ""), pid=r.get("officeholder", ""),
                     name=r.get("officeholderLabel", ""))

    def world(self, path: Path, rows: list[dict[str, str]]) -> None:
        for i, r in enumerate(rows):
            position = (r.get("position") or "").strip()
            found = WORLD.get(position.lower())
            if found:
                office, role, org = found[0], found[1], "United Nations"
            else:
                org = "United Nations" if re.search(r"\bUnited Nations\b", position) else ""
                office, role = position[:1].upper() + position[1:], position[:1].upper() + position[1:]
            self.add(r, self._where(path, i), "", office, role, org)

    def changes(self, path: Path, rows: list[dict[str, str]]) -> None:
        for i, r in enumerate(rows):
            position = (r.get("position") or "").strip()
            found = WORLD_CHANGES.get(position.lower())
            if found:
                office, role, country = found
            else:
                m = _LEADER.match(position)
                country_or_none = self.countries.find(m.group(2)) if m else None
                if not m or country_or_none is None:
                    self.skipped["unknown office"] += 1
                    continue
                country = country_or_none
                role = LEADER_ROLES[m.group(1).lower()]
                office = f"{role} of {self.countries.display[country]}"
            self.add(r, self._where(path, i), country, office, role, country, rank=NAME_RANK[path.name])

    def congress(self, path: Path, rows: list[dict[str, str]]) -> None:
        for i, r in enumerate(rows):
            position = (r.get("position") or "").strip()
            m = _CONGRESS.match(position)
            if not m:
                self.skipped["unknown office"] += 1
                continue
            self.add(r, self._where(path, i), "United States", position, _CONGRESS_ROLES[m.group(1)], "United States",
                     rank=NAME_RANK[path.name])

    def state(self, path: Path, rows: list[dict[str, str]]) -> None:
        for i, r in enumerate(rows):
            position = (r.get("position") or "").strip()
            self.add(r, self._where(path, i), "United States", position, _state_role(position), "United States",
                     rank=3)

    def ifg(self, path: Path, rows: list[dict[str, str]]) -> None:
        country = "United Kingdom"
        display = self.countries.display[country]
        table = {**POSITIONS, **COUNTRY_POSITIONS[country]}
        for i, r in enumerate(rows):
            post = (r.get("position") or "").strip()
            found = table.get(post.lower())
            if found:
                office, role = found[0].format(c=display), found[1]
            else:
                m = re.match(r"Secretary of State for (?:the )?(.+)$", post)
                short = next((s for k, s in UK_SECRETARIES if m and m.group(1).lower().startswith(k)), None)
                if short:
                    office, role = f"{short} of {display}", short
                else:
                    office, role = _generic(post, display, country), post
            self.add(r, self._where(path, i), country, office, role, country, rank=7 if _PEER.match(
                r.get("person") or "") else 4)

    def state_cabinet(self, path: Path, rows: list[dict[str, str]]) -> None:
        state = STATE_FILES[path.stem]
        for i, r in enumerate(rows):
            position = (r.get("position") or "").strip()
            if not position:
                continue
            office = _generic(position[:1].upper() + position[1:], state, state)
            self.add(r, self._where(path, i), "United States", office, _state_role(office), "United States")

    def country_file(self, path: Path, rows: list[dict[str, str]]) -> None:
        if path.stem in STATE_FILES:
            self.state_cabinet(path, rows)
            return
        country = _country_of_file(path.stem, self.countries)
        if country is None:
            self.skipped["unknown country file"] += len(rows)
            return
        table = {**POSITIONS, **COUNTRY_POSITIONS.get(country, {})}
        display = self.countries.display.get(country, country)
        rank = NAME_RANK.get(path.name, 5)
        for i, r in enumerate(rows):
            position = re.sub(r"\s*\((?:interim|acting)\)$", "", (r.get("position") or "").strip())
            if not position:
                self.skipped["no position"] += 1
                continue
            found = table.get(position.lower())
            state = _STATE_OFFICE.match(position) if country == "United States" else None
            if found:
                office, role = found[0].format(c=display), found[1]
            elif state:
                office, role = position, _state_role(position)
            else:
                m = _AMBASSADOR.match(position)
                target = self.countries.find(m.group(1)) if m else None
                if target == "United Nations":
                    office, role = _UN[0].format(c=display), _UN[1]
                elif target and target != country:
                    office, role = f"Ambassador of {display} to {self.countries.display[target]}", "Ambassador"
                else:
                    office, role = _generic(position, display, country), position[:1].upper() + position[1:]
            self.add(r, self._where(path, i), country, office, role, country, rank=rank)

    # ------------------------------------------------------------------ people

    def identities(self) -> dict[str, str]:
        """Row id -> lexicon id: QIDs stay; another id takes the QID of the one person (curated or from another
        source) with the same name in the same country, if there is exactly one."""
        by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
        for row in _read(self.out / "people.curated.tsv"):
            for n in (row["name"], *(row.get("aliases") or "").split("|")):
                if n.strip() and (_QID.fullmatch(row["id"]) or not row["id"].startswith(("ifg:", "ocd-person/"))):
                    by_name[(_norm(n), row.get("country", ""))].add(row["id"])
        for r in self.rows:
            if _QID.fullmatch(r.pid):
                for n in (r.name, *r.aliases):
                    by_name[(_norm(n), r.country)].add(r.pid)
        mapping: dict[str, str] = {}
        for row in _read(self.out / "people.curated.tsv"):  # ids the curated rows say are the same person
            for other in (row.get("same_as") or "").split("|"):
                if other.strip():
                    mapping[other.strip()] = row["id"]
        for r in self.rows:
            if r.pid in mapping or _QID.fullmatch(r.pid):
                continue
            found: set[str] = set()
            for n in (r.name, *r.aliases):
                found |= by_name.get((_norm(n), r.country), set())
            mapping[r.pid] = next(iter(found)) if len(found) == 1 else r.pid
        return mapping

    def people(self, ids: dict[str, str]) -> dict[str, dict[str, str]]:
        grouped: dict[str, list[_Row]] = defaultdict(list)
        for r in self.rows:
            grouped[ids.get(r.pid, r.pid)].append(r)
        people: dict[str, dict[str, str]] = {}
        for pid, rows in grouped.items():
            best = min(rows, key=lambda r: (r.rank, -len(r.source), r.source))
            name = best.name
            country = best.country or next((r.country for r in rows if r.country), "")
            names = dict.fromkeys([r.name for r in sorted(rows, key=lambda r: r.source)]
                                  + [a for r in rows for a in r.aliases])
            aliases = [n for n in names if _norm(n) != _norm(name)]
            aliases += [a for a in _variants(name, country) if a not in aliases]
            order = ("eastern" if country in EASTERN and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z-]+", name)
                     else "western")
            family, given = _split_name(name, order)
            if name.startswith("Pope "):
                family, given = "", name[5:]
            elif _PEER.match(name):
                family, given = "", ""
            gender = next((r.gender for r in rows if r.gender), "")
            people[pid] = {"id": pid, "name": name, "family": family, "given": given, "order": order,
                           "gender": gender, "country": country, "aliases": "|".join(aliases), "source": best.file}
        return people

    # ------------------------------------------------------------------ tenures

    def tenures(self, ids: dict[str, str], as_of: dict[str, dt.date]) -> list[dict[str, str]]:
        """Merge the rows of one person in one office that overlap or touch: the most precise start (ties: the
        later snapshot), the end of the row from the latest snapshot."""
        by_key: dict[tuple[str, str], list[_Row]] = defaultdict(list)
        for r in self.rows:
            by_key[(ids.get(r.pid, r.pid), r.office)].append(r)
        out: list[dict[str, str]] = []
        for (pid, office), rows in by_key.items():
            rows.sort(key=lambda r: (r.first, r.last))
            groups: list[list[_Row]] = []
            for r in rows:
                if r.start is None and r.end is not None and groups:
                    # a row without a start (only an end) belongs with the latest run that began before its end
                    target = next((g for g in reversed(groups) if min(x.first for x in g) <= r.last), None)
                    if target is not None:
                        target.append(r)
                        continue
                if groups and any(_touch(r, x) for x in groups[-1]):
                    groups[-1].append(r)
                else:
                    groups.append([r])
            for g in groups:
                out.append(_merged(pid, office, g, as_of))
        out.sort(key=lambda t: (t["person_id"], t["office"], t["start"]))
        return out

    def many_holders(self, tenures: list[dict[str, str]]) -> set[str]:
        """Offices several people hold at once: by role or name, or two people's closed tenures overlapping by
        more than a month."""
        many = {o for o, (role, _) in self.offices.items() if role in MANY_ROLES or _MANY_WORDS.match(o)}
        # the pairs curated rows replace (or say were never held) do not count
        never = {(r["person_id"], r["office"]) for r in _read(self.out / "offices.curated.tsv")}
        by_office: dict[str, list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
        for t in tenures:
            if t["start"] and t["end"] and (t["person_id"], t["office"]) not in never:
                s, e = _date(t["start"]), _date(t["end"])
                assert s is not None and e is not None
                by_office[t["office"]].append((s.first, e.last, t["person_id"]))
        for office, spans in by_office.items():
            spans.sort()
            for (_, e1, p1), (s2, e2, p2) in itertools.pairwise(spans):
                if p1 != p2 and (min(e1, e2) - s2).days > 31:
                    many.add(office)
                    break
        return many


def _touch(a: _Row, b: _Row) -> bool:
    return (a.first.toordinal() <= b.last.toordinal() + 1) and (b.first.toordinal() <= a.last.toordinal() + 1)


def _merged(pid: str, office: str, rows: list[_Row], as_of: dict[str, dt.date]) -> dict[str, str]:
    def snapshot(r: _Row) -> dt.date:
        return as_of.get(r.file, dt.date.min)

    starts = [r.start for r in rows if r.start is not None]
    best = max((_precision(d) for d in starts), default=0)
    start = min((d for d in starts if _precision(d) == best), key=lambda d: d.first, default=None)
    latest = max(rows, key=lambda r: (snapshot(r), r.last))
    end = latest.end
    if end is not None:  # the same end to a better precision from another row
        finer = [r.end for r in rows if r.end is not None and end.first <= r.end.first and r.end.last <= end.last]
        end = max(finer, key=_precision, default=end)
    return {"person_id": pid, "office": office, "start": str(start or ""), "end": str(end or ""),
            "source": latest.source, "as_of": ""}


_TRANSLIT = ((r"ey\b", "ei"), (r"iy\b", "y"), (r"yy\b", "y"), (r"ry\b", "ri"))


def _variants(name: str, country: str) -> list[str]:
    """Spellings news uses that follow mechanically from the name: Russian and Ukrainian transliterations
    (``Sergey`` -> ``Sergei``, ``Zelenskyy`` -> ``Zelensky``), the name without middle initials."""
    out: list[str] = []
    if country in CYRILLIC:
        for pattern, repl in _TRANSLIT:
            v = re.sub(pattern, repl, name)
            if v != name and v not in out:
                out.append(v)
    short = re.sub(r"\s+[A-Z]\.(?=\s)", "", name)
    if short != name and short not in out:
        out.append(short)
    return out


def _sources_table(sources: Path, out: Path, used: Iterable[str]) -> list[dict[str, str]]:
    """Each source file with the date it was true as of and its licence: the manifest's commit date, or the
    hand-written sources.tsv (curated files)."""
    hand = {r["source"]: r for r in _read(out / "sources.tsv")}
    manifest = {}
    path = sources / "office-holders-manifest.tsv"
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                manifest[Path(r["file"]).name] = r
    rows = []
    for name in sorted(set(used)):
        if name in hand:
            continue
        m = manifest.get(name)
        if not m or not m.get("commit_date"):
            continue
        origin = m["origin_repo"]
        licence, attribution = next((v for k, v in _LICENCES.items() if origin.startswith(k)), ("", ""))
        rows.append({"source": name, "as_of": m["commit_date"], "licence": licence, "attribution": attribution,
                     "origin": f"{origin} @ {m['commit'][:7]}"})
    return rows


def build(sources: Path, out: Path) -> dict[str, int]:
    """Write the generated files; returns counts (people, tenures, offices, skipped rows)."""
    b = _Builder(sources, out)
    b.read_all()
    files = {r.file for r in b.rows}
    source_rows = _sources_table(sources, out, files)
    as_of: dict[str, dt.date] = {}
    for r in [*source_rows, *_read(out / "sources.tsv")]:
        d = _date(r["as_of"])
        if d is not None:
            as_of[r["source"]] = d.last
    ids = b.identities()
    people = b.people(ids)
    tenures = b.tenures(ids, as_of)
    many = b.many_holders(tenures)
    hand = {r["office"] for r in _read(out / "office_names.tsv")}
    kept = {t["person_id"] for t in tenures}
    columns = KINDS["office_names"].columns
    _write(out / "people.generated.tsv", KINDS["people"].columns,
           [p for pid, p in sorted(people.items(), key=lambda kv: _id_key(kv[0])) if pid in kept])
    _write(out / "offices.generated.tsv", KINDS["offices"].columns, sorted(tenures, key=lambda t: (
        _id_key(t["person_id"]), t["office"], t["start"])))
    _write(out / "office_names.generated.tsv", columns,
           [{"office": o, "role": r, "country": c, "holders": "many" if o in many else ""}
            for o, (r, c) in sorted(b.offices.items()) if o not in hand])
    _write(out / "sources.generated.tsv", KINDS["sources"].columns, source_rows)
    return {"people": len(kept), "tenures": len(tenures), "offices": len(b.offices),
            "offices held by several at once": len(many), "sources": len(files),
            **{f"skipped ({k})": v for k, v in sorted(b.skipped.items())}}


def _id_key(pid: str) -> tuple[int, int, str]:
    return (0, int(pid[1:]), "") if _QID.fullmatch(pid) else (1, 0, pid)


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated by `python -m training.lexicon_build` from ../shared/lexicon-sources (see README.md).\n")
        f.write("# Do not edit: put corrections in the *.curated.tsv files, which override these rows.\n")
        f.write("\t".join(columns) + "\n")
        for r in rows:
            f.write("\t".join((r.get(c) or "").replace("\t", " ") for c in columns) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.lexicon_build",
                                     description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sources", type=Path, required=True, help="folder with office-holders/*.csv")
    parser.add_argument("--out", type=Path, required=True, help="the lexicon folder to write into")
    args = parser.parse_args(argv)
    counts = build(args.sources, args.out)
    for name, n in counts.items():
        sys.stdout.write(f"{name}: {n}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
