"""The HTTP API under load, in one run: /api/events filtered queries from concurrent clients
against a live `eventwire serve` on the ≥100,000-event synthetic corpus, /api/analyze's
throughput against `eventwire analyze` on the same articles, and the server's memory.

    .venv/bin/python benchmarks/api.py [--clients 20] [--seconds 20] [--db PATH] [--analyze-rounds 5]

The corpus is benchmarks/corpus.py's (built, or reused from its cache, by its own builder).
The server is a real `eventwire serve` subprocess on 127.0.0.1 and a free port, as a user
starts it; the clients are httpx AsyncClients in this process, each sending its next request
as soon as the last one is answered (a closed loop: the hardest bounded load, since no client
ever waits), cycling through the filtered queries below. On a 2-core machine the clients and
the server share the cores.

What it prints
  one        the same queries from one client for a quarter of the time: what a query costs
             with nobody ahead of it in the queue
  load       requests, errors, requests/s, and latency p50 / p95 / max (ms) of every request,
             then per query (goal: p95 under 100 ms, 0 errors)
  analyze    words/s of `eventwire analyze ARTICLES.jsonl` (one run, the model's load
             included, as a user runs it) and of POST /api/analyze with the same articles one
             after the other (the model already loaded by a first request), and their ratio
             (goal: the API at least 0.9 times the CLI)
  memory     the server's resident memory at rest (after start and one query), at its
             highest under the query load, and after the analyses (the spaCy model loaded)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus as corpus_benchmark  # noqa: E402  (the synthetic corpus's builder and cache)

GOAL_P95_MS = 100
GOAL_ANALYZE_RATIO = 0.9
QUERIES = (  # the filters researchers combine most: a dyad, a type, a period, a place, a size
    ("dyad + type + month", {"actor": "RUS", "recipient": "UKR", "type": "ASSAULT", "since": "2023-03",
                             "until": "2023-03"}),
    ("dyad + year", {"actor": "USA", "recipient": "CHN", "since": "2023", "until": "2023"}),
    ("country + month", {"country": "UKR", "since": "2024-02", "until": "2024-02"}),
    ("type + min_sources", {"type": "PROTEST", "min_sources": 3}),
    ("actor + sector", {"actor": "ISR", "actor_sector": "MIL", "since": "2023-10"}),
    ("actor, first page", {"actor": "RUS"}),
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    server = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/openapi.json", timeout=1)
            return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    sys.exit("the server did not start in 30 s")


async def load(base: str, clients: int, seconds: float) -> dict[str, list]:
    """Latencies (ms) per query name, and the errors, from `clients` closed-loop clients."""
    latencies: dict[str, list[float]] = {name: [] for name, _ in QUERIES}
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(number: int, http: httpx.AsyncClient) -> None:
        turn = number
        while time.perf_counter() < deadline:
            name, params = QUERIES[turn % len(QUERIES)]
            turn += 1
            started = time.perf_counter()
            try:
                response = await http.get(base + "/api/events", params=params)
                response.json()["rows"]
                if response.status_code != 200:
                    errors.append(f"{name}: {response.status_code}")
            except (httpx.HTTPError, ValueError, KeyError) as err:
                errors.append(f"{name}: {type(err).__name__}")
                continue
            latencies[name].append((time.perf_counter() - started) * 1000)

    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        await asyncio.gather(*(client(n, http) for n in range(clients)))
    return {"latencies": latencies, "errors": errors}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def analyze_articles(rounds: int) -> list[dict]:
    """The bundled examples (the seed article and the JSON Lines news), `rounds` times over."""
    seed = {"id": "seed", "text": (ROOT / "examples" / "seed-article.txt").read_text(encoding="utf-8"),
            "published": "2022-03-28"}
    news = [json.loads(line) for line in (ROOT / "examples" / "news.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    once = [seed] + [{k: r[k] for k in ("id", "text", "published", "url", "source") if r.get(k)} for r in news]
    return [{**article, "id": f"{article['id']}-{n}"} for n in range(rounds) for article in once]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--db", default=corpus_benchmark.DEFAULT_DB, help="the synthetic corpus (SQLite path or URL)")
    parser.add_argument("--events", type=int, default=100_000, help="events the corpus holds at least")
    parser.add_argument("--analyze-rounds", type=int, default=5, help="times the examples are analysed")
    args = parser.parse_args()

    store, info = corpus_benchmark.prepare(SimpleNamespace(db=args.db, events=args.events, rebuild=False))
    events = corpus_benchmark.counts(store)["events"]
    store.engine.dispose()
    print(f"corpus  {events:,} events in {info['articles']:,} articles ({args.db}, "
          f"{'cached' if info.get('cached') else 'built now'})")

    server, base = start_server(args.db)
    try:
        httpx.get(base + "/api/events", params=QUERIES[0][1], timeout=30)
        at_rest = rss_mb(server.pid)
        peak = [at_rest]
        sampling = threading.Event()

        def sample() -> None:
            while not sampling.is_set():
                peak[0] = max(peak[0], rss_mb(server.pid))
                time.sleep(0.1)

        alone = asyncio.run(load(base, 1, args.seconds / 4))  # what a query costs with no queue before it
        alone_ms = [ms for values in alone["latencies"].values() for ms in values]
        print(f"\none     /api/events, 1 client for {args.seconds / 4:.0f} s: {len(alone_ms):,} requests, "
              f"p50 {percentile(alone_ms, 0.5):.1f} ms, p95 {percentile(alone_ms, 0.95):.1f} ms")
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        result = asyncio.run(load(base, args.clients, args.seconds))
        elapsed = time.perf_counter() - started
        sampling.set()
        sampler.join()
        every = [ms for values in result["latencies"].values() for ms in values]
        p50, p95 = percentile(every, 0.5), percentile(every, 0.95)
        print(f"\nload    /api/events, {args.clients} closed-loop clients for {args.seconds:.0f} s on the loopback")
        print(f"        {len(every):,} requests, {len(result['errors'])} errors, {len(every) / elapsed:.0f} requests/s")
        print(f"        latency p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(every):.1f} ms")
        for name, values in result["latencies"].items():
            rows = len(httpx.get(base + "/api/events", params=dict(QUERIES)[name]).json()["rows"])
            print(f"          {name:22} p50 {percentile(values, 0.5):7.1f} ms  p95 {percentile(values, 0.95):7.1f} ms"
                  f"  {rows:>4} rows a page")
        if result["errors"]:
            print(f"        first errors: {result['errors'][:5]}")

        articles = analyze_articles(args.analyze_rounds)
        words = sum(len(a["text"].split()) for a in articles)
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "articles.jsonl"
            source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
            began = time.perf_counter()
            subprocess.run([sys.executable, "-m", "eventwire", "analyze", str(source), "--format", "jsonl",
                            "--out", str(Path(folder) / "out.jsonl"), "--quiet"], check=True, cwd=ROOT,
                           stderr=subprocess.DEVNULL)
            cli_seconds = time.perf_counter() - began
        with httpx.Client(timeout=120) as http:
            first = time.perf_counter()
            http.post(base + "/api/analyze", json={"text": "Police arrested protesters in Nairobi on Tuesday."})
            model_load = time.perf_counter() - first
            began = time.perf_counter()
            failed = 0
            for article in articles:
                body = {k: v for k, v in article.items()}
                failed += http.post(base + "/api/analyze", json=body).status_code != 200
            api_seconds = time.perf_counter() - began
        after_analyses = rss_mb(server.pid)
        cli_rate, api_rate = words / cli_seconds, words / api_seconds
        print(f"\nanalyze {len(articles)} articles, {words:,} words (the examples, {args.analyze_rounds} times)")
        print(f"        eventwire analyze (one run, model load included) {cli_seconds:6.2f} s  {cli_rate:7.0f} words/s")
        print(f"        POST /api/analyze one by one (model loaded: {model_load:.1f} s on the first request) "
              f"{api_seconds:6.2f} s  {api_rate:7.0f} words/s, {failed} failed")
        print(f"        API / CLI {api_rate / cli_rate:.2f}x")
        print(f"\nmemory  the server at rest {at_rest:.0f} MB, under the query load at most {peak[0]:.0f} MB, "
              f"after the analyses {after_analyses:.0f} MB")
        print("\ngoals")
        for goal, met, measured in (
                (f"/api/events p95 under {GOAL_P95_MS} ms", p95 < GOAL_P95_MS, f"{p95:.1f} ms"),
                ("0 errors under load", not result["errors"], f"{len(result['errors'])}"),
                (f"/api/analyze at least {GOAL_ANALYZE_RATIO}x the CLI", api_rate / cli_rate >= GOAL_ANALYZE_RATIO,
                 f"{api_rate / cli_rate:.2f}x")):
            print(f"  {'met    ' if met else 'NOT MET'}  {goal}: {measured}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
