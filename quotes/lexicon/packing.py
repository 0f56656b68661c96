"""People, tenures and the name index held packed: one string per person, per person's tenures and per name,
decoded into records when a query asks for them.

As records, the bundled lexicon's 32,000 people, 49,000 tenures and 66,000 indexed names take about 60 MB of
Python objects (a dictionary and a string for each field of each record); packed, a fraction of it, which every
engine of every worker process saves. Decoded records are remembered (the most recent few thousand: the people of
the articles in hand), so a query that recurs costs a dictionary lookup. A record whose text holds a separator
character (never so in the bundled files) is kept as the record itself: nothing is ever lost to packing.

>>> people = PackedPeople([("p1", Person("p1", "Ann Lee", "Lee", "Ann", aliases=("Annie Lee",)))])
>>> people["p1"].aliases, "p1" in people, len(people)
(('Annie Lee',), True, 1)
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence

from ..dates import PartialDate
from .records import Person, Tenure

_FIELD = "\x1f"
_RECORD = "\x1e"
_ITEM = "\x1d"
_SEPARATORS = (_FIELD, _RECORD, _ITEM)

_DECODED = 8192
"""Decoded records remembered (people, each person's tenures, each name's entries)."""


def _packable(values: Iterable[str]) -> bool:
    return not any(sep in v for v in values for sep in _SEPARATORS)


# ---------------------------------------------------------------------------------------------------- people


def _person_fields(p: Person) -> list[str]:
    return [p.name, p.family, p.given, p.order, p.gender, p.country, *p.aliases]


@functools.lru_cache(maxsize=_DECODED)
def _person(pid: str, row: str) -> Person:
    name, family, given, order, gender, country, *aliases = row.split(_FIELD)
    return Person(pid, name, family, given, order, gender, country, tuple(aliases))


class PackedPeople(Mapping[str, Person]):
    """People by id (``(id, person)`` pairs), each packed in one string."""

    def __init__(self, people: Iterable[tuple[str, Person]]) -> None:
        self._rows: dict[str, str | Person] = {}
        for pid, p in people:
            fields = _person_fields(p)
            self._rows[pid] = _FIELD.join(fields) if pid == p.id and _packable(fields) else p

    def __getitem__(self, pid: str) -> Person:
        row = self._rows[pid]
        return _person(pid, row) if isinstance(row, str) else row

    def __contains__(self, pid: object) -> bool:
        return pid in self._rows

    def records(self) -> Iterator[Person]:
        """Every person, decoded afresh (not remembered: for a walk over them all)."""
        for pid, row in self._rows.items():
            yield _person.__wrapped__(pid, row) if isinstance(row, str) else row

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"<PackedPeople: {len(self._rows)} people>"


# ---------------------------------------------------------------------------------------------------- tenures


def _date_text(value: PartialDate | _dt.date | None) -> str:
    return "" if value is None else str(value) if isinstance(value, PartialDate) else value.isoformat()


def _tenure_fields(t: Tenure) -> list[str]:
    return [t.office, t.role, t.country, _date_text(t.start), _date_text(t.end), t.source, _date_text(t.as_of),
            t.closed_by]


@functools.lru_cache(maxsize=_DECODED)
def _tenures(pid: str, row: str) -> tuple[Tenure, ...]:
    out = []
    for record in row.split(_RECORD):
        office, role, country, start, end, source, as_of, closed_by = record.split(_FIELD)
        out.append(Tenure(pid, office, role, country, PartialDate.parse(start) if start else None,
                          PartialDate.parse(end) if end else None, source,
                          _dt.date.fromisoformat(as_of) if as_of else None, closed_by))
    return tuple(out)


class PackedTenures:
    """Tenures by person (in the order given), each person's packed in one string, with the holders of each
    office and of each role (lowercased) by id."""

    def __init__(self, tenures: Iterable[Tenure]) -> None:
        by_person: dict[str, list[Tenure]] = defaultdict(list)
        by_office: dict[str, dict[str, None]] = defaultdict(dict)
        by_role: dict[str, dict[str, None]] = defaultdict(dict)
        for t in tenures:
            by_person[t.person_id].append(t)
            by_office[t.office][t.person_id] = None
            by_role[t.role.casefold()][t.person_id] = None
        self._rows: dict[str, str | tuple[Tenure, ...]] = {}
        for pid, ts in by_person.items():
            fields = [_tenure_fields(t) for t in ts]
            packable = all(_packable(f) for f in fields)
            self._rows[pid] = _RECORD.join(_FIELD.join(f) for f in fields) if packable else tuple(ts)
        self._by_office = {office: tuple(pids) for office, pids in by_office.items()}
        self._by_role = {role: tuple(pids) for role, pids in by_role.items()}
        self._count = sum(len(ts) for ts in by_person.values())

    def __len__(self) -> int:
        return self._count

    def of(self, pid: str) -> tuple[Tenure, ...]:
        """Every tenure of ``pid``, in the order given (empty for an unknown id)."""
        row = self._rows.get(pid)
        if row is None:
            return ()
        return _tenures(pid, row) if isinstance(row, str) else row

    def of_office(self, office: str) -> list[Tenure]:
        """Every tenure of ``office`` (a canonical office)."""
        return [t for pid in self._by_office.get(office, ()) for t in self.of(pid) if t.office == office]

    def of_role(self, role: str) -> list[Tenure]:
        """Every tenure of ``role`` (lowercased)."""
        return [t for pid in self._by_role.get(role, ()) for t in self.of(pid) if t.role.casefold() == role]

    def all(self) -> tuple[Tenure, ...]:
        """Every tenure, person by person."""
        return tuple(t for pid in self._rows for t in self.of(pid))


# ---------------------------------------------------------------------------------------------------- names

Entry = tuple[str, float, str]
"""A name index entry: (person id, score, the lexicon's form that matched)."""


@functools.lru_cache(maxsize=_DECODED)
def _entries(row: str) -> tuple[Entry, ...]:
    out = []
    for record in row.split(_RECORD):
        pid, score, matched = record.split(_FIELD)
        out.append((pid, float(score), matched))
    return tuple(out)


def _exact(score: float) -> bool:
    """Whether a score is a float that its text gives back exactly (a numpy float's is no number's text)."""
    try:
        return type(score) is float and float(repr(score)) == score
    except ValueError:  # pragma: no cover (type(score) is float first)
        return False


class PackedNames(Mapping[str, Sequence[Entry]]):
    """The name index: a normalised name to its entries, packed in one string per name."""

    def __init__(self, index: Mapping[str, Sequence[Entry]]) -> None:
        self._rows: dict[str, str | tuple[Entry, ...]] = {}
        for key, entries in index.items():
            texts = [[pid, repr(score), matched] for pid, score, matched in entries]
            ok = all(_packable(t) for t in texts) and all(_exact(s) for _, s, _ in entries)
            self._rows[key] = _RECORD.join(_FIELD.join(t) for t in texts) if ok else tuple(entries)

    def __getitem__(self, key: str) -> tuple[Entry, ...]:
        row = self._rows[key]
        return _entries(row) if isinstance(row, str) else row

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)
