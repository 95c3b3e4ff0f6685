"""The quotes stage: who said what. The analyzer calls `add_quotes`; `find_quotes` returns the
layer so it can be tested alone."""

from __future__ import annotations

from spacy.tokens import Doc

from ...document.layers import Quote
from ..base import Resources
from .finder import QuoteFinder


def add_quotes(doc: Doc, resources: Resources) -> None:
    doc._.layers.quotes = find_quotes(doc, resources)


def find_quotes(doc: Doc, resources: Resources) -> list[Quote]:
    return QuoteFinder(doc, resources).find()
