"""Faults met while writing (no model): a disk that fills up mid-ingest and a store another
process holds locked each give a clear error naming the store, and what was stored before is
intact and consistent."""

import sqlite3
import threading

import pytest
from click.testing import CliRunner
from sqlalchemy import event

from eventwire.errors import StoreError
from eventwire.store import Store
from eventwire.store import store as store_module
from eventwire.store.aggregate import aggregate
from eventwire.store.corpus import Corpus


def _record(n: int, words: int = 60) -> dict:
    text = f"Article {n}: " + " ".join(f"word{n}x{i}" for i in range(words)) + "."
    return {"id": str(n), "text": text, "published": "2024-05-06", "meta": {"source": "Wire"},
            "events": [{"id": "v1", "type": "PROTEST", "mode": None, "counted": True, "negated": False,
                        "actor": {"countries": ["KEN"]}, "recipient": {"countries": ["KEN"]},
                        "trigger": {"start": 0, "end": 7}, "sentence": {"start": 0, "end": len(text)},
                        "date": {"value": "2024-05-06"}, "place": None}],
            "quotes": [], "entities": []}


def _fill_the_disk_after(store: Store, spare_pages: int) -> None:
    """From now on the store's file may grow by only `spare_pages` pages, as on a full disk:
    SQLite then fails with SQLITE_FULL, "database or disk is full", as it does when the disk is."""
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(store.engine, "connect")
    def _limit(connection, _record):
        connection.execute(f"PRAGMA max_page_count={pages + spare_pages}")

    store.engine.dispose()


def test_a_disk_that_fills_mid_ingest_keeps_every_whole_article(tmp_path):
    path = str(tmp_path / "corpus.db")
    store = Store.open(path)
    for n in range(3):
        assert store.add(_record(n), str(n), str(n))
    aggregate(store)
    _fill_the_disk_after(store, spare_pages=4)
    with pytest.raises(StoreError, match=r"corpus.db: the disk is full; what was stored before is intact — free space"):
        for n in range(3, 400):
            store.add(_record(n, words=400), str(n), str(n))
    stored = store.counts()["articles"]
    assert 3 <= stored < 400
    # whole articles only: every stored article has its event row, and the file is sound
    reopened = Store.open(path)
    assert reopened.counts()["event_mentions"] == stored
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert aggregate(reopened)["events"] >= 1  # and with space again, the derived tables rebuild


@pytest.mark.slow  # loads the model
def test_the_ingest_command_says_the_disk_is_full_and_what_is_kept(tmp_path, monkeypatch):
    """The same through `eventwire ingest`: one line naming the store, exit 2, no traceback."""
    from eventwire.shells.cli import main

    path = str(tmp_path / "corpus.db")
    store = Store.open(path)
    store.add(_record(0), "0", "0")
    original = Store.open

    def open_full(where=None, create=True):
        opened = original(where, create)
        _fill_the_disk_after(opened, spare_pages=0)
        return opened

    monkeypatch.setattr(Store, "open", staticmethod(open_full))
    source = tmp_path / "a.txt"
    source.write_text("Kenya. " + "Police arrested protesters in Nairobi on Monday. " * 400)
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", path])
    assert result.exit_code == 2, result.output
    assert "the disk is full" in result.stderr and "Traceback" not in result.output
    assert original(path).counts()["articles"] == 1


def test_a_store_locked_by_another_process_is_named_and_left_as_it_was(tmp_path, monkeypatch):
    path = str(tmp_path / "corpus.db")
    Store.open(path).add(_record(0), "0", "0")
    monkeypatch.setattr(store_module, "LOCK_WAIT_SECONDS", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program writing, and not letting go
    try:
        store = Store.open(path)
        with pytest.raises(StoreError, match="locked by another process — wait for it to finish"):
            store.add(_record(1), "1", "1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert Store.open(path).counts()["articles"] == 1
    assert store.add(_record(1), "1", "1")  # once it is free, the same store takes the article


def test_a_reader_sees_the_store_while_another_writes(tmp_path):
    """Listings read while an ingest writes (the write-ahead log): neither waits for the other."""
    path = str(tmp_path / "corpus.db")
    store = Store.open(path)
    store.add(_record(0), "0", "0")
    aggregate(store)
    done = threading.Event()

    def write():
        for n in range(1, 40):
            store.add(_record(n), str(n), str(n))
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    seen = [len(list(Corpus(Store.open(path)).mentions())) for _ in range(10)]
    writer.join()
    assert done.is_set() and all(count >= 1 for count in seen)
