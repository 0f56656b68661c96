"""Shared fixtures: the seeds, the shared data folder, settings for hypothesis."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("QUOTES_SHARED", ROOT.parent / "shared"))
os.environ["QUOTES_CACHE"] = "off"  # the command line would otherwise keep parses in ~/.cache/quotes

settings.register_profile("quotes", deadline=None, max_examples=40)
settings.load_profile("quotes")


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The four seed articles by stem."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or a skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
