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
    ENCODERS,
    FEATURE_SIZES,
    MAX_PIECES,
    Encoding,
    add_adapters,
    base_weights,
    build_accurate_network,
    embeddings_key,
    encoder_folder,
    network_from_blob,
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
            biases: tuple[int, ...] = (0,), device: str = "cpu",
            bf16: bool = False) -> list[list[str]] | dict[int, list[list[str]]]:
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
            pieces, mask, first, feats, lengths = to_device(enc.batch([windows[k][0] for k in chunk]), device)
            with autocast(device, bf16):
                scores = net(pieces, mask, first, feats)
            scores = scores.float().cpu()
            for b in biases:
                shifted = scores.clone()
                shifted[:, :, 0] -= b / 100
                for k, labels in zip(chunk, decode_batch(shifted, lengths, moves)):
                    out[b][k] = labels
            i = j
    return out[biases[0]] if len(biases) == 1 else out


def to_device(batch, device: str):  # type: ignore[no-untyped-def]
    """:meth:`Encoding.batch`'s tensors on ``device``."""
    pieces, mask, first, feats, lengths = batch
    return (pieces.to(device), mask.to(device), first.to(device), {k: v.to(device) for k, v in feats.items()},
            lengths)


def autocast(device: str, bf16: bool):  # type: ignore[no-untyped-def]
    """bfloat16 autocast on a GPU when asked for, else nothing."""
    import contextlib

    import torch

    if bf16 and device.startswith("cuda"):
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def evaluate(net, enc: Encoding, windows, *, device: str = "cpu",  # type: ignore[no-untyped-def]
             bf16: bool = False) -> dict[str, float]:
    pred = predict(net, enc, windows, device=device, bf16=bf16)
    gold = [[LABELS[x] for x in w[1]] for w in windows]
    return span_scores(gold, pred)  # type: ignore[arg-type]


BIASES = (0, 25, 50, 75, 100, 150, 200)
"""O-score reductions (hundredths) tried on the held-out tenth at export (``--tune-bias``)."""


def best_bias(work: Path, args: argparse.Namespace) -> int:
    """The O-score reduction that gives the best mean exact F1 on the held-out tenth, for ``best.pt``."""
    import torch

    folder = the_encoder(args)
    blob = torch.load(str(work / "best.pt"), weights_only=False)
    with Path(args.rows).open("rb") as f:
        _, dev_rows = held_out(pickle.load(f))
    net = network_from_blob(blob, folder).to(args.device)
    enc = Encoding(folder, blob["vocabs"])
    windows = windows_of(enc, dev_rows)
    gold = [[LABELS[x] for x in w[1]] for w in windows]
    preds = predict(net, enc, windows, biases=BIASES, device=args.device, bf16=args.bf16)
    assert isinstance(preds, dict)
    means = {}
    for b in BIASES:
        scores = span_scores(gold, preds[b])
        means[b] = sum(scores.values()) / 3
        log.info("O bias %.2f: held-out exact F1 Source %.1f Cue %.1f Content %.1f (mean %.2f)", b / 100,
                 scores["Source"], scores["Cue"], scores["Content"], means[b])
    return max(BIASES, key=lambda b: (means[b], -b))


def batches_of(windows, budget: int, rng: random.Random,  # type: ignore[no-untyped-def]
               most: int = 32) -> list[list[int]]:
    """Windows of similar length together, at most ``budget`` pieces (padded) and ``most`` windows per
    batch, in random order."""
    order = sorted(range(len(windows)), key=lambda i: windows[i][2] + rng.random() * 16)
    out: list[list[int]] = []
    for i in order:
        if out and (len(out[-1]) + 1) * windows[i][2] <= budget and len(out[-1]) < most:
            out[-1].append(i)
        else:
            out.append([i])
    rng.shuffle(out)
    return out


def the_encoder(args: argparse.Namespace) -> Path:
    """The encoder's folder: ``--encoder-dir``, else the installed package of ``--encoder``. A folder whose
    architecture is not the named encoder's is refused (the model file records the name the engine loads)."""
    if not args.encoder_dir:
        return encoder_folder(args.encoder)
    import json

    folder = Path(args.encoder_dir)
    kind = json.loads((folder / "config.json").read_text(encoding="utf-8")).get("model_type")
    expected = {"minilm": "bert", "mpnet": "mpnet"}[args.encoder]
    if kind != expected:
        raise SystemExit(f"--encoder-dir {folder} holds a {kind!r} model, not {args.encoder}'s ({expected!r}): "
                         "give --encoder to match")
    return folder


def train(work: Path, args: argparse.Namespace) -> Path:
    import torch

    torch.set_num_threads(args.threads)
    folder = the_encoder(args)
    with Path(args.rows).open("rb") as f:
        rows = pickle.load(f)
    train_rows, dev_rows = held_out(rows)
    if args.all_train:  # the held-out tenth trained on too: its scores are no longer a choice, the last is kept
        train_rows = rows
    vocabs = feature_vocabs(train_rows)
    config: dict[str, object] = {"dropout": args.dropout, "encoder": args.encoder}
    if args.lora:
        config["lora"] = [args.lora, args.lora_alpha]
    if args.round_base:
        config["rounded"] = True
    enc = Encoding(folder, vocabs)
    train_w, dev_w = windows_of(enc, train_rows), windows_of(enc, dev_rows)
    log.info("train: %d windows (%d words); held out: %d windows", len(train_w),
             sum(len(w[1]) for w in train_w), len(dev_w))
    torch.manual_seed(args.seed)
    net = build_accurate_network(folder, vocabs, config)
    missing, unexpected = net.encoder.load_state_dict(base_weights(folder, rounded=args.round_base), strict=False)
    log.info("encoder weights from %s (missing %s, unused %s)", folder, missing, unexpected)
    if args.lora:
        log.info("low-rank adapters (rank %d, alpha %g) on %d linear layers", args.lora, args.lora_alpha,
                 add_adapters(net.encoder, args.lora, args.lora_alpha))
    for name, p in net.named_parameters():
        if embeddings_key(name) or (args.lora and name.startswith("encoder.") and "lora_" not in name
                                    and p.dim() > 1):
            p.requires_grad_(False)
    trainable = {n for n, p in net.named_parameters() if p.requires_grad}
    log.info("%d trainable parameters", sum(p.numel() for n, p in net.named_parameters() if n in trainable))
    net.to(args.device)

    def kept_state() -> dict[str, object]:
        state = net.state_dict()
        if args.lora:  # only what was trained: the encoder's own weights come from its package
            return {k: v.detach().cpu() for k, v in state.items() if k in trainable}
        return {k: v.detach().cpu() for k, v in state.items() if not embeddings_key(k)}

    encoder_params = [p for n, p in net.named_parameters() if n.startswith("encoder.") and p.requires_grad]
    head_params = [p for n, p in net.named_parameters() if not n.startswith("encoder.")]
    opt = torch.optim.AdamW([{"params": encoder_params, "lr": args.lr},
                             {"params": head_params, "lr": args.head_lr}], weight_decay=0.01)
    base_lrs = [args.lr, args.head_lr]
    rng = random.Random(args.seed)
    per_epoch = len(batches_of(train_w, args.budget, random.Random(0), args.batch_windows))
    total = per_epoch * args.epochs
    log.info("%d batches per epoch, %d steps in all", per_epoch, total)
    warmup = max(1, int(total * 0.05))
    step, epoch, position, best = 0, 0, 0, -1.0
    order: list[list[int]] | None = None
    last = work / "last.pt"
    if last.exists():
        state = torch.load(str(last), weights_only=False, map_location=args.device)
        net.load_state_dict(state["net"], strict=False)
        opt.load_state_dict(state["opt"])
        step, epoch, position, best, order = state["step"], state["epoch"], state["position"], state["best"], state["order"]
        rng.setstate(state["rng"])
        torch.set_rng_state(state["torch"])
        log.info("resumed at epoch %d, batch %d/%d (step %d; best held-out %.2f)", epoch + 1, position,
                 len(order or []), step, best)

    def save() -> None:
        kept = kept_state()
        tmp = last.with_suffix(".tmp")
        torch.save({"net": kept, "opt": opt.state_dict(), "step": step, "epoch": epoch, "position": position,
                    "best": best, "order": order, "rng": rng.getstate(), "torch": torch.get_rng_state()}, str(tmp))
        tmp.replace(last)

    def keep_if_best(scores: dict[str, float]) -> None:
        nonlocal best
        mean = sum(scores.values()) / 3
        log.info("held-out exact F1 Source %.1f Cue %.1f Content %.1f (mean %.2f)", scores["Source"],
                 scores["Cue"], scores["Content"], mean)
        if mean > best or args.all_train:
            best = mean
            kept = kept_state()
            torch.save({"vocabs": vocabs, "config": config, "state": kept, "dev": scores, "step": step},
                       str(work / "best.pt"))

    saved_at = time.time()
    while epoch < args.epochs:
        if order is None:
            order = batches_of(train_w, args.budget, rng, args.batch_windows)
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
            pieces, mask, first, feats, lengths = to_device(enc.batch([train_w[i][0] for i in b]), args.device)
            target = torch.full((len(b), first.shape[1]), -100, dtype=torch.long)
            for j, i in enumerate(b):
                target[j, :len(train_w[i][1])] = torch.tensor(train_w[i][1])
            with autocast(args.device, args.bf16):
                scores = net(pieces, mask, first, feats)
            lens = torch.tensor(lengths, device=args.device)
            loss = crf_loss(net, scores.float(), target.to(args.device), lens) / lens.sum()
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
                keep_if_best(evaluate(net, enc, dev_w, device=args.device, bf16=args.bf16))
                net.train()
        epoch += 1
        order = None
        keep_if_best(evaluate(net, enc, dev_w, device=args.device, bf16=args.bf16))
        save()
    return work / "best.pt"


def export(work: Path, out: Path, *, o_bias: int = 0) -> Path:
    import torch

    blob = torch.load(str(work / "best.pt"), weights_only=False)
    # matrices in half precision; the vectors (biases and norms, which a run with adapters trains) as trained
    state = {k: v.half() if v.is_floating_point() and v.dim() > 1 else v for k, v in blob["state"].items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    config = {**blob["config"], "o_bias": o_bias}
    torch.save({"vocabs": blob["vocabs"], "config": config, "state": state,
                "dev": blob["dev"], "step": blob["step"]}, str(out))
    log.info("exported %s (held-out %s, step %d): %.1f MB", out, blob["dev"], blob["step"],
             out.stat().st_size / 1e6)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--encoder", default="minilm", choices=[*ENCODERS, "auto"],
                        help="the pretrained encoder, by name (auto: minilm); read from its installed package")
    parser.add_argument("--encoder-dir", type=Path, help="read the encoder from this folder instead")
    parser.add_argument("--lora", type=int, default=0, metavar="RANK",
                        help="train low-rank adapters of this rank (and the encoder's biases and norms) instead "
                             "of the encoder's weights: only they ship")
    parser.add_argument("--lora-alpha", type=float, default=32.0)
    parser.add_argument("--round-base", action="store_true",
                        help="train on (and have the engine read) the encoder's weights rounded to 8 bits a row")
    parser.add_argument("--device", default="cpu", help="cpu, cuda, cuda:1, ...")
    parser.add_argument("--bf16", action="store_true", help="bfloat16 autocast on a GPU")
    parser.add_argument("--rows", default="build/roles/train.pkl", help="rows from training.roles_training prep")
    parser.add_argument("--work", type=Path, default=Path("build/roles-accurate"))
    parser.add_argument("--only", choices=("train", "export"))
    parser.add_argument("--out", type=Path, default=ACCURATE_MODEL_FILE)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--dropout", type=int, default=10, help="percent, on the output layer's input")
    parser.add_argument("--budget", type=int, default=2048, help="word pieces per batch, padding included")
    parser.add_argument("--all-train", action="store_true",
                        help="train on the held-out tenth too and keep the last checkpoint (fix --epochs first)")
    parser.add_argument("--batch-windows", type=int, default=32, help="paragraph windows per batch, at most")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save-every", type=float, default=600.0, help="seconds between checkpoints")
    parser.add_argument("--eval-every", type=int, default=0, help="also score the held-out tenth every N batches")
    parser.add_argument("--tune-bias", action="store_true",
                        help="at export, lower the O score by what scores best on the held-out tenth")
    parser.add_argument("--log-every", type=int, default=50, help="batches between progress lines")
    parser.add_argument("--max-steps", type=int, default=0, help="stop after N steps in all (a timing run)")
    args = parser.parse_args(argv)
    if args.encoder == "auto":
        args.encoder = "minilm"
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
