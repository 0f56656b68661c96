"""An :class:`~quotes.records.Extraction` as JSON and back, so a store rebuilds what ``check`` and ``digest``
read without parsing the article again.

Spans are kept as ``[start, end]`` and re-sliced from the article's text (a span whose text is not the slice,
which no extraction makes, keeps its text: ``[start, end, text]``); speakers are written once and referred to by
index. The format carries its version (``"v"``); a version this code does not know is refused.

>>> import datetime as dt
>>> from quotes.records import Quote, Span, Speaker
>>> text = "“We will never give up,” he said."
>>> q = Quote((Span.of(text, 0, 24),), "direct", Span.of(text, 28, 32), "say", Span.of(text, 25, 27),
...           Speaker("person", "Volodymyr Zelenskyy", "Q3881"), "pronoun", 0.7, quoted=(Span.of(text, 1, 22),))
>>> ex = Extraction(text, (q,), (), (), dt.date(2022, 3, 1), "argument", "a")
>>> extraction_from_json(extraction_to_json(ex), text) == ex
True
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..errors import QuotesError
from ..records import Diagnostic, Extraction, Mention, Quotation, Quote, Span, Speaker

__all__ = ["CODEC_VERSION", "extraction_from_json", "extraction_to_json"]

CODEC_VERSION = 1
"""The version of the JSON written for an extraction (``"v"`` in it)."""


def _span(s: Span | None, text: str) -> list[Any] | None:
    if s is None:
        return None
    return [s.start, s.end] if text[s.start:s.end] == s.text else [s.start, s.end, s.text]


def _spans(spans: tuple[Span, ...], text: str) -> list[Any]:
    return [_span(s, text) for s in spans]


def _unspan(v: list[Any] | None, text: str) -> Span | None:
    if v is None:
        return None
    if len(v) == 3:
        return Span(v[0], v[1], v[2])
    return Span(v[0], v[1], text[v[0]:v[1]])


def _unspans(vs: list[Any], text: str) -> tuple[Span, ...]:
    out = []
    for v in vs:
        s = _unspan(v, text)
        assert s is not None
        out.append(s)
    return tuple(out)


def _speaker(sp: Speaker, text: str) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": sp.kind}
    if sp.name is not None:
        out["name"] = sp.name
    if sp.person_id is not None:
        out["id"] = sp.person_id
    if sp.office is not None:
        out["office"] = sp.office
    if sp.candidates:
        out["cands"] = list(sp.candidates)
    if sp.title is not None:
        out["title"] = _span(sp.title, text)
    if sp.affiliation is not None:
        out["aff"] = _span(sp.affiliation, text)
    if sp.former_office is not None:
        out["former"] = sp.former_office
    return out


def _unspeaker(d: dict[str, Any], text: str) -> Speaker:
    return Speaker(d["kind"], d.get("name"), d.get("id"), d.get("office"), tuple(d.get("cands", ())),
                   _unspan(d.get("title"), text), _unspan(d.get("aff"), text), d.get("former"))


def extraction_to_json(ex: Extraction) -> str:
    """The extraction as compact JSON (see the module docstring)."""
    text = ex.text
    speakers: dict[Speaker, int] = {}

    def sp(s: Speaker) -> int:
        return speakers.setdefault(s, len(speakers))

    quotes = [[_spans(q.content, text), q.kind, _span(q.cue, text), q.cue_lemma, _span(q.source, text), sp(q.speaker),
               q.resolution, q.confidence, _spans(q.quoted, text), q.clause] for q in ex.quotes]
    mentions = [[_span(m.span, text), _span(m.name, text), _span(m.title, text), m.title_office, sp(m.speaker)]
                for m in ex.mentions]
    diagnostics = [[d.code, d.message, _span(d.span, text), d.severity] for d in ex.diagnostics]
    quotations = None if ex.quotations is None else [
        [_span(q.span, text), _span(q.inner, text), _spans(q.pieces, text), q.open_mark, q.close_mark, q.depth,
         q.closed] for q in ex.quotations]
    data = {
        "v": CODEC_VERSION, "date": ex.date.isoformat(), "date_source": ex.date_source, "name": ex.name,
        "title": ex.title, "title_source": ex.title_source,
        "speakers": [_speaker(s, text) for s in speakers], "quotes": quotes, "mentions": mentions,
        "diagnostics": diagnostics, "quotations": quotations,
        "sentences": None if ex.sentences is None else _spans(ex.sentences, text),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def extraction_from_json(data: str, text: str, *, name: str | None = None) -> Extraction:
    """The extraction :func:`extraction_to_json` wrote, over its article's ``text`` (``name`` replaces the
    stored name when given). Raises :class:`~quotes.errors.QuotesError` for a version this code does not know."""
    d = json.loads(data)
    if d.get("v") != CODEC_VERSION:
        raise QuotesError(f"a stored extraction has format version {d.get('v')!r}; this version of quotes reads "
                          f"version {CODEC_VERSION}: re-index the archive with 'quotes index --store FILE'")
    speakers = [_unspeaker(s, text) for s in d["speakers"]]
    quotes = []
    for content, kind, cue, lemma, source, si, resolution, confidence, quoted, *more in d["quotes"]:
        # "clause" came later (an archive written before it has none: a clause, as then assumed)
        quotes.append(Quote(_unspans(content, text), kind, _unspan(cue, text), lemma, _unspan(source, text),
                            speakers[si], resolution, confidence, _unspans(quoted, text),
                            clause=bool(more[0]) if more else True))
    mentions = []
    for span, nm, title, office, si in d["mentions"]:
        whole = _unspan(span, text)
        assert whole is not None
        mentions.append(Mention(whole, _unspan(nm, text), _unspan(title, text), office, speakers[si]))
    diagnostics = tuple(Diagnostic(code, message, _unspan(span, text), severity)
                        for code, message, span, severity in d["diagnostics"])
    quotations = None
    if d["quotations"] is not None:
        qs = []
        for span, inner, pieces, open_mark, close_mark, depth, closed in d["quotations"]:
            outer, inside = _unspan(span, text), _unspan(inner, text)
            assert outer is not None and inside is not None
            qs.append(Quotation(outer, inside, _unspans(pieces, text), open_mark, close_mark, depth, closed))
        quotations = tuple(qs)
    sentences = None if d["sentences"] is None else _unspans(d["sentences"], text)
    return Extraction(text, tuple(quotes), tuple(mentions), diagnostics, dt.date.fromisoformat(d["date"]),
                      d["date_source"], name if name is not None else d["name"], quotations, sentences,
                      d.get("title"), d.get("title_source"))
