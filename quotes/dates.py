"""Dates: partial dates with day, month or year precision, and the date an article speaks from.

An office that starts ``2022-03`` counts from the first of March; one that ends ``2022`` counts to the last
day of 2022:

>>> PartialDate.parse("2022-03").first
datetime.date(2022, 3, 1)
>>> PartialDate.parse("2022").last
datetime.date(2022, 12, 31)

The date an article speaks from is the caller's, else its dateline's, its file name's, the latest full date
written in it, else today (and the caller says so):

>>> article_date("KYIV, March 7, 2022 - The minister said ...")
(datetime.date(2022, 3, 7), 'dateline')
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

import attrs

from .errors import InputError

__all__ = ["DATE_SOURCES", "PartialDate", "article_date", "date_in_name", "parse_date"]


def _check_year(instance: PartialDate, attribute: attrs.Attribute, value: int) -> None:
    if not 1 <= value <= 9999:
        raise ValueError(f"'year' must be in 1..9999 (got {value})")


@attrs.frozen(order=False)
class PartialDate:
    """A calendar date known to the year, the month or the day, as office-holder data gives them."""

    year: int = attrs.field(validator=_check_year)
    """The year."""
    month: int | None = attrs.field(default=None)
    """The month (1..12), or None when only the year is known."""
    day: int | None = attrs.field(default=None)
    """The day of the month, or None when only the year or the month is known."""

    @month.validator
    def _check_month(self, attribute: attrs.Attribute, value: int | None) -> None:
        if value is not None and not 1 <= value <= 12:
            raise ValueError(f"'month' must be in 1..12 (got {value})")

    @day.validator
    def _check_day(self, attribute: attrs.Attribute, value: int | None) -> None:
        if value is None:
            return
        if self.month is None:
            raise ValueError("'day' needs a month (got a day without a month)")
        last = calendar.monthrange(self.year, self.month)[1]
        if not 1 <= value <= last:
            raise ValueError(f"'day' must be in 1..{last} for {self.year:04d}-{self.month:02d} (got {value})")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """``2013-03-17``, ``2013-03`` or ``2013``; ValueError with the reason otherwise.

        >>> PartialDate.parse("2013-03-17")
        PartialDate(year=2013, month=3, day=17)
        >>> PartialDate.parse("2022-02-30")
        Traceback (most recent call last):
        ...
        ValueError: 'day' must be in 1..28 for 2022-02 (got 30)
        """
        m = _PARTIAL.fullmatch(text.strip())
        if not m:
            raise ValueError(f"not a date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    @property
    def first(self) -> _dt.date:
        """The first day the date can mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> _dt.date:
        """The last day the date can mean."""
        if self.month is None:
            return _dt.date(self.year, 12, 31)
        if self.day is None:
            return _dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return _dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


_PARTIAL = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(r"(?<![\d-])" + r"(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)" + r"(?![\d-])"),
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?:\s*,\s*|\s+)" + _YEAR + r"\b", re.IGNORECASE),
    re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:\s*,\s*|\s+)" + _YEAR + r"\b", re.IGNORECASE),
)


def _dates_in(text: str) -> list[_dt.date]:
    found: list[_dt.date] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            month = m.group("month")
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                found.append(_dt.date(int(m.group("year")), number, int(m.group("day"))))
            except ValueError:
                continue
    return found


def parse_date(text: str) -> _dt.date | None:
    """The one full date ``text`` is (ISO or written out), or None.

    >>> parse_date("Mar. 7, 2022")
    datetime.date(2022, 3, 7)
    >>> parse_date("4 March 2022")
    datetime.date(2022, 3, 4)
    >>> parse_date("soon") is None
    True
    """
    dates = _dates_in(text)
    return dates[0] if len(set(dates)) == 1 else None


DATE_SOURCES = ("argument", "manifest", "html", "dateline", "file-name", "text", "today")
"""Where an article's date can come from, in the order they are tried."""

DATELINE_WORDS = 10
"""A first line of at most this many words that holds a date is a dateline or byline (``Updated 4 March 2022
at noon``, ``By Jane Doe | March 7, 2022``)."""

_DATELINE_START = re.compile(r"\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s+)?(?:[A-Z][a-z]+day,?\s+)?")
_DATELINE_END = re.compile(r"\s*(?:[-—–(:]|$)")


def _dateline(text: str) -> _dt.date | None:
    """The date of the article's dateline: a short first line holding one date, or an opening
    ``PLACE, DATE -`` / ``DATE (Agency)``."""
    first = text.lstrip().split("\n", 1)[0]
    if len(first.split()) <= DATELINE_WORDS:
        found = _dates_in(first)
        if found:
            return found[0]
    start = _DATELINE_START.match(first)
    rest = first[start.end():] if start else first
    for pattern in _PATTERNS:
        m = pattern.match(rest)
        if m and _DATELINE_END.match(rest, m.end()):
            found = _dates_in(m.group())
            return found[0] if found else None
    return None

_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_/.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_name(name: str) -> _dt.date | None:
    """The date a file name or path carries (``nyt_2016-10-19_story``, ``2016/10/19/story``, ``20161019``),
    or None.

    >>> date_in_name("nyt_2016-10-19_obama-says"), date_in_name("2016/10/19/story.html")
    (datetime.date(2016, 10, 19), datetime.date(2016, 10, 19))
    >>> date_in_name("002_2fe322bd87738eb3") is None
    True
    """
    for m in _NAME_DATE.finditer(name):
        try:
            return _dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            continue
    return None


def article_date(
    text: str, *, date: _dt.date | str | None = None, name: str | None = None, today: _dt.date | None = None,
    published: str | None = None, given_by: str = "argument",
) -> tuple[_dt.date, str]:
    """The date an article speaks from, and where it came from (one of :data:`DATE_SOURCES`).

    In order: an explicit ``date`` (an ISO or written-out string is parsed; one that is not a date raises
    InputError; its source is ``given_by``: ``argument`` or ``manifest``); the ``published`` date of the
    page's HTML metadata (``html``; ``2016-10-19T08:00:00Z`` and written-out dates are read); a dateline or byline date in the article's opening (``KYIV, March 7, 2022 -``); a date in
    the article's ``name`` (its file name); the latest full date written in the text (captions,
    ``2022-03-07``, ``February 4, 2022``, ``4 March 2022``, ``Mar. 7, 2022``). None of these is after
    ``today``. Otherwise today, with the source ``today``: the caller should say so (extraction adds a
    ``no-date`` warning). Never raises on any text.

    >>> import datetime
    >>> article_date("Wang said ...", date="2022-03-07")
    (datetime.date(2022, 3, 7), 'argument')
    >>> article_date("KYIV, March 7, 2022 - ...", published="2022-03-08T06:00:00+02:00")
    (datetime.date(2022, 3, 8), 'html')
    >>> article_date("KYIV, March 7, 2022 - The minister said the talks of Feb. 28, 2022 ...")
    (datetime.date(2022, 3, 7), 'dateline')
    >>> article_date("The minister said ...", name="reuters_2022-03-07_talks")
    (datetime.date(2022, 3, 7), 'file-name')
    >>> article_date("The minister said ... Pictured on February 4, 2022 ... Friday, Feb. 25, 2022.")
    (datetime.date(2022, 2, 25), 'text')
    >>> article_date("No date here.", today=datetime.date(2024, 1, 2))
    (datetime.date(2024, 1, 2), 'today')
    """
    if date is not None:
        if isinstance(date, _dt.datetime):
            return date.date(), given_by
        if isinstance(date, _dt.date):
            return date, given_by
        parsed = _argument_date(str(date))
        if parsed is None:
            raise InputError(f"not a date: {date!r} (expected e.g. 2022-03-07 or 'March 7, 2022')")
        return parsed, given_by
    today = today or _dt.date.today()
    stated = _argument_date(published[:10]) or _argument_date(published) if published else None
    if stated is not None and stated <= today:
        return stated, "html"
    try:
        body = text if isinstance(text, str) else str(text)
        dateline = _dateline(body)
        if dateline is not None and dateline <= today:
            return dateline, "dateline"
        named = date_in_name(name) if name else None
        if named is not None and named <= today:
            return named, "file-name"
        dates = [d for d in _dates_in(body) if d <= today]
    except Exception:  # noqa: BLE001 (never raise on odd input)
        dates = []
    if dates:
        return max(dates), "text"
    return today, "today"


def _argument_date(value: str) -> _dt.date | None:
    value = value.strip()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return parse_date(value)
