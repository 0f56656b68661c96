"""digest() over several articles and check() of a draft, on hand-made extractions."""

from __future__ import annotations

import datetime as dt
import sys
import types

from quotes.checks import CheckReport, check
from quotes.digests import digest
from quotes.records import Diagnostic, Extraction, Span, Speaker
from tests.test_verification import (
    LEX,
    R_WORDS,
    REGRETS,
    SOV_WANG,
    SOV_XI,
    WANG_TEXT,
    XI_TEXT,
    quoting,
)

DATE = dt.date(2022, 3, 1)


def _articles():
    return [quoting("000", XI_TEXT, (SOV_XI, "Q2")), quoting("001", XI_TEXT, (SOV_XI, "Q2")),
            quoting("002", REGRETS, (R_WORDS, "Q1")), quoting("003", WANG_TEXT, (SOV_WANG, "Q1"))]


def test_digest_groups_statements_by_speaker():
    """Each speaker lists the statement groups attributed to them, the busiest speaker first."""
    d = digest(_articles(), lexicon=LEX)
    assert d.articles == ("000", "001", "002", "003")
    assert [(s.label, len(s.groups)) for s in d.speakers] == [("Wang Yi", 2), ("Xi Jinping", 1)]
    assert len(d.groups) == 2


def test_digest_findings_reach_the_speakers_they_concern():
    """The misattribution found in 003 is listed under Wang Yi, who is quoted there."""
    d = digest(_articles(), lexicon=LEX)
    codes = sorted(f.code for f in d.findings)
    assert codes == ["misattribution", "variant-group"]
    wang = next(s for s in d.speakers if s.label == "Wang Yi")
    assert "misattribution" in {f.code for f in wang.findings}


def test_digest_collects_diagnostics_with_article_names():
    """Diagnostics come back as (article, diagnostic) pairs."""
    text = "He said “no."
    diag = Diagnostic("unbalanced-quote", "Never closed.", Span.of(text, 8, 9), "warning")
    d = digest([Extraction(text, (), (), (diag,), DATE, "argument", "x")], lexicon=LEX)
    assert d.diagnostics == (("x", diag),)
    assert [f.code for f in d.findings] == ["broken-quote-marks"]


def test_digest_reports_progress_and_names_unnamed_articles():
    """progress(done, total) is called per article; articles without a name get #N."""
    calls = []
    ex = Extraction("Nothing.", (), (), (), DATE, "argument")
    d = digest([ex, ex], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
    assert d.articles == ("#0", "#1")


def test_digest_extracts_texts_through_quotes_extraction(monkeypatch):
    """(name, text) pairs and plain texts are passed to quotes.extraction.extract with lexicon and date."""
    seen = []

    def fake_extract(text, *, lexicon=None, date=None, name=None):
        seen.append((text, date, name))
        return Extraction(text, (), (), (), DATE, "argument", name)

    module = types.ModuleType("quotes.extraction")
    module.extract = fake_extract  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "quotes.extraction", module)
    d = digest([("a", "Text one."), "Text two."], lexicon=LEX, date="2022-03-01")
    assert seen == [("Text one.", "2022-03-01", "a"), ("Text two.", "2022-03-01", None)]
    assert d.articles == ("a", "#1")


def test_check_clean_draft_exits_zero():
    """A draft quoting its source exactly is clean: exit code 0."""
    src = quoting("cctv", REGRETS, (R_WORDS, "Q1"))
    draft = quoting("draft", REGRETS, (R_WORDS, "Q1"))
    r = check(draft, sources=[src], lexicon=LEX)
    assert isinstance(r, CheckReport)
    assert (r.clean, r.exit_code, r.findings, r.sources) == (True, 0, (), ("cctv",))


def test_check_with_findings_exits_one():
    """A misattributed quote makes the report unclean: exit code 1."""
    src = quoting("cctv", XI_TEXT, (SOV_XI, "Q2"))
    draft = quoting("draft", XI_TEXT, (SOV_XI, "Q1"))
    r = check(draft, sources=[src], lexicon=LEX)
    assert (r.clean, r.exit_code) == (False, 1)
    assert [f.code for f in r.findings] == ["misattribution"]


def test_check_info_findings_keep_the_report_clean():
    """Only warnings and errors make a report unclean."""
    from quotes.verification import Finding

    ex = Extraction("Hi.", (), (), (), DATE, "argument", "d")
    info = Finding("variant-group", "info", "d", Span.of("Hi.", 0, 2), "Quoted elsewhere.")
    assert CheckReport(ex, (info,), ()).exit_code == 0


def test_check_renames_a_source_that_shares_the_draft_name():
    """A source named like the draft is renamed, so findings point at the right article."""
    src = quoting("same", XI_TEXT, (SOV_XI, "Q2"))
    draft = quoting("same", XI_TEXT, (SOV_XI, "Q1"))
    r = check(draft, sources=[src], lexicon=LEX)
    assert r.sources == ("same~2",)
    assert [f.article for f in r.findings] == ["same"]


def test_check_unresolved_speaker_is_no_misattribution():
    """An unresolved speaker in the draft is not compared with the sources' speakers."""
    src = quoting("cctv", XI_TEXT, (SOV_XI, "Q2"))
    draft = quoting("draft", XI_TEXT, (SOV_XI, Speaker("unresolved")))
    assert check(draft, sources=[src], lexicon=LEX).findings == ()
