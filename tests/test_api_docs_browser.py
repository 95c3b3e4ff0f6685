"""/docs in a real browser (Playwright driving Debian's chromium by its path, as the pages'
browser tests do): the page reads the schema from this server alone, under its content
security policy, lists the endpoints, and sends a request filled in from a form."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import wait_until_serving

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def server(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    process = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", str(tmp_path / "empty.db"),
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, seconds=15)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_api_docs_page_lists_the_endpoints_and_sends_a_request(server):
    if not Path(CHROMIUM).exists():
        if os.environ.get("EVENTWIRE_CI"):
            pytest.fail(f"CI runs the browser tests, but {CHROMIUM} is missing: tools/chromium installs it")
        pytest.skip(f"{CHROMIUM} is missing: run tools/chromium (Debian's chromium) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            problems, elsewhere = [], []
            page.on("console", lambda message: problems.append(message.text)
                    if message.type == "error" and not message.text.startswith("Failed to load resource") else None)
            page.on("response", lambda response: problems.append(f"{response.status} {response.url}")
                    if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
            page.on("request", lambda request: elsewhere.append(request.url)
                    if not request.url.startswith(server) else None)
            page.goto(server + "/docs")
            page.wait_for_selector("details")
            summaries = page.locator("summary").all_inner_texts()
            assert any("/api/events/{event_id}" in s for s in summaries)
            assert any(s.startswith("POST") and "/api/articles" in s for s in summaries)
            events = page.locator("details", has=page.locator("code", has_text="/api/events")).first
            events.locator("summary").click()
            events.locator("input[name=limit]").fill("1")
            events.locator("button").click()
            page.wait_for_function("() => [...document.querySelectorAll('pre')].some(p => p.textContent.startsWith('200'))")
            shown = events.locator("pre").inner_text()
            assert shown.startswith("200 application/json") and '"rows": []' in shown
            assert problems == [] and elsewhere == []
        finally:
            browser.close()
