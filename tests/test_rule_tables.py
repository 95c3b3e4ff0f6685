"""The attribute ruler and lemmatizer as tables give spaCy's own annotations, token for token."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from eventwire.nlp.model import _load
from eventwire.nlp.rule_tables import AttributeTable, LemmaTable, use_rule_tables

ROOT = Path(__file__).resolve().parent.parent

# Sentences that fire the model's rarer rules: contractions and colloquial forms (two-token
# patterns), pronoun case by dependency, auxiliaries, expletive "there", stray whitespace.
RARE = [
    "We're gonna win, y'all, and I ain't got nothin' to lose. C'mon, let's go!",
    "I told you it was him. They saw me, and you gave it to her; he gets what he got.",
    "There is a problem and there were two more.  But he did, but then he had not.",
    "Do you have it?\n\nWhat does he want?  She's been there, hasn't she?\tYes.",
    "That is that, and those who know whether or not it works will say so.",
    "   Leading spaces, gotta love them \n\n\n and   gaps.",
]


def bundled_texts(limit_per_file: int = 60) -> list[str]:
    texts = [(ROOT / "examples" / "seed-article.txt").read_text(encoding="utf-8")] + RARE
    for path in sorted((ROOT / "tests" / "data").glob("*/*.jsonl")):
        if "heldout" in path.name:
            continue
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts += [json.loads(line)["text"] for line in lines[:limit_per_file]]
    return texts


def annotations(doc):
    return (doc.to_array([TAG, POS, MORPH, LEMMA, DEP, HEAD]).tolist(),
            [(str(token.morph), token.lemma_, token.pos_) for token in doc])


def test_tables_give_spacy_annotations_on_real_text():
    plain, tables = _load("en_core_web_sm"), _load("en_core_web_sm")
    assert use_rule_tables(tables) == ["attribute_ruler", "lemmatizer"]
    assert isinstance(tables.get_pipe("attribute_ruler"), AttributeTable)
    assert isinstance(tables.get_pipe("lemmatizer"), LemmaTable)
    assert tables.pipe_names == plain.pipe_names
    texts = bundled_texts()
    assert len(texts) > 200
    differing = [n for n, (a, b) in enumerate(zip(plain.pipe(texts), tables.pipe(texts)))
                 if annotations(a) != annotations(b)]
    assert differing == []


def test_rare_rules_fire_and_agree():
    plain, tables = _load("en_core_web_sm"), _load("en_core_web_sm")
    use_rule_tables(tables)
    doc = tables(RARE[0])
    lemmas = {token.text: token.lemma_ for token in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to" and lemmas["'s"] == "us"
    for text in RARE:
        assert annotations(plain(text)) == annotations(tables(text))


def test_unknown_rule_keeps_spacys_component():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"TAG": "NN"})  # a test the table does not know
    assert use_rule_tables(nlp) == []
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    assert nlp("the cat sat")[1].tag_ == "NN"


def test_empty_and_whitespace_docs():
    plain, tables = _load("en_core_web_sm"), _load("en_core_web_sm")
    use_rule_tables(tables)
    for text in ["", " ", "\n\n", "a"]:
        assert annotations(plain(text)) == annotations(tables(text))


@pytest.mark.parametrize("index", [0, -1])
def test_rule_index_counts_from_either_end(index):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"TAG": "NNP"}, index=index)
    plain = spacy.blank("en")
    plain.add_pipe("attribute_ruler").add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"TAG": "NNP"}, index=index)
    assert use_rule_tables(nlp) == ["attribute_ruler"]
    text = "New York and new york, not York or new."
    assert [t.tag_ for t in nlp(text)] == [t.tag_ for t in plain(text)]
    assert sum(t.tag_ == "NNP" for t in nlp(text)) == 2
