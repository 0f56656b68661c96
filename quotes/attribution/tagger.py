"""The learned role tagger: per-word features, the BiLSTM(-CRF) network and its loader, decoding Source/Cue/Content labels."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ..cache import Store
from ..cache import key as cache_key
from ..errors import ModelsNotFoundError
from ..marks import Quotation
from ..memory import release
from ..parallel import interleaved
from ..parse import SHIPPED_MODELS, Document, Sentence, Word

ROLES = ("Source", "Cue", "Content")


LABELS = ("O",) + tuple(f"{p}-{r}" for r in ROLES for p in ("B", "I"))


_LABEL_SET = frozenset(LABELS)


MODEL_FILE = SHIPPED_MODELS / "roles.pt"


MAX_SEGMENT = 200
"""Longest run of words tagged at once; a longer paragraph is cut at sentence ends."""


TAG_CHUNK = 64
"""Segments the tagger runs in one batch."""


FEATURES = ("word", "suffix", "shape", "upos", "xpos", "cue", "quote", "start")


@attrs.frozen
class Segment:
    """A paragraph (or a piece of a long one): the words tagged together, with their features."""

    words: tuple[Word, ...]
    features: tuple[tuple[str, ...], ...]
    """Per word, one string per name in :data:`FEATURES`."""


def _shape(text: str) -> str:
    if not text:
        return "empty"
    if text[0] in "\"'“”‘’«»„‚‹›":
        return "mark"
    if not any(c.isalnum() for c in text):
        return "punct"
    if any(c.isdigit() for c in text):
        return "digit"
    if text.isupper():
        return "upper" if len(text) > 1 else "initial"
    if text[0].isupper():
        return "title"
    return "lower"


def _quote_states(text: str, quotations: Sequence[Quotation]) -> tuple[bytearray, bytearray]:
    """Per character: inside a quotation's words (1 closed, 2 unclosed), and whether it is a mark."""
    inside = bytearray(len(text))
    mark = bytearray(len(text))
    for q in quotations:
        if q.depth != 0:
            continue
        for piece in q.pieces:
            inside[piece.start:piece.end] = bytes([1 if q.closed else 2]) * (piece.end - piece.start)
        for pos in (q.span.start, q.span.end - 1):
            if 0 <= pos < len(text) and text[pos] in "\"'“”‘’«»„‚‹›":
                mark[pos] = 1
    return inside, mark


def _cue_feature(lexicon: Any, word: Word, cache: dict[str, str]) -> str:
    key = (word.lemma or word.text).lower()
    if key not in cache:
        cue = lexicon.cue(key) if lexicon is not None else None
        if cue is None and word.text.lower() != key:
            cue = lexicon.cue(word.text.lower()) if lexicon is not None else None
        cache[key] = "none" if cue is None else f"{cue.pos}:{cue.cls}"
    return cache[key]


def segments(doc: Document, quotations: Sequence[Quotation], *, lexicon: Any) -> list[Segment]:
    """The document's paragraphs as segments of at most :data:`MAX_SEGMENT` words, with features."""
    text = doc.text
    inside, mark = _quote_states(text, quotations)
    cache: dict[str, str] = {}
    groups: list[list[Sentence]] = []
    for sent in doc.sentences:
        if groups:
            prev = groups[-1][-1]
            same_paragraph = "\n" not in text[prev.end:sent.start]
            size = sum(len(s.words) for s in groups[-1])
            if same_paragraph and size + len(sent.words) <= MAX_SEGMENT:
                groups[-1].append(sent)
                continue
        groups.append([sent])
    out = []
    # one tuple for each distinct set of features: a long article's words repeat them (a 4 MB article's own
    # tuples and strings were some 200 MB at once)
    pool: dict[tuple[str, ...], tuple[str, ...]] = {}
    for group in groups:
        words: list[Word] = []
        feats: list[tuple[str, ...]] = []
        for sent in group:
            for w in sent.words[:MAX_SEGMENT]:
                low = re.sub(r"\d", "0", w.text.lower())
                q = "mark" if mark[w.start] or (w.end - 1 < len(mark) and mark[w.end - 1] and len(w.text) == 1) else (
                    "in" if inside[w.start] == 1 else "open" if inside[w.start] == 2 else "out")
                feat = (low, low[-3:], _shape(w.text), w.upos, w.xpos or w.upos,
                        _cue_feature(lexicon, w, cache), q, "1" if w.index == 0 else "0")
                feats.append(pool.setdefault(feat, feat))
                words.append(w)
        out.append(Segment(tuple(words), tuple(feats)))
    return out


def labels_to_spans(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(role, first word, one past the last word)`` for each labelled run, in order."""
    spans: list[tuple[str, int, int]] = []
    for i, label in enumerate(labels):
        if label == "O":
            continue
        prefix, role = label.split("-", 1)
        if prefix == "I" and spans and spans[-1][0] == role and spans[-1][2] == i:
            spans[-1] = (role, spans[-1][1], i + 1)
        else:
            spans.append((role, i, i + 1))
    return spans


def _allowed(prev: str, cur: str) -> bool:
    if cur.startswith("I-"):
        return prev != "O" and prev[2:] == cur[2:]
    return True


@attrs.frozen
class RoleModel:
    """The trained tagger and its vocabularies (feature value -> index; 0 is unknown): one network, or
    several trained alike from different seeds whose label scores are averaged (an ensemble)."""

    vocabs: dict[str, dict[str, int]]
    config: dict[str, int]
    networks: tuple[Any, ...]
    source: str
    fingerprint: str = ""
    """A hash of the model file's contents: part of the key its labels are cached under on disk."""

    @classmethod
    def load(cls, path: str | Path, *, int8: bool = True) -> RoleModel:
        """The networks of a model file; with ``int8`` (the default) their LSTM and linear layers run with
        8-bit weights (dynamic quantization: about twice as fast on a CPU, labels as good: docs/models.md)."""
        import hashlib

        import torch

        fingerprint = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        blob = torch.load(str(path), map_location="cpu", weights_only=True)
        states = blob["states"] if "states" in blob else [blob["state"]]
        shared = {GLOVE: blob[GLOVE]} if GLOVE in blob else {}  # a frozen table, once for all networks
        vocabs, config = blob["vocabs"], blob["config"]
        built = [_network(vocabs, config, {**state, **shared}, int8=int8) for state in states]
        del blob, states, shared
        release()  # the file's half-precision weights, and quantizing copied each network: hand it back (~35 MB)
        if any(quantized for _, quantized in built):  # its labels may differ from full precision's: cached apart
            fingerprint = f"{fingerprint}:int8"
        return cls(vocabs, config, tuple(net for net, _ in built), str(path), fingerprint)

    def encode(self, segment: Segment) -> list[list[Any]]:
        """Feature indices per feature name, per word (see :func:`encode_features`)."""
        return encode_features(self.vocabs, segment.features)

    def scores(self, segments: Sequence[Segment]) -> tuple[Any, list[int]]:
        """Label scores ``(segments, words, labels)`` for non-empty segments, and their lengths in words."""
        inputs, lengths, chars = pad_batch([self.encode(s) for s in segments])
        scores = ensemble_scores(self.networks, inputs, lengths, chars)
        scores[:, :, 0] -= self.config.get("o_bias", 0) / 100  # tuned on held-out train: favour recall
        return scores, lengths.tolist()

    def tag(self, batch: Sequence[Segment], *, store: Store | None = None,
            documents: Sequence[int] | None = None) -> list[list[str]]:
        """The best label sequence for each segment (no ``I-`` without its ``B-``).

        ``documents`` gives each segment's article (any number per article; all one article when it is
        None). A chunk of the batch never mixes articles: a network's scores move in the last float digits
        with the other rows of its batch, and a borderline word could flip, so an article's labels are
        the same whichever articles it is tagged with, in whatever order. Within an article, segments run
        longest first in chunks of ``TAG_CHUNK``. Chunks are shared out among threads
        (:func:`quotes.parallel.interleaved`); each chunk's labels are the same whichever thread runs it.
        With a disk cache ``store`` (the parser's: see :class:`quotes.parse.Parser`), labels are kept there,
        keyed by this model file's hash, the segment's features and its article's (so a paragraph that two
        articles share is not given the labels its batch mates in the other one led to)."""
        import torch

        out: list[list[str]] = [[] for _ in batch]
        doc_of = list(documents) if documents is not None else [0] * len(batch)
        if len(doc_of) != len(batch):
            raise ValueError(f"documents gives {len(doc_of)} articles for {len(batch)} segments")
        wanted = [i for i, s in enumerate(batch) if s.words]
        store = store if store is not None and store.active and wanted and self.fingerprint else None
        keys: dict[int, str] = {}
        if store is not None:  # labels kept on disk with the parses (see quotes.parse.Parser)
            members: dict[int, list[int]] = {}
            for i in wanted:
                members.setdefault(doc_of[i], []).append(i)
            context = {d: cache_key(*(json.dumps(batch[i].features) for i in rows)) for d, rows in members.items()}
            keys = {i: cache_key(self.fingerprint, "roles", context[doc_of[i]], json.dumps(batch[i].features))
                    for i in wanted}
            stored = store.get_many(list(dict.fromkeys(keys.values())))
            for i in wanted:
                kept = _decode_labels_entry(stored.get(keys[i]), len(batch[i].words))
                if kept is not None:
                    out[i] = kept
            wanted = [i for i in wanted if not out[i]]
        order = sorted(wanted, key=lambda i: (doc_of[i], -len(batch[i].words), i))
        chunks: list[list[int]] = []
        for i in order:
            if not chunks or len(chunks[-1]) == TAG_CHUNK or doc_of[chunks[-1][0]] != doc_of[i]:
                chunks.append([])
            chunks[-1].append(i)

        moves = ensemble_transitions(self.networks) if order else None

        def run(part: list[list[int]]) -> list[list[list[str]]]:
            done = []
            with torch.no_grad():
                for chunk in part:
                    scores, lengths = self.scores([batch[i] for i in chunk])
                    done.append(decode_batch(scores, lengths, moves))
            return done

        for chunk, labels in zip(chunks, interleaved(run, chunks, min_items=1)):  # a chunk is work enough
            for i, seq in zip(chunk, labels):
                out[i] = seq
        if store is not None:
            store.put_many((keys[i], json.dumps(out[i])) for i in order)
        return out


def _decode_labels_entry(value: str | None, n: int) -> list[str] | None:
    """Cached labels for a segment of ``n`` words, or None (absent or damaged: a miss)."""
    if value is None:
        return None
    try:
        labels = json.loads(value)
    except ValueError:
        return None
    if not isinstance(labels, list) or len(labels) != n or any(label not in _LABEL_SET for label in labels):
        return None
    if not all(_allowed(prev, cur) for prev, cur in zip(["O", *labels], labels)):
        return None
    return labels


def encode_features(vocabs: dict[str, dict[str, int]], features: Sequence[Sequence[str]]) -> list[list[Any]]:
    """Feature indices (0: unknown) per feature name, per word; with a frozen pretrained table (a model
    trained with ``glove``), one more row of indices: each word's row in that table, looked up by the word
    feature (0: none); with a character vocabulary (a model trained with ``chars``), one more row after
    those: per word, the indices of the first :data:`WORD_CHARS` characters of its lowercased form."""
    rows: list[list[Any]] = [[vocabs[name].get(f[k], 0) for f in features] for k, name in enumerate(FEATURES)]
    if GLOVE in vocabs:
        table = vocabs[GLOVE]
        rows.append([table.get(f[0], 0) for f in features])
    if "char" in vocabs:
        table = vocabs["char"]
        rows.append([[table.get(c, 0) for c in f[0][:WORD_CHARS]] or [0] for f in features])
    return rows


def ensemble_scores(networks: Sequence[Any], inputs: Any, lengths: Any, chars: Any = None) -> Any:
    """Per-word label scores, averaged over the networks: log-probabilities, or for networks with a
    transition layer (:func:`ensemble_transitions`) their per-word (emission) scores."""
    total: Any = None
    for net in networks:
        scores = net(inputs, lengths, chars)
        if not net.crf:
            scores = scores.log_softmax(-1)
        total = scores if total is None else total + scores
    return total / len(networks)


def ensemble_transitions(networks: Sequence[Any]) -> tuple[list[float], list[list[float]]] | None:
    """The networks' learned start and label-to-label scores, averaged (None for networks without them)."""
    if not networks or not networks[0].crf:
        return None
    pairs = [net.moves() for net in networks]
    start = sum(p[0].detach() for p in pairs) / len(pairs)
    moves = sum(p[1].detach() for p in pairs) / len(pairs)
    return start.tolist(), moves.tolist()


def _index_rows(encoded: list[list[list[Any]]]) -> int:
    """How many leading rows of encoded segments are rows of indices (one per word): the features', and
    the frozen table's when there is one; a character row after them has a list per word."""
    rows = len(FEATURES)
    if encoded and len(encoded[0]) > rows:
        extra = next((e[rows] for e in encoded if e[rows]), [])
        if extra and not isinstance(extra[0], (list, tuple)):
            rows += 1
    return rows


def pad_batch(encoded: list[list[list[Any]]]):
    """Encoded segments as one ``(features, segments, words)`` index tensor, zero-padded (with a frozen
    pretrained table, one more row in front of ``segments``: each word's row in it), their lengths,
    and the character rows (None when there are none): each distinct spelling once, as a ``(spellings,
    characters)`` tensor zero-padded to the batch's longest word, with a ``(segments, words)`` tensor of
    which spelling each word has (padding words: the empty spelling). A batch repeats most of its words,
    and each network of an ensemble reads the same rows."""
    import torch

    n_rows = _index_rows(encoded)
    lengths = torch.tensor([len(e[0]) for e in encoded])
    width = int(lengths.max())
    inputs = torch.zeros((n_rows, len(encoded), width), dtype=torch.long)
    for b, e in enumerate(encoded):
        for k, row in enumerate(e[:n_rows]):
            inputs[k, b, :len(row)] = torch.tensor(row, dtype=torch.long)
    chars = None
    if encoded and len(encoded[0]) > n_rows:
        index: dict[tuple[int, ...], int] = {(): 0}
        where = torch.zeros((len(encoded), width), dtype=torch.long)
        for b, e in enumerate(encoded):
            where[b, :len(e[0])] = torch.tensor([index.setdefault(tuple(w), len(index)) for w in e[n_rows]],
                                                dtype=torch.long)
        longest = max(1, max(len(w) for w in index))
        chars = (torch.tensor([[*w, *[0] * (longest - len(w))] for w in index], dtype=torch.long), where)
    return inputs, lengths, chars


def decode_labels(scores: list[list[float]],
                  transitions: tuple[list[float], list[list[float]]] | None = None) -> list[str]:
    """The best label sequence for per-word label scores (Viterbi; an I- label only after its B- or I-),
    with learned start and label-to-label scores when the model has them."""
    k = len(LABELS)
    start, moves = transitions if transitions is not None else ([0.0] * k, None)
    best = [scores[0][j] + start[j] if not LABELS[j].startswith("I-") else -1e9 for j in range(k)]
    back: list[list[int]] = []
    for row_scores in scores[1:]:
        row, ptr = [], []
        for j in range(k):
            if moves is None:
                p = max(_PREVIOUS[j], key=best.__getitem__)
                row.append(best[p] + row_scores[j])
            else:
                p = max(_PREVIOUS[j], key=lambda q: best[q] + moves[q][j])
                row.append(best[p] + moves[p][j] + row_scores[j])
            ptr.append(p)
        best = row
        back.append(ptr)
    j = max(range(k), key=best.__getitem__)
    path = [j]
    for ptr in reversed(back):
        j = ptr[j]
        path.append(j)
    return [LABELS[j] for j in reversed(path)]


_PREVIOUS = [[p for p in reversed(range(len(LABELS))) if _allowed(LABELS[p], LABELS[j])] for j in range(len(LABELS))]
"""For each label, the labels allowed just before it (the later label first: it wins a tie)."""


def decode_batch(scores: Any, lengths: Sequence[int],
                 transitions: tuple[list[float], list[list[float]]] | None = None) -> list[list[str]]:
    """:func:`decode_labels` for a whole batch at once: ``scores`` is a ``(segments, words, labels)`` tensor,
    ``lengths`` the words of each segment. The same sums in the same order in double precision, and the
    same tie-breaking (the later predecessor, then the first final label), so the labels are those
    :func:`decode_labels` gives segment by segment; the recursion runs over positions, not over labels."""
    import torch

    k = len(LABELS)
    n_seq, width = int(scores.shape[0]), int(scores.shape[1])
    if n_seq == 0 or width == 0:
        return [[] for _ in range(n_seq)]
    s = scores.detach().to(torch.float64)
    start = torch.tensor(transitions[0] if transitions is not None else [0.0] * k, dtype=torch.float64)
    moves = (torch.tensor(transitions[1], dtype=torch.float64) if transitions is not None
             else torch.zeros((k, k), dtype=torch.float64))
    allowed = torch.tensor([[p in _PREVIOUS[j] for j in range(k)] for p in range(k)])
    moves = moves.masked_fill(~allowed, float("-inf")).flip(0)  # predecessors in reverse: a tie goes to the later
    inside = torch.tensor([lab.startswith("I-") for lab in LABELS])
    best = torch.where(inside, torch.tensor(-1e9, dtype=torch.float64), s[:, 0] + start)
    n = torch.tensor(list(lengths))
    back = []
    for t in range(1, width):
        cand = best.flip(1).unsqueeze(2) + moves  # (segments, predecessor reversed, label)
        top, arg = cand.max(dim=1)
        back.append(k - 1 - arg)
        best = torch.where((t < n).unsqueeze(1), top + s[:, t], best)
    last = best.argmax(dim=1).tolist()
    pointers = torch.stack(back).tolist() if back else []
    out = []
    for b, length in enumerate(lengths):
        j = last[b]
        path = [j]
        for t in range(length - 2, -1, -1):
            j = pointers[t][b][j]
            path.append(j)
        out.append([LABELS[j] for j in reversed(path)] if length else [])
    return out


EMBEDDING_SIZES = {"word": 100, "suffix": 32, "shape": 8, "upos": 16, "xpos": 16, "cue": 12, "quote": 8, "start": 4}


WORD_CHARS = 20
"""Characters of a word the character layer reads (a model trained with ``chars``)."""


CHAR_SIZE = 24
"""Width of a character embedding."""


GLOVE = "glove"
"""The vocabulary (word feature -> row) and the state entry of a frozen pretrained word table, in a model
trained with one (``config["glove"]``: its width). Its rows are never trained; row 0 (words it lacks) is
zeros. An exported file holds the table once, beside the networks' states (``training.roles_training``)."""


def _forbidden() -> list[list[bool]]:
    return [[not _allowed(LABELS[p], LABELS[j]) for j in range(len(LABELS))] for p in range(len(LABELS))]


def build_network(vocabs: dict[str, dict[str, int]], config: dict[str, int]):
    """The BiLSTM tagger: one embedding per feature, concatenated, two BiLSTM layers, a linear layer.

    ``config["chars"]`` (filters) adds a character convolution over each word's first characters
    (max-pooled) to the embeddings; ``config["glove"]`` (a width) a frozen pretrained word table
    (:data:`GLOVE`: a buffer, not a parameter, so no optimiser moves it); ``config["crf"]`` adds learned
    start and label-to-label scores, trained as a linear-chain CRF (``training.roles_training.crf_loss``) and used by :func:`decode_labels`. Transitions the
    labels forbid (an I- without its B-) are fixed at -10,000."""
    import torch
    from torch import nn

    filters = int(config.get("chars", 0))
    glove = int(config.get(GLOVE, 0))
    crf = bool(config.get("crf", 0))

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.crf = crf
            self.embeddings = nn.ModuleList(
                nn.Embedding(len(vocabs[name]) + 1, EMBEDDING_SIZES[name], padding_idx=None) for name in FEATURES)
            width = sum(EMBEDDING_SIZES[name] for name in FEATURES)
            if glove:
                self.register_buffer(GLOVE, torch.zeros((len(vocabs[GLOVE]) + 1, glove)))
                width += glove
            if filters:
                self.char_embedding = nn.Embedding(len(vocabs["char"]) + 1, CHAR_SIZE, padding_idx=0)
                self.char_conv = nn.Conv1d(CHAR_SIZE, filters, kernel_size=3, padding=1)
                width += filters
            self.dropout = nn.Dropout(config.get("dropout", 30) / 100)
            self.lstm = nn.LSTM(width, config["hidden"], num_layers=config["layers"], bidirectional=True,
                                batch_first=True, dropout=config.get("dropout", 30) / 100)
            self.out = nn.Linear(2 * config["hidden"], len(LABELS))
            if crf:
                self.start = nn.Parameter(torch.zeros(len(LABELS)))
                self.transitions = nn.Parameter(torch.zeros(len(LABELS), len(LABELS)))
                self.register_buffer("forbidden", torch.tensor(_forbidden()), persistent=False)
                self.register_buffer("forbidden_start", torch.tensor([lab.startswith("I-") for lab in LABELS]),
                                     persistent=False)
                with torch.no_grad():
                    self.transitions.masked_fill_(self.forbidden, -1e4)  # type: ignore[arg-type]  # a registered buffer
                    self.start.masked_fill_(self.forbidden_start, -1e4)  # type: ignore[arg-type]

        def forward(self, inputs, lengths, chars=None):
            parts = [emb(inputs[k]) for k, emb in enumerate(self.embeddings)]
            if glove:  # looked up, never trained
                parts.append(nn.functional.embedding(inputs[len(FEATURES)], getattr(self, GLOVE)))
            if filters:  # each distinct spelling once (see pad_batch)
                spellings, where = chars
                x = self.char_embedding(spellings).transpose(1, 2)
                parts.append(self.char_conv(x).max(dim=2).values[where])
            x = self.dropout(torch.cat(parts, dim=-1))
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            y, _ = self.lstm(packed)
            y, _ = nn.utils.rnn.pad_packed_sequence(y, batch_first=True, total_length=inputs.shape[2])
            return self.out(self.dropout(y))

        def moves(self):
            """Start and transition scores with the forbidden ones held at -10,000 (also while training)."""
            return (self.start.masked_fill(self.forbidden_start, -1e4),
                    self.transitions.masked_fill(self.forbidden, -1e4))

    return Network()


def _network(vocabs: dict[str, dict[str, int]], config: dict[str, int], state: dict[str, Any], *,
             int8: bool) -> tuple[Any, bool]:
    """A network of a model file for running, and whether it runs with 8-bit weights (:func:`_int8`)."""
    net = build_network(vocabs, config)
    net.load_state_dict({k: v.float() for k, v in state.items()})
    net.eval()
    if not int8:
        return net, False
    quantized = _int8(net)
    return quantized, quantized is not net


def _int8(net: Any) -> Any:
    """The network with 8-bit weights in its LSTM and linear layers (dynamic quantization), or as it is where
    this torch cannot quantize (a build without a quantized engine, or a release that has dropped it)."""
    import warnings

    import torch

    try:
        with warnings.catch_warnings():  # torch announces its own quantized tensors' deprecation on each layer
            warnings.simplefilter("ignore")
            return torch.ao.quantization.quantize_dynamic(net, {torch.nn.LSTM, torch.nn.Linear}, dtype=torch.qint8)
    except (AttributeError, RuntimeError, NotImplementedError):
        return net


def load_role_model(path: str | os.PathLike[str] | None = None, *, int8: bool = True) -> RoleModel | None:
    """The shipped role tagger (or the one at ``path``, else at ``QUOTES_ROLE_MODEL`` where that is set), loaded
    anew; None when none is shipped (ModelsNotFoundError when the file asked for is missing). An
    :class:`quotes.engine.Engine` loads it once and keeps it. ``int8=False`` keeps the networks' weights in
    full precision (the scores then match training's exactly; the best label differs on about 1 word in 200)."""
    chosen = path or os.environ.get("QUOTES_ROLE_MODEL") or None
    where = Path(chosen) if chosen else MODEL_FILE
    if not where.is_file():
        if chosen:
            fix = ("pass a file that training.roles_training exported, or None for the shipped one" if path else
                   "set QUOTES_ROLE_MODEL to a file that training.roles_training exported, or unset it for the shipped one")
            raise ModelsNotFoundError(f"no role tagger file at {where} ({'path' if path else 'QUOTES_ROLE_MODEL'}): {fix}")
        return None
    return RoleModel.load(where, int8=int8)
