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


def _sided(n, type_, actor, recipient, text, trigger, date, actor_sectors=(), recipient_sectors=()):
    event = _event(n, type_, actor, recipient, trigger, text, date)
    event["actor"]["sectors"], event["recipient"]["sectors"] = list(actor_sectors), list(recipient_sectors)
    return event


@pytest.fixture
def walked(store_url):
    """Events whose sides have one or two countries and sectors, one of them reported on three
    days two days apart (one event, May 1 to May 5)."""
    from eventwire.store.aggregate import aggregate

    store = Store.open(store_url)
    rows = [(["RUS"], ["UKR"], ["MIL"], ["GOV"], "2024-05-01"), (["RUS", "BLR"], ["UKR"], ["GOV", "MIL"], [], "2024-05-02"),
            (["UKR"], ["RUS"], ["MIL"], ["MIL"], "2024-05-02"), (["BLR"], ["UKR", "POL"], ["GOV"], ["MIL"], "2024-05-07"),
            (["RUS"], ["CHN"], [], ["GOV"], "2024-06-01"), (["IND"], ["PAK"], ["MIL"], ["MIL"], "2024-05-20")]
    for n, (actor, recipient, actor_sectors, recipient_sectors, day) in enumerate(rows):
        text = f"Forces of {' and '.join(actor)} struck {' and '.join(recipient)} positions (report {n})."
        store.add(_record(text, [_sided(1, "ASSAULT", actor, recipient, text, "struck", day, actor_sectors,
                                        recipient_sectors)], published=day), f"w{n}", f"w{n}.txt")
    for n, day in enumerate(("2024-05-01", "2024-05-03", "2024-05-05")):  # two days apart: one event
        text = f"Kenyan police dispersed protesters in Nairobi, day {n}."
        store.add(_record(text, [_sided(1, "PROTEST", ["KEN"], ["KEN"], text, "dispersed", day, ["GOV"], ["CVL"])],
                          published=day), f"k{n}", f"k{n}.txt")
    aggregate(store)
    return store


@pytest.mark.parametrize("filters", [
    {"actor": "RUS"}, {"actor": "blr"}, {"recipient": "UKR"}, {"actor": "RUS", "recipient": "UKR"},
    {"actor": "BLR", "recipient": "POL"}, {"actor": "UKR", "recipient": "BLR"}, {"actor": "RU"},
    {"actor": "RUS", "actor_sector": "MIL"}, {"actor": "BLR", "actor_sector": "gov"}, {"actor": "RUS", "actor_sector": "MI"},
    {"actor": "RUS", "recipient_sector": "GOV"}, {"recipient": "UKR", "recipient_sector": "MIL"},
    {"actor": "RUS", "recipient": "UKR", "actor_sector": "GOV"}, {"actor": "RUS", "since": "2024-05-02"},
    {"actor": "RUS", "recipient": "UKR", "until": "2024-05-01"}, {"recipient": "UKR", "since": "2024-05", "until": "2024-05"},
    {"actor": "KEN", "since": "2024-05-05"}, {"actor": "KEN", "recipient": "KEN", "since": "2024-05-04"},
    {"since": "2024-05-05", "type": "PROTEST"}, {"since": "2024-05-05"}, {"actor": "IND", "since": "2024-W21"}])
def test_walked_events_are_the_events_every_filter_selects(walked, filters):
    """Sorted by date, a country's events are walked in event_countries, a dyad's in event_dyads,
    a side's sector checked in the walk; sorted otherwise the events table is filtered whole.
    Both give the same events, and the date order is the listings' order."""
    corpus = Corpus(walked)
    by_date = list(corpus.events(**filters))
    assert sorted(e["id"] for e in by_date) == sorted(e["id"] for e in corpus.events(**filters, sort="n_mentions"))
    assert [(e["date_first"], e["id"]) for e in by_date] == sorted((e["date_first"], e["id"]) for e in by_date)


def test_an_event_reported_over_days_is_found_since_its_last_day(walked):
    """The store records its longest event (4 days: May 1 to 5); a `since` bound starts the
    walk that many days early, so the event that began before `since` is still found."""
    from eventwire.store.aggregate import longest_event

    with walked.connect() as conn:
        assert longest_event(conn) == 4
    corpus = Corpus(walked)
    protest = [e for e in corpus.events(actor="KEN", since="2024-05-05")]
    assert [(e["date_first"], e["date_last"], e["n_mentions"]) for e in protest] == [("2024-05-01", "2024-05-05", 3)]
    assert [e["id"] for e in corpus.events(actor="KEN", since="2024-05-06")] == []
