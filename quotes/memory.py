"""Handing the memory a finished step freed back to the system (glibc's ``malloc_trim``; elsewhere nothing).

The tagging pass and the parser free tens of MB of tensors and stanza objects after each piece of text, but
glibc keeps freed blocks for later inside its heaps, so a long run's resident size creeps up to the largest
mix of pieces it has seen. Trimming after each piece keeps it near what is in use (100 PolNeAR articles:
about 70 MB lower peak, no measurable time; ``bench/big.py``).

>>> release()  # never fails: where there is no malloc_trim it does nothing
"""

from __future__ import annotations

import ctypes
import functools
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


def release() -> None:
    """Give the C allocator's free pages back to the system, where the allocator can (glibc)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
