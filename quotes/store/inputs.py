"""Article files to index: files, folders of them, with what a manifest says of each (date, title, outlet, url)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..manifest import Manifest
from ..reading import ARTICLE_SUFFIXES, article_files
from .records import ArchiveArticle, Skipped

__all__ = ["TEXT_SUFFIXES", "articles_from_paths"]

TEXT_SUFFIXES = ARTICLE_SUFFIXES
"""The files a folder contributes (as ``quotes extract`` reads them)."""


def _files(paths: Sequence[str | os.PathLike[str]], skipped: list[tuple[Path, str]]) -> list[Path]:
    return article_files(paths, recursive=True, skipped=skipped)


def articles_from_paths(
    paths: Sequence[str | os.PathLike[str]], *, manifest: Manifest | None = None,
) -> tuple[list[ArchiveArticle], list[Skipped]]:
    """The articles of files and folders (a folder: its ``.txt``/``.html`` files, in sub-folders too), keyed by
    resolved path and named by file stem, with the manifest's date, title, outlet and url; and the files that
    could not be read. A path that does not exist raises :class:`~quotes.errors.InputError`."""
    articles: list[ArchiveArticle] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    others: list[tuple[Path, str]] = []
    files = _files(paths, others)
    skipped.extend(Skipped(str(f), why) for f, why in others)
    for f in files:
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
