"""Quotation marks: pairing, apostrophes, nesting, multi-paragraph quotes, stray marks (quotes.marks)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from quotes.marks import Quotation, find_quotations, normalise_marks
from quotes.records import Span


def _inner(text: str, **kw) -> list[str]:
    return [q.inner.text for q in find_quotations(text, **kw)[0]]


def _codes(text: str) -> list[str]:
    return [d.code for d in find_quotations(text)[1]]


def _all_spans(quotations, diagnostics):
    for q in quotations:
        yield q.span
        yield q.inner
        yield from q.pieces
    for d in diagnostics:
        if d.span is not None:
            yield d.span


def _shape(quotations, diagnostics, by: int = 0):
    """Everything about a result, with offsets moved back by ``by``."""
    qs = [((q.span.start - by, q.span.end - by), (q.inner.start - by, q.inner.end - by),
           tuple((p.start - by, p.end - by) for p in q.pieces), q.open_mark, q.close_mark, q.depth, q.closed)
          for q in quotations]
    ds = [(d.code, d.severity, (d.span.start - by, d.span.end - by) if d.span else None) for d in diagnostics]
    return qs, ds


# --- seed patterns ---------------------------------------------------------------------------

def test_curly_double_quotes_seed_000():
    """Seed 000: “truly regrets” and “deepening political mutual trust.” pair; Russia’s is an apostrophe."""
    text = ("China says it “truly regrets” the conflict. The Chinese government’s support for Putin is fading.\n"
            "Xi Jinping celebrated 30 years of relations with Ukraine, praising their “deepening political mutual trust.”")
    quotations, diagnostics = find_quotations(text)
    assert [q.inner.text for q in quotations] == ["truly regrets", "deepening political mutual trust."]
    assert all(q.open_mark == "“" and q.close_mark == "”" and q.closed and q.depth == 0 for q in quotations)
    assert quotations[0].span.text == "“truly regrets”"
    assert diagnostics == ()


def test_british_single_quotes_with_apostrophes_seed_001():
    """Seed 001: straight single quotes next to Russia's and Beijing's apostrophes pair as quotations."""
    text = ("China says it 'deeply regrets' Russia’s war in Ukraine in latest sign Beijing's support of Putin is cracking\n\n"
            "Foreign Minister Wang Yi told Dmytro Kuleba that Beijing 'deeply regrets that conflict has broken out', "
            "state broadcaster CCTV reported, adding that Wang called for the two countries to 'find a way to resolve "
            "the issue through negotiations'. China has found itself walking a tightrope after Russia's invasion.")
    assert _inner(text) == ["deeply regrets", "deeply regrets that conflict has broken out",
                            "find a way to resolve the issue through negotiations"]
    assert _codes(text) == []


def test_plural_possessive_inside_quotation_seed_002():
    """Seed 002: ‘... both sides’ future ...,’ is one quotation; sides’ is a plural possessive."""
    text = ("‘The friendship between the two peoples is rock-solid, and both sides’ future cooperation prospects "
            "are very vast,’ said Wang at an annual press briefing.")
    quotations, diagnostics = find_quotations(text)
    assert len(quotations) == 1
    assert quotations[0].inner.text.endswith("are very vast,")
    assert "both sides’ future" in quotations[0].inner.text
    assert diagnostics == ()


def test_plural_possessive_outside_quotation_is_silent():
    """countries' sovereignty, including Ukraine's (seed 001): apostrophes only, no stray-mark warning."""
    text = "Wang Yi said China respects countries' sovereignty, including Ukraine's, but that Russia's concerns matter."
    assert find_quotations(text) == ((), ())


def test_nested_same_family_seed_002_and_001():
    """‘no ‘forbidden’ areas of cooperation’ (curly) and 'no 'forbidden' areas...' (straight) nest at depth 1."""
    for text in ("said they would have ‘no ‘forbidden’ areas of cooperation’.",
                 "said they would have 'no 'forbidden' areas of cooperation'."):
        quotations, diagnostics = find_quotations(text)
        assert [(q.inner.text, q.depth) for q in quotations] == [
            (text[22:-2], 0), ("forbidden", 1)], text
        assert diagnostics == ()


def test_nested_quote_with_contractions_seed_001():
    """Seed 001: an inner quote full of contractions (We're, we're) inside an outer straight quote."""
    text = ("'People are watching a lot more carefully, and that 'We're not going to take sides, and we're going to "
            "fade into the background', is no longer a viable option,' she said. ")
    quotations, _ = find_quotations(text)
    assert [q.depth for q in quotations] == [0, 1]
    assert quotations[0].inner.text.endswith("is no longer a viable option,")
    assert quotations[1].inner.text == "We're not going to take sides, and we're going to fade into the background"


def test_nested_single_in_double():
    """He said 'no' loudly inside double quotes: the single quotation is depth 1 inside the double one."""
    text = "\"He said 'no' loudly,\" she said."
    quotations, _ = find_quotations(text)
    assert [(q.inner.text, q.depth) for q in quotations] == [("He said 'no' loudly,", 0), ("no", 1)]
    assert quotations[1].span.start > quotations[0].span.start and quotations[1].span.end < quotations[0].span.end


def test_adjacent_quotations_seed_002():
    """the ‘Ukraine situation’ ‘complex’: two quotations side by side."""
    assert _inner("Wang called the causes of the ‘Ukraine situation’ ‘complex’, saying so.") == [
        "Ukraine situation", "complex"]


def test_ellipsis_inside_quotation_seed_001_and_003():
    """'refrain... from' and “Ukraine … looks forward” keep their ellipses inside one quotation."""
    assert _inner("advised its citizens to 'refrain... from displaying signs of identification', just days") == [
        "refrain... from displaying signs of identification"]
    assert _inner("and “Ukraine … looks forward to China playing a role,” the government said") == [
        "Ukraine … looks forward to China playing a role,"]


def test_multi_paragraph_quote_seed_003():
    """Seed 003: a paragraph that reopens the quote continues it; only the last paragraph closes it."""
    text = ("“China deplores the outbreak of conflict,” he said. “China’s basic position on the Ukraine issue is "
            "open, transparent, and consistent.\n\n“We have always advocated respect for the sovereignty of all "
            "countries. China calls on Ukraine and Russia to find a solution.”\n\nUkraine said Kuleba had pushed Wang.")
    quotations, diagnostics = find_quotations(text)
    assert len(quotations) == 2 and diagnostics == ()
    multi = quotations[1]
    assert [p.text for p in multi.pieces] == [
        "China’s basic position on the Ukraine issue is open, transparent, and consistent.",
        "We have always advocated respect for the sovereignty of all countries. China calls on Ukraine and Russia "
        "to find a solution.",
    ]
    assert multi.closed and multi.open_mark == "“" and multi.close_mark == "”"
    assert multi.span.text.startswith("“China’s") and multi.span.text.endswith("solution.”")
    assert "\n\n“We have" in multi.inner.text


def test_multi_paragraph_quote_three_paragraphs_single_newlines():
    """Three paragraphs separated by single newlines, each reopening with ': one quotation, three pieces."""
    text = "'One.\n'Two.\n'Three,' he said.\nNext paragraph with Russia's war."
    quotations, diagnostics = find_quotations(text)
    assert [[p.text for p in q.pieces] for q in quotations] == [["One.", "Two.", "Three,"]]
    assert diagnostics == ()


def test_headline_quote_seed_003():
    """Seed 003 headline: China Offers To Intervene In Russia ‘Ceasefire’ Agreement."""
    assert _inner("China Offers To Intervene In Russia ‘Ceasefire’ Agreement With Ukraine") == ["Ceasefire"]


def test_apostrophes_are_not_quotes():
    """Russia's, Russia’s, Xi’s, D.C.’s, don't, o'clock, ’80s, '90s, rock 'n' roll and rock ’n’ roll pair nothing."""
    text = ("Russia's war, Russia’s war, Xi’s call; don't stop at 5 o'clock. In the ’80s and '90s it was "
            "rock 'n' roll and rock ’n’ roll, the Smiths’ house, goin' home, Washington D.C.’s board.")
    assert find_quotations(text) == ((), ())


def test_elisions_are_apostrophes_unless_a_quotation_needs_them():
    """’80s, 'em and 'til are apostrophes, unless a later closing mark shows they open a quotation."""
    assert find_quotations("Back in the '80s we beat 'em, 'til the end.") == ((), ())
    assert _inner("'80s music was the best,' he said.") == ["80s music was the best,"]
    assert _inner("'In the '80s we were young,' he said.") == ["In the '80s we were young,"]


def test_quote_after_apostrophes_still_pairs():
    """An apostrophe-heavy sentence followed by a real quotation: the quotation is found, nothing else."""
    text = "In the ’80s Xi’s father didn't say 'never' to rock 'n' roll."
    assert _inner(text) == ["never"]


def test_guillemets_and_low_high_marks():
    """French «...» (with inner spaces), German „...“ and »...«, single ‹...› and ‚...‘ all pair."""
    assert _inner("«Non», dit-il. « Oui » aussi.") == ["Non", " Oui "]
    assert _inner("„Nein“, sagte er. »Ja«, sagte sie. ‚Gut‘ und ‹bien›.") == ["Nein", "Ja", "Gut", "bien"]
    assert _codes("„Nein“, sagte er. »Ja«, sagte sie.") == []


def test_primes_as_quotes():
    """Double and single primes typed as quotation marks pair like straight marks; 6′ 2″ is a height."""
    assert _inner("He said ″no″ and ′yes′ today.") == ["no", "yes"]
    assert find_quotations("He is 6′ 2″ tall.") == ((), ())


# --- unbalanced and mixed marks --------------------------------------------------------------

def test_unclosed_quote_gives_diagnostic_and_unclosed_quotation():
    """An opening mark never closed: a warning on the mark and an unclosed quotation to the paragraph end."""
    text = "He said “we will never give up.\n\nShe said “yes.”"
    quotations, diagnostics = find_quotations(text)
    assert [(q.inner.text, q.closed, q.close_mark) for q in quotations] == [
        ("we will never give up.", False, ""), ("yes.", True, "”")]
    assert [(d.code, d.severity, d.span.text, d.span.start) for d in diagnostics] == [
        ("unbalanced-quote", "warning", "“", 8)]


def test_stray_closing_mark():
    """A closing mark with nothing to close: a warning on that mark; the later quotation still pairs."""
    text = "a stray ” here and “a quote” there"
    quotations, diagnostics = find_quotations(text)
    assert [q.inner.text for q in quotations] == ["a quote"]
    assert [(d.code, d.span.start) for d in diagnostics] == [("unbalanced-quote", 8)]


def test_one_stray_mark_does_not_flip_the_article():
    """A stray straight quote in paragraph one leaves every later paragraph paired correctly (no parity)."""
    good = "\n\n".join(f'"Quote number {i}," he said. "And more {i}."' for i in range(5))
    text = 'He said "this never closes.\n\nPlain paragraph.\n\n' + good
    quotations, diagnostics = find_quotations(text)
    assert [q.inner.text for q in quotations][1:] == [s for i in range(5) for s in (f"Quote number {i},", f"And more {i}.")]
    assert [d.code for d in diagnostics] == ["unbalanced-quote"]


def test_mixed_marks_tolerated_with_diagnostic():
    """“...\" pairs as one quotation with a mixed-quote-marks diagnostic covering it."""
    quotations, diagnostics = find_quotations('He said “mixed" marks.')
    assert [q.inner.text for q in quotations] == ["mixed"]
    assert [(d.code, d.span.text) for d in diagnostics] == [("mixed-quote-marks", '“mixed"')]


def test_inner_mark_left_open_when_outer_closes():
    """“He said ‘no, she said.” closes the outer quotation and reports the inner ‘ as unbalanced."""
    quotations, diagnostics = find_quotations("“He said ‘no, she said.” Then silence.")
    assert [(q.depth, q.closed) for q in quotations] == [(0, True), (1, False)]
    assert [(d.code, d.span.text) for d in diagnostics] == [("unbalanced-quote", "‘")]


def test_hard_wrapped_quotation_continues_over_the_line_break():
    """A line cut mid-sentence (next line starts lowercase) does not end an open quotation."""
    text = "He said “we will never\ngive up,” and left."
    assert _inner(text) == ["we will never\ngive up,"]


# --- ignore ----------------------------------------------------------------------------------

def test_ignore_drops_quotations_and_their_marks(seeds):
    """Seed 000: ‘WORLD WAR’ inside the READ ALSO teaser is dropped when the teaser is ignored."""
    text = seeds["000_3e577ab3d1a4b900"]
    start = text.index("READ ALSO")
    end = text.index("\n", start)
    quotations, _ = find_quotations(text, ignore=[Span.of(text, start, end)])
    assert "WORLD WAR" not in [q.inner.text for q in quotations]
    assert len(quotations) == len(find_quotations(text)[0]) - 1


def test_multi_paragraph_quote_runs_past_an_ignored_caption():
    """A caption between two paragraphs of one quote is skipped: the quote still has two pieces."""
    text = "“First part of it.\n\nPictured: Wang Yi in Beijing\n\n“Second part,” he said."
    caption = Span.of(text, text.index("Pictured"), text.index("\n\n“Second"))
    quotations, diagnostics = find_quotations(text, ignore=[caption])
    assert [[p.text for p in q.pieces] for q in quotations] == [["First part of it.", "Second part,"]]
    assert diagnostics == ()
    assert [len(q.pieces) for q in find_quotations(text)[0]] == [1, 1]


def test_stray_mark_inside_ignored_region_is_silent():
    """A stray mark inside an ignored span neither warns nor disturbs pairing."""
    text = "Caption: a ” stray.\n“Real,” he said."
    span = Span.of(text, 0, text.index("\n"))
    assert find_quotations(text, ignore=[span])[1] == ()
    assert _inner(text, ignore=[span]) == ["Real,"]


# --- whole seeds -----------------------------------------------------------------------------

def test_seed_counts(seeds):
    """Every seed pairs without a single diagnostic; quotation counts per seed are pinned."""
    expected = {"000_3e577ab3d1a4b900": 8, "001_b4735100701c3752": 22, "002_2fe322bd87738eb3": 26,
                "003_3c8eb3348f87d2b3": 13}
    for stem, text in seeds.items():
        quotations, diagnostics = find_quotations(text)
        assert diagnostics == (), stem
        assert len(quotations) == expected[stem], stem
        assert sum(len(q.pieces) > 1 for q in quotations) == (1 if stem.startswith("003") else 0)


def test_normalise_marks():
    """normalise_marks straightens every mark, keeps the length, and is idempotent."""
    text = "“China’s ‘basic’ position,” he said. «Non» „ja“ ‚so‘ ‹x› ″y″"
    flat = normalise_marks(text)
    assert len(flat) == len(text)
    assert flat == "\"China's 'basic' position,\" he said. \"Non\" \"ja\" 'so' 'x' \"y\""
    assert normalise_marks(flat) == flat


# --- properties ------------------------------------------------------------------------------

MARKY = st.lists(
    st.sampled_from(list("ab sS.,!?\n—-…01") + list("\"'“”‘’„‚«»‹›″′") + ["\r\n", "\u2029", "\xa0", "n"]),
    max_size=60,
).map("".join)
WORD = st.sampled_from(["China", "deplores", "the", "war", "we", "regret", "both", "sides", "peace", "calm"])
NAME = st.sampled_from(["Wang", "Mr. Wang", "the minister", "Xi Jinping", "she"])


@settings(max_examples=150)
@given(MARKY)
@example("'n'")
@example("'' ''")
@example("“a\n\n“")
@example("'a\n'\n")
@example("‘a s’ b’ ‘c’")
@example("a\n\n\n“a\n\n“b\n\n“”")
def test_never_raises_and_spans_slice_back(text):
    """find_quotations never raises, and every span (quotation, inner, piece, diagnostic) slices back."""
    quotations, diagnostics = find_quotations(text)
    for span in _all_spans(quotations, diagnostics):
        assert text[span.start:span.end] == span.text
    for q in quotations:
        assert q.span.start <= q.inner.start <= q.inner.end <= q.span.end
        assert all(q.inner.start <= p.start <= p.end <= q.inner.end for p in q.pieces)
        assert q.span.text.startswith(q.open_mark)
        assert q.closed == bool(q.close_mark)
        if q.closed:
            assert q.span.text.endswith(q.close_mark)


@settings(max_examples=100)
@given(MARKY, st.text(alphabet="ab .,\n", max_size=20))
@example('"x', "a")
@example("x", "a\n\n")
def test_prefix_shifts_every_offset(text, prefix):
    """A mark-free prefix ending in a line break shifts every offset by its length and changes nothing else."""
    prefix = prefix + "\n"
    base = find_quotations(text)
    moved = find_quotations(prefix + text)
    assert _shape(*moved, by=len(prefix)) == _shape(*base)


@settings(max_examples=100)
@given(MARKY, st.integers(0, 80), st.integers(0, 20))
@example('"„', 1, 0)
def test_ignored_regions_yield_nothing(text, start, length):
    """No quotation opens or closes inside an ignored span, and no diagnostic points into one."""
    start = min(start, len(text))
    span = Span.of(text, start, min(len(text), start + length))
    quotations, diagnostics = find_quotations(text, ignore=[span])
    for q in quotations:
        assert not span.start <= q.span.start < span.end
        assert not (q.closed and span.start <= q.span.end - 1 < span.end)
    marks = [d.span for d in diagnostics if d.code == "unbalanced-quote"]
    assert not any(len(span) and m.overlaps(span) for m in marks)


STYLES = [('"', '"', "'", "'", "'"), ("“", "”", "‘", "’", "’")]


@settings(max_examples=80)
@given(st.lists(WORD, min_size=1, max_size=8), NAME, st.booleans(), st.booleans(), st.booleans())
def test_curly_and_straight_marks_give_the_same_quotations(words, name, single, possessive, nested):
    """`"{q}," {name} said.` and `“{q},” {name} said.` (and the single-mark pair) give the same offsets."""
    results = []
    for d_open, d_close, s_open, s_close, apos in STYLES:
        ws = list(words)
        if possessive:
            ws.insert(0, f"Russia{apos}s")
            ws.append(f"sides{apos}")
            ws.append("future")
        if nested:
            inner_open, inner_close = (d_open, d_close) if single else (s_open, s_close)
            ws.insert(len(ws) // 2, f"{inner_open}calm{inner_close}")
        q = " ".join(ws)
        o, c = (s_open, s_close) if single else (d_open, d_close)
        text = f"{o}{q},{c} {name} said."
        quotations, diagnostics = find_quotations(text)
        results.append(_shape(quotations, diagnostics)[0])
        assert quotations and quotations[0].depth == 0 and quotations[0].closed
        assert quotations[0].inner.text == f"{q},"
        assert [d.code for d in diagnostics] == []
    a, b = results
    strip = [x[:3] + x[5:] for x in a], [x[:3] + x[5:] for x in b]
    assert strip[0] == strip[1]


@settings(max_examples=60)
@given(MARKY)
def test_normalise_marks_keeps_length(text):
    """normalise_marks keeps the length and leaves no curly mark behind."""
    flat = normalise_marks(text)
    assert len(flat) == len(text)
    assert not set(flat) & set("“”‘’„‚«»‹›″′")


def test_quotation_record_fields():
    """Quotation is a frozen record whose fields are what find_quotations fills."""
    q = find_quotations("“Yes,” he said.")[0][0]
    assert isinstance(q, Quotation)
    assert (q.open_mark, q.close_mark, q.depth, q.closed, q.text) == ("“", "”", 0, True, "Yes,")
