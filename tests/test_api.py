"""The Python API as a data journalist meets it: the README's and docs/api.md's examples run, extractions as
plain data, as a DataFrame and in a notebook."""

from __future__ import annotations

import datetime as dt
import doctest
import json
import re
from pathlib import Path

import pytest

import quotes
from quotes.errors import InputError
from quotes.records import STATEMENT_COLUMNS, Extraction, Quote, Span, Speaker, statements_frame
from quotes.render import extraction_json

ROOT = Path(__file__).resolve().parent.parent
EVIL = "<script>alert(1)</script>"


def _evil_extraction() -> Extraction:
    """An extraction built by hand whose speaker, title and words are markup."""
    text = f"{EVIL} said {EVIL}."
    speaker = Speaker("person", EVIL, title=Span.of(text, 0, len(EVIL)))
    q = Quote((Span.of(text, len(EVIL) + 6, 2 * len(EVIL) + 6),), "indirect", Span.of(text, len(EVIL) + 1,
              len(EVIL) + 5), "say", Span.of(text, 0, len(EVIL)), speaker, "cue-subject", 0.9)
    return Extraction(text, (q,), (), (), dt.date(2022, 3, 1), "argument", EVIL, title=EVIL)


@pytest.mark.slow
def test_the_api_page_runs(monkeypatch):
    """Every example in docs/api.md runs and prints what the page says (run from the repository root)."""
    monkeypatch.chdir(ROOT)
    failed, tried = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False,
                                     optionflags=doctest.ELLIPSIS, raise_on_error=False)
    assert tried > 20
    assert failed == 0


@pytest.mark.slow
def test_the_readme_python_example_runs(monkeypatch, capsys):
    """The README's Python block runs as written and prints what it promises: kinds, speakers, counts."""
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Wang Yi" in out
    assert re.search(r"^1 \[\('", out, re.M)  # the check's exit code and its first findings


def test_to_dict_is_what_json_writes():
    e = _evil_extraction()
    assert json.loads(extraction_json(e)) == e.to_dict()
    assert e.to_dict()["quotes"][0]["speaker"]["title"] == {"start": 0, "end": len(EVIL), "text": EVIL}


def test_statement_rows_and_frame():
    pytest.importorskip("pandas")
    e = _evil_extraction()
    rows = e.statement_rows()
    assert len(rows) == 1 and tuple(rows[0]) == STATEMENT_COLUMNS
    assert rows[0]["speaker"] == EVIL and rows[0]["title"] == EVIL and rows[0]["cue"] == "said"
    frame = statements_frame([e, e])
    assert list(frame.columns) == list(STATEMENT_COLUMNS)
    assert len(frame) == 2 and frame["text"].tolist() == [EVIL, EVIL]
    assert len(e.to_frame()) == 1
    assert len(statements_frame([])) == 0


def test_frame_of_the_wrong_thing_says_so():
    pytest.importorskip("pandas")
    with pytest.raises(InputError, match="not str"):
        statements_frame(["some text"])  # type: ignore[list-item]


def test_frame_of_nothing_says_so():
    pytest.importorskip("pandas")
    for wrong in (None, "some text", {"a": 1}):
        with pytest.raises(InputError, match="statements_frame takes an extraction or a list"):
            statements_frame(wrong)  # type: ignore[arg-type]


TEXT = "“We will win,” said Joe Biden on Tuesday."


@pytest.mark.parametrize("call, message", [
    (lambda: quotes.extract_many(None), "extract_many takes a list of articles"),  # type: ignore[arg-type]
    (lambda: quotes.extract_many(7), "extract_many takes a list of articles"),  # type: ignore[arg-type]
    (lambda: quotes.extract_many(Path("seeds")), "not a path: read the files first"),  # type: ignore[arg-type]
    (lambda: quotes.extract_many({"a.txt": TEXT}), r"not a dict: for names and texts pass list\(d.items\(\)\)"),
    (lambda: quotes.digest(TEXT), r"digest takes a list of articles, not a single str: pass \[text\]"),
    (lambda: quotes.digest({"a.txt": TEXT}), "digest takes a list of articles, not a dict"),
    (lambda: quotes.digest(None), "digest takes a list of articles"),  # type: ignore[arg-type]
    (lambda: quotes.check(TEXT, sources=TEXT), r"check takes a list of sources .*not a single str"),
    (lambda: quotes.check(TEXT, sources=None), "check takes a list of sources"),  # type: ignore[arg-type]
    (lambda: quotes.check([TEXT], sources=[TEXT]), "check takes one draft"),  # type: ignore[arg-type]
    (lambda: quotes.Engine().extract_many([TEXT], titles=[1]), "each title is a str or None"),  # type: ignore[list-item]
    (lambda: quotes.Engine().extract(TEXT, name=123), "'name' must be a str or None"),  # type: ignore[arg-type]
    (lambda: quotes.Engine(models=123), "'models' must be the path of a directory"),  # type: ignore[arg-type]
    (lambda: quotes.Engine().index(None, ":memory:"), "index takes a list of articles"),  # type: ignore[arg-type]
    (lambda: quotes.Engine().index("seeds", ":memory:"), r"a string naming a path .*Path\('seeds'\)"),
])
def test_wrong_kinds_of_input_say_what_to_pass(call, message):
    """A list-taking call given a single text, a dict, a path or no list at all says what it takes and how to
    give it, instead of reading a text letter by letter, a dict's keys as the texts, or ending in a TypeError."""
    with pytest.raises(InputError, match=message):
        call()


def test_notebook_view_escapes_the_article():
    """Article text in a notebook's HTML view is shown, never run."""
    page = _evil_extraction()._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "1 statement" in page


@pytest.mark.slow
def test_notebook_views_of_a_digest_and_a_check(seeds):
    items = list(seeds.items())
    digest = quotes.digest(items, date="2022-03-08")
    page = digest._repr_html_()
    assert "Wang Yi" in page and "to look at" in page and "<table>" in page
    report = quotes.check(items[1], sources=[items[0]], date="2022-03-08")
    page = report._repr_html_()
    assert "checked against 1 source" in page and "<td>" in page
