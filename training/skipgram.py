"""Skip-gram word vectors with negative sampling, learned from tokenised text without labels.

A training-time tool (:mod:`training.roles_training` starts the role tagger's word embeddings from them);
the engine never runs it. Nothing is downloaded: the text is what the caller passes in.

>>> vectors = train_vectors([["the", "minister", "said"]] * 50, dim=4, min_count=1, epochs=1)
>>> sorted(vectors), len(vectors["said"])
(['minister', 'said', 'the'], 4)
"""

from __future__ import annotations

import logging
import math
import time
from collections import Counter
from collections.abc import Iterable, Sequence

log = logging.getLogger("training.skipgram")


def train_vectors(
    sentences: Iterable[Sequence[str]],
    *,
    dim: int = 100,
    window: int = 5,
    negative: int = 5,
    min_count: int = 3,
    epochs: int = 5,
    batch: int = 4096,
    lr: float = 2e-3,
    sample: float = 1e-3,
    seed: int = 1,
) -> dict[str, list[float]]:
    """A vector of ``dim`` floats for every word seen at least ``min_count`` times.

    Each epoch keeps a word with probability ``sqrt(sample / frequency)`` (frequent words are thinned,
    as in word2vec), pairs it with the words up to a random 1..``window`` positions either side within its
    sentence, and learns to tell those pairs from ``negative`` words drawn by frequency to the power 0.75.
    """
    import torch

    gen = torch.Generator().manual_seed(seed)
    sentences = [list(s) for s in sentences]
    counts = Counter(w for s in sentences for w in s)
    words = sorted(w for w, c in counts.items() if c >= min_count)
    if not words:
        return {}
    index = {w: i for i, w in enumerate(words)}
    ids, sent_ids = [], []
    for k, s in enumerate(sentences):
        for w in s:
            if w in index:
                ids.append(index[w])
                sent_ids.append(k)
    tokens = torch.tensor(ids, dtype=torch.long)
    owners = torch.tensor(sent_ids, dtype=torch.long)
    freq = torch.tensor([counts[w] for w in words], dtype=torch.double)
    keep_p = torch.clamp(torch.sqrt(sample * freq.sum() / freq), max=1.0)
    noise = freq ** 0.75
    noise /= noise.sum()

    size = len(words)
    centre = torch.nn.Embedding(size, dim, sparse=True)
    context = torch.nn.Embedding(size, dim, sparse=True)
    with torch.no_grad():
        centre.weight.uniform_(-0.5 / dim, 0.5 / dim, generator=gen)
        context.weight.zero_()
    opt = torch.optim.SparseAdam(list(centre.parameters()) + list(context.parameters()), lr=lr)
    logsig = torch.nn.functional.logsigmoid
    for epoch in range(epochs):
        started = time.time()
        kept = torch.rand(len(tokens), generator=gen, dtype=torch.double) < keep_p[tokens]
        toks, own = tokens[kept], owners[kept]
        reach = torch.randint(1, window + 1, (len(toks),), generator=gen)
        lefts, rights = [], []
        for d in range(1, window + 1):
            same = (own[d:] == own[:-d]) & (reach[:-d] >= d)  # the word d places on, within reach
            pos = torch.nonzero(same).squeeze(1)
            lefts += [toks[pos], toks[pos + d]]
            rights += [toks[pos + d], toks[pos]]
        a, b = torch.cat(lefts), torch.cat(rights)
        order = torch.randperm(len(a), generator=gen)
        a, b = a[order], b[order]
        total, steps = 0.0, 0
        for i in range(0, len(a), batch):
            u = centre(a[i:i + batch])
            v = context(b[i:i + batch])
            n = context(torch.multinomial(noise, len(u) * negative, replacement=True, generator=gen)
                        .view(len(u), negative))
            loss = -(logsig((u * v).sum(1)) + logsig(-(n @ u.unsqueeze(2)).squeeze(2)).sum(1)).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach())
            steps += 1
        log.info("skip-gram epoch %d: %d pairs, loss %.4f, %.0f s", epoch + 1, len(a), total / max(steps, 1),
                 time.time() - started)
    weight = centre.weight.detach().double()
    return {w: weight[i].tolist() for i, w in enumerate(words)}


def standardise(vectors: dict[str, list[float]]) -> dict[str, list[float]]:
    """The vectors shifted and scaled to mean 0 and standard deviation 1 over all their numbers, the scale
    of a freshly initialised ``torch.nn.Embedding``."""
    values = [x for v in vectors.values() for x in v]
    if not values:
        return {}
    mean = sum(values) / len(values)
    std = math.sqrt(sum((x - mean) ** 2 for x in values) / len(values)) or 1.0
    return {w: [(x - mean) / std for x in v] for w, v in vectors.items()}
