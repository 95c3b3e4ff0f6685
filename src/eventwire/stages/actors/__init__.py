"""Actors: a PLOVER country and sectors for every entity and every actor-like phrase,
with the words or knowledge records that justify each field.

Entities are coded first (entity_coding.py), from the words around their mentions
(modifiers.py) and the knowledge base; then every noun phrase that names an actor is coded
(phrases.py), and an office named without a name is linked to its holder (offices.py).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...document.layers import ActorMention, Entity
from ..base import Resources
from .entity_coding import EntityCoder
from .modifiers import PhraseReader
from .phrases import PhraseCoder


def add_actors(doc: Doc, resources: Resources) -> None:
    """Assigns two layers: `actors`, and `entities` again. The entities' country, sectors
    and title are filled in place, and linking an office to its holder ("the president of
    the Russian Federation") may add a person, so the entity list is replaced."""
    entities, actors = code_actors(doc, resources)
    doc._.layers.actors = actors
    doc._.layers.entities = entities


def find_actors(doc: Doc, resources: Resources) -> list[ActorMention]:
    """The actor phrases alone. Like add_actors, it codes the Doc's entities in place; the
    office holders it may add are not kept."""
    return code_actors(doc, resources)[1]


def code_actors(doc: Doc, resources: Resources) -> tuple[list[Entity], list[ActorMention]]:
    """The entity list (coded, with any office holders added) and the actor phrases."""
    entities = list(doc._.layers.entities)
    when = doc._.article.published if doc._.article else None
    reader = PhraseReader(doc, resources.knowledge, entities)
    EntityCoder(reader, when).code_entities()
    return entities, PhraseCoder(reader, when).find_phrases()
