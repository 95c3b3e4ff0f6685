import json
from contextlib import contextmanager
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def analyzer():
    from eventwire import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def seed_gold():
    return json.loads((DATA / "seed" / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_record(analyzer, seed_gold):
    return analyzer.analyze(seed_gold["text"], published=seed_gold["published"], id=seed_gold["id"])


@pytest.fixture(scope="session")
def analyze(analyzer):
    """Analyse a short passage published on 2022-03-28 (a Monday)."""
    def run(text: str, published: str | None = "2022-03-28"):
        return analyzer.analyze(text, published=published)
    return run


def entity_of(record, text: str):
    """The entity one of whose mentions is exactly `text` (first occurrence)."""
    for entity in record["entities"]:
        if any(m["text"] == text for m in entity["mentions"]):
            return entity
    return None


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference material {path} is not present")
    return path


# The corpus store's tests run on both backends: SQLite in a temporary file, and PostgreSQL on
# the server .ci/run starts (tools/postgres) and names in EVENTWIRE_TEST_POSTGRES, one new
# database per test. Without that variable the PostgreSQL half is skipped, saying why.
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.slow)]


@contextmanager
def new_postgres_database(prefix: str = "eventwire_test"):
    """The URL of a new, empty database on the PostgreSQL server named in EVENTWIRE_TEST_POSTGRES,
    dropped afterwards; skipped without a server (failed in CI, where .ci/run starts one)."""
    import os
    import uuid

    admin = os.environ.get("EVENTWIRE_TEST_POSTGRES")
    if not admin and os.environ.get("EVENTWIRE_CI"):
        pytest.fail("CI runs the store tests on PostgreSQL, but EVENTWIRE_TEST_POSTGRES is not set")
    if not admin:
        pytest.skip("no PostgreSQL server: run through .ci/run, or start one with tools/postgres and set "
                    "EVENTWIRE_TEST_POSTGRES")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    with new_postgres_database() as url:
        yield url


@pytest.fixture
def one_event_store(tmp_path):
    """A SQLite store (its path) holding one article with one event (KEN arrests in Nairobi),
    aggregated: for tests of the server around the store, not of the analysis."""
    from eventwire.store import Store
    from eventwire.store.aggregate import aggregate

    store = Store.open(str(tmp_path / "corpus.db"))
    text = "Kenyan police arrested ten protesters in Nairobi on Monday."
    store.add({"id": "k", "text": text, "published": "2024-05-06", "meta": {"source": "Wire"}, "quotes": [],
               "events": [{"id": "v1", "type": "COERCE", "mode": None, "counted": True, "negated": False,
                           "modality": None, "actor": {"countries": ["KEN"]}, "recipient": {"countries": ["KEN"]},
                           "trigger": {"start": 14, "end": 22}, "sentence": {"start": 0, "end": len(text)},
                           "date": {"value": "2024-05-06", "source": "text"}, "place": None, "pattern": "test"}]},
              "k", "k.txt")
    aggregate(store)
    store.engine.dispose()
    return str(tmp_path / "corpus.db")


def wait_until_serving(base: str, seconds: float = 30) -> None:
    """Wait until the server at `base` answers (its OpenAPI schema); AssertionError if it never does."""
    import time

    import httpx

    for _ in range(int(seconds * 10)):
        try:
            httpx.get(base + "/openapi.json", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"the server at {base} did not answer in {seconds:.0f} s")
