"""The compiled lexicon and its queries: people by name, offices and their holders at a date, titles, cues, organisations."""

from __future__ import annotations

import bisect
import datetime as _dt
import difflib
import functools
import math
import types
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .names import (
    _DESCRIPTIVE,
    _norm,
    _noun_forms,
    _noun_index,
    _title_tokens,
    _verb_forms,
)
from .packing import Entry, PackedNames, PackedPeople, PackedTenures
from .records import (
    FACTOR_FUZZY,
    FACTOR_GENDER_MISMATCH,
    FACTOR_NOT_IN_OFFICE,
    FACTOR_TITLE_MISMATCH,
    SCORE_FAMILY,
    SCORE_NAME,
    SCORE_REVERSED,
    WORD_LISTS,
    Candidate,
    CueWord,
    Office,
    Person,
    SourceOrg,
    TaggedWord,
    Tenure,
    _Country,
    _Source,
    _Title,
    verb_cue,
)

_norm_once = _norm.__wrapped__
""":func:`_norm` without its memo: for the lexicon's own names, normalised once each when it is built (a memo of
them all would hold some 10 MB for nothing)."""

_fuzz: types.ModuleType | None
_process: types.ModuleType | None
try:  # optional: faster, better fuzzy matching of misspelt names
    from rapidfuzz import fuzz as _fuzz
    from rapidfuzz import process as _process
except ImportError:  # pragma: no cover
    _fuzz = _process = None


class Lexicon:
    """People, tenures, offices, titles, cues and organisations, with the queries the engine needs.

    Build one with ``load_lexicon()`` (or ``Lexicon.from_dirs``); it is immutable and safe to share.
    """

    def __init__(
        self,
        *,
        people: Mapping[str, Person],
        tenures: Iterable[Tenure],
        offices: Mapping[str, Office],
        titles: Iterable[_Title],
        countries: Iterable[_Country],
        cues: Iterable[CueWord],
        cue_extra_forms: Mapping[str, Iterable[str]] = types.MappingProxyType({}),
        organisations: Iterable[SourceOrg] = (),
        documents: Mapping[str, Iterable[str]] = types.MappingProxyType({}),
        organisation_nouns: Mapping[str, Iterable[str]] = types.MappingProxyType({}),
        word_lists: Mapping[str, frozenset[str]] = types.MappingProxyType({}),
        shared_offices: Iterable[str] = (),
        sources: Mapping[str, _Source] = types.MappingProxyType({}),
    ) -> None:
        self._people = PackedPeople(people.items())
        self.people: Mapping[str, Person] = self._people
        """Every person by id (read-only)."""
        self._tenures = PackedTenures(sorted(tenures, key=lambda t: (t.person_id, t.first_day, t.office)))
        self.offices: Mapping[str, Office] = types.MappingProxyType(dict(offices))
        """Every known office by canonical name."""
        self._office_keys = {_norm_once(name): o for name, o in self.offices.items()}
        self._offices_by_role: dict[tuple[str, str], list[Office]] = defaultdict(list)
        for o in self.offices.values():
            self._offices_by_role[(o.role.casefold(), o.country or "")].append(o)
        self._roles = {o.role.casefold(): o.role for o in self.offices.values()}
        self._titles: dict[str, list[_Title]] = defaultdict(list)
        self._honorifics: dict[str, str] = {}
        for title in titles:
            key = " ".join(_title_tokens(title.surface))
            if title.kind == "honorific":
                self._honorifics[key] = title.role
            else:
                self._titles[key].append(title)
                self._roles.setdefault(title.role.casefold(), title.role)
        self._titled_roles = frozenset(t.role.casefold() for rows in self._titles.values() for t in rows)
        self._title_words = frozenset(w for key in self._titles for w in key.split()) - {"of", "to", "for", "and"}
        self._countries: dict[str, _Country] = {}
        self._country_terms: dict[str, str] = {}
        for c in countries:
            self._countries[c.name] = c
            for term in (c.name, *c.adjectives, *c.names, *c.capitals):
                key = " ".join(_title_tokens(term))
                if key:
                    self._country_terms.setdefault(key, c.name)
        for c in self._countries.values():  # the country's own name wins over another's alias
            self._country_terms[" ".join(_title_tokens(c.name))] = c.name
        self._country_words = frozenset(w for key in self._country_terms for w in key.split())
        self._max_country_len = max((len(k.split()) for k in self._country_terms), default=1)
        self._cues: dict[str, CueWord] = {}
        self._noun_cues: dict[str, CueWord] = {}
        self._cue_by_form: dict[str, CueWord] = {}
        forms: set[str] = set()
        for cue in cues:
            extra = set(cue_extra_forms.get(cue.key + "/" + cue.pos, ()))
            if cue.pos == "verb":
                self._cues.setdefault(cue.key, cue)
                forms |= _verb_forms(cue.lemma) | extra
                particle = f" {cue.particle}" if cue.particle else ""
                for form in _verb_forms(cue.lemma) | extra:
                    self._cue_by_form.setdefault(form.casefold() + particle, cue)
            else:
                self._cues.setdefault(cue.key, cue)
                for form in _noun_forms(cue.key) | extra:
                    self._noun_cues.setdefault(_norm(form), cue)
                forms |= {f.split()[0] for f in _noun_forms(cue.lemma) | extra}
        self.cue_forms: frozenset[str] = frozenset(f.casefold() for f in forms)
        """Every inflected form of every cue word, lowercased (``said``, ``says``, ``statements``): a prefilter."""
        self.organisations: tuple[SourceOrg, ...] = tuple(organisations)
        """Every source organisation."""
        self._org_keys: dict[str, SourceOrg] = {}
        for org in self.organisations:
            for alias in (org.name, *org.aliases):
                key = " ".join(_title_tokens(alias))
                if key:
                    self._org_keys.setdefault(key, org)
        self._documents = _noun_index(documents)
        self._organisation_nouns = _noun_index(organisation_nouns)
        self._word_lists = dict(word_lists)
        self._shared_offices = frozenset(shared_offices)
        self.sources: Mapping[str, _Source] = types.MappingProxyType(dict(sources))
        """Every dated source of tenures by file name: the day it was true as of, its licence and attribution."""

    @property
    def tenures(self) -> tuple[Tenure, ...]:
        """Every tenure, by person then start (built when asked for: the queries below read them one person at a
        time)."""
        return self._tenures.all()

    # ------------------------------------------------------------------------------------ loading

    @classmethod
    def from_dirs(cls, *dirs: str | Path | Any) -> Lexicon:
        """The lexicon of the given directories, later ones merged over earlier ones; LexiconError if bad."""
        from .compile import (
            _from_dirs,  # compiling builds a Lexicon: imported here, not at the top
        )

        return _from_dirs([Path(d) if isinstance(d, str) else d for d in dirs])

    def __getstate__(self) -> dict[str, Any]:
        skip = ("people", "offices", "sources", "_fuzzy_seen")
        state = {k: v for k, v in self.__dict__.items() if k not in skip}  # indexes are rebuilt: faster than read
        state["_offices"] = dict(self.offices)
        state["_sources"] = dict(self.sources)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        offices, sources = state.pop("_offices"), state.pop("_sources")
        self.__dict__.update(state)
        self.people = self._people
        self.offices = types.MappingProxyType(offices)
        self.sources = types.MappingProxyType(sources)

    def __repr__(self) -> str:
        return f"<Lexicon: {len(self._people)} people, {len(self._tenures)} tenures, {len(self.offices)} offices>"

    # ------------------------------------------------------------------------------------ people

    def person(self, id: str) -> Person:
        """The person with this id; KeyError if there is none.

        >>> from quotes.lexicon import load_lexicon
        >>> load_lexicon().person("Q7747").name
        'Vladimir Putin'
        """
        try:
            return self._people[id]
        except KeyError:
            raise KeyError(f"no person with id {id!r} in the lexicon") from None

    @functools.cached_property
    def _name_index(self) -> tuple[PackedNames, list[str]]:
        index: dict[str, list[tuple[str, float, str]]] = defaultdict(list)

        def add(key_text: str, pid: str, score: float, matched: str) -> None:
            key = _norm_once(key_text)
            if not key:
                return
            entries = index[key]
            for i, (other, s, _) in enumerate(entries):
                if other == pid:
                    if score > s:
                        entries[i] = (pid, score, matched)
                    return
            entries.append((pid, score, matched))

        for p in self._people.records():
            add(p.name, p.id, SCORE_NAME, p.name)
            for alias in p.aliases:
                add(alias, p.id, SCORE_NAME, alias)
            if p.family:
                add(p.family, p.id, SCORE_FAMILY, p.family)
                if p.given and p.order == "eastern":
                    add(f"{p.given} {p.family}", p.id, SCORE_REVERSED, f"{p.given} {p.family}")
                elif p.given:
                    add(f"{p.given.split()[0]} {p.family}", p.id, SCORE_NAME, f"{p.given.split()[0]} {p.family}")
        return PackedNames(index), sorted(index, key=lambda k: (len(k), k))  # by length: see _fuzzy_search

    def _strippable(self, token: str) -> bool:
        return (token in self._honorifics or token in self._title_words or token in self._country_words
                or token in _DESCRIPTIVE)

    def candidates(
        self, mention: str, *, as_of: _dt.date | None = None, limit: int = 10
    ) -> tuple[Candidate, ...]:
        """People ``mention`` may refer to, best first, with scores in 0..1.

        Titles and honorifics in front are stripped (``Foreign Minister Wang Yi``, ``Mr. Wang``) and used:
        someone who holds the office the title names, or whose gender the honorific names, ranks higher.
        Matching ignores case, diacritics and possessives. An exact name or alias scores 1.0, a family name
        alone 0.6; people not in office at ``as_of`` score lower than those who were.

        >>> from quotes.lexicon import load_lexicon

        >>> lex = load_lexicon()
        >>> import datetime
        >>> names = [c.person.name for c in lex.candidates("Wang", as_of=datetime.date(2022, 3, 7))]
        >>> "Wang Yi" in names and "Wang Wenbin" in names
        True
        >>> lex.candidates("Foreign Minister Wang", as_of=datetime.date(2022, 3, 7))[0].person.name
        'Wang Yi'
        >>> lex.candidates("Zelensky’s")[0].person.name
        'Volodymyr Zelenskyy'
        >>> lex.candidates("Sergei Lavrov")[0].score
        1.0
        """
        index, keys = self._name_index
        tokens = _norm(mention).split()
        hits: Sequence[Entry] = ()
        i = 0
        while i < len(tokens):
            hits = index.get(" ".join(tokens[i:]), [])
            if hits or not self._strippable(tokens[i]):
                break
            i += 1
        prefix, rest = tokens[:i], tokens[i:]
        if not rest:
            return ()
        if not hits and len(rest) >= 3:  # a middle initial the lexicon's name lacks: "Loretta E. Lynch"
            bare = [t for t in rest if len(t) > 1 or t == rest[0]]
            if len(bare) >= 2 and bare != rest:
                hits = index.get(" ".join(bare), [])
        if not hits:
            hits = self._fuzzy(" ".join(rest), index, keys)
        if not hits:
            return ()
        honorific = next((self._honorifics[t] for t in prefix if t in self._honorifics), "")
        title_words = [t for t in prefix if t not in self._honorifics]
        office = self.title_office(" ".join(title_words)) if title_words else None
        scored: list[Candidate] = []
        prominent: dict[str, bool] = {}
        for pid, score, matched in hits:
            person = self._people[pid]
            if as_of is not None and not any(t.held_on(as_of) for t in self._tenures.of(pid)):
                score *= FACTOR_NOT_IN_OFFICE
            if office is not None and not self._holds(pid, office, as_of):
                score *= FACTOR_TITLE_MISMATCH
            if honorific and person.gender and person.gender != honorific:
                score *= FACTOR_GENDER_MISMATCH
            scored.append(Candidate(person, round(min(score, 1.0), 4), matched))
            # among equal scores, someone in an office titles name (a foreign minister) before a deputy minister
            prominent[pid] = any(t.role.casefold() in self._titled_roles and (as_of is None or t.held_on(as_of))
                                 for t in self._tenures.of(pid))
        scored.sort(key=lambda c: (-c.score, not prominent[c.person.id], c.person.name, c.person.id))
        return tuple(scored[:limit])

    @functools.cached_property
    def _fuzzy_seen(self) -> dict[str, list]:
        return {}

    def _fuzzy(self, key: str, index: Mapping[str, Sequence[Entry]], keys: list[str]) -> list:
        """Near spellings of ``key`` among the index's names (remembered: a name recurs through an article)."""
        if len(key) < 4:
            return []
        seen = self._fuzzy_seen
        if key not in seen:
            if len(seen) >= 100_000:
                seen.clear()
            seen[key] = self._fuzzy_search(key, index, keys)
        return list(seen[key])

    @functools.cached_property
    def _keys_by_initial(self) -> dict[str, list[str]]:
        """The index's names by their first letter, each list sorted by length (see :meth:`_fuzzy_search`)."""
        out: dict[str, list[str]] = defaultdict(list)
        for k in self._name_index[1]:
            out[k[:1]].append(k)
        return dict(out)

    def _fuzzy_search(self, key: str, index: Mapping[str, Sequence[Entry]], keys: list[str]) -> list:
        # a near spelling keeps its first letter (Zelensky, Zelenskyy; McLenney, McClenney): only names that
        # share it are compared, a twentieth of the index; and a ratio of 0.85 or more needs the shorter of the
        # two at least 0.739 times the longer: only the keys (sorted by length) of such lengths are compared
        if keys is self._name_index[1]:
            keys = self._keys_by_initial.get(key[:1], [])
        low, high = math.ceil(len(key) * 0.739), math.floor(len(key) / 0.739)
        keys = keys[bisect.bisect_left(keys, low, key=len):bisect.bisect_right(keys, high, key=len)]
        if _fuzz is not None and _process is not None:
            matches = [(k, s / 100) for k, s, _ in _process.extract(key, keys, scorer=_fuzz.ratio, score_cutoff=85,
                                                                   limit=10)]
        else:  # pragma: no cover
            matches = [(k, difflib.SequenceMatcher(None, key, k).ratio())
                       for k in difflib.get_close_matches(key, keys, n=10, cutoff=0.85)]
        hits: dict[str, tuple[str, float, str]] = {}
        for k, ratio in matches:
            for pid, score, matched in index[k]:
                s = score * ratio * FACTOR_FUZZY
                if pid not in hits or hits[pid][1] < s:
                    hits[pid] = (pid, s, matched)
        return list(hits.values())

    def _holds(self, pid: str, office: Office, as_of: _dt.date | None) -> bool:
        for t in self._tenures.of(pid):
            if as_of is not None and not t.held_on(as_of):
                continue
            if office.name in self.offices and t.office == office.name:
                return True
            if t.role.casefold() == office.role.casefold() and (office.country is None or t.country == office.country):
                return True
        return False

    # ------------------------------------------------------------------------------------ offices

    def is_shared(self, office: str) -> bool:
        """Whether several people hold ``office`` at once (senators, deputy prime ministers, commissioners:
        ``holders`` ``many`` in office_names), so that one holder's start does not end another's tenure.

        >>> from quotes.lexicon import load_lexicon
        >>> load_lexicon().is_shared("European Commissioner"), load_lexicon().is_shared("President of France")
        (True, False)
        """
        return office in self._shared_offices

    def prominent(self, person_id: str, *, as_of: _dt.date) -> bool:
        """Whether the person holds, on ``as_of``, an office a bare family name may stand for without the article
        naming the person in full: one held by one person at a time, of a role titles name (a president, a
        foreign minister, a senator), not a local one (``local-role`` in word_lists.tsv: a mayor).

        >>> import datetime
        >>> from quotes.lexicon import load_lexicon
        >>> load_lexicon().prominent("Q7747", as_of=datetime.date(2022, 3, 1))
        True
        """
        local = self._word_lists.get("local-role", frozenset())
        return any(t.role.casefold() in self._titled_roles and t.role.casefold() not in local
                   for t in self.offices_of(person_id, as_of=as_of))

    def offices_of(self, person_id: str, *, as_of: _dt.date, confirmed: bool = False) -> tuple[Tenure, ...]:
        """The tenures ``person_id`` held on ``as_of`` (empty for an unknown id). An open tenure counts past its
        source's snapshot (presumed to go on); with ``confirmed=True`` only up to it (:meth:`Tenure.confirmed_on`).

        >>> import datetime
        >>> from quotes.lexicon import load_lexicon
        >>> [t.office for t in load_lexicon().offices_of("Q24025631", as_of=datetime.date(2022, 3, 1))]
        ['Foreign Minister of Ukraine']
        """
        if confirmed:
            return tuple(t for t in self._tenures.of(person_id) if t.confirmed_on(as_of))
        return tuple(t for t in self._tenures.of(person_id) if t.held_on(as_of))

    def tenures_of(self, person_id: str) -> tuple[Tenure, ...]:
        """Every tenure of ``person_id``, earliest first."""
        return tuple(self._tenures.of(person_id))

    def holders(self, office: str, *, as_of: _dt.date, country: str | None = None,
                confirmed: bool = False) -> tuple[Tenure, ...]:
        """Tenures of whoever held ``office`` on ``as_of`` (``confirmed=True``: only as far as their sources'
        snapshots reach, see :meth:`offices_of`).

        ``office`` is a canonical office (``Foreign Minister of China``), a title (``Ukrainian President``) or a
        role (``Foreign Minister``), narrowed by ``country=`` (a name, adjective or capital).

        >>> import datetime
        >>> day = datetime.date(2022, 3, 1)
        >>> from quotes.lexicon import load_lexicon
        >>> lex = load_lexicon()
        >>> [lex.person(t.person_id).name for t in lex.holders("Foreign Minister", as_of=day, country="China")]
        ['Wang Yi']
        >>> [lex.person(t.person_id).name for t in lex.holders("Ukrainian President", as_of=day)]
        ['Volodymyr Zelenskyy']
        """
        want_country = self.country_of_adjective(country) if country else None
        if country and want_country is None:
            want_country = country
        known = self._office_keys.get(_norm(office))
        if known is not None:
            found: Iterable[Tenure] = self._tenures.of_office(known.name)
        else:
            resolved = self.title_office(office)
            roles = {office.casefold()} if office.casefold() in self._roles else set()
            if resolved is not None and resolved.name in self.offices and not want_country:
                found = self._tenures.of_office(resolved.name)
            else:
                if resolved is not None:
                    roles |= {t.role.casefold() for t in self._titles.get(" ".join(_title_tokens(office)), ())}
                    roles.add(resolved.role.casefold())
                    want_country = want_country or resolved.country
                # a country's own office of the role when it has one (the Secretary of State of the United
                # States, not a state's), else every office of the role there
                own = [o for o in (self.offices.get(f"{self._roles.get(r, r)} of {self._display(want_country)}")
                                   for r in roles) if o is not None] if want_country else []
                found = ([t for o in own for t in self._tenures.of_office(o.name)] if own else
                         [t for r in roles for t in self._tenures.of_role(r)
                          if want_country is None or t.country == want_country])
        held = {t for t in found if (t.confirmed_on(as_of) if confirmed else t.held_on(as_of))}
        return tuple(sorted(held, key=lambda t: (t.office, t.first_day, t.person_id)))

    # ------------------------------------------------------------------------------------ titles

    def _country_spans(self, tokens: list[str]) -> list[tuple[int, int, str]]:
        spans = []
        for n in range(min(self._max_country_len, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                country = self._country_terms.get(" ".join(tokens[i:i + n]))
                if country:
                    spans.append((i, i + n, country))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        return spans

    def title_office(self, phrase: str) -> Office | None:
        """The office a title denotes, with its country when the phrase names one; None for a non-title.

        >>> from quotes.lexicon import load_lexicon

        >>> lex = load_lexicon()
        >>> lex.title_office("China's foreign minister")
        Office(name='Foreign Minister of China', role='Foreign Minister', country='China')
        >>> lex.title_office("Foreign Minister")
        Office(name='Foreign Minister', role='Foreign Minister', country=None)
        >>> lex.title_office("Chinese foreign ministry spokesperson").name
        'Spokesperson of the Ministry of Foreign Affairs of China'
        >>> lex.title_office("Wang Yi") is None
        True
        """
        tokens = _title_tokens(phrase)
        if not tokens:
            return None
        exact = self._office_keys.get(" ".join(tokens)) or self._office_keys.get(_norm(phrase))
        if exact is not None:
            return exact
        key = " ".join(tokens)
        if key in self._titles:
            return self._resolve_title(self._titles[key], None, None)
        for start, end, country in self._country_spans(tokens):
            rest = tokens[:start] + tokens[end:]
            if start > 0 and end == len(tokens) and tokens[start - 1] in ("of", "in"):
                rest = tokens[:start - 1]
            to_country = None
            if len(rest) > 2 and "to" in rest:
                at = len(rest) - 1 - rest[::-1].index("to")
                target = self._country_terms.get(" ".join(rest[at + 1:]))
                if target and " ".join(rest) not in self._titles:
                    to_country, rest = target, rest[:at]
            rows = self._titles.get(" ".join(rest))
            if rows:
                return self._resolve_title(rows, country, to_country)
        return None

    def _display(self, country: str) -> str:
        c = self._countries.get(country)
        return c.display if c else country

    def _resolve_title(self, rows: list[_Title], country: str | None, to_country: str | None) -> Office:
        if to_country and country:
            role = rows[0].role
            if to_country == "United Nations":
                name = f"Permanent Representative of {self._display(country)} to the United Nations"
            else:
                name = f"{role} of {self._display(country)} to {self._display(to_country)}"
            return self.offices.get(name) or Office(name, role, country)
        if country is None:
            first = rows[0]
            if first.country:
                found = self._office_for(first, first.country)
                if found:
                    return found
            return Office(first.role, first.role, None)
        for row in rows:
            found = self._office_for(row, country)
            if found:
                return found
        role = rows[0].role
        if rows[0].office and "{country}" in rows[0].office:
            return Office(rows[0].office.format(country=self._display(country)), role, country)
        return Office(f"{role} of {self._display(country)}", role, country)

    def _office_for(self, row: _Title, country: str) -> Office | None:
        if row.office:
            name = row.office.format(country=self._display(country)) if "{country}" in row.office else row.office
            found = self.offices.get(name)
            if found is not None and (found.country == country or "{country}" in row.office):
                return found
            if "{country}" in row.office:
                return None
        options = self._offices_by_role.get((row.role.casefold(), country), [])
        if not options:
            return None
        preferred = f"{row.role} of {self._display(country)}"
        found = next((o for o in options if o.name == preferred), None)
        if found is None and len(options) > 1:  # "US Senator", "Chinese ambassador": the role in that country
            return Office(row.role, row.role, country)
        return found or options[0]

    def title_roles(self, phrase: str) -> tuple[str, ...]:
        """Every role a title may name, whatever the country (``foreign minister``: the Foreign Minister, and
        the Secretary of State where that is the office); empty for a non-title.

        >>> from quotes.lexicon import load_lexicon
        >>> load_lexicon().title_roles("U.S. foreign minister")
        ('Foreign Minister', 'Secretary of State')
        """
        tokens = _title_tokens(phrase)
        rows = self._titles.get(" ".join(tokens))
        if rows is None:
            for start, end, _ in self._country_spans(tokens):
                rows = self._titles.get(" ".join(tokens[:start] + tokens[end:]))
                if rows:
                    break
        return tuple(dict.fromkeys(r.role for r in rows or ()))

    def is_title_word(self, word: str) -> bool:
        """Whether ``word`` is part of a title (``minister``, ``President``, ``spokeswoman``).

        >>> from quotes.lexicon import load_lexicon

        >>> lex = load_lexicon()
        >>> lex.is_title_word("Minister"), lex.is_title_word("Mr"), lex.is_title_word("Wang")
        (True, False, False)
        """
        return _norm(word) in self._title_words

    def words(self, name: str) -> frozenset[str]:
        """A word list the rules read (``word_lists.tsv``): ``name-abbreviation``, ``object-is-content``,
        ``anonymous-head``.

        >>> from quotes.lexicon import load_lexicon
        >>> "official" in load_lexicon().words("anonymous-head")
        True
        """
        if name not in WORD_LISTS:
            raise KeyError(f"no word list {name!r}: the lists are {', '.join(WORD_LISTS)}")
        return self._word_lists.get(name, frozenset())

    def honorific_gender(self, word: str) -> str | None:
        """The gender an honorific gives (``m``, ``f``, or ``""`` for ``Dr``), None when ``word`` is none.

        >>> from quotes.lexicon import load_lexicon
        >>> [load_lexicon().honorific_gender(w) for w in ("Ms.", "Dr", "Senator")]
        ['f', '', None]
        """
        return self._honorifics.get(_norm(word))

    def is_honorific(self, word: str) -> bool:
        """Whether ``word`` is an honorific (``Mr``, ``Ms.``, ``Dr``), which is not a title.

        >>> from quotes.lexicon import load_lexicon
        >>> load_lexicon().is_honorific("Mr."), load_lexicon().is_honorific("President")
        (True, False)
        """
        return _norm(word) in self._honorifics

    def country_of_adjective(self, word: str) -> str | None:
        """The country an adjective, name, abbreviation or capital stands for.

        >>> from quotes.lexicon import load_lexicon

        >>> lex = load_lexicon()
        >>> lex.country_of_adjective("Ukrainian"), lex.country_of_adjective("Beijing"), lex.country_of_adjective("U.S.")
        ('Ukraine', 'China', 'United States')
        """
        return self._country_terms.get(" ".join(_title_tokens(word)))

    # ------------------------------------------------------------------------------------ cues

    def cue(self, lemma: str) -> CueWord | None:
        """The cue with this lemma (with its particle: ``call on``), verbs before nouns; None if not a cue.

        >>> from quotes.lexicon import load_lexicon
        >>> load_lexicon().cue("call on")
        CueWord(lemma='call', cls='speech', pos='verb', particle='on')
        >>> load_lexicon().cue("eat") is None
        True

        An inflected form is read as its lemma too, so a lemmatizer that left ``denounced`` alone
        still finds the cue:

        >>> load_lexicon().cue("denounced").lemma
        'denounce'
        """
        key = " ".join(lemma.casefold().split())
        return self._cues.get(key) or self._cue_by_form.get(key)

    def is_cue(self, word: TaggedWord, *, thought: bool = True) -> CueWord | None:
        """The cue a tagged word is as a reporting verb (see :func:`quotes.lexicon.records.verb_cue`), or None;
        ``thought=False``: speech and writing only."""
        return verb_cue(self, word, thought=thought)

    def noun_cue(self, word: str) -> CueWord | None:
        """The noun or phrase cue ``word`` is (``statement``, ``remarks``, ``press conference``), or None.

        >>> from quotes.lexicon import load_lexicon
        >>> load_lexicon().noun_cue("statements").lemma
        'statement'
        """
        return self._noun_cues.get(_norm(word))

    # ------------------------------------------------------------------------------------ organisations

    def organisation(self, phrase: str) -> SourceOrg | None:
        """The source organisation ``phrase`` names (``state broadcaster CCTV``, ``the Kremlin``), or None.

        >>> from quotes.lexicon import load_lexicon
        >>> load_lexicon().organisation("state broadcaster CCTV").name
        'China Central Television'
        """
        return self._org_keys.get(" ".join(_title_tokens(phrase)))

    # ------------------------------------------------------------------------------------ documents

    def document_noun(self, word: str) -> str | None:
        """The document noun ``word`` is a form of (``resolutions`` -> ``resolution``), or None: the head
        nouns of sources that are texts, not people or bodies (a resolution, a statement, a readout, a report).

        >>> from quotes.lexicon import load_lexicon
        >>> load_lexicon().document_noun("Resolutions"), load_lexicon().document_noun("minister")
        ('resolution', None)
        """
        return self._documents.get(_norm(word))

    def organisation_noun(self, word: str) -> str | None:
        """The kind of organisation ``word`` names (``agency``, ``broadcaster``, ``ministry``), or None: the head
        nouns of a definite description of an organisation (``the US news agency``).

        >>> from quotes.lexicon import load_lexicon
        >>> load_lexicon().organisation_noun("Agencies"), load_lexicon().organisation_noun("diplomat")
        ('agency', None)
        """
        return self._organisation_nouns.get(_norm(word))
