"""The role lexicon: people, the offices they held and when, titles, reporting cues, source organisations.

The data are plain TSV files (see ``lexicons/README.md``). ``load_lexicon()`` reads the bundled ones once;
every problem in every file is reported at once as ``file:line: message``.

>>> lex = load_lexicon()
>>> import datetime
>>> [c.person.name for c in lex.candidates("Foreign Minister Wang Yi")][:1]
['Wang Yi']
>>> [t.person_id for t in lex.holders("President of Ukraine", as_of=datetime.date(2022, 3, 1))]
['Q3874799']
>>> lex.title_office("Ukrainian President")
Office(name='President of Ukraine', role='President', country='Ukraine')
"""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import functools
import importlib.resources
import re
import types
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from .dates import PartialDate
from .errors import LexiconError

try:  # optional: faster, better fuzzy matching of misspelt names
    from rapidfuzz import fuzz as _fuzz
    from rapidfuzz import process as _process
except ImportError:  # pragma: no cover
    _fuzz = _process = None

__all__ = [
    "Candidate", "CueWord", "Lexicon", "Office", "Person", "SourceOrg", "Tenure", "check_lexicon_dir",
    "import_office_holders", "load_lexicon",
]

ORDERS = ("western", "eastern")
GENDERS = ("m", "f", "x")
CUE_CLASSES = ("speech", "writing", "thought", "according-to")
CUE_POS = ("verb", "noun", "phrase")
TITLE_KINDS = ("title", "honorific")

# Scores of candidates (see Lexicon.candidates).
SCORE_NAME = 1.0
SCORE_REVERSED = 0.9
SCORE_FAMILY = 0.6
FACTOR_NOT_IN_OFFICE = 0.9
FACTOR_TITLE_MISMATCH = 0.85
FACTOR_GENDER_MISMATCH = 0.5
FACTOR_FUZZY = 0.85


# ---------------------------------------------------------------------------------------------- records

def _tuple(value: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(a.strip() for a in value.split("|") if a.strip())
    return tuple(value)


@attrs.frozen
class Person:
    """Someone who may be quoted: a name with its variants, and what pronoun resolution needs."""

    id: str
    """Wikidata QID where known (``Q701801``), else a stable slug (``wang-wenbin``)."""
    name: str
    """Canonical name as newsrooms write it (``Wang Yi``, ``Sergey Lavrov``)."""
    family: str = ""
    """Family name (``Wang``, ``Lavrov``); empty when there is none (``Pope Francis``)."""
    given: str = ""
    """Given name(s) (``Yi``, ``Sergey``)."""
    order: str = "western"
    """``western`` (given name first) or ``eastern`` (family name first: Chinese and Korean names)."""
    gender: str = ""
    """``m``, ``f``, ``x`` or empty when unknown (for pronoun resolution)."""
    country: str = ""
    """Country or organisation the person speaks for (``China``, ``European Union``)."""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    """Other full names, spellings and transliterations (``Sergei Lavrov``, ``Zelensky``, ``President Xi``)."""


@attrs.frozen
class Tenure:
    """One stretch of one person in one office. Both ends count as in office (on a handover day both do)."""

    person_id: str
    """Lexicon id of the holder."""
    office: str
    """Canonical office (``Foreign Minister of China``)."""
    role: str
    """The office's role (``Foreign Minister``)."""
    country: str
    """The office's country or organisation (``China``)."""
    start: PartialDate | None
    """First day in office, to day, month or year precision; None when unknown (held since ever)."""
    end: PartialDate | None
    """Last day in office at the same precisions; None when still in office."""
    source: str
    """Where the fact comes from (``Wikidata Q701801``, ``fmprc.gov.cn``, a generated file's source name)."""

    @property
    def first_day(self) -> _dt.date:
        """The first day the tenure counts from (``2022-03`` counts from 2022-03-01)."""
        return self.start.first if self.start else _dt.date.min

    @property
    def last_day(self) -> _dt.date:
        """The last day the tenure counts to (``2022`` counts to 2022-12-31); ``date.max`` if open."""
        return self.end.last if self.end else _dt.date.max

    def held_on(self, day: _dt.date) -> bool:
        """Whether the office was held on ``day``, both ends included.

        >>> t = Tenure("p", "Pope", "Pope", "Holy See", PartialDate(2013, 3), PartialDate(2025), "x")
        >>> t.held_on(_dt.date(2013, 3, 1)), t.held_on(_dt.date(2025, 12, 31)), t.held_on(_dt.date(2026, 1, 1))
        (True, True, False)
        """
        return self.first_day <= day <= self.last_day


@attrs.frozen
class Office:
    """An office as a title denotes it: canonical name, role and country (None when the title names none)."""

    name: str
    """Canonical office (``President of Ukraine``), or the role itself when no country is known."""
    role: str
    """The role (``President``, ``Foreign Minister``, ``Spokesperson``)."""
    country: str | None = None
    """Country or organisation, or None when the title names none."""


@attrs.frozen
class Candidate:
    """A person a mention may refer to, with how well it matches."""

    person: Person
    """The person."""
    score: float
    """0..1: 1.0 for an exact full name or alias, lower for a family name alone, a misspelling, or someone
    not in office at the date asked about."""
    matched: str
    """The lexicon form that matched (the name, an alias or the family name, as the lexicon writes it)."""


@attrs.frozen
class CueWord:
    """A reporting word: a verb (``say``, ``call on``), a noun (``statement``) or a phrase (``according to``)."""

    lemma: str
    """Lemma without its particle (``call``, ``say``, ``statement``, ``according``)."""
    cls: str
    """``speech``, ``writing``, ``thought`` or ``according-to``."""
    pos: str
    """``verb``, ``noun`` or ``phrase``."""
    particle: str = ""
    """Particle that belongs to the cue (``on`` in *call on*), or empty."""

    @property
    def key(self) -> str:
        """Lemma with particle, as quotes report it (``call on``, ``according to``)."""
        return f"{self.lemma} {self.particle}" if self.particle else self.lemma


@attrs.frozen
class SourceOrg:
    """An organisation that speaks as a source (``Xinhua``, ``the Kremlin``, ``state media``)."""

    name: str
    """Canonical name."""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    """Other ways articles name it."""
    country: str = ""
    """Country or organisation it speaks for."""


@attrs.frozen
class _Title:
    surface: str
    role: str
    kind: str
    country: str
    office: str


@attrs.frozen
class _Country:
    name: str
    article: str
    adjectives: tuple[str, ...]
    names: tuple[str, ...]
    capitals: tuple[str, ...]

    @property
    def display(self) -> str:
        return f"{self.article} {self.name}" if self.article else self.name


# ------------------------------------------------------------------------------------------ normalising

_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "æ": "ae", "ı": "i", "ß": "ss",
                       "’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'"})


@functools.lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    """Case-, diacritics- and punctuation-insensitive form: ``Zelenskyy’s`` -> ``zelenskyy``."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # U.S. -> US
    text = re.sub(r"[^\w\s']", " ", text)
    tokens = []
    for token in text.split():
        token = token.strip("'")
        if token.endswith("'s"):
            token = token[:-2]
        if token:
            tokens.append(token)
    return " ".join(tokens)


_ARTICLES = frozenset({"the", "a", "an"})
# Words that may stand between a title and a name and are never part of one ("Chinese counterpart Xi Jinping").
_DESCRIPTIVE = frozenset(
    "the a an former then ex acting late of for and to s deputy vice chief senior top head interim outgoing incoming "
    "new his her their its our your my counterpart counterparts colleague leader official diplomat analyst lawmaker "
    "senator general commander boss ally rival predecessor successor strongman autocrat dictator veteran".split()
)


def _title_tokens(text: str) -> list[str]:
    return [t for t in _norm(text).split() if t not in _ARTICLES]


NAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "del", "della", "des", "du", "la", "le", "bin",
                            "ibn", "al", "el", "ter", "ten", "zu", "dos", "das", "st"})
"""Lower-case words inside a personal name (``Ursula von der Leyen``), part of the family name."""
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _split_name(name: str, order: str = "western") -> tuple[str, str]:
    """(family, given) of a name written in its usual order.

    >>> _split_name("Ursula von der Leyen")
    ('von der Leyen', 'Ursula')
    >>> _split_name("Wang Wenbin", "eastern")
    ('Wang', 'Wenbin')
    """
    name = name.split(",")[0].strip()
    tokens = name.split()
    if not tokens:
        return "", ""
    if len(tokens) == 1:
        return tokens[0], ""
    if order == "eastern":
        return tokens[0], " ".join(tokens[1:])
    while len(tokens) > 2 and tokens[-1].lower().strip(",") in _SUFFIXES:
        tokens = tokens[:-1]
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in NAME_PARTICLES:
        i -= 1
    return " ".join(tokens[i:]), " ".join(tokens[:i])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _norm(text)).strip("-")


_VOWELS = "aeiou"


def _verb_forms(lemma: str) -> set[str]:
    """Regular inflections of a verb (over-generating is harmless: they feed a prefilter)."""
    forms = {lemma}
    if re.search(r"(s|x|z|ch|sh)$", lemma):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.add(lemma + "d")
        forms.add(lemma + "ing" if lemma.endswith("ee") else lemma[:-1] + "ing")
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        forms.add(lemma[:-1] + "ied")
        forms.add(lemma + "ing")
    else:
        forms.add(lemma + "ed")
        forms.add(lemma + "ing")
        if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lemma):
            forms.add(lemma + lemma[-1] + "ed")
            forms.add(lemma + lemma[-1] + "ing")
    return forms


def _noun_index(nouns: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Every form of every noun (regular plurals generated, extra forms as listed) -> the noun."""
    index: dict[str, str] = {}
    for noun, extra in nouns.items():
        for form in _noun_forms(noun) | set(extra):
            index.setdefault(_norm(form), noun)
    return index


def _noun_forms(word: str) -> set[str]:
    if " " in word or word.endswith("s"):
        return {word}
    if word.endswith(("x", "ch", "sh")):
        return {word, word + "es"}
    return {word, word + "s"}


# ------------------------------------------------------------------------------------------ reading TSV

@attrs.frozen
class _Spec:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


KINDS: dict[str, _Spec] = {
    "countries": _Spec(("country",), ("article", "adjectives", "names", "capitals")),
    "office_names": _Spec(("office", "role", "country")),
    "people": _Spec(("id", "name"), ("family", "given", "order", "gender", "country", "aliases", "source")),
    "offices": _Spec(("person_id", "office", "start", "end", "source")),
    "titles": _Spec(("surface", "role", "kind"), ("country", "office")),
    "cues": _Spec(("lemma", "class", "pos"), ("particle", "forms")),
    "organisations": _Spec(("name",), ("aliases", "country")),
    "documents": _Spec(("noun",), ("forms",)),
    "organisation_nouns": _Spec(("noun",), ("forms",)),
}
LAYERS = ("generated", "", "curated")  # people.generated.tsv, people.tsv, people.curated.tsv: later ones win


@attrs.frozen
class _Row:
    where: str  # "dir/file.tsv:12"
    fields: dict[str, str]
    file: str


def _file_name(kind: str, layer: str) -> str:
    return f"{kind}.{layer}.tsv" if layer else f"{kind}.tsv"


def _read_tsv(data: bytes, label: str, spec: _Spec, problems: list[str]) -> list[_Row]:
    """Rows of one file as dicts, with ``label:line``; problems are appended, bad rows skipped."""
    rows: list[_Row] = []
    header: list[str] | None = None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{label}:{number}: not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
                            "save the file as UTF-8")
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            unknown = [c for c in cells if c not in spec.columns]
            missing = [c for c in spec.required if c not in cells]
            for c in unknown:
                close = difflib.get_close_matches(c, spec.columns, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (expected {', '.join(spec.columns)})"
                problems.append(f"{label}:{number}: unknown column {c!r}{hint}")
            for c in missing:
                problems.append(f"{label}:{number}: missing column {c!r}")
            dupes = {c for c in cells if cells.count(c) > 1}
            for c in sorted(dupes):
                problems.append(f"{label}:{number}: column {c!r} appears twice")
            if unknown or missing or dupes:
                return rows
            continue
        if len(cells) != len(header):
            problems.append(f"{label}:{number}: {len(cells)} columns, expected {len(header)} "
                            f"({', '.join(header)}); separate columns with one tab")
            continue
        fields = {c: "" for c in spec.columns}
        fields.update(zip(header, cells))
        rows.append(_Row(f"{label}:{number}", fields, label))
    if header is None:
        problems.append(f"{label}:1: no header line (expected {chr(9).join(spec.required)})")
    return rows


def _dir_label(directory: Any) -> str:
    return getattr(directory, "name", None) or str(directory)


def _read_dirs(dirs: list[Any], problems: list[str]) -> dict[str, list[list[_Row]]]:
    """For each kind, the row lists of its files in override order (bundled before extra, generated first)."""
    tables: dict[str, list[list[_Row]]] = {kind: [] for kind in KINDS}
    known = {_file_name(k, layer) for k in KINDS for layer in LAYERS}
    for directory in dirs:
        label = _dir_label(directory)
        if not directory.is_dir():
            problems.append(f"{label}: not a directory")
            continue
        for entry in sorted(directory.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".tsv") and entry.name not in known:
                close = difflib.get_close_matches(entry.name, sorted(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(f"{label}/{entry.name}:1: unknown lexicon file{hint}")
        for kind, spec in KINDS.items():
            for layer in LAYERS:
                name = _file_name(kind, layer)
                entry = directory.joinpath(name)
                if not entry.is_file():
                    continue
                rows = _read_tsv(entry.read_bytes(), f"{label}/{name}", spec, problems)
                tables[kind].append(rows)
    return tables


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _parse_partial(text: str, column: str, where: str, problems: list[str]) -> tuple[bool, PartialDate | None]:
    if not text:
        return True, None
    try:
        return True, PartialDate.parse(text)
    except ValueError as exc:
        problems.append(f"{where}: bad {column} date {text!r}: {exc}")
        return False, None


# ---------------------------------------------------------------------------------------------- lexicon

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
    ) -> None:
        self._people = dict(people)
        self.people: Mapping[str, Person] = types.MappingProxyType(self._people)
        """Every person by id."""
        self.tenures: tuple[Tenure, ...] = tuple(sorted(tenures, key=lambda t: (t.person_id, t.first_day, t.office)))
        """Every tenure, by person then start."""
        self.offices: Mapping[str, Office] = types.MappingProxyType(dict(offices))
        """Every known office by canonical name."""
        self._by_person: dict[str, list[Tenure]] = defaultdict(list)
        self._by_office: dict[str, list[Tenure]] = defaultdict(list)
        self._by_role: dict[str, list[Tenure]] = defaultdict(list)
        for t in self.tenures:
            self._by_person[t.person_id].append(t)
            self._by_office[t.office].append(t)
            self._by_role[t.role.casefold()].append(t)
        self._office_keys = {_norm(name): o for name, o in self.offices.items()}
        self._offices_by_role: dict[tuple[str, str], list[Office]] = defaultdict(list)
        for o in self.offices.values():
            self._offices_by_role[(o.role.casefold(), o.country or "")].append(o)
        self._roles = {o.role.casefold(): o.role for o in self.offices.values()}
        self._titles: dict[str, list[_Title]] = defaultdict(list)
        self._honorifics: dict[str, str] = {}
        for t in titles:
            key = " ".join(_title_tokens(t.surface))
            if t.kind == "honorific":
                self._honorifics[key] = t.role
            else:
                self._titles[key].append(t)
                self._roles.setdefault(t.role.casefold(), t.role)
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

    # ------------------------------------------------------------------------------------ loading

    @classmethod
    def from_dirs(cls, *dirs: str | Path | Any) -> "Lexicon":
        """The lexicon of the given directories, later ones merged over earlier ones; LexiconError if bad."""
        lexicon, problems = _compile([Path(d) if isinstance(d, str) else d for d in dirs])
        if problems:
            raise LexiconError(problems)
        return lexicon

    def __repr__(self) -> str:
        return f"<Lexicon: {len(self._people)} people, {len(self.tenures)} tenures, {len(self.offices)} offices>"

    # ------------------------------------------------------------------------------------ people

    def person(self, id: str) -> Person:
        """The person with this id; KeyError if there is none.

        >>> load_lexicon().person("Q7747").name
        'Vladimir Putin'
        """
        try:
            return self._people[id]
        except KeyError:
            raise KeyError(f"no person with id {id!r} in the lexicon") from None

    @functools.cached_property
    def _name_index(self) -> tuple[dict[str, list[tuple[str, float, str]]], list[str]]:
        index: dict[str, list[tuple[str, float, str]]] = defaultdict(list)

        def add(key_text: str, pid: str, score: float, matched: str) -> None:
            key = _norm(key_text)
            if not key:
                return
            entries = index[key]
            for i, (other, s, _) in enumerate(entries):
                if other == pid:
                    if score > s:
                        entries[i] = (pid, score, matched)
                    return
            entries.append((pid, score, matched))

        for p in self._people.values():
            add(p.name, p.id, SCORE_NAME, p.name)
            for alias in p.aliases:
                add(alias, p.id, SCORE_NAME, alias)
            if p.family:
                add(p.family, p.id, SCORE_FAMILY, p.family)
                if p.given and p.order == "eastern":
                    add(f"{p.given} {p.family}", p.id, SCORE_REVERSED, f"{p.given} {p.family}")
                elif p.given:
                    add(f"{p.given.split()[0]} {p.family}", p.id, SCORE_NAME, f"{p.given.split()[0]} {p.family}")
        return dict(index), sorted(index)

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
        hits: list[tuple[str, float, str]] = []
        i = 0
        while i < len(tokens):
            hits = index.get(" ".join(tokens[i:]), [])
            if hits or not self._strippable(tokens[i]):
                break
            i += 1
        prefix, rest = tokens[:i], tokens[i:]
        if not rest:
            return ()
        if not hits:
            hits = self._fuzzy(" ".join(rest), index, keys)
        if not hits:
            return ()
        honorific = next((self._honorifics[t] for t in prefix if t in self._honorifics), "")
        title_words = [t for t in prefix if t not in self._honorifics]
        office = self.title_office(" ".join(title_words)) if title_words else None
        scored: list[Candidate] = []
        for pid, score, matched in hits:
            person = self._people[pid]
            if as_of is not None and not any(t.held_on(as_of) for t in self._by_person.get(pid, ())):
                score *= FACTOR_NOT_IN_OFFICE
            if office is not None and not self._holds(pid, office, as_of):
                score *= FACTOR_TITLE_MISMATCH
            if honorific and person.gender and person.gender != honorific:
                score *= FACTOR_GENDER_MISMATCH
            scored.append(Candidate(person, round(min(score, 1.0), 4), matched))
        scored.sort(key=lambda c: (-c.score, c.person.name, c.person.id))
        return tuple(scored[:limit])

    @functools.cached_property
    def _fuzzy_seen(self) -> dict[str, list]:
        return {}

    def _fuzzy(self, key: str, index: dict[str, list[tuple[str, float, str]]], keys: list[str]) -> list:
        """Near spellings of ``key`` among the index's names (remembered: a name recurs through an article)."""
        if len(key) < 4:
            return []
        seen = self._fuzzy_seen
        if key not in seen:
            if len(seen) >= 100_000:
                seen.clear()
            seen[key] = self._fuzzy_search(key, index, keys)
        return list(seen[key])

    def _fuzzy_search(self, key: str, index: dict[str, list[tuple[str, float, str]]], keys: list[str]) -> list:
        if _process is not None:
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
        for t in self._by_person.get(pid, ()):
            if as_of is not None and not t.held_on(as_of):
                continue
            if office.name in self.offices and t.office == office.name:
                return True
            if t.role.casefold() == office.role.casefold() and (office.country is None or t.country == office.country):
                return True
        return False

    # ------------------------------------------------------------------------------------ offices

    def offices_of(self, person_id: str, *, as_of: _dt.date) -> tuple[Tenure, ...]:
        """The tenures ``person_id`` held on ``as_of`` (empty for an unknown id).

        >>> import datetime
        >>> [t.office for t in load_lexicon().offices_of("Q24025631", as_of=datetime.date(2022, 3, 1))]
        ['Foreign Minister of Ukraine']
        """
        return tuple(t for t in self._by_person.get(person_id, ()) if t.held_on(as_of))

    def tenures_of(self, person_id: str) -> tuple[Tenure, ...]:
        """Every tenure of ``person_id``, earliest first."""
        return tuple(self._by_person.get(person_id, ()))

    def holders(self, office: str, *, as_of: _dt.date, country: str | None = None) -> tuple[Tenure, ...]:
        """Tenures of whoever held ``office`` on ``as_of``.

        ``office`` is a canonical office (``Foreign Minister of China``), a title (``Ukrainian President``) or a
        role (``Foreign Minister``), narrowed by ``country=`` (a name, adjective or capital).

        >>> import datetime
        >>> day = datetime.date(2022, 3, 1)
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
            found: Iterable[Tenure] = self._by_office.get(known.name, ())
        else:
            resolved = self.title_office(office)
            roles = {office.casefold()} if office.casefold() in self._roles else set()
            if resolved is not None and resolved.name in self.offices and not want_country:
                found = self._by_office.get(resolved.name, ())
            else:
                if resolved is not None:
                    roles |= {t.role.casefold() for t in self._titles.get(" ".join(_title_tokens(office)), ())}
                    roles.add(resolved.role.casefold())
                    want_country = want_country or resolved.country
                found = [t for r in roles for t in self._by_role.get(r, ())
                         if want_country is None or t.country == want_country]
        held = {t for t in found if t.held_on(as_of)}
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
        return next((o for o in options if o.name == preferred), options[0])

    def is_title_word(self, word: str) -> bool:
        """Whether ``word`` is part of a title (``minister``, ``President``, ``spokeswoman``).

        >>> lex = load_lexicon()
        >>> lex.is_title_word("Minister"), lex.is_title_word("Mr"), lex.is_title_word("Wang")
        (True, False, False)
        """
        return _norm(word) in self._title_words

    def is_honorific(self, word: str) -> bool:
        """Whether ``word`` is an honorific (``Mr``, ``Ms.``, ``Dr``), which is not a title.

        >>> load_lexicon().is_honorific("Mr."), load_lexicon().is_honorific("President")
        (True, False)
        """
        return _norm(word) in self._honorifics

    def country_of_adjective(self, word: str) -> str | None:
        """The country an adjective, name, abbreviation or capital stands for.

        >>> lex = load_lexicon()
        >>> lex.country_of_adjective("Ukrainian"), lex.country_of_adjective("Beijing"), lex.country_of_adjective("U.S.")
        ('Ukraine', 'China', 'United States')
        """
        return self._country_terms.get(" ".join(_title_tokens(word)))

    # ------------------------------------------------------------------------------------ cues

    def cue(self, lemma: str) -> CueWord | None:
        """The cue with this lemma (with its particle: ``call on``), verbs before nouns; None if not a cue.

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

    def noun_cue(self, word: str) -> CueWord | None:
        """The noun or phrase cue ``word`` is (``statement``, ``remarks``, ``press conference``), or None.

        >>> load_lexicon().noun_cue("statements").lemma
        'statement'
        """
        return self._noun_cues.get(_norm(word))

    # ------------------------------------------------------------------------------------ organisations

    def organisation(self, phrase: str) -> SourceOrg | None:
        """The source organisation ``phrase`` names (``state broadcaster CCTV``, ``the Kremlin``), or None.

        >>> load_lexicon().organisation("state broadcaster CCTV").name
        'China Central Television'
        """
        return self._org_keys.get(" ".join(_title_tokens(phrase)))

    # ------------------------------------------------------------------------------------ documents

    def document_noun(self, word: str) -> str | None:
        """The document noun ``word`` is a form of (``resolutions`` -> ``resolution``), or None: the head
        nouns of sources that are texts, not people or bodies (a resolution, a statement, a readout, a report).

        >>> load_lexicon().document_noun("Resolutions"), load_lexicon().document_noun("minister")
        ('resolution', None)
        """
        return self._documents.get(_norm(word))

    def organisation_noun(self, word: str) -> str | None:
        """The kind of organisation ``word`` names (``agency``, ``broadcaster``, ``ministry``), or None: the head
        nouns of a definite description of an organisation (``the US news agency``).

        >>> load_lexicon().organisation_noun("Agencies"), load_lexicon().organisation_noun("diplomat")
        ('agency', None)
        """
        return self._organisation_nouns.get(_norm(word))


# ---------------------------------------------------------------------------------------------- compiling

def _compile(dirs: list[Any]) -> tuple[Lexicon, list[str]]:
    problems: list[str] = []
    tables = _read_dirs(dirs, problems)

    countries: dict[str, _Country] = {}
    for rows in tables["countries"]:
        seen: dict[str, str] = {}
        for r in rows:
            f = r.fields
            if not f["country"]:
                problems.append(f"{r.where}: empty country")
                continue
            if f["country"] in seen:
                problems.append(f"{r.where}: duplicate country {f['country']!r} (first at {seen[f['country']]})")
                continue
            if f["article"] not in ("", "the"):
                problems.append(f"{r.where}: article must be 'the' or empty (got {f['article']!r})")
            seen[f["country"]] = r.where
            countries[f["country"]] = _Country(f["country"], f["article"], _tuple(f["adjectives"]), _tuple(f["names"]),
                                               _tuple(f["capitals"]))

    def check_country(value: str, where: str) -> None:
        if value and value not in countries:
            problems.append(f"{where}: unknown country {value!r}{_did_you_mean(value, countries)}; "
                            "add it to countries.tsv")

    offices: dict[str, Office] = {}
    for rows in tables["office_names"]:
        seen = {}
        for r in rows:
            f = r.fields
            if not f["office"] or not f["role"]:
                problems.append(f"{r.where}: office and role must not be empty")
                continue
            if f["office"] in seen:
                problems.append(f"{r.where}: duplicate office {f['office']!r} (first at {seen[f['office']]})")
                continue
            seen[f["office"]] = r.where
            check_country(f["country"], r.where)
            offices[f["office"]] = Office(f["office"], f["role"], f["country"] or None)

    people: dict[str, Person] = {}
    for rows in tables["people"]:
        seen = {}
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
            if pid in seen:
                problems.append(f"{r.where}: duplicate id {pid!r} (first at {seen[pid]})")
                continue
            seen[pid] = r.where
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
        seen_rows: dict[tuple, str] = {}
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
            if key in seen_rows:
                problems.append(f"{r.where}: duplicate row (first at {seen_rows[key]})")
                continue
            seen_rows[key] = r.where
            office = offices[f["office"]]
            tenure = Tenure(f["person_id"], office.name, office.role, office.country or "", start, end, f["source"])
            fresh[(f["person_id"], f["office"])].append((tenure, r.where))
        tenure_rows.update(fresh)  # a later file's rows for (person, office) replace the earlier ones

    titles: dict[tuple[str, str], _Title] = {}
    for rows in tables["titles"]:
        seen = {}
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
            if k in seen:
                problems.append(f"{r.where}: duplicate title {f['surface']!r} -> {f['role']!r} (first at {seen[k]})")
                continue
            seen[k] = r.where
            check_country(f["country"], r.where)
            if f["office"] and "{country}" not in f["office"] and f["office"] not in offices:
                problems.append(f"{r.where}: unknown office {f['office']!r}{_did_you_mean(f['office'], offices)}")
                continue
            titles[k] = _Title(f["surface"], f["role"], f["kind"], f["country"], f["office"])

    cues: dict[tuple[str, str, str], CueWord] = {}
    extra_forms: dict[str, tuple[str, ...]] = {}
    for rows in tables["cues"]:
        seen = {}
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
            k = (f["lemma"].casefold(), f["pos"], f["particle"].casefold())
            if k in seen:
                problems.append(f"{r.where}: duplicate cue {f['lemma']!r} (first at {seen[k]})")
                continue
            seen[k] = r.where
            cue = CueWord(f["lemma"].casefold(), f["class"], f["pos"], f["particle"].casefold())
            cues[k] = cue
            extra_forms[cue.key + "/" + cue.pos] = _tuple(f["forms"].casefold())

    orgs: dict[str, SourceOrg] = {}
    for rows in tables["organisations"]:
        seen = {}
        for r in rows:
            f = r.fields
            if not f["name"]:
                problems.append(f"{r.where}: empty name")
                continue
            if f["name"] in seen:
                problems.append(f"{r.where}: duplicate organisation {f['name']!r} (first at {seen[f['name']]})")
                continue
            seen[f["name"]] = r.where
            check_country(f["country"], r.where)
            orgs[f["name"]] = SourceOrg(f["name"], _tuple(f["aliases"]), f["country"])

    def nouns(kind: str, what: str) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for rows in tables[kind]:
            seen: dict[str, str] = {}
            for r in rows:
                f = r.fields
                noun = f["noun"].casefold()
                if not noun or " " in noun:
                    problems.append(f"{r.where}: {what} noun is one word (got {f['noun']!r})")
                    continue
                if noun in seen:
                    problems.append(f"{r.where}: duplicate {what.split()[-1]} noun {noun!r} (first at {seen[noun]})")
                    continue
                seen[noun] = r.where
                out[noun] = _tuple(f["forms"].casefold())
        return out

    documents = nouns("documents", "a document")
    organisation_nouns = nouns("organisation_nouns", "an organisation")

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
    )
    return lexicon, problems


def _bundled_dir() -> Any:
    try:
        found = importlib.resources.files("quotes.lexicons")
        if found.joinpath("people.curated.tsv").is_file():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "lexicons"


@functools.cache
def _bundled() -> Lexicon:
    return Lexicon.from_dirs(_bundled_dir())


def load_lexicon(extra: str | Path | None = None) -> Lexicon:
    """The bundled lexicon, with the files of directory ``extra`` merged over it; LexiconError if any is bad.

    The bundled lexicon is read once and cached; one with ``extra`` is read on every call.

    >>> lex = load_lexicon()
    >>> lex is load_lexicon()
    True
    >>> lex.person("Q701801").name
    'Wang Yi'
    """
    if extra is None:
        return _bundled()
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


# ---------------------------------------------------------------------------------------------- importing

_HOLDER_COLUMNS = ("position", "person", "personID", "start", "end")
_GENDER_WORDS = {"male": "m", "female": "f", "m": "m", "f": "f", "non-binary": "x", "x": "x"}


def import_office_holders(csv_path: str | Path, out_dir: str | Path, *, country: str | None = None) -> int:
    """Import a Wikidata-style office-holder CSV into the user lexicon directory ``out_dir``.

    Columns ``position,person,personID,start,end`` (and optionally ``gender``, ...). Each position must name a
    known office, directly (``President of Ukraine``) or as a title with ``country=`` (``President``). New
    people go to ``out_dir/people.tsv``, tenures to ``out_dir/offices.tsv`` with the CSV's file name as source.
    Returns the number of tenure rows written; every problem is raised at once as LexiconError and then
    nothing is written.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "in.csv").write_text("position,person,personID,start,end\\nPresident,Ana Test,Q999999999,2020-01,\\n")
    >>> import_office_holders(d / "in.csv", d / "lex", country="Ukraine")
    1
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
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in _HOLDER_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise LexiconError([f"{csv_path.name}:1: missing column {c!r}" for c in missing])
    new_people: dict[str, list[str]] = {}
    new_tenures: list[list[str]] = []
    for number, row in enumerate(reader, start=2):
        where = f"{csv_path.name}:{number}"
        position, name = (row.get("position") or "").strip(), (row.get("person") or "").strip()
        pid = (row.get("personID") or "").strip() or _slug(name)
        if not position or not name:
            problems.append(f"{where}: empty position or person")
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
            gender = _GENDER_WORDS.get((row.get("gender") or "").strip().lower(), "")
            new_people[pid] = [pid, name, family, given, "western", gender, office.country or "", "",
                               csv_path.name]
        new_tenures.append([pid, office.name, str(start or ""), str(end or ""), csv_path.name])
    if problems:
        raise LexiconError(problems)
    out.mkdir(parents=True, exist_ok=True)
    existing = {tuple(t) for t in _existing_rows(out / "offices.tsv")}
    rows = [t for t in dict.fromkeys(tuple(t) for t in new_tenures) if t not in existing]
    _append(out / "people.tsv", KINDS["people"].columns, list(new_people.values()))
    _append(out / "offices.tsv", KINDS["offices"].columns, [list(r) for r in rows])
    return len(rows)


def _existing_rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    return [l.split("\t") for l in lines[1:]]


def _append(path: Path, columns: tuple[str, ...], rows: list[list[str]]) -> None:
    if not rows:
        return
    new = not path.is_file()
    if not new:
        header = next(l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#"))
        if header.split("\t") != list(columns):
            raise LexiconError([f"{path.name}:1: columns differ from {chr(9).join(columns)}; cannot append"])
    with path.open("a", encoding="utf-8", newline="\n") as f:
        if new:
            f.write("\t".join(columns) + "\n")
        for r in rows:
            f.write("\t".join(c.replace("\t", " ") for c in r) + "\n")
