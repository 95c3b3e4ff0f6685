"""Entities: people, organisations and places, each mention resolved within the article.

spaCy's NER and the gazetteer propose candidate mentions (candidates.py, with the places NER
missed in place_names.py); the grouper makes them entities (grouping.py). Pronouns are
resolved later (coref.py), once actors are coded.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...document.layers import Entity
from ..base import Resources
from .candidates import find_candidates
from .grouping import EntityGrouper
from .surnames import add_repeated_surnames


def add_entities(doc: Doc, resources: Resources) -> None:
    doc._.layers.entities = find_entities(doc, resources)


def find_entities(doc: Doc, resources: Resources) -> list[Entity]:
    candidates = find_candidates(doc, resources)
    grouper = EntityGrouper(doc, resources)
    for cand in candidates:
        grouper.add_candidate(cand)
    grouper.link_people()
    entities = grouper.finish()
    add_repeated_surnames(doc, entities)
    return entities
