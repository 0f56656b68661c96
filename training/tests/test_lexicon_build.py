"""The lexicon build tool reproduces the bundled generated files from ../shared/lexicon-sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

LEXICONS = Path(__file__).resolve().parent.parent.parent / "lexicons"


@pytest.mark.slow
def test_build_reproduces_the_generated_files(tmp_path, shared):
    """Rebuilding from the shared snapshot gives exactly the bundled generated files."""
    from training.lexicon_build import build

    for name in ("countries.tsv", "office_names.tsv"):
        shutil.copy(LEXICONS / name, tmp_path / name)
    counts = build(shared / "lexicon-sources", tmp_path)
    assert counts["people"] > 1000
    for name in ("people.generated.tsv", "offices.generated.tsv", "office_names.generated.tsv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (LEXICONS / name).read_text(encoding="utf-8"), name
