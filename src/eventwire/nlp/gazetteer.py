"""Finding known names in a Doc: countries and their forms, capitals, and named actors.

A name matches where the Doc's tokens are the tokens the model's tokenizer makes of the name:
exactly, or, for multi-word names and case-insensitive (CAMEO) dictionary entries, in any case.
That is what spaCy's PhraseMatcher does; but a PhraseMatcher needs its ~9,000 patterns tokenized
into the model's vocabulary at every start (seconds, most of them making lexemes). Here the
tokenized names are kept in a small cache file, keyed by the model, spaCy's version and the names
themselves, and matched with a dictionary from each name's first token.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc

from ..knowledge import Knowledge
from ..settings import default_cache_dir

COUNTRY, ACTOR = "COUNTRY", "ACTOR"


@dataclass(frozen=True)
class Match:
    i: int  # first token
    j: int  # one past the last token
    kind: str  # COUNTRY (a country form or capital) or ACTOR (a named person or organisation)


# first token -> number of tokens -> name tuple -> the kinds it is a name of
_Index = dict[str, dict[int, dict[tuple[str, ...], list[str]]]]


class Gazetteer:
    def __init__(self, nlp: Language, knowledge: Knowledge, cache_dir: Path | None = None):
        self.knowledge = knowledge
        exact_forms = sorted(knowledge.actors.by_form)
        # Multi-word names also match in any case ("ASSOCIATED PRESS", "foreign ministry of x").
        # So do the entries of case-insensitive (CAMEO) dictionaries.
        folded = sorted({form.lower() for form in exact_forms if " " in form} | knowledge.actors.any_case)
        groups = {"country": sorted(knowledge.countries.forms), "actor": exact_forms, "folded": folded}
        tokens = _tokenized(nlp, groups, cache_dir or default_cache_dir())
        self.exact: _Index = {}
        self.folded: _Index = {}
        _index(self.exact, tokens["country"], COUNTRY)
        _index(self.exact, tokens["actor"], ACTOR)
        # folded names are compared by their tokens' lower case, as the LOWER attribute is
        _index(self.folded, [[token.lower() for token in name] for name in tokens["folded"]], ACTOR)
        # The first words' hashes, as the Doc's ORTH and LOWER arrays hold them: a token that
        # starts no name is passed over without its text being read.
        self.exact_firsts = {hash_string(word) for word in self.exact}
        self.folded_firsts = {hash_string(word) for word in self.folded}

    def find(self, doc: Doc) -> list[Match]:
        """Known names in the doc, longest first where they overlap."""
        found: dict[tuple[int, int, str], None] = {}
        strings = doc.vocab.strings
        orth_lower = doc.to_array([ORTH, LOWER]).T.tolist()  # no Token object per word
        n = len(doc)
        for index, firsts, hashes in ((self.exact, self.exact_firsts, orth_lower[0]),
                                      (self.folded, self.folded_firsts, orth_lower[1])):
            words: dict[int, str] = {}  # position -> text, read only near a name's first word

            def word(k: int) -> str:
                if k not in words:
                    words[k] = strings[hashes[k]]
                return words[k]

            folded = index is self.folded
            for i in [i for i, h in enumerate(hashes) if h in firsts]:
                for length, names in index[word(i)].items():
                    j = i + length
                    if j > n:
                        continue
                    if folded and length == 1 and orth_lower[0][i] == hashes[i]:
                        continue  # "outside the congress building": a word in lower case is no name
                    kinds = names.get(tuple(word(k) for k in range(i, j)))
                    for kind in kinds or ():
                        found[(i, j, kind)] = None
        return [Match(i, j, kind) for (i, j, kind) in sorted(found, key=lambda m: (m[0], -(m[1] - m[0])))]


def _index(index: _Index, names: list[list[str]], kind: str) -> None:
    for name in names:
        if name:
            kinds = index.setdefault(name[0], {}).setdefault(len(name), {}).setdefault(tuple(name), [])
            if kind not in kinds:
                kinds.append(kind)


def _tokenized(nlp: Language, groups: dict[str, list[str]], cache_dir: Path) -> dict[str, list[list[str]]]:
    """The token texts the model's tokenizer makes of each name, from the cache when it has them."""
    digest = hashlib.sha256(json.dumps(
        [nlp.meta.get("name"), nlp.meta.get("version"), spacy.__version__, groups]).encode()).hexdigest()[:16]
    path = cache_dir / f"gazetteer-{digest}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    tokens = {group: [[t.text for t in doc] for doc in nlp.tokenizer.pipe(names)] for group, names in groups.items()}
    try:  # a cache that cannot be written only costs the next start this work again
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(tokens, out)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError:
        pass
    return tokens
