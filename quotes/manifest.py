"""A manifest: one row per article file with its date (and optionally title, outlet, url), as CSV or JSON Lines.

A newsroom's export usually knows each article's publication date; a manifest hands it to the engine so
that titles are checked at the right date (the manifest's date wins over what the article says).

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "m.csv").write_text("file,date,title\\na.txt,2016-10-19,Debate night\\n", encoding="utf-8")
>>> m = read_manifest(folder / "m.csv")
>>> m.row_for(folder / "a.txt").date, m.row_for(folder / "a.txt").title
(datetime.date(2016, 10, 19), 'Debate night')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

import attrs

from .dates import parse_date
from .errors import InputError

__all__ = ["Manifest", "ManifestRow", "read_manifest"]

COLUMNS = ("file", "date", "title", "outlet", "url")


@attrs.frozen
class ManifestRow:
    """What the manifest says of one article file."""

    file: str
    """The file as the manifest names it (a path relative to the manifest's folder, or a file name)."""
    date: dt.date | None = None
    """The article's date, if given."""
    title: str = ""
    outlet: str = ""
    url: str = ""
    where: str = ""
    """``manifest.csv:3``: where the row stands, for messages."""


@attrs.frozen
class Manifest:
    """The rows of a manifest, found by the article files they name."""

    path: Path
    rows: tuple[ManifestRow, ...]

    def row_for(self, article: str | os.PathLike[str]) -> ManifestRow | None:
        """The row naming this article file: by path (relative to the manifest's folder or as given), else by
        file name, else by name without its suffix; None when no row names it."""
        path = Path(article)
        base = self.path.parent
        for row in self.rows:
            named = Path(row.file)
            if (base / named).resolve() == path.resolve() or named == path:
                return row
        for row in self.rows:
            if Path(row.file).name == path.name:
                return row
        for row in self.rows:
            if Path(row.file).stem == path.stem:
                return row
        return None


def read_manifest(path: str | os.PathLike[str]) -> Manifest:
    """Read a CSV manifest (a header row naming ``file`` and ``date``, optionally ``title``, ``outlet``,
    ``url``) or a JSON Lines one (``.jsonl``: one object per line with those keys). Every bad row is reported
    at once, with file:line, in one :class:`~quotes.errors.InputError`."""
    where = Path(path)
    try:
        text = where.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{where}: cannot read the manifest ({getattr(exc, 'strerror', None) or exc})") from None
    problems: list[str] = []
    if where.suffix.lower() in (".jsonl", ".ndjson"):
        records = _jsonl_records(text, where.name, problems)
    else:
        records = _csv_records(text, where.name)
    rows = []
    for n, fields in records:
        at = f"{where.name}:{n}"
        if not fields["file"]:
            problems.append(f"{at}: no file named")
            continue
        day = None
        if fields["date"]:
            try:
                day = dt.date.fromisoformat(fields["date"][:10])
            except ValueError:
                day = parse_date(fields["date"])
            if day is None:
                problems.append(f"{at}: not a date: {fields['date']!r} (expected e.g. 2016-10-19)")
                continue
        rows.append(ManifestRow(fields["file"], day, fields["title"], fields["outlet"], fields["url"], at))
    if problems:
        raise InputError(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in the manifest: "
                         + "; ".join(problems))
    return Manifest(where, tuple(rows))


def _jsonl_records(text: str, name: str, problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a JSON Lines manifest with their line numbers (a line ends at ``\\n`` only: JSON strings may
    hold U+2028 and other characters :meth:`str.splitlines` would break at); bad lines go to ``problems``.

    >>> _jsonl_records('{"file": "a.txt"}\\n\\n{"file": "b\u2028.txt", "date": null}\\n', "m.jsonl", [])[1][0]
    3
    """
    records: list[tuple[int, dict[str, str]]] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{name}:{n}: not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            problems.append(f"{name}:{n}: a row is a JSON object with 'file' and 'date'")
            continue
        records.append((n, {k: "" if obj.get(k) is None else str(obj.get(k)) for k in COLUMNS}))
    return records


def _csv_records(text: str, name: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV manifest with the line each starts on: blank lines are skipped but counted, and a row
    whose quoted field spans lines is numbered by its first line.

    >>> [n for n, _ in _csv_records('file,date\\n\\na.txt,"2016-10-19\\n"\\nb.txt,\\n', "m.csv")]
    [3, 5]
    """
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    if "file" not in header:
        raise InputError(f"{name}:1: the manifest's header must name a 'file' column (and 'date'); got "
                         f"{', '.join(header) or 'nothing'}")
    records: list[tuple[int, dict[str, str]]] = []
    ended = reader.line_num  # the line the previous row (or blank line) ended on
    try:
        for row in reader:
            first, ended = ended + 1, reader.line_num
            if not row:  # a blank line
                continue
            fields = dict(zip(header, row))
            records.append((first, {k: (fields.get(k) or "").strip() for k in COLUMNS}))
    except csv.Error as exc:
        raise InputError(f"{name}:{ended + 1}: not CSV ({exc})") from None
    return records
