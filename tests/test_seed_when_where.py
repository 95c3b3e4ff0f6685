"""The seed article's dates, places and event anchors against gold.json."""

from datetime import date

import pytest

from eventwire.evaluate.geo import distance_km
from tests.test_seed_events import _fits

pytestmark = pytest.mark.slow


def _timex_at(record, span):
    return next((t for t in record["timexes"] if t["span"]["start"] < span["end"] and span["start"] < t["span"]["end"]), None)


def test_seed_every_gold_timex_with_its_value(seed_record, seed_gold):
    for gold in seed_gold["timexes"]:
        found = _timex_at(seed_record, gold["span"])
        assert found is not None, f"missed {gold['span']['text']!r}"
        assert found["type"] == gold["type"], gold["span"]["text"]
        assert found["value"] == gold["value"], gold["span"]["text"]


@pytest.mark.parametrize("name,within", [("Istanbul", 161), ("Turkey", 800), ("Donbas", 800),
                                         ("Ukraine", 800), ("Russia", 800)])
def test_seed_places_within_distance_of_gold(seed_record, seed_gold, name, within):
    gold = next(p for p in seed_gold["places"] if p["name"] == name)
    found = [p for p in seed_record["places"] if p["span"]["start"] < gold["span"]["end"]
             and gold["span"]["start"] < p["span"]["end"]]
    assert found and found[0]["lat"] is not None, f"{name} not placed"
    assert distance_km(found[0]["lat"], found[0]["lon"], gold["lat"], gold["lon"]) <= within


def _event(record, gold_events, gold_id):
    gold = next(g for g in gold_events if g["id"] == gold_id)
    found = [e for e in record["events"] if _fits(e, gold)]
    assert found, gold_id
    return found[0]


def test_seed_talks_event_in_turkey_this_week(seed_record, seed_gold):
    talks = _event(seed_record, seed_gold["events"], "talks")
    assert talks["place"] is not None and talks["place"]["country"] == "TUR"
    assert talks["place"]["name"] in ("Istanbul", "Turkey")
    value = talks["date"]["value"]
    assert value == "2022-W13" or (len(value) == 10 and date.fromisoformat(value).isocalendar()[:2] == (2022, 13))
    assert talks["date"]["source"] == "text"


def test_seed_troops_event_dated_by_the_report(seed_record, seed_gold):
    troops = _event(seed_record, seed_gold["events"], "troops-redirected")
    assert troops["date"]["value"] == "2022-03-25"
    assert troops["date"]["span"]["text"] == "Friday"


def test_seed_undated_events_carry_the_publication_date_flagged(seed_record):
    undated = [e for e in seed_record["events"] if e["date"]["span"] is None]
    assert undated, "the seed has events with no date of their own"
    assert all(e["date"]["source"] == "published" and e["date"]["value"] == "2022-03-28" for e in undated)
    # no event borrows a place from another sentence
    for event in seed_record["events"]:
        if event["place"] is not None:
            spans = [event["sentence"]] + [e["sentence"] for e in event["evidence"]]
            assert any(s["start"] <= event["place"]["span"]["start"] < s["end"] for s in spans)
