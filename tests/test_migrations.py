"""Stores written by an older eventwire are migrated (Alembic), and the migrations make exactly
the tables store/schema.py describes, on SQLite and PostgreSQL."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select

from eventwire.errors import StoreError
from eventwire.store import Store, migrate, schema
from eventwire.store.corpus import Corpus

V1_STORE = Path(__file__).parent / "data" / "store" / "v1.db"


def _ours(name, type_, *_):
    # the full-text index (fulltext.py) and Alembic's bookkeeping are not in schema.py
    return not ((type_ == "table" and (name.startswith("articles_fts") or name == "alembic_version"))
                or (type_ == "index" and name == "articles_text_search"))


def test_the_migrations_make_the_tables_schema_py_describes(store_url):
    store = Store.open(store_url)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _ours, "compare_type": True})
        assert compare_metadata(context, schema.metadata) == []
        assert migrate.current_revision(conn) == migrate.head()
        assert conn.execute(select(schema.meta.c.value)).scalar() == str(schema.STORE_VERSION)


@pytest.fixture
def v1_copy(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(V1_STORE, path)
    return str(path)


def test_a_version_1_store_is_migrated_with_its_articles_and_events(v1_copy):
    before = sqlite3.connect(v1_copy)
    old_ids = [row[0] for row in before.execute("SELECT id FROM events")]
    mentions = before.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    before.close()
    store = Store.open(v1_copy)
    assert store.migrated == ["0002"]
    assert store.counts()["articles"] == 5 and store.counts()["event_mentions"] == mentions
    corpus = Corpus(store)
    # every event id the old store handed out still leads to an event, now with its new columns
    for old in old_ids:
        event = corpus.event(old)
        assert event is not None and event["status"] in ("asserted", "negated", "hypothetical")
        assert event["n_independent"] >= 1 and event["first_seen"] == "2022-03-28"
    # the rows version 1 did not keep were filled from the records it did
    zelensky = next(corpus.actors(name="Zelensky"))
    assert zelensky["name"] == "Volodymyr Zelensky" and "Zelensky" in zelensky["aliases"]
    assert any(m["actor_names"] for m in corpus.mentions())
    assert next(corpus.quotes(speaker="Zelensky"))["n_occurrences"] >= 1
    assert Store.open(v1_copy).migrated == []  # once is enough


def test_a_store_from_a_newer_eventwire_is_refused_unchanged(v1_copy):
    Store.open(v1_copy)
    with sqlite3.connect(v1_copy) as db:
        db.execute("UPDATE eventwire_meta SET value = '99' WHERE key = 'store_version'")
    with pytest.raises(StoreError, match="newer eventwire .*upgrade eventwire"):
        Store.open(v1_copy)


def test_an_old_read_only_store_says_it_must_be_writable_to_be_migrated(v1_copy):
    import os

    if os.geteuid() == 0:
        url = f"sqlite:///file:{v1_copy}?mode=ro&uri=true"
    else:
        Path(v1_copy).chmod(0o444)
        url = v1_copy
    with pytest.raises(StoreError, match="older eventwire .*make it writable"):
        Store.open(url)
    with sqlite3.connect(v1_copy) as db:  # and it is still a version-1 store
        assert db.execute("SELECT value FROM eventwire_meta").fetchone() == ("1",)


@pytest.mark.slow
@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)  # SQLite: the test above
def test_a_version_1_store_on_postgresql_is_migrated(store_url):
    """A PostgreSQL store at version 1 (the first revision), holding the old store's rows."""
    engine = create_engine(store_url)
    old = create_engine(f"sqlite:///{V1_STORE}?mode=ro")
    with engine.begin() as conn:
        migrate.upgrade(conn, target="0001")
        with old.connect() as source:
            for table in ("articles", "event_mentions", "quote_mentions", "events", "event_links"):
                rows = [dict(r) for r in source.exec_driver_sql(f"SELECT * FROM {table}").mappings()]
                for row in rows:
                    for flag in ("counted", "negated"):
                        if flag in row:
                            row[flag] = bool(row[flag])
                conn.execute(schema.metadata.tables[table].insert(), rows)
        conn.exec_driver_sql("SELECT setval('articles_id_seq', (SELECT max(id) FROM articles))")
    assert "actors" not in inspect(engine).get_table_names()
    engine.dispose()
    store = Store.open(store_url)
    assert store.migrated == ["0002"]
    assert next(Corpus(store).actors(name="Zelensky"))["n_articles"] == 1
    assert store.counts()["articles"] == 5
