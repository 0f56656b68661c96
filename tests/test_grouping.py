"""Statement groups: which quotes render one statement, the canonical wording, and order independence."""

from __future__ import annotations

import datetime as dt
import itertools
import unittest.mock

from hypothesis import example, given
from hypothesis import strategies as st

from quotes.grouping import _centres, group_statements
from quotes.records import Extraction, Quote, Span, Speaker
from quotes.wording import align_words, normalise, similarity, word_diff

DATE = dt.date(2022, 3, 1)
WANG = Speaker("person", "Wang Yi", "Q1", "Foreign Minister of China")
XI = Speaker("person", "Xi Jinping", "Q2", "President of China")
LI = Speaker("person", "Li Keqiang", "Q3", "Premier of China")


def article(name: str, *quotes: str | tuple[str, Speaker], kind: str = "direct") -> Extraction:
    """An article quoting each string inside curly quotation marks, one sentence each."""
    text, qs = "", []
    for item in quotes:
        words, who = (item, WANG) if isinstance(item, str) else item
        start = len(text)
        text += f"“{words}” the minister said. "
        content = Span.of(text, start, start + len(words) + 2)
        quoted = Span.of(text, start + 1, start + 1 + len(words))
        qs.append(Quote((content,), kind, None, "say", None, who, "cue-subject", 0.9, quoted=(quoted,)))  # type: ignore[arg-type]
    return Extraction(text, tuple(qs), (), (), DATE, "argument", name)


def keysets(groups) -> set[frozenset[tuple[str, int, int]]]:
    return {frozenset(o.key for o in g.occurrences) for g in groups}


REGRETS_BROKEN = ("deeply regrets that conflict has broken out between Ukraine and Russia, and is paying extreme "
                  "attention to the harm suffered by civilians")
REGRETS_ERUPTED = ("deeply regrets that conflict has erupted between Ukraine and Russia, and is paying extreme "
                   "attention to the harm suffered by civilians.")
DEPLORES = ("China deplores the outbreak of conflict between Ukraine and Russia, and is extremely concerned about "
            "the harm to civilians,")
SOVEREIGNTY_XI = "respects the sovereignty and territorial integrity of all nations"
SOVEREIGNTY_WANG = ("We have always advocated respect for the sovereignty and territorial integrity of all countries. "
                    "In response to the current crisis, China calls on Ukraine and Russia to find a solution to the "
                    "problem through negotiations and support all constructive international efforts conducive to a "
                    "political settlement.")
SECURITY = "respect the sovereignty, security and interests of other countries."


def test_normalise_drops_case_punctuation_marks_ellipsis_and_insertions():
    """Case, punctuation, quotation marks, ellipses and [bracketed insertions] are not part of the wording."""
    assert normalise("‘Refrain… from [the] DISPLAYING “signs”.’") == "refrain from displaying signs"
    assert normalise("refrain... from displaying signs") == "refrain from displaying signs"


def test_re_punctuated_and_re_translated_variants_group():
    """'has broken out' / 'has erupted' / 'China deplores the outbreak' are one statement."""
    groups = group_statements([article("a", REGRETS_BROKEN), article("b", REGRETS_ERUPTED), article("c", DEPLORES)])
    assert len(groups) == 1
    assert groups[0].articles == ("a", "b", "c")


def test_partial_quote_inside_longer_variant_groups():
    """A fragment quoted inside a longer wording of the same statement joins its group."""
    groups = group_statements([article("a", SOVEREIGNTY_WANG), article("b", (SOVEREIGNTY_XI, XI))])
    assert len(groups) == 1
    assert {s.name for s in groups[0].speakers} == {"Wang Yi", "Xi Jinping"}


def test_different_statements_stay_apart():
    """Statements that share a few words ('respect the sovereignty') but say different things are not joined."""
    groups = group_statements([article("a", SOVEREIGNTY_WANG), article("b", SECURITY),
                               article("c", "These are not in line with China's consistent position.")])
    assert len(groups) == 3


def test_a_common_phrase_ties_no_statements_together():
    """Reported speech that shares only a stock phrase ('the invasion of Ukraine': two content words) stays
    apart; a wording sharing three content words in runs still joins."""
    groups = group_statements([
        article("a", "Moscow's invasion of Ukraine", kind="indirect"),
        article("b", "the invasion of Ukraine had caused deep divisions in Europe", kind="indirect"),
        article("c", "Russia's illegal invasion of Ukraine", kind="indirect"),
        article("d", "condemned Russia's illegal invasion of Ukraine", kind="indirect"),
    ])
    assert keysets(groups) == {
        frozenset({("a", 0, 30)}), frozenset({("b", 0, 61)}), frozenset({("c", 0, 38), ("d", 0, 48)}),
    }


def test_short_quotes_group_only_on_exact_match():
    """One- and two-word quotes ('complex') join only identical wordings."""
    groups = group_statements([article("a", "complex"), article("b", "Complex."), article("c", "very complex"),
                               article("d", "complex and difficult")])
    assert keysets(groups) == {
        frozenset({("a", 0, 9), ("b", 0, 10)}), frozenset({("c", 0, 14)}), frozenset({("d", 0, 23)}),
    }


def test_canonical_is_fullest_wording_most_sources_quote():
    """The canonical wording is the longest one quoted verbatim (in full or in part) by most articles."""
    short = "deeply regrets that conflict has broken out between Ukraine and Russia"
    groups = group_statements([article("a", REGRETS_BROKEN), article("b", REGRETS_BROKEN + "."),
                               article("c", short), article("d", REGRETS_ERUPTED)])
    (g,) = groups
    assert g.canonical == REGRETS_BROKEN
    assert "3 of 4 articles" in g.canonical_reason


def test_group_id_is_stable_and_content_derived():
    """The id depends on the canonical wording only, not on article names or order."""
    g1 = group_statements([article("a", REGRETS_BROKEN), article("b", REGRETS_ERUPTED)])[0]
    g2 = group_statements([article("y", REGRETS_ERUPTED), article("x", REGRETS_BROKEN)])[0]
    assert g1.id == g2.id and g1.id.startswith("s-")


def test_diff_shows_word_changes_against_canonical():
    """diff() lists equal and replaced words between the canonical wording and a member."""
    (g,) = group_statements([article("a", REGRETS_BROKEN), article("b", REGRETS_BROKEN), article("c", REGRETS_ERUPTED)])
    member = next(o for o in g.occurrences if o.article == "c")
    changes = [(d.op, d.canonical, d.variant) for d in g.diff(member) if d.op != "equal"]
    assert changes == [("replace", "broken out", "erupted")]


def test_word_diff_ignores_case_and_punctuation():
    """Re-punctuation and case are not differences."""
    assert all(d.op == "equal" for d in word_diff("China, it said, REGRETS it.", "china it said regrets it"))


def test_similarity_is_symmetric():
    """The score does not depend on the order of its arguments."""
    for a, b in itertools.combinations([REGRETS_BROKEN, REGRETS_ERUPTED, DEPLORES, SECURITY, SOVEREIGNTY_XI], 2):
        assert similarity(a, b) == similarity(b, a)


def test_every_quote_is_in_exactly_one_group():
    """Groups partition the quotes: indirect and repeated quotes included."""
    arts = [article("a", REGRETS_BROKEN, SECURITY, REGRETS_BROKEN), article("b", "complex", kind="indirect")]
    groups = group_statements(arts)
    keys = [o.key for g in groups for o in g.occurrences]
    assert len(keys) == len(set(keys)) == 4


ADVOCATED = "We have always advocated respect for the sovereignty and territorial integrity of all countries."
NEGOTIATIONS = "China calls on Ukraine and Russia to find a solution to the problem through negotiations."
NEGOTIATIONS_LI = "China calls on both sides to find a solution to the problem through negotiations"

POOL = [REGRETS_BROKEN, REGRETS_ERUPTED, DEPLORES, SOVEREIGNTY_XI, SOVEREIGNTY_WANG, SECURITY, "complex", "Complex",
        "find a way to resolve the issue through negotiations", "deepening political mutual trust",
        "The New York Times report is purely fake news", "high-level", f"{ADVOCATED} {NEGOTIATIONS}", NEGOTIATIONS_LI]


@given(
    st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=4), min_size=1, max_size=6),
    st.randoms(use_true_random=False),
)
def test_grouping_does_not_depend_on_article_order(contents, rnd):
    """Shuffling the articles gives the same groups (as sets of (article, start, end)), ids and canonicals."""
    arts = [article(f"art{i}", *qs) for i, qs in enumerate(contents)]
    shuffled = list(arts)
    rnd.shuffle(shuffled)
    g1, g2 = group_statements(arts), group_statements(shuffled)
    assert keysets(g1) == keysets(g2)
    assert {(g.id, g.canonical) for g in g1} == {(g.id, g.canonical) for g in g2}


WORDS = [
    "china", "russia", "ukraine", "the", "of", "conflict", "regrets", "deeply", "harm", "civilians", "peace", "talks",
    "and", "is", "has",
]


def _all_pairs(stems):
    """The oracle for blocking: every pair of wordings long enough to be compared."""
    return ((i, j) for i, j in itertools.combinations(range(len(stems)), 2) if len(stems[i]) > 2 and len(stems[j]) > 2)


@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9).map(" ".join), min_size=2, max_size=8))
def test_blocking_loses_no_match(texts):
    """Oracle: the token-index blocking gives the groups that comparing every pair of wordings gives."""
    arts = [article(f"a{i}", t) for i, t in enumerate(texts)]
    fast = group_statements(arts)
    with unittest.mock.patch("quotes.grouping._candidate_pairs", _all_pairs):
        slow = group_statements(arts)
    assert keysets(fast) == keysets(slow)


@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9).map(" ".join), min_size=2, max_size=8))
def test_every_member_matches_its_group_centre(texts):
    """Each group has a centre wording that every other member matches directly (no chains)."""
    arts = [article(f"a{i}", t) for i, t in enumerate(texts)]
    for g in group_statements(arts):
        wordings = {normalise(o.text) for o in g.occurrences}
        assert any(all(w == c or similarity(w, c) >= 40 for w in wordings) for c in wordings), wordings


def test_chained_matches_do_not_join_unrelated_ends():
    """A~B~C~D, where A and D share nothing: the chain is cut; B (matching two, the longer) is a centre."""
    a = "China respects the sovereignty and territorial integrity of all nations"
    b = "the sovereignty and territorial integrity of all nations must be upheld by every country"
    c = "must be upheld by every country whatever the crisis may bring tomorrow"
    d = "whatever the crisis may bring tomorrow the markets will stay calm"
    groups = group_statements([article(n, t) for n, t in zip("abcd", [a, b, c, d])])
    assert keysets(groups) == {frozenset({("a", 0, len(a) + 2), ("b", 0, len(b) + 2), ("c", 0, len(c) + 2)}),
                               frozenset({("d", 0, len(d) + 2)})}


def test_align_words_finds_the_region_a_paraphrase_changes():
    """Stem-level alignment: 'deep apologies' renders 'deeply regrets' (one word kept), with character offsets."""
    wording = "Beijing deeply regrets that conflict has broken out between Ukraine and Russia"
    al = align_words("deep apologies", wording)
    assert wording[al.dest_start:al.dest_end] == "deeply regrets"
    assert (al.score, al.matched, al.changed, al.replaced) == (50.0, ("deep",), ("apologi",), ("regret",))
    piece = "China calls on both sides to find a solution to the problem through negotiations and restraint"
    al = align_words(piece, "find a way to resolve the issue through negotiations")
    assert piece[al.src_start:al.src_end] == "find a solution to the problem through negotiations"
    assert round(al.score) == 67  # 6 of 9 words: find a … to the … through negotiations
    assert align_words("frank and candid", wording) is None


@given(st.lists(st.sampled_from(POOL), min_size=1, max_size=10), st.sets(st.integers(1, 9), max_size=4))
@example([SOVEREIGNTY_XI, f"{ADVOCATED} {NEGOTIATIONS}", NEGOTIATIONS_LI], {1, 2}).via("a quote split in two")
@example([SOVEREIGNTY_XI, f"{ADVOCATED} {NEGOTIATIONS}", NEGOTIATIONS_LI], set()).via("the same, in one article")
def test_grouping_does_not_depend_on_batching(texts, cut_at):
    """The same quotes split into articles differently fall into the same groups (compared by quote, and for
    the sentences of a quote in different groups, by their place in the quote)."""
    cuts = sorted(c for c in cut_at if c < len(texts))
    batches = [texts[a:b] for a, b in zip([0, *cuts], [*cuts, len(texts)]) if texts[a:b]]

    def partition(arts):
        order, start = {}, {}
        for ex in arts:
            for i, q in enumerate(ex.quotes):
                order[(ex.name, i)] = len(order)
                start[(ex.name, i)] = q.start
        return {frozenset((order[o.article, o.quote_index], o.span.start - start[o.article, o.quote_index],
                           o.span.end - start[o.article, o.quote_index]) for o in g.occurrences)
                for g in group_statements(arts)}

    one = [article("all", *texts)]
    many = [article(f"b{i}", *b) for i, b in enumerate(batches)]
    assert partition(one) == partition(many)


def test_long_quotation_touching_several_statements_loosely_is_not_their_centre():
    """Centres go by total match score, not by the number of matches: a long quotation (2) matching three
    wordings loosely does not take the centre from a wording (0) that matches its variants closely,
    which would leave that wording's closest variant (1) out of its group."""
    keys = [(20, "deeply regrets broken out"), (20, "deeply regrets erupted"), (60, "deplores and sovereignty"),
            (9, "respects the sovereignty"), (8, "find a way")]
    edges = [(0, 1, 95.0), (0, 2, 42.0), (0, 4, 100.0), (2, 3, 78.0), (2, 4, 44.0)]
    centre_of = _centres(5, edges, keys)
    assert centre_of[0] == centre_of[1] == centre_of[2] == centre_of[4] == 0
    assert centre_of[3] == 3


def test_sentences_of_a_long_quote_join_the_statements_they_render():
    """A quote of two sentences, each the words another article gives to someone else (Xi's sovereignty line,
    Li's call for negotiations): each sentence joins the group of the statement it renders, as an
    occurrence of its own (same quote, the sentence's span), instead of one group joining all three."""
    quote = f"{ADVOCATED} {NEGOTIATIONS}"
    arts = [article("a", (SOVEREIGNTY_XI, XI)), article("b", (NEGOTIATIONS_LI, LI)), article("c", quote)]
    groups = group_statements(arts)
    assert keysets(groups) == {frozenset({("a", 0, len(SOVEREIGNTY_XI) + 2), ("c", 1, 1 + len(ADVOCATED))}),
                               frozenset({("b", 0, len(NEGOTIATIONS_LI) + 2),
                                          ("c", 2 + len(ADVOCATED), 1 + len(quote))})}
    parts = sorted((o for g in groups for o in g.occurrences if o.article == "c"), key=lambda o: o.span.start)
    assert [(o.quote_index, o.text, [p.text for p in o.quoted]) for o in parts] == [
        (0, ADVOCATED, [ADVOCATED]), (0, NEGOTIATIONS, [NEGOTIATIONS])]
    assert [{s.label for s in g.speakers} for g in groups] == [{"Xi Jinping", "Wang Yi"}, {"Li Keqiang", "Wang Yi"}]


def test_a_sentence_joins_a_statement_quoted_widely_although_its_quote_joined_another():
    """Seed 003: the quote's paragraph holds Xi's sovereignty line (quoted in two articles) and a call for
    negotiations close to Wang Yi's (quoted in two others); the sovereignty sentence goes to Xi's group."""
    quote = f"{ADVOCATED} {NEGOTIATIONS}"
    arts = [article("a", (SOVEREIGNTY_XI, XI), NEGOTIATIONS_LI), article("b", (SOVEREIGNTY_XI, XI), NEGOTIATIONS_LI),
            article("c", quote)]
    by_text = {g.canonical: {(o.article, o.text) for o in g.occurrences} for g in group_statements(arts)}
    assert by_text == {SOVEREIGNTY_XI: {("a", SOVEREIGNTY_XI), ("b", SOVEREIGNTY_XI), ("c", ADVOCATED)},
                       NEGOTIATIONS_LI: {("a", NEGOTIATIONS_LI), ("b", NEGOTIATIONS_LI), ("c", NEGOTIATIONS)}}


def test_a_long_quote_of_one_statement_stays_whole():
    """Sentences that render one statement stay one occurrence: the same two sentences in another article,
    or a partial quotation of one of them, join the whole quote's group."""
    quote = f"{ADVOCATED} {NEGOTIATIONS}"
    arts = [article("a", quote), article("b", quote), article("c", "the sovereignty and territorial integrity of all")]
    (g,) = group_statements(arts)
    assert [o.text for o in g.occurrences] == [quote, quote, "the sovereignty and territorial integrity of all"]


def test_split_quotes_do_not_depend_on_article_order():
    """The sentences of a split quote land in the same groups whatever the order of the articles."""
    quote = f"{ADVOCATED} {NEGOTIATIONS}"
    arts = [article("a", (SOVEREIGNTY_XI, XI)), article("b", (NEGOTIATIONS_LI, LI)), article("c", quote, DEPLORES),
            article("d", "find a way to resolve the issue through negotiations", REGRETS_BROKEN)]
    expected = keysets(group_statements(arts))
    assert ("c", 1, 1 + len(ADVOCATED)) in {k for ks in expected for k in ks}  # c's first quote is split
    for perm in itertools.permutations(arts):
        assert keysets(group_statements(list(perm))) == expected


def test_two_people_giving_different_numbers_make_two_statements():
    """"We discussed item 3 today," said Wang; "... item 4 today," said Xi: alike in wording, two statements (each
    person in the digest with their own, no misattribution). One person's two figures stay one statement, so a
    figure changed in a draft is altered wording; and so do wordings whose speaker is not a named person."""
    a = article("a", ("We discussed item number 3 today with the delegation", WANG))
    b = article("b", ("We discussed item number 4 today with the delegation", XI))
    c = article("c", ("We discussed item number 4 today with the delegation", WANG))
    groups = group_statements([a, b])
    assert len(groups) == 2 and {g.speakers for g in groups} == {(WANG,), (XI,)}
    assert len(group_statements([a, c])) == 1
    nobody = Speaker("unresolved")
    d = article("d", ("We discussed item number 4 today with the delegation", nobody))
    assert len(group_statements([a, d])) == 1
    same = article("e", ("We discussed item number 3 today with the delegation", XI))
    assert len(group_statements([a, same])) == 1  # the same words by two people: one statement (a misattribution)
