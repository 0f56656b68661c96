"""What every report format shares: severities in order, counts of findings, plural words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    pass


SEVERITIES = ("error", "warning", "info")


def _counts(findings: Iterable[Any]) -> dict[str, int]:
    c = Counter(f.severity for f in findings)
    return {k: c.get(k, 0) for k in SEVERITIES}


SEVERITY_WORDS = {"error": "error", "warning": "warning", "info": "note"}
"""How every report names a severity (an info finding is a note, in the digest and the check alike)."""


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


DATE_SOURCE_WORDS = {"argument": "given", "manifest": "manifest", "html": "page metadata", "dateline": "dateline", "file-name": "file name", "text": "latest date in the text",
                     "today": "none found: today"}


def dated(name: str, date: Any, source: str) -> str:
    """An article named with its date and where the date came from: ``a (2016-09-19, file name)``."""
    return f"{name} ({date.isoformat()}, {DATE_SOURCE_WORDS.get(source, source)})"
