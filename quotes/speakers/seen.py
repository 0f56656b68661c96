"""The people an article has named or quoted so far, in text order, looked up by name at a cost that does not
grow with the article.

A bare surname (``Cruz said``), a subject named again (``Cruz was blunter.``) or a name the source cut short
is resolved against everyone named before it. Read by scanning, each such look-up costs the length of the
article so far, and a long article (thousands of statements) the square of its length: here each person is
filed under the names a surname may match (:func:`quotes.speakers.names._names_of`), once.

>>> from quotes.records import Speaker
>>> seen = PeopleSeen([(30, Speaker("person", "Rafael Cruz")), (5, Speaker("person", "Ted Cruz"))], None)
>>> [sp.name for _, sp in seen.named("cruz", before=40)]
['Ted Cruz', 'Rafael Cruz']
>>> seen.add((50, Speaker("person", "Heidi Cruz"))); [p for p, _ in seen]
[5, 30, 50]
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from ..lexicon import Lexicon
from ..lexicon.names import fold
from ..records import Speaker

Seen = tuple[int, Speaker]


def _key(item: Seen) -> int:
    return item[0]


class PeopleSeen(Sequence[Seen]):
    """``(position, speaker)`` of every person named or quoted, in text order (a sequence, so that code that
    scans it still can), with :meth:`named` and :meth:`written` look-ups."""

    def __init__(self, items: Iterable[Seen], lexicon: Lexicon | None) -> None:
        self._items: list[Seen] = sorted(items, key=_key)
        self._lexicon = lexicon
        self._by_name: dict[str, list[Seen]] = defaultdict(list)
        self._written: dict[str, list[Seen]] = defaultdict(list)
        self._families: dict[str, list[Seen]] = defaultdict(list)
        # name -> (kind, person id or "name:" + name) -> that one's places under the name, in text order
        self._people: dict[str, dict[tuple[str, str], list[Seen]]] = defaultdict(dict)
        for item in self._items:
            self._file(item)

    def _file(self, item: Seen) -> None:
        from .names import _names_of

        sp = item[1]
        names = _names_of(self._lexicon, sp.person_id, sp.name) if self._lexicon is not None else _plain_names(sp.name)
        person = (sp.kind, sp.person_id or f"name:{sp.name}")
        for name in names:
            bisect.insort(self._by_name[name], item, key=_key)
            bisect.insort(self._people[name].setdefault(person, []), item, key=_key)
        if sp.name:
            bisect.insort(self._written[fold(sp.name)], item, key=_key)
            parts = sp.name.split()
            bisect.insort(self._families[fold(parts[-1])], item, key=_key)

    def add(self, item: Seen) -> None:
        """File one more person, at its place in text order."""
        bisect.insort(self._items, item, key=_key)
        self._file(item)

    def named(self, key: str, *, before: int) -> list[Seen]:
        """The people filed under the folded name ``key`` (a family name, a full name, an alias) and seen
        before the offset ``before``, in text order."""
        found = self._by_name.get(key, [])
        return found[:bisect.bisect_left(found, before, key=_key)]

    def named_people(self, key: str, *, before: int) -> list[tuple[Seen, Seen]]:
        """Of each one filed under the folded name ``key`` (a kind and a person id, else a name) and seen before
        ``before``: where it is seen first and where last, ordered by the first; a look-up that costs the number
        of such people, not the times they are named.

        >>> seen = PeopleSeen([(5, Speaker("person", "Ted Cruz")), (30, Speaker("person", "Rafael Cruz")),
        ...                    (50, Speaker("person", "Ted Cruz"))], None)
        >>> [(a, b, sp.name) for (a, sp), (b, _) in seen.named_people("cruz", before=60)]
        [(5, 50, 'Ted Cruz'), (30, 30, 'Rafael Cruz')]
        """
        out = []
        for places in self._people.get(key, {}).values():
            k = bisect.bisect_left(places, before, key=_key)
            if k:
                out.append((places[0], places[k - 1]))
        out.sort(key=lambda fl: fl[0][0])
        return out

    def written(self, name: str, *, before: int | None = None) -> list[Seen]:
        """The people whose name as written folds to ``fold(name)``, seen before ``before`` (None: anywhere)."""
        found = self._written.get(fold(name), [])
        return found if before is None else found[:bisect.bisect_left(found, before, key=_key)]

    def with_family(self, family: str, *, before: int) -> list[Seen]:
        """The people whose written name ends in the folded ``family``, seen before ``before``."""
        found = self._families.get(family, [])
        return found[:bisect.bisect_left(found, before, key=_key)]

    def families(self) -> list[str]:
        """Every folded last word of a written name (to find a name spelt two ways)."""
        return list(self._families)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Seen: ...

    @overload
    def __getitem__(self, index: slice) -> list[Seen]: ...

    def __getitem__(self, index: Any) -> Any:
        return self._items[index]

    def __iter__(self) -> Iterator[Seen]:
        return iter(self._items)

    def __reversed__(self) -> Iterator[Seen]:
        return reversed(self._items)


def _plain_names(name: str | None) -> frozenset[str]:
    parts = (name or "").split()
    return frozenset({fold(parts[0]), fold(parts[-1]), fold(name or "")}) if parts else frozenset()


def before(people: Sequence[Seen], at: int) -> Sequence[Seen]:
    """The people seen before the offset ``at`` (a slice: found by bisection)."""
    return people[:bisect.bisect_left(people, at, key=_key)]
