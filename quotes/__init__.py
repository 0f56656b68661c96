"""quotes: quote attribution and speaker verification for newsrooms.

>>> import quotes
>>> sorted(quotes.__all__)[:3]
['CheckReport', 'Diagnostic', 'Digest']

Public names are loaded lazily, so ``import quotes`` is instant and stanza (torch) is only
imported when something is parsed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_NAMES = {
    "Engine": "engine",
    "extract": "engine",
    "extract_many": "engine",
    "digest": "engine",
    "check": "engine",
    "Digest": "digests",
    "SpeakerDigest": "digests",
    "CheckReport": "checks",
    "Finding": "verification",
    "StatementGroup": "grouping",
    "Store": "store",
    "load_lexicon": "lexicon",
    "Lexicon": "lexicon",
    "Person": "lexicon",
    "Tenure": "lexicon",
    "models_info": "parse",
    "Extraction": "records",
    "Quote": "records",
    "Speaker": "records",
    "Mention": "records",
    "Span": "records",
    "Diagnostic": "records",
    "statements_frame": "records",
    "QuotesError": "errors",
    "InputError": "errors",
    "LexiconError": "errors",
    "ModelsNotFoundError": "errors",
}

__all__ = [
    "CheckReport", "Diagnostic", "Digest", "Engine", "Extraction", "Finding", "InputError", "Lexicon",
    "LexiconError", "Mention", "ModelsNotFoundError", "Person", "Quote", "QuotesError", "Span", "Speaker",
    "SpeakerDigest", "StatementGroup", "Store", "Tenure", "check", "digest", "extract", "extract_many", "load_lexicon",
    "models_info", "statements_frame",
]

assert sorted(_NAMES) == __all__  # one list of public names, kept in step

if TYPE_CHECKING:  # pragma: no cover
    from .checks import CheckReport
    from .digests import Digest, SpeakerDigest
    from .engine import Engine, check, digest, extract, extract_many
    from .errors import InputError, LexiconError, ModelsNotFoundError, QuotesError
    from .grouping import StatementGroup
    from .lexicon import Lexicon, Person, Tenure, load_lexicon
    from .parse import models_info
    from .records import Diagnostic, Extraction, Mention, Quote, Span, Speaker, statements_frame
    from .store import Store
    from .verification import Finding


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'quotes' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
