"""Querying the corpus store's event mentions (no model): filters, formats, and the same rows from Python and the
command line."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from eventwire.errors import InputError
from eventwire.render.rows import write_rows
from eventwire.shells.cli import main
from eventwire.store import Store
from eventwire.store.corpus import MENTION_COLUMNS, Corpus


def _record(text, events, published="2024-05-06"):
    return {"id": "x", "text": text, "published": published, "meta": {"source": "Example Wire"},
            "events": events, "quotes": []}


def _event(n, type_, actor, recipient, trigger, text, date, counted=True):
    start = text.index(trigger)
    return {"id": f"v{n}", "type": type_, "mode": None, "counted": counted, "negated": not counted,
            "modality": None, "actor": {"countries": actor}, "recipient": {"countries": recipient},
            "trigger": {"start": start, "end": start + len(trigger)}, "sentence": {"start": 0, "end": len(text)},
            "date": {"value": date, "source": "text"}, "place": None, "pattern": "test"}


@pytest.fixture
def store(store_url):
    store = Store.open(store_url)
    one = "India accused Pakistan of shelling border villages on Monday."
    two = "Indonesian police arrested ten protesters in Jakarta.\tNobody was hurt."
    three = "Russia did not attack Ukraine's grid, officials said."
    store.add(_record(one, [_event(1, "ACCUSE", ["IND"], ["PAK"], "accused", one, "2024-05-06")]), "one", "one.txt")
    store.add(_record(two, [_event(1, "COERCE", ["IDN"], ["IDN"], "arrested", two, "2024-04-30")]), "two", "two.txt")
    store.add(_record(three, [_event(1, "ASSAULT", ["RUS"], ["UKR"], "attack", three, "2024-05-01", counted=False)]),
              "three", "three.txt")
    return store


def test_filters_by_country_type_and_date(store):
    corpus = Corpus(store)
    assert [r["trigger"] for r in corpus.mentions(actor="IND")] == ["accused"]
    assert [r["trigger"] for r in corpus.mentions(actor="ind")] == ["accused"]  # codes in any case
    assert [r["trigger"] for r in corpus.mentions(actor="IN")] == []  # "IN" is not "IND" nor "IDN"
    assert [r["trigger"] for r in corpus.mentions(recipient="IDN", type="coerce")] == ["arrested"]
    assert [r["trigger"] for r in corpus.mentions(since="2024-05")] == ["accused"]
    assert [r["trigger"] for r in corpus.mentions(until="2024-04")] == ["arrested"]


@pytest.mark.parametrize("filters", [{}, {"actor": "IND"}, {"uncounted": True}, {"negated": True, "actor": "RUS"},
                                     {"since": "2024-05"}, {"type": "coerce", "recipient": "IDN"}])
def test_mentions_are_counted_by_the_database_as_listed(store, filters):
    corpus = Corpus(store)
    assert corpus.count_mentions(**filters) == len(list(corpus.mentions(**filters)))


def test_events_that_did_not_happen_only_when_asked(store):
    corpus = Corpus(store)
    assert "attack" not in [r["trigger"] for r in corpus.mentions()]
    assert [r["trigger"] for r in corpus.mentions(uncounted=True, actor="RUS")] == ["attack"]


def test_a_limit_must_be_a_number_of_rows(store):
    with pytest.raises(InputError, match="give 1 or more"):
        list(Corpus(store).mentions(limit=0))


def test_rows_read_back_from_csv_tsv_json_and_jsonl(store):
    rows = list(Corpus(store).mentions())
    for fmt in ("csv", "tsv"):
        out = io.StringIO()
        assert write_rows(rows, MENTION_COLUMNS, fmt, out) == 2
        back = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="," if fmt == "csv" else "\t"))
        assert [r["trigger"] for r in back] == ["accused", "arrested"]
    tsv = io.StringIO()
    write_rows(rows, MENTION_COLUMNS, "tsv", tsv)
    assert "\tNobody" not in tsv.getvalue()  # a tab inside a sentence does not split its row
    out = io.StringIO()
    write_rows(rows, MENTION_COLUMNS, "json", out)
    assert [r["actor_countries"] for r in json.loads(out.getvalue())] == ["IND", "IDN"]
    out = io.StringIO()
    write_rows(iter(rows), MENTION_COLUMNS, "jsonl", out)
    assert [json.loads(line)["counted"] for line in out.getvalue().splitlines()] == [True, True]


def test_the_command_gives_the_same_rows(store):
    where = store.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, ["events", "--mentions", "--db", where, "--recipient", "PAK", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["trigger"] for line in result.output.splitlines()] == ["accused"]
    table = CliRunner().invoke(main, ["events", "--mentions", "--db", where])
    assert table.output.splitlines()[0].split()[:3] == ["article", "event", "type"]
    # without --mentions: the events, each counted once (the store was filled without an
    # ingest, so the events are rebuilt first)
    from eventwire.store.aggregate import aggregate

    aggregate(store)
    events = CliRunner().invoke(main, ["events", "--db", where, "--format", "csv"])
    assert [row["n_mentions"] for row in csv.DictReader(io.StringIO(events.output))] == ["1", "1"]


def test_the_command_without_a_store_says_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2 and "ingest" in result.output
    assert not (tmp_path / "missing.db").exists()


def test_quotes_by_speaker_and_words(store_url):
    from eventwire.store.corpus import quotes

    text = "Kenya's president William Ruto said the talks would resume. \"We want peace,\" he said."
    record = {"id": "q", "text": text, "published": "2024-05-06", "meta": {"source": "Wire"}, "events": [],
              "entities": [{"id": "e1", "name": "William Ruto", "type": "PERSON"}],
              "quotes": [{"id": "q1", "kind": "direct", "speaker": {"start": 74, "end": 76, "text": "he"},
                          "speaker_entity": "e1", "cue": {"start": 77, "end": 81, "text": "said"},
                          "content": [{"start": 61, "end": 72, "text": "We want peace"}]}]}
    store = Store.open(store_url)
    store.add(record, "q", "q.txt")
    [row] = quotes(store, speaker="ruto")  # by the entity's name, though the text says "he"
    assert (row["speaker"], row["speaker_name"], row["content"]) == ("he", "William Ruto", "We want peace")
    assert list(quotes(store, words="PEACE")) and not list(quotes(store, words="war"))
    assert not list(quotes(store, speaker="Odinga"))
