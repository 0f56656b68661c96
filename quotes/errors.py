"""The one exception family of quotes: everything the library raises on purpose is a QuotesError."""

from __future__ import annotations


class QuotesError(Exception):
    """Base class of every error quotes raises on purpose; the CLI prints its message as one line."""


class InputError(QuotesError):
    """An input the engine cannot read at all (not text, a missing file, an unknown format)."""


class ModelsNotFoundError(QuotesError):
    """No parser models were found where the engine looked; the message lists every place tried."""


class LexiconError(QuotesError):
    """One or more problems in lexicon files, each as ``file:line: message``.

    >>> err = LexiconError(["people.tsv:3: duplicate id 'Q1'", "offices.tsv:9: end before start"])
    >>> print(err)
    2 problems in the lexicon:
    people.tsv:3: duplicate id 'Q1'
    offices.tsv:9: end before start
    """

    def __init__(self, problems: list[str] | tuple[str, ...]) -> None:
        self.problems = tuple(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the lexicon:"
        super().__init__("\n".join([head, *self.problems]))
