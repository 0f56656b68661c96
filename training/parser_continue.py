"""Train a parser model file further on new data, keeping the vocabulary it was trained with (training tool).

stanza's parser, given ``--continue_from MODEL``, loads the network with the vocabulary stored in MODEL but
maps the training data through a vocabulary built afresh from that data. Tag and feature vocabularies are
ordered by frequency, so data labelled by a different tagger (or a feature value the old data never had)
gets other ids than the network learned: an "index out of range" in the feature embeddings at best, silently
wrong inputs at worst. This tool makes the data loader use MODEL's vocabulary instead, which is also what
the engine does at run time (values the vocabulary lacks become the unknown id). It also keeps the
network's shape (sizes, layers, inputs) from MODEL whatever the command line says, since stanza would
otherwise build a network of its default sizes around the weights. Then it runs stanza's parser trainer::

    python -m training.parser_continue MODEL.pt --mode train --train_file ... (stanza parser arguments)

:mod:`training.stanza_models` runs it for ``--continue-parser``; it is a tool, not part of the engine's flow.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0].startswith("-"):
        raise SystemExit("usage: python -m training.parser_continue MODEL.pt STANZA-PARSER-ARGUMENTS...")
    model, rest = args[0], args[1:]

    import torch
    from stanza.models import parser

    checkpoint = torch.load(model, map_location="cpu", weights_only=False)
    config = checkpoint.get("config", {})
    read_with_vocabulary(checkpoint)

    # stanza lays every command-line value over the model's configuration, defaults too, so a size left off
    # the command line would build a network of another shape than the weights: the model's shape wins
    parse_args = parser.parse_args

    def model_shaped(args: list[str] | None = None) -> dict:  # type: ignore[type-arg]
        parsed = parse_args(args)
        for key, value in config.items():
            if key in parsed and is_shape(key):
                parsed[key] = value
        return parsed

    parser.parse_args = model_shaped  # type: ignore[assignment]
    parser.main(["--continue_from", model, *rest])
    return 0


def read_with_vocabulary(checkpoint: dict) -> None:  # type: ignore[type-arg]
    """Make stanza's parser data loader map every file through the vocabulary of ``checkpoint`` (a loaded
    parser model) instead of one built from the file."""
    from stanza.models.depparse import data
    from stanza.models.pos.vocab import MultiVocab

    vocab = MultiVocab.load_state_dict(checkpoint["vocab"])
    data.Dataset.init_vocab = lambda self, _data: vocab  # type: ignore[method-assign]


SHAPE_FLAGS = {"char", "pretrain", "use_upos", "use_xpos", "use_ufeats", "use_lemma", "linearization", "distance",
               "model_type", "use_arc_embedding"}


def is_shape(key: str) -> bool:
    """Whether a configuration key decides the network's shape (sizes, layers, which inputs it embeds)."""
    return key.endswith(("_dim", "_layers")) or key in SHAPE_FLAGS


if __name__ == "__main__":
    raise SystemExit(main())
