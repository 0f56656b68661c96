"""Handing the memory a finished step freed back to the system (glibc's ``malloc_trim``; elsewhere nothing).

The tagging pass and the parser free tens of MB of tensors and stanza objects after each piece of text, but
glibc keeps freed blocks for later inside its heaps, so a long run's resident size creeps up to the largest
mix of pieces it has seen. Trimming after each piece keeps it near what is in use (100 PolNeAR articles:
about 70 MB lower peak, no measurable time; ``bench/big.py``).

The command line also bounds glibc's threshold for serving a block from its own pages (``mmap``): by default
it rises to the largest block a run has freed (up to 32 MB), after which the parser's big transient tensors are
carved from the heaps and leave them fragmented. :func:`bound_heap` fixes it at 1 MB, so such blocks go back to
the system as soon as they are freed (100 PolNeAR articles, ``bench/big.py``: a digest's peak 578-588 MB instead
of 637-656 MB, 34-35 s instead of 28-31; one article of 0.6 MB: 704 MB instead of 825, 49 s instead of 42). It changes the allocator of the whole process, so the library never calls
it by itself: a program of yours that wants the same calls it once.

>>> release()  # never fails: where there is no malloc_trim it does nothing
"""

from __future__ import annotations

import ctypes
import functools
import os
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library the process runs on
    except (OSError, AttributeError, TypeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


MMAP_THRESHOLD = 1 << 20
"""Blocks this size or larger (bytes) come from, and go straight back to, the system (:func:`bound_heap`)."""

_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
_USER_TUNING = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES")


def bound_heap(threshold: int = MMAP_THRESHOLD) -> bool:
    """Serve blocks of ``threshold`` bytes or more from pages of their own, given back when freed (glibc's
    ``mallopt(M_MMAP_THRESHOLD)``, which also stops glibc raising the threshold as a run goes on); elsewhere
    nothing. For a whole process that runs the engine: the command line calls it. Where the environment sets
    glibc's own malloc tuning (``MALLOC_MMAP_THRESHOLD_``, ``MALLOC_TRIM_THRESHOLD_``, ``GLIBC_TUNABLES``), that is
    left as the user set it. True when the threshold was set."""
    if any(os.environ.get(name) for name in _USER_TUNING):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, threshold))


def release() -> None:
    """Give the C allocator's free pages back to the system, where the allocator can (glibc)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
