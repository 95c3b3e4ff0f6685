"""The record: the frozen, JSON-ready analysis of one article, and questions about it.

This is the one module the store, the renderers and the API share. It imports no spaCy and no
stage: they know records, not stages. The record's fields are described in docs/schema.md.
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = "1"

LAYERS = ("entities", "actors", "quotes", "events", "timexes", "places", "summary")




def entity(record: dict[str, Any], who: str) -> dict[str, Any] | None:
    """The entity with id `who`, or named `who`, or with a mention written `who`."""
    for item in record["entities"]:
        if item["id"] == who or item["name"] == who:
            return item
    for item in record["entities"]:
        if any(m["text"] == who for m in item["mentions"]):
            return item
    return None


def quotes_by(record: dict[str, Any], who: str) -> list[dict[str, Any]]:
    """Every quote whose speaker resolves to the entity `who` (an id, name or mention),
    pronoun speakers included."""
    found = entity(record, who)
    if found is None:
        return []
    return [q for q in record["quotes"] if q["speaker_entity"] == found["id"]]


def quote_text(quote: dict[str, Any]) -> str:
    """The content of a quote as one string, parts joined by an ellipsis."""
    return " … ".join(part["text"] for part in quote["content"])
