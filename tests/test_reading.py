"""Reading articles: encodings, binary data, HTML, web debris, huge and empty inputs (quotes.reading)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quotes.errors import InputError
from quotes.reading import LARGE_INPUT, Article, find_debris, html_to_text, read_article

TEXT = "Wang said: “We will never give up.” Ça va, café, naïve — Russia’s war."


def _kinds(article: Article) -> list[tuple[str, str]]:
    return [(d.code, d.span.text) for d in article.diagnostics if d.span is not None]


def _ignored(article: Article) -> list[str]:
    return [s.text for s in article.ignore]


# --- str and encodings -----------------------------------------------------------------------

def test_str_is_used_as_is():
    """A str is the article text itself: same object content, control characters kept, no encoding."""
    text = "Line one\x0c with a form feed\x00 and a nul.\r\nNext line."
    article = read_article(text, name="x.txt")
    assert article.text == text and article.format == "text" and article.encoding is None
    assert article.name == "x.txt"


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-32", "utf-32"),
])
def test_unicode_encodings(encoding, expected):
    """UTF-8 with and without a BOM, UTF-16 and UTF-32 with a BOM decode without diagnostics."""
    article = read_article(TEXT.encode(encoding))
    assert article.text == TEXT
    assert article.encoding == expected
    assert [d.code for d in article.diagnostics] == []


def test_utf16_without_bom_is_guessed():
    """UTF-16-LE without a BOM is recognised by its nul bytes and read with a warning."""
    article = read_article(TEXT.encode("utf-16-le"))
    assert article.text == TEXT and article.encoding == "utf-16-le"
    assert [d.code for d in article.diagnostics] == ["encoding-guessed"]


def test_cp1252_fallback_with_diagnostic():
    """Windows-1252 bytes (curly quotes 0x93/0x94, é) are read as cp1252 with an encoding-fallback warning."""
    article = read_article("He said “café” — fine.".encode("cp1252"))
    assert article.text == "He said “café” — fine."
    assert article.encoding == "cp1252"
    diag = article.diagnostics[0]
    assert diag.code == "encoding-fallback" and diag.severity == "warning" and "UTF-8" in diag.message


def test_latin1_when_cp1252_cannot_decode():
    """Bytes undefined in cp1252 (0x81) fall back to latin-1, still with a diagnostic."""
    article = read_article(b"Caf\xe9 \x81 ok")
    assert article.encoding == "latin-1" and article.text == "Caf\xe9 \x81 ok"
    assert article.diagnostics[0].code == "encoding-fallback"


def test_html_declared_charset_is_used():
    """Non-UTF-8 HTML that declares its charset is decoded with it."""
    raw = '<html><head><meta charset="iso-8859-7"></head><body><p>Λέει «ναι».</p></body></html>'.encode("iso-8859-7")
    article = read_article(raw)
    assert article.text == "Λέει «ναι»." and article.format == "html"
    assert "encoding-declared" in [d.code for d in article.diagnostics]


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02\x03\x04\x05binary\x00\x00\xff\xfe\x00",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    bytes(range(256)) * 4,
])
def test_binary_data_raises_input_error(data):
    """Binary data raises InputError saying it looks like binary data, not text."""
    with pytest.raises(InputError, match="looks like binary data, not text"):
        read_article(data)


def test_wrong_type_raises_input_error():
    """Anything but str or bytes is an InputError, not a TypeError."""
    with pytest.raises(InputError, match="str or bytes"):
        read_article(42)  # type: ignore[arg-type]


# --- empty and large ----------------------------------------------------------------------------

@pytest.mark.parametrize("data", ["", "   \n\t\n", b"", b"\xef\xbb\xbf"])
def test_empty_input(data):
    """Empty or whitespace-only input: a clean Article with an empty-input diagnostic, no ignore spans."""
    article = read_article(data)
    assert article.ignore == ()
    assert [d.code for d in article.diagnostics] == ["empty-input"]


def test_large_input_is_a_diagnostic_not_an_error():
    """Over LARGE_INPUT characters: the article is read, with a large-input diagnostic."""
    para = "Wang said the ties were ‘rock-solid’ and both sides’ future was bright.\n\n"
    text = para * (LARGE_INPUT // len(para) + 1)
    article = read_article(text)
    assert article.text is text
    assert "large-input" in [d.code for d in article.diagnostics]


# --- HTML ------------------------------------------------------------------------------------

def test_html_to_paragraphs_with_entities_and_scripts():
    """HTML: paragraphs become blank-line separated text; scripts, styles, menus, footers, captions vanish."""
    html = """<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head>
    <body><nav><a href="/">Home</a></nav><article><h1>China &amp; Russia</h1>
    <p>Wang said &ldquo;we&nbsp;regret&rdquo; the   war.<script>var x = "<p>no</p>";</script></p>
    <figure><img src="a.jpg" alt="x"><figcaption>Pictured: Wang Yi</figcaption></figure>
    <p>Second<br>line &#8212; &#x2019;done&#39;.</p><aside>Related stories</aside></article>
    <footer>© 2022</footer></body></html>"""
    article = read_article(html, name="page")
    assert article.format == "html"
    assert article.text == "China & Russia\n\nWang said “we\xa0regret” the war.\n\nSecond\n\nline — ’done'."
    assert article.diagnostics[0].code == "html-input"
    assert "offsets refer to" in article.diagnostics[0].message


def test_html_furniture_by_class_and_nesting():
    """Elements whose class names furniture (caption, related, comments) are dropped, nested divs included."""
    html = ('<div class="article-body"><p>Kept “yes”.</p><div class="image-caption"><div>Inner</div> tail</div>'
            '<div id="comments"><p>Comment</p></div><p>Also kept.</p><div/><p>Last.</p></div>')
    assert html_to_text(html) == "Kept “yes”.\n\nAlso kept.\n\nLast."


def test_html_detection():
    """Plain text mentioning a tag is not HTML; an .html name or real markup is."""
    assert read_article("Use the <p> tag, he said.").format == "text"
    assert read_article("Just text", name="page.html").format == "html"
    assert read_article("<div>One</div><div>Two</div>").text == "One\n\nTwo"


def test_html_bytes():
    """HTML given as UTF-8 bytes is decoded and extracted."""
    article = read_article("<p>“Yes,” he said.</p>".encode())
    assert article.text == "“Yes,” he said." and article.encoding == "utf-8" and article.format == "html"


def test_html_to_text_keeps_pre():
    """Text in <pre> keeps its line breaks."""
    assert html_to_text("<pre>a\n  b</pre>") == "a\n\n  b"


# --- web debris on seed snippets ---------------------------------------------------------------

def test_caption_with_typo_and_alt_text_seed_000():
    """Seed 000: a 'Picturd:' caption paragraph and the lowercase alt-text line after it are ignored."""
    text = ("China expresses dissatisfaction over Russia’s invasion of Ukraine\n\n"
            "China has found itself walking a diplomatic tightrope after Russia's full-scale invasion. Picturd: "
            "Chinese President Xi Jinping, right, and Russian President Vladimir Putin talk, February 4, 2022\n"
            "putin and china president\n\n"
            "According to Chinese official media, China’s foreign minister has telephoned his colleague.")
    article = read_article(text)
    assert _ignored(article) == [text.split("\n")[2], "putin and china president"]
    assert all(d.code == "debris" for d in article.diagnostics)
    assert "photo caption" in article.diagnostics[0].message


def test_headline_teaser_and_read_also_seed_000():
    """Seed 000: the headline repeated before a | teaser and a READ ALSO line are ignored; the teaser is kept."""
    head = "China expresses dissatisfaction over Russia’s invasion of Ukraine"
    teaser = head + "|In the latest hint of its displeasure, China says it “truly regrets” the conflict."
    read_also = "READ ALSO : Russia’s assault on Ukraine might result in ‘WORLD WAR’ says Donald Trump"
    prose = "The abstention, seen as a win by Western countries, was secured after a delay, diplomats said."
    article = read_article("\n\n".join([head, teaser, prose, read_also, prose.replace("win", "victory"), "Leave a Reply"]))
    assert _ignored(article) == [head + "|", read_also, "Leave a Reply"]
    assert "headline teaser" in article.diagnostics[0].message


def test_repeated_and_glued_captions_seed_001():
    """Seed 001: captions come twice (once glued to the next paragraph); every copy is ignored, the prose kept."""
    cap = ("China's UN Ambassador Zhang Jun addresses the United Nations Security Council, Friday, Feb. 25, 2022. "
           "Last night, China abstained from voting on a resolution condemning Russia's illegal invasion of Ukraine")
    prose = "Late on Friday in New York, China abstained from voting on a draft UN Security Council resolution."
    text = f"Intro paragraph that is real prose.\n\n{cap}\n\n{cap}{prose}\n\nThe abstention was a win, diplomats said."
    article = read_article(text)
    assert _ignored(article) == [cap, cap]
    assert [d.code for d in article.diagnostics] == ["debris", "repeated-paragraph"]
    assert prose not in _ignored(article)


def test_repeated_paragraph_far_apart_seed_001():
    """Seed 001: a paragraph repeated verbatim near the end: only the second copy is ignored."""
    para = "China has continued to denounce sanctions against Russia and blamed the US for provoking Moscow. "
    text = f"{para}\n\nOther news in between.\n\nMore prose here, he said.\n\n{para}\n\n\nNo comments:\n\nPowered by Blogger."
    article = read_article(text)
    assert _kinds(article) == [("repeated-paragraph", para.strip()), ("debris", "No comments:"),
                               ("debris", "Powered by Blogger.")]
    assert article.ignore[0].start == text.rindex(para.strip())


def test_blog_boilerplate_seed_002():
    """Seed 002: 'Please wait…', RELATED ARTICLES, the donation/newsletter plea, 'Related posts:', 'Views: 0'."""
    lines = ["In January, President Xi marked 30 years of ties with Ukraine, hailing the ‘deepening political mutual trust’.",
             "Please wait…", "RELATED ARTICLES",
             "Did you like this information? Then please consider making a donation or subscribing to our Newsletter. Source",
             "Related posts:", "Views: 0"]
    article = read_article("\n".join(lines))
    assert _ignored(article) == lines[1:]


def test_site_furniture_and_quote_widget_seed_003():
    """Seed 003: site furniture, repeated headline copies and the Today's Quote widget with its quote."""
    head = "China Offers To Intervene In Russia ‘Ceasefire’ Agreement With Ukraine"
    prose = "Mr. Wang said that the situation in Ukraine “has changed dramatically,” according to CCTV."
    lines = ["Connect with us", "Agnes Isika Blog", head, "News", head, prose, head, "Click to comment", "Leave a Reply",
             "Your email address will not be published. Required fields are marked *", "More in News",
             "Today's Quote", "The secret of getting ahead is getting started.", "Trending", "To Top"]
    article = read_article("\n\n".join(lines))
    ignored = _ignored(article)
    assert head not in ignored[:2] and ignored.count(head) == 2
    assert prose not in ignored
    assert "The secret of getting ahead is getting started." in ignored
    assert set(lines) - set(ignored) == {prose}
    assert len(ignored) == len(lines) - 2  # all but the first headline and the prose


def test_photo_credit_in_prose():
    """A '(Photo by ...)' credit inside a paragraph is ignored on its own; the paragraph stays."""
    text = "Wang spoke in Beijing on Monday (Photo by Kevin Frayer/Getty Images). He said “no”."
    article = read_article(text)
    assert _ignored(article) == ["(Photo by Kevin Frayer/Getty Images)"]


def test_seeds_keep_their_prose(seeds):
    """On the seeds no ignored region holds a sentence that appears only once and ends with a full stop,
    except boilerplate; every ignore span slices back and debris diagnostics match the ignore spans."""
    counts = {}
    for stem, text in seeds.items():
        article = read_article(text, name=stem)
        assert article.text is text
        for span in article.ignore:
            assert text[span.start:span.end] == span.text
        spans = [d.span for d in article.diagnostics if d.code in ("debris", "repeated-paragraph")]
        assert tuple(spans) == article.ignore
        counts[stem] = len(article.ignore)
        for must_keep in ("Foreign Minister Wang Yi told", "‘The friendship between", "“China deplores the outbreak",
                          "Wang said that the situation"):
            if must_keep in text:
                at = text.index(must_keep)
                assert not any(s.start <= at < s.end for s in article.ignore), (stem, must_keep)
    assert counts == {"000_3e577ab3d1a4b900": 5, "001_b4735100701c3752": 17, "002_2fe322bd87738eb3": 5,
                      "003_3c8eb3348f87d2b3": 17}


def test_find_debris_on_empty_text():
    """find_debris of blank text finds nothing."""
    assert find_debris("\n \n") == ((), ())


# --- properties ------------------------------------------------------------------------------

@settings(max_examples=60)
@given(st.text(max_size=200))
@example("<p>")
@example("<p>a</p><script>")
@example("x\n\nx")
@example("Pictured:")
def test_any_str_reads(text):
    """Any str reads without raising, and every ignore and diagnostic span slices back into Article.text."""
    article = read_article(text)
    for span in [*article.ignore, *(d.span for d in article.diagnostics if d.span is not None)]:
        assert article.text[span.start:span.end] == span.text
    if article.format == "text":
        assert article.text == text


@settings(max_examples=60)
@given(st.binary(max_size=200))
@example(b"\xff\xfe\x00")
@example(b"\xfe\xff\xd8\x00")
@example(b"\x00")
def test_any_bytes_read_or_raise_input_error(data):
    """Arbitrary bytes give an Article or an InputError, never another exception."""
    try:
        article = read_article(data)
    except InputError as err:
        assert "binary" in str(err)
        return
    for span in article.ignore:
        assert article.text[span.start:span.end] == span.text


@settings(max_examples=40)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120))
def test_utf8_bytes_round_trip(text):
    """Text encoded as UTF-8 reads back as the same text (unless it is HTML or pure control codes)."""
    try:
        article = read_article(text.encode("utf-8"))
    except InputError:
        return
    if article.format == "text":
        assert article.text == text


def test_hard_wrapped_lines_are_not_labels():
    """Short lines that continue a hard-wrapped sentence are prose, not labels or alt text."""
    text = ("Wang told reporters in Beijing on Monday that the\nties were\n“rock-solid” and that both sides\n"
            "would work together,\nhe said.\n\nTrending")
    article = read_article(text)
    assert _ignored(article) == ["Trending"]
