"""Who holds an office named without a name ("the president of the Russian Federation") on
the publication date."""

from __future__ import annotations

from datetime import date

from ...document.article import CharSpan
from ...document.layers import ActorMention, Entity, Evidence, Mention
from ...knowledge.terms import Term
from .modifiers import PhraseReader

# "a minister", "any president": no one office holder in particular
INDEFINITE = ("a", "an", "any", "some", "no")


def link_office(reader: PhraseReader, actor: ActorMention, term: tuple[Term, CharSpan, str], start: int,
                when: date | None) -> None:
    """ "the president of the Russian Federation" -> the president on that date: the actor
    phrase becomes a mention of the holder, who joins the entity list if not yet in it."""
    doc = reader.doc
    if doc[start].lower_ in INDEFINITE or doc[actor.head].tag_ in ("NNS", "NNPS"):
        return
    holder = reader.knowledge.actors.holder(actor.country, term[2].lower(), when)
    if holder is None:
        return
    known, coding = holder
    entities = reader.entities
    entity = next((e for e in entities if e.known is known), None)
    if entity is None:
        entity = Entity(id=f"e{len(entities) + 1}", name=known.name, type="PERSON", known=known,
                        country=coding.country, sectors=list(coding.sectors), title=coding.title,
                        gender=known.gender)
        entity.evidence.append(Evidence("entity", coding.source, actor.span, "office holder on the publication date"))
        entities.append(entity)
    entity.add(Mention(actor.span.start, actor.span.end, actor.i, actor.j, "description"))
    actor.entity = entity
    actor.evidence.append(Evidence("entity", coding.source, actor.span, f"{known.name}, {coding.title or 'office holder'}"))
