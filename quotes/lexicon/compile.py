"""Compiling lexicon directories (bundled, user overlays) into a :class:`Lexicon`, and checking one."""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import hashlib
import importlib.resources
import os
import pickle
import re
import sys
import zlib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ..cache import default_directory
from ..dates import PartialDate
from ..errors import LexiconError
from .names import _split_name, _title_tokens
from .queries import Lexicon
from .records import (
    CUE_CLASSES,
    CUE_POS,
    GENDERS,
    ORDERS,
    TITLE_KINDS,
    WORD_LISTS,
    CueWord,
    Office,
    Person,
    SourceOrg,
    Tenure,
    _Country,
    _Source,
    _Title,
    _tuple,
)
from .tables import _did_you_mean, _parse_partial, _read_dirs, _Row


class _FirstRows:
    """The first row of each key in one file: a later row with that key is a problem naming both places."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.where: dict[Any, str] = {}

    def repeated(self, key: Any, where: str, what: str) -> bool:
        """Whether ``key`` came before in this file (then a problem says where); otherwise it is recorded."""
        if key in self.where:
            self.problems.append(f"{where}: duplicate {what} (first at {self.where[key]})")
            return True
        self.where[key] = where
        return False


@attrs.frozen
class _State:
    """What compiling some directories gave, before the Lexicon's indexes: a base the rows of another directory
    are merged over (the bundled lexicon's, kept in memory and on disk, see :func:`_bundled_state`)."""

    countries: dict[str, _Country]
    sources: dict[str, _Source]
    offices: dict[str, Office]
    many: set[str]
    people: dict[str, Person]
    same_as: dict[str, str]
    tenure_rows: dict[tuple[str, str], list[tuple[Tenure, str]]]
    titles: dict[tuple[str, str], _Title]
    cues: dict[tuple[str, str, str], CueWord]
    extra_forms: dict[str, tuple[str, ...]]
    orgs: dict[str, SourceOrg]
    documents: dict[str, tuple[str, ...]]
    organisation_nouns: dict[str, tuple[str, ...]]
    word_lists: dict[str, set[str]]

    def lexicon(self) -> Lexicon:
        return Lexicon(
            people=self.people,
            tenures=_close_open_tenures([t for rows in self.tenure_rows.values() for t, _ in rows], self.many),
            shared_offices=self.many,
            sources=self.sources,
            offices=self.offices,
            titles=self.titles.values(),
            countries=self.countries.values(),
            cues=self.cues.values(),
            cue_extra_forms=self.extra_forms,
            organisations=self.orgs.values(),
            documents=self.documents,
            organisation_nouns=self.organisation_nouns,
            word_lists={name: frozenset(words) for name, words in self.word_lists.items()},
        )


def _compile(dirs: list[Any], base: _State | None = None) -> tuple[_State, list[str]]:
    """The state of directories ``dirs`` merged over ``base`` (the same as compiling base's directories and then
    ``dirs``: each kind's rows of a later directory override the earlier ones), and every problem."""
    problems: list[str] = []
    malformed: dict[str, list[_Row]] = {}
    tables = _read_dirs(dirs, problems, malformed)
    # The keys of rows rejected with a problem: a reference to one is no second problem (the row is reported
    # already; "unknown person" for someone the file has would mislead), though nothing is compiled from it.
    rejected: dict[str, set[str]] = {kind: {r.fields[key] for r in malformed.get(kind, ()) if r.fields[key]}
                                     for kind, key in (("countries", "country"), ("sources", "source"),
                                                       ("office_names", "office"), ("people", "id"))}

    countries: dict[str, _Country] = dict(base.countries) if base else {}
    for rows in tables["countries"]:
        seen = _FirstRows(problems)
        for r in rows:
            f = r.fields
            if not f["country"]:
                problems.append(f"{r.where}: empty country")
                continue
            if seen.repeated(f["country"], r.where, f"country {f['country']!r}"):
                continue
            if f["article"] not in ("", "the"):  # reported, and the country kept: not a reason to reject it
                problems.append(f"{r.where}: article must be 'the' or empty (got {f['article']!r})")
            countries[f["country"]] = _Country(f["country"], f["article"], _tuple(f["adjectives"]), _tuple(f["names"]),
                                               _tuple(f["capitals"]))

    def check_country(value: str, where: str) -> None:
        if value and value not in countries and value not in rejected["countries"]:
            problems.append(f"{where}: unknown country {value!r}{_did_you_mean(value, countries)}; "
                            "add it to countries.tsv")

    sources: dict[str, _Source] = dict(base.sources) if base else {}
    for rows in tables["sources"]:
        seen_sources = _FirstRows(problems)
        for r in rows:
            f = r.fields
            if not f["source"]:
                problems.append(f"{r.where}: empty source")
                continue
            if seen_sources.repeated(f["source"], r.where, f"source {f['source']!r}"):
                continue
            good, day = _parse_partial(f["as_of"], "as_of", r.where, problems)
            if good and day is None:
                problems.append(f"{r.where}: empty as_of; give the date the source was true as of")
            if not good or day is None:
                rejected["sources"].add(f["source"])
                continue
            sources[f["source"]] = _Source(f["source"], day.last, f["licence"], f["attribution"], f["origin"])

    offices: dict[str, Office] = dict(base.offices) if base else {}
    many: set[str] = set(base.many) if base else set()
    for rows in tables["office_names"]:
        seen = _FirstRows(problems)
        for r in rows:
            f = r.fields
            if not f["office"] or not f["role"]:
                problems.append(f"{r.where}: office and role must not be empty")
                if f["office"]:
                    rejected["office_names"].add(f["office"])
                continue
            if seen.repeated(f["office"], r.where, f"office {f['office']!r}"):
                continue
            check_country(f["country"], r.where)
            if f["holders"] not in ("", "one", "many"):
                problems.append(f"{r.where}: holders must be 'one', 'many' or empty (got {f['holders']!r})")
                rejected["office_names"].add(f["office"])
                continue
            offices[f["office"]] = Office(f["office"], f["role"], f["country"] or None)
            if f["holders"] == "many":
                many.add(f["office"])
            else:
                many.discard(f["office"])

    people: dict[str, Person] = dict(base.people) if base else {}
    same_as: dict[str, str] = dict(base.same_as) if base else {}
    for rows in tables["people"]:
        seen = _FirstRows(problems)
        curated = bool(rows) and rows[0].file.endswith(".curated.tsv")
        for r in rows:
            f = r.fields
            pid, name = f["id"], f["name"]
            if not pid or not name:
                problems.append(f"{r.where}: id and name must not be empty")
                if pid:
                    rejected["people"].add(pid)
                continue
            if re.search(r"\s", pid):
                problems.append(f"{r.where}: id {pid!r} contains spaces (use a QID or a slug like 'wang-wenbin')")
                rejected["people"].add(pid)
                continue
            if seen.repeated(pid, r.where, f"id {pid!r}"):
                continue
            order = f["order"] or "western"
            if order not in ORDERS:
                problems.append(f"{r.where}: order must be western or eastern (got {order!r})")
                rejected["people"].add(pid)
                continue
            if f["gender"] not in ("", *GENDERS):
                problems.append(f"{r.where}: gender must be m, f, x or empty (got {f['gender']!r})")
                rejected["people"].add(pid)
                continue
            if curated and not f["source"]:
                problems.append(f"{r.where}: curated row without a source; name where the facts come from")
            check_country(f["country"], r.where)
            family, given = f["family"], f["given"]
            if not family and not given and " " in name:
                family, given = _split_name(name, order)
            aliases = _tuple(f["aliases"])
            if pid in people:  # a later file overrides, keeping the earlier aliases too
                aliases = tuple(dict.fromkeys(aliases + people[pid].aliases + (people[pid].name,)))
                aliases = tuple(a for a in aliases if a != name)
            people[pid] = Person(pid, name, family, given, order, f["gender"], f["country"], aliases)
            for other in _tuple(f["same_as"]):
                if other == pid or re.search(r"\s", other):
                    problems.append(f"{r.where}: same_as {other!r} must be another id, without spaces")
                    continue
                same_as[other] = pid

    for other, pid in same_as.items():  # one person under two ids in the sources: the other id's rows are pid's
        if other in people and pid in people:
            gone = people.pop(other)
            keep = people[pid]
            merged = tuple(a for a in dict.fromkeys(keep.aliases + (gone.name,) + gone.aliases) if a != keep.name)
            people[pid] = attrs.evolve(keep, aliases=merged, gender=keep.gender or gone.gender)

    tenure_rows: dict[tuple[str, str], list[tuple[Tenure, str]]] = dict(base.tenure_rows) if base else {}
    for rows in tables["offices"]:
        curated = bool(rows) and rows[0].file.endswith(".curated.tsv")
        fresh: dict[tuple[str, str], list[tuple[Tenure, str]]] = defaultdict(list)
        seen_rows = _FirstRows(problems)
        for r in rows:
            f = r.fields
            f["person_id"] = same_as.get(f["person_id"], f["person_id"])
            ok = True
            if not f["person_id"]:
                problems.append(f"{r.where}: empty person_id")
                ok = False
            elif f["person_id"] not in people:
                if f["person_id"] not in rejected["people"]:
                    problems.append(f"{r.where}: office held by unknown person {f['person_id']!r}"
                                    f"{_did_you_mean(f['person_id'], people) if len(people) < 20000 else ''}; "
                                    "add the person to people.tsv")
                ok = False
            if f["office"] not in offices:
                if f["office"] not in rejected["office_names"]:
                    problems.append(f"{r.where}: unknown office {f['office']!r}"
                                    f"{_did_you_mean(f['office'], offices)}; add it to office_names.tsv")
                ok = False
            if not f["source"]:
                problems.append(f"{r.where}: empty source; name where the fact comes from")
                ok = False
            if f["start"] == "never":  # the person never held the office: the earlier files' rows for it go
                if f["end"] or not f["office"] or not f["person_id"]:
                    problems.append(f"{r.where}: a 'never' row names a person and an office, and no end")
                elif f["person_id"] in people:
                    fresh.setdefault((f["person_id"], f["office"]), [])
                continue
            good_start, start = _parse_partial(f["start"], "start", r.where, problems)
            good_end, end = _parse_partial(f["end"], "end", r.where, problems)
            good_as_of, as_of = _parse_partial(f["as_of"], "as_of", r.where, problems)
            if start and end and end.last < start.first:
                problems.append(f"{r.where}: end before start ({end} < {start})")
                ok = False
            known = sources.get(_source_key(f["source"]))
            snapshot = as_of.last if as_of else (known.as_of if known else None)
            if ok and curated and end is None and snapshot is None:
                if not f["as_of"] and _source_key(f["source"]) in rejected["sources"]:
                    ok = False  # its source's row has the problem (a bad as_of date), reported already
                else:
                    problems.append(f"{r.where}: open end without an as_of date; give the day the source said "
                                    "the person was still in office")
                    ok = False
            if not (ok and good_start and good_end and good_as_of):
                continue
            key = (f["person_id"], f["office"], f["start"], f["end"])
            if seen_rows.repeated(key, r.where, "row"):
                continue
            office = offices[f["office"]]
            tenure = Tenure(f["person_id"], office.name, office.role, office.country or "", start, end, f["source"],
                            snapshot)
            fresh[(f["person_id"], f["office"])].append((tenure, r.where))
        tenure_rows.update(fresh)  # a later file's rows for (person, office) replace the earlier ones

    titles: dict[tuple[str, str], _Title] = dict(base.titles) if base else {}
    for rows in tables["titles"]:
        seen_titles = _FirstRows(problems)
        for r in rows:
            f = r.fields
            if not f["surface"]:
                problems.append(f"{r.where}: empty surface")
                continue
            if f["kind"] not in TITLE_KINDS:
                problems.append(f"{r.where}: kind must be title or honorific (got {f['kind']!r})")
                continue
            if f["kind"] == "title" and not f["role"]:
                problems.append(f"{r.where}: a title needs a role")
                continue
            k = (" ".join(_title_tokens(f["surface"])), f["role"])
            if seen_titles.repeated(k, r.where, f"title {f['surface']!r} -> {f['role']!r}"):
                continue
            check_country(f["country"], r.where)
            if f["office"] and "{country}" not in f["office"] and f["office"] not in offices:
                if f["office"] not in rejected["office_names"]:
                    problems.append(f"{r.where}: unknown office {f['office']!r}"
                                    f"{_did_you_mean(f['office'], offices)}")
                continue
            titles[k] = _Title(f["surface"], f["role"], f["kind"], f["country"], f["office"])

    cues: dict[tuple[str, str, str], CueWord] = dict(base.cues) if base else {}
    extra_forms: dict[str, tuple[str, ...]] = dict(base.extra_forms) if base else {}
    for rows in tables["cues"]:
        seen_cues = _FirstRows(problems)
        for r in rows:
            f = r.fields
            if not f["lemma"]:
                problems.append(f"{r.where}: empty lemma")
                continue
            if f["class"] not in CUE_CLASSES:
                problems.append(f"{r.where}: class must be one of {', '.join(CUE_CLASSES)} (got {f['class']!r})")
                continue
            if f["pos"] not in CUE_POS:
                problems.append(f"{r.where}: pos must be one of {', '.join(CUE_POS)} (got {f['pos']!r})")
                continue
            ck = (f["lemma"].casefold(), f["pos"], f["particle"].casefold())
            if seen_cues.repeated(ck, r.where, f"cue {f['lemma']!r}"):
                continue
            cue = CueWord(f["lemma"].casefold(), f["class"], f["pos"], f["particle"].casefold())
            cues[ck] = cue
            extra_forms[cue.key + "/" + cue.pos] = _tuple(f["forms"].casefold())

    orgs: dict[str, SourceOrg] = dict(base.orgs) if base else {}
    for rows in tables["organisations"]:
        seen = _FirstRows(problems)
        for r in rows:
            f = r.fields
            if not f["name"]:
                problems.append(f"{r.where}: empty name")
                continue
            if seen.repeated(f["name"], r.where, f"organisation {f['name']!r}"):
                continue
            check_country(f["country"], r.where)
            orgs[f["name"]] = SourceOrg(f["name"], _tuple(f["aliases"]), f["country"])

    def nouns(kind: str, what: str, start: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = dict(start)
        for rows in tables[kind]:
            seen = _FirstRows(problems)
            for r in rows:
                f = r.fields
                noun = f["noun"].casefold()
                if not noun or " " in noun:
                    problems.append(f"{r.where}: {what} noun is one word (got {f['noun']!r})")
                    continue
                if seen.repeated(noun, r.where, f"{what.split()[-1]} noun {noun!r}"):
                    continue
                out[noun] = _tuple(f["forms"].casefold())
        return out

    documents = nouns("documents", "a document", base.documents if base else {})
    organisation_nouns = nouns("organisation_nouns", "an organisation", base.organisation_nouns if base else {})

    word_lists: dict[str, set[str]] = {name: set(base.word_lists.get(name, ())) if base else set()
                                       for name in WORD_LISTS}
    for rows in tables["word_lists"]:
        seen_words = _FirstRows(problems)
        for r in rows:
            f = r.fields
            if f["list"] not in WORD_LISTS:
                problems.append(f"{r.where}: unknown word list {f['list']!r}{_did_you_mean(f['list'], WORD_LISTS)}")
                continue
            word = f["word"].strip()
            if not word or word != word.casefold():
                problems.append(f"{r.where}: a word list holds lower-case words (got {f['word']!r})")
                continue
            if seen_words.repeated((f["list"], word), r.where, f"{f['list']} word {word!r}"):
                continue
            word_lists[f["list"]].add(word)

    if same_as:  # a same_as of a later directory also moves the tenures read before it
        for pair in [k for k in tenure_rows if k[0] in same_as]:
            moved = [(attrs.evolve(t, person_id=same_as[pair[0]]), w) for t, w in tenure_rows.pop(pair)]
            tenure_rows.setdefault((same_as[pair[0]], pair[1]), []).extend(moved)
    state = _State(countries, sources, offices, many, people, same_as, tenure_rows, titles, cues, extra_forms, orgs,
                   documents, organisation_nouns, word_lists)
    return state, problems


def _source_key(source: str) -> str:
    """The source file a tenure's source names: ``france-cabinet.csv:5`` -> ``france-cabinet.csv``."""
    return re.sub(r":\d+$", "", source.strip())


def _close_open_tenures(tenures: list[Tenure], many: set[str]) -> list[Tenure]:
    """Close each open tenure of an office one person holds at a time at the next holder's start, when the
    tenure's own source did not know of that start (its snapshot is earlier): the day before a start given to
    the day, else at the start itself (``2025``: sometime that year). An end after the snapshot (a scheduled
    end of term) counts as open."""
    by_office: dict[str, list[Tenure]] = defaultdict(list)
    for t in tenures:
        by_office[t.office].append(t)
    out: list[Tenure] = []
    for office, group in by_office.items():
        if office in many or len(group) < 2:
            out.extend(group)
            continue
        group.sort(key=lambda t: (t.first_day, t.last_day, t.person_id))
        for i, t in enumerate(group):
            open_end = t.end is None or (t.as_of is not None and t.last_day > t.as_of)
            if not open_end or t.start is None:
                out.append(t)
                continue
            nxt = next((u for u in group[i + 1:] if u.person_id != t.person_id and u.start is not None
                        and u.first_day > t.first_day and u.first_day <= t.last_day), None)
            if nxt is None or nxt.start is None or (t.as_of is not None and t.as_of >= nxt.first_day):
                out.append(t)
                continue
            if nxt.start.day is not None:
                before = nxt.first_day - _dt.timedelta(days=1)
                end = PartialDate(before.year, before.month, before.day)
            else:
                end = nxt.start
            if t.start is not None and end.last < t.first_day:
                end = t.start
            out.append(attrs.evolve(t, end=end, closed_by=nxt.evidence))
    return out


def _bundled_dir() -> Any:
    try:
        found = importlib.resources.files("quotes.lexicons")
        if found.joinpath("people.curated.tsv").is_file():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "lexicons"  # a source checkout: lexicons/ beside the package


CACHE_FORMAT = "1"
"""Part of the key of every compiled lexicon kept on disk: raise it when what is stored changes."""

_CACHE_OFF = {"", "0", "off", "no", "none", "false"}
_MEMO: dict[str, Any] = {}  # in this process: compiled states and lexicons by content key


def _tsv_files(directory: Any) -> list[Any]:
    return sorted((e for e in directory.iterdir() if e.name.endswith(".tsv")), key=lambda e: e.name)


def _content_key(*dirs: Any) -> str:
    """A hash of the lexicon files of ``dirs`` (names and bytes), of the lexicon package's code and of its cache
    format: a change to any of them compiles the lexicon afresh."""
    h = hashlib.sha256(f"{CACHE_FORMAT}|{sys.version_info[:2]}|{attrs.__version__}".encode())
    for code in sorted(Path(__file__).parent.glob("*.py")):  # the code that compiles and indexes it
        h.update(code.read_bytes())
    for directory in dirs:
        for entry in _tsv_files(directory):
            data = entry.read_bytes()
            h.update(f"|{entry.name}|{len(data)}|".encode())
            h.update(data)
    return h.hexdigest()[:32]


def _cache_dir() -> Path | None:
    """Where compiled lexicons are kept between runs: ``QUOTES_CACHE`` (``off`` for nowhere), else the user's
    cache directory (``~/.cache/quotes``)."""
    value = os.environ.get("QUOTES_CACHE")
    if value is not None:
        return None if value.strip().lower() in _CACHE_OFF else Path(value).expanduser()
    return default_directory()


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: reading or compiling a lexicon makes some 200,000 objects and no
    garbage, and each collection on the way would walk all of them (several times slower)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _cached(kind: str, key: str, make: Any, *, in_memory: str = "object") -> Any:
    """The object ``make()`` builds, remembered in this process and pickled in the cache directory (a damaged,
    unreadable or unwritable cache is never a reason to fail: it is rebuilt, or not kept). ``in_memory="pickled"``
    remembers it in this process as its pickle (a fresh copy each call: for what is asked for seldom, such as the
    compiled state an extra lexicon directory is merged over, a twentieth of the memory of its objects)."""
    memo_key = f"{kind}-{key}"
    if memo_key in _MEMO:
        kept = _MEMO[memo_key]
        if in_memory == "pickled":
            with _no_gc():
                return pickle.loads(zlib.decompress(kept))
        return kept
    directory = _cache_dir()
    path = directory / f"lexicon-{memo_key}.pickle" if directory is not None else None
    value = data = None
    if path is not None and path.is_file():
        with contextlib.suppress(Exception), _no_gc(), path.open("rb") as f:  # any damage: rebuild
            value = pickle.load(f)
    if value is None:
        with _no_gc():
            value = make()
            try:
                data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, TypeError, AttributeError):  # kept as built, in this process only
                data = None
        if data is not None:
            # read back from its pickle, compiling's own objects all gone: laid out afresh, the records kept take
            # their own pages instead of holes among the freed ones (a compiled lexicon 50 MB smaller resident)
            value = None
            gc.collect()
            with _no_gc():
                value = pickle.loads(data)
        if path is not None and data is not None:
            with contextlib.suppress(OSError):
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
                try:
                    tmp.write_bytes(data)
                    os.replace(tmp, path)
                finally:
                    tmp.unlink(missing_ok=True)
                for old in path.parent.glob(f"lexicon-{kind}-*.pickle"):  # the bundled lexicon's former versions
                    if old != path:
                        old.unlink(missing_ok=True)
    if len(_MEMO) > 16:
        _MEMO.clear()
    if in_memory == "pickled" and data is None:
        with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError):
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if in_memory == "pickled" and data is not None:
        _MEMO[memo_key] = zlib.compress(data, 1)
    else:
        _MEMO[memo_key] = value
    return value


def _bundled_state() -> _State:
    """The bundled lexicon's compiled state (LexiconError if its files are bad)."""
    bundled = _bundled_dir()

    def make() -> _State:
        state, problems = _compile([bundled])
        if problems:
            raise LexiconError(problems)
        return state

    return _cached("state", _content_key(bundled), make, in_memory="pickled")


def _from_dirs(dirs: list[Any]) -> Lexicon:
    """The lexicon of ``dirs`` (later ones merged over earlier ones): the bundled directory first is read from
    its compiled state; a bundled lexicon alone is kept whole."""
    if dirs and _same_dir(dirs[0], _bundled_dir()):
        rest = dirs[1:]
        if not rest:
            return _cached("lexicon", _content_key(dirs[0]), lambda: _prepared(_bundled_state().lexicon()))
        state, problems = _compile(rest, base=_bundled_state())
    else:
        state, problems = _compile(dirs)
    if problems:
        raise LexiconError(problems)
    return state.lexicon()


def _prepared(lexicon: Lexicon) -> Lexicon:
    lexicon.candidates("")  # builds the name index, so that the lexicon kept on disk has it
    return lexicon


def load_lexicon(extra: str | Path | None = None) -> Lexicon:
    """The bundled lexicon, with the files of directory ``extra`` merged over it; LexiconError if any is bad.

    The bundled lexicon is compiled once and kept: in this process, and pickled in the cache directory
    (``QUOTES_CACHE``, else ``~/.cache/quotes``; ``QUOTES_CACHE=off`` keeps it in memory only), under a hash
    of its files, so a fresh process loads it in a fraction of a second. The same lexicon object may be
    returned by several calls (it is immutable). An :class:`quotes.engine.Engine` loads its lexicon once.

    >>> lex = load_lexicon()
    >>> lex.person("Q701801").name
    'Wang Yi'
    """
    if extra is None:
        return _from_dirs([_bundled_dir()])
    return _from_dirs([_bundled_dir(), Path(extra)])


def check_lexicon_dir(path: str | Path) -> list[str]:
    """Problems of lexicon directory ``path`` merged over the bundled lexicon, as ``file:line: message``.

    >>> check_lexicon_dir(_bundled_dir())
    []
    """
    directory = path if not isinstance(path, str) else Path(path)
    if _same_dir(directory, _bundled_dir()):
        _, problems = _compile([directory])
        return problems
    try:
        base = _bundled_state()
    except LexiconError as exc:
        return list(exc.problems)
    _, problems = _compile([directory], base=base)
    return problems


def _same_dir(a: Any, b: Any) -> bool:
    try:
        return Path(str(a)).resolve() == Path(str(b)).resolve()
    except (OSError, ValueError):
        return False
