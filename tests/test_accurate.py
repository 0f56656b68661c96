"""The accurate role tagger (quotes.attribution.accurate): windows, encoding, loading errors, the engine's method."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given
from hypothesis import strategies as st

import quotes
from quotes.attribution import accurate
from quotes.attribution.accurate import ACCURATE_MODEL_FILE, MAX_PIECES, piece_windows
from quotes.engine import Engine
from quotes.errors import InputError, ModelsNotFoundError

HAVE_ENCODER = importlib.util.find_spec("transformers") is not None and \
    importlib.util.find_spec(accurate.ENCODER_PACKAGE) is not None


@given(st.lists(st.integers(min_value=1, max_value=40), max_size=60), st.integers(min_value=1, max_value=60))
def test_windows_cover_every_word_once_within_the_limit(pieces, limit):
    wins = piece_windows(pieces, limit=limit)
    assert [i for a, b in wins for i in range(a, b)] == list(range(len(pieces)))
    for a, b in wins:
        assert b > a
        assert sum(pieces[a:b]) <= limit or b - a == 1  # only a single over-long word may pass the limit
    for a, b in wins[:-1]:  # each window as long as it can be: the next word would not have fitted
        assert sum(pieces[a:b + 1]) > limit


def test_an_unknown_method_is_refused_with_the_choices():
    with pytest.raises(InputError, match="'accurate'"):
        Engine(method="fast")  # type: ignore[arg-type]


def test_without_the_encoder_package_the_error_says_how_to_install_it(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == accurate.ENCODER_PACKAGE else real(name, *a))
    with pytest.raises(ModelsNotFoundError, match=r"newsroom-quotes\[accurate\]"):
        accurate.encoder_folder()


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelsNotFoundError, match="no accurate role tagger"):
        accurate.load_accurate_model(tmp_path / "none.pt")


@pytest.mark.skipif(not HAVE_ENCODER, reason="the accurate extra is not installed")
def test_encoding_windows_and_first_pieces():
    enc = accurate.Encoding(accurate.encoder_folder(), {"cue": {"verb:say": 1}, "quote": {"in": 1, "out": 2}})
    feats = [("unprecedentedly", "dly", "lower", "ADV", "RB", "none", "out", "1"),
             ("said", "aid", "lower", "VERB", "VBD", "verb:say", "out", "0")]
    _, mask, first, cols, lengths = enc.batch([feats, feats[:1]])
    assert lengths == [2, 1]
    assert first[0, 0] == 1 and first[0, 1] == 1 + len(enc.pieces("unprecedentedly"))
    assert int(mask[1].sum()) == 2 + len(enc.pieces("unprecedentedly"))
    assert cols["cue"][0].tolist() == [0, 1] and cols["quote"][0].tolist() == [2, 2]
    long = [feats[0]] * (MAX_PIECES // len(enc.pieces("unprecedentedly")) + 5)
    wins = enc.windows(long)
    assert len(wins) == 2 and wins[-1][1] == len(long)


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_ENCODER or not ACCURATE_MODEL_FILE.is_file(), reason="no accurate tagger installed")
def test_accurate_method_finds_a_quote_and_its_speaker():
    text = 'The mayor spoke on Monday. "We will rebuild the bridge by June," Mayor Ana Ruiz said at the site.\n'
    result = quotes.extract(text, method="accurate", date="2024-05-01")
    (quote,) = [q for q in result.quotes if "rebuild" in q.text]
    assert quote.speaker.name == "Ana Ruiz"
    assert all(result.text[p.start:p.end] == p.text for p in quote.content)
    default = quotes.extract(text, date="2024-05-01")
    assert [q.text for q in default.quotes] == [q.text for q in result.quotes]


def test_the_command_line_says_in_one_line_when_no_accurate_tagger_is_there(tmp_path, monkeypatch, capsys):
    from quotes.cli import main

    monkeypatch.setattr(accurate, "ACCURATE_MODEL_FILE", tmp_path / "roles-accurate.pt")
    article = tmp_path / "a.txt"
    article.write_text("“We will rebuild,” Mayor Ana Ruiz said.\n", encoding="utf-8")
    code = main(["extract", str(article), "--method", "accurate", "--no-cache", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "no accurate role tagger" in err and len(err.strip().splitlines()) == 1
