"""Fine-tune the accurate role tagger (:mod:`quotes.attribution.accurate`) from MiniLM on PolNeAR train.

    python -m training.roles_transformer --encoder auto                       # train (resumable) + export
    python -m training.roles_transformer --encoder auto --epochs 3 --threads 2
    python -m training.roles_transformer --only export --tune-bias             # ship the best so far

It reads the rows ``python -m training.roles_training`` prepared (``--rows``, by default
``build/roles/train.pkl``: each paragraph's word features and gold labels from PolNeAR train), holds out
the same tenth of the articles for choosing the checkpoint (PolNeAR dev is left for
``bench/polnear.py``), and trains the encoder's layers (the word-piece table stays as pretrained and is
not shipped), the feature embeddings, the output layer and the CRF, with AdamW (the encoder at ``--lr``,
the rest at ``--head-lr``), a linear warm-up and decay. A checkpoint (``WORK/last.pt``) is written every
``--save-every`` seconds and at each epoch's end, with the batch order and random streams, so a stopped run
goes on mid-epoch where it was. The held-out tenth is scored at each epoch's end (and every
``--eval-every`` batches); the best is ``WORK/best.pt``. ``export`` writes half-precision weights to
``quotes/models/roles-accurate.pt`` (or ``--out``).

A tool, not part of the engine: the engine only loads the exported file.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import random
import time
from pathlib import Path

from quotes.attribution.accurate import (
    ACCURATE_MODEL_FILE,
    FEATURE_SIZES,
    MAX_PIECES,
    Encoding,
    build_accurate_network,
    embeddings_key,
    encoder_folder,
)
from quotes.attribution.tagger import FEATURES, LABELS, decode_batch

from .roles_training import crf_loss, held_out, span_scores

log = logging.getLogger("training.roles_transformer")


def feature_vocabs(rows) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    vocabs: dict[str, dict[str, int]] = {}
    for name in FEATURE_SIZES:
        k = FEATURES.index(name)
        values = sorted({f[k] for _, feats, _ in rows for f in feats})
        vocabs[name] = {v: i + 1 for i, v in enumerate(values)}
    return vocabs


def windows_of(enc: Encoding, rows):  # type: ignore[no-untyped-def]
    """(features, label indices, pieces) per window of at most MAX_PIECES word pieces."""
    index = {lab: i for i, lab in enumerate(LABELS)}
    out = []
    for _, feats, labels in rows:
        if not feats:
            continue
        for a, b in enc.windows(feats):
            n = sum(len(enc.pieces(f[0])) for f in feats[a:b])
            out.append((feats[a:b], [index[x] for x in labels[a:b]], min(n, MAX_PIECES)))
    return out


def predict(net, enc: Encoding, windows, *, budget: int = 4000,  # type: ignore[no-untyped-def]
            biases: tuple[int, ...] = (0,)) -> list[list[str]] | dict[int, list[list[str]]]:
    """Labels of each window (with several ``biases``: per bias, the O score lowered by bias/100, as the
    engine does with ``config["o_bias"]``; the network runs once)."""
    import torch

    order = sorted(range(len(windows)), key=lambda i: windows[i][2])
    out: dict[int, list[list[str]]] = {b: [[] for _ in windows] for b in biases}
    moves = tuple(m.detach().tolist() for m in net.moves())
    net.eval()
    with torch.no_grad():
        i = 0
        while i < len(order):
            j = i + 1
            while j < len(order) and (j - i + 1) * windows[order[j]][2] <= budget:
                j += 1
            chunk = order[i:j]
            pieces, mask, first, feats, lengths = enc.batch([windows[k][0] for k in chunk])
            scores = net(pieces, mask, first, feats)
            for b in biases:
                shifted = scores.clone()
                shifted[:, :, 0] -= b / 100
                for k, labels in zip(chunk, decode_batch(shifted, lengths, moves)):
                    out[b][k] = labels
            i = j
    return out[biases[0]] if len(biases) == 1 else out


def evaluate(net, enc: Encoding, windows) -> dict[str, float]:  # type: ignore[no-untyped-def]
    pred = predict(net, enc, windows)
    gold = [[LABELS[x] for x in w[1]] for w in windows]
    return span_scores(gold, pred)  # type: ignore[arg-type]


BIASES = (0, 25, 50, 75, 100, 150, 200)
"""O-score reductions (hundredths) tried on the held-out tenth at export (``--tune-bias``)."""


def best_bias(work: Path, args: argparse.Namespace) -> int:
    """The O-score reduction that gives the best mean exact F1 on the held-out tenth, for ``best.pt``."""
    import torch

    folder = encoder_folder() if args.encoder == "auto" else Path(args.encoder)
    blob = torch.load(str(work / "best.pt"), weights_only=False)
    with Path(args.rows).open("rb") as f:
        _, dev_rows = held_out(pickle.load(f))
    net = build_accurate_network(folder, blob["vocabs"], blob["config"])
    from safetensors.torch import load_file

    table = {k: v for k, v in load_file(str(folder / "model.safetensors")).items()
             if k.endswith("embeddings.word_embeddings.weight")}
    state = dict(blob["state"])
    state["encoder.embeddings.word_embeddings.weight"] = next(iter(table.values()))
    net.load_state_dict(state, strict=False)
    enc = Encoding(folder, blob["vocabs"])
    windows = windows_of(enc, dev_rows)
    gold = [[LABELS[x] for x in w[1]] for w in windows]
    preds = predict(net, enc, windows, biases=BIASES)
    assert isinstance(preds, dict)
    means = {}
    for b in BIASES:
        scores = span_scores(gold, preds[b])
        means[b] = sum(scores.values()) / 3
        log.info("O bias %.2f: held-out exact F1 Source %.1f Cue %.1f Content %.1f (mean %.2f)", b / 100,
                 scores["Source"], scores["Cue"], scores["Content"], means[b])
    return max(BIASES, key=lambda b: (means[b], -b))


def batches_of(windows, budget: int, rng: random.Random) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """Windows of similar length together, at most ``budget`` pieces (padded) per batch, in random order."""
    order = sorted(range(len(windows)), key=lambda i: windows[i][2] + rng.random() * 16)
    out: list[list[int]] = []
    for i in order:
        if out and (len(out[-1]) + 1) * windows[i][2] <= budget and len(out[-1]) < 32:
            out[-1].append(i)
        else:
            out.append([i])
    rng.shuffle(out)
    return out


def train(work: Path, args: argparse.Namespace) -> Path:
    import torch
    from safetensors.torch import load_file

    torch.set_num_threads(args.threads)
    folder = encoder_folder() if args.encoder == "auto" else Path(args.encoder)
    with Path(args.rows).open("rb") as f:
        rows = pickle.load(f)
    train_rows, dev_rows = held_out(rows)
    vocabs = feature_vocabs(train_rows)
    config = {"dropout": args.dropout}
    enc = Encoding(folder, vocabs)
    train_w, dev_w = windows_of(enc, train_rows), windows_of(enc, dev_rows)
    log.info("train: %d windows (%d words); held out: %d windows", len(train_w),
             sum(len(w[1]) for w in train_w), len(dev_w))
    torch.manual_seed(args.seed)
    net = build_accurate_network(folder, vocabs, config)
    pretrained = load_file(str(folder / "model.safetensors"))
    missing, unexpected = net.encoder.load_state_dict(pretrained, strict=False)
    log.info("encoder weights from %s (missing %s, unused %s)", folder, missing, unexpected)
    for name, p in net.named_parameters():
        if embeddings_key(name):
            p.requires_grad_(False)
    encoder_params = [p for n, p in net.named_parameters() if n.startswith("encoder.") and p.requires_grad]
    head_params = [p for n, p in net.named_parameters() if not n.startswith("encoder.")]
    opt = torch.optim.AdamW([{"params": encoder_params, "lr": args.lr},
                             {"params": head_params, "lr": args.head_lr}], weight_decay=0.01)
    base_lrs = [args.lr, args.head_lr]
    rng = random.Random(args.seed)
    per_epoch = len(batches_of(train_w, args.budget, random.Random(0)))
    total = per_epoch * args.epochs
    log.info("%d batches per epoch, %d steps in all", per_epoch, total)
    warmup = max(1, int(total * 0.05))
    step, epoch, position, best = 0, 0, 0, -1.0
    order: list[list[int]] | None = None
    last = work / "last.pt"
    if last.exists():
        state = torch.load(str(last), weights_only=False)
        net.load_state_dict(state["net"], strict=False)
        opt.load_state_dict(state["opt"])
        step, epoch, position, best, order = state["step"], state["epoch"], state["position"], state["best"], state["order"]
        rng.setstate(state["rng"])
        torch.set_rng_state(state["torch"])
        log.info("resumed at epoch %d, batch %d/%d (step %d; best held-out %.2f)", epoch + 1, position,
                 len(order or []), step, best)

    def save() -> None:
        kept = {k: v for k, v in net.state_dict().items() if not embeddings_key(k)}
        tmp = last.with_suffix(".tmp")
        torch.save({"net": kept, "opt": opt.state_dict(), "step": step, "epoch": epoch, "position": position,
                    "best": best, "order": order, "rng": rng.getstate(), "torch": torch.get_rng_state()}, str(tmp))
        tmp.replace(last)

    def keep_if_best(scores: dict[str, float]) -> None:
        nonlocal best
        mean = sum(scores.values()) / 3
        log.info("held-out exact F1 Source %.1f Cue %.1f Content %.1f (mean %.2f)", scores["Source"],
                 scores["Cue"], scores["Content"], mean)
        if mean > best:
            best = mean
            kept = {k: v for k, v in net.state_dict().items() if not embeddings_key(k)}
            torch.save({"vocabs": vocabs, "config": config, "state": kept, "dev": scores, "step": step},
                       str(work / "best.pt"))

    saved_at = time.time()
    while epoch < args.epochs:
        if order is None:
            order = batches_of(train_w, args.budget, rng)
            position = 0
        started, loss_sum, seen = time.time(), 0.0, 0
        net.train()
        while position < len(order):
            if args.max_steps and step >= args.max_steps:
                save()
                return work / "best.pt"
            b = order[position]
            scale = min(1.0, (step + 1) / warmup) if step < warmup else max(0.0, (total - step) / max(1, total - warmup))
            for group, lr in zip(opt.param_groups, base_lrs):
                group["lr"] = lr * scale
            pieces, mask, first, feats, lengths = enc.batch([train_w[i][0] for i in b])
            target = torch.full((len(b), first.shape[1]), -100, dtype=torch.long)
            for j, i in enumerate(b):
                target[j, :len(train_w[i][1])] = torch.tensor(train_w[i][1])
            scores = net(pieces, mask, first, feats)
            lens = torch.tensor(lengths)
            loss = crf_loss(net, scores, target, lens) / lens.sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            step += 1
            position += 1
            loss_sum += float(loss.detach())
            seen += int(lens.sum())
            if position % args.log_every == 0:
                log.info("epoch %d batch %d/%d: loss %.4f, %.0f words/s", epoch + 1, position, len(order),
                         loss_sum / args.log_every, seen / (time.time() - started))
                loss_sum = 0.0
            if time.time() - saved_at > args.save_every:
                save()
                saved_at = time.time()
            if args.eval_every and position % args.eval_every == 0 and position < len(order):
                keep_if_best(evaluate(net, enc, dev_w))
                net.train()
        epoch += 1
        order = None
        keep_if_best(evaluate(net, enc, dev_w))
        save()
    return work / "best.pt"


def export(work: Path, out: Path, *, o_bias: int = 0) -> Path:
    import torch

    blob = torch.load(str(work / "best.pt"), weights_only=False)
    state = {k: v.half() if v.is_floating_point() else v for k, v in blob["state"].items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    config = {**blob["config"], "o_bias": o_bias}
    torch.save({"vocabs": blob["vocabs"], "config": config, "state": state,
                "dev": blob["dev"], "step": blob["step"]}, str(out))
    log.info("exported %s (held-out %s, step %d): %.1f MB", out, blob["dev"], blob["step"],
             out.stat().st_size / 1e6)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--encoder", default="auto", help="the encoder's folder, or auto (the installed package)")
    parser.add_argument("--rows", default="build/roles/train.pkl", help="rows from training.roles_training prep")
    parser.add_argument("--work", type=Path, default=Path("build/roles-accurate"))
    parser.add_argument("--only", choices=("train", "export"))
    parser.add_argument("--out", type=Path, default=ACCURATE_MODEL_FILE)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--dropout", type=int, default=10, help="percent, on the output layer's input")
    parser.add_argument("--budget", type=int, default=2048, help="word pieces per batch, padding included")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save-every", type=float, default=600.0, help="seconds between checkpoints")
    parser.add_argument("--eval-every", type=int, default=0, help="also score the held-out tenth every N batches")
    parser.add_argument("--tune-bias", action="store_true",
                        help="at export, lower the O score by what scores best on the held-out tenth")
    parser.add_argument("--log-every", type=int, default=50, help="batches between progress lines")
    parser.add_argument("--max-steps", type=int, default=0, help="stop after N steps in all (a timing run)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args.work.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(args.work / "train.log")
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    logging.getLogger().addHandler(handler)
    try:
        if args.only != "export":
            train(args.work, args)
        if args.only != "train" and not args.max_steps:
            export(args.work, args.out, o_bias=best_bias(args.work, args) if args.tune_bias else 0)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
