"""Findings an editor should look at: wrong titles, conflated names, ambiguous or misattributed
speakers, altered or unsourced quotations, broken quotation marks.

Three entry points, a module each: :func:`verify_article` (:mod:`.article`: one article against the lexicon), :func:`verify_across`
(:mod:`.across`: statement groups across articles) and :func:`check_against_sources` (:mod:`.draft`: a draft
against its sources); :mod:`.findings` holds the record and its codes, :mod:`.compare` the comparison of wordings.
The lexicon is used only through four calls (``offices_of``, ``holders``, ``person``,
``candidates``), so tests can pass a small fake.

>>> import datetime as dt
>>> from quotes.records import Diagnostic, Extraction, Span
>>> text = "He said “we will never give up."
>>> ex = Extraction(text, (), (), (Diagnostic("unbalanced-quote", "An opening quotation mark is never closed.",
...                 Span.of(text, 8, 9), "warning"),), dt.date(2022, 3, 1), "argument", "a")
>>> [(f.code, f.severity, f.span.start) for f in verify_article(ex, lexicon=None)]
[('broken-quote-marks', 'warning', 8)]
"""

from __future__ import annotations

from .across import verify_across
from .article import verify_article
from .draft import check_against_sources, unique_names
from .findings import CODES, Evidence, Finding, FindingCode, LexiconLike, severity_counts

__all__ = [
    "CODES", "Evidence", "Finding", "FindingCode", "LexiconLike", "check_against_sources", "severity_counts",
    "unique_names", "verify_across", "verify_article",
]
