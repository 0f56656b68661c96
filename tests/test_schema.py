"""Every JSON output validates against its schema in docs/schema (the schemas are the documented contract)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from quotes import render
from quotes.checks import check
from quotes.digests import digest
from quotes.records import Diagnostic, Extraction, Mention, Quote, Span, Speaker

jsonschema = pytest.importorskip("jsonschema", reason="the test extra installs jsonschema")
SCHEMAS = Path(__file__).resolve().parent.parent / "docs" / "schema"
DATE = dt.date(2022, 3, 1)


def validate(kind: str, data: str) -> None:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(data))


def article(name: str, words: str, speaker: Speaker, *, title: str | None = None) -> Extraction:
    text = f"Ukrainian President Dmytro Kuleba met him. “{words},” {speaker.name} said."
    s = text.index(words)
    quoted = Span.of(text, s, s + len(words))
    titled = attrs_evolve(speaker, title=Span.of(text, 0, 19))
    q = Quote((Span.of(text, s - 1, s + len(words) + 2),), "direct", Span.of(text, text.rindex("said"), len(text) - 1),
              "say", Span.of(text, text.rindex(speaker.name or ""), text.rindex(" said")), titled, "cue-subject", 0.9,
              quoted=(quoted,))
    m = Mention(Span.of(text, 0, 33), Span.of(text, 20, 33), Span.of(text, 0, 19), "President of Ukraine",
                Speaker("person", "Dmytro Kuleba", "Q24025631", "Foreign Minister of Ukraine"))
    return Extraction(text, (q,), (m,), (Diagnostic("no-date", "No date found", None, "warning"),), DATE, "argument",
                      name, title=title, title_source="manifest" if title else None)


def attrs_evolve(sp: Speaker, **kw: object) -> Speaker:
    import attrs

    return attrs.evolve(sp, **kw)


WANG = Speaker("person", "Wang Yi", "Q701801", "Foreign Minister of China")
XI = Speaker("person", "Xi Jinping", "Q15031", "President of China")
WORDS = "China respects the sovereignty and territorial integrity of all nations"


def test_extraction_json_and_jsonl_follow_their_schema():
    a = article("a", WORDS, WANG, title="Talks in Beijing")
    validate("extraction", render.extraction_json(a))
    for line in render.extraction_jsonl([a, article("b", WORDS, XI)]).splitlines():
        validate("extraction", line)
    validate("extractions", json.dumps([json.loads(render.extraction_json(a))]))


def test_digest_json_follows_its_schema():
    d = digest([article("a", WORDS, WANG), article("b", WORDS, XI), article("c", WORDS.replace("all", "every"), XI)])
    assert d.findings  # a wrong title, a misattribution and an altered wording at least
    validate("digest", render.digest_json(d))
    validate("digest", render.digest_json(digest([])))


def test_check_json_follows_its_schema():
    r = check(article("draft", WORDS.replace("all", "every"), WANG), sources=[article("src", WORDS, XI)])
    assert r.findings
    validate("check", render.check_json(r))


@pytest.mark.slow
def test_the_real_engines_output_follows_the_schema():
    from quotes.engine import extract

    text = (Path(__file__).resolve().parent.parent / "seeds" / "002_2fe322bd87738eb3.txt").read_text(encoding="utf-8")
    validate("extraction", render.extraction_json(extract(text, name="002")))
