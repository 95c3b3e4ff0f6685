"""Events, not reports (no model): the same happening in many articles is one event with its
counts, ids stay stable as the corpus grows, and a merged-away id still resolves."""

import pytest

from eventwire.store import Store
from eventwire.store.aggregate import aggregate, resolve
from eventwire.store.corpus import Corpus


def _article(text, day, outlet, type_="COERCE", actor=("KEN",), recipient=("KEN",), counted=True):
    trigger = "arrested"
    start = text.index(trigger)
    return {"id": "x", "text": text, "published": day, "meta": {"source": outlet}, "quotes": [],
            "events": [{"id": "v1", "type": type_, "mode": "arrest", "counted": counted, "negated": False,
                        "modality": None, "actor": {"countries": list(actor)},
                        "recipient": {"countries": list(recipient)},
                        "trigger": {"start": start, "end": start + len(trigger)},
                        "sentence": {"start": 0, "end": len(text)}, "date": {"value": day, "source": "text"},
                        "place": None, "pattern": "test"}]}


@pytest.fixture
def store(store_url):
    return Store.open(store_url)


def test_two_outlets_reporting_one_arrest_are_one_event(store):
    store.add(_article("Police arrested 40 opposition supporters in Nairobi.", "2024-05-06", "Reuters"), "a", "a")
    store.add(_article("Kenyan police arrested dozens of opposition supporters.", "2024-05-06", "AP"), "b", "b")
    store.add(_article("Police arrested 12 protesters again.", "2024-05-20", "AP"), "c", "c")
    store.add(_article("Officials said police arrested no one.", "2024-05-06", "AFP", counted=False), "d", "d")
    counts = aggregate(store)
    assert (counts["events"], counts["event_mentions"]) == (3, 4)
    first, later = Corpus(store).events()  # the arrest said not to have happened is apart, and not listed
    assert (first["n_mentions"], first["n_articles"], first["n_sources"]) == (2, 2, 2)
    assert (later["n_mentions"], later["date_first"]) == (1, "2024-05-20")
    assert [e["id"] for e in Corpus(store).events(min_sources=2)] == [first["id"]]
    denied = [e for e in Corpus(store).events(hypothetical=True) if e["status"] != "asserted"]
    assert [(e["status"], e["n_mentions"]) for e in denied] == [("hypothetical", 1)]


def test_other_actors_or_types_are_other_events(store):
    store.add(_article("Police arrested 40 supporters.", "2024-05-06", "Reuters"), "a", "a")
    store.add(_article("Ugandan police arrested 40 supporters.", "2024-05-06", "AP", actor=("UGA",)), "b", "b")
    store.add(_article("Soldiers arrested 40 supporters.", "2024-05-06", "AFP", type_="ASSAULT"), "c", "c")
    assert aggregate(store)["events"] == 3


def test_ids_stay_as_the_corpus_grows_and_a_merged_id_still_resolves(store):
    store.add(_article("Police arrested 40 supporters on Monday.", "2024-05-06", "Reuters"), "a", "a")
    store.add(_article("Police arrested 40 supporters later.", "2024-05-10", "AP"), "b", "b")
    aggregate(store)
    early, late = [e["id"] for e in Corpus(store).events()]
    store.add(_article("Police arrested more supporters in between.", "2024-05-08", "AFP"), "c", "c")
    aggregate(store)
    [merged] = Corpus(store).events()
    assert merged["id"] == early and merged["n_mentions"] == 3  # the earliest mention names it
    assert resolve(store, late) == early
    event = Corpus(store).event(late)
    assert event["id"] == early and len(event["mentions"]) == 3
    aggregate(store)
    assert resolve(store, late) == early  # and keeps doing so after another rebuild
