"""Run a batch function over interleaved shares of its items on several threads, one torch thread each.

The networks here are small recurrent ones: one torch operation on two cores is barely faster than on
one, while two independent streams of operations (torch releases the interpreter lock while it
computes) keep both cores busy. Results are the same as one call over all items, in the same order,
provided ``fn`` treats its items independently.

>>> interleaved(lambda xs: [x * 10 for x in xs], list(range(40)), workers=2)[:6]
[0, 10, 20, 30, 40, 50]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

__all__ = ["default_workers", "interleaved"]

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4
"""More threads than this spend their time waiting for the interpreter lock (stanza's data handling is
pure Python)."""

MIN_ITEMS = 8
"""Fewer items than this are not worth a thread each."""


def default_workers() -> int:
    """As many workers as torch has threads (at most :data:`MAX_WORKERS`)."""
    import torch

    return max(1, min(torch.get_num_threads(), MAX_WORKERS))


def interleaved(fn: Callable[[list[T]], Sequence[R]], items: Sequence[T], *, workers: int | None = None,
                min_items: int = MIN_ITEMS) -> list[R]:
    """``fn(items)``, computed as ``fn`` over every ``workers``-th item on ``workers`` threads (each with
    an even share of torch's threads) and put back in order. ``fn`` must return one result per item.
    Each thread gets at least ``min_items`` items (fewer than twice that: no threads at all)."""
    items = list(items)
    k = default_workers() if workers is None else max(1, workers)
    k = min(k, len(items) // max(1, min_items)) if len(items) >= 2 * max(1, min_items) else 1
    if k <= 1:
        return list(fn(items))
    import torch

    total = torch.get_num_threads()
    share = max(1, total // k)

    def run(part: list[T]) -> list[R]:
        # torch keeps the last setting as the default of threads started later: put it back
        torch.set_num_threads(share)
        try:
            out = list(fn(part))
        finally:
            torch.set_num_threads(total)
        if len(out) != len(part):
            raise ValueError(f"{fn!r} returned {len(out)} results for {len(part)} items")
        return out

    with ThreadPoolExecutor(max_workers=k, thread_name_prefix="quotes") as pool:
        parts = list(pool.map(run, [items[i::k] for i in range(k)]))
    out: list[R] = [None] * len(items)  # type: ignore[list-item]
    for i, part in enumerate(parts):
        out[i::k] = part
    return out
