"""Who did what to whom: PLOVER events with their evidence.

A trigger is a verb or event noun matched by a pattern in data/event_patterns.toml (the
pattern's name goes with the event, so every event says why it was coded). Roles come
from the trigger's own clause only:
  actor      the subject (climbing "threatened to ban", "continues to demand"), the
             passive agent ("attacked by X"), or for a noun its possessive, nationality
             word, compound or "by" phrase, or the subject of a light verb ("held talks");
  recipient  what the pattern names: the object, or the person or country it belongs to
             ("the offices of the Palestinian administrators"), the subject of "demanded
             that X ...", or a preposition (with, against, on, to ...).
Coordinated phrases make compound roles; with two or more actors and no recipient a
reciprocal pattern ("A and B agreed", "talks between A and B") codes all as both.
Each role is coded by the actor layer; a role nobody fills stays empty.

Modality is kept as fields: negated, and hypothetical with a `modality` of possible
("could meet"), planned ("plans to"), intended ("offered to", "will", in PLOVER's
sense an intention), conditional ("unless"). Following PLOVER, an intended cooperative
act is AGREE and an intended conflictual one THREATEN; a refused one ("will not
accept") is REJECT. Events describing the setting of the news ("after fierce
fighting", "a deal that could end the war") are not coded. The same event stated twice
(same type, actor and recipient) is one event with all its evidence.

The package, bottom-up (no module imports one below it in this list):
  context            who is who: the article's indexes and word lists (EventContext)
  triggers           which pattern a token triggers
  clauses            whether a trigger is news, and whose clause it is
  recipient_sources  where a pattern's recipient may be named
  roles              who the actor and the recipient are
  modality           how the event is meant, and how PLOVER reads it
  quoted             events inside quotations
  merge              one event per act
  coder              the parts composed: EventCoder
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...document.layers import Event
from ..base import Resources
from .coder import EventCoder

__all__ = ["EventCoder", "add_events", "find_events"]


def find_events(doc: Doc, resources: Resources) -> list[Event]:
    """The article's events, without writing them to the Doc."""
    return EventCoder(doc, resources.knowledge.events).code()


def add_events(doc: Doc, resources: Resources) -> None:
    doc._.layers.events = find_events(doc, resources)
