"""Shared fixtures: the seeds, the shared data folder, settings for hypothesis."""

from __future__ import annotations

import functools
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


@pytest.fixture(autouse=True, scope="session")
def _models_load_once():
    """Each engine loads its own models (each CLI call in a test makes one): in tests the stanza pipeline and
    the role tagger are loaded once per session and shared, so hundreds of engines cost one load."""
    from quotes import parse
    from quotes.attribution import tagger

    patch = pytest.MonkeyPatch()
    patch.setattr(parse, "_load_pipeline", functools.lru_cache(maxsize=4)(parse._load_pipeline))
    patch.setattr(tagger.RoleModel, "load", classmethod(functools.lru_cache(maxsize=4)(tagger.RoleModel.load.__func__)))
    yield
    patch.undo()
