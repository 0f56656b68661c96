"""Sharing a batch among threads gives the results of one call, in order."""

from __future__ import annotations

import threading

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from quotes.parallel import interleaved


@given(st.lists(st.integers(), max_size=200), st.integers(1, 5))
def test_same_results_in_the_same_order(items, workers):
    assert interleaved(lambda xs: [x * 3 + 1 for x in xs], items, workers=workers) == [x * 3 + 1 for x in items]


def test_work_is_shared_and_torch_threads_are_left_as_they_were():
    before = torch.get_num_threads()
    seen = set()
    both = threading.Barrier(2, timeout=10)  # each share waits for the other: two threads at once

    def fn(xs):
        seen.add(threading.get_ident())
        both.wait()
        return xs

    assert interleaved(fn, list(range(100)), workers=2) == list(range(100))
    assert len(seen) == 2
    assert torch.get_num_threads() == before


def test_small_batches_run_in_the_calling_thread():
    seen = set()

    def fn(xs):
        seen.add(threading.get_ident())
        return xs

    interleaved(fn, list(range(5)), workers=4)
    assert seen == {threading.get_ident()}


def test_a_function_that_loses_items_is_an_error():
    with pytest.raises(ValueError, match="results for"):
        interleaved(lambda xs: xs[1:], list(range(40)), workers=2)


def test_errors_in_a_worker_reach_the_caller():
    def fn(xs):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        interleaved(fn, list(range(40)), workers=2)


def test_threads_started_later_keep_torch_s_thread_count():
    """torch takes a thread's last setting as the default of threads started after it: the workers put
    the count back, so a server thread started later still uses every core."""
    before = torch.get_num_threads()
    interleaved(lambda xs: xs, list(range(100)), workers=2)
    seen = []
    t = threading.Thread(target=lambda: seen.append(torch.get_num_threads()))
    t.start()
    t.join()
    assert seen == [before]


def test_min_items_lets_a_few_big_items_share_the_work():
    seen = set()
    both = threading.Barrier(2, timeout=10)

    def fn(xs):
        seen.add(threading.get_ident())
        both.wait()
        return xs

    assert interleaved(fn, [1, 2, 3], workers=2, min_items=1) == [1, 2, 3]
    assert len(seen) == 2
