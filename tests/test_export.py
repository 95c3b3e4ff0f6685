"""Exports read back with standard readers (csv, json): POLECAT's 40 columns in order, PLOVER
JSON Lines, and GDELT-style mention rows; one row per event, however many articles report it."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from eventwire.shells.cli import main
from eventwire.store import Store
from eventwire.store.aggregate import aggregate
from eventwire.store.export import POLECAT_COLUMNS


def _article(text, outlet):
    start = text.index("arrested")
    return {"id": "x", "text": text, "published": "2024-05-06", "meta": {"source": outlet, "url": f"https://{outlet}.example/a"},
            "quotes": [],
            "entities": [{"id": "e1", "name": "Kenya", "type": "GPE", "country": "KEN"},
                         {"id": "e2", "name": "Raila Odinga", "type": "PERSON", "country": "KEN", "title": "opposition leader"}],
            "events": [{"id": "v1", "type": "COERCE", "mode": "arrest", "counted": True, "negated": False,
                        "modality": None, "context": ["political"], "quad": "material conflict", "intensity": -7.0,
                        "actor": {"countries": ["KEN"], "sectors": ["COP"], "entities": [],
                                  "span": {"start": 0, "end": 6, "text": text[:6]}},
                        "recipient": {"countries": ["KEN"], "sectors": ["OPP"], "entities": ["e2"],
                                      "span": {"start": start + 9, "end": len(text) - 1, "text": text[start + 9:-1]}},
                        "trigger": {"start": start, "end": start + 8},
                        "sentence": {"start": 0, "end": len(text), "text": text},
                        "date": {"value": "2024-05-06", "source": "text"},
                        "place": {"name": "Nairobi", "country": "KEN", "lat": -1.28, "lon": 36.82, "geonameid": 184745,
                                  "feature": "city", "span": {"start": 0, "end": 7, "text": "Nairobi"}},
                        "pattern": "test"}]}


@pytest.fixture
def store(store_url):
    store = Store.open(store_url)
    store.add(_article("Police arrested opposition leader Raila Odinga.", "reuters"), "a", "a")
    store.add(_article("Kenyan police arrested Raila Odinga, the opposition leader.", "ap"), "b", "b")
    aggregate(store)
    return store


def _export(store, *args):
    where = store.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, ["export", *args, "--db", where])
    assert result.exit_code == 0, result.output
    return result.output


def test_polecat_tsv_has_its_40_columns_in_order_and_one_row_per_event(store):
    rows = list(csv.reader(io.StringIO(_export(store, "events", "--format", "polecat")), delimiter="\t"))
    assert tuple(rows[0]) == POLECAT_COLUMNS and len(POLECAT_COLUMNS) == 40
    assert len(rows) == 2  # two outlets, one event
    row = dict(zip(rows[0], rows[1]))
    assert (row["Event Type"], row["Event Mode"], row["Quad Code"]) == ("COERCE", "arrest", "MATERIAL CONFLICT")
    assert (row["Actor Country"], row["Primary Actor Sector"]) == ("KEN", "COP")
    assert row["Recipient Name"] == "Raila Odinga" and row["Recipient Title"] == "opposition leader"
    assert (row["Placename"], row["City"], row["GeoNames ID"]) == ("Nairobi", "Nairobi", "184745")
    assert row["Story People"] == "Raila Odinga" and row["Language"] == "en"
    assert row["Actor COW"] == ""  # no Correlates of War table yet: left empty, as documented


def test_plover_jsonl_and_csv_read_back(store):
    [event] = [json.loads(line) for line in _export(store, "events", "--format", "plover").splitlines()]
    assert event["event"] == ["COERCE"] and event["actor"]["code"] == "KEN" and event["n_sources"] == 2
    [row] = list(csv.DictReader(io.StringIO(_export(store, "events", "--format", "csv"))))
    assert row["id"] == event["id"] and row["n_mentions"] == "2"


def test_mentions_gdelt_style_point_at_their_evidence(store):
    rows = list(csv.DictReader(io.StringIO(_export(store, "mentions", "--format", "csv"))))
    assert [r["outlet"] for r in rows] == ["reuters", "ap"] and len({r["event_id"] for r in rows}) == 1
    for row in rows:
        # offsets are into the article's text; the sentence starts at sentence_start
        start, end = int(row["trigger_start"]) - int(row["sentence_start"]), int(row["trigger_end"]) - int(row["sentence_start"])
        assert row["sentence"][start:end] == row["trigger"] == "arrested"


def test_a_format_an_export_does_not_have_is_refused(store):
    where = store.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, ["export", "mentions", "--format", "polecat", "--db", where])
    assert result.exit_code == 2 and "use one of csv, tsv, jsonl" in result.output
