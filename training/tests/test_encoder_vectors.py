"""Static word vectors distilled from an encoder (a training-time tool for the role tagger), with a fake
encoder: no transformers needed."""

from __future__ import annotations

import pickle

import pytest

torch = pytest.importorskip("torch")

from training import roles_training  # noqa: E402
from training.encoder_vectors import principal_components, static_vectors  # noqa: E402


def _encoder(calls: list[list[list[str]]]):  # type: ignore[no-untyped-def]
    """A word's vector is its length and its position in the piece: context changes it."""
    def encode(batch: list[list[str]]) -> list[torch.Tensor]:
        calls.append(batch)
        return [torch.tensor([[float(len(w)), float(i)] for i, w in enumerate(words)]) for words in batch]
    return encode


def test_each_word_is_averaged_over_at_most_cap_occurrences_and_pieces_are_cut_at_chunk():
    calls: list[list[list[str]]] = []
    text = [["a", "bb", "a", "cc", "a"]]
    vectors = static_vectors(text, _encoder(calls), cap=2, chunk=3, batch=1)
    assert calls == [[["cc", "a"]], [["a", "bb", "a"]]]  # pieces sorted by length, shortest first
    assert vectors == {"a": [1.0, 0.5], "bb": [2.0, 1.0], "cc": [2.0, 0.0]}  # positions 1 and 0 for "a": 0.5


def test_a_batch_of_words_already_seen_cap_times_is_not_encoded_and_missing_words_are_encoded_alone():
    calls: list[list[list[str]]] = []
    vectors = static_vectors([["said"], ["said"], ["said"]], _encoder(calls), cap=1, batch=1,
                             isolated=["said", "told", "told"])
    assert calls == [[["said"]], [["told"]]]
    assert vectors == {"said": [4.0, 0.0], "told": [4.0, 0.0]}
    assert static_vectors([], _encoder([])) == {}


def test_a_word_the_encoder_gives_no_vector_is_left_out():
    def encode(batch: list[list[str]]) -> list[torch.Tensor]:
        return [torch.tensor([[float("nan")] * 2 if w == "\u200b" else [1.0, 2.0] for w in words]) for words in batch]
    assert static_vectors([["said", "\u200b"]], encode, isolated=["\u200b"]) == {"said": [1.0, 2.0]}


def test_principal_components_keep_the_largest_spread_first():
    vectors = {"a": [2.0, 0.0, 1.0], "b": [-2.0, 0.0, 1.0], "c": [0.0, 0.5, 1.0], "d": [0.0, -0.5, 1.0]}
    out = principal_components(vectors, 2)
    assert sorted(out) == sorted(vectors) and all(len(v) == 2 for v in out.values())
    assert abs(out["a"][0]) == pytest.approx(2.0) and out["a"][1] == pytest.approx(0.0, abs=1e-9)
    assert abs(out["c"][1]) == pytest.approx(0.5) and principal_components({}, 2) == {}


def test_the_tool_says_what_it_needs(tmp_path):
    from training import encoder_vectors

    with pytest.raises(SystemExit, match=r"no train\.pkl"):
        encoder_vectors.main(["--encoder", str(tmp_path), "--work", str(tmp_path)])


def _work(tmp_path):  # type: ignore[no-untyped-def]
    stems = [f"article-{i}" for i in range(40)]
    feats = [(w, w[-3:], "x", "X", "X", "-", "-", "0") for w in ("smith", "said", "taxes", "rose")]
    rows = [(s, feats, ["B-Source", "B-Cue", "B-Content", "I-Content"]) for s in stems]
    (tmp_path / "train.pkl").write_bytes(pickle.dumps(rows))
    ud = tmp_path / "ud"
    ud.mkdir()
    (ud / "en_test-ud-train.conllu").write_text("1\tJones\tJones\tPROPN\tNNP\t_\t0\troot\t_\t_\n\n", encoding="utf-8")
    return rows, ud


def _args(tmp_path, ud, vectors) -> list[str]:  # type: ignore[no-untyped-def]
    return ["--work", str(tmp_path), "--only", "train", "--epochs", "1", "--hidden", "8", "--layers", "1",
            "--dropout", "0", "--threads", "1", "--cutoff", "1", "--ud", str(ud), "--vectors-file", str(vectors)]


def test_a_vectors_file_of_this_runs_text_starts_the_word_embeddings(tmp_path, caplog):
    rows, ud = _work(tmp_path)
    text = roles_training.unlabelled_text(roles_training.held_out(rows)[0], ud)
    vectors = {"said": [0.5] * 100, "denied": [-0.5] * 100}  # "denied": a word the labelled rows lack
    saved = tmp_path / "vectors-kept-encoder.pkl"
    saved.write_bytes(pickle.dumps({"format": roles_training.VECTORS_FORMAT, "text": roles_training.text_digest(text),
                                    "vectors": vectors}))
    with caplog.at_level("INFO", logger="training.roles_training"):
        assert roles_training.main(_args(tmp_path, ud, saved)) == 0
    assert f"word vectors: 2 words, from {saved}" in caplog.text
    blob = torch.load(str(tmp_path / "best.pt"), weights_only=False)
    assert "denied" in blob["vocabs"]["word"] and blob["config"]["vectors"] == saved.name


def test_a_vectors_file_of_other_text_or_none_at_all_is_a_clear_error(tmp_path, capsys):
    rows, ud = _work(tmp_path)
    saved = tmp_path / "vectors-all-encoder.pkl"  # made for --all-train: every article's text
    text = roles_training.unlabelled_text(rows, ud)
    saved.write_bytes(pickle.dumps({"format": roles_training.VECTORS_FORMAT, "text": roles_training.text_digest(text),
                                    "vectors": {"said": [0.5] * 100}}))
    with pytest.raises(SystemExit, match="made from other text than this run's"):
        roles_training.main(_args(tmp_path, ud, saved))
    saved.write_bytes(pickle.dumps({"said": [0.5] * 100}))  # the first format: no record of the text
    with pytest.raises(SystemExit, match="has no record of the text it was made from"):
        roles_training.main(_args(tmp_path, ud, saved))
    with pytest.raises(SystemExit):
        roles_training.main(_args(tmp_path, ud, tmp_path / "missing.pkl"))
    assert "--vectors-file: no file at" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        roles_training.main(_args(tmp_path, ud, saved) + ["--vectors", "1"])
    assert "give one" in capsys.readouterr().err
