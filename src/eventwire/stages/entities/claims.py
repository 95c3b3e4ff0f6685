"""What a candidate mention is, which candidate claims each token, and the label a name the
gazetteer knows takes."""

from __future__ import annotations

from dataclasses import dataclass

from ...knowledge.actors import PERSON
from ...knowledge.countries import ADJECTIVE, DEMONYM
from ...nlp.gazetteer import COUNTRY
from ..base import Resources


# A plain dataclass, so equal by value: `taken.remove(cand)` and `cand in taken` rely on
# that, as they always have.
@dataclass
class Candidate:
    i: int  # token range [i, j)
    j: int
    label: str
    from_gazetteer: str | None = None  # COUNTRY or ACTOR when the gazetteer knows the span


class Claims:
    """The candidates taken so far, in the order they were found, and the candidate that
    holds each token (the latest to claim it)."""

    def __init__(self) -> None:
        self.taken: list[Candidate] = []
        self.owner: dict[int, Candidate] = {}

    def take(self, cand: Candidate) -> None:
        self.taken.append(cand)
        self.hold(cand)

    def hold(self, cand: Candidate) -> None:
        """Claim the candidate's tokens again, after it grew."""
        for k in range(cand.i, cand.j):
            self.owner[k] = cand


def label_for(text: str, kind: str, resources: Resources) -> str:
    """The NER label for a name the gazetteer found: a country form is a place (GPE) or a
    nationality word (NORP); a named actor is a person or an organisation."""
    if kind == COUNTRY:
        found = resources.knowledge.countries.lookup(text)
        if found and found[1] in (ADJECTIVE, DEMONYM):
            return "NORP"
        return "GPE"
    actors = resources.knowledge.actors.lookup(text)
    if actors and actors[0].kind == PERSON:
        return "PERSON"
    return "ORG"
