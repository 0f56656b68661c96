"""Write the role trainer's word vectors as stanza's pretrained-embedding file for the tagger (training tool).

``python -m training.roles_training ... --vectors N`` learns skip-gram vectors (:mod:`training.skipgram`) from
text without labels and keeps them in ``WORK/vectors-*.pkl``. This tool writes them in the format stanza's
tagger reads with ``--wordvec_pretrain_file`` (its ``Pretrain`` file: a vocabulary and a matrix)::

    python -m training.tagger_vectors build/rva1/vectors-all-15.pkl build/training/saved/pos/pretrain.pt

stanza looks a word up lowercased; the vectors' words are lowercased with every digit written 0 (the role
tagger's word feature), so numbers other than those written with zeros get no vector (the tagger's own
word and character embeddings still see them). :mod:`training.stanza_models` runs it for ``--tagger-vectors``;
it is a tool, not part of the engine's flow.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .roles_training import read_vectors_file


def read_vectors(path: Path) -> dict[str, list[float]]:
    """The word vectors in a role trainer's cache file, either format (with or without the text's digest)."""
    vectors, _ = read_vectors_file(path)
    if not vectors:
        raise SystemExit(f"{path}: no word vectors in it")
    return vectors


def write_pretrain(vectors: dict[str, list[float]], target: Path) -> int:
    """Write ``vectors`` to ``target`` as a stanza pretrain file; the number of words written. A word with
    white space in it cannot be looked up by stanza and is left out."""
    from stanza.models.common.pretrain import Pretrain

    rows = [(w, v) for w, v in vectors.items() if w and not any(c.isspace() for c in w)]
    if not rows:
        raise SystemExit(f"no word without white space in it to write to {target}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)  # stanza reads an existing file instead of writing a new one
    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "vectors.txt"
        with open(text, "w", encoding="utf-8") as fh:
            fh.write(f"{len(rows)} {len(rows[0][1])}\n")
            for word, vector in rows:
                fh.write(word + " " + " ".join(f"{x:.6g}" for x in vector) + "\n")
        Pretrain(str(target), str(text), max_vocab=-1).load()
    if not target.is_file():
        raise SystemExit(f"stanza wrote no pretrain file at {target}")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2 or args[0].startswith("-"):
        raise SystemExit("usage: python -m training.tagger_vectors VECTORS.pkl PRETRAIN.pt")
    n = write_pretrain(read_vectors(Path(args[0])), Path(args[1]))
    print(f"{n} words -> {args[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
