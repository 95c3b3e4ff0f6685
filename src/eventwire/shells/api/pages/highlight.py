"""An article's text cut into segments at every boundary of every fact's span, so that each
fact is highlighted at exactly its evidence characters.

A mark is one span of one fact: (start, end, kind, fact). Kinds are what the page colours:
actor, speaker, quote, cue, trigger, date, place. An event also marks the spans of its roles
(kinds role-actor, role-recipient, role-date, role-place), shown only while it is selected.
Overlapping spans do not nest as elements: the text is split at all span boundaries, and each
segment carries every mark that covers it, so a fact's span is the run of segments carrying
its id, from the first one's start to the last one's end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

ROLE_SPANS = (("actor", "actor"), ("recipient", "recipient"), ("date", "date"), ("place", "place"))


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    fact: str  # "a3" (an actor phrase), "q2" (a quote), "v1" (an event), "t4" (a date), "p0" (a place)


@dataclass
class Segment:
    start: int
    end: int
    text: str
    kinds: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)  # "v1" for its trigger, "v1:actor" for a role

    @property
    def marked(self) -> bool:
        return bool(self.kinds)


def marks(record: dict[str, Any]) -> list[Mark]:
    """Every span of every fact in the record, as marks."""
    found: list[Mark] = []
    for n, actor in enumerate(record.get("actors") or []):
        found += _mark(actor.get("span"), "actor", f"a{n}")
    for quote in record.get("quotes") or []:
        for part in quote.get("content") or []:
            found += _mark(part, "quote", quote["id"])
        found += _mark(quote.get("cue"), "cue", quote["id"])
        found += _mark(quote.get("speaker"), "speaker", quote["id"])
    for event in record.get("events") or []:
        triggers = [piece["trigger"] for piece in event.get("evidence") or []] or [event.get("trigger")]
        for trigger in triggers:
            found += _mark(trigger, "trigger", event["id"])
        for role, kind in ROLE_SPANS:
            found += _mark(_role_span(event, role), f"role-{kind}", f"{event['id']}:{role}")
    for n, timex in enumerate(record.get("timexes") or []):
        found += _mark(timex.get("span"), "date", f"t{n}")
    for n, place in enumerate(record.get("places") or []):
        found += _mark(place.get("span"), "place", f"p{n}")
    return found


def segments(text: str, found: Iterable[Mark]) -> list[Segment]:
    """The text cut at every mark's start and end; each piece with the marks covering it."""
    found = [m for m in found if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in found), *(m.end for m in found)})
    starting: dict[int, list[Mark]] = {}
    for mark in found:
        starting.setdefault(mark.start, []).append(mark)
    open_marks: list[Mark] = []
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        open_marks = [m for m in open_marks if m.end > start] + starting.get(start, [])
        pieces.append(Segment(start, end, text[start:end], _unique(m.kind for m in open_marks),
                              _unique(m.fact for m in open_marks)))
    return pieces


def _role_span(event: dict[str, Any], role: str) -> dict[str, Any] | None:
    value = event.get(role)
    return value.get("span") if isinstance(value, dict) else None


def _mark(span: dict[str, Any] | None, kind: str, fact: str) -> list[Mark]:
    if not span or span.get("start") is None or span.get("end") is None:
        return []
    return [Mark(span["start"], span["end"], kind, fact)]


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
