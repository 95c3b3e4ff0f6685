"""The corpus store on its own (no model): articles kept once by their text, extractions as
rows, failures kept once, and stores it cannot use refused with a message that names them."""

import json
import sqlite3
from pathlib import Path

import pytest

from eventwire.errors import StoreError
from eventwire.store import Store, schema, text_key

ROOT = Path(__file__).resolve().parent.parent


def record(text="Kenya accused Uganda of shelling the border town on Monday.", id="a"):
    return {
        "id": id, "schema": "1", "text": text, "published": "2024-05-06",
        "meta": {"url": "https://example.org/a", "source": "Example Wire", "title": None, "published_from": "input"},
        "events": [{
            "id": "v1", "type": "ACCUSE", "mode": "allege", "counted": True, "negated": False, "modality": None,
            "actor": {"countries": ["KEN"]}, "recipient": {"countries": ["UGA"]},
            "trigger": {"start": 6, "end": 13, "text": "accused"}, "sentence": {"start": 0, "end": len(text)},
            "date": {"value": "2024-05-06", "source": "text"}, "place": None, "pattern": "accuse.verb",
        }],
        "quotes": [],
    }


def test_the_same_text_is_stored_once_whatever_its_whitespace(store_url):
    store = Store.open(store_url)
    assert store.add(record(), "a.txt", "news/a.txt")
    copy = record(text="Kenya  accused Uganda of shelling\nthe border town on Monday. ", id="b")
    assert text_key(copy["text"]) == text_key(record()["text"])
    assert not store.add(copy, "b.txt", "news/b.txt")
    assert store.counts() == {"articles": 1, "event_mentions": 1, "quote_mentions": 0, "failures": 0}


def test_extractions_are_rows_with_their_evidence(store_url):
    store = Store.open(store_url)
    store.add(record(), "a.txt", "news/a.txt")
    with store.engine.connect() as db:
        text, stored = db.exec_driver_sql("SELECT text, record FROM articles").fetchone()
        row = db.exec_driver_sql("SELECT type, actor_countries, recipient_countries, trigger_start, trigger_end "
                                 "FROM event_mentions").fetchone()
    assert json.loads(stored)["events"][0]["type"] == "ACCUSE"
    assert row[:3] == ("ACCUSE", "KEN", "UGA") and text[row[3]:row[4]] == "accused"


def test_a_failure_met_again_is_kept_once(store_url):
    store = Store.open(store_url)
    for _ in range(2):
        store.add_failure("b", "news/b.html", "read", "news/b.html: is not UTF-8 text")
    store.add_failure("c", "news/c.html", "read", "news/c.html: is empty")
    assert [(f["origin"], f["reason"]) for f in store.failures()] == [("news/b.html", "read"), ("news/c.html", "read")]


@pytest.mark.parametrize("where,words", [
    ("mysql://user@host/db", "unknown kind of database"),
    ("/no/such/folder/corpus.db", "does not exist"),
])
def test_unusable_store_addresses_are_refused(where, words):
    with pytest.raises(StoreError, match=words):
        Store.open(where)


@pytest.mark.slow  # needs the PostgreSQL driver (bin/setup postgres), which bin/test installs
def test_an_unreachable_server_is_named_with_what_to_do():
    with pytest.raises(StoreError, match="cannot reach the database server"):
        Store.open("postgresql://nobody@127.0.0.1:9/none")


def test_a_file_that_is_no_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store.open(str(path))
    assert path.read_text().startswith("these are my notes")  # nothing was written to it


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="not an eventwire store"):
        Store.open(str(path))


def test_a_store_from_a_newer_eventwire_is_refused(store_url):
    store = Store.open(store_url)
    with store.engine.begin() as db:
        db.execute(schema.meta.update().where(schema.meta.c.key == "store_version")
                   .values(value=str(schema.STORE_VERSION + 1)))
    store.engine.dispose()
    with pytest.raises(StoreError, match="newer eventwire"):
        Store.open(store_url)


def test_a_read_only_store_says_so_and_keeps_what_it_has(tmp_path):
    path = tmp_path / "corpus.db"
    Store.open(str(path)).add(record(), "a.txt", "a.txt")
    # opened read-only by the driver, as a store on a read-only disk or share is
    store = Store.open(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(StoreError, match="read-only"):
        store.add(record(text="Another article entirely."), "b.txt", "b.txt")
    assert Store.open(str(path)).counts()["articles"] == 1
