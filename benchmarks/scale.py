"""Batch analysis on Dask against one process, whole processes, in one run.

    .venv/bin/python benchmarks/scale.py [--geovirus PATH] [--copies 2] [--rounds 2]

Times `eventwire ingest FEED --db NEW.db` on the same news articles (GeoVirus and the seed
article, each copy made distinct so that none is a duplicate) in this process (`--workers 1`),
on a Dask LocalCluster of two worker processes (`--workers 2`) and with the older local
`--processes 2`, alternating, the fastest run of each kept; then `eventwire analyze` with
`--workers 2` against `--workers 1`. Prints words/s, the ratio of 2 workers to 1, and peak memory
(the largest process and the whole process tree), start-up included: a LocalCluster's start
(~3 s) is part of what a user waits for.
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


def describe(name: str, result: dict, total_words: int) -> str:
    return (f"{name:28} {total_words / result['seconds']:7,.0f} words/s ({result['seconds']:6.1f} s); "
            f"largest process {result['peak_mb']:5.0f} MB, all {result['tree_mb']:5.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--geovirus", type=Path, default=ROOT.parent / "shared" / "dev" / "geo" / "geovirus.jsonl")
    parser.add_argument("--copies", type=int, default=2, help="copies of the news set, each made distinct")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    texts = [f"{text}\n(copy {c}.{n})" for c in range(args.copies) for n, text in enumerate(news(args.geovirus))]
    total = words(texts)
    print(f"machine: {os.cpu_count()} cores; {len(texts)} articles, {total:,} words")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        feed = write_jsonl(texts, folder, "articles.jsonl")

        def ingest(*options: str) -> list[str]:  # a new store each run: $$ is the shell's pid
            return ["sh", "-c", f"{' '.join(EVENTWIRE)} ingest {feed} --db {folder}/store-$$.db --quiet "
                                f"{' '.join(options)}"]

        print("\n== eventwire ingest")
        one, two, local = best(ingest("--workers", "1"), ingest("--workers", "2"), ingest("--processes", "2"),
                               rounds=args.rounds)
        print(describe("1 process (--workers 1)", one, total))
        print(describe("Dask, 2 workers", two, total))
        print(describe("--processes 2 (no Dask)", local, total))
        print(f"2 Dask workers against 1 process: x{one['seconds'] / two['seconds']:.2f}; "
              f"against --processes 2: x{local['seconds'] / two['seconds']:.2f}")

        print("\n== eventwire analyze --format jsonl --out FILE")
        out = str(folder / "out.jsonl")
        one, two = best(EVENTWIRE + ["analyze", str(feed), "--format", "jsonl", "--out", out, "--quiet"],
                        EVENTWIRE + ["analyze", str(feed), "--format", "jsonl", "--out", out, "--quiet",
                                     "--workers", "2"], rounds=args.rounds)
        print(describe("1 process", one, total))
        print(describe("Dask, 2 workers", two, total))
        print(f"2 Dask workers against 1 process: x{one['seconds'] / two['seconds']:.2f}")


if __name__ == "__main__":
    main()
