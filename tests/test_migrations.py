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
from eventwire.store.aggregate import aggregate, country_rows
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
    assert store.migrated == ["0002", "0003", "0004"]
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
    assert store.migrated == ["0002", "0003", "0004"]
    assert next(Corpus(store).actors(name="Zelensky"))["n_articles"] == 1
    assert store.counts()["articles"] == 5


def _country_events(store):
    corpus = Corpus(store)
    return {query: [e["id"] for e in corpus.events(**filters, uncounted=True)] for query, filters in (
        ("actor", {"actor": "RUS"}), ("lower case", {"actor": "rus"}), ("recipient", {"recipient": "UKR"}),
        ("dyad", {"actor": "RUS", "recipient": "UKR"}), ("one of two", {"actor": "BLR"}),
        ("a prefix is not a code", {"actor": "RU"}), ("none", {"actor": "KEN"}),
        ("dyad, one of two", {"actor": "blr", "recipient": "UKR", "since": "2024-05"}),
        ("dyad, reversed", {"actor": "UKR", "recipient": "RUS"}),
        ("sector", {"actor": "RUS", "actor_sector": "mil"}), ("sector among two", {"actor": "BLR", "actor_sector": "GOV"}),
        ("recipient's sector", {"actor": "RUS", "recipient_sector": "MIL"}),
        ("a sector prefix is not a sector", {"actor": "RUS", "actor_sector": "MI"}))}


def test_a_version_2_store_is_migrated_and_answers_country_queries_the_same(store_url):
    """Version 3 finds an event's countries in event_countries, version 4 a dyad in event_dyads
    and a side's sectors beside its country; the migrations and the rebuild after them fill
    them from the events a version-2 store holds, and country, dyad and sector queries give the
    same events as before."""
    store = Store.open(store_url)
    text = "Russian and Belarusian forces shelled Kharkiv; Russia denied attacking Ukraine's grid."
    events = [{"id": f"v{n}", "type": "ASSAULT", "mode": None, "counted": counted, "negated": not counted,
               "modality": None, "actor": {"countries": actor, "sectors": ["GOV", "MIL"][-len(actor):]},
               "recipient": {"countries": ["UKR"], "sectors": ["MIL"] * (len(actor) - 1)},
               "trigger": {"start": text.index(trigger), "end": text.index(trigger) + len(trigger)},
               "sentence": {"start": 0, "end": len(text)}, "date": {"value": "2024-05-06", "source": "text"},
               "place": None, "pattern": "test"}
              for n, (actor, trigger, counted) in enumerate(((["RUS", "BLR"], "shelled", True),
                                                             (["RUS"], "attacking", False)))]
    store.add({"id": "a", "text": text, "published": "2024-05-06", "meta": {"source": "Wire"},
               "events": events, "quotes": []}, "a", "a.txt")
    aggregate(store)
    expected = _country_events(store)
    assert [len(ids) for ids in expected.values()] == [2, 2, 2, 2, 1, 0, 0, 1, 0, 2, 1, 1, 0]
    store.engine.dispose()
    _back_to_version_2(store_url)
    store = Store.open(store_url)
    assert store.migrated == ["0003", "0004"]
    assert _country_events(store) == expected
    store.engine.dispose()
    engine = _back_to_version_2(store_url)
    with engine.begin() as conn:  # the migration alone fills the table, from the events the store holds
        assert migrate.upgrade(conn, target="0003") == ["0003"]
        made = {tuple(r) for r in conn.execute(select(*(c for c in schema.event_countries.c if c.name != "sectors")))}
        wanted = {tuple(value for key, value in r.items() if key != "sectors")  # since version 4
                  for e in conn.execute(select(schema.events)).mappings() for r in country_rows(e)}
        assert migrate.upgrade(conn) == ["0004"]
    engine.dispose()
    assert made == wanted and len(made) == 5  # RUS BLR -> UKR, RUS -> UKR
    assert _country_events(Store.open(store_url)) == expected


def _back_to_version_2(store_url):
    """The store as an eventwire of store version 2 left it: no event_countries, and its indexes
    of events."""
    engine = create_engine(store_url if "://" in store_url else f"sqlite:///{store_url}")
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE event_dyads")
        conn.exec_driver_sql("DROP TABLE event_countries")
        for index in ("events_type_date", "events_place_date", "events_date"):
            conn.exec_driver_sql(f"DROP INDEX {index}")
        conn.exec_driver_sql("CREATE INDEX events_type ON events (type)")
        conn.exec_driver_sql("CREATE INDEX events_dyad ON events (actor_countries, recipient_countries, type, "
                             "date_first)")
        conn.execute(schema.meta.update().where(schema.meta.c.key == "store_version").values(value="2"))
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0002'")
    return engine
