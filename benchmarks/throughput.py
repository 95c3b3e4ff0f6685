"""Throughput and memory of a full eventwire analysis against plain spaCy, in one run.

    .venv/bin/python benchmarks/throughput.py [--repeat 40] [--geovirus PATH] [--model NAME]

Corpus: the seed article repeated, plus the texts of the GeoVirus dev set when its
path is given (default ../shared/dev/geo/geovirus.jsonl if present). Prints words per
second for plain spaCy `nlp.pipe` and for eventwire with the same model, their ratio,
each stage's share of eventwire's time, and the peak memory of `eventwire analyze` on
one article (a separate process, as a user would run it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire import Analyzer, Settings
from eventwire.document.article import article_from_text
from eventwire.nlp.model import _load


def corpus(repeat: int, geovirus: Path | None) -> list[str]:
    seed = (ROOT / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    texts = [seed] * repeat
    if geovirus and geovirus.exists():
        texts += [json.loads(line)["text"] for line in geovirus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def time_plain(nlp, texts: list[str], batch_size: int) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def time_eventwire(analyzer: Analyzer, texts: list[str]) -> float:
    articles = [article_from_text(t, f"doc{n}") for n, t in enumerate(texts)]
    analyzer.stage_seconds.clear()
    started = time.perf_counter()
    for result in analyzer.analyze_many(articles):
        if not isinstance(result, dict):
            raise SystemExit(f"benchmark article failed: {result.message}")
    return time.perf_counter() - started


def peak_memory_mb() -> float:
    """Peak RSS of `eventwire analyze` on the seed. A small launcher process runs it, so
    the child's figure does not include this (large) process's pages at fork time."""
    launcher = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    command = [str(ROOT / ".venv" / "bin" / "eventwire"), "analyze", str(ROOT / "examples" / "seed-article.txt"),
               "--published", "2022-03-28", "--format", "json", "--out", "/dev/null"]
    result = subprocess.run([sys.executable, "-c", launcher, *command], check=True, capture_output=True, text=True)
    return int(result.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="copies of the seed article")
    parser.add_argument("--geovirus", type=Path, default=ROOT.parent / "shared" / "dev" / "geo" / "geovirus.jsonl")
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--rounds", type=int, default=3, help="alternating timing rounds; the best of each is kept")
    args = parser.parse_args()

    texts = corpus(args.repeat, args.geovirus)
    n_words = words(texts)
    settings = Settings(model=args.model)
    analyzer = Analyzer(settings)
    plain = _load(args.model)
    # Warm both up so neither pays first-call costs in the timed runs.
    time_plain(plain, texts[:5], settings.batch_size)
    time_eventwire(analyzer, texts[:5])
    plain_times, ew_times, shares = [], [], {}
    for _ in range(args.rounds):
        plain_times.append(time_plain(plain, texts, settings.batch_size))
        ew_times.append(time_eventwire(analyzer, texts))
        if ew_times[-1] == min(ew_times):
            shares = dict(analyzer.stage_seconds)
    plain_wps = n_words / min(plain_times)
    ew_wps = n_words / min(ew_times)
    print(f"corpus: {len(texts)} articles, {n_words:,} words (seed x{args.repeat} + GeoVirus)")
    print(f"plain spaCy ({args.model}) nlp.pipe: {plain_wps:,.0f} words/s")
    print(f"eventwire full analysis:            {ew_wps:,.0f} words/s")
    print(f"ratio eventwire / spaCy:            {ew_wps / plain_wps:.2f}")
    total = sum(shares.values())
    print("share of eventwire time by stage:")
    for name, seconds in sorted(shares.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<10} {100 * seconds / total:5.1f}%")
    print(f"peak memory, `eventwire analyze` of one article: {peak_memory_mb():.0f} MB")


if __name__ == "__main__":
    main()
