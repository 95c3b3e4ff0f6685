"""The document model.

An article enters as an `Article` (text plus metadata). Inside the pipeline the
shared state is the spaCy `Doc`, with one extension attribute per layer; each stage
adds its layer and reads the ones before it. At the boundary `to_record` turns the
Doc into a plain JSON-ready dict: that record is all the CLI, reports and workers
ever see, and Docs never cross processes.

Every span in a record is character offsets into the article text, with the text
it covers: {"start", "end", "text"} and text == record["text"][start:end].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc

SCHEMA_VERSION = "1"
LAYERS = ("entities", "actors", "quotes", "events", "timexes", "places", "summary")


@dataclass(frozen=True, slots=True, order=True)
class CharSpan:
    """A half-open range of characters [start, end) in the article text."""

    start: int
    end: int

    def text(self, text: str) -> str:
        return text[self.start:self.end]

    def to_json(self, text: str) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": text[self.start:self.end]}

    def overlaps(self, other: "CharSpan") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "CharSpan") -> bool:
        return self.start <= other.start and other.end <= self.end

    @classmethod
    def of(cls, span) -> "CharSpan":
        """From a spaCy Span or Token."""
        if hasattr(span, "start_char"):
            return cls(span.start_char, span.end_char)
        return cls(span.idx, span.idx + len(span.text))


@dataclass
class Article:
    """One input document: the exact text to analyse and what we know about it."""

    id: str
    text: str
    published: date | None = None
    headline: CharSpan | None = None
    standfirst: CharSpan | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None  # a headline given as metadata that is not part of the text
    origin: str = "<text>"  # where it came from, for messages: a path, "stdin", "feed.jsonl:12"
    published_from: str | None = None  # "input", "option" or None


@dataclass
class Failure:
    """An input record that could not be analysed, and why."""

    id: str
    origin: str
    message: str

    def to_record(self) -> dict[str, Any]:
        return {"id": self.id, "error": self.message}


@dataclass
class Layers:
    """The layers the stages add, in pipeline order."""

    entities: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    events: list = field(default_factory=list)
    timexes: list = field(default_factory=list)
    places: list = field(default_factory=list)
    summary: list = field(default_factory=list)


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
