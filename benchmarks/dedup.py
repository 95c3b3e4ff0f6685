"""Near-duplicate stories: pairwise precision and recall on the built corpus, and speed.

    .venv/bin/python benchmarks/dedup.py [--tuning-seed 1] [--heldout-seed 2] [--n 100000]

Scores eventwire.store.near_duplicates.stories on tests/dedup_corpus.py built from the tuning
seed (the thresholds were chosen on it) and from a held-out seed (never tuned on), overall and
by variant kind; then times signature() on a 5,000-character article and on N synthetic articles
(words of the test data drawn at random, some with an agency footer, a fifth of them truncated
or edited copies of others), and stories() on their N signatures. Figures are from one run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventwire.store import near_duplicates as nd  # noqa: E402
from tests.dedup_corpus import KINDS, WIRES, build, scores, sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tuning-seed", type=int, default=1)
    parser.add_argument("--heldout-seed", type=int, default=2)
    parser.add_argument("--n", type=int, default=100_000, help="synthetic articles to time (default 100,000)")
    args = parser.parse_args()

    results = {}
    for label, seed in (("tuning", args.tuning_seed), ("held-out", args.heldout_seed)):
        articles = build(seed)
        groups = nd.stories({a.id: nd.signature(a.text) for a in articles})
        results[label] = scores(groups, articles)
        print(f"corpus {label} (seed {seed}): {len(articles)} articles, {len({a.story for a in articles})} stories, "
              f"{results[label]['all'].true} same-story pairs, {len(groups)} groups found")
    print()
    print(f"{'pairs touching':<15}" + "".join(f"{label + ' P / R / F1 (pred, true)':>40}" for label in results))
    for kind in ("all",) + KINDS:
        cells = []
        for score in (results[label][kind] for label in results):
            # a kind that is a story of its own has no true pairs: only its precision means anything
            p = f"{score.precision:.3f}" if score.predicted else "-"
            r, f1 = (f"{score.recall:.3f}", f"{score.f1:.3f}") if score.true else ("-", "-")
            cells.append(f"{p} / {r} / {f1} ({score.predicted}, {score.true})")
        print(f"{kind:<15}" + "".join(f"{cell:>40}" for cell in cells))
    print()
    time_signatures(args.n)


def time_signatures(n: int) -> None:
    pool = sentences()
    long_text = " ".join(pool[:60])[:5000]
    nd.signature(long_text)
    runs = []
    for _ in range(200):
        start = time.perf_counter()
        nd.signature(long_text)
        runs.append(time.perf_counter() - start)
    print(f"signature() of a 5,000-character article: {statistics.median(runs) * 1000:.2f} ms (median of 200)")

    texts = synthetic(pool, n, random.Random(0))
    chars = sum(len(t) for t in texts) / len(texts)
    start = time.perf_counter()
    sigs = {i: nd.signature(text) for i, text in enumerate(texts)}
    took = time.perf_counter() - start
    print(f"signature() of {n:,} synthetic articles ({chars:,.0f} characters on average): {took:.1f} s, "
          f"{n / took:,.0f} signatures/s")
    start = time.perf_counter()
    groups = nd.stories(sigs)
    took = time.perf_counter() - start
    candidates = len(nd.candidate_pairs(np.stack([s.hashvalues for s in sigs.values()])))
    print(f"stories() of {n:,} signatures: {took:.2f} s ({candidates:,} candidate pairs, {len(groups):,} groups, "
          f"{sum(len(g) > 1 for g in groups):,} of more than one article)")


def synthetic(pool: list[str], n: int, rng: random.Random) -> list[str]:
    """n articles of 100-300 words drawn from the test sentences' words by their frequency (so
    they share words, and few 5-word runs, as different stories do); every third ends with one
    of three agency footers, and every fifth is a truncated or edited copy of an earlier one."""
    vocabulary = np.array(" ".join(pool).split(" "))
    footers = [" ".join(footer.format("A. Writer", "B. Writer", "C. Editor") for footer in footers)
               for _, footers in WIRES.values()]
    draw = np.random.default_rng(rng.randrange(2**32))
    texts: list[str] = []
    for i in range(n):
        if i % 5 == 4:
            words = texts[rng.randrange(len(texts))].split(" ")
            if rng.random() < 0.5:
                words = words[:round(len(words) * rng.uniform(0.4, 0.7))]
            else:
                words[rng.randrange(len(words))] = str(vocabulary[rng.randrange(len(vocabulary))])
            texts.append(" ".join(words))
        else:
            text = " ".join(vocabulary[draw.integers(0, len(vocabulary), rng.randint(100, 300))])
            texts.append(f"{text} {footers[i % 9 // 3]}" if i % 9 < 3 else text)
    return texts


if __name__ == "__main__":
    main()
