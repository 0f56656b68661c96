"""From what a user gives (bytes, a string, HTML) to the clean text every later offset refers to.

``read_article`` decodes bytes (UTF-8 with or without a byte-order mark, UTF-16/32 with one, else
Windows-1252 with a diagnostic), turns HTML into paragraphs of plain text, and marks the web debris
that scraped articles carry (photo captions, repeated paragraphs, "READ ALSO" teasers, comment and
subscription boilerplate, quote-of-the-day widgets) as regions to ignore. A ``str`` that is not HTML
is used as given, so offsets are offsets into the caller's own string: only a character no text can keep (a
nul, which SQLite's text functions stop at; a lone surrogate, which UTF-8 cannot write) is replaced, one for
one by U+FFFD, with a diagnostic (``bytes`` get the same once decoded).

>>> article = read_article("Wang said it was ‘complex’.\\n\\nREAD MORE: China and Russia", name="a")
>>> article.text[:9], article.format, [d.code for d in article.diagnostics]
('Wang said', 'text', ['debris'])
>>> article.ignore[0].text
'READ MORE: China and Russia'
"""

from __future__ import annotations

import codecs
import contextlib
import html as htmllib
import itertools
import os
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import attrs

from .errors import InputError
from .records import Diagnostic, Span

__all__ = ["LARGE_INPUT", "Article", "read_article"]

LARGE_INPUT = 5_000_000
"""Characters (or bytes) above which an input gets a ``large-input`` diagnostic."""

@attrs.frozen
class Article:
    """One article as clean text, with the regions to skip and what was noticed while reading it."""

    text: str
    """The text every later offset refers to: the input itself for a plain ``str``, else the decoded or HTML-extracted text."""
    name: str | None = None
    """The article's name (a file name), if given."""
    format: str = "text"
    """``text`` or ``html``: what the input was."""
    encoding: str | None = None
    """The encoding the bytes were decoded with (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``...); None for a ``str``."""
    ignore: tuple[Span, ...] = ()
    """Regions of ``text`` to skip when extracting quotes (web debris), in text order."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """What was noticed while reading (encoding fallbacks, HTML input, debris, repeated paragraphs)."""
    published: str | None = None
    """The publication date an HTML page states in its metadata (``article:published_time``, JSON-LD
    ``datePublished``, ``<time datetime>``), as written; None for plain text or a page without one."""
    title: str | None = None
    """The title an HTML page gives itself (``og:title``, else ``<title>``); None for plain text or a page
    without one."""


ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ""})
"""The files a folder contributes as articles."""


def article_files(paths: Sequence[str | os.PathLike[str]], *, recursive: bool = False,
                  skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """The article files of files and folders, in order: a folder gives its ``.txt``/``.html`` files sorted
    (hidden ones left out; in sub-folders too when ``recursive``). A folder without any, or a path that is
    not there, raises :class:`InputError`.

    A path given by itself is read whatever it is but a folder (a named pipe such as ``<(cat a.txt)`` too). In
    a folder, a link whose target is gone is listed (reading it fails, and says so, as for a file that may not
    be read); a named pipe, socket or device is not (reading a pipe that nothing writes to would wait for
    ever): it is added to ``skipped``, as ``(path, why)``, so that a caller can name it.
    """
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            try:
                entries = sorted(f for f in (path.rglob("*") if recursive else path.iterdir())
                                 if f.suffix.lower() in ARTICLE_SUFFIXES
                                 and not any(part.startswith(".") for part in f.relative_to(path).parts))
            except OSError as exc:
                raise InputError(f"{path}: cannot list this directory ({exc.strerror})") from exc
            found: list[Path] = []
            others: list[tuple[Path, str]] = []
            for f in entries:
                why = _not_an_article_file(f)
                if why is None:
                    found.append(f)
                elif why:
                    others.append((f, why))
            if not found:
                also = f" ({others[0][0].name}: {others[0][1]})" if others else ""
                raise InputError(f"{path}: no article files (.txt, .html) in this directory{also}")
            out.extend(found)
            if skipped is not None:
                skipped.extend(others)
        elif path.exists():
            out.append(path)  # a file, or a pipe or device named on purpose
        elif path.is_symlink():
            raise InputError(f"{path}: a link to {os.readlink(path)}, which is not there")
        else:
            raise InputError(f"{path}: no such file or directory")
    return out


def _not_an_article_file(path: Path) -> str | None:
    """None for an entry of a folder to read as an article (a file, or a link to one, even a broken link:
    reading it says what is wrong); else why not: ``""`` for a folder (no article, nothing to say), else
    what it is."""
    try:
        if path.is_file() or (path.is_symlink() and not path.exists()):
            return None
        if path.is_dir():
            return ""
        what = ("a named pipe" if path.is_fifo() else "a socket" if path.is_socket()
                else "a device" if path.is_block_device() or path.is_char_device() else "not a regular file")
    except OSError as exc:  # pragma: no cover - the is_* tests answer False rather than raise
        return f"cannot tell what it is ({exc.strerror})"
    return f"{what}, not a file"


def read_article(data: str | bytes, *, name: str | None = None) -> Article:
    """Read one article from a ``str`` or ``bytes``; raise :class:`InputError` only for data that is not text.

    >>> a = read_article("Wang said: “We will”.".encode("utf-8-sig"))
    >>> a.text, a.encoding
    ('Wang said: “We will”.', 'utf-8-sig')
    >>> a = read_article("<html><body><p>Wang said &ldquo;yes&rdquo;.</p><script>x()</script></body></html>")
    >>> a.text, a.format, a.diagnostics[0].code
    ('Wang said “yes”.', 'html', 'html-input')
    >>> read_article(b"\\x00\\x01\\x02\\x03PK\\x00\\x00")
    Traceback (most recent call last):
    ...
    quotes.errors.InputError: the input looks like binary data, not text (nul bytes and control codes); give a text or HTML file
    """
    diagnostics: list[Diagnostic] = []
    encoding: str | None = None
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        text, encoding = _decode(raw, diagnostics)
    elif isinstance(data, str):
        text = data
    else:
        raise InputError(f"an article must be str or bytes (got {type(data).__name__})")

    fmt = "text"
    published = title = None
    if _is_html(text, name):
        fmt = "html"
        published = html_published(text)
        title = html_title(text)
        text, kept = html_text(text)
        diagnostics.insert(0, Diagnostic(
            "html-input",
            "The input is HTML: offsets refer to the text extracted from it (Article.text), not to the markup.",
        ))
        if kept is not None:
            diagnostics.append(kept)
    text, cleaned = clean_characters(text)
    diagnostics.extend(cleaned)
    if len(text) > LARGE_INPUT or (encoding is not None and isinstance(data, (bytes, bytearray)) and len(data) > LARGE_INPUT):
        diagnostics.append(Diagnostic(
            "large-input",
            f"The input is very large ({len(text):,} characters); reading it may be slow. Split it into articles if it holds several.",
            None, "warning",
        ))
    if not text.strip():
        diagnostics.append(Diagnostic("empty-input", "The article is empty: there is nothing to extract.", None, "warning"))
        return Article(text, name, fmt, encoding, (), tuple(diagnostics), published, title)
    ignore, debris = find_debris(text)
    return Article(text, name, fmt, encoding, ignore, tuple(diagnostics) + debris, published, title)


_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")
"""Characters a text cannot keep: a nul (SQLite's text functions stop at it) and lone surrogates (no UTF-8)."""


def writable(text: str) -> str:
    """``text`` with each nul character and lone surrogate (what UTF-8 and SQLite cannot hold) replaced by U+FFFD,
    one for one, as :func:`clean_characters` does.

    >>> writable("Wa\\x00ng") == "Wa\\ufffdng"
    True
    """
    return _UNWRITABLE.sub("\ufffd", text)


_CONTROL = re.compile("[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")
"""Other control codes (not tab, line and page breaks or escape): kept, but said."""


def clean_characters(text: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """``text`` with each nul character and lone surrogate replaced by U+FFFD (one character for one, so every
    offset still holds) and a ``replaced-characters`` warning saying how many and where the first was; a
    ``control-characters`` note for other control codes, which are kept. ``text`` itself when it holds none.

    >>> text, diags = clean_characters("We will win,\\x00 said Joe.")
    >>> text == "We will win,\\ufffd said Joe.", [(d.code, d.span.start) for d in diags]
    (True, [('replaced-characters', 12)])
    """
    diagnostics: list[Diagnostic] = []
    first = _UNWRITABLE.search(text)
    if first is not None:
        at, code = first.start(), ord(first.group())
        count = sum(1 for _ in _UNWRITABLE.finditer(text, at))
        text = writable(text)
        what = "a nul character" if code == 0 else "a lone surrogate"
        diagnostics.append(Diagnostic(
            "replaced-characters",
            f"{count} character{'s' if count > 1 else ''} that cannot be stored or written as UTF-8 (nul U+0000, "
            f"lone surrogates U+D800-U+DFFF) {'were' if count > 1 else 'was'} replaced with U+FFFD (\ufffd), one for one "
            f"so offsets hold; the first, {what} (U+{code:04X}), at character {at}.",
            Span.of(text, at, at + 1), "warning",
        ))
    control = _CONTROL.search(text)
    if control is not None:
        at, code = control.start(), ord(control.group())
        count = sum(1 for _ in _CONTROL.finditer(text, at))
        diagnostics.append(Diagnostic(
            "control-characters",
            f"The text holds {count} control character{'s' if count > 1 else ''} (the first, U+{code:04X}, at "
            f"character {at}); {'they were' if count > 1 else 'it was'} kept as {'they are' if count > 1 else 'it is'}.",
            Span.of(text, at, at + 1), "info",
        ))
    return text, tuple(diagnostics)


# --- bytes ---------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF-", "a PDF file"), (b"PK\x03\x04", "a ZIP archive or Word/Excel file"), (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"), (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel file"), (b"\x7fELF", "a program"), (b"BZh", None),
)
_CONTROL_BYTES = frozenset(range(9)) | frozenset(range(14, 27)) | frozenset(range(28, 32)) | {127}
"""Bytes that are control codes in text (not tab, line and page breaks or escape): many of them mean binary data."""
_CONTROL_CHARS = frozenset(map(chr, _CONTROL_BYTES))
"""The same codes as characters."""
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _binary_error(why: str) -> InputError:
    return InputError(f"the input looks like binary data, not text ({why}); give a text or HTML file")


def _decode(raw: bytes, diagnostics: list[Diagnostic]) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError as err:
                diagnostics.append(Diagnostic(
                    "decoding-errors",
                    f"The bytes start with a {enc} byte-order mark but are not valid {enc} (first bad byte at {err.start}); "
                    "undecodable bytes were replaced with �.",
                    None, "warning",
                ))
                text = raw.decode(enc, errors="replace")
            sample_text = text[:65536]
            if _too_many_controls(sum(c in _CONTROL_CHARS for c in sample_text), len(sample_text)):
                raise _binary_error("nul bytes and control codes" if "\x00" in sample_text else "many control codes")
            return text, enc
    for magic, what in _MAGIC:
        if raw.startswith(magic) and what:
            raise _binary_error(what)
    sample = raw[:65536]
    if b"\x00" in sample:
        guessed = _utf16_without_bom(raw)
        if guessed is not None:
            text, enc = guessed
            diagnostics.append(Diagnostic(
                "encoding-guessed",
                f"The bytes have no byte-order mark and were read as {enc}; check that the text looks right.",
                None, "warning",
            ))
            return text, enc
    if _too_many_controls(sum(b in _CONTROL_BYTES for b in sample), len(sample)):
        raise _binary_error("nul bytes and control codes" if b"\x00" in sample else "many control codes")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        bad = err.start
    declared = _META_CHARSET.search(raw[:4096])
    candidates = []
    if declared:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            candidates.append(codecs.lookup(declared.group(1).decode("ascii")).name)
    candidates += ["cp1252", "latin-1"]
    for enc in candidates:
        try:
            text = raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if declared and enc == candidates[0] and enc not in ("cp1252", "latin-1"):
            diagnostics.append(Diagnostic(
                "encoding-declared",
                f"The bytes are not valid UTF-8; they were read as {enc}, the encoding the HTML declares.",
            ))
        else:
            label = "Windows-1252 (cp1252)" if enc == "cp1252" else enc
            diagnostics.append(Diagnostic(
                "encoding-fallback",
                f"The bytes are not valid UTF-8 (first bad byte at offset {bad}); they were read as {label}. "
                "Check accented letters and quotation marks, or save the file as UTF-8.",
                None, "warning",
            ))
        if _mostly_control(text):
            raise _binary_error("mostly non-text bytes")
        return text, enc
    raise _binary_error("no text encoding fits")  # pragma: no cover - latin-1 decodes every byte


def _too_many_controls(controls: int, length: int) -> bool:
    """Whether ``controls`` control codes in ``length`` bytes or characters make binary data: more than one in
    twenty (and more than two), or half or more of a short input. A few in text (a stray nul) leave it text,
    with or without a byte-order mark; :func:`clean_characters` then names them."""
    return controls > max(2, length // 20) or (controls > 0 and 2 * controls >= length)


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark: nul bytes at every other position."""
    sample = raw[:4096]
    if len(raw) % 2 or len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    enc = "utf-16-le" if odd > 0.6 * half and even < 0.1 * half else "utf-16-be" if even > 0.6 * half and odd < 0.1 * half else None
    if enc is None:
        return None
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError:
        return None
    return (None if _mostly_control(text) else (text, enc))


def _mostly_control(text: str) -> bool:
    sample = text[:65536]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v\x1b") or 0x7F <= ord(c) < 0xA0)
    return bad > max(2, len(sample) // 10)


# --- HTML ----------------------------------------------------------------------------------

_HTML_TAG = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|article|main|section|p|div|br|span|h[1-6]|ul|ol|li|a|table|"
    r"blockquote|script|style|meta|title|em|strong|b|i|img)(?=[\s>/])",
    re.IGNORECASE,
)
_HTML_STRONG = re.compile(r"<\s*(?:!doctype\s+html|html|body|article|p|div|br)(?=[\s>/])", re.IGNORECASE)
_HIDDEN_TAGS = frozenset({
    "script", "style", "head", "title", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
    "button", "select", "option", "datalist", "textarea",
})
"""Elements whose content is no page text a reader sees (code, the head, form controls): always left out."""
_FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "figcaption", "form"})
"""Elements that hold page furniture (menus, footers, sidebars, captions, sign-up forms): left out as web debris;
a ``<form>`` around the page's headline (ASP.NET wraps whole pages in one) is a wrapper, kept."""
_MAY_WRAP_TAGS = frozenset({"form"})
"""Furniture by tag that can still be the article's wrapper (see :class:`_TextExtractor`)."""
_HEAD_TAGS = frozenset({"title", "meta", "link", "style", "script", "base", "noscript", "template", "basefont",
                        "bgsound", "noframes"})
"""What ``<head>`` holds; any other element (``<body>``, ``<p>``) or text closes an open ``<head>``, as in HTML5."""
_NEVER_DEBRIS = frozenset({"html", "body", "main"})
"""Elements whose class or id never marks them as furniture (``<body class="single-post right-sidebar">``); an
``<article>`` may be a related-story card, and is kept by its class or as the headline's wrapper."""
_BLOCK_TAGS = frozenset({
    "p", "div", "article", "section", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
    "li", "blockquote", "pre", "table", "tr", "td", "th", "dl", "dt", "dd", "figure", "hr", "address",
    "details", "summary", "body", "html", "caption", "center", "form", "fieldset",
})
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def _is_html(text: str, name: str | None) -> bool:
    if name and name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    if name and name.lower().endswith(".txt"):
        return False
    head = text[:200_000]
    strong = _HTML_STRONG.findall(head)
    if not strong:
        return False
    if text.lstrip().startswith("<"):
        return True
    return len(strong) >= 2 or len(_HTML_TAG.findall(head)) >= 3


_DEBRIS_WORDS = frozenset({
    "caption", "captions", "related", "newsletter", "newsletters", "comment", "comments", "share", "sharing",
    "social", "ad", "ads", "subscribe", "subscription", "sidebar", "breadcrumb", "breadcrumbs", "cookie", "cookies",
    "consent", "outbrain", "taboola", "readmore", "trending",
})
"""Words of a class or id (``image-caption``, ``comments``, ``ad_slot``) that name page furniture."""
_DEBRIS_STEMS = ("advert", "promo", "recirc")
"""Beginnings of such words (``advertisement``, ``promoted``, ``recirculation``)."""
_DEBRIS_PAIRS = frozenset({("read", "more"), ("more", "stories"), ("most", "read")})
"""Two words in a row that name furniture (``read-more``, ``most-read``)."""
_STATE_WORDS = frozenset({
    "enabled", "disabled", "active", "inactive", "open", "closed", "off", "has", "no", "without", "allowed",
    "ready", "loaded",
})
"""Words that make a class a state or layout flag, not furniture (``share-enabled``, ``has-sidebar``, ``no-ads``)."""
_TAXONOMY_WORDS = frozenset({"tag", "tags", "category", "categories", "topic", "topics"})
"""First words of classes that file a post under a subject (``tag-social-media``, ``category-comment``)."""
_CLASS_PART = re.compile(r"[-_]+")


def _debris_token(token: str) -> bool:
    """Whether one class or id names page furniture: a word of it (split at ``-`` and ``_``) does, and it is
    not a state flag or a subject tag.

    >>> [_debris_token(t) for t in ("image-caption", "comments", "ad_slot", "share-enabled", "commentary", "tag-ads")]
    [True, True, True, False, False, False]
    >>> [_debris_token(t) for t in ("js-comments", "related-with-thumbs", "has-sidebar")]
    [True, True, False]
    """
    parts = [p for p in _CLASS_PART.split(token.lower()) if p]
    if not parts or parts[0] in _TAXONOMY_WORDS or any(p in _STATE_WORDS for p in parts):
        return False
    return (any(p in _DEBRIS_WORDS or p.startswith(_DEBRIS_STEMS) for p in parts)
            or any(pair in _DEBRIS_PAIRS for pair in itertools.pairwise(parts)))


def _debris_attrs(tag: str, attrs_: list[tuple[str, str | None]]) -> bool:
    """Whether an element's class or id names page furniture (captions, related links, comments, ads); never
    for ``html``, ``body`` or ``main``, whose classes describe the whole page."""
    if tag in _NEVER_DEBRIS:
        return False
    return any(k in ("class", "id") and v and any(_debris_token(t) for t in v.split()) for k, v in attrs_)


_HIDDEN = -1
"""A stack entry that opened content never shown (a script, the head)."""
_NESTED = -2
"""A stack entry inside a hidden element or a furniture frame, kept so that the right end tag is found."""


class _TextExtractor(HTMLParser):
    """Plain text from HTML: paragraphs separated by blank lines, nothing from scripts or the head, menus and
    captions marked as furniture.

    The parser records what it meets as events (text, a line break, a block boundary), each with the furniture
    elements (frames) open around it, and renders them afterwards: :meth:`text` leaves out the frames'
    content, :meth:`text` with ``furniture=True`` keeps it (the page's whole visible text). The frames (by class
    or id, or a ``<form>``) around the page's first ``<h1>`` wrap the article, not furniture, and are kept, unless
    some ``<h1>`` stands outside every frame (then that is the headline, and a frame's own is a sidebar's or a
    pop-up's); so is a ``<form>`` holding most of the page's words.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, tuple[int, ...]]] = []
        self.stack: list[tuple[str, int]] = []  # open elements that matter: hidden, furniture frames, inside them
        self.hidden = 0  # hidden entries on the stack
        self.frames: tuple[int, ...] = ()  # the furniture frames open now
        self.by_class: set[int] = set()  # frames opened by a class or id (not by a tag such as <nav>)
        self.h1s: list[tuple[int, ...]] = []  # for each <h1>, the frames open around it
        self.forms: set[int] = set()  # frames that are <form> elements
        self.count = 0

    def _push(self, tag: str, kind: int) -> None:
        self.stack.append((tag, kind))
        if kind == _HIDDEN:
            self.hidden += 1
        elif kind >= 0:
            self.frames = (*self.frames, kind)

    def _pop_to(self, tag: str) -> None:
        while self.stack:
            top, kind = self.stack.pop()
            if kind == _HIDDEN:
                self.hidden -= 1
            elif kind >= 0:
                self.frames = self.frames[:-1]
            if top == tag:
                return

    def _leave_head(self) -> None:
        """Close a ``<head>`` that its end tag does not close (HTML5 allows leaving it out)."""
        if self.stack == [("head", _HIDDEN)]:
            self._pop_to("head")

    def _event(self, kind: str, value: str = "") -> None:
        self.events.append((kind, value, self.frames))

    def _open(self, tag: str, attrs_: list[tuple[str, str | None]]) -> bool:
        """Note an element's start; whether it is one whose start and content are left out (hidden)."""
        if tag not in _HEAD_TAGS:
            self._leave_head()
        void = tag in _VOID_TAGS
        if self.hidden:
            if not void:
                self._push(tag, _NESTED)  # nested elements inside a hidden one, so its own end tag is found
            return True
        if tag in _HIDDEN_TAGS:
            if not void:
                self._push(tag, _HIDDEN)
            return True
        if tag == "h1":
            self.h1s.append(self.frames)
        by_class = _debris_attrs(tag, attrs_)
        if (tag in _FURNITURE_TAGS or by_class) and not void:
            self.count += 1
            if by_class or tag in _MAY_WRAP_TAGS:
                self.by_class.add(self.count)
            if tag == "form":
                self.forms.add(self.count)
            self._push(tag, self.count)
        elif self.frames and not void:
            self._push(tag, _NESTED)
        return False

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if self._open(tag, attrs_):
            return
        if tag == "br":
            self._event("br")
        elif tag == "pre":
            self._event("pre+")
        elif tag in _BLOCK_TAGS:
            self._event("block")

    def handle_startendtag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag not in _HEAD_TAGS:
            self._leave_head()
        if self.hidden or tag in _HIDDEN_TAGS:
            return
        frames = self.frames
        if _debris_attrs(tag, attrs_) or tag in _FURNITURE_TAGS:
            self.count += 1
            frames = (*frames, self.count)
        if tag == "br":
            self.events.append(("br", "", frames))
        elif tag in _BLOCK_TAGS:
            self.events.append(("block", "", frames))

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if any(t == tag for t, _ in self.stack):
            hidden, frames = self.hidden, self.frames
            self._pop_to(tag)
            if hidden:
                return
        elif self.hidden:
            return
        else:
            frames = self.frames
        if tag == "pre":
            self.events.append(("pre-", "", frames))
        elif tag in _BLOCK_TAGS:
            self.events.append(("block", "", frames))

    def handle_data(self, data: str) -> None:
        if data.strip(" \t\n\r\f"):
            self._leave_head()  # text closes an open <head> too
        if not self.hidden:
            self._event("text", data)

    @property
    def wrappers(self) -> set[int]:
        """The frames around the page's first ``<h1>`` that may wrap an article, where no ``<h1>`` is outside
        every frame; and a ``<form>`` that holds most of the page's words (a page built as one form)."""
        out: set[int] = set()
        if self.h1s and all(self.h1s):
            out = {f for f in self.h1s[0] if f in self.by_class}
        forms = self.forms
        if forms:
            words: dict[int, int] = dict.fromkeys(forms, 0)
            total = 0
            for kind, value, frames in self.events:
                if kind == "text":
                    n = len(value.split())
                    total += n
                    for f in forms.intersection(frames):
                        words[f] += n
            out.update(f for f, n in words.items() if n * 2 > total)
        return out

    def text(self, *, furniture: bool = False) -> str:
        """The paragraphs joined by blank lines: without the furniture frames' content, or (``furniture``) with it."""
        paragraphs: list[str] = []
        current: list[str] = []
        pre = 0

        def flush() -> None:
            joined = "".join(current)
            current.clear()
            for part in joined.split("\n"):
                part = part if pre else part.strip(" ")
                if part.strip():
                    paragraphs.append(part.rstrip() if pre else part.strip())

        kept = set() if furniture else self.wrappers  # built once: it reads every event of the page
        dropped = set() if furniture else {f for f in range(1, self.count + 1) if f not in kept}
        for kind, value, frames in self.events:
            if frames and dropped.intersection(frames):
                continue
            if kind == "text":
                current.append(value if pre else _HTML_SPACE.sub(" ", value))
            elif kind == "br":
                current.append("\n")
            else:
                flush()
                if kind == "pre+":
                    pre += 1
                elif kind == "pre-" and pre:
                    pre -= 1
        flush()
        return "\n\n".join(paragraphs)


_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                   "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date")
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_TIME_TAG = re.compile(r"""<time\b[^>]*\bdatetime\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def html_published(html: str) -> str | None:
    """The publication date a page states in its metadata, as written: a ``<meta>`` such as
    ``article:published_time``, else JSON-LD ``datePublished``, else the first ``<time datetime>``.

    >>> html_published('<meta property="article:published_time" content="2016-10-19T08:00:00Z"><p>x</p>')
    '2016-10-19T08:00:00Z'
    >>> html_published('<script type="application/ld+json">{"datePublished": "2016-10-19"}</script>')
    '2016-10-19'
    >>> html_published("<p>No date</p>") is None
    True
    """
    for tag in _META_TAG.findall(html):
        fields = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTRIBUTE.finditer(tag)}
        key = (fields.get("property") or fields.get("name") or fields.get("itemprop") or "").lower()
        if key in _PUBLISHED_META and fields.get("content", "").strip():
            return fields["content"].strip()
    found = _JSON_LD_PUBLISHED.search(html) or _TIME_TAG.search(html)
    return found.group(1).strip() if found else None


_TITLE_TAG = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_META = ("og:title", "twitter:title")


def html_title(html: str) -> str | None:
    """The title a page gives itself: ``og:title`` (or ``twitter:title``), else ``<title>``, entities
    decoded and white space collapsed.

    >>> html_title('<meta property="og:title" content="Debate &amp; after"><title>Site | Debate</title>')
    'Debate & after'
    >>> html_title("<title>\\n  Debate night </title><p>x</p>"), html_title("<p>x</p>")
    ('Debate night', None)
    """
    for tag in _META_TAG.findall(html):
        fields = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTRIBUTE.finditer(tag)}
        key = (fields.get("property") or fields.get("name") or "").lower()
        if key in _TITLE_META and fields.get("content", "").strip():
            return " ".join(htmllib.unescape(fields["content"]).split())
    found = _TITLE_TAG.search(html)
    title = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split()) if found else ""
    return title or None


def first_line_title(text: str) -> str | None:
    """The article's first line when it reads as a headline: followed by a blank line and more text, at most
    200 characters and 30 words (``Poll: Wealthy Voters Abandon Republican Party for Hillary Clinton.``).

    >>> first_line_title("Wang Yi Says Ties Hold Firm\\n\\nChina's foreign minister said ...")
    'Wang Yi Says Ties Hold Firm'
    >>> first_line_title("China's foreign minister said on Monday that ... and went on.\\nMore.") is None
    True
    """
    stripped = text.lstrip()
    line, _, rest = stripped.partition("\n")
    line = line.strip()
    if not line or len(line) > 200 or len(line.split()) > 30 or not rest.strip():
        return None  # an article of one line has no headline: it is all body
    if not rest.lstrip(" \t\r").startswith("\n"):
        return None
    return line


def html_to_text(html: str) -> str:
    """The visible text of an HTML document, one paragraph per block, paragraphs separated by blank lines,
    without page furniture (menus, footers, sidebars, captions, comments) unless leaving it out would leave
    (almost) nothing of a page that has text (see :func:`html_text`).

    >>> html_to_text("<p>He said &quot;no&quot;.<br>Then he left.</p><nav>Home</nav><p>Next &amp; last</p>")
    'He said "no".\\n\\nThen he left.\\n\\nNext & last'
    """
    return html_text(html)[0]


_FURNITURE_KEEP_WORDS = 10
"""Fewer words than this left after removing page furniture (and under a fifth of the page's) is too little: a
short news brief (40 words) among a page's menus and comments keeps its furniture out."""


def html_text(html: str) -> tuple[str, Diagnostic | None]:
    """The visible text of an HTML document without page furniture, and None; or, when removing the furniture
    leaves (almost) nothing of a page that has text (no word left of a page that has some, or under
    :data:`_FURNITURE_KEEP_WORDS` words and under a fifth of its words), the whole visible text with an
    ``html-furniture-kept`` warning.

    >>> text, warning = html_text('<div class="comments"><p>He said he would go to Kyiv on Monday.</p></div>')
    >>> text, warning.code
    ('He said he would go to Kyiv on Monday.', 'html-furniture-kept')
    """
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 (html.parser is lenient; this guards against the odd assertion on broken markup)
        pass
    kept = parser.text()
    if parser.count == 0:
        return kept, None
    visible = parser.text(furniture=True)
    kept_words, visible_words = len(kept.split()), len(visible.split())
    if (kept_words == 0 < visible_words) or (
            kept_words < _FURNITURE_KEEP_WORDS and kept_words * 5 < visible_words and visible_words >= 20):
        return visible, Diagnostic(
            "html-furniture-kept",
            f"Leaving out what looks like page furniture (menus, sidebars, captions, comments, ads) would have left "
            f"{kept_words} of the page's {visible_words} words, so all its visible text was kept: some of it may "
            "be web debris rather than the article.",
            None, "warning",
        )
    return kept, None


# --- web debris ----------------------------------------------------------------------------

_LINE_RE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
_TERMINAL = ".!?…:;\"'”’»)*"
_QUOTE_CHARS = "\"'“”‘’«»„‚‹›"
_DOUBLE_QUOTES = "\"“”«»„"
"""Marks that open or close a quotation (single ones are apostrophes too: "Editor's Picks")."""
_CAPTION_ANYWHERE = re.compile(r"\b(?:Pictured|Picturd|Pictures)\s*:", re.IGNORECASE)
_CAPTION_START = re.compile(
    r"(?:Photo|Photos|Photograph|Image|Picture|Video|Watch|Credit|Photo credit|Caption|File photo)\s*:",
    re.IGNORECASE,
)
_CAPTION_PAREN = re.compile(
    r"\((?:[^()\n]{0,40}\bPhoto(?:graph)?s?\b[^()\n]{0,120}|Photo by[^()\n]{0,120}|Getty Images|AFP|Reuters|AP Photo[^()\n]*|"
    r"file photo|pictured[^()\n]{0,80})\)",
    re.IGNORECASE,
)
_TEASER = re.compile(
    r"(?:READ ALSO|ALSO READ|READ MORE|MORE READING|SEE ALSO|RELATED(?: ARTICLES| STORIES| POSTS| NEWS| CONTENT)?|"
    r"Recommended(?: for you| reading)?|Most Read|Trending Now|You may also like|Don'?t miss|WATCH|LISTEN)\b\s*[:.…-]?",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in (
        r"(?:leave a (?:reply|comment)|click to comment|add a comment|post a comment|join the (?:discussion|conversation))\b.*",
        r"(?:no|\d+|view|show|load|hide|see|read) comments?\b.{0,40}",
        r"comments?\s*(?:\(\d+\)|:|\d+)?",
        r"your email address will not be published.*",
        r"required fields are marked.*",
        r"powered by\b.{0,60}",
        r"please wait.{0,10}",
        r"views?\s*:?\s*[\d,.]+k?",
        r"(?:connect|follow) (?:with )?us\b.{0,60}",
        r"share (?:this|on)\b.{0,60}",
        r"(?:to|back to) top",
        r"skip to (?:content|main content)",
        r"(?:sign up|subscribe)\b.{0,200}",
        r"(?:all rights reserved|copyright\b|©).{0,200}",
        r"advertisement|sponsored(?: content)?|loading\.*",
        r"more in \w+(?: \w+)?",
        r"(?:posted|published|updated) (?:on|by|at)\b.{0,80}",
        r"tags?\s*:.{0,200}",
        r"filed under\b.{0,200}",
)), re.IGNORECASE)
_SUBSCRIPTION = re.compile(
    r"\b(?:subscribe (?:to|now|today|for)|subscribing to|sign up (?:for|to|now)|our newsletter|the newsletter|"
    r"make a donation|making a donation|donate (?:now|today)|support (?:our|independent) journalism|"
    r"cookies? (?:policy|settings)|accept (?:all )?cookies)\b",
    re.IGNORECASE,
)
_QUOTE_WIDGET = re.compile(r"(?:today'?s|today’s|daily) quote|quote of the day", re.IGNORECASE)
_PARAGRAPH_GAP = re.compile(r"(?:\r?\n|\r|[\v\f\x1c\x1d\x1e\x85\u2028\u2029])[^\S\n]*(?:\r?\n|\r|[\v\f\x1c\x1d\x1e\x85\u2028\u2029])")
_NAV_PIPES = re.compile(r"^[^|]{1,40}(?:\|[^|]{1,40}){2,}$")


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _LINE_RE.finditer(text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def find_debris(text: str) -> tuple[tuple[Span, ...], tuple[Diagnostic, ...]]:
    """Regions of ``text`` that are web debris rather than article prose, with a diagnostic for each.

    >>> text = "Wang said it was complex.\\nPictured: Wang Yi in Beijing\\nWang said it was complex."
    >>> spans, diags = find_debris(text)
    >>> [(s.text, d.code) for s, d in zip(spans, diags)]
    [('Pictured: Wang Yi in Beijing', 'debris'), ('Wang said it was complex.', 'repeated-paragraph')]
    """
    found: list[tuple[int, int, str, str]] = []  # start, end, code, kind
    lines = _lines(text)
    if not lines:
        return (), ()

    def add(a: int, b: int, code: str, kind: str) -> None:
        if b > a:
            found.append((a, b, code, kind))

    # split paragraphs glued to a copy of the paragraph before them ("...of UkraineLate on Friday")
    segments: list[tuple[int, int]] = []
    prev_texts: list[str] = []
    for a, b in lines:
        line = text[a:b]
        if prev_texts:
            last = prev_texts[-1]
            if len(last) >= 30 and len(line) > len(last) and line.startswith(last) and line[len(last)].isalpha():
                segments.append((a, a + len(last)))
                segments.append((a + len(last), b))
                prev_texts.append(line[len(last):])
                continue
        segments.append((a, b))
        prev_texts.append(line)

    seg_texts = [text[a:b] for a, b in segments]
    counts: dict[str, int] = {}
    for t in seg_texts:
        counts[t] = counts.get(t, 0) + 1
    seen: set[str] = set()
    first_line = seg_texts[0]
    widget_next = False
    for idx, ((a, b), t) in enumerate(zip(segments, seg_texts)):
        if t in seen and (len(t.split()) >= 3 or _title_like(t)):
            add(a, b, "repeated-paragraph", "repeated paragraph")
            widget_next = False
            continue
        # a line that stands on its own (not the tail of a hard-wrapped sentence) may be a label
        standalone = idx > 0 and (
            _PARAGRAPH_GAP.search(text, segments[idx - 1][1], a) is not None
            or seg_texts[idx - 1].endswith(tuple(_TERMINAL))
            or (bool(found) and found[-1][1] == segments[idx - 1][1])
        )
        kind = _debris_kind(t, idx, first_line, seen, standalone=standalone)
        if widget_next:
            widget_next = False
            if kind is None and len(t.split()) <= 40:
                add(a, b, "debris", "quote of the day")
                seen.add(t)
                continue
        if kind == "quote-widget":
            widget_next = True
            add(a, b, "debris", "quote of the day")
        elif kind == "headline teaser":
            # the repeated headline is debris; the teaser after the bar is article text (it may quote)
            add(a, a + t.index("|") + 1, "debris", kind)
        elif kind is not None:
            add(a, b, "debris", kind)
        elif (counts[t] > 1 and idx + 1 < len(seg_texts) and seg_texts[idx + 1] == t
              and not t.endswith(tuple(_TERMINAL)) and len(t.split()) >= 6 and idx > 0):
            add(a, b, "debris", "photo caption")  # captions come twice in a row and end without a full stop
        else:
            for m in _CAPTION_PAREN.finditer(t):
                add(a + m.start(), a + m.end(), "debris", "photo credit")
        seen.add(t)

    found.sort()
    spans: list[Span] = []
    diags: list[Diagnostic] = []
    for a, b, code, kind in found:
        span = Span.of(text, a, b)
        spans.append(span)
        if code == "repeated-paragraph":
            msg = "This paragraph repeats an earlier one word for word; the copy is skipped."
        else:
            msg = f"Web debris ({kind}) is skipped when extracting quotes."
        diags.append(Diagnostic(code, msg, span, "info"))
    return tuple(spans), tuple(diags)


def _title_like(t: str) -> bool:
    words = t.split()
    return 2 <= len(words) <= 20 and not t.endswith((".", "!", "?"))


def _debris_kind(t: str, idx: int, first_line: str, seen: set[str], *, standalone: bool) -> str | None:
    """What kind of debris one paragraph is, or None for article prose."""
    words = t.split()
    if _CAPTION_ANYWHERE.search(t) or _CAPTION_START.match(t):
        return "photo caption"
    if _QUOTE_WIDGET.fullmatch(t.strip(" :")):
        return "quote-widget"
    m = _TEASER.match(t)
    if m and (m.end() == len(t) or t[m.end() - 1] in ":.…-" or t[m.end():m.end() + 2].strip() in (":", "-", "")
              or t[:m.end()].isupper()):
        return "read-also teaser"
    if _BOILERPLATE.fullmatch(t):
        return "site boilerplate"
    if _SUBSCRIPTION.search(t) and len(words) <= 60:
        return "subscription boilerplate"
    if "|" in t:
        head = t.split("|", 1)[0].strip()
        if head and (head == first_line.strip() or head in seen) and idx > 0:
            return "headline teaser"
        if _NAV_PIPES.match(t) and not any(c in t for c in _DOUBLE_QUOTES) and not t.rstrip().endswith(tuple(".!?…")):
            return "navigation"  # "Home | World | Politics", not a sentence that quotes someone's "this | that"
    if not standalone:
        return None
    if len(words) <= 4 and not any(c in t for c in _QUOTE_CHARS) and not t.endswith(tuple(".!?…")):
        return "label"
    if len(words) <= 8 and t[:1].islower() and not any(c in t for c in _TERMINAL + ",;"):
        return "image alt text"
    return None
