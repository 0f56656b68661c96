"""Partial dates and the date an article speaks from."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.dates import PartialDate, article_date, parse_date
from quotes.errors import InputError

TODAY = dt.date(2024, 6, 1)


@pytest.mark.parametrize(
    "text, first, last, precision",
    [
        ("2013-03-17", dt.date(2013, 3, 17), dt.date(2013, 3, 17), "day"),
        ("2022-03", dt.date(2022, 3, 1), dt.date(2022, 3, 31), "month"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
        ("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "year"),
    ],
)
def test_partial_date_covers_its_precision(text, first, last, precision):
    """A partial date counts from the first to the last day it can mean."""
    d = PartialDate.parse(text)
    assert (d.first, d.last, d.precision, str(d)) == (first, last, precision, text)


@pytest.mark.parametrize("text", ["2022-02-30", "2022-13", "22-03-01", "March 2022", "", "2021-02-29"])
def test_partial_date_rejects_impossible_dates(text):
    """Impossible or malformed dates raise ValueError with the reason."""
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_argument_wins():
    """An explicit date argument wins over dates in the text, as a date or a string."""
    text = "Published March 9, 2022."
    assert article_date(text, date=dt.date(2022, 3, 7)) == (dt.date(2022, 3, 7), "argument")
    assert article_date(text, date="2022-03-07") == (dt.date(2022, 3, 7), "argument")
    assert article_date(text, date="7 March 2022") == (dt.date(2022, 3, 7), "argument")
    assert article_date(text, date=dt.datetime(2022, 3, 7, 12, 0)) == (dt.date(2022, 3, 7), "argument")


def test_bad_argument_is_an_input_error():
    """A date argument that is not a date raises InputError (a QuotesError), naming the value."""
    with pytest.raises(InputError, match="yesterday"):
        article_date("", date="yesterday")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KYIV, February 4, 2022 - text", dt.date(2022, 2, 4)),
        ("Updated 4 March 2022 at noon", dt.date(2022, 3, 4)),
        ("2022-03-07T10:00 dateline", dt.date(2022, 3, 7)),
        ("Mar. 7, 2022 (Reuters)", dt.date(2022, 3, 7)),
        ("Friday, Feb. 25, 2022. Last night", dt.date(2022, 2, 25)),
        ("on the 4th of March, 2022", dt.date(2022, 3, 4)),
        ("Sept. 30, 2021", dt.date(2021, 9, 30)),
    ],
)
def test_dates_written_in_text(text, expected):
    """Full dates in the usual newsroom formats are found in the body, and as the article's opening line they
    are its dateline."""
    body = HEADLINE + "\nThe minister spoke. " + text
    assert article_date(body, today=TODAY) == (expected, "text")
    assert article_date(text + "\nThe minister spoke.", today=TODAY) == (expected, "dateline")


HEADLINE = "Ministers of the two countries met again for talks that neither side expects to end soon"


def test_a_dateline_comes_before_other_dates_and_the_file_name():
    """A dateline (PLACE, DATE - ...) beats later dates in the text and a date in the file name; the file
    name beats dates in the text; nothing at all gives today, said as such."""
    text = "KYIV, March 7, 2022 - The minister recalled the talks of March 9, 2022 ..."
    assert article_date(text, name="x_2022-03-08_talks", today=TODAY) == (dt.date(2022, 3, 7), "dateline")
    body = HEADLINE + "\nThe minister recalled the talks of March 9, 2022 ..."
    assert article_date(body, name="x_2022-03-08_talks", today=TODAY) == (dt.date(2022, 3, 8), "file-name")
    assert article_date(body, name="2022/03/08/talks.html", today=TODAY) == (dt.date(2022, 3, 8), "file-name")
    assert article_date(HEADLINE, name="a3e577ab3d1a4b900", today=TODAY) == (TODAY, "today")


def test_a_file_name_date_after_today_is_not_used():
    """A date in the file name that is after today is no article date."""
    assert article_date("No date.", name="x_2030-01-01_y", today=TODAY) == (TODAY, "today")


def test_latest_date_in_text_wins_and_future_dates_are_ignored():
    """The latest full date not after today is the article's date; partial dates (no year) are ignored."""
    text = "Met on February 4, 2022. Voted Feb. 25, 2022. On February 26 ... deadline March 1, 2030."
    assert article_date(text, today=TODAY) == (dt.date(2022, 2, 25), "text")


def test_impossible_dates_in_text_are_skipped():
    """February 30 is not a date: it is skipped, not an error."""
    assert article_date(HEADLINE + "\nFebruary 30, 2022 and March 1, 2022", today=TODAY) == (dt.date(2022, 3, 1), "text")


def test_today_when_no_date():
    """Without an argument or a date in the text the date is today's."""
    assert article_date("No dates at all.", today=TODAY) == (TODAY, "today")
    assert article_date("")[1] == "today"


def test_seed_articles_have_their_dates(seeds):
    """The seed articles' captions give their dates."""
    dates = {stem: article_date(text, today=TODAY) for stem, text in seeds.items()}
    assert dates["000_3e577ab3d1a4b900"] == (dt.date(2022, 2, 25), "text")
    assert dates["001_b4735100701c3752"] == (dt.date(2022, 2, 26), "text")


def test_parse_date_needs_exactly_one_date():
    """parse_date gives the one date a string is, or None."""
    assert parse_date("2022-03-07") == dt.date(2022, 3, 7)
    assert parse_date("2022-03-07 and 2022-03-08") is None
    assert parse_date("nothing") is None


@settings(max_examples=60)
@given(st.text())
def test_never_raises_on_any_text(text):
    """Any text gives a date and a source, never an exception."""
    day, source = article_date(text, today=TODAY)
    assert isinstance(day, dt.date) and source in ("dateline", "text", "today") and day <= TODAY


def test_html_metadata_comes_before_the_dateline():
    """A page's stated publication date (HTML metadata) is the article's date, before its dateline."""
    from quotes.reading import read_article

    page = ('<html><head><meta property="article:published_time" content="2022-03-08T06:00:00+02:00"></head>'
            "<body><p>KYIV, March 7, 2022 - The minister spoke.</p></body></html>")
    article = read_article(page)
    assert article.published == "2022-03-08T06:00:00+02:00"
    assert article_date(article.text, published=article.published, today=TODAY) == (dt.date(2022, 3, 8), "html")


def test_a_manifest_dates_its_articles_and_reports_bad_rows_at_once(tmp_path):
    """A CSV or JSONL manifest gives each named file its date; every bad row is reported with file:line."""
    from quotes.errors import InputError
    from quotes.manifest import read_manifest

    (tmp_path / "m.jsonl").write_text('{"file": "a.txt", "date": "2016-10-19"}\n{"file": "sub/b.txt"}\n', encoding="utf-8")
    m = read_manifest(tmp_path / "m.jsonl")
    assert m.row_for(tmp_path / "a.txt").date == dt.date(2016, 10, 19)
    assert m.row_for(tmp_path / "sub" / "b.txt").date is None and m.row_for(tmp_path / "c.txt") is None
    (tmp_path / "bad.csv").write_text("file,date\na.txt,2016-13-45\n,2016-10-19\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_manifest(tmp_path / "bad.csv")
    assert "bad.csv:2: not a date" in str(info.value) and "bad.csv:3: no file named" in str(info.value)
    (tmp_path / "nohead.csv").write_text("a.txt,2016-10-19\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"nohead\.csv:1: the manifest's header must name a 'file' column"):
        read_manifest(tmp_path / "nohead.csv")
