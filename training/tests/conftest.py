"""Fixtures of the training tools' tests: the shared data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SHARED = Path(os.environ.get("QUOTES_SHARED", ROOT.parent / "shared"))
os.environ["QUOTES_CACHE"] = "off"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or a skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
