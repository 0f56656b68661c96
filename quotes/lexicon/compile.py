"""Compiling lexicon directories (bundled, user overlays) into a :class:`Lexicon`, and checking one."""

from __future__ import annotations

import importlib.resources
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

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
    _Title,
    _tuple,
)
from .tables import _did_you_mean, _parse_partial, _read_dirs


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


def _compile(dirs: list[Any]) -> tuple[Lexicon, list[str]]:
    problems: list[str] = []
    tables = _read_dirs(dirs, problems)

    countries: dict[str, _Country] = {}
    for rows in tables["countries"]:
        seen = _FirstRows(problems)
        for r in rows:
            f = r.fields
            if not f["country"]:
                problems.append(f"{r.where}: empty country")
                continue
            if seen.repeated(f["country"], r.where, f"country {f['country']!r}"):
                continue
            if f["article"] not in ("", "the"):
                problems.append(f"{r.where}: article must be 'the' or empty (got {f['article']!r})")
            countries[f["country"]] = _Country(f["country"], f["article"], _tuple(f["adjectives"]), _tuple(f["names"]),
                                               _tuple(f["capitals"]))

    def check_country(value: str, where: str) -> None:
        if value and value not in countries:
            problems.append(f"{where}: unknown country {value!r}{_did_you_mean(value, countries)}; "
                            "add it to countries.tsv")

    offices: dict[str, Office] = {}
    for rows in tables["office_names"]:
        seen = _FirstRows(problems)
        for r in rows:
            f = r.fields
            if not f["office"] or not f["role"]:
                problems.append(f"{r.where}: office and role must not be empty")
                continue
            if seen.repeated(f["office"], r.where, f"office {f['office']!r}"):
                continue
            check_country(f["country"], r.where)
            offices[f["office"]] = Office(f["office"], f["role"], f["country"] or None)

    people: dict[str, Person] = {}
    for rows in tables["people"]:
        seen = _FirstRows(problems)
        curated = bool(rows) and rows[0].file.endswith(".curated.tsv")
        for r in rows:
            f = r.fields
            pid, name = f["id"], f["name"]
            if not pid or not name:
                problems.append(f"{r.where}: id and name must not be empty")
                continue
            if re.search(r"\s", pid):
                problems.append(f"{r.where}: id {pid!r} contains spaces (use a QID or a slug like 'wang-wenbin')")
                continue
            if seen.repeated(pid, r.where, f"id {pid!r}"):
                continue
            order = f["order"] or "western"
            if order not in ORDERS:
                problems.append(f"{r.where}: order must be western or eastern (got {order!r})")
                continue
            if f["gender"] not in ("", *GENDERS):
                problems.append(f"{r.where}: gender must be m, f, x or empty (got {f['gender']!r})")
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

    tenure_rows: dict[tuple[str, str], list[tuple[Tenure, str]]] = {}
    for rows in tables["offices"]:
        fresh: dict[tuple[str, str], list[tuple[Tenure, str]]] = defaultdict(list)
        seen_rows = _FirstRows(problems)
        for r in rows:
            f = r.fields
            ok = True
            if not f["person_id"]:
                problems.append(f"{r.where}: empty person_id")
                ok = False
            elif f["person_id"] not in people:
                problems.append(f"{r.where}: office held by unknown person {f['person_id']!r}"
                                f"{_did_you_mean(f['person_id'], people) if len(people) < 20000 else ''}; "
                                "add the person to people.tsv")
                ok = False
            if f["office"] not in offices:
                problems.append(f"{r.where}: unknown office {f['office']!r}{_did_you_mean(f['office'], offices)}; "
                                "add it to office_names.tsv")
                ok = False
            if not f["source"]:
                problems.append(f"{r.where}: empty source; name where the fact comes from")
                ok = False
            good_start, start = _parse_partial(f["start"], "start", r.where, problems)
            good_end, end = _parse_partial(f["end"], "end", r.where, problems)
            if start and end and end.last < start.first:
                problems.append(f"{r.where}: end before start ({end} < {start})")
                ok = False
            if not (ok and good_start and good_end):
                continue
            key = (f["person_id"], f["office"], f["start"], f["end"])
            if seen_rows.repeated(key, r.where, "row"):
                continue
            office = offices[f["office"]]
            tenure = Tenure(f["person_id"], office.name, office.role, office.country or "", start, end, f["source"])
            fresh[(f["person_id"], f["office"])].append((tenure, r.where))
        tenure_rows.update(fresh)  # a later file's rows for (person, office) replace the earlier ones

    titles: dict[tuple[str, str], _Title] = {}
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
                problems.append(f"{r.where}: unknown office {f['office']!r}{_did_you_mean(f['office'], offices)}")
                continue
            titles[k] = _Title(f["surface"], f["role"], f["kind"], f["country"], f["office"])

    cues: dict[tuple[str, str, str], CueWord] = {}
    extra_forms: dict[str, tuple[str, ...]] = {}
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

    orgs: dict[str, SourceOrg] = {}
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

    def nouns(kind: str, what: str) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
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

    documents = nouns("documents", "a document")
    organisation_nouns = nouns("organisation_nouns", "an organisation")

    word_lists: dict[str, set[str]] = {name: set() for name in WORD_LISTS}
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

    lexicon = Lexicon(
        people=people,
        tenures=[t for rows in tenure_rows.values() for t, _ in rows],
        offices=offices,
        titles=titles.values(),
        countries=countries.values(),
        cues=cues.values(),
        cue_extra_forms=extra_forms,
        organisations=orgs.values(),
        documents=documents,
        organisation_nouns=organisation_nouns,
        word_lists={name: frozenset(words) for name, words in word_lists.items()},
    )
    return lexicon, problems


def _bundled_dir() -> Any:
    try:
        found = importlib.resources.files("quotes.lexicons")
        if found.joinpath("people.curated.tsv").is_file():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "lexicons"  # a source checkout: lexicons/ beside the package


def load_lexicon(extra: str | Path | None = None) -> Lexicon:
    """The bundled lexicon, with the files of directory ``extra`` merged over it; LexiconError if any is bad.

    Each call reads the files (about 0.1 s for the bundled ones); an :class:`quotes.engine.Engine` reads its
    lexicon once and keeps it, so load one yourself only to pass it on.

    >>> lex = load_lexicon()
    >>> lex.person("Q701801").name
    'Wang Yi'
    """
    if extra is None:
        return Lexicon.from_dirs(_bundled_dir())
    return Lexicon.from_dirs(_bundled_dir(), Path(extra))


def check_lexicon_dir(path: str | Path) -> list[str]:
    """Problems of lexicon directory ``path`` merged over the bundled lexicon, as ``file:line: message``.

    >>> check_lexicon_dir(_bundled_dir())
    []
    """
    directory = path if not isinstance(path, str) else Path(path)
    dirs = [directory] if _same_dir(directory, _bundled_dir()) else [_bundled_dir(), directory]
    _, problems = _compile(dirs)
    return problems


def _same_dir(a: Any, b: Any) -> bool:
    try:
        return Path(str(a)).resolve() == Path(str(b)).resolve()
    except (OSError, ValueError):
        return False
