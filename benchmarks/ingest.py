"""Ingest against plain analysis of the same articles, whole processes, in one run.

    .venv/bin/python benchmarks/ingest.py [--geovirus PATH] [--rounds 2]

Times `eventwire analyze FEED --format jsonl` and `eventwire ingest FEED --db NEW.db` on the
same news articles (GeoVirus and the seed article), alternating, keeping the fastest of each,
and prints the ingest overhead (goal: at most 5 %) and the store's size per 1,000 articles.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from process import EVENTWIRE, best, news, words, write_jsonl  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--geovirus", type=Path, default=ROOT.parent / "shared" / "dev" / "geo" / "geovirus.jsonl")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    texts = news(args.geovirus)
    # every copy of the seed is the same text: the store keeps one, so make each copy distinct
    texts = [f"{text}\n(copy {n})" for n, text in enumerate(texts)]
    print(f"machine: {os.cpu_count()} cores; {len(texts)} articles, {words(texts):,} words")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        feed = write_jsonl(texts, folder, "articles.jsonl")
        analysed, ingested = best(
            EVENTWIRE + ["analyze", str(feed), "--format", "jsonl", "--out", str(folder / "out.jsonl")],
            ["sh", "-c", f"{' '.join(EVENTWIRE)} ingest {feed} --db {folder}/store-$$.db"],
            rounds=args.rounds)
        sizes = [p.stat().st_size for p in folder.glob("store-*.db")]
        print(f"analyze: {analysed['seconds']:.1f} s; ingest: {ingested['seconds']:.1f} s; "
              f"ingest overhead {100 * (ingested['seconds'] / analysed['seconds'] - 1):+.1f} %")
        print(f"store size: {max(sizes) / 1e6:.1f} MB for {len(texts)} articles, "
              f"{max(sizes) / len(texts) * 1000 / 1e6:.0f} MB per 1,000 articles")


if __name__ == "__main__":
    main()
