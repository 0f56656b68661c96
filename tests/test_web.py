"""The web app of ``quotes serve`` over HTTP (Starlette's test client), on a small archive of hand-built
extractions and a fake engine: every route, the upload limits, bad and empty drafts, the CLI command, and
injection (article and draft text never runs as markup or script)."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install 'newsroom-quotes[web]'")
pytest.importorskip("httpx", reason="Starlette's test client needs httpx: pip install 'newsroom-quotes[test]'")

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from quotes import cli
from quotes.checks import CheckReport
from quotes.reading import read_article
from quotes.records import Extraction, Span, Speaker
from quotes.store import ArchiveArticle, Store, StoreError
from quotes.verification import Evidence, Finding
from quotes.web import create_app
from quotes.web.views import marked_draft
from tests.builders import quoting_extraction

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ 7*7 }}"
PAYLOADS = (SCRIPT, ATTRIBUTE, TEMPLATE)
ESCAPED = {SCRIPT: "&lt;script&gt;alert(1)&lt;/script&gt;", ATTRIBUTE: "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
           TEMPLATE: "{{ 7*7 }}"}

WANG = Speaker("person", "Wang Yi", "Q1", "Foreign Minister of China")
KULEBA = Speaker("person", "Dmytro Kuleba", "Q2", "Foreign Minister of Ukraine")
EVIL = Speaker("person", f"Evil {SCRIPT}", None, f"Minister of {ATTRIBUTE}")

REGRET = "China deeply regrets that conflict has broken out between Ukraine and Russia"
REGRET2 = "deeply regrets that conflict has erupted between Ukraine and Russia"
GRAIN = "the grain corridor must stay open for the ships of every nation"
HOSTILE = f"hostile words {SCRIPT} and {ATTRIBUTE} and {TEMPLATE} in a quote"


art = quoting_extraction


def put(store: Store, ex: Extraction, **kw) -> None:
    store.write(ArchiveArticle(ex.name or "x", ex.text, ex.name or "x", **kw), ex)


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "archive.sqlite"
    with Store(path) as s:
        put(s, art("a", [(REGRET, WANG)], "2022-03-01"), title="Talks in Antalya", outlet="Xinhua")
        put(s, art("b", [(REGRET2, WANG), (GRAIN, KULEBA)], "2022-03-05"))
        put(s, art(f"evil {SCRIPT}", [(HOSTILE, EVIL), (f"{HOSTILE} again", EVIL)], "2022-04-01"),
            title=f"Title {ATTRIBUTE}", outlet=f"Outlet {TEMPLATE}")
    return path


class FakeEngine:
    """An engine that needs no model: the draft's text decoded, one finding per payload or 'Wang' in it, with
    evidence that quotes the payload back; it records what it was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def check(self, draft, *, store=None, date=None) -> CheckReport:
        name, data = draft
        text = read_article(data, name=name).text
        self.calls.append((name, text, store, date))
        findings = []
        for word, code, severity in ((SCRIPT, "altered-wording", "error"), (ATTRIBUTE, "wrong-title", "warning"),
                                     (TEMPLATE, "unsourced", "info"), ("Wang", "ambiguous-name", "warning")):
            at = text.find(word)
            if at >= 0:
                findings.append(Finding(code, severity, name, Span.of(text, at, at + len(word)),
                                        f"message about {word}",
                                        (Evidence("source", f"the source says {word}", f"src {word}", Span(0, 3, "abc")),
                                         Evidence("lexicon", "a row", source=f"people.tsv:3 {word}"))))
        findings.sort(key=lambda f: f.sort_key)
        ex = Extraction(text, (), (), (), date or dt.date(2022, 3, 9), "argument", name)
        return CheckReport(ex, tuple(findings), ("a", f"evil {SCRIPT}"))


@pytest.fixture
def engine():
    return FakeEngine()


@pytest.fixture
def client(store_path, engine):
    return TestClient(create_app(store_path, engine=engine, max_upload_bytes=4096), base_url="http://127.0.0.1")


def assert_safe(page: str, *payloads: str) -> None:
    """No payload appears as markup; each appears escaped."""
    for p in PAYLOADS:
        if p != TEMPLATE:
            assert p not in page
    assert "<img" not in page and "<script" not in page and "onerror=alert(1)>" not in page
    for p in payloads:
        assert ESCAPED[p] in page, p


# -- pages


def test_the_home_page_offers_the_draft_form(client):
    """/ shows a form that posts a pasted text, a file, a name and a date to /check, and what the archive holds."""
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    for part in ('action="/check"', 'enctype="multipart/form-data"', 'name="text"', 'type="file"', 'name="date"',
                 "3 articles, 5 statements, 3 speakers", "at most 4 KB"):
        assert part in r.text, part


def test_pages_forbid_scripts_and_framing(client):
    """Every page is sent with a Content-Security-Policy that allows no script, nosniff, and no framing."""
    for url in ("/", "/speakers", "/speakers/1", "/search?q=regret", "/nowhere"):
        r = client.get(url)
        assert "default-src 'none'" in r.headers["content-security-policy"] and "script-src" not in r.headers[
            "content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    css = client.get("/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_a_pasted_draft_comes_back_marked_up_with_its_findings_and_evidence(client, engine):
    """POST /check runs the engine on the draft against the archive, then shows the draft with each finding
    marked in place, numbered, with its message and evidence beside it, and the summary line."""
    text = "Wang Yi said: “the conflict is regrettable.”"
    r = client.post("/check", data={"text": text, "name": "monday", "date": "2022-03-02"})
    assert r.status_code == 200
    (name, got, store, date), = engine.calls
    assert (name, got, date) == ("monday", text, dt.date(2022, 3, 2)) and str(store).endswith("archive.sqlite")
    page = r.text
    assert '<mark class="hl-warning" title="[1] ambiguous-name: message about Wang">Wang</mark>' in page
    assert '<a href="#finding-1">[1]</a>' in page and 'id="finding-1"' in page
    assert "the source says Wang" in page and "people.tsv:3 Wang" in page
    assert "monday (2022-03-02, 0 quotes) checked against 2 sources: 1 warning." in page
    assert " Yi said: “the conflict is regrettable.”" in page


def test_a_clean_draft_says_so(client):
    """A draft without findings is shown whole and the page says there is nothing to look at."""
    r = client.post("/check", data={"text": "Nothing quoted here."})
    assert r.status_code == 200 and "clean, nothing to look at" in r.text and "Nothing quoted here." in r.text


def test_an_uploaded_file_is_checked(client, engine):
    """A .txt or .html upload is the draft (the form's text is then ignored); HTML is read as its text."""
    r = client.post("/check", data={"text": "ignored"}, files={"file": ("story.txt", b"Wang said so.", "text/plain")})
    assert r.status_code == 200 and engine.calls[-1][:2] == ("story", "Wang said so.")
    page = b"<html><body><p>Wang said &ldquo;yes&rdquo;.</p><script>x()</script></body></html>"
    r = client.post("/check", files={"file": ("story.html", page, "text/html")})
    assert r.status_code == 200 and engine.calls[-1][1] == "Wang said “yes”."
    assert "x()" not in r.text


def test_the_engine_is_made_once_and_only_when_a_draft_is_checked(store_path):
    """A factory given as the engine is called on the first check, not before, and never again."""
    made: list[FakeEngine] = []

    def factory() -> FakeEngine:
        made.append(FakeEngine())
        return made[-1]

    client = TestClient(create_app(store_path, engine=factory), base_url="http://127.0.0.1")
    assert client.get("/").status_code == 200 and client.get("/speakers").status_code == 200 and made == []
    for _ in range(3):
        assert client.post("/check", data={"text": "Wang said so."}).status_code == 200
    assert len(made) == 1 and len(made[0].calls) == 3


# -- limits and bad input


def test_a_draft_over_the_limit_is_refused_with_413(client, engine):
    """Pasted text or a file over the limit, or a body announcing more, gets 413 and a clear message page."""
    for kw in ({"data": {"text": "x" * 5000}}, {"files": {"file": ("big.txt", b"x" * 5000, "text/plain")}},
               {"data": {"text": "é" * 2100}}):
        r = client.post("/check", **kw)
        assert r.status_code == 413 and "too large" in r.text and "4,096 bytes" in r.text, kw
    r = client.post("/check", content=b"text=short", headers={"content-length": "99999999",
                                                               "content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    r = client.post("/check", content=b"text=" + b"y" * 80_000, headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    assert engine.calls == []


def test_a_binary_file_gets_a_clear_400(client, engine):
    """A PDF, a file full of control bytes, or another kind of file is refused with a message naming it."""
    r = client.post("/check", files={"file": ("scan.txt", b"%PDF-1.7\n\x00\x01binary", "text/plain")})
    assert r.status_code == 400 and "scan.txt" in r.text and "a PDF file" in r.text and "binary data" in r.text
    r = client.post("/check", files={"file": ("noise.txt", bytes(range(32)) * 20, "text/plain")})
    assert r.status_code == 400 and "binary data" in r.text
    r = client.post("/check", files={"file": ("photo.png", b"\x89PNG....", "image/png")})
    assert r.status_code == 400 and "upload a text (.txt) or HTML (.html) file" in r.text
    assert engine.calls == []


def test_an_empty_draft_gets_a_clear_message(client, engine):
    """No text and no file, blank text, or an empty file: 400 and a message saying there is nothing to check."""
    for kw in ({"data": {}}, {"data": {"text": "  \n\t "}}, {"files": {"file": ("empty.txt", b"", "text/plain")}},
               {"files": {"file": ("blank.html", b"<html><body> </body></html>", "text/html")}}):
        r = client.post("/check", **kw)
        assert r.status_code == 400 and ("empty" in r.text or "no text" in r.text), kw
    assert engine.calls == []


def test_a_bad_date_is_refused(client):
    """A date that is not YYYY-MM-DD gets 400 with a message, on /check and /search."""
    r = client.post("/check", data={"text": "Wang said so.", "date": "next tuesday"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.text
    r = client.get("/search", params={"q": "regret", "since": "2022-13-45"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.text


def test_a_get_of_check_and_unknown_pages_get_message_pages(client):
    """GET /check is 405, an unknown page 404, each a page of the app (not a bare text)."""
    r = client.get("/check")
    assert r.status_code == 405 and "<h1>" in r.text
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "No such page" in r.text


def test_other_host_names_are_refused(client):
    """A request naming another host (DNS rebinding) is refused; localhost is answered."""
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200


def test_a_missing_store_is_an_error(tmp_path):
    """create_app on a file that does not exist raises StoreError saying how to make one (and creates nothing)."""
    with pytest.raises(StoreError, match="quotes index"):
        create_app(tmp_path / "none.sqlite", engine=FakeEngine())
    assert not (tmp_path / "none.sqlite").exists()


# -- browsing


def test_speakers_are_listed_with_their_counts(client):
    """/speakers lists each quoted speaker with statements, articles and dates, most quoted first, linked."""
    r = client.get("/speakers")
    assert r.status_code == 200
    page = r.text
    assert page.index("Wang Yi") < page.index("Dmytro Kuleba")
    wang = page[page.index("Wang Yi"):page.index("</tr>", page.index("Wang Yi"))]
    assert "Q1" in wang and "<td class=\"n\">2</td><td class=\"n\">2</td>" in wang and "2022-03-01" in wang
    assert '<a href="/speakers/' in page


def test_a_speaker_page_shows_statements_with_article_date_and_variants(client):
    """/speakers/{id}: the speaker's statements newest first, each with its article, date, office and variants."""
    page = client.get("/speakers").text
    at = page.index("Wang Yi")
    sid = page[page.rindex('href="/speakers/', 0, at) + len('href="/speakers/'):page.index('"', page.rindex('href="/speakers/', 0, at) + 16)]
    r = client.get(f"/speakers/{sid}")
    assert r.status_code == 200
    body = r.text
    assert "<h1>Wang Yi</h1>" in body and "2 statements in 2 articles" in body and "Foreign Minister of China" in body
    assert body.index("2022-03-05") < body.index("2022-03-01 · <span class=\"article\">a</span>")
    assert "Variants" in body and REGRET2 in body and REGRET in body
    assert "Talks in Antalya" in body and "Xinhua" in body
    assert GRAIN not in body


def test_an_unknown_speaker_is_404(client):
    """A speaker id with no statements gets 404 and a message page; a non-number is no route (404)."""
    r = client.get("/speakers/9999")
    assert r.status_code == 404 and "No speaker" in r.text
    assert client.get("/speakers/wang").status_code == 404
    huge = client.get("/speakers/99999999999999999999999")  # past SQLite's integers: no speaker, not an error page
    assert huge.status_code == 404 and "No speaker" in huge.text


def test_search_finds_statements_by_words_speaker_and_dates(client):
    """/search: words (stemmed), speaker, since and until filter the statements; the form keeps the query."""
    page = client.get("/search", params={"q": "regret conflict"}).text
    assert "2 statements" in page and REGRET in page and REGRET2 in page and 'value="regret conflict"' in page
    page = client.get("/search", params={"speaker": "kuleba"}).text
    assert "1 statement;" in page and GRAIN in page and "Dmytro Kuleba" in page
    b, a = '2022-03-05 · <span class="article">b</span>', '2022-03-01 · <span class="article">a</span>'
    page = client.get("/search", params={"q": "regrets", "since": "2022-03-02"}).text
    assert "1 statement;" in page and b in page and a not in page
    page = client.get("/search", params={"q": "regrets", "until": "2022-03-02"}).text
    assert "1 statement;" in page and a in page and b not in page
    page = client.get("/search", params={"q": "nothing matches zebra"}).text
    assert "No statement matches" in page
    page = client.get("/search").text
    assert "Give words" in page


def test_search_takes_query_syntax_as_words(client):
    """Quotes, operators and stars in the query are words, never FTS5 syntax or an error."""
    for q in ('"regrets', "regrets OR NOT", "NEAR(a b)", "text:*", "'; DROP TABLE statements; --"):
        assert client.get("/search", params={"q": q}).status_code == 200, q


# -- injection


def test_article_text_never_runs_as_markup_on_any_page(client):
    """Statements, speaker names, offices, article names, titles and outlets with script tags, attribute
    breakers and template syntax appear escaped on the speakers list, a speaker page and search results."""
    listing = client.get("/speakers").text
    assert_safe(listing, SCRIPT)
    at = listing.index("Evil")
    start = listing.rindex('href="/speakers/', 0, at) + len('href="/speakers/')
    sid = listing[start:listing.index('"', start)]
    speaker = client.get(f"/speakers/{sid}").text
    assert_safe(speaker, SCRIPT, ATTRIBUTE, TEMPLATE)
    assert "hostile words" in speaker and "Outlet {{ 7*7 }}" in speaker and "49" not in speaker
    found = client.get("/search", params={"q": "hostile"}).text
    assert_safe(found, SCRIPT, ATTRIBUTE, TEMPLATE)
    assert "2 statements" in found


def test_draft_text_never_runs_as_markup(client):
    """A draft holding every payload, pasted or uploaded and with a hostile name, comes back escaped: in the
    text, in the highlights' titles, in the findings, excerpts and evidence, in the summary."""
    text = f"Intro {SCRIPT} middle {ATTRIBUTE} end {TEMPLATE} and Wang."
    for r in (client.post("/check", data={"text": text, "name": f"n{ATTRIBUTE}"}),
              client.post("/check", files={"file": (f"x{SCRIPT}.txt", text.encode(), "text/plain")})):
        assert r.status_code == 200
        assert_safe(r.text, SCRIPT, ATTRIBUTE, TEMPLATE)
        assert "message about {{ 7*7 }}" in r.text and "the source says &lt;script&gt;" in r.text


def test_query_and_messages_echo_escaped(client):
    """What a user types comes back escaped: the search form's values, and error messages quoting input."""
    r = client.get("/search", params={"q": ATTRIBUTE, "speaker": SCRIPT})
    assert r.status_code == 200
    assert_safe(r.text, ATTRIBUTE, SCRIPT)
    r = client.get("/search", params={"q": "x", "since": ATTRIBUTE})
    assert r.status_code == 400
    assert_safe(r.text)
    r = client.post("/check", files={"file": (f"{ATTRIBUTE}.exe", b"MZ", "application/octet-stream")})
    assert r.status_code == 400 and "&gt;&lt;img src=x onerror=alert(1)&gt;.exe: not a draft file" in r.text
    assert_safe(r.text)  # (the client sends the file name's quote mark as %22)


SENDABLE = st.characters(blacklist_categories=("Cs",))  # lone surrogates cannot be sent: no client encodes them


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(SENDABLE, max_size=300), name=st.text(SENDABLE, max_size=30),
       date=st.sampled_from(["", "2022-03-01", "garbage"]))
@example(text=SCRIPT + "Wang", name=ATTRIBUTE, date="")
@example(text="\x00\x01\x7f", name="", date="")
def test_no_draft_makes_a_server_error(client, text, name, date):
    """Whatever is pasted (control characters, lone surrogates, markup), with any name and date: a page, 200 or
    400, never a 500 (the test client raises on a server error)."""
    r = client.post("/check", data={"text": text, "name": name, "date": date})
    assert r.status_code in (200, 400)
    assert "<script>" not in r.text


@given(text=st.text(max_size=60), spans=st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=5))
def test_the_marked_pieces_give_the_draft_back(text, spans):
    """However findings overlap or stray past the text, joining the pieces gives the draft, every finding is
    referred to once, and a piece is marked exactly when a finding covers it."""
    findings = tuple(Finding("unsourced", "info", "d", Span(min(a, b), max(a, b), "?" * abs(a - b)), "m") for a, b in spans)
    report = CheckReport(Extraction(text, (), (), (), dt.date(2022, 3, 1), "argument", "d"), findings, ())
    pieces = marked_draft(report)
    assert "".join(p.text for p in pieces) == text
    assert sorted(k for p in pieces for k in p.refs) == list(range(1, len(findings) + 1))
    for p in pieces:
        assert p.text == text[p.start:p.end]
        covered = any(f.span.start <= p.start and p.end <= f.span.end for f in findings) and p.end > p.start
        assert (p.severity is not None) == covered


# -- the command


def _serving(monkeypatch) -> dict:
    """What `quotes serve` hands uvicorn, recorded instead of served: the app and the listening socket's address."""
    import uvicorn

    seen: dict = {}

    def run(server, sockets=None):
        seen.update(app=server.config.app, address=sockets[0].getsockname())

    monkeypatch.setattr(uvicorn.Server, "run", run)
    return seen


def test_serve_runs_uvicorn_on_loopback(store_path, monkeypatch, capsys):
    """`quotes serve --store FILE` listens on 127.0.0.1 at the port given, without a warning."""
    seen = _serving(monkeypatch)
    assert cli.main(["serve", "--store", str(store_path), "--no-cache", "--port", "0"]) == 0
    host, port = seen["address"][:2]
    assert host == "127.0.0.1" and port > 0
    client = TestClient(seen["app"], base_url="http://127.0.0.1")
    assert client.get("/speakers").status_code == 200
    err = capsys.readouterr().err
    # port 0 asks for a free port: the announcement names the one taken, not 0
    assert "warning" not in err and f"http://127.0.0.1:{port}/" in err


def test_serve_says_when_the_port_is_taken(store_path, monkeypatch, capsys):
    """A port another program holds: one Error line that says so and how to pick another, exit code 2."""
    import socket

    _serving(monkeypatch)
    with socket.create_server(("127.0.0.1", 0)) as held:
        port = held.getsockname()[1]
        assert cli.main(["serve", "--store", str(store_path), "--no-cache", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "--port 0" in err and "Traceback" not in err


def test_serve_warns_when_bound_beyond_loopback(store_path, monkeypatch, capsys):
    """Another --host is taken (it must be given) with a warning on stderr; the app then answers any Host."""
    seen = _serving(monkeypatch)
    assert cli.main(["serve", "--store", str(store_path), "--no-cache", "--host", "0.0.0.0", "--port", "0"]) == 0
    assert seen["address"][0] == "0.0.0.0" and "warning: binding 0.0.0.0" in capsys.readouterr().err
    assert TestClient(seen["app"], base_url="http://newsroom.example").get("/").status_code == 200


def test_serve_errors(tmp_path, store_path, monkeypatch, capsys):
    """A missing store, a bad port or a missing framework: one Error line naming the fix, exit code 2."""
    assert cli.main(["serve", "--store", str(tmp_path / "none.sqlite"), "--no-cache"]) == 2
    assert "no such archive" in capsys.readouterr().err
    assert cli.main(["serve", "--store", str(tmp_path), "--no-cache"]) == 2  # a folder: it says what to give
    assert "is a folder; --store takes the archive file" in capsys.readouterr().err
    assert cli.main(["serve", "--store", str(store_path), "--no-cache", "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert cli.main(["serve", "--store", str(store_path), "--no-cache"]) == 2
    assert "pip install 'newsroom-quotes[web]'" in capsys.readouterr().err
