"""Reading articles: encodings, binary data, HTML, web debris, huge and empty inputs (quotes.reading)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quotes.errors import InputError
from quotes.reading import LARGE_INPUT, Article, article_files, find_debris, html_to_text, read_article

TEXT = "Wang said: “We will never give up.” Ça va, café, naïve — Russia’s war."


def _kinds(article: Article) -> list[tuple[str, str]]:
    return [(d.code, d.span.text) for d in article.diagnostics if d.span is not None]


def _ignored(article: Article) -> list[str]:
    return [s.text for s in article.ignore]


# --- str and encodings -----------------------------------------------------------------------

def test_str_is_used_as_is():
    """A str is the article text itself: the same object, line and page breaks kept, no encoding, no diagnostic."""
    text = "Line one\x0c with a form feed\x1b and an escape.\r\nNext line."
    article = read_article(text, name="x.txt")
    assert article.text is text and article.format == "text" and article.encoding is None
    assert article.name == "x.txt" and article.diagnostics == ()


def test_str_nul_and_lone_surrogate_are_replaced_one_for_one():
    """A nul (SQLite's text functions stop at it) and a lone surrogate (UTF-8 cannot write it) become U+FFFD,
    one character for one: every other character and every offset stay; a warning counts them and points at
    the first."""
    text = "Wang\x00 said “we\ud800 will”.\x00"
    article = read_article(text)
    assert article.text == "Wang\ufffd said “we\ufffd will”.\ufffd"
    assert len(article.text) == len(text)
    article.text.encode("utf-8")  # writable now
    [diag] = article.diagnostics
    assert diag.code == "replaced-characters" and diag.severity == "warning"
    assert "3 characters" in diag.message and "U+0000" in diag.message and "character 4" in diag.message
    assert (diag.span.start, diag.span.end, diag.span.text) == (4, 5, "\ufffd")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_stray_nul_is_text_with_or_without_a_bom(bom):
    """A text file holding one nul byte is text whether or not it starts with a UTF-8 byte-order mark: the nul
    is replaced as in a str, with the same warning."""
    article = read_article(bom + "“We will win,\x00” said Joe Biden on Tuesday.\n".encode())
    assert article.text == "“We will win,\ufffd” said Joe Biden on Tuesday.\n"
    assert article.encoding == ("utf-8-sig" if bom else "utf-8")
    assert [(d.code, d.span.start) for d in article.diagnostics] == [("replaced-characters", 13)]
    assert article.diagnostics == read_article("“We will win,\x00” said Joe Biden on Tuesday.\n").diagnostics


@pytest.mark.parametrize("data", ["He said\x01 yes and\x07 left.", b"He said\x01 yes and\x07 left."])
def test_a_few_control_codes_are_kept_and_named(data):
    """A few control codes other than line breaks leave text text (str or bytes alike): kept, with a note
    naming how many and the first."""
    article = read_article(data)
    assert article.text == "He said\x01 yes and\x07 left."
    [diag] = article.diagnostics
    assert diag.code == "control-characters" and diag.severity == "info"
    assert "2 control characters" in diag.message and "U+0001" in diag.message and diag.span.start == 7


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("data", [b"PK\x00\x01\x00\x02" * 30 + b"some text", b"\x00", b"x\x00"])
def test_mostly_nul_bytes_are_binary_with_or_without_a_bom(bom, data):
    """Bytes that are mostly nul and control codes (or half of a short input) are binary data, a byte-order
    mark or not."""
    with pytest.raises(InputError, match="binary data, not text \\(nul bytes and control codes\\)"):
        read_article(bom + data)


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


# --- files and folders ------------------------------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")


@needs_fifo
def test_a_folder_lists_broken_links_and_names_pipes(tmp_path):
    """In a folder a broken link is listed (reading it fails and says why, as for a file that may not be read);
    a named pipe is not read (nothing writes to it: reading would wait for ever) but given back as skipped."""
    (tmp_path / "a.txt").write_text("“Yes,” he said.", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "sub.txt").mkdir()
    skipped: list = []
    files = article_files([tmp_path], skipped=skipped)
    assert files == [tmp_path / "a.txt", tmp_path / "gone.txt"]
    assert skipped == [(tmp_path / "pipe.txt", "a named pipe, not a file")]
    with pytest.raises(FileNotFoundError):
        files[1].read_bytes()
    assert article_files([tmp_path]) == files  # without a list to fill, the pipe is still not read


@needs_fifo
def test_a_folder_of_only_a_pipe_says_so(tmp_path):
    """A folder whose only entry with an article's name is a pipe has no article files, and the error says what
    it holds."""
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match=r"no article files \(.txt, .html\) in this directory \(pipe.txt: a named pipe"):
        article_files([tmp_path])


@needs_fifo
def test_a_pipe_given_by_itself_is_read(tmp_path):
    """A pipe named on purpose (a named pipe, or <(cat a.txt), which the shell passes as /dev/fd/N) is listed to
    be read, not refused as missing."""
    os.mkfifo(tmp_path / "pipe.txt")
    assert article_files([tmp_path / "pipe.txt"]) == [tmp_path / "pipe.txt"]
    read_end, write_end = os.pipe()
    try:
        fd_path = f"/dev/fd/{read_end}"
        if os.path.exists(fd_path):
            assert article_files([fd_path]) == [Path(fd_path)]
            os.write(write_end, "“Yes,” he said.".encode())
            os.close(write_end)
            write_end = -1
            assert read_article(Path(fd_path).read_bytes()).text == "“Yes,” he said."
    finally:
        os.close(read_end)
        if write_end != -1:
            os.close(write_end)


def test_missing_paths_raise_input_error(tmp_path):
    """A path that is not there, or a link given by itself whose target is gone, is an InputError naming it."""
    with pytest.raises(InputError, match="no such file or directory"):
        article_files([tmp_path / "nothing.txt"])
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match=r"gone.txt: a link to .*nowhere.txt, which is not there"):
        article_files([tmp_path / "gone.txt"])


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


ARTICLE = ("<p>&ldquo;We are ready to talk,&rdquo; said Kremlin spokesman Dmitry Peskov on Friday.</p>\n"
           "<p>Russian Foreign Minister Sergei Lavrov said the West was to blame.</p>")
ARTICLE_TEXT = ("“We are ready to talk,” said Kremlin spokesman Dmitry Peskov on Friday.\n\n"
                "Russian Foreign Minister Sergei Lavrov said the West was to blame.")


@pytest.mark.parametrize("page", [
    f"<!DOCTYPE html><html><head><title>Talks stall</title></head><body><div class='story'>{ARTICLE}</div></body></html>",
    # </head> left out (valid HTML5: <body> closes the head)
    f'<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Talks stall</title>\n<body>{ARTICLE}</body></html>',
    # no </head> and no <body>: the first element of the body closes the head
    f"<html><head><title>Talks stall</title><link rel=stylesheet href=a.css>\n<div>{ARTICLE}</div></html>",
    # ASP.NET: the whole body inside a form; its controls' own text is left out
    f'<html><head><title>Talks stall</title></head><body><form method="post" action="./story.aspx?id=1" id="form1">'
    f'<select name="edition"><option>World edition</option></select><div class="story">{ARTICLE}</div>'
    f'<textarea>Your comment</textarea><button>Send</button></form></body></html>',
    # WordPress: the page's classes name its sidebar; the article's name its comments and sharing settings
    f'<html><head><title>Talks stall</title></head><body class="post-template-default single single-post right-sidebar">'
    f'<main class="site-main comments-area-wrap"><article class="post comments-open share-enabled">'
    f'<div class="entry-content">{ARTICLE}</div></article></main></body></html>',
    # a wrapper div whose long class list carries state flags and subject tags
    f'<html><body><div class="post type-post share-enabled has-sidebar no-ads tag-social-media category-comment">'
    f'{ARTICLE}</div></body></html>',
])
def test_html_pages_keep_their_article(page):
    """Real page shapes (no </head>, a body inside a form, classes that name a sidebar or comments on the page
    or a wrapper) give the article's text, without warnings."""
    article = read_article(page, name="page.html")
    assert article.text == ARTICLE_TEXT
    assert [d.code for d in article.diagnostics] == ["html-input"]


def test_head_closed_by_text():
    """Text after the head's elements closes an unclosed <head>, as in a browser; the title stays out."""
    assert html_to_text("<html><head><title>T</title><meta charset=utf-8>\nLoose text<p>Next</p>") == "Loose text\n\nNext"


def test_furniture_inside_a_kept_page_is_still_left_out():
    """On a page whose wrappers carry furniture-like words, the furniture itself still goes: share buttons,
    a comments section, a sidebar, a caption (by class or by tag)."""
    page = (f'<body class="single-post right-sidebar"><div class="post share-enabled">{ARTICLE}'
            '<div class="share-buttons">Share on X</div><figure><img src=a.jpg><figcaption>Peskov in 2021</figcaption>'
            '</figure><div class="wp-caption-text">Lavrov in Geneva</div></div>'
            '<div id="comments" class="comments-area"><p>I disagree, said Bob.</p></div>'
            '<aside id="right-sidebar" class="widget-area is-right-sidebar"><p>Most read</p></aside></body>')
    assert html_to_text(page) == ARTICLE_TEXT


@pytest.mark.parametrize("token, furniture", [
    ("image-caption", True), ("comments", True), ("comment-list", True), ("ad_slot", True), ("advertisement", True),
    ("read-more", True), ("most-read", True), ("social-share", True), ("right-sidebar", True),
    ("share-enabled", False), ("comments-open", False), ("has-sidebar", False), ("no-ads", False),
    ("tag-social-media", False), ("category-comment", False), ("commentary", False), ("shared", False),
    ("headline", False), ("post", False),
])
def test_furniture_class_tokens(token, furniture):
    """A class or id names furniture by one of its words (split at - and _), not by a substring, and not when
    another word makes it a state flag or a subject tag."""
    assert html_to_text(f'<div class="story {token}"><p>Text.</p></div><p>Rest.</p>') == (
        "Rest." if furniture else "Text.\n\nRest.")


def test_a_furniture_class_around_the_headline_is_a_wrapper():
    """An element whose class names furniture but that holds the page's <h1> wraps the article: it is kept,
    while the furniture inside it still goes."""
    page = (f'<div class="layout-sidebar"><h1>Talks stall</h1>{ARTICLE}<div class="related">Other talks</div>'
            '<aside>Menu</aside></div><div class="sidebar"><h2>Popular</h2><p>Elsewhere</p></div>')
    assert html_to_text(page) == "Talks stall\n\n" + ARTICLE_TEXT


@pytest.mark.parametrize("page", [
    f'<html><body><div class="comments-wrapper">{ARTICLE}</div></body></html>',  # a class that hides it all
    f"<html><body><p>Talks stall</p><aside><p>Menu</p>{ARTICLE}</body></html>",  # an <aside> never closed
])
def test_furniture_that_would_leave_nothing_is_kept_with_a_warning(page):
    """When leaving out the page furniture would leave (almost) nothing of a page with text, the whole visible
    text is kept and a warning says so: the article is never lost in silence."""
    article = read_article(page, name="page.html")
    assert ARTICLE_TEXT in article.text
    codes = [d.code for d in article.diagnostics]
    assert codes[:2] == ["html-input", "html-furniture-kept"]
    warning = article.diagnostics[1]
    assert warning.severity == "warning" and "all its visible text was kept" in warning.message


def test_a_little_furniture_on_a_page_is_no_warning():
    """A page whose article is most of its text keeps its furniture out without a warning."""
    page = f"<html><body><nav>Home | World | Sport</nav>{ARTICLE}<footer>© 2022 The Paper</footer></body></html>"
    article = read_article(page, name="page.html")
    assert article.text == ARTICLE_TEXT and [d.code for d in article.diagnostics] == ["html-input"]


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
@example("a\x00b\udc80")
def test_any_str_reads(text):
    """Any str reads without raising, every ignore and diagnostic span slices back into Article.text, and the
    text can be written as UTF-8 and stored: plain text keeps its length, only a nul or lone surrogate replaced."""
    article = read_article(text)
    for span in [*article.ignore, *(d.span for d in article.diagnostics if d.span is not None)]:
        assert article.text[span.start:span.end] == span.text
    article.text.encode("utf-8")
    assert "\x00" not in article.text
    if article.format == "text":
        assert len(article.text) == len(text)
        assert all(a == b or (a == "\ufffd" and (b == "\x00" or "\ud800" <= b <= "\udfff"))
                   for a, b in zip(article.text, text))


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
@example("x\x00y")
def test_utf8_bytes_round_trip(text):
    """Text encoded as UTF-8 reads back as the same text, a nul as U+FFFD (unless it is HTML or mostly control
    codes), as the same text given as a str does."""
    try:
        article = read_article(text.encode("utf-8"))
    except InputError:
        return
    if article.format == "text":
        assert article.text == text.replace("\x00", "\ufffd") == read_article(text).text


def test_hard_wrapped_lines_are_not_labels():
    """Short lines that continue a hard-wrapped sentence are prose, not labels or alt text."""
    text = ("Wang told reporters in Beijing on Monday that the\nties were\n“rock-solid” and that both sides\n"
            "would work together,\nhe said.\n\nTrending")
    article = read_article(text)
    assert _ignored(article) == ["Trending"]


def test_a_navigation_bar_is_debris_but_a_quote_with_bars_is_not():
    """Short items between pipes are a site's navigation; a sentence quoting someone's words with pipes in them
    (a slogan, a list read out) is the article's own and keeps its quote."""
    text = "Home | World | Politics | Sport\n“We will win | or not | ok,” said Joe Biden on Tuesday.\n"
    ignored = [text[s.start:s.end] for s in read_article(text).ignore]
    assert ignored == ["Home | World | Politics | Sport"]


def test_navigation_with_apostrophes_is_still_navigation():
    text = "Home | World | Editor's Picks | Sport\nNews | Women’s Sport | Opinion | Today's Paper\nThe story.\n"
    assert len(read_article(text).ignore) == 2


def test_furniture_of_a_short_article_stays_out():
    """A 40-word news brief on a page full of menus, related links and comments keeps the furniture out: the
    safety net is for pages where almost nothing (under ten words) would be left."""
    brief = ("The city council voted on Tuesday to close the old bridge for repairs. \u201cIt is not safe,\u201d "
             "said Mayor Ann Lee, who asked residents to use the ferry until the work is done in the spring.")
    page = ("<html><body><nav>Home | World | Politics | Sport | Business | Opinion | Culture</nav>"
            f"<article><h1>Bridge to close</h1><p>{brief}</p></article>"
            "<section class='related'><ul>" + "".join(f"<li>Related story number {i} about the council</li>"
                                                       for i in range(8)) + "</ul></section>"
            "<div class='comments'>" + "".join(f"<p>Reader {i} wrote: this is a disgrace and they should resign "
                                              "now.</p>" for i in range(6)) + "</div>"
            "<footer>Copyright the Courier. All rights reserved. Terms. Privacy. Contact us.</footer></body></html>")
    article = read_article(page.encode(), name="brief.html")
    assert "Mayor Ann Lee" in article.text and "Reader 0" not in article.text and "Related story" not in article.text
    assert not any(d.code == "html-furniture-kept" for d in article.diagnostics)


def test_a_sidebar_headline_or_a_related_card_is_no_article_wrapper():
    page = ("<html><body><div class='sidebar'><h1>Daily Courier</h1><p>Mayor: \"We will build it\"</p></div>"
            "<article><h1>Plan costs rise</h1><p>The plan will cost more than the council was told in March, "
            "officials said on Tuesday after a review of the figures.</p></article>"
            "<section class='more-from'><article class='related-story'><p>Minister: \"resign now\"</p></article>"
            "</section><form class='signup'><p>Get the morning briefing delivered to your inbox every day</p>"
            "</form></body></html>")
    text = read_article(page.encode(), name="p.html").text
    assert "Plan costs rise" in text and "officials said" in text
    assert "Daily Courier" not in text and "We will build it" not in text and "resign now" not in text
    assert "morning briefing" not in text
