"""The role lexicon: people, the offices they held and when, titles, reporting cues, source organisations.

The data are plain TSV files (see ``lexicons/README.md``). ``load_lexicon()`` reads the bundled ones once;
every problem in every file is reported at once as ``file:line: message``.

>>> lex = load_lexicon()
>>> import datetime
>>> [c.person.name for c in lex.candidates("Foreign Minister Wang Yi")][:1]
['Wang Yi']
>>> [t.person_id for t in lex.holders("President of Ukraine", as_of=datetime.date(2022, 3, 1))]
['Q3874799']
>>> lex.title_office("Ukrainian President")
Office(name='President of Ukraine', role='President', country='Ukraine')
"""

from __future__ import annotations

from .compile import check_lexicon_dir, load_lexicon
from .importer import import_office_holders
from .names import NAME_PARTICLES
from .queries import Lexicon
from .records import Candidate, CueWord, Office, Person, SourceOrg, Tenure

__all__ = [
    "NAME_PARTICLES", "Candidate", "CueWord", "Lexicon", "Office", "Person", "SourceOrg", "Tenure",
    "check_lexicon_dir", "import_office_holders", "load_lexicon",
]
