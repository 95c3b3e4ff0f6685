"""The HTTP API under load, in one run: /api/events filtered queries from concurrent clients
against a live `eventwire serve` on the ≥100,000-event synthetic corpus, /api/analyze's
throughput against `eventwire analyze` on the same articles, and the server's memory.

    .venv/bin/python benchmarks/api.py [--clients 20] [--seconds 20] [--rates 2,5] [--workers 1]
                                       [--db PATH] [--analyze-rounds 5]

The corpus is benchmarks/corpus.py's (built, or reused from its cache, by its own builder).
The server is a real `eventwire serve` subprocess on 127.0.0.1 and a free port, as a user
starts it (--workers N: `eventwire serve --workers N`). The clients run in this process, each
on its own keep-alive connection with one request at a time, written and read by hand over
asyncio on uvloop: 0.5-0.6 ms of CPU a request, the page's JSON read included, where httpx's
AsyncClient took 3.7-3.9 ms, more than the server spends; on a 2-core machine the clients and
the server share the cores, and the report gives both sides' CPU per request.

The queries are the filters researchers combine most (a dyad with a type and a month, a dyad
and a year, a place's country and a month, a type with a minimum of sources, an actor with a
sector since a month, an actor's first page), each drawn with its own countries, types,
sectors, months and years from a seeded random generator (the corpus's country weights), so
that the figures are about queries, not about one query answered again and again.

What it prints, for each load: requests, errors, requests/s, latency p50 / p95 / max (ms), the
server's CPU time per request (user + system of its processes, from /proc: what a request costs
the server, which a busy shared machine moves far less than it moves latencies) and the
clients', then p50 / p95
and the mean rows of a page per kind of query
  one        one client, closed loop, for a quarter of the time: what a query costs with
             nobody ahead of it in the queue
  closed     --clients clients in a closed loop (each sends its next request as soon as the
             last is answered: the hardest bounded load, since no client ever waits; by
             Little's law latency is then clients / throughput, whatever the queries cost)
             (goal: p95 under 100 ms, 0 errors)
  paced      --clients clients each sending R requests/s (each of --rates), an offered load
             of clients x R requests/s; a request's latency counts from when it was due, so
             a server that falls behind is charged for the wait (no coordinated omission)
  analyze    words/s of `eventwire analyze ARTICLES.jsonl` (one run, the model's load
             included, as a user runs it) and of POST /api/analyze with the same articles one
             after the other (the model already loaded by a first request), and their ratio
             (goal: the API at least 0.9 times the CLI)
  memory     the server's resident memory at rest (after start and one query), at its
             highest under the query loads, and after the analyses (the spaCy model loaded);
             with --workers, of all its processes together
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import httpx
import orjson
import uvloop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus as corpus_benchmark  # noqa: E402  (the synthetic corpus's builder and cache)

GOAL_P95_MS = 100
GOAL_ANALYZE_RATIO = 0.9
SEED = 20241207
KINDS = ("dyad + type + month", "dyad + year", "country + month", "type + min_sources", "actor + sector",
         "actor, first page")
# the corpus's countries, weighted as its generator weighs them (the first are in the news most)
COUNTRIES = [code for code, _ in corpus_benchmark.COUNTRIES]
COUNTRY_WEIGHTS = [1 / (i + 1) ** 0.9 for i in range(len(COUNTRIES))]
TYPES, TYPE_WEIGHTS = zip(*corpus_benchmark.TYPE_WEIGHTS.items())
YEARS = [str(corpus_benchmark.START.year + n) for n in range(3)]


def queries(count: int, seed: int = SEED) -> list[tuple[str, dict]]:
    """`count` filtered queries, the kinds in turn, each with values drawn at random."""
    rng = random.Random(seed)

    def country():
        return rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]

    def dyad():
        actor = country()
        return actor, next(c for c in iter(country, None) if c != actor)

    def month():
        return f"{rng.choice(YEARS)}-{rng.randint(1, 12):02d}"

    made = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        if kind == "dyad + type + month":
            (actor, recipient), when = dyad(), month()
            params = {"actor": actor, "recipient": recipient, "type": rng.choices(TYPES, TYPE_WEIGHTS)[0],
                      "since": when, "until": when}
        elif kind == "dyad + year":
            (actor, recipient), year = dyad(), rng.choice(YEARS)
            params = {"actor": actor, "recipient": recipient, "since": year, "until": year}
        elif kind == "country + month":
            when = month()
            params = {"country": country(), "since": when, "until": when}
        elif kind == "type + min_sources":
            params = {"type": rng.choices(TYPES, TYPE_WEIGHTS)[0], "min_sources": rng.randint(2, 4)}
        elif kind == "actor + sector":
            params = {"actor": country(), "actor_sector": rng.choice(corpus_benchmark.SECTORS), "since": month()}
        else:
            params = {"actor": country()}
        made.append((kind, params))
    return made


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    """The resident memory of a process and of its children (a server's worker processes)."""
    total = 0.0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue  # ended meanwhile
        if status.parent.name == str(pid) or fields.get("PPid", "").strip() == str(pid):
            total += int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
    return total


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system) a process and its children (a server's worker processes)
    have used so far: unlike a latency, little moved by the other jobs on a shared machine."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # fields[1]: its parent's id
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def measured(pid: int, run) -> dict:
    """A load's result (`run` is its coroutine), with the server's CPU seconds during it."""
    before, ours = cpu_seconds(pid), time.process_time()
    result = uvloop.run(run)  # the clients' loop as cheap as the server's
    result["cpu"], result["client_cpu"] = cpu_seconds(pid) - before, time.process_time() - ours
    return result


def start_server(db: str, workers: int = 1) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    server = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", db, "--port", str(port),
                               "--workers", str(workers)],
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


class Connection:
    """One client's keep-alive HTTP/1.1 connection, written and read by hand: a sixth of the CPU
    httpx's client takes, so that on a machine whose cores the clients share with the server
    the figures are mostly the server's."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = next((int(line.split(":", 1)[1]) for line in lines[1:] if line.lower().startswith("content-length:")),
                      None)
        if length is None:  # the API's JSON pages carry a length; anything else is a failure here
            self.close()
            raise ValueError("a response without Content-Length")
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def load(base: str, clients: int, seconds: float, drawn: list[tuple[str, dict]],
               rate: float | None = None) -> dict:
    """Latencies (ms) and rows per kind of query, and the errors, from `clients` clients, each
    on its own connection: in a closed loop (rate None), or each sending `rate` requests a
    second (latency from when each request was due)."""
    latencies: dict[str, list[float]] = {kind: [] for kind in KINDS}
    rows: dict[str, list[int]] = {kind: [] for kind in KINDS}
    errors: list[str] = []
    host, port = base.removeprefix("http://").rsplit(":", 1)
    paths = [(kind, "/api/events?" + urlencode(params)) for kind, params in drawn]
    started = time.perf_counter()
    deadline = started + seconds

    async def client(number: int) -> None:
        connection = Connection(host, int(port))
        turn = number
        due = started + (number / clients / rate if rate else 0)  # paced clients start spread out
        while True:
            if rate:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
            if time.perf_counter() >= deadline:
                connection.close()
                return
            kind, path = paths[turn % len(paths)]
            turn += clients
            sent = due if rate else time.perf_counter()
            due += 1 / rate if rate else 0
            try:
                status, body = await connection.get(path)
                if status != 200:
                    errors.append(f"{kind}: {status}")
                    continue
                page = orjson.loads(body)["rows"]
            except (OSError, asyncio.IncompleteReadError, ValueError, KeyError) as err:
                errors.append(f"{kind}: {type(err).__name__}")
                connection.close()
                continue
            latencies[kind].append((time.perf_counter() - sent) * 1000)
            rows[kind].append(len(page))

    await asyncio.gather(*(client(n) for n in range(clients)))
    return {"latencies": latencies, "rows": rows, "errors": errors, "seconds": time.perf_counter() - started}


def report(label: str, result: dict) -> tuple[float, int]:
    """Print a load's figures; its p95 (ms) and its errors."""
    every = [ms for values in result["latencies"].values() for ms in values]
    p95 = percentile(every, 0.95)
    print(f"\n{label}")
    print(f"        {len(every):,} requests, {len(result['errors'])} errors, "
          f"{len(every) / result['seconds']:.1f} requests/s")
    print(f"        latency p50 {percentile(every, 0.5):.1f} ms, p95 {p95:.1f} ms, max {max(every, default=0):.1f} ms")
    if "cpu" in result:
        answered = len(every) + len(result["errors"])
        print(f"        server CPU {result['cpu'] * 1000 / max(1, answered):.2f} ms a request (user + system time "
              f"of its processes over the requests); the clients' {result['client_cpu'] * 1000 / max(1, answered):.2f} ms")
    for kind, values in result["latencies"].items():
        counts = result["rows"][kind]
        print(f"          {kind:22} p50 {percentile(values, 0.5):7.1f} ms  p95 {percentile(values, 0.95):7.1f} ms"
              f"  {sum(counts) / max(1, len(counts)):5.1f} rows a page")
    if result["errors"]:
        print(f"        first errors: {result['errors'][:5]}")
    return p95, len(result["errors"])


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
    parser.add_argument("--seconds", type=float, default=20, help="of each load (one client: a quarter of it)")
    parser.add_argument("--rates", default="2,5", help="requests/s of each paced client, one paced load each")
    parser.add_argument("--workers", type=int, default=1, help="the server's processes (eventwire serve --workers)")
    parser.add_argument("--db", default=corpus_benchmark.DEFAULT_DB, help="the synthetic corpus (SQLite path or URL)")
    parser.add_argument("--events", type=int, default=100_000, help="events the corpus holds at least")
    parser.add_argument("--analyze-rounds", type=int, default=5, help="times the examples are analysed")
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",") if r.strip()]

    store, info = corpus_benchmark.prepare(SimpleNamespace(db=args.db, events=args.events, rebuild=False))
    events = corpus_benchmark.counts(store)["events"]
    store.engine.dispose()
    print(f"corpus  {events:,} events in {info['articles']:,} articles ({args.db}, "
          f"{'cached' if info.get('cached') else 'built now'})")
    print(f"machine {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the start")
    drawn = queries(50_000)  # more than a load sends: no query is asked twice in one load

    server, base = start_server(args.db, args.workers)
    try:
        httpx.get(base + "/api/events", params=drawn[0][1], timeout=30)
        at_rest = rss_mb(server.pid)
        peak = [at_rest]
        sampling = threading.Event()

        def sample() -> None:
            while not sampling.is_set():
                peak[0] = max(peak[0], rss_mb(server.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        server_label = f"the server with {args.workers} processes" if args.workers > 1 else "the server"
        errors = report(f"one     /api/events, 1 client (closed loop) for {args.seconds / 4:.0f} s, {server_label}",
                        measured(server.pid, load(base, 1, args.seconds / 4, drawn)))[1]
        p95, more = report(f"closed  /api/events, {args.clients} closed-loop clients for {args.seconds:.0f} s",
                           measured(server.pid, load(base, args.clients, args.seconds, drawn)))
        errors += more
        for rate in rates:
            errors += report(f"paced   /api/events, {args.clients} clients each sending {rate:g} requests/s "
                             f"(offered {args.clients * rate:g} requests/s) for {args.seconds:.0f} s",
                             measured(server.pid, load(base, args.clients, args.seconds, drawn, rate=rate)))[1]
        sampling.set()
        sampler.join()
        print(f"\nload average at the end of the loads {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

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
            failures = []
            for article in articles:
                answer = http.post(base + "/api/analyze", json=article)
                if answer.status_code != 200:
                    failures.append(f"{article['id']}: {answer.status_code} {answer.text[:200]}")
            failed = len(failures)
            api_seconds = time.perf_counter() - began
        after_analyses = rss_mb(server.pid)
        cli_rate, api_rate = words / cli_seconds, words / api_seconds
        print(f"\nanalyze {len(articles)} articles, {words:,} words (the examples, {args.analyze_rounds} times)")
        print(f"        eventwire analyze (one run, model load included) {cli_seconds:6.2f} s  {cli_rate:7.0f} words/s")
        print(f"        POST /api/analyze one by one (model loaded: {model_load:.1f} s on the first request) "
              f"{api_seconds:6.2f} s  {api_rate:7.0f} words/s, {failed} failed")
        print(f"        API / CLI {api_rate / cli_rate:.2f}x")
        if failures:
            print(f"        first failure: {failures[0]}")
        print(f"\nmemory  the server at rest {at_rest:.0f} MB, under the query loads at most {peak[0]:.0f} MB, "
              f"after the analyses {after_analyses:.0f} MB")
        print("\ngoals")
        for goal, met, figure in (
                (f"/api/events p95 under {GOAL_P95_MS} ms, {args.clients} closed-loop clients", p95 < GOAL_P95_MS,
                 f"{p95:.1f} ms"),
                ("0 errors under the loads", not errors, f"{errors}"),
                (f"/api/analyze at least {GOAL_ANALYZE_RATIO}x the CLI, none failed",
                 api_rate / cli_rate >= GOAL_ANALYZE_RATIO and not failed, f"{api_rate / cli_rate:.2f}x, {failed} failed")):
            print(f"  {'met    ' if met else 'NOT MET'}  {goal}: {figure}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
