"""Speed of ``group_statements`` on synthetic quotes.

    python bench/grouping.py              # 10,000 quotes in 500 articles
    python bench/grouping.py --quotes 50000

Statements are drawn from a Zipf-like vocabulary; each is quoted one to four times, as written,
re-punctuated, shortened, or with a word changed, so that about a third of the quotes have variants.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.grouping import group_statements  # noqa: E402
from quotes.records import Extraction, Quote, Span, Speaker  # noqa: E402

FILLER = [
    "the", "a", "of", "to", "and", "in", "that", "is", "was", "for", "on", "with", "as", "by", "at", "from", "it", "we",
    "our", "this", "will", "be", "has", "have",
]


def vocabulary(n: int, rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(n)]


def statements(n: int, rng: random.Random) -> list[str]:
    vocab = vocabulary(20000, rng)
    cum, total = [], 0.0
    for i in range(len(vocab)):
        total += 1 / (i + 1)
        cum.append(total)
    out = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(6, 30)):
            words.append(rng.choice(FILLER) if rng.random() < 0.4 else rng.choices(vocab, cum_weights=cum)[0])
        out.append(" ".join(words).capitalize() + ".")
    return out


def variant(s: str, rng: random.Random) -> str:
    words = s.rstrip(".").split()
    r = rng.random()
    if r < 0.25:
        return s
    if r < 0.5:
        return ", ".join(" ".join(words[i:i + 4]) for i in range(0, len(words), 4)) + "."
    if r < 0.75 and len(words) > 6:
        a = rng.randint(0, len(words) // 3)
        return " ".join(words[a:a + max(4, len(words) // 2)])
    k = rng.randrange(len(words))
    words[k] = "altered"
    return " ".join(words)


def corpus(n_quotes: int, per_article: int, seed: int = 1) -> list[Extraction]:
    rng = random.Random(seed)
    base = statements(n_quotes // 2, rng)
    texts = []
    while len(texts) < n_quotes:
        s = rng.choice(base)
        texts.extend(variant(s, rng) for _ in range(rng.choice([1, 1, 2, 3, 4])))
    texts = texts[:n_quotes]
    rng.shuffle(texts)
    out = []
    for a in range(0, n_quotes, per_article):
        parts, quotes, pos = [], [], 0
        for t in texts[a:a + per_article]:
            piece = f"“{t}” he said. "
            start = pos + 1
            parts.append(piece)
            pos += len(piece)
            quotes.append((start, start + len(t)))
        text = "".join(parts)
        qs = tuple(
            Quote((Span.of(text, s - 1, e + 1),), "direct", None, None, None, Speaker("person", f"P{a % 7}", f"Q{a % 7}"),
                  "cue-subject", 0.9, quoted=(Span.of(text, s, e),))
            for s, e in quotes
        )
        out.append(Extraction(text, qs, (), (), dt.date(2022, 3, 1), "argument", f"a{a // per_article:05d}"))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quotes", type=int, default=10_000)
    ap.add_argument("--per-article", type=int, default=20)
    args = ap.parse_args(argv)
    articles = corpus(args.quotes, args.per_article)
    t0 = time.perf_counter()
    groups = group_statements(articles)
    elapsed = time.perf_counter() - t0
    multi = sum(1 for g in groups if len(g.occurrences) > 1)
    print(f"{args.quotes} quotes in {len(articles)} articles -> {len(groups)} groups "
          f"({multi} with several occurrences) in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
