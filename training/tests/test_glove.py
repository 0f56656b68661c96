"""The frozen GloVe table beside the role tagger's word embedding (``--glove``), on tiny tables built here:
neither the GloVe package nor ../shared is needed."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from quotes.attribution.tagger import FEATURES, GLOVE, build_network, encode_features, load_role_model, pad_batch  # noqa: E402
from training import glove, roles_training  # noqa: E402

from .test_roles_training import _row, _train, _work  # noqa: E402

WORDS = ["the", "said", "2015", "2016", "smith", "taxes", "Rare"]


def _vectors():  # type: ignore[no-untyped-def]
    import numpy as np

    return np.arange(len(WORDS) * 3, dtype=np.float32).reshape(len(WORDS), 3) / 10


def _text_file(tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "glove.txt"
    path.write_text("".join(f"{w} {' '.join(str(float(x)) for x in v)}\n" for w, v in zip(WORDS, _vectors())),
                    encoding="utf-8")
    return path


def test_the_lookup_takes_the_first_words_and_the_training_texts_by_the_word_feature():
    keys, picked = glove.glove_lookup(WORDS, first=2, also=["0000", "taxes", "rare", "unknown"])
    # 2016 shares 2015's key (digits as 0): the more frequent one keeps it; Rare is lowercased
    assert keys == {"the": 1, "said": 2, "0000": 3, "taxes": 4, "rare": 5}
    assert picked == [0, 1, 2, 5, 6]
    assert glove.glove_key("Year 2016") == "year 0000"


def test_a_folder_of_a_matrix_and_a_parquet_index_reads_like_a_text_file(tmp_path):
    import numpy as np

    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    folder = tmp_path / "glove"
    folder.mkdir()
    np.save(folder / "vectors.npy", _vectors())
    pq.write_table(pa.table({"index": WORDS}), str(folder / "index.parquet"))
    words, vectors = glove.read_glove(folder)
    text_words, text_vectors = glove.read_glove(_text_file(tmp_path))
    assert words == text_words == WORDS
    assert np.allclose(vectors, text_vectors)
    keys, table = glove.build_glove(folder, ["smith", "nobody"], first=2)
    assert keys == {"the": 1, "said": 2, "smith": 3}
    assert table.shape == (4, 3) and not table[0].any()
    assert torch.allclose(table[3], torch.from_numpy(_vectors()[4]))


def test_a_folder_without_one_matrix_and_one_index_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match=r"one \.npy matrix and one \.parquet"):
        glove.read_glove(tmp_path)
    with pytest.raises(SystemExit, match="nothing at"):
        glove.read_glove(tmp_path / "absent")


def _glove_net(seed: int = 0):  # type: ignore[no-untyped-def]
    vocabs = {name: {"a": 1, "b": 2} for name in FEATURES}
    vocabs[GLOVE] = {"a": 1, "c": 2}
    torch.manual_seed(seed)
    net = build_network(vocabs, {"hidden": 4, "layers": 1, "dropout": 0, "crf": 1, GLOVE: 3})
    net.glove.copy_(torch.tensor([[0.0] * 3, [1.0, -1.0, 0.5], [2.0, 0.0, -2.0]]))
    return vocabs, net


def test_the_frozen_table_is_no_parameter_and_an_optimiser_step_leaves_it_alone():
    vocabs, net = _glove_net()
    assert GLOVE not in dict(net.named_parameters()) and GLOVE in net.state_dict()
    before = net.glove.clone()
    opt = torch.optim.Adam(net.parameters(), lr=0.1)
    feats = [("a",) * 8, ("c",) * 8, ("b",) * 8]
    inputs, lengths, chars = pad_batch([encode_features(vocabs, feats)])
    assert inputs.shape[0] == len(FEATURES) + 1 and inputs[len(FEATURES), 0].tolist() == [1, 2, 0]
    word = net.embeddings[0].weight.clone()
    net(inputs, lengths, chars).sum().backward()
    opt.step()
    assert torch.equal(net.glove, before) and not net.glove.requires_grad
    assert not torch.equal(net.embeddings[0].weight, word)  # the trainable table did move


def test_the_table_changes_the_scores_and_word_dropout_leaves_it_alone():
    vocabs, net = _glove_net()
    net.eval()
    with torch.no_grad():
        known = net(*pad_batch([encode_features(vocabs, [("c",) * 8])]))
        vocabs[GLOVE] = {"a": 1}  # "c" now has no row: the zero row
        unknown = net(*pad_batch([encode_features(vocabs, [("c",) * 8])]))
    assert not torch.allclose(known, unknown)


def test_training_with_glove_keeps_the_table_frozen_and_the_export_holds_it_once(tmp_path, caplog):
    """A run with --glove: the table (the first words and the training rows' words) stays as GloVe has it
    through training; the exported file holds it once (fp16) beside two networks, loads without the
    training tools and scores as the trained networks do."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    work, other = _work(tmp_path / "a"), _work(tmp_path / "b")
    path = _text_file(tmp_path)
    with caplog.at_level("INFO", logger="training.glove"):
        _train(work, "--glove", str(path), "--glove-words", "1")
    _train(other, "--glove", str(path), "--glove-words", "1", "--seed", "2")
    assert "glove: 4 words of 3 dimensions" in caplog.text  # the, then smith said taxes (not 2016 nor rare)
    blob = torch.load(str(work / "best.pt"), weights_only=False)
    assert blob["config"][GLOVE] == 3 and blob["vocabs"][GLOVE] == {"the": 1, "said": 2, "smith": 3, "taxes": 4}
    want = torch.cat([torch.zeros(1, 3), torch.from_numpy(_vectors()[[0, 1, 4, 5]])])
    assert torch.allclose(blob["state"][GLOVE], want)  # not trained
    target = tmp_path / "roles.pt"
    roles_training.export(work, target, also=[other], o_bias=0)
    saved = torch.load(str(target), weights_only=True)
    assert saved[GLOVE].dtype == torch.float16 and all(GLOVE not in s for s in saved["states"])
    model = load_role_model(str(target), int8=False)  # the export round trip, in full precision
    assert model is not None and len(model.networks) == 2
    feats = _row("x", "said")[1]
    inputs, lengths, chars = pad_batch([encode_features(model.vocabs, feats)])
    assert inputs[len(FEATURES), 0].tolist() == [3, 2, 4, 0, 0]  # smith said taxes rose .
    for net, w in zip(model.networks, (work, other)):
        trained = build_network(blob["vocabs"], blob["config"])
        trained.load_state_dict({k: v.half().float() for k, v in torch.load(str(w / "best.pt"),
                                                                             weights_only=False)["state"].items()})
        trained.eval()
        with torch.no_grad():
            assert torch.equal(net(inputs, lengths, chars), trained(inputs, lengths, chars))


def test_the_taggers_embedding_keeps_the_first_words_and_the_treebanks(tmp_path):
    """--tagger-glove: the first words of GloVe and every other word of the treebanks' train and dev files,
    written as they are (stanza looks words up lower-cased); a test file's words never choose the vocabulary."""
    (tmp_path / "en_x-ud-train.conllu").write_text("# text = Taxes rose\n1\tTaxes\ttax\tNOUN\t_\t_\t0\troot\t_\t_\n",
                                                   encoding="utf-8")
    (tmp_path / "en_x-ud-test.conllu").write_text("1\tsmith\tsmith\tPROPN\t_\t_\t0\troot\t_\t_\n", encoding="utf-8")
    wanted = glove.treebank_words(tmp_path)
    assert wanted == {"taxes"}
    table = glove.tagger_vectors(WORDS, _vectors(), first=2, also=wanted)
    assert sorted(table) == ["said", "taxes", "the"]
    assert table["taxes"] == pytest.approx([1.5, 1.6, 1.7])
