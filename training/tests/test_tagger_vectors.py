"""The tool that writes the role trainer's word vectors as the tagger's pretrained embedding."""

from __future__ import annotations

import pickle

import pytest

from training import tagger_vectors

VECTORS = {"said": [1.0, 0.5], "format": [0.25, -1.0], "vectors": [0.0, 2.0], "two words": [3.0, 3.0]}


@pytest.mark.parametrize("blob", [
    {"format": "quotes-word-vectors/1", "text": "0" * 64, "vectors": VECTORS},
    VECTORS,  # the first format: the vectors alone, where "format" and "vectors" can be words
])
def test_reads_either_format_of_the_vector_cache(tmp_path, blob):
    path = tmp_path / "vectors.pkl"
    path.write_bytes(pickle.dumps(blob))
    assert tagger_vectors.read_vectors(path) == VECTORS


@pytest.mark.parametrize("content, message", [
    (b"not a pickle", "not a word-vector file"),
    (pickle.dumps({}), "no word vectors"),
    (pickle.dumps({"a": [1.0], "b": [1.0, 2.0]}), "different lengths"),
    (pickle.dumps({"a": 1.0}), "not lists of numbers"),
])
def test_a_bad_vector_file_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "vectors.pkl"
    path.write_bytes(content)
    with pytest.raises(SystemExit, match=message):
        tagger_vectors.read_vectors(path)


def test_writes_a_file_stanza_reads_back(tmp_path):
    """Every word without white space in it, with its vector; an existing file is replaced, not read."""
    pytest.importorskip("stanza")
    from stanza.models.common.pretrain import Pretrain

    target = tmp_path / "pos" / "pretrain.pt"
    target.parent.mkdir()
    target.write_bytes(b"an older embedding")
    assert tagger_vectors.write_pretrain(VECTORS, target) == 3
    pretrain = Pretrain(str(target))
    for word in ("said", "format", "vectors"):
        assert pretrain.emb[pretrain.vocab.unit2id(word)].tolist() == VECTORS[word]
    assert pretrain.vocab.unit2id("two words") == pretrain.vocab.unit2id("<UNK>")


def test_vectors_stanza_cannot_look_up_are_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="no word without white space"):
        tagger_vectors.write_pretrain({"two words": [1.0], "": [2.0]}, tmp_path / "pretrain.pt")
    assert not (tmp_path / "pretrain.pt").exists()


def test_says_how_to_call_it():
    with pytest.raises(SystemExit, match="usage"):
        tagger_vectors.main([])
