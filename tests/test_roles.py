"""The learned role tagger: decoding, linking labels into attributions, merging with the rules."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes.attribution import (
    Attribution,
    load_role_model,
    merge_attributions,
    tag_attributions,
)
from quotes.attribution.tagger import (
    LABELS,
    decode_batch,
    decode_labels,
    labels_to_spans,
)
from quotes.marks import find_quotations
from quotes.parse import Document, Sentence, Word
from quotes.records import Span

from .builders import FakeCues

LEMMAS = {"said": "say", "told": "tell"}


def _doc(text: str, paragraphs: list[list[str]]) -> Document:
    """A document of one sentence per paragraph, words found left to right (tags do not matter here)."""
    sentences = []
    pos = 0
    for words in paragraphs:
        built = []
        for i, form in enumerate(words):
            start = text.index(form, pos)
            pos = start + len(form)
            lemma = LEMMAS.get(form, form.lower())
            built.append(Word(index=i, text=form, start=start, end=pos, lemma=lemma, upos="VERB" if form in LEMMAS else "X"))
        s, e = built[0].start, built[-1].end
        sentences.append(Sentence(s, e, text[s:e], tuple(built)))
    return Document(text, tuple(sentences))


class FixedLabels:
    """A stand-in model that returns given labels, one list per segment."""

    def __init__(self, *labels: list[str]) -> None:
        self.labels = list(labels)

    def tag(self, segments, *, store=None, documents=None):  # type: ignore[no-untyped-def]
        assert [len(s.words) for s in segments] == [len(x) for x in self.labels]
        return self.labels


def _tagged(text: str, paragraphs: list[list[str]], *labels: list[str]):  # type: ignore[no-untyped-def]
    doc = _doc(text, paragraphs)
    quotations, _ = find_quotations(text)
    return tag_attributions(doc, quotations, lexicon=FakeCues(), model=FixedLabels(*labels))


@given(st.lists(st.lists(st.floats(min_value=-20, max_value=0), min_size=len(LABELS), max_size=len(LABELS)),
                min_size=1, max_size=30))
def test_decoding_never_starts_a_span_inside(scores):
    """Whatever the scores, no I- label follows O or a label of another role."""
    labels = decode_labels(scores)
    assert len(labels) == len(scores)
    for prev, cur in zip(["O"] + labels, labels):
        if cur.startswith("I-"):
            assert prev != "O" and prev[2:] == cur[2:]


_SCORE = st.integers(min_value=-3, max_value=0).map(float) | st.floats(min_value=-20, max_value=0)
"""Small whole numbers make ties, which the two decoders must break alike."""


@given(st.lists(st.lists(st.lists(_SCORE, min_size=len(LABELS), max_size=len(LABELS)), min_size=0, max_size=12),
                min_size=1, max_size=6),
       st.none() | st.tuples(st.lists(_SCORE, min_size=len(LABELS), max_size=len(LABELS)),
                             st.lists(st.lists(_SCORE, min_size=len(LABELS), max_size=len(LABELS)),
                                      min_size=len(LABELS), max_size=len(LABELS))))
def test_batch_decoding_is_segment_by_segment_decoding(segments, transitions):
    """Decoding a padded batch at once gives, for every segment, the labels decoding it alone gives, ties
    and empty segments included, with and without learned transitions."""
    torch = pytest.importorskip("torch")
    width = max(len(x) for x in segments)
    padded = [x + [[5.0] * len(LABELS)] * (width - len(x)) for x in segments]  # padding that would win if read
    scores = torch.tensor(padded, dtype=torch.float32).reshape(len(segments), width, len(LABELS))
    got = decode_batch(scores, [len(x) for x in segments], transitions)
    # the segment decoder reads the float32 scores the tensor holds, as the tagger gives them
    want = [decode_labels(scores[b, :len(x)].tolist(), transitions) if x else [] for b, x in enumerate(segments)]
    assert got == want


def test_decoding_follows_clear_scores():
    """When the scores are unambiguous the decoder returns them."""
    want = ["B-Source", "B-Cue", "B-Content", "I-Content"]
    scores = [[0.0 if LABELS[j] == w else -9.0 for j in range(len(LABELS))] for w in want]
    assert decode_labels(scores) == want


def test_spans_from_labels():
    """A B- after a span of the same role starts a new span."""
    assert labels_to_spans(["B-Content", "B-Content", "I-Content", "O", "B-Cue"]) == [
        ("Content", 0, 1), ("Content", 1, 3), ("Cue", 4, 5)]


def test_source_cue_content_become_one_attribution():
    """Source, cue and content of one sentence are tied together, with character spans."""
    text = "Wang said the talks were useful."
    words = ["Wang", "said", "the", "talks", "were", "useful", "."]
    (att,) = _tagged(text, [words], ["B-Source", "B-Cue", "B-Content", "I-Content", "I-Content", "I-Content", "O"])
    assert (att.source.text, att.cue.text, att.content[0].text) == ("Wang", "said", "the talks were useful")
    assert att.cue_lemma == "say" and att.cue_class == "speech" and att.kind == "indirect" and att.via == "cue-subject"


def test_source_loses_a_trailing_time_phrase():
    """'Australia on Saturday said ...': the source is 'Australia'."""
    text = "Australia on Saturday said it would act."
    words = ["Australia", "on", "Saturday", "said", "it", "would", "act", "."]
    (att,) = _tagged(text, [words], ["B-Source", "I-Source", "I-Source", "B-Cue", "B-Content", "I-Content", "I-Content", "O"])
    assert att.source.text == "Australia"


def test_source_loses_a_leading_time_phrase():
    """'This week Beijing would not say ...': the source is 'Beijing'."""
    text = "This week Beijing declined to say whether it knew."
    words = ["This", "week", "Beijing", "declined", "to", "say", "whether", "it", "knew", "."]
    doc = _doc(text, [words])
    doc = Document(text, (attrs.evolve(doc.sentences[0], words=tuple(
        attrs.evolve(w, upos="PROPN") if w.text == "Beijing" else w for w in doc.sentences[0].words)),))
    labels = ["B-Source", "I-Source", "I-Source", "B-Cue", "I-Cue", "I-Cue", "B-Content", "I-Content", "I-Content", "O"]
    (att,) = tag_attributions(doc, [], lexicon=FakeCues(), model=FixedLabels(labels))
    assert att.source.text == "Beijing"


def test_source_loses_the_scene_after_a_name():
    """'said Wang at an annual briefing': the source is 'Wang' (a name, then a place or occasion)."""
    text = "Talks are good, said Wang at an annual briefing."
    words = ["Talks", "are", "good", ",", "said", "Wang", "at", "an", "annual", "briefing", "."]
    doc = _doc(text, [words])
    doc = Document(text, (attrs.evolve(doc.sentences[0], words=tuple(
        attrs.evolve(w, upos="PROPN") if w.text == "Wang" else w for w in doc.sentences[0].words)),))
    labels = ["B-Content", "I-Content", "I-Content", "O", "B-Cue", "B-Source", "I-Source", "I-Source", "I-Source", "I-Source", "O"]
    (att,) = tag_attributions(doc, [], lexicon=FakeCues(), model=FixedLabels(labels))
    assert att.source.text == "Wang"


def test_a_second_cue_of_the_sentence_shares_the_first_ones_subject():
    """'Jacobs said ..., adding that ...': the participle's statement is Jacobs's too; the earlier cue keeps
    its own source."""
    text = "Jacobs said the race changed, adding that Sanders lost."
    words = ["Jacobs", "said", "the", "race", "changed", ",", "adding", "that", "Sanders", "lost", "."]
    labels = ["B-Source", "B-Cue", "B-Content", "I-Content", "I-Content", "O", "B-Cue", "B-Content", "I-Content",
              "I-Content", "O"]
    first, second = _tagged(text, [words], labels)
    assert (first.cue.text, first.source.text) == ("said", "Jacobs")
    assert (second.cue.text, second.content[0].text, second.source.text) == ("adding", "that Sanders lost", "Jacobs")


def test_split_quote_gets_both_pieces():
    """'"A," he said, "B."': both pieces of content belong to the one cue between them."""
    text = '"We are ready," he said, "and we will talk."'
    words = ['"', "We", "are", "ready", ",", '"', "he", "said", ",", '"', "and", "we", "will", "talk", ".", '"']
    labels = ["B-Content", "I-Content", "I-Content", "I-Content", "I-Content", "I-Content", "B-Source", "B-Cue", "O",
              "B-Content", "I-Content", "I-Content", "I-Content", "I-Content", "I-Content", "I-Content"]
    (att,) = _tagged(text, [words], labels)
    assert [c.text for c in att.content] == ['"We are ready,"', '"and we will talk."']
    assert att.source.text == "he" and att.kind == "direct"


def test_cueless_paragraph_continues_the_previous_source():
    """A content with no cue in the next paragraph continues the previous attribution's source."""
    text = 'Wang said "we want peace now."\n"And we will keep talking to both sides."'
    p1 = ["Wang", "said", '"', "we", "want", "peace", "now", ".", '"']
    p2 = ['"', "And", "we", "will", "keep", "talking", "to", "both", "sides", ".", '"']
    first, second = _tagged(text, [p1, p2], ["B-Source", "B-Cue"] + ["B-Content"] + ["I-Content"] * 6,
                            ["B-Content"] + ["I-Content"] * 10)
    assert second.via == "continuation" and second.cue is None and second.source == first.source


def test_quote_over_two_paragraphs_is_one_statement():
    """A quotation that reopens its mark in the next paragraph joins the first paragraph's attribution."""
    text = 'Wang said: "We want peace.\n"We will keep talking."'
    p1 = ["Wang", "said", ":", '"', "We", "want", "peace", "."]
    p2 = ['"', "We", "will", "keep", "talking", ".", '"']
    (att,) = _tagged(text, [p1, p2], ["B-Source", "B-Cue", "O", "B-Content", "I-Content", "I-Content", "I-Content", "I-Content"],
                     ["B-Content"] + ["I-Content"] * 6)
    assert [c.text for c in att.content] == ['"We want peace', '"We will keep talking."'] and att.source.text == "Wang"


def test_content_without_cue_or_speaker_is_dropped():
    """A content with no cue in its paragraph and no attribution just before is attributed to no one: dropped."""
    text = "The talks were useful."
    assert _tagged(text, [["The", "talks", "were", "useful", "."]], ["B-Content"] + ["I-Content"] * 3 + ["O"]) == ()


def test_ignored_paragraphs_are_not_tagged():
    """A paragraph inside an ignore region (a caption) gives nothing."""
    text = "Wang said no."
    doc = _doc(text, [["Wang", "said", "no", "."]])
    got = tag_attributions(doc, [], lexicon=FakeCues(), model=FixedLabels(), ignore=[Span.of(text, 0, len(text))])
    assert got == ()


def _att(text: str, a: int, b: int, *, cue: tuple[int, int] | None = None, source: tuple[int, int] | None = None,
         via: str = "none") -> Attribution:
    return Attribution(content=(Span.of(text, a, b),), kind="indirect", cue=Span.of(text, *cue) if cue else None,
                       cue_lemma=None, cue_class=None, source=Span.of(text, *source) if source else None, via=via)


def test_merge_adds_rule_attributions_only_where_the_tagger_found_nothing():
    """A rule attribution overlapping a learned one is dropped; one elsewhere comes in."""
    text = "x" * 100
    rules = [_att(text, 0, 20), _att(text, 70, 80)]
    learned = [_att(text, 5, 25), _att(text, 50, 60)]
    assert [a.content[0].start for a in merge_attributions(rules, learned)] == [5, 50, 70]


def test_merge_keeps_a_statement_reported_inside_a_learned_content():
    """'CCTV reported that Wang said X': the rules' 'Wang said X' stays beside the tagger's CCTV attribution."""
    text = "x" * 40 + " ".join(["word"] * 12)
    learned = [_att(text, 20, 80, cue=(10, 18), source=(0, 8))]
    rules = [_att(text, 45, 80, cue=(35, 40), source=(25, 33), via="cue-subject"), _att(text, 50, 60)]
    merged = merge_attributions(rules, learned)
    assert [(a.content[0].start, a.source.start if a.source else None) for a in merged] == [(20, 0), (45, 25)]


def test_merge_leaves_out_a_thought_inside_a_learned_content():
    """'Clinton said she wants to expand ...': 'she wants' is no statement of its own."""
    text = "x" * 40 + " ".join(["word"] * 12)
    learned = [_att(text, 20, 80, cue=(10, 18), source=(0, 8))]
    rule = attrs.evolve(_att(text, 45, 80, cue=(35, 40), source=(25, 33), via="cue-subject"), cue_class="thought")
    assert [a.content[0].start for a in merge_attributions([rule], learned)] == [20]
    speech = attrs.evolve(rule, cue_class="speech")
    assert [a.content[0].start for a in merge_attributions([speech], learned)] == [20, 45]


def test_merge_leaves_out_an_object_inside_a_learned_content():
    """'Ginsburg said Obama criticized him': 'him' is an object, no statement; a quoted word stays."""
    text = "Ginsburg said Obama criticized him for his quip."
    learned = [_att(text, 14, 47, cue=(9, 13), source=(0, 8))]
    rule = _att(text, 31, 34, cue=(20, 30), source=(14, 19), via="cue-subject")
    assert [a.content[0].start for a in merge_attributions([rule], learned)] == [14]
    quoted = attrs.evolve(rule, quoted=(Span.of(text, 31, 34),), kind="direct")
    assert [a.content[0].start for a in merge_attributions([quoted], learned)] == [14, 31]


def test_merge_leaves_out_a_pronoun_speaker_inside_a_learned_content():
    """'Wang said he told Kuleba that ...': the nested 'he told' adds no second speaker."""
    text = "Wang said he told Kuleba that China wants a ceasefire soon."
    learned = [_att(text, 10, 58, cue=(5, 9), source=(0, 4))]
    rule = _att(text, 25, 58, cue=(13, 17), source=(10, 12), via="cue-subject")
    assert [a.content[0].start for a in merge_attributions([rule], learned)] == [10]


def test_merge_borrows_the_rules_source_for_the_same_cue():
    """A learned attribution without a source takes the one the rules found for the same cue."""
    text = "x" * 100
    rules = [_att(text, 30, 40, cue=(20, 24), source=(0, 10), via="cue-subject")]
    learned = [_att(text, 28, 45, cue=(20, 24)), _att(text, 60, 70, cue=(50, 54), source=(46, 49))]
    first, second = merge_attributions(rules, learned)
    assert (first.content[0].start, first.source.start, first.via) == (28, 0, "cue-subject")
    assert second.source.start == 46


@pytest.mark.slow
def test_shipped_model_finds_a_plain_quote():
    """The shipped tagger finds source, cue and content of a textbook sentence."""
    if load_role_model() is None:
        pytest.skip("no shipped role model")
    import quotes

    result = quotes.extract("The senator said on Monday that the bill would pass easily.", date="2016-05-01",
                            method="model")
    (q,) = result.quotes
    assert q.source.text == "The senator" and q.cue.text == "said" and "the bill would pass easily" in q.content[0].text


def test_an_ensemble_file_averages_its_networks(tmp_path):
    """A model file with several networks loads them all; two copies of one network tag as that network."""
    import torch

    from quotes.attribution.tagger import RoleModel, Segment, build_network

    vocabs = {name: {"a": 1, "b": 2} for name in ("word", "suffix", "shape", "upos", "xpos", "cue", "quote", "start")}
    config = {"hidden": 8, "layers": 1, "dropout": 0}
    torch.manual_seed(0)
    state = {k: v.half() for k, v in build_network(vocabs, config).state_dict().items()}
    torch.save({"vocabs": vocabs, "config": config, "state": state}, str(tmp_path / "one.pt"))
    torch.save({"vocabs": vocabs, "config": config, "states": [state, state]}, str(tmp_path / "two.pt"))
    one, two = RoleModel.load(tmp_path / "one.pt"), RoleModel.load(tmp_path / "two.pt")
    assert (len(one.networks), len(two.networks)) == (1, 2)
    words = tuple(Word(index=i, text=t, start=2 * i, end=2 * i + 1, lemma=t, upos="X") for i, t in enumerate("abab"))
    segment = Segment(words, tuple((w.text,) * 8 for w in words))
    assert one.tag([segment]) == two.tag([segment]) and len(one.tag([segment])[0]) == 4


def test_a_cue_whose_content_went_to_another_still_lends_its_subject():
    """'Wang told Kuleba peace is near, CCTV said, adding that talks help': 'said' lost its content to 'told',
    but CCTV, its subject, is the nearest speaker before 'adding'; Wang keeps his own statement."""
    text = "Wang told Kuleba peace is near, CCTV said, adding that talks help."
    words = ["Wang", "told", "Kuleba", "peace", "is", "near", ",", "CCTV", "said", ",", "adding", "that", "talks", "help", "."]
    labels = ["B-Source", "B-Cue", "O", "B-Content", "I-Content", "I-Content", "O", "B-Source", "B-Cue", "O", "B-Cue",
              "B-Content", "I-Content", "I-Content", "O"]
    LEMMAS["adding"] = "add"
    try:
        first, second = _tagged(text, [words], labels)
    finally:
        del LEMMAS["adding"]
    assert (first.cue.text, first.source.text) == ("told", "Wang")
    assert (second.cue.text, second.source.text) == ("adding", "CCTV")


def test_a_cue_that_reports_nothing_lends_no_subject():
    """'China abstained, adding that talks help' ('abstain' is no cue of speech or writing): 'adding' keeps
    no source rather than China's."""
    text = "China abstained, adding that talks help."
    words = ["China", "abstained", ",", "adding", "that", "talks", "help", "."]
    labels = ["B-Source", "B-Cue", "O", "B-Cue", "B-Content", "I-Content", "I-Content", "O"]
    LEMMAS["adding"] = "add"
    try:
        (att,) = _tagged(text, [words], labels)
    finally:
        del LEMMAS["adding"]
    assert att.cue.text == "adding" and att.source is None


def test_a_source_that_ends_a_list_takes_the_whole_list():
    """'..., with the US, [Canada and European allies] all announcing ...': the source is the whole list."""
    text = "Sanctions grew, with the US, Canada and European allies all announcing they will act."
    words = ["Sanctions", "grew", ",", "with", "the", "US", ",", "Canada", "and", "European", "allies", "all", "announcing",
             "they", "will", "act", "."]
    tags = {"the": "DET", "US": "PROPN", "Canada": "PROPN", "and": "CCONJ", "allies": "NOUN", ",": "PUNCT"}
    doc = _doc(text, [words])
    doc = Document(text, (attrs.evolve(doc.sentences[0], words=tuple(
        attrs.evolve(w, upos=tags.get(w.text, w.upos)) for w in doc.sentences[0].words)),))
    labels = ["O"] * 7 + ["B-Source", "I-Source", "I-Source", "I-Source", "O", "B-Cue", "B-Content", "I-Content",
                          "I-Content", "O"]
    (att,) = tag_attributions(doc, [], lexicon=FakeCues(), model=FixedLabels(labels))
    assert att.source.text == "the US, Canada and European allies"


def test_decoding_with_transitions_finds_the_best_sequence():
    """With learned start and transition scores, Viterbi returns the best allowed sequence (checked by
    enumeration)."""
    import itertools
    import random

    rng = random.Random(3)
    k = len(LABELS)
    for _ in range(20):
        n = rng.randint(1, 4)
        scores = [[rng.uniform(-3, 0) for _ in range(k)] for _ in range(n)]
        start = [rng.uniform(-1, 1) for _ in range(k)]
        moves = [[rng.uniform(-1, 1) for _ in range(k)] for _ in range(k)]

        def total(seq, start=start, scores=scores, moves=moves):
            return start[seq[0]] + scores[0][seq[0]] + sum(moves[a][b] + scores[i + 1][b]
                                                           for i, (a, b) in enumerate(itertools.pairwise(seq)))

        allowed = [seq for seq in itertools.product(range(k), repeat=n)
                   if all(not LABELS[b].startswith("I-") or (LABELS[a] != "O" and LABELS[a][2:] == LABELS[b][2:])
                          for a, b in zip((0,) + seq, seq))]
        best = max(allowed, key=total)
        got = decode_labels(scores, (start, moves))
        assert total([LABELS.index(x) for x in got]) == pytest.approx(total(best))


def test_a_participle_after_a_document_takes_the_document_as_source():
    """'China abstained on Friday's United Nations resolution condemning the war': the resolution condemns,
    also when the tagger ran the cue over the document and gave it the sentence's subject."""
    from quotes.lexicon import load_lexicon

    tags = {"China": ("PROPN", "NNP"), "on": ("ADP", "IN"), "Friday": ("PROPN", "NNP"), "'s": ("PART", "POS"),
            "United": ("VERB", "VBN"), "Nations": ("PROPN", "NNPS"), "resolution": ("NOUN", "NN"),
            "delegates": ("NOUN", "NNS"), "condemning": ("VERB", "VBG"), ".": ("PUNCT", ".")}
    labels = ["B-Source", "B-Cue"] + ["I-Cue"] * 7 + ["B-Content", "I-Content", "O"]

    def tagged(noun: str):  # type: ignore[no-untyped-def]
        text = f"China abstained on Friday's United Nations {noun} condemning the war."
        words = ["China", "abstained", "on", "Friday", "'s", "United", "Nations", noun, "condemning", "the", "war", "."]
        doc = _doc(text, [words])
        doc = Document(text, (attrs.evolve(doc.sentences[0], words=tuple(
            attrs.evolve(w, upos=tags.get(w.text, ("X", "X"))[0], xpos=tags.get(w.text, ("X", "X"))[1])
            for w in doc.sentences[0].words)),))
        (att,) = tag_attributions(doc, [], lexicon=load_lexicon(), model=FixedLabels(labels))
        return att.source.text, att.cue.text, att.content[0].text

    assert tagged("resolution") == ("Friday's United Nations resolution", "condemning", "the war")
    # a participle after a noun that is no document keeps the tagger's cue and source
    assert tagged("delegates") == ("China", "abstained on Friday's United Nations delegates condemning", "the war")


def test_a_content_after_a_passive_report_gets_it_as_cue():
    """'It was reported over the weekend that banks are limiting loans': the tagger found the content
    only; the passive verb is its cue and there is no source (the speakers module calls it agentless),
    rather than a continuation of the previous paragraph's speaker."""
    from quotes.lexicon import load_lexicon

    text = "Wang said talks help.\nIt was reported over the weekend that banks are limiting loans."
    first = ["Wang", "said", "talks", "help", "."]
    second = ["It", "was", "reported", "over", "the", "weekend", "that", "banks", "are", "limiting", "loans", "."]
    doc = _doc(text, [first, second])
    tags = {"was": ("AUX", "VBD", "be"), "reported": ("VERB", "VBN", "report")}
    s2 = doc.sentences[1]
    s2 = attrs.evolve(s2, words=tuple(attrs.evolve(w, upos=tags[w.text][0], xpos=tags[w.text][1], lemma=tags[w.text][2])
                                      if w.text in tags else w for w in s2.words))
    doc = Document(text, (doc.sentences[0], s2))
    labels1 = ["B-Source", "B-Cue", "B-Content", "I-Content", "O"]
    labels2 = ["O"] * 6 + ["B-Content"] + ["I-Content"] * 4 + ["O"]
    got = tag_attributions(doc, [], lexicon=load_lexicon(), model=FixedLabels(labels1, labels2))
    assert [(a.source.text if a.source else None, a.cue.text if a.cue else None, a.via) for a in got] == [
        ("Wang", "said", "cue-subject"), (None, "reported", "none")]


def test_a_passive_report_in_an_earlier_sentence_is_not_the_cue():
    """'It was reported. That banks limit loans ...': the passive verb ends the sentence before the
    content's, so the content is not its report (it continues the previous speaker instead)."""
    from quotes.lexicon import load_lexicon

    text = "Wang said talks help.\nIt was reported. That banks limit loans."
    first = ["Wang", "said", "talks", "help", "."]
    second = ["It", "was", "reported", "."]
    third = ["That", "banks", "limit", "loans", "."]
    doc = _doc(text, [first, second, third])
    tags = {"was": ("AUX", "VBD", "be"), "reported": ("VERB", "VBN", "report")}
    s2 = attrs.evolve(doc.sentences[1], words=tuple(
        attrs.evolve(w, upos=tags[w.text][0], xpos=tags[w.text][1], lemma=tags[w.text][2]) if w.text in tags else w
        for w in doc.sentences[1].words))
    doc = Document(text, (doc.sentences[0], s2, doc.sentences[2]))
    labels1 = ["B-Source", "B-Cue", "B-Content", "I-Content", "O"]
    labels2 = ["O"] * 4 + ["B-Content"] + ["I-Content"] * 3 + ["O"]
    got = tag_attributions(doc, [], lexicon=load_lexicon(), model=FixedLabels(labels1, labels2))
    assert [(a.cue.text if a.cue else None, a.via) for a in got] == [("said", "cue-subject"), (None, "continuation")]


def test_a_model_file_with_a_frozen_glove_table_round_trips_through_load(tmp_path):
    """A file whose config has a frozen pretrained table (held once, beside two networks' states) loads it
    into each network and tags as the networks it was saved from; a word the table has scores otherwise
    than the same word left out of it."""
    import torch

    from quotes.attribution.tagger import FEATURES, GLOVE, RoleModel, Segment, build_network, pad_batch

    vocabs = {name: {"a": 1, "b": 2} for name in FEATURES}
    vocabs[GLOVE] = {"a": 1, "c": 2}
    config = {"hidden": 8, "layers": 1, "dropout": 0, "crf": 1, GLOVE: 3}
    torch.manual_seed(0)
    table = torch.randn(3, 3)
    table[0] = 0
    nets = [build_network(vocabs, config) for _ in range(2)]
    states = []
    for net in nets:
        net.glove.copy_(table)
        net.eval()
        state = {k: v.half() for k, v in net.state_dict().items()}
        net.load_state_dict({k: v.float() for k, v in state.items()})  # what the file holds
        del state[GLOVE]
        states.append(state)
    torch.save({"vocabs": vocabs, "config": config, "states": states, GLOVE: table.half()}, str(tmp_path / "g.pt"))
    model = RoleModel.load(tmp_path / "g.pt", int8=False)  # the file round trip, in full precision
    assert len(model.networks) == 2 and torch.equal(model.networks[1].glove, table.half().float())
    words = tuple(Word(index=i, text=t, start=2 * i, end=2 * i + 1, lemma=t, upos="X") for i, t in enumerate("acba"))
    segment = Segment(words, tuple((w.text,) * 8 for w in words))
    inputs, lengths, chars = pad_batch([model.encode(segment)])
    assert inputs[len(FEATURES), 0].tolist() == [1, 2, 0, 1]
    with torch.no_grad():
        for loaded, saved in zip(model.networks, nets):
            assert torch.equal(loaded(inputs, lengths, chars), saved(inputs, lengths, chars))
        without = dict(vocabs, glove={"a": 1})
        other = pad_batch([RoleModel(without, config, model.networks, "x").encode(segment)])
        assert not torch.equal(model.networks[0](*other), model.networks[0](inputs, lengths, chars))
    assert len(model.tag([segment])[0]) == 4


@pytest.mark.slow
def test_eight_bit_networks_label_the_seeds_as_full_precision_does(seeds):
    from quotes.attribution import load_role_model
    from quotes.attribution.tagger import segments
    from quotes.lexicon import load_lexicon
    from quotes.marks import normalise_marks
    from quotes.parse import TAG_ONLY, Parser

    fast, full = load_role_model(), load_role_model(int8=False)
    if fast is None or full is None:
        pytest.skip("no role tagger shipped")
    assert "quantized" in type(fast.networks[0].lstm).__module__ and fast.fingerprint != full.fingerprint
    lex = load_lexicon()
    texts = list(seeds.values())
    docs = Parser(cache=None).parse_many(texts, select=TAG_ONLY, normalise=normalise_marks)
    segs = [s for d, t in zip(docs, texts) for s in segments(d, find_quotations(t)[0], lexicon=lex)]
    a, lengths = fast.scores(segs)
    b, _ = full.scores(segs)
    words = sum(lengths)
    same = sum(int((a[i, :n].argmax(-1) == b[i, :n].argmax(-1)).sum()) for i, n in enumerate(lengths))
    assert words > 1000 and same / words >= 0.99  # 5,786 of 5,817 (99.5 %) when measured


def test_role_model_file_from_the_environment(monkeypatch, tmp_path):
    """QUOTES_ROLE_MODEL names another role tagger file (a retrained one): it is loaded instead of the shipped
    one; a name that is no file is an error that says so, never the shipped tagger in silence."""
    from quotes.attribution import MODEL_FILE, load_role_model
    from quotes.errors import ModelsNotFoundError

    if not MODEL_FILE.is_file():
        pytest.skip("no shipped role tagger")
    other = tmp_path / "mine.pt"
    other.write_bytes(MODEL_FILE.read_bytes())
    monkeypatch.setenv("QUOTES_ROLE_MODEL", str(other))
    assert load_role_model(int8=False).source == str(other)
    monkeypatch.setenv("QUOTES_ROLE_MODEL", str(tmp_path / "missing.pt"))
    with pytest.raises(ModelsNotFoundError, match="QUOTES_ROLE_MODEL"):
        load_role_model()
    assert load_role_model(MODEL_FILE, int8=False).source == str(MODEL_FILE)  # an explicit path comes first
