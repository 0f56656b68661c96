"""Skip-gram word vectors (a training-time tool for the role tagger)."""

from __future__ import annotations

import math

import pytest

pytest.importorskip("torch")

from training.skipgram import standardise, train_vectors


def _text() -> list[list[str]]:
    # "said" and "told" share their neighbours; "rain" and "snow" share theirs
    people = [["the", "minister", v, "reporters", "that", "taxes", "rose"] for v in ("said", "told")] * 100
    weather = [["heavy", w, "fell", "on", "the", "hills", "overnight"] for w in ("rain", "snow")] * 100
    return people + weather + [["once"]]


def test_words_under_the_count_get_no_vector_and_empty_text_gives_none():
    vectors = train_vectors(_text(), dim=8, epochs=1, min_count=3)
    assert "once" not in vectors and "said" in vectors and len(vectors["said"]) == 8
    assert train_vectors([], dim=8) == {} and train_vectors([["a"]], min_count=2) == {}


def test_the_same_seed_gives_the_same_vectors():
    assert train_vectors(_text(), dim=8, epochs=1, seed=3) == train_vectors(_text(), dim=8, epochs=1, seed=3)


def test_words_used_alike_end_up_closer_than_words_used_apart():
    vectors = train_vectors(_text(), dim=16, epochs=10, sample=1.0, lr=2e-2)

    def cosine(a: str, b: str) -> float:
        u, v = vectors[a], vectors[b]
        return sum(x * y for x, y in zip(u, v)) / math.sqrt(sum(x * x for x in u) * sum(y * y for y in v))

    assert cosine("said", "told") > cosine("said", "rain")
    assert cosine("rain", "snow") > cosine("snow", "told")


def test_standardise_gives_mean_zero_and_unit_deviation():
    out = standardise({"a": [1.0, 3.0], "b": [5.0, 7.0]})
    values = [x for v in out.values() for x in v]
    assert abs(sum(values)) < 1e-9 and abs(sum(x * x for x in values) / len(values) - 1) < 1e-9
    assert standardise({}) == {}
