"""Scores and speed of the parser models, for the model card (docs/models.md).

    python bench/models.py                    # EWT and GUM test files from ../shared/ud
    python bench/models.py --models DIR       # another model directory

Prints, per treebank test file: words F1 and sentence F1 from raw text (the tokenizer and
sentence splitter on the documents' text), UPOS, UAS and LAS with gold tokenization and predicted
tags, and the full pipeline's speed in words per second on the seeds with the threads torch uses.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def read_conllu(path: Path):
    """Documents of sentences: (text, tokens, words) with tokens as (form, [word forms]) and words as rows."""
    docs, doc, sent = [], [], None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# newdoc"):
            if doc:
                docs.append(doc)
            doc = []
        if line.startswith("# text = "):
            sent = {"text": line[9:], "tokens": [], "words": [], "newpar": False}
        elif line.startswith("# newpar") and sent is None:
            pass
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            if "." in cols[0]:
                continue
            if "-" in cols[0]:
                a, b = (int(x) for x in cols[0].split("-"))
                sent["tokens"].append([cols[1], b - a + 1, []])
                continue
            sent["words"].append((cols[1], cols[3], int(cols[6]) - 1, cols[7]))
            if sent["tokens"] and sent["tokens"][-1][1] > len(sent["tokens"][-1][2]):
                sent["tokens"][-1][2].append(cols[1])
            else:
                sent["tokens"].append([cols[1], 1, [cols[1]]])
        elif not line and sent is not None:
            doc.append(sent)
            sent = None
    if doc:
        docs.append(doc)
    return docs


def word_spans(text: str, start: int, token: str, words: list[str]) -> list[tuple[int, int]]:
    end = start + len(token)
    if len(words) == 1:
        return [(start, end)]
    out, pos = [], 0
    for w in words:
        k = token.find(w, pos)
        if k < 0:
            return [(start, end)] * len(words)
        out.append((start + k, start + k + len(w)))
        pos = k + len(w)
    return out


def f1(gold: set, pred: set) -> float:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return 200 * p * r / (p + r) if p + r else 0.0


def score(path: Path, models) -> dict[str, float]:
    from quotes.parse import Parser, tag_and_parse_words

    docs = read_conllu(path)
    texts, gold_words, gold_sents = [], set(), set()
    for d, doc in enumerate(docs):
        parts, pos = [], 0
        for sent in doc:
            if parts:
                parts.append("\n")
                pos += 1
            s_start = pos
            t = sent["text"]
            cursor = 0
            for form, _, words in sent["tokens"]:
                k = t.find(form, cursor)
                if k < 0:
                    continue
                for a, b in word_spans(t, k, form, words):
                    gold_words.add((d, s_start + a, s_start + b))
                cursor = k + len(form)
            parts.append(t)
            pos += len(t)
            gold_sents.add((d, s_start, pos))
        texts.append("".join(parts))
    # raw text: one sentence per line is too easy for the splitter, so join sentences with spaces
    joined = [t.replace("\n", " ") for t in texts]
    parsed = Parser(models).parse_many(joined, select=lambda s: False)
    pred_words = {(d, w.start, w.end) for d, doc in enumerate(parsed) for w in doc.words}
    pred_sents = {(d, s.start, s.end) for d, doc in enumerate(parsed) for s in doc.sentences}
    sentences = [[w[0] for w in sent["words"]] for doc in docs for sent in doc]
    gold_rows = [sent["words"] for doc in docs for sent in doc]
    pred_rows = tag_and_parse_words(sentences, models=models)
    n = upos = uas = las = 0
    for g_sent, p_sent in zip(gold_rows, pred_rows):
        for (_form, g_upos, g_head, g_rel), (p_upos, _, p_head, p_rel) in zip(g_sent, p_sent):
            n += 1
            upos += g_upos == p_upos
            if g_head == p_head:
                uas += 1
                las += g_rel.split(":")[0] == p_rel.split(":")[0]  # universal part, as the CoNLL 2018 scorer
    return {
        "words F1": f1(gold_words, pred_words), "sentences F1": f1(gold_sents, pred_sents),
        "UPOS": 100 * upos / n, "UAS": 100 * uas / n, "LAS": 100 * las / n, "words": n,
    }


def speed(models, threads: int) -> tuple[float, int, float]:
    import torch

    from quotes.parse import Parser

    torch.set_num_threads(threads)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    parser = Parser(models)
    parser.parse_many(texts[:1])  # load
    t0 = time.perf_counter()
    docs = parser.parse_many(texts)
    elapsed = time.perf_counter() - t0
    words = sum(len(d.words) for d in docs)
    return words / elapsed, words, elapsed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ud", type=Path, default=ROOT.parent / "shared" / "ud")
    ap.add_argument("--models", default=None)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    from quotes.parse import models_info

    print(models_info(args.models).describe())
    for tb in ("en_ewt", "en_gum"):
        path = args.ud / f"{tb}-ud-test.conllu"
        if not path.exists():
            print(f"{path}: missing, skipped")
            continue
        t0 = time.perf_counter()
        s = score(path, args.models)
        print(f"{tb} test ({s['words']} words, {time.perf_counter() - t0:.0f} s): "
              + ", ".join(f"{k} {v:.2f}" for k, v in s.items() if k != "words"))
    wps, words, elapsed = speed(args.models, args.threads)
    print(f"speed: full pipeline on the seeds, {args.threads} threads: {words} words in {elapsed:.2f} s = {wps:.0f} words/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
