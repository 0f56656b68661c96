"""Train a tagger model file further, keeping its vocabulary and its shape (training tool).

stanza's tagger trainer always builds a fresh network, with a vocabulary numbered afresh from the training
file by frequency. This tool makes it start from the weights in MODEL instead and read the training and
dev files through MODEL's vocabulary (so ids mean what the network learned, and a file with other word or
feature frequencies, such as one treebank of the two the tagger learned from, changes nothing in the
numbering). The network's sizes and inputs come from MODEL whatever the command line says; the rest
(learning rate, steps, files, where to save) from the command line. Then it runs stanza's tagger
trainer, which keeps the best dev score's model as usual::

    python -m training.tagger_continue MODEL.pt --mode train --train_file ... (stanza tagger arguments)

:mod:`training.stanza_models` runs it for ``--continue-tagger``; it is a tool, not part of the engine's flow.
"""

from __future__ import annotations

import sys
from typing import Any

from .parser_continue import is_shape as is_parser_shape

TAGGER_SHAPE = {"share_hid", "tag_columns", "char_bidirectional", "char_lowercase", "charlm", "bert_model"}
"""Tagger configuration keys beyond the parser's (:func:`training.parser_continue.is_shape`) that decide the
network's shape."""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0].startswith("-"):
        raise SystemExit("usage: python -m training.tagger_continue MODEL.pt STANZA-TAGGER-ARGUMENTS...")
    model, rest = args[0], args[1:]

    import torch
    from stanza.models import tagger

    checkpoint = torch.load(model, map_location="cpu", weights_only=False)
    read_with_vocabulary(checkpoint)
    fresh = tagger.Trainer

    def from_model(args: dict[str, Any] | None = None, vocab: Any = None, pretrain: Any = None,
                   model_file: str | None = None, device: Any = None, foundation_cache: Any = None) -> Any:
        # train() builds its network with no model file: start it from MODEL, with MODEL's shape
        settings = {k: v for k, v in (args or {}).items() if not is_shape(k)}
        return fresh(args=settings, pretrain=pretrain, model_file=model_file or model, device=device,
                     foundation_cache=foundation_cache)

    tagger.Trainer = from_model  # type: ignore[assignment,misc]
    tagger.main(rest)
    return 0


def read_with_vocabulary(checkpoint: dict) -> None:  # type: ignore[type-arg]
    """Make stanza's tagger data loader map every file through the vocabulary of ``checkpoint`` (a loaded
    tagger model) instead of one built from the file."""
    from stanza.models.pos import data
    from stanza.models.pos.vocab import MultiVocab

    vocab = MultiVocab.load_state_dict(checkpoint["vocab"])
    data.Dataset.init_vocab = staticmethod(lambda docs, args, tag_columns=None: vocab)  # type: ignore[method-assign]


def is_shape(key: str) -> bool:
    """Whether a tagger configuration key decides the network's shape."""
    return is_parser_shape(key) or key in TAGGER_SHAPE


if __name__ == "__main__":
    raise SystemExit(main())
