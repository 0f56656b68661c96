"""The lexicon's TSV tables: one declarative spec per kind of file, read with every problem reported as file:line."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

import attrs

from ..dates import PartialDate


@attrs.frozen
class _Spec:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


KINDS: dict[str, _Spec] = {
    "countries": _Spec(("country",), ("article", "adjectives", "names", "capitals")),
    "office_names": _Spec(("office", "role", "country"), ("holders",)),
    "people": _Spec(("id", "name"), ("family", "given", "order", "gender", "country", "aliases", "source",
                                        "same_as")),
    "offices": _Spec(("person_id", "office", "start", "end", "source"), ("as_of",)),
    "sources": _Spec(("source", "as_of"), ("licence", "attribution", "origin")),
    "titles": _Spec(("surface", "role", "kind"), ("country", "office")),
    "cues": _Spec(("lemma", "class", "pos"), ("particle", "forms")),
    "organisations": _Spec(("name",), ("aliases", "country")),
    "documents": _Spec(("noun",), ("forms",)),
    "organisation_nouns": _Spec(("noun",), ("forms",)),
    "word_lists": _Spec(("list", "word")),
}


LAYERS = ("generated", "", "curated")  # people.generated.tsv, people.tsv, people.curated.tsv: later ones win


@attrs.frozen
class _Row:
    where: str  # "dir/file.tsv:12"
    fields: dict[str, str]
    file: str


def _file_name(kind: str, layer: str) -> str:
    return f"{kind}.{layer}.tsv" if layer else f"{kind}.tsv"


def _read_tsv(data: bytes, label: str, spec: _Spec, problems: list[str],
              rejected: list[_Row] | None = None) -> list[_Row]:
    """Rows of one file as dicts, with ``label:line``; problems are appended, bad rows skipped. A skipped row
    (wrong column count, bytes that are not UTF-8, every row under a bad header) goes to ``rejected`` with what
    its cells say, as far as they can be read: its key still names a record the other files may refer to (see
    ``_compile``)."""
    rows: list[_Row] = []
    header: list[str] | None = None
    bad_header = False
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        if header is not None and bad_header:  # the file's problem is its header: its rows are only rejected
            if rejected is not None:
                _reject(raw.decode("utf-8", errors="replace"), header, spec, f"{label}:{number}", label, rejected)
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{label}:{number}: not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
                            "save the file as UTF-8")
            if header is not None and rejected is not None:
                _reject(raw.decode("utf-8", errors="replace"), header, spec, f"{label}:{number}", label, rejected)
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
            bad_header = bool(unknown or missing or dupes)
            continue
        if len(cells) != len(header):
            problems.append(f"{label}:{number}: {len(cells)} columns, expected {len(header)} "
                            f"({', '.join(header)}); separate columns with one tab")
            if rejected is not None:
                _reject(line, header, spec, f"{label}:{number}", label, rejected)
            continue
        fields = {c: "" for c in spec.columns}
        fields.update(zip(header, cells))
        rows.append(_Row(f"{label}:{number}", fields, label))
    if header is None:
        problems.append(f"{label}:1: no header line (expected {chr(9).join(spec.required)})")
    return rows


def _reject(line: str, header: list[str], spec: _Spec, where: str, label: str, rejected: list[_Row]) -> None:
    """A row skipped as malformed, its cells read in the header's order as far as they go (a stray tab shifts
    only the cells after it)."""
    if not line.strip() or line.lstrip().startswith("#"):
        return
    fields = {c: "" for c in spec.columns}
    fields.update(zip(header, (c.strip() for c in line.split("\t"))))
    rejected.append(_Row(where, fields, label))


def _dir_label(directory: Any) -> str:
    return getattr(directory, "name", None) or str(directory)


def _read_dirs(dirs: list[Any], problems: list[str],
               rejected: dict[str, list[_Row]] | None = None) -> dict[str, list[list[_Row]]]:
    """For each kind, the row lists of its files in override order (bundled before extra, generated first);
    the rows skipped as malformed go to ``rejected[kind]``."""
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
                rows = _read_tsv(entry.read_bytes(), f"{label}/{name}", spec, problems,
                                 rejected.setdefault(kind, []) if rejected is not None else None)
                tables[kind].append(rows)
    return tables


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_DATES: dict[str, PartialDate] = {}  # one object per date text: faster to read, and to keep compiled


def _parse_partial(text: str, column: str, where: str, problems: list[str]) -> tuple[bool, PartialDate | None]:
    if not text:
        return True, None
    found = _DATES.get(text)
    if found is not None:
        return True, found
    try:
        found = PartialDate.parse(text)
    except ValueError as exc:
        problems.append(f"{where}: bad {column} date {text!r}: {exc}")
        return False, None
    if len(_DATES) < 100_000:
        _DATES[text] = found
    return True, found
