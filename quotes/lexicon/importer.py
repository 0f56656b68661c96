"""Importing office holders from a CSV (the Wikidata query service's export) into a user lexicon directory."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from pathlib import Path

from ..errors import LexiconError
from .compile import load_lexicon
from .names import _norm, _slug, _split_name
from .tables import KINDS, _did_you_mean, _parse_partial

_HOLDER_COLUMNS = ("position", "person", "personID", "start", "end")


_GENDER_WORDS = {"male": "m", "female": "f", "m": "m", "f": "f", "non-binary": "x", "x": "x"}


def import_office_holders(csv_path: str | Path, out_dir: str | Path, *, country: str | None = None,
                          as_of: dt.date | None = None) -> int:
    """Import a Wikidata-style office-holder CSV into the user lexicon directory ``out_dir``.

    Columns ``position,person,personID,start,end`` (and optionally ``gender``, ...). Each position must name a
    known office, directly (``President of Ukraine``) or as a title with ``country=`` (``President``). New
    people go to ``out_dir/people.tsv``, tenures to ``out_dir/offices.tsv`` with the CSV's file name as source.
    Returns the number of tenure rows written; every problem is raised at once as LexiconError and then
    nothing is written. A ``country`` the lexicon does not know (by name, adjective, abbreviation or capital) is
    one problem, raised before any row is read. A quoted cell may span lines: the line breaks (and tabs) of a
    name or a position read as one space (a name written over two lines, ``Bo`` and ``Multiline``, is ``Bo
    Multiline``); white space inside a ``personID`` is an error. Problems name the line a record starts on.
    ``as_of`` is the day the CSV was true as of (its export from the query service; default today): it goes
    with the file's name into ``out_dir/sources.tsv``, so that an open end counts as "held at least until
    then".

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "in.csv").write_text("position,person,personID,start,end\\nPresident,Ana Test,Q999999999,2020-01,\\n")
    >>> import_office_holders(d / "in.csv", d / "lex", country="Ukraine")
    1
    >>> from quotes.lexicon import load_lexicon
    >>> [t.office for t in load_lexicon(d / "lex").tenures_of("Q999999999")]
    ['President of Ukraine']
    """
    csv_path, out = Path(csv_path), Path(out_dir)
    problems: list[str] = []
    try:
        text = csv_path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = csv_path.read_bytes()[: exc.start].count(b"\n") + 1
        raise LexiconError([f"{csv_path.name}:{line}: not UTF-8; save the file as UTF-8"]) from None
    except OSError as exc:
        raise LexiconError([f"{csv_path}: cannot read ({exc.strerror})"]) from None
    base = load_lexicon(out) if out.is_dir() and any(out.glob("*.tsv")) else load_lexicon()
    if country is not None and base.country_of_adjective(country) is None:
        raise LexiconError([_unknown_country(country, sorted(base._countries))])
    # the lines as they are, line breaks kept, so that a quoted cell keeps the breaks inside it (splitting the
    # text into lines first glued a cell's two lines together: "Bo\nMultiline" -> "BoMultiline")
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.DictReader(lines)
    missing = [c for c in _HOLDER_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise LexiconError([f"{csv_path.name}:1: missing column {c!r}" for c in missing])
    new_people: dict[str, list[str]] = {}
    new_tenures: list[list[str]] = []
    last = reader.line_num  # the line the previous record ended on
    for row in reader:
        number, last = last + 1, reader.line_num
        while number < last and not lines[number - 1].strip():  # blank lines before the record are skipped
            number += 1
        where = f"{csv_path.name}:{number}"
        position, name = _one_line(row.get("position")), _one_line(row.get("person"))
        pid = (row.get("personID") or "").strip() or _slug(name)
        if not position or not name:
            problems.append(f"{where}: empty position or person")
            continue
        if re.search(r"\s", pid):
            problems.append(f"{where}: personID {pid!r} contains spaces or a line break")
            continue
        office = base.offices.get(position) or base._office_keys.get(_norm(position))
        if office is None:
            guess = base.title_office(f"{position} of {country}" if country else position)
            if guess is not None and guess.name in base.offices:
                office = base.offices[guess.name]
        if office is None:
            problems.append(f"{where}: unknown office {position!r}{_did_you_mean(position, base.offices)}"
                            f"{'' if country else '; pass country= for positions without one'}")
            continue
        start_ok, start = _parse_partial((row.get("start") or "").strip(), "start", where, problems)
        end_ok, end = _parse_partial((row.get("end") or "").strip(), "end", where, problems)
        if start and end and end.last < start.first:
            problems.append(f"{where}: end before start ({end} < {start})")
            continue
        if not (start_ok and end_ok):
            continue
        if pid not in base.people and pid not in new_people:
            family, given = _split_name(name)
            gender = _GENDER_WORDS.get(_one_line(row.get("gender")).lower(), "")
            new_people[pid] = [pid, name, family, given, "western", gender, office.country or "", "",
                               csv_path.name, ""]
        new_tenures.append([pid, office.name, str(start or ""), str(end or ""), csv_path.name, ""])
    if problems:
        raise LexiconError(problems)
    out.mkdir(parents=True, exist_ok=True)
    existing = {tuple(t) for t in _existing_rows(out / "offices.tsv")}
    rows = [t for t in dict.fromkeys(tuple(t) for t in new_tenures) if t not in existing]
    _header(out / "people.tsv", KINDS["people"].columns)  # before anything is written: nothing half-written
    _header(out / "offices.tsv", KINDS["offices"].columns)
    day = (as_of or dt.date.today()).isoformat()
    sources = {r[0]: r for r in _existing_rows(out / "sources.tsv")}
    if sources.get(csv_path.name, [None, None])[1] != day:
        _write_sources(out / "sources.tsv", {**sources, csv_path.name: [csv_path.name, day, "", "",
                                                                       "imported with quotes lexicon import"]})
    _append(out / "people.tsv", KINDS["people"].columns, list(new_people.values()))
    _append(out / "offices.tsv", KINDS["offices"].columns, [list(r) for r in rows])
    return len(rows)


def _unknown_country(country: str, known: list[str]) -> str:
    """The problem of a ``country`` the lexicon does not know, with the nearest names it knows."""
    close = difflib.get_close_matches(country, known, n=3, cutoff=0.6)
    if not close:
        by_fold = {c.casefold(): c for c in known}
        close = [by_fold[c] for c in difflib.get_close_matches(country.casefold(), list(by_fold), n=3, cutoff=0.6)]
    names = [repr(c) for c in close]
    if len(names) > 1:
        names = [", ".join(names[:-1]), names[-1]]
    hint = f" (did you mean {' or '.join(names)}?)" if names else ""
    return (f"unknown country {country!r}{hint}; the country of bare positions must be one of countries.tsv "
            "(its name, an adjective, an abbreviation or its capital)")


def _one_line(cell: str | None) -> str:
    """A cell with each run of white space (a line break, a tab) as one space: ``"Bo\nMultiline"`` -> ``Bo
    Multiline``."""
    return " ".join((cell or "").split())


def _write_sources(path: Path, rows: dict[str, list[str]]) -> None:
    """``sources.tsv`` with one row per imported file (a file imported again takes its new date)."""
    columns = KINDS["sources"].columns
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(columns) + "\n")
        for r in rows.values():
            f.write("\t".join((r + [""] * len(columns))[:len(columns)]) + "\n")


def _existing_rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    return [l.split("\t") for l in lines[1:]]


def _header(path: Path, columns: tuple[str, ...]) -> list[str]:
    """The columns ``path`` has (``columns`` for a new file); LexiconError if it lacks a required one."""
    if not path.is_file():
        return list(columns)
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t") if lines else list(columns)
    kind = KINDS[path.stem.split(".")[0]]
    if any(c not in header for c in kind.required) or any(c not in columns for c in header):
        raise LexiconError([f"{path.name}:1: columns differ from {chr(9).join(columns)}; cannot append"])
    return header


def _append(path: Path, columns: tuple[str, ...], rows: list[list[str]]) -> None:
    """Rows (in ``columns`` order) added at the end of ``path``, in the columns its header has."""
    if not rows:
        return
    new = not path.is_file()
    header = _header(path, columns)
    with path.open("a", encoding="utf-8", newline="\n") as f:
        if new:
            f.write("\t".join(header) + "\n")
        for r in rows:
            cells = dict(zip(columns, r))
            f.write("\t".join((cells.get(c) or "").replace("\t", " ") for c in header) + "\n")
