"""Reports: JSON round trips, brat offsets, HTML that parses, shows every finding and runs nothing."""

from __future__ import annotations

import datetime as dt
import html
import json
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from quotes import render
from quotes.checks import check
from quotes.digests import digest
from quotes.records import Diagnostic, Extraction, Quote, Span, Speaker
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
EVIL = "<script>alert(1)</script> and <img src=x onerror=alert(2)> & \"friends\""


class _Tags(HTMLParser):
    """Collects tags and attributes; fails on nothing (html.parser is lenient), so checks are explicit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag not in ("meta", "br", "hr", "img", "link", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data):
        self.data.append(data)


def parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    p.close()
    assert p.stack == [], p.stack
    return p


def assert_safe(page: str) -> _Tags:
    """No script, no event handler, no external resource."""
    p = parse(page)
    names = {t for t, _ in p.tags}
    assert not names & {"script", "img", "iframe", "object", "embed", "link", "base", "form"}
    for tag, attrs in p.tags:
        for k, v in attrs:
            assert not k.startswith("on"), (tag, k)
            if k in ("href", "src", "action"):
                assert v is not None and v.startswith("#"), (tag, k, v)
    return p


def _evil_article(name: str) -> Extraction:
    text = f"He said “{EVIL}” yesterday.\nThen “more\nwords” came."
    s = text.index(EVIL)
    q1 = Quote((Span.of(text, s - 1, s + len(EVIL) + 1),), "direct", Span.of(text, 3, 7), "say", Span.of(text, 0, 2),
               Speaker("person", "Wang Yi", "Q1"), "pronoun", 0.8, quoted=(Span.of(text, s, s + len(EVIL)),))
    m = text.index("more")
    q2 = Quote((Span.of(text, m - 1, m + 11),), "direct", Span.of(text, m + 12, m + 16), "come", None,
               Speaker("ambiguous", "<b>Wang</b>", candidates=("Wang Yi", "Wang <i>Huning</i>")), "none", 0.2,
               quoted=(Span.of(text, m, m + 10),))
    diag = Diagnostic("unbalanced-quote", "A <mark> is never closed", Span.of(text, 0, 2), "warning")
    return Extraction(text, (q1, q2), (), (diag,), DATE, "argument", name)


def test_digest_html_escapes_untrusted_text():
    """A quote containing <script> and an onerror= attribute shows as text and runs nothing."""
    page = render.digest_html(digest([_evil_article("<evil>")], lexicon=LEX))
    p = assert_safe(page)
    assert "<script>alert(1)" not in page and "onerror=alert(2)>" not in page
    assert html.escape("<script>alert(1)</script>") in page
    assert EVIL in "".join(p.data)


def test_check_html_escapes_untrusted_text():
    """The draft's text is escaped inside highlights, titles and the findings list."""
    r = check(_evil_article("d"), sources=[], lexicon=LEX)
    page = render.check_html(r)
    p = assert_safe(page)
    assert "<script>alert(1)" not in page
    assert EVIL in "".join(p.data)


def test_check_html_parses_and_contains_every_finding():
    """Each finding has a numbered entry, a highlight carrying its message, and the legend is present."""
    src = quoting("cctv", REGRETS, (R_WORDS, "Q1"))
    altered = R_WORDS.replace("broken out", "erupted")
    text = f"Beijing ‘{altered}’. Xi told Putin that China ‘{SOV_XI}’. He said “never, ever, under any circumstance”."
    draft = quoting("draft", text, (altered, "Q1"), (SOV_XI, "Q1"), ("never, ever, under any circumstance", "Q1"))
    r = check(draft, sources=[src, quoting("x", XI_TEXT, (SOV_XI, "Q2"))], lexicon=LEX)
    assert {f.code for f in r.findings} == {"altered-wording", "misattribution", "unsourced"}
    page = render.check_html(r)
    p = assert_safe(page)
    titles = " ".join(v or "" for t, attrs in p.tags if t == "mark" for k, v in attrs if k == "title")
    data = "".join(p.data)
    for k, f in enumerate(r.findings, 1):
        assert f.message in data
        assert f.message in titles
        assert any(("id", f"finding-{k}") in attrs for _, attrs in p.tags)
    assert "legend" in page


def test_digest_html_shows_every_finding_and_sources_side_by_side():
    """Per speaker each statement shows its canonical wording and one card per source; all findings listed."""
    arts = [quoting("000", XI_TEXT, (SOV_XI, "Q2")), quoting("001", XI_TEXT, (SOV_XI, "Q2")),
            quoting("003", WANG_TEXT, (SOV_WANG, "Q1"))]
    d = digest(arts, lexicon=LEX)
    page = render.digest_html(d)
    p = assert_safe(page)
    data = "".join(p.data)
    for f in d.findings:
        assert f.message in data
    cards = [a for t, a in p.tags if t == "div" and ("class", "source") in a]
    assert len(cards) >= 3
    assert "<del>" in page and "<ins>" in page


def test_markdown_escapes_html_and_lists_findings():
    """The Markdown digest carries no raw HTML from articles and lists every finding code."""
    d = digest([_evil_article("a")], lexicon=LEX)
    md = render.digest_markdown(d)
    assert "<script>" not in md and "<img" not in md
    for f in d.findings:
        assert f"`{f.code}`" in md


def _brat_check(e: Extraction) -> None:
    ann = render.extraction_brat(e)
    ids = set()
    for line in ann.splitlines():
        if line.startswith("T"):
            tid, middle, covered = line.split("\t")
            label, _, where = middle.partition(" ")
            assert label in ("Attribution", "Source", "Cue", "Content")
            frags = [tuple(map(int, f.split())) for f in where.split(";")]
            texts = [e.text[a:b] for a, b in frags]
            assert all(a < b and "\n" not in t for (a, b), t in zip(frags, texts))
            assert " ".join(texts) == covered
            ids.add(tid)
        else:
            eid, roles = line.split("\t")
            assert eid.startswith("E")
            parts = [r.split(":") for r in roles.split(" ")]
            assert parts[0][0] == "Attribution"
            assert all(ref in ids for _, ref in parts)


def test_brat_round_trips_offsets_and_splits_at_line_breaks():
    """Every fragment's offsets give back its text; multi-line content is split into fragments."""
    e = _evil_article("a")
    _brat_check(e)
    ann = render.extraction_brat(e)
    content2 = [line for line in ann.splitlines() if line.startswith("T") and "\tContent " in line][1]
    assert ";" in content2.split("\t")[1]
    # the second quote has no source: its event has no Source role
    assert ann.splitlines()[-1].split("\t")[1].split(" ")[1].startswith("Cue:")


@given(st.text(alphabet="ab \n“”.", min_size=1, max_size=40), st.data())
def test_brat_offsets_hold_for_any_spans(text, data):
    """Property: for any content/cue/source spans, every brat fragment covers exactly its text."""
    n = len(text)
    a = data.draw(st.integers(0, n - 1))
    b = data.draw(st.integers(a + 1, n))
    c = data.draw(st.integers(0, n))
    q = Quote((Span.of(text, a, b),), "direct", Span.of(text, c, min(n, c + 2)), "say", None, Speaker("unresolved"),
              "none", 0.1)
    _brat_check(Extraction(text, (q,), (), (), DATE, "argument", "x"))


def test_extraction_json_round_trips_spans():
    """JSON spans point into the JSON's own text; JSON Lines has one object per article."""
    e = _evil_article("a")
    data = json.loads(render.extraction_json(e))
    for q in data["quotes"]:
        for s in q["content"] + q["quoted"]:
            assert data["text"][s["start"]:s["end"]] == s["text"]
    lines = render.extraction_jsonl([e, e]).splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["name"] == "a"


def test_digest_and_check_json_carry_findings():
    """digest_json and check_json list every finding with code, severity and span."""
    d = digest([_evil_article("a")], lexicon=LEX)
    dj = json.loads(render.digest_json(d))
    assert [f["code"] for f in dj["findings"]] == [f.code for f in d.findings]
    r = check(_evil_article("d"), sources=[], lexicon=LEX)
    cj = json.loads(render.check_json(r))
    assert cj["exit_code"] == 1 and len(cj["findings"]) == len(r.findings)


def test_check_text_lists_each_finding_with_its_message():
    """The plain-text report has a summary line (the draft with its date and where the date came from) and
    each finding's code and message."""
    r = check(_evil_article("d"), sources=[], lexicon=LEX)
    out = render.check_text(r)
    day = r.draft.date.isoformat()
    assert out.splitlines()[0].startswith(f"Check of d ({day}, ") and "against 0 sources" in out.splitlines()[0]
    for f in r.findings:
        assert f.code in out and f.message in out


def test_extraction_table_is_one_line_per_quote():
    """The table has a header, a column row and one row per quote; newlines in quotes are flattened."""
    out = render.extraction_table(_evil_article("a"))
    lines = out.splitlines()
    assert lines[0].startswith("a (2022-03-01")
    assert lines[2].startswith("1 ") and lines[3].startswith("2 ")
    assert "note at 0:" in lines[4]
