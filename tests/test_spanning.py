"""The parser's tree decoder: the best single-root spanning tree, the same as stanza's own decoder."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from quotes.spanning import max_spanning_tree


def _is_tree(heads: list[int]) -> bool:
    """Every word reaches the root (0) by following heads, and exactly one word is attached to it."""
    n = len(heads)
    if sum(1 for d in range(1, n) if heads[d] == 0) != 1:
        return False
    for d in range(1, n):
        seen, v = set(), d
        while v != 0:
            if v in seen:
                return False
            seen.add(v)
            v = heads[v]
    return True


def _score(scores: np.ndarray, heads) -> float:
    return float(sum(scores[d, heads[d]] for d in range(1, len(heads))))


def _brute_force(scores: np.ndarray) -> float:
    """The best single-root tree's score over every head assignment (small sentences only)."""
    n = len(scores)
    best = -np.inf
    for heads in itertools.product(range(n), repeat=n - 1):
        full = [0, *heads]
        if any(full[d] == d for d in range(1, n)) or not _is_tree(full):
            continue
        best = max(best, _score(scores, full))
    return best


matrices = st.integers(2, 6).flatmap(lambda n: hnp.arrays(
    np.float64, (n, n), elements=st.floats(-20, 0, allow_nan=False, allow_infinity=False)))


@given(matrices)
@settings(max_examples=150, deadline=None)
def test_the_tree_is_the_best_single_root_tree(scores):
    tree = max_spanning_tree(scores).tolist()
    assert tree[0] == 0 and _is_tree(tree)
    assert _score(scores, tree) == pytest.approx(_brute_force(scores), abs=1e-9)


@given(matrices)
@settings(max_examples=50, deadline=None)
def test_the_scores_are_left_as_they_were(scores):
    before = scores.copy()
    max_spanning_tree(scores)
    assert np.array_equal(before, scores)


def test_forbidden_arcs_are_never_used():
    """-inf marks arcs the parser rules out (its own diagonal, padding): a tree avoids them."""
    scores = np.log(np.full((4, 4), 0.25))
    scores[2, 0] = scores[3, 0] = -np.inf  # only word 1 may take the root
    scores[3, 2] = -np.inf
    tree = max_spanning_tree(scores).tolist()
    assert tree[1] == 0 and tree[3] == 1 and _is_tree(tree)


def test_tiny_inputs():
    assert max_spanning_tree(np.zeros((1, 1))).tolist() == [0]
    assert max_spanning_tree(np.zeros((2, 2))).tolist() == [0, 0]


def test_long_sentences_do_not_recurse():
    """Hundreds of words with many cycles to contract: no recursion limit, still a tree."""
    rng = np.random.default_rng(7)
    scores = rng.normal(size=(400, 400))
    tree = max_spanning_tree(scores).tolist()
    assert _is_tree(tree)


def test_same_trees_as_stanzas_decoder():
    """On log-softmax scores like the parser's, every tree equals the one stanza's own decoder finds."""
    stanza_decoder = pytest.importorskip("stanza.models.common.chuliu_edmonds").chuliu_edmonds_one_root
    rng = np.random.default_rng(0)
    for _ in range(300):
        n = int(rng.integers(2, 60))
        x = rng.normal(size=(n, n)) * rng.choice([0.5, 3.0, 10.0])
        x = x - np.log(np.exp(x).sum(1, keepdims=True))
        np.fill_diagonal(x, -np.inf)
        assert max_spanning_tree(x).tolist() == stanza_decoder(x.copy()).tolist()


def test_a_word_with_every_head_forbidden_still_gives_one_tree():
    """Rows of -inf (padding, a masked word) cannot make several roots: the result is always a tree."""
    scores = np.full((4, 4), -np.inf)
    scores[1] = [-0.1, -np.inf, -2.0, -3.0]
    tree = max_spanning_tree(scores).tolist()
    assert _is_tree(tree) and tree[1] == 0


@given(st.integers(2, 6).flatmap(lambda n: hnp.arrays(
    np.float64, (n, n), elements=st.one_of(st.floats(-20, 0, allow_nan=False), st.just(-np.inf)))))
@settings(max_examples=100, deadline=None)
def test_always_a_single_root_tree(scores):
    assert _is_tree(max_spanning_tree(scores).tolist())
