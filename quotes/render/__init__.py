"""Reports: JSON, JSON Lines, Markdown, plain-text tables, brat standoff, and self-contained HTML.

Every function returns a ``str``; nothing here prints. Article text is untrusted: the HTML escapes
every piece of it (no script runs, no attribute is injected) and loads nothing from outside the page;
the Markdown escapes HTML and Markdown syntax.

>>> import datetime as dt
>>> from quotes.records import Extraction
>>> print(extraction_table(Extraction("No quotes here.", (), (), (), dt.date(2022, 3, 1), "argument", "a")))
a (2022-03-01, from argument): no quotes
"""

from __future__ import annotations

from .brat import extraction_brat
from .common import check_exit_code, check_verdict
from .data import check_json, digest_json, extraction_json, extraction_jsonl
from .markdown import digest_markdown
from .page import check_html, digest_html
from .text import check_text, digest_text, extraction_table

__all__ = [
    "check_exit_code", "check_html", "check_json", "check_text", "check_verdict", "digest_html",
    "digest_json", "digest_markdown", "digest_text",
    "extraction_brat", "extraction_json", "extraction_jsonl", "extraction_table",
]
