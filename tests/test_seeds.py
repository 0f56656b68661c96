"""The hard cases of the four seed articles, end to end on the shipped models."""

from __future__ import annotations

import pytest

import quotes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(seeds):
    return {r.name[:3]: r for r in quotes.extract_many(list(seeds.items()))}


def _quote_containing(result, words):
    found = [q for q in result.quotes if words in result.text[q.start:q.end]]
    assert found, f"no quote containing {words!r}"
    return found[0]


def test_wrong_title_is_visible_as_a_mention(results):
    """Seed 000: 'Ukrainian President Dmytro Kuleba' is a mention of Kuleba under the title President of Ukraine."""
    m = next(m for m in results["000"].mentions if m.name is not None and m.name.text == "Dmytro Kuleba")
    assert m.title is not None and m.title.text == "Ukrainian President"
    assert m.title_office == "President of Ukraine"
    assert m.speaker.name == "Dmytro Kuleba"


def test_inverted_cue_with_bare_surname(results):
    """Seed 002: '‘The friendship ... very vast,’ said Wang at an annual press briefing' is Wang Yi's, direct."""
    q = _quote_containing(results["002"], "The friendship between the two peoples is rock-solid")
    assert q.kind == "direct" and q.cue.text == "said"
    assert q.source.text == "Wang" and q.speaker.name == "Wang Yi"


def test_distant_bare_surname_is_ambiguous(results):
    """Seed 002: 'Wang said at the time' far from both full names is ambiguous between Wang Yi and Wang Wenbin."""
    q = _quote_containing(results["002"], "Regrettably, the draft resolution")
    assert q.speaker.kind == "ambiguous"
    assert set(q.speaker.candidates) >= {"Wang Yi", "Wang Wenbin"}


def test_multi_paragraph_quote_is_one_statement(results):
    """Seed 003: the quote that reopens its mark in the next paragraph is one quote in two pieces."""
    multi = [q for q in results["003"].quotes if len(q.content) > 1]
    assert multi, "no multi-piece quote in seed 003"
    assert any("sovereignty" in q.text for q in multi)


def test_partial_quote_after_call_on(results):
    """Seed 000: Wang 'called on the two countries to ‘find a way ...’' is a partial quote by Wang Yi."""
    q = _quote_containing(results["000"], "find a way to resolve the issue")
    assert q.kind == "partial"
    assert q.speaker.name == "Wang Yi"


def test_debris_is_not_quoted(results):
    """Seed 000: the photo caption and the READ ALSO teaser give no quotes."""
    r = results["000"]
    for q in r.quotes:
        assert "WORLD WAR" not in q.text and "Picturd" not in q.text
