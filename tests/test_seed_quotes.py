"""The seed article's quotes against gold.json: all required ones, nothing unannotated."""

import re

import pytest

from eventwire.record import quotes_by

pytestmark = pytest.mark.slow
WORD = re.compile(r"\w+")


def _words(text, spans):
    return {m.start() for s in spans for m in WORD.finditer(text, s["start"], s["end"])}


def test_seed_quotes_required_found_with_speaker_entity(seed_record, seed_gold):
    text = seed_record["text"]
    names = {e["id"]: e["name"] for e in seed_record["entities"]}
    for gold in seed_gold["quotes"]:
        gold_words = _words(text, gold["content"])
        best = max(seed_record["quotes"], key=lambda q: len(gold_words & _words(text, q["content"])))
        covered = len(gold_words & _words(text, best["content"])) / len(gold_words)
        assert covered >= 0.8, f"{gold['content'][0]['text'][:50]!r}: {covered:.2f} of its words covered"
        assert names.get(best["speaker_entity"]) == gold["speaker_entity"], gold["speaker"]["text"]
        assert best["speaker"]["text"] == gold["speaker"]["text"], gold["speaker"]["text"]


def test_seed_quotes_nothing_beyond_required_and_optional(seed_record, seed_gold):
    text = seed_record["text"]
    golds = [_words(text, g["content"]) for g in seed_gold["quotes"] + seed_gold["optional_quotes"]]
    for quote in seed_record["quotes"]:
        mine = _words(text, quote["content"])
        best = max(len(mine & g) / max(len(mine), len(g)) for g in golds)
        assert best >= 0.3, f"unannotated quote: {quote['content'][0]['text'][:60]!r}"


def test_seed_quotes_kinds(seed_record, seed_gold):
    text = seed_record["text"]
    for gold in seed_gold["quotes"]:
        gold_words = _words(text, gold["content"])
        best = max(seed_record["quotes"], key=lambda q: len(gold_words & _words(text, q["content"])))
        assert best["kind"] == gold["kind"], gold["content"][0]["text"][:50]


def test_seed_quotes_by_entity_includes_pronoun_speakers(seed_record):
    lavrov = quotes_by(seed_record, "Sergei Lavrov")
    assert [q["speaker"]["text"] for q in lavrov] == ["Russia Foreign Minister Sergei Lavrov", "he"]
    assert len(quotes_by(seed_record, "Volodymyr Zelensky")) >= 7


def test_seed_quote_addressee_and_source(seed_record):
    told = next(q for q in seed_record["quotes"] if q["cue"] and q["cue"]["text"] == "told")
    assert told["addressee"]["text"] == "Ukrainians"
    official = next(q for q in seed_record["quotes"] if q["speaker"] and q["speaker"]["text"] == "A Russian military official")
    assert official["speaker_entity"] is None
    assert official["speaker_actor"] == {"country": "RUS", "sectors": ["MIL"]}
    assert official["via"]["text"] == "the Associated Press"
