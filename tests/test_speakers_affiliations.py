"""Party-state tags after a name ("Sen. Jon Tester (D-Mont.)"): found, kept apart from the title, shown, stored."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quotes.engine import extract
from quotes.records import Span, Speaker
from quotes.render.common import described
from quotes.speakers.affiliations import party_tags
from quotes.store.codec import extraction_from_json, extraction_to_json

TEXT = ('"We will fight this," said Sen. Jon Tester (D-Mont.) on Tuesday.\n\n'
        'Rep. John Mica (R-Fla.) disagreed. "It is a waste of time," Mica said.\n')


def test_the_tag_after_the_name_is_the_speakers_affiliation_and_slices_back():
    result = extract(TEXT, date="2016-09-20")
    by_name = {q.speaker.name: q.speaker for q in result.quotes}
    assert by_name["Jon Tester"].title is not None and by_name["Jon Tester"].title.text == "Sen."
    for name, tag in (("Jon Tester", "D-Mont."), ("John Mica", "R-Fla.")):
        aff = by_name[name].affiliation
        assert aff is not None and aff.text == tag and result.text[aff.start:aff.end] == tag
    assert described(by_name["Jon Tester"]).startswith("Sen. (D-Mont.)")


def test_a_parenthesis_that_is_no_party_tag_is_not_one():
    text = 'Jon Tester (AP) said: "We will fight this." Ann Lee (2016) said: "No."\n'
    assert party_tags(text, {"t": ["Jon Tester"], "a": ["Ann Lee"]}) == {}
    result = extract(text, date="2016-09-20")
    assert all(q.speaker.affiliation is None for q in result.quotes)


def test_the_affiliation_survives_the_archive_codec():
    result = extract(TEXT, date="2016-09-20")
    back = extraction_from_json(extraction_to_json(result), result.text)
    assert [q.speaker.affiliation for q in back.quotes] == [q.speaker.affiliation for q in result.quotes]
    assert any(q.speaker.affiliation is not None for q in back.quotes)


def test_to_dict_writes_the_affiliation_as_a_span():
    sp = Speaker("person", "Jon Tester", affiliation=Span.of("(D-Mont.)", 1, 8))
    assert sp.to_dict()["affiliation"] == {"start": 1, "end": 8, "text": "D-Mont."}


@given(st.text(alphabet=st.sampled_from(list("DRI-( )NMont.YAa,7th")), max_size=60),
       st.sampled_from(["Jon Tester", "Tester", "A"]))
def test_tags_slice_back_and_follow_a_name(tail, name):
    text = f"{name}{tail}"
    for span in party_tags(text, {"k": [name]}).values():
        assert text[span.start:span.end] == span.text
        assert text.find(name) < span.start
