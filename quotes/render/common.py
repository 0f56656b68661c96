"""What every report format shares: severities in order, counts of findings, plural words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    pass


SEVERITIES = ("error", "warning", "info")


def _counts(findings: Iterable[Any]) -> dict[str, int]:
    c = Counter(f.severity for f in findings)
    return {k: c.get(k, 0) for k in SEVERITIES}


SEVERITY_WORDS = {"error": "error", "warning": "warning", "info": "note"}
"""How every report names a severity (an info finding is a note, in the digest and the check alike)."""


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


DATE_SOURCE_WORDS = {"argument": "given", "manifest": "manifest", "html": "page metadata", "dateline": "dateline", "file-name": "file name", "text": "latest date in the text",
                     "today": "none found: today"}


def dated(name: str, date: Any, source: str, title: str | None = None) -> str:
    """An article named with its date and where the date came from: ``a (2016-09-19, file name)``; by its
    title first when it has one: ``“Debate night” (a, 2016-09-19, file name)``.

    >>> import datetime as dt
    >>> dated("a", dt.date(2016, 9, 19), "file-name", "Debate night")
    '“Debate night” (a, 2016-09-19, file name)'
    """
    when = f"{date.isoformat()}, {DATE_SOURCE_WORDS.get(source, source)}"
    return f"“{title}” ({name}, {when})" if title else f"{name} ({when})"


def article_titles(d: Any) -> list[str | None]:
    """A digest's article titles, as its articles (None where there are none)."""
    titles = list(getattr(d, "titles", ()) or ())
    return titles + [None] * (len(d.articles) - len(titles))


def described(speaker: Any) -> str:
    """What a speaker is, for a heading: the title the article writes and the lexicon's office, kept apart.

    >>> from quotes.records import Span, Speaker
    >>> t = "Clinton campaign spokesman Brian Fallon"
    >>> described(Speaker("person", "Brian Fallon", title=Span.of(t, 0, 26)))
    'Clinton campaign spokesman'
    >>> described(Speaker("person", "Wang Yi", "Q1", "Foreign Minister of China", title=Span.of("FM Wang", 0, 2)))
    'FM; lexicon: Foreign Minister of China'
    >>> described(Speaker("person", "Jon Tester", title=Span.of("Sen. (D-Mont.)", 0, 4),
    ...                   affiliation=Span.of("Sen. (D-Mont.)", 6, 13)))
    'Sen. (D-Mont.)'
    >>> described(Speaker("person", "Ed Rendell", "Q1", title=Span.of("Former Gov. Ed Rendell", 0, 11),
    ...                   former_office="Governor of Pennsylvania"))
    'Former Gov.; lexicon: formerly Governor of Pennsylvania'
    >>> described(Speaker("person", "Wang Yi"))
    ''
    """
    title = " ".join(speaker.title.text.split()) if getattr(speaker, "title", None) is not None else ""
    if getattr(speaker, "affiliation", None) is not None:  # "Sen. (D-Mont.)": the tag the article writes
        title = f"{title} ({speaker.affiliation.text})".strip()
    office = speaker.office or ""
    if not office and getattr(speaker, "former_office", None):  # the past tenure a "former" title names
        office = f"formerly {speaker.former_office}"
    if title and office:
        return f"{title}; lexicon: {office}"
    return title or office


def check_exit_code(report: Any, skipped: Sequence[Any] = ()) -> int:
    """The exit code of ``quotes check`` for the report (its own: 0 when clean, else 1); 1 too when a source was
    skipped."""
    return 1 if skipped else int(report.exit_code)


def check_verdict(report: Any) -> str:
    """A check report in two or three words: ``clean``, ``to look at``, or ``the draft is empty``."""
    if report.empty:
        return "the draft is empty"
    return "clean" if report.clean else "to look at"


def sources_read(report: Any, skipped: Sequence[Any] = ()) -> str:
    """The sources a check read, and those it skipped (``skipped``: their extractions, each with its
    ``unreadable`` diagnostic): ``2 sources (a, b)``, ``0 sources (1 skipped, unreadable: c)``.

    >>> import datetime as dt
    >>> from quotes.checks import CheckReport
    >>> from quotes.records import Extraction
    >>> draft = Extraction("Hi.", (), (), (), dt.date(2022, 3, 1), "argument", "d")
    >>> sources_read(CheckReport(draft, (), ("s",)), [Extraction("", (), (), (), dt.date(2022, 3, 1), "argument", "x")])
    '1 source (s; 1 skipped, unreadable: x)'
    """
    names = ", ".join(report.sources)
    if skipped:
        gone = f"{len(skipped)} skipped, unreadable: {', '.join(s.name or '?' for s in skipped)}"
        names = f"{names}; {gone}" if names else gone
    return _n(len(report.sources), "source") + (f" ({names})" if names else "")
