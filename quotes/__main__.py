"""``python -m quotes``: the command line, as the ``quotes`` command runs it."""

import sys

from .cli import run

sys.exit(run())
