"""The parse layer: offsets, offline loading, model resolution order, and a few hand-checked parses."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quotes import parse as parse_mod
from quotes.errors import ModelsNotFoundError
from quotes.parse import PROCESSORS, TAG_ONLY, Parser, resolve_models

PARSER = Parser()  # one parser for the module's tests: its models load once
parse, parse_many, add_parses = PARSER.parse, PARSER.parse_many, PARSER.add_parses


def _fake_models(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for p in PROCESSORS:
        (path / f"{p}.pt").write_bytes(b"")
    return path


def _fake_official(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "resources.json").write_text(json.dumps({"en": {"default_processors": {}}}))
    for proc in ("tokenize", "pos", "lemma", "depparse"):
        (path / "en" / proc).mkdir(parents=True)
        (path / "en" / proc / "combined.pt").write_bytes(b"")
    return path


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No QUOTES_MODELS, an empty stanza resources directory, and no shipped models."""
    monkeypatch.delenv("QUOTES_MODELS", raising=False)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "stanza_resources"))
    monkeypatch.setattr(parse_mod, "SHIPPED_MODELS", tmp_path / "no-shipped-models")
    return tmp_path


def test_explicit_directory_comes_first(clean_env):
    """An explicit directory wins over the environment variable, stanza's models and the shipped ones."""
    explicit = _fake_models(clean_env / "mine")
    _fake_official(clean_env / "stanza_resources")
    info = resolve_models(explicit)
    assert (info.origin, info.directory) == ("argument", str(explicit))


def test_environment_variable_second(clean_env, monkeypatch):
    """QUOTES_MODELS is used when no argument is given, before stanza's models."""
    env_dir = _fake_models(clean_env / "env")
    _fake_official(clean_env / "stanza_resources")
    monkeypatch.setenv("QUOTES_MODELS", str(env_dir))
    assert resolve_models().origin == "QUOTES_MODELS"


def test_explicit_directory_without_models_is_an_error(clean_env):
    """A directory that was asked for but holds no models is an error naming what was expected."""
    with pytest.raises(ModelsNotFoundError, match=r"tokenize\.pt"):
        resolve_models(clean_env / "empty")


def test_official_models_before_shipped(clean_env, monkeypatch):
    """Installed official stanza English models are preferred over the shipped models."""
    _fake_official(clean_env / "stanza_resources")
    monkeypatch.setattr(parse_mod, "SHIPPED_MODELS", _fake_models(clean_env / "shipped"))
    assert resolve_models().origin == "stanza-resources"


def test_shipped_models_last(clean_env, monkeypatch):
    """With nothing else installed, the shipped models are used, and the skipped places are listed."""
    monkeypatch.setattr(parse_mod, "SHIPPED_MODELS", _fake_models(clean_env / "shipped"))
    info = resolve_models()
    assert info.origin == "shipped"
    assert any("official stanza" in t for t in info.tried)


def test_no_models_anywhere(clean_env):
    """With no models anywhere the error says every place it looked."""
    with pytest.raises(ModelsNotFoundError) as err:
        resolve_models()
    assert "stanza_resources" in str(err.value) and "no-shipped-models" in str(err.value)


def test_shipped_models_are_complete():
    """The package ships every processor the engine needs."""
    info = resolve_models(parse_mod.SHIPPED_MODELS)
    assert set(f"{p}.pt" for p in PROCESSORS) <= set(info.files)


def _check_offsets(text: str) -> None:
    doc = parse(text)
    assert doc.text is text
    for sent in doc.sentences:
        assert text[sent.start:sent.end] == sent.text
        for w in sent.words:
            assert text[w.start:w.end] == w.text
            assert sent.start <= w.start <= w.end <= sent.end
            assert w.head is None or -1 <= w.head < len(sent.words)


@pytest.mark.slow
@settings(max_examples=25)
@given(st.text(max_size=300))
@example("")
@example("   \n\n \t ")
@example("Xi 🇨🇳 said “hi” 👋🏽 to Putin.")
@example("قال وانغ يي إن الصين \u200f\"تأسف بشدة\"\u200f. He didn't.")
@example("Control\x00chars\x1b[0m and\x0b vertical\x0c tabs. She'll go.")
def test_offsets_slice_back(text):
    """Every word and sentence slices back out of the input, whatever the input."""
    _check_offsets(text)


@pytest.mark.slow
def test_offsets_on_a_megabyte():
    """A megabyte of text parses (tagging only) with offsets intact."""
    unit = "Wang said the friendship was 'rock-solid'. He didn't say more — 😀 «Non», a-t-il dit.\n"
    text = unit * (1_000_000 // len(unit) + 1)
    doc = parse(text, select=lambda s: False)
    assert len(doc.sentences) > 10_000
    for sent in doc.sentences[::997]:
        for w in sent.words:
            assert text[w.start:w.end] == w.text


@pytest.mark.slow
def test_parse_never_touches_the_network(monkeypatch):
    """Loading and running the parser makes no socket connection."""
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    # the loader itself, not the tests' shared pipeline (conftest.py): the models are loaded now
    monkeypatch.setattr(parse_mod, "_load_pipeline", getattr(parse_mod._load_pipeline, "__wrapped__", parse_mod._load_pipeline))
    doc = Parser().parse("China deplores the outbreak of conflict, Wang said.")
    assert doc.sentences and doc.sentences[0].parsed


@pytest.mark.slow
def test_batching_does_not_change_parses(seeds):
    """Parsing articles together gives the same documents as parsing them one by one."""
    texts = list(seeds.values())[:2]
    together = parse_many(texts)
    alone = [parse(t) for t in texts]
    assert together == alone


@pytest.mark.slow
def test_tags_are_a_paragraphs_own_whatever_its_piece(seeds, monkeypatch):
    """The tagging pass reads paragraphs longest first in pieces of like lengths: a paragraph's sentences and tags
    are the same whether it is read with the others in pieces of any size or alone."""
    texts = list(seeds.values())
    parser = Parser(cache=None)
    together = parser.fresh().parse_many(texts, select=TAG_ONLY)
    monkeypatch.setattr(parse_mod, "TAG_PIECE", 400)  # most paragraphs a piece of their own
    small = parser.fresh().parse_many(list(reversed(texts)), select=TAG_ONLY)
    assert together == list(reversed(small))
    alone = parser.fresh().parse_many([texts[1]], select=TAG_ONLY)
    assert alone[0] == together[1]


@pytest.mark.slow
def test_parses_added_later_only_where_each_document_wants_them():
    """The tagging pass first, the parser after on chosen sentences: the same parse as parsing at once, and a
    sentence another document of the batch wanted stays unparsed here (batching changes nothing)."""
    texts = ["Wang said no. Li said yes.", "Li said yes. Wang said no."]
    tagged = parse_many(texts, select=TAG_ONLY)
    assert not any(s.parsed for d in tagged for s in d.sentences)
    both = add_parses(tagged, select=lambda d, s: s.text == ("Wang said no." if d == 0 else "Li said yes."))
    assert [[s.parsed for s in d.sentences] for d in both] == [[True, False], [True, False]]
    assert both[0].sentences[0] == parse("Wang said no.").sentences[0]
    assert both[0].sentences[1] == tagged[0].sentences[1]
    assert add_parses(both) == parse_many(texts)


def _word(doc, text):
    return next(w for s in doc.sentences for w in s.words if w.text == text)


@pytest.mark.slow
def test_inverted_subject_of_said():
    """'..., said Wang at an annual press briefing': Wang is the subject of said."""
    doc = parse("‘The friendship between the two peoples is rock-solid,’ said Wang at an annual press briefing.")
    said = _word(doc, "said")
    wang = _word(doc, "Wang")
    assert wang.head == said.index and wang.deprel.startswith("nsubj")


@pytest.mark.slow
def test_clausal_complement_of_said():
    """'X said today that ...': the reported clause is a ccomp of said."""
    doc = parse("China's foreign minister said today that the friendship with Moscow is still very strong.")
    said = _word(doc, "said")
    strong = _word(doc, "strong")
    assert strong.head == said.index and strong.deprel == "ccomp"
    minister = _word(doc, "minister")
    assert minister.head == said.index and minister.deprel.startswith("nsubj")


@pytest.mark.slow
def test_apposition_after_subject():
    """'Dmitry Medvedev, deputy head of Russia's Security Council, said ...': head is an appos of the name."""
    doc = parse("Dmitry Medvedev, deputy head of Russia's Security Council, said the sanctions would fail.")
    head = _word(doc, "head")
    assert head.deprel == "appos"
    assert doc.sentences[0].words[head.head].text in ("Medvedev", "Dmitry")


def test_normalised_marks_reach_the_parser_too():
    """With ``normalise``, the parser is given the straight marks the tagger saw: a curly sentence parses
    exactly like its straight twin, and its words keep the curly text with the straight form."""
    straighten = lambda p: p.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')
    curly = "“We’re done,” they said, ‘for now.’"
    (a,) = parse_many([curly], normalise=straighten)
    (b,) = parse_many([straighten(curly)])
    assert [(w.head, w.deprel, w.upos) for w in a.words] == [(w.head, w.deprel, w.upos) for w in b.words]
    assert all(curly[w.start:w.end] == w.text for w in a.words)
    assert {w.form for w in a.words if w.text == "“"} == {'"'}


@pytest.mark.slow
def test_loading_leaves_torch_compiler_alone():
    """stanza's trainers build optimizers even to run a model; loading gives them stand-ins, so torch's
    compiler (torch._dynamo and sympy, about 75 MB) is never imported by the engine's parsing."""
    import subprocess
    import sys

    code = ("import sys\nfrom quotes.parse import Parser\n"
            "doc = Parser().parse('China deplores the outbreak of conflict, Wang said.')\n"
            "assert doc.sentences[0].parsed\n"
            "print(sorted(m for m in ('torch._dynamo', 'sympy') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "QUOTES_CACHE": "off"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_loading_falls_back_to_real_optimizers(monkeypatch):
    """A stanza whose trainers need more of an optimizer than the stand-in has still loads, with real ones."""
    refused = []

    def refuse(self, *args, **kwargs):
        refused.append(1)
        raise TypeError("this stanza wants a real optimizer")

    from stanza.models.common import utils

    before = utils.dispatch_optimizer
    monkeypatch.setattr(parse_mod._IdleOptimizer, "__init__", refuse)
    monkeypatch.setattr(parse_mod, "_load_pipeline", getattr(parse_mod._load_pipeline, "__wrapped__", parse_mod._load_pipeline))
    with pytest.warns(RuntimeWarning, match="real optimizer"):
        doc = Parser().parse("China deplores the outbreak of conflict, Wang said.")
    assert refused  # the stand-in was asked for, refused, and the pipeline loaded all the same
    assert doc.sentences[0].parsed
    assert [w.text for w in doc.sentences[0].words][:2] == ["China", "deplores"]
    assert utils.dispatch_optimizer is before  # stanza's own function is back: training with stanza still trains


def test_remembered_tag_decoding_gives_stanza_own_strings():
    nlp = PARSER.pipeline()
    vocab = nlp.processors["pos"].trainer.vocab
    feats = vocab["feats"]
    plain = type(feats).id2unit  # the class's own decoding, not the remembered one on the instance
    doc = PARSER.parse("She said the senators were meeting on Tuesday, and he had not agreed.")
    seen = {w.feats for s in doc.sentences for w in s.words}
    assert len(seen) > 3  # a sentence with several feature sets
    for combination in seen:  # each remembered string decodes from its ids exactly as stanza's own method
        ids = feats.unit2id(combination or "_")
        assert feats.id2unit(ids) == plain(feats, ids)
        assert feats.id2unit(list(ids)) is feats.id2unit(list(ids))  # remembered: the same string again
    assert parse_mod._remembered_tags(object()) == 0  # something that is no pipeline: left alone
