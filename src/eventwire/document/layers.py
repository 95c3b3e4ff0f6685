"""Every layer type the stages add, below all stages (as spaCy keeps Doc and Span apart from
its components): a stage imports the types it reads from here, never from another stage.

Each type turns itself into JSON with `to_json(text)`; the record's shape is docs/schema.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..knowledge.actors import NamedActor
from ..knowledge.countries import Country
from ..knowledge.events import NOT_HAPPENED
from ..knowledge.places import CITY, COUNTRY, REGION, Place
from .article import CharSpan


@dataclass
class Mention:
    start: int
    end: int
    i: int  # token range [i, j)
    j: int
    kind: str  # name, adjective, demonym, metonym, description, pronoun

    @property
    def span(self) -> CharSpan:
        return CharSpan(self.start, self.end)

    def to_json(self, text: str) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": text[self.start:self.end], "kind": self.kind}

@dataclass
class Evidence:
    """Why a field holds its value: a span of the text, or a knowledge record."""

    field: str  # country, sectors, title, entity
    source: str  # "text", or a knowledge file and line
    span: CharSpan | None = None
    note: str | None = None

    def to_json(self, text: str) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "source": self.source}
        if self.span is not None:
            out["span"] = self.span.to_json(text)
        if self.note:
            out["note"] = self.note
        return out

@dataclass(eq=False)
class Entity:
    id: str
    name: str
    type: str  # PERSON, ORG, GPE, LOC, FAC, NORP
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    title: str | None = None
    title_span: CharSpan | None = None
    gender: str | None = None
    known: NamedActor | None = None  # knowledge-base person or organisation
    nation: Country | None = None  # when the entity is a country
    place: Place | None = None  # best place for a place entity (refined by the places stage)
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "sectors": list(self.sectors),
            "title": self.title,
            "mentions": [m.to_json(text) for m in sorted(self.mentions, key=lambda m: m.start)],
            "evidence": [e.to_json(text) for e in self.evidence],
        }

    def add(self, mention: Mention) -> None:
        if not any(m.start == mention.start and m.end == mention.end for m in self.mentions):
            self.mentions.append(mention)


@dataclass(eq=False)
class ActorMention:
    span: CharSpan
    i: int
    j: int
    head: int
    country: str | None
    sectors: list[str]
    entity: Entity | None = None
    backer: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "span": self.span.to_json(text),
            "country": self.country,
            "sectors": list(self.sectors),
            "entity": self.entity.id if self.entity else None,
            "backer": self.backer,
            "evidence": [e.to_json(text) for e in self.evidence],
        }


@dataclass(eq=False)
class Quote:
    kind: str
    parts: list[CharSpan]
    cue: CharSpan | None = None
    speaker: CharSpan | None = None
    speaker_head: int | None = None
    entity: Entity | None = None
    actor: ActorMention | None = None
    addressee: CharSpan | None = None
    via: CharSpan | None = None
    how: str = ""  # the frame that found it, for "why was this read as a quote"
    id: str = ""

    @property
    def start(self) -> int:
        return min(p.start for p in self.parts)

    def to_json(self, text: str) -> dict[str, Any]:
        code = None
        if self.actor is not None:
            code = {"country": self.actor.country, "sectors": list(self.actor.sectors)}
        elif self.entity is not None:
            code = {"country": self.entity.country, "sectors": list(self.entity.sectors)}
        return {
            "id": self.id,
            "kind": self.kind,
            "content": [p.to_json(text) for p in self.parts],
            "cue": self.cue.to_json(text) if self.cue else None,
            "speaker": self.speaker.to_json(text) if self.speaker else None,
            "speaker_entity": self.entity.id if self.entity else None,
            "speaker_actor": code,
            "addressee": self.addressee.to_json(text) if self.addressee else None,
            "via": self.via.to_json(text) if self.via else None,
            "how": self.how,
        }


@dataclass(eq=False)
class Role:
    heads: list[int]
    span: CharSpan | None
    entities: list[Entity] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    note: str | None = None

    @property
    def empty(self) -> bool:
        return not self.heads

    def key(self) -> tuple:
        return tuple(sorted(set(self.countries))) or tuple(sorted(self.heads))

    def to_json(self, text: str) -> dict[str, Any]:
        out = {
            "entities": [e.id for e in self.entities],
            "countries": list(self.countries),
            "sectors": list(self.sectors),
            "span": self.span.to_json(text) if self.span else None,
        }
        if self.note:
            out["note"] = self.note
        return out

@dataclass(eq=False)
class Event:
    type: str
    pattern: str
    trigger: CharSpan
    sentence: CharSpan
    trigger_i: int
    actor: Role | None = None
    recipient: Role | None = None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    negated: bool = False
    modality: str | None = None
    intended: str | None = None  # the act intended, refused or threatened, when the type says so
    reciprocal: bool = False
    reported_by: Entity | None = None
    quote_id: str | None = None
    confidence: float = 0.8
    evidence: list[tuple[CharSpan, CharSpan]] = field(default_factory=list)
    id: str = ""
    date: Any = None
    intended_date: Any = None  # for a promise, threat or refusal: when the act it is about would be
    place: Any = None
    intensity: float | None = None
    cameo: str | None = None
    quad: str | None = None

    @property
    def hypothetical(self) -> bool:
        return self.modality is not None

    @property
    def counted(self) -> bool:
        """Whether this is an event that happened (or an act of saying that was made): not
        negated, and not only possible, planned or required."""
        return not self.negated and self.modality not in NOT_HAPPENED

    def key(self) -> tuple:
        """Same type, actor and recipient, and the same footing: a meeting that could
        happen is not the talks that are under way (planned ones are)."""
        conjectural = self.modality in ("possible", "conditional", "required", "intended")
        return (self.type, self.actor.key() if self.actor else (), self.recipient.key() if self.recipient else (),
                self.negated, conjectural)

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "counted": self.counted,
            "modality": self.modality,
            "intended": self.intended,
            "reciprocal": self.reciprocal,
            "actor": self.actor.to_json(text) if self.actor and not self.actor.empty else None,
            "recipient": self.recipient.to_json(text) if self.recipient and not self.recipient.empty else None,
            "trigger": self.trigger.to_json(text),
            "sentence": self.sentence.to_json(text),
            "evidence": [{"trigger": t.to_json(text), "sentence": s.to_json(text)} for t, s in self.evidence],
            "date": self.date.to_json(text) if self.date is not None else None,
            "intended_date": self.intended_date.to_json(text) if self.intended_date is not None else None,
            "place": self.place.to_json(text) if self.place is not None else None,
            "intensity": self.intensity,
            "quad": self.quad,
            "cameo": self.cameo,
            "confidence": round(self.confidence, 2),
            "pattern": self.pattern,
            "reported_by": self.reported_by.id if self.reported_by else None,
            "quote": self.quote_id,
        }


@dataclass(eq=False)
class Timex:
    span: CharSpan
    type: str
    value: str | None
    mod: str | None = None
    rule: str = ""
    quant: str | None = None  # a SET's quantifier: EVERY, EACH
    freq: str | None = None   # a SET's frequency within its period: 2X ("twice a week")

    def to_json(self, text: str) -> dict[str, Any]:
        out = {"span": self.span.to_json(text), "type": self.type, "value": self.value}
        if self.mod:
            out["mod"] = self.mod
        if self.quant:
            out["quant"] = self.quant
        if self.freq:
            out["freq"] = self.freq
        return out


@dataclass(eq=False)
class Toponym:
    span: CharSpan
    place: Place | None
    entity: Entity | None = None
    i: int = 0
    j: int = 0
    via: str | None = None  # "adjective" ("Israeli troops") or "demonym" ("Texans"): a word for the place's people
    reason: str | None = None  # why this place and not a namesake: "written after: Texas", "most prominent"

    def to_json(self, text: str) -> dict[str, Any]:
        place = self.place
        feature = None
        if place is not None:
            feature = place.feature if place.feature in (CITY, REGION, COUNTRY) else "other"
        out = {
            "span": self.span.to_json(text),
            "name": place.name if place else text[self.span.start:self.span.end],
            "lat": round(place.lat, 5) if place else None,
            "lon": round(place.lon, 5) if place else None,
            "country": place.country if place else None,
            "geonameid": place.geonameid if place else None,
            "feature": feature,
            "entity": self.entity.id if self.entity else None,
        }
        if self.via:
            out["via"] = self.via
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass
class EventDate:
    value: str | None
    type: str
    source: str  # "text": the event's own clause; "report": the report's date; "published"
    span: CharSpan | None = None

    def to_json(self, text: str) -> dict[str, Any]:
        return {"value": self.value, "type": self.type, "source": self.source,
                "span": self.span.to_json(text) if self.span else None}

@dataclass
class EventPlace:
    toponym: Any  # places.Toponym

    def to_json(self, text: str) -> dict[str, Any]:
        out = self.toponym.to_json(text)
        out.pop("entity", None)
        return out


@dataclass
class SummarySentence:
    span: CharSpan
    score: float = 0.0

    def to_json(self, text: str) -> dict[str, Any]:
        return self.span.to_json(text)


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
