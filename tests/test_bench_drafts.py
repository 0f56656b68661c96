"""The doctored-drafts yardstick's scoring (bench/drafts.py) on made-up drafts and findings, and the
title cases' scoring (bench/titles.py) on made-up cases: no drafts, sources or models needed."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

from quotes import Finding, Span

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(name: str):  # type: ignore[no-untyped-def]
    """bench/<name>.py, loaded from its path (bench/ is not a package); registered in sys.modules, where
    dataclasses look their module up."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


drafts = _load("drafts")
titles = _load("titles")

DRAFT = ('Senator Jane Roe said: "We will cut taxes next year." '
         'Mayor Bob Poe added: "The bridge opens in May." '
         'Roe also said: "Nobody asked me."\n')
ERRORS = [
    {"kind": "altered", "draft_text": '"We will cut taxes next year."', "speaker_in_draft": "Jane Roe"},
    {"kind": "wrong-title", "draft_text": "Mayor Bob Poe", "speaker_in_draft": "Bob Poe"},
    {"kind": "invented", "draft_text": '"Nobody asked me."', "speaker_in_draft": "Roe"},
]


def _finding(code: str, severity: str, words: str, *, shift: int = 0, length: int | None = None) -> Finding:
    start = DRAFT.index(words) + shift
    end = start + (len(words) if length is None else length)
    return Finding(code, severity, "draft", Span.of(DRAFT, start, end), f"{code} on {words}")


def test_locate_gives_each_error_the_offsets_of_its_draft_text():
    """Each injected error is placed where its draft_text stands in the draft."""
    located = drafts.locate(DRAFT, ERRORS)
    assert [(e.kind, DRAFT[e.start:e.end]) for e in located] == [(e["kind"], e["draft_text"]) for e in ERRORS]
    assert located[1].speaker == "Bob Poe"


def test_overlap_needs_a_shared_character_and_treats_an_empty_span_as_its_first_character():
    """Spans that only touch do not overlap; an empty span inside another does."""
    assert drafts.overlaps(0, 5, 4, 9)
    assert not drafts.overlaps(0, 5, 5, 9)
    assert drafts.overlaps(3, 3, 0, 5)
    assert not drafts.overlaps(5, 5, 0, 5)


def test_a_finding_matches_an_error_by_overlap_and_is_right_only_with_its_kind_s_code():
    """An altered quotation flagged unsourced is caught but not with the right code; a wrong-title
    error found by a finding covering part of the title is caught with the right code."""
    found = [
        _finding("unsourced", "warning", "We will cut taxes"),
        _finding("wrong-title", "error", "Mayor", length=9),  # "Mayor Bob"
    ]
    s = drafts.score_draft("d99", False, 1, drafts.locate(DRAFT, ERRORS), found)
    assert [bool(r) for r in s.right] == [False, True, False]
    assert [bool(a) for a in s.loud] == [True, True, False]
    assert s.false_alarms == []


def test_false_alarms_are_warnings_and_errors_that_match_no_error():
    """A warning on an untouched quotation is a false alarm; an info finding never is."""
    found = [
        _finding("altered-wording", "warning", "The bridge opens"),
        _finding("ambiguous-speaker", "info", "Roe also"),
        _finding("misattribution", "error", "Senator Jane Roe"),
    ]
    s = drafts.score_draft("d99", False, 1, drafts.locate(DRAFT, ERRORS[:1]), found)
    assert [f.code for f in s.false_alarms] == ["altered-wording", "misattribution"]


def test_an_info_finding_of_the_right_code_is_counted_apart_and_is_not_a_catch():
    """An invented quotation noted only as an info "unsourced" finding is not caught; it is tallied as
    right code as info only."""
    found = [_finding("unsourced", "info", '"Nobody asked me."')]
    s = drafts.score_draft("d99", False, 0, drafts.locate(DRAFT, ERRORS), found)
    t = drafts.Tally()
    drafts.add(t, s)
    assert t.injected == {"altered": 1, "wrong-title": 1, "invented": 1}
    assert sum(t.right.values()) == 0 and sum(t.caught.values()) == 0
    assert t.info_only == Counter(invented=1)  # Counter equality: missing counts as 0


def test_tally_and_summary_over_a_doctored_and_two_clean_drafts():
    """Totals add up over drafts and the summary states each bar: here 2 of 3 errors caught with the
    right code (below 90%), 1 false alarm in 3 drafts (above 0.1), 1 of 2 clean drafts exiting 0."""
    located = drafts.locate(DRAFT, ERRORS)
    doctored = drafts.score_draft("d01", False, 1, located, [
        _finding("altered-wording", "error", "cut taxes"),
        _finding("wrong-title", "warning", "Mayor Bob Poe"),
        _finding("misattribution", "warning", "Nobody asked"),  # caught, but with another code
    ])
    quiet = drafts.score_draft("d02", True, 0, [], [_finding("unsourced", "info", "Nobody asked")])
    noisy = drafts.score_draft("d03", True, 1, [], [_finding("unsourced", "warning", "The bridge")])
    t = drafts.Tally()
    for s in (doctored, quiet, noisy):
        drafts.add(t, s)
    assert (t.drafts, t.clean, t.clean_exit_0) == (3, 2, 1)
    assert sum(t.right.values()) == 2 and sum(t.caught.values()) == 3
    assert t.false_alarms == Counter(unsourced=1)
    lines = drafts.summary(t)
    invented = next(line for line in lines if line.startswith("invented"))
    assert invented.split()[:6] == ["invented", "unsourced", "1", "0", "0.0%", "1"]
    text = "\n".join(lines)
    assert "caught with the right code: 2/3 (66.7%); bar >= 90%: below the bar" in text
    assert "1 in 3 drafts, 0.33 per draft; bar <= 0.1: below the bar (unsourced 1)" in text
    assert "clean drafts exiting 0: 1/2 (50.0%); bar >= 95%: below the bar" in text


def test_listing_marks_hits_false_alarms_and_misses():
    """--list shows which error each finding hit, the false alarms, and every error not caught."""
    s = drafts.score_draft("d07", False, 1, drafts.locate(DRAFT, ERRORS), [
        _finding("altered-wording", "error", "cut taxes"),
        _finding("unsourced", "warning", "The bridge"),
    ])
    out = "\n".join(drafts.listing(s))
    assert "hit altered #1" in out and "FALSE" in out
    assert "#2 MISSED     wrong-title" in out and "#3 MISSED     invented" in out
    assert "#1 caught" in out


def test_sources_resolve_against_the_repository_or_the_shared_folder(tmp_path, monkeypatch):
    """seeds/ paths are the repository's; polnear/ paths are in $QUOTES_SHARED when it is set."""
    monkeypatch.setenv("QUOTES_SHARED", str(tmp_path))
    shared = drafts.shared_folder()
    assert shared == tmp_path
    assert drafts.resolve("seeds/x.txt", shared) == drafts.ROOT / "seeds" / "x.txt"
    assert drafts.resolve("polnear/dev/text/a.txt", shared) == tmp_path / "polnear" / "dev" / "text" / "a.txt"


def _title_finding(message: str, code: str = "wrong-title") -> Finding:
    text = "President Kamala Harris said ..."
    return Finding(code, "error", "t99", Span.of(text, 0, 23), message)


def test_titles_holder_named_in_full_whatever_the_accents_punctuation_and_parentheses():
    """The holder counts as named when the full name is in the message (a parenthetical in the case's
    holder is dropped, one in the message kept); a family name alone is not enough."""
    assert titles.names_holder("X was not President (the President was Andrés Manuel López Obrador)",
                               "Andres Manuel Lopez Obrador")
    assert titles.names_holder("(the National Security Adviser was Marco Rubio)", "Marco Rubio (interim)")
    assert titles.names_holder("the President was Yoon Suk-yeol", "Yoon Suk Yeol")
    assert not titles.names_holder("the President was Mr. Rubio", "Marco Rubio")
    assert not titles.names_holder("anything", None)


def test_titles_summary_counts_flagged_wrong_cases_and_silent_correct_ones():
    """A wrong case is flagged only by a wrong-title finding (another code is counted apart); a correct
    case with a wrong-title finding is not silent; the holder is counted among flagged wrong cases with one."""
    cases = [
        {"id": "t1", "correct": False, "kind": "predecessor", "actual_holder": "Friedrich Merz"},
        {"id": "t2", "correct": False, "kind": "never-held", "actual_holder": None},
        {"id": "t3", "correct": False, "kind": "successor", "actual_holder": "Rishi Sunak"},
        {"id": "t4", "correct": True, "kind": "correct", "actual_holder": "Rishi Sunak"},
        {"id": "t5", "correct": True, "kind": "former", "actual_holder": "Keir Starmer"},
    ]
    findings = [
        [_title_finding("Olaf Scholz was not Chancellor of Germany (the Chancellor was Friedrich Merz)")],
        [_title_finding("Fumio Kishida was Prime Minister of Japan, not President of Japan")],
        [_title_finding("a title and a name of two people", code="conflated-name")],
        [],
        [_title_finding("Rishi Sunak was not Prime Minister (the Prime Minister was Keir Starmer)")],
    ]
    outcomes = [titles.score_case(c, f) for c, f in zip(cases, findings)]
    lines = titles.summary(cases, outcomes)
    assert lines[0] == ("wrong titles flagged wrong-title: 2/3 (66.7%); "
                        "1 more flagged only with another warning/error code")
    assert lines[1].startswith("  of those, the message names the actual holder: 1/1 (100.0%")
    assert lines[2] == "correct titles left silent (no wrong-title): 1/2 (50.0%)"
    rows = {line.split()[0]: line.split()[1:] for line in lines[4:]}
    assert rows["predecessor"] == ["1", "1", "1", "0"] and rows["former"] == ["1", "1", "-", "0"]
