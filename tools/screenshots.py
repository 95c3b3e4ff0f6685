"""Screenshots of the pages for the docs and the README: the article page (with an event
selected, its actor, date and place lit) and an actor page with its timeline chart.

    .venv/bin/python tools/screenshots.py [--db STORE] [--out docs/img]

Without --db it ingests the bundled examples (examples/seed-article.txt, examples/news.jsonl)
into a temporary store. It runs `eventwire serve` on a free loopback port and drives Debian's
chromium (tools/chromium installs it) with Playwright, as tests/test_pages_browser.py does.
Writes article.png and actor.png."""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EVENTWIRE = [sys.executable, "-m", "eventwire"]


def build_store(where: Path) -> str:
    db = str(where / "examples.db")
    subprocess.run([*EVENTWIRE, "ingest", str(ROOT / "examples" / "seed-article.txt"), "--db", db,
                    "--published", "2022-03-28"], check=True, capture_output=True)
    subprocess.run([*EVENTWIRE, "ingest", str(ROOT / "examples" / "news.jsonl"), "--db", db],
                   check=True, capture_output=True)
    return db


def serve(db: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([*EVENTWIRE, "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            return server, base
        except OSError:
            if server.poll() is not None:
                sys.exit("tools/screenshots.py: eventwire serve ended; run it by hand to see why")
            time.sleep(0.1)
    server.terminate()
    sys.exit("tools/screenshots.py: eventwire serve did not answer in 20 s")


def busiest(db: str) -> tuple[int, str]:
    """(the article with the most events, the actor with the most events in its timeline)."""
    from eventwire.store import Store
    from eventwire.store.corpus import Corpus

    corpus = Corpus(Store.open(db))
    reports: dict[int, int] = {}
    for mention in corpus.mentions():
        reports[mention["article"]] = reports.get(mention["article"], 0) + 1
    article = max(reports, key=reports.get)
    actor = max(corpus.actors(limit=50), key=lambda a: sum(r["events"] for r in corpus.timeline(a["name"])))
    return article, actor["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="a store to show (default: the examples, ingested now)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"), help="where the PNG files go")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"tools/screenshots.py: {CHROMIUM} is missing: run tools/chromium first")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as where:
        db = args.db or build_store(Path(where))
        article, actor = busiest(db)
        server, base = serve(db)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                page = browser.new_page(viewport={"width": 1200, "height": 860})
                page.goto(f"{base}/articles/{article}")
                first_event = page.locator("aside button.fact[data-select^=v]").first
                if first_event.count():
                    first_event.click()
                # the text and the selected event's fields, under the headline and the brief
                page.locator(".reading").evaluate("e => e.scrollIntoView()")
                page.screenshot(path=str(out / "article.png"))
                page.set_viewport_size({"width": 1200, "height": 1100})  # both timelines
                page.goto(f"{base}/actors/{actor}")
                page.screenshot(path=str(out / "actor.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    for name in ("article.png", "actor.png"):
        print(f"{out / name}: {(out / name).stat().st_size // 1024} kB")


if __name__ == "__main__":
    main()
