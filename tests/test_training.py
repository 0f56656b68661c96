"""The training driver's bookkeeping (no training runs here)."""

from __future__ import annotations

import argparse
import json

import pytest

from quotes import training


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
