"""`eventwire ingest` and `eventwire failures` as a user runs them: real processes, a real
SQLite store, one killed with SIGKILL mid-ingest."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "examples" / "seed-article.txt").read_text(encoding="utf-8")


def eventwire(*args, cwd):
    return subprocess.run([sys.executable, "-m", "eventwire", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def sentences(n):
    lines = (ROOT / "tests" / "data" / "events" / "heldout.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines[:n]]


def test_ingest_counts_every_input_and_a_rerun_stores_nothing_twice(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(SEED, encoding="utf-8")
    (news / "a-again.txt").write_text(SEED.replace("\n", "\r\n"), encoding="utf-8")  # the same article
    (news / "bad.txt").write_bytes(b"\xff\xfe not text")
    (news / "feed.jsonl").write_text("".join(json.dumps({"id": f"s{n}", "text": t}) + "\n"
                                             for n, t in enumerate(sentences(3))), encoding="utf-8")
    first = eventwire("ingest", "news", "--published", "2022-03-28", cwd=tmp_path)
    assert first.returncode == 1  # one input failed; the rest went in
    assert "read 6 = stored 4 + duplicates 1 + failures 1" in first.stderr
    second = eventwire("ingest", "news", cwd=tmp_path)
    assert "read 6 = stored 0 + duplicates 5 + failures 1" in second.stderr
    with sqlite3.connect(tmp_path / "eventwire.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
        assert db.execute("SELECT count(*) FROM event_mentions").fetchone()[0] > 0
    listed = eventwire("failures", cwd=tmp_path)
    assert listed.returncode == 0
    assert listed.stdout.count("news/bad.txt\tread\t") == 1 and "UTF-8" in listed.stdout


def test_failures_without_a_store_says_what_to_do(tmp_path):
    result = eventwire("failures", cwd=tmp_path)
    assert result.returncode == 2 and "ingest articles first" in result.stderr
    assert not (tmp_path / "eventwire.db").exists()


def test_an_ingest_killed_mid_way_resumes_with_nothing_lost_or_doubled(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    texts = sentences(60)
    for n, text in enumerate(texts):
        (news / f"{n:03}.txt").write_text(text + "\n", encoding="utf-8")
    store = tmp_path / "corpus.db"
    process = subprocess.Popen([sys.executable, "-m", "eventwire", "ingest", "news", "--db", str(store),
                                "--batch-size", "4"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if store.exists():
            try:
                with sqlite3.connect(store, timeout=5) as db:
                    stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 8:
                break
    assert process.poll() is None, "the ingest finished before it could be killed: give it more articles"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(store) as db:
        partial = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 8 <= partial < len(set(texts))
    again = eventwire("ingest", "news", "--db", str(store), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(store) as db:
        keys = [row[0] for row in db.execute("SELECT text_key FROM articles")]
        orphans = db.execute("SELECT count(*) FROM event_mentions WHERE article NOT IN (SELECT id FROM articles)")
        assert orphans.fetchone()[0] == 0
    assert len(keys) == len(set(keys)) == len(set(texts))  # 0 lost, 0 doubled
    assert f"stored {len(set(texts)) - partial} + duplicates {partial} + failures 0" in again.stderr


FRENCH = ("PARIS — Le président de la République a reçu lundi à l'Élysée le chancelier allemand pour "
          "discuter de la guerre en Ukraine et de l'aide militaire européenne, a indiqué la présidence.")


def test_an_article_not_in_english_is_a_failure_unless_asked_for(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (news / "en.txt").write_text(SEED, encoding="utf-8")
    refused = eventwire("ingest", "news", cwd=tmp_path)
    assert refused.returncode == 1 and "read 2 = stored 1 + duplicates 0 + failures 1" in refused.stderr
    assert "news/fr.txt\tlanguage\t" in eventwire("failures", cwd=tmp_path).stdout
    asked = eventwire("ingest", "news", "--any-language", cwd=tmp_path)
    assert asked.returncode == 0 and "stored 1 + duplicates 1" in asked.stderr
    assert "written in 'fr'" in asked.stderr


def test_an_undated_article_takes_its_datelines_date(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Talks in Brasilia\nBRASILIA, May 6, 2024 — Brazil and Argentina held talks "
                                "on trade on Monday, officials said.\n", encoding="utf-8")
    assert eventwire("ingest", "news", cwd=tmp_path).returncode == 0
    with sqlite3.connect(tmp_path / "eventwire.db") as db:
        published, record = db.execute("SELECT published, record FROM articles").fetchone()
    assert published == "2024-05-06" and json.loads(record)["meta"]["published_from"] == "dateline"


def test_the_readmes_walk_through_counts_a_wire_story_once(tmp_path):
    """README, "Corpus store": ingest the bundled examples, then query and export them."""
    ingest = eventwire("ingest", str(ROOT / "examples" / "seed-article.txt"), str(ROOT / "examples" / "news.jsonl"),
                       "--published", "2022-03-28", cwd=tmp_path)
    assert "read 6 = stored 6 + duplicates 0 + failures 0" in ingest.stderr, ingest.stderr
    [story] = json.loads(eventwire("stories", "--format", "json", cwd=tmp_path).stdout)
    assert story["n_articles"] == 3 and story["outlets"] == ["Associated Press", "Gulf Courier"]
    sudan = json.loads(eventwire("events", "--country", "SDN", "--format", "json", cwd=tmp_path).stdout)
    truce = next(e for e in sudan if e["type"] == "AGREE")
    assert (truce["n_articles"], truce["n_sources"], truce["n_independent"]) == (3, 2, 1)
    quotes = json.loads(eventwire("quotes", "--min-sources", "2", "--format", "json", cwd=tmp_path).stdout)
    odhiambo = next(q for q in quotes if q["speaker"] == "Faith Odhiambo")
    assert (odhiambo["n_sources"], odhiambo["n_independent"]) == (2, 2)  # two reporters, two stories
    weeks = json.loads(eventwire("timeline", "KEN", "--format", "json", cwd=tmp_path).stdout)
    assert {"week": "2024-W25", "type": "COERCE", "events": 1, "mentions": 1} in weeks
    out = tmp_path / "events.parquet"
    assert eventwire("export", "events", "--format", "parquet", "--out", str(out), cwd=tmp_path).returncode == 0
    import pyarrow.parquet as pq
    assert pq.read_table(out).num_rows == len(json.loads(eventwire("events", "--format", "json", cwd=tmp_path).stdout))
