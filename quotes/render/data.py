"""JSON and JSON Lines: every record as data, for programs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..grouping import Occurrence, StatementGroup
from ..records import Extraction, Span, Speaker
from ..wording import WordDiff

if TYPE_CHECKING:  # pragma: no cover
    from ..checks import CheckReport
    from ..digests import Digest
from .common import _counts, article_titles, check_exit_code


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else s.to_dict()


def _speaker(s: Speaker) -> dict[str, Any]:
    return s.to_dict()


def _extraction(e: Extraction) -> dict[str, Any]:
    return e.to_dict()


def _evidence(ev: Any) -> dict[str, Any]:
    return {"kind": ev.kind, "text": ev.text, "article": ev.article, "span": _span(ev.span), "source": ev.source}


def _finding(f: Any) -> dict[str, Any]:
    return {"code": f.code, "severity": f.severity, "article": f.article, "span": _span(f.span),
            "message": f.message, "evidence": [_evidence(e) for e in f.evidence]}


def _diff(d: Sequence[WordDiff]) -> list[dict[str, str]]:
    return [{"op": x.op, "canonical": x.canonical, "variant": x.variant} for x in d]


def _occurrence(g: StatementGroup, o: Occurrence) -> dict[str, Any]:
    return {"article": o.article, "quote_index": o.quote_index, "span": _span(o.span),
            "content": [_span(p) for p in o.content], "quoted": [_span(p) for p in o.quoted], "kind": o.kind,
            "speaker": _speaker(o.speaker), "text": o.text, "diff": _diff(g.diff(o))}


def _group(g: StatementGroup) -> dict[str, Any]:
    return {"id": g.id, "canonical": g.canonical, "canonical_reason": g.canonical_reason,
            "speakers": [_speaker(s) for s in g.speakers], "articles": list(g.articles),
            "occurrences": [_occurrence(g, o) for o in g.occurrences]}


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def extraction_json(e: Extraction) -> str:
    """One article's extraction as an indented JSON object (spans as ``{start, end, text}``).

    >>> import datetime as dt, json
    >>> from quotes.records import Extraction
    >>> json.loads(extraction_json(Extraction("Hi.", (), (), (), dt.date(2022, 3, 1), "argument", "a")))["date"]
    '2022-03-01'
    """
    return _dumps(_extraction(e))


def extraction_jsonl(es: Iterable[Extraction]) -> str:
    """Extractions as JSON Lines: one compact object per article, each line ending in a newline.

    >>> import datetime as dt
    >>> from quotes.records import Extraction
    >>> e = Extraction("Hi.", (), (), (), dt.date(2022, 3, 1), "argument", "a")
    >>> extraction_jsonl([e, e]).count("\\n")
    2
    """
    return "".join(json.dumps(_extraction(e), ensure_ascii=False, separators=(",", ":")) + "\n" for e in es)


def digest_json(d: Digest) -> str:
    """A :class:`~quotes.digests.Digest` as JSON: speakers (with group ids), groups, findings, diagnostics.

    >>> import json
    >>> from quotes.digests import digest
    >>> json.loads(digest_json(digest([])))["counts"]
    {'error': 0, 'warning': 0, 'info': 0}
    """
    data = {
        "articles": list(d.articles),
        "article_dates": [{"name": a, "date": day.isoformat(), "date_source": source, "title": t}
                          for a, (day, source), t in zip(d.articles, d.dates, article_titles(d))],
        "counts": _counts(d.findings),
        "speakers": [{"label": s.label, "speaker": _speaker(s.speaker), "groups": [g.id for g in s.groups],
                      "also": [g.id for g in s.also], "findings": [_finding(f) for f in s.findings]}
                     for s in d.speakers],
        "groups": [_group(g) for g in d.groups],
        "set_aside": [g.id for g in d.set_aside],
        "findings": [_finding(f) for f in d.findings],
        "diagnostics": [dict(article=a, **x.to_dict()) for a, x in d.diagnostics],
    }
    return _dumps(data)


def check_json(r: CheckReport, *, skipped: Sequence[Extraction] = ()) -> str:
    """A :class:`~quotes.checks.CheckReport` as JSON: ``skipped`` are sources that could not be read (named
    under ``skipped``); ``diagnostics`` holds the draft's and theirs, as the digest's does. An empty draft is
    not ``clean``.

    >>> import datetime as dt, json
    >>> from quotes.checks import CheckReport
    >>> from quotes.records import Extraction
    >>> r = CheckReport(Extraction("Hi.", (), (), (), dt.date(2022, 3, 1), "argument", "d"), (), ("s",))
    >>> json.loads(check_json(r))["clean"]
    True
    """
    diagnostics = [dict(article=ex.name or "", **x.to_dict()) for ex in (r.draft, *skipped) for x in ex.diagnostics]
    data = {"draft": r.draft.name, "sources": list(r.sources), "skipped": [s.name or "" for s in skipped],
            "clean": r.clean, "exit_code": check_exit_code(r, skipped), "counts": _counts(r.findings),
            "tally": r.tally, "findings": [_finding(f) for f in r.findings], "diagnostics": diagnostics}
    return _dumps(data)
