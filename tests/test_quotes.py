"""Quote extraction on hand-annotated wire-style passages, one test per passage
(tests/data/quotes/passages.toml; the constructions are listed in its header)."""

import re

import pytest

from tests.quote_passages import HERE, jsonl, passages

pytestmark = pytest.mark.slow
WORD = re.compile(r"\w+")
PASSAGES = passages()


def _words(text, spans):
    return {m.start() for start, end in spans for m in WORD.finditer(text, start, end)}


def _spans(items):
    return [(p["start"], p["end"]) for p in items]


@pytest.mark.parametrize("passage", PASSAGES, ids=[p["id"] for p in PASSAGES])
def test_quotes_passage(analyzer, passage):
    text = passage["text"]
    record = analyzer.analyze(text, published="2024-05-14")
    found = record["quotes"]
    for gold in passage["quotes"]:
        gold_words = _words(text, gold["content"])
        best = max(found, key=lambda q: len(gold_words & _words(text, _spans(q["content"]))), default=None)
        assert best is not None, f"no quote found for {text[slice(*gold['content'][0])]!r}"
        covered = len(gold_words & _words(text, _spans(best["content"]))) / len(gold_words)
        assert covered >= 0.8, f"content {text[slice(*gold['content'][0])][:60]!r}: {covered:.2f} covered"
        assert len(best["content"]) == len(gold["content"]) or gold["kind"] != "direct", "content parts"
        assert best["kind"] == gold["kind"]
        if gold["speaker"] is None:
            assert best["speaker"] is None, f"speaker should be unknown, got {best['speaker']['text']!r}"
        else:
            assert best["speaker"] is not None, f"no speaker; expected {text[slice(*gold['speaker'])]!r}"
            assert _words(text, [gold["speaker"]]) & _words(text, [(best["speaker"]["start"], best["speaker"]["end"])]), \
                f"speaker {best['speaker']['text']!r}, expected {text[slice(*gold['speaker'])]!r}"
        if gold["addressee"] is not None:
            assert best["addressee"] and best["addressee"]["text"] == text[slice(*gold["addressee"])]
        # A speaker named in the passage must resolve to that person or organisation,
        # pronouns and descriptions included.
        surname = gold["entity"].split()[-1] if gold["entity"] else ""
        if surname and re.search(rf"\b{re.escape(surname)}\b", text):
            entity = next((e for e in record["entities"] if e["id"] == best["speaker_entity"]), None)
            known = set(entity["name"].split()) | {w for m in entity["mentions"] for w in m["text"].split()} if entity else set()
            assert surname in known, f"speaker entity {entity and entity['name']!r}, expected {gold['entity']!r}"
    for quote in found:
        mine = _words(text, _spans(quote["content"]))
        overlaps = [len(mine & _words(text, g["content"])) / max(len(mine), len(_words(text, g["content"])))
                    for g in passage["quotes"]]
        assert max(overlaps, default=0) >= 0.3, f"not a quote: {quote['content'][0]['text']!r}"


def test_quotes_passages_cover_every_case():
    counts = {}
    for passage in PASSAGES:
        counts[passage["case"]] = counts.get(passage["case"], 0) + 1
    assert all(counts.get(case, 0) >= 2 for case in range(1, 15)), counts
    assert len(PASSAGES) >= 60


def test_quotes_gold_jsonl_matches_the_passages():
    assert (HERE / "passages.jsonl").read_text(encoding="utf-8") == jsonl()


def test_quotes_participle_of_saying_is_its_own_quote_by_the_same_speaker(analyzer):
    text = ('BEIJING (Reuters) - China\'s commerce ministry denied that it was preparing new export curbs on '
            'rare earth magnets, calling reports of fresh restrictions "groundless".')
    quotes = analyzer.analyze(text, published="2024-05-14")["quotes"]
    got = [(q["kind"], q["content"][0]["text"], q["speaker"]["text"]) for q in quotes]
    assert got == [
        ("indirect", "that it was preparing new export curbs on rare earth magnets", "China's commerce ministry"),
        ("mixed", 'reports of fresh restrictions "groundless"', "China's commerce ministry"),
    ], got
