"""Finding known names in a Doc: countries and their forms, capitals, and named actors.

Built once per loaded model from the knowledge (PhraseMatcher patterns are tied to the
model's vocabulary) and shared by every document the analyzer reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..knowledge import Knowledge

COUNTRY, ACTOR = "COUNTRY", "ACTOR"


@dataclass(frozen=True)
class Match:
    i: int  # first token
    j: int  # one past the last token
    kind: str  # COUNTRY (a country form or capital) or ACTOR (a named person or organisation)


class Gazetteer:
    def __init__(self, nlp: Language, knowledge: Knowledge):
        self.knowledge = knowledge
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        tokenizer = nlp.tokenizer
        self.exact.add(COUNTRY, list(tokenizer.pipe(sorted(knowledge.countries.forms))))
        exact_forms = sorted(knowledge.actors.by_form)
        self.exact.add(ACTOR, list(tokenizer.pipe(exact_forms)))
        # Multi-word names also match in any case ("ASSOCIATED PRESS", "foreign ministry of x").
        # So do the entries of case-insensitive (CAMEO) dictionaries.
        folded = {form.lower() for form in exact_forms if " " in form}
        folded |= knowledge.actors.any_case
        if folded:
            self.folded.add(ACTOR, list(tokenizer.pipe(sorted(folded))))

    def find(self, doc: Doc) -> list[Match]:
        """Known names in the doc, longest first where they overlap."""
        strings = doc.vocab.strings
        found = {}
        for matcher in (self.exact, self.folded):
            for match_id, i, j in matcher(doc):
                found[(i, j, strings[match_id])] = None
        return [Match(i, j, kind) for (i, j, kind) in sorted(found, key=lambda m: (m[0], -(m[1] - m[0])))]
