"""The training driver's bookkeeping (no training runs here)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from training import stanza_models as training


def test_from_shipped_marks_the_stages_before_the_parser_done(tmp_path):
    """--from-shipped copies the shipped tokenizer, mwt, lemma and tagger in as finished stages, so only the
    parser (and the retagging before it) is trained; a stage already done in the work folder is kept."""
    if not all((training.PACKAGE_MODELS / training.MODEL_FILES[s]).is_file() for s in training.Trainer.SHIPPED_STAGES):
        pytest.skip("no shipped models")
    t = training.Trainer(tmp_path / "ud", tmp_path / "work", argparse.Namespace(threads=1))
    (t.saved / "mwt").mkdir(parents=True)
    (t.saved / "mwt" / "mwt.pt").write_bytes(b"trained here")
    (t.done / "mwt").write_text("{}")
    t.adopt_shipped()
    for stage in ("tokenize", "lemma", "pos"):
        name = training.MODEL_FILES[stage]
        assert t.is_done(stage)
        assert (t.saved / stage / name).read_bytes() == (training.PACKAGE_MODELS / name).read_bytes()
        assert "from" in json.loads((t.done / stage).read_text())
    assert (t.saved / "mwt" / "mwt.pt").read_bytes() == b"trained here"
    assert not t.is_done("retag") and not t.is_done("depparse")


CONLLU = """\
# text = Wang said the causes were complex.
1	Wang	Wang	PROPN	NNP	Number=Sing|Foo=Bar	2	nsubj	_	_
2	said	say	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	_
3	the	the	DET	DT	Definite=Def|PronType=Art	4	det	_	_
4	causes	cause	NOUN	NNS	Number=Plur	6	nsubj	_	_
5	were	be	AUX	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	6	cop	_	_
6	complex	complex	ADJ	JJ	Degree=Pos	2	ccomp	_	_
7	.	.	PUNCT	.	_	2	punct	_	_

# text = He regrets it.
1	He	he	PRON	PRP	Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs	2	nsubj	_	_
2	regrets	regret	VERB	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
3	it	it	PRON	PRP	Case=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs	2	obj	_	_
4	.	.	PUNCT	.	_	2	punct	_	_

"""


def test_parser_continue_keeps_the_models_vocabulary(tmp_path):
    """Training the shipped parser further on data with other tag frequencies (and a feature value it never
    saw) runs, and the model it saves has the shipped model's vocabulary: ids mean what they meant."""
    import subprocess
    import sys

    torch = pytest.importorskip("torch")
    pytest.importorskip("stanza")
    shipped = training.PACKAGE_MODELS / training.MODEL_FILES["depparse"]
    if not shipped.is_file():
        pytest.skip("no shipped parser")
    data = tmp_path / "tiny.conllu"
    data.write_text(CONLLU * 3, encoding="utf-8")
    save = tmp_path / "saved"
    proc = subprocess.run(
        [sys.executable, "-m", "training.parser_continue", str(shipped), "--mode", "train", "--lang", "en",
         "--shorthand", "en_combo", "--no_pretrain", "--train_file", str(data), "--eval_file", str(data),
         "--max_steps", "2", "--eval_interval", "1", "--batch_size", "50", "--optim", "adam", "--lr", "1e-4",
         "--no_second_optim", "--no_checkpoint", "--save_dir", str(save), "--save_name", "depparse.pt"],
        capture_output=True, text=True, timeout=300, env={**__import__("os").environ, "OMP_NUM_THREADS": "1"},
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    before = torch.load(shipped, map_location="cpu", weights_only=False)["vocab"]
    after = torch.load(save / "depparse.pt", map_location="cpu", weights_only=False)["vocab"]
    assert after == before


def test_parser_continue_says_how_to_call_it():
    from training import parser_continue

    with pytest.raises(SystemExit, match="usage"):
        parser_continue.main([])


def test_the_parsers_data_is_read_with_the_models_vocabulary(monkeypatch):
    """Tag ids in the training data are the model's own, whatever the tag frequencies of the data (stanza
    alone would number the tags of this tiny file afresh, by frequency)."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("stanza")
    from stanza.models.depparse import data
    from stanza.utils.conll import CoNLL

    from training import parser_continue

    shipped = training.PACKAGE_MODELS / training.MODEL_FILES["depparse"]
    if not shipped.is_file():
        pytest.skip("no shipped parser")
    checkpoint = torch.load(shipped, map_location="cpu", weights_only=False)
    doc = CoNLL.conll2doc(input_str=CONLLU)
    args = {**checkpoint["config"], "sample_train": 1.0, "augment_nopunct": 0.0}
    fresh = data.Dataset(doc, args, None).vocab
    monkeypatch.setattr(data.Dataset, "init_vocab", data.Dataset.init_vocab)  # put back after the test
    parser_continue.read_with_vocabulary(checkpoint)
    kept = data.Dataset(doc, args, None).vocab
    assert kept.state_dict() == checkpoint["vocab"]
    assert fresh["upos"].unit2id("PRON") != kept["upos"].unit2id("PRON")


def test_tagger_continue_starts_from_the_model_and_keeps_its_vocabulary(tmp_path):
    """Training the shipped tagger further on a tiny file (other word and tag frequencies, a feature value it
    never saw, and no command-line sizes) runs, and the saved model has the shipped model's vocabulary and
    sizes, and weights that moved from the shipped ones rather than a fresh network's."""
    import subprocess
    import sys

    torch = pytest.importorskip("torch")
    pytest.importorskip("stanza")
    shipped = training.PACKAGE_MODELS / training.MODEL_FILES["pos"]
    if not shipped.is_file():
        pytest.skip("no shipped tagger")
    data = tmp_path / "tiny.conllu"
    data.write_text(CONLLU * 3, encoding="utf-8")
    save = tmp_path / "saved"
    proc = subprocess.run(
        [sys.executable, "-m", "training.tagger_continue", str(shipped), "--mode", "train", "--lang", "en",
         "--shorthand", "en_combo", "--no_pretrain", "--train_file", str(data), "--eval_file", str(data),
         "--max_steps", "2", "--eval_interval", "1", "--batch_size", "4", "--lr", "1e-6", "--no_second_optim",
         "--save_dir", str(save), "--save_name", "pos.pt"],
        capture_output=True, text=True, timeout=300, env={**__import__("os").environ, "OMP_NUM_THREADS": "1"},
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    before = torch.load(shipped, map_location="cpu", weights_only=False)
    after = torch.load(save / "pos.pt", map_location="cpu", weights_only=False)
    assert after["vocab"] == before["vocab"]
    for key in ("hidden_dim", "char_hidden_dim", "deep_biaff_hidden_dim", "word_emb_dim"):
        assert after["config"][key] == before["config"][key]
    name = next(k for k, v in before["model"].items() if v.dim() == 2)
    drift = (after["model"][name].float() - before["model"][name].float()).abs().max().item()
    assert drift < 1e-2  # a millionth of a learning rate for two steps: still the shipped weights


def test_tagger_continue_says_how_to_call_it():
    from training import tagger_continue

    with pytest.raises(SystemExit, match="usage"):
        tagger_continue.main([])


def test_the_taggers_data_is_read_with_the_models_vocabulary(monkeypatch):
    """Tag ids in the training data are the model's own, whatever the frequencies of the file."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("stanza")
    from stanza.models.pos import data
    from stanza.utils.conll import CoNLL

    from training import tagger_continue

    shipped = training.PACKAGE_MODELS / training.MODEL_FILES["pos"]
    if not shipped.is_file():
        pytest.skip("no shipped tagger")
    checkpoint = torch.load(shipped, map_location="cpu", weights_only=False)
    doc = CoNLL.conll2doc(input_str=CONLLU)
    args = {**checkpoint["config"], "sample_train": 1.0, "augment_nopunct": 0.0}
    fresh = data.Dataset.init_vocab([doc], args)
    monkeypatch.setattr(data.Dataset, "init_vocab", data.Dataset.__dict__["init_vocab"])  # put back after the test
    tagger_continue.read_with_vocabulary(checkpoint)
    kept = data.Dataset.init_vocab([doc], args)
    assert kept.state_dict() == checkpoint["vocab"]
    assert fresh["upos"].unit2id("PRON") != kept["upos"].unit2id("PRON")


def test_continue_tagger_trains_the_given_model_on_one_treebank(tmp_path, monkeypatch):
    """--continue-tagger runs training.tagger_continue on MODEL with the chosen treebank's train and dev files,
    and the run's best becomes the pos stage's model; a missing file is named."""
    ud = tmp_path / "ud"
    ud.mkdir()
    model = tmp_path / "pos-start.pt"
    model.write_bytes(b"weights")
    args = argparse.Namespace(threads=1, continue_tagger=model, tagger_treebank="en_ewt", pos_steps=5,
                              continue_tagger_lr=3e-4)
    t = training.Trainer(ud, tmp_path / "work", args)
    with pytest.raises(SystemExit, match=r"en_ewt-ud-train\.conllu"):
        t.pos()
    for split in ("train", "dev"):
        (ud / f"en_ewt-ud-{split}.conllu").write_text(CONLLU, encoding="utf-8")
    calls = []

    def run(stage, argv):
        calls.append((stage, argv))
        save = t.saved / "pos-continued"
        save.mkdir(parents=True, exist_ok=True)
        (save / "pos.pt").write_bytes(b"trained further")

    monkeypatch.setattr(t, "run", run)
    t.pos()
    (stage, argv), = calls
    assert stage == "pos" and argv[:2] == ["training.tagger_continue", str(model.resolve())]
    assert argv[argv.index("--train_file") + 1] == str(ud / "en_ewt-ud-train.conllu")
    assert argv[argv.index("--eval_file") + 1] == str(ud / "en_ewt-ud-dev.conllu")
    assert argv[argv.index("--lr") + 1] == "0.0003" and argv[argv.index("--max_steps") + 1] == "5"
    assert (t.saved / "pos" / "pos.pt").read_bytes() == b"trained further"
    t.args.tagger_treebank = training.SHORT  # both treebanks: the prep stage's files, which are not there yet
    with pytest.raises(SystemExit, match="prep stage"):
        t.pos()


def test_a_continued_glove_tagger_gets_its_embedding_written_again(tmp_path, monkeypatch):
    """--continue-tagger CHECKPOINT --tagger-glove auto: a GloVe tagger's checkpoint kept without its embedding
    (training/checkpoints) goes on with the table written again beside the run, not the checkpoint folder's."""
    ud = tmp_path / "ud"
    ud.mkdir()
    for split in ("train", "dev"):
        (ud / f"en_ewt-ud-{split}.conllu").write_text(CONLLU, encoding="utf-8")
    kept = tmp_path / "checkpoints"
    kept.mkdir()
    model = kept / "pos-glove.pt"
    model.write_bytes(b"weights")
    args = argparse.Namespace(threads=1, continue_tagger=model, tagger_treebank="en_ewt", pos_steps=5,
                              continue_tagger_lr=3e-3, tagger_glove="auto", tagger_glove_words=10)
    t = training.Trainer(ud, tmp_path / "work", args)
    written = []

    def write(path):
        written.append(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"glove")

    monkeypatch.setattr(t, "write_glove_pretrain", write)
    seen = {}

    def run(stage, argv):
        seen["flags"] = argv
        save = t.saved / "pos-continued"
        save.mkdir(parents=True, exist_ok=True)
        (save / "pos.pt").write_bytes(b"trained further")

    monkeypatch.setattr(t, "run", run)
    t.pos()
    assert written == [t.saved / "pos" / training.PRETRAIN_FILE]
    flags = seen["flags"]
    assert flags[flags.index("--wordvec_pretrain_file") + 1] == str(written[0])
    assert flags[flags.index("--lr") + 1] == "0.003"


def test_export_keeps_the_shipped_entry_of_a_stage_not_trained_here(tmp_path, monkeypatch):
    """A work folder that trained only the tagger exports it half-precision, and the manifest still lists the
    parser shipped before (its file untouched) instead of losing it."""
    torch = pytest.importorskip("torch")
    package = tmp_path / "models"
    package.mkdir()
    (package / "depparse.pt").write_bytes(b"shipped parser")
    (package / "manifest.json").write_text(json.dumps({"models": {"depparse": {"file": "depparse.pt", "bytes": 14}}}))
    monkeypatch.setattr(training, "PACKAGE_MODELS", package)
    t = training.Trainer(tmp_path / "ud", tmp_path / "work", argparse.Namespace(threads=1))
    (t.saved / "pos").mkdir(parents=True)
    torch.save({"model": {"w": torch.ones(2)}, "optimizer": {"state": 1}}, t.saved / "pos" / "pos.pt")
    t.export()
    manifest = json.loads((package / "manifest.json").read_text())
    assert set(manifest["models"]) == {"pos", "depparse"}
    assert manifest["models"]["depparse"] == {"file": "depparse.pt", "bytes": 14}
    assert (package / "depparse.pt").read_bytes() == b"shipped parser"
    exported = torch.load(package / "pos.pt", weights_only=False)
    assert "optimizer" not in exported and exported["model"]["w"].dtype == torch.float16


def test_split_heads_train_the_upos_head_on_ewt_and_gums_upos_in_its_own_head(tmp_path, monkeypatch):
    """--tagger-heads split gives stanza EWT's train file and GUM's with its UPOS moved into MISC (the column
    blank, every other column as it was), an extra head for it, and EWT dev to select on; a missing file is named."""
    ud = tmp_path / "ud"
    ud.mkdir()
    t = training.Trainer(ud, tmp_path / "work", argparse.Namespace(threads=1, tagger_heads="split", pos_steps=5))
    with pytest.raises(SystemExit, match=r"en_ewt-ud-train\.conllu"):
        t.pos()
    for bank in ("en_ewt", "en_gum"):
        for split in ("train", "dev"):
            (ud / f"{bank}-ud-{split}.conllu").write_text(CONLLU, encoding="utf-8")
    calls = []
    monkeypatch.setattr(t, "run", lambda stage, argv: calls.append((stage, argv)))
    t.pos()
    (stage, argv), = calls
    ewt, gum = argv[argv.index("--train_file") + 1].split(";")
    assert stage == "pos" and ewt == str(ud / "en_ewt-ud-train.conllu")
    assert argv[argv.index("--extra_tag_columns") + 1] == f"gupos={training.GUM_UPOS_KEY}"
    assert argv[argv.index("--eval_file") + 1] == str(ud / "en_ewt-ud-dev.conllu")
    before = [line.split("\t") for line in CONLLU.splitlines()]
    after = [line.split("\t") for line in Path(gum).read_text(encoding="utf-8").splitlines()]
    assert len(before) == len(after)
    for b, a in zip(before, after):
        if len(b) != 10:
            assert a == b
            continue
        assert a[3] == "_" and a[:3] == b[:3] and a[4:9] == b[4:9]
        assert a[9].split("|")[-1] == f"GUPOS={b[3]}" and a[9].split("|")[:-1] == ([] if b[9] == "_" else b[9].split("|"))


def test_split_heads_do_not_combine_with_a_continued_tagger(tmp_path, capsys):
    (tmp_path / "ud").mkdir()
    with pytest.raises(SystemExit) as exit_:
        training.main(["--ud", str(tmp_path / "ud"), "--work", str(tmp_path / "work"), "--continue-tagger",
                       "--tagger-heads", "split", "--only", "pos"])
    assert exit_.value.code == 2 and "does not combine with --continue-tagger" in capsys.readouterr().err


def test_tagger_vectors_become_the_taggers_pretrained_embedding(tmp_path, monkeypatch):
    """--tagger-vectors: the pos stage writes the vectors as stanza's pretrain file beside the tagger and
    trains with it instead of --no_pretrain, and the retagging reads it too; a fresh tagger without
    vectors drops an earlier one's file; a missing vector file is named."""
    t = training.Trainer(tmp_path / "ud", tmp_path / "work",
                         argparse.Namespace(threads=1, pos_steps=5, tagger_vectors=tmp_path / "vectors.pkl"))
    with pytest.raises(SystemExit, match="no word-vector file"):
        t.pos()
    (tmp_path / "vectors.pkl").write_bytes(b"vectors")
    calls = []

    def run(stage, argv):
        calls.append((stage, argv))
        if argv[0] == "training.tagger_vectors":
            Path(argv[2]).parent.mkdir(parents=True, exist_ok=True)
            Path(argv[2]).write_bytes(b"pretrain")

    monkeypatch.setattr(t, "run", run)
    t.pos()
    pretrain = t.saved / "pos" / training.PRETRAIN_FILE
    (_, make), (_, train) = calls
    assert make == ["training.tagger_vectors", str((tmp_path / "vectors.pkl").resolve()), str(pretrain)]
    assert train[0] == "stanza.models.tagger" and "--no_pretrain" not in train
    assert train[train.index("--wordvec_pretrain_file") + 1] == str(pretrain)
    calls.clear()
    t.retag()
    assert calls and all(argv[argv.index("--wordvec_pretrain_file") + 1] == str(pretrain) for _, argv in calls)
    calls.clear()
    t.args.tagger_vectors = None
    t.pos()
    (_, train), = calls
    assert "--no_pretrain" in train and "--wordvec_pretrain_file" not in train and not pretrain.exists()


def test_export_ships_the_taggers_embedding_or_removes_a_stale_one(tmp_path, monkeypatch):
    """The tagger's pretrain file goes into the package at full precision and into the manifest; a tagger
    trained without one removes the one shipped before; a tagger not trained here keeps the shipped one."""
    torch = pytest.importorskip("torch")
    package = tmp_path / "models"
    package.mkdir()
    monkeypatch.setattr(training, "PACKAGE_MODELS", package)
    t = training.Trainer(tmp_path / "ud", tmp_path / "work", argparse.Namespace(threads=1))
    (t.saved / "pos").mkdir(parents=True)
    torch.save({"model": {"w": torch.ones(2)}}, t.saved / "pos" / "pos.pt")
    torch.save({"emb": torch.ones(3, 2), "vocab": {}}, t.saved / "pos" / training.PRETRAIN_FILE)
    t.export()
    manifest = json.loads((package / "manifest.json").read_text())
    assert manifest["models"]["pretrain"]["file"] == training.PRETRAIN_FILE
    assert torch.load(package / training.PRETRAIN_FILE)["emb"].dtype == torch.float32
    (t.saved / "pos" / "pos.pt").rename(tmp_path / "pos.pt")  # the tagger not trained here: all stays
    (package / "pos.pt").write_bytes(b"shipped tagger")
    t.export()
    manifest = json.loads((package / "manifest.json").read_text())
    assert set(manifest["models"]) == {"pos", "pretrain"} and (package / training.PRETRAIN_FILE).is_file()
    (tmp_path / "pos.pt").rename(t.saved / "pos" / "pos.pt")
    (t.saved / "pos" / training.PRETRAIN_FILE).unlink()
    t.export()
    assert "pretrain" not in json.loads((package / "manifest.json").read_text())["models"]
    assert not (package / training.PRETRAIN_FILE).exists()


def test_from_shipped_and_continue_tagger_bring_the_taggers_embedding(tmp_path, monkeypatch):
    """A shipped or continued tagger with a pretrain file beside it keeps using it in our work folder."""
    package = tmp_path / "models"
    package.mkdir()
    for stage in training.Trainer.SHIPPED_STAGES:
        (package / training.MODEL_FILES[stage]).write_bytes(stage.encode())
    (package / training.PRETRAIN_FILE).write_bytes(b"shipped embedding")
    monkeypatch.setattr(training, "PACKAGE_MODELS", package)
    t = training.Trainer(tmp_path / "ud", tmp_path / "work", argparse.Namespace(threads=1))
    t.adopt_shipped()
    assert (t.saved / "pos" / training.PRETRAIN_FILE).read_bytes() == b"shipped embedding"
    assert "--wordvec_pretrain_file" in t.pos_flags() and "--no_pretrain" not in t.pos_flags()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    t.take_pretrain(elsewhere)  # a tagger without one: ours goes too
    assert not (t.saved / "pos" / training.PRETRAIN_FILE).exists() and "--no_pretrain" in t.pos_flags()


def test_tagger_vectors_do_not_combine_with_a_continued_tagger(tmp_path, capsys):
    (tmp_path / "ud").mkdir()
    with pytest.raises(SystemExit) as exit_:
        training.main(["--ud", str(tmp_path / "ud"), "--work", str(tmp_path / "work"), "--continue-tagger",
                       "--tagger-vectors", str(tmp_path / "v.pkl"), "--only", "pos"])
    assert exit_.value.code == 2 and "keeps the one it has" in capsys.readouterr().err
