"""The seed article's events against gold.json."""

import pytest

pytestmark = pytest.mark.slow


def _overlaps(event, span):
    spans = [event["sentence"], event["trigger"]] + [e["sentence"] for e in event["evidence"]]
    return any(s["start"] < span["end"] and span["start"] < s["end"] for s in spans)


def _countries(role):
    return set(role["countries"]) if role else set()


def _fits(event, gold):
    if event["type"] not in gold["type"] or not _overlaps(event, gold["evidence"]):
        return False
    actor, recipient = _countries(event["actor"]), _countries(event["recipient"])
    want_actor, want_recipient = set(gold["actor"]), set(gold.get("recipient", []))
    if gold.get("reciprocal"):
        return actor | recipient == want_actor | want_recipient
    return actor == want_actor and (not want_recipient or recipient == want_recipient)


def test_seed_events_required_with_types_roles_and_modality(seed_record, seed_gold):
    for gold in seed_gold["events"]:
        found = [e for e in seed_record["events"] if _fits(e, gold)]
        assert found, f"no event for {gold['id']}: {gold['evidence']['text'][:60]!r}"
        event = found[0]
        if "hypothetical" in gold:
            assert event["hypothetical"] == gold["hypothetical"], gold["id"]
        if "actor_sectors" in gold:
            assert set(gold["actor_sectors"]) <= set(event["actor"]["sectors"]), gold["id"]


def test_seed_events_at_most_three_beyond_annotated(seed_record, seed_gold):
    annotated = seed_gold["events"] + seed_gold["optional_events"]
    extra = [e for e in seed_record["events"]
             if not any(e["type"] in g["type"] and _overlaps(e, g["evidence"]) for g in annotated)]
    assert len(extra) <= 3, [(e["type"], e["trigger"]["text"]) for e in extra]


def test_seed_events_explain_themselves(seed_record):
    for event in seed_record["events"]:
        assert event["pattern"] and event["trigger"]["text"] and event["sentence"]["text"]
        assert event["intensity"] is not None and event["cameo"]
        assert 0 < event["confidence"] <= 1
