"""The spaCy side of the document model: the Doc carries the article and its layers through the
stages, and `to_record` turns it into the frozen, JSON-ready record at the boundary. Docs never
cross processes; records do.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from ..record import LAYERS, SCHEMA_VERSION
from .article import Article
from .layers import Layers


def _register() -> None:
    for name in ("article", "layers"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)

_register()

def start_document(doc: Doc, article: Article) -> Doc:
    doc._.article = article
    doc._.layers = Layers()
    return doc

def to_record(doc: Doc) -> dict[str, Any]:
    """The frozen, JSON-ready analysis of one article (schema in docs/schema.md)."""
    article: Article = doc._.article
    layers: Layers = doc._.layers
    text = article.text
    record: dict[str, Any] = {
        "id": article.id,
        "schema": SCHEMA_VERSION,
        "text": text,
        "published": article.published.isoformat() if article.published else None,
        "headline": article.headline.to_json(text) if article.headline else None,
        "standfirst": article.standfirst.to_json(text) if article.standfirst else None,
        "meta": {
            "url": article.url,
            "source": article.source,
            "title": article.title,
            "published_from": article.published_from,
        },
    }
    for name in LAYERS:
        record[name] = [item.to_json(text) for item in getattr(layers, name)]
    return record
