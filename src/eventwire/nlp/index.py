"""Token-level indexes over the layers a Doc already has: which entity, mention or actor phrase
covers a token. Several stages ask these questions; they are answered here once, the same way."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


def entity_at(doc: Doc) -> dict[int, Any]:
    """Token index -> the entity one of whose mentions covers it. Where mentions overlap, the
    first listed wins, except that a pronoun always does ("he" is its own mention)."""
    owner: dict[int, Any] = {}
    for entity in doc._.layers.entities:
        for mention in entity.mentions:
            for k in range(mention.i, mention.j):
                if k not in owner or mention.kind == "pronoun":
                    owner[k] = entity
    return owner


def mention_at(doc: Doc) -> dict[int, tuple[Any, Any]]:
    """Token index -> (entity, mention) of the first mention that covers it."""
    at: dict[int, tuple[Any, Any]] = {}
    for entity in doc._.layers.entities:
        for mention in entity.mentions:
            for k in range(mention.i, mention.j):
                at.setdefault(k, (entity, mention))
    return at


def actor_at(doc: Doc) -> dict[int, Any]:
    """Token index of an actor phrase's head -> the actor phrase."""
    return {actor.head: actor for actor in doc._.layers.actors}
