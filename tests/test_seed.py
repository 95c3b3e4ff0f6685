"""The seed article against its hand annotation (tests/data/seed/gold.json)."""

import re

import pytest

pytestmark = pytest.mark.slow


def _occurrences(text: str, form: str):
    for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w])", text):
        yield match.start(), match.end()


def _find(record, gold_entity):
    """Our entity for a gold entity: the one named like it, else the one with a
    mention written exactly as the gold name (NATO may be named in full)."""
    for entity in record["entities"]:
        if entity["name"] == gold_entity["name"]:
            return entity
    for entity in record["entities"]:
        if any(m["text"] == gold_entity["name"] for m in entity["mentions"]):
            return entity
    return None


def test_seed_record_spans_index_the_text(seed_record):
    text = seed_record["text"]

    def check(value):
        if isinstance(value, dict):
            if {"start", "end", "text"} <= value.keys():
                assert text[value["start"]:value["end"]] == value["text"]
            for inner in value.values():
                check(inner)
        elif isinstance(value, list):
            for inner in value:
                check(inner)

    check(seed_record)
    assert seed_record["headline"]["text"].startswith("Zelensky says seeking peace")


def test_seed_every_gold_entity_found_with_its_code(seed_record, seed_gold):
    for gold in seed_gold["entities"]:
        entity = _find(seed_record, gold)
        assert entity is not None, f"no entity named {gold['name']}"
        assert entity["type"] == gold["type"] or (gold["type"], entity["type"]) in {("LOC", "GPE"), ("GPE", "LOC")}, gold["name"]
        assert entity["country"] == gold["country"], gold["name"]
        assert sorted(entity["sectors"]) == sorted(gold["sectors"]), gold["name"]
        if gold.get("title"):
            assert entity["title"] == gold["title"], gold["name"]


def test_seed_every_must_link_form_resolves_to_its_entity(seed_record, seed_gold):
    text = seed_record["text"]
    for gold in seed_gold["entities"]:
        entity = _find(seed_record, gold)
        spans = {(m["start"], m["end"]) for m in entity["mentions"]}
        for form in gold["must_link"]:
            places = list(_occurrences(text, form))
            assert places, f"{form!r} is not in the text"
            for start, end in places:
                covered = (start, end) in spans or any(s < start and e == end for s, e in spans)
                assert covered, f"{form!r} at {start} is not a mention of {gold['name']}"


def test_seed_actor_mentions_coded_as_annotated(seed_record, seed_gold):
    by_span = {(a["span"]["start"], a["span"]["end"]): a for a in seed_record["actors"]}
    names = {e["id"]: e["name"] for e in seed_record["entities"]}
    for gold in seed_gold["actor_mentions"]:
        span = gold["span"]
        actor = by_span.get((span["start"], span["end"]))
        assert actor is not None, f"no actor for {span['text']!r}"
        assert actor["country"] == gold["country"], span["text"]
        assert sorted(actor["sectors"]) == sorted(gold["sectors"]), span["text"]
        if gold.get("entity"):
            assert names.get(actor["entity"]) == gold["entity"], span["text"]


def test_seed_every_actor_field_has_evidence(seed_record):
    for actor in seed_record["actors"]:
        fields = {e["field"] for e in actor["evidence"]}
        if actor["country"]:
            assert "country" in fields or actor["entity"], actor["span"]["text"]
        if actor["sectors"] and not actor["entity"]:
            assert "sectors" in fields, actor["span"]["text"]
