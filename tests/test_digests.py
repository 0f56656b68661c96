"""digest() over several articles and check() of a draft, on hand-made extractions."""

from __future__ import annotations

import datetime as dt

import pytest

from quotes.checks import CheckReport, check
from quotes.digests import digest
from quotes.errors import InputError
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
    """Each statement group is listed once, under the speaker most articles give it to (the sovereignty
    statement: Xi Jinping twice, Wang Yi once); Wang Yi's entry names it as also given to him."""
    d = digest(_articles(), lexicon=LEX)
    assert d.articles == ("000", "001", "002", "003")
    assert [(s.label, len(s.groups), len(s.also)) for s in d.speakers] == [("Wang Yi", 1, 1), ("Xi Jinping", 1, 0)]
    assert len(d.groups) == 2 and sum(len(s.groups) for s in d.speakers) == 2
    xi = next(s for s in d.speakers if s.label == "Xi Jinping")
    wang = next(s for s in d.speakers if s.label == "Wang Yi")
    assert wang.also[0] is xi.groups[0]


def test_lone_words_are_set_aside_and_counted_not_lost():
    """A content of one word ("It") is no statement to list: it leaves the speakers' lists but stays among the
    groups, and the text digest says how many were set aside."""
    from quotes.render import digest_text

    text = "“It,” he said."
    ex = quoting("004", text, ("It", "Q1"))
    d = digest([*_articles(), ex], lexicon=LEX)
    assert len(d.set_aside) == 1 and d.set_aside[0] in d.groups
    assert all(g not in d.set_aside for s in d.speakers for g in s.groups)
    assert d.statements == len(d.groups) - 1
    assert "1 wording set aside" in digest_text(d)


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


def test_digest_names_unnamed_articles_and_takes_only_extractions():
    """Articles without a name get #N; a text (not yet extracted) is a clear error naming what to call."""
    ex = Extraction("Nothing.", (), (), (), DATE, "argument")
    assert digest([ex, ex]).articles == ("#0", "#1")
    with pytest.raises(InputError, match=r"quotes\.digest"):
        digest([ex, "Text two."])  # type: ignore[list-item]


def test_engine_digest_extracts_texts_together(monkeypatch):
    """An engine's digest extracts its texts and (name, text) pairs in one run at the date given, keeps
    extractions as they are, in input order, and reports progress."""
    from quotes import engine as engine_mod

    seen = []

    def fake(articles, *, lexicon, parser, role_model, method, date, dates=None, titles=None, skip_unreadable=False,
             progress=None):
        seen.append((list(articles), date))
        return [Extraction(text, (), (), (), DATE, "argument", name) for name, text in articles]

    monkeypatch.setattr(engine_mod, "extract_articles", fake)
    calls = []
    kept = Extraction("Nothing.", (), (), (), DATE, "argument", "kept")
    d = engine_mod.Engine(method="rules").digest(
        [("a", "Text one."), kept, "Text two."], date="2022-03-01", progress=lambda *done: calls.append(done))
    assert seen == [([("a", "Text one."), (None, "Text two.")], "2022-03-01")]
    assert d.articles == ("a", "kept", "#2")
    assert calls == [(2, 2)]


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


def test_an_act_reported_without_quotation_marks_is_set_aside():
    """'China abstained from the vote on the resolution': an act, not words; the same cue with words in
    quotation marks stays a statement. The bundled lexicon's action-cue list decides."""
    from quotes.lexicon import load_lexicon
    from quotes.records import Quote

    text = "China abstained from the vote on the resolution. China said “we abstained for peace”."
    act = Span.of(text, text.index("from"), text.index("."))
    said = Span.of(text, text.index("we abstained"), text.index("peace") + 5)
    quotes_ = (Quote((act,), "indirect", None, "abstain", None, Speaker("organisation", "China"), "cue-subject", 0.9),
               Quote((said,), "direct", None, "abstain", None, Speaker("organisation", "China"), "cue-subject", 0.9,
                     quoted=(said,)))
    d = digest([Extraction(text, quotes_, (), (), DATE, "argument", "x")], lexicon=load_lexicon())
    assert [g.canonical for g in d.set_aside] == ["from the vote on the resolution"]
    assert [g.canonical for s in d.speakers for g in s.groups] == ["we abstained for peace"]


def test_sources_of_one_lower_case_word_share_one_entry():
    """'many', 'you', 'reports': no speaker an editor can name; their statements share the entry 'unnamed
    sources', each wording still given to its own source."""
    text = "Many said “the talks will fail soon enough”. You said “the sanctions will bite hard now”."
    a = quoting("a", text, ("the talks will fail soon enough", Speaker("anonymous", name="many")),
                ("the sanctions will bite hard now", Speaker("anonymous", name="you")))
    d = digest([a], lexicon=LEX)
    (entry,) = [s for s in d.speakers if s.label == "unnamed sources"]
    assert len(entry.groups) == 2 and all(s.label not in ("many", "you") for s in d.speakers)
    assert {o.speaker.label for g in entry.groups for o in g.occurrences} == {"many", "you"}


def test_a_position_without_words_is_set_aside_a_clause_is_listed():
    """'Beijing condemned the invasion' reports a position, no words (a bare noun phrase, no quotation marks):
    set aside, as the issue asks of a digest's statements; 'said the talks would go on' is listed."""
    from quotes.engine import extract

    text = ("Foreign Minister Wang Yi condemned the invasion on Monday.\n\n"
            "Foreign Minister Wang Yi said the talks would go on.\n")
    ex = extract(text, date="2022-03-01", name="005")
    phrase = [q for q in ex.quotes if "invasion" in q.text]
    clause = [q for q in ex.quotes if "talks" in q.text]
    assert clause and all(q.clause for q in clause)
    assert phrase and not any(q.clause for q in phrase)
    d = digest([ex], lexicon=LEX)
    listed = [o.text for s in d.speakers for g in s.groups for o in g.occurrences]
    assert any("talks" in t for t in listed) and not any("invasion" in t for t in listed)
    assert any("invasion" in o.text for g in d.set_aside for o in g.occurrences)


def test_the_check_says_what_it_did_with_each_quotation():
    """'N quotations: X as in the sources, Y misattributed, Z unverified', in the report and its text."""
    from quotes.render import check_text

    src = quoting("cctv", REGRETS, (R_WORDS, "Q1"))
    xi = quoting("xi", XI_TEXT, (SOV_XI, "Q2"))
    text = REGRETS + " " + XI_TEXT + " Li said it was ‘a day of shame for everyone involved’."
    draft = quoting("draft", text, (R_WORDS, "Q1"), (SOV_XI, "Q1"), ("a day of shame for everyone involved", "Q1"))
    r = check(draft, sources=[src, xi], lexicon=LEX)
    assert r.tally == {"quotations": 3, "as in sources": 1, "altered": 0, "misattributed": 1, "unverified": 1}
    assert "3 quotations: 1 as in the sources, 1 misattributed, 1 unverified" in check_text(r).splitlines()[0]
    clean = check(quoting("draft", REGRETS, (R_WORDS, "Q1")), sources=[src], lexicon=LEX)
    assert check_text(clean).endswith("1 quotation: 1 as in the sources; clean, nothing to look at.")


def test_a_noun_phrase_with_a_relative_clause_is_no_clause_a_claim_is():
    """'a draft resolution that would have deplored the invasion' is a noun phrase (its verb is the noun's
    own); 'the accusation that Washington provoked the war' holds a claim; 'the talks would go on' is a clause."""
    from quotes.engine import extract

    text = ("Foreign Minister Wang Yi rejected a draft resolution that would have deplored the invasion.\n\n"
            "Foreign Minister Wang Yi repeated the accusation that Washington provoked the war.\n\n"
            "Foreign Minister Wang Yi said the talks would go on.\n")
    clause = {q.text: q.clause for q in extract(text, date="2022-03-01").quotes}
    assert [v for t, v in clause.items() if "deplored" in t] == [False]
    assert [v for t, v in clause.items() if "provoked" in t] == [True]
    assert [v for t, v in clause.items() if "talks" in t] == [True]
