"""Article files to index: files, folders of them, with what a manifest says of each (date, title, outlet, url)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..manifest import Manifest
from .records import ArchiveArticle, Skipped

__all__ = ["TEXT_SUFFIXES", "articles_from_paths"]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ""})
"""The files a folder contributes (as ``quotes extract`` reads them)."""


def _files(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
            if not found:
                raise InputError(f"{path}: no article files (.txt, .html) in this directory")
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return out


def articles_from_paths(
    paths: Sequence[str | os.PathLike[str]], *, manifest: Manifest | None = None,
) -> tuple[list[ArchiveArticle], list[Skipped]]:
    """The articles of files and folders (a folder: its ``.txt``/``.html`` files, in sub-folders too), keyed by
    resolved path and named by file stem, with the manifest's date, title, outlet and url; and the files that
    could not be read. A path that does not exist raises :class:`~quotes.errors.InputError`."""
    articles: list[ArchiveArticle] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for f in _files(paths):
        key = str(f.resolve())
        if key in seen:
            continue
        seen.add(key)
        try:
            data = f.read_bytes()
        except OSError as exc:
            skipped.append(Skipped(str(f), f"cannot read ({exc.strerror})"))
            continue
        row = manifest.row_for(f) if manifest is not None else None
        if row is None:
            articles.append(ArchiveArticle(key, data, f.stem))
        else:
            articles.append(ArchiveArticle(key, data, f.stem, row.date, row.title, row.outlet, row.url))
    return articles, skipped
