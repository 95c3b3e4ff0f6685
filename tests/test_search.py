"""Full-text search over the stored articles (no model), on both backends: all the words, best
first, a snippet around them, and a query is only ever words."""

import json

import pytest
from click.testing import CliRunner

from eventwire.errors import InputError
from eventwire.shells.cli import main
from eventwire.store import Store
from eventwire.store.search import search


def _record(text, id):
    return {"id": id, "text": text, "published": "2024-05-06", "meta": {"source": "Wire"}, "events": [], "quotes": []}


@pytest.fixture
def store(store_url):
    store = Store.open(store_url)
    store.add(_record("Kenya and Uganda held talks on border security in Kampala on Monday.", "a"), "a", "a.txt")
    store.add(_record("Floods displaced thousands of families in northern Kenya this week.", "b"), "b", "b.txt")
    store.add(_record("Peru's congress voted to remove the president after weeks of protests.", "c"), "c", "c.txt")
    return store


def test_articles_holding_all_the_words_come_back_with_a_snippet(store):
    rows = list(search(store, "Kenya talks"))
    assert [r["input_id"] for r in rows] == ["a"]
    assert "talks" in rows[0]["snippet"] and "[" in rows[0]["snippet"]  # the words marked
    assert sorted(r["input_id"] for r in search(store, "kenya")) == ["a", "b"]
    assert list(search(store, "Nairobi")) == []


@pytest.mark.parametrize("words", ['NEAR(" OR *', "talks AND -Kenya", "'; DROP TABLE articles; --"])
def test_a_query_is_only_words(store, words):
    list(search(store, words))  # no syntax error, no SQL
    assert len(list(search(store, "Kenya"))) == 2  # and nothing was harmed


def test_no_words_is_refused(store):
    with pytest.raises(InputError, match="no words"):
        list(search(store, "   "))


def test_the_command_searches(store):
    where = store.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, ["search", "congress", "protests", "--db", where, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["input_id"] for line in result.output.splitlines()] == ["c"]


def test_a_store_from_before_search_gets_its_index(tmp_path):
    path = str(tmp_path / "corpus.db")
    store = Store.open(path)
    store.add(_record("Kenya and Uganda held talks on Monday.", "a"), "a", "a.txt")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE articles_fts")
    store.engine.dispose()
    assert [r["input_id"] for r in search(Store.open(path), "talks")] == ["a"]
