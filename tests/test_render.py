"""Reports: JSON round trips, brat offsets, HTML that parses, shows every finding and runs nothing."""

from __future__ import annotations

import datetime as dt
import html
import json
from html.parser import HTMLParser

from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from quotes import render
from quotes.checks import check
from quotes.digests import Digest, SpeakerDigest, digest
from quotes.grouping import Occurrence, StatementGroup
from quotes.records import Diagnostic, Extraction, Quote, Span, Speaker
from quotes.verification import Evidence, Finding
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
    assert "warning at 0:" in lines[4]  # the unbalanced mark is a warning, and says so


class _Tree(HTMLParser):
    """Every element's id with the ids and tags of the elements around it; the text inside ``<details>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.around: dict[str, list[tuple[str, dict[str, str | None]]]] = {}
        self.folded: list[str] = []
        self.unfolded: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
            self.around[a["id"]] = list(self.stack)
        if a.get("href"):
            self.hrefs.append(a["href"])
        if tag not in ("meta", "br", "hr", "img", "link", "input"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag
        self.stack.pop()

    def handle_data(self, data):
        (self.folded if any(t == "details" for t, _ in self.stack) else self.unfolded).append(data)


def tree(page: str) -> _Tree:
    t = _Tree()
    t.feed(page)
    t.close()
    return t


def _findings_digest():
    arts = [quoting("000", XI_TEXT, (SOV_XI, "Q2")), quoting("001", XI_TEXT, (SOV_XI, "Q2")),
            quoting("003", WANG_TEXT, (SOV_WANG, "Q1")), _evil_article("<evil>")]
    return digest(arts, lexicon=LEX)


def test_digest_html_contents_link_to_unique_ids():
    """The page opens with a <nav> whose links (to every speaker, the findings by severity, the diagnostics)
    all land on an id of the page; no id is used twice; every link on the page resolves."""
    d = _findings_digest()
    page = render.digest_html(d)
    assert_safe(page)
    t = tree(page)
    assert len(t.ids) == len(set(t.ids))
    assert all(h.startswith("#") and h[1:] in t.ids for h in t.hrefs), [h for h in t.hrefs if h[1:] not in t.ids]
    nav = page[page.index("<nav"):page.index("</nav>")]
    assert page.index("<nav") < page.index('id="to-look-at"') < page.index('id="speaker-1"')
    for i, s in enumerate(d.speakers, 1):
        assert f'href="#speaker-{i}"' in nav and html.escape(s.label) in nav
    assert 'href="#article-diagnostics"' in nav
    if any(f.severity == "warning" for f in d.findings):
        assert 'href="#warnings"' in nav
    assert f"{d.statements} statement" in page


def test_digest_html_shows_each_finding_beside_its_statement():
    """A finding whose span overlaps a listed quote sits inside that statement's box (in its speaker's
    section), and every error and warning in "To look at" links to it."""
    d = _findings_digest()
    page = render.digest_html(d)
    t = tree(page)
    placed = 0
    for k, f in enumerate(d.findings, 1):
        around = t.around[f"finding-{k}"]
        boxes = [a["id"] for tag, a in around if tag == "div" and a.get("class") == "statement"]
        sections = [a["id"] for tag, a in around if tag == "section"]
        concerned = {(g.id, i) for i, s in enumerate(d.speakers, 1) for g in s.groups for o in g.occurrences
                     if o.article == f.article and o.span.start < max(f.span.end, f.span.start + 1)
                     and f.span.start < o.span.end}
        if concerned:
            placed += 1
            (box,) = boxes
            assert (box, int(sections[0].removeprefix("speaker-"))) in concerned
        if f.severity in ("error", "warning"):
            look = page[page.index('id="to-look-at"'):page.index('id="speaker-1"')]
            assert f'href="#finding-{k}"' in look
    assert placed >= 2


def test_digest_html_folds_diagnostics_and_set_aside():
    """Diagnostics about the articles, evidence and the fragments set aside are inside <details>; the summary
    counts them."""
    art = _evil_article("a")
    debris = Diagnostic("debris", "Dropped 3 lines of <nav> debris", None, "info")
    d = digest([evolve(art, diagnostics=(*art.diagnostics, debris)), quoting("b", "Then “Machado” left.", ("Machado", "Q1"))],
               lexicon=LEX)
    assert len(d.diagnostics) == 2 and d.set_aside
    page = render.digest_html(d)
    t = tree(page)
    folded, unfolded = "".join(t.folded), "".join(t.unfolded)
    assert debris.message in folded and debris.message not in unfolded
    assert [tag for tag, _ in t.around["article-diagnostics"]] == ["html", "body"]
    assert page.index('id="article-diagnostics"') > page.rindex('id="speaker-')
    assert page[page.index('id="article-diagnostics"') - 25:].startswith('<details class="section"')
    assert page[page.index('id="set-aside"') - 25:].startswith('<details class="section"')
    for g in d.set_aside:
        assert g.canonical in folded
    assert f"{len(d.set_aside)} wording" in page
    for f in d.findings:
        for e in f.evidence:
            assert e.text in folded
    assert f"{len(d.diagnostics)} article diagnostic" in page


def test_digest_html_lists_also_and_other_speakers():
    """A statement given to two speakers is listed once, under its owner, with the other occurrence marked
    "attributed to"; the other speaker's section says "also given to them" and links to it."""
    text = "Wang said “we will resolve the issue through peaceful negotiations soon”."
    a = quoting("a", text, ("we will resolve the issue through peaceful negotiations soon", "Q1"))
    b = quoting("b", text, ("we will resolve the issue through peaceful negotiations soon", "Q1"))
    c = quoting("c", text, ("we will resolve the issue through peaceful negotiations soon", "Q2"))
    d = digest([a, b, c], lexicon=LEX)
    owner, other = d.speakers
    assert owner.groups and other.also
    page = render.digest_html(d)
    t = tree(page)
    g = owner.groups[0]
    assert page.count(f'id="{g.id}"') == 1 and f"attributed to {other.label}" in page
    section = page[page.index('id="speaker-2"'):]
    assert "also given to them" in section and f'href="#{g.id}"' in section
    assert f"listed under {owner.label}" in section
    assert all(h[1:] in t.ids for h in t.hrefs)


def _everything_evil() -> Digest:
    sp = Span.of(EVIL, 0, 8)
    who = Speaker("person", EVIL, EVIL, EVIL, title=Span(0, len(EVIL), EVIL))
    o = Occurrence(EVIL, 0, sp, (sp,), (sp,), "direct", who, EVIL)
    o2 = Occurrence(EVIL, 1, Span.of(EVIL, 9, 20), (), (), "direct", Speaker("ambiguous", candidates=(EVIL, "x")), EVIL)
    g = StatementGroup(EVIL, EVIL, EVIL, (who,), (o, o2))
    aside = StatementGroup("s-2", EVIL, EVIL, (who,), (o2,))
    ev = Evidence(EVIL, EVIL, EVIL, sp, EVIL)
    f = Finding("misattribution", "error", EVIL, sp, EVIL, (ev,))
    f2 = Finding("unsourced", "warning", EVIL, Span.of(EVIL, 30, 40), EVIL, (ev,))
    sd = SpeakerDigest(EVIL, who, (g,), (f,))
    sd2 = SpeakerDigest("x", Speaker("person", "x"), (), (), (g,))
    return Digest((sd, sd2), (g, aside), (f, f2), (EVIL,), ((EVIL, Diagnostic(EVIL, EVIL, sp, "warning")),),
                  ((DATE, EVIL),), (EVIL,), (aside,))


def test_digest_html_escapes_every_text_field():
    """<script> in every text of a digest (names, titles, offices, wordings, reasons, ids, evidence,
    diagnostics, fragments set aside) shows as text and runs nothing."""
    page = render.digest_html(_everything_evil())
    p = assert_safe(page)
    assert "<script>alert(1)" not in page and "onerror=alert(2)>" not in page and "<script" not in page
    assert EVIL in "".join(p.data)
    t = tree(page)
    assert all(h[1:] in t.ids for h in t.hrefs) and len(t.ids) == len(set(t.ids))


def test_check_html_folds_evidence_beside_the_draft():
    """The check page puts the draft and the numbered findings side by side, each finding's evidence in a
    <details>."""
    src = quoting("cctv", REGRETS, (R_WORDS, "Q1"))
    altered = R_WORDS.replace("broken out", "erupted")
    draft = quoting("draft", f"Beijing ‘{altered}’.", (altered, "Q1"))
    r = check(draft, sources=[src], lexicon=LEX)
    assert r.findings and any(f.evidence for f in r.findings)
    page = render.check_html(r)
    t = tree(page)
    for k, f in enumerate(r.findings, 1):
        assert any(tag == "aside" for tag, _ in t.around[f"finding-{k}"])
        for e in f.evidence:
            assert e.text in "".join(t.folded)
    assert page.index('class="draft"') < page.index("<aside")


def test_extraction_table_names_each_diagnostic_by_its_severity():
    """A warning about the input reads as a warning in the table, not as a note."""
    e = _evil_article("a")
    warned = evolve(e, diagnostics=(Diagnostic("replaced-characters", "1 character was replaced.", None,
                                                     "warning"), Diagnostic("debris", "A menu was left out.")))
    lines = render.extraction_table(warned).splitlines()
    assert lines[-2] == "warning: 1 character was replaced. [replaced-characters]"
    assert lines[-1] == "note: A menu was left out. [debris]"
