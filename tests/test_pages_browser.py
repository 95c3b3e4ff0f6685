"""The pages in a real browser: Debian's Chromium driven by Playwright (launched by its path; no
browser download) against a live `eventwire serve` on 127.0.0.1, over a store ingested from the
bundled examples and an article full of markup. Analyse a text through the form; the
highlighted spans' text and offsets equal the record's; selecting an event lights up its
actor, date and place and shows its fields; the events table filters; an actor page draws its
SVG timeline; the markup article runs nothing; a phone-width screen needs no sideways scroll."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from eventwire.store import Store
from eventwire.store.corpus import Corpus

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# how Chromium runs on this machine (no sandbox as root; no calls home on a closed network)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS = {"id": "xss", "source": "<b>Bad</b> Outlet", "url": "javascript:alert(1)", "published": "2024-05-06",
       "text": "Kenyan police fire tear gas at protesters in Nairobi\n"
               "Kenyan police fired tear gas at protesters <img src=x onerror=alert(1)> in Nairobi on Monday, "
               "witnesses said. <script>alert(1)</script> \"We will keep marching,\" said activist John Mwangi "
               "<a href=\"javascript:alert(1)\">(video)</a>, speaking to reporters."}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(base URL, store path) of a live server over the examples and the markup article."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("EVENTWIRE_CI"):
            pytest.fail(f"CI runs the browser tests, but {CHROMIUM} is missing: tools/chromium installs it")
        pytest.skip(f"{CHROMIUM} is missing: run tools/chromium (Debian's chromium) to run the browser tests")
    where = tmp_path_factory.mktemp("browser")
    db = str(where / "pages.db")
    xss = where / "xss.jsonl"
    xss.write_text(json.dumps(XSS) + "\n", encoding="utf-8")
    eventwire = [sys.executable, "-m", "eventwire"]
    for source, extra in ((ROOT / "examples" / "seed-article.txt", ["--published", "2022-03-28"]),
                          (ROOT / "examples" / "news.jsonl", []), (xss, [])):
        subprocess.run([*eventwire, "ingest", str(source), "--db", db, *extra], check=True, capture_output=True)
    port = _free_port()
    log = open(where / "serve.log", "wb")  # a file, not a pipe: a full pipe would stall the server
    server = subprocess.Popen([*eventwire, "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("eventwire serve ended: " + (where / "serve.log").read_text(errors="replace"))
                time.sleep(0.1)
        yield base, db
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.dialogs = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


SEGMENTS_JS = """() => Array.from(document.querySelectorAll('#article-text .seg')).map(s => ({
    start: +s.dataset.start, end: +s.dataset.end, kinds: s.dataset.kinds.split(' '),
    facts: s.dataset.facts.split(' '), text: s.textContent,
    classes: Array.from(s.classList)}))"""


def _run(segments, fact, kind):
    pieces = [s for s in segments if fact in s["facts"] and kind in s["kinds"]]
    return (pieces[0]["start"], pieces[-1]["end"], "".join(p["text"] for p in pieces)) if pieces else None


def _expected(record):
    """(fact, kind, span) for every span the page highlights."""
    found = [(f"a{n}", "actor", a["span"]) for n, a in enumerate(record["actors"])]
    for quote in record["quotes"]:
        found += [(quote["id"], "quote", part) for part in quote["content"]]
        if quote["cue"]:
            found.append((quote["id"], "cue", quote["cue"]))
    for event in record["events"]:
        found += [(event["id"], "trigger", piece["trigger"]) for piece in event["evidence"]]
    found += [(f"t{n}", "date", t["span"]) for n, t in enumerate(record["timexes"])]
    found += [(f"p{n}", "place", p["span"]) for n, p in enumerate(record["places"])]
    return found


def _check_against(segments, record):
    assert segments, "no highlighted segment"
    for segment in segments:
        assert segment["text"] == record["text"][segment["start"]:segment["end"]]
    for fact, kind, want in _expected(record):
        pieces = [s for s in segments if fact in s["facts"] and kind in s["kinds"]]
        # a span is the run of segments carrying it; two spans of one fact (a quote in parts) are two runs
        starts = [s["start"] for s in pieces]
        assert want["start"] in starts, (fact, kind, want)
        run, at = "", want["start"]
        for s in sorted(pieces, key=lambda s: s["start"]):
            if s["start"] == at and at < want["end"]:
                run += s["text"]
                at = s["end"]
        assert (at, run) == (want["end"], want["text"]), (fact, kind, want)


def _stored(base, db, input_id):
    """A stored article's number and its record as the JSON API gives it (/api/articles/N)."""
    article_id = next(a["article"] for a in Corpus(Store.open(db)).articles() if a["input_id"] == input_id)
    with urllib.request.urlopen(f"{base}/api/articles/{article_id}") as response:
        return article_id, json.load(response)["record"]


def test_pages_browser_analyse_a_text_through_the_form(page, served):
    base, _ = served
    from eventwire import Analyzer

    text = ("Russia and Ukraine agree to hold talks in Istanbul\n"
            "Russian and Ukrainian negotiators agreed on Monday to meet in Istanbul, Turkey's presidency said. "
            "\"We want peace,\" Ukrainian President Volodymyr Zelensky said.")
    page.goto(base + "/analyze")
    page.fill("#text", text)
    page.fill("#published", "2022-03-28")
    page.click("form.analyze button[type=submit]")
    page.wait_for_selector("#article-text", timeout=120_000)
    assert "analysed now, not stored" in page.inner_text("header.article-head")
    record = Analyzer().analyze(text, published="2022-03-28", id="pasted")
    _check_against(page.evaluate(SEGMENTS_JS), record)


def test_pages_browser_article_spans_match_the_record_and_an_event_lights_up(page, served):
    base, db = served
    article_id, record = _stored(base, db, "seed-article")
    page.goto(f"{base}/articles/{article_id}")
    _check_against(page.evaluate(SEGMENTS_JS), record)
    event = next(e for e in record["events"] if e["actor"] and e["actor"].get("span") and e["date"]
                 and e["date"].get("span") and e["place"])
    detail = page.locator(f"#detail-{event['id']}")
    assert not detail.is_visible()  # its fields show once it is selected
    page.click(f'aside button.fact[data-select="{event["id"]}"]')
    segments = page.evaluate(SEGMENTS_JS)
    for role in ("actor", "date", "place"):
        lit = [s for s in segments if f"lit-{role}" in s["classes"]]
        assert lit, role
        want = (event[role]["span"] if role != "place" else event["place"]["span"])
        assert (lit[0]["start"], lit[-1]["end"]) == (want["start"], want["end"]), role
    assert detail.is_visible()
    shown = detail.inner_text()
    assert event["type"] in shown and event["pattern"] in shown and event["date"]["value"] in shown
    page.keyboard.press("Escape")
    assert not detail.is_visible()
    # by keyboard: Tab reaches the event's button, Enter selects it
    button = page.locator(f'aside button.fact[data-select="{event["id"]}"]')
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    wanted = f'aside button.fact[data-select="{event["id"]}"]'
    for _ in range(400):  # Tab from the top of the page until the event's button has the focus
        page.keyboard.press("Tab")
        if page.evaluate("(css) => document.activeElement === document.querySelector(css)", wanted):
            break
    else:
        raise AssertionError("Tab never reached the event's button")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true" and detail.is_visible()
    # a quote shows its speaker and cue
    quote = next(q for q in record["quotes"] if q["speaker"] and q["cue"])
    page.click(f'aside button.fact[data-select="{quote["id"]}"]')
    quote_detail = page.locator(f"#detail-{quote['id']}").inner_text()
    assert quote["cue"]["text"] in quote_detail


def test_pages_browser_events_table_filters(page, served):
    base, _ = served
    page.goto(base + "/events")
    every = page.locator("#events-table tbody tr").count()
    types = page.evaluate("() => Array.from(document.querySelectorAll('#events-table tbody tr')).map(r => r.dataset.type)")
    assert every >= 2 and len(set(types)) >= 2
    wanted = types[0]
    page.select_option("select[name=type]", wanted)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(f"**type={wanted}**")
    shown = page.evaluate("() => Array.from(document.querySelectorAll('#events-table tbody tr')).map(r => r.dataset.type)")
    assert shown and set(shown) == {wanted} and len(shown) < every
    assert f"type={wanted}" in page.get_attribute("a[download]", "href")


def test_pages_browser_actor_page_draws_its_timeline(page, served):
    base, db = served
    corpus = Corpus(Store.open(db))
    actor = next(a for a in corpus.actors() if list(corpus.timeline(a["name"])))
    page.goto(base + "/actors?name=" + actor["name"])
    page.click(f'a[href="/actors/{actor["id"]}"]')
    svg = page.locator("svg.timeline").first  # events by the actor; events to it follow
    assert svg.is_visible()
    bars = svg.locator("rect.bar")
    assert bars.count() >= 1 and int(bars.first.get_attribute("data-events")) >= 1
    assert svg.locator("text.tick").count() >= 3  # the count axis and the week labels
    box = bars.first.bounding_box()
    assert box and box["height"] > 0


def test_pages_browser_an_article_full_of_markup_is_inert(page, served):
    base, db = served
    article_id, record = _stored(base, db, "xss")
    page.goto(f"{base}/articles/{article_id}")
    page.wait_for_timeout(300)
    for button in page.locator("aside button.fact").all():
        button.click()
    page.locator("#article-text").click()
    page.wait_for_timeout(300)
    assert page.dialogs == []
    scripts = page.evaluate("() => Array.from(document.scripts).map(s => s.getAttribute('src'))")
    assert scripts == ["/static/pages.js"]
    assert page.locator("#article-text img, #article-text a, [onerror]").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.inner_text("#article-text") == record["text"]
    _check_against(page.evaluate(SEGMENTS_JS), record)


def test_pages_browser_phone_width_needs_no_sideways_scroll(browser, served):
    base, db = served
    article_id, _ = _stored(base, db, "seed-article")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        phone = context.new_page()
        for path in (f"/articles/{article_id}", "/", "/analyze"):
            phone.goto(base + path)
            assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390, path
    finally:
        context.close()
