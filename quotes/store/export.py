"""Statements for analysts: one row per statement, as CSV (the standard library) or Parquet (pyarrow, the
``archive`` extra: ``pip install 'newsroom-quotes[archive]'``); pandas and DuckDB read both."""

from __future__ import annotations

import csv
import os
import sqlite3
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError
from ..outputs import replacing, written_in_place

__all__ = ["COLUMNS", "ExportFormat", "export_statements", "format_of"]

ExportFormat = Literal["csv", "parquet"]

COLUMNS: tuple[tuple[str, str], ...] = (
    ("statement_id", "s.id"), ("article", "a.name"), ("article_key", "a.key"), ("date", "a.date"),
    ("title", "a.title"), ("outlet", "a.outlet"), ("speaker", "sp.label"), ("speaker_kind", "sp.kind"),
    ("person_id", "sp.person_id"), ("office", "s.office"), ("kind", "s.kind"), ("text", "s.text"),
    ("wording", "s.wording"), ("start", "s.start_char"), ("end", "s.end_char"), ("cue", "s.cue"),
    ("source", "s.source"), ("resolution", "s.resolution"), ("confidence", "s.confidence"), ("group", "g.gid"),
    ("group_canonical", "g.canonical"),
)
"""The exported columns and where each comes from: ``start``/``end`` are character offsets into the article's
stored text, ``group`` the statement group's id."""

_INTEGERS = {"statement_id", "start", "end"}


def format_of(path: str | os.PathLike[str], given: str | None = None) -> ExportFormat:
    """The format ``given``, else the one the file's suffix names (``.csv``, ``.parquet``).

    >>> format_of("out.parquet"), format_of("x.txt", "csv")
    ('parquet', 'csv')
    """
    fmt = (given or Path(path).suffix.lstrip(".")).lower()
    if fmt in ("csv", "parquet"):
        return "csv" if fmt == "csv" else "parquet"
    raise InputError(f"{path}: cannot tell the export format; name the file .csv or .parquet "
                     "(or pass format='csv' or 'parquet')")


def _rows(conn: sqlite3.Connection) -> sqlite3.Cursor:
    sql = ("SELECT " + ", ".join(expr for _, expr in COLUMNS) + " FROM statements s "
           "JOIN articles a ON a.id = s.article_id JOIN speakers sp ON sp.id = s.speaker_id "
           "LEFT JOIN statement_groups g ON g.id = s.group_id ORDER BY a.date, a.name, s.start_char, s.id")
    return conn.execute(sql)


def _csv(conn: sqlite3.Connection, f: Any) -> int:
    """Every statement as CSV rows (a header first) into the open text file ``f``; the number of rows."""
    out = csv.writer(f)
    out.writerow([name for name, _ in COLUMNS])
    n = 0
    for row in _rows(conn):
        out.writerow(["" if v is None else v for v in row])
        n += 1
    return n


def export_statements(conn: sqlite3.Connection, path: str | os.PathLike[str], *, format: str | None = None) -> int:
    """Write every statement to ``path`` (whole or not at all: written beside it, then renamed; through a symbolic
    link to its target, the link kept; a pipe or a device such as ``/dev/stdout`` is written to directly, CSV
    only); the number of rows."""
    fmt = format_of(path, format)
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target}: is a directory; give a file name to export to")
    if written_in_place(target):  # a pipe, a terminal, a device, an open descriptor
        if fmt != "csv":
            raise InputError(f"{target}: is no file; Parquet is written to a file (or export CSV to a pipe)")
        try:
            with open(target, "a", encoding="utf-8", newline="") as f:
                return _csv(conn, f)
        except OSError as exc:
            raise InputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    writer: Any = None
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise InputError("Parquet export needs pyarrow, the 'archive' extra: pip install 'newsroom-quotes[archive]' "
                             "(or export to .csv)") from None
        writer = (pa, pq)
    names = [name for name, _ in COLUMNS]
    n = 0
    try:
        with replacing(target) as partial:
            if fmt == "csv":
                with partial.open("w", encoding="utf-8", newline="") as f:
                    n = _csv(conn, f)
            else:
                pa, pq = writer
                schema = pa.schema([(name, pa.int64() if name in _INTEGERS else pa.float64() if name == "confidence"
                                     else pa.string()) for name in names])
                with pq.ParquetWriter(str(partial), schema) as pw:
                    cursor = _rows(conn)
                    while batch := cursor.fetchmany(10_000):
                        columns = list(zip(*batch))
                        pw.write_table(pa.Table.from_arrays([pa.array(c, type=schema.field(i).type)
                                                             for i, c in enumerate(columns)], schema=schema))
                        n += len(batch)
    except OSError as exc:
        raise InputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    return n
