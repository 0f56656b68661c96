"""The disk cache of tagging and parsing results: same results, nothing recomputed, never a failure."""

from __future__ import annotations

import sqlite3

import pytest

from quotes import cache as cache_mod
from quotes import parse as parse_mod
from quotes.cache import Store, key
from quotes.cli import main
from quotes.parse import TAG_ONLY, Parser

BASE = Parser()  # its pipeline is loaded once and shared by the fresh parsers below

TEXTS = [
    "“China deplores the outbreak of conflict,” Wang Yi said on Tuesday.\n\nHe called the causes complex.",
    "Dmitry Medvedev, deputy head of Russia's Security Council, said Moscow would respond.",
]


def _parser(cache_dir=None, **options):
    """A parser with an empty memo and, given a directory, a disk cache there."""
    return BASE.fresh(cache=Store(cache_dir / "parses.sqlite") if cache_dir is not None else None, **options)


def _forget_memory(parser):
    """The same models and disk cache, nothing in memory."""
    return BASE.fresh(cache=parser.cache)


def _view(docs):
    return [[(s.start, s.end, [(w.text, w.start, w.end, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.form)
                               for w in s.words]) for s in d.sentences] for d in docs]


def test_keys_depend_on_every_part_and_its_place():
    assert key("a", "b") == key("a", "b")
    assert len({key("a", "b"), key("b", "a"), key("ab"), key("a", "b", ""), key("a\0b")}) == 5


def test_store_round_trip_and_overwrite(tmp_path):
    store = Store(tmp_path / "c.sqlite")
    store.put_many([(key("x"), "one"), (key("y"), "two")])
    store.put_many([(key("x"), "three")])
    assert store.get_many([key("x"), key("y"), key("z")]) == {key("x"): "three", key("y"): "two"}
    assert len(store) == 2
    assert len(Store(tmp_path / "c.sqlite")) == 2  # another process sees it
    store.clear()
    assert len(store) == 0


def test_store_drops_the_oldest_entries_past_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_mod, "MAX_ENTRIES", 50)
    store = Store(tmp_path / "c.sqlite")
    for i in range(60):
        store.put_many([(key(str(i)), str(i))])
    assert len(store) <= 50
    assert store.get_many([key("59")]) == {key("59"): "59"}
    assert store.get_many([key("0")]) == {}


def test_many_keys_at_once(tmp_path):
    store = Store(tmp_path / "c.sqlite")
    items = [(key(str(i)), str(i)) for i in range(1500)]
    store.put_many(items)
    assert store.get_many([k for k, _ in items]) == dict(items)


def test_an_unusable_place_turns_the_store_off(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    store = Store(blocker / "c.sqlite")
    assert not store.active and "turned off" in store.problem
    store.put_many([(key("x"), "v")])
    assert store.get_many([key("x")]) == {} and len(store) == 0


def test_a_damaged_file_turns_the_store_off(tmp_path):
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    store = Store(path)
    assert store.get_many([key("x")]) == {}
    store.put_many([(key("x"), "v")])
    assert not store.active and store.problem


def test_parses_come_back_from_disk_unchanged(tmp_path, monkeypatch):
    parser = _parser(tmp_path)
    first = parser.parse_many(TEXTS)
    parser = _forget_memory(parser)

    def no_models(*args, **kwargs):
        raise AssertionError("the models ran although every paragraph was cached")

    monkeypatch.setattr(parse_mod, "_tag", no_models)
    monkeypatch.setattr(parse_mod, "_our_decoder", no_models)
    again = parser.parse_many(TEXTS)
    assert _view(again) == _view(first)
    assert [d.text for d in again] == TEXTS


def test_cached_paragraphs_at_other_offsets(tmp_path):
    """A paragraph is cached once, wherever it appears: offsets still slice back to each text."""
    parser = _parser(tmp_path)
    parser.parse_many([TEXTS[1]])
    parser = _forget_memory(parser)
    text = "Intro line.\n" + TEXTS[1]
    (doc,) = parser.parse_many([text])
    assert all(text[w.start:w.end] == w.text for w in doc.words)
    assert doc.sentences[-1].parsed


def test_other_models_do_not_share_entries(tmp_path, monkeypatch):
    parser = _parser(tmp_path)
    parser.parse_many(TEXTS[:1])
    parser = _forget_memory(parser)
    monkeypatch.setattr(parse_mod, "CACHE_FORMAT", "another")
    calls = []
    real = parse_mod._tag
    monkeypatch.setattr(parse_mod, "_tag", lambda nlp, paras: calls.append(paras) or real(nlp, paras))
    parser.parse_many(TEXTS[:1])
    assert calls, "an entry made with other models was used"


def test_a_broken_cache_never_stops_parsing(tmp_path):
    path = tmp_path / "parses.sqlite"
    path.write_bytes(b"garbage" * 1000)
    (doc,) = _parser(tmp_path).parse_many(TEXTS[:1])
    assert doc.sentences and all(s.parsed for s in doc.sentences)


def test_environment_variable_decides_an_engines_default_cache(tmp_path, monkeypatch):
    """An engine made without cache= uses what QUOTES_CACHE names; cache= overrides it."""
    from quotes.engine import Engine

    monkeypatch.setenv("QUOTES_CACHE", "off")
    assert parse_mod.cache_from_environment() is None
    assert Engine().parser.cache is None
    monkeypatch.setenv("QUOTES_CACHE", str(tmp_path))
    assert parse_mod.cache_from_environment().path == tmp_path / "parses.sqlite"
    assert Engine().parser.cache.path == tmp_path / "parses.sqlite"
    assert Engine(cache=False).parser.cache is None
    assert Engine(cache=tmp_path / "other").parser.cache.path == tmp_path / "other" / "parses.sqlite"


def test_command_line_cache_options(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(TEXTS[0], encoding="utf-8")
    where = tmp_path / "cache"
    assert main(["extract", str(article), "--cache", str(where), "--format", "json", "-q"]) == 0
    first = capsys.readouterr().out
    assert (where / "parses.sqlite").is_file()
    assert main(["models", "--cache", str(where)]) == 0
    assert f"parse cache: {where / 'parses.sqlite'}" in capsys.readouterr().out
    assert main(["extract", str(article), "--cache", str(where), "--format", "json", "-q"]) == 0
    assert capsys.readouterr().out == first
    assert main(["models", "--no-cache"]) == 0
    assert "parse cache: off" in capsys.readouterr().out


def test_command_line_says_when_the_cache_is_unusable(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(TEXTS[1], encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["extract", str(article), "--cache", str(blocker)]) == 0
    captured = capsys.readouterr()
    assert "going on without it" in captured.err and "Medvedev" in captured.out


def test_a_full_memo_never_loses_what_this_call_needs():
    """The memo evicts its oldest entries; a batch holding an old paragraph and new ones still gets all."""
    parser = _parser(memo_size=3)
    parser.parse_many(["Reporting by Jane Doe.\nAlpha said hello.\nBeta said no."])
    (doc,) = parser.parse_many(["Reporting by Jane Doe.\nGamma left early.\nDelta stayed.\nEpsilon spoke."])
    assert doc.sentences[0].text == "Reporting by Jane Doe."
    assert all(s.parsed for s in doc.sentences)


def test_the_memo_holds_at_most_its_characters_and_the_call_still_gets_all():
    """A memo bounded by characters (a long article is not all kept twice) drops its least recently used
    paragraphs past the bound; what the call asked for is all there, parsed."""
    parser = _parser(memo_chars=40)
    paragraphs = ["Alpha said hello to everyone.", "Beta said no to that.", "Gamma left early today.",
                  "Delta stayed until dawn."]
    (doc,) = parser.parse_many(["\n".join(paragraphs)])
    assert [s.text for s in doc.sentences] == paragraphs and all(s.parsed for s in doc.sentences)
    for memo in (parser._tagged, parser._parsed):
        assert 0 < sum(len(key[1]) for key in memo) <= 40
    assert any(key[1] == paragraphs[-1] for key in parser._tagged)  # the latest is kept


def test_the_parse_key_holds_every_tag_the_parser_sees():
    """The same words tagged differently (curly marks made straight for the tagger, or not) are parsed
    apart: one never takes the other's cached parse."""
    text = "‘We’re done,’ they said."
    straight = _parser().parse_many([text], normalise=lambda p: p.replace("‘", "'").replace("’", "'"))
    plain_first = [(w.head, w.deprel) for w in straight[0].words]
    parser = _parser()
    parser.parse_many([text])
    again = parser.parse_many([text], normalise=lambda p: p.replace("‘", "'").replace("’", "'"))
    assert [(w.head, w.deprel) for w in again[0].words] == plain_first


def test_lone_surrogates_are_cached_like_any_text(tmp_path):
    parser = _parser(tmp_path)
    text = "He said \udcff hello to Bob\udc80y today."
    first = parser.parse_many([text])
    parser = _forget_memory(parser)
    assert _view(parser.parse_many([text])) == _view(first)
    assert parser.store is not None


def test_damaged_entries_are_misses(tmp_path):
    """A value that is not what was written (truncated, not JSON) is recomputed, never half used."""
    parser = _parser(tmp_path)
    first = parser.parse_many(TEXTS[:1])
    store = parser.store
    with store._lock:
        db = store._connection()
        rows = db.execute("SELECT key, value FROM entries").fetchall()
        for i, (k, v) in enumerate(rows):
            db.execute("UPDATE entries SET value = ? WHERE key = ?", ("not json" if i % 2 else v[: len(v) // 2], k))
        db.commit()
    parser = _forget_memory(parser)
    assert _view(parser.parse_many(TEXTS[:1])) == _view(first)


def test_a_read_only_cache_still_answers(tmp_path, monkeypatch):
    """A write that fails (a read-only file) stops the writing, not the reading."""
    parser = _parser(tmp_path)
    first = parser.parse_many(TEXTS[:1])
    store = parser.store
    real = store._connection
    monkeypatch.setattr(store, "_connection", lambda: _ReadOnly(real()))
    parser = _forget_memory(parser)
    both = parser.parse_many(TEXTS)  # the first text from the cache, the second parsed; its write fails
    assert _view(both[:1]) == _view(first)
    assert store.active and not store.writable and "read-only" in store.problem
    parser = _forget_memory(parser)
    assert _view(parser.parse_many(TEXTS[:1])) == _view(first)


class _ReadOnly:
    """A connection whose writes fail as they do on a read-only file."""

    def __init__(self, db):
        self.db = db

    def execute(self, sql, *args):
        if sql.lstrip().upper().startswith(("INSERT", "DELETE", "UPDATE")):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return self.db.execute(sql, *args)

    def executemany(self, sql, *args):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    def commit(self):
        self.db.commit()

    def rollback(self):
        self.db.rollback()


def test_no_home_directory_means_no_cache(monkeypatch, tmp_path, capsys):
    def homeless():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("QUOTES_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(cache_mod.Path, "home", staticmethod(homeless))
    assert cache_mod.default_directory() is None
    assert main(["models"]) == 0
    assert "parse cache: off" in capsys.readouterr().out
    (tmp_path / "lex").mkdir()
    assert main(["lexicon", "check", str(tmp_path / "lex")]) in (0, 1)


def test_role_labels_come_back_from_disk(tmp_path, monkeypatch):
    """The role tagger's labels are cached with the parses: the second time no network runs."""
    from quotes.attribution import tagger as roles
    from quotes.lexicon import load_lexicon
    from quotes.marks import find_quotations

    model = roles.load_role_model()
    if model is None:
        pytest.skip("no role tagger shipped")
    parser = _parser(tmp_path)
    lex = load_lexicon()
    segs = [s for text in TEXTS for s in roles.segments(parser.parse_many([text], select=TAG_ONLY)[0],
                                                         find_quotations(text)[0], lexicon=lex)]
    first = model.tag(segs, store=parser.store)

    def no_networks(*args, **kwargs):
        raise AssertionError("a network ran although every segment was cached")

    monkeypatch.setattr(roles, "ensemble_scores", no_networks)
    assert model.tag(segs, store=parser.store) == first


def test_damaged_role_labels_are_misses():
    from quotes.attribution.tagger import _decode_labels_entry

    assert _decode_labels_entry('["O", "B-Cue"]', 2) == ["O", "B-Cue"]
    assert _decode_labels_entry('["O", "I-Cue"]', 2) is None  # an I- without its B-
    assert _decode_labels_entry('["O"]', 2) is None
    assert _decode_labels_entry('["O", "X"]', 2) is None
    assert _decode_labels_entry("not json", 2) is None
    assert _decode_labels_entry(None, 2) is None
