"""The HTTP API over a store built by ingesting the bundled examples (a real ingest: the spaCy
model loads, hence slow): every listing, its filters, pages, totals and formats read back with
standard readers; rows by id and a merged event's redirect; aggregates; analysis and ingest
through the API; and one live uvicorn server fetched over the loopback."""

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import httpx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import insert

from eventwire.shells.api.app import create_app
from eventwire.shells.cli import main
from eventwire.store import Store, schema
from eventwire.store.corpus import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    STORY_COLUMNS,
    Corpus,
)
from eventwire.store.export import POLECAT_COLUMNS
from tests.conftest import new_postgres_database, wait_until_serving

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TOKEN = "test-token-4f9a"
MERGED_AWAY = "ev-000000000000"  # an id that aggregate() once merged into another event
LISTINGS = {"/api/events": EVENT_COLUMNS, "/api/mentions": MENTION_COLUMNS, "/api/quotes": QUOTE_COLUMNS,
            "/api/actors": ACTOR_COLUMNS, "/api/stories": STORY_COLUMNS, "/api/articles": ARTICLE_COLUMNS}
KEY = {"/api/events": "id", "/api/quotes": "id", "/api/actors": "id", "/api/stories": "id",
       "/api/articles": "article"}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def database(request, tmp_path_factory):
    """A new store's URL: an SQLite file, or a new database on the PostgreSQL server named in
    EVENTWIRE_TEST_POSTGRES (as conftest.store_url, once per module here: ingesting costs)."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("api") / "corpus.db")
        return
    with new_postgres_database("eventwire_api") as url:
        yield url


@pytest.fixture(scope="module")
def built(database):
    """The store of the README's walk-through: the seed article and the JSON Lines news."""
    db = database
    runner = CliRunner()
    for source, extra in ((EXAMPLES / "seed-article.txt", ["--published", "2022-03-28"]),
                          (EXAMPLES / "news.jsonl", [])):
        result = runner.invoke(main, ["ingest", str(source), "--db", db, "--quiet", *extra])
        assert result.exit_code == 0, result.output
    store = Store.open(db)
    survivor = next(Corpus(store).events())["id"]
    with store.engine.begin() as conn:  # as aggregate() records a merge when the corpus grows
        conn.execute(insert(schema.event_aliases).values(old_id=MERGED_AWAY, event_id=survivor))
    return db


@pytest.fixture(scope="module")
def client(built):
    return TestClient(create_app(built, token=TOKEN))


@pytest.fixture
def writable(built, tmp_path):
    """A client over a copy of the store, for the tests that write (on PostgreSQL, the store
    itself: these tests run last in the module, and add articles the others do not count)."""
    if "://" in built:
        return TestClient(create_app(built, token=TOKEN, max_body=200_000)), built
    copy = tmp_path / "copy.db"
    shutil.copy(built, copy)
    return TestClient(create_app(str(copy), token=TOKEN, max_body=200_000)), str(copy)


def _all(client, path, **params):
    """Every row of a listing, as JSON Lines (one request, no pages)."""
    response = client.get(path, params={**params, "format": "jsonl"})
    assert response.status_code == 200, response.text
    return [json.loads(line) for line in response.text.splitlines()]


@pytest.mark.parametrize("path", sorted(LISTINGS))
def test_api_listing_gives_a_page_of_rows_with_the_corpus_columns(client, path):
    response = client.get(path, params={"total": "true"})
    assert response.status_code == 200
    page = response.json()
    assert set(page) == {"rows", "next", "total"}
    assert page["rows"], f"{path} is empty on the examples"
    assert page["total"] == len(_all(client, path))
    for row in page["rows"]:
        assert tuple(row) == LISTINGS[path]


@pytest.mark.parametrize("path", sorted(LISTINGS))
def test_api_cursor_walks_every_row_exactly_once(client, path):
    walked, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get(path, params=params).json()
        walked.extend(page["rows"])
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break
        assert pages < 100
    assert walked == _all(client, path)
    if path in KEY:
        keys = [row[KEY[path]] for row in walked]
        assert len(keys) == len(set(keys))


def test_api_events_filters_give_what_the_corpus_gives(client, built):
    corpus = Corpus(Store.open(built))
    for filters in ({"actor": "RUS"}, {"recipient": "UKR"}, {"type": "AGREE"}, {"since": "2023-05"},
                    {"until": "2022"}, {"min_sources": 2}, {"actor_name": "sudan"}, {"all": True},
                    {"actor": "RUS", "recipient": "UKR", "since": "2022-W12", "until": "2022-W14"}):
        expected = [e["id"] for e in corpus.events(**{("uncounted" if k == "all" else k): v
                                                      for k, v in filters.items()})]
        params = {k: str(v).lower() if isinstance(v, bool) else v for k, v in filters.items()}
        got = [row["id"] for row in _all(client, "/api/events", **params)]
        assert got == expected, filters
    assert _all(client, "/api/events", type="AGREE"), "the examples hold an AGREE event"
    assert len(_all(client, "/api/events", all="true")) >= len(_all(client, "/api/events"))


@pytest.mark.parametrize("sort", ["-n_sources", "n_mentions", "-date"])
def test_api_events_sorted_walk_every_row_once_in_that_order(client, sort):
    walked, cursor = [], None
    while True:
        page = client.get("/api/events", params={"sort": sort, "limit": 3, "all": "true",
                                                  **({"cursor": cursor} if cursor else {})}).json()
        walked.extend(page["rows"])
        if (cursor := page["next"]) is None:
            break
    everything = _all(client, "/api/events", all="true")
    assert sorted(e["id"] for e in walked) == sorted(e["id"] for e in everything)
    assert len({e["id"] for e in walked}) == len(walked)
    key = sort.lstrip("-")
    if key != "date":
        values = [e[key] for e in walked]
        assert values == sorted(values, reverse=sort.startswith("-"))
    polecat = client.get("/api/events", params={"sort": sort, "format": "polecat"}).text
    assert [r["Event ID"] for r in csv.DictReader(io.StringIO(polecat), delimiter="\t")] == \
        [e["id"] for e in _all(client, "/api/events", sort=sort)]


def test_api_other_listings_filter(client):
    assert _all(client, "/api/articles", story="st-none") == []
    sudan = _all(client, "/api/actors", country="SDN")
    assert sudan and all(r["country"] == "SDN" for r in sudan)
    story = _all(client, "/api/stories")[0]
    assert len(_all(client, "/api/articles", story=story["id"])) == story["n_articles"]
    quotes = _all(client, "/api/quotes", words="artillery")
    assert quotes and all("artillery" in q["content"].lower() for q in quotes)
    occurrences = _all(client, "/api/quotes", words="artillery", mentions="true")
    assert len(occurrences) == sum(q["n_occurrences"] for q in quotes)
    event = _all(client, "/api/events")[0]
    assert {m["event"] for m in _all(client, "/api/mentions", event=event["id"], all="true")}


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet", "polecat", "plover"])
def test_api_events_in_every_format_read_back(client, fmt):
    expected = client.get("/api/events", params={"limit": 1000}).json()["rows"]
    response = client.get("/api/events", params={"format": fmt})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "parquet":
        table = pq.read_table(io.BytesIO(response.content))
        assert table.column_names == list(EVENT_COLUMNS)
        assert table.column("id").to_pylist() == [e["id"] for e in expected]
        return
    if fmt in ("jsonl", "plover"):
        rows = [json.loads(line) for line in response.text.splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(response.text), delimiter="," if fmt == "csv" else "\t"))
    key = {"polecat": "Event ID"}.get(fmt, "id")
    assert [r[key] for r in rows] == [e["id"] for e in expected]
    if fmt == "polecat":
        assert tuple(rows[0]) == POLECAT_COLUMNS
    if fmt == "csv":
        assert [int(r["n_mentions"]) for r in rows] == [e["n_mentions"] for e in expected]


@pytest.mark.parametrize("path", sorted(LISTINGS))
def test_api_every_listing_streams_csv_and_parquet(client, path):
    rows = _all(client, path)
    text = client.get(path, params={"format": "csv"}).text
    assert len(list(csv.DictReader(io.StringIO(text)))) == len(rows)
    table = pq.read_table(io.BytesIO(client.get(path, params={"format": "parquet"}).content))
    assert table.num_rows == len(rows)


def test_api_format_follows_the_accept_header_and_a_limited_export_says_where_next(client):
    assert client.get("/api/events", headers={"Accept": "text/csv"}).headers["content-type"].startswith("text/csv")
    assert client.get("/api/events", headers={"Accept": "application/x-ndjson"}).headers["content-type"] \
        == "application/x-ndjson"
    assert client.get("/api/events", headers={"Accept": "text/html"}).headers["content-type"] == "application/json"
    first = client.get("/api/events", params={"format": "jsonl", "limit": 1, "total": "true"})
    following = client.get("/api/events", params={"format": "jsonl", "limit": 1000,
                                                   "cursor": first.headers["x-next-cursor"]})
    assert "rel=\"next\"" in first.headers["link"]
    rows = [json.loads(x) for x in (first.text + following.text).splitlines()]
    assert len(rows) == int(first.headers["x-total-count"]) == len(_all(client, "/api/events"))


def test_api_event_has_its_mentions_and_evidence_and_a_merged_id_redirects(client):
    event_id = _all(client, "/api/events")[0]["id"]
    event = client.get(f"/api/events/{event_id}").json()
    assert event["id"] == event_id and len(event["mentions"]) == event["n_mentions"]
    for mention in event["mentions"]:
        assert mention["trigger"] and mention["trigger"] in mention["sentence"]
    moved = client.get(f"/api/events/{MERGED_AWAY}", follow_redirects=False)
    assert moved.status_code == 308 and moved.headers["location"].endswith(f"/api/events/{event_id}")
    assert client.get(f"/api/events/{MERGED_AWAY}").json() == event


def test_api_article_has_its_whole_analysis_whose_offsets_index_its_text(client):
    for row in _all(client, "/api/articles"):
        article = client.get(f"/api/articles/{row['article']}").json()
        record, text = article["record"], article["text"]
        assert record["text"] == text
        for event in record["events"]:
            trigger = event["trigger"]
            assert text[trigger["start"]:trigger["end"]] == trigger["text"]
        for entity in record["entities"]:
            for mention in entity["mentions"]:
                assert text[mention["start"]:mention["end"]] == mention["text"]


def test_api_quote_actor_and_story_rows(client):
    quote = _all(client, "/api/quotes")[0]
    one = client.get(f"/api/quotes/{quote['id']}").json()
    assert one["content"] == quote["content"] and len(one["mentions"]) == quote["n_occurrences"]
    actor = _all(client, "/api/actors")[0]
    one = client.get(f"/api/actors/{actor['id']}").json()
    assert one["name"] == actor["name"] and len(one["articles"]) == actor["n_articles"]
    story = _all(client, "/api/stories")[0]
    one = client.get(f"/api/stories/{story['id']}").json()
    assert len(one["articles"]) == story["n_articles"] and one["outlets"] == story["outlets"]
    for path in ("/api/quotes/qt-none", "/api/actors/ac-none", "/api/stories/st-none", "/api/events/ev-none",
                 "/api/articles/99999"):
        missing = client.get(path)
        assert missing.status_code == 404 and "not in this store" in missing.json()["error"]["message"]


def test_api_counts_timeline_and_search(client):
    events = _all(client, "/api/events")
    by_month = client.get("/api/counts", params={"by": "month"}).json()["rows"]
    dated = [e for e in events if e["date_first"] or e["first_seen"]]
    assert sum(r["events"] for r in by_month) == len(dated)
    dyad = client.get("/api/counts", params={"actor": "RUS", "recipient": "UKR", "by": "week"}).json()["rows"]
    assert dyad and all("-W" in r["period"] for r in dyad)
    assert sum(r["events"] for r in dyad) == len([e for e in _all(client, "/api/events", actor="RUS",
                                                                       recipient="UKR")
                                                   if e["date_first"] or e["first_seen"]])
    timeline = client.get("/api/timeline/RUS").json()["rows"]
    assert timeline and set(timeline[0]) == {"week", "type", "events", "mentions"}
    found = client.get("/api/search", params={"q": "truce"}).json()["rows"]
    assert found and all("[" in r["snippet"] and "]" in r["snippet"] for r in found)


@pytest.mark.parametrize("value", ["' OR 1=1 --", "\"; DROP TABLE events; --", "%", "_", "\\", "RUS') --",
                                   "1; SELECT * FROM articles", "<script>alert(1)</script>", "\x00", "ü" * 300])
def test_api_injection_attempts_give_400_or_empty_never_500(client, value):
    before = len(_all(client, "/api/articles"))
    for path, name in (("/api/events", "actor"), ("/api/events", "actor_name"), ("/api/events", "type"),
                       ("/api/events", "since"), ("/api/events", "story"), ("/api/mentions", "place"),
                       ("/api/quotes", "speaker"), ("/api/actors", "name"), ("/api/articles", "story"),
                       ("/api/search", "q"), ("/api/counts", "country"), ("/api/events", "cursor")):
        response = client.get(path, params={name: value})
        assert response.status_code in (200, 400), (path, name, response.text)
        if response.status_code == 200:
            assert response.json()["rows"] == [] or name == "q", (path, name)
        else:
            assert response.json()["error"]["message"]
    quoted = quote(value, safe="")
    for path in (f"/api/events/{quoted}", f"/api/timeline/{quoted}", f"/api/quotes/{quoted}"):
        assert client.get(path).status_code in (200, 400, 404)
    assert len(_all(client, "/api/articles")) == before


def test_api_analyze_gives_the_clis_record_and_stores_nothing(client, built):
    text = (EXAMPLES / "seed-article.txt").read_text(encoding="utf-8")
    cli = CliRunner().invoke(main, ["analyze", str(EXAMPLES / "seed-article.txt"), "--format", "json",
                                    "--published", "2022-03-28"])
    expected = json.loads(cli.stdout)
    expected = expected[0] if isinstance(expected, list) else expected
    response = client.post("/api/analyze", json={"text": text, "published": "2022-03-28", "id": "seed-article"})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["events"] == expected["events"] and record["quotes"] == expected["quotes"]
    assert record["entities"] == expected["entities"]
    assert len(_all(client, "/api/articles")) == 6
    html = client.post("/api/analyze", json={"html": "<html><head><title>Talks</title></head><body><article><h1>"
                                                     "Talks</h1><p>" + text + "</p></article></body></html>"})
    assert html.status_code == 200 and html.json()["events"]
    for bad in ({}, {"text": "a", "html": "<p>a</p>"}, {"text": "a", "colour": "red"}, {"text": 3}):
        refused = client.post("/api/analyze", json=bad)
        assert refused.status_code == 400, (bad, refused.text)
        assert refused.json()["error"]["message"]


def test_api_analyze_with_store_needs_the_token_and_stores(writable):
    client, _ = writable
    article = {"text": "Protesters marched in Nairobi on Tuesday against new taxes, police said.",
               "published": "2024-06-25", "source": "Test Wire"}
    assert client.post("/api/analyze?store=true", json=article).status_code == 401
    assert client.post("/api/analyze?store=true", json=article,
                       headers={"Authorization": "Bearer wrong"}).status_code == 403
    stored = client.post("/api/analyze?store=true", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert stored.status_code == 200 and stored.headers["x-eventwire-stored"] == "stored"
    assert any(a["outlet"] == "Test Wire" for a in _all(client, "/api/articles"))
    again = client.post("/api/analyze?store=true", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.headers["x-eventwire-stored"] == "duplicate" and again.json()["text"] == stored.json()["text"]


def test_api_articles_ingests_json_and_json_lines_as_ingest_does(writable):
    client, db = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = len(_all(client, "/api/articles"))
    one = {"id": "a1", "text": "Russian forces shelled Kharkiv on Monday, Ukrainian officials said.",
           "published": "2024-05-06", "source": "Wire One"}
    answer = client.post("/api/articles", json=one, headers=auth)
    assert answer.status_code == 200, answer.text
    assert {k: answer.json()[k] for k in ("read", "stored", "duplicates", "failures")} == \
        {"read": 1, "stored": 1, "duplicates": 0, "failures": 0}
    lines = "\n".join(json.dumps(r) for r in (
        one,  # the same text again: a duplicate
        {"id": "a2", "text": "Le gouvernement français a annoncé mardi de nouvelles mesures contre l'inflation, "
                             "a déclaré le porte-parole du ministère de l'économie à Paris."},
        {"id": "a3"},  # no text: a failure, and the rest go on
        {"id": "a4", "text": "Kenyan police arrested dozens of protesters in Nairobi on Tuesday.",
         "published": "2024-06-25"},
    ))
    batch = client.post("/api/articles", content=lines.encode(), headers={**auth, "Content-Type": "application/x-ndjson"})
    report = batch.json()
    assert (report["read"], report["stored"], report["duplicates"], report["failures"]) == (4, 1, 1, 2)
    assert [r["id"] for r in report["results"]] == ["a1", "a2", "a3", "a4"], "in the order sent"
    reasons = {r["id"]: r.get("reason") for r in report["results"] if r["outcome"] == "failure"}
    assert reasons == {"a2": "language", "a3": "read"}
    assert len(_all(client, "/api/articles")) == before + 2
    failures = Store.open(db).failures()
    assert {f["reason"] for f in failures} >= {"language", "read"}
    assert client.get("/api/events", params={"actor": "RUS", "since": "2024-05"}).json()["rows"], \
        "the store was re-aggregated after the ingest"
    assert client.post("/api/articles", content=b"text", headers={**auth, "Content-Type": "text/plain"}).status_code == 415


@pytest.mark.parametrize("workers", [1, 2])  # 2: uvicorn's worker processes, each making its app (serve.py)
def test_api_live_server_on_the_loopback(built, tmp_path, workers):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    server = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", built, "--port", str(port),
                               "--workers", str(workers)],
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base)
        events = httpx.get(base + "/api/events", params={"actor": "RUS"}).json()["rows"]
        assert events and all("RUS" in e["actor_countries"] for e in events)
        assert httpx.get(base + "/docs").status_code == 200
        refused = httpx.post(base + "/api/articles", json={"text": "x"})
        assert refused.status_code == 403 and "read-only" in refused.json()["error"]["message"]
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=20)
    assert "read-only" in stderr and ("with 2 processes" in stderr) == (workers == 2)
