"""The newsroom's quote archive: articles indexed once into one SQLite file, then searched, digested, checked
against and exported without parsing them again (``quotes index``, ``quotes search``, ``quotes export``,
``--store`` on ``digest`` and ``check``). See ``docs/archive.md``.

Modules: ``schema`` (tables, versions, migrations), ``codec`` (an extraction as JSON and back), ``records``
(what goes in and comes out), ``inputs`` (files and folders to index), ``writer`` (one article per
transaction, incremental groups), ``queries`` (search, sources of a draft), ``export`` (CSV, Parquet),
``archive`` (the :class:`Store`).
"""

from __future__ import annotations

from .archive import SOURCES, Store, open_store
from .codec import extraction_from_json, extraction_to_json
from .export import COLUMNS
from .inputs import articles_from_paths
from .records import ArchiveArticle, Hit, IndexSummary, Skipped, StoreCounts, Variant
from .report import hits_json, hits_text
from .schema import SCHEMA_VERSION, StoreError
from .writer import sha256_of

__all__ = [
    "COLUMNS", "SCHEMA_VERSION", "SOURCES", "ArchiveArticle", "Hit", "IndexSummary", "Skipped", "Store",
    "StoreCounts", "StoreError", "Variant", "articles_from_paths", "extraction_from_json", "extraction_to_json",
    "hits_json", "hits_text", "open_store", "sha256_of",
]
